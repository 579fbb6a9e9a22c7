// Shared pieces of the check-data printers, and the format dispatch (see report_common.h).
#include "quality/report_common.h"

#include <fmt/format.h>

#include "quality/check_ids.h"
#include "report/report_text.h"

namespace xianjie {

namespace quality {

bool check_fails(const QualityCheckResult& c, QualitySeverity fail_on) {
  return c.severity && *c.severity <= fail_on && c.count > 0;
}

std::string grouped(uint64_t n) { return Decimal::from_units(static_cast<int64_t>(n) * Decimal::kOne).to_grouped(0); }

std::string failure_line(const QualityFailure& f) {
  std::string out = terminal_safe(f.location_text);
  if (!f.case_id.empty()) out += " · " + terminal_safe(f.case_id);
  out += " · " + terminal_safe(f.message);
  if (f.check == index_of(Check::kUnreadableRow) && !f.value.empty()) out += " · 原文: " + terminal_safe(f.value);
  return out;
}

std::string_view severity_word(const QualityCheckResult& c) {
  return c.severity ? quality_severity_name(*c.severity) : std::string_view("off");
}

}  // namespace quality

std::optional<QualityFormat> parse_quality_format(std::string_view name) {
  if (name == "table") return QualityFormat::kTable;
  if (name == "json") return QualityFormat::kJson;
  if (name == "junit") return QualityFormat::kJunit;
  if (name == "sarif") return QualityFormat::kSarif;
  return std::nullopt;
}

void write_quality_report(QualityFormat format, const QualityReport& report, std::ostream& out,
                          const QualityReportOptions& options) {
  switch (format) {
    case QualityFormat::kTable: quality::write_quality_table(report, out, options); break;
    case QualityFormat::kJson: quality::write_quality_json(report, out, options); break;
    case QualityFormat::kJunit: quality::write_quality_junit(report, out, options); break;
    case QualityFormat::kSarif: quality::write_quality_sarif(report, out, options); break;
  }
  out.flush();
}

}  // namespace xianjie
