// A thin layer over libxlsxwriter shared by the xlsx reports (scan --format xlsx in
// xlsx_printer.cpp, stats --format xlsx in stats/stats_xlsx.cpp): one set of cell styles, text
// made safe for a workbook, typed cells (money, dates, counts, shares) and column widths fitted to
// what was written.
//
// libxlsxwriter writes to a file name, not to a stream. A Workbook therefore builds the file in a
// private temporary file and copies it into the caller's stream in finish(), so that the xlsx
// printers take a std::ostream like every other printer. Worksheets are written in constant-memory
// mode: each row goes to disk as soon as the next one starts, so a scan with a hundred thousand
// findings does not hold them all in memory. Rows must therefore be written in order, top to
// bottom, within each sheet; column widths, the frozen pane and the filter can be set at the end.
//
// Case data is untrusted, but a workbook has no formula injection to fear here: every text is
// written as a string cell, never as a formula. What a workbook cannot hold is handled instead:
// invalid UTF-8 and control characters (not allowed in XML) become U+FFFD, and a text longer than
// Excel's 32,767 characters per cell is cut with "…".
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "xianjie/date.h"

struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

namespace xianjie::xlsx {

enum class Style : uint8_t {
  kText,     // general
  kHeader,   // bold, shaded, bordered, wrapped
  kCount,    // #,##0
  kMoney,    // #,##0.00" 元"
  kDate,     // yyyy-mm-dd
  kPercent,  // 0.0%
  kTitle,    // bold, larger: the heading of a section in a summary sheet
};

class Workbook;

// One worksheet. Cells are addressed by zero-based row and column, as in libxlsxwriter.
class Sheet {
 public:
  // `fit`: whether the cell counts for fit_columns (not for a long note that may run over the
  // empty cells to its right).
  void text(uint32_t row, uint16_t col, std::string_view s, Style style = Style::kText, bool fit = true);
  void number(uint32_t row, uint16_t col, double value, Style style);
  void count(uint32_t row, uint16_t col, uint64_t n) { number(row, col, static_cast<double>(n), Style::kCount); }
  // n ÷ d as a percentage cell; "—" when d is 0.
  void share(uint32_t row, uint16_t col, uint64_t n, uint64_t d);
  // A real Excel date (a serial number with a date format); a blank cell when missing.
  void date(uint32_t row, uint16_t col, const std::optional<Date>& d);
  // An amount as displayed by the engine ("52,000.00", "-500"), written as a number with the
  // money format; text that is not a plain amount stays text; "" is a blank cell.
  void money(uint32_t row, uint16_t col, std::string_view amount);
  // A header row: bold cells, the row frozen when `freeze` (rows above it scroll away), and an
  // autofilter over `last_row` rows below it when autofilter() is called.
  void header(uint32_t row, const std::vector<std::string>& headings, bool freeze = true);
  // Turns the filter on over the header written by header() down to `last_row` (inclusive).
  void autofilter(uint32_t last_row);
  // Sets every column written to the width of its widest cell (CJK characters count as two),
  // within [min_width, max_width] characters. Call once, after the last cell.
  void fit_columns(double min_width = 6, double max_width = 60);

 private:
  friend class Workbook;
  Sheet(Workbook* book, lxw_worksheet* sheet) : book_(book), sheet_(sheet) {}
  void measure(uint16_t col, size_t width);

  Workbook* book_;
  lxw_worksheet* sheet_;
  std::vector<size_t> widths_;  // display width of the widest cell per column
  uint32_t header_row_ = 0;
  uint16_t header_cols_ = 0;
};

class Workbook {
 public:
  Workbook();
  ~Workbook();  // discards the temporary file
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;

  // A new worksheet (a name of at most 31 characters, without []:*?/\). The pointer stays valid
  // for the life of the workbook. nullptr when the workbook or the sheet could not be created.
  Sheet* add_sheet(std::string_view name);

  // Closes the workbook and copies the file into `out`. False with a Chinese message in `error`
  // when the workbook could not be created or written; `out` is then left untouched. Call once.
  bool finish(std::ostream& out, std::string& error);

  // The first failure so far (creating the temporary file, a cell libxlsxwriter refused), "" when none.
  const std::string& error() const { return error_; }

 private:
  friend class Sheet;
  lxw_format* format(Style s) const { return formats_[static_cast<size_t>(s)]; }
  void fail(std::string message);

  std::string path_;  // the temporary file
  lxw_workbook* book_ = nullptr;
  lxw_format* formats_[7] = {};
  std::deque<Sheet> sheets_;  // a deque: the Sheet* handed out stay valid as sheets are added
  std::string error_;
};

// Text as a workbook can hold it (see the top of the file).
std::string cell_text(std::string_view s);

// The Excel serial number of a date (1900 date system): 1970-01-01 is 25569. nullopt for dates
// before 1900-03-01, which Excel's serials cannot represent faithfully.
std::optional<double> excel_serial(const Date& d);

}  // namespace xianjie::xlsx
