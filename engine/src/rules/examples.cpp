// Rule examples as tests: each example record is built exactly like an input row and matched
// against its own rule only.
#include <fmt/format.h>

#include "rules/rule_set_impl.h"
#include "xianjie/scan.h"

namespace xianjie {

std::vector<ExampleResult> run_examples(const RuleSet& rules) {
  std::vector<ExampleResult> results;
  const auto& impl = rules.impl();
  MatchOptions mo;
  Matcher matcher(rules, mo);
  for (size_t ri = 0; ri < impl.rules.size(); ++ri) {
    const RuleInfo& info = impl.infos[ri];
    for (const auto& ex : info.examples) {
      ExampleResult r;
      r.rule_index = ri;
      r.rule_id = info.id;
      r.name = ex.name;
      r.location = ex.location;
      r.expect_match = ex.expect_match;
      Record record;
      std::vector<std::string> storage;
      std::vector<ValueError> errors;
      build_record(rules, ex.fields, record, storage, errors);
      record.location_text = fmt::format("{}:{}", ex.location.file, ex.location.line);
      for (const auto& e : errors) r.value_errors.push_back(fmt::format("{} = \"{}\": {}", e.column, e.raw, e.reason));
      std::vector<Finding> findings;
      matcher.match(record, findings);
      for (const auto& f : findings)
        if (f.rule_id == info.id) { r.matched = true; r.finding_message = f.message; }
      if (!r.passed()) r.explanation = matcher.explain(ri, record);
      results.push_back(std::move(r));
    }
  }
  return results;
}

}  // namespace xianjie
