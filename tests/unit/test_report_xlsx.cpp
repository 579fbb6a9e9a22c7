// The xlsx printer and the workbook layer, read back from the file: an .xlsx is a zip of XML
// parts, which `unzip -p` extracts (scripts/deps.sh installs unzip). The checks look at the
// parts themselves: header cells, a money cell that is a number with the money format, a date
// cell that is a date serial with a date format, the frozen pane and the filter. Also: every
// format gives the same suggested action for a finding whose threshold is not confirmed.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "../cli/xlsx_reader.h"
#include "report/xlsx_book.h"
#include "xianjie/report.h"
#include "xianjie/stats.h"

using namespace xianjie;
using namespace xianjie::test::xlsx_read;

namespace {

// A file removed at the end of the test.
class TempFile {
 public:
  explicit TempFile(const std::string& suffix) {
    path_ = (std::filesystem::temp_directory_path() / ("xianjie-xlsx-test-" + std::to_string(getpid()) + "-" +
                                                       std::to_string(counter_++) + suffix)).string();
  }
  ~TempFile() { std::filesystem::remove(path_); }
  const std::string& path() const { return path_; }

 private:
  static inline int counter_ = 0;
  std::string path_;
};

Finding threshold_finding() {
  Finding f;
  f.case_id = "XJ-2023-001";
  f.source = "cases.csv:12";
  f.agency = "某市市场监督管理局";
  f.party_name = "张三";
  f.party_id = "110101199003071233";
  f.party_type = "individual";
  f.domain = "市场监管";
  f.case_reason = "销售伪劣产品";
  f.violation_date = Date::from_ymd(2023, 4, 12);
  f.decision_date = Date::from_ymd(2023, 6, 1);
  f.fine_amount = "52,000.50";
  f.rule_id = "MKT-01";
  f.title = "销售伪劣产品，销售金额五万元以上";
  f.offense = "生产、销售伪劣产品罪";
  f.law = "《刑法》第一百四十条";
  f.basis = "《立案追诉标准(一)》第十六条";
  f.action = "建议移送公安机关";
  f.version = "2022-05-15 起";
  f.evidence.push_back({"sales_amount", "销售金额", "52,000.00 元", "≥", "50,000 元", "sales_min", "《立案追诉标准(一)》第十六条",
                        "销售金额 52,000.00 元 ≥ 50,000 元"});
  f.message = "销售金额达到追诉标准";
  return f;
}

ScanSummary summary_of(const std::vector<Finding>& findings) {
  ScanSummary s;
  s.rows_read = 10;
  s.rows_evaluated = 9;
  s.rows_rejected = 1;
  s.rules = 3;
  s.inputs = {"cases.csv"};
  s.findings = findings.size();
  for (const auto& f : findings) {
    ++s.findings_by_severity[static_cast<size_t>(f.severity)];
    if (f.referral) ++s.referral_candidates;
  }
  return s;
}

// Renders `findings` in `format` to a string (xlsx: the bytes of the workbook).
std::string render(ReportFormat format, const std::vector<Finding>& findings, ReportOptions opts = {false, "0.1.0", false}) {
  std::ostringstream out;
  auto p = make_printer(format, out, opts);
  p->begin({});
  for (const auto& f : findings) p->finding(f);
  p->end(summary_of(findings));
  REQUIRE(out.good());
  return out.str();
}

void write_file(const std::string& path, const std::string& bytes) { std::ofstream(path, std::ios::binary) << bytes; }

}  // namespace

TEST_CASE("xlsx: the candidates sheet has typed cells, a frozen header and a filter", "[report][xlsx]") {
  Finding second = threshold_finding();
  second.case_id = "XJ-2023-002";
  second.agency = "";
  second.fine_amount = "";
  second.decision_date.reset();
  second.party_name = "=HYPERLINK(\"http://x\")\x01";
  TempFile file(".xlsx");
  std::string bytes = render(ReportFormat::kXlsx, {threshold_finding(), second});
  REQUIRE(bytes.compare(0, 2, "PK") == 0);  // a zip
  write_file(file.path(), bytes);

  std::string workbook = zip_part(file.path(), "xl/workbook.xml");
  CHECK(workbook.find("name=\"线索\"") < workbook.find("name=\"汇总\""));
  CHECK(workbook.find("name=\"汇总\"") < workbook.find("name=\"机关\""));

  std::string sheet = zip_part(file.path(), "xl/worksheets/sheet1.xml");
  std::string styles = zip_part(file.path(), "xl/styles.xml");
  REQUIRE(!sheet.empty());
  REQUIRE(!styles.empty());
  // Chinese headers, the columns of the csv report.
  CHECK(inline_text(cell(sheet, "A1")) == "案件编号");
  CHECK(inline_text(cell(sheet, "D1")) == "执法领域");
  CHECK(inline_text(cell(sheet, "I1")) == "违法行为发生日期");
  CHECK(inline_text(cell(sheet, "K1")) == "罚款金额");
  CHECK(inline_text(cell(sheet, "V1")) == "建议");
  CHECK(cell(sheet, "W1").empty());  // no review columns without scan --state
  // The fine is a number with the money format.
  std::string money = cell(sheet, "K2");
  CHECK(attr(money, "t").empty());
  CHECK(between(money, "<v>", "</v>") == "52000.5");
  CHECK(number_format(styles, attr(money, "s")) == "#,##0.00&quot; 元&quot;");
  // Dates are serials with a date format: 2023-04-12 is 45028, 2023-06-01 is 45078.
  std::string date = cell(sheet, "I2");
  CHECK(attr(date, "t").empty());
  CHECK(between(date, "<v>", "</v>") == "45028");
  CHECK(number_format(styles, attr(date, "s")) == "yyyy-mm-dd");
  CHECK(between(cell(sheet, "J2"), "<v>", "</v>") == "45078");
  // Missing values leave the cell empty.
  CHECK(cell(sheet, "J3").empty());
  CHECK(cell(sheet, "K3").empty());
  // Case text is a string, never a formula, and without control characters.
  CHECK(sheet.find("<f>") == std::string::npos);
  CHECK(inline_text(cell(sheet, "E3")) == "=HYPERLINK(\"http://x\")\xEF\xBF\xBD");
  // Frozen header row, filter over the header and both rows, fitted widths.
  CHECK(sheet.find("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>") != std::string::npos);
  CHECK(sheet.find("<autoFilter ref=\"A1:V3\"/>") != std::string::npos);
  CHECK(sheet.find("<col min=\"1\" max=\"1\" width=") != std::string::npos);
}

TEST_CASE("xlsx: the summary and agency sheets", "[report][xlsx]") {
  Finding lead = threshold_finding();
  lead.referral = false;
  lead.pattern = "fine-floor";
  lead.severity = RuleSeverity::kLow;
  lead.rule_id = "MKT-FLOOR";
  Finding other = threshold_finding();
  other.agency = "某县公安局";
  TempFile file(".xlsx");
  write_file(file.path(), render(ReportFormat::kXlsx, {threshold_finding(), lead, other}));

  std::string summary = zip_part(file.path(), "xl/worksheets/sheet2.xml");
  for (const char* text : {"读取行数", "评估行数", "拒收行数", "按涉嫌罪名", "按执法领域", "按处罚决定月份", "按规则及适用版本",
                           "2023-06", "生产、销售伪劣产品罪", "MKT-FLOOR", "2022-05-15 起", "xianjie 0.1.0"}) {
    INFO(text);
    CHECK(summary.find(text) != std::string::npos);
  }

  std::string agencies = zip_part(file.path(), "xl/worksheets/sheet3.xml");
  CHECK(inline_text(cell(agencies, "A1")) == "执法机关");
  // Agencies in code point order: 县 (U+53BF) before 市 (U+5E02); then the totals row.
  CHECK(inline_text(cell(agencies, "A2")) == "某县公安局");
  CHECK(inline_text(cell(agencies, "A3")) == "某市市场监督管理局");
  CHECK(between(cell(agencies, "B3"), "<v>", "</v>") == "2");  // findings
  CHECK(between(cell(agencies, "C3"), "<v>", "</v>") == "1");  // referral candidates
  CHECK(between(cell(agencies, "D3"), "<v>", "</v>") == "1");  // leads
  CHECK(inline_text(cell(agencies, "A4")) == "合计");
  CHECK(between(cell(agencies, "B4"), "<v>", "</v>") == "3");
  CHECK(agencies.find("<autoFilter ref=\"A1:I3\"/>") != std::string::npos);
  CHECK(agencies.find("state=\"frozen\"") != std::string::npos);
}

TEST_CASE("xlsx: masked personal data, and an empty scan", "[report][xlsx]") {
  TempFile file(".xlsx");
  write_file(file.path(), render(ReportFormat::kXlsx, {threshold_finding()}, {false, "0.1.0", true}));
  std::string sheet = zip_part(file.path(), "xl/worksheets/sheet1.xml");
  CHECK(sheet.find("张三") == std::string::npos);
  CHECK(sheet.find("110101199003071233") == std::string::npos);
  CHECK(sheet.find("<t>张某</t>") != std::string::npos);
  CHECK(sheet.find("110101********1233") != std::string::npos);
  CHECK(zip_part(file.path(), "xl/worksheets/sheet2.xml").find("已脱敏") != std::string::npos);

  TempFile empty(".xlsx");
  write_file(empty.path(), render(ReportFormat::kXlsx, {}));
  std::string e = zip_part(empty.path(), "xl/worksheets/sheet1.xml");
  CHECK(inline_text(cell(e, "A1")) == "案件编号");
  CHECK(cell(e, "A2").empty());
  CHECK(e.find("<autoFilter ref=\"A1:V1\"/>") != std::string::npos);
}

TEST_CASE("xlsx: cell text and date serials", "[report][xlsx]") {
  CHECK(xlsx::cell_text("a\tb\nc") == "a\tb\nc");
  CHECK(xlsx::cell_text("a\x1b[2Jb") == "a\xEF\xBF\xBD[2Jb");
  CHECK(xlsx::cell_text("\xFF") == "\xEF\xBF\xBD");
  std::string long_text(40000, 'x');
  std::string cut = xlsx::cell_text(long_text);
  CHECK(cut.size() == 32766 + std::string("…").size());
  CHECK(xlsx::excel_serial(*Date::from_ymd(1970, 1, 1)) == 25569.0);
  CHECK(xlsx::excel_serial(*Date::from_ymd(2023, 4, 12)) == 45028.0);
  CHECK(xlsx::excel_serial(*Date::from_ymd(1900, 3, 1)) == 61.0);
  CHECK_FALSE(xlsx::excel_serial(*Date::from_ymd(1900, 2, 28)).has_value());
}

TEST_CASE("every format suggests 建议调查核实 for an unconfirmed threshold", "[report][action]") {
  Finding f = threshold_finding();
  f.confirmed = false;
  f.confirmation_note = "门槛待核实";
  for (auto format : {ReportFormat::kTable, ReportFormat::kCsv, ReportFormat::kJsonl, ReportFormat::kJson,
                      ReportFormat::kMarkdown, ReportFormat::kHtml, ReportFormat::kNotice}) {
    INFO(static_cast<int>(format));
    std::string out = render(format, {f});
    CHECK(out.find("建议调查核实") != std::string::npos);
    CHECK(out.find("建议移送公安机关") == std::string::npos);
  }
  TempFile file(".xlsx");
  write_file(file.path(), render(ReportFormat::kXlsx, {f}));
  std::string sheet = zip_part(file.path(), "xl/worksheets/sheet1.xml");
  CHECK(inline_text(cell(sheet, "V2")) == "建议调查核实");

  // A confirmed threshold keeps the rule's action everywhere.
  for (auto format : {ReportFormat::kTable, ReportFormat::kCsv, ReportFormat::kJsonl, ReportFormat::kJson,
                      ReportFormat::kMarkdown, ReportFormat::kHtml, ReportFormat::kNotice}) {
    INFO(static_cast<int>(format));
    CHECK(render(format, {threshold_finding()}).find("建议移送公安机关") != std::string::npos);
  }
}
