// End-to-end tests of `xianjie stats`: the hand-made export of tests/data/stats/ (every figure
// worked out by hand in tests/unit/test_stats.cpp) in every format and grouping, with the
// transfers table, a custom entry-date column and --late-days; usage errors and exit codes; and
// the bundled sample, whose candidates, leads and transferred candidates must be exactly those a
// `scan --include-transferred` of the same file reports, in UTF-8, GB18030 and SQLite alike.
#include <catch2/catch.hpp>

#include <set>
#include <sstream>

#include "cli_harness.h"
#include "json_check.h"

using namespace xianjie::test;
using xianjie::check_data_test::Json;
using xianjie::check_data_test::parse_json;

namespace {

const std::string kStats = std::string(XIANJIE_SOURCE_DIR) + "/tests/data/stats/";
const std::string kSample = std::string(XIANJIE_SOURCE_DIR) + "/data/sample/";

std::string hand_made(const std::string& extra = "") {
  return shell_quote(kStats + "cases.csv") + " --rules " + shell_quote(kStats + "rules.yaml") + " " + extra;
}

// The cells of a table line, split on runs of spaces (the table pads with spaces only).
std::vector<std::string> cells(const std::string& line) {
  std::vector<std::string> out;
  std::istringstream in(line);
  std::string c;
  while (in >> c) out.push_back(c);
  return out;
}

std::string line_starting(const std::string& text, const std::string& prefix) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(prefix, 0) == 0) return line;
  return "";
}

// The part of a JSON report after "rows": the groups and the totals, without the summary's
// input names and timings.
std::string rows_part(const std::string& json) {
  size_t p = json.find("\"rows\":");
  return p == std::string::npos ? "" : json.substr(p);
}

}  // namespace

TEST_CASE("stats cli: the hand-made export, every figure", "[cli][stats]") {
  TempDir dir;
  Run r = dir.run("stats " + hand_made("-f json"));
  REQUIRE(r.exit_code == 0);
  Json j = parse_json(r.out);
  CHECK(j["command"].str == "stats");
  CHECK(j["group_by"].str == "agency,month");
  const Json& s = j["summary"];
  CHECK(s["rows_read"].number == 8);
  CHECK(s["rows_evaluated"].number == 7);
  CHECK(s["rows_rejected"].number == 1);
  CHECK(s["value_errors"].number == 2);
  REQUIRE(j["rows"].items.size() == 5);
  struct Expect {
    const char* agency;  // nullptr: missing
    const char* month;
    double cases, key_complete, candidates, candidates_transferred, leads, transferred, entry_dated, late;
  };
  const Expect expect[] = {
      {"乙市场监管局", "2024-03", 2, 1, 0, 0, 0, 0, 2, 1},
      {"甲市场监管局", "2024-03", 2, 2, 2, 1, 0, 1, 2, 1},
      {"甲市场监管局", "2024-04", 1, 0, 0, 0, 1, 0, 1, 0},
      {"甲市场监管局", nullptr, 1, 0, 0, 0, 0, 0, 0, 0},
      {nullptr, "2024-05", 1, 1, 1, 0, 0, 0, 0, 0},
  };
  for (size_t k = 0; k < 5; ++k) {
    const Json& row = j["rows"][k];
    const Expect& e = expect[k];
    INFO("row " << k);
    if (e.agency) CHECK(row["agency"].str == e.agency);
    else CHECK(row["agency"].kind == Json::kNull);
    if (e.month) CHECK(row["month"].str == e.month);
    else CHECK(row["month"].kind == Json::kNull);
    CHECK(row["cases"].number == e.cases);
    CHECK(row["key_complete"].number == e.key_complete);
    CHECK(row["candidates"].number == e.candidates);
    CHECK(row["candidates_transferred"].number == e.candidates_transferred);
    CHECK(row["leads"].number == e.leads);
    CHECK(row["transferred"].number == e.transferred);
    CHECK(row["entry_dated"].number == e.entry_dated);
    CHECK(row["late"].number == e.late);
  }
  const Json& t = j["total"];
  CHECK(t["cases"].number == 7);
  CHECK(t["key_complete"].number == 4);
  CHECK(t["key_complete_share"].number == Approx(0.5714));
  CHECK(t["candidates"].number == 3);
  CHECK(t["candidates_transferred"].number == 1);
  CHECK(t["transfer_rate"].number == Approx(0.3333));
  CHECK(t["leads"].number == 1);
  CHECK(t["transferred"].number == 1);
  CHECK(t["late"].number == 2);
  CHECK(t["completeness"]["sales_amount"]["present"].number == 6);
  CHECK(t["completeness"]["party_id"]["present"].number == 6);
  CHECK(t["completeness"]["case_reason|facts"]["present"].number == 6);
  CHECK(t["completeness"]["fine_amount"]["present"].number == 0);
  CHECK(j["entry_date"]["available"].b);
  CHECK(j["entry_date"]["unparsed"].number == 1);
  // Row accounting in the summary on standard error too, with the rejected row.
  CHECK(r.err.find("读取 8 行：评估 7，拒绝 1") != std::string::npos);
  CHECK(r.err.find("cases.csv:9") != std::string::npos);
}

TEST_CASE("stats cli: the terminal table", "[cli][stats]") {
  TempDir dir;
  Run r = dir.run("stats " + hand_made());
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("读取 8 行：评估 7 行，拒绝 1 行") != std::string::npos);
  CHECK(cells(line_starting(r.out, "执法机关 ")) ==
        std::vector<std::string>{"执法机关", "月份", "录入案件", "关键字段齐全", "移送线索", "其中已移送", "移送率", "待核查线索",
                                 "已移送案件", "录入迟延"});
  CHECK(cells(line_starting(r.out, "甲市场监管局  2024-03")) ==
        std::vector<std::string>{"甲市场监管局", "2024-03", "2", "100.0%", "2", "1", "50.0%", "0", "1", "1"});
  CHECK(cells(line_starting(r.out, "甲市场监管局  （无决定日期）")) ==
        std::vector<std::string>{"甲市场监管局", "（无决定日期）", "1", "0.0%", "0", "0", "—", "0", "0", "0"});
  CHECK(cells(line_starting(r.out, "（机关缺失）")) ==
        std::vector<std::string>{"（机关缺失）", "2024-05", "1", "100.0%", "1", "0", "0.0%", "0", "0", "0"});
  CHECK(cells(line_starting(r.out, "合计")) ==
        std::vector<std::string>{"合计", "7", "57.1%", "3", "1", "33.3%", "1", "1", "2"});
  // The amount fields the rules read, over all cases.
  CHECK(cells(line_starting(r.out, "销售金额 ")) == std::vector<std::string>{"销售金额", "6", "85.7%"});
}

TEST_CASE("stats cli: groupings, the transfers table, the entry date", "[cli][stats]") {
  TempDir dir;
  SECTION("--by agency with --transfers") {
    Run r = dir.run("stats " + hand_made("--by agency -f json --transfers " + shell_quote(kStats + "transfers.csv")));
    REQUIRE(r.exit_code == 0);
    Json j = parse_json(r.out);
    REQUIRE(j["rows"].items.size() == 3);
    CHECK_FALSE(j["rows"][0].has("month"));
    CHECK(j["rows"][1]["agency"].str == "甲市场监管局");
    CHECK(j["rows"][1]["cases"].number == 4);
    CHECK(j["rows"][2]["agency"].kind == Json::kNull);
    CHECK(j["rows"][2]["candidates_transferred"].number == 1);
    CHECK(j["total"]["transferred"].number == 2);
    CHECK(j["total"]["candidates_transferred"].number == 2);
    CHECK(j["total"]["transfer_rate"].number == Approx(0.6667));
    REQUIRE(j["summary"]["linked_tables"].items.size() == 1);
    CHECK(j["summary"]["linked_tables"][0]["rows_used"].number == 1);
  }
  SECTION("--by month") {
    Run r = dir.run("stats " + hand_made("--by month -f json"));
    REQUIRE(r.exit_code == 0);
    Json j = parse_json(r.out);
    REQUIRE(j["rows"].items.size() == 4);
    CHECK_FALSE(j["rows"][0].has("agency"));
    CHECK(j["rows"][0]["month"].str == "2024-03");
    CHECK(j["rows"][0]["cases"].number == 4);
    CHECK(j["rows"][0]["late"].number == 2);
    CHECK(j["rows"][3]["month"].kind == Json::kNull);
  }
  SECTION("--late-days and --entry-date-column") {
    // With 50 days only A-2 (51 days) is late.
    Run r = dir.run("stats " + hand_made("--late-days 50 -f json"));
    REQUIRE(r.exit_code == 0);
    CHECK(parse_json(r.out)["total"]["late"].number == 1);
    // A header that is not recognised unless named.
    std::string csv = dir.file("c.csv");
    write_all(csv, "案件编号,执法机关,案由,处罚决定日期,入库日期\nK-1,甲,某案,2024-01-01,2024-03-01\nK-2,甲,某案,2024-01-01,2024-01-02\n");
    Run none = dir.run("stats " + shell_quote(csv) + " --rules " + shell_quote(kStats + "rules.yaml"));
    REQUIRE(none.exit_code == 0);
    CHECK(cells(line_starting(none.out, "合计")).back() == "不可用");
    CHECK(none.out.find("--entry-date-column") != std::string::npos);
    CHECK(none.err.find("录入迟延：不可用") != std::string::npos);
    Run named = dir.run("stats " + shell_quote(csv) + " --rules " + shell_quote(kStats + "rules.yaml") +
                        " --entry-date-column 入库日期 -f json");
    REQUIRE(named.exit_code == 0);
    Json j = parse_json(named.out);
    CHECK(j["entry_date"]["available"].b);
    CHECK(j["total"]["entry_dated"].number == 2);
    CHECK(j["total"]["late"].number == 1);
  }
}

TEST_CASE("stats cli: csv and md files", "[cli][stats]") {
  TempDir dir;
  Run r = dir.run("stats " + hand_made("-f csv -o " + shell_quote(dir.file("统计.csv"))));
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.empty());
  std::string csv = read_all(dir.file("统计.csv"));
  REQUIRE(csv.rfind("\xEF\xBB\xBF执法机关,月份,录入案件,关键字段齐全率,移送线索,其中已移送,移送率,待核查线索,已移送案件,录入迟延,有录入日期的案件,"
                    "案件编号完整率,当事人完整率,证件号码完整率,案由或违法事实完整率,违法行为发生日期完整率,处罚决定日期完整率,罚款金额完整率,销售金额完整率\r\n",
                    0) == 0);
  CHECK(count(csv, "\r\n") == 7);  // header, five groups, totals
  CHECK(csv.find("\r\n甲市场监管局,（无决定日期）,1,0.0%,0,0,—,0,0,0,0,100.0%,100.0%,100.0%,100.0%,100.0%,0.0%,0.0%,100.0%\r\n") !=
        std::string::npos);
  CHECK(csv.find("\r\n合计,,7,57.1%,3,1,33.3%,1,1,2,5,100.0%,100.0%,85.7%,85.7%,85.7%,85.7%,0.0%,85.7%\r\n") != std::string::npos);

  Run md = dir.run("stats " + hand_made("-f md --by agency"));
  REQUIRE(md.exit_code == 0);
  CHECK(md.out.rfind("# 执法机关办案统计\n", 0) == 0);
  CHECK(md.out.find("- 读取 8 行：评估 7 行，拒绝 1 行\n") != std::string::npos);
  CHECK(md.out.find("| 甲市场监管局 | 4 | 50.0% | 2 | 1 | 50.0% | 1 | 1 | 1 |\n") != std::string::npos);
  CHECK(md.out.find("| **合计** | 7 | 57.1% | 3 | 1 | 33.3% | 1 | 1 | 2 |\n") != std::string::npos);
  CHECK(md.out.find("| **合计** | 7 | 100.0% | 100.0% | 85.7% | 85.7% | 85.7% | 85.7% | 0.0% | 85.7% |\n") != std::string::npos);
}

TEST_CASE("stats cli: usage errors", "[cli][stats]") {
  TempDir dir;
  Run pdf = dir.run("stats " + hand_made("-f pdf"));
  CHECK(pdf.exit_code == 2);
  CHECK(pdf.err.find("table、csv、json、md、html、xlsx") != std::string::npos);
  CHECK(pdf.out.empty());
  // A workbook is not written to a terminal or a pipe.
  Run xlsx = dir.run("stats " + hand_made("-f xlsx"));
  CHECK(xlsx.exit_code == 2);
  CHECK(xlsx.err.find("--out") != std::string::npos);
  CHECK(xlsx.out.empty());
  Run by = dir.run("stats " + hand_made("--by domain"));
  CHECK(by.exit_code == 2);
  CHECK(by.err.find("--by") != std::string::npos);
  Run days = dir.run("stats " + hand_made("--late-days -1"));
  CHECK(days.exit_code == 2);
  Run none = dir.run("stats");
  CHECK(none.exit_code == 2);
  // An input that cannot be opened: the others are still counted, and the exit code says so.
  Run missing = dir.run("stats " + shell_quote(dir.file("nope.csv")) + " " + hand_made("-f json"));
  CHECK(missing.exit_code == 2);
  Json j = parse_json(missing.out);
  CHECK(j["total"]["cases"].number == 7);
  CHECK(j["summary"]["input_errors"].items.size() == 1);
}

TEST_CASE("stats cli: the bundled sample agrees with scan --include-transferred", "[cli][stats]") {
  TempDir dir;
  Run scan = dir.run("scan " + shell_quote(kSample + "cases.csv") + " --include-transferred --format jsonl -q");
  REQUIRE(scan.exit_code == 0);
  auto sources = jsonl_field(scan.out, "finding", "source");
  auto referral = jsonl_field(scan.out, "finding", "referral");
  auto transferred = jsonl_field(scan.out, "finding", "transferred");
  REQUIRE(sources.size() == referral.size());
  std::set<std::string> candidates, leads, transferred_candidates;
  for (size_t k = 0; k < sources.size(); ++k) {
    if (referral[k] == "true") {
      candidates.insert(sources[k]);
      if (transferred[k] == "true") transferred_candidates.insert(sources[k]);
    } else {
      leads.insert(sources[k]);
    }
  }
  REQUIRE_FALSE(candidates.empty());
  REQUIRE_FALSE(transferred_candidates.empty());

  Run r = dir.run("stats " + shell_quote(kSample + "cases.csv") + " -f json");
  REQUIRE(r.exit_code == 0);
  Json j = parse_json(r.out);
  const Json& s = j["summary"];
  CHECK(s["rows_read"].number == 300);
  CHECK(s["rows_evaluated"].number == 298);
  CHECK(s["rows_rejected"].number == 2);
  const Json& t = j["total"];
  CHECK(t["cases"].number == 298);
  CHECK(t["candidates"].number == static_cast<double>(candidates.size()));
  CHECK(t["candidates_transferred"].number == static_cast<double>(transferred_candidates.size()));
  CHECK(t["leads"].number == static_cast<double>(leads.size()));
  CHECK(t["candidate_findings"].number + t["lead_findings"].number == static_cast<double>(sources.size()));
  CHECK_FALSE(j["entry_date"]["available"].b);
  // The groups add up to the totals.
  double cases = 0, cands = 0, transferred_sum = 0;
  for (const Json& row : j["rows"].items) {
    cases += row["cases"].number;
    cands += row["candidates"].number;
    transferred_sum += row["transferred"].number;
  }
  CHECK(cases == 298);
  CHECK(cands == t["candidates"].number);
  CHECK(transferred_sum == t["transferred"].number);

  // The same export in GB18030 and in SQLite gives the same groups and totals.
  Run gb = dir.run("stats " + shell_quote(kSample + "cases_gb18030.csv") + " -f json -q");
  REQUIRE(gb.exit_code == 0);
  CHECK(rows_part(gb.out) == rows_part(r.out));
  Run db = dir.run("stats " + shell_quote(kSample + "cases.db") + " -f json -q --threads 1");
  REQUIRE(db.exit_code == 0);
  Json dj = parse_json(db.out);
  CHECK(dj["summary"]["rows_read"].number == dj["summary"]["rows_evaluated"].number + dj["summary"]["rows_rejected"].number);
  CHECK(dj["total"]["cases"].number == dj["summary"]["rows_evaluated"].number);
}
