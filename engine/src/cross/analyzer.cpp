// CrossRecordAnalyzer: keeps what cross-record rules need while a scan runs, joins party
// identities, and runs each rule once every input has been read (see xianjie/cross_record.h).
#include <algorithm>
#include <deque>

#include "cross/cross_internal.h"
#include "xianjie/party.h"

namespace xianjie {

struct CrossRecordAnalyzer::Impl {
  const RuleSet& rules;
  MatchOptions options;
  std::deque<CaseFact> facts;  // stable addresses
  std::vector<std::vector<cross::Member>> members;  // per rule
  std::vector<TransferRow> transfers;
  std::unordered_set<std::string> transferred_ids;
  std::vector<NonProsecutionRow> decisions;
  std::unordered_set<std::string> decision_keys;  // keys and name keys of non-prosecuted parties
  std::vector<PartyPenalty> penalties;
  std::unordered_set<std::string> wanted_case_ids;  // cases named in transfers: kept for their details
  std::unordered_map<std::string, const CaseFact*> cases_by_id;
  std::optional<Date> latest;
  CrossSummary summary;
  bool any_rule = false, not_filed = false, reverse = false;

  Impl(const RuleSet& r, MatchOptions o) : rules(r), options(o) {
    members.resize(r.impl().rules.size());
    for (const auto& rule : r.impl().rules) {
      any_rule = any_rule || rule.cross.kind != CrossKind::kNone;
      not_filed = not_filed || rule.cross.kind == CrossKind::kNotFiled;
      reverse = reverse || rule.cross.kind == CrossKind::kReverse;
    }
  }

  // Records without a usable id take the id of records with the same name when exactly one id
  // goes with that name across the exports: the same party entered once with and once without
  // its credit code is then recognised.
  void join_identities() {
    std::unordered_map<std::string, std::string> id_of_name;  // name key → id key ("" if ambiguous)
    for (const auto& f : facts) {
      if (f.key.empty() || f.key.rfind("name:", 0) == 0) continue;
      std::string name_key = name_key_of(f);
      if (name_key.empty()) continue;
      auto [it, fresh] = id_of_name.emplace(std::move(name_key), f.key);
      if (!fresh && it->second != f.key) it->second.clear();
    }
    if (id_of_name.empty()) return;
    for (auto& f : facts) {
      if (f.key.rfind("name:", 0) != 0) continue;
      auto it = id_of_name.find(name_key_of(f));
      if (it == id_of_name.end() || it->second.empty()) continue;
      f.key = it->second;
      f.key_basis = intern_text("名称（与同名且唯一的证件号码 " + it->second + " 的记录归并）");
      f.key_by_person_name = false;
    }
  }

  // CaseFact::key_rank: 1, 2, 3 … for the distinct keys in code point order, 0 for none.
  void rank_keys() {
    std::vector<std::string_view> keys;
    keys.reserve(facts.size());
    for (const auto& f : facts)
      if (!f.key.empty()) keys.push_back(f.key);
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    std::unordered_map<std::string_view, uint32_t> rank;
    rank.reserve(keys.size());
    for (size_t k = 0; k < keys.size(); ++k) rank.emplace(keys[k], static_cast<uint32_t>(k + 1));
    for (auto& f : facts) f.key_rank = f.key.empty() ? 0 : rank.at(f.key);
  }
};

CrossRecordAnalyzer::CrossRecordAnalyzer(const RuleSet& rules, MatchOptions options)
    : impl_(std::make_unique<Impl>(rules, options)) {}
CrossRecordAnalyzer::~CrossRecordAnalyzer() = default;

bool CrossRecordAnalyzer::has_rules() const { return impl_->any_rule; }
bool CrossRecordAnalyzer::wants_non_prosecutions() const { return impl_->reverse; }

void CrossRecordAnalyzer::add_transfer(TransferRow row) {
  if (!row.case_id.empty()) {
    impl_->transferred_ids.insert(row.case_id);
    impl_->wanted_case_ids.insert(row.case_id);
  }
  for (auto d : {row.transfer_date, row.police_decision_date})
    if (d) note_date(*d);
  impl_->transfers.push_back(std::move(row));
}

void CrossRecordAnalyzer::add_non_prosecution(NonProsecutionRow row) {
  PartyKey key = party_key(row.party_id, row.party_name);
  row.key = key.key;
  std::string name = normalize_party_name(row.party_name);
  if (!name.empty()) row.name_key = "name:" + name;
  if (!row.key.empty()) impl_->decision_keys.insert(row.key);
  if (!row.name_key.empty()) impl_->decision_keys.insert(row.name_key);
  for (auto d : {row.decision_date, row.referral_date})
    if (d) note_date(*d);
  impl_->decisions.push_back(std::move(row));
}

const std::unordered_set<std::string>& CrossRecordAnalyzer::transferred_case_ids() const { return impl_->transferred_ids; }

bool CrossRecordAnalyzer::wants_penalties() const { return impl_->reverse && !impl_->decision_keys.empty(); }

void CrossRecordAnalyzer::offer_penalty(const CaseFact& fact) {
  std::string name_key = name_key_of(fact);
  bool match = (!fact.key.empty() && impl_->decision_keys.count(fact.key)) ||
               (!name_key.empty() && impl_->decision_keys.count(name_key));
  if (!match) return;
  impl_->penalties.push_back({fact.key, std::move(name_key), fact.case_id, source_text(fact), std::string(fact.agency), fact.decision_date});
}

void CrossRecordAnalyzer::add_case(CaseFact fact, const std::vector<Membership>& members) {
  bool wanted = impl_->wanted_case_ids.count(fact.case_id) > 0;
  if (members.empty() && !wanted) return;
  impl_->facts.push_back(std::move(fact));
  const CaseFact* f = &impl_->facts.back();
  if (wanted) impl_->cases_by_id.emplace(f->case_id, f);
  if (!members.empty()) ++impl_->summary.member_records;
  for (const auto& m : members) {
    cross::Member cm;
    cm.fact = f;
    cm.act = m.act;
    cm.has_value = m.has_value;
    cm.value = m.value;
    impl_->members[m.rule].push_back(cm);
  }
}

void CrossRecordAnalyzer::note_date(Date d) {
  if (!impl_->latest || *impl_->latest < d) impl_->latest = d;
}

std::optional<Date> CrossRecordAnalyzer::latest_date() const { return impl_->latest; }
const CrossSummary& CrossRecordAnalyzer::summary() const { return impl_->summary; }

std::vector<Finding> CrossRecordAnalyzer::analyze(std::optional<Date> as_of) {
  Impl& im = *impl_;
  im.join_identities();
  im.rank_keys();
  std::vector<Finding> out;
  const auto& rules = im.rules.impl().rules;
  for (size_t ri = 0; ri < rules.size(); ++ri) {
    const CompiledRule& rule = rules[ri];
    if (rule.cross.kind == CrossKind::kNone) continue;
    cross::RuleContext rc;
    rc.index = ri;
    rc.rule = &rule;
    rc.impl = &im.rules.impl();
    rc.as_of = as_of ? as_of : im.latest;
    rc.include_transferred = im.options.include_transferred;
    switch (rule.cross.kind) {
      case CrossKind::kHistory: cross::find_history(rc, im.members[ri], out, im.summary); break;
      case CrossKind::kSplit: cross::find_split(rc, im.members[ri], out, im.summary); break;
      case CrossKind::kMultiAgency: cross::find_multi_agency(rc, im.members[ri], out, im.summary); break;
      case CrossKind::kNotFiled: cross::find_not_filed(rc, im.transfers, im.cases_by_id, out, im.summary); break;
      case CrossKind::kReverse: cross::find_reverse(rc, im.decisions, im.penalties, out, im.summary); break;
      case CrossKind::kNone: break;
    }
  }
  return out;
}

}  // namespace xianjie
