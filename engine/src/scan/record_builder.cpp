// Column planning from headers, and typed parsing of rows (see record_builder.h).
#include "scan/record_builder.h"

#include <fmt/format.h>

#include "common/text.h"
#include "xianjie/value_parse.h"

namespace xianjie {

RecordBuilder::RecordBuilder(const RuleSet& rules, const std::vector<std::string>& header,
                             const ColumnMapping* mapping, std::vector<std::string>& notes, bool only_read_slots)
    : RecordBuilder(rules.extra_columns(), header, mapping, notes, only_read_slots ? &rules.slots_read() : nullptr) {}

RecordBuilder::RecordBuilder(const std::vector<std::string>& extra, const std::vector<std::string>& header,
                             const ColumnMapping* mapping, std::vector<std::string>& notes,
                             const std::vector<bool>* read_slots) {
  const auto& fields = cases_fields();
  slot_count_ = fields.size() + extra.size();
  std::vector<int> taken(slot_count_, -1);
  std::vector<std::string> unmapped;
  for (size_t c = 0; c < header.size(); ++c) {
    NormalizedHeader nh = normalize_header(header[c]);
    int slot = -1;
    if (mapping)
      for (const auto& [alias, canonical] : mapping->aliases)
        if (alias == nh.name || alias == header[c]) {
          if (auto s = find_case_field(canonical)) slot = *s;
        }
    for (size_t f = 0; f < fields.size() && slot < 0; ++f) {
      if (fields[f].name == nh.name) slot = static_cast<int>(f);
      for (auto a : fields[f].aliases)
        if (a == nh.name) slot = static_cast<int>(f);
    }
    for (size_t k = 0; k < extra.size() && slot < 0; ++k)
      if (extra[k] == header[c] || extra[k] == nh.name) slot = static_cast<int>(fields.size() + k);
    if (slot < 0) {
      unmapped.push_back(header[c]);
      continue;
    }
    if (taken[static_cast<size_t>(slot)] >= 0) {
      notes.push_back(fmt::format("列“{}”与列“{}”都对应字段 {}，使用前者", header[static_cast<size_t>(taken[static_cast<size_t>(slot)])],
                                  header[c], slot < static_cast<int>(fields.size()) ? fields[static_cast<size_t>(slot)].name : header[c]));
      continue;
    }
    taken[static_cast<size_t>(slot)] = static_cast<int>(c);
    if (slot == slot::kQuantityUnit) quantity_unit_column_ = static_cast<int>(c);
    if (read_slots && !(*read_slots)[static_cast<size_t>(slot)]) continue;
    ColumnPlan p;
    p.column = static_cast<int>(c);
    p.slot = slot;
    p.type = slot < static_cast<int>(fields.size()) ? fields[static_cast<size_t>(slot)].type : FieldType::kText;
    p.scale = nh.scale;
    p.header = header[c];
    if (p.type == FieldType::kQuantity && !nh.suffix.empty()) p.unit_hint = nh.suffix;
    // 超标倍数 is a multiple of the emission standard even when the cell is a bare number.
    if (slot == find_case_field("exceed_multiple") && p.unit_hint.empty()) p.unit_hint = "倍";
    if (nh.scale != 1 && p.type != FieldType::kAmount)
      notes.push_back(fmt::format("列“{}”的单位不是金额字段的单位，已忽略", header[c]));
    if (slot == slot::kQuantity) quantity_plan_ = static_cast<int>(plan_.size());
    plan_.push_back(std::move(p));
  }
  if (!unmapped.empty()) {
    std::string list;
    for (size_t k = 0; k < unmapped.size() && k < 12; ++k) list += (k ? "、" : "") + unmapped[k];
    if (unmapped.size() > 12) list += fmt::format(" 等 {} 列", unmapped.size());
    notes.push_back("未对应标准字段的列（规则可用反引号引用）: " + list);
  }
  if (taken[slot::kCaseId] < 0) notes.push_back("输入中没有案件编号列（案件编号/案号/处罚决定书文号…）");
}

std::vector<bool> RecordBuilder::columns_used(size_t column_count) const {
  std::vector<bool> used(column_count, false);
  for (const auto& p : plan_) used[static_cast<size_t>(p.column)] = true;
  if (quantity_plan_ >= 0 && quantity_unit_column_ >= 0) used[static_cast<size_t>(quantity_unit_column_)] = true;
  return used;
}

void RecordBuilder::build(const std::string_view* fields, Record& record, std::vector<ValueError>& errors) const {
  // Slots no column maps to stay null for the whole input; every planned slot is written below.
  if (record.layout != this || record.slots.size() != slot_count_) {
    record.slots.assign(slot_count_, Value());
    record.layout = this;
  }
  std::string err;
  for (size_t k = 0; k < plan_.size(); ++k) {
    const ColumnPlan& p = plan_[k];
    std::string_view raw = fields[p.column];
    Value& out = record.slots[static_cast<size_t>(p.slot)];
    bool ok;
    if (p.type == FieldType::kQuantity) {
      if (is_missing_token(raw)) {
        out = Value();
        continue;
      }
      std::string_view unit = p.unit_hint;
      // The 计量单位 column describes 涉案数量 only.
      if (unit.empty() && p.slot == slot::kQuantity && quantity_unit_column_ >= 0) {
        std::string_view u = trim(fields[quantity_unit_column_]);
        if (!is_missing_token(u)) unit = u;
      }
      auto q = parse_quantity(raw, unit, err);
      ok = q.has_value();
      if (ok) out = Value::quantity(*q);
    } else {
      ok = parse_field(p.type, raw, p.scale, out, err);
    }
    if (!ok) {
      out = Value();
      ValueError e;
      e.column = p.header;
      e.field = p.slot < static_cast<int>(cases_fields().size()) ? std::string(cases_fields()[static_cast<size_t>(p.slot)].name) : p.header;
      e.raw = std::string(raw);
      e.reason = err;
      errors.push_back(std::move(e));
    }
  }
}

}  // namespace xianjie
