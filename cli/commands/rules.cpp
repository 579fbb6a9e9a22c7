// `xianjie rules list | check | test`: what a rule author runs after editing a rule file.
#include <fmt/format.h>

#include "commands/commands.h"
#include "common.h"

namespace xianjie::cli {
namespace {

int list(const std::vector<std::string>& paths) {
  auto rs = load_rules(paths, {}, false);
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

int check(const std::vector<std::string>& paths) {
  Diagnostics d;
  auto rs = RuleSet::load(rule_paths(paths), d);
  print_diagnostics(d);
  if (!rs) {
    fmt::print(stderr, "规则检查失败: {} 个错误，{} 个警告\n", d.error_count(), d.warning_count());
    return kExitError;
  }
  fmt::print(stderr, "规则检查通过: {} 条规则，{} 个警告\n", rs->rules().size(), d.warning_count());
  return kExitOk;
}

int test(const std::vector<std::string>& paths, bool verbose) {
  auto rs = load_rules(paths, {}, false);
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
  fmt::print("{} passed, {} failed\n", passed, failed);
  if (without) fmt::print("（{} 条规则没有样例）\n", without);
  return failed ? kExitFindings : kExitOk;
}

}  // namespace

void register_rules(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("rules", "查看、检查和测试规则");
  cmd->require_subcommand(1);
  auto paths = std::make_shared<std::vector<std::string>>();
  auto verbose = std::make_shared<bool>(false);
  auto* l = cmd->add_subcommand("list", "列出规则及其门槛、版本");
  l->add_option("paths", *paths, "规则文件或目录；默认为标准规则包");
  l->callback([paths, &exit_code] { exit_code = list(*paths); });
  auto* c = cmd->add_subcommand("check", "检查规则文件，报告所有错误与警告");
  c->add_option("paths", *paths, "规则文件或目录；默认为标准规则包");
  c->callback([paths, &exit_code] { exit_code = check(*paths); });
  auto* t = cmd->add_subcommand("test", "运行规则中的样例（examples）");
  t->add_option("paths", *paths, "规则文件或目录；默认为标准规则包");
  t->add_flag("-v,--verbose", *verbose, "列出每个样例");
  t->callback([paths, verbose, &exit_code] { exit_code = test(*paths, *verbose); });
}

}  // namespace xianjie::cli
