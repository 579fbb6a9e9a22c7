// Header mapping and per-row typed parsing: the step between a reader's text fields and a Record.
//
// The plan is made once per input from its header: each column's slot (or none), type and scale
// (涉案金额（万元） multiplies by 10,000; 涉案数量（公斤） supplies a default unit). Per row, only
// planned columns are parsed, straight into the record's slots — no lookup by name per record.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "xianjie/fields.h"
#include "xianjie/record.h"
#include "xianjie/rule_set.h"
#include "xianjie/scan.h"

namespace xianjie {

struct ColumnPlan {
  int column = -1;           // input column index
  int slot = -1;             // record slot
  FieldType type = FieldType::kText;
  int64_t scale = 1;         // for amounts
  std::string unit_hint;     // for quantities: unit from the header, e.g. "公斤"
  std::string header;        // as in the input
};

class RecordBuilder {
 public:
  // `notes` receives human-readable remarks about the mapping (unmapped and duplicate columns).
  // With `only_read_slots`, columns whose slot the rules never read (RuleSet::slots_read) are
  // mapped but not parsed: their slots stay null and their values are not checked.
  RecordBuilder(const RuleSet& rules, const std::vector<std::string>& header, const ColumnMapping* mapping,
                std::vector<std::string>& notes, bool only_read_slots = false);
  // The same plan without a rule pack (data-quality checks): `extra_columns` takes the place of
  // RuleSet::extra_columns() and may be empty, in which case only canonical fields are mapped.
  // `read_slots`, when given, limits parsing to the slots marked true.
  RecordBuilder(const std::vector<std::string>& extra_columns, const std::vector<std::string>& header,
                const ColumnMapping* mapping, std::vector<std::string>& notes,
                const std::vector<bool>* read_slots = nullptr);

  // Parses one row (`fields` has one view per input column). Value errors are appended to
  // `errors` with column information; the caller fills in the source location.
  void build(const std::string_view* fields, Record& record, std::vector<ValueError>& errors) const;

  const std::vector<ColumnPlan>& plan() const { return plan_; }
  size_t mapped_count() const { return plan_.size(); }
  // Per input column: whether build() looks at it.
  std::vector<bool> columns_used(size_t column_count) const;

 private:
  std::vector<ColumnPlan> plan_;
  size_t slot_count_ = 0;
  int quantity_plan_ = -1;       // index into plan_ of the quantity column
  int quantity_unit_column_ = -1;
};

}  // namespace xianjie
