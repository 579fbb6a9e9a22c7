// What the stats printers share: the columns of the report with their Chinese headings, and the
// renderings of counts, shares and group labels. One printer per format: stats_table.cpp,
// stats_csv.cpp, stats_json.cpp, stats_markdown.cpp, stats_html.cpp, stats_xlsx.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "xianjie/stats.h"

namespace xianjie::stats {

std::string grouped(uint64_t n);  // "20,000"

// n ÷ d as a percentage with one decimal, rounded half up in integers ("97.3%"); "—" when d is 0.
std::string percent_text(uint64_t n, uint64_t d);
// n ÷ d rounded to four decimals, or nullopt when d is 0 (JSON writes null).
std::optional<double> share(uint64_t n, uint64_t d);

// Group labels: the agency or month as exported, or a placeholder when the case has none.
std::string agency_label(const std::string& agency);  // "（机关缺失）" for ""
std::string month_label(const std::string& month);    // "（无决定日期）" for ""
std::string grouping_label(StatsGrouping g);          // "执法机关、月份"

// The late-entry count, or "不可用" when no input had an entry-date column.
std::string late_text(const StatsReport& r, const StatsCounts& c);

// One column of the main table: heading and the cell of a row.
struct Column {
  std::string heading;
  bool numeric = true;  // right-aligned in the table
  std::string (*cell)(const StatsReport& r, const StatsCounts& c) = nullptr;
};
// 录入案件, 关键字段齐全, 移送线索, 其中已移送, 移送率, 待核查线索, 已移送案件, 录入迟延.
const std::vector<Column>& main_columns();

// The headings of a spreadsheet of the report (csv, xlsx): the group columns of its grouping,
// every count, and every field's completeness.
std::vector<std::string> sheet_headings(const StatsReport& r);

// The explanatory notes every human-facing format ends with (how the counts are defined, where
// the entry date came from or why late entries are not available).
std::vector<std::string> notes(const StatsReport& r);

// "读取 302 行：评估 300 行，拒绝 2 行"
std::string accounting_text(const ScanSummary& s);

void write_stats_table(const StatsReport& r, std::ostream& out, const StatsReportOptions& o);
void write_stats_csv(const StatsReport& r, std::ostream& out, const StatsReportOptions& o);
void write_stats_json(const StatsReport& r, std::ostream& out, const StatsReportOptions& o);
void write_stats_markdown(const StatsReport& r, std::ostream& out, const StatsReportOptions& o);
void write_stats_html(const StatsReport& r, std::ostream& out, const StatsReportOptions& o);
// Returns why the workbook could not be built ("" when it was).
std::string write_stats_xlsx(const StatsReport& r, std::ostream& out, const StatsReportOptions& o);

// The reports an html page or a workbook shows, finest last: per agency, per month, per agency
// and month, as far as the grouping of `r` allows (rollup_stats). Each with its Chinese title.
std::vector<std::pair<std::string, StatsReport>> report_views(const StatsReport& r);

}  // namespace xianjie::stats
