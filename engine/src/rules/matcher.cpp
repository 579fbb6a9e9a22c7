// Matcher: evaluates every rule on a record, chooses the rule version by the violation date
// (从旧兼从轻, 刑法第十二条), and builds findings with their evidence.
#include <algorithm>
#include <functional>

#include <fmt/format.h>

#include "expr/evaluator.h"
#include "rules/evidence.h"
#include "rules/literal.h"
#include "rules/rule_set_impl.h"
#include "common/text.h"
#include "xianjie/fields.h"

namespace xianjie {

struct Matcher::State {
  const RuleSetImpl* rs;
  MatchOptions options;
  expr::KeywordHits hits;
  std::vector<Value> trace;
  std::vector<size_t> current;  // per rule: the version in force "now"
  std::vector<uint32_t> stamp;  // per rule: == generation when a keyword made it a candidate
  uint32_t generation = 0;
  std::vector<int32_t> candidates;  // this record's rules to evaluate, in rule order

  // Lists the rules worth evaluating on this record: those without a keyword requirement, and
  // those whose required scope keywords occur in 案由 or 违法事实.
  void mark_candidates(const Value* slots) {
    if (++generation == 0) { std::fill(stamp.begin(), stamp.end(), 0); generation = 1; }
    candidates.assign(rs->unconditional_rules.begin(), rs->unconditional_rules.end());
    hits.scan_pair(slot::kCaseReason, slot::kFacts, slots);
    const uint64_t* a = hits.get(slot::kCaseReason, slots);
    const uint64_t* b = hits.get(slot::kFacts, slots);
    if (!a && !b) return;
    const size_t unconditional = candidates.size();
    size_t words = rs->keywords.words();
    for (size_t w = 0; w < words; ++w) {
      uint64_t bits = (a ? a[w] : 0) | (b ? b[w] : 0);
      while (bits) {
        size_t p = w * 64 + static_cast<size_t>(__builtin_ctzll(bits));
        bits &= bits - 1;
        for (int32_t r : rs->pattern_rules[p]) {
          if (stamp[static_cast<size_t>(r)] == generation) continue;
          stamp[static_cast<size_t>(r)] = generation;
          candidates.push_back(r);
        }
      }
    }
    // Findings come out in rule order, whatever order the keywords were found in.
    if (candidates.size() > unconditional) std::sort(candidates.begin(), candidates.end());
  }
  State(const RuleSetImpl& r, MatchOptions o) : rs(&r), options(o), hits(&r.keywords, &r.scanned_slots) {}
};

namespace {

std::string text_of(const Value& v) { return v.is_null() ? std::string() : v.display(); }

// Index of the version in force on `d`, or -1.
int version_at(const CompiledRule& rule, Date d) {
  for (size_t k = 0; k < rule.versions.size(); ++k)
    if (rule.versions[k].in_force(d)) return static_cast<int>(k);
  return -1;
}

}  // namespace

Matcher::Matcher(const RuleSet& rules, MatchOptions options)
    : state_(std::make_unique<State>(rules.impl(), options)) {
  for (const auto& r : state_->rs->rules) {
    int cur = -1;
    if (state_->rs->as_of) cur = version_at(r, *state_->rs->as_of);
    if (cur < 0) cur = static_cast<int>(r.versions.size()) - 1;
    state_->current.push_back(static_cast<size_t>(cur));
  }
  state_->stamp.assign(state_->rs->rules.size(), 0);
}

Matcher::~Matcher() = default;

bool Matcher::is_transferred(const Record& record) const {
  const Value* slots = record.slots.data();
  if ((slots[slot::kTransferred].type() == ValueType::kBool && slots[slot::kTransferred].as_bool()) ||
      !slots[slot::kTransferDate].is_null())
    return true;
  const auto* ids = state_->options.transferred_case_ids;
  if (!ids || ids->empty() || slots[slot::kCaseId].is_null()) return false;
  return ids->count(std::string(trim(slots[slot::kCaseId].as_text()))) > 0;
}

size_t Matcher::match(const Record& record, std::vector<Finding>& out, std::vector<Membership>* members) {
  return match(record, is_transferred(record), out, members);
}

size_t Matcher::match(const Record& record, bool transferred, std::vector<Finding>& out,
                      std::vector<Membership>* members) {
  State& st = *state_;
  const Value* slots = record.slots.data();
  const bool skip_single = transferred && !st.options.include_transferred;
  if (skip_single && (!members || !st.rs->has_cross)) return 0;
  st.hits.reset();
  expr::EvalContext ctx;
  ctx.slots = slots;
  ctx.keywords = &st.rs->keywords;
  ctx.regexes = &st.rs->regexes;
  ctx.hits = &st.hits;
  size_t added = 0;
  const Value& vdate = slots[slot::kViolationDate];
  st.mark_candidates(slots);
  for (int32_t candidate : st.candidates) {
    const size_t ri = static_cast<size_t>(candidate);
    const CompiledRule& rule = st.rs->rules[ri];
    const bool cross = rule.cross.kind != CrossKind::kNone;
    if (cross ? !members : skip_single) continue;
    // Transfer-chain rules judge the transfers and non_prosecutions tables, not case records.
    if (rule.cross.kind == CrossKind::kNotFiled || rule.cross.kind == CrossKind::kReverse) continue;
    size_t current = st.current[ri];
    size_t applied = current;
    if (!vdate.is_null()) {
      int at = version_at(rule, vdate.as_date());
      if (at < 0) continue;  // no version in force at the time of the act: not judged by this rule
      applied = static_cast<size_t>(at);
    }
    ctx.params = rule.versions[applied].params.data();
    ctx.trace = nullptr;
    bool in_scope = true;
    for (const auto& sp : rule.scope)
      if (!expr::is_true(expr::evaluate(sp, ctx))) { in_scope = false; break; }
    if (!in_scope) continue;
    const expr::Program& when = rule.when_of(applied);
    const bool holds = expr::is_true(expr::evaluate(when, ctx));
    if (cross) {
      // A history rule's `when` describes the new act (e.g. 又非法经营食盐十吨以上); an earlier
      // penalty only needs the conduct (scope). The other kinds keep only records where it holds.
      if (!holds && rule.cross.kind != CrossKind::kHistory) continue;
      Membership m;
      m.rule = static_cast<uint32_t>(ri);
      m.act = holds;
      if (rule.cross.kind == CrossKind::kSplit && rule.cross.value.root >= 0)
        m.has_value = expr::evaluate(rule.cross.value, ctx).numeric(m.value);
      members->push_back(m);
      continue;
    }
    if (!holds) continue;
    if (applied != current) {
      // 从旧兼从轻: a later version that would not make this a crime is more favourable and applies.
      ctx.params = rule.versions[current].params.data();
      bool still = expr::is_true(expr::evaluate(rule.when_of(current), ctx));
      ctx.params = rule.versions[applied].params.data();
      if (!still) continue;
    }
    // Second pass with a trace, for the evidence.
    st.trace.assign(when.code.size(), Value());
    ctx.trace = &st.trace;
    expr::evaluate(when, ctx);
    ctx.trace = nullptr;

    Finding f;
    f.case_id = text_of(slots[slot::kCaseId]);
    f.agency = text_of(slots[slot::kAgency]);
    f.party_name = text_of(slots[slot::kPartyName]);
    f.party_id = text_of(slots[slot::kPartyId]);
    f.party_type = text_of(slots[slot::kPartyType]);
    f.domain = text_of(slots[slot::kDomain]);
    f.case_reason = text_of(slots[slot::kCaseReason]);
    f.facts = text_of(slots[slot::kFacts]);
    if (!vdate.is_null()) f.violation_date = vdate.as_date();
    if (!slots[slot::kDecisionDate].is_null()) f.decision_date = slots[slot::kDecisionDate].as_date();
    if (!slots[slot::kFineAmount].is_null()) {
      Decimal d;
      if (slots[slot::kFineAmount].numeric(d)) f.fine_amount = d.to_grouped(2);
    }
    f.transferred = transferred;
    f.source = record.location_text;
    const RuleInfo& info = rule.info;
    const CompiledVersion& ver = rule.versions[applied];
    f.rule_id = info.id;
    f.title = info.title;
    f.offense = info.offense;
    f.law = info.law;
    f.basis = ver.basis;
    f.severity = info.severity;
    f.pattern = info.pattern;
    // fine-floor and near-threshold rules give leads for review, not referral candidates.
    f.referral = info.pattern == "threshold" || info.pattern == "history";
    f.action = transferred ? "已移送（仅供核对）" : rule.action;
    f.confirmed = ver.confirmed;
    f.confirmation_note = ver.confirmation_note;
    f.version = ver.label;
    f.version_reason = vdate.is_null()     ? "违法行为发生日期缺失，按现行版本判断"
                       : applied == current ? "行为时有效，亦为现行版本"
                                            : fmt::format("行为时有效的版本；现行版本（{}）对当事人并不更有利",
                                                          rule.versions[current].label);

    rules::EvidenceContext ec;
    ec.program = &when;
    ec.trace = &st.trace;
    ec.keywords = &st.rs->keywords;
    for (const auto& p : rule.params) ec.param_names.push_back(p.name);
    ec.param_basis = rule.param_basis;
    ec.version_basis = ver.basis;
    ec.matched_keyword = [&](int slot, int32_t set) -> std::string {
      const uint64_t* bits = st.hits.get(slot, slots);
      if (!bits) return "";
      int32_t p = st.rs->keywords.first_hit(set, bits);
      return p < 0 ? "" : st.rs->keywords.pattern(p);
    };
    rules::collect_evidence(ec, f.evidence);
    f.missing_fields = rules::missing_fields(when, st.trace);
    std::string msg;
    for (const auto& e : f.evidence) {
      if (e.op == "含") continue;  // keyword hits explain the scope, thresholds explain the crime
      msg += (msg.empty() ? "" : "；") + e.message;
    }
    if (msg.empty())
      for (const auto& e : f.evidence) msg += (msg.empty() ? "" : "；") + e.message;
    f.message = fmt::format("涉嫌{}：{}", info.offense, msg);
    if (!f.confirmed) f.message += "【门槛待核实】";
    out.push_back(std::move(f));
    ++added;
  }
  return added;
}

std::vector<std::string> Matcher::explain(size_t rule_index, const Record& record) {
  State& st = *state_;
  const CompiledRule& rule = st.rs->rules.at(rule_index);
  std::vector<std::string> lines;
  st.hits.reset();
  expr::EvalContext ctx;
  ctx.slots = record.slots.data();
  ctx.keywords = &st.rs->keywords;
  ctx.regexes = &st.rs->regexes;
  ctx.hits = &st.hits;
  size_t applied = st.current[rule_index];
  const Value& vdate = record.slots[slot::kViolationDate];
  if (!vdate.is_null()) {
    int at = version_at(rule, vdate.as_date());
    if (at < 0) {
      lines.push_back(fmt::format("违法行为发生日期 {} 时本规则尚无有效版本，不适用", vdate.as_date().to_string()));
      return lines;
    }
    applied = static_cast<size_t>(at);
  }
  ctx.params = rule.versions[applied].params.data();
  lines.push_back(fmt::format("适用版本: {}（{}）", rule.versions[applied].label, rule.versions[applied].basis));
  auto tree = [&](const expr::Program& p, const char* title) {
    st.trace.assign(p.code.size(), Value());
    ctx.trace = &st.trace;
    expr::evaluate(p, ctx);
    ctx.trace = nullptr;
    lines.push_back(title);
    std::function<void(int32_t, int)> walk = [&](int32_t i, int depth) {
      const expr::Instr& in = p.code[static_cast<size_t>(i)];
      const Value& v = st.trace[static_cast<size_t>(i)];
      std::string mark = v.type() == ValueType::kBool ? (v.as_bool() ? "✔" : "✘") : "？";
      std::string indent(static_cast<size_t>(depth) * 2, ' ');
      if (in.op == expr::Op::kAnd || in.op == expr::Op::kOr) {
        lines.push_back(fmt::format("{}{} {}", indent, mark, in.op == expr::Op::kAnd ? "全部满足:" : "任一满足:"));
        for (int32_t k = 0; k < in.count; ++k) walk(p.children[static_cast<size_t>(in.first + k)], depth + 1);
        return;
      }
      if (in.op == expr::Op::kNot) {
        lines.push_back(fmt::format("{}{} 并非:", indent, mark));
        walk(in.a, depth + 1);
        return;
      }
      std::string detail;
      if (in.op == expr::Op::kCompare) {
        auto [a, b] = rules::render_operands(p, i, st.trace);
        detail = fmt::format("  [{} = {}，{} = {}]", p.code[static_cast<size_t>(in.a)].label, a,
                             p.code[static_cast<size_t>(in.b)].label, b);
      }
      lines.push_back(fmt::format("{}{} {}{}", indent, mark, in.label, detail));
    };
    walk(p.root, 1);
  };
  for (const auto& sp : rule.scope) tree(sp, "适用范围:");
  tree(rule.when_of(applied), "条件 when:");
  size_t current = st.current[rule_index];
  if (applied != current && expr::is_true(expr::evaluate(rule.when_of(applied), ctx))) {
    // 从旧兼从轻: show whether the current version would also make the act a crime.
    ctx.params = rule.versions[current].params.data();
    bool still = expr::is_true(expr::evaluate(rule.when_of(current), ctx));
    lines.push_back(still ? fmt::format("现行版本（{}）下同样构成", rule.versions[current].label)
                          : fmt::format("现行版本（{}）下不构成：按从旧兼从轻，适用对当事人有利的现行版本，不列为线索",
                                        rule.versions[current].label));
  }
  return lines;
}

}  // namespace xianjie
