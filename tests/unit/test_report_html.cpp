// The html and notice printers against hand-built findings: hostile text (markup, quotes, a
// </script>, bidi overrides) must come out inert; repeated text is pooled; the page is one file
// that fetches nothing; the notice is a draft with every part of the case. The page's behaviour
// in a browser is tested end to end in tests/cli/test_report_html.cpp.
#include <catch2/catch.hpp>

#include <chrono>
#include <sstream>
#include <string>

#include "report/html_template.h"
#include "xianjie/report.h"

using namespace xianjie;

namespace {

size_t count(const std::string& hay, const std::string& needle) {
  size_t n = 0;
  for (size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + needle.size())) ++n;
  return n;
}

// The text between `open` and the next `close`, or "" when `open` is missing.
std::string between(const std::string& s, const std::string& open, const std::string& close) {
  size_t a = s.find(open);
  if (a == std::string::npos) return "";
  a += open.size();
  size_t b = s.find(close, a);
  return s.substr(a, b == std::string::npos ? std::string::npos : b - a);
}

Finding make_finding(int n) {
  Finding f;
  f.case_id = "京市监罚〔2024〕" + std::to_string(n) + "号";
  f.source = "cases.csv:" + std::to_string(n + 1);
  f.agency = n % 2 ? "北京市市场监督管理局" : "北京市烟草专卖局";
  f.party_name = "北京某某商贸有限公司";
  f.party_id = "91110108MA01ABCD2X";
  f.party_type = "unit";
  f.domain = "市场监管";
  f.case_reason = "销售伪劣产品案";
  f.facts = "经查，当事人销售不合格产品，销售金额52,000元。";
  f.violation_date = Date::from_ymd(2024, 3, 1);
  f.decision_date = Date::from_ymd(2024, 5, 20);
  f.fine_amount = "21,200.00";
  f.rule_id = "MKT-01";
  f.title = "生产、销售伪劣产品，销售金额五万元以上";
  f.offense = "生产、销售伪劣产品罪";
  f.law = "刑法第一百四十条";
  f.basis = "《立案追诉标准（一）》第十六条第（一）项";
  f.action = "建议移送公安机关";
  f.version = "2008-06-25 起";
  f.version_reason = "行为时有效，亦为现行版本";
  Evidence e;
  e.field = "sales_amount";
  e.label = "销售金额";
  e.value = "52,000.00 元";
  e.op = "≥";
  e.threshold = "50,000 元";
  e.param = "sales_min";
  e.basis = "《立案追诉标准（一）》第十六条第（一）项";
  e.message = "销售金额 52,000.00 元 ≥ 50,000 元(《立案追诉标准（一）》第十六条第（一）项)";
  f.evidence.push_back(e);
  f.message = "涉嫌生产、销售伪劣产品罪：" + e.message;
  return f;
}

Finding hostile_finding() {
  Finding f = make_finding(1);
  f.party_name = "<script>alert(\"x\")</script>'\"&amp;";
  f.case_reason = "</script><script>alert(1)</script><!-- 案";
  f.facts = "事实<img src=x onerror=alert(1)>\u202E倒序\n第二行";
  f.agency = "<b>机关</b>";
  return f;
}

std::string render(ReportFormat format, const std::vector<Finding>& findings, ScanSummary s = {},
                   ReportOptions opts = {}) {
  std::ostringstream out;
  auto p = make_printer(format, out, opts);
  p->begin({});
  for (const auto& f : findings) p->finding(f);
  s.findings = findings.size();
  p->end(s);
  return out.str();
}

}  // namespace

TEST_CASE("html: the template has its markers and fetches nothing", "[report][html]") {
  std::string t(report_detail::html_template());
  for (const char* marker : {"<!--XIANJIE:ROWS-->", "<!--XIANJIE:FIGURES-->", "<!--XIANJIE:NOTES-->", "<!--XIANJIE:META-->"})
    CHECK(count(t, marker) == 1);
  // Self-contained: no external script, style sheet, image, font or frame. The one URL is the
  // SVG namespace name, which is an identifier and never fetched.
  CHECK(count(t, "http") == count(t, "http://www.w3.org/2000/svg"));
  for (const char* fetch : {"<link", " src=", "@import", "url(", "fetch(", "XMLHttpRequest", "<iframe"}) {
    INFO(fetch);
    CHECK(t.find(fetch) == std::string::npos);
  }
  CHECK(t.find("@media print") != std::string::npos);
  CHECK(t.find("innerHTML") == std::string::npos);  // text goes into the DOM as text only
}

TEST_CASE("html: a whole page with the candidates as data", "[report][html]") {
  ScanSummary s;
  s.rows_read = 302;
  s.rows_evaluated = 300;
  s.rows_rejected = 2;
  s.inputs = {"cases.csv"};
  s.rules = 125;
  std::string page = render(ReportFormat::kHtml, {make_finding(1), make_finding(2), make_finding(3)}, s);

  CHECK(page.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(page.find("</html>") != std::string::npos);
  CHECK(page.find("<!--XIANJIE:") == std::string::npos);  // every marker filled
  CHECK(page.find("<html lang=\"zh-CN\">") != std::string::npos);
  // The figures, as static HTML.
  CHECK(page.find("<b>302</b><span>读取行数</span>") != std::string::npos);
  CHECK(page.find("<b>300</b><span>评估行数</span>") != std::string::npos);
  CHECK(page.find("<b>2</b><span>拒收行数</span>") != std::string::npos);
  CHECK(page.find("<b>3</b><span>移送线索</span>") != std::string::npos);

  // One candidate per line in the rows block; repeated text once, in the string pool.
  std::string rows = between(page, "<script type=\"application/json\" id=\"xj-rows\">", "</script>");
  CHECK(count(rows, "\n[\"京市监罚") == 3);
  CHECK(count(page, "刑法第一百四十条") == 1);
  CHECK(count(page, "生产、销售伪劣产品，销售金额五万元以上") == 1);
  std::string meta = between(page, "<script type=\"application/json\" id=\"xj-meta\">", "</script>");
  CHECK(meta.find("\"strings\":[\"\",") != std::string::npos);
  CHECK(meta.find("\"建议移送公安机关\"") != std::string::npos);
  // The evidence: the value without its unit, which is the threshold's and pooled once.
  CHECK(rows.find("\"52,000.00\"") != std::string::npos);
  CHECK(meta.find("\"50,000\"") != std::string::npos);
  CHECK(meta.find("\"元\"") != std::string::npos);
}

TEST_CASE("html: untrusted text cannot break out of the data or the markup", "[report][html]") {
  ScanSummary s;
  s.inputs = {"<i>in</i>\".csv"};
  s.notes = {"<script>alert('note')</script>"};
  std::string page = render(ReportFormat::kHtml, {hostile_finding()}, s);

  // Exactly the page's own three script elements close: rows, meta, and the program.
  CHECK(count(page, "</script>") == 3);
  CHECK(page.find("<script>alert") == std::string::npos);
  CHECK(page.find("<img src=x") == std::string::npos);
  CHECK(page.find("<!-- 案") == std::string::npos);
  CHECK(page.find("<b>机关</b>") == std::string::npos);
  // In the data the markup is escaped for a script element, and still there for the reader.
  CHECK(page.find("\\u003cscript\\u003ealert(\\\"x\\\")\\u003c/script\\u003e'\\\"\\u0026amp;") != std::string::npos);
  CHECK(page.find("\\u003cimg src=x onerror=alert(1)\\u003e") != std::string::npos);
  // The bidi override is replaced, the line break becomes a space.
  CHECK(page.find("\u202E") == std::string::npos);
  CHECK(page.find("\uFFFD倒序 第二行") != std::string::npos);
  // Static HTML is entity-escaped.
  CHECK(page.find("&lt;i&gt;in&lt;/i&gt;&quot;.csv") != std::string::npos);
  CHECK(page.find("&lt;script&gt;alert(&#39;note&#39;)&lt;/script&gt;") != std::string::npos);
}

TEST_CASE("html: suggested action and the empty scan", "[report][html]") {
  Finding f = make_finding(1);
  f.confirmed = false;
  f.confirmation_note = "地方标准待核实";
  std::string page = render(ReportFormat::kHtml, {f});
  std::string meta = between(page, "id=\"xj-meta\">", "</script>");
  CHECK(meta.find("\"建议调查核实\"") != std::string::npos);  // an unconfirmed threshold cannot carry a referral
  CHECK(meta.find("\"建议移送公安机关\"") == std::string::npos);
  CHECK(meta.find("地方标准待核实") != std::string::npos);

  std::string empty = render(ReportFormat::kHtml, {});
  CHECK(empty.find("id=\"xj-rows\">[]</script>") != std::string::npos);
  CHECK(empty.find("</html>") != std::string::npos);
}

TEST_CASE("html: masked reports say so", "[report][html][mask]") {
  ReportOptions opts;
  opts.mask = true;
  CHECK(render(ReportFormat::kHtml, {make_finding(1)}, {}, opts).find("个人信息已脱敏") != std::string::npos);
  CHECK(render(ReportFormat::kHtml, {make_finding(1)}).find("个人信息已脱敏") == std::string::npos);
}

TEST_CASE("html: 50,000 candidates stay a file of tens of megabytes", "[report][html][.][size]") {
  // Tagged hidden: run with `xianjie_tests "[size]"` to print the figures.
  const size_t n = 50000;
  std::ostringstream out;
  auto start = std::chrono::steady_clock::now();
  auto p = make_printer(ReportFormat::kHtml, out, {});
  Finding f = make_finding(0);
  for (size_t k = 0; k < n; ++k) {
    f.case_id = "京市监罚〔2024〕" + std::to_string(k) + "号";
    f.agency = "第" + std::to_string(k % 300) + "市场监督管理局";
    p->finding(f);
  }
  ScanSummary s;
  s.findings = n;
  p->end(s);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  size_t bytes = out.str().size();
  WARN("50,000 candidates: " << bytes << " bytes (" << bytes / n << " per candidate), written in " << seconds << " s");
  CHECK(bytes / n < 1000);
}

TEST_CASE("html: bytes per candidate stay small", "[report][html]") {
  const size_t n = 2000;
  std::vector<Finding> findings;
  for (size_t k = 0; k < n; ++k) findings.push_back(make_finding(static_cast<int>(k)));
  std::string page = render(ReportFormat::kHtml, findings);
  size_t fixed = render(ReportFormat::kHtml, {}).size();
  // The case number, party, facts excerpt and values are inline; the rest is pooled. A row of
  // make_finding is about 350 bytes, most of it the Chinese facts and names.
  CHECK((page.size() - fixed) / n < 500);
}

TEST_CASE("notice: one draft per finding, marked as a draft", "[report][notice]") {
  Finding unconfirmed = make_finding(2);
  unconfirmed.confirmed = false;
  unconfirmed.confirmation_note = "地方标准待核实";
  std::string md = render(ReportFormat::kNotice, {make_finding(1), unconfirmed, hostile_finding()});

  CHECK(md.rfind("# 移送线索/检察建议（草稿，须经人工审核）", 0) == 0);
  CHECK(count(md, "\n## 线索 ") == 3);
  CHECK(count(md, "（草稿，须经人工审核）\n") == 4);  // the title and each notice's heading
  CHECK(count(md, "审核人：") == 3);
  // The parts of a notice.
  for (const char* part : {"### 一、基本情况", "### 二、案件事实", "### 三、证据与立案追诉标准", "### 四、法律依据", "### 五、建议"})
    CHECK(count(md, part) == 3);
  CHECK(md.find("经查，当事人销售不合格产品，销售金额52,000元。") != std::string::npos);
  CHECK(md.find("| 销售金额 | 52,000.00 元 | ≥ | 50,000 元 | 《立案追诉标准（一）》第十六条第（一）项 |") != std::string::npos);
  CHECK(md.find("- 刑法条文：刑法第一百四十条") != std::string::npos);
  CHECK(md.find("- 适用版本：2008-06-25 起（行为时有效，亦为现行版本）") != std::string::npos);
  // The suggested action: referral when confirmed, verification when not.
  CHECK(count(md, "**建议移送公安机关。**") == 2);
  CHECK(count(md, "**建议调查核实。**") == 1);
  CHECK(md.find("- 门槛：未确认：地方标准待核实") != std::string::npos);
  // Case data shows as typed, never as markup.
  CHECK(md.find("<script>") == std::string::npos);
  CHECK(md.find("\\<script\\>alert(\"x\")\\</script\\>") != std::string::npos);
  CHECK(md.find("\\<img src=x onerror=alert(1)\\>") != std::string::npos);
  CHECK(md.find("共 3 份草稿") != std::string::npos);

  std::string none = render(ReportFormat::kNotice, {});
  CHECK(none.find("未发现移送线索") != std::string::npos);
  CHECK(none.find("草稿，须经人工审核") != std::string::npos);
}
