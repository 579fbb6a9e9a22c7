// The terminal view of the agency statistics: the row accounting, the main table (one row per
// group and a totals row), the completeness of the key fields per group, the completeness of the
// amount fields the rules read over all cases, and the notes:
//
//   执法机关办案统计（按执法机关、月份）
//   读取 302 行：评估 300 行，拒绝 2 行 · 规则 120 条
//
//   执法机关                    月份     录入案件  关键字段齐全  移送线索  其中已移送  移送率  …
//   兰州市城关区市场监督管理局  2024-08         3        100.0%         1           0    0.0%  …
//   合计                                      300         93.3%        40          12   30.0%  …
//
// Amount fields per group would make the table too wide for a terminal; csv, json and md carry
// them per group. Case data goes through terminal_safe, so it cannot break the layout.
#include <algorithm>
#include <ostream>

#include <fmt/format.h>

#include "common/text.h"
#include "report/report_text.h"
#include "stats/stats_common.h"

namespace xianjie::stats {
namespace {

struct Table {
  std::vector<std::string> headings;
  std::vector<bool> numeric;
  std::vector<std::vector<std::string>> rows;

  // Appends the table: every column as wide as its widest cell, numbers right-aligned, two
  // spaces between columns, no trailing spaces. Widths are measured once per cell (a report can
  // have a hundred thousand rows).
  void render(std::string& out) const {
    const size_t n = headings.size();
    std::vector<size_t> width(n, 0), cell_width;
    cell_width.reserve((rows.size() + 1) * n);
    auto measure = [&](const std::vector<std::string>& cells) {
      for (size_t c = 0; c < cells.size(); ++c) {
        cell_width.push_back(display_width(cells[c]));
        width[c] = std::max(width[c], cell_width.back());
      }
    };
    measure(headings);
    for (const auto& row : rows) measure(row);
    size_t at = 0;
    auto line = [&](const std::vector<std::string>& cells) {
      const size_t start = out.size();
      for (size_t c = 0; c < cells.size(); ++c) {
        const size_t pad = width[c] - cell_width[at++];
        if (c) out.append(2, ' ');
        if (numeric[c]) out.append(pad, ' ');
        out += cells[c];
        if (!numeric[c]) out.append(pad, ' ');
      }
      while (out.size() > start && out.back() == ' ') out.pop_back();
      out += '\n';
    };
    line(headings);
    for (const auto& row : rows) line(row);
  }
};

// The group columns of a row (agency and/or month), or "合计" and blanks for the totals row.
std::vector<std::string> group_cells(const StatsReport& r, const StatsRow* row) {
  std::vector<std::string> cells;
  const bool agency = r.grouping != StatsGrouping::kMonth, month = r.grouping != StatsGrouping::kAgency;
  if (!row) {
    cells.push_back("合计");
    if (agency && month) cells.push_back("");
    return cells;
  }
  if (agency) cells.push_back(terminal_safe(agency_label(*row->agency)));
  if (month) cells.push_back(month_label(*row->month));
  return cells;
}

Table group_table(const StatsReport& r) {
  Table t;
  if (r.grouping != StatsGrouping::kMonth) t.headings.push_back("执法机关");
  if (r.grouping != StatsGrouping::kAgency) t.headings.push_back("月份");
  t.numeric.assign(t.headings.size(), false);
  return t;
}

}  // namespace

void write_stats_table(const StatsReport& r, std::ostream& out, const StatsReportOptions&) {
  std::string buf;
  buf += fmt::format("执法机关办案统计（按{}）\n", grouping_label(r.grouping));
  buf += fmt::format("{} · 规则 {} 条 · 输入 {} 个\n", accounting_text(r.scan), r.scan.rules, r.scan.inputs.size());
  for (const auto& e : r.scan.input_errors) buf += "输入错误：" + terminal_safe(e) + "\n";
  buf += "\n";

  Table main = group_table(r);
  for (const auto& c : main_columns()) {
    main.headings.push_back(c.heading);
    main.numeric.push_back(c.numeric);
  }
  auto main_row = [&](const StatsRow* row, const StatsCounts& counts) {
    std::vector<std::string> cells = group_cells(r, row);
    for (const auto& c : main_columns()) cells.push_back(c.cell(r, counts));
    main.rows.push_back(std::move(cells));
  };
  for (const auto& row : r.rows) main_row(&row, row.counts);
  main_row(nullptr, r.total);
  main.render(buf);

  buf += "\n关键字段完整率（有值且可解析的案件占比）\n";
  Table keys = group_table(r);
  keys.headings.push_back("录入案件");
  keys.numeric.push_back(true);
  for (const auto& f : r.fields)
    if (f.key) {
      keys.headings.push_back(f.label);
      keys.numeric.push_back(true);
    }
  auto key_row = [&](const StatsRow* row, const StatsCounts& counts) {
    std::vector<std::string> cells = group_cells(r, row);
    cells.push_back(grouped(counts.cases));
    for (size_t k = 0; k < r.fields.size(); ++k)
      if (r.fields[k].key) cells.push_back(percent_text(counts.present[k], counts.cases));
    keys.rows.push_back(std::move(cells));
  };
  for (const auto& row : r.rows) key_row(&row, row.counts);
  key_row(nullptr, r.total);
  keys.render(buf);

  bool any_amount = std::any_of(r.fields.begin(), r.fields.end(), [](const StatsField& f) { return !f.key; });
  if (any_amount) {
    buf += "\n金额字段完整率（规则读取的金额字段，全部案件；按组见 csv、json、md 格式）\n";
    Table amounts;
    amounts.headings = {"字段", "有值案件", "占比"};
    amounts.numeric = {false, true, true};
    for (size_t k = 0; k < r.fields.size(); ++k)
      if (!r.fields[k].key)
        amounts.rows.push_back({r.fields[k].label, grouped(r.total.present[k]), percent_text(r.total.present[k], r.total.cases)});
    amounts.render(buf);
  }

  buf += "\n说明\n";
  for (const auto& n : notes(r)) buf += "- " + n + "\n";
  out << buf;
}

}  // namespace xianjie::stats
