// The keyword prefilter (see RuleSetImpl): derives from each rule's compiled scope (or `when`) the
// keywords one of which must occur in 案由 or 违法事实 for the rule to apply, so that a record is
// only evaluated by the rules whose keywords it contains.
#include <algorithm>
#include <iterator>
#include <optional>

#include "rules/rule_set_impl.h"
#include "xianjie/fields.h"

namespace xianjie {
namespace {

using expr::Instr;
using expr::Op;
using Patterns = std::vector<int32_t>;  // sorted, unique pattern ids

// A necessary condition for instruction `i` to be true: the patterns one of which must be found in
// 案由 or 违法事实 (scanned by the automaton). nullopt when none can be derived (the instruction
// may be true whatever those texts contain).
//  - a keyword test on 案由 or 违法事实 (any or all of a non-empty set): the set's patterns;
//  - and: the smallest requirement among its operands (each operand must be true);
//  - or: the union of its operands' requirements, when every operand has one.
// Anything else (not, comparisons, other fields) gives no requirement.
std::optional<Patterns> required(const expr::Program& p, const expr::KeywordTable& kw, int32_t i) {
  const Instr& in = p.code[static_cast<size_t>(i)];
  auto child = [&](int32_t k) { return p.children[static_cast<size_t>(in.first + k)]; };
  switch (in.op) {
    case Op::kFieldHits: {
      int slot = p.code[static_cast<size_t>(in.a)].index;
      if (slot != slot::kCaseReason && slot != slot::kFacts) return std::nullopt;
      Patterns ids = kw.set_patterns(in.index);
      if (ids.empty()) return std::nullopt;  // "all of nothing" holds on any text
      std::sort(ids.begin(), ids.end());
      ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
      return ids;
    }
    case Op::kAnd: {
      std::optional<Patterns> best;
      for (int32_t k = 0; k < in.count; ++k) {
        auto r = required(p, kw, child(k));
        if (r && (!best || r->size() < best->size())) best = std::move(r);
      }
      return best;
    }
    case Op::kOr: {
      if (in.count == 0) return std::nullopt;
      Patterns all;
      for (int32_t k = 0; k < in.count; ++k) {
        auto r = required(p, kw, child(k));
        if (!r) return std::nullopt;
        Patterns merged;
        std::set_union(all.begin(), all.end(), r->begin(), r->end(), std::back_inserter(merged));
        all.swap(merged);
      }
      return all;
    }
    default:
      return std::nullopt;
  }
}

std::optional<Patterns> required_in(const expr::Program& p, const expr::KeywordTable& kw) {
  if (p.root < 0) return std::nullopt;
  return required(p, kw, p.root);
}

}  // namespace

void build_prefilter(RuleSetImpl& impl) {
  impl.pattern_rules.assign(impl.keywords.pattern_count(), {});
  impl.unconditional_rules.clear();
  for (size_t r = 0; r < impl.rules.size(); ++r) {
    const CompiledRule& rule = impl.rules[r];
    // Transfer-chain rules judge the transfers and non_prosecutions tables, never a case record.
    if (rule.cross.kind == CrossKind::kNotFiled || rule.cross.kind == CrossKind::kReverse) continue;
    // Every scope program must hold: the smallest requirement among them.
    std::optional<Patterns> need;
    for (const auto& sp : rule.scope) {
      auto n = required_in(sp, impl.keywords);
      if (n && (!need || n->size() < need->size())) need = std::move(n);
    }
    // The rule's `when` counts too when no version replaces it, except for history rules: an
    // earlier penalty belongs to the conduct by its scope alone, whatever `when` says.
    bool shared_when = true;
    for (const auto& v : rule.versions) shared_when = shared_when && !v.own_when;
    if (shared_when && rule.cross.kind != CrossKind::kHistory) {
      auto n = required_in(rule.when, impl.keywords);
      if (n && (!need || n->size() < need->size())) need = std::move(n);
    }
    if (!need) {
      impl.unconditional_rules.push_back(static_cast<int32_t>(r));
      continue;
    }
    for (int32_t pattern : *need) impl.pattern_rules[static_cast<size_t>(pattern)].push_back(static_cast<int32_t>(r));
  }
}

}  // namespace xianjie
