// The agency statistics as one JSON document, for programs:
//
//   {"tool":"xianjie","version":…,"command":"stats","group_by":"agency,month","late_days":30,
//    "entry_date":{"available":true,"columns":["cases.csv: 录入日期"],"unparsed":0},
//    "fields":[{"name":"case_id","label":"案件编号","key":true},…],
//    "summary":{"rows_read","rows_evaluated","rows_rejected","rows_transferred","value_errors",
//               "rules","findings","seconds","as_of","inputs":[…],"notes":[…],"input_errors":[…],
//               "linked_tables":[{"table","source","rows_read","rows_used","rows_rejected"}]},
//    "rows":[{"agency":"…"|null,"month":"2024-05"|null, <counts>}],
//    "total":{<counts>}}
//
// <counts>: "cases", "key_complete", "key_complete_share", "completeness":{field: {"present",
// "share"}}, "candidates", "candidates_transferred", "transfer_rate", "leads",
// "candidate_findings", "lead_findings", "transferred", "entry_dated", "late". A share is a
// number in [0, 1] rounded to four decimals, null when there is nothing to divide by; "late" and
// "entry_dated" are null when no input had an entry-date column. "agency" is present only when
// grouped by agency, "month" only when grouped by month; null means the case had none.
#include <ostream>

#include "report/json_objects.h"
#include "report/json_writer.h"
#include "stats/stats_common.h"

namespace xianjie::stats {
namespace {

void write_share(JsonWriter& w, uint64_t n, uint64_t d) {
  auto s = share(n, d);
  if (s) w.real(*s);
  else w.null();
}

void write_counts(JsonWriter& w, const StatsReport& r, const StatsCounts& c) {
  w.key("cases").integer(c.cases);
  w.key("key_complete").integer(c.key_complete);
  w.key("key_complete_share");
  write_share(w, c.key_complete, c.cases);
  w.key("completeness").begin_object();
  for (size_t k = 0; k < r.fields.size(); ++k) {
    w.key(r.fields[k].name).begin_object();
    w.key("present").integer(c.present[k]);
    w.key("share");
    write_share(w, c.present[k], c.cases);
    w.end_object();
  }
  w.end_object();
  w.key("candidates").integer(c.candidates);
  w.key("candidates_transferred").integer(c.candidates_transferred);
  w.key("transfer_rate");
  write_share(w, c.candidates_transferred, c.candidates);
  w.key("leads").integer(c.leads);
  w.key("candidate_findings").integer(c.candidate_findings);
  w.key("lead_findings").integer(c.lead_findings);
  w.key("transferred").integer(c.transferred);
  if (r.entry_date_available) {
    w.key("entry_dated").integer(c.entry_dated);
    w.key("late").integer(c.late);
  } else {
    w.key("entry_dated").null();
    w.key("late").null();
  }
}

void write_strings(JsonWriter& w, const std::vector<std::string>& items) {
  w.begin_array();
  for (const auto& s : items) w.string(s);
  w.end_array();
}

}  // namespace

void write_stats_json(const StatsReport& r, std::ostream& out, const StatsReportOptions& o) {
  std::string s;
  JsonWriter w(s);
  w.begin_object();
  w.key("tool").string("xianjie");
  w.key("version").string(o.tool_version);
  w.key("command").string("stats");
  w.key("group_by").string(stats_grouping_name(r.grouping));
  w.key("late_days").integer(static_cast<uint64_t>(r.late_days));
  w.key("entry_date").begin_object();
  w.key("available").boolean(r.entry_date_available);
  w.key("columns");
  write_strings(w, r.entry_date_columns);
  w.key("unparsed").integer(r.entry_date_unparsed);
  w.end_object();

  w.key("fields").begin_array();
  for (const auto& f : r.fields) {
    w.begin_object();
    w.key("name").string(f.name);
    w.key("label").string(f.label);
    w.key("key").boolean(f.key);
    w.end_object();
  }
  w.end_array();

  const ScanSummary& sm = r.scan;
  w.key("summary").begin_object();
  w.key("rows_read").integer(sm.rows_read);
  w.key("rows_evaluated").integer(sm.rows_evaluated);
  w.key("rows_rejected").integer(sm.rows_rejected);
  w.key("rows_transferred").integer(sm.rows_transferred);
  w.key("value_errors").integer(sm.value_errors);
  w.key("rules").integer(sm.rules);
  w.key("findings").integer(sm.findings);
  w.key("seconds").real(sm.seconds);
  w.key("as_of");
  if (sm.as_of) w.string(sm.as_of->to_string());
  else w.null();
  w.key("inputs");
  write_strings(w, sm.inputs);
  w.key("notes");
  write_strings(w, sm.notes);
  w.key("input_errors");
  write_strings(w, sm.input_errors);
  write_json_linked_tables(w, sm.linked_tables);
  w.end_object();

  w.key("rows").begin_array();
  for (const auto& row : r.rows) {
    w.begin_object();
    if (row.agency) {
      w.key("agency");
      if (row.agency->empty()) w.null();
      else w.string(*row.agency);
    }
    if (row.month) {
      w.key("month");
      if (row.month->empty()) w.null();
      else w.string(*row.month);
    }
    write_counts(w, r, row.counts);
    w.end_object();
  }
  w.end_array();
  w.key("total").begin_object();
  write_counts(w, r, r.total);
  w.end_object();
  w.end_object();
  out << s << '\n';
}

}  // namespace xianjie::stats
