// History rules: "二年内曾因同类行为受过二次以上行政处罚，又实施…".
//
// For every record of the rule's conduct (the new act), the earlier penalties are the other
// records of the same party and conduct whose decision date (standing in for the date the penalty
// took effect, which exports do not carry) lies within the window before the new act's violation
// date, both ends included, in calendar terms (data-dictionary.md, “Dates and periods”). Without
// a window (非法行医: 两次以上), every earlier decision counts. A record without a violation date
// is not judged as a new act, and one without a decision date does not count as an earlier
// penalty; both are counted in the summary.
#include <algorithm>

#include <fmt/format.h>

#include "cross/cross_internal.h"

namespace xianjie::cross {

void find_history(const RuleContext& rc, const std::vector<Member>& members, std::vector<Finding>& out,
                  CrossSummary& summary) {
  const std::string& id = rc.rule->info.id;
  auto groups = group_by_party(members, [](const Member& a, const Member& b) {
    return a.fact->decision_date.value_or(Date::from_days(INT32_MAX)) <
           b.fact->decision_date.value_or(Date::from_days(INT32_MAX));
  });
  for (const auto& g : groups) {
    // Decided records, by decision date (the group's order).
    std::vector<const CaseFact*> decided;
    for (const auto& m : g)
      if (m.fact->decision_date) decided.push_back(m.fact);
      else ++summary.skipped[id + ": 处罚决定日期缺失，不计为前次处罚"];
    for (const auto& m : g) {
      if (!m.act) continue;
      const CaseFact& act = *m.fact;
      if (!act.violation_date) {
        ++summary.skipped[id + ": 违法行为发生日期缺失，不作为再次实施的行为判断"];
        continue;
      }
      if (act.transferred && !rc.include_transferred) continue;
      Date v = *act.violation_date;
      const CompiledVersion& ver = version_on(rc, v);
      std::vector<const CaseFact*> earlier;
      // Decisions on or before the act; with a window, only those whose window reaches the act.
      auto end = std::upper_bound(decided.begin(), decided.end(), v,
                                  [](Date d, const CaseFact* f) { return d < *f->decision_date; });
      for (auto it = decided.begin(); it != end; ++it) {
        const CaseFact* e = *it;
        if (e == &act || (!e->case_id.empty() && e->case_id == act.case_id)) continue;
        if (auto reach = add_period(rc, ver, rc.rule->cross.period, *e->decision_date); reach && v > *reach) continue;
        earlier.push_back(e);
      }
      Decimal need = param_decimal(ver, rc.rule->cross.count);
      auto have = Decimal::from_int(static_cast<int64_t>(earlier.size()));
      if (!have || *have < need || earlier.empty()) continue;

      Finding f = base_finding(rc, act, ver);
      f.version_reason = "本次违法行为发生时有效的版本";
      std::string window = param_text(rc, ver, rc.rule->cross.period);
      std::string count = param_text(rc, ver, rc.rule->cross.count);
      std::string dates;
      for (const CaseFact* e : earlier) {
        dates += (dates.empty() ? "" : "、") + e->decision_date->to_string();
        f.related.push_back(related_of(*e, "前次处罚"));
      }
      Evidence ev;
      ev.field = "decision_date,violation_date";
      ev.label = window.empty() ? "此前因同类行为受行政处罚次数" : fmt::format("{}内此前因同类行为受行政处罚次数", window);
      ev.value = fmt::format("{} 次（处罚决定日期 {}；本次违法行为发生日期 {}）", earlier.size(), dates, v.to_string());
      ev.op = "≥";
      ev.threshold = count;
      ev.param = rc.rule->params[static_cast<size_t>(rc.rule->cross.count)].name;
      ev.basis = ver.basis;
      ev.message = fmt::format("{} {} ≥ {}（{}）", ev.label, ev.value, ev.threshold, ev.basis);
      f.evidence.push_back(std::move(ev));
      f.message = fmt::format("涉嫌{}：{}{}曾因同类行为受过 {} 次行政处罚（处罚决定日期 {}），又于 {} 实施", f.offense,
                              act.party_name.empty() ? "当事人" : act.party_name, window.empty() ? "" : "在 " + window + "内",
                              earlier.size(), dates, v.to_string());
      if (act.key_by_person_name) {
        // People share names: without an id the earlier penalties may be someone else's.
        f.action = "建议调查核实";
        f.message += "【仅按姓名归并，须核实是否同一人】";
      }
      if (!f.confirmed) f.message += "【门槛待核实】";
      out.push_back(std::move(f));
    }
  }
}

}  // namespace xianjie::cross
