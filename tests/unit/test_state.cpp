// The review state of periodic scans (xianjie/state.h): SHA-256 against the FIPS 180-4 test
// vectors, what the fingerprint and the evidence digest do and do not depend on, the dismissal
// reasons, opening and refusing files, and StateScan between hand-built findings and a recording
// sink: new / unchanged / changed / disappeared, dismissals that stay and that reopen, the audit
// log, conflicts between two scans, and rollback. Each test works in its own temporary directory.
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "state/sha256.h"
#include "xianjie/state.h"

using namespace xianjie;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    static std::atomic<int> counter{0};
    path = fs::temp_directory_path() / ("xianjie_state_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string file(const std::string& name) const { return (path / name).string(); }
};

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Runs one SQL statement on a database file and returns the first column of the first row.
std::string query(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  int rc = sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr);
  INFO(sql << " → " << sqlite3_errmsg(db));
  REQUIRE(rc == SQLITE_OK);
  std::string out;
  rc = sqlite3_step(st);
  REQUIRE((rc == SQLITE_ROW || rc == SQLITE_DONE));
  if (rc == SQLITE_ROW && sqlite3_column_text(st, 0)) out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

// Runs SQL and returns SQLite's result code.
int execute(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
  sqlite3_close(db);
  return rc;
}

Finding make_finding(const std::string& rule, const std::string& case_id, const std::string& amount,
                     const std::string& party = "某某商贸有限公司") {
  Finding f;
  f.rule_id = rule;
  f.case_id = case_id;
  f.source = "cases.csv:" + std::to_string(case_id.size());
  f.agency = "某市市场监督管理局";
  f.party_name = party;
  f.party_type = "unit";
  f.offense = "生产、销售伪劣产品罪";
  f.severity = RuleSeverity::kHigh;
  f.violation_date = Date::from_ymd(2023, 4, 12);
  Evidence e;
  e.field = "sales_amount";
  e.label = "销售金额";
  e.value = amount + " 元";
  e.op = "≥";
  e.threshold = "50,000 元";
  e.param = "sales_min";
  e.basis = "《立案追诉标准（一）》第十六条";
  e.message = "销售金额 " + amount + " 元 ≥ 50,000 元";
  f.evidence.push_back(e);
  f.message = "涉嫌生产、销售伪劣产品罪";
  return f;
}

// A printer stand-in that keeps what it receives.
struct Recorder : FindingSink {
  std::vector<Finding> findings;
  std::vector<DisappearedFinding> gone;
  std::optional<ScanSummary> summary;
  void finding(const Finding& f) override { findings.push_back(f); }
  void disappeared(const DisappearedFinding& d) override { gone.push_back(d); }
  void end(const ScanSummary& s) override { summary = s; }

  const Finding& by_case(const std::string& case_id) const {
    for (const auto& f : findings)
      if (f.case_id == case_id) return f;
    FAIL("no finding for " << case_id);
    return findings.front();
  }
};

RuleInfo rule_info(const std::string& id) {
  RuleInfo r;
  r.id = id;
  return r;
}

const std::vector<RuleInfo> kRules = {rule_info("MKT-01"), rule_info("TAX-01")};

// One complete scan of `findings` against the state file at `path`, committed.
Recorder scan(const std::string& path, const std::vector<Finding>& findings, bool hide_dismissed = false,
              const std::vector<RuleInfo>& rules = kRules) {
  StateError e;
  auto store = StateStore::open(path, StateStore::OpenMode::kCreate, e, "test");
  INFO(e.message);
  REQUIRE(store);
  Recorder rec;
  auto st = StateScan::start(*store, rec, {hide_dismissed, "test", {"cases.csv"}}, e);
  REQUIRE(st);
  st->begin(rules);
  for (const auto& f : findings) st->finding(f);
  ScanSummary s;
  s.rows_read = findings.size();
  st->end(s);
  INFO(st->error().message);
  REQUIRE_FALSE(st->error());
  REQUIRE(st->commit(e));
  return rec;
}

std::unique_ptr<StateStore> open_existing(const std::string& path) {
  StateError e;
  auto store = StateStore::open(path, StateStore::OpenMode::kExisting, e);
  INFO(e.message);
  REQUIRE(store);
  return store;
}

}  // namespace

// ---- SHA-256 ----

TEST_CASE("SHA-256 matches the FIPS 180-4 test vectors", "[state]") {
  using state_detail::sha256_hex;
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(sha256_hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrs"
                   "mnopqrstnopqrstu") == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
  CHECK(sha256_hex(std::string(1000000, 'a')) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("SHA-256 gives the same digest however the message is cut", "[state]") {
  using state_detail::Sha256;
  using state_detail::to_hex;
  // Lengths around the padding boundaries (55, 56, 63, 64, 65 bytes …), fed in pieces of every size.
  for (size_t len : {0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000}) {
    std::string msg;
    for (size_t i = 0; i < len; ++i) msg += static_cast<char>('a' + i % 26);
    std::string whole = to_hex(Sha256().update(msg).finish());
    for (size_t piece : {1, 3, 7, 63, 64, 65}) {
      Sha256 h;
      for (size_t i = 0; i < msg.size(); i += piece) h.update(std::string_view(msg).substr(i, piece));
      INFO("length " << len << ", pieces of " << piece);
      CHECK(to_hex(h.finish()) == whole);
    }
  }
  // Netstring fields keep their boundaries.
  CHECK(to_hex(Sha256().field("ab").field("c").finish()) != to_hex(Sha256().field("a").field("bc").finish()));
  CHECK(to_hex(Sha256().field("ab").finish()) == state_detail::sha256_hex("2:ab,"));
}

// ---- Fingerprints and evidence digests ----

TEST_CASE("fingerprint: 32 hex digits that ignore source, wording, width and white space", "[state]") {
  Finding a = make_finding("MKT-01", "京市监罚〔2023〕12号", "52,000.00");
  std::string fp = finding_fingerprint(a);
  CHECK(fp.size() == 32);
  CHECK(fp.find_first_not_of("0123456789abcdef") == std::string::npos);

  Finding b = a;
  b.source = "other-name.csv:9999";
  b.message = "another wording";
  b.evidence[0].basis = "another citation";
  b.evidence[0].value = "99,999.00 元";  // evidence is not identity
  b.version = "2022-05-15 起";
  CHECK(finding_fingerprint(b) == fp);

  Finding c = a;
  c.case_id = "　京市监罚〔２０２３〕１２号 ";  // full-width digits, ideographic space
  CHECK(normalize_case_id(c.case_id) == "京市监罚〔2023〕12号");
  CHECK(finding_fingerprint(c) == fp);

  Finding d = a;
  d.party_name = "某某商贸有限责任公司";  // the same company by the Company Law's equivalence
  CHECK(finding_fingerprint(d) == fp);
}

TEST_CASE("fingerprint: the rule, the case, the party and the offense tell findings apart", "[state]") {
  Finding a = make_finding("MKT-01", "京市监罚〔2023〕12号", "52,000.00");
  std::string fp = finding_fingerprint(a);
  Finding other_rule = a;
  other_rule.rule_id = "TAX-01";
  Finding other_case = a;
  other_case.case_id = "京市监罚〔2023〕13号";
  Finding other_party = a;  // one case, two parties (共同违法)
  other_party.party_name = "另一商贸有限公司";
  Finding other_offense = a;
  other_offense.offense = "销售假冒注册商标的商品罪";
  CHECK(finding_fingerprint(other_rule) != fp);
  CHECK(finding_fingerprint(other_case) != fp);
  CHECK(finding_fingerprint(other_party) != fp);
  CHECK(finding_fingerprint(other_offense) != fp);
  // A valid id identifies the party whatever the name says.
  Finding with_id = a;
  with_id.party_id = "91620102MA72DHY21Q";
  Finding renamed = with_id;
  renamed.party_name = "更名后的公司";
  CHECK(finding_fingerprint(renamed) == finding_fingerprint(with_id));
}

TEST_CASE("fingerprint: without a case id, the related cases' ids in any order, else the record", "[state]") {
  Finding a = make_finding("CHAIN-X", "", "1");
  RelatedCase r1, r2;
  r1.role = "移送记录";
  r1.case_id = "移〔2023〕1号";
  r2.role = "行政处罚案件";
  r2.case_id = "罚〔2023〕5号";
  a.related = {r1, r2};
  Finding b = a;
  b.related = {r2, r1};
  CHECK(finding_fingerprint(a) == finding_fingerprint(b));
  Finding c = a;
  c.related[0].case_id = "移〔2023〕2号";
  CHECK(finding_fingerprint(c) != finding_fingerprint(a));

  Finding bare = make_finding("MKT-01", "", "52,000.00");
  Finding bare2 = bare;
  bare2.source = "elsewhere.csv:7";
  CHECK(finding_fingerprint(bare) == finding_fingerprint(bare2));
  bare2.case_reason = "另一案由";
  CHECK(finding_fingerprint(bare) != finding_fingerprint(bare2));
}

TEST_CASE("fingerprint: a split group keeps its identity when a later part joins", "[state]") {
  Finding g = make_finding("SPLIT-MKT-01", "市监罚〔2023〕58号", "55,000.00");
  g.pattern = "split";
  g.party_key = "91620102MA72DHY21Q";
  auto part = [](const std::string& id, int month) {
    RelatedCase r;
    r.role = "拆分部分";
    r.case_id = id;
    r.violation_date = Date::from_ymd(2023, month, 1);
    return r;
  };
  g.related = {part("市监罚〔2023〕11号", 2), part("市监罚〔2023〕58号", 5)};
  Finding grown = g;
  grown.case_id = "市监罚〔2023〕77号";  // the latest part is the finding's case
  grown.related.push_back(part("市监罚〔2023〕77号", 8));
  grown.evidence[0].value = "80,000.00 元";
  CHECK(finding_fingerprint(grown) == finding_fingerprint(g));
  CHECK(evidence_digest(grown) != evidence_digest(g));
  // Listed in another order: the same anchor.
  Finding reordered = g;
  std::swap(reordered.related[0], reordered.related[1]);
  CHECK(finding_fingerprint(reordered) == finding_fingerprint(g));
}

TEST_CASE("evidence digest: values and thresholds count; wording, sources and elapsed time do not", "[state]") {
  Finding a = make_finding("MKT-01", "京市监罚〔2023〕12号", "52,000.00");
  std::string d = evidence_digest(a);
  CHECK(d.size() == 32);
  Finding same = a;
  same.source = "x.csv:1";
  same.evidence[0].message = "reworded";
  same.evidence[0].basis = "recited";
  same.message = "reworded";
  CHECK(evidence_digest(same) == d);

  Finding value = a;
  value.evidence[0].value = "60,000.00 元";
  Finding threshold = a;
  threshold.evidence[0].threshold = "100,000 元";  // a provincial value changed
  Finding missing = a;
  missing.missing_fields = {"货值金额"};
  CHECK(evidence_digest(value) != d);
  CHECK(evidence_digest(threshold) != d);
  CHECK(evidence_digest(missing) != d);

  // Not-filed: days elapsed up to the as-of date grow with every export; that is not new evidence.
  Finding waiting = a;
  waiting.evidence[0].value = "366 日（截至 2024-04-01）";
  Finding later = waiting;
  later.evidence[0].value = "396 日（截至 2024-05-01）";
  CHECK(evidence_digest(waiting) == evidence_digest(later));
  Finding decided = waiting;
  decided.evidence[0].value = "不予立案";
  CHECK(evidence_digest(decided) != evidence_digest(waiting));

  Finding m1 = a, m2 = a;
  m1.missing_fields = {"销售金额", "货值金额"};
  m2.missing_fields = {"货值金额", "销售金额"};
  CHECK(evidence_digest(m1) == evidence_digest(m2));
}

// ---- Statuses and reasons ----

TEST_CASE("review statuses and the legal reasons for a dismissal", "[state]") {
  for (auto s : {ReviewStatus::kOpen, ReviewStatus::kConfirmed, ReviewStatus::kTransferred, ReviewStatus::kDismissed,
                 ReviewStatus::kInvestigating})
    CHECK(parse_review_status(review_status_name(s)) == s);
  CHECK_FALSE(parse_review_status("closed"));
  CHECK(review_status_label(ReviewStatus::kDismissed) == "已排除");

  std::string err;
  for (std::string r : {"不构成犯罪", "已移送", "证据不足", "重复线索"}) {
    auto ok = check_dismissal_reason(" " + r + " ", err);
    REQUIRE(ok);
    CHECK(*ok == r);
  }
  CHECK(check_dismissal_reason("证据不足：销售金额系估算", err) == std::optional<std::string>("证据不足：销售金额系估算"));
  CHECK(check_dismissal_reason("重复线索: 同 京市监罚〔2023〕11号", err) == std::optional<std::string>("重复线索：同 京市监罚〔2023〕11号"));
  CHECK(check_dismissal_reason("其他：已由公安机关立案", err) == std::optional<std::string>("其他：已由公安机关立案"));
  CHECK(check_dismissal_reason("其他（须说明）：已由公安机关立案", err) == std::optional<std::string>("其他：已由公安机关立案"));
  CHECK_FALSE(check_dismissal_reason("其他", err));
  CHECK(err.find("须说明") != std::string::npos);
  CHECK_FALSE(check_dismissal_reason("其他（须说明）", err));
  CHECK_FALSE(check_dismissal_reason("其他：", err));
  CHECK_FALSE(check_dismissal_reason("", err));
  CHECK_FALSE(check_dismissal_reason("不想查", err));
  CHECK(err.find("不构成犯罪 / 已移送 / 证据不足 / 重复线索 / 其他（须说明）") != std::string::npos);
  CHECK_FALSE(check_dismissal_reason("不构成犯罪吧", err));  // a reason is the word, not its prefix
}

// ---- Files ----

TEST_CASE("state file: created with its schema and version; reopened", "[state]") {
  TempDir t;
  std::string path = t.file("state.db");
  StateError e;
  {
    auto store = StateStore::open(path, StateStore::OpenMode::kCreate, e, "9.9");
    REQUIRE(store);
  }
  CHECK(query(path, "SELECT value FROM meta WHERE key = 'schema_version'") == "1");
  CHECK(query(path, "SELECT value FROM meta WHERE key = 'application'") == "xianjie-state");
  CHECK(query(path, "SELECT value FROM meta WHERE key = 'created_by'") == "xianjie 9.9");
  CHECK(query(path, "PRAGMA application_id") == std::to_string(0x584A5354));
  CHECK(query(path, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'") == "5");
  auto again = StateStore::open(path, StateStore::OpenMode::kExisting, e);
  CHECK(again);
}

TEST_CASE("state file: what is refused, and left as it was", "[state]") {
  TempDir t;
  StateError e;
  CHECK_FALSE(StateStore::open(t.file("none.db"), StateStore::OpenMode::kExisting, e));
  CHECK(e.kind == StateError::Kind::kMissing);
  CHECK_FALSE(fs::exists(t.file("none.db")));

  std::ofstream(t.file("cases.csv")) << "案件编号,当事人名称\nA1,张三\n";
  CHECK_FALSE(StateStore::open(t.file("cases.csv"), StateStore::OpenMode::kCreate, e));
  CHECK(e.kind == StateError::Kind::kNotADatabase);
  CHECK(file_bytes(t.file("cases.csv")) == "案件编号,当事人名称\nA1,张三\n");

  REQUIRE(execute(t.file("export.db"), "CREATE TABLE cases (case_id TEXT); INSERT INTO cases VALUES ('A1')") == SQLITE_OK);
  std::string before = file_bytes(t.file("export.db"));
  CHECK_FALSE(StateStore::open(t.file("export.db"), StateStore::OpenMode::kCreate, e));
  CHECK(e.kind == StateError::Kind::kNotAStateFile);
  CHECK(e.message.find("cases") != std::string::npos);
  CHECK(file_bytes(t.file("export.db")) == before);

  // A table called meta that is not ours.
  REQUIRE(execute(t.file("meta.db"), "CREATE TABLE meta (k TEXT)") == SQLITE_OK);
  CHECK_FALSE(StateStore::open(t.file("meta.db"), StateStore::OpenMode::kCreate, e));
  CHECK(e.kind == StateError::Kind::kNotAStateFile);

  CHECK_FALSE(StateStore::open(t.path.string(), StateStore::OpenMode::kCreate, e));
  CHECK(e.kind == StateError::Kind::kNotAStateFile);

  // An empty file is an empty database: fine for a scan, not for review.
  std::ofstream(t.file("empty.db")).close();
  CHECK_FALSE(StateStore::open(t.file("empty.db"), StateStore::OpenMode::kExisting, e));
  CHECK(e.kind == StateError::Kind::kNotAStateFile);
  CHECK(StateStore::open(t.file("empty.db"), StateStore::OpenMode::kCreate, e));
}

TEST_CASE("state file: a newer schema version is refused without a write", "[state]") {
  TempDir t;
  std::string path = t.file("state.db");
  scan(path, {make_finding("MKT-01", "A1", "52,000.00")});
  REQUIRE(execute(path, "UPDATE meta SET value = '2' WHERE key = 'schema_version'") == SQLITE_OK);
  std::string before = file_bytes(path);
  StateError e;
  CHECK_FALSE(StateStore::open(path, StateStore::OpenMode::kCreate, e));
  CHECK(e.kind == StateError::Kind::kNewerSchema);
  CHECK(e.message.find("版本为 2") != std::string::npos);
  CHECK_FALSE(StateStore::open(path, StateStore::OpenMode::kExisting, e));
  CHECK(e.kind == StateError::Kind::kNewerSchema);
  CHECK(file_bytes(path) == before);
}

// ---- Scans ----

TEST_CASE("scans: new, unchanged, changed and disappeared", "[state]") {
  TempDir t;
  std::string path = t.file("state.db");
  auto first = scan(path, {make_finding("MKT-01", "A1", "52,000.00"), make_finding("MKT-01", "A2", "60,000.00"),
                           make_finding("TAX-01", "A3", "1.00")});
  REQUIRE(first.findings.size() == 3);
  for (const auto& f : first.findings) {
    REQUIRE(f.tracking);
    CHECK(f.tracking->state == "new");
    CHECK(f.tracking->status == "open");
    CHECK(f.tracking->fingerprint == finding_fingerprint(f));
  }
  REQUIRE(first.summary->state);
  CHECK(first.summary->state->scan_id == 1);
  CHECK(first.summary->state->previous_scan_id == 0);
  CHECK(first.summary->state->new_findings == 3);

  // A2's amount changed, A3 is gone, A4 is new; the order is reversed.
  auto second = scan(path, {make_finding("MKT-01", "A4", "70,000.00"), make_finding("MKT-01", "A2", "65,000.00"),
                            make_finding("MKT-01", "A1", "52,000.00")});
  CHECK(second.by_case("A1").tracking->state == "unchanged");
  CHECK(second.by_case("A2").tracking->state == "changed");
  CHECK(second.by_case("A2").tracking->note == "证据与上次扫描不同");
  CHECK(second.by_case("A4").tracking->state == "new");
  REQUIRE(second.gone.size() == 1);
  CHECK(second.gone[0].case_id == "A3");
  CHECK(second.gone[0].rule_id == "TAX-01");
  CHECK(second.gone[0].first_seen_scan == 1);
  CHECK(second.gone[0].last_seen_scan == 1);
  const StateCounts& c = *second.summary->state;
  CHECK(c.scan_id == 2);
  CHECK(c.previous_scan_id == 1);
  CHECK(c.new_findings == 1);
  CHECK(c.unchanged == 1);
  CHECK(c.changed == 1);
  CHECK(c.disappeared == 1);

  // Gone once is reported once; back again, it is not new.
  auto third = scan(path, {make_finding("MKT-01", "A1", "52,000.00"), make_finding("MKT-01", "A2", "65,000.00"),
                           make_finding("MKT-01", "A4", "70,000.00")});
  CHECK(third.gone.empty());
  auto fourth = scan(path, {make_finding("MKT-01", "A1", "52,000.00"), make_finding("MKT-01", "A2", "65,000.00"),
                            make_finding("MKT-01", "A4", "70,000.00"), make_finding("TAX-01", "A3", "1.00")});
  CHECK(fourth.by_case("A3").tracking->state == "unchanged");
  CHECK(fourth.by_case("A3").tracking->note.find("重新出现") != std::string::npos);

  auto store = open_existing(path);
  StateError e;
  auto scans = store->scans(e);
  REQUIRE(scans.size() == 4);
  CHECK(scans[1].new_findings == 1);
  CHECK(scans[1].disappeared == 1);
  CHECK(scans[1].inputs_json == "[\"cases.csv\"]");
  auto a3 = store->get(finding_fingerprint(make_finding("TAX-01", "A3", "1.00")), e);
  REQUIRE(a3);
  CHECK(a3->present);
  CHECK(a3->first_seen_scan == 1);
  CHECK(a3->last_seen_scan == 4);
  CHECK(a3->finding_json.find("\"case_id\":\"A3\"") != std::string::npos);
  CHECK(a3->finding_json.find("fingerprint") == std::string::npos);  // the finding itself, not its tracking
  CHECK(a3->finding_json.find("\"source\":\"cases.csv:2\",") != std::string::npos);  // stored apart, put back
  CHECK(query(path, "SELECT count(*) FROM finding_json WHERE json LIKE '%\"source\":\"\",%'") == "4");
}

TEST_CASE("scans: only the rules of this scan can lose findings", "[state]") {
  TempDir t;
  std::string path = t.file("state.db");
  scan(path, {make_finding("MKT-01", "A1", "52,000.00"), make_finding("TAX-01", "A3", "1.00")});
  auto selected = scan(path, {make_finding("MKT-01", "A1", "52,000.00")}, false, {rule_info("MKT-01")});
  CHECK(selected.gone.empty());
  CHECK(selected.summary->state->disappeared == 0);
  auto store = open_existing(path);
  StateError e;
  CHECK(store->get(finding_fingerprint(make_finding("TAX-01", "A3", "1.00")), e)->present);
}

TEST_CASE("scans: the same case twice in one export is one finding", "[state]") {
  TempDir t;
  std::string path = t.file("state.db");
  auto r = scan(path, {make_finding("MKT-01", "A1", "52,000.00"), make_finding("MKT-01", "A1", "53,000.00")});
  REQUIRE(r.findings.size() == 2);
  CHECK(r.findings[0].tracking->fingerprint == r.findings[1].tracking->fingerprint);
  CHECK(r.summary->state->new_findings == 1);
  // Both occurrences' evidence is known next time, in either order: nothing changed.
  auto again = scan(path, {make_finding("MKT-01", "A1", "53,000.00"), make_finding("MKT-01", "A1", "52,000.00")});
  CHECK(again.findings[0].tracking->state == "unchanged");
  CHECK(again.findings[1].tracking->state == "unchanged");
  auto store = open_existing(path);
  StateError e;
  auto f = store->get(r.findings[0].tracking->fingerprint, e);
  REQUIRE(f);
  CHECK(f->occurrences == 2);
  CHECK(f->evidence_digest.find(',') == 32);
}

TEST_CASE("review: a dismissal stays, is hidden on request, and reopens when the evidence changes", "[state]") {
  TempDir t;
  std::string path = t.file("state.db");
  Finding a1 = make_finding("MKT-01", "A1", "52,000.00");
  scan(path, {a1, make_finding("MKT-01", "A2", "60,000.00")});
  const std::string fp = finding_fingerprint(a1);
  {
    auto store = open_existing(path);
    StateError e;
    CHECK_FALSE(store->set_status(fp, ReviewStatus::kDismissed, "不想查", "张三", e));
    CHECK(e.kind == StateError::Kind::kInvalid);
    CHECK_FALSE(store->set_status(fp, ReviewStatus::kDismissed, "不构成犯罪", "  ", e));
    CHECK(e.kind == StateError::Kind::kInvalid);
    auto entry = store->set_status(fp.substr(0, 8), ReviewStatus::kDismissed, "不构成犯罪：数额系重复计算", "张三", e);
    INFO(e.message);
    REQUIRE(entry);
    CHECK(entry->fingerprint == fp);
    CHECK(entry->old_status == ReviewStatus::kOpen);
    CHECK(entry->reason == "不构成犯罪：数额系重复计算");
  }
  auto kept = scan(path, {a1, make_finding("MKT-01", "A2", "60,000.00")});
  CHECK(kept.by_case("A1").tracking->state == "unchanged");
  CHECK(kept.by_case("A1").tracking->status == "dismissed");
  CHECK(kept.by_case("A1").tracking->status_reason == "不构成犯罪：数额系重复计算");
  CHECK(kept.summary->state->dismissed == 1);

  auto hidden = scan(path, {a1, make_finding("MKT-01", "A2", "60,000.00")}, true);
  REQUIRE(hidden.findings.size() == 1);
  CHECK(hidden.findings[0].case_id == "A2");
  CHECK(hidden.summary->state->dismissed == 1);
  CHECK(hidden.summary->state->dismissed_hidden == 1);
  CHECK(hidden.summary->state->unchanged == 2);

  Finding changed = make_finding("MKT-01", "A1", "90,000.00");
  auto reopened = scan(path, {changed, make_finding("MKT-01", "A2", "60,000.00")}, true);
  REQUIRE(reopened.findings.size() == 2);
  const auto& f = reopened.by_case("A1");
  CHECK(f.tracking->state == "changed");
  CHECK(f.tracking->status == "open");
  CHECK(f.tracking->note.find("重新打开") != std::string::npos);
  CHECK(reopened.summary->state->reopened == 1);

  auto store = open_existing(path);
  StateError e;
  auto stored = store->get(fp, e);
  REQUIRE(stored);
  CHECK(stored->status == ReviewStatus::kOpen);
  auto log = store->history(fp, e);
  REQUIRE(log.size() == 2);
  CHECK(log[0].actor == "张三");
  CHECK(log[0].old_status == ReviewStatus::kOpen);
  CHECK(log[0].new_status == ReviewStatus::kDismissed);
  CHECK_FALSE(log[0].scan_id);
  CHECK(log[1].actor == "xianjie scan #4");
  CHECK(log[1].old_status == ReviewStatus::kDismissed);
  CHECK(log[1].new_status == ReviewStatus::kOpen);
  CHECK(log[1].scan_id == 4u);
  CHECK(log[1].reason.find("不构成犯罪：数额系重复计算") != std::string::npos);
  auto dismissed = store->list(ReviewStatus::kDismissed, e);
  CHECK(dismissed.empty());
  CHECK(store->list(std::nullopt, e).size() == 2);
  // The log cannot be edited through SQL either.
  CHECK(execute(path, "UPDATE audit SET actor = '李四'") != SQLITE_OK);
  CHECK(execute(path, "DELETE FROM audit") != SQLITE_OK);
}

TEST_CASE("review: fingerprints and prefixes that do not name one finding", "[state]") {
  TempDir t;
  std::string path = t.file("state.db");
  scan(path, {make_finding("MKT-01", "A1", "52,000.00")});
  REQUIRE(execute(path,
                  "INSERT INTO findings (fingerprint, rule_id, case_id, source, agency, party_name, party_type, offense, "
                  "severity, evidence_digest, occurrences, present, first_seen_scan, last_seen_scan) VALUES "
                  "('abcdef0100000000000000000000000a', 'X', 'B1', '', '', '', '', '', 'high', '', 1, 1, 1, 1), "
                  "('abcdef0200000000000000000000000b', 'X', 'B2', '', '', '', '', '', 'high', '', 1, 1, 1, 1)") ==
          SQLITE_OK);
  auto store = open_existing(path);
  StateError e;
  CHECK_FALSE(store->resolve("abcdef0", e));
  CHECK(e.kind == StateError::Kind::kInvalid);  // shorter than 8
  CHECK_FALSE(store->resolve("abcdef01x", e));
  CHECK(e.kind == StateError::Kind::kInvalid);
  CHECK_FALSE(store->resolve("abcdef00", e));
  CHECK(e.kind == StateError::Kind::kNotFound);
  CHECK_FALSE(store->set_status("abcdef0", ReviewStatus::kConfirmed, "", "张三", e));
  CHECK_FALSE(store->resolve("abcdef0", e));
  CHECK(store->resolve("ABCDEF01", e) == std::optional<std::string>("abcdef0100000000000000000000000a"));
  REQUIRE(execute(path, "UPDATE findings SET fingerprint = 'abcdef0100000000000000000000000c' WHERE case_id = 'B2'") ==
          SQLITE_OK);
  CHECK_FALSE(store->resolve("abcdef01", e));
  CHECK(e.kind == StateError::Kind::kAmbiguous);
  CHECK(e.message.find("abcdef0100000000000000000000000c") != std::string::npos);
  CHECK(store->history("abcdef0100000000000000000000000a", e).empty());
  CHECK_FALSE(e);
}

TEST_CASE("scans: an update that is not committed leaves the state as it was", "[state]") {
  TempDir t;
  std::string path = t.file("state.db");
  scan(path, {make_finding("MKT-01", "A1", "52,000.00")});
  std::string before = file_bytes(path);
  for (int how = 0; how < 2; ++how) {
    StateError e;
    auto store = StateStore::open(path, StateStore::OpenMode::kCreate, e);
    REQUIRE(store);
    Recorder rec;
    auto st = StateScan::start(*store, rec, {}, e);
    REQUIRE(st);
    st->begin(kRules);
    st->finding(make_finding("MKT-01", "A9", "99,000.00"));
    st->end(ScanSummary{});
    REQUIRE(rec.summary->state);
    CHECK(rec.gone.size() == 1);
    if (how == 0) st->rollback();  // else: destroyed without commit
  }
  CHECK(file_bytes(path) == before);
  CHECK(query(path, "SELECT count(*) FROM scans") == "1");
  CHECK(query(path, "SELECT group_concat(case_id) FROM findings") == "A1");
}

TEST_CASE("scans: of two scans started from the same state, the second to end is not recorded", "[state]") {
  TempDir t;
  std::string path = t.file("state.db");
  scan(path, {make_finding("MKT-01", "A1", "52,000.00")});
  StateError e;
  auto store1 = StateStore::open(path, StateStore::OpenMode::kCreate, e);
  auto store2 = StateStore::open(path, StateStore::OpenMode::kCreate, e);
  Recorder r1, r2;
  auto s1 = StateScan::start(*store1, r1, {}, e);
  auto s2 = StateScan::start(*store2, r2, {}, e);
  REQUIRE(s1);
  REQUIRE(s2);
  s1->begin(kRules);
  s2->begin(kRules);
  s1->finding(make_finding("MKT-01", "A1", "52,000.00"));
  s2->finding(make_finding("MKT-01", "A2", "52,000.00"));
  s1->end(ScanSummary{});
  REQUIRE(s1->commit(e));
  s2->end(ScanSummary{});
  CHECK(s2->error().kind == StateError::Kind::kConflict);
  CHECK_FALSE(r2.summary->state);
  REQUIRE_FALSE(r2.summary->notes.empty());
  CHECK(r2.summary->notes.back().find("另一次扫描") != std::string::npos);
  CHECK_FALSE(s2->commit(e));
  CHECK(e.kind == StateError::Kind::kConflict);
  CHECK(query(path, "SELECT count(*) FROM scans") == "2");
  CHECK(query(path, "SELECT count(*) FROM findings WHERE case_id = 'A2'") == "0");
}

TEST_CASE("scans: a review made while a scan runs is not overwritten by it", "[state]") {
  TempDir t;
  std::string path = t.file("state.db");
  Finding a1 = make_finding("MKT-01", "A1", "52,000.00");
  scan(path, {a1});
  StateError e;
  auto reviewer = open_existing(path);
  REQUIRE(reviewer->set_status(finding_fingerprint(a1), ReviewStatus::kDismissed, "证据不足", "张三", e));
  auto store = StateStore::open(path, StateStore::OpenMode::kCreate, e);
  Recorder rec;
  auto st = StateScan::start(*store, rec, {}, e);
  st->begin(kRules);
  st->finding(make_finding("MKT-01", "A1", "80,000.00"));  // would reopen the dismissal
  // Meanwhile the reviewer confirms it instead.
  REQUIRE(reviewer->set_status(finding_fingerprint(a1), ReviewStatus::kConfirmed, "", "李四", e));
  st->end(ScanSummary{});
  REQUIRE(st->commit(e));
  CHECK(reviewer->get(finding_fingerprint(a1), e)->status == ReviewStatus::kConfirmed);
  CHECK(rec.summary->state->reopened == 0);
  CHECK(reviewer->history(finding_fingerprint(a1), e).size() == 2);
}
