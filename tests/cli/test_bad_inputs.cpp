// The bad-input catalogue: every entry of tests/cli/bad_inputs/manifest.yaml is run against the
// real xianjie binary and must give its exit code and message; every scan must keep the row
// accounting (rows read = evaluated + rejected, one reject line per rejected row) and write a
// report whose every line is valid JSON. Inputs too big to commit, or that need a lock, a file
// mode or a missing path, are made here by the generators below. docs/bad-inputs.md lists the
// catalogue with what xianjie does for each input.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <grp.h>
#include <iconv.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "cli_harness.h"
#include "json_lite.h"

using namespace xianjie::test;

namespace {

const std::string kDataDir = std::string(XIANJIE_SOURCE_DIR) + "/tests/cli/bad_inputs";

// ---- the manifest ------------------------------------------------------------------------------

struct Entry {
  std::string name;
  std::string input;     // a file of kDataDir
  std::string generate;  // or a generator's name
  std::vector<std::string> args{"scan", "{input}"};
  int exit_code = 0;
  std::vector<std::string> stderr_has;
  std::vector<std::string> stdout_has;
  std::vector<std::string> stdout_lacks;
  std::optional<std::array<uint64_t, 3>> rows;  // read, evaluated, rejected
  uint64_t min_read = 0;
  size_t stderr_at_most = 0;  // 0 = no limit
  bool scanned = true;
  bool drop_root = false;

  bool is_scan() const { return !args.empty() && args[0] == "scan"; }
};

std::vector<std::string> strings_of(const YAML::Node& n) {
  std::vector<std::string> out;
  if (!n) return out;
  if (n.IsScalar()) out.push_back(n.as<std::string>());
  else for (const auto& item : n) out.push_back(item.as<std::string>());
  return out;
}

std::vector<Entry> load_manifest() {
  YAML::Node root = YAML::LoadFile(kDataDir + "/manifest.yaml");
  std::vector<Entry> entries;
  for (const auto& n : root) {
    Entry e;
    e.name = n["name"].as<std::string>();
    if (n["input"]) e.input = n["input"].as<std::string>();
    if (n["generate"]) e.generate = n["generate"].as<std::string>();
    if (n["args"]) e.args = strings_of(n["args"]);
    e.exit_code = n["exit"].as<int>();
    e.stderr_has = strings_of(n["stderr"]);
    e.stdout_has = strings_of(n["stdout"]);
    e.stdout_lacks = strings_of(n["not_stdout"]);
    if (auto r = n["rows"]) e.rows = std::array<uint64_t, 3>{r[0].as<uint64_t>(), r[1].as<uint64_t>(), r[2].as<uint64_t>()};
    if (n["min_read"]) e.min_read = n["min_read"].as<uint64_t>();
    if (n["stderr_at_most"]) e.stderr_at_most = n["stderr_at_most"].as<size_t>();
    if (n["scanned"]) e.scanned = n["scanned"].as<bool>();
    if (n["drop_root"]) e.drop_root = n["drop_root"].as<bool>();
    entries.push_back(std::move(e));
  }
  return entries;
}

// ---- generated inputs --------------------------------------------------------------------------

const std::string kHeader =
    "案件编号,执法机关,当事人,当事人类型,案由,销售金额（元）,货值金额（万元）,违法行为发生日期,是否移送,移送日期";

std::string case_row(const std::string& id, const std::string& amount = "60000") {
  return id + ",某市市场监督管理局,某公司,单位,某公司销售以次充好的电线电缆案," + amount + ",,2023-04-12,否,";
}

// An input made at run time. `hold` keeps alive what the run needs besides the file (a lock).
struct Generated {
  std::string path;
  std::shared_ptr<void> hold;
};

// Writes `count` bytes of `c` in chunks: a 100 MB field without a 100 MB string.
void append_repeated(std::ofstream& out, char c, size_t count) {
  const std::string chunk(size_t{1} << 20, c);
  for (; count >= chunk.size(); count -= chunk.size()) out << chunk;
  out << chunk.substr(0, count);
}

constexpr size_t kHugeField = size_t{100} << 20;

Generated big_field(const TempDir& t, bool quoted) {
  std::string path = t.file(quoted ? "big_quoted.csv" : "big_bare.csv");
  std::ofstream out(path, std::ios::binary);
  out << kHeader << '\n' << case_row("A1") << '\n' << "A2,某市市场监督管理局," << (quoted ? "\"" : "");
  append_repeated(out, 'x', kHugeField);
  out << (quoted ? "\"" : "") << ",单位,某公司销售以次充好的电线电缆案,60000,,2023-04-12,否,\n" << case_row("A3") << '\n';
  return {path, nullptr};
}

Generated wide_row(const TempDir& t) {
  std::string row = "v";
  for (int i = 1; i < 10000; ++i) row += ",v";
  write_all(t.file("wide_row.csv"), kHeader + '\n' + case_row("A1") + '\n' + row + '\n' + case_row("A3") + '\n');
  return {t.file("wide_row.csv"), nullptr};
}

Generated wide_header(const TempDir& t) {
  std::string header = kHeader;
  for (int i = 0; i < 9990; ++i) header += ",c" + std::to_string(i);
  std::string extra(9990, ',');
  write_all(t.file("wide_header.csv"), header + '\n' + case_row("W1") + extra + '\n' + case_row("W2") + extra + '\n');
  return {t.file("wide_header.csv"), nullptr};
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

// More than the 1 MiB the encoding is detected from, all ASCII; then a GB18030 row.
Generated late_gb18030(const TempDir& t) {
  std::string text = "case_id,case_reason,sales_amount\n";
  for (int i = 0; i < 40000; ++i) text += "A" + std::to_string(i) + ",plain ascii text here,10\n";
  REQUIRE(text.size() > (size_t{1} << 20));
  text += to_gb18030("B1,某公司销售以次充好的电线电缆案,60000\n");
  write_all(t.file("late_gb18030.csv"), text);
  return {t.file("late_gb18030.csv"), nullptr};
}

Generated directory(const TempDir& t, const std::string& name) {
  std::filesystem::create_directory(t.file(name));
  return {t.file(name), nullptr};
}

// A file nobody but root may read. Under root the run drops to 'nobody' (see run_xianjie), who
// must still be able to reach the file: the scratch directory is opened up for that.
Generated unreadable(const TempDir& t, const std::string& path) {
  REQUIRE(::chmod(path.c_str(), 0) == 0);
  REQUIRE(::chmod(t.path().c_str(), 0755) == 0);
  return {path, nullptr};
}

void exec_sql(sqlite3* db, const std::string& sql) {
  char* message = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
  INFO((message ? message : ""));
  sqlite3_free(message);
  REQUIRE(rc == SQLITE_OK);
}

// A rollback-journal database with `rows` cases (S1 60,000 元; the others 1,000 元), its text
// padded so that the table spans many pages.
std::string make_database(const TempDir& t, const std::string& name, int rows) {
  std::string path = t.file(name);
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  exec_sql(db, "CREATE TABLE cases(案件编号 TEXT, 案由 TEXT, 销售金额 REAL); BEGIN;");
  for (int i = 1; i <= rows; ++i) {
    exec_sql(db, "INSERT INTO cases VALUES('S" + std::to_string(i) + "', '某公司销售以次充好的电线电缆案" +
                     std::string(static_cast<size_t>(i == 1 ? 0 : 100), 'x') + "', " + (i == 1 ? "60000" : "1000") + ")");
  }
  exec_sql(db, "COMMIT;");
  sqlite3_close(db);
  return path;
}

Generated sqlite_truncated(const TempDir& t) {
  std::string path = make_database(t, "truncated.db", 2000);
  auto size = std::filesystem::file_size(path);
  std::filesystem::resize_file(path, size / 2);
  return {path, nullptr};
}

Generated sqlite_garbage(const TempDir& t) {
  std::string bytes(4096, '\0');
  uint32_t x = 2463534242u;  // xorshift32: the same garbage every run
  for (char& c : bytes) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    c = static_cast<char>(x & 0xFF);
  }
  write_all(t.file("garbage.db"), bytes);
  return {t.file("garbage.db"), nullptr};
}

// The header and the first two thirds stay intact; every table leaf page (type byte 0x0D) of the
// last third is overwritten. Interior pages are left alone, so the scan reads rows up to the
// first damaged leaf and then fails.
Generated sqlite_corrupt_pages(const TempDir& t) {
  std::string path = make_database(t, "corrupt.db", 5000);
  std::string bytes = read_all(path);
  const size_t page = 4096;
  REQUIRE(bytes.size() % page == 0);
  size_t pages = bytes.size() / page, damaged = 0;
  for (size_t p = pages * 2 / 3; p < pages; ++p) {
    if (bytes[p * page] != '\x0D') continue;
    std::fill(bytes.begin() + static_cast<std::ptrdiff_t>(p * page), bytes.begin() + static_cast<std::ptrdiff_t>((p + 1) * page), '\xA5');
    ++damaged;
  }
  REQUIRE(damaged > 0);
  write_all(path, bytes);
  return {path, nullptr};
}

// Values SQLite stores without checking: bytes that are not UTF-8, and a NUL inside a text.
Generated sqlite_bad_text(const TempDir& t) {
  std::string path = make_database(t, "bad_text.db", 1);
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  exec_sql(db, "INSERT INTO cases VALUES('S2', CAST(X'C4E3BAC3FF' AS TEXT), 60000);"
               "INSERT INTO cases VALUES('S3', '某公司' || char(0) || '销售', 60000);");
  sqlite3_close(db);
  return {path, nullptr};
}

// Another connection (this process) holds an EXCLUSIVE lock until the run is over.
Generated sqlite_locked(const TempDir& t) {
  std::string path = make_database(t, "locked.db", 2);
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  exec_sql(db, "BEGIN EXCLUSIVE");
  std::shared_ptr<void> hold(db, [](void* p) {
    auto* h = static_cast<sqlite3*>(p);
    sqlite3_exec(h, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(h);
  });
  return {path, hold};
}

const std::string kRuleHead =
    "rules:\n  - id: T-01\n    title: t\n    offense: o\n    law: l\n    basis: b\n    severity: high\n";

Generated rule_file(const TempDir& t, const std::string& name, const std::string& text) {
  write_all(t.file(name), text);
  return {t.file(name), nullptr};
}

Generated deep_named_conditions(const TempDir& t) {
  std::string text = "conditions:\n  c0: sales_amount > 1\n";
  for (int i = 1; i <= 10000; ++i)
    text += "  c" + std::to_string(i) + ": c" + std::to_string(i - 1) + " and sales_amount > " + std::to_string(i) + "\n";
  return rule_file(t, "deep_named_conditions.yaml", text + kRuleHead + "    when: c10000\n");
}

Generated redos_cases(const TempDir& t) {
  const std::string as(size_t{1} << 20, 'a');
  write_all(t.file("redos.csv"), "案件编号,案由\nR1," + as + "b\nR2," + as + "\nR3," + as.substr(0, 30) + "!\n");
  return {t.file("redos.csv"), nullptr};
}

const std::map<std::string, std::function<Generated(const TempDir&)>>& generators() {
  static const std::map<std::string, std::function<Generated(const TempDir&)>> g = {
      {"big_field_bare", [](const TempDir& t) { return big_field(t, false); }},
      {"big_field_quoted", [](const TempDir& t) { return big_field(t, true); }},
      {"wide_row", wide_row},
      {"wide_header", wide_header},
      {"late_gb18030", late_gb18030},
      {"directory", [](const TempDir& t) { return directory(t, "cases_dir"); }},
      {"directory_db", [](const TempDir& t) { return directory(t, "cases.db"); }},
      {"missing_csv", [](const TempDir& t) { return Generated{t.file("absent.csv"), nullptr}; }},
      {"missing_db", [](const TempDir& t) { return Generated{t.file("absent.db"), nullptr}; }},
      {"unreadable_csv",
       [](const TempDir& t) {
         write_all(t.file("unreadable.csv"), read_all(kDataDir + "/ok.csv"));
         return unreadable(t, t.file("unreadable.csv"));
       }},
      {"unreadable_db", [](const TempDir& t) { return unreadable(t, make_database(t, "unreadable.db", 2)); }},
      {"sqlite_ok", [](const TempDir& t) { return Generated{make_database(t, "cases.db", 2), nullptr}; }},
      {"sqlite_truncated", sqlite_truncated},
      {"sqlite_garbage", sqlite_garbage},
      {"sqlite_corrupt_pages", sqlite_corrupt_pages},
      {"sqlite_locked", sqlite_locked},
      {"sqlite_bad_text", sqlite_bad_text},
      {"deep_parentheses",
       [](const TempDir& t) {
         return rule_file(t, "deep_parentheses.yaml",
                          kRuleHead + "    when: " + std::string(10000, '(') + "sales_amount > 1" + std::string(10000, ')') + "\n");
       }},
      {"deep_yaml",
       [](const TempDir& t) {
         return rule_file(t, "deep_yaml.yaml", kRuleHead + "    when: " + std::string(10000, '[') + std::string(10000, ']') + "\n");
       }},
      {"deep_named_conditions", deep_named_conditions},
      {"redos_cases", redos_cases},
  };
  return g;
}

// ---- running the binary ------------------------------------------------------------------------

constexpr int kCouldNotDropRoot = 125;

// Runs xianjie with `args` (no shell: arguments pass as they are). With `drop_root` and a root
// test process, the child becomes 'nobody' first, for whom file modes are not a formality.
Run run_xianjie(const std::vector<std::string>& args, const TempDir& t, bool drop_root) {
  std::string out_path = t.file(".stdout"), err_path = t.file(".stderr");
  const std::string rules_path = kDataDir + "/min_rules.yaml";
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    int in = ::open("/dev/null", O_RDONLY);
    int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (in < 0 || out < 0 || err < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0) _exit(kCouldNotDropRoot);
    if (drop_root && geteuid() == 0) {
      const gid_t nobody_gid = 65534;
      const uid_t nobody_uid = 65534;
      if (setgroups(0, nullptr) != 0 || setgid(nobody_gid) != 0 || setuid(nobody_uid) != 0) _exit(kCouldNotDropRoot);
      // A checkout inside a directory only root may enter (mktemp -d makes one) leaves 'nobody'
      // unable to run the binary or read the rules: the entry cannot be checked here either.
      if (::access(XIANJIE_BIN, X_OK) != 0 || ::access(rules_path.c_str(), R_OK) != 0)
        _exit(kCouldNotDropRoot);
    }
    std::vector<char*> argv;
    std::string bin = XIANJIE_BIN;
    argv.push_back(bin.data());
    std::vector<std::string> copies = args;
    for (auto& a : copies) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(bin.c_str(), argv.data());
    _exit(127);
  }
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  Run r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_all(out_path);
  r.err = read_all(err_path);
  return r;
}

std::string expand(std::string arg, const std::string& input, const TempDir& t) {
  for (const auto& [key, value] : {std::pair<std::string, std::string>{"{input}", input}, {"{dir}", kDataDir}, {"{tmp}", t.path()}}) {
    for (size_t p = arg.find(key); p != std::string::npos; p = arg.find(key, p + value.size())) arg.replace(p, key.size(), value);
  }
  return arg;
}

// ---- reading the report ------------------------------------------------------------------------

struct Report {
  std::vector<Json> lines;
  std::vector<std::string> texts;  // each line as written, except the summary
  std::map<std::string, uint64_t> count_by_type;
  const Json& summary() const { return lines.back(); }
};

// Every line must be a JSON object with a "type"; the summary comes last and exactly once.
Report read_report(const std::string& jsonl) {
  Report r;
  std::istringstream in(jsonl);
  std::string line;
  while (std::getline(in, line)) {
    Json j;
    std::string error;
    INFO("report line: " << line.substr(0, 300));
    REQUIRE(JsonReader::parse(line, j, error));
    REQUIRE(j.kind == Json::Kind::kObject);
    const Json* type = j.get("type");
    REQUIRE(type != nullptr);
    REQUIRE(type->kind == Json::Kind::kString);
    ++r.count_by_type[type->text];
    if (type->text != "summary") r.texts.push_back(line);
    r.lines.push_back(std::move(j));
  }
  REQUIRE_FALSE(r.lines.empty());
  REQUIRE(r.count_by_type["summary"] == 1);
  REQUIRE(r.summary().get("type")->text == "summary");
  return r;
}

uint64_t count_of(const Json& summary, const char* key) {
  const Json* v = summary.get(key);
  INFO("summary." << key);
  REQUIRE(v != nullptr);
  REQUIRE(v->is_uint());
  return v->as_uint();
}

// Records of the --rejects file after its header: RFC 4180, every text field quoted, so a line
// feed ends a record only outside quotes (originals may hold line feeds and lone CRs).
uint64_t reject_file_records(const std::string& csv) {
  uint64_t records = 0;
  bool in_quotes = false;
  for (char c : csv) {
    if (c == '"') in_quotes = !in_quotes;
    else if (c == '\n' && !in_quotes) ++records;
  }
  return records == 0 ? 0 : records - 1;
}

// The row accounting of docs/cli.md, and that each counted thing is in the report.
void check_accounting(const Report& report, const Entry& e, const Run& run) {
  const Json& s = report.summary();
  uint64_t read = count_of(s, "rows_read"), evaluated = count_of(s, "rows_evaluated"), rejected = count_of(s, "rows_rejected");
  INFO("rows read " << read << ", evaluated " << evaluated << ", rejected " << rejected);
  CHECK(read == evaluated + rejected);
  auto reported = [&](const char* type) {
    auto it = report.count_by_type.find(type);
    return it == report.count_by_type.end() ? uint64_t{0} : it->second;
  };
  CHECK(reported("reject") == rejected);
  CHECK(reported("finding") == count_of(s, "findings"));
  CHECK(reported("value_error") == count_of(s, "value_errors"));
  if (e.rows) CHECK(std::array<uint64_t, 3>{read, evaluated, rejected} == *e.rows);
  CHECK(read >= e.min_read);
  // An input that could not be read is in the summary too, and only then is the exit code 2.
  const Json* input_errors = s.get("input_errors");
  REQUIRE(input_errors != nullptr);
  CHECK(input_errors->items.empty() == (run.exit_code != 2));
  for (const auto& error : input_errors->items) CHECK(run.err.find(error.text) != std::string::npos);
}

}  // namespace

TEST_CASE("bad inputs: each catalogue entry gives its exit code and message, and keeps the row accounting",
          "[cli][bad-inputs]") {
  const std::vector<Entry> entries = load_manifest();
  REQUIRE(entries.size() >= 40);
  for (const Entry& e : entries) {
    DYNAMIC_SECTION(e.name) {
      TempDir t;
      Generated in;
      if (!e.generate.empty()) {
        auto g = generators().find(e.generate);
        INFO("generator " << e.generate);
        REQUIRE(g != generators().end());
        in = g->second(t);
      } else {
        REQUIRE_FALSE(e.input.empty());
        in.path = kDataDir + "/" + e.input;
        REQUIRE(std::filesystem::exists(in.path));
      }
      std::vector<std::string> args;
      bool has_rules = false;
      for (const auto& a : e.args) {
        args.push_back(expand(a, in.path, t));
        has_rules = has_rules || a == "--rules";
      }
      // Every rejected row must also reach the --rejects file ('nobody' may not write there).
      const std::string rejects_file = t.file("rejects.csv");
      const bool with_rejects_file = e.is_scan() && e.scanned && !e.drop_root;
      if (e.is_scan()) {
        args.insert(args.end(), {"--format", "jsonl"});
        if (!has_rules) args.insert(args.end(), {"--rules", kDataDir + "/min_rules.yaml"});
        if (with_rejects_file) args.insert(args.end(), {"--rejects", rejects_file});
      }

      Run r = run_xianjie(args, t, e.drop_root);
      if (r.exit_code == kCouldNotDropRoot && e.drop_root) {
        WARN("cannot run xianjie as 'nobody' in this environment (no such user, or the build is in a "
             "directory 'nobody' may not enter); the permission entry is not checked: " << e.name);
        continue;
      }
      in.hold.reset();  // e.g. release the lock before the scratch directory goes
      INFO("stderr: " << r.err.substr(0, 2000));
      CHECK(r.exit_code == e.exit_code);
      for (const auto& fragment : e.stderr_has) {
        INFO("expected on stderr: " << fragment);
        CHECK(r.err.find(fragment) != std::string::npos);
      }
      if (e.stderr_at_most > 0) CHECK(r.err.size() <= e.stderr_at_most);
      for (const auto& fragment : e.stdout_has) {
        INFO("expected on stdout: " << fragment);
        CHECK(r.out.find(fragment) != std::string::npos);
      }
      for (const auto& fragment : e.stdout_lacks) {
        INFO("not expected on stdout: " << fragment);
        CHECK(r.out.find(fragment) == std::string::npos);
      }
      if (!e.is_scan()) continue;
      if (!e.scanned) {
        CHECK(r.out.empty());
        continue;
      }
      Report report = read_report(r.out);
      check_accounting(report, e, r);
      if (with_rejects_file) CHECK(reject_file_records(read_all(rejects_file)) == count_of(report.summary(), "rows_rejected"));

      // A committed input is small: scanning it on one thread must give the same report, in the
      // same order, as the reader/worker pipeline did.
      if (e.generate.empty()) {
        args.insert(args.end(), {"--threads", "1"});
        Run single = run_xianjie(args, t, e.drop_root);
        CHECK(single.exit_code == r.exit_code);
        Report one = read_report(single.out);
        CHECK(one.texts == report.texts);
        for (const char* key : {"rows_read", "rows_evaluated", "rows_rejected", "findings", "value_errors"})
          CHECK(count_of(one.summary(), key) == count_of(report.summary(), key));
      }
    }
  }
}

TEST_CASE("bad inputs: the JSON reader of these tests refuses what is not JSON", "[cli][bad-inputs]") {
  Json j;
  std::string error;
  CHECK(JsonReader::parse(R"({"type":"summary","rows_read":3,"x":[1,-2.5e3,true,null],"s":"\u00e9\ud83d\ude00"})", j, error));
  CHECK(j.get("rows_read")->as_uint() == 3);
  CHECK(j.get("s")->text == "\xC3\xA9\xF0\x9F\x98\x80");
  for (const char* bad : {R"({"a":1,})", R"({"a":"x)", "{\"a\":\"\x01\"}", "{\"a\":\"\xff\"}", R"({"a":"\ud800"})", R"([1] 2)", R"({"a":01x})"})
    CHECK_FALSE(JsonReader::parse(bad, j, error));
}
