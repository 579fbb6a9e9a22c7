// The JSON shape of every report object, shared by the jsonl and json printers so that the two
// can never disagree. This file is the machine contract: renaming or retyping a key breaks
// consumers; adding a key does not.
//
// `type`, when not empty, is written as the first key ("finding", "reject", …): jsonl needs it to
// tell lines apart, json does not (the enclosing array says what the object is).
#pragma once

#include <string>
#include <string_view>

#include "report/json_writer.h"
#include "xianjie/scan.h"

namespace xianjie {

// case_id … message, see report.h. Missing dates are null, fine_amount is null when empty.
void write_json_finding(JsonWriter& w, const Finding& f, std::string_view type);
// fingerprint, status, status_reason, rule_id, case_id, source, agency, party_name, offense,
// severity, first_seen_scan, first_seen_at, last_seen_scan, last_seen_at (scan --state).
void write_json_disappeared(JsonWriter& w, const DisappearedFinding& d, std::string_view type);
// source, location (line or rowid), reason, original.
void write_json_reject(JsonWriter& w, const RejectedRow& row, std::string_view type);
// source, location, location_text, column, field, raw, reason.
void write_json_value_error(JsonWriter& w, const ValueError& e, std::string_view type);
// Every ScanSummary field, findings_by_severity as {"high","medium","low"}, seconds rounded to
// milliseconds, then tool_version.
// "linked_tables": rows read, used and rejected per transfers / non_prosecutions table, as the
// scan summary and the stats summary both give them.
void write_json_linked_tables(JsonWriter& w, const std::vector<LinkedTableRows>& tables);

void write_json_summary(JsonWriter& w, const ScanSummary& s, std::string_view tool_version, std::string_view type);

}  // namespace xianjie
