// End-to-end tests of the reports added for Excel and the browser: `scan --format xlsx`,
// `stats --format xlsx` and `stats --format html` on the bundled sample and the hand-made stats
// export, read back from the files the real binary writes (the workbooks with unzip, see
// xlsx_reader.h; the page in headless Chromium, see browser_harness.h, whose screenshot is kept
// in <build>/test-output/).
#include <catch2/catch.hpp>

#include <filesystem>

#include "browser_harness.h"
#include "cli_harness.h"
#include "xlsx_reader.h"

using namespace xianjie::test;
using namespace xianjie::test::xlsx_read;

namespace {

const std::string kSample = std::string(XIANJIE_SOURCE_DIR) + "/data/sample/cases.csv";
const std::string kStats = std::string(XIANJIE_SOURCE_DIR) + "/tests/data/stats/";

std::string hand_made(const std::string& extra = "") {
  return shell_quote(kStats + "cases.csv") + " --rules " + shell_quote(kStats + "rules.yaml") + " " + extra;
}

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// The names of the sheets of a workbook, in order.
std::vector<std::string> sheet_names(const std::string& path) {
  std::vector<std::string> out;
  std::string wb = zip_part(path, "xl/workbook.xml");
  for (size_t p = wb.find("<sheet "); p != std::string::npos; p = wb.find("<sheet ", p + 1))
    out.push_back(attr(wb.substr(p, wb.find("/>", p) - p), "name"));
  return out;
}

// The texts of the inline-string cells of row `row` of a sheet, in order.
std::vector<std::string> row_texts(const std::string& sheet, int row) {
  std::vector<std::string> out;
  std::string r = between(sheet, "<row r=\"" + std::to_string(row) + "\"", "</row>");
  for (size_t p = r.find("<t>"); p != std::string::npos; p = r.find("<t>", p + 1)) out.push_back(r.substr(p + 3, r.find("</t>", p) - p - 3));
  return out;
}

}  // namespace

TEST_CASE("scan --format xlsx: the sample as a workbook", "[cli][xlsx]") {
  TempDir t;
  std::string file = t.file("线索.xlsx");
  auto r = t.run("scan " + shell_quote(kSample) + " -f xlsx -o " + shell_quote(file));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.empty());
  CHECK(sheet_names(file) == std::vector<std::string>{"线索", "汇总", "机关"});

  auto jsonl = t.run("scan " + shell_quote(kSample) + " -f jsonl -q");
  REQUIRE(jsonl.exit_code == 0);
  const size_t n = count(jsonl.out, "\"type\":\"finding\"");
  REQUIRE(n > 0);

  std::string sheet = zip_part(file, "xl/worksheets/sheet1.xml");
  std::string styles = zip_part(file, "xl/styles.xml");
  // The header is the csv report's.
  auto csv = t.run("scan " + shell_quote(kSample) + " -f csv -q");
  std::string csv_header = csv.out.substr(3, csv.out.find("\r\n") - 3);
  std::string joined;
  for (const auto& h : row_texts(sheet, 1)) joined += (joined.empty() ? "" : ",") + h;
  CHECK(joined == csv_header);
  // One row per finding, under the filter; the header frozen.
  CHECK(count(sheet, "<row r=") == n + 1);
  CHECK(has(sheet, "<autoFilter ref=\"A1:V" + std::to_string(n + 1) + "\"/>"));
  CHECK(has(sheet, "state=\"frozen\""));
  // Every decision date a date serial, every fine a number in the money format.
  size_t dates = 0, fines = 0;
  for (size_t row = 2; row <= n + 1; ++row) {
    std::string d = cell(sheet, "J" + std::to_string(row)), f = cell(sheet, "K" + std::to_string(row));
    if (!d.empty()) {
      ++dates;
      CHECK(attr(d, "t").empty());
      CHECK(number_format(styles, attr(d, "s")) == "yyyy-mm-dd");
    }
    if (!f.empty()) {
      ++fines;
      CHECK(attr(f, "t").empty());
      CHECK(number_format(styles, attr(f, "s")) == "#,##0.00&quot; 元&quot;");
    }
  }
  CHECK(dates > 0);
  CHECK(fines > 0);
  // The summary counts the same findings.
  std::string summary = zip_part(file, "xl/worksheets/sheet2.xml");
  CHECK(has(summary, "线索合计"));
  CHECK(has(summary, "<v>" + std::to_string(n) + "</v>"));
  CHECK(has(zip_part(file, "xl/worksheets/sheet3.xml"), "合计"));

  // --mask reaches the workbook too.
  std::string masked = t.file("masked.xlsx");
  REQUIRE(t.run("scan " + shell_quote(kSample) + " -f xlsx --mask -q -o " + shell_quote(masked)).exit_code == 0);
  CHECK(has(zip_part(masked, "xl/worksheets/sheet2.xml"), "已脱敏"));
}

TEST_CASE("scan --format xlsx: refused on standard output", "[cli][xlsx]") {
  TempDir t;
  for (const std::string out : {"", " -o -"}) {
    auto r = t.run("scan " + shell_quote(kSample) + " -f xlsx" + out);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(has(r.err, "--out"));
  }
}

TEST_CASE("xlsx: a workbook that cannot be built says why, exit 2", "[cli][xlsx]") {
  // /proc is a directory in which no file can be created: the workbook's temporary file fails.
  if (!std::filesystem::is_directory("/proc")) return;
  TempDir t;
  for (const std::string command : {"scan", "stats"}) {
    for (const std::string mask : {"", " --mask"}) {
      if (command == "stats" && !mask.empty()) continue;
      INFO(command << mask);
      std::string cmd = "TMPDIR=/proc " + shell_quote(XIANJIE_BIN) + " " + command + " " + shell_quote(kSample) +
                        " -f xlsx -q" + mask + " -o " + shell_quote(t.file("x.xlsx")) + " 2>" + shell_quote(t.file("err"));
      int status = std::system(cmd.c_str());
      REQUIRE(WIFEXITED(status));
      CHECK(WEXITSTATUS(status) == 2);
      const std::string err = read_all(t.file("err"));
      CHECK(has(err, "写入报告失败：" + t.file("x.xlsx") + "（无法在 /proc 创建临时文件（可设置 TMPDIR 指定其他目录））"));
    }
  }
}

TEST_CASE("stats --format xlsx: a sheet per view with the figures of the table", "[cli][xlsx][stats]") {
  TempDir t;
  std::string file = t.file("统计.xlsx");
  auto r = t.run("stats " + hand_made("-f xlsx -o " + shell_quote(file)));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(sheet_names(file) == std::vector<std::string>{"按执法机关", "按月份", "按执法机关和月份", "说明"});

  std::string agency = zip_part(file, "xl/worksheets/sheet1.xml");
  std::string styles = zip_part(file, "xl/styles.xml");
  auto head = row_texts(agency, 1);
  REQUIRE(head.size() >= 10);
  CHECK(std::vector<std::string>(head.begin(), head.begin() + 10) ==
        std::vector<std::string>{"执法机关", "录入案件", "关键字段齐全率", "移送线索", "其中已移送", "移送率", "待核查线索",
                                 "已移送案件", "录入迟延", "有录入日期的案件"});
  // 乙, 甲, then the missing agency, then the totals: 甲 has 4 cases, 2 candidates, 1 transferred.
  CHECK(inline_text(cell(agency, "A3")) == "甲市场监管局");
  CHECK(between(cell(agency, "B3"), "<v>", "</v>") == "4");
  CHECK(between(cell(agency, "D3"), "<v>", "</v>") == "2");
  CHECK(between(cell(agency, "F3"), "<v>", "</v>") == "0.5");  // transfer rate, a share
  CHECK(number_format(styles, attr(cell(agency, "F3"), "s")) == "0.0%");
  CHECK(inline_text(cell(agency, "A4")) == "（机关缺失）");
  CHECK(inline_text(cell(agency, "A5")) == "合计");
  CHECK(between(cell(agency, "B5"), "<v>", "</v>") == "7");
  CHECK(has(agency, "<autoFilter ref=\"A1:"));
  CHECK(has(agency, "state=\"frozen\""));

  std::string month = zip_part(file, "xl/worksheets/sheet2.xml");
  CHECK(inline_text(cell(month, "A2")) == "2024-03");
  CHECK(between(cell(month, "B2"), "<v>", "</v>") == "4");
  std::string both = zip_part(file, "xl/worksheets/sheet3.xml");
  CHECK(row_texts(both, 1).at(1) == "月份");
  CHECK(count(both, "<row r=") == 7);  // header, five groups, totals
  CHECK(has(zip_part(file, "xl/worksheets/sheet4.xml"), "录入迟延"));

  // --by agency: only the view per agency.
  std::string coarse = t.file("机关.xlsx");
  REQUIRE(t.run("stats " + hand_made("-f xlsx --by agency -q -o " + shell_quote(coarse))).exit_code == 0);
  CHECK(sheet_names(coarse) == std::vector<std::string>{"按执法机关", "说明"});
}

TEST_CASE("stats --format html: one offline page with the tables", "[cli][html][stats]") {
  TempDir t;
  auto r = t.run("stats " + hand_made("-f html -q"));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const std::string& page = r.out;
  CHECK(page.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(has(page, "</html>"));
  CHECK(count(page, "http") == count(page, "http://www.w3.org/2000/svg"));
  CHECK_FALSE(has(page, " src="));
  CHECK_FALSE(has(page, "<link"));
  CHECK_FALSE(has(page, "<!--XIANJIE:"));  // every marker filled
  CHECK_FALSE(has(page, "/*XIANJIE:INCLUDE"));  // and every shared part spliced in
  CHECK(has(page, "function barChart("));
  for (const char* h : {"按执法机关", "按月份", "按执法机关和月份", "字段完整率", "说明"}) CHECK(has(page, std::string("、") + h));
  CHECK(has(page, "<tr><td>甲市场监管局</td><td class=\"num\">4</td><td class=\"num\">50.0%</td><td class=\"num\">2</td>"));
  CHECK(has(page, "<tr class=\"total\"><td>合计</td><td class=\"num\">7</td>"));
  CHECK(has(page, "\"agencies\":[[\"乙市场监管局\",2,0],[\"甲市场监管局\",4,2],[\"（机关缺失）\",1,1]]"));
  CHECK(has(page, "\"months\":[[\"2024-03\",4,2],[\"2024-04\",1,0],[\"2024-05\",1,1],[\"（无决定日期）\",1,0]]"));
}

TEST_CASE("stats --format html: headless Chromium draws the charts", "[cli][html][stats][browser]") {
  const std::string browser = chromium_or_warn("the stats page");
  if (browser.empty()) return;
  TempDir t;
  std::string dir = output_dir();
  std::string html = dir + "/stats_sample.html";
  auto r = t.run("stats " + shell_quote(kSample) + " -f html -q -o " + shell_quote(html));
  REQUIRE(r.exit_code == 0);
  std::string url = "file://" + std::filesystem::absolute(html).string();

  std::string png = dir + "/stats_sample.png";
  std::filesystem::remove(png);
  REQUIRE(run_chromium(browser, t, "--window-size=1400,2400 --screenshot=" + shell_quote(png), url, t.file("shot.out")) == 0);
  std::string image = read_all(png);
  REQUIRE(image.size() > 20000);
  CHECK(image.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0);
  WARN("screenshot of the stats page: " << png);

  std::string dom_file = dir + "/stats_sample.dom.html";
  REQUIRE(run_chromium(browser, t, "--dump-dom", url, dom_file) == 0);
  std::string dom = read_all(dom_file);
  INFO(read_all(t.file("chromium.log")));
  CHECK(attrs(dom, "<html", "data-ready") == std::vector<std::string>{"4"});
  CHECK(count(dom, "<div class=\"chart\"") == 4);
  auto widths = attrs(dom, "<rect class=\"bar\"", "width");
  auto heights = attrs(dom, "<rect class=\"bar\"", "height");
  REQUIRE(widths.size() >= 4);
  CHECK(heights.size() == widths.size());
  for (const auto& w : widths) CHECK(std::stod(w) > 0);
  for (const auto& h : heights) CHECK(std::stod(h) > 0);
  CHECK(has(dom, "案件数"));
}
