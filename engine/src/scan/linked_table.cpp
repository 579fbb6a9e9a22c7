// Header mapping and row parsing for the transfers and non_prosecutions tables (linked_table.h).
#include "scan/linked_table.h"

#include <fmt/format.h>

#include "common/text.h"
#include "xianjie/value_parse.h"

namespace xianjie {

LinkedTableReader::LinkedTableReader(TableKind table, const std::vector<std::string>& header, const ColumnMapping* mapping)
    : table_(table), header_(header) {
  const auto& fields = table_fields(table);
  column_of_.assign(fields.size(), -1);
  for (size_t c = 0; c < header.size(); ++c) {
    NormalizedHeader nh = normalize_header(header[c]);
    int found = -1;
    if (mapping)
      for (const auto& [alias, canonical] : mapping->aliases)
        if (alias == nh.name || alias == header[c])
          for (size_t f = 0; f < fields.size(); ++f)
            if (fields[f].name == canonical) found = static_cast<int>(f);
    for (size_t f = 0; f < fields.size() && found < 0; ++f) {
      if (fields[f].name == nh.name) found = static_cast<int>(f);
      for (auto a : fields[f].aliases)
        if (a == nh.name) found = static_cast<int>(f);
    }
    if (found >= 0 && column_of_[static_cast<size_t>(found)] < 0) column_of_[static_cast<size_t>(found)] = static_cast<int>(c);
  }
  std::string missing;
  for (size_t f = 0; f < fields.size(); ++f)
    if (column_of_[f] < 0) missing += (missing.empty() ? "" : "、") + std::string(fields[f].label);
  if (!missing.empty()) notes_.push_back(fmt::format("{}表缺少列: {}", table == TableKind::kTransfers ? "移送" : "不起诉", missing));
}

Value LinkedTableReader::get(const std::string_view* fields, std::string_view name, std::vector<ValueError>& errors) const {
  const auto& defs = table_fields(table_);
  for (size_t f = 0; f < defs.size(); ++f) {
    if (defs[f].name != name) continue;
    int c = column_of_[f];
    if (c < 0) return Value();
    Value out;
    std::string err;
    if (parse_field(defs[f].type, fields[c], 1, out, err)) return out;
    ValueError e;
    e.column = header_[static_cast<size_t>(c)];
    e.field = std::string(name);
    e.raw = std::string(fields[c]);
    e.reason = err;
    errors.push_back(std::move(e));
    return Value();
  }
  return Value();
}

std::string LinkedTableReader::text(const std::string_view* fields, std::string_view name, std::vector<ValueError>& errors) const {
  Value v = get(fields, name, errors);
  return v.is_null() ? std::string() : std::string(trim(v.display()));
}

std::optional<Date> LinkedTableReader::date(const std::string_view* fields, std::string_view name,
                                            std::vector<ValueError>& errors) const {
  Value v = get(fields, name, errors);
  if (v.type() != ValueType::kDate) return std::nullopt;
  return v.as_date();
}

TransferRow LinkedTableReader::transfer(const std::string_view* fields, const std::string& location,
                                        std::vector<ValueError>& errors) const {
  TransferRow t;
  t.source = location;
  t.case_id = text(fields, "case_id", errors);
  t.transfer_no = text(fields, "transfer_no", errors);
  t.transfer_date = date(fields, "transfer_date", errors);
  t.receiving_agency = text(fields, "receiving_agency", errors);
  t.police_decision = text(fields, "police_decision", errors);
  t.police_decision_date = date(fields, "police_decision_date", errors);
  return t;
}

NonProsecutionRow LinkedTableReader::non_prosecution(const std::string_view* fields, const std::string& location,
                                                     std::vector<ValueError>& errors) const {
  NonProsecutionRow n;
  n.source = location;
  n.np_id = text(fields, "np_id", errors);
  n.party_name = text(fields, "party_name", errors);
  n.party_id = text(fields, "party_id", errors);
  n.offense = text(fields, "offense", errors);
  n.decision_date = date(fields, "decision_date", errors);
  Value b = get(fields, "needs_admin_penalty", errors);
  if (b.type() == ValueType::kBool) n.needs_admin_penalty = b.as_bool();
  n.referred_agency = text(fields, "referred_agency", errors);
  n.referral_date = date(fields, "referral_date", errors);
  return n;
}

}  // namespace xianjie
