// Planning the per-row checks of one input, and the checks about presence and form: required
// fields, values that do not parse, duplicate case ids. The checks of what values say (dates,
// amounts, ids, transfers, texts) are in value_checks.cpp.
#include "quality/row_checks.h"

#include <algorithm>

#include <fmt/format.h>

#include "common/text.h"
#include "xianjie/fields.h"
#include "xianjie/value_parse.h"

namespace xianjie::quality {

std::string render_location(const std::string& name, QualityLocationKind kind, uint64_t location) {
  switch (kind) {
    case QualityLocationKind::kInput: return name;
    case QualityLocationKind::kLine: return fmt::format("{}:{}", name, location);
    case QualityLocationKind::kRowid: return fmt::format("{} rowid {}", name, static_cast<int64_t>(location));
    case QualityLocationKind::kRow: return fmt::format("{} 第 {} 行", name, location);
  }
  return name;
}

RowChecks::RowChecks(const QualityOptions& options, const std::vector<ColumnPlan>& plan, const RowSource& source,
                     size_t input, QualityLocationKind kind, Failures& failures, CaseIdIndex& case_ids,
                     const std::vector<QualityInputSummary>& inputs)
    : options_(options), source_(source), input_(input), kind_(kind), failures_(failures), case_ids_(case_ids),
      inputs_(inputs) {
  const auto& fields = cases_fields();
  column_of_slot_.assign(fields.size(), -1);
  header_of_slot_.assign(fields.size(), std::string());
  bad_.assign(fields.size(), 0);
  for (const ColumnPlan& p : plan) {
    if (p.slot < 0 || p.slot >= static_cast<int>(fields.size())) continue;  // no extra columns are planned
    const auto s = static_cast<size_t>(p.slot);
    column_of_slot_[s] = p.column;
    header_of_slot_[s] = p.header;
    switch (p.type) {
      case FieldType::kAmount: amount_slots_.push_back(p.slot); break;
      case FieldType::kInteger: integer_slots_.push_back(p.slot); break;
      case FieldType::kNumber: number_slots_.push_back(p.slot); break;
      case FieldType::kQuantity: quantity_slots_.push_back(p.slot); break;
      case FieldType::kText:
      case FieldType::kList: text_slots_.push_back(p.slot); break;
      default: break;
    }
  }
  const int decision = *find_case_field("decision_date");
  for (const RequiredField& r : options_.required) {
    Group g;
    g.names = required_field_text(r);
    for (const std::string& name : r) {
      auto slot = find_case_field(name);
      if (!slot) continue;  // validate_quality_options reports it
      g.slots.push_back(*slot);
      if (!g.label.empty()) g.label += "或";
      g.label += fields[static_cast<size_t>(*slot)].label;
      g.has_column = g.has_column || column_of_slot_[static_cast<size_t>(*slot)] >= 0;
      g.has_decision_date = g.has_decision_date || *slot == decision;
    }
    if (!g.slots.empty()) groups_.push_back(std::move(g));
  }
}

std::string_view RowChecks::raw(const RowState& row, int slot) const {
  int c = column_of_slot_[static_cast<size_t>(slot)];
  return c < 0 ? std::string_view() : trim(row.fields[c]);
}

QualityFailure* RowChecks::fail(Check c, RowState& row, int slot) {
  if (!failures_.enabled(c)) return nullptr;
  row.severities |= 1u << static_cast<unsigned>(failures_.severity(c));
  QualityFailure* f = failures_.add(c);
  if (!f) return nullptr;
  if (row.location_text.empty()) row.location_text = source_.location_text(row.location);
  f->input = input_;
  f->kind = kind_;
  f->location = row.location;
  f->location_text = row.location_text;
  const Value& id = row.record.slots[slot::kCaseId];
  if (id.type() == ValueType::kText) f->case_id = std::string(id.as_text());
  if (slot >= 0) {
    f->field = std::string(cases_fields()[static_cast<size_t>(slot)].name);
    f->column = header_of_slot_[static_cast<size_t>(slot)];
    f->value = std::string(raw(row, slot));
  }
  return f;
}

void RowChecks::check_header(const std::vector<std::string>& mapping_notes) {
  // A CSV header is line 1; a SQLite table has no line to point at.
  const QualityLocationKind kind = kind_ == QualityLocationKind::kLine ? kind_ : QualityLocationKind::kInput;
  const uint64_t location = kind == QualityLocationKind::kLine ? 1 : 0;
  auto add = [&](Check c) -> QualityFailure* {
    if (!failures_.enabled(c)) return nullptr;
    QualityFailure* f = failures_.add(c);
    if (!f) return nullptr;
    f->input = input_;
    f->kind = kind;
    f->location = location;
    f->location_text = render_location(source_.name(), kind, location);
    return f;
  };
  for (const Group& g : groups_) {
    if (g.has_column) continue;
    if (QualityFailure* f = add(Check::kMissingColumn)) {
      const FieldDef& def = cases_fields()[static_cast<size_t>(g.slots.front())];
      f->field = std::string(def.name);
      std::string aliases;
      for (size_t k = 0; k < def.aliases.size() && k < 4; ++k) aliases += (k ? "、" : "") + std::string(def.aliases[k]);
      f->message = fmt::format("没有对应必需字段 {}（{}）的列；可识别的列名如 {}，其他列名可用 --mapping 指定", g.label,
                               g.names, aliases);
    }
  }
  for (const std::string& note : mapping_notes)
    if (QualityFailure* f = add(Check::kColumnMapping)) f->message = note;
}

unsigned RowChecks::check_row(const Record& record, const std::vector<ValueError>& errors, const std::string_view* fields,
                              uint64_t location) {
  RowState row{record, errors, fields, location, {}, 0, false};
  std::fill(bad_.begin(), bad_.end(), 0);
  for (const ValueError& e : errors)
    if (auto s = find_case_field(e.field)) bad_[static_cast<size_t>(*s)] = 1;
  const Value& t = record.slots[slot::kTransferred];
  row.transferred = (t.type() == ValueType::kBool && t.as_bool()) || !record.slots[slot::kTransferDate].is_null();

  if (failures_.enabled(Check::kUnparsableValue))
    for (const ValueError& e : errors) {
      auto s = find_case_field(e.field);
      QualityFailure* f = fail(Check::kUnparsableValue, row, s ? *s : -1);
      if (!f) continue;
      f->field = e.field;
      f->column = e.column;
      f->value = e.raw;
      f->message = fmt::format("列“{}”的值“{}”无法识别：{}", e.column, e.raw, e.reason);
    }
  check_required(row);
  check_case_id(row);
  check_values(row);
  check_party(row);
  check_dates(row);
  check_transfer(row);
  check_amount_relations(row);
  check_penalties(row);
  check_texts(row);
  return row.severities;
}

void RowChecks::check_required(RowState& row) {
  if (!failures_.enabled(Check::kMissingValue)) return;
  for (const Group& g : groups_) {
    if (!g.has_column) continue;  // reported once, as missing-column
    // A case transferred before any decision has no decision date (data/README.md).
    if (g.has_decision_date && row.transferred) continue;
    bool present = false, unparsable = false;
    int shown = -1;
    for (int s : g.slots) {
      present = present || !value(row, s).is_null();
      unparsable = unparsable || bad(s);
      if (shown < 0 && column_of_slot_[static_cast<size_t>(s)] >= 0) shown = s;
    }
    if (present || unparsable) continue;  // an unparsable value is reported as such
    if (QualityFailure* f = fail(Check::kMissingValue, row, shown)) {
      std::string_view cell = raw(row, shown);
      f->message = cell.empty() ? fmt::format("必需字段 {} 为空", g.label)
                                : fmt::format("必需字段 {} 为缺失标记“{}”", g.label, cell);
    }
  }
}

void RowChecks::check_case_id(RowState& row) {
  if (!failures_.enabled(Check::kDuplicateCaseId)) return;
  const Value& id = value(row, slot::kCaseId);
  if (id.type() != ValueType::kText) return;
  // 京市监罚〔2023〕12号 typed with half-width digits in one system and full-width in another is
  // the same case; white space around it never matters.
  std::string key = fold_width(trim(id.as_text()));
  auto [it, inserted] = case_ids_.try_emplace(std::move(key), FirstSeen{static_cast<uint32_t>(input_), row.location});
  if (inserted) return;
  if (QualityFailure* f = fail(Check::kDuplicateCaseId, row, slot::kCaseId)) {
    const FirstSeen& first = it->second;
    std::string where = first.input == input_ ? source_.location_text(first.location)
                                              : render_location(inputs_[first.input].name,
                                                                inputs_[first.input].kind, first.location);
    f->message = fmt::format("案件编号“{}”重复，首次出现于 {}", id.as_text(), where);
  }
}

}  // namespace xianjie::quality
