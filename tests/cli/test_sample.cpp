// Precision and recall of the standard pack on a synthetic export that the rules were not tuned to:
// xianjie-synth plants cases across every threshold (at, just below, above, unit variants, versions)
// among ordinary cases and writes the ground truth; every (case, offense) the law makes a crime must
// be found, and nothing else.
#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "cli_harness.h"

using namespace xianjie::test;

namespace {

using Pairs = std::set<std::pair<std::string, std::string>>;

// "MKT-16-TOB" → "MKT-16": a rule id starts with the fact base's offense id.
std::string offense_of(const std::string& rule_id) {
  size_t first = rule_id.find('-');
  size_t second = first == std::string::npos ? std::string::npos : rule_id.find('-', first + 1);
  return second == std::string::npos ? rule_id : rule_id.substr(0, second);
}

std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> out;
  std::string cur;
  bool quoted = false;
  for (char c : line) {
    if (c == '"') quoted = !quoted;
    else if (c == ',' && !quoted) { out.push_back(cur); cur.clear(); }
    else if (c != '\r') cur += c;
  }
  out.push_back(cur);
  return out;
}

Pairs read_truth(const std::string& path) {
  std::istringstream in(read_all(path));
  std::string line;
  std::getline(in, line);  // header
  Pairs out;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    auto cols = split_csv_line(line);
    if (cols.size() < 2) continue;
    std::string ids = cols[1];
    std::string cur;
    for (char c : ids + ";") {
      if (c == ';' || c == '|' || c == ' ') {
        if (!cur.empty()) out.insert({cols[0], cur});
        cur.clear();
      } else {
        cur += c;
      }
    }
  }
  return out;
}

void precision_recall(const TempDir& t, const std::string& input, const Pairs& truth, const std::string& extra,
                      size_t min_truth = 100) {
  auto r = t.run("scan " + shell_quote(input) + " --include-transferred -f jsonl -q " + extra);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto cases = jsonl_field(r.out, "finding", "case_id");
  auto rules = jsonl_field(r.out, "finding", "rule_id");
  auto referral = jsonl_field(r.out, "finding", "referral");
  REQUIRE(referral.size() == cases.size());
  // Referral candidates only: leads for review (fine-floor, near-threshold, split …) are not in the truth.
  Pairs found;
  for (size_t k = 0; k < cases.size(); ++k)
    if (referral[k] == "true") found.insert({cases[k], offense_of(rules[k])});
  std::vector<std::string> missed, extra_found;
  for (const auto& p : truth) if (!found.count(p)) missed.push_back(p.first + " " + p.second);
  for (const auto& p : found) if (!truth.count(p)) extra_found.push_back(p.first + " " + p.second);
  size_t tp = truth.size() - missed.size();
  double precision = found.empty() ? 1.0 : static_cast<double>(tp) / static_cast<double>(found.size());
  double recall = truth.empty() ? 1.0 : static_cast<double>(tp) / static_cast<double>(truth.size());
  std::string m, e;
  for (size_t k = 0; k < missed.size() && k < 20; ++k) m += missed[k] + "\n";
  for (size_t k = 0; k < extra_found.size() && k < 20; ++k) e += extra_found[k] + "\n";
  INFO("input " << input << ": truth " << truth.size() << ", found " << found.size() << ", precision " << precision
                << ", recall " << recall << "\nmissed:\n" << m << "false alarms:\n" << e);
  CHECK(truth.size() >= min_truth);
  CHECK(missed.empty());
  CHECK(extra_found.empty());
}

}  // namespace

TEST_CASE("precision and recall on a generated export are 1.0", "[cli][sample]") {
  TempDir t;
  std::string cmd = shell_quote(XIANJIE_SYNTH_BIN) + " --rows 20000 --seed 424242 --csv " + shell_quote(t.file("c.csv")) +
                    " --sqlite " + shell_quote(t.file("c.db")) + " --truth " + shell_quote(t.file("truth.csv")) +
                    " --quiet";
  REQUIRE(std::system(cmd.c_str()) == 0);
  Pairs truth = read_truth(t.file("truth.csv"));
  precision_recall(t, t.file("c.csv"), truth, "");
  precision_recall(t, t.file("c.db"), truth, "");
}

TEST_CASE("the bundled sample scans in every encoding and agrees with its truth file", "[cli][sample]") {
  TempDir t;
  const std::string dir = std::string(XIANJIE_SOURCE_DIR) + "/data/sample/";
  Pairs truth = read_truth(dir + "truth.csv");
  auto a = t.run("scan " + shell_quote(dir + "cases.csv") + " --include-transferred -f jsonl -q");
  auto b = t.run("scan " + shell_quote(dir + "cases_gb18030.csv") + " --include-transferred -f jsonl -q");
  REQUIRE(a.exit_code == 0);
  REQUIRE(b.exit_code == 0);
  CHECK(jsonl_field(a.out, "finding", "case_id") == jsonl_field(b.out, "finding", "case_id"));
  CHECK_FALSE(jsonl_field(a.out, "finding", "case_id").empty());
  precision_recall(t, dir + "cases.db", truth, "", 10);
}
