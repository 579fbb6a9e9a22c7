// A finding: one rule that fired on one case, with everything an analyst needs to defend it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "xianjie/date.h"

namespace xianjie {

enum class RuleSeverity : uint8_t { kHigh, kMedium, kLow };
std::string_view severity_name(RuleSeverity s);   // "high" / "medium" / "low"
std::string_view severity_label(RuleSeverity s);  // "高" / "中" / "低"

// One satisfied criterion: which field, its value, the operator, the threshold and its source.
struct Evidence {
  std::string field;      // canonical field name(s) involved, e.g. "sales_amount" or "sales_amount,goods_value"
  std::string label;      // Chinese rendering of the left side: "销售金额", "销售金额×3 + 货值金额"
  std::string value;      // "52,000.00 元"
  std::string op;         // "≥", ">", "=", "含", "属于" …
  std::string threshold;  // "50,000 元", "500 公斤", or the matched keyword
  std::string param;      // the parameter that holds the threshold, if any ("sales_min")
  std::string basis;      // citation of the threshold
  std::string message;    // the whole sentence: "销售金额 52,000.00 元 ≥ 50,000 元(《立案追诉标准(一)》第十六条)"
};

// Another case a cross-record finding rests on: an earlier penalty of a repeat offender, a part of
// a split case, a case of another agency against the same party, a transfer or a non-prosecution.
struct RelatedCase {
  std::string role;         // Chinese: "前次处罚", "拆分部分", "他机关处罚", "移送记录", "不起诉决定"
  std::string case_id;
  std::string source;       // file:line or table rowid
  std::string agency;
  std::optional<Date> violation_date;
  std::optional<Date> decision_date;
  std::string penalty;      // e.g. "罚款 20,000.00 元", or the police decision
  std::string value;        // the value counted, e.g. the part's 销售金额
  std::string case_reason;
};

// A finding's place in the review state of periodic scans (scan --state; xianjie/state.h).
struct FindingTracking {
  std::string fingerprint;    // 32 hex digits, the same in every scan that finds it
  std::string state;          // "new" / "unchanged" / "changed", against the previous scan
  std::string status;         // "open", "confirmed", "transferred", "dismissed", "investigating"
  std::string status_reason;  // the reviewer's reason, "" when none
  std::string note;           // Chinese: a dismissal reopened because the evidence changed, …
};

// A finding of the previous scan of a state file that this scan no longer produces.
struct DisappearedFinding {
  std::string fingerprint;
  std::string status;  // as reviewed, see FindingTracking
  std::string status_reason;
  std::string rule_id;
  std::string case_id;
  std::string source;  // where it was last seen
  std::string agency;
  std::string party_name;
  std::string party_type;
  std::string offense;
  std::string severity;  // "high" / "medium" / "low"
  uint64_t first_seen_scan = 0;
  uint64_t last_seen_scan = 0;
  std::string first_seen_at;  // wall-clock times of those scans: metadata, never a legal date
  std::string last_seen_at;
};

struct Finding {
  // The case
  std::string case_id;
  std::string source;       // "cases.csv:123" or "cases.db 表 cases rowid 17"
  std::string agency;
  std::string party_name;
  std::string party_id;
  std::string party_type;   // "individual" / "unit" / ""
  std::string domain;
  std::string case_reason;
  std::string facts;        // 违法事实 as exported, "" when missing
  std::optional<Date> violation_date;
  std::optional<Date> decision_date;
  std::string fine_amount;  // as displayed, "" when missing
  bool transferred = false; // the record says it was transferred to the police

  // The rule
  std::string rule_id;
  std::string title;
  std::string offense;
  std::string law;
  std::string basis;
  RuleSeverity severity = RuleSeverity::kHigh;
  std::string pattern = "threshold";
  std::string action;       // 建议移送公安机关 / 建议调查核实
  bool confirmed = true;    // false when the threshold is marked UNCONFIRMED in the fact base
  std::string confirmation_note;
  std::string version;      // label of the rule version applied, e.g. "2022-05-15 起"
  std::string version_reason;

  std::vector<Evidence> evidence;
  std::vector<std::string> missing_fields;  // Chinese labels of fields the rule needed but were empty
  std::string message;      // one-line summary in Chinese

  // Cross-record findings (pattern history, split, multi-agency, not-filed, reverse)
  bool referral = true;     // a referral candidate (threshold, history) or a lead for review (the others)
  std::string party_key;    // the identity the records were grouped by: id, or "name:" + normalised name
  std::string party_key_basis;  // "证件号码" / "名称"; with a note when an id was not trusted
  std::vector<RelatedCase> related;

  std::optional<FindingTracking> tracking;  // set by scan --state only
};

}  // namespace xianjie
