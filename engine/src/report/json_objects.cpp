// Writers for the report objects described in json_objects.h.
#include "report/json_objects.h"

#include <cmath>

#include "report/report_text.h"

namespace xianjie {

namespace {

void type_key(JsonWriter& w, std::string_view type) {
  if (!type.empty()) w.key("type").string(type);
}

void optional_date(JsonWriter& w, std::string_view name, const std::optional<Date>& d) {
  w.key(name);
  if (d) w.string(d->to_string());
  else w.null();
}

void string_array(JsonWriter& w, const std::vector<std::string>& items) {
  w.begin_array();
  for (const auto& s : items) w.string(s);
  w.end_array();
}

void count_map(JsonWriter& w, const std::map<std::string, uint64_t>& counts) {
  w.begin_object();
  for (const auto& [name, n] : counts) w.key(name).integer(n);
  w.end_object();
}

}  // namespace

void write_json_finding(JsonWriter& w, const Finding& f, std::string_view type) {
  w.begin_object();
  type_key(w, type);
  w.key("case_id").string(f.case_id);
  w.key("source").string(f.source);
  w.key("agency").string(f.agency);
  w.key("party_name").string(f.party_name);
  w.key("party_id").string(f.party_id);
  w.key("party_type").string(f.party_type);
  w.key("domain").string(f.domain);
  w.key("case_reason").string(f.case_reason);
  optional_date(w, "violation_date", f.violation_date);
  optional_date(w, "decision_date", f.decision_date);
  w.key("fine_amount");
  if (f.fine_amount.empty()) w.null();
  else w.string(f.fine_amount);
  w.key("transferred").boolean(f.transferred);

  w.key("rule_id").string(f.rule_id);
  w.key("title").string(f.title);
  w.key("offense").string(f.offense);
  w.key("law").string(f.law);
  w.key("basis").string(f.basis);
  w.key("severity").string(severity_name(f.severity));
  w.key("pattern").string(f.pattern);
  w.key("action").string(suggested_action(f));  // the same in every format (report_text.h)
  w.key("confirmed").boolean(f.confirmed);
  w.key("confirmation_note").string(f.confirmation_note);
  w.key("version").string(f.version);
  w.key("version_reason").string(f.version_reason);

  w.key("evidence").begin_array();
  for (const auto& e : f.evidence) {
    w.begin_object();
    w.key("field").string(e.field);
    w.key("label").string(e.label);
    w.key("value").string(e.value);
    w.key("op").string(e.op);
    w.key("threshold").string(e.threshold);
    w.key("param").string(e.param);
    w.key("basis").string(e.basis);
    w.key("message").string(e.message);
    w.end_object();
  }
  w.end_array();
  w.key("missing_fields");
  string_array(w, f.missing_fields);
  w.key("message").string(f.message);
  // A referral candidate (threshold, history) or a lead for review (the other patterns).
  w.key("referral").boolean(f.referral);
  if (!f.party_key.empty()) {
    w.key("party_key").string(f.party_key);
    w.key("party_key_basis").string(f.party_key_basis);
  }
  w.key("related").begin_array();
  for (const auto& r : f.related) {
    w.begin_object();
    w.key("role").string(r.role);
    w.key("case_id").string(r.case_id);
    w.key("source").string(r.source);
    w.key("agency").string(r.agency);
    optional_date(w, "violation_date", r.violation_date);
    optional_date(w, "decision_date", r.decision_date);
    w.key("penalty").string(r.penalty);
    w.key("value").string(r.value);
    w.key("case_reason").string(r.case_reason);
    w.end_object();
  }
  w.end_array();
  if (f.tracking) {  // scan --state (xianjie/state.h)
    w.key("fingerprint").string(f.tracking->fingerprint);
    w.key("state").string(f.tracking->state);
    w.key("status").string(f.tracking->status);
    w.key("status_reason").string(f.tracking->status_reason);
    w.key("state_note").string(f.tracking->note);
  }
  w.end_object();
}

void write_json_disappeared(JsonWriter& w, const DisappearedFinding& d, std::string_view type) {
  w.begin_object();
  type_key(w, type);
  w.key("fingerprint").string(d.fingerprint);
  w.key("status").string(d.status);
  w.key("status_reason").string(d.status_reason);
  w.key("rule_id").string(d.rule_id);
  w.key("case_id").string(d.case_id);
  w.key("source").string(d.source);
  w.key("agency").string(d.agency);
  w.key("party_name").string(d.party_name);
  w.key("offense").string(d.offense);
  w.key("severity").string(d.severity);
  w.key("first_seen_scan").integer(d.first_seen_scan);
  w.key("first_seen_at").string(d.first_seen_at);
  w.key("last_seen_scan").integer(d.last_seen_scan);
  w.key("last_seen_at").string(d.last_seen_at);
  w.end_object();
}

void write_json_reject(JsonWriter& w, const RejectedRow& row, std::string_view type) {
  w.begin_object();
  type_key(w, type);
  w.key("source").string(row.source);
  w.key("location").integer(row.location);
  w.key("reason").string(row.reason);
  w.key("original").string(row.original);
  w.end_object();
}

void write_json_value_error(JsonWriter& w, const ValueError& e, std::string_view type) {
  w.begin_object();
  type_key(w, type);
  w.key("source").string(e.source);
  w.key("location").integer(e.location);
  w.key("location_text").string(e.location_text);
  w.key("column").string(e.column);
  w.key("field").string(e.field);
  w.key("raw").string(e.raw);
  w.key("reason").string(e.reason);
  w.end_object();
}

void write_json_linked_tables(JsonWriter& w, const std::vector<LinkedTableRows>& tables) {
  w.key("linked_tables").begin_array();
  for (const auto& t : tables) {
    w.begin_object();
    w.key("table").string(t.table);
    w.key("source").string(t.source);
    w.key("rows_read").integer(t.rows_read);
    w.key("rows_used").integer(t.rows_used);
    w.key("rows_rejected").integer(t.rows_rejected);
    w.end_object();
  }
  w.end_array();
}

void write_json_summary(JsonWriter& w, const ScanSummary& s, std::string_view tool_version, std::string_view type) {
  w.begin_object();
  type_key(w, type);
  w.key("rows_read").integer(s.rows_read);
  w.key("rows_evaluated").integer(s.rows_evaluated);
  w.key("rows_rejected").integer(s.rows_rejected);
  w.key("rows_transferred").integer(s.rows_transferred);
  w.key("value_errors").integer(s.value_errors);
  w.key("value_errors_by_column");
  count_map(w, s.value_errors_by_column);
  w.key("findings").integer(s.findings);
  w.key("referral_candidates").integer(s.referral_candidates);
  w.key("findings_by_severity").begin_object();
  w.key("high").integer(s.findings_by_severity[0]);
  w.key("medium").integer(s.findings_by_severity[1]);
  w.key("low").integer(s.findings_by_severity[2]);
  w.end_object();
  w.key("findings_by_rule");
  count_map(w, s.findings_by_rule);
  // A wall-clock timing is not meaningful below the millisecond; more digits are noise.
  w.key("seconds").real(std::round(s.seconds * 1000.0) / 1000.0);
  w.key("inputs");
  string_array(w, s.inputs);
  w.key("notes");
  string_array(w, s.notes);
  w.key("input_errors");
  string_array(w, s.input_errors);
  w.key("rules").integer(s.rules);
  write_json_linked_tables(w, s.linked_tables);
  optional_date(w, "as_of", s.as_of);
  w.key("as_of_from_data").boolean(s.as_of_from_data);
  w.key("cross_member_records").integer(s.cross_member_records);
  w.key("cross_skipped");
  count_map(w, s.cross_skipped);
  w.key("near_threshold_share").real(std::round(s.near_threshold_share * 1e6) / 1e6);
  w.key("near_threshold_by_agency").begin_array();
  for (const auto& a : s.near_threshold_by_agency) {
    w.begin_object();
    w.key("agency").string(a.agency);
    w.key("domain").string(a.domain);
    w.key("cases").integer(a.cases);
    w.key("near").integer(a.near);
    w.key("share").real(std::round(a.share * 1e6) / 1e6);
    w.key("domain_share").real(std::round(a.domain_share * 1e6) / 1e6);
    w.key("ratio").real(std::round(a.ratio * 1000) / 1000);
    w.end_object();
  }
  w.end_array();
  if (s.state) {
    w.key("state").begin_object();
    w.key("file").string(s.state->path);
    w.key("scan_id").integer(s.state->scan_id);
    w.key("previous_scan_id").integer(s.state->previous_scan_id);
    w.key("new").integer(s.state->new_findings);
    w.key("unchanged").integer(s.state->unchanged);
    w.key("changed").integer(s.state->changed);
    w.key("disappeared").integer(s.state->disappeared);
    w.key("reopened").integer(s.state->reopened);
    w.key("dismissed").integer(s.state->dismissed);
    w.key("dismissed_hidden").integer(s.state->dismissed_hidden);
    w.end_object();
  }
  w.key("tool_version").string(tool_version);
  w.end_object();
}

}  // namespace xianjie
