// Cross-record rules on a generated export with repeat offenders: xianjie-synth --repeat writes
// series of cases of one party (same name and id, the name alone, or a variant of the name; later
// dates, some just inside and some just outside the windows; the same or another agency) and the
// ground truth of the history rules (--history-truth, computed in data/synth/repeat_series.cpp
// from the dates it generated). HIST-TOB and HIST-MIN must flag exactly those cases, with exactly
// the earlier penalties the truth counts, the way test_sample.cpp holds the threshold rules to
// truth.csv. The transfers table it writes (--transfers / the SQLite table) is checked against the
// 3-day review period of CHAIN-NOT-FILED.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <map>
#include <set>
#include <sstream>

#include "cli_harness.h"
#include "json_lite.h"

using namespace xianjie::test;

namespace {

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == sep) { out.push_back(cur); cur.clear(); }
    else if (c != '\r') cur += c;
  }
  out.push_back(cur);
  return out;
}

// case id + rule id → what is known about the flag.
using Key = std::pair<std::string, std::string>;

struct Expected {
  bool transferred = false;
  std::set<std::string> priors;
};

// history-truth.csv: case_id,rule_id,transferred,prior_case_ids (ids joined by ';').
std::map<Key, Expected> read_history_truth(const std::string& path) {
  std::istringstream in(read_all(path));
  std::string line;
  std::getline(in, line);
  REQUIRE(line == "case_id,rule_id,transferred,prior_case_ids");
  std::map<Key, Expected> out;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    auto cols = split(line, ',');
    REQUIRE(cols.size() == 4);
    Expected e;
    e.transferred = cols[2] == "1";
    for (const auto& id : split(cols[3], ';')) e.priors.insert(id);
    REQUIRE(e.priors.size() >= 2);
    out[{cols[0], cols[1]}] = e;
  }
  return out;
}

struct Flag {
  std::string rule_id;  // the finding that carries it: HIST-… itself, or a threshold rule it joined
  bool referral = false;
  std::set<std::string> priors;
  int count = 0;  // findings that carry it (must be 1)
};

std::vector<Json> findings_of(const std::string& jsonl) {
  std::vector<Json> out;
  std::istringstream in(jsonl);
  std::string line;
  while (std::getline(in, line)) {
    Json j;
    std::string error;
    INFO(line.substr(0, 200));
    REQUIRE(JsonReader::parse(line, j, error));
    const Json* type = j.get("type");
    REQUIRE(type);
    if (type->text == "finding") out.push_back(std::move(j));
  }
  return out;
}

std::string text_of(const Json& j, std::string_view key) {
  const Json* v = j.get(key);
  return v ? v->text : std::string();
}

// The cases a history rule flags: a finding of the rule itself, or — when the case also crosses
// a threshold of the same offense — that finding, which then says "另据规则 HIST-…" and lists the
// earlier penalties (docs/rules.md §8: one candidate with both kinds of evidence).
std::map<Key, Flag> history_flags(const std::vector<Json>& findings) {
  std::map<Key, Flag> out;
  for (const Json& f : findings) {
    const std::string rule = text_of(f, "rule_id"), message = text_of(f, "message");
    for (const std::string hist : {"HIST-TOB", "HIST-MIN"}) {
      if (rule != hist && message.find("另据规则 " + hist) == std::string::npos) continue;
      Flag& flag = out[{text_of(f, "case_id"), hist}];
      flag.rule_id = rule;
      const Json* referral = f.get("referral");
      flag.referral = referral && referral->kind == Json::Kind::kBool && referral->boolean;
      ++flag.count;
      if (const Json* related = f.get("related"))
        for (const Json& r : related->items)
          if (text_of(r, "role") == "前次处罚") flag.priors.insert(text_of(r, "case_id"));
    }
  }
  return out;
}

// Generates the export once per test run into `dir` (all outputs, same arguments).
struct Generated {
  TempDir dir;
  std::string args;
  Generated() {
    args = " --rows 20000 --seed 20261124 --repeat 0.05";
    std::string cmd = shell_quote(XIANJIE_SYNTH_BIN) + args + " --csv " + shell_quote(dir.file("c.csv")) + " --sqlite " +
                      shell_quote(dir.file("c.db")) + " --truth " + shell_quote(dir.file("truth.csv")) +
                      " --history-truth " + shell_quote(dir.file("history.csv")) + " --transfers " +
                      shell_quote(dir.file("transfers.csv")) + " --non-prosecutions " +
                      shell_quote(dir.file("np.csv")) + " --quiet";
    REQUIRE(std::system(cmd.c_str()) == 0);
  }
};

void compare(const std::map<Key, Expected>& truth, const std::map<Key, Flag>& found, bool include_transferred,
             const std::string& label) {
  std::vector<std::string> missed, extra, wrong_priors, twice;
  size_t expected = 0;
  for (const auto& [k, e] : truth) {
    if (e.transferred && !include_transferred) continue;
    ++expected;
    auto it = found.find(k);
    if (it == found.end()) { missed.push_back(k.first + " " + k.second); continue; }
    if (it->second.priors != e.priors) wrong_priors.push_back(k.first + " " + k.second);
  }
  for (const auto& [k, f] : found) {
    auto it = truth.find(k);
    if (it == truth.end() || (it->second.transferred && !include_transferred)) extra.push_back(k.first + " " + k.second);
    if (f.count != 1) twice.push_back(k.first + " " + k.second);
  }
  auto list = [](const std::vector<std::string>& v) {
    std::string s;
    for (size_t k = 0; k < v.size() && k < 20; ++k) s += v[k] + "\n";
    return s;
  };
  size_t tp = expected - missed.size();
  INFO(label << ": truth " << expected << ", flagged " << found.size() << ", precision "
             << (found.empty() ? 1.0 : static_cast<double>(tp) / static_cast<double>(found.size())) << ", recall "
             << (expected == 0 ? 1.0 : static_cast<double>(tp) / static_cast<double>(expected)) << "\nmissed:\n"
             << list(missed) << "false alarms:\n" << list(extra) << "other earlier penalties:\n" << list(wrong_priors)
             << "flagged more than once:\n" << list(twice));
  CHECK(missed.empty());
  CHECK(extra.empty());
  CHECK(wrong_priors.empty());
  CHECK(twice.empty());
}

// One number from a query of the generated database.
int64_t sqlite_count(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* s = nullptr;
  INFO(sql);
  REQUIRE(sqlite3_prepare_v2(db, sql, -1, &s, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(s) == SQLITE_ROW);
  int64_t n = sqlite3_column_int64(s, 0);
  sqlite3_finalize(s);
  sqlite3_close(db);
  return n;
}

size_t rule_count(const std::map<Key, Expected>& truth, const std::string& rule, bool include_transferred) {
  size_t n = 0;
  for (const auto& [k, e] : truth) n += k.second == rule && (include_transferred || !e.transferred);
  return n;
}

}  // namespace

TEST_CASE("xianjie-synth: new options are off by default, and the output is reproducible", "[cli][synth]") {
  TempDir t;
  auto run = [&](const std::string& args, const std::string& tag) {
    std::string cmd = shell_quote(XIANJIE_SYNTH_BIN) + " --rows 3000 --seed 77 --dirty 0.02" + args + " --csv " +
                      shell_quote(t.file(tag + ".csv")) + " --truth " + shell_quote(t.file(tag + ".truth")) + " --quiet";
    REQUIRE(std::system(cmd.c_str()) == 0);
    return read_all(t.file(tag + ".csv")) + read_all(t.file(tag + ".truth"));
  };
  // --repeat 0 is the default: the same bytes as before the option existed, whatever else is asked.
  std::string plain = run("", "plain");
  CHECK(run(" --repeat 0", "zero") == plain);
  CHECK(run(" --transfers " + shell_quote(t.file("tr.csv")) + " --non-prosecutions " + shell_quote(t.file("np.csv")),
            "linked") == plain);
  // With repeat offenders: the same arguments give the same bytes, and the export differs.
  std::string a = run(" --repeat 0.05 --history-truth " + shell_quote(t.file("h1.csv")), "rep1");
  std::string b = run(" --repeat 0.05 --history-truth " + shell_quote(t.file("h2.csv")), "rep2");
  CHECK(a == b);
  CHECK(read_all(t.file("h1.csv")) == read_all(t.file("h2.csv")));
  CHECK(a != plain);
  // The first N rows of a longer run are the N-row file, series included.
  std::string cmd = shell_quote(XIANJIE_SYNTH_BIN) + " --rows 1500 --seed 77 --dirty 0.02 --repeat 0.05 --csv " +
                    shell_quote(t.file("half.csv")) + " --quiet";
  REQUIRE(std::system(cmd.c_str()) == 0);
  std::string half = read_all(t.file("half.csv"));
  CHECK(read_all(t.file("rep1.csv")).compare(0, half.size(), half) == 0);
}

TEST_CASE("history rules on generated repeat offenders: precision and recall 1.0", "[cli][synth][cross]") {
  Generated g;
  const auto truth = read_history_truth(g.dir.file("history.csv"));
  // Enough of each, with and without transferred cases.
  CHECK(rule_count(truth, "HIST-TOB", false) >= 30);
  CHECK(rule_count(truth, "HIST-MIN", false) >= 30);
  CHECK(rule_count(truth, "HIST-MIN", true) > rule_count(truth, "HIST-MIN", false));
  // The series write their party in the ways the engine must join: without the id (the only rows
  // of a clean export that have none), with （个体工商户）, and with the other legal form.
  const std::string db = g.dir.file("c.db");
  CHECK(sqlite_count(db, "SELECT count(*) FROM cases WHERE 证件号码 IS NULL") >= 50);
  CHECK(sqlite_count(db, "SELECT count(*) FROM cases WHERE 当事人名称 LIKE '%个体工商户）' OR 当事人名称 LIKE '%个体工商户)'") >= 20);
  CHECK(sqlite_count(db,
                     "SELECT count(DISTINCT a.证件号码) FROM cases a JOIN cases b ON a.证件号码 = b.证件号码 "
                     "WHERE a.当事人名称 LIKE '%有限责任公司' AND b.当事人名称 LIKE '%有限公司' "
                     "AND b.当事人名称 NOT LIKE '%有限责任公司'") >= 5);

  for (const std::string& input : {g.dir.file("c.csv"), g.dir.file("c.db")}) {
    // As a user runs it: transferred cases are not reported as the new act.
    auto r = g.dir.run("scan " + shell_quote(input) + " -f jsonl -q");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    compare(truth, history_flags(findings_of(r.out)), false, input);
    // And with them.
    r = g.dir.run("scan " + shell_quote(input) + " --include-transferred -f jsonl -q");
    REQUIRE(r.exit_code == 0);
    compare(truth, history_flags(findings_of(r.out)), true, input + " --include-transferred");
  }
  // Only the two history rules: the same cases (nothing to join, so each is a HIST finding).
  auto r = g.dir.run("scan " + shell_quote(g.dir.file("c.csv")) + " --select HIST-TOB,HIST-MIN -f jsonl -q");
  REQUIRE(r.exit_code == 0);
  auto flags = history_flags(findings_of(r.out));
  compare(truth, flags, false, "--select HIST-TOB,HIST-MIN");
  for (const auto& [k, f] : flags) CHECK(f.rule_id == k.second);
}

TEST_CASE("repeat offenders leave the threshold truth exact and give split and multi-agency leads", "[cli][synth][cross]") {
  Generated g;
  auto r = g.dir.run("scan " + shell_quote(g.dir.file("c.csv")) + " --include-transferred -f jsonl -q");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto findings = findings_of(r.out);
  // Referral candidates other than the history rules are exactly truth.csv (case, offense), as
  // in test_sample.cpp: the series' cases cross thresholds only as their numbers say.
  std::set<Key> expected, found;
  {
    std::istringstream in(read_all(g.dir.file("truth.csv")));
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line))
      if (!line.empty())
        for (const auto& o : split(split(line, ',')[1], ';')) expected.insert({split(line, ',')[0], o});
  }
  std::map<std::string, int> by_rule;
  for (const Json& f : findings) {
    std::string rule = text_of(f, "rule_id");
    ++by_rule[rule];
    const Json* referral = f.get("referral");
    if (rule.rfind("HIST-", 0) == 0 || !referral || !referral->boolean) continue;
    size_t second = rule.find('-', rule.find('-') + 1);
    found.insert({text_of(f, "case_id"), second == std::string::npos ? rule : rule.substr(0, second)});
  }
  std::vector<Key> missed, extra;
  for (const auto& k : expected) if (!found.count(k)) missed.push_back(k);
  for (const auto& k : found) if (!expected.count(k)) extra.push_back(k);
  INFO("threshold truth " << expected.size() << ", found " << found.size() << ", missed " << missed.size()
                          << ", false alarms " << extra.size());
  CHECK(expected.size() >= 500);
  CHECK(missed.empty());
  CHECK(extra.empty());
  // The leads the series are there for.
  for (const char* rule : {"SPLIT-TOB", "SPLIT-RES-01", "SPLIT-MKT-01", "MULTI-TOB", "MULTI-MKT-01"}) {
    INFO(rule);
    CHECK(by_rule[rule] >= 20);
  }
}

TEST_CASE("the generated transfers table and the 3-day review period", "[cli][synth][cross]") {
  Generated g;
  // The database holds the same transfers as transfers.csv (read automatically), with ISO dates.
  auto r = g.dir.run("scan " + shell_quote(g.dir.file("c.db")) + " -f jsonl -q");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto c = g.dir.run("scan " + shell_quote(g.dir.file("c.csv")) + " --transfers " + shell_quote(g.dir.file("transfers.csv")) +
                     " --non-prosecutions " + shell_quote(g.dir.file("np.csv")) + " -f jsonl -q");
  REQUIRE(c.exit_code == 0);
  std::string as_of;
  {
    size_t p = r.out.find("\"as_of\":\"");
    REQUIRE(p != std::string::npos);
    as_of = r.out.substr(p + 9, 10);
  }
  // Leads of CHAIN-NOT-FILED, computed from the table: refused or returned, filed after the three
  // days, or undecided three days after the transfer as of the scan's date.
  std::set<std::string> expected;
  size_t rows = 0, transferred = 0;
  {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(g.dir.file("c.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* s = nullptr;
    const char* sql =
        "SELECT 案件编号, 立案情况, 移送日期, 立案日期, julianday(立案日期) - julianday(移送日期), "
        "julianday(?1) - julianday(移送日期) FROM transfers";
    REQUIRE(sqlite3_prepare_v2(db, sql, -1, &s, nullptr) == SQLITE_OK);
    sqlite3_bind_text(s, 1, as_of.c_str(), -1, SQLITE_TRANSIENT);
    while (sqlite3_step(s) == SQLITE_ROW) {
      ++rows;
      std::string id = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
      std::string decision = sqlite3_column_type(s, 1) == SQLITE_NULL ? "" : reinterpret_cast<const char*>(sqlite3_column_text(s, 1));
      bool decided = sqlite3_column_type(s, 3) != SQLITE_NULL;
      bool refused = decision.find("不") != std::string::npos || decision.find("退") != std::string::npos;
      bool filed = !refused && decision.find("立案") != std::string::npos;
      if (refused) REQUIRE(decided);
      if (refused || (filed && sqlite3_column_double(s, 4) > 3) || (!decided && sqlite3_column_double(s, 5) > 3))
        expected.insert(id);
    }
    sqlite3_finalize(s);
    REQUIRE(sqlite3_prepare_v2(db, "SELECT count(*) FROM cases WHERE 是否移送 = '是'", -1, &s, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(s) == SQLITE_ROW);
    transferred = static_cast<size_t>(sqlite3_column_int64(s, 0));
    sqlite3_finalize(s);
    sqlite3_close(db);
  }
  // One transfer row for every case marked transferred.
  CHECK(rows == transferred);
  CHECK(rows >= 100);
  auto leads = [](const std::string& out) {
    std::set<std::string> ids;
    for (const Json& f : findings_of(out))
      if (text_of(f, "rule_id") == "CHAIN-NOT-FILED") ids.insert(text_of(f, "case_id"));
    return ids;
  };
  CHECK(expected.size() >= 20);
  CHECK(expected.size() < rows);  // most transfers are filed in time
  CHECK(leads(r.out) == expected);
  CHECK(leads(c.out) == expected);
  // Non-prosecutions that call for a penalty and have none become CHAIN-REVERSE leads.
  auto reverse = [](const std::string& out) {
    size_t n = 0;
    for (const Json& f : findings_of(out)) n += text_of(f, "rule_id") == "CHAIN-REVERSE";
    return n;
  };
  CHECK(reverse(r.out) >= 5);
  CHECK(reverse(r.out) == reverse(c.out));
}

// A history candidate is a referral candidate (pattern history: referral true). When the same
// case is also a near-threshold lead of the same offense (NT-MKT-16-TOB, NT-RES-01: 90 % of the
// threshold, not reached), the engine currently joins the history finding into that lead, which
// is not a referral candidate — the repeat offender then appears only as a low-severity lead.
// Tagged mayfail until Scanner::finish joins history findings only into findings that are
// themselves referral candidates.
TEST_CASE("history candidates stay referral candidates", "[cli][synth][cross][!mayfail]") {
  Generated g;
  const auto truth = read_history_truth(g.dir.file("history.csv"));
  auto r = g.dir.run("scan " + shell_quote(g.dir.file("c.csv")) + " -f jsonl -q");
  REQUIRE(r.exit_code == 0);
  std::vector<std::string> demoted;
  for (const auto& [k, f] : history_flags(findings_of(r.out)))
    if (!f.referral) demoted.push_back(k.first + " " + k.second + " → " + f.rule_id);
  std::string list;
  for (size_t k = 0; k < demoted.size() && k < 10; ++k) list += demoted[k] + "\n";
  INFO(demoted.size() << " history candidates reported only inside a lead that is not a referral:\n" << list);
  CHECK(demoted.empty());
}
