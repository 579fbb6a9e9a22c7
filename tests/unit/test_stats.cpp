// Agency statistics in the library (xianjie/stats.h): a hand-made export whose every count is
// worked out in the comments below, scanned with the real Scanner and a two-rule pack
// (tests/data/stats/), single- and multi-threaded; the transfers table; the groupings; late
// entries and a missing entry-date column; the fields that follow the rules read; the
// RecordObserver hook of the scanner on its own (order, once per record, columns no rule reads,
// CSV and SQLite); and the four report formats (JSON parsed back, CSV for Excel, Markdown cells,
// table alignment).
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "../cli/json_check.h"
#include "common/text.h"
#include "stats/stats_common.h"
#include "xianjie/stats.h"

using namespace xianjie;
using xianjie::check_data_test::Json;
namespace fs = std::filesystem;

namespace {

const std::string kStatsDir = std::string(XIANJIE_TEST_DATA_DIR) + "/stats/";

struct TempDir {
  fs::path path;
  TempDir() {
    static std::atomic<int> counter{0};
    path = fs::temp_directory_path() / ("xianjie_stats_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string write(const std::string& name, const std::string& bytes) const {
    std::string p = (path / name).string();
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
  }
};

std::unique_ptr<RuleSet> load(const std::vector<std::string>& paths, const LoadOptions& lo = {}) {
  Diagnostics d;
  auto rs = RuleSet::load(paths, d, lo);
  INFO(d.error_count() << " rule errors");
  REQUIRE(rs);
  return rs;
}

struct RunOptions {
  unsigned threads = 1;
  StatsOptions stats;
  std::string transfers;  // CSV of the transfers table, or ""
};

// A whole statistics run, as the CLI does it: the collector attached to a Scanner.
StatsReport run(const RuleSet& rules, const std::string& csv, StatsGrouping grouping, const RunOptions& o = {}) {
  StatsCollector stats(rules, o.stats);
  ScanOptions so;
  so.threads = o.threads;
  stats.attach(so);
  REQUIRE(so.observer == &stats);
  REQUIRE(so.match.include_transferred);
  Scanner scanner(rules, so);
  stats.begin(rules.rules());
  std::string err;
  if (!o.transfers.empty()) {
    auto t = open_csv(o.transfers, {}, err);
    REQUIRE(t);
    REQUIRE(scanner.read_linked_table(*t, TableKind::kTransfers, stats));
  }
  auto source = open_csv(csv, {}, err);
  REQUIRE(source);
  REQUIRE(scanner.scan(*source, stats));
  scanner.finish(stats);
  stats.end(scanner.summary());
  return stats.report(grouping);
}

const StatsRow& row_of(const StatsReport& r, const std::string& agency, const std::string& month) {
  for (const auto& row : r.rows)
    if (row.agency.value_or("-") == agency && row.month.value_or("-") == month) return row;
  FAIL("no row " << agency << " / " << month);
  return r.rows.front();
}

size_t field_index(const StatsReport& r, const std::string& name) {
  for (size_t k = 0; k < r.fields.size(); ++k)
    if (r.fields[k].name == name) return k;
  FAIL("no field " << name);
  return 0;
}

std::string write_report(StatsFormat f, const StatsReport& r) {
  std::ostringstream out;
  write_stats_report(f, r, out, StatsReportOptions{"test"});
  return out.str();
}

}  // namespace

// tests/data/stats/cases.csv, with rules ST-01 (candidate: 伪劣 and 销售金额 ≥ 5万元) and ST-02
// (lead: 伪劣 and 45,000 ≤ 销售金额 < 50,000):
//
//   A-1 甲 2024-03  60,000 → candidate; entered 5 days after the decision
//   A-2 甲 2024-03  80,000 → candidate, marked transferred; entered 51 days after → late
//   A-3 甲 2024-04  46,000 → lead; no 证件号码 → not key-complete; entered 1 day after
//   A-4 甲 no decision date; 1,000 → nothing; entry date but no decision date: not counted
//   B-1 乙 2024-03  销售金额 待核实 (does not parse) → nothing; entered 31 days after → late
//   B-2 乙 2024-03  no 案由, 违法日期 2024-02-30 (does not parse) → not key-complete, no keyword →
//                   nothing; entered exactly 30 days after → not late
//   C-1 no agency, 2024-05, 55,000 → candidate; entry date 不详 does not parse
//   X-9 three fields instead of eleven → rejected
TEST_CASE("stats: every count of a hand-made export", "[stats]") {
  auto rules = load({kStatsDir + "rules.yaml"});
  RunOptions o;
  o.threads = GENERATE(1u, 3u);
  StatsReport r = run(*rules, kStatsDir + "cases.csv", StatsGrouping::kAgencyMonth, o);

  CHECK(r.scan.rows_read == 8);
  CHECK(r.scan.rows_evaluated == 7);
  CHECK(r.scan.rows_rejected == 1);
  CHECK(r.scan.value_errors == 2);
  // Key fields first, then the amount fields the two rules read (销售金额) or every finding reports (罚款金额).
  std::vector<std::string> names;
  for (const auto& f : r.fields) names.push_back(f.name);
  CHECK(names == std::vector<std::string>{"case_id", "party_name", "party_id", "case_reason|facts", "violation_date",
                                          "decision_date", "fine_amount", "sales_amount"});

  // Sorted by agency (乙 U+4E59 before 甲 U+7532; the missing agency last), then month (the
  // missing month last).
  REQUIRE(r.rows.size() == 5);
  CHECK(*r.rows[0].agency == "乙市场监管局");
  CHECK(*r.rows[0].month == "2024-03");
  CHECK(*r.rows[1].agency == "甲市场监管局");
  CHECK(*r.rows[1].month == "2024-03");
  CHECK(*r.rows[2].month == "2024-04");
  CHECK(*r.rows[3].agency == "甲市场监管局");
  CHECK(r.rows[3].month->empty());
  CHECK(r.rows[4].agency->empty());
  CHECK(*r.rows[4].month == "2024-05");

  const size_t sales = field_index(r, "sales_amount"), party_id = field_index(r, "party_id");
  const auto& yi = row_of(r, "乙市场监管局", "2024-03").counts;
  CHECK(yi.cases == 2);
  CHECK(yi.key_complete == 1);
  CHECK(yi.present[sales] == 1);
  CHECK(yi.present[field_index(r, "case_reason|facts")] == 1);
  CHECK(yi.present[field_index(r, "violation_date")] == 1);
  CHECK(yi.candidates == 0);
  CHECK(yi.leads == 0);
  CHECK(yi.entry_dated == 2);
  CHECK(yi.late == 1);

  const auto& jia3 = row_of(r, "甲市场监管局", "2024-03").counts;
  CHECK(jia3.cases == 2);
  CHECK(jia3.key_complete == 2);
  CHECK(jia3.candidates == 2);
  CHECK(jia3.candidates_transferred == 1);
  CHECK(jia3.candidate_findings == 2);
  CHECK(jia3.transferred == 1);
  CHECK(jia3.late == 1);

  const auto& jia4 = row_of(r, "甲市场监管局", "2024-04").counts;
  CHECK(jia4.cases == 1);
  CHECK(jia4.key_complete == 0);
  CHECK(jia4.present[party_id] == 0);
  CHECK(jia4.candidates == 0);
  CHECK(jia4.leads == 1);
  CHECK(jia4.lead_findings == 1);
  CHECK(jia4.entry_dated == 1);
  CHECK(jia4.late == 0);

  const auto& jia_none = row_of(r, "甲市场监管局", "").counts;
  CHECK(jia_none.cases == 1);
  CHECK(jia_none.key_complete == 0);
  CHECK(jia_none.entry_dated == 0);

  const auto& none = row_of(r, "", "2024-05").counts;
  CHECK(none.cases == 1);
  CHECK(none.candidates == 1);
  CHECK(none.candidates_transferred == 0);
  CHECK(none.entry_dated == 0);

  const StatsCounts& t = r.total;
  CHECK(t.cases == 7);
  CHECK(t.key_complete == 4);
  CHECK(t.candidates == 3);
  CHECK(t.candidates_transferred == 1);
  CHECK(t.leads == 1);
  CHECK(t.transferred == 1);
  CHECK(t.entry_dated == 5);
  CHECK(t.late == 2);
  CHECK(t.present[sales] == 6);
  CHECK(t.present[field_index(r, "fine_amount")] == 0);
  CHECK(r.entry_date_available);
  CHECK(r.entry_date_unparsed == 1);
  REQUIRE(r.entry_date_columns.size() == 1);
  CHECK(r.entry_date_columns[0].find("录入日期") != std::string::npos);
  // The groups add up to the totals.
  StatsCounts sum;
  for (const auto& row : r.rows) sum.add(row.counts);
  CHECK(sum.cases == t.cases);
  CHECK(sum.candidates == t.candidates);
  CHECK(sum.present == t.present);
}

TEST_CASE("stats: a case in the transfers table counts as transferred", "[stats]") {
  auto rules = load({kStatsDir + "rules.yaml"});
  RunOptions o;
  o.transfers = kStatsDir + "transfers.csv";  // lists C-1
  StatsReport r = run(*rules, kStatsDir + "cases.csv", StatsGrouping::kAgency, o);
  CHECK(r.total.transferred == 2);
  CHECK(r.total.candidates == 3);
  CHECK(r.total.candidates_transferred == 2);
  CHECK(stats::percent_text(r.total.candidates_transferred, r.total.candidates) == "66.7%");
  REQUIRE(r.rows.size() == 3);
  CHECK(r.rows[2].agency->empty());
  CHECK(r.rows[2].counts.candidates_transferred == 1);
  CHECK(r.rows[2].counts.transferred == 1);
  REQUIRE(r.scan.linked_tables.size() == 1);
  CHECK(r.scan.linked_tables[0].rows_used == 1);
}

TEST_CASE("stats: groupings roll the same cases up", "[stats]") {
  auto rules = load({kStatsDir + "rules.yaml"});
  StatsReport by_agency = run(*rules, kStatsDir + "cases.csv", StatsGrouping::kAgency);
  REQUIRE(by_agency.rows.size() == 3);
  CHECK(*by_agency.rows[0].agency == "乙市场监管局");
  CHECK_FALSE(by_agency.rows[0].month.has_value());
  CHECK(by_agency.rows[1].counts.cases == 4);
  CHECK(by_agency.rows[1].counts.candidates == 2);
  CHECK(by_agency.rows[1].counts.leads == 1);
  CHECK(by_agency.rows[1].counts.late == 1);

  StatsReport by_month = run(*rules, kStatsDir + "cases.csv", StatsGrouping::kMonth);
  REQUIRE(by_month.rows.size() == 4);
  CHECK_FALSE(by_month.rows[0].agency.has_value());
  CHECK(*by_month.rows[0].month == "2024-03");
  CHECK(by_month.rows[0].counts.cases == 4);
  CHECK(by_month.rows[0].counts.candidates == 2);
  CHECK(by_month.rows[0].counts.late == 2);
  CHECK(*by_month.rows[1].month == "2024-04");
  CHECK(*by_month.rows[2].month == "2024-05");
  CHECK(by_month.rows[3].month->empty());
  CHECK(by_month.total.cases == by_agency.total.cases);
  CHECK(by_month.total.late == by_agency.total.late);
}

TEST_CASE("stats: an agency-and-month report rolls up into the reports per agency and per month", "[stats]") {
  auto rules = load({kStatsDir + "rules.yaml"});
  StatsReport both = run(*rules, kStatsDir + "cases.csv", StatsGrouping::kAgencyMonth);
  for (auto g : {StatsGrouping::kAgency, StatsGrouping::kMonth}) {
    INFO(stats_grouping_name(g));
    StatsReport direct = run(*rules, kStatsDir + "cases.csv", g);
    auto rolled = rollup_stats(both, g);
    REQUIRE(rolled.has_value());
    CHECK(rolled->grouping == g);
    REQUIRE(rolled->rows.size() == direct.rows.size());
    for (size_t k = 0; k < direct.rows.size(); ++k) {
      INFO("row " << k);
      CHECK(rolled->rows[k].agency == direct.rows[k].agency);
      CHECK(rolled->rows[k].month == direct.rows[k].month);
      const StatsCounts &a = rolled->rows[k].counts, &b = direct.rows[k].counts;
      CHECK(a.cases == b.cases);
      CHECK(a.present == b.present);
      CHECK(a.key_complete == b.key_complete);
      CHECK(a.candidates == b.candidates);
      CHECK(a.candidates_transferred == b.candidates_transferred);
      CHECK(a.leads == b.leads);
      CHECK(a.transferred == b.transferred);
      CHECK(a.late == b.late);
    }
    CHECK(rolled->total.cases == direct.total.cases);
    // Finer is not possible.
    CHECK_FALSE(rollup_stats(direct, StatsGrouping::kAgencyMonth).has_value());
    CHECK(rollup_stats(direct, g)->rows.size() == direct.rows.size());
  }
}

TEST_CASE("stats: late entries need an entry-date column, never another date", "[stats]") {
  auto rules = load({kStatsDir + "rules.yaml"});
  TempDir dir;
  const std::string head = "案件编号,执法机关,案由,处罚决定日期,销售金额（元）,";
  SECTION("a column named by the options, and the threshold in days") {
    std::string csv = dir.write("c.csv", head + "入库时间\n"
                                                "K-1,甲,销售伪劣产品案,2024-01-01,1,2024-01-11\n"
                                                "K-2,甲,销售伪劣产品案,2024-01-01,1,2024-01-12 09:30:00\n"
                                                "K-3,甲,销售伪劣产品案,2024-01-01,1,2023-12-25\n");
    RunOptions o;
    o.stats.late_days = 10;
    StatsReport without = run(*rules, csv, StatsGrouping::kAgency, o);
    CHECK_FALSE(without.entry_date_available);  // 入库时间 is not a recognised header
    o.stats.entry_date_columns = {"入库时间"};
    StatsReport r = run(*rules, csv, StatsGrouping::kAgency, o);
    CHECK(r.entry_date_available);
    CHECK(r.total.entry_dated == 3);
    CHECK(r.total.late == 1);  // K-2: 11 days; K-1 exactly 10; K-3 before the decision
  }
  SECTION("no entry-date column: not available in every format") {
    std::string csv = dir.write("c.csv", head + "备注\nK-1,甲,销售伪劣产品案,2024-01-01,1,2024-03-01\n");
    StatsReport r = run(*rules, csv, StatsGrouping::kAgency);
    CHECK_FALSE(r.entry_date_available);
    CHECK(r.total.entry_dated == 0);
    CHECK(r.total.late == 0);
    Json j = check_data_test::parse_json(write_report(StatsFormat::kJson, r));
    CHECK_FALSE(j["entry_date"]["available"].b);
    CHECK(j["total"]["late"].kind == Json::kNull);
    CHECK(j["rows"][0]["late"].kind == Json::kNull);
    std::string table = write_report(StatsFormat::kTable, r);
    CHECK(table.find("不可用") != std::string::npos);
    CHECK(write_report(StatsFormat::kCsv, r).find(",不可用,不可用,") != std::string::npos);
    CHECK(write_report(StatsFormat::kMarkdown, r).find("| 不可用 |") != std::string::npos);
  }
  SECTION("the built-in aliases") {
    for (auto alias : entry_date_aliases()) {
      std::string csv = dir.write("c.csv", head + std::string(alias) + "\nK-1,甲,销售伪劣产品案,2024-01-01,1,2024-03-01\n");
      StatsReport r = run(*rules, csv, StatsGrouping::kAgency);
      INFO(alias);
      CHECK(r.entry_date_available);
      CHECK(r.total.late == 1);
    }
  }
}

TEST_CASE("stats: the completeness fields follow the amount fields the rules read", "[stats]") {
  LoadOptions lo;
  lo.select = {"MKT-01"};
  auto rules = load({XIANJIE_RULES_DIR}, lo);
  std::vector<std::string> names;
  for (const auto& f : stats_fields(*rules)) names.push_back(f.name + (f.key ? "*" : ""));
  CHECK(names == std::vector<std::string>{"case_id*", "party_name*", "party_id*", "case_reason|facts*", "violation_date*",
                                          "decision_date*", "fine_amount", "sales_amount", "goods_value"});
  auto all = load({XIANJIE_RULES_DIR});
  auto fields = stats_fields(*all);
  CHECK(fields.size() > names.size());
  for (const auto& f : fields)
    for (int s : f.slots) CHECK(all->slots_read()[static_cast<size_t>(s)]);
}

namespace {

// Records what a scan shows an observer.
struct Recorder : RecordObserver {
  std::string column;  // header of the column asked for
  std::vector<uint64_t> locations;
  std::vector<std::string> cells, case_ids;
  std::vector<bool> transferred;
  std::vector<size_t> begin_input(const RowSource& source) override {
    for (size_t c = 0; c < source.header().size(); ++c)
      if (source.header()[c] == column) return {c};
    return {};
  }
  void record(const Record& r, bool t, const std::string_view* c) override {
    locations.push_back(r.location);
    cells.emplace_back(c[0]);
    case_ids.emplace_back(r.slots[slot::kCaseId].as_text());
    transferred.push_back(t);
  }
};

struct NullSink : FindingSink {
  void finding(const Finding&) override {}
};

}  // namespace

TEST_CASE("scan: the record observer sees every evaluated record once, in input order", "[stats][scan]") {
  auto rules = load({kStatsDir + "rules.yaml"});
  TempDir dir;
  // More than two batches (RowBatch::kTargetRows), so that several workers interleave.
  const size_t n = 10000;
  std::string csv = "案件编号,执法机关,案由,是否移送,备注\n";
  for (size_t k = 0; k < n; ++k)
    csv += "C" + std::to_string(k) + ",甲,销售伪劣产品案," + (k % 7 == 0 ? "是" : "否") + ",note" + std::to_string(k) + "\n";
  csv += "bad,\"unclosed\n";  // rejected, never observed
  std::string path = dir.write("many.csv", csv);

  Recorder rec;
  rec.column = "备注";  // no rule reads it: the reader must still deliver it
  ScanOptions so;
  so.threads = GENERATE(1u, 4u);
  so.observer = &rec;
  Scanner scanner(*rules, so);
  NullSink sink;
  std::string err;
  auto source = open_csv(path, {}, err);
  REQUIRE(source);
  scanner.scan(*source, sink);
  REQUIRE(scanner.summary().rows_evaluated == n);
  CHECK(scanner.summary().rows_rejected == 1);
  REQUIRE(rec.locations.size() == n);
  bool ordered = true, cells_ok = true, ids_ok = true, transferred_ok = true;
  for (size_t k = 0; k < n; ++k) {
    ordered = ordered && rec.locations[k] == k + 2;  // line 1 is the header
    cells_ok = cells_ok && rec.cells[k] == "note" + std::to_string(k);
    ids_ok = ids_ok && rec.case_ids[k] == "C" + std::to_string(k);
    transferred_ok = transferred_ok && rec.transferred[k] == (k % 7 == 0);
  }
  CHECK(ordered);
  CHECK(cells_ok);
  CHECK(ids_ok);
  CHECK(transferred_ok);
}

TEST_CASE("scan: the record observer gets its columns from a SQLite table the rules do not read", "[stats][scan]") {
  auto rules = load({kStatsDir + "rules.yaml"});
  TempDir dir;
  std::string db_path = (dir.path / "cases.db").string();
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(db_path.c_str(), &db) == SQLITE_OK);
  REQUIRE(sqlite3_exec(db,
                       "CREATE TABLE cases (案件编号 TEXT, 案由 TEXT, 销售金额 TEXT, 录入日期 TEXT);"
                       "INSERT INTO cases VALUES ('S-1', '销售伪劣产品案', '60000', '2024-02-01');"
                       "INSERT INTO cases VALUES ('S-2', '销售伪劣产品案', '100', '2024-02-02');",
                       nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
  Recorder rec;
  rec.column = "录入日期";
  ScanOptions so;
  so.threads = 1;
  so.observer = &rec;
  Scanner scanner(*rules, so);
  NullSink sink;
  std::string err;
  auto source = open_sqlite(db_path, {}, err);
  REQUIRE(source);
  REQUIRE(scanner.scan(*source, sink));
  CHECK(rec.cells == std::vector<std::string>{"2024-02-01", "2024-02-02"});
  CHECK(rec.case_ids == std::vector<std::string>{"S-1", "S-2"});
}

TEST_CASE("stats: percentages and option names", "[stats]") {
  CHECK(stats::percent_text(1, 3) == "33.3%");
  CHECK(stats::percent_text(2, 3) == "66.7%");
  CHECK(stats::percent_text(1, 16) == "6.3%");  // 6.25: half up
  CHECK(stats::percent_text(0, 5) == "0.0%");
  CHECK(stats::percent_text(5, 5) == "100.0%");
  CHECK(stats::percent_text(0, 0) == "—");
  CHECK(stats::share(2, 3) == Approx(0.6667));
  CHECK_FALSE(stats::share(1, 0).has_value());
  CHECK(parse_stats_grouping("agency") == StatsGrouping::kAgency);
  CHECK(parse_stats_grouping("month") == StatsGrouping::kMonth);
  CHECK(parse_stats_grouping("agency, month") == StatsGrouping::kAgencyMonth);
  CHECK_FALSE(parse_stats_grouping("month,agency").has_value());
  CHECK_FALSE(parse_stats_grouping("domain").has_value());
  CHECK(parse_stats_format("md") == StatsFormat::kMarkdown);
  CHECK(parse_stats_format("csv") == StatsFormat::kCsv);
  CHECK(parse_stats_format("html") == StatsFormat::kHtml);
  CHECK(parse_stats_format("xlsx") == StatsFormat::kXlsx);
  CHECK_FALSE(parse_stats_format("pdf").has_value());
}

TEST_CASE("stats: the report formats", "[stats]") {
  auto rules = load({kStatsDir + "rules.yaml"});
  TempDir dir;
  // Agency names are case data: one looks like a formula, one holds a comma, one a Markdown pipe
  // and a terminal escape.
  std::string csv = dir.write("c.csv",
                              "案件编号,执法机关,案由,处罚决定日期,销售金额（元）\n"
                              "F-1,=HYPERLINK(\"x\"),销售伪劣产品案,2024-01-01,60000\n"
                              "F-2,\"甲,乙\",销售伪劣产品案,2024-01-02,1\n"
                              "F-3,丙|丁\x1b[31m,销售伪劣产品案,2024-02-01,1\n");
  StatsReport r = run(*rules, csv, StatsGrouping::kAgencyMonth);
  REQUIRE(r.rows.size() == 3);

  SECTION("json") {
    Json j = check_data_test::parse_json(write_report(StatsFormat::kJson, r));
    CHECK(j["command"].str == "stats");
    CHECK(j["group_by"].str == "agency,month");
    CHECK(j["summary"]["rows_read"].number == 3);
    CHECK(j["summary"]["rows_evaluated"].number == 3);
    CHECK(j["summary"]["rows_rejected"].number == 0);
    REQUIRE(j["rows"].items.size() == 3);
    const Json& first = j["rows"][0];
    CHECK(first["agency"].str == "=HYPERLINK(\"x\")");
    CHECK(first["month"].str == "2024-01");
    CHECK(first["candidates"].number == 1);
    CHECK(first["transfer_rate"].number == 0);
    CHECK(first["completeness"]["sales_amount"]["present"].number == 1);
    CHECK(first["completeness"]["party_id"]["share"].number == 0);
    CHECK(j["rows"][1]["transfer_rate"].kind == Json::kNull);
    CHECK(j["total"]["cases"].number == 3);
    CHECK(j["total"]["key_complete_share"].number == 0);
    CHECK(j["fields"].items.size() == r.fields.size());
  }
  SECTION("csv for Excel") {
    std::string out = write_report(StatsFormat::kCsv, r);
    REQUIRE(out.rfind("\xEF\xBB\xBF执法机关,月份,录入案件,", 0) == 0);
    std::vector<std::string> lines;
    size_t start = 3;
    for (size_t p = out.find("\r\n", start); p != std::string::npos; p = out.find("\r\n", start)) {
      lines.push_back(out.substr(start, p - start));
      start = p + 2;
    }
    CHECK(start == out.size());  // every line ends in CRLF
    REQUIRE(lines.size() == 5);  // header, three groups, totals
    // A formula gets an apostrophe (and quotes, for its own quotes); a comma is quoted.
    CHECK(lines[1].rfind("\"'=HYPERLINK(\"\"x\"\")\",2024-01,1,0.0%,1,0,0.0%,0,0,不可用,不可用,", 0) == 0);
    // Code point order: 丙 (U+4E19) before 甲 (U+7532).
    CHECK(lines[2].rfind("丙|丁\xEF\xBF\xBD[31m,2024-02,1,", 0) == 0);  // the escape character is replaced
    CHECK(lines[3].rfind("\"甲,乙\",2024-01,1,", 0) == 0);
    CHECK(lines[4].rfind("合计,,3,0.0%,1,0,0.0%,0,0,不可用,不可用,", 0) == 0);
  }
  SECTION("html: hostile agency names stay text") {
    std::string out = write_report(StatsFormat::kHtml, r);
    CHECK(out.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(out.find("<td>=HYPERLINK(&quot;x&quot;)</td>") != std::string::npos);
    CHECK(out.find("<td>甲,乙</td>") != std::string::npos);
    CHECK(out.find('\x1b') == std::string::npos);
    CHECK(out.find("[\"丙|丁\xEF\xBF\xBD[31m\",1,0]") != std::string::npos);  // in the charts' data
    CHECK(out.find("<tr class=\"total\"><td colspan=\"2\">合计</td><td class=\"num\">3</td>") != std::string::npos);
  }
  SECTION("xlsx: a zip") {
    std::string out = write_report(StatsFormat::kXlsx, r);
    CHECK(out.compare(0, 4, "PK\x03\x04") == 0);
  }
  SECTION("markdown") {
    std::string out = write_report(StatsFormat::kMarkdown, r);
    CHECK(out.find("读取 3 行：评估 3 行，拒绝 0 行") != std::string::npos);
    CHECK(out.find("丙\\|丁") != std::string::npos);  // the pipe cannot split the cell
    CHECK(out.find('\x1b') == std::string::npos);
    CHECK(out.find("| **合计** |  | 3 | 0.0% | 1 | 0 | 0.0% | 0 | 0 | 不可用 |") != std::string::npos);
  }
  SECTION("table: aligned columns, safe text") {
    std::string out = write_report(StatsFormat::kTable, r);
    CHECK(out.find('\x1b') == std::string::npos);
    CHECK(out.find("读取 3 行：评估 3 行，拒绝 0 行") != std::string::npos);
    // The main table: the heading, three groups and the totals all end at the same column,
    // since the last column is right-aligned.
    std::istringstream in(out);
    std::string line;
    std::vector<size_t> widths;
    bool in_table = false;
    while (std::getline(in, line)) {
      if (line.rfind("执法机关 ", 0) == 0) in_table = true;
      if (in_table && line.empty()) break;
      if (in_table) widths.push_back(display_width(line));
    }
    REQUIRE(widths.size() == 5);
    for (size_t w : widths) CHECK(w == widths[0]);
    CHECK(out.find("金额字段完整率") != std::string::npos);
  }
}
