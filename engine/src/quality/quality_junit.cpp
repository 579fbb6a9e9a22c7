// check-data as JUnit XML, the report format every CI server shows as tests:
//
//   <testsuites name="xianjie check-data" tests=… failures=… errors=… skipped=… time=…>
//     <testsuite name="xianjie check-data" …>
//       <properties><property name="rows_read" value="300"/>…</properties>
//       <testcase classname="xianjie.check-data" name="duplicate-case-id 案件编号重复" time="0">
//         <failure type="error" message="3 处">cases.csv:12 · A1 · 案件编号“A1”重复…</failure>
//       </testcase>
//       …
//
// One test case per check. A check at or above --fail-on with failures is a <failure>; one below
// it passes and lists what it found in <system-out>; a check turned off is <skipped>. An input
// that could not be read is an <error> test case of its own. Text is escaped for XML 1.0, whose
// character set excludes most control characters: those become U+FFFD.
#include <fmt/format.h>

#include <ostream>

#include "common/text.h"
#include "quality/report_common.h"
#include "report/report_text.h"

namespace xianjie::quality {
namespace {

// `s` escaped for an XML attribute (line breaks as character references, which survive
// attribute-value normalisation) or a text node, as valid XML 1.0 characters in valid UTF-8.
std::string xml(std::string_view s, bool attribute = true) {
  const std::string text = valid_utf8(s);
  std::string out;
  out.reserve(text.size() + 16);
  size_t i = 0;
  while (i < text.size()) {
    const size_t start = i;
    const char32_t cp = next_code_point(text, i);
    switch (cp) {
      case '&': out += "&amp;"; continue;
      case '<': out += "&lt;"; continue;
      case '>': out += "&gt;"; continue;
      case '"': out += "&quot;"; continue;
      case '\'': out += "&apos;"; continue;
      case '\n': out += attribute ? "&#10;" : "\n"; continue;
      case '\r': out += "&#13;"; continue;
      case '\t': out += attribute ? "&#9;" : "\t"; continue;
      default: break;
    }
    if (cp < 0x20 || cp == 0xFFFE || cp == 0xFFFF) append_utf8(out, 0xFFFD);
    else out.append(text, start, i - start);
  }
  return out;
}

std::string seconds(double s) { return fmt::format("{:.3f}", s); }

}  // namespace

void write_quality_junit(const QualityReport& r, std::ostream& out, const QualityReportOptions& o) {
  const auto& catalogue = quality_checks();
  size_t failures = 0, skipped = 0;
  for (const auto& c : r.checks) {
    if (!c.severity) ++skipped;
    else if (check_fails(c, o.fail_on)) ++failures;
  }
  const size_t errors = r.input_errors.size();
  const size_t tests = r.checks.size() + errors;
  const std::string counts = fmt::format("tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" time=\"{}\"", tests,
                                         failures, errors, skipped, seconds(r.seconds));
  std::string s = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  s += fmt::format("<testsuites name=\"xianjie check-data\" {}>\n", counts);
  s += fmt::format("  <testsuite name=\"xianjie check-data\" {}>\n", counts);
  s += "    <properties>\n";
  auto property = [&](std::string_view name, const std::string& value) {
    s += fmt::format("      <property name=\"{}\" value=\"{}\"/>\n", xml(name), xml(value));
  };
  property("tool_version", o.tool_version);
  property("fail_on", std::string(quality_severity_name(o.fail_on)));
  property("rows_read", std::to_string(r.rows_read));
  property("rows_checked", std::to_string(r.rows_checked));
  property("rows_rejected", std::to_string(r.rows_rejected));
  for (const auto& in : r.inputs) property("input", in.path);
  s += "    </properties>\n";

  for (size_t k = 0; k < r.checks.size(); ++k) {
    const QualityCheckResult& c = r.checks[k];
    const QualityCheckInfo& info = catalogue[k];
    s += fmt::format("    <testcase classname=\"xianjie.check-data\" name=\"{} {}\" time=\"0\"",
                     xml(info.id), xml(info.title));
    if (c.severity && c.count == 0) {
      s += "/>\n";
      continue;
    }
    s += ">\n";
    if (!c.severity) {
      s += "      <skipped message=\"已停用\"/>\n";
    } else {
      std::string body;
      for (const auto& f : c.failures) body += failure_line(f) + "\n";
      if (c.count > c.failures.size()) body += fmt::format("… 另有 {} 处未列出\n", grouped(c.count - c.failures.size()));
      const std::string summary = fmt::format("{} 处（{}）", grouped(c.count), quality_severity_label(*c.severity));
      if (check_fails(c, o.fail_on))
        s += fmt::format("      <failure type=\"{}\" message=\"{}\">{}</failure>\n", quality_severity_name(*c.severity),
                         xml(summary), xml(body, false));
      else
        s += fmt::format("      <system-out>{}，低于 --fail-on {}，不影响结果\n{}</system-out>\n", xml(summary, false),
                         quality_severity_name(o.fail_on), xml(body, false));
    }
    s += "    </testcase>\n";
  }
  for (const auto& e : r.input_errors)
    s += fmt::format(
        "    <testcase classname=\"xianjie.check-data.input\" name=\"读取输入\" time=\"0\">\n"
        "      <error type=\"input\" message=\"{}\"/>\n    </testcase>\n",
        xml(e));
  s += "  </testsuite>\n</testsuites>\n";
  out << s;
}

}  // namespace xianjie::quality
