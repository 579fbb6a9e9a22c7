// The agency statistics as an Excel workbook: one sheet per view the grouping allows (按执法机关,
// 按月份, 按执法机关和月份; see report_views), each with the columns of the csv format — the
// figures of the table format, then the completeness of every reported field — a totals row,
// a frozen header and the filter on; and a sheet 说明 with the row accounting and the notes.
// Counts are numbers, shares are numbers in a percentage format, so that the office can sum and
// chart them. Written through the shared workbook layer of the scan report (report/xlsx_book.h).
#include <ostream>
#include <string>

#include "report/xlsx_book.h"
#include "stats/stats_common.h"

namespace xianjie::stats {
namespace {

using xlsx::Sheet;
using xlsx::Style;

void write_view(Sheet& sh, const StatsReport& r) {
  const bool by_agency = r.grouping != StatsGrouping::kMonth, by_month = r.grouping != StatsGrouping::kAgency;
  sh.header(0, sheet_headings(r));

  uint32_t row = 0;
  auto write = [&](const StatsRow* g, const StatsCounts& c) {
    ++row;
    uint16_t col = 0;
    const Style label = g ? Style::kText : Style::kHeader;
    if (!g) {
      sh.text(row, col++, "合计", label);
      if (by_agency && by_month) sh.text(row, col++, "", label);
    } else {
      if (by_agency) sh.text(row, col++, agency_label(*g->agency));
      if (by_month) sh.text(row, col++, month_label(*g->month));
    }
    sh.count(row, col++, c.cases);
    sh.share(row, col++, c.key_complete, c.cases);
    sh.count(row, col++, c.candidates);
    sh.count(row, col++, c.candidates_transferred);
    sh.share(row, col++, c.candidates_transferred, c.candidates);
    sh.count(row, col++, c.leads);
    sh.count(row, col++, c.transferred);
    if (r.entry_date_available) {
      sh.count(row, col++, c.late);
      sh.count(row, col++, c.entry_dated);
    } else {
      sh.text(row, col++, "不可用");
      sh.text(row, col++, "不可用");
    }
    for (size_t k = 0; k < r.fields.size(); ++k) sh.share(row, col++, c.present[k], c.cases);
  };
  for (const auto& g : r.rows) write(&g, g.counts);
  sh.autofilter(row);  // the totals row stays out of the filter and the sort
  write(nullptr, r.total);
  sh.fit_columns(8, 50);
}

void write_notes(Sheet& sh, const StatsReport& r, const StatsReportOptions& o) {
  uint32_t row = 0;
  sh.text(row++, 0, "执法机关办案统计 · 说明", Style::kTitle, false);
  ++row;
  sh.header(row++, {"项目", "内容"}, false);
  auto item = [&](std::string_view label, std::string_view value) {
    sh.text(row, 0, label);
    sh.text(row, 1, value);
    ++row;
  };
  if (!o.tool_version.empty()) item("工具及规则包版本", "xianjie " + o.tool_version);
  item("分组", grouping_label(r.grouping));
  item("行数", accounting_text(r.scan));
  sh.text(row, 0, "规则");
  sh.count(row++, 1, r.scan.rules);
  for (const auto& in : r.scan.inputs) item("输入", in);
  for (const auto& e : r.scan.input_errors) item("输入错误", e);
  for (const auto& n : notes(r)) item("说明", n);
  for (const auto& n : r.scan.notes) item("注意", n);
  sh.fit_columns(8, 100);
}

}  // namespace

std::string write_stats_xlsx(const StatsReport& r, std::ostream& out, const StatsReportOptions& o) {
  xlsx::Workbook book;
  for (const auto& [title, view] : report_views(r))
    if (Sheet* sh = book.add_sheet(title)) write_view(*sh, view);
  if (Sheet* sh = book.add_sheet("说明")) write_notes(*sh, r, o);
  std::string error;
  if (!book.finish(out, error)) out.setstate(std::ios::badbit);
  return error;
}

}  // namespace xianjie::stats
