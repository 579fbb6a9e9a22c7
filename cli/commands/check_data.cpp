// `xianjie check-data`: data-quality checks on case exports for CI jobs. The checks, the report
// formats and the row accounting live in the engine (xianjie/quality.h); this file turns options
// into QualityOptions, opens inputs as `scan` does, and maps the result to the exit code.
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "commands/commands.h"
#include "common.h"
#include "output_file.h"
#include "xianjie/quality.h"
#include "xianjie/value_parse.h"

namespace xianjie::cli {
namespace {

struct CheckDataArgs {
  std::vector<std::string> inputs;
  InputOptions input;
  std::string mapping;
  std::string config;
  std::string require;
  std::vector<std::string> severities;  // ID=LEVEL
  std::string as_of;
  std::string max_amount;
  int64_t max_per_check = -1;  // -1: the configuration file's, else 20
  std::string format = "table";
  std::string out;
  std::string fail_on = "error";
  bool list_checks = false;
  bool quiet = false;
};

std::string grouped(uint64_t n) { return Decimal::from_units(static_cast<int64_t>(n) * Decimal::kOne).to_grouped(0); }

void list_checks() {
  fmt::print("{:<26}{:<8}{}\n", "检查项", "默认级别", "说明");
  for (const auto& c : quality_checks())
    fmt::print("{:<26}{:<8}{}：{}\n", c.id, quality_severity_name(c.severity), c.title, c.description);
  std::string required;
  for (const auto& r : default_required_fields()) required += (required.empty() ? "" : ",") + required_field_text(r);
  fmt::print("\n默认必需字段（--require 可改）：{}\n", required);
}

void print_summary(const QualityReport& r, QualitySeverity fail_on) {
  fmt::print(stderr, "xianjie check-data: {} 个输入\n", r.inputs.size());
  fmt::print(stderr, "  读取 {} 行：检查 {}，拒绝 {}\n", grouped(r.rows_read), grouped(r.rows_checked), grouped(r.rows_rejected));
  const auto by = r.failures_by_severity();
  std::array<size_t, kQualitySeverities> checks{};
  for (const auto& c : r.checks)
    if (c.severity && c.count > 0) ++checks[static_cast<size_t>(*c.severity)];
  fmt::print(stderr, "  问题：错误 {} 处（{} 项检查），警告 {} 处（{} 项），提示 {} 处（{} 项）\n", grouped(by[0]), checks[0],
             grouped(by[1]), checks[1], grouped(by[2]), checks[2]);
  const auto& catalogue = quality_checks();
  for (size_t k = 0; k < r.checks.size(); ++k)
    if (r.checks[k].severity && r.checks[k].count > 0)
      fmt::print(stderr, "    {} {} {}：{}\n", quality_severity_label(*r.checks[k].severity), catalogue[k].id,
                 catalogue[k].title, grouped(r.checks[k].count));
  for (const auto& in : r.inputs)
    for (const auto& n : in.notes) fmt::print(stderr, "  注意: {}: {}\n", in.name, n);
  for (const auto& e : r.input_errors) fmt::print(stderr, "  错误: {}\n", e);
  fmt::print(stderr, "  结果: {}（--fail-on {}）\n", r.passed(fail_on) ? "通过" : "未通过", quality_severity_name(fail_on));
  double rate = r.seconds > 0 ? static_cast<double>(r.rows_read) / r.seconds : 0;
  fmt::print(stderr, "  用时 {:.2f} 秒（{} 行/秒）\n", r.seconds, grouped(static_cast<uint64_t>(rate)));
}

// Builds the options: the configuration file first, then what the command line says.
bool build_options(const CheckDataArgs& a, QualityOptions& o, ColumnMapping& mapping) {
  if (!a.config.empty()) {
    Diagnostics d;
    if (!load_quality_config(a.config, o, d)) {
      print_diagnostics(d);
      return false;
    }
  }
  if (!a.mapping.empty()) {
    Diagnostics d;
    if (!ColumnMapping::load(a.mapping, mapping, d)) {
      print_diagnostics(d);
      return false;
    }
    o.mapping = &mapping;
  }
  if (!a.require.empty()) {
    std::string error;
    auto required = parse_required_fields(a.require, error);
    if (!required) {
      fmt::print(stderr, "错误: --require: {}\n", error);
      return false;
    }
    o.required = std::move(*required);
  }
  for (const auto& s : a.severities) {
    const size_t eq = s.find('=');
    const std::string id = s.substr(0, eq);
    const std::string level = eq == std::string::npos ? "" : s.substr(eq + 1);
    if (level == "off") {
      o.severity[id] = std::nullopt;
    } else if (auto sev = parse_quality_severity(level)) {
      o.severity[id] = *sev;
    } else {
      fmt::print(stderr, "错误: --severity '{}' 应为 检查项=级别，级别为 error、warning、info 或 off\n", s);
      return false;
    }
  }
  if (!a.as_of.empty()) {
    o.as_of = parse_cli_date(a.as_of);
    if (!o.as_of) {
      fmt::print(stderr, "错误: --as-of '{}' 不是有效日期（格式 2025-12-31）\n", a.as_of);
      return false;
    }
  }
  if (!a.max_amount.empty()) {
    std::string error;
    auto amount = parse_amount(a.max_amount, 1, error);
    if (!amount || amount->is_negative() || amount->is_zero()) {
      fmt::print(stderr, "错误: --max-amount '{}' 应为正的金额，如 1000亿元{}\n", a.max_amount, error.empty() ? "" : "（" + error + "）");
      return false;
    }
    o.max_amount = *amount;
  }
  if (a.max_per_check >= 0) o.max_per_check = static_cast<size_t>(a.max_per_check);
  std::vector<std::string> errors;
  if (!validate_quality_options(o, errors)) {
    for (const auto& e : errors) fmt::print(stderr, "错误: {}\n", e);
    return false;
  }
  return true;
}

int run(const CheckDataArgs& a) {
  if (a.list_checks) {
    list_checks();
    return kExitOk;
  }
  if (a.inputs.empty()) {
    fmt::print(stderr, "错误: 需要至少一个输入文件（CSV 或 SQLite）；--help 查看用法\n");
    return kExitError;
  }
  auto format = parse_quality_format(a.format);
  if (!format) {
    fmt::print(stderr, "错误: 未知的输出格式 '{}'（可用 table、json、junit、sarif）\n", a.format);
    return kExitError;
  }
  auto fail_on = parse_quality_severity(a.fail_on);
  if (!fail_on) {
    fmt::print(stderr, "错误: --fail-on 应为 error、warning 或 info\n");
    return kExitError;
  }
  QualityOptions options;
  ColumnMapping mapping;
  if (!build_options(a, options, mapping)) return kExitError;

  OutputFile file_out;
  std::ostream* out = file_out.open(a.out);
  if (!out) return kExitError;

  QualityChecker checker(options);
  bool input_failed = false;
  for (const auto& path : a.inputs) {
    std::string err;
    auto source = open_input(path, a.input, err);
    if (!source) {
      fmt::print(stderr, "错误: {}\n", err);
      checker.add_input_error(path, err);
      input_failed = true;
      continue;
    }
    if (!checker.check(*source, path)) input_failed = true;
  }

  QualityReportOptions ro;
  ro.tool_version = XIANJIE_VERSION;
  ro.fail_on = *fail_on;
  ro.color = file_out.is_terminal() && *format == QualityFormat::kTable;
  write_quality_report(*format, checker.report(), *out, ro);
  if (!*out) {
    fmt::print(stderr, "错误: 写入报告失败{}\n", a.out.empty() ? "" : "：" + a.out);
    return kExitError;
  }
  if (!a.quiet) print_summary(checker.report(), *fail_on);
  if (input_failed) return kExitError;
  return checker.report().failures_at_or_above(*fail_on) > 0 ? kExitFindings : kExitOk;
}

}  // namespace

void register_check_data(CLI::App& app, int& exit_code) {
  auto a = std::make_shared<CheckDataArgs>();
  auto* cmd = app.add_subcommand("check-data", "检查案件数据质量（必填字段、无法解析的值、证件校验位、日期先后、重复案号等），供 CI 使用");
  cmd->add_option("inputs", a->inputs, "输入文件（CSV 或 SQLite）");
  add_input_options(cmd, a->input);
  cmd->add_option("--mapping", a->mapping, "列名映射文件（YAML），与 scan 相同");
  cmd->add_option("--config", a->config, "检查配置文件（YAML: required、severity、max_per_check、as_of、max_amount）");
  cmd->add_option("--require", a->require, "必需字段，逗号分隔，a|b 表示有其一即可（默认 case_id,agency,party_name,case_reason|facts,violation_date,decision_date）");
  cmd->add_option("--severity", a->severities, "改变检查项的级别: 检查项=error|warning|info|off（可多次）");
  cmd->add_option("--as-of", a->as_of, "检查基准日：晚于此日的日期报 date-future（默认不检查）");
  cmd->add_option("--max-amount", a->max_amount, "金额上限，超过报 absurd-amount（默认 1000亿元）");
  cmd->add_option("--max-per-check", a->max_per_check, "每项检查最多列出的问题数（默认 20；0 为全部列出）")->check(CLI::NonNegativeNumber);
  cmd->add_option("-f,--format", a->format, "输出格式: table、json、junit、sarif（默认 table）");
  cmd->add_option("-o,--out", a->out, "输出文件（默认标准输出）");
  cmd->add_option("--fail-on", a->fail_on, "有该级别及以上的问题时以 1 退出: error、warning、info（默认 error）");
  cmd->add_flag("--list-checks", a->list_checks, "列出全部检查项及其默认级别");
  cmd->add_flag("-q,--quiet", a->quiet, "不在标准错误输出摘要");
  cmd->callback([a, &exit_code]() { exit_code = run(*a); });
}

}  // namespace xianjie::cli
