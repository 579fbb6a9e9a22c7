// Data-quality checks on case exports, for CI jobs that vet an export before it is scanned.
//
// A QualityChecker reads inputs through the same readers, column mapping and value parsers as a
// scan (row_source.h, scan.h, value_parse.h), so a value it calls unparsable is exactly a value the
// rules would see as missing. It runs a fixed catalogue of checks (quality_checks()), each with a
// stable id, a default severity and a Chinese title: required fields, values that do not parse,
// id check characters (GB 11643 / GB 32100, party.h), date order, amounts, duplicate case ids,
// transfer consistency and more. Severities can be changed or a check turned off per run.
//
// Row accounting is that of a scan: rows read = rows checked + rows rejected by the reader, for
// each input and in total. Every failure is counted; only the first `max_per_check` of each check
// are kept with their location for the report, so memory does not grow with a dirty input.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "xianjie/date.h"
#include "xianjie/decimal.h"
#include "xianjie/diagnostics.h"
#include "xianjie/row_source.h"
#include "xianjie/scan.h"

namespace xianjie {

enum class QualitySeverity : uint8_t { kError, kWarning, kInfo };
inline constexpr size_t kQualitySeverities = 3;

std::string_view quality_severity_name(QualitySeverity s);   // "error" / "warning" / "info"
std::string_view quality_severity_label(QualitySeverity s);  // "错误" / "警告" / "提示"
// "error", "warning", "info" (also 错误/警告/提示); nullopt for anything else.
std::optional<QualitySeverity> parse_quality_severity(std::string_view name);

// One entry of the catalogue.
struct QualityCheckInfo {
  std::string_view id;           // stable, kebab-case: "duplicate-case-id"
  std::string_view title;        // Chinese, short: "案件编号重复"
  QualitySeverity severity;      // default
  std::string_view description;  // Chinese, one or two sentences: what is checked and why
};

// Every check, in report order.
const std::vector<QualityCheckInfo>& quality_checks();
// Index of a check in quality_checks(), or nullopt.
std::optional<size_t> find_quality_check(std::string_view id);

// A required field: satisfied when any of its canonical fields has a value ("case_reason|facts").
using RequiredField = std::vector<std::string>;
// case_id, agency, party_name, case_reason|facts, violation_date, decision_date. A case marked as
// transferred needs no decision date: it may have been transferred before any decision.
std::vector<RequiredField> default_required_fields();
// Parses "case_id,agency,case_reason|facts"; unknown names are reported in `error` (with a hint).
std::optional<std::vector<RequiredField>> parse_required_fields(std::string_view list, std::string& error);
std::string required_field_text(const RequiredField& r);  // "case_reason|facts"

struct QualityOptions {
  std::vector<RequiredField> required = default_required_fields();
  // Per check id: its severity for this run, or nullopt to turn it off. Checks not listed keep
  // their default severity.
  std::map<std::string, std::optional<QualitySeverity>> severity;
  size_t max_per_check = 20;  // failures kept with their location per check; 0 = all
  // Dates after this day are reported (date-future). No default: data-dictionary.md forbids the
  // wall clock, and the latest date of the export cannot lie after itself.
  std::optional<Date> as_of;
  // Amounts above this are reported as implausible (absurd-amount): 1,000 亿元 by default, above
  // the largest administrative fines ever imposed.
  Decimal max_amount = Decimal::from_units(int64_t{100'000'000'000} * Decimal::kOne);
  const ColumnMapping* mapping = nullptr;  // --mapping aliases; must outlive the checker
};

// Reads a check-data configuration file (YAML) into `options`; every problem goes to
// `diagnostics` with its location. Keys: required (list; an item may be "a|b"), severity (map of
// check id → error|warning|info|off), max_per_check, as_of, max_amount (an amount as exports
// write it: 1000亿元). False on any error.
bool load_quality_config(const std::string& path, QualityOptions& options, Diagnostics& diagnostics);

// Checks that `options` names only known checks and fields; false with messages in `errors`.
bool validate_quality_options(const QualityOptions& options, std::vector<std::string>& errors);

enum class QualityLocationKind : uint8_t {
  kInput,  // the input as a whole (a missing column, a mapping note)
  kLine,   // a 1-based physical line of a CSV file
  kRowid,  // a SQLite rowid
  kRow,    // an ordinal row of a SQLite query or rowid-less table
};

struct QualityFailure {
  size_t check = 0;        // index into quality_checks()
  size_t input = 0;        // index into QualityReport::inputs
  QualityLocationKind kind = QualityLocationKind::kInput;
  uint64_t location = 0;   // line, rowid or row per `kind`
  std::string location_text;  // "cases.csv:12", "cases.db:cases rowid 7", "cases.csv"
  std::string case_id;     // of the row, when it has one
  std::string field;       // canonical field name, when the failure concerns one
  std::string column;      // the column header as in the input
  std::string value;       // the cell text concerned
  std::string message;     // Chinese: what is wrong
};

struct QualityCheckResult {
  std::optional<QualitySeverity> severity;  // in force; nullopt = turned off
  uint64_t count = 0;                       // every failure
  std::vector<QualityFailure> failures;     // the first max_per_check of them
};

struct QualityInputSummary {
  std::string path;   // as given
  std::string name;   // the reader's name ("cases.db:cases")
  QualityLocationKind kind = QualityLocationKind::kLine;  // how its rows are located
  uint64_t rows_read = 0;
  uint64_t rows_checked = 0;
  uint64_t rows_rejected = 0;
  std::vector<std::string> notes;  // encoding detected, …
  std::string error;               // why the input stopped before its end, if it did
};

struct QualityReport {
  uint64_t rows_read = 0;
  uint64_t rows_checked = 0;
  uint64_t rows_rejected = 0;
  // Checked rows with at least one failure of each severity (a row can count under several).
  std::array<uint64_t, kQualitySeverities> rows_with{};
  std::vector<QualityInputSummary> inputs;
  std::vector<QualityCheckResult> checks;  // parallel to quality_checks()
  std::vector<std::string> input_errors;   // inputs that could not be opened or read to the end
  size_t max_per_check = 0;
  double seconds = 0;

  // Failures of checks whose severity is at or above `s` (error > warning > info).
  uint64_t failures_at_or_above(QualitySeverity s) const;
  // Failures counted per severity in force.
  std::array<uint64_t, kQualitySeverities> failures_by_severity() const;
  // No failure at or above `fail_on`, and every input was read to its end.
  bool passed(QualitySeverity fail_on) const { return failures_at_or_above(fail_on) == 0 && input_errors.empty(); }
};

class QualityChecker {
 public:
  explicit QualityChecker(QualityOptions options);
  ~QualityChecker();
  QualityChecker(const QualityChecker&) = delete;
  QualityChecker& operator=(const QualityChecker&) = delete;

  // Checks one input to its end. `path` is the file the source reads (for reports that link to
  // files, such as SARIF). Returns false if the input failed before its end; rows already read
  // stay counted and the reason is in report().input_errors.
  bool check(RowSource& source, const std::string& path);
  // Records an input that could not be opened.
  void add_input_error(const std::string& path, const std::string& error);

  const QualityReport& report() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

enum class QualityFormat : uint8_t { kTable, kJson, kJunit, kSarif };
// "table", "json", "junit", "sarif"; nullopt for anything else.
std::optional<QualityFormat> parse_quality_format(std::string_view name);

struct QualityReportOptions {
  std::string tool_version;
  QualitySeverity fail_on = QualitySeverity::kError;  // what fails the run (exit 1, JUnit <failure>)
  bool color = false;                                 // ANSI colours in the table format
  // Where relative input paths are resolved from: SARIF's %SRCROOT%. Empty: the current directory.
  std::string base_directory;
};

// Writes the report in `format` to `out`. Every format lists every check with its severity and
// count, the kept failures with file and line, and the row accounting.
void write_quality_report(QualityFormat format, const QualityReport& report, std::ostream& out,
                          const QualityReportOptions& options);

}  // namespace xianjie
