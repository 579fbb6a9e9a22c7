// The transfer chain: 有案不立 (a transfer without a police decision in time, or refused or
// returned) and 反向衔接 (a non-prosecution decision that calls for an administrative penalty, with
// no penalty of that party in the period after it).
//
// "Now" is the scan's as-of date: --as-of, or the latest date in the exports, never the wall
// clock (data-dictionary.md, “Dates and periods”): a transfer made the day before the export was
// taken is not overdue.
#include <fmt/format.h>

#include "cross/cross_internal.h"

namespace xianjie::cross {

namespace {

Finding chain_finding(const RuleContext& rc, const CompiledVersion& v) {
  Finding f;
  const RuleInfo& info = rc.rule->info;
  f.rule_id = info.id;
  f.title = info.title;
  f.offense = info.offense;
  f.law = info.law;
  f.basis = v.basis;
  f.severity = info.severity;
  f.pattern = info.pattern;
  f.action = rc.rule->action;
  f.confirmed = v.confirmed;
  f.confirmation_note = v.confirmation_note;
  f.version = v.label;
  f.version_reason = "现行版本";
  f.referral = false;
  return f;
}

}  // namespace

void find_not_filed(const RuleContext& rc, const std::vector<TransferRow>& transfers,
                    const std::unordered_map<std::string, const CaseFact*>& cases, std::vector<Finding>& out,
                    CrossSummary& summary) {
  const std::string& id = rc.rule->info.id;
  const CompiledVersion& ver = version_on(rc, rc.as_of);
  std::string period = param_text(rc, ver, rc.rule->cross.period);
  for (const auto& t : transfers) {
    std::string what;
    std::string decision = t.police_decision.empty() ? "pending" : t.police_decision;
    Evidence ev;
    ev.field = "police_decision";
    ev.basis = ver.basis;
    if (decision == "not_filed" || decision == "returned") {
      what = decision == "not_filed" ? "公安机关决定不予立案" : "公安机关退回移送";
      ev.label = "公安处理结果";
      ev.value = decision == "not_filed" ? "不予立案" : "退回";
      ev.op = "=";
      ev.threshold = ev.value;
      ev.message = fmt::format("{}{}，属立案监督线索", what, t.police_decision_date ? "（" + t.police_decision_date->to_string() + "）" : "");
    } else {
      if (!t.transfer_date) { ++summary.skipped[id + ": 移送日期缺失"]; continue; }
      auto due = add_period(rc, ver, rc.rule->cross.period, *t.transfer_date);
      if (!due) continue;
      std::optional<Date> decided = decision == "filed" ? t.police_decision_date : std::nullopt;
      if (decision == "filed" && !decided) continue;  // filed, date unknown: nothing to measure
      if (decided) {
        if (*decided <= *due) continue;
        what = fmt::format("立案决定晚于审查期限（移送 {}，立案 {}，期限 {}）", t.transfer_date->to_string(), decided->to_string(), period);
        ev.value = fmt::format("{} 日", decided->days() - t.transfer_date->days());
      } else {
        if (!rc.as_of) { ++summary.skipped[id + ": 无法确定截止日期（没有 --as-of，导出中也没有日期）"]; continue; }
        if (*rc.as_of <= *due) continue;  // still within the period
        what = fmt::format("移送后超过 {} 未见立案决定（移送 {}，截至 {}）", period, t.transfer_date->to_string(), rc.as_of->to_string());
        ev.value = fmt::format("{} 日（截至 {}）", rc.as_of->days() - t.transfer_date->days(),
                               rc.as_of->to_string());
      }
      ev.label = "自移送之日起经过";
      ev.op = ">";
      ev.threshold = period;
      ev.param = rc.rule->params[static_cast<size_t>(rc.rule->cross.period)].name;
      ev.message = fmt::format("{} {} > {}（{}）", ev.label, ev.value, period, ver.basis);
    }
    Finding f = chain_finding(rc, ver);
    f.case_id = t.case_id;
    f.source = t.source;
    if (auto it = cases.find(t.case_id); it != cases.end()) {
      const CaseFact& c = *it->second;
      f.agency = c.agency;
      f.party_name = c.party_name;
      f.party_id = c.party_id;
      f.party_type = c.party_type;
      f.domain = c.domain;
      f.case_reason = c.case_reason;
      f.violation_date = c.violation_date;
      f.decision_date = c.decision_date;
      f.fine_amount = c.fine_amount;
      f.related.push_back(related_of(c, "行政处罚案件"));
    }
    f.transferred = true;
    RelatedCase r;
    r.role = "移送记录";
    r.case_id = t.transfer_no.empty() ? t.case_id : t.transfer_no;
    r.source = t.source;
    r.agency = t.receiving_agency;
    r.decision_date = t.police_decision_date;
    r.penalty = "移送 " + (t.transfer_date ? t.transfer_date->to_string() : std::string("（日期不详）")) + "，" +
                (decision == "filed" ? "已立案" : decision == "not_filed" ? "不予立案" : decision == "returned" ? "退回" : "待处理");
    f.related.push_back(std::move(r));
    f.evidence.push_back(std::move(ev));
    f.message = fmt::format("有案不立线索：案件 {} {}", t.case_id.empty() ? "（编号缺失）" : t.case_id, what);
    out.push_back(std::move(f));
  }
}

void find_reverse(const RuleContext& rc, const std::vector<NonProsecutionRow>& decisions,
                  const std::vector<PartyPenalty>& penalties, std::vector<Finding>& out, CrossSummary& summary) {
  const std::string& id = rc.rule->info.id;
  const CompiledVersion& ver = version_on(rc, rc.as_of);
  std::string period = param_text(rc, ver, rc.rule->cross.period);
  std::unordered_multimap<std::string, const PartyPenalty*> by_key;
  for (const auto& p : penalties) {
    if (!p.key.empty()) by_key.emplace(p.key, &p);
    if (!p.name_key.empty() && p.name_key != p.key) by_key.emplace(p.name_key, &p);
  }
  for (const auto& d : decisions) {
    bool needs = d.needs_admin_penalty.value_or(false) || !d.referred_agency.empty();
    if (!needs) continue;
    std::optional<Date> start = d.referral_date ? d.referral_date : d.decision_date;
    if (!start) { ++summary.skipped[id + ": 不起诉决定日期与检察意见日期均缺失"]; continue; }
    auto due = add_period(rc, ver, rc.rule->cross.period, *start);
    if (!due) continue;
    if (d.key.empty()) { ++summary.skipped[id + ": 被不起诉人名称与证件号码均缺失"]; continue; }
    const PartyPenalty* found = nullptr;
    for (const std::string* k : {&d.key, &d.name_key}) {
      if (k->empty()) continue;
      auto [a, b] = by_key.equal_range(*k);
      for (auto it = a; it != b && !found; ++it)
        if (it->second->decision_date && *it->second->decision_date >= *start && *it->second->decision_date <= *due)
          found = it->second;
    }
    if (found) continue;
    if (!rc.as_of) { ++summary.skipped[id + ": 无法确定截止日期（没有 --as-of，导出中也没有日期）"]; continue; }
    if (*rc.as_of <= *due) continue;  // the period has not run out yet
    Finding f = chain_finding(rc, ver);
    f.case_id = d.np_id;
    f.source = d.source;
    f.agency = d.referred_agency;
    f.party_name = d.party_name;
    f.party_id = d.party_id;
    f.decision_date = d.decision_date;
    f.party_key = d.key;
    f.party_key_basis = d.key.rfind("name:", 0) == 0 ? "名称" : "证件号码";
    Evidence ev;
    ev.field = "decision_date,referral_date";
    ev.label = fmt::format("自{}起 {} 内同一当事人的行政处罚", d.referral_date ? "检察意见发出" : "不起诉决定", period);
    ev.value = fmt::format("0 件（截至 {}）", rc.as_of->to_string());
    ev.op = "=";
    ev.threshold = "0";
    ev.param = rc.rule->params[static_cast<size_t>(rc.rule->cross.period)].name;
    ev.basis = ver.basis;
    ev.message = fmt::format("{}：{}（{}）", ev.label, ev.value, ver.basis);
    f.evidence.push_back(std::move(ev));
    RelatedCase r;
    r.role = "不起诉决定";
    r.case_id = d.np_id;
    r.source = d.source;
    r.agency = d.referred_agency;
    r.decision_date = d.decision_date;
    r.penalty = d.offense.empty() ? "" : "涉嫌" + d.offense;
    f.related.push_back(std::move(r));
    f.message = fmt::format("反向衔接线索：{}（{}）于 {} 被不起诉{}，{} 内未见对其作出的行政处罚{}",
                            d.party_name.empty() ? "被不起诉人" : d.party_name, d.np_id.empty() ? "文号缺失" : d.np_id,
                            d.decision_date ? d.decision_date->to_string() : std::string("（日期不详）"),
                            d.referred_agency.empty() ? "并需给予行政处罚" : "，检察意见移送 " + d.referred_agency, period,
                            d.referred_agency.empty() ? "" : "（任何机关）");
    out.push_back(std::move(f));
  }
}

}  // namespace xianjie::cross
