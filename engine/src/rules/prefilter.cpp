// The keyword prefilter (see RuleSetImpl): finds, in each rule's compiled scope, a conjunct of
// the form mentions(set) — an `or` of keyword hits on 案由 and 违法事实 — that must hold for the
// rule to apply.
#include "rules/rule_set_impl.h"
#include "xianjie/fields.h"

namespace xianjie {
namespace {

using expr::Instr;
using expr::Op;

// The keyword set if instruction `i` is mentions(set) (any keyword, in 案由 or 违法事实), else -1.
int32_t mentions_set(const expr::Program& p, int32_t i) {
  const Instr& in = p.code[static_cast<size_t>(i)];
  if (in.op != Op::kOr || in.count == 0) return -1;
  int32_t set = -1;
  for (int32_t k = 0; k < in.count; ++k) {
    const Instr& c = p.code[static_cast<size_t>(p.children[static_cast<size_t>(in.first + k)])];
    if (c.op != Op::kFieldHits || c.mode == expr::ContainsMode::kAll) return -1;
    int slot = p.code[static_cast<size_t>(c.a)].index;
    if (slot != slot::kCaseReason && slot != slot::kFacts) return -1;
    if (set >= 0 && c.index != set) return -1;
    set = c.index;
  }
  return set;
}

int32_t required_in(const expr::Program& p) {
  if (p.root < 0) return -1;
  if (int32_t s = mentions_set(p, p.root); s >= 0) return s;
  const Instr& root = p.code[static_cast<size_t>(p.root)];
  if (root.op != Op::kAnd) return -1;
  for (int32_t k = 0; k < root.count; ++k)
    if (int32_t s = mentions_set(p, p.children[static_cast<size_t>(root.first + k)]); s >= 0) return s;
  return -1;
}

}  // namespace

void build_prefilter(RuleSetImpl& impl) {
  impl.required_set.assign(impl.rules.size(), -1);
  impl.pattern_rules.assign(impl.keywords.pattern_count(), {});
  impl.unconditional_rules.clear();
  for (size_t r = 0; r < impl.rules.size(); ++r) {
    int32_t set = -1;
    for (const auto& sp : impl.rules[r].scope)
      if ((set = required_in(sp)) >= 0) break;
    // The rule's own `when` decides only when no version replaces it.
    bool shared_when = true;
    for (const auto& v : impl.rules[r].versions) shared_when = shared_when && !v.own_when;
    if (set < 0 && shared_when) set = required_in(impl.rules[r].when);
    impl.required_set[r] = set;
    if (set < 0) {
      impl.unconditional_rules.push_back(static_cast<int32_t>(r));
      continue;
    }
    for (int32_t pattern : impl.keywords.set_patterns(set)) {
      auto& list = impl.pattern_rules[static_cast<size_t>(pattern)];
      if (list.empty() || list.back() != static_cast<int32_t>(r)) list.push_back(static_cast<int32_t>(r));
    }
  }
}

}  // namespace xianjie
