// What the check-data printers share: the pass/fail decision, counts, and one-line renderings of
// failures. One printer per format: quality_table.cpp, quality_json.cpp, quality_junit.cpp,
// quality_sarif.cpp.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>

#include "xianjie/quality.h"

namespace xianjie::quality {

// True when the check counts against --fail-on: in force, at or above it, with failures.
bool check_fails(const QualityCheckResult& c, QualitySeverity fail_on);

std::string grouped(uint64_t n);  // "20,000"

// "cases.csv:12 · 案件编号 A1 · 消息" (no line breaks: every part goes through terminal_safe).
std::string failure_line(const QualityFailure& f);

// The severity in force as a word, "off" when the check is turned off.
std::string_view severity_word(const QualityCheckResult& c);

void write_quality_table(const QualityReport& r, std::ostream& out, const QualityReportOptions& o);
void write_quality_json(const QualityReport& r, std::ostream& out, const QualityReportOptions& o);
void write_quality_junit(const QualityReport& r, std::ostream& out, const QualityReportOptions& o);
void write_quality_sarif(const QualityReport& r, std::ostream& out, const QualityReportOptions& o);

}  // namespace xianjie::quality
