// check-data as one JSON document, for programs:
//
//   {"tool":"xianjie","version":…,"fail_on":"error","passed":false,
//    "summary":{"rows_read","rows_checked","rows_rejected","rows_with_failures":{"error","warning","info"},
//               "failures":{"error","warning","info"},"seconds","max_per_check",
//               "inputs":[{"path","name","rows_read","rows_checked","rows_rejected","notes","error"}],
//               "input_errors":[…]},
//    "checks":[{"id","title","severity","default_severity","failures","listed",
//               "items":[{"source","path","line"|"rowid"|"row","location","case_id","field","column",
//                         "value","message"}]}]}
//
// "severity" is the one in force ("off" when the check was turned off); "failures" counts every
// failure, "items" holds the first max_per_check of them. Empty strings are left out of items.
#include <ostream>

#include "quality/report_common.h"
#include "report/json_writer.h"

namespace xianjie::quality {
namespace {

void write_counts(JsonWriter& w, const std::array<uint64_t, kQualitySeverities>& counts) {
  w.begin_object();
  for (size_t s = 0; s < kQualitySeverities; ++s)
    w.key(quality_severity_name(static_cast<QualitySeverity>(s))).integer(counts[s]);
  w.end_object();
}

void write_item(JsonWriter& w, const QualityReport& r, const QualityFailure& f) {
  const QualityInputSummary& in = r.inputs[f.input];
  w.begin_object();
  w.key("source").string(in.name);
  w.key("path").string(in.path);
  switch (f.kind) {
    case QualityLocationKind::kLine: w.key("line").integer(f.location); break;
    case QualityLocationKind::kRowid: w.key("rowid").integer(f.location); break;
    case QualityLocationKind::kRow: w.key("row").integer(f.location); break;
    case QualityLocationKind::kInput: break;
  }
  w.key("location").string(f.location_text);
  auto optional = [&](std::string_view key, const std::string& v) {
    if (!v.empty()) w.key(key).string(v);
  };
  optional("case_id", f.case_id);
  optional("field", f.field);
  optional("column", f.column);
  optional("value", f.value);
  w.key("message").string(f.message);
  w.end_object();
}

}  // namespace

void write_quality_json(const QualityReport& r, std::ostream& out, const QualityReportOptions& o) {
  std::string s;
  JsonWriter w(s);
  w.begin_object();
  w.key("tool").string("xianjie");
  w.key("version").string(o.tool_version);
  w.key("command").string("check-data");
  w.key("fail_on").string(quality_severity_name(o.fail_on));
  w.key("passed").boolean(r.passed(o.fail_on));

  w.key("summary").begin_object();
  w.key("rows_read").integer(r.rows_read);
  w.key("rows_checked").integer(r.rows_checked);
  w.key("rows_rejected").integer(r.rows_rejected);
  w.key("rows_with_failures");
  write_counts(w, r.rows_with);
  w.key("failures");
  write_counts(w, r.failures_by_severity());
  w.key("seconds").real(r.seconds);
  w.key("max_per_check").integer(r.max_per_check);
  w.key("inputs").begin_array();
  for (const auto& in : r.inputs) {
    w.begin_object();
    w.key("path").string(in.path);
    w.key("name").string(in.name);
    w.key("rows_read").integer(in.rows_read);
    w.key("rows_checked").integer(in.rows_checked);
    w.key("rows_rejected").integer(in.rows_rejected);
    w.key("notes").begin_array();
    for (const auto& n : in.notes) w.string(n);
    w.end_array();
    if (!in.error.empty()) w.key("error").string(in.error);
    w.end_object();
  }
  w.end_array();
  w.key("input_errors").begin_array();
  for (const auto& e : r.input_errors) w.string(e);
  w.end_array();
  w.end_object();

  const auto& catalogue = quality_checks();
  w.key("checks").begin_array();
  for (size_t k = 0; k < r.checks.size(); ++k) {
    const QualityCheckResult& c = r.checks[k];
    w.begin_object();
    w.key("id").string(catalogue[k].id);
    w.key("title").string(catalogue[k].title);
    w.key("severity").string(severity_word(c));
    w.key("default_severity").string(quality_severity_name(catalogue[k].severity));
    w.key("failures").integer(c.count);
    w.key("listed").integer(c.failures.size());
    w.key("items").begin_array();
    for (const auto& f : c.failures) write_item(w, r, f);
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.end_object();
  s += '\n';
  out << s;
}

}  // namespace xianjie::quality
