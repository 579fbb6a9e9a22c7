// Case facts from records, parameters per rule version, and the parts every cross-record finding
// shares (see cross_internal.h).
#include <deque>
#include <mutex>
#include <unordered_set>

#include <fmt/format.h>

#include "common/text.h"
#include "cross/cross_internal.h"
#include "rules/literal.h"
#include "xianjie/fields.h"
#include "xianjie/party.h"
#include "xianjie/value_parse.h"

namespace xianjie {

namespace {

std::string text_of(const Value& v) { return v.is_null() ? std::string() : v.display(); }

}  // namespace

std::string_view intern_text(std::string_view text) {
  if (text.empty()) return {};
  static std::mutex mutex;
  static std::unordered_set<std::string_view> index;
  static std::deque<std::string> storage;  // stable addresses for the views in `index`
  std::lock_guard<std::mutex> lock(mutex);
  auto it = index.find(text);
  if (it != index.end()) return *it;
  storage.emplace_back(text);
  return *index.insert(storage.back()).first;
}

std::string source_text(const CaseFact& f) {
  std::string text(f.source_prefix);
  if (f.has_row) text += std::to_string(f.source_row);
  return text;
}

std::string penalty_text(const CaseFact& f) {
  std::string text = f.fine_amount.empty() ? std::string() : fmt::format("罚款 {} 元", f.fine_amount);
  if (!f.penalty_kinds.empty())
    text = text.empty() ? std::string(f.penalty_kinds) : text + "（" + std::string(f.penalty_kinds) + "）";
  return text;
}

std::string name_key_of(const CaseFact& f) {
  std::string name = normalize_party_name(f.party_name);
  return name.empty() ? std::string() : "name:" + name;
}

CaseFact make_case_fact(const Record& record, bool transferred) {
  const Value* s = record.slots.data();
  CaseFact f;
  f.case_id = std::string(trim(text_of(s[slot::kCaseId])));
  // The location text ends with the record's number (line or rowid) for every input kind; only
  // the part before it is kept as text.
  std::string number = std::to_string(record.location);
  const std::string& text = record.location_text;
  if (text.size() > number.size() && text.compare(text.size() - number.size(), number.size(), number) == 0) {
    f.source_prefix = intern_text(std::string_view(text).substr(0, text.size() - number.size()));
    f.source_row = record.location;
    f.has_row = true;
  } else {
    f.source_prefix = intern_text(text);
  }
  f.agency = intern_text(text_of(s[slot::kAgency]));
  f.region_code = intern_text(text_of(s[slot::kRegionCode]));
  f.domain = intern_text(text_of(s[slot::kDomain]));
  f.party_name = text_of(s[slot::kPartyName]);
  f.party_id = text_of(s[slot::kPartyId]);
  f.party_type = intern_text(text_of(s[slot::kPartyType]));
  f.case_reason = text_of(s[slot::kCaseReason]);
  if (!s[slot::kViolationDate].is_null()) f.violation_date = s[slot::kViolationDate].as_date();
  if (!s[slot::kDecisionDate].is_null()) f.decision_date = s[slot::kDecisionDate].as_date();
  Decimal fine;
  if (!s[slot::kFineAmount].is_null() && s[slot::kFineAmount].numeric(fine)) f.fine_amount = fine.to_grouped(2);
  if (!s[slot::kPenaltyKinds].is_null()) f.penalty_kinds = intern_text(text_of(s[slot::kPenaltyKinds]));
  f.transferred = transferred;
  std::optional<PartyType> type;
  if (f.party_type == "individual") type = PartyType::kIndividual;
  else if (f.party_type == "unit") type = PartyType::kUnit;
  PartyKey key = party_key(f.party_id, f.party_name, type);
  f.key = key.key;
  f.key_by_person_name = key.basis == KeyBasis::kName && key.confidence == KeyConfidence::kLow;
  std::string basis(key.basis_label());
  if (!key.note.empty()) basis += "（" + key.note + "）";
  f.key_basis = intern_text(basis);
  return f;
}

namespace cross {

const CompiledVersion& version_on(const RuleContext& rc, std::optional<Date> d) {
  const auto& vs = rc.rule->versions;
  if (d)
    for (const auto& v : vs)
      if (v.in_force(*d)) return v;
  if (rc.as_of)
    for (const auto& v : vs)
      if (v.in_force(*rc.as_of)) return v;
  return vs.back();
}

std::optional<Date> add_period(const RuleContext& rc, const CompiledVersion& v, int param, Date from) {
  if (param < 0) return std::nullopt;
  const Value& p = v.params[static_cast<size_t>(param)];
  if (p.type() != ValueType::kQuantity) return std::nullopt;
  Quantity q = p.as_quantity();
  auto n = static_cast<int>(q.amount.whole_part());
  (void)rc;
  return q.dimension == Dimension::kDays ? from.add_days(n) : from.add_months(n);
}

std::string param_text(const RuleContext& rc, const CompiledVersion& v, int param) {
  if (param < 0) return {};
  const auto& info = rc.rule->params[static_cast<size_t>(param)];
  return rules::display_value(v.params[static_cast<size_t>(param)], info.type, info.unit_text, info.unit);
}

Decimal param_decimal(const CompiledVersion& v, int param) {
  Decimal d;
  if (param >= 0) v.params[static_cast<size_t>(param)].numeric(d);
  return d;
}

Finding base_finding(const RuleContext& rc, const CaseFact& a, const CompiledVersion& v) {
  Finding f;
  f.case_id = a.case_id;
  f.source = source_text(a);
  f.agency = a.agency;
  f.party_name = a.party_name;
  f.party_id = a.party_id;
  f.party_type = a.party_type;
  f.domain = a.domain;
  f.case_reason = a.case_reason;
  f.violation_date = a.violation_date;
  f.decision_date = a.decision_date;
  f.fine_amount = a.fine_amount;
  f.transferred = a.transferred;
  const RuleInfo& info = rc.rule->info;
  f.rule_id = info.id;
  f.title = info.title;
  f.offense = info.offense;
  f.law = info.law;
  f.basis = v.basis;
  f.severity = info.severity;
  f.pattern = info.pattern;
  f.action = a.transferred ? "已移送（仅供核对）" : rc.rule->action;
  f.confirmed = v.confirmed;
  f.confirmation_note = v.confirmation_note;
  f.version = v.label;
  f.version_reason = "本案违法行为发生时有效的版本";
  f.party_key = a.key;
  f.party_key_basis = a.key_basis;
  return f;
}

RelatedCase related_of(const CaseFact& f, std::string role) {
  RelatedCase r;
  r.role = std::move(role);
  r.case_id = f.case_id;
  r.source = source_text(f);
  r.agency = f.agency;
  r.violation_date = f.violation_date;
  r.decision_date = f.decision_date;
  r.penalty = penalty_text(f);
  r.case_reason = f.case_reason;
  return r;
}

}  // namespace cross
}  // namespace xianjie
