// End-to-end tests of `xianjie check-data` on real files: a fixture with one defect per check, the
// bundled sample in UTF-8, GB18030 and SQLite, synthetic exports whose defects the generator
// counts itself, every output format parsed back (SARIF checked against the 2.1.0 structure,
// JUnit checked for well-formed XML), exit codes, configuration and usage errors.
#include <catch2/catch.hpp>

#include <map>

#include "cli_harness.h"
#include "json_check.h"

using namespace xianjie::test;
using xianjie::check_data_test::Json;
using xianjie::check_data_test::parse_json;
using xianjie::check_data_test::sarif_problems;

namespace {

const std::string kFixtures = std::string(XIANJIE_SOURCE_DIR) + "/tests/data/check_data/";
const std::string kSample = std::string(XIANJIE_SOURCE_DIR) + "/data/sample/";

// check id → failures, from a JSON report.
std::map<std::string, double> counts(const Json& report) {
  std::map<std::string, double> out;
  for (const Json& c : report["checks"].items) out[c["id"].str] = c["failures"].number;
  return out;
}

const Json& check_of(const Json& report, const std::string& id) {
  for (const Json& c : report["checks"].items)
    if (c["id"].str == id) return c;
  FAIL("no check " << id);
  return report;
}

// "&amp;" "&lt;" "&gt;" "&quot;" "&apos;" or "&#digits;". (Hand-written rather than std::regex,
// whose libstdc++ code draws false -Wmaybe-uninitialized warnings in the sanitizer build.)
bool is_xml_entity(const std::string& e) {
  for (const char* named : {"&amp;", "&lt;", "&gt;", "&quot;", "&apos;"})
    if (e == named) return true;
  if (e.size() < 4 || e.compare(0, 2, "&#") != 0 || e.back() != ';') return false;
  for (size_t k = 2; k + 1 < e.size(); ++k)
    if (!std::isdigit(static_cast<unsigned char>(e[k]))) return false;
  return true;
}

// Zero or more ` name="value"` (value without '"' or '<'), then optional space.
bool are_xml_attributes(const std::string& a) {
  size_t i = 0;
  auto name_start = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == ':'; };
  auto name_char = [&](char c) { return name_start(c) || std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '.'; };
  for (;;) {
    size_t spaces = i;
    while (i < a.size() && std::isspace(static_cast<unsigned char>(a[i]))) ++i;
    if (i == a.size()) return true;
    if (i == spaces || !name_start(a[i])) return false;
    while (i < a.size() && name_char(a[i])) ++i;
    if (a.compare(i, 2, "=\"") != 0) return false;
    i += 2;
    while (i < a.size() && a[i] != '"' && a[i] != '<') ++i;
    if (i == a.size() || a[i] != '"') return false;
    ++i;
  }
}

// A strict-enough well-formedness check for the XML the JUnit printer writes: balanced tags,
// quoted attributes, no raw '<' or stray '&' in text, a single root.
std::string xml_problem(const std::string& xml) {
  std::vector<std::string> stack;
  size_t i = xml.find("?>");
  if (xml.rfind("<?xml ", 0) != 0 || i == std::string::npos) return "no XML declaration";
  i += 2;
  bool root_closed = false;
  while (i < xml.size()) {
    if (xml[i] == '&') {
      size_t semi = xml.find(';', i);
      std::string entity = semi == std::string::npos ? "" : xml.substr(i, semi - i + 1);
      if (!is_xml_entity(entity)) return "bad entity at " + std::to_string(i);
      i = semi + 1;
      continue;
    }
    if (xml[i] != '<') {
      if (stack.empty() && !std::isspace(static_cast<unsigned char>(xml[i]))) return "text outside the root";
      ++i;
      continue;
    }
    size_t end = xml.find('>', i);
    if (end == std::string::npos) return "unterminated tag";
    std::string tag = xml.substr(i + 1, end - i - 1);
    if (tag.find('<') != std::string::npos) return "'<' inside a tag";
    if (tag[0] == '/') {
      if (stack.empty() || stack.back() != tag.substr(1)) return "mismatched </" + tag.substr(1) + ">";
      stack.pop_back();
      if (stack.empty()) root_closed = true;
    } else {
      if (root_closed) return "second root element";
      bool self_closing = tag.back() == '/';
      std::string name = tag.substr(0, tag.find_first_of(" /"));
      std::string attrs = tag.substr(name.size(), tag.size() - name.size() - (self_closing ? 1 : 0));
      if (!are_xml_attributes(attrs))
        return "bad attributes in <" + name + ">";
      if (!self_closing) stack.push_back(name);
      else if (stack.empty()) root_closed = true;
    }
    i = end + 1;
  }
  return stack.empty() && root_closed ? "" : "unclosed elements";
}

// Number after `label` in the generator's defect summary ("证件号码校验位错误 204").
uint64_t synth_count(const std::string& err, const std::string& label) {
  for (size_t p = err.find(label + " "); p != std::string::npos; p = err.find(label + " ", p + 1)) {
    size_t d = p + label.size() + 1;
    size_t e = d;
    while (e < err.size() && std::isdigit(static_cast<unsigned char>(err[e]))) ++e;
    if (e > d) return std::stoull(err.substr(d, e - d));
  }
  return 0;
}

}  // namespace

TEST_CASE("check-data: one defect per check in the fixture, each found once at its line", "[cli][check-data]") {
  TempDir t;
  auto r = t.run("check-data " + shell_quote(kFixtures + "defects.csv") + " --as-of 2023-12-31 -f json");
  INFO(r.err);
  REQUIRE(r.exit_code == 1);
  Json report = parse_json(r.out);
  auto c = counts(report);
  for (const auto& [id, n] : c) {
    INFO(id);
    CHECK(n == (id == "missing-column" ? 0 : 1));
  }
  CHECK(c.size() == 26);
  const Json& s = report["summary"];
  CHECK(s["rows_read"].number == 25);
  CHECK(s["rows_checked"].number == 24);
  CHECK(s["rows_rejected"].number == 1);
  // The fixture's 备注 column says which check each line is for.
  std::map<std::string, double> lines = {{"missing-value", 3},     {"duplicate-case-id", 5}, {"party-id-invalid", 6},
                                         {"date-order", 10},       {"transfer-conflict", 14}, {"negative-value", 16},
                                         {"unreadable-row", 25},   {"date-future", 26},      {"column-mapping", 1}};
  for (const auto& [id, line] : lines) {
    INFO(id);
    CHECK(check_of(report, id)["items"][0]["line"].number == line);
  }
  CHECK(check_of(report, "duplicate-case-id")["items"][0]["message"].str.find("defects.csv:2") != std::string::npos);
  CHECK(r.err.find("读取 25 行：检查 24，拒绝 1") != std::string::npos);
  CHECK(r.err.find("结果: 未通过（--fail-on error）") != std::string::npos);

  // Without --as-of, date-future does not run.
  auto plain = t.run("check-data " + shell_quote(kFixtures + "defects.csv") + " -f json -q");
  CHECK(check_of(parse_json(plain.out), "date-future")["severity"].str == "off");
  CHECK(plain.err.empty());
}

TEST_CASE("check-data: the bundled sample in UTF-8, GB18030 and SQLite", "[cli][check-data]") {
  TempDir t;
  auto utf8 = t.run("check-data " + shell_quote(kSample + "cases.csv") + " -f json");
  REQUIRE(utf8.exit_code == 1);
  Json a = parse_json(utf8.out);
  auto ca = counts(a);
  // The sample's 8 defective rows (data/README.md): 2 unreadable, 3 id check characters, 2 values
  // that do not parse and 1 amount written as 一万多 (a parsable approximation of 19,200).
  CHECK(ca["unreadable-row"] == 2);
  CHECK(ca["party-id-invalid"] == 3);
  CHECK(ca["unparsable-value"] == 2);
  CHECK(ca["amount-approximate"] == 1);
  CHECK(a["summary"]["failures"]["warning"].number == 0);
  CHECK(a["summary"]["rows_read"].number == a["summary"]["rows_checked"].number + a["summary"]["rows_rejected"].number);
  CHECK(utf8.err.find("读取 300 行：检查 298，拒绝 2") != std::string::npos);

  auto gb = t.run("check-data " + shell_quote(kSample + "cases_gb18030.csv") + " -f json");
  REQUIRE(gb.exit_code == 1);
  CHECK(counts(parse_json(gb.out)) == ca);
  CHECK(gb.err.find("GB18030") != std::string::npos);
  auto forced = t.run("check-data " + shell_quote(kSample + "cases_gb18030.csv") + " --encoding gb18030 -f json -q");
  CHECK(counts(parse_json(forced.out)) == ca);

  // The SQLite export is clean: nothing at error or warning level; rows are located by rowid.
  auto db = t.run("check-data " + shell_quote(kSample + "cases.db") + " --table cases -f json");
  INFO(db.err);
  REQUIRE(db.exit_code == 0);
  Json d = parse_json(db.out);
  CHECK(d["summary"]["rows_read"].number == 300);
  CHECK(d["summary"]["failures"]["error"].number == 0);
  CHECK(d["summary"]["failures"]["warning"].number == 0);
  const Json& seq = check_of(d, "transfer-sequence");
  REQUIRE(seq["items"].items.size() > 0);
  CHECK(seq["items"][0].has("rowid"));
  CHECK(!seq["items"][0].has("line"));
  CHECK(seq["items"][0]["location"].str.find("cases.db:cases rowid ") != std::string::npos);

  // A query without most required columns: reported once per field, located at the input.
  auto q = t.run("check-data " + shell_quote(kSample + "cases.db") + " --query " +
                 shell_quote("SELECT 案件编号, 执法机关 FROM cases WHERE rowid <= 10") + " -f sarif -q");
  REQUIRE(q.exit_code == 1);
  Json log = parse_json(q.out);
  auto problems = sarif_problems(log);
  for (const auto& p : problems) INFO(p);
  CHECK(problems.empty());
  const Json& results = log["runs"][0]["results"];
  CHECK(results.items.size() == 4);  // party_name, case_reason|facts, violation_date, decision_date
  for (const Json& res : results.items) {
    CHECK(res["ruleId"].str == "missing-column");
    CHECK(!res["locations"][0]["physicalLocation"].has("region"));
    CHECK(res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].str.find("cases.db") != std::string::npos);
  }
}

TEST_CASE("check-data: synthetic exports, clean and dirty, against the generator's own defect counts", "[cli][check-data]") {
  TempDir t;
  auto synth = [&](const std::string& args) {
    std::string cmd = shell_quote(XIANJIE_SYNTH_BIN) + " " + args + " 2>" + shell_quote(t.file("synth.err"));
    REQUIRE(std::system(cmd.c_str()) == 0);
    return read_all(t.file("synth.err"));
  };
  synth("--rows 3000 --seed 11 --csv " + shell_quote(t.file("clean.csv")) + " --sqlite " + shell_quote(t.file("clean.db")));
  for (const std::string input : {"clean.csv", "clean.db"}) {
    auto r = t.run("check-data " + shell_quote(t.file(input)) + " -f json -q");
    INFO(input << r.err);
    REQUIRE(r.exit_code == 0);
    Json j = parse_json(r.out);
    CHECK(j["summary"]["rows_read"].number == 3000);
    CHECK(j["summary"]["rows_checked"].number == 3000);
    CHECK(j["summary"]["failures"]["error"].number == 0);
    CHECK(j["summary"]["failures"]["warning"].number == 0);
    CHECK(j["passed"].b);
  }

  std::string err = synth("--rows 4000 --seed 12 --dirty 0.06 --csv " + shell_quote(t.file("dirty.csv")));
  auto r = t.run("check-data " + shell_quote(t.file("dirty.csv")) + " -f json --max-per-check 5");
  INFO(err << r.err);
  REQUIRE(r.exit_code == 1);
  Json j = parse_json(r.out);
  auto c = counts(j);
  const Json& s = j["summary"];
  CHECK(s["rows_read"].number == s["rows_checked"].number + s["rows_rejected"].number);
  CHECK(s["rows_rejected"].number == c["unreadable-row"]);
  // A quote that never closes swallows the rows after it into one rejected record, and with them
  // their defects: each count is exact up to the number of such quotes.
  const double swallowed = static_cast<double>(synth_count(err, "引号未闭合"));
  auto about = [&](double found, double made) {
    INFO(found << " found, " << made << " made, up to " << swallowed << " swallowed");
    CHECK(found <= made);
    CHECK(found >= made - swallowed);
  };
  // A credit code whose check character was broken can pass as a resident id (all 18 characters
  // digits): that is reported as a resident id on a unit, not as a bad check character.
  about(c["party-id-invalid"] + c["party-id-type-mismatch"], static_cast<double>(synth_count(err, "证件号码校验位错误")));
  // Impossible dates and amounts such as 待核实 never parse; an approximation such as 5万多元 parses,
  // marked approximate.
  about(c["unparsable-value"], static_cast<double>(synth_count(err, "不存在的日期") + synth_count(err, "无法解析的金额")));
  about(c["amount-approximate"], static_cast<double>(synth_count(err, "概数金额")));
  CHECK(synth_count(err, "概数金额") > 0);
  CHECK(synth_count(err, "证件号码校验位错误") > 0);
  CHECK(c["party-id-invalid"] > 0);
  for (const Json& check : j["checks"].items) CHECK(check["items"].items.size() <= 5);
  CHECK(check_of(j, "unreadable-row")["items"].items.size() == 5);
}

TEST_CASE("check-data: SARIF and JUnit of a dirty export are valid and point at lines", "[cli][check-data]") {
  TempDir t;
  std::string cmd = shell_quote(XIANJIE_SYNTH_BIN) + " --rows 1500 --seed 5 --dirty 0.05 --quiet --csv " + shell_quote(t.file("导出 数据.csv"));
  REQUIRE(std::system(cmd.c_str()) == 0);
  auto sarif = t.run("check-data " + shell_quote(t.file("导出 数据.csv")) + " -f sarif -o " + shell_quote(t.file("out.sarif")) +
                     " --severity party-age=off --severity transfer-sequence=warning");
  REQUIRE(sarif.exit_code == 1);
  CHECK(sarif.out.empty());
  Json log = parse_json(read_all(t.file("out.sarif")));
  auto problems = sarif_problems(log);
  for (const auto& p : problems) INFO(p);
  CHECK(problems.empty());
  const Json& run = log["runs"][0];
  REQUIRE(run["results"].items.size() > 0);
  for (const Json& res : run["results"].items) {
    const Json& loc = res["locations"][0]["physicalLocation"];
    // An absolute path becomes a file URI, percent-encoded (a Chinese name and a space here).
    CHECK(loc["artifactLocation"]["uri"].str.rfind("file:///", 0) == 0);
    CHECK(loc["artifactLocation"]["uri"].str.find("%E5%AF%BC%E5%87%BA%20%E6%95%B0%E6%8D%AE.csv") != std::string::npos);
    CHECK(loc["region"]["startLine"].number >= 1);
  }
  bool overridden = false;
  for (const Json& o : run["invocations"][0]["ruleConfigurationOverrides"].items)
    overridden = overridden || (o["descriptor"]["id"].str == "transfer-sequence" && o["configuration"]["level"].str == "warning");
  CHECK(overridden);

  // A relative path stays relative to %SRCROOT%, which is the working directory.
  std::string rel = "cd " + shell_quote(t.path()) + " && " + shell_quote(XIANJIE_BIN) + " check-data " +
                    shell_quote("导出 数据.csv") + " -f sarif -q > rel.sarif";
  std::system(rel.c_str());
  Json rlog = parse_json(read_all(t.file("rel.sarif")));
  CHECK(sarif_problems(rlog).empty());
  const Json& rrun = rlog["runs"][0];
  CHECK(rrun["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].str ==
        "%E5%AF%BC%E5%87%BA%20%E6%95%B0%E6%8D%AE.csv");
  CHECK(rrun["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"].str == "%SRCROOT%");
  CHECK(rrun["originalUriBaseIds"]["%SRCROOT%"]["uri"].str.rfind("file:///", 0) == 0);

  auto junit = t.run("check-data " + shell_quote(t.file("导出 数据.csv")) + " -f junit -q");
  REQUIRE(junit.exit_code == 1);
  CHECK(xml_problem(junit.out) == "");
  CHECK(count(junit.out, "<testcase ") == 26);
  CHECK(count(junit.out, "<failure ") >= 2);
  CHECK(junit.out.find("<skipped message=\"已停用\"/>") != std::string::npos);
}

TEST_CASE("check-data: exit codes follow --fail-on and --severity", "[cli][check-data]") {
  TempDir t;
  const std::string header = "案件编号,执法机关,当事人名称,案由,违法行为发生日期,处罚决定日期,是否移送,移送日期\n";
  // One warning (date-span), one info (transfer-sequence), no error.
  write_all(t.file("w.csv"), header + "A1,某局,王某,某案,2015-01-01,2023-01-01,否,\nA2,某局,王某,某案,2023-01-01,2023-03-01,是,2023-02-01\n");
  const std::string in = shell_quote(t.file("w.csv")) + " -q";
  CHECK(t.run("check-data " + in).exit_code == 0);
  CHECK(t.run("check-data " + in + " --fail-on warning").exit_code == 1);
  CHECK(t.run("check-data " + in + " --fail-on info").exit_code == 1);
  CHECK(t.run("check-data " + in + " --fail-on warning --severity date-span=info").exit_code == 0);
  CHECK(t.run("check-data " + in + " --fail-on info --severity date-span=off --severity transfer-sequence=off").exit_code == 0);
  CHECK(t.run("check-data " + in + " --severity transfer-sequence=error").exit_code == 1);
  // --require: a column that is not there is an error.
  CHECK(t.run("check-data " + in + " --require case_id,region_code").exit_code == 1);
}

TEST_CASE("check-data: usage and input errors exit 2 and say why", "[cli][check-data]") {
  TempDir t;
  const std::string fixture = shell_quote(kFixtures + "defects.csv");
  auto fmt = t.run("check-data " + fixture + " -f xml");
  CHECK(fmt.exit_code == 2);
  CHECK(fmt.err.find("未知的输出格式 'xml'") != std::string::npos);
  auto sev = t.run("check-data " + fixture + " --severity party-ages=off");
  CHECK(sev.exit_code == 2);
  CHECK(sev.err.find("是否指 party-age") != std::string::npos);
  CHECK(t.run("check-data " + fixture + " --severity party-age=fatal").exit_code == 2);
  auto req = t.run("check-data " + fixture + " --require case_id,agncy");
  CHECK(req.exit_code == 2);
  CHECK(req.err.find("是否指 agency") != std::string::npos);
  CHECK(t.run("check-data " + fixture + " --fail-on fatal").exit_code == 2);
  CHECK(t.run("check-data " + fixture + " --as-of 2023-02-30").exit_code == 2);
  CHECK(t.run("check-data " + fixture + " --max-amount 很多").exit_code == 2);
  CHECK(t.run("check-data " + fixture + " --max-per-check -1").exit_code == 2);
  CHECK(t.run("check-data").exit_code == 2);

  // A missing input: exit 2, and the report still says which input failed.
  auto missing = t.run("check-data " + fixture + " " + shell_quote(t.file("nope.csv")) + " -f json");
  CHECK(missing.exit_code == 2);
  Json j = parse_json(missing.out);
  REQUIRE(j["summary"]["input_errors"].items.size() == 1);
  CHECK(j["summary"]["inputs"].items.size() == 2);
  CHECK(!j["passed"].b);
  auto junit = t.run("check-data " + shell_quote(t.file("nope.csv")) + " -f junit -q");
  CHECK(junit.exit_code == 2);
  CHECK(xml_problem(junit.out) == "");
  CHECK(junit.out.find("errors=\"1\"") != std::string::npos);
  auto sarif = t.run("check-data " + shell_quote(t.file("nope.csv")) + " -f sarif -q");
  Json log = parse_json(sarif.out);
  CHECK(sarif_problems(log).empty());
  CHECK(!log["runs"][0]["invocations"][0]["executionSuccessful"].b);

  // An undecodable file is refused like scan refuses it.
  std::string bad = "案件编号,执法机关\n";
  for (int i = 0; i < 200; ++i) bad += "B1,\xff\xfe\xff\x80\x80\n";
  write_all(t.file("bad.csv"), bad);
  auto undecodable = t.run("check-data " + shell_quote(t.file("bad.csv")));
  CHECK(undecodable.exit_code == 2);
  CHECK(undecodable.err.find("--encoding") != std::string::npos);
}

TEST_CASE("check-data: configuration file, mapping, duplicates across inputs, --out, --list-checks", "[cli][check-data]") {
  TempDir t;
  auto cfg = t.run("check-data " + shell_quote(kFixtures + "defects.csv") + " --config " + shell_quote(kFixtures + "quality.yaml") +
                   " -f json -q");
  INFO(cfg.err);
  REQUIRE(cfg.exit_code == 1);
  Json j = parse_json(cfg.out);
  CHECK(check_of(j, "transfer-sequence")["severity"].str == "off");
  CHECK(check_of(j, "party-age")["severity"].str == "error");
  CHECK(check_of(j, "date-future")["failures"].number == 1);  // as_of in the file
  CHECK(j["summary"]["max_per_check"].number == 50);
  // The command line wins over the file.
  auto over = t.run("check-data " + shell_quote(kFixtures + "defects.csv") + " --config " + shell_quote(kFixtures + "quality.yaml") +
                    " --severity party-age=warning --max-per-check 2 -f json -q");
  Json o = parse_json(over.out);
  CHECK(check_of(o, "party-age")["severity"].str == "warning");
  CHECK(o["summary"]["max_per_check"].number == 2);

  write_all(t.file("bad.yaml"), "severity:\n  party-age: loud\n");
  auto bad = t.run("check-data " + shell_quote(kFixtures + "defects.csv") + " --config " + shell_quote(t.file("bad.yaml")));
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("bad.yaml:2:") != std::string::npos);
  CHECK(bad.err.find("未知的级别 'loud'") != std::string::npos);

  // --mapping: the same aliases as scan.
  write_all(t.file("m.csv"), "处罚文书编号,执法机关,当事人名称,案由,违法行为发生日期,处罚决定日期\nM1,某局,王某,某案,2023-01-01,2023-02-01\n");
  auto unmapped = t.run("check-data " + shell_quote(t.file("m.csv")) + " -f json -q");
  CHECK(counts(parse_json(unmapped.out))["missing-column"] == 1);
  write_all(t.file("map.yaml"), "fields:\n  case_id: 处罚文书编号\n");
  auto mapped = t.run("check-data " + shell_quote(t.file("m.csv")) + " --mapping " + shell_quote(t.file("map.yaml")) + " -f json -q");
  CHECK(mapped.exit_code == 0);
  CHECK(counts(parse_json(mapped.out))["missing-column"] == 0);

  // Duplicates across two inputs name the first file.
  write_all(t.file("a.csv"), "案件编号,执法机关,当事人名称,案由,违法行为发生日期,处罚决定日期\nD1,某局,王某,某案,2023-01-01,2023-02-01\n");
  write_all(t.file("b.csv"), "案件编号,执法机关,当事人名称,案由,违法行为发生日期,处罚决定日期\nD2,某局,王某,某案,2023-01-01,2023-02-01\nD1,某局,王某,某案,2023-01-01,2023-02-01\n");
  auto dup = t.run("check-data " + shell_quote(t.file("a.csv")) + " " + shell_quote(t.file("b.csv")) + " -o " +
                   shell_quote(t.file("report.txt")));
  CHECK(dup.exit_code == 1);
  CHECK(dup.out.empty());
  std::string table = read_all(t.file("report.txt"));
  CHECK(table.find("b.csv:3 · D1 · 案件编号“D1”重复，首次出现于 " + t.file("a.csv") + ":2") != std::string::npos);
  CHECK(table.find("读取 3 行：检查 3 行，读取器拒绝 0 行") != std::string::npos);

  auto list = t.run("check-data --list-checks");
  CHECK(list.exit_code == 0);
  for (const char* id : {"unreadable-row", "duplicate-case-id", "party-id-invalid", "date-order", "transfer-date-missing",
                         "negative-value", "text-garbled"})
    CHECK(list.out.find(id) != std::string::npos);
  CHECK(list.out.find("case_reason|facts") != std::string::npos);
}
