// The per-row checks of one input: planned once from the input's column plan (which fields are
// mapped, from which column, which required fields have no column at all), then run on every
// record the scan's RecordBuilder produces from a row.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "quality/failures.h"
#include "scan/record_builder.h"
#include "xianjie/quality.h"
#include "xianjie/record.h"
#include "xianjie/row_source.h"
#include "xianjie/value.h"

namespace xianjie::quality {

// Where a case id was first seen, across every input of a run.
struct FirstSeen {
  uint32_t input = 0;
  uint64_t location = 0;
};
using CaseIdIndex = std::unordered_map<std::string, FirstSeen>;

// Renders a location the way the readers do (row_source.h): "<name>:<line>", "<name> rowid <n>",
// "<name> 第 <n> 行"; the input's name alone for kInput.
std::string render_location(const std::string& name, QualityLocationKind kind, uint64_t location);

class RowChecks {
 public:
  RowChecks(const QualityOptions& options, const std::vector<ColumnPlan>& plan, const RowSource& source,
            size_t input, QualityLocationKind kind, Failures& failures, CaseIdIndex& case_ids,
            const std::vector<QualityInputSummary>& inputs);

  // Input-level findings: required fields without a column, the builder's mapping notes.
  void check_header(const std::vector<std::string>& mapping_notes);

  // Checks one record built from `fields` (one view per input column). Returns a bit per severity
  // (1 << severity) for the failures found in the row.
  unsigned check_row(const Record& record, const std::vector<ValueError>& errors, const std::string_view* fields,
                     uint64_t location);

 private:
  struct Group {
    std::vector<int> slots;
    std::string label;      // "案由或违法事实"
    std::string names;      // "case_reason|facts"
    bool has_column = false;
    bool has_decision_date = false;
  };
  // What the checks of one row share.
  struct RowState {
    const Record& record;
    const std::vector<ValueError>& errors;
    const std::string_view* fields;
    uint64_t location = 0;
    std::string location_text;  // rendered on the first kept failure
    unsigned severities = 0;    // 1 << severity of every failure found
    bool transferred = false;   // 是否移送 = 是, or a 移送日期
  };

  const Value& value(const RowState& row, int slot) const { return row.record.slots[static_cast<size_t>(slot)]; }
  // The cell text of `slot`'s column, or "" when the slot is unmapped.
  std::string_view raw(const RowState& row, int slot) const;
  bool bad(int slot) const { return bad_[static_cast<size_t>(slot)] != 0; }

  QualityFailure* fail(Check c, RowState& row, int slot);
  void check_required(RowState& row);
  void check_values(RowState& row);
  void check_party(RowState& row);
  void check_dates(RowState& row);
  void check_transfer(RowState& row);
  void check_amount_relations(RowState& row);
  void check_penalties(RowState& row);
  void check_texts(RowState& row);
  void check_case_id(RowState& row);

  const QualityOptions& options_;
  const RowSource& source_;
  size_t input_;
  QualityLocationKind kind_;
  Failures& failures_;
  CaseIdIndex& case_ids_;
  const std::vector<QualityInputSummary>& inputs_;
  std::vector<int> column_of_slot_;        // input column per slot, -1 when unmapped
  std::vector<std::string> header_of_slot_;
  std::vector<Group> groups_;
  std::vector<char> bad_;                  // per slot, for the current row: the value failed to parse
  std::vector<int> amount_slots_, integer_slots_, number_slots_, quantity_slots_, text_slots_;
};

}  // namespace xianjie::quality
