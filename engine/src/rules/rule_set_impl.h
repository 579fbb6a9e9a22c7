// The compiled rule pack behind xianjie::RuleSet.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <re2/re2.h>

#include "expr/compiler.h"
#include "expr/keywords.h"
#include "expr/program.h"
#include "xianjie/rule_set.h"

namespace xianjie {

struct CompiledVersion {
  std::optional<Date> from;  // inclusive
  std::optional<Date> to;    // inclusive
  std::string label;         // "2022-05-15 起" / "2010-05-07 至 2022-05-14"
  std::string basis;         // citation of this version's thresholds
  bool confirmed = true;
  std::string confirmation_note;
  std::vector<Value> params;  // parameter values in force in this version (no text values)
  bool own_when = false;      // the version states its own criteria (`when`), used instead of the rule's
  std::string when_text;
  expr::Program when;

  bool in_force(Date d) const { return (!from || *from <= d) && (!to || d <= *to); }
};

// Rules that look across records (rules.md, “跨案件规则”). The rule's scope and `when` decide,
// per record, whether it belongs to the rule's conduct; the spec says how records are combined.
enum class CrossKind : uint8_t { kNone, kHistory, kSplit, kMultiAgency, kNotFiled, kReverse };

struct CrossSpec {
  CrossKind kind = CrossKind::kNone;
  int period = -1;     // param: history window, split / multi-agency period, not-filed review period,
                       // reverse period (a duration; -1 = none: 非法行医 counts penalties without a window)
  int count = -1;      // param: earlier penalties (history), agencies (multi-agency)
  int threshold = -1;  // param: the amount the parts of a split case must reach together
  expr::Program value; // split: the amount of one part (e.g. sales_amount)
  std::string value_text;
};

struct CompiledRule {
  RuleInfo info;
  std::string action;
  std::vector<expr::ParamInfo> params;
  std::vector<std::string> param_basis;  // per parameter; empty = the version's basis
  // Per parameter: the legal range [lo, hi] within which a province fixes the value, if any.
  std::vector<std::optional<std::pair<Value, Value>>> param_ranges;
  std::vector<CompiledVersion> versions; // sorted by `from`

  // The criteria in force in version `v`: its own `when`, or the rule's.
  const expr::Program& when_of(size_t v) const { return versions[v].own_when ? versions[v].when : when; }
  std::vector<expr::Program> scope;      // every one must hold (generated scope, scope.when)
  expr::Program when;
  CrossSpec cross;                       // kind kNone for single-record rules
};

class RuleSetImpl {
 public:
  std::vector<CompiledRule> rules;
  std::vector<RuleInfo> infos;
  expr::KeywordTable keywords;
  std::vector<std::unique_ptr<RE2>> regexes;
  std::vector<std::string> extra_columns;
  std::vector<int> scanned_slots;
  std::vector<bool> slots_read;
  bool has_cross = false;  // some rule is a cross-record rule  // see RuleSet::slots_read; filled after loading
  std::optional<Date> as_of;

  // Keyword prefilter. Most rules can only apply when 案由 or 违法事实 mentions one of their
  // keywords (see prefilter.cpp for how that requirement is derived from scope and `when`);
  // `pattern_rules[p]` lists the rules a hit of pattern p makes candidates. Per record, one
  // automaton pass over the two texts selects the few rules worth evaluating. Transfer-chain rules
  // are in neither list: they never judge a case record.
  std::vector<std::vector<int32_t>> pattern_rules;
  std::vector<int32_t> unconditional_rules;  // rules evaluated on every record
};

// Fills the keyword prefilter of `impl` from its compiled scopes (after keywords.build()).
void build_prefilter(RuleSetImpl& impl);

// Loads files into `impl`; every problem goes to `diagnostics`.
// `select` (LoadOptions::select) keeps only the chosen rules; the others are checked for errors but
// not compiled, so their keywords do not enlarge the automaton.
void load_rule_files(const std::vector<std::string>& paths, const std::vector<std::string>& select, RuleSetImpl& impl,
                     Diagnostics& diagnostics);

// True when rule `id` is kept by `select` (empty: every rule): an id selects itself and the ids
// that continue it after a dash.
bool rule_selected(const std::string& id, const std::vector<std::string>& select);

// Applies local parameter files (provincial values) to loaded rules; problems go to `diagnostics`.
void apply_local_params(const std::vector<std::string>& files, RuleSetImpl& impl, Diagnostics& diagnostics);

}  // namespace xianjie
