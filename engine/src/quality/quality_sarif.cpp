// check-data as SARIF 2.1.0 (OASIS), for code-scanning views that annotate files by line:
//
//   {"$schema":…,"version":"2.1.0","runs":[{
//     "tool":{"driver":{"name":"xianjie","version":…,"rules":[{"id","name","shortDescription",
//             "fullDescription","help","defaultConfiguration":{"level"}}…]}},
//     "invocations":[{"executionSuccessful","toolExecutionNotifications","ruleConfigurationOverrides"}],
//     "originalUriBaseIds":{"%SRCROOT%":{"uri":"file:///…/"}},
//     "language":"zh-CN",
//     "results":[{"ruleId","ruleIndex","level","message":{"text"},"locations":[{"physicalLocation":
//                 {"artifactLocation":{"uri","uriBaseId"},"region":{"startLine"}}}],"properties":{…}}],
//     "properties":{"rows_read",…}}]}
//
// Every check is a rule, whatever this run found; a rule's defaultConfiguration is its catalogue
// severity and changes made for this run (--severity, a configuration file) are recorded as
// ruleConfigurationOverrides, as SARIF intends. info maps to SARIF's "note". CSV rows point at
// their line; SQLite rows have no line, so they carry the file and a logical location (the rowid)
// instead. Relative paths are relative to %SRCROOT% (the working directory unless told otherwise)
// and percent-encoded: URIs are ASCII, and export names are usually Chinese.
#include <filesystem>
#include <ostream>

#include <fmt/format.h>

#include "quality/report_common.h"
#include "report/json_writer.h"

namespace xianjie::quality {
namespace {

// The schema's own id (sarif-schema-2.1.0.json, errata 01).
constexpr std::string_view kSchema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
constexpr std::string_view kBaseId = "%SRCROOT%";

std::string_view sarif_level(QualitySeverity s) {
  switch (s) {
    case QualitySeverity::kError: return "error";
    case QualitySeverity::kWarning: return "warning";
    case QualitySeverity::kInfo: return "note";
  }
  return "error";
}

// RFC 3986: unreserved characters and '/' stay, every other byte becomes %XX.
std::string percent_encode(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : path) {
    const auto c = static_cast<unsigned char>(ch);
    const bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                      c == '.' || c == '_' || c == '~' || c == '/';
    if (keep) {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

struct ArtifactUri {
  std::string uri;
  bool relative = false;  // to %SRCROOT%
};

ArtifactUri artifact_uri(const std::string& path) {
  std::filesystem::path p(path);
  if (p.is_absolute()) return {"file://" + percent_encode(p.lexically_normal().generic_string()), false};
  std::string rel = p.lexically_normal().generic_string();
  if (rel.rfind("./", 0) == 0) rel = rel.substr(2);
  return {percent_encode(rel), true};
}

// PascalCase of a kebab-case id, SARIF's customary rule name: duplicate-case-id → DuplicateCaseId.
std::string rule_name(std::string_view id) {
  std::string out;
  bool upper = true;
  for (char c : id) {
    if (c == '-') { upper = true; continue; }
    out += upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    upper = false;
  }
  return out;
}

void message(JsonWriter& w, std::string_view key, std::string_view text) {
  w.key(key).begin_object().key("text").string(text).end_object();
}

void write_location(JsonWriter& w, const QualityReport& r, const QualityFailure& f) {
  const QualityInputSummary& in = r.inputs[f.input];
  const ArtifactUri a = artifact_uri(in.path);
  w.begin_object();
  w.key("physicalLocation").begin_object();
  w.key("artifactLocation").begin_object();
  w.key("uri").string(a.uri);
  if (a.relative) w.key("uriBaseId").string(kBaseId);
  w.end_object();
  if (f.kind == QualityLocationKind::kLine && f.location >= 1)
    w.key("region").begin_object().key("startLine").integer(f.location).end_object();
  w.end_object();
  if (f.kind == QualityLocationKind::kRowid || f.kind == QualityLocationKind::kRow) {
    w.key("logicalLocations").begin_array().begin_object();
    w.key("name").string(fmt::format("{} {}", f.kind == QualityLocationKind::kRowid ? "rowid" : "row", f.location));
    w.key("fullyQualifiedName").string(f.location_text);
    w.key("kind").string("row");
    w.end_object().end_array();
  }
  w.end_object();
}

}  // namespace

void write_quality_sarif(const QualityReport& r, std::ostream& out, const QualityReportOptions& o) {
  const auto& catalogue = quality_checks();
  std::string s;
  JsonWriter w(s);
  w.begin_object();
  w.key("$schema").string(kSchema);
  w.key("version").string("2.1.0");
  w.key("runs").begin_array().begin_object();

  w.key("tool").begin_object().key("driver").begin_object();
  w.key("name").string("xianjie");
  w.key("fullName").string("xianjie check-data（案件数据质量检查）");
  if (!o.tool_version.empty()) w.key("version").string(o.tool_version);
  w.key("rules").begin_array();
  for (const auto& info : catalogue) {
    w.begin_object();
    w.key("id").string(info.id);
    w.key("name").string(rule_name(info.id));
    message(w, "shortDescription", info.title);
    message(w, "fullDescription", info.description);
    message(w, "help", info.description);
    w.key("defaultConfiguration").begin_object().key("level").string(sarif_level(info.severity)).end_object();
    w.end_object();
  }
  w.end_array();
  w.end_object().end_object();  // driver, tool

  w.key("invocations").begin_array().begin_object();
  w.key("executionSuccessful").boolean(r.input_errors.empty());
  w.key("toolExecutionNotifications").begin_array();
  for (const auto& e : r.input_errors) {
    w.begin_object();
    w.key("level").string("error");
    message(w, "message", e);
    w.end_object();
  }
  w.end_array();
  w.key("ruleConfigurationOverrides").begin_array();
  for (size_t k = 0; k < r.checks.size(); ++k) {
    const auto& sev = r.checks[k].severity;
    if (sev == std::optional<QualitySeverity>(catalogue[k].severity)) continue;
    w.begin_object();
    w.key("descriptor").begin_object().key("id").string(catalogue[k].id).key("index").integer(k).end_object();
    w.key("configuration").begin_object();
    if (sev) w.key("level").string(sarif_level(*sev));
    else w.key("enabled").boolean(false);
    w.end_object();
    w.end_object();
  }
  w.end_array();
  w.end_object().end_array();  // invocation, invocations

  bool any_relative = false;
  for (const auto& in : r.inputs) any_relative = any_relative || artifact_uri(in.path).relative;
  if (any_relative) {
    std::error_code ec;
    std::filesystem::path base = o.base_directory.empty() ? std::filesystem::current_path(ec)
                                                          : std::filesystem::absolute(o.base_directory, ec);
    std::string dir = base.lexically_normal().generic_string();
    if (dir.empty() || dir.back() != '/') dir += '/';
    w.key("originalUriBaseIds").begin_object().key(kBaseId).begin_object();
    w.key("uri").string("file://" + percent_encode(dir));
    w.end_object().end_object();
  }
  w.key("language").string("zh-CN");

  w.key("results").begin_array();
  for (size_t k = 0; k < r.checks.size(); ++k) {
    const QualityCheckResult& c = r.checks[k];
    if (!c.severity) continue;
    for (const QualityFailure& f : c.failures) {
      w.begin_object();
      w.key("ruleId").string(catalogue[k].id);
      w.key("ruleIndex").integer(k);
      w.key("level").string(sarif_level(*c.severity));
      message(w, "message", f.case_id.empty() ? f.message : fmt::format("[{}] {}", f.case_id, f.message));
      w.key("locations").begin_array();
      write_location(w, r, f);
      w.end_array();
      w.key("properties").begin_object();
      if (!f.case_id.empty()) w.key("case_id").string(f.case_id);
      if (!f.field.empty()) w.key("field").string(f.field);
      if (!f.column.empty()) w.key("column").string(f.column);
      if (!f.value.empty()) w.key("value").string(f.value);
      w.key("location").string(f.location_text);
      w.end_object();
      w.end_object();
    }
  }
  w.end_array();

  w.key("properties").begin_object();
  w.key("rows_read").integer(r.rows_read);
  w.key("rows_checked").integer(r.rows_checked);
  w.key("rows_rejected").integer(r.rows_rejected);
  w.key("fail_on").string(quality_severity_name(o.fail_on));
  w.key("passed").boolean(r.passed(o.fail_on));
  w.key("max_per_check").integer(r.max_per_check);
  // Results are capped per rule; these are the full counts.
  w.key("failures").begin_object();
  for (size_t k = 0; k < r.checks.size(); ++k)
    if (r.checks[k].severity) w.key(catalogue[k].id).integer(r.checks[k].count);
  w.end_object();
  w.end_object();

  w.end_object().end_array();  // run, runs
  w.end_object();
  s += '\n';
  out << s;
}

}  // namespace xianjie::quality
