// Shared renderings of the stats printers (see stats_common.h), and the format dispatch.
#include "stats/stats_common.h"

#include <cmath>
#include <map>

#include <fmt/format.h>

#include "xianjie/decimal.h"

namespace xianjie {

std::optional<StatsFormat> parse_stats_format(std::string_view name) {
  if (name == "table") return StatsFormat::kTable;
  if (name == "csv") return StatsFormat::kCsv;
  if (name == "json") return StatsFormat::kJson;
  if (name == "md" || name == "markdown") return StatsFormat::kMarkdown;
  if (name == "html") return StatsFormat::kHtml;
  if (name == "xlsx") return StatsFormat::kXlsx;
  return std::nullopt;
}

std::string write_stats_report(StatsFormat format, const StatsReport& report, std::ostream& out,
                               const StatsReportOptions& options) {
  switch (format) {
    case StatsFormat::kTable: stats::write_stats_table(report, out, options); break;
    case StatsFormat::kCsv: stats::write_stats_csv(report, out, options); break;
    case StatsFormat::kJson: stats::write_stats_json(report, out, options); break;
    case StatsFormat::kMarkdown: stats::write_stats_markdown(report, out, options); break;
    case StatsFormat::kHtml: stats::write_stats_html(report, out, options); break;
    case StatsFormat::kXlsx: return stats::write_stats_xlsx(report, out, options);
  }
  return {};
}

std::optional<StatsReport> rollup_stats(const StatsReport& r, StatsGrouping grouping) {
  if (grouping == r.grouping) return r;
  if (r.grouping != StatsGrouping::kAgencyMonth) return std::nullopt;
  // Keys in report order: a missing agency or month ("") after every other, the rest by bytes
  // (code point order for UTF-8), as StatsCollector::report sorts them.
  auto less = [](const std::string& a, const std::string& b) {
    if (a.empty() != b.empty()) return b.empty();
    return a < b;
  };
  std::map<std::string, StatsCounts, decltype(less)> groups(less);
  const bool by_agency = grouping == StatsGrouping::kAgency;
  for (const auto& row : r.rows) {
    const std::string& key = by_agency ? *row.agency : *row.month;
    auto [it, fresh] = groups.try_emplace(key);
    if (fresh) it->second.present.assign(r.fields.size(), 0);
    it->second.add(row.counts);
  }
  StatsReport out = r;
  out.grouping = grouping;
  out.rows.clear();
  for (auto& [key, counts] : groups) {
    StatsRow row;
    if (by_agency) row.agency = key;
    else row.month = key;
    row.counts = std::move(counts);
    out.rows.push_back(std::move(row));
  }
  return out;
}

namespace stats {

std::string grouped(uint64_t n) { return Decimal::from_units(static_cast<int64_t>(n) * Decimal::kOne).to_grouped(0); }

std::string percent_text(uint64_t n, uint64_t d) {
  if (d == 0) return "—";
  // Tenths of a percent, rounded half up: (n × 1000 + d/2) ÷ d, kept in integers.
  uint64_t tenths = (n * 2000 + d) / (2 * d);
  return fmt::format("{}.{}%", tenths / 10, tenths % 10);
}

std::optional<double> share(uint64_t n, uint64_t d) {
  if (d == 0) return std::nullopt;
  return std::round(static_cast<double>(n) / static_cast<double>(d) * 10000.0) / 10000.0;
}

std::string agency_label(const std::string& agency) { return agency.empty() ? "（机关缺失）" : agency; }
std::string month_label(const std::string& month) { return month.empty() ? "（无决定日期）" : month; }

std::string grouping_label(StatsGrouping g) {
  switch (g) {
    case StatsGrouping::kAgency: return "执法机关";
    case StatsGrouping::kMonth: return "月份";
    case StatsGrouping::kAgencyMonth: return "执法机关、月份";
  }
  return "";
}

std::string late_text(const StatsReport& r, const StatsCounts& c) {
  return r.entry_date_available ? grouped(c.late) : "不可用";
}

const std::vector<Column>& main_columns() {
  static const std::vector<Column> columns = {
      {"录入案件", true, [](const StatsReport&, const StatsCounts& c) { return grouped(c.cases); }},
      {"关键字段齐全", true, [](const StatsReport&, const StatsCounts& c) { return percent_text(c.key_complete, c.cases); }},
      {"移送线索", true, [](const StatsReport&, const StatsCounts& c) { return grouped(c.candidates); }},
      {"其中已移送", true, [](const StatsReport&, const StatsCounts& c) { return grouped(c.candidates_transferred); }},
      {"移送率", true, [](const StatsReport&, const StatsCounts& c) { return percent_text(c.candidates_transferred, c.candidates); }},
      {"待核查线索", true, [](const StatsReport&, const StatsCounts& c) { return grouped(c.leads); }},
      {"已移送案件", true, [](const StatsReport&, const StatsCounts& c) { return grouped(c.transferred); }},
      {"录入迟延", true, [](const StatsReport& r, const StatsCounts& c) { return late_text(r, c); }},
  };
  return columns;
}

std::vector<std::string> sheet_headings(const StatsReport& r) {
  std::vector<std::string> head;
  if (r.grouping != StatsGrouping::kMonth) head.push_back("执法机关");
  if (r.grouping != StatsGrouping::kAgency) head.push_back("月份");
  for (const char* h : {"录入案件", "关键字段齐全率", "移送线索", "其中已移送", "移送率", "待核查线索", "已移送案件", "录入迟延",
                        "有录入日期的案件"})
    head.push_back(h);
  for (const auto& f : r.fields) head.push_back(f.label + "完整率");
  return head;
}

std::vector<std::string> notes(const StatsReport& r) {
  std::vector<std::string> out;
  out.push_back("录入案件：按处罚决定日期的月份归组，无决定日期（或无法解析）的案件单列；被拒绝的行无法归入机关，只计入读取行数。");
  out.push_back("关键字段齐全：案件编号、当事人、证件号码、案由或违法事实、违法行为发生日期、处罚决定日期均有值且可解析的案件占比。");
  out.push_back("移送线索、待核查线索按案件计（一案多条线索计一次），由规则包扫描得出；已移送的案件也计入移送线索（同 scan --include-transferred），"
                "移送率 = 其中已移送 ÷ 移送线索。");
  out.push_back("已移送案件：案件记录标为已移送（是否移送 = 是，或有移送日期），或案件编号见于移送表。");
  if (r.entry_date_available) {
    std::string cols;
    for (const auto& c : r.entry_date_columns) cols += (cols.empty() ? "" : "；") + c;
    out.push_back(fmt::format("录入迟延：录入日期晚于处罚决定日期超过 {} 日的案件（--late-days）；录入日期取自 {}；"
                              "有录入日期和决定日期的案件 {} 件{}。",
                              r.late_days, cols, grouped(r.total.entry_dated),
                              r.entry_date_unparsed ? fmt::format("，录入日期无法解析 {} 处（不计）", grouped(r.entry_date_unparsed)) : ""));
  } else {
    out.push_back("录入迟延：不可用——输入中没有录入日期或填报日期列；可用 --entry-date-column 指定列名。不以其他日期推算。");
  }
  return out;
}

std::vector<std::pair<std::string, StatsReport>> report_views(const StatsReport& r) {
  std::vector<std::pair<std::string, StatsReport>> out;
  static const std::pair<StatsGrouping, const char*> kViews[] = {
      {StatsGrouping::kAgency, "按执法机关"}, {StatsGrouping::kMonth, "按月份"}, {StatsGrouping::kAgencyMonth, "按执法机关和月份"}};
  for (const auto& [g, title] : kViews)
    if (auto v = rollup_stats(r, g)) out.emplace_back(title, std::move(*v));
  return out;
}

std::string accounting_text(const ScanSummary& s) {
  return fmt::format("读取 {} 行：评估 {} 行，拒绝 {} 行", grouped(s.rows_read), grouped(s.rows_evaluated), grouped(s.rows_rejected));
}

}  // namespace stats
}  // namespace xianjie
