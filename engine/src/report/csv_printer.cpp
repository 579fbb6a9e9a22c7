// The csv printer: findings only, one row each, for analysts who work in Excel. With scan --state
// the review columns follow (report_text.h review_cells); findings that disappeared since the
// previous scan are not rows of this table (the jsonl and xlsx reports list them).
//
// Excel opens the file correctly by double-click only with a UTF-8 BOM (without it, it guesses the
// ANSI code page and garbles every Chinese cell), and it expects CRLF line ends. Cells follow
// RFC 4180: quoted when they hold a comma, a quote or a line break, quotes doubled.
//
// Case data is untrusted: a party name such as =HYPERLINK(…) or -2+3+cmd|… would run as a formula
// when the sheet is opened. Such cells get a leading apostrophe, which Excel shows as text. Plain
// numbers ("-500", "+1,234.50") are left alone, so that amounts stay numbers.
#include <ostream>
#include <string>

#include "report/printers.h"
#include "report/report_text.h"

namespace xianjie {

namespace {

bool is_plain_number(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
  while (i < s.size() && ((s[i] >= '0' && s[i] <= '9') || s[i] == ',')) ++i;
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (i >= s.size()) return false;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  }
  return i == s.size();
}

// Excel starts a formula on = + - @; tab and CR are on the OWASP list because some importers
// strip them and then see the character behind.
bool needs_formula_guard(std::string_view s) {
  if (s.empty()) return false;
  char c = s.front();
  bool risky = c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
  return risky && !is_plain_number(s);
}

// Valid UTF-8 without C0 controls other than tab and line breaks: Excel cannot save such
// characters to .xlsx, and an escape sequence would act on the terminal of anyone who prints
// the file. The exact bytes remain available in the jsonl output.
std::string clean_text(std::string_view raw) {
  std::string text = valid_utf8(raw);
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\t' && c != '\n' && c != '\r') || u == 0x7F) out += "\xEF\xBF\xBD";  // U+FFFD
    else out += c;
  }
  return out;
}

void append_cell(std::string& line, std::string_view raw) {
  std::string text = clean_text(raw);
  if (needs_formula_guard(text)) text.insert(0, 1, '\'');
  if (text.find_first_of(",\"\r\n") == std::string::npos) {
    line += text;
    return;
  }
  line += '"';
  for (char c : text) {
    if (c == '"') line += '"';
    line += c;
  }
  line += '"';
}

class CsvPrinter final : public FindingSink {
 public:
  CsvPrinter(std::ostream& out, bool review_state) : out_(out), review_state_(review_state) {}

  void begin(const std::vector<RuleInfo>& /*rules*/) override { write_header(); }

  void finding(const Finding& f) override {
    write_header();
    const auto cells = finding_cells(f);
    line_.clear();
    for (size_t i = 0; i < cells.size(); ++i) {
      if (i > 0) line_ += ',';
      append_cell(line_, cells[i]);
    }
    if (review_state_)
      for (const auto& cell : review_cells(f)) {
        line_ += ',';
        append_cell(line_, cell);
      }
    line_ += "\r\n";
    out_.write(line_.data(), static_cast<std::streamsize>(line_.size()));
  }

  void end(const ScanSummary& /*summary*/) override {
    write_header();  // an empty scan still yields a valid file with its header
    out_.flush();
  }

 private:
  void write_header() {
    if (header_written_) return;
    header_written_ = true;
    std::string line = "\xEF\xBB\xBF";
    const auto& headings = finding_column_headings();
    for (size_t i = 0; i < headings.size(); ++i) {
      if (i > 0) line += ',';
      line += headings[i];
    }
    if (review_state_)
      for (auto h : review_column_headings()) {
        line += ',';
        line += h;
      }
    line += "\r\n";
    out_.write(line.data(), static_cast<std::streamsize>(line.size()));
  }

  std::ostream& out_;
  bool review_state_;  // scan --state: the review columns follow the finding's
  std::string line_;   // reused for each row
  bool header_written_ = false;
};

}  // namespace

std::unique_ptr<FindingSink> make_csv_printer(std::ostream& out, const ReportOptions& opts) {
  return std::make_unique<CsvPrinter>(out, opts.review_state);
}

}  // namespace xianjie
