// End-to-end tests of the xianjie binary on real files: CSV (UTF-8, GB18030, malformed), SQLite,
// broken rules, exit codes and the jsonl contract.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#include <iconv.h>
#include <sqlite3.h>

#include "cli_harness.h"

using namespace xianjie::test;

namespace {

const std::string kHeader = "案件编号,执法机关,当事人,当事人类型,案由,销售金额（元）,货值金额（万元）,违法行为发生日期,是否移送,移送日期\n";

std::string sample_csv() {
  return kHeader +
         "A1,某市市场监督管理局,某电缆有限公司,单位,某公司销售以次充好的电线电缆案,\"52,000.00\",,2023年4月12日,否,\n"
         "A2,某市市场监督管理局,某商行,单位,某商行销售伪劣产品案,30000,6,2023-04-12,否,\n"
         "A3,某市市场监督管理局,王某,个人,王某销售掺杂掺假的化肥案,待核实,,2023-04-12,否,\n"
         "A4,某市市场监督管理局,李某,个人,李某未按规定公示年度报告案,900000,,2023-04-12,否,\n"
         "A5,某市市场监督管理局,张某,个人,张某销售以次充好的钢材案,800000,,2023-04-12,是,2023-05-01\n"
         "A6,某市市场监督管理局,赵某,个人,赵某销售以次充好的钢材案,49999.99,,2023-04-12,否,\n";
}

std::string to_gb18030(const std::string& utf8) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
  std::string out(utf8.size() * 2 + 16, '\0');
  char* in = const_cast<char*>(utf8.data());
  size_t inleft = utf8.size(), outleft = out.size();
  char* op = out.data();
  REQUIRE(iconv(cd, &in, &inleft, &op, &outleft) != static_cast<size_t>(-1));
  iconv_close(cd);
  out.resize(out.size() - outleft);
  return out;
}

std::string summary_line(const std::string& jsonl) {
  std::istringstream in(jsonl);
  std::string line, last;
  while (std::getline(in, line))
    if (line.find("\"type\":\"summary\"") != std::string::npos) last = line;
  return last;
}

}  // namespace

TEST_CASE("scan a UTF-8 CSV: findings, evidence, transferred cases, value errors, row accounting", "[cli]") {
  TempDir t;
  write_all(t.file("cases.csv"), sample_csv());
  auto r = t.run("scan " + shell_quote(t.file("cases.csv")) + " --format jsonl");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto ids = jsonl_field(r.out, "finding", "case_id");
  // A6 (49,999.99 元) is not a referral candidate but a near-threshold lead (rules/near_threshold.yaml).
  CHECK(ids == std::vector<std::string>{"A1", "A2", "A6"});
  CHECK(jsonl_field(r.out, "finding", "rule_id") == std::vector<std::string>{"MKT-01", "MKT-01", "NT-MKT-01"});
  CHECK(jsonl_field(r.out, "finding", "offense")[0] == "生产、销售伪劣产品罪");
  CHECK(jsonl_field(r.out, "finding", "law")[0] == "刑法第一百四十条");
  CHECK(jsonl_field(r.out, "finding", "pattern") == std::vector<std::string>{"threshold", "threshold", "near-threshold"});
  CHECK(r.out.find("销售金额 52,000.00 元 ≥ 50,000 元(") != std::string::npos);
  CHECK(r.out.find("货值金额 60,000.00 元") != std::string::npos);  // 6 万元 in a 万元 column
  CHECK(jsonl_field(r.out, "value_error", "raw") == std::vector<std::string>{"待核实"});
  std::string s = summary_line(r.out);
  CHECK(s.find("\"rows_read\":6") != std::string::npos);
  CHECK(s.find("\"rows_evaluated\":6") != std::string::npos);
  CHECK(s.find("\"rows_rejected\":0") != std::string::npos);
  CHECK(r.err.find("读取 6 行") != std::string::npos);

  auto all = t.run("scan " + shell_quote(t.file("cases.csv")) + " --format jsonl --include-transferred --quiet");
  CHECK(jsonl_field(all.out, "finding", "case_id") == std::vector<std::string>{"A1", "A2", "A5", "A6"});
  CHECK(jsonl_field(all.out, "finding", "transferred") == std::vector<std::string>{"false", "false", "true", "false"});
  CHECK(all.err.empty());
}

TEST_CASE("GB18030 input is detected and gives the same findings as UTF-8", "[cli]") {
  TempDir t;
  write_all(t.file("utf8.csv"), sample_csv());
  write_all(t.file("gb.csv"), to_gb18030(sample_csv()));
  auto a = t.run("scan " + shell_quote(t.file("utf8.csv")) + " -f jsonl -q");
  auto b = t.run("scan " + shell_quote(t.file("gb.csv")) + " -f jsonl");
  REQUIRE(b.exit_code == 0);
  CHECK(jsonl_field(a.out, "finding", "case_id") == jsonl_field(b.out, "finding", "case_id"));
  CHECK(jsonl_field(b.out, "finding", "party_name")[0] == "某电缆有限公司");
  CHECK(b.err.find("GB18030") != std::string::npos);
  auto forced = t.run("scan " + shell_quote(t.file("gb.csv")) + " --encoding gbk -f jsonl -q");
  CHECK(jsonl_field(forced.out, "finding", "case_id") == jsonl_field(a.out, "finding", "case_id"));
}

TEST_CASE("an undecodable file is refused, never read as mojibake", "[cli]") {
  TempDir t;
  std::string bad = kHeader;
  for (int i = 0; i < 200; ++i) bad += "B1,\xff\xfe\xff\x80\x80,x,个人,y,1,,2023-01-01,否,\n";
  write_all(t.file("bad.csv"), bad);
  auto r = t.run("scan " + shell_quote(t.file("bad.csv")) + " -f jsonl");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("--encoding") != std::string::npos);
  CHECK(jsonl_field(r.out, "finding", "case_id").empty());
}

TEST_CASE("malformed rows are rejected with their line, written to --rejects, and counted", "[cli]") {
  TempDir t;
  std::string csv = kHeader +
                    "A1,某局,某公司,单位,某公司销售以次充好的电线电缆案,60000,,2023-01-01,否,\n"
                    "A2,某局,少了字段\n"
                    "A3,某局,\"未闭合的引号,单位,某公司销售以次充好案,60000,,2023-01-01,否,\n"
                    "A4,某局,某公司,单位,某公司销售以次充好的钢材案,70000,,2023-01-01,否,\n";
  write_all(t.file("m.csv"), csv);
  auto r = t.run("scan " + shell_quote(t.file("m.csv")) + " -f jsonl --rejects " + shell_quote(t.file("rej.csv")));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(jsonl_field(r.out, "finding", "case_id") == std::vector<std::string>{"A1", "A4"});
  auto lines = jsonl_field(r.out, "reject", "location");
  CHECK(lines == std::vector<std::string>{"3", "4"});
  std::string rej = read_all(t.file("rej.csv"));
  CHECK(rej.find("A2,某局,少了字段") != std::string::npos);
  std::string s = summary_line(r.out);
  CHECK(s.find("\"rows_read\":4") != std::string::npos);
  CHECK(s.find("\"rows_evaluated\":2") != std::string::npos);
  CHECK(s.find("\"rows_rejected\":2") != std::string::npos);
}

TEST_CASE("SQLite input: tables, read-only queries, and refusals", "[cli]") {
  TempDir t;
  std::string db = t.file("cases.db");
  sqlite3* h = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &h) == SQLITE_OK);
  const char* sql =
      "CREATE TABLE cases(案件编号 TEXT, 案由 TEXT, 销售金额 REAL, 违法行为发生日期 TEXT, 是否移送 TEXT);"
      "INSERT INTO cases VALUES('S1','某公司销售以次充好的电线电缆案',50000,'2023-04-12','否');"
      "INSERT INTO cases VALUES('S2','某公司销售以次充好的电线电缆案',49999.99,'2023-04-12','否');"
      "CREATE TABLE 行政处罚案件 AS SELECT * FROM cases;";
  REQUIRE(sqlite3_exec(h, sql, nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(h);
  auto r = t.run("scan " + shell_quote(db) + " -f jsonl -q");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  // S2 (49,999.99 元) is a near-threshold lead (NT-MKT-01), S1 a referral candidate (MKT-01).
  CHECK(jsonl_field(r.out, "finding", "case_id") == std::vector<std::string>{"S1", "S2"});
  CHECK(jsonl_field(r.out, "finding", "rule_id") == std::vector<std::string>{"MKT-01", "NT-MKT-01"});
  auto zh = t.run("scan " + shell_quote(db) + " --table 行政处罚案件 -f jsonl -q");
  CHECK(jsonl_field(zh.out, "finding", "case_id") == std::vector<std::string>{"S1", "S2"});
  auto q = t.run("scan " + shell_quote(db) + " --query " + shell_quote("SELECT * FROM cases WHERE 案件编号 = 'S1'") + " -f jsonl -q");
  CHECK(jsonl_field(q.out, "finding", "case_id") == std::vector<std::string>{"S1"});
  auto del = t.run("scan " + shell_quote(db) + " --query " + shell_quote("DELETE FROM cases") + " -q");
  CHECK(del.exit_code == 2);
  CHECK_FALSE(del.err.empty());
  auto missing = t.run("scan " + shell_quote(db) + " --table nope -q");
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("cases") != std::string::npos);  // lists the tables that exist
  write_all(t.file("not.db"), "this is not a database");
  auto notdb = t.run("scan " + shell_quote(t.file("not.db")) + " --table cases -q");
  CHECK(notdb.exit_code == 2);
  auto absent = t.run("scan " + shell_quote(t.file("absent.csv")) + " -q");
  CHECK(absent.exit_code == 2);
  CHECK_FALSE(std::filesystem::exists(t.file("absent.csv")));
}

TEST_CASE("broken rules: exit 2, every error located, nothing scanned", "[cli]") {
  TempDir t;
  write_all(t.file("cases.csv"), sample_csv());
  write_all(t.file("bad.yaml"),
            "rules:\n  - id: X\n    title: t\n    offense: o\n    law: l\n    basis: b\n    severity: high\n"
            "    when: case_reason >= 5\n  - id: Y\n    title: t\n    offense: o\n    law: l\n    basis: b\n"
            "    severity: high\n    when: sales_amout > 1\n");
  auto r = t.run("scan " + shell_quote(t.file("cases.csv")) + " --rules " + shell_quote(t.file("bad.yaml")) +
                 " -o " + shell_quote(t.file("out.jsonl")));
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("bad.yaml:8:11: 错误[E-COND-TYPE]") != std::string::npos);
  CHECK(r.err.find("bad.yaml:15:11: 错误[E-COND-NAME]") != std::string::npos);
  CHECK(r.err.find("sales_amount") != std::string::npos);  // the suggestion
  CHECK_FALSE(std::filesystem::exists(t.file("out.jsonl")));
  auto check = t.run("rules check " + shell_quote(t.file("bad.yaml")));
  CHECK(check.exit_code == 2);
}

TEST_CASE("exit codes: --fail-on, usage errors", "[cli]") {
  TempDir t;
  write_all(t.file("cases.csv"), sample_csv());
  CHECK(t.run("scan " + shell_quote(t.file("cases.csv")) + " --fail-on high -q").exit_code == 1);
  CHECK(t.run("scan " + shell_quote(t.file("cases.csv")) + " --fail-on low -q").exit_code == 1);
  CHECK(t.run("scan " + shell_quote(t.file("cases.csv")) + " -q").exit_code == 0);
  CHECK(t.run("scan " + shell_quote(t.file("cases.csv")) + " --fail-on extreme -q").exit_code == 2);
  CHECK(t.run("scan " + shell_quote(t.file("cases.csv")) + " --format pdf -q").exit_code == 2);
  CHECK(t.run("scan").exit_code == 2);
  CHECK(t.run("frobnicate").exit_code == 2);
}

TEST_CASE("every output format is produced", "[cli]") {
  TempDir t;
  write_all(t.file("cases.csv"), sample_csv());
  auto csv = t.run("scan " + shell_quote(t.file("cases.csv")) + " -f csv -q");
  CHECK(csv.out.rfind("\xEF\xBB\xBF", 0) == 0);
  CHECK(csv.out.find("A1") != std::string::npos);
  auto json = t.run("scan " + shell_quote(t.file("cases.csv")) + " -f json -q");
  CHECK(json.out.find("\"findings\":[") != std::string::npos);
  auto md = t.run("scan " + shell_quote(t.file("cases.csv")) + " -f md -q");
  CHECK(md.out.find("MKT-01") != std::string::npos);
  auto table = t.run("scan " + shell_quote(t.file("cases.csv")) + " -q");
  CHECK(table.out.find("生产、销售伪劣产品罪") != std::string::npos);
}

TEST_CASE("the report: --out and standard output hold the same text; a report that cannot be written is exit 2", "[cli]") {
  TempDir t;
  // Enough findings that the report is several times the output buffer (1 MiB): the blocks must
  // join up without a byte lost or repeated.
  std::string csv = kHeader;
  for (int k = 0; k < 3000; ++k)
    csv += "B" + std::to_string(k) + ",某市市场监督管理局,某公司" + std::to_string(k) +
           ",单位,某公司销售以次充好的电线电缆案," + std::to_string(60000 + k) + ",,2023-04-12,否,\n";
  write_all(t.file("many.csv"), csv);
  std::string input = shell_quote(t.file("many.csv"));
  auto to_file = t.run("scan " + input + " -f jsonl -q --out " + shell_quote(t.file("out.jsonl")));
  REQUIRE(to_file.exit_code == 0);
  auto to_stdout = t.run("scan " + input + " -f jsonl -q");
  REQUIRE(to_stdout.exit_code == 0);
  std::string file_text = read_all(t.file("out.jsonl"));
  REQUIRE(file_text.size() > (size_t{2} << 20));
  CHECK(count(file_text, "\"type\":\"finding\"") == 3000);
  // The same lines but the summary (its elapsed time differs from run to run).
  auto without_summary = [](const std::string& text) { return text.substr(0, text.find("{\"type\":\"summary\"")); };
  CHECK(without_summary(file_text) == without_summary(to_stdout.out));

  auto missing_dir = t.run("scan " + input + " -q --out " + shell_quote(t.file("no/such/dir.jsonl")));
  CHECK(missing_dir.exit_code == 2);
  CHECK(missing_dir.err.find("无法写入输出文件") != std::string::npos);
  CHECK(missing_dir.err.find("所在目录不存在") != std::string::npos);
  auto directory = t.run("scan " + input + " -q --out " + shell_quote(t.path()));
  CHECK(directory.exit_code == 2);
  CHECK(directory.err.find("这是一个目录") != std::string::npos);
  if (std::filesystem::exists("/dev/full")) {  // a disk that is full: every write fails
    auto full = t.run("scan " + input + " -f jsonl -q --out /dev/full");
    CHECK(full.exit_code == 2);
    CHECK(full.err.find("写入报告失败") != std::string::npos);
  }
}

TEST_CASE("near-threshold shares: each agency against the agencies of its own domain", "[cli]") {
  // Domain 烟草专卖: agencies T1 (6 near of 10) and T2 (2 of 10): domain share 40 %, T1 1.5×.
  // Domain 市场监管: M1 (6 near of 10) and M2..M5 (0 of 10 each): domain share 12 %, M1 5×.
  // Against all 70 cases (20 %) both would look alike (3×); within its domain only M1 stands out.
  TempDir t;
  std::string csv = "案件编号,执法机关,执法领域,案由,销售金额\n";
  int id = 0;
  auto add = [&](const std::string& agency, const std::string& domain, int near, int total) {
    for (int k = 0; k < total; ++k)
      csv += "C" + std::to_string(++id) + "," + agency + "," + domain + ",销售伪劣产品案," + (k < near ? "46000" : "1000") + "\n";
  };
  add("甲烟草专卖局", "烟草专卖", 6, 10);
  add("乙烟草专卖局", "烟草专卖", 2, 10);
  add("甲市场监管局", "市场监管", 6, 10);
  for (const char* m : {"乙市场监管局", "丙市场监管局", "丁市场监管局", "戊市场监管局"}) add(m, "市场监管", 0, 10);
  write_all(t.file("near.csv"), csv);
  const std::string rules = std::string(XIANJIE_SOURCE_DIR) + "/tests/data/stats/rules.yaml";
  auto r = t.run("scan " + shell_quote(t.file("near.csv")) + " --rules " + shell_quote(rules) + " -f jsonl");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const std::string summary = summary_line(r.out);
  CHECK(summary.find("\"near_threshold_share\":0.2") != std::string::npos);
  const size_t m1 = summary.find("{\"agency\":\"甲市场监管局\",\"domain\":\"市场监管\",\"cases\":10,\"near\":6,"
                                 "\"share\":0.6,\"domain_share\":0.12,\"ratio\":5}");
  const size_t t1 = summary.find("{\"agency\":\"甲烟草专卖局\",\"domain\":\"烟草专卖\",\"cases\":10,\"near\":6,"
                                 "\"share\":0.6,\"domain_share\":0.4,\"ratio\":1.5}");
  CHECK(m1 != std::string::npos);
  CHECK(t1 != std::string::npos);
  CHECK(m1 < t1);  // the highest ratio first
  // The summary on standard error names only the agency that stands out in its domain.
  CHECK(r.err.find("甲市场监管局（市场监管）：6 / 10 件，60.00%，同领域 12.00%，为其 5.0 倍") != std::string::npos);
  CHECK(r.err.find("甲烟草专卖局（烟草专卖）") == std::string::npos);
}

TEST_CASE("rules test, rules list, explain", "[cli]") {
  TempDir t;
  auto test = t.run("rules test");
  INFO(test.out << test.err);
  CHECK(test.exit_code == 0);
  CHECK(test.out.find(" passed, 0 failed") != std::string::npos);
  CHECK(t.run("rules list").out.find("MKT-01") != std::string::npos);
  auto ex = t.run("explain --set 案由=某公司销售以次充好的电缆案 --set 销售金额=5万元 --rule MKT-01");
  CHECK(ex.exit_code == 0);
  CHECK(ex.out.find("【命中】") != std::string::npos);
  write_all(t.file("cases.csv"), sample_csv());
  auto ex2 = t.run("explain " + shell_quote(t.file("cases.csv")) + " --case A6 --rule MKT-01");
  CHECK(ex2.out.find("【未命中】") != std::string::npos);
  auto approx = t.run("explain --set 案由=某公司销售以次充好的电缆案 --set 销售金额=5万余元 --rule MKT-01");
  CHECK(approx.out.find("（约数，原文为概数）") != std::string::npos);
  CHECK(ex2.out.find("49,999.99") != std::string::npos);
}
