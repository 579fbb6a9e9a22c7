// Shared pieces of the cross-record analyses (see xianjie/cross_record.h): the facts of one rule
// grouped by party, parameter access per rule version, and the building of findings.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "rules/rule_set_impl.h"
#include "xianjie/cross_record.h"

namespace xianjie::cross {

// One record's membership in one rule, with the record's fact.
struct Member {
  const CaseFact* fact = nullptr;
  bool act = true;  // history: may be the new act
  bool has_value = false;
  Decimal value;
};

// Everything an analysis of one rule works with.
struct RuleContext {
  size_t index = 0;  // into impl.rules
  const CompiledRule* rule = nullptr;
  const RuleSetImpl* impl = nullptr;
  std::optional<Date> as_of;
  bool include_transferred = false;
};

// The version of a rule in force on `d` (the current one when `d` is missing or none is in force).
const CompiledVersion& version_on(const RuleContext& rc, std::optional<Date> d);
// A duration parameter added to a date (calendar months, or days); nullopt when the rule has none.
std::optional<Date> add_period(const RuleContext& rc, const CompiledVersion& v, int param, Date from);
// The parameter's value as written, e.g. "2年", "3日", "5万元".
std::string param_text(const RuleContext& rc, const CompiledVersion& v, int param);
// A count or amount parameter as a Decimal.
Decimal param_decimal(const CompiledVersion& v, int param);

// A finding about `anchor` under rule `rc` (case, party, rule and version filled in).
Finding base_finding(const RuleContext& rc, const CaseFact& anchor, const CompiledVersion& v);
RelatedCase related_of(const CaseFact& f, std::string role);

// Members of one rule grouped by party key, the groups in key order; within a group in the order
// given by `before`. Keys are compared by CaseFact::key_rank (set by CrossRecordAnalyzer::analyze),
// which orders them as their text does: comparing the texts was a fifth of the analysis.
template <typename Less>
std::vector<std::vector<Member>> group_by_party(std::vector<Member> members, Less before) {
  std::sort(members.begin(), members.end(), [&](const Member& a, const Member& b) {
    if (a.fact->key_rank != b.fact->key_rank) return a.fact->key_rank < b.fact->key_rank;
    return before(a, b);
  });
  std::vector<std::vector<Member>> groups;
  for (auto& m : members) {
    if (m.fact->key_rank == 0) continue;  // no key
    if (groups.empty() || groups.back().front().fact->key_rank != m.fact->key_rank) groups.emplace_back();
    groups.back().push_back(m);
  }
  return groups;
}

void find_history(const RuleContext& rc, const std::vector<Member>& members, std::vector<Finding>& out,
                  CrossSummary& summary);
void find_split(const RuleContext& rc, const std::vector<Member>& members, std::vector<Finding>& out,
                CrossSummary& summary);
void find_multi_agency(const RuleContext& rc, const std::vector<Member>& members, std::vector<Finding>& out,
                       CrossSummary& summary);
void find_not_filed(const RuleContext& rc, const std::vector<TransferRow>& transfers,
                    const std::unordered_map<std::string, const CaseFact*>& cases, std::vector<Finding>& out,
                    CrossSummary& summary);
void find_reverse(const RuleContext& rc, const std::vector<NonProsecutionRow>& decisions,
                  const std::vector<PartyPenalty>& penalties, std::vector<Finding>& out, CrossSummary& summary);

}  // namespace xianjie::cross
