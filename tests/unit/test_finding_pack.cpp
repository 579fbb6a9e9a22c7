// Packing of held findings (engine/src/scan/finding_pack.h): every field comes back exactly, with
// texts through the dictionary and without, several findings one after the other, and a
// truncated packing is an error rather than a made-up finding.
#include <catch2/catch.hpp>
#include <stdexcept>
#include <string>

#include "scan/finding_pack.h"

using namespace xianjie;

namespace {

// A finding whose every field holds a distinct value (the tracking and both dates included).
Finding full(int n) {
  std::string k = std::to_string(n);
  Finding f;
  f.case_id = "案号〔2024〕" + k;
  f.source = "cases.csv:" + k;
  f.agency = "某市市场监督管理局";
  f.party_name = "张某" + k;
  f.party_id = "11010119900307663" + k;
  f.party_type = "individual";
  f.domain = "市场监管";
  f.case_reason = "销售伪劣产品案";
  f.facts = std::string(600, 'x') + k;  // longer than one varint byte of length
  f.violation_date = Date::from_days(19000 + n);
  f.decision_date = Date::from_days(-5 - n);  // before 1970: the sign survives
  f.fine_amount = "20,000.00";
  f.transferred = true;
  f.rule_id = "MKT-01";
  f.title = "标题";
  f.offense = "生产、销售伪劣产品罪";
  f.law = "刑法第一百四十条";
  f.basis = "《立案追诉标准（一）》第十六条";
  f.severity = RuleSeverity::kLow;
  f.pattern = "threshold";
  f.action = "建议调查核实";
  f.confirmed = false;
  f.confirmation_note = "待核实";
  f.version = "2008-06-25 起";
  f.version_reason = "行为时有效";
  for (int e = 0; e < 2; ++e) {
    Evidence ev;
    ev.field = "sales_amount";
    ev.label = "销售金额";
    ev.value = std::to_string(50000 + e) + " 元";
    ev.op = "≥";
    ev.threshold = "50,000 元";
    ev.param = "sales_min";
    ev.basis = "第十六条";
    ev.message = "销售金额 ≥ 50,000 元 " + std::to_string(e);
    f.evidence.push_back(ev);
  }
  f.missing_fields = {"货值金额", "违法所得"};
  f.message = "涉嫌…" + k;
  f.referral = false;
  f.party_key = "id:" + f.party_id;
  f.party_key_basis = "证件号码";
  RelatedCase r;
  r.role = "前次处罚";
  r.case_id = "前案" + k;
  r.source = "cases.csv:9";
  r.agency = "某县局";
  r.decision_date = Date::from_days(18000);
  r.penalty = "罚款 1,000.00 元";
  r.value = "3 万元";
  r.case_reason = "前案案由";
  f.related.push_back(r);
  f.related.push_back(RelatedCase{});
  f.tracking = FindingTracking{"0123456789abcdef0123456789abcdef", "changed", "dismissed", "不构成犯罪", "复核"};
  return f;
}

void check_equal(const Finding& a, const Finding& b) {
  CHECK(a.case_id == b.case_id);
  CHECK(a.source == b.source);
  CHECK(a.agency == b.agency);
  CHECK(a.party_name == b.party_name);
  CHECK(a.party_id == b.party_id);
  CHECK(a.party_type == b.party_type);
  CHECK(a.domain == b.domain);
  CHECK(a.case_reason == b.case_reason);
  CHECK(a.facts == b.facts);
  CHECK(a.violation_date == b.violation_date);
  CHECK(a.decision_date == b.decision_date);
  CHECK(a.fine_amount == b.fine_amount);
  CHECK(a.transferred == b.transferred);
  CHECK(a.rule_id == b.rule_id);
  CHECK(a.title == b.title);
  CHECK(a.offense == b.offense);
  CHECK(a.law == b.law);
  CHECK(a.basis == b.basis);
  CHECK(a.severity == b.severity);
  CHECK(a.pattern == b.pattern);
  CHECK(a.action == b.action);
  CHECK(a.confirmed == b.confirmed);
  CHECK(a.confirmation_note == b.confirmation_note);
  CHECK(a.version == b.version);
  CHECK(a.version_reason == b.version_reason);
  REQUIRE(a.evidence.size() == b.evidence.size());
  for (size_t k = 0; k < a.evidence.size(); ++k) {
    const Evidence &x = a.evidence[k], &y = b.evidence[k];
    CHECK(x.field == y.field);
    CHECK(x.label == y.label);
    CHECK(x.value == y.value);
    CHECK(x.op == y.op);
    CHECK(x.threshold == y.threshold);
    CHECK(x.param == y.param);
    CHECK(x.basis == y.basis);
    CHECK(x.message == y.message);
  }
  CHECK(a.missing_fields == b.missing_fields);
  CHECK(a.message == b.message);
  CHECK(a.referral == b.referral);
  CHECK(a.party_key == b.party_key);
  CHECK(a.party_key_basis == b.party_key_basis);
  REQUIRE(a.related.size() == b.related.size());
  for (size_t k = 0; k < a.related.size(); ++k) {
    const RelatedCase &x = a.related[k], &y = b.related[k];
    CHECK(x.role == y.role);
    CHECK(x.case_id == y.case_id);
    CHECK(x.source == y.source);
    CHECK(x.agency == y.agency);
    CHECK(x.violation_date == y.violation_date);
    CHECK(x.decision_date == y.decision_date);
    CHECK(x.penalty == y.penalty);
    CHECK(x.value == y.value);
    CHECK(x.case_reason == y.case_reason);
  }
  REQUIRE(a.tracking.has_value() == b.tracking.has_value());
  if (a.tracking) {
    CHECK(a.tracking->fingerprint == b.tracking->fingerprint);
    CHECK(a.tracking->state == b.tracking->state);
    CHECK(a.tracking->status == b.tracking->status);
    CHECK(a.tracking->status_reason == b.tracking->status_reason);
    CHECK(a.tracking->note == b.tracking->note);
  }
}

}  // namespace

TEST_CASE("finding pack: every field comes back, for several findings in a row", "[finding-pack]") {
  PackDictionary dict;
  std::string packed;
  for (int n = 0; n < 3; ++n) pack_finding(full(n), dict, packed);
  Finding empty;  // defaults: no dates, no tracking, empty lists
  pack_finding(empty, dict, packed);
  std::string_view in = packed;
  for (int n = 0; n < 3; ++n) check_equal(unpack_finding(in, dict), full(n));
  check_equal(unpack_finding(in, dict), empty);
  CHECK(in.empty());
  // A rule's texts are kept once, in the dictionary, not with each finding; the record's own texts
  // are in the packing.
  CHECK(packed.find(full(0).basis) == std::string::npos);
  CHECK(packed.find(full(0).title) == std::string::npos);
  CHECK(packed.find(full(2).case_id) != std::string::npos);
}

TEST_CASE("finding pack: a truncated packing is an error", "[finding-pack]") {
  PackDictionary dict;
  std::string packed;
  pack_finding(full(1), dict, packed);
  for (size_t cut : {size_t{0}, size_t{1}, packed.size() / 2, packed.size() - 1}) {
    std::string_view in(packed.data(), cut);
    CHECK_THROWS_AS(unpack_finding(in, dict), std::logic_error);
  }
}
