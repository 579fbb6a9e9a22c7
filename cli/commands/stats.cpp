// `xianjie stats`: agency statistics (执法机关办案统计，考核) over case exports — per agency and
// month, cases entered, completeness of the fields the rules need, referral candidates and leads
// of the real rule pack, cases transferred and the transfer rate, late entries. Counting and
// report formats live in the engine (xianjie/stats.h); this file turns options into a scan with a
// StatsCollector attached, opens inputs and the transfer tables as `scan` does, and maps the
// result to the exit code.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "commands/commands.h"
#include "common.h"
#include "output_file.h"
#include "xianjie/stats.h"

namespace xianjie::cli {
namespace {

struct StatsArgs {
  std::vector<std::string> inputs;
  std::vector<std::string> rules;
  InputOptions input;
  std::string mapping;
  std::vector<std::string> params_files;
  std::vector<std::string> select;
  std::vector<std::string> transfers;
  std::vector<std::string> non_prosecutions;
  std::string as_of;
  std::string by = "agency,month";
  int late_days = 30;
  std::vector<std::string> entry_date_columns;
  std::string format = "table";
  std::string out;
  unsigned threads = 0;
  bool quiet = false;
};

// Forwards findings to the collector and keeps the first rejected rows for the summary.
class StatsSink : public FindingSink {
 public:
  explicit StatsSink(StatsCollector& stats) : stats_(stats) {}
  void begin(const std::vector<RuleInfo>& rules) override { stats_.begin(rules); }
  void finding(const Finding& f) override { stats_.finding(f); }
  void reject(const RejectedRow& r) override {
    if (first_rejects_.size() < kRejectsInSummary) first_rejects_.push_back(fmt::format("{}:{}: {}", r.source, r.location, r.reason));
  }
  void end(const ScanSummary& s) override { stats_.end(s); }
  const std::vector<std::string>& first_rejects() const { return first_rejects_; }

  static constexpr size_t kRejectsInSummary = 5;

 private:
  StatsCollector& stats_;
  std::vector<std::string> first_rejects_;
};

std::string grouped(uint64_t n) { return Decimal::from_units(static_cast<int64_t>(n) * Decimal::kOne).to_grouped(0); }

void print_summary(const StatsReport& r, const std::vector<std::string>& first_rejects) {
  const ScanSummary& s = r.scan;
  fmt::print(stderr, "xianjie stats: {} 个输入，{} 条规则，{} 组\n", s.inputs.size(), s.rules, r.rows.size());
  fmt::print(stderr, "  读取 {} 行：评估 {}，拒绝 {}\n", grouped(s.rows_read), grouped(s.rows_evaluated), grouped(s.rows_rejected));
  for (const auto& e : first_rejects) fmt::print(stderr, "    拒绝 {}\n", e);
  if (s.rows_rejected > first_rejects.size())
    fmt::print(stderr, "    …另有 {} 行；用 xianjie scan --rejects 文件.csv 保存全部拒绝的行及原因\n",
               grouped(s.rows_rejected - first_rejects.size()));
  if (s.value_errors) fmt::print(stderr, "  无法解析的值 {} 处（按缺失处理，计为不完整）\n", grouped(s.value_errors));
  fmt::print(stderr, "  移送线索 {} 件（其中已移送 {} 件），待核查线索 {} 件，已移送案件 {} 件\n", grouped(r.total.candidates),
             grouped(r.total.candidates_transferred), grouped(r.total.leads), grouped(r.total.transferred));
  if (!r.entry_date_available) fmt::print(stderr, "  录入迟延：不可用（输入中没有录入日期/填报日期列；--entry-date-column 可指定）\n");
  for (const auto& n : s.notes) fmt::print(stderr, "  注意: {}\n", n);
  for (const auto& t : s.linked_tables)
    fmt::print(stderr, "  {}表 {}：读取 {} 行，使用 {}，拒绝 {}\n", t.table == "transfers" ? "移送" : "不起诉", t.source,
               grouped(t.rows_read), grouped(t.rows_used), grouped(t.rows_rejected));
  for (const auto& e : s.input_errors) fmt::print(stderr, "  错误: {}\n", e);
  double rate = s.seconds > 0 ? static_cast<double>(s.rows_read) / s.seconds : 0;
  fmt::print(stderr, "  用时 {:.2f} 秒（{} 行/秒）\n", s.seconds, grouped(static_cast<uint64_t>(rate)));
}

int run(const StatsArgs& a) {
  if (a.inputs.empty()) {
    fmt::print(stderr, "错误: 需要至少一个输入文件（CSV 或 SQLite）；--help 查看用法\n");
    return kExitError;
  }
  auto format = parse_stats_format(a.format);
  if (!format) {
    fmt::print(stderr, "错误: 未知的输出格式 '{}'（stats 可用 table、csv、json、md、html、xlsx）\n", a.format);
    return kExitError;
  }
  if (*format == StatsFormat::kXlsx && (a.out.empty() || a.out == "-")) {
    fmt::print(stderr, "错误: xlsx 是二进制文件，不写到标准输出；请用 --out 文件.xlsx 指定输出文件\n");
    return kExitError;
  }
  auto grouping = parse_stats_grouping(a.by);
  if (!grouping) {
    fmt::print(stderr, "错误: --by '{}' 应为 agency、month 或 agency,month\n", a.by);
    return kExitError;
  }
  if (a.late_days < 0) {
    fmt::print(stderr, "错误: --late-days 应为非负整数\n");
    return kExitError;
  }
  LoadOptions lo;
  if (!a.as_of.empty()) {
    lo.as_of = parse_cli_date(a.as_of);
    if (!lo.as_of) {
      fmt::print(stderr, "错误: --as-of '{}' 不是有效日期（格式 2025-12-31）\n", a.as_of);
      return kExitError;
    }
  }
  lo.params_files = a.params_files;
  lo.select = a.select;
  auto rules = load_rules(a.rules, lo, !a.quiet);
  if (!rules) return kExitError;
  ColumnMapping mapping;
  if (!a.mapping.empty()) {
    Diagnostics d;
    if (!ColumnMapping::load(a.mapping, mapping, d)) {
      print_diagnostics(d);
      return kExitError;
    }
  }

  OutputFile file_out;
  std::ostream* out = file_out.open(a.out);
  if (!out) return kExitError;

  StatsOptions sto;
  sto.late_days = a.late_days;
  sto.entry_date_columns = a.entry_date_columns;
  StatsCollector stats(*rules, sto);
  ScanOptions so;
  so.mapping = a.mapping.empty() ? nullptr : &mapping;
  so.threads = a.threads;
  so.as_of = lo.as_of;
  stats.attach(so);
  Scanner scanner(*rules, so);
  StatsSink sink(stats);
  sink.begin(rules->rules());
  bool input_failed = false;
  // The transfer chain's tables come first: a case found in `transfers` counts as transferred.
  if (!read_linked_tables(scanner, sink, a.transfers, a.non_prosecutions, a.inputs, a.input)) input_failed = true;
  for (const auto& path : a.inputs)
    if (!scan_input(scanner, sink, path, a.input)) input_failed = true;
  scanner.finish(sink);
  sink.end(scanner.summary());

  StatsReport report = stats.report(*grouping);
  StatsReportOptions ro;
  ro.tool_version = XIANJIE_VERSION;
  const std::string why = write_stats_report(*format, report, *out, ro);
  out->flush();
  if (!*out) {
    fmt::print(stderr, "错误: 写入报告失败{}{}\n", a.out.empty() ? "" : "：" + a.out, why.empty() ? "" : "（" + why + "）");
    return kExitError;
  }
  if (!a.quiet) print_summary(report, sink.first_rejects());
  return input_failed ? kExitError : kExitOk;
}

}  // namespace

void register_stats(CLI::App& app, int& exit_code) {
  auto a = std::make_shared<StatsArgs>();
  auto* cmd = app.add_subcommand("stats", "执法机关办案统计（考核）：按机关、月份统计录入案件、字段完整率、移送线索、移送率、录入迟延");
  cmd->add_option("inputs", a->inputs, "输入文件（CSV 或 SQLite）");
  one_value_each(cmd->add_option("-r,--rules", a->rules, "规则文件或目录（可多次）；默认为标准规则包"));
  add_input_options(cmd, a->input);
  cmd->add_option("--mapping", a->mapping, "列名映射文件（YAML），与 scan 相同");
  one_value_each(cmd->add_option("--params", a->params_files, "地方参数文件（如 rules/local/浙江.yaml），可多次"));
  one_value_each(cmd->add_option("--select", a->select, "只用这些规则（编号；WLD-01 也包括 WLD-01-SEED 等）")->delimiter(','));
  one_value_each(cmd->add_option("--transfers", a->transfers, "移送涉嫌犯罪案件表（CSV 或 SQLite），可多次；SQLite 输入中的 transfers 表自动读取"));
  one_value_each(cmd->add_option("--non-prosecutions", a->non_prosecutions, "不起诉案件表（CSV 或 SQLite），可多次；SQLite 输入中的 non_prosecutions 表自动读取"));
  cmd->add_option("--as-of", a->as_of, "判断“现行”标准及计算期间的截止日期（默认：导出数据中的最晚日期）");
  cmd->add_option("--by", a->by, "分组: agency、month 或 agency,month（默认 agency,month；html、xlsx 另按机关、按月份汇总）");
  cmd->add_option("--late-days", a->late_days, "录入日期晚于处罚决定日期超过此天数即为录入迟延（默认 30）");
  cmd->add_option("--entry-date-column", a->entry_date_columns,
                  "录入日期所在的列名（可多次；默认识别 录入日期、录入时间、填报日期、填报时间）");
  cmd->add_option("-f,--format", a->format, "输出格式: table、csv、json、md、html、xlsx（默认 table；xlsx 须用 --out）");
  cmd->add_option("-o,--out", a->out, "输出文件（默认标准输出）");
  cmd->add_option("--threads", a->threads, "同时工作的线程数，含读取线程（默认按 CPU 核数，至多 8）");
  cmd->add_flag("-q,--quiet", a->quiet, "不在标准错误输出摘要");
  cmd->callback([a, &exit_code]() { exit_code = run(*a); });
}

}  // namespace xianjie::cli
