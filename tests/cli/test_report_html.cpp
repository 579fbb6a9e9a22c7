// End-to-end tests of `xianjie scan --format html|notice` and `--mask`, and of the html report in
// a real browser: headless Chromium renders the page built from data/sample/cases.csv, and the
// DOM it dumps must hold the candidate rows and charts the page's script builds. The screenshot
// is kept in <build>/test-output/ for a person to look at.
//
// The browser tests need Debian's `chromium` (scripts/test.sh installs it; XIANJIE_CHROMIUM names
// another binary). Without it they pass with a warning that says they were skipped.
#include <catch2/catch.hpp>

#include <cctype>
#include <cstdio>
#include <filesystem>

#include "browser_harness.h"
#include "cli_harness.h"

using namespace xianjie::test;

namespace {

const std::string kSample = std::string(XIANJIE_SOURCE_DIR) + "/data/sample/cases.csv";
const std::string kHeader = "案件编号,执法机关,当事人,当事人类型,证件号码,案由,违法事实,销售金额（元）,违法行为发生日期,处罚决定日期,是否移送\n";

// A person selling sub-standard cable, named and identified in the facts too.
std::string person_csv() {
  return kHeader +
         "P1,某市市场监督管理局,王小明,个人,110101199003071233,王小明销售以次充好的电线电缆案,"
         "\"经查，当事人王小明（身份证号110101199003071233，电话13912345678）销售以次充好的电线电缆，销售金额52,000元。\","
         "\"52,000.00\",2023年4月12日,2023-06-01,否\n"
         "P2,某市市场监督管理局,某电缆有限公司,单位,91370202MAQ3LMCU37,某电缆有限公司销售以次充好的电线电缆案,"
         "经查属实。,60000,2023-04-12,2023-07-01,否\n"
         "P3,某市市场监督管理局,\"王小明,110101199003071233\n";  // unbalanced quote: a rejected row
}

// Party names and facts that try to run script in the report.
std::string hostile_csv() {
  return kHeader +
         "H1,某市市场监督管理局,\"<script>document.documentElement.setAttribute('data-pwned','1')</script>\"\"引号'\","
         "单位,,销售以次充好的电线电缆案,\"<img src=x onerror=\"\"document.documentElement.setAttribute('data-pwned','2')\"\">"
         "</script><!--\",52000,2023-04-12,2023-06-01,否\n";
}


// The text between every `before` and the next `after`.
std::vector<std::string> between_all(const std::string& s, const std::string& before, const std::string& after) {
  std::vector<std::string> out;
  for (size_t p = s.find(before); p != std::string::npos; p = s.find(before, p + before.size())) {
    size_t a = p + before.size();
    out.push_back(s.substr(a, s.find(after, a) - a));
  }
  return out;
}

size_t findings_in(const TempDir& t, const std::string& input) {
  auto r = t.run("scan " + shell_quote(input) + " -f jsonl -q");
  REQUIRE(r.exit_code == 0);
  return count(r.out, "\"type\":\"finding\"");
}

}  // namespace

TEST_CASE("html: the sample scan is one self-contained page", "[cli][html]") {
  TempDir t;
  std::string html = t.file("report.html");
  auto r = t.run("scan " + shell_quote(kSample) + " -f html -o " + shell_quote(html));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  std::string page = read_all(html);
  CHECK(page.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(page.find("</html>") != std::string::npos);
  // Nothing to fetch: no external script, style, image or link target.
  CHECK(count(page, "http") == count(page, "http://www.w3.org/2000/svg"));
  CHECK(page.find(" src=") == std::string::npos);
  CHECK(page.find("<link") == std::string::npos);
  // One data line per finding, and the figures of the scan.
  size_t n = findings_in(t, kSample);
  REQUIRE(n > 0);
  std::string rows = page.substr(page.find("id=\"xj-rows\">"));
  rows = rows.substr(0, rows.find("</script>"));
  CHECK(count(rows, "\n[") == n);
  CHECK(page.find("<span>读取行数</span>") != std::string::npos);
  CHECK(page.find("<b>" + std::to_string(n) + "</b><span>移送线索</span>") != std::string::npos);
  // To standard output as well.
  auto s = t.run("scan " + shell_quote(kSample) + " --format html -q");
  CHECK(s.exit_code == 0);
  CHECK(s.out.size() == page.size());
}

TEST_CASE("html: hostile party names and facts stay text", "[cli][html]") {
  TempDir t;
  write_all(t.file("hostile.csv"), hostile_csv());
  auto r = t.run("scan " + shell_quote(t.file("hostile.csv")) + " -f html -q -o " + shell_quote(t.file("h.html")));
  REQUIRE(r.exit_code == 0);
  std::string page = read_all(t.file("h.html"));
  CHECK(page.find("\"type\":\"finding\"") == std::string::npos);  // sanity: this is the html, not jsonl
  CHECK(count(page, "</script>") == 3);
  CHECK(page.find("<script>document") == std::string::npos);
  CHECK(page.find("<img src") == std::string::npos);
  CHECK(page.find("\\u003cscript\\u003edocument.documentElement.setAttribute('data-pwned','1')\\u003c/script\\u003e\\\"引号'") !=
        std::string::npos);
}

TEST_CASE("notice: a draft per candidate", "[cli][notice]") {
  TempDir t;
  auto r = t.run("scan " + shell_quote(kSample) + " -f notice -q");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  size_t n = findings_in(t, kSample);
  CHECK(count(r.out, "\n## 线索 ") == n);
  CHECK(count(r.out, "草稿，须经人工审核") >= 2 * n + 1);
  CHECK(count(r.out, "### 三、证据与立案追诉标准") == n);
  CHECK(r.out.find("建议移送公安机关") != std::string::npos);
}

TEST_CASE("mask: no personal data in any output format, nor in the rejects file", "[cli][mask]") {
  TempDir t;
  write_all(t.file("people.csv"), person_csv());
  for (const char* format : {"table", "csv", "jsonl", "json", "md", "html", "notice"}) {
    INFO(format);
    auto plain = t.run("scan " + shell_quote(t.file("people.csv")) + " -q -f " + format);
    REQUIRE(plain.exit_code == 0);
    CHECK(plain.out.find("王小明") != std::string::npos);  // the masked run below has something to hide

    std::string rejects = t.file(std::string("rejects-") + format + ".csv");
    auto masked = t.run("scan " + shell_quote(t.file("people.csv")) + " --mask -q -f " + format + " --rejects " +
                        shell_quote(rejects));
    REQUIRE(masked.exit_code == 0);
    for (const char* secret : {"王小明", "110101199003071233", "13912345678", "小明"}) {
      INFO(secret);
      CHECK(masked.out.find(secret) == std::string::npos);
      CHECK(read_all(rejects).find(secret) == std::string::npos);
    }
    CHECK(masked.out.find("王某某") != std::string::npos);
    // Markdown escapes the asterisks, which still show as asterisks.
    bool markdown = std::string(format) == "md" || std::string(format) == "notice";
    CHECK(masked.out.find(markdown ? "110101\\*\\*\\*\\*\\*\\*\\*\\*1233" : "110101********1233") != std::string::npos);
    // The organisation keeps its name and credit code.
    CHECK(masked.out.find("某电缆有限公司") != std::string::npos);
    CHECK(masked.out.find("91370202MAQ3LMCU37") != std::string::npos);
  }
  // The phone number in the facts (which the notice quotes), and the withheld reject.
  auto notice = t.run("scan " + shell_quote(t.file("people.csv")) + " --mask -q -f notice");
  CHECK(notice.out.find("电话139\\*\\*\\*\\*5678") != std::string::npos);
  auto jsonl = t.run("scan " + shell_quote(t.file("people.csv")) + " --mask -q -f jsonl");
  CHECK(jsonl.out.find("\"original\":\"〔已脱敏") != std::string::npos);
}

TEST_CASE("html: headless Chromium renders the sample report", "[cli][html][browser]") {
  const std::string browser = chromium_or_warn("the html report");
  if (browser.empty()) return;
  TempDir t;
  std::string dir = output_dir();
  std::string html = dir + "/report_sample.html";
  auto r = t.run("scan " + shell_quote(kSample) + " -f html -q -o " + shell_quote(html));
  REQUIRE(r.exit_code == 0);
  size_t n = findings_in(t, kSample);
  REQUIRE(n > 0);
  std::string url = "file://" + std::filesystem::absolute(html).string();

  std::string png = dir + "/report_sample.png";
  std::filesystem::remove(png);
  int rc = run_chromium(browser, t, "--window-size=1400,3200 --screenshot=" + shell_quote(png), url, t.file("shot.out"));
  INFO(read_all(t.file("chromium.log")));
  REQUIRE(rc == 0);
  std::string image = read_all(png);
  REQUIRE(image.size() > 20000);  // a blank page compresses to a few kilobytes
  CHECK(image.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0);
  WARN("screenshot of the sample report: " << png);

  std::string dom_file = dir + "/report_sample.dom.html";
  REQUIRE(run_chromium(browser, t, "--dump-dom", url, dom_file) == 0);
  std::string dom = read_all(dom_file);
  // The script ran to the end and loaded every candidate.
  CHECK(attrs(dom, "<html", "data-ready") == std::vector<std::string>{std::to_string(n)});
  // It built one row and one detail row per candidate (all fit on the first page)…
  CHECK(count(dom, "<tr class=\"main\"") == n);
  CHECK(count(dom, "<tr class=\"detail\"") == n);
  CHECK(count(dom, "<section class=\"agency-group\"") >= 1);
  CHECK(dom.find("建议移送公安机关") != std::string::npos);
  // …and four charts whose bars have a size and whose axes a path.
  CHECK(count(dom, "<div class=\"chart\"") == 4);
  auto widths = attrs(dom, "<rect class=\"bar\"", "width");
  auto heights = attrs(dom, "<rect class=\"bar\"", "height");
  REQUIRE(widths.size() >= 4);
  CHECK(heights.size() == widths.size());
  for (const auto& w : widths) CHECK(std::stod(w) > 0);
  for (const auto& h : heights) CHECK(std::stod(h) > 0);
  auto paths = attrs(dom, "<path class=\"axis\"", "d");
  CHECK(paths.size() == 4);
  for (const auto& d : paths) CHECK(d.size() > 4);
  // The filters work from the address: one offense, then a search that matches nothing.
  const std::string offense = "非法采矿罪";
  size_t expected = count(t.run("scan " + shell_quote(kSample) + " -f jsonl -q").out, "\"offense\":\"" + offense + "\"");
  REQUIRE(expected > 0);
  REQUIRE(expected < n);
  REQUIRE(run_chromium(browser, t, "--dump-dom", url + "#offense=" + percent_encode(offense), t.file("one.html")) == 0);
  std::string one = read_all(t.file("one.html"));
  auto status = between_all(one, "role=\"status\">", "<");
  REQUIRE(status.size() == 1);
  CHECK(status[0].find("符合筛选条件 " + std::to_string(expected) + " 条") != std::string::npos);
  CHECK(count(one, "<tr class=\"main\"") == expected);
  REQUIRE(run_chromium(browser, t, "--dump-dom", url + "#q=zz-no-such-text", t.file("none.html")) == 0);
  std::string none = read_all(t.file("none.html"));
  CHECK(count(none, "<tr class=\"main\"") == 0);
  CHECK(none.find("没有符合筛选条件的线索。") != std::string::npos);
}

TEST_CASE("html: in a browser, hostile names run no script", "[cli][html][browser]") {
  const std::string browser = chromium_or_warn("the hostile-text report");
  if (browser.empty()) return;
  TempDir t;
  write_all(t.file("hostile.csv"), hostile_csv());
  std::string html = t.file("h.html");
  REQUIRE(t.run("scan " + shell_quote(t.file("hostile.csv")) + " -f html -q -o " + shell_quote(html)).exit_code == 0);
  REQUIRE(run_chromium(browser, t, "--dump-dom", "file://" + html, t.file("dom.html")) == 0);
  std::string dom = read_all(t.file("dom.html"));
  CHECK(attrs(dom, "<html", "data-ready") == std::vector<std::string>{"1"});
  std::string html_tag = dom.substr(0, dom.find('>', dom.find("<html")));
  CHECK(html_tag.find("data-pwned") == std::string::npos);
  // The name is shown as typed, escaped by the serialiser as text.
  CHECK(dom.find("&lt;script&gt;document.documentElement.setAttribute('data-pwned','1')&lt;/script&gt;\"引号'") !=
        std::string::npos);
}
