// Periodic scans with review state, end to end (docs/cli.md "Periodic scans"): `scan --state`
// reports each finding as new, unchanged or changed and the ones that disappeared, `review` sets
// and lists statuses with an audit history, a dismissal stays until the evidence changes, and
// the state file survives a scan killed with SIGKILL at any moment — while it reads, and inside
// its final transaction — as it was before that scan or as after it.
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <set>
#include <sstream>
#include <thread>

#include "browser_harness.h"
#include "cli_harness.h"
#include "json_lite.h"
#include "xlsx_reader.h"

using namespace xianjie::test;
namespace fs = std::filesystem;

namespace {

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

const std::string kHeader =
    "案件编号,执法机关,当事人名称,当事人类型,证件号码,案由,违法事实,违法行为发生日期,处罚决定日期,销售金额,罚款金额\n";

// A case of selling substandard goods (MKT-01 fires from 50,000 元 of sales).
std::string row(const std::string& case_id, const std::string& party, int sales, const std::string& type = "单位") {
  return case_id + ",某市市场监督管理局," + party + "," + type + ",,销售伪劣产品案,当事人销售以次充好的电线,2023-03-01,2023-04-01," +
         std::to_string(sales) + "," + std::to_string(sales / 2) + "\n";
}

const std::string kRow1 = row("市监罚〔2023〕1号", "甲商贸有限公司", 60000);
const std::string kRow2 = row("市监罚〔2023〕2号", "乙商贸有限公司", 80000);
const std::string kRow3 = row("市监罚〔2023〕3号", "张三丰", 90000, "个人");
const std::string kRow4 = row("市监罚〔2023〕4号", "丁商贸有限公司", 1000);  // under the threshold: no finding

struct Report {
  std::vector<Json> findings;
  std::vector<Json> gone;
  Json summary;
};

// Parses a jsonl report strictly: every line must be one JSON object.
Report parse_jsonl(const std::string& text) {
  Report r;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    Json j;
    std::string error;
    INFO(line);
    REQUIRE(JsonReader::parse(line, j, error));
    const Json* type = j.get("type");
    REQUIRE(type);
    if (type->text == "finding") r.findings.push_back(j);
    else if (type->text == "disappeared") r.gone.push_back(j);
    else if (type->text == "summary") r.summary = j;
  }
  return r;
}

std::string str(const Json& j, const std::string& key) {
  const Json* v = j.get(key);
  INFO("key " << key);
  REQUIRE(v);
  return v->text;
}

uint64_t state_count(const Report& r, const std::string& key) {
  const Json* st = r.summary.get("state");
  REQUIRE(st);
  const Json* v = st->get(key);
  INFO("state." << key);
  REQUIRE(v);
  REQUIRE(v->is_uint());
  return v->as_uint();
}

const Json& by_case(const std::vector<Json>& items, const std::string& case_id) {
  for (const auto& j : items)
    if (str(j, "case_id") == case_id) return j;
  FAIL("no item for " << case_id);
  return items.front();
}

std::set<std::string> fingerprints(const Report& r) {
  std::set<std::string> out;
  for (const auto& f : r.findings) out.insert(str(f, "fingerprint"));
  return out;
}

struct Scanned {
  Run run;
  Report report;
};

Scanned scan(const TempDir& t, const std::string& csv, const std::string& extra = "") {
  Scanned s;
  s.run = t.run("scan " + shell_quote(csv) + " --state " + shell_quote(t.file("state.db")) + " -f jsonl " + extra);
  INFO(s.run.err);
  REQUIRE(s.run.exit_code == 0);
  s.report = parse_jsonl(s.run.out);
  return s;
}

// The first column of the first row of `sql` (opening the file also rolls back a hot journal).
std::string sql_value(const std::string& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  INFO(sql << ": " << sqlite3_errmsg(db));
  REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
  std::string out;
  if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
    out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

// Everything a state file holds except wall-clock times, for comparing two files.
struct Snapshot {
  std::string integrity, scans, last_scan, findings, audit;
  bool operator==(const Snapshot& o) const {
    return integrity == o.integrity && scans == o.scans && last_scan == o.last_scan && findings == o.findings &&
           audit == o.audit;
  }
};

Snapshot snapshot(const std::string& db) {
  Snapshot s;
  s.integrity = sql_value(db, "PRAGMA integrity_check");
  s.scans = sql_value(db, "SELECT count(*) || ':' || ifnull(max(id), 0) || ':' || ifnull(sum(findings), 0) FROM scans");
  s.last_scan = sql_value(db, "SELECT value FROM meta WHERE key = 'last_scan'");
  s.findings = sql_value(db,
                         "SELECT count(*) || ':' || ifnull(sum(present), 0) || ':' || "
                         "ifnull(group_concat(fingerprint || evidence_digest || status || present || last_seen_scan, ';'), '') "
                         "FROM (SELECT * FROM findings ORDER BY fingerprint)");
  s.audit = sql_value(db, "SELECT count(*) FROM audit");
  return s;
}

std::string fingerprint_of(const Report& r, const std::string& case_id) { return str(by_case(r.findings, case_id), "fingerprint"); }

}  // namespace

TEST_CASE("scan --state: the first scan finds everything new, the next one nothing new", "[state]") {
  TempDir t;
  write_all(t.file("a.csv"), kHeader + kRow1 + kRow2 + kRow3 + kRow4);
  auto first = scan(t, t.file("a.csv"));
  REQUIRE(first.report.findings.size() == 3);
  for (const auto& f : first.report.findings) {
    CHECK(str(f, "state") == "new");
    CHECK(str(f, "status") == "open");
    std::string fp = str(f, "fingerprint");
    CHECK(fp.size() == 32);
    CHECK(fp.find_first_not_of("0123456789abcdef") == std::string::npos);
  }
  CHECK(state_count(first.report, "scan_id") == 1);
  CHECK(state_count(first.report, "previous_scan_id") == 0);
  CHECK(state_count(first.report, "new") == 3);
  CHECK(has(first.run.err, "状态文件"));
  CHECK(has(first.run.err, "第 1 次扫描（首次，线索均为新增）"));
  CHECK(has(first.run.err, "新增 3，未变 0，变化 0，消失 0"));

  auto second = scan(t, t.file("a.csv"));
  REQUIRE(second.report.findings.size() == 3);
  for (const auto& f : second.report.findings) CHECK(str(f, "state") == "unchanged");
  CHECK(fingerprints(second.report) == fingerprints(first.report));
  CHECK(second.report.gone.empty());
  CHECK(state_count(second.report, "scan_id") == 2);
  CHECK(state_count(second.report, "previous_scan_id") == 1);
  CHECK(state_count(second.report, "unchanged") == 3);
  CHECK(has(second.run.err, "第 2 次扫描，与第 1 次相比"));
  CHECK(has(second.run.err, "新增 0，未变 3，变化 0，消失 0"));
}

TEST_CASE("scan --state: row order, file name and full-width digits do not change fingerprints", "[state]") {
  TempDir t;
  write_all(t.file("a.csv"), kHeader + kRow1 + kRow2 + kRow3);
  auto first = scan(t, t.file("a.csv"));
  // Next month's export: rows in another order, another file name, CRLF line ends, and case 2
  // typed with full-width digits and a trailing ideographic space by another system.
  std::string row2 = row("市监罚〔２０２３〕２号　", "乙商贸有限公司", 80000);
  std::string text = kHeader + kRow3 + row2 + kRow1;
  std::string crlf;
  for (char c : text) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  write_all(t.file("2024年3月 导出.csv"), crlf);
  auto second = scan(t, t.file("2024年3月 导出.csv"));
  CHECK(fingerprints(second.report) == fingerprints(first.report));
  for (const auto& f : second.report.findings) CHECK(str(f, "state") == "unchanged");
  CHECK(second.report.gone.empty());
}

TEST_CASE("scan --state: a row removed is reported as disappeared, once", "[state]") {
  TempDir t;
  write_all(t.file("a.csv"), kHeader + kRow1 + kRow2 + kRow3);
  auto first = scan(t, t.file("a.csv"));
  write_all(t.file("b.csv"), kHeader + kRow1 + kRow2);
  // --mask: the person's name is masked in the disappeared line too.
  auto second = scan(t, t.file("b.csv"), "--mask");
  REQUIRE(second.report.gone.size() == 1);
  const Json& g = second.report.gone[0];
  CHECK(str(g, "fingerprint") == fingerprint_of(first.report, "市监罚〔2023〕3号"));
  CHECK(str(g, "case_id") == "市监罚〔2023〕3号");
  CHECK(str(g, "rule_id") == "MKT-01");
  CHECK(str(g, "status") == "open");
  CHECK(str(g, "party_name") == "张某某");
  CHECK(str(g, "source") == t.file("a.csv") + ":4");
  CHECK(g.get("first_seen_scan")->as_uint() == 1);
  CHECK(g.get("last_seen_scan")->as_uint() == 1);
  CHECK(state_count(second.report, "disappeared") == 1);
  CHECK(has(second.run.err, "消失 1"));
  // The json format lists it in "disappeared".
  auto json = t.run("scan " + shell_quote(t.file("a.csv")) + " --state " + shell_quote(t.file("state.db")) + " -f json -q");
  REQUIRE(json.exit_code == 0);
  Json doc;
  std::string error;
  REQUIRE(JsonReader::parse(json.out, doc, error));
  REQUIRE(doc.get("disappeared"));
  CHECK(doc.get("disappeared")->items.empty());  // it came back
  const Json& back = by_case(doc.get("findings")->items, "市监罚〔2023〕3号");
  CHECK(str(back, "state") == "unchanged");
  CHECK(has(str(back, "state_note"), "重新出现"));
  // Gone a second time, it is reported again; not while it stays gone.
  auto third = scan(t, t.file("b.csv"));
  CHECK(third.report.gone.size() == 1);
  auto fourth = scan(t, t.file("b.csv"));
  CHECK(fourth.report.gone.empty());
}

TEST_CASE("scan --state: a value changed makes the finding changed", "[state]") {
  TempDir t;
  write_all(t.file("a.csv"), kHeader + kRow1 + kRow2);
  auto first = scan(t, t.file("a.csv"));
  write_all(t.file("a.csv"), kHeader + kRow1 + row("市监罚〔2023〕2号", "乙商贸有限公司", 85000));
  auto second = scan(t, t.file("a.csv"));
  const Json& f = by_case(second.report.findings, "市监罚〔2023〕2号");
  CHECK(str(f, "state") == "changed");
  CHECK(str(f, "fingerprint") == fingerprint_of(first.report, "市监罚〔2023〕2号"));
  CHECK(str(by_case(second.report.findings, "市监罚〔2023〕1号"), "state") == "unchanged");
  CHECK(state_count(second.report, "changed") == 1);
  CHECK(state_count(second.report, "unchanged") == 1);
}

TEST_CASE("review: a dismissed finding stays dismissed; --hide-dismissed leaves it out and counts it", "[state]") {
  TempDir t;
  write_all(t.file("a.csv"), kHeader + kRow1 + kRow2);
  auto first = scan(t, t.file("a.csv"));
  std::string fp = fingerprint_of(first.report, "市监罚〔2023〕1号");
  std::string db = shell_quote(t.file("state.db"));
  auto r = t.run("review --state " + db + " " + fp.substr(0, 10) +
                 " --status dismissed --reason '不构成犯罪：销售金额含退货' --reviewer 王检察官");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(has(r.out, fp));
  CHECK(has(r.out, "待审查（open） → 已排除（dismissed）"));

  auto second = scan(t, t.file("a.csv"));
  const Json& f = by_case(second.report.findings, "市监罚〔2023〕1号");
  CHECK(str(f, "state") == "unchanged");
  CHECK(str(f, "status") == "dismissed");
  CHECK(str(f, "status_reason") == "不构成犯罪：销售金额含退货");
  CHECK(state_count(second.report, "dismissed") == 1);

  auto hidden = scan(t, t.file("a.csv"), "--hide-dismissed");
  REQUIRE(hidden.report.findings.size() == 1);
  CHECK(str(hidden.report.findings[0], "case_id") == "市监罚〔2023〕2号");
  CHECK(state_count(hidden.report, "dismissed_hidden") == 1);
  CHECK(state_count(hidden.report, "unchanged") == 2);
  CHECK(has(hidden.run.err, "已排除 1 条（未列出 1 条，--hide-dismissed）"));

  auto list = t.run("review --state " + db + " --list --status dismissed");
  REQUIRE(list.exit_code == 0);
  CHECK(has(list.out, fp));
  CHECK(has(list.out, "理由：不构成犯罪：销售金额含退货"));
  CHECK_FALSE(has(list.out, fingerprint_of(first.report, "市监罚〔2023〕2号")));
  auto all = t.run("review --state " + db + " --list");
  REQUIRE(all.exit_code == 0);
  CHECK(has(all.out, fingerprint_of(first.report, "市监罚〔2023〕2号")));
  CHECK(has(all.out, "已记录 3 次扫描"));
}

TEST_CASE("scan --state --fail-on: dismissed findings do not fail the scan", "[state]") {
  TempDir t;
  write_all(t.file("a.csv"), kHeader + kRow1);
  auto first = scan(t, t.file("a.csv"));
  REQUIRE(first.report.findings.size() == 1);
  std::string db = shell_quote(t.file("state.db"));
  auto scan_fail_on = [&](const std::string& extra) {
    return t.run("scan " + shell_quote(t.file("a.csv")) + " --state " + db + " -f jsonl -q --fail-on low " + extra);
  };
  CHECK(scan_fail_on("").exit_code == 1);  // open: fails

  std::string fp = fingerprint_of(first.report, "市监罚〔2023〕1号");
  auto r = t.run("review --state " + db + " " + fp + " --status dismissed --reason 证据不足 --reviewer 王检察官");
  REQUIRE(r.exit_code == 0);
  auto dismissed = scan_fail_on("");
  CHECK(dismissed.exit_code == 0);  // still listed, as dismissed, but no longer a failure
  CHECK(has(dismissed.out, "\"status\":\"dismissed\""));
  CHECK(scan_fail_on("--hide-dismissed").exit_code == 0);

  // A second finding that is open fails the scan again; so does the dismissed one once its
  // evidence changes and it reopens.
  write_all(t.file("a.csv"), kHeader + kRow1 + kRow2);
  CHECK(scan_fail_on("").exit_code == 1);
  write_all(t.file("a.csv"), kHeader + row("市监罚〔2023〕1号", "甲商贸有限公司", 70000));
  auto reopened = scan_fail_on("");
  CHECK(reopened.exit_code == 1);
  CHECK(has(reopened.out, "\"status\":\"open\""));
  // Without --state every finding counts, as before.
  CHECK(t.run("scan " + shell_quote(t.file("a.csv")) + " -f jsonl -q --fail-on low").exit_code == 1);
}

TEST_CASE("review: a dismissed finding whose evidence changed reopens; the history shows every change", "[state]") {
  TempDir t;
  write_all(t.file("a.csv"), kHeader + kRow1 + kRow2);
  auto first = scan(t, t.file("a.csv"));
  std::string fp = fingerprint_of(first.report, "市监罚〔2023〕2号");
  std::string db = shell_quote(t.file("state.db"));
  REQUIRE(t.run("review --state " + db + " " + fp + " --status investigating --reviewer 李四").exit_code == 0);
  REQUIRE(t.run("review --state " + db + " " + fp + " --status dismissed --reason 证据不足 --reviewer 王检察官").exit_code == 0);
  write_all(t.file("a.csv"), kHeader + kRow1 + row("市监罚〔2023〕2号", "乙商贸有限公司", 160000));
  auto second = scan(t, t.file("a.csv"), "--hide-dismissed");
  const Json& f = by_case(second.report.findings, "市监罚〔2023〕2号");  // shown again despite --hide-dismissed
  CHECK(str(f, "state") == "changed");
  CHECK(str(f, "status") == "open");
  CHECK(has(str(f, "state_note"), "证据已变化，原已排除（证据不足）的线索重新打开"));
  CHECK(state_count(second.report, "reopened") == 1);
  CHECK(has(second.run.err, "其中已排除后因证据变化重新打开 1"));

  auto h = t.run("review --state " + db + " --history " + fp.substr(0, 8));
  INFO(h.err);
  REQUIRE(h.exit_code == 0);
  CHECK(has(h.out, "线索 " + fp));
  CHECK(has(h.out, "状态变更（3 次）"));
  size_t a = h.out.find("李四  待审查（open） → 核查中（investigating）");
  size_t b = h.out.find("王检察官  核查中（investigating） → 已排除（dismissed）  理由：证据不足");
  size_t c = h.out.find("xianjie scan #2  已排除（dismissed） → 待审查（open）  理由：证据已变化");
  CHECK(a != std::string::npos);
  CHECK(b != std::string::npos);
  CHECK(c != std::string::npos);
  CHECK((a < b && b < c));
  CHECK(has(h.out, "当前状态：待审查（open）"));
  // --show prints the finding as last seen.
  auto show = t.run("review --state " + db + " --show " + fp);
  REQUIRE(show.exit_code == 0);
  Json j;
  std::string error;
  REQUIRE(JsonReader::parse(show.out, j, error));
  CHECK(has(str(j.get("evidence")->items.at(0), "value"), "160,000.00"));
}

TEST_CASE("review: a dismissal needs a legal reason; what review refuses", "[state]") {
  TempDir t;
  write_all(t.file("a.csv"), kHeader + kRow1);
  auto first = scan(t, t.file("a.csv"));
  std::string fp = fingerprint_of(first.report, "市监罚〔2023〕1号");
  std::string db = shell_quote(t.file("state.db"));
  auto no_reason = t.run("review --state " + db + " " + fp + " --status dismissed --reviewer 王检察官");
  CHECK(no_reason.exit_code == 2);
  CHECK(has(no_reason.err, "不构成犯罪 / 已移送 / 证据不足 / 重复线索 / 其他（须说明）"));
  auto other = t.run("review --state " + db + " " + fp + " --status dismissed --reason 其他 --reviewer 王检察官");
  CHECK(other.exit_code == 2);
  CHECK(has(other.err, "须说明"));
  auto no_reviewer = t.run("review --state " + db + " " + fp + " --status confirmed");
  CHECK(no_reviewer.exit_code == 2);
  CHECK(has(no_reviewer.err, "--reviewer"));
  auto bad_status = t.run("review --state " + db + " " + fp + " --status closed --reviewer 王检察官");
  CHECK(bad_status.exit_code == 2);
  auto unknown = t.run("review --state " + db + " 0123456789abcdef --status confirmed --reviewer 王检察官");
  CHECK(unknown.exit_code == 2);
  CHECK(has(unknown.err, "没有指纹为 0123456789abcdef 的线索"));
  auto missing = t.run("review --state " + shell_quote(t.file("none.db")) + " --list");
  CHECK(missing.exit_code == 2);
  CHECK_FALSE(fs::exists(t.file("none.db")));
  // Nothing of the refused attempts reached the log; "其他" with its explanation does.
  auto ok = t.run("review --state " + db + " " + fp + " --status dismissed --reason '其他：同一行为已由公安机关立案' --reviewer 王检察官");
  REQUIRE(ok.exit_code == 0);
  CHECK(sql_value(t.file("state.db"), "SELECT count(*) FROM audit") == "1");
  CHECK(sql_value(t.file("state.db"), "SELECT reason FROM audit") == "其他：同一行为已由公安机关立案");
  auto again = scan(t, t.file("a.csv"));
  CHECK(str(again.report.findings.at(0), "status") == "dismissed");
}

TEST_CASE("scan --state: a state file of a newer version, or not a state file, is refused untouched", "[state]") {
  TempDir t;
  write_all(t.file("a.csv"), kHeader + kRow1);
  scan(t, t.file("a.csv"));
  REQUIRE(sql_value(t.file("state.db"), "UPDATE meta SET value = '7' WHERE key = 'schema_version' RETURNING value") == "7");
  std::string before = read_all(t.file("state.db"));
  auto r = t.run("scan " + shell_quote(t.file("a.csv")) + " --state " + shell_quote(t.file("state.db")) + " -f jsonl -o " +
                 shell_quote(t.file("out.jsonl")));
  CHECK(r.exit_code == 2);
  CHECK(has(r.err, "格式版本为 7"));
  CHECK(has(r.err, "请升级 xianjie"));
  CHECK(read_all(t.file("state.db")) == before);
  CHECK_FALSE(fs::exists(t.file("out.jsonl")));  // refused before anything was written
  auto review = t.run("review --state " + shell_quote(t.file("state.db")) + " --list");
  CHECK(review.exit_code == 2);
  CHECK(has(review.err, "格式版本为 7"));

  write_all(t.file("notes.txt"), "这不是数据库\n");
  auto text = t.run("scan " + shell_quote(t.file("a.csv")) + " --state " + shell_quote(t.file("notes.txt")));
  CHECK(text.exit_code == 2);
  CHECK(has(text.err, "不是 SQLite 数据库"));
  CHECK(read_all(t.file("notes.txt")) == "这不是数据库\n");

  // The case database itself given as --state by mistake.
  std::string sample = std::string(XIANJIE_SOURCE_DIR) + "/data/sample/cases.db";
  fs::copy_file(sample, t.file("cases.db"));
  std::string db_before = read_all(t.file("cases.db"));
  auto foreign = t.run("scan " + shell_quote(t.file("a.csv")) + " --state " + shell_quote(t.file("cases.db")));
  CHECK(foreign.exit_code == 2);
  CHECK(has(foreign.err, "不是 xianjie 的状态文件"));
  CHECK(read_all(t.file("cases.db")) == db_before);

  auto hide = t.run("scan " + shell_quote(t.file("a.csv")) + " --hide-dismissed");
  CHECK(hide.exit_code == 2);  // needs --state
}

TEST_CASE("scan --state: an input that cannot be read leaves the state as it was", "[state]") {
  TempDir t;
  write_all(t.file("a.csv"), kHeader + kRow1 + kRow2);
  scan(t, t.file("a.csv"));
  Snapshot before = snapshot(t.file("state.db"));
  auto r = t.run("scan " + shell_quote(t.file("a.csv")) + " " + shell_quote(t.file("missing.csv")) + " --state " +
                 shell_quote(t.file("state.db")) + " -f jsonl");
  CHECK(r.exit_code == 2);
  CHECK(has(r.err, "状态文件未更新"));
  CHECK(snapshot(t.file("state.db")) == before);
}

namespace {

// Starts xianjie with `args`, output to /dev/null.
pid_t spawn(const std::vector<std::string>& args) {
  pid_t pid = fork();
  if (pid == 0) {
    int null = open("/dev/null", O_RDWR);
    dup2(null, 0);
    dup2(null, 1);
    dup2(null, 2);
    std::vector<char*> argv{const_cast<char*>(XIANJIE_BIN)};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(XIANJIE_BIN, argv.data());
    _exit(127);
  }
  return pid;
}

// Polls until `ready()` or the child ends; kills it with SIGKILL if it is still running. Returns
// whether the kill is what ended it.
template <typename Ready>
bool kill_when(pid_t pid, Ready ready) {
  int status = 0;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(10);
  while (std::chrono::steady_clock::now() < deadline) {
    if (waitpid(pid, &status, WNOHANG) == pid) return false;  // ended by itself first
    if (ready()) break;
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  kill(pid, SIGKILL);
  REQUIRE(waitpid(pid, &status, 0) == pid);
  return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

}  // namespace

TEST_CASE("scan --state: a scan killed with SIGKILL leaves the state intact, as before or as after", "[state]") {
  TempDir t;
  // Enough findings (about 10,000) that the final transaction lasts long enough to be hit.
  std::string big = t.file("big.csv");
  std::string cmd = shell_quote(XIANJIE_SYNTH_BIN) + " --rows 30000 --seed 11 --planted 0.6 --quiet --csv " + shell_quote(big);
  REQUIRE(std::system(cmd.c_str()) == 0);
  // The state of an earlier, smaller export: its first 2,000 lines.
  {
    std::istringstream in(read_all(big));
    std::string line, head;
    for (int i = 0; i < 2001 && std::getline(in, line); ++i) head += line + "\n";
    write_all(t.file("earlier.csv"), head);
  }
  const std::string initial = t.file("initial.db");
  auto first = t.run("scan " + shell_quote(t.file("earlier.csv")) + " --state " + shell_quote(initial) + " -f jsonl -q");
  REQUIRE(first.exit_code == 0);
  const Snapshot before = snapshot(initial);
  REQUIRE(before.integrity == "ok");
  REQUIRE(before.last_scan == "1");

  // The state after a complete scan of the big export, for comparison.
  fs::copy_file(initial, t.file("after.db"));
  auto full = t.run("scan " + shell_quote(big) + " --state " + shell_quote(t.file("after.db")) + " -f jsonl -o " +
                    shell_quote(t.file("full.jsonl")));
  INFO(full.err);
  REQUIRE(full.exit_code == 0);
  const Snapshot after = snapshot(t.file("after.db"));
  REQUIRE(after.last_scan == "2");
  REQUIRE_FALSE(after == before);

  auto args = [&](const std::string& db, const std::string& out) {
    return std::vector<std::string>{"scan", big, "--state", db, "-f", "jsonl", "-o", out, "-q"};
  };

  SECTION("killed while reading") {
    const std::string db = t.file("reading.db"), out = t.file("reading.jsonl");
    fs::copy_file(initial, db);
    pid_t pid = spawn(args(db, out));
    // Findings are being written, and the state update has not begun.
    bool killed = kill_when(pid, [&] {
      std::error_code ec;
      return fs::file_size(out, ec) > 0 && !ec && !fs::exists(db + "-journal");
    });
    REQUIRE(killed);
    CHECK(snapshot(db) == before);
    CHECK_FALSE(fs::exists(db + "-journal"));
    // And the next scan goes on from there.
    auto next = t.run("scan " + shell_quote(big) + " --state " + shell_quote(db) + " -f jsonl -q");
    REQUIRE(next.exit_code == 0);
    CHECK(snapshot(db) == after);
  }

  SECTION("killed inside the final transaction") {
    const std::string db = t.file("commit.db"), out = t.file("commit.jsonl");
    fs::copy_file(initial, db);
    pid_t pid = spawn(args(db, out));
    // The rollback journal exists from the first write of the transaction until its commit.
    bool killed = kill_when(pid, [&] { return fs::exists(db + "-journal"); });
    REQUIRE(killed);
    Snapshot s = snapshot(db);  // opening it rolls a hot journal back
    CHECK(s.integrity == "ok");
    CHECK((s == before || s == after));
    // A journal killed before its header was synced is not hot: SQLite leaves it and ignores it.
    // Either way the next scan proceeds normally.
    auto next = t.run("scan " + shell_quote(big) + " --state " + shell_quote(db) + " -f jsonl -q");
    INFO(next.err);
    REQUIRE(next.exit_code == 0);
    Snapshot n = snapshot(db);
    CHECK(n.integrity == "ok");
    if (s == before) CHECK(n == after);
    else CHECK(n.last_scan == "3");
  }
}

namespace {

// The set-up of the report tests below: a first scan of cases 1–3 (a.csv), case 1's finding
// dismissed for `reason`, and b.csv for the next scan, where case 2 changes its amount and case 3
// is no longer in the export.
struct ReviewedExport {
  std::string fp1, fp3;  // the fingerprints of cases 1 and 3
  std::string db;        // the state file, shell-quoted
};

ReviewedExport reviewed_export(const TempDir& t, const std::string& reason) {
  write_all(t.file("a.csv"), kHeader + kRow1 + kRow2 + kRow3);
  auto first = scan(t, t.file("a.csv"));
  ReviewedExport e{fingerprint_of(first.report, "市监罚〔2023〕1号"), fingerprint_of(first.report, "市监罚〔2023〕3号"),
                   shell_quote(t.file("state.db"))};
  REQUIRE(t.run("review --state " + e.db + " " + e.fp1 + " --status dismissed --reason " + shell_quote(reason) +
                " --reviewer 王检察官").exit_code == 0);
  write_all(t.file("b.csv"), kHeader + kRow1 + row("市监罚〔2023〕2号", "乙商贸有限公司", 85000));
  return e;
}

}  // namespace

TEST_CASE("scan --state: the csv and xlsx reports carry the review columns and the findings that disappeared", "[state][xlsx]") {
  using namespace xianjie::test::xlsx_read;
  TempDir t;
  const ReviewedExport e = reviewed_export(t, "不构成犯罪：销售金额含退货");
  const std::string &fp1 = e.fp1, &fp3 = e.fp3, &db = e.db;

  const std::string book = t.file("线索.xlsx");
  auto second = t.run("scan " + shell_quote(t.file("b.csv")) + " --state " + db + " -f xlsx -q -o " + shell_quote(book));
  INFO(second.err);
  REQUIRE(second.exit_code == 0);
  const std::string sheet = zip_part(book, "xl/worksheets/sheet1.xml");
  CHECK(inline_text(cell(sheet, "W1")) == "本次比对");
  CHECK(inline_text(cell(sheet, "X1")) == "复核状态");
  CHECK(inline_text(cell(sheet, "AA1")) == "线索指纹");
  CHECK(inline_text(cell(sheet, "A2")) == "市监罚〔2023〕1号");
  CHECK(inline_text(cell(sheet, "W2")) == "未变");
  CHECK(inline_text(cell(sheet, "X2")) == "已排除");
  CHECK(inline_text(cell(sheet, "Y2")) == "不构成犯罪：销售金额含退货");
  CHECK(inline_text(cell(sheet, "AA2")) == fp1);
  CHECK(inline_text(cell(sheet, "W3")) == "有变化");
  CHECK(inline_text(cell(sheet, "X3")) == "待审查");
  CHECK(has(sheet, "<autoFilter ref=\"A1:AA3\"/>"));
  const std::string workbook = zip_part(book, "xl/workbook.xml");
  CHECK(has(workbook, "name=\"已消失\""));
  const std::string gone = zip_part(book, "xl/worksheets/sheet4.xml");
  CHECK(inline_text(cell(gone, "A1")) == "线索指纹");
  CHECK(inline_text(cell(gone, "A2")) == fp3);
  CHECK(inline_text(cell(gone, "B2")) == "待审查");
  CHECK(inline_text(cell(gone, "E2")) == "市监罚〔2023〕3号");
  CHECK(inline_text(cell(gone, "L2")) == "第 1 次扫描（" + sql_value(t.file("state.db"), "SELECT started_at FROM scans WHERE id = 1") + "）");
  CHECK(cell(gone, "A3").empty());
  const std::string summary = zip_part(book, "xl/worksheets/sheet2.xml");
  CHECK(has(summary, "第 2 次，与第 1 次比对"));
  CHECK(has(summary, "比对 有变化（证据不同）"));

  // The csv of the next scan: the same columns after the finding's, one row per finding.
  auto csv = t.run("scan " + shell_quote(t.file("b.csv")) + " --state " + db + " -f csv -q");
  REQUIRE(csv.exit_code == 0);
  const std::string header = csv.out.substr(0, csv.out.find("\r\n"));
  CHECK(header.size() > header.find(",建议,本次比对,复核状态,复核理由,复核说明,线索指纹"));
  CHECK(header.find(",建议,本次比对,复核状态,复核理由,复核说明,线索指纹") + std::string(",建议,本次比对,复核状态,复核理由,复核说明,线索指纹").size() == header.size());
  CHECK(has(csv.out, ",未变,已排除,不构成犯罪：销售金额含退货,," + fp1 + "\r\n"));
  CHECK(count(csv.out, "\r\n") == 3);
  // Without --state neither report has the columns.
  auto plain = t.run("scan " + shell_quote(t.file("b.csv")) + " -f csv -q");
  CHECK_FALSE(has(plain.out, "本次比对"));
  // The terminal table and Markdown show the review state of each finding too.
  auto table = t.run("scan " + shell_quote(t.file("b.csv")) + " --state " + db + " -f table -q");
  REQUIRE(table.exit_code == 0);
  CHECK(has(table.out, "未变 · 已排除：不构成犯罪：销售金额含退货 · " + fp1));
  auto md = t.run("scan " + shell_quote(t.file("b.csv")) + " --state " + db + " -f md -q");
  REQUIRE(md.exit_code == 0);
  CHECK(has(md.out, "| 复核状态 | 已排除：不构成犯罪：销售金额含退货 |"));
  CHECK(has(md.out, "| 线索指纹 | " + fp1 + " |"));
  CHECK_FALSE(has(plain.out, "复核状态"));
}

TEST_CASE("scan --state: the html report shows the review state, filters by it and lists what disappeared", "[state][html][browser]") {
  TempDir t;
  const ReviewedExport e = reviewed_export(t, "证据不足");
  const std::string &fp1 = e.fp1, &fp3 = e.fp3, &db = e.db;
  const std::string html = output_dir() + "/report_state.html";
  auto r = t.run("scan " + shell_quote(t.file("b.csv")) + " --state " + db + " -f html -q -o " + shell_quote(html));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const std::string page = read_all(html);
  CHECK(has(page, "第 2 次扫描，与第 1 次比对"));
  CHECK(has(page, "<b>1</b><span>有变化</span>"));
  CHECK(has(page, "<b>1</b><span>已消失</span>"));
  CHECK(has(page, "已消失的线索（上次扫描发现、本次未再发现：1 条）"));
  CHECK(has(page, "<td>" + fp3 + "</td><td>待审查</td><td>MKT-01</td><td>市监罚〔2023〕3号</td>"));
  CHECK(has(page, "\"" + fp1 + "\""));  // each candidate carries its fingerprint

  const std::string browser = chromium_or_warn("the review state");
  if (browser.empty()) return;
  const std::string url = "file://" + std::filesystem::absolute(html).string();
  REQUIRE(run_chromium(browser, t, "--dump-dom", url, t.file("all.html")) == 0);
  const std::string dom = read_all(t.file("all.html"));
  CHECK(count(dom, "<tr class=\"main\"") == 2);
  CHECK(has(dom, "<span class=\"review-state\">有变化</span>"));
  CHECK(has(dom, "<span class=\"review-status\">已排除</span>"));
  CHECK_FALSE(has(dom, "<span class=\"review-state\">未变</span>"));  // an unchanged finding is not marked
  CHECK(has(dom, "证据不足"));
  CHECK(has(dom, "<label class=\"review\">本次比对"));  // the review filters are shown
  // Filtered from the address: the changed finding only, then the dismissed one only.
  REQUIRE(run_chromium(browser, t, "--dump-dom", url + "#state=" + percent_encode("有变化"), t.file("changed.html")) == 0);
  const std::string changed = read_all(t.file("changed.html"));
  CHECK(count(changed, "<tr class=\"main\"") == 1);
  CHECK(has(changed, "市监罚〔2023〕2号"));
  REQUIRE(run_chromium(browser, t, "--dump-dom", url + "#status=" + percent_encode("已排除"), t.file("dismissed.html")) == 0);
  const std::string dismissed = read_all(t.file("dismissed.html"));
  CHECK(count(dismissed, "<tr class=\"main\"") == 1);
  CHECK(has(dismissed, fp1));

  // Without --state the filters stay hidden.
  auto plain = t.run("scan " + shell_quote(t.file("b.csv")) + " -f html -q -o " + shell_quote(t.file("plain.html")));
  REQUIRE(plain.exit_code == 0);
  REQUIRE(run_chromium(browser, t, "--dump-dom", "file://" + t.file("plain.html"), t.file("plain.dom")) == 0);
  CHECK(has(read_all(t.file("plain.dom")), "<label class=\"review\" hidden=\"\">本次比对"));
}
