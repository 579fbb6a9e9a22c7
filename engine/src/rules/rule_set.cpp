// RuleSet: the public face of a loaded, compiled pack.
#include "rules/rule_set_impl.h"
#include "xianjie/fields.h"

namespace xianjie {

std::string_view severity_name(RuleSeverity s) {
  switch (s) {
    case RuleSeverity::kHigh: return "high";
    case RuleSeverity::kMedium: return "medium";
    case RuleSeverity::kLow: return "low";
  }
  return "high";
}

std::string_view severity_label(RuleSeverity s) {
  switch (s) {
    case RuleSeverity::kHigh: return "高";
    case RuleSeverity::kMedium: return "中";
    case RuleSeverity::kLow: return "低";
  }
  return "高";
}

bool rule_selected(const std::string& id, const std::vector<std::string>& select) {
  if (select.empty()) return true;
  for (const auto& s : select)
    if (id == s || (id.size() > s.size() && id.compare(0, s.size(), s) == 0 && id[s.size()] == '-')) return true;
  return false;
}

namespace {

void mark_program_slots(const expr::Program& program, std::vector<bool>& read) {
  for (const auto& in : program.code)
    if (in.op == expr::Op::kSlot && in.index >= 0 && static_cast<size_t>(in.index) < read.size())
      read[static_cast<size_t>(in.index)] = true;
}

void collect_slots_read(RuleSetImpl& impl) {
  std::vector<bool> read(cases_fields().size() + impl.extra_columns.size(), false);
  // What every finding reports or the scan itself looks at (fields.h, Matcher, Scanner).
  for (int s : {slot::kCaseId, slot::kAgency, slot::kPartyName, slot::kPartyId, slot::kPartyType, slot::kDomain,
                slot::kCaseReason, slot::kFacts, slot::kViolationDate, slot::kDecisionDate, slot::kFineAmount,
                slot::kTransferred, slot::kTransferDate, slot::kRegionCode, slot::kPenaltyKinds})
    read[static_cast<size_t>(s)] = true;
  for (int s : impl.scanned_slots) read[static_cast<size_t>(s)] = true;
  for (const auto& rule : impl.rules) {
    for (const auto& p : rule.scope) mark_program_slots(p, read);
    mark_program_slots(rule.when, read);
    mark_program_slots(rule.cross.value, read);
    for (size_t v = 0; v < rule.versions.size(); ++v) mark_program_slots(rule.when_of(v), read);
  }
  // The 计量单位 column qualifies 涉案数量.
  if (read[slot::kQuantity]) read[slot::kQuantityUnit] = true;
  impl.slots_read = std::move(read);
}

}  // namespace

RuleSet::RuleSet() : impl_(std::make_unique<RuleSetImpl>()) {}
RuleSet::~RuleSet() = default;
RuleSet::RuleSet(RuleSet&&) noexcept = default;
RuleSet& RuleSet::operator=(RuleSet&&) noexcept = default;

std::unique_ptr<RuleSet> RuleSet::load(const std::vector<std::string>& paths, Diagnostics& diagnostics,
                                       const LoadOptions& options) {
  std::unique_ptr<RuleSet> rs(new RuleSet());
  rs->impl_->as_of = options.as_of;
  size_t before = diagnostics.error_count();
  load_rule_files(paths, options.select, *rs->impl_, diagnostics);
  if (diagnostics.error_count() > before) return nullptr;
  apply_local_params(options.params_files, *rs->impl_, diagnostics);
  if (diagnostics.error_count() > before) return nullptr;
  if (rs->impl_->rules.empty()) {
    diagnostics.error("E-RULE-NONE", "没有加载到任何规则");
    return nullptr;
  }
  build_prefilter(*rs->impl_);
  collect_slots_read(*rs->impl_);
  for (const auto& r : rs->impl_->rules) rs->impl_->has_cross = rs->impl_->has_cross || r.cross.kind != CrossKind::kNone;
  return rs;
}

const std::vector<RuleInfo>& RuleSet::rules() const { return impl_->infos; }
const std::vector<std::string>& RuleSet::extra_columns() const { return impl_->extra_columns; }
size_t RuleSet::slot_count() const { return cases_fields().size() + impl_->extra_columns.size(); }
const std::vector<bool>& RuleSet::slots_read() const { return impl_->slots_read; }

}  // namespace xianjie
