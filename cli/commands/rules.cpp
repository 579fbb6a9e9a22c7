// `xianjie rules list | check | test`: what a rule author runs after editing a rule file.
#include <map>

#include <fmt/format.h>

#include "commands/commands.h"
#include "common.h"

namespace xianjie::cli {
namespace {

LoadOptions options_with(const std::vector<std::string>& params_files) {
  LoadOptions lo;
  lo.params_files = params_files;
  return lo;
}

int list(const std::vector<std::string>& paths, const LoadOptions& lo) {
  auto rs = load_rules(paths, lo, false);
  if (!rs) return kExitError;
  for (const auto& r : rs->rules()) {
    fmt::print("{}  {}\n", r.id, r.title);
    fmt::print("    罪名: {}（{}）  严重程度: {}  {}\n", r.offense, r.law, severity_label(r.severity),
               r.confirmed ? "门槛已确认" : "门槛待核实");
    fmt::print("    依据: {}\n", r.basis);
    for (const auto& v : r.versions) {
      std::string ps;
      for (const auto& [n, val] : v.params) ps += fmt::format("{}{}={}", ps.empty() ? "" : "，", n, val);
      fmt::print("    版本 {}: {}{}\n", v.label, ps, v.basis != r.basis ? "（" + v.basis + "）" : "");
    }
    fmt::print("    样例 {} 个；定义于 {}:{}\n", r.examples.size(), r.file, r.location.line);
  }
  fmt::print("共 {} 条规则\n", rs->rules().size());
  return kExitOk;
}

int check(const std::vector<std::string>& paths, const LoadOptions& lo) {
  Diagnostics d;
  auto rs = RuleSet::load(rule_paths(paths), d, lo);
  print_diagnostics(d);
  if (!rs) {
    fmt::print(stderr, "规则检查失败: {} 个错误，{} 个警告\n", d.error_count(), d.warning_count());
    return kExitError;
  }
  fmt::print(stderr, "规则检查通过: {} 条规则，{} 个警告\n", rs->rules().size(), d.warning_count());
  return kExitOk;
}

int test(const std::vector<std::string>& paths, bool verbose, const LoadOptions& lo) {
  auto rs = load_rules(paths, lo, false);
  if (!rs) return kExitError;
  auto results = run_examples(*rs);
  size_t passed = 0, failed = 0;
  std::string current;
  for (const auto& r : results) {
    if (r.passed()) ++passed; else ++failed;
    if (!r.passed() || verbose) {
      fmt::print("{} {} › {}（期望{}，实际{}）  {}:{}\n", r.passed() ? "通过" : "失败", r.rule_id,
                 r.name.empty() ? "(未命名样例)" : r.name, r.expect_match ? "命中" : "不命中",
                 r.matched ? "命中" : "不命中", r.location.file, r.location.line);
      for (const auto& e : r.value_errors) fmt::print("    值无法解析: {}\n", e);
      if (!r.passed()) for (const auto& line : r.explanation) fmt::print("    {}\n", line);
      if (r.matched && verbose) fmt::print("    {}\n", r.finding_message);
    }
  }
  size_t without = 0;
  for (const auto& r : rs->rules()) without += r.examples.empty();
  auto gaps = boundary_gaps(*rs);
  for (const auto& g : gaps)
    fmt::print("提示 {}: 没有样例恰好等于门槛（{}，参数 {}），以上/不满的边界未经测试  {}:{}\n", g.rule_id, g.comparison,
               g.param, g.location.file, g.location.line);
  fmt::print("{} passed, {} failed\n", passed, failed);
  if (without) fmt::print("（{} 条规则没有样例）\n", without);
  if (!gaps.empty()) fmt::print("（{} 处门槛没有恰好位于边界的样例）\n", gaps.size());
  return failed ? kExitFindings : kExitOk;
}

// Every parameter in force: value, unit, legal range and where the value comes from.
int params(const std::vector<std::string>& paths, const LoadOptions& lo) {
  auto rs = load_rules(paths, lo, false);
  if (!rs) return kExitError;
  size_t n = 0;
  for (const auto& r : rs->rules()) {
    for (const auto& p : r.params) {
      ++n;
      fmt::print("{}.{}  {} = {}\n", r.id, p.name, p.label, p.value);
      if (!p.range.empty()) fmt::print("    法定幅度: {}（由各省确定）\n", p.range);
      fmt::print("    来源: {}\n", p.source);
      if (!p.basis.empty()) fmt::print("    依据: {}\n", p.basis);
    }
  }
  fmt::print("共 {} 个参数\n", n);
  return kExitOk;
}

// docs/coverage.md: offense, article, basis, versions, confirmation, examples — from the pack itself.
int coverage(const std::vector<std::string>& paths, const LoadOptions& lo) {
  auto rs = load_rules(paths, lo, false);
  if (!rs) return kExitError;
  auto cell = [](std::string s) {
    std::string out;
    for (char c : s) { if (c == '|') out += "\\|"; else if (c == '\n') out += ' '; else out += c; }
    return out;
  };
  std::map<std::string, std::vector<const RuleInfo*>> by_offense;
  for (const auto& r : rs->rules()) by_offense[r.offense].push_back(&r);
  size_t examples = 0, unconfirmed = 0;
  for (const auto& r : rs->rules()) { examples += r.examples.size(); unconfirmed += !r.confirmed; }
  fmt::print("# 规则包覆盖情况\n\n本文件由 `xianjie rules coverage > docs/coverage.md` 从规则包生成，请勿手工编辑。\n\n");
  fmt::print("{} 个罪名，{} 条规则，{} 个样例；{} 条规则的门槛待核实。\n\n", by_offense.size(), rs->rules().size(), examples, unconfirmed);
  fmt::print("| 罪名 | 规则 | 刑法 | 依据 | 版本 | 门槛确认 | 样例 |\n|---|---|---|---|---|---|---|\n");
  for (const auto& [offense, rules] : by_offense) {
    for (const RuleInfo* r : rules) {
      std::string versions;
      for (const auto& v : r->versions) versions += (versions.empty() ? "" : "；") + v.label;
      fmt::print("| {} | {} {} | {} | {} | {} | {} | {} |\n", cell(offense), r->id, cell(r->title), cell(r->law), cell(r->basis),
                 cell(versions), r->confirmed ? "已确认" : "待核实：" + cell(r->confirmation_note), r->examples.size());
    }
  }
  return kExitOk;
}

}  // namespace

void register_rules(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("rules", "查看、检查和测试规则");
  cmd->require_subcommand(1);
  auto paths = std::make_shared<std::vector<std::string>>();
  auto verbose = std::make_shared<bool>(false);
  auto local = std::make_shared<std::vector<std::string>>();
  auto* l = cmd->add_subcommand("list", "列出规则及其门槛、版本");
  l->add_option("paths", *paths, "规则文件或目录；默认为标准规则包");
  one_value_each(l->add_option("--params", *local, "地方参数文件（可多次）"));
  l->callback([paths, local, &exit_code] { exit_code = list(*paths, options_with(*local)); });
  auto* c = cmd->add_subcommand("check", "检查规则文件，报告所有错误与警告");
  c->add_option("paths", *paths, "规则文件或目录；默认为标准规则包");
  one_value_each(c->add_option("--params", *local, "地方参数文件（可多次）"));
  c->callback([paths, local, &exit_code] { exit_code = check(*paths, options_with(*local)); });
  auto* t = cmd->add_subcommand("test", "运行规则中的样例（examples）");
  t->add_option("paths", *paths, "规则文件或目录；默认为标准规则包");
  one_value_each(t->add_option("--params", *local, "地方参数文件（可多次）"));
  t->add_flag("-v,--verbose", *verbose, "列出每个样例");
  t->callback([paths, verbose, local, &exit_code] { exit_code = test(*paths, *verbose, options_with(*local)); });
  auto* p = cmd->add_subcommand("params", "列出所有参数的现行值、单位、法定幅度和来源");
  p->add_option("paths", *paths, "规则文件或目录；默认为标准规则包");
  one_value_each(p->add_option("--params", *local, "地方参数文件（可多次）"));
  p->callback([paths, local, &exit_code] { exit_code = params(*paths, options_with(*local)); });
  auto* cv = cmd->add_subcommand("coverage", "生成规则包覆盖表（Markdown，docs/coverage.md）");
  cv->add_option("paths", *paths, "规则文件或目录；默认为标准规则包");
  one_value_each(cv->add_option("--params", *local, "地方参数文件（可多次）"));
  cv->callback([paths, local, &exit_code] { exit_code = coverage(*paths, options_with(*local)); });
}

}  // namespace xianjie::cli
