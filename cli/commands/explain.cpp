// `xianjie explain`: for one case, every rule in scope and every criterion with its value, and
// why the rule did or did not fire.
#include <fmt/format.h>

#include "commands/commands.h"
#include "common.h"
#include "xianjie/fields.h"
#include "xianjie/scan.h"

namespace xianjie::cli {
namespace {

struct ExplainArgs {
  std::string input;
  std::string case_id;
  std::vector<std::string> sets;   // field=value
  std::vector<std::string> rules;
  std::vector<std::string> params_files;
  std::string rule_id;
  InputOptions input_options;
  bool all = false;
};

void explain_record(const RuleSet& rs, const Record& record, const ExplainArgs& a) {
  Matcher matcher(rs, MatchOptions{true});
  std::vector<Finding> findings;
  std::vector<Membership> members;
  matcher.match(record, findings, &members);
  size_t shown = 0;
  for (size_t i = 0; i < rs.rules().size(); ++i) {
    const RuleInfo& r = rs.rules()[i];
    if (!a.rule_id.empty() && r.id != a.rule_id) continue;
    auto lines = matcher.explain(i, record);
    bool fired = false;
    for (const auto& f : findings) fired = fired || f.rule_id == r.id;
    bool cross = r.pattern == "history" || r.pattern == "split" || r.pattern == "multi-agency";
    if (r.pattern == "not-filed" || r.pattern == "reverse") continue;  // they judge other tables
    for (const auto& m : members) fired = fired || (m.rule == i && m.act);
    // Unless --all, rules whose scope does not apply are left out: the first line after
    // "适用范围:" is the scope's overall result.
    std::string first_scope_result;
    for (size_t k = 0; k + 1 < lines.size(); ++k)
      if (lines[k] == "适用范围:") { first_scope_result = lines[k + 1]; break; }
    bool in_scope = first_scope_result.empty() || first_scope_result.find("✔") != std::string::npos;
    if (!in_scope && !a.all && a.rule_id.empty()) continue;
    ++shown;
    bool member = false;  // history: the conduct holds though `when` does not — it counts as an earlier penalty
    for (const auto& m : members) member = member || m.rule == i;
    const char* verdict = fired ? (cross ? "【属同类行为】" : "【命中】")
                          : member ? "【属同类行为，可计为前次处罚；不满足本次行为的条件】"
                          : in_scope ? "【未命中】" : "【不适用】";
    fmt::print("\n{} {} — {}（{}）\n", verdict, r.id, r.title, r.offense);
    for (const auto& l : lines) fmt::print("  {}\n", l);
    if (cross)
      fmt::print("  跨案件规则（{}）：以上只判断本记录是否属于同类行为；是否构成须结合同一当事人的其他记录{}\n", r.pattern,
                 a.input.empty() ? "（从文件解释时列出）" : "，见下文“跨案件判断”");
    for (const auto& f : findings)
      if (f.rule_id == r.id) {
        fmt::print("  结论: {}\n", f.message);
        fmt::print("  版本: {}（{}）\n", f.version, f.version_reason);
        if (f.transferred) fmt::print("  注意: 该案已标记为移送\n");
      }
  }
  if (shown == 0) fmt::print("没有规则适用于该案件（--all 显示全部规则的判断过程）\n");
}

// Collects what a scan finds.
class CollectSink : public FindingSink {
 public:
  void finding(const Finding& f) override { findings.push_back(f); }
  std::vector<Finding> findings;
};

// Runs the cross-record rules over the whole input (with the transfers and non_prosecutions tables
// of the same database) and prints every such finding that concerns the case: as the case itself,
// or as one of the records a finding rests on.
void explain_across(const RuleSet& rs, const ExplainArgs& a) {
  bool any = false;
  for (const auto& r : rs.rules()) any = any || (r.pattern != "threshold" && r.pattern != "fine-floor" && r.pattern != "near-threshold");
  if (!any) return;
  ScanOptions so;
  so.match.include_transferred = true;
  so.threads = 1;
  Scanner scanner(rs, so);
  CollectSink sink;
  std::string err;
  if (is_sqlite_file(a.input) && a.input_options.query.empty())
    for (auto [name, kind] : {std::pair{"transfers", TableKind::kTransfers}, std::pair{"non_prosecutions", TableKind::kNonProsecutions}})
      if (sqlite_has_table(a.input, name)) {
        InputOptions io = a.input_options;
        io.table = name;
        if (auto src = open_input(a.input, io, err)) scanner.read_linked_table(*src, kind, sink);
      }
  auto src = open_input(a.input, a.input_options, err);
  if (!src) return;
  scanner.scan(*src, sink);
  sink.findings.clear();  // single-record findings were explained above
  scanner.finish(sink);
  size_t shown = 0;
  for (const auto& f : sink.findings) {
    if (!a.rule_id.empty() && f.rule_id != a.rule_id) continue;
    bool concerns = f.case_id == a.case_id;
    for (const auto& r : f.related) concerns = concerns || r.case_id == a.case_id;
    if (!concerns) continue;
    if (shown++ == 0) fmt::print("\n跨案件判断（当事人归并依据: {}）:\n", f.party_key_basis.empty() ? "证件号码或名称" : f.party_key_basis);
    fmt::print("\n【{}】{} — {}（{}）\n", f.referral ? "移送候选" : "审查线索", f.rule_id, f.title, f.pattern);
    if (f.case_id != a.case_id) fmt::print("  本案是该线索的关联案件；线索所指案件: {}\n", f.case_id);
    for (const auto& e : f.evidence) fmt::print("  证据: {}\n", e.message);
    for (const auto& r : f.related)
      fmt::print("  关联: {} {} {} {}{}\n", r.role, r.case_id, r.agency,
                 r.decision_date ? "决定 " + r.decision_date->to_string() : std::string(), r.penalty.empty() ? "" : " " + r.penalty);
    fmt::print("  结论: {}\n", f.message);
  }
  if (shown == 0) fmt::print("\n跨案件判断: 没有涉及本案的跨案件线索\n");
}

int run(const ExplainArgs& a) {
  LoadOptions lo;
  lo.params_files = a.params_files;
  auto rs = load_rules(a.rules, lo, false);
  if (!rs) return kExitError;
  Record record;
  std::vector<ValueError> errors;
  std::vector<std::string> storage;
  if (!a.input.empty()) {
    if (a.case_id.empty()) { fmt::print(stderr, "错误: 从文件解释时须用 --case 指定案件编号\n"); return kExitError; }
    std::string err;
    auto src = open_input(a.input, a.input_options, err);
    if (!src) { fmt::print(stderr, "错误: {}\n", err); return kExitError; }
    RecordStream stream(*rs, *src, nullptr);
    bool found = false;
    while (stream.next(record, errors)) {
      const Value& id = record.slots[slot::kCaseId];
      if (!id.is_null() && id.as_text() == a.case_id) { found = true; break; }
      errors.clear();
    }
    if (!found) { fmt::print(stderr, "错误: {} 中没有案件编号为 {} 的案件\n", a.input, a.case_id); return kExitError; }
    fmt::print("案件 {}（{}）\n", a.case_id, record.location_text);
    for (const auto& e : errors) fmt::print("  值无法解析: {} = \"{}\": {}\n", e.column, e.raw, e.reason);
    explain_record(*rs, record, a);
    explain_across(*rs, a);
    return kExitOk;
  }
  if (a.sets.empty()) { fmt::print(stderr, "错误: 请给出输入文件和 --case，或用 --set 字段=值 描述一个案件\n"); return kExitError; }
  std::vector<std::pair<std::string, std::string>> fields;
  for (const auto& s : a.sets) {
    auto eq = s.find('=');
    if (eq == std::string::npos) { fmt::print(stderr, "错误: --set 应写成 字段=值，而不是 '{}'\n", s); return kExitError; }
    fields.push_back({s.substr(0, eq), s.substr(eq + 1)});
  }
  build_record(*rs, fields, record, storage, errors);
  record.location_text = "命令行";
  for (const auto& e : errors) fmt::print("  值无法解析: {} = \"{}\": {}\n", e.column, e.raw, e.reason);
  explain_record(*rs, record, a);
  return kExitOk;
}

}  // namespace

void register_explain(CLI::App& app, int& exit_code) {
  auto a = std::make_shared<ExplainArgs>();
  auto* cmd = app.add_subcommand("explain", "解释一个案件：每条规则的每个条件的取值，以及为何命中或未命中");
  cmd->add_option("input", a->input, "输入文件（CSV 或 SQLite）");
  cmd->add_option("--case", a->case_id, "案件编号");
  cmd->add_option("--set", a->sets, "直接给出字段值，如 --set 销售金额=5.2万元（可多次）");
  cmd->add_option("--rule", a->rule_id, "只解释这条规则");
  one_value_each(cmd->add_option("--params", a->params_files, "地方参数文件（可多次）"));
  one_value_each(cmd->add_option("-r,--rules", a->rules, "规则文件或目录；默认为标准规则包"));
  cmd->add_option("--encoding", a->input_options.encoding, "CSV 编码");
  cmd->add_option("--table", a->input_options.table, "SQLite 表名");
  cmd->add_flag("--all", a->all, "也显示不适用的规则");
  cmd->callback([a, &exit_code] { exit_code = run(*a); });
}

}  // namespace xianjie::cli
