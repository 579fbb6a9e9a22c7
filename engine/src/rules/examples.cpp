// Rule examples as tests: each example record is built exactly like an input row and matched
// against its own rule only.
#include <fmt/format.h>

#include <set>

#include "expr/evaluator.h"
#include "rules/rule_set_impl.h"
#include "xianjie/fields.h"
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
      std::vector<Membership> members;
      matcher.match(record, findings, &members);
      for (const auto& f : findings)
        if (f.rule_id == info.id) { r.matched = true; r.finding_message = f.message; }
      // A cross-record rule's example says whether the record belongs to the rule's conduct.
      for (const auto& m : members)
        if (m.rule == ri && m.act) { r.matched = true; r.finding_message = "属于本规则所指的同类行为"; }
      if (!r.passed()) r.explanation = matcher.explain(ri, record);
      results.push_back(std::move(r));
    }
  }
  return results;
}

std::vector<BoundaryGap> boundary_gaps(const RuleSet& rules) {
  std::vector<BoundaryGap> gaps;
  const auto& impl = rules.impl();
  expr::KeywordHits hits(&impl.keywords, &impl.scanned_slots);
  std::vector<Value> trace;
  for (size_t ri = 0; ri < impl.rules.size(); ++ri) {
    const CompiledRule& rule = impl.rules[ri];
    const RuleInfo& info = impl.infos[ri];
    // (version, compare instruction) pairs met exactly by some example.
    std::set<std::pair<size_t, int32_t>> met;
    std::vector<Record> records(info.examples.size());
    std::vector<std::vector<std::string>> storage(info.examples.size());
    for (size_t e = 0; e < info.examples.size(); ++e) {
      std::vector<ValueError> errors;
      build_record(rules, info.examples[e].fields, records[e], storage[e], errors);
    }
    for (size_t v = 0; v < rule.versions.size(); ++v) {
      const expr::Program& p = rule.when_of(v);
      for (const auto& record : records) {
        hits.reset();
        expr::EvalContext ctx;
        ctx.slots = record.slots.data();
        ctx.params = rule.versions[v].params.data();
        ctx.keywords = &impl.keywords;
        ctx.regexes = &impl.regexes;
        ctx.hits = &hits;
        trace.assign(p.code.size(), Value());
        ctx.trace = &trace;
        expr::evaluate(p, ctx);
        for (size_t i = 0; i < p.code.size(); ++i) {
          const expr::Instr& in = p.code[i];
          if (in.op != expr::Op::kCompare) continue;
          const Value& a = trace[static_cast<size_t>(in.a)];
          const Value& b = trace[static_cast<size_t>(in.b)];
          Decimal x, y;
          if (a.numeric(x) && b.numeric(y) && x == y) met.insert({v, static_cast<int32_t>(i)});
        }
      }
    }
    // A comparison counts as covered when some version's threshold was met exactly.
    for (size_t v = 0; v < rule.versions.size(); ++v) {
      const expr::Program& p = rule.when_of(v);
      for (size_t i = 0; i < p.code.size(); ++i) {
        const expr::Instr& in = p.code[i];
        if (in.op != expr::Op::kCompare) continue;
        const expr::Instr& a = p.code[static_cast<size_t>(in.a)];
        const expr::Instr& b = p.code[static_cast<size_t>(in.b)];
        const expr::Instr* param = b.op == expr::Op::kParam ? &b : a.op == expr::Op::kParam ? &a : nullptr;
        if (!param || !(expr::is_numeric(param->type.kind) || param->type.kind == expr::Type::kQuantity)) continue;
        bool covered = false;
        for (size_t w = 0; w < rule.versions.size() && !covered; ++w)
          covered = met.count({w, static_cast<int32_t>(i)}) > 0 && &rule.when_of(w) == &p;
        if (covered) continue;
        bool reported = false;
        for (const auto& g : gaps) reported = reported || (g.rule_id == info.id && g.comparison == in.label);
        if (reported) continue;
        gaps.push_back({info.id, rule.params[static_cast<size_t>(param->index)].name, in.label,
                        rule.versions[v].label, info.location});
      }
    }
  }
  return gaps;
}

}  // namespace xianjie
