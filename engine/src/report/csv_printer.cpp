// The csv printer: findings only, one row each, for analysts who work in Excel.
//
// Excel opens the file correctly by double-click only with a UTF-8 BOM (without it, it guesses the
// ANSI code page and garbles every Chinese cell), and it expects CRLF line ends. Cells follow
// RFC 4180: quoted when they hold a comma, a quote or a line break, quotes doubled.
//
// Case data is untrusted: a party name such as =HYPERLINK(…) or -2+3+cmd|… would run as a formula
// when the sheet is opened. Such cells get a leading apostrophe, which Excel shows as text. Plain
// numbers ("-500", "+1,234.50") are left alone, so that amounts stay numbers.
#include <array>
#include <ostream>
#include <string>

#include "report/printers.h"
#include "report/report_text.h"

namespace xianjie {

namespace {

constexpr std::array<const char*, 21> kHeader = {
    "案件编号", "来源", "执法机关", "当事人", "证件号码", "当事人类型", "案由",
    "违法行为发生日期", "处罚决定日期", "罚款金额", "是否已移送", "规则编号", "涉嫌罪名", "刑法条文",
    "追诉标准依据", "适用版本", "严重程度", "门槛是否已确认", "证据", "缺失字段", "建议"};

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
  explicit CsvPrinter(std::ostream& out) : out_(out) {}

  void begin(const std::vector<RuleInfo>& /*rules*/) override { write_header(); }

  void finding(const Finding& f) override {
    write_header();
    std::string confirmed = "是";
    if (!f.confirmed) confirmed = f.confirmation_note.empty() ? "否" : "否（" + f.confirmation_note + "）";
    const std::string cells[] = {
        f.case_id,
        f.source,
        f.agency,
        f.party_name,
        f.party_id,
        std::string(party_type_text(f.party_type)),
        f.case_reason,
        date_text(f.violation_date),
        date_text(f.decision_date),
        f.fine_amount,
        f.transferred ? "是" : "否",
        f.rule_id,
        f.offense,
        f.law,
        f.basis,
        version_text(f),
        std::string(severity_label(f.severity)),
        confirmed,
        evidence_text(f),
        join(f.missing_fields, "、"),
        f.action,
    };
    static_assert(sizeof(cells) / sizeof(cells[0]) == kHeader.size(), "one cell per header column");
    line_.clear();
    for (size_t i = 0; i < kHeader.size(); ++i) {
      if (i > 0) line_ += ',';
      append_cell(line_, cells[i]);
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
    for (size_t i = 0; i < kHeader.size(); ++i) {
      if (i > 0) line += ',';
      line += kHeader[i];
    }
    line += "\r\n";
    out_.write(line.data(), static_cast<std::streamsize>(line.size()));
  }

  std::ostream& out_;
  std::string line_;  // reused for each row
  bool header_written_ = false;
};

}  // namespace

std::unique_ptr<FindingSink> make_csv_printer(std::ostream& out, const ReportOptions& /*opts*/) {
  return std::make_unique<CsvPrinter>(out);
}

}  // namespace xianjie
