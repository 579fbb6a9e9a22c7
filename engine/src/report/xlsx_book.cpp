// The shared workbook layer of the xlsx reports (see xlsx_book.h).
#include "report/xlsx_book.h"

#include <stdlib.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "common/text.h"
#include "report/report_text.h"
#include "xianjie/decimal.h"

namespace xianjie::xlsx {

namespace {

constexpr size_t kMaxCellChars = 32767;  // Excel's limit per cell

}  // namespace

std::string cell_text(std::string_view s) {
  std::string text = valid_utf8(s);
  std::string out;
  out.reserve(text.size());
  size_t i = 0, chars = 0;
  while (i < text.size()) {
    if (chars == kMaxCellChars - 1) {
      out += "…";
      break;
    }
    char32_t cp = next_code_point(text, i);
    ++chars;
    // XML 1.0 allows tab, LF and CR among the C0 controls; DEL and C1 are allowed but are never
    // meant in case data, and a bidi override would reorder what the analyst reads.
    if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || (cp >= 0x7F && cp <= 0x9F) ||
        (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFFFE || cp == 0xFFFF)
      append_utf8(out, 0xFFFD);
    else
      append_utf8(out, cp);
  }
  return out;
}

std::optional<double> excel_serial(const Date& d) {
  // 1900-03-01 is serial 61: Excel counts a 29 February 1900 that never was, so earlier serials
  // are one day off. Exports hold no such dates; should one appear, it is written as text.
  constexpr int32_t kEpochOffset = 25569;  // serial of 1970-01-01
  const int32_t serial = d.days() + kEpochOffset;
  if (serial < 61) return std::nullopt;
  return static_cast<double>(serial);
}

// ---- Sheet

void Sheet::measure(uint16_t col, size_t width) {
  if (widths_.size() <= col) widths_.resize(col + 1u, 0);
  widths_[col] = std::max(widths_[col], width);
}

void Sheet::text(uint32_t row, uint16_t col, std::string_view s, Style style, bool fit) {
  if (s.empty() && style == Style::kText) return;  // nothing to write: leave the cell empty
  std::string t = cell_text(s);
  lxw_error e = worksheet_write_string(sheet_, row, col, t.c_str(), book_->format(style));
  if (e != LXW_NO_ERROR) book_->fail(fmt::format("写入单元格失败：{}", lxw_strerror(e)));
  if (!fit) return;
  // A multi-line cell is as wide as its longest line.
  size_t widest = 0, from = 0;
  while (from <= t.size()) {
    size_t nl = t.find('\n', from);
    if (nl == std::string::npos) nl = t.size();
    widest = std::max(widest, display_width(std::string_view(t).substr(from, nl - from)));
    from = nl + 1;
  }
  measure(col, widest);
}

void Sheet::number(uint32_t row, uint16_t col, double value, Style style) {
  lxw_error e = worksheet_write_number(sheet_, row, col, value, book_->format(style));
  if (e != LXW_NO_ERROR) book_->fail(fmt::format("写入单元格失败：{}", lxw_strerror(e)));
  // Digits, grouping commas and the unit of the money format.
  size_t digits = fmt::format("{:.0f}", std::abs(value)).size();
  size_t width = digits + (digits - 1) / 3 + (value < 0 ? 1 : 0);
  if (style == Style::kMoney) width += 5;
  if (style == Style::kDate) width = 10;
  if (style == Style::kPercent) width = 7;
  measure(col, width);
}

void Sheet::share(uint32_t row, uint16_t col, uint64_t n, uint64_t d) {
  if (d == 0) {
    text(row, col, "—");
    return;
  }
  number(row, col, static_cast<double>(n) / static_cast<double>(d), Style::kPercent);
}

void Sheet::date(uint32_t row, uint16_t col, const std::optional<Date>& d) {
  if (!d) return;
  if (auto serial = excel_serial(*d)) number(row, col, *serial, Style::kDate);
  else text(row, col, d->to_string());
}

void Sheet::money(uint32_t row, uint16_t col, std::string_view amount) {
  if (amount.empty()) return;
  std::string plain;
  for (char c : amount)
    if (c != ',') plain += c;
  if (auto d = Decimal::parse(plain)) number(row, col, d->to_double(), Style::kMoney);
  else text(row, col, amount);
}

void Sheet::header(uint32_t row, const std::vector<std::string>& headings, bool freeze) {
  for (size_t c = 0; c < headings.size(); ++c) text(row, static_cast<uint16_t>(c), headings[c], Style::kHeader);
  header_row_ = row;
  header_cols_ = static_cast<uint16_t>(headings.size());
  if (freeze) worksheet_freeze_panes(sheet_, row + 1, 0);
}

void Sheet::autofilter(uint32_t last_row) {
  if (header_cols_ == 0) return;
  worksheet_autofilter(sheet_, header_row_, 0, std::max(last_row, header_row_), static_cast<uint16_t>(header_cols_ - 1));
}

void Sheet::fit_columns(double min_width, double max_width) {
  for (size_t c = 0; c < widths_.size(); ++c) {
    // Two characters of padding, and room for the filter button of a header.
    double w = std::clamp(static_cast<double>(widths_[c]) + 2.0, min_width, max_width);
    worksheet_set_column(sheet_, static_cast<uint16_t>(c), static_cast<uint16_t>(c), w, nullptr);
  }
}

// ---- Workbook

Workbook::Workbook() {
  std::error_code ec;
  std::string dir = std::filesystem::temp_directory_path(ec).string();
  if (ec) dir = "/tmp";
  std::string tmpl = dir + "/xianjie-xlsx-XXXXXX";
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  int fd = mkstemp(buf.data());
  if (fd < 0) {
    fail(fmt::format("无法在 {} 创建临时文件（可设置 TMPDIR 指定其他目录）", dir));
    return;
  }
  close(fd);
  path_ = buf.data();
  lxw_workbook_options options = {};
  options.constant_memory = LXW_TRUE;
  book_ = workbook_new_opt(path_.c_str(), &options);
  if (!book_) {
    fail("无法创建 xlsx 工作簿");
    return;
  }
  for (size_t k = 0; k < std::size(formats_); ++k) {
    lxw_format* f = workbook_add_format(book_);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    switch (static_cast<Style>(k)) {
      case Style::kText: break;
      case Style::kHeader:
        format_set_bold(f);
        format_set_bg_color(f, 0xDDE5F0);
        format_set_bottom(f, LXW_BORDER_THIN);
        format_set_text_wrap(f);
        break;
      case Style::kCount: format_set_num_format(f, "#,##0"); break;
      case Style::kMoney: format_set_num_format(f, "#,##0.00\" 元\""); break;
      case Style::kDate: format_set_num_format(f, "yyyy-mm-dd"); break;
      case Style::kPercent: format_set_num_format(f, "0.0%"); break;
      case Style::kTitle:
        format_set_bold(f);
        format_set_font_size(f, 13);
        break;
    }
    formats_[k] = f;
  }
}

Workbook::~Workbook() {
  if (book_) {
    // A workbook never finished (an exception unwound the printer): close it to free its memory;
    // the file is removed below.
    workbook_close(book_);
  }
  if (!path_.empty()) unlink(path_.c_str());
}

void Workbook::fail(std::string message) {
  if (error_.empty()) error_ = std::move(message);
}

Sheet* Workbook::add_sheet(std::string_view name) {
  if (!book_) return nullptr;
  std::string n(name);
  lxw_worksheet* ws = workbook_add_worksheet(book_, n.c_str());
  if (!ws) {
    fail(fmt::format("无法添加工作表 {}", n));
    return nullptr;
  }
  sheets_.push_back(Sheet(this, ws));
  return &sheets_.back();
}

bool Workbook::finish(std::ostream& out, std::string& error) {
  if (book_) {
    lxw_error e = workbook_close(book_);
    book_ = nullptr;
    if (e != LXW_NO_ERROR) fail(fmt::format("写入 xlsx 文件失败：{}", lxw_strerror(e)));
  }
  if (error_.empty()) {
    std::ifstream in(path_, std::ios::binary);
    if (!in) fail("无法读回临时 xlsx 文件");
    else out << in.rdbuf();
  }
  error = error_;
  return error_.empty();
}

}  // namespace xianjie::xlsx
