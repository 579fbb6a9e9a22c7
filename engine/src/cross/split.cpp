// Split cases (化整为零) and one party penalised by several agencies (多头受罚).
//
// Split: records of the same party and conduct, each under the threshold on its own, whose
// amounts (`split: sum:`) reach it together within the declared period (measured between the
// violation dates, or the decision dates where a violation date is missing). The law adds amounts
// up only for acts not yet handled (未经处理), so parts that were each penalised are a lead for
// review — was one act cut into several cases? — and never a referral candidate on their own.
//
// Multi-agency: records of the same party and conduct decided by at least `agencies` different
// agencies within the period (between decision dates).
//
// Both scan each party's records in date order with a window of the declared length; a group that
// qualifies is reported once with every record in it, and the scan continues after its last one.
#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "cross/cross_internal.h"

namespace xianjie::cross {

namespace {

std::optional<Date> act_date(const CaseFact& f) { return f.violation_date ? f.violation_date : f.decision_date; }

}  // namespace

void find_split(const RuleContext& rc, const std::vector<Member>& members, std::vector<Finding>& out,
                CrossSummary& summary) {
  const std::string& id = rc.rule->info.id;
  std::vector<Member> parts;
  for (const auto& m : members) {
    if (!m.has_value) { ++summary.skipped[id + ": 金额缺失，不计入累计"]; continue; }
    if (!act_date(*m.fact)) { ++summary.skipped[id + ": 违法行为发生日期与处罚决定日期均缺失"]; continue; }
    parts.push_back(m);
  }
  auto groups = group_by_party(parts, [](const Member& a, const Member& b) { return *act_date(*a.fact) < *act_date(*b.fact); });
  const int th = rc.rule->cross.threshold;
  for (const auto& g : groups) {
    if (g.size() < 2) continue;
    size_t i = 0;
    while (i < g.size()) {
      // Parts that reach the threshold alone are referral candidates themselves, not parts.
      const CompiledVersion& first_ver = version_on(rc, act_date(*g[i].fact));
      if (!(g[i].value < param_decimal(first_ver, th))) { ++i; continue; }
      Date start = *act_date(*g[i].fact);
      auto reach = add_period(rc, first_ver, rc.rule->cross.period, start);
      Decimal sum = g[i].value;
      std::vector<const Member*> group{&g[i]};
      size_t j = i + 1;
      for (; j < g.size(); ++j) {
        Date d = *act_date(*g[j].fact);
        if (reach && d > *reach) break;
        const CompiledVersion& v = version_on(rc, d);
        if (!(g[j].value < param_decimal(v, th))) continue;
        auto s = sum.add(g[j].value);
        if (!s) break;
        sum = *s;
        group.push_back(&g[j]);
      }
      const CaseFact& last = *group.back()->fact;
      const CompiledVersion& ver = version_on(rc, act_date(last));
      Decimal need = param_decimal(ver, th);
      if (group.size() < 2 || sum < need) { ++i; continue; }

      Finding f = base_finding(rc, last, ver);
      f.referral = false;
      f.action = "建议调查核实";
      std::string label = rc.rule->cross.value.root >= 0
                              ? rc.rule->cross.value.code[static_cast<size_t>(rc.rule->cross.value.root)].label
                              : "金额";
      std::string parts_text;
      for (const Member* m : group) {
        RelatedCase r = related_of(*m->fact, "拆分部分");
        r.value = m->value.to_grouped(2) + " 元";
        parts_text += (parts_text.empty() ? "" : " + ") + m->value.to_grouped(2);
        f.related.push_back(std::move(r));
      }
      std::string period = param_text(rc, ver, rc.rule->cross.period);
      Evidence ev;
      ev.field = "split";
      ev.label = fmt::format("{}内 {} 件案件{}合计", period, group.size(), label);
      ev.value = fmt::format("{} 元（{}）", sum.to_grouped(2), parts_text);
      ev.op = "≥";
      ev.threshold = param_text(rc, ver, th);
      ev.param = rc.rule->params[static_cast<size_t>(th)].name;
      ev.basis = ver.basis;
      ev.message = fmt::format("{} {} ≥ {}，而每件均未达到（{}）", ev.label, ev.value, ev.threshold, ev.basis);
      f.evidence.push_back(std::move(ev));
      f.message = fmt::format(
          "疑似拆分案件：{}{}内同类行为 {} 件，每件{}均未达 {}，合计 {} 元。累计计算以未经处理为前提，"
          "各件已分别处罚的，须审查是否将一个行为拆成数案（线索，非移送对象）",
          last.party_name.empty() ? "当事人" : last.party_name, period, group.size(), label, param_text(rc, ver, th),
          sum.to_grouped(2));
      if (last.key_by_person_name) f.message += "【仅按姓名归并，须核实是否同一人】";
      out.push_back(std::move(f));
      i = j;
    }
  }
}

void find_multi_agency(const RuleContext& rc, const std::vector<Member>& members, std::vector<Finding>& out,
                       CrossSummary& summary) {
  const std::string& id = rc.rule->info.id;
  std::vector<Member> decided;
  for (const auto& m : members) {
    if (!m.fact->decision_date) { ++summary.skipped[id + ": 处罚决定日期缺失"]; continue; }
    decided.push_back(m);
  }
  auto groups = group_by_party(decided, [](const Member& a, const Member& b) { return *a.fact->decision_date < *b.fact->decision_date; });
  for (const auto& g : groups) {
    size_t i = 0;
    while (i < g.size()) {
      const CompiledVersion& first_ver = version_on(rc, g[i].fact->decision_date);
      auto reach = add_period(rc, first_ver, rc.rule->cross.period, *g[i].fact->decision_date);
      std::set<std::string_view> agencies;
      size_t j = i;
      for (; j < g.size(); ++j) {
        if (reach && *g[j].fact->decision_date > *reach) break;
        agencies.insert(g[j].fact->agency);
      }
      const CaseFact& last = *g[j - 1].fact;
      const CompiledVersion& ver = version_on(rc, last.decision_date);
      auto have = Decimal::from_int(static_cast<int64_t>(agencies.size()));
      if (!have || *have < param_decimal(ver, rc.rule->cross.count) || agencies.size() < 2) { ++i; continue; }
      Finding f = base_finding(rc, last, ver);
      f.referral = false;
      f.action = "建议调查核实";
      std::string names;
      for (const auto& a : agencies) names += (names.empty() ? "" : "、") + (a.empty() ? std::string("（机关不详）") : std::string(a));
      for (size_t k = i; k < j; ++k) f.related.push_back(related_of(*g[k].fact, "同一当事人的处罚"));
      std::string period = param_text(rc, ver, rc.rule->cross.period);
      Evidence ev;
      ev.field = "agency,decision_date";
      ev.label = fmt::format("{}内作出处罚的机关数", period);
      ev.value = fmt::format("{} 个（{}；{} 件案件）", agencies.size(), names, j - i);
      ev.op = "≥";
      ev.threshold = param_text(rc, ver, rc.rule->cross.count);
      ev.param = rc.rule->params[static_cast<size_t>(rc.rule->cross.count)].name;
      ev.basis = ver.basis;
      ev.message = fmt::format("{} {} ≥ {}", ev.label, ev.value, ev.threshold);
      f.evidence.push_back(std::move(ev));
      f.message = fmt::format("多头受罚：{}{}内因同类行为被 {} 个机关处罚 {} 次（{}），须核对是否同一违法行为被分别处理、"
                              "合并计算是否达到追诉标准（线索，非移送对象）",
                              last.party_name.empty() ? "当事人" : last.party_name, period, agencies.size(), j - i, names);
      if (last.key_by_person_name) f.message += "【仅按姓名归并，须核实是否同一人】";
      out.push_back(std::move(f));
      i = j;
    }
  }
}

}  // namespace xianjie::cross
