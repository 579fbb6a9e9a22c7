// The standard rule pack loads cleanly and every rule's examples pass (the declarative rule tests),
// and broken rule files produce exactly the diagnostics in tests/golden (golden files).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "xianjie/rule_set.h"

using namespace xianjie;

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Renders diagnostics with paths relative to the golden directory, so the file is stable.
std::string render(const Diagnostics& d, const std::string& strip) {
  std::string out;
  for (const auto& item : d.items()) {
    Diagnostic copy = item;
    if (copy.location.file.rfind(strip, 0) == 0) copy.location.file = copy.location.file.substr(strip.size());
    out += format_diagnostic(copy);
  }
  return out;
}

}  // namespace

TEST_CASE("the standard rule pack loads without errors or warnings", "[rules]") {
  Diagnostics d;
  auto rs = RuleSet::load({XIANJIE_RULES_DIR}, d);
  INFO(render(d, ""));
  REQUIRE(rs);
  CHECK(d.warning_count() == 0);
  CHECK(rs->rules().size() >= 5);
  for (const auto& r : rs->rules()) {
    INFO(r.id);
    CHECK_FALSE(r.law.empty());
    CHECK_FALSE(r.basis.empty());
    // Transfer-chain rules judge rows of other tables; their tests are end to end (test_cross_record.cpp).
    if (r.pattern == "not-filed" || r.pattern == "reverse") continue;
    CHECK_FALSE(r.examples.empty());
    CHECK_FALSE(r.law.empty());
    CHECK_FALSE(r.basis.empty());
    bool has_match = false, has_no_match = false;
    for (const auto& e : r.examples) (e.expect_match ? has_match : has_no_match) = true;
    CHECK(has_match);
    CHECK(has_no_match);
  }
}

TEST_CASE("every example of every rule behaves as declared", "[rules]") {
  Diagnostics d;
  auto rs = RuleSet::load({XIANJIE_RULES_DIR}, d);
  REQUIRE(rs);
  auto results = run_examples(*rs);
  REQUIRE(results.size() >= 20);
  for (const auto& r : results) {
    std::string why;
    for (const auto& l : r.explanation) why += l + "\n";
    INFO(r.rule_id << " › " << r.name << " (" << r.location.file << ":" << r.location.line << ")\n" << why);
    CHECK(r.passed());
  }
}

TEST_CASE("every threshold of the pack has an example exactly at the boundary", "[rules]") {
  Diagnostics d;
  auto rs = RuleSet::load({XIANJIE_RULES_DIR}, d);
  REQUIRE(rs);
  for (const auto& g : boundary_gaps(*rs)) {
    INFO(g.rule_id << ": " << g.comparison << " (" << g.param << ") " << g.location.file << ":" << g.location.line);
    CHECK(false);
  }
}

TEST_CASE("rule-file diagnostics match the golden files", "[rules][golden]") {
  const std::string dir = std::string(XIANJIE_TEST_DATA_DIR) + "/../golden/rules/";
  for (const char* name : {"bad_rules", "yaml_error", "bad_structure", "bad_pattern"}) {
    Diagnostics d;
    auto rs = RuleSet::load({dir + name + ".yaml"}, d);
    CHECK_FALSE(rs);
    std::string actual = render(d, dir);
    std::string expected_path = dir + name + ".expected";
    if (std::getenv("XIANJIE_UPDATE_GOLDEN")) {
      std::ofstream(expected_path, std::ios::binary) << actual;
    }
    INFO("golden file " << expected_path << " (set XIANJIE_UPDATE_GOLDEN=1 to regenerate)");
    CHECK(actual == read_file(expected_path));
  }
}
