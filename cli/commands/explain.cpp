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
  matcher.match(record, findings);
  size_t shown = 0;
  for (size_t i = 0; i < rs.rules().size(); ++i) {
    const RuleInfo& r = rs.rules()[i];
    if (!a.rule_id.empty() && r.id != a.rule_id) continue;
    auto lines = matcher.explain(i, record);
    bool fired = false;
    for (const auto& f : findings) fired = fired || f.rule_id == r.id;
    // Unless --all, rules whose scope does not apply are left out: the first line after
    // "适用范围:" is the scope's overall result.
    std::string first_scope_result;
    for (size_t k = 0; k + 1 < lines.size(); ++k)
      if (lines[k] == "适用范围:") { first_scope_result = lines[k + 1]; break; }
    bool in_scope = first_scope_result.empty() || first_scope_result.find("✔") != std::string::npos;
    if (!in_scope && !a.all && a.rule_id.empty()) continue;
    ++shown;
    fmt::print("\n{} {} — {}（{}）\n", fired ? "【命中】" : in_scope ? "【未命中】" : "【不适用】", r.id, r.title, r.offense);
    for (const auto& l : lines) fmt::print("  {}\n", l);
    for (const auto& f : findings)
      if (f.rule_id == r.id) {
        fmt::print("  结论: {}\n", f.message);
        fmt::print("  版本: {}（{}）\n", f.version, f.version_reason);
        if (f.transferred) fmt::print("  注意: 该案已标记为移送\n");
      }
  }
  if (shown == 0) fmt::print("没有规则适用于该案件（--all 显示全部规则的判断过程）\n");
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
  cmd->add_option("--params", a->params_files, "地方参数文件（可多次）");
  cmd->add_option("-r,--rules", a->rules, "规则文件或目录；默认为标准规则包");
  cmd->add_option("--encoding", a->input_options.encoding, "CSV 编码");
  cmd->add_option("--table", a->input_options.table, "SQLite 表名");
  cmd->add_flag("--all", a->all, "也显示不适用的规则");
  cmd->callback([a, &exit_code] { exit_code = run(*a); });
}

}  // namespace xianjie::cli
