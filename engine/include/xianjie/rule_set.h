// Loading, compiling and evaluating a rule pack.
//
// RuleSet::load reads every YAML file given (a directory means every *.yaml / *.yml below it),
// collects every problem of every file in Diagnostics, and returns a rule set only when there was
// no error: nothing is ever scanned with a half-loaded pack. A loaded RuleSet is immutable and can
// be shared by several Matchers (one per thread).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "xianjie/date.h"
#include "xianjie/decimal.h"
#include "xianjie/diagnostics.h"
#include "xianjie/finding.h"
#include "xianjie/record.h"

namespace xianjie {

struct ParamDoc {
  std::string name;
  std::string label;
  std::string value;   // default, as displayed ("50,000 元")
  std::string unit;
  std::string basis;
  std::string range;   // "100,000 元 至 300,000 元" when the law gives a range for local values
  std::string source;  // where the value in force comes from: "全国标准（默认值）" or the local file's document
};

struct VersionDoc {
  std::string label;   // "2022-05-15 至今"
  std::optional<Date> from, to;
  std::string basis;
  std::vector<std::pair<std::string, std::string>> params;  // name → displayed value in this version
  std::string when_text;  // the version's own criteria, when they differ from the rule's
};

struct ExampleRecord {
  std::string name;
  bool expect_match = true;
  std::vector<std::pair<std::string, std::string>> fields;  // header or canonical name → raw text
  SourceLocation location;
};

// What the outside world may know about a loaded rule.
struct RuleInfo {
  std::string id;
  std::string title;
  std::string offense;
  std::string law;
  std::string basis;
  RuleSeverity severity = RuleSeverity::kHigh;
  std::string pattern;
  bool confirmed = true;
  std::string confirmation_note;
  std::string when_text;
  std::string file;
  SourceLocation location;
  std::vector<ParamDoc> params;
  std::vector<VersionDoc> versions;
  std::vector<ExampleRecord> examples;
};

struct LoadOptions {
  std::optional<Date> as_of;  // "now" for choosing the current version; default: the latest version
  // Local parameter files (--params rules/local/<region>.yaml): provincial values within the legal
  // ranges the rules declare, each with its source document.
  std::vector<std::string> params_files;
  // When not empty, only these rules are kept: an id selects itself and the rules whose id
  // continues it after a dash ("WLD-01" keeps WLD-01, WLD-01-SEED, WLD-01-METHOD).
  std::vector<std::string> select;
};

class RuleSetImpl;

class RuleSet {
 public:
  ~RuleSet();
  RuleSet(RuleSet&&) noexcept;
  RuleSet& operator=(RuleSet&&) noexcept;

  // Paths are files or directories. Returns nullptr when any error was found.
  static std::unique_ptr<RuleSet> load(const std::vector<std::string>& paths, Diagnostics& diagnostics,
                                       const LoadOptions& options = {});

  const std::vector<RuleInfo>& rules() const;
  // Input columns referenced as `header` by some rule; their slot is cases_fields().size() + index.
  const std::vector<std::string>& extra_columns() const;
  size_t slot_count() const;
  // Per slot: whether a scan needs its value — read by a condition or scope of some rule, or
  // reported with every finding (case id, agency, party, dates, transfer marks). A scan parses
  // only these columns; the others are not read at all.
  const std::vector<bool>& slots_read() const;

  const RuleSetImpl& impl() const { return *impl_; }

 private:
  RuleSet();
  std::unique_ptr<RuleSetImpl> impl_;
};

struct MatchOptions {
  bool include_transferred = false;  // also report cases marked as transferred (flagged)
  // Case ids found in a `transfers` table: such a case counts as transferred even when its own
  // record does not say so.
  const std::unordered_set<std::string>* transferred_case_ids = nullptr;
};

// A record that belongs to the conduct of a cross-record rule (its scope and `when` hold, under
// the version in force at the time of the act): the raw material of history, split and
// multi-agency findings, which are made once every record has been read (CrossRecordAnalyzer).
struct Membership {
  uint32_t rule = 0;       // index into RuleSet::rules()
  bool act = true;         // history rules: `when` holds, so the record can be the new act
  bool has_value = false;  // split rules: the part's amount (`split: sum:`) could be computed
  Decimal value;
};

// Evaluates every rule of a RuleSet on records. Not thread-safe: one Matcher per thread.
class Matcher {
 public:
  Matcher(const RuleSet& rules, MatchOptions options = {});
  ~Matcher();
  // Appends a finding for every rule that fires on `record`. Returns the number appended. With
  // `members`, also appends the cross-record rules whose conduct the record belongs to — for
  // transferred records too, since an earlier penalty counts whatever became of its case.
  size_t match(const Record& record, std::vector<Finding>& out, std::vector<Membership>* members = nullptr);
  // The same for a caller that has already asked is_transferred(record).
  size_t match(const Record& record, bool transferred, std::vector<Finding>& out, std::vector<Membership>* members);
  // Whether `record` counts as transferred (its own marks or the transfers table).
  bool is_transferred(const Record& record) const;

  // Explains one rule on one record: every criterion with its value and result, in Chinese lines.
  std::vector<std::string> explain(size_t rule_index, const Record& record);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace xianjie

namespace xianjie {

struct ValueError;

// The outcome of one rule example (`examples:` in a rule file).
struct ExampleResult {
  size_t rule_index = 0;
  std::string rule_id;
  std::string name;
  SourceLocation location;
  bool expect_match = true;
  bool matched = false;
  bool passed() const { return expect_match == matched; }
  std::string finding_message;             // when matched
  std::vector<std::string> explanation;    // the explain() lines, for failures
  std::vector<std::string> value_errors;   // fields of the example that did not parse
};

// Runs every example of every rule against its own rule.
std::vector<ExampleResult> run_examples(const RuleSet& rules);

// A threshold no example sits exactly on: the boundary word (以上 includes the number, 不满
// excludes it) of that comparison is not tested. `rules test` reports these.
struct BoundaryGap {
  std::string rule_id;
  std::string param;       // the parameter holding the threshold
  std::string comparison;  // "销售金额 ≥ 伪劣产品销售金额起点"
  std::string version;     // the version whose value no example reached
  SourceLocation location; // the rule
};

// For every comparison of a record value with a numeric parameter, checks that some example of the
// rule has a value exactly equal to the parameter in some version.
std::vector<BoundaryGap> boundary_gaps(const RuleSet& rules);

}  // namespace xianjie
