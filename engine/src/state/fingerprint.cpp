// Fingerprints and evidence digests of findings (the definitions are at the top of
// xianjie/state.h; docs/cli.md repeats them for analysts).
//
// Both are built from netstring fields (Sha256::field) so that no two different field lists can
// hash the same way, and both carry a version tag: if their definition ever has to change, the
// tag changes with it and a migration of the state file rewrites the stored values.
#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include "common/text.h"
#include "state/sha256.h"
#include "xianjie/party.h"
#include "xianjie/state.h"

namespace xianjie {

namespace {

using state_detail::Sha256;
using state_detail::to_hex;

// 128 bits: ample against accidental collisions among millions of findings, and short enough
// (32 hex digits) to be copied from a report into `xianjie review`.
constexpr size_t kDigestBytes = 16;

std::string date_text(const std::optional<Date>& d) { return d ? d->to_string() : std::string(); }

// Patterns whose finding stands for a group of records that can grow between scans.
bool is_group_pattern(std::string_view pattern) { return pattern == "split" || pattern == "multi-agency"; }

// The record a group finding is anchored to: the earliest by the date its pattern orders by
// (split: violation date, else decision date; multi-agency: decision date), ties broken by the
// smallest normalised case id, so that neither row order nor a later part moves it.
const RelatedCase* group_anchor(const Finding& f) {
  const bool by_decision = f.pattern == "multi-agency";
  auto date_of = [&](const RelatedCase& r) -> std::optional<Date> {
    if (by_decision) return r.decision_date;
    return r.violation_date ? r.violation_date : r.decision_date;
  };
  const RelatedCase* best = nullptr;
  std::optional<Date> best_date;
  std::string best_id;
  for (const auto& r : f.related) {
    std::optional<Date> d = date_of(r);
    std::string id = normalize_case_id(r.case_id);
    // A record with a date comes before one without.
    bool better = !best || (d && !best_date) || (d && best_date && *d < *best_date) ||
                  (d == best_date && id < best_id);
    if (better) {
      best = &r;
      best_date = d;
      best_id = std::move(id);
    }
  }
  return best;
}

std::string record_key(std::string_view agency, const std::optional<Date>& violation,
                       const std::optional<Date>& decision, std::string_view case_reason) {
  // Netstrings inside one field keep the parts apart.
  const std::string parts[] = {normalize_case_id(agency), date_text(violation), date_text(decision),
                               normalize_case_id(case_reason)};
  std::string key;
  for (const std::string& part : parts) {
    key += std::to_string(part.size());
    key += ':';
    key += part;
    key += ',';
  }
  return key;
}

// The case part of the fingerprint (see xianjie/state.h).
std::string case_part(const Finding& f) {
  if (is_group_pattern(f.pattern)) {
    if (const RelatedCase* a = group_anchor(f)) {
      std::string id = normalize_case_id(a->case_id);
      if (!id.empty()) return "group:" + id;
      return "group-record:" + record_key(a->agency, a->violation_date, a->decision_date, a->case_reason);
    }
  }
  std::string id = normalize_case_id(f.case_id);
  if (!id.empty()) return "case:" + id;
  std::vector<std::string> ids;
  for (const auto& r : f.related) {
    std::string rid = normalize_case_id(r.case_id);
    if (!rid.empty()) ids.push_back(std::move(rid));
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  if (!ids.empty()) {
    std::string key = "related:";
    for (const auto& rid : ids) key += std::to_string(rid.size()) + ":" + rid + ",";
    return key;
  }
  return "record:" + record_key(f.agency, f.violation_date, f.decision_date, f.case_reason);
}

std::string party_part(const Finding& f) {
  if (is_group_pattern(f.pattern) && !f.party_key.empty()) return f.party_key;
  return party_key(f.party_id, f.party_name).key;
}

// "366 日（截至 2024-04-01）", "0 件（截至 2024-04-01）": a measure up to the as-of date, which
// moves with every export. Such a value is left out of the digest.
bool measures_up_to_as_of(std::string_view value) {
  static constexpr std::string_view kOpen = "（截至 ";
  static constexpr std::string_view kClose = "）";
  if (value.size() < kOpen.size() + 10 + kClose.size()) return false;
  if (value.substr(value.size() - kClose.size()) != kClose) return false;
  std::string_view date = value.substr(value.size() - kClose.size() - 10, 10);
  std::string_view open = value.substr(value.size() - kClose.size() - 10 - kOpen.size(), kOpen.size());
  if (open != kOpen) return false;
  for (size_t i = 0; i < date.size(); ++i) {
    bool dash = i == 4 || i == 7;
    if (dash ? date[i] != '-' : (date[i] < '0' || date[i] > '9')) return false;
  }
  return true;
}

}  // namespace

std::string normalize_case_id(std::string_view id) { return std::string(trim(fold_width(id))); }

std::string finding_fingerprint(const Finding& f) {
  Sha256 h;
  h.field("xianjie-finding-v1");
  h.field(trim(f.rule_id));
  h.field(trim(f.offense));
  h.field(party_part(f));
  h.field(case_part(f));
  return to_hex(h.finish(), kDigestBytes);
}

std::string evidence_digest(const Finding& f) {
  Sha256 h;
  h.field("xianjie-evidence-v1");
  h.field(std::to_string(f.evidence.size()));
  for (const auto& e : f.evidence) {
    h.field(e.field);
    h.field(measures_up_to_as_of(e.value) ? std::string_view("〔截至日期〕") : std::string_view(e.value));
    h.field(e.op);
    h.field(e.threshold);
    h.field(e.param);
  }
  std::vector<std::string> missing = f.missing_fields;
  std::sort(missing.begin(), missing.end());
  h.field(std::to_string(missing.size()));
  for (const auto& m : missing) h.field(m);
  using Related = std::tuple<std::string, std::string, std::string, std::string, std::string, std::string, std::string>;
  std::vector<Related> related;
  related.reserve(f.related.size());
  for (const auto& r : f.related)
    related.emplace_back(r.role, normalize_case_id(r.case_id), r.agency, date_text(r.violation_date),
                         date_text(r.decision_date), r.penalty, r.value);
  std::sort(related.begin(), related.end());
  h.field(std::to_string(related.size()));
  for (const auto& r : related)
    std::apply([&](const auto&... part) { (h.field(part), ...); }, r);
  return to_hex(h.finish(), kDigestBytes);
}

}  // namespace xianjie
