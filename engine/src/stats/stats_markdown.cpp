// The agency statistics as Markdown: a title, the row accounting, the main table (one row per
// group and a totals row), the completeness of every reported field per group (key fields and
// the amount fields the rules read), and the notes. Agency names go through md_text, so case
// data cannot break a table cell or become markup.
#include <ostream>

#include <fmt/format.h>

#include "report/report_text.h"
#include "stats/stats_common.h"

namespace xianjie::stats {
namespace {

std::string table_row(const std::vector<std::string>& cells) {
  std::string l = "|";
  for (const auto& c : cells) l += " " + c + " |";
  return l + "\n";
}

std::vector<std::string> group_cells(const StatsReport& r, const StatsRow* row) {
  const bool agency = r.grouping != StatsGrouping::kMonth, month = r.grouping != StatsGrouping::kAgency;
  std::vector<std::string> cells;
  if (!row) {
    cells.push_back("**合计**");
    if (agency && month) cells.push_back("");
    return cells;
  }
  if (agency) cells.push_back(md_text(agency_label(*row->agency)));
  if (month) cells.push_back(md_text(month_label(*row->month)));
  return cells;
}

// Heading row and alignment row: group columns left, the rest right.
std::string table_head(const StatsReport& r, const std::vector<std::string>& numeric_headings) {
  std::vector<std::string> head, align;
  if (r.grouping != StatsGrouping::kMonth) { head.push_back("执法机关"); align.push_back("---"); }
  if (r.grouping != StatsGrouping::kAgency) { head.push_back("月份"); align.push_back("---"); }
  for (const auto& h : numeric_headings) {
    head.push_back(md_text(h));
    align.push_back("---:");
  }
  return table_row(head) + table_row(align);
}

}  // namespace

void write_stats_markdown(const StatsReport& r, std::ostream& out, const StatsReportOptions& o) {
  std::string buf = "# 执法机关办案统计\n\n";
  buf += fmt::format("- 分组：按{}\n", grouping_label(r.grouping));
  buf += fmt::format("- {}\n", accounting_text(r.scan));
  buf += fmt::format("- 规则 {} 条；输入：{}\n", r.scan.rules, md_text(join(r.scan.inputs, "、")));
  for (const auto& e : r.scan.input_errors) buf += "- 输入错误：" + md_text(e) + "\n";
  if (!o.tool_version.empty()) buf += fmt::format("- xianjie {}\n", md_text(o.tool_version));

  buf += "\n## 办案情况\n\n";
  std::vector<std::string> headings;
  for (const auto& c : main_columns()) headings.push_back(c.heading);
  buf += table_head(r, headings);
  auto main_row = [&](const StatsRow* row, const StatsCounts& counts) {
    std::vector<std::string> cells = group_cells(r, row);
    for (const auto& c : main_columns()) cells.push_back(c.cell(r, counts));
    buf += table_row(cells);
  };
  for (const auto& row : r.rows) main_row(&row, row.counts);
  main_row(nullptr, r.total);

  buf += "\n## 字段完整率（有值且可解析的案件占比）\n\n";
  std::vector<std::string> field_headings = {"录入案件"};
  for (const auto& f : r.fields) field_headings.push_back(f.label);
  buf += table_head(r, field_headings);
  auto field_row = [&](const StatsRow* row, const StatsCounts& counts) {
    std::vector<std::string> cells = group_cells(r, row);
    cells.push_back(grouped(counts.cases));
    for (size_t k = 0; k < r.fields.size(); ++k) cells.push_back(percent_text(counts.present[k], counts.cases));
    buf += table_row(cells);
  };
  for (const auto& row : r.rows) field_row(&row, row.counts);
  field_row(nullptr, r.total);

  buf += "\n## 说明\n\n";
  for (const auto& n : notes(r)) buf += "- " + md_text(n) + "\n";
  out << buf;
}

}  // namespace xianjie::stats
