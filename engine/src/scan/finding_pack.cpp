// Packing of findings (see finding_pack.h). Every field of Finding, Evidence, RelatedCase and
// FindingTracking is written in declaration order and read back in the same order; the size
// checks below fail to compile when a field is added to one of them, so that it is not silently
// dropped from held findings.
#include "scan/finding_pack.h"

#include <cstdint>
#include <cstring>
#include <stdexcept>

namespace xianjie {

namespace {

// With libstdc++ on LP64 (the Debian toolchains this project builds with), a new field changes these
// sizes; the check is skipped elsewhere rather than guessed.
#if defined(__GLIBCXX__) && defined(__LP64__)
static_assert(sizeof(Finding) == 1024, "Finding changed: update pack_finding / unpack_finding");
static_assert(sizeof(Evidence) == 8 * sizeof(std::string), "Evidence changed: update pack_finding / unpack_finding");
static_assert(sizeof(RelatedCase) == 240, "RelatedCase changed: update pack_finding / unpack_finding");
static_assert(sizeof(FindingTracking) == 5 * sizeof(std::string),
              "FindingTracking changed: update pack_finding / unpack_finding");
#endif

class Writer {
 public:
  Writer(std::string& out, PackDictionary& dict) : out_(out), dict_(dict) {}
  void shared(const std::string& s) { u64(dict_.id(s)); }
  void u64(uint64_t v) {
    while (v >= 0x80) {
      out_ += static_cast<char>((v & 0x7F) | 0x80);
      v >>= 7;
    }
    out_ += static_cast<char>(v);
  }
  void text(const std::string& s) {
    u64(s.size());
    out_ += s;
  }
  void flag(bool b) { out_ += static_cast<char>(b ? 1 : 0); }
  void date(const std::optional<Date>& d) {
    flag(d.has_value());
    if (d) u64(static_cast<uint64_t>(static_cast<int64_t>(d->days())) ^ (uint64_t{1} << 63));
  }

 private:
  std::string& out_;
  PackDictionary& dict_;
};

class Reader {
 public:
  Reader(std::string_view& in, const PackDictionary& dict) : in_(in), dict_(dict) {}
  std::string shared() { return dict_.text(static_cast<uint32_t>(u64())); }
  uint64_t u64() {
    uint64_t v = 0;
    for (int shift = 0;; shift += 7) {
      unsigned char c = byte();
      v |= static_cast<uint64_t>(c & 0x7F) << shift;
      if (!(c & 0x80)) return v;
    }
  }
  std::string text() {
    size_t n = static_cast<size_t>(u64());
    if (n > in_.size()) throw std::logic_error("packed finding is truncated");
    std::string s(in_.substr(0, n));
    in_.remove_prefix(n);
    return s;
  }
  bool flag() { return byte() != 0; }
  std::optional<Date> date() {
    if (!flag()) return std::nullopt;
    auto days = static_cast<int64_t>(u64() ^ (uint64_t{1} << 63));
    return Date::from_days(static_cast<int32_t>(days));
  }

 private:
  unsigned char byte() {
    if (in_.empty()) throw std::logic_error("packed finding is truncated");
    auto c = static_cast<unsigned char>(in_.front());
    in_.remove_prefix(1);
    return c;
  }
  std::string_view& in_;
  const PackDictionary& dict_;
};

}  // namespace

void pack_finding(const Finding& f, PackDictionary& dict, std::string& out) {
  Writer w(out, dict);
  // Texts of the record are written as they are; texts of the rule and of the evidence's wording,
  // and the few agencies, domains and party types, go through the dictionary.
  w.text(f.case_id);
  w.text(f.source);
  w.shared(f.agency);
  w.text(f.party_name);
  w.text(f.party_id);
  w.shared(f.party_type);
  w.shared(f.domain);
  w.text(f.case_reason);
  w.text(f.facts);
  w.date(f.violation_date);
  w.date(f.decision_date);
  w.text(f.fine_amount);
  w.flag(f.transferred);
  for (const std::string* s : {&f.rule_id, &f.title, &f.offense, &f.law, &f.basis}) w.shared(*s);
  w.u64(static_cast<uint64_t>(f.severity));
  w.shared(f.pattern);
  w.shared(f.action);
  w.flag(f.confirmed);
  for (const std::string* s : {&f.confirmation_note, &f.version, &f.version_reason}) w.shared(*s);
  w.u64(f.evidence.size());
  for (const Evidence& e : f.evidence) {
    for (const std::string* s : {&e.field, &e.label}) w.shared(*s);
    w.text(e.value);
    for (const std::string* s : {&e.op, &e.threshold, &e.param, &e.basis}) w.shared(*s);
    w.text(e.message);
  }
  w.u64(f.missing_fields.size());
  for (const auto& m : f.missing_fields) w.shared(m);
  w.text(f.message);
  w.flag(f.referral);
  w.text(f.party_key);
  w.shared(f.party_key_basis);
  w.u64(f.related.size());
  for (const RelatedCase& r : f.related) {
    w.shared(r.role);
    w.text(r.case_id);
    w.text(r.source);
    w.shared(r.agency);
    w.date(r.violation_date);
    w.date(r.decision_date);
    w.text(r.penalty);
    w.text(r.value);
    w.text(r.case_reason);
  }
  w.flag(f.tracking.has_value());
  if (f.tracking)
    for (const std::string* s : {&f.tracking->fingerprint, &f.tracking->state, &f.tracking->status,
                                 &f.tracking->status_reason, &f.tracking->note})
      w.text(*s);
}

Finding unpack_finding(std::string_view& in, const PackDictionary& dict) {
  Reader r(in, dict);
  Finding f;
  f.case_id = r.text();
  f.source = r.text();
  f.agency = r.shared();
  f.party_name = r.text();
  f.party_id = r.text();
  f.party_type = r.shared();
  f.domain = r.shared();
  f.case_reason = r.text();
  f.facts = r.text();
  f.violation_date = r.date();
  f.decision_date = r.date();
  f.fine_amount = r.text();
  f.transferred = r.flag();
  for (std::string* s : {&f.rule_id, &f.title, &f.offense, &f.law, &f.basis}) *s = r.shared();
  f.severity = static_cast<RuleSeverity>(r.u64());
  f.pattern = r.shared();
  f.action = r.shared();
  f.confirmed = r.flag();
  for (std::string* s : {&f.confirmation_note, &f.version, &f.version_reason}) *s = r.shared();
  f.evidence.resize(static_cast<size_t>(r.u64()));
  for (Evidence& e : f.evidence) {
    for (std::string* s : {&e.field, &e.label}) *s = r.shared();
    e.value = r.text();
    for (std::string* s : {&e.op, &e.threshold, &e.param, &e.basis}) *s = r.shared();
    e.message = r.text();
  }
  f.missing_fields.resize(static_cast<size_t>(r.u64()));
  for (auto& m : f.missing_fields) m = r.shared();
  f.message = r.text();
  f.referral = r.flag();
  f.party_key = r.text();
  f.party_key_basis = r.shared();
  f.related.resize(static_cast<size_t>(r.u64()));
  for (RelatedCase& c : f.related) {
    c.role = r.shared();
    c.case_id = r.text();
    c.source = r.text();
    c.agency = r.shared();
    c.violation_date = r.date();
    c.decision_date = r.date();
    c.penalty = r.text();
    c.value = r.text();
    c.case_reason = r.text();
  }
  if (r.flag()) {
    f.tracking.emplace();
    for (std::string* s : {&f.tracking->fingerprint, &f.tracking->state, &f.tracking->status,
                           &f.tracking->status_reason, &f.tracking->note})
      *s = r.text();
  }
  return f;
}

uint32_t PackDictionary::id(const std::string& text) {
  auto it = ids_.find(text);
  if (it != ids_.end()) return it->second;
  texts_.push_back(text);
  auto n = static_cast<uint32_t>(texts_.size() - 1);
  ids_.emplace(texts_.back(), n);
  return n;
}

const std::string& PackDictionary::text(uint32_t id) const {
  if (id >= texts_.size()) throw std::logic_error("packed finding refers to an unknown text");
  return texts_[id];
}

}  // namespace xianjie
