// Cross-record rules end to end: repeat offenders (history), split cases, several agencies, and
// the transfer chain (not-filed, reverse), on CSV files and on one SQLite database with the three
// tables. Fixtures: tests/data/cross/.
#include <catch2/catch.hpp>

#include <set>
#include <sstream>

#include "cli_harness.h"

using namespace xianjie::test;

namespace {

const std::string kDir = std::string(XIANJIE_SOURCE_DIR) + "/tests/data/cross/";

// The finding lines of a jsonl report.
std::vector<std::string> finding_lines(const std::string& jsonl) {
  std::vector<std::string> out;
  std::istringstream in(jsonl);
  std::string line;
  while (std::getline(in, line))
    if (line.find("\"type\":\"finding\"") != std::string::npos) out.push_back(line);
  return out;
}

// The finding lines of one rule.
std::vector<std::string> of_rule(const std::vector<std::string>& lines, const std::string& rule) {
  std::vector<std::string> out;
  for (const auto& l : lines)
    if (l.find("\"rule_id\":\"" + rule + "\"") != std::string::npos) out.push_back(l);
  return out;
}

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

std::string scan_args() {
  return "scan " + shell_quote(kDir + "cases.csv") + " --transfers " + shell_quote(kDir + "transfers.csv") +
         " --non-prosecutions " + shell_quote(kDir + "non_prosecutions.csv") + " -f jsonl -q";
}

}  // namespace

TEST_CASE("history: two earlier penalties within three years make the next act a candidate", "[cross]") {
  TempDir t;
  auto r = t.run(scan_args());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto hist = of_rule(finding_lines(r.out), "HIST-TOB");
  REQUIRE(hist.size() == 1);
  const auto& f = hist[0];
  CHECK(has(f, "\"case_id\":\"烟罚〔2024〕3号\""));
  CHECK(has(f, "\"pattern\":\"history\""));
  CHECK(has(f, "\"referral\":true"));
  // Both earlier cases are listed, although the record of the new act has no id: its name, less
  // the (个体工商户) note, matches the records that carry the credit code.
  CHECK(has(f, "\"role\":\"前次处罚\",\"case_id\":\"烟罚〔2021〕1号\""));
  CHECK(has(f, "\"role\":\"前次处罚\",\"case_id\":\"烟罚〔2022〕7号\""));
  CHECK(has(f, "\"party_key\":\"92620102MA71X9UJ1L\""));
  CHECK(has(f, "2 次（处罚决定日期 2021-03-01、2022-06-10；本次违法行为发生日期 2024-02-20）"));
  // The same amount without the history is not a crime: 李四 has no earlier penalty.
  CHECK(of_rule(finding_lines(r.out), "MKT-16-TOB").empty());
}

TEST_CASE("history: the window counts calendar years, both ends included", "[cross]") {
  TempDir t;
  std::string head = "案件编号,执法机关,当事人名称,证件号码,案由,违法行为发生日期,处罚决定日期,销售金额\n";
  auto rows = [&](const std::string& third_act) {
    return head + "A1,某烟草专卖局,赵某商店,,赵某无烟草专卖零售许可证经营卷烟案,2020-01-01,2021-03-01,1000\n" +
           "A2,某烟草专卖局,赵某商店,,赵某无烟草专卖零售许可证经营卷烟案,2021-06-01,2021-07-01,1000\n" +
           "A3,某烟草专卖局,赵某商店,,赵某无烟草专卖零售许可证经营卷烟案," + third_act + ",2024-06-01,30000\n";
  };
  write_all(t.file("in.csv"), rows("2024-03-01"));  // 2021-03-01 + 3 years, the last day
  auto r = t.run("scan " + shell_quote(t.file("in.csv")) + " --select HIST-TOB -f jsonl -q");
  REQUIRE(r.exit_code == 0);
  CHECK(of_rule(finding_lines(r.out), "HIST-TOB").size() == 1);
  write_all(t.file("in.csv"), rows("2024-03-02"));  // one day later: only one penalty in the window
  r = t.run("scan " + shell_quote(t.file("in.csv")) + " --select HIST-TOB -f jsonl -q");
  REQUIRE(r.exit_code == 0);
  CHECK(of_rule(finding_lines(r.out), "HIST-TOB").empty());
}

TEST_CASE("history: a case that also crosses the threshold is one candidate with both kinds of evidence", "[cross]") {
  TempDir t;
  std::string csv =
      "案件编号,执法机关,当事人名称,证件号码,案由,违法行为发生日期,处罚决定日期,销售金额\n"
      "B1,某烟草专卖局,钱某商店,,钱某无烟草专卖零售许可证经营卷烟案,2022-01-01,2022-02-01,1000\n"
      "B2,某烟草专卖局,钱某商店,,钱某无烟草专卖零售许可证经营卷烟案,2022-05-01,2022-06-01,1000\n"
      "B3,某烟草专卖局,钱某商店,,钱某无烟草专卖零售许可证经营卷烟案,2023-05-01,2023-06-01,60000\n";
  write_all(t.file("in.csv"), csv);
  auto r = t.run("scan " + shell_quote(t.file("in.csv")) + " --select HIST-TOB,MKT-16-TOB -f jsonl -q");
  REQUIRE(r.exit_code == 0);
  auto lines = finding_lines(r.out);
  REQUIRE(lines.size() == 1);
  CHECK(has(lines[0], "\"rule_id\":\"MKT-16-TOB\""));
  CHECK(has(lines[0], "\"pattern\":\"threshold\""));
  CHECK(has(lines[0], "另据规则 HIST-TOB"));
  CHECK(has(lines[0], "\"case_id\":\"B1\""));
  CHECK(has(lines[0], "\"case_id\":\"B2\""));
}

TEST_CASE("split and multi-agency: leads that list every part", "[cross]") {
  TempDir t;
  auto r = t.run(scan_args());
  REQUIRE(r.exit_code == 0);
  auto lines = finding_lines(r.out);
  auto split = of_rule(lines, "SPLIT-MKT-01");
  REQUIRE(split.size() == 1);
  CHECK(has(split[0], "\"referral\":false"));
  CHECK(has(split[0], "\"action\":\"建议调查核实\""));
  CHECK(has(split[0], "55,000.00 元（30,000.00 + 25,000.00）"));
  CHECK(has(split[0], "\"role\":\"拆分部分\",\"case_id\":\"市监罚〔2023〕11号\""));
  // 有限责任公司 and 有限公司 are the same company (and the credit code agrees).
  auto multi = of_rule(lines, "MULTI-MKT-01");
  REQUIRE(multi.size() == 1);
  CHECK(has(multi[0], "2 个（兰州市七里河区市场监督管理局、兰州市城关区市场监督管理局；2 件案件）"));
  auto res = of_rule(lines, "SPLIT-RES-01");
  REQUIRE(res.size() == 1);
  CHECK(has(res[0], "105,000.00 元"));
}

TEST_CASE("not-filed: refused, and overdue up to the as-of date only", "[cross]") {
  TempDir t;
  auto r = t.run(scan_args());
  REQUIRE(r.exit_code == 0);
  auto nf = of_rule(finding_lines(r.out), "CHAIN-NOT-FILED");
  REQUIRE(nf.size() == 2);
  CHECK(has(nf[0] + nf[1], "公安机关决定不予立案"));
  CHECK(has(nf[0] + nf[1], "移送后超过 3 日 未见立案决定（移送 2023-04-01，截至 2024-04-01）"));
  CHECK(has(r.out, "\"as_of\":\"2024-04-01\",\"as_of_from_data\":true"));
  // The transfer of 2023-04-01 is within the three days on 2023-04-04, overdue on 2023-04-05.
  r = t.run(scan_args() + " --as-of 2023-04-04");
  CHECK(of_rule(finding_lines(r.out), "CHAIN-NOT-FILED").size() == 1);
  r = t.run(scan_args() + " --as-of 2023-04-05");
  CHECK(of_rule(finding_lines(r.out), "CHAIN-NOT-FILED").size() == 2);
  // Accounting of the linked tables.
  CHECK(has(r.out, "{\"table\":\"transfers\",\"source\":\"" + kDir + "transfers.csv\",\"rows_read\":3,\"rows_used\":3,\"rows_rejected\":0}"));
}

TEST_CASE("reverse: a non-prosecution that calls for a penalty, with none in the period", "[cross]") {
  TempDir t;
  auto r = t.run(scan_args());
  REQUIRE(r.exit_code == 0);
  auto rev = of_rule(finding_lines(r.out), "CHAIN-REVERSE");
  REQUIRE(rev.size() == 1);
  CHECK(has(rev[0], "王五"));
  // 兰州荣兴建材 was penalised 22 days after its non-prosecution: no lead.
  CHECK_FALSE(has(rev[0], "荣兴"));
}

TEST_CASE("a SQLite database with cases, transfers and non_prosecutions gives the same findings", "[cross]") {
  TempDir t;
  std::string db = t.file("linked.db");
  // Load the three CSV fixtures into tables with the sqlite3 shell's CSV import.
  std::string cmd = "sqlite3 " + shell_quote(db) + " -cmd '.mode csv' -cmd " + shell_quote(".import " + kDir + "cases.csv cases") +
                    " -cmd " + shell_quote(".import " + kDir + "transfers.csv transfers") + " -cmd " +
                    shell_quote(".import " + kDir + "non_prosecutions.csv non_prosecutions") + " '.exit' </dev/null";
  REQUIRE(std::system(cmd.c_str()) == 0);
  auto a = t.run(scan_args());
  auto b = t.run("scan " + shell_quote(db) + " -f jsonl -q");
  INFO(b.err);
  REQUIRE(b.exit_code == 0);
  auto rules_of = [](const std::string& out) {
    auto ids = jsonl_field(out, "finding", "rule_id");
    auto cases = jsonl_field(out, "finding", "case_id");
    std::multiset<std::string> s;
    for (size_t k = 0; k < ids.size(); ++k) s.insert(ids[k] + " " + cases[k]);
    return s;
  };
  CHECK(rules_of(a.out) == rules_of(b.out));
  CHECK(has(b.out, "\"table\":\"transfers\""));
  CHECK(has(b.out, "\"table\":\"non_prosecutions\""));
}

TEST_CASE("options that take files take one file each: an input written after --transfers stays an input", "[cross]") {
  TempDir t;
  // The input after the options, as a user would type it; and each option given twice.
  auto a = t.run("scan --transfers " + shell_quote(kDir + "transfers.csv") + " --non-prosecutions " +
                 shell_quote(kDir + "non_prosecutions.csv") + " " + shell_quote(kDir + "cases.csv") + " -f jsonl -q");
  INFO(a.err);
  REQUIRE(a.exit_code == 0);
  auto b = t.run(scan_args());
  CHECK(jsonl_field(a.out, "finding", "rule_id") == jsonl_field(b.out, "finding", "rule_id"));
  auto twice = t.run("scan --transfers " + shell_quote(kDir + "transfers.csv") + " --transfers " +
                     shell_quote(kDir + "transfers.csv") + " " + shell_quote(kDir + "cases.csv") + " -f jsonl -q");
  REQUIRE(twice.exit_code == 0);
  CHECK(count(twice.out, "\"table\":\"transfers\"") == 2);  // the file was read twice, as asked
  // The same for --rules and --select: the input that follows is not a rule file or a rule id.
  auto r = t.run("scan -r " + shell_quote(std::string(XIANJIE_SOURCE_DIR) + "/rules/market.yaml") + " --select MKT-01 " +
                 shell_quote(kDir + "cases.csv") + " -f jsonl -q");
  INFO(r.err);
  CHECK(r.exit_code == 0);
}

TEST_CASE("explain: a cross-record finding is shown for the case and for the cases it rests on", "[cross]") {
  TempDir t;
  auto r = t.run("explain " + shell_quote(kDir + "cases.csv") + " --case 烟罚〔2022〕7号 --rule HIST-TOB");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(has(r.out, "【属同类行为，可计为前次处罚；不满足本次行为的条件】 HIST-TOB"));
  CHECK(has(r.out, "本案是该线索的关联案件；线索所指案件: 烟罚〔2024〕3号"));
  CHECK(has(r.out, "关联: 前次处罚 烟罚〔2022〕7号"));
  r = t.run("explain " + shell_quote(kDir + "cases.csv") + " --case 烟罚〔2024〕9号 --rule HIST-TOB");
  REQUIRE(r.exit_code == 0);
  CHECK(has(r.out, "【属同类行为】 HIST-TOB"));
  CHECK(has(r.out, "跨案件判断: 没有涉及本案的跨案件线索"));
}

TEST_CASE("cross-record findings do not depend on the order of the rows", "[cross]") {
  TempDir t;
  // The fixture with its data rows reversed.
  std::istringstream in(read_all(kDir + "cases.csv"));
  std::string header, line;
  std::getline(in, header);
  std::vector<std::string> rows;
  while (std::getline(in, line))
    if (!line.empty()) rows.push_back(line);
  std::string reversed = header + "\n";
  for (auto it = rows.rbegin(); it != rows.rend(); ++it) reversed += *it + "\n";
  write_all(t.file("reversed.csv"), reversed);
  auto pairs = [](const std::string& out) {
    std::multiset<std::string> s;
    for (const auto& l : finding_lines(out)) {
      auto rule = l.substr(l.find("\"rule_id\":\""));
      auto id = l.substr(l.find("\"case_id\":\""));
      s.insert(rule.substr(0, rule.find("\",")) + " " + id.substr(0, id.find("\",")));
    }
    return s;
  };
  auto a = t.run(scan_args());
  auto b = t.run("scan " + shell_quote(t.file("reversed.csv")) + " --transfers " + shell_quote(kDir + "transfers.csv") +
                 " --non-prosecutions " + shell_quote(kDir + "non_prosecutions.csv") + " -f jsonl -q");
  REQUIRE(a.exit_code == 0);
  REQUIRE(b.exit_code == 0);
  CHECK(pairs(a.out) == pairs(b.out));
  CHECK(pairs(a.out).size() >= 10);
}
