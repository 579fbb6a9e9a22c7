// The keyword prefilter: the rules a record is evaluated by are chosen by the keywords it
// contains, so the requirement derived from each rule (and/or/keyword tests; none for negations
// and other fields) must never keep a rule from a record it applies to. The rules are in
// tests/data/prefilter/rules.yaml; the expected findings are worked out by hand.
#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <vector>

#include "rules/rule_set_impl.h"
#include "xianjie/rule_set.h"
#include "xianjie/scan.h"

using namespace xianjie;

namespace xianjie {
void build_record(const RuleSet& rules, const std::vector<std::pair<std::string, std::string>>& fields,
                  Record& record, std::vector<std::string>& storage, std::vector<ValueError>& errors);
}

namespace {

const std::string kRules = std::string(XIANJIE_TEST_DATA_DIR) + "/prefilter/rules.yaml";

std::unique_ptr<RuleSet> load() {
  Diagnostics d;
  auto rs = RuleSet::load({kRules}, d);
  INFO(d.error_count() << " rule errors");
  REQUIRE(rs);
  REQUIRE(d.error_count() == 0);
  return rs;
}

std::set<std::string> fired(const RuleSet& rs, const std::string& reason, const std::string& facts,
                            const std::string& domain = "市场监管") {
  Record record;
  std::vector<std::string> storage;
  std::vector<ValueError> errors;
  build_record(rs, {{"案件编号", "X-1"}, {"案由", reason}, {"违法事实", facts}, {"执法领域", domain}, {"销售金额", "20000"}},
               record, storage, errors);
  REQUIRE(errors.empty());
  Matcher matcher(rs, MatchOptions{});
  std::vector<Finding> findings;
  matcher.match(record, findings, nullptr);
  std::set<std::string> ids;
  for (const auto& f : findings) ids.insert(f.rule_id);
  return ids;
}

}  // namespace

TEST_CASE("prefilter: the derived keyword requirement of each rule", "[prefilter]") {
  auto rs = load();
  const auto& impl = rs->impl();
  auto listed_for = [&](const std::string& word) {
    std::set<std::string> ids;
    for (size_t p = 0; p < impl.keywords.pattern_count(); ++p)
      if (impl.keywords.pattern(static_cast<int32_t>(p)) == word)
        for (int32_t r : impl.pattern_rules[p]) ids.insert(impl.rules[static_cast<size_t>(r)].info.id);
    return ids;
  };
  std::set<std::string> unconditional;
  for (int32_t r : impl.unconditional_rules) unconditional.insert(impl.rules[static_cast<size_t>(r)].info.id);
  // or(甲, and(乙, 丙)): 甲 or the smaller side of the and (乙 and 丙 are one keyword each; either will do)
  CHECK(listed_for("甲货").count("PF-OR") == 1);
  CHECK((listed_for("乙货").count("PF-OR") + listed_for("丙地").count("PF-OR")) == 1);
  // an exclusion and an or with another field give no requirement
  CHECK(unconditional == std::set<std::string>{"PF-NOT", "PF-MIXED"});
  CHECK(listed_for("丙地").count("PF-FACTS") == 1);
}

TEST_CASE("prefilter: a rule fires on every record its condition holds for", "[prefilter]") {
  auto rs = load();
  using S = std::set<std::string>;
  CHECK(fired(*rs, "销售甲货案", "") == S{"PF-OR"});  // PF-NOT excludes 甲货
  CHECK(fired(*rs, "销售乙货案", "在丙地销售") == S{"PF-OR", "PF-NOT", "PF-MIXED", "PF-FACTS"});
  CHECK(fired(*rs, "销售乙货案", "") == S{"PF-NOT", "PF-MIXED"});
  CHECK(fired(*rs, "其他案件", "无关", "林业") == S{"PF-NOT", "PF-MIXED"});
  CHECK(fired(*rs, "其他案件", "无关") == S{"PF-NOT"});
  CHECK(fired(*rs, "丙地案件", "") == S{"PF-NOT"});  // 丙地 in 案由, PF-FACTS reads 违法事实 only
}
