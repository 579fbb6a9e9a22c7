// The agency statistics as CSV for Excel: one row per group, then a totals row (合计); every
// column of the main table, then the completeness of every reported field (key fields and the
// amount fields the rules read), as percentages Excel reads as numbers ("93.3%").
//
// As in the findings csv (report/csv_printer.cpp): a UTF-8 BOM, or Excel garbles the Chinese;
// CRLF line ends; RFC 4180 quoting; and agency names are case data, so one that Excel would run
// as a formula (=, +, -, @ …) gets a leading apostrophe. Counts are written without thousands
// separators so that they stay numbers.
#include <ostream>
#include <string>

#include "report/report_text.h"
#include "stats/stats_common.h"

namespace xianjie::stats {
namespace {

std::string cell(std::string_view raw) {
  std::string text = valid_utf8(raw);
  std::string clean;
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\t' && c != '\n' && c != '\r') || u == 0x7F) clean += "\xEF\xBF\xBD";  // U+FFFD
    else clean += c;
  }
  if (!clean.empty()) {
    char f = clean.front();
    if (f == '=' || f == '+' || f == '-' || f == '@' || f == '\t' || f == '\r') clean.insert(0, "'");
  }
  if (clean.find_first_of(",\"\r\n") == std::string::npos) return clean;
  std::string q = "\"";
  for (char c : clean) {
    if (c == '"') q += '"';
    q += c;
  }
  return q + "\"";
}

std::string plain(uint64_t n) { return std::to_string(n); }

}  // namespace

void write_stats_csv(const StatsReport& r, std::ostream& out, const StatsReportOptions&) {
  const bool by_agency = r.grouping != StatsGrouping::kMonth, by_month = r.grouping != StatsGrouping::kAgency;
  std::string buf = "\xEF\xBB\xBF";
  const std::vector<std::string> head = sheet_headings(r);
  for (size_t k = 0; k < head.size(); ++k) buf += (k ? "," : "") + cell(head[k]);
  buf += "\r\n";

  auto row = [&](const StatsRow* g, const StatsCounts& c) {
    std::vector<std::string> cells;
    if (!g) {
      cells.push_back("合计");
      if (by_agency && by_month) cells.push_back("");
    } else {
      if (by_agency) cells.push_back(agency_label(*g->agency));
      if (by_month) cells.push_back(month_label(*g->month));
    }
    cells.push_back(plain(c.cases));
    cells.push_back(percent_text(c.key_complete, c.cases));
    cells.push_back(plain(c.candidates));
    cells.push_back(plain(c.candidates_transferred));
    cells.push_back(percent_text(c.candidates_transferred, c.candidates));
    cells.push_back(plain(c.leads));
    cells.push_back(plain(c.transferred));
    cells.push_back(r.entry_date_available ? plain(c.late) : "不可用");
    cells.push_back(r.entry_date_available ? plain(c.entry_dated) : "不可用");
    for (size_t k = 0; k < r.fields.size(); ++k) cells.push_back(percent_text(c.present[k], c.cases));
    for (size_t k = 0; k < cells.size(); ++k) buf += (k ? "," : "") + cell(cells[k]);
    buf += "\r\n";
  };
  for (const auto& g : r.rows) row(&g, g.counts);
  row(nullptr, r.total);
  out << buf;
}

}  // namespace xianjie::stats
