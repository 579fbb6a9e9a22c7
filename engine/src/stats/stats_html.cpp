// The agency statistics as one self-contained page (inline CSS and JS, nothing fetched), in the
// style of the scan report and built the same way: the page is stats_template.html, embedded at
// build time with the stylesheet and chart code it shares with html_template.html; this file
// fills its two markers (see the top of the template).
//
// The tables are static HTML, so that the page is complete and prints without script: the
// figures of the totals, then per view the grouping allows (按执法机关, 按月份, 按执法机关和月份;
// report_views) the columns of the table format with a totals row, the completeness of every
// reported field per agency (or per the only view), and the notes. The charts (candidates and
// cases per agency and per month) are drawn by the page's script from a small JSON block.
//
// Agency names are case data: HTML-escaped in the tables, JSON-escaped and made script-safe in
// the data block (report/html_text.h).
#include <fmt/format.h>

#include <array>
#include <ostream>
#include <stdexcept>
#include <string>

#include "report/html_template.h"
#include "report/html_text.h"
#include "report/json_writer.h"
#include "report/report_text.h"
#include "stats/stats_common.h"

namespace xianjie::stats {
namespace {

struct Parts {
  std::string_view head, middle, tail;  // around XIANJIE:BODY and XIANJIE:DATA
};

const Parts& template_parts() {
  static const Parts parts = [] {
    static constexpr std::string_view kBody = "<!--XIANJIE:BODY-->", kData = "<!--XIANJIE:DATA-->";
    std::string_view t = report_detail::stats_template();
    size_t b = t.find(kBody), d = t.find(kData);
    if (b == std::string_view::npos || d == std::string_view::npos || d < b || t.find(kBody, b + 1) != std::string_view::npos ||
        t.find(kData, d + 1) != std::string_view::npos)
      throw std::logic_error("stats_template.html: a marker is missing, repeated or out of order");
    return Parts{t.substr(0, b), t.substr(b + kBody.size(), d - b - kBody.size()), t.substr(d + kData.size())};
  }();
  return parts;
}

constexpr std::array<const char*, 8> kSectionNumbers = {"一", "二", "三", "四", "五", "六", "七", "八"};

// The group cells of a row, or 合计 for the totals row (row == nullptr).
void group_cells(std::string& o, const StatsReport& r, const StatsRow* row) {
  const bool agency = r.grouping != StatsGrouping::kMonth, month = r.grouping != StatsGrouping::kAgency;
  if (!row) {
    o += agency && month ? "<td colspan=\"2\">合计</td>" : "<td>合计</td>";
    return;
  }
  if (agency) o += "<td>" + html_text(agency_label(*row->agency)) + "</td>";
  if (month) o += "<td>" + html_text(month_label(*row->month)) + "</td>";
}

void group_headings(std::string& o, const StatsReport& r) {
  if (r.grouping != StatsGrouping::kMonth) o += "<th>执法机关</th>";
  if (r.grouping != StatsGrouping::kAgency) o += "<th>月份</th>";
}

// The table of the table format: group columns, then main_columns(), one row per group, totals.
void main_table(std::string& o, const StatsReport& r) {
  o += "<div class=\"wide\"><table class=\"stats-table\"><thead><tr>";
  group_headings(o, r);
  for (const auto& c : main_columns()) o += std::string(c.numeric ? "<th class=\"num\">" : "<th>") + html_text(c.heading) + "</th>";
  o += "</tr></thead><tbody>\n";
  auto row = [&](const StatsRow* g, const StatsCounts& counts) {
    o += g ? "<tr>" : "<tr class=\"total\">";
    group_cells(o, r, g);
    for (const auto& c : main_columns()) o += std::string(c.numeric ? "<td class=\"num\">" : "<td>") + html_text(c.cell(r, counts)) + "</td>";
    o += "</tr>\n";
  };
  for (const auto& g : r.rows) row(&g, g.counts);
  row(nullptr, r.total);
  o += "</tbody></table></div>\n";
}

// The completeness of every reported field (key fields first, then the amount fields).
void fields_table(std::string& o, const StatsReport& r) {
  o += "<div class=\"wide\"><table class=\"stats-table\"><thead><tr>";
  group_headings(o, r);
  o += "<th class=\"num\">录入案件</th>";
  for (const auto& f : r.fields) o += "<th class=\"num\">" + html_text(f.label) + (f.key ? "" : "<br><span class=\"sub\">金额字段</span>") + "</th>";
  o += "</tr></thead><tbody>\n";
  auto row = [&](const StatsRow* g, const StatsCounts& c) {
    o += g ? "<tr>" : "<tr class=\"total\">";
    group_cells(o, r, g);
    o += "<td class=\"num\">" + grouped(c.cases) + "</td>";
    for (size_t k = 0; k < r.fields.size(); ++k) o += "<td class=\"num\">" + percent_text(c.present[k], c.cases) + "</td>";
    o += "</tr>\n";
  };
  for (const auto& g : r.rows) row(&g, g.counts);
  row(nullptr, r.total);
  o += "</tbody></table></div>\n";
}

void figures(std::string& o, const StatsReport& r, const StatsReportOptions& opts) {
  o += "<p class=\"meta\">";
  if (!opts.tool_version.empty()) o += "工具版本 xianjie " + html_text(opts.tool_version) + " · ";
  if (!r.scan.inputs.empty()) o += "输入 " + html_text(join(r.scan.inputs, "、")) + " · ";
  o += html_text(accounting_text(r.scan)) + fmt::format(" · 规则 {} 条 · 分组：{}</p>\n", r.scan.rules, grouping_label(r.grouping));
  for (const auto& e : r.scan.input_errors) o += "<div class=\"notice\">输入错误：" + html_text(e) + "</div>\n";
  o += "<div class=\"figures\">\n";
  for (const auto& c : main_columns())
    o += "  <div class=\"figure\"><b>" + html_text(c.cell(r, r.total)) + "</b><span>" + html_text(c.heading) + "</span></div>\n";
  o += "</div>\n";
}

// The JSON block of the charts: [name, cases, candidates] per agency and per month.
void data_block(std::string& o, const std::vector<std::pair<std::string, StatsReport>>& views) {
  std::string json;
  JsonWriter w(json);
  w.begin_object();
  for (const auto& [key, grouping] : {std::pair{"agencies", StatsGrouping::kAgency}, std::pair{"months", StatsGrouping::kMonth}}) {
    w.key(key);
    const StatsReport* view = nullptr;
    for (const auto& v : views)
      if (v.second.grouping == grouping) view = &v.second;
    if (!view) {
      w.null();
      continue;
    }
    w.begin_array();
    for (const auto& row : view->rows) {
      w.begin_array();
      w.string(terminal_safe(grouping == StatsGrouping::kAgency ? agency_label(*row.agency) : month_label(*row.month)));
      w.integer(row.counts.cases);
      w.integer(row.counts.candidates);
      w.end_array();
    }
    w.end_array();
  }
  w.end_object();
  o += "<script type=\"application/json\" id=\"xj-stats\">";
  append_script_json(o, json);
  o += "</script>\n";
}

}  // namespace

void write_stats_html(const StatsReport& r, std::ostream& out, const StatsReportOptions& opts) {
  const Parts& parts = template_parts();
  const auto views = report_views(r);
  std::string o(parts.head);
  size_t section = 0;
  auto heading = [&](const std::string& title) {
    o += fmt::format("<h2>{}、{}</h2>\n", kSectionNumbers[section++ % kSectionNumbers.size()], title);
  };
  heading("总体情况");
  figures(o, r, opts);
  o += "<div class=\"charts\" id=\"charts\"></div>\n";
  for (const auto& [title, view] : views) {
    o += "<section class=\"view\">\n";
    heading(title);
    main_table(o, view);
    o += "</section>\n";
  }
  // Completeness per field: per agency when there is such a view, else per the report's grouping.
  const StatsReport& coarse = views.front().second;
  o += "<section class=\"view\">\n";
  heading("字段完整率（" + grouping_label(coarse.grouping) + "；有值且可解析的案件占比）");
  fields_table(o, coarse);
  o += "</section>\n";
  heading("说明");
  o += "<ul>\n";
  for (const auto& n : notes(r)) o += "<li>" + html_text(n) + "</li>\n";
  for (const auto& n : r.scan.notes) o += "<li>" + html_text(n) + "</li>\n";
  o += "</ul>\n";
  o += parts.middle;
  data_block(o, views);
  o += parts.tail;
  out << o;
}

}  // namespace xianjie::stats
