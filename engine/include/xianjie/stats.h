// Agency statistics (执法机关办案统计，考核): per agency and per month of the penalty decision,
// the cases entered, how complete the fields the rules need are, the referral candidates and
// leads the rule pack finds, the cases marked as transferred, the transfer rate among
// candidates, and the cases entered long after their decision.
//
// A StatsCollector is both the FindingSink and the RecordObserver (scan.h) of one ordinary
// Scanner run: the observer sees every evaluated record (cases, completeness, transfer marks,
// entry dates), the sink sees every finding (candidates, leads). Nothing about matching is done
// here. attach() sets MatchOptions::include_transferred, so that candidates already transferred
// are found too and the transfer rate can be measured.
//
// Counts are of cases, not findings: a case two rules fire on is one candidate. A case belongs to
// the group of its own agency and decision month, and so do its findings (a finding carries the
// agency and decision date of its record), so the groups add up to the totals exactly. Rejected
// rows cannot be attributed to an agency: they appear only in the row accounting.
//
// Usage:
//   StatsCollector stats(rules, StatsOptions{});
//   ScanOptions so;
//   stats.attach(so);
//   Scanner scanner(rules, so);
//   stats.begin(rules.rules());
//   scanner.read_linked_table(...);  // transfers, if any
//   scanner.scan(source, stats);
//   scanner.finish(stats);
//   stats.end(scanner.summary());
//   StatsReport r = stats.report(StatsGrouping::kAgencyMonth);
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "xianjie/rule_set.h"
#include "xianjie/scan.h"

namespace xianjie {

enum class StatsGrouping : uint8_t { kAgency, kMonth, kAgencyMonth };
// "agency", "month", "agency,month" (also 机关 / 月份 / 机关,月份); nullopt for anything else.
std::optional<StatsGrouping> parse_stats_grouping(std::string_view text);
std::string_view stats_grouping_name(StatsGrouping g);  // "agency" / "month" / "agency,month"

// Headers recognised as the date a case was entered into the system (not a field of the data
// dictionary; read by the statistics only): 录入日期, 录入时间, 填报日期, 填报时间.
const std::vector<std::string_view>& entry_date_aliases();

struct StatsOptions {
  // A case entered more than this many days after its decision date is entered late.
  int late_days = 30;
  // More headers that hold the entry date (--entry-date-column), matched like the built-in ones.
  std::vector<std::string> entry_date_columns;
};

// A field whose completeness is reported: a case has it when one of `slots` holds a value that
// parsed (a missing token or an unparsable value is null, as the rules see it).
struct StatsField {
  std::string name;        // canonical name; "case_reason|facts" when either will do
  std::string label;       // Chinese column heading
  bool key = false;        // a key field: a case is complete when it has every key field
  std::vector<int> slots;  // record slots
};

// The fields reported for a rule pack: the key fields case_id, party_name, party_id,
// case_reason|facts, violation_date, decision_date, then every amount field the rules read
// (RuleSet::slots_read), in data-dictionary order.
std::vector<StatsField> stats_fields(const RuleSet& rules);

struct StatsCounts {
  uint64_t cases = 0;                   // evaluated records
  std::vector<uint64_t> present;        // per StatsField: cases that have it
  uint64_t key_complete = 0;            // cases that have every key field
  uint64_t candidates = 0;              // cases with a referral candidate (Finding::referral)
  uint64_t candidates_transferred = 0;  // … of which marked as transferred
  uint64_t leads = 0;                   // cases with a lead for review (referral == false)
  uint64_t candidate_findings = 0;      // referral findings (a case may have several)
  uint64_t lead_findings = 0;
  uint64_t transferred = 0;             // cases marked as transferred: own marks or the transfers table
  uint64_t entry_dated = 0;             // cases with both an entry date and a decision date
  uint64_t late = 0;                    // … entered more than late_days after the decision

  void add(const StatsCounts& other);
};

struct StatsRow {
  // Present when grouped by agency: the agency as exported (trimmed), "" when the case has none.
  std::optional<std::string> agency;
  // Present when grouped by month: "2024-05", "" when the case has no (parsable) decision date.
  std::optional<std::string> month;
  StatsCounts counts;
};

struct StatsReport {
  StatsGrouping grouping = StatsGrouping::kAgencyMonth;
  std::vector<StatsField> fields;
  std::vector<StatsRow> rows;  // by agency, then month; a missing agency or month sorts last
  StatsCounts total;
  int late_days = 30;
  // Whether some input had an entry-date column; without one, late entries are not available
  // (never estimated from other dates).
  bool entry_date_available = false;
  std::vector<std::string> entry_date_columns;  // "cases.csv: 录入日期", per input where found
  uint64_t entry_date_unparsed = 0;             // entry dates that did not parse (not counted)
  ScanSummary scan;                             // row accounting, notes, inputs, timings
};

class StatsCollector : public FindingSink, public RecordObserver {
 public:
  StatsCollector(const RuleSet& rules, StatsOptions options = {});
  ~StatsCollector() override;
  StatsCollector(const StatsCollector&) = delete;
  StatsCollector& operator=(const StatsCollector&) = delete;

  // Makes `options` a statistics scan: this collector observes every record, and transferred
  // cases are matched too (MatchOptions::include_transferred).
  void attach(ScanOptions& options);

  // RecordObserver
  std::vector<size_t> begin_input(const RowSource& source) override;
  void record(const Record& record, bool transferred, const std::string_view* cells) override;
  // FindingSink
  void finding(const Finding& f) override;
  void end(const ScanSummary& summary) override;

  // The statistics grouped as asked, sorted, with totals. Call after end().
  StatsReport report(StatsGrouping grouping) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

enum class StatsFormat : uint8_t { kTable, kCsv, kJson, kMarkdown, kHtml, kXlsx };
// "table", "csv", "json", "md" (also "markdown"), "html", "xlsx"; nullopt for anything else.
std::optional<StatsFormat> parse_stats_format(std::string_view name);

struct StatsReportOptions {
  std::string tool_version;
};

// `r` regrouped coarser: an agency-and-month report rolled up per agency or per month (the counts
// add up exactly, since a case belongs to one agency and one month), rows in the same order as
// StatsCollector::report gives them. `r` itself for its own grouping; nullopt when `grouping` is
// not coarser (a report per agency has no months).
std::optional<StatsReport> rollup_stats(const StatsReport& r, StatsGrouping grouping);

// Writes the report: `table` for a terminal (Chinese headers, aligned; completeness of the key
// fields per group and of the amount fields overall), `csv` for Excel (UTF-8 with BOM, CRLF, one
// row per group and a totals row, every field), `json` (counts and shares, every field), `md`
// (Markdown tables, every field), `html` (one offline page: figures, charts, and the tables per
// agency and per month, with the report's own grouping as well when it is agency and month),
// `xlsx` (a workbook with a sheet per agency, per month and per agency and month, as far as the
// grouping allows, and a sheet of notes; shares as percentages, counts as numbers). Agency names
// are case data: escaped for each format. A workbook that cannot be built leaves `out` bad and
// returns why; otherwise the result is "" (a failing stream is the caller's to check).
std::string write_stats_report(StatsFormat format, const StatsReport& report, std::ostream& out,
                               const StatsReportOptions& options);

}  // namespace xianjie
