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
  return rs;
}

const std::vector<RuleInfo>& RuleSet::rules() const { return impl_->infos; }
const std::vector<std::string>& RuleSet::extra_columns() const { return impl_->extra_columns; }
size_t RuleSet::slot_count() const { return cases_fields().size() + impl_->extra_columns.size(); }

}  // namespace xianjie
