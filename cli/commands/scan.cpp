// `xianjie scan`: scans CSV files and SQLite databases and writes the referral-candidate report.
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "commands/commands.h"
#include "common.h"
#include "xianjie/report.h"
#include "xianjie/scan.h"

namespace xianjie::cli {
namespace {

struct ScanArgs {
  std::vector<std::string> inputs;
  std::vector<std::string> rules;
  InputOptions input;
  std::string mapping;
  std::string format = "table";
  std::string out;
  std::string rejects;
  std::string fail_on;
  std::string as_of;
  std::vector<std::string> params_files;
  std::vector<std::string> select;
  bool include_transferred = false;
  bool quiet = false;
  unsigned threads = 0;
};

// Writes rejected rows as CSV (来源, 位置, 原因, 原始内容) so they can be fixed and scanned again.
class RejectFile {
 public:
  explicit RejectFile(const std::string& path) : out_(path, std::ios::binary) {
    if (out_) out_ << "\xEF\xBB\xBF" << "来源,位置,原因,原始内容\r\n";
  }
  bool ok() const { return static_cast<bool>(out_); }
  void write(const RejectedRow& r) {
    out_ << quote(r.source) << ',' << r.location << ',' << quote(r.reason) << ',' << quote(r.original) << "\r\n";
  }

 private:
  static std::string quote(const std::string& s) {
    std::string q = "\"";
    for (char c : s) { if (c == '"') q += '"'; q += c; }
    return q + "\"";
  }
  std::ofstream out_;
};

// Passes everything on to the printer, and rejected rows to the reject file too.
class TeeSink : public FindingSink {
 public:
  TeeSink(FindingSink& printer, RejectFile* rejects) : printer_(printer), rejects_(rejects) {}
  void begin(const std::vector<RuleInfo>& rules) override { printer_.begin(rules); }
  void finding(const Finding& f) override { printer_.finding(f); }
  void reject(const RejectedRow& r) override {
    if (rejects_) rejects_->write(r);
    printer_.reject(r);
  }
  void value_error(const ValueError& e) override { printer_.value_error(e); }
  void end(const ScanSummary& s) override { printer_.end(s); }

 private:
  FindingSink& printer_;
  RejectFile* rejects_;
};

std::string grouped(uint64_t n) { return Decimal::from_units(static_cast<int64_t>(n) * Decimal::kOne).to_grouped(0); }

void print_summary(const ScanSummary& s, const ScanArgs& a) {
  fmt::print(stderr, "xianjie scan: {} 个输入，{} 条规则\n", s.inputs.size(), s.rules);
  fmt::print(stderr, "  读取 {} 行：评估 {}，拒绝 {}{}\n", grouped(s.rows_read), grouped(s.rows_evaluated),
             grouped(s.rows_rejected), s.rows_rejected && !a.rejects.empty() ? fmt::format("（已写入 {}）", a.rejects) : "");
  if (s.value_errors) {
    std::string cols;
    for (const auto& [c, n] : s.value_errors_by_column) cols += fmt::format("{}{} {}", cols.empty() ? "" : "，", c, n);
    fmt::print(stderr, "  无法解析的值 {} 处（按缺失处理）：{}\n", grouped(s.value_errors), cols);
  }
  fmt::print(stderr, "  移送线索 {} 条：高 {}，中 {}，低 {}\n", grouped(s.findings), s.findings_by_severity[0],
             s.findings_by_severity[1], s.findings_by_severity[2]);
  if (s.rows_transferred)
    fmt::print(stderr, "  已标记移送的案件 {} 件{}\n", grouped(s.rows_transferred),
               a.include_transferred ? "（已列出并标注）" : "（不列为线索；--include-transferred 可一并列出）");
  for (const auto& n : s.notes) fmt::print(stderr, "  注意: {}\n", n);
  for (const auto& e : s.input_errors) fmt::print(stderr, "  错误: {}\n", e);
  double rate = s.seconds > 0 ? static_cast<double>(s.rows_read) / s.seconds : 0;
  fmt::print(stderr, "  用时 {:.2f} 秒（{} 行/秒）\n", s.seconds, grouped(static_cast<uint64_t>(rate)));
}

int run(ScanArgs& a) {
  auto format = parse_report_format(a.format);
  if (!format) {
    fmt::print(stderr, "错误: 未知的输出格式 '{}'（可用 table、csv、jsonl、json、md）\n", a.format);
    return kExitError;
  }
  std::optional<RuleSeverity> fail_on;
  if (!a.fail_on.empty()) {
    if (a.fail_on == "high") fail_on = RuleSeverity::kHigh;
    else if (a.fail_on == "medium") fail_on = RuleSeverity::kMedium;
    else if (a.fail_on == "low") fail_on = RuleSeverity::kLow;
    else { fmt::print(stderr, "错误: --fail-on 应为 high、medium 或 low\n"); return kExitError; }
  }
  LoadOptions lo;
  if (!a.as_of.empty()) {
    lo.as_of = parse_cli_date(a.as_of);
    if (!lo.as_of) { fmt::print(stderr, "错误: --as-of '{}' 不是有效日期（格式 2025-12-31）\n", a.as_of); return kExitError; }
  }
  lo.params_files = a.params_files;
  lo.select = a.select;
  auto rules = load_rules(a.rules, lo, !a.quiet);
  if (!rules) return kExitError;
  ColumnMapping mapping;
  if (!a.mapping.empty()) {
    Diagnostics d;
    if (!ColumnMapping::load(a.mapping, mapping, d)) { print_diagnostics(d); return kExitError; }
  }

  std::ofstream file_out;
  std::ostream* out = &std::cout;
  if (!a.out.empty() && a.out != "-") {
    file_out.open(a.out, std::ios::binary);
    if (!file_out) { fmt::print(stderr, "错误: 无法写入输出文件 {}\n", a.out); return kExitError; }
    out = &file_out;
  }
  std::unique_ptr<RejectFile> rejects;
  if (!a.rejects.empty()) {
    rejects = std::make_unique<RejectFile>(a.rejects);
    if (!rejects->ok()) { fmt::print(stderr, "错误: 无法写入拒绝行文件 {}\n", a.rejects); return kExitError; }
  }
  ReportOptions ro;
  ro.tool_version = XIANJIE_VERSION;
  ro.color = out == &std::cout && *format == ReportFormat::kTable && isatty(STDOUT_FILENO);
  auto printer = make_printer(*format, *out, ro);
  TeeSink sink(*printer, rejects.get());

  ScanOptions so;
  so.match.include_transferred = a.include_transferred;
  so.mapping = a.mapping.empty() ? nullptr : &mapping;
  so.threads = a.threads;
  Scanner scanner(*rules, so);
  sink.begin(rules->rules());
  bool input_failed = false;
  for (const auto& path : a.inputs) {
    std::string err;
    auto source = open_input(path, a.input, err);
    if (!source) {
      fmt::print(stderr, "错误: {}\n", err);
      scanner.summary().input_errors.push_back(err);
      input_failed = true;
      continue;
    }
    if (!scanner.scan(*source, sink)) input_failed = true;
  }
  sink.end(scanner.summary());
  out->flush();
  if (!a.quiet) print_summary(scanner.summary(), a);
  if (input_failed) return kExitError;
  if (fail_on) {
    const auto& s = scanner.summary().findings_by_severity;
    uint64_t n = 0;
    for (size_t k = 0; k <= static_cast<size_t>(*fail_on); ++k) n += s[k];
    if (n > 0) return kExitFindings;
  }
  return kExitOk;
}

}  // namespace

void register_scan(CLI::App& app, int& exit_code) {
  auto a = std::make_shared<ScanArgs>();
  auto* cmd = app.add_subcommand("scan", "扫描 CSV 文件或 SQLite 数据库，输出移送线索");
  cmd->add_option("inputs", a->inputs, "输入文件（CSV 或 SQLite）")->required();
  cmd->add_option("-r,--rules", a->rules, "规则文件或目录（可多次）；默认为标准规则包");
  auto* table = cmd->add_option("--table", a->input.table, "SQLite 表名（默认 cases）");
  cmd->add_option("--query", a->input.query, "SQLite 只读查询（单条 SELECT）")->excludes(table);
  cmd->add_option("--mapping", a->mapping, "列名映射文件（YAML）");
  cmd->add_option("--params", a->params_files, "地方参数文件（如 rules/local/浙江.yaml），可多次");
  cmd->add_option("--select", a->select, "只用这些规则（编号；WLD-01 也包括 WLD-01-SEED 等）")->delimiter(',');
  cmd->add_option("--encoding", a->input.encoding, "CSV 编码: auto、utf-8、gb18030、gbk（默认 auto）");
  cmd->add_option("--delimiter", a->input.delimiter, "CSV 分隔符: , ; | tab（默认自动识别）");
  cmd->add_option("-f,--format", a->format, "输出格式: table、csv、jsonl、json、md（默认 table）");
  cmd->add_option("-o,--out", a->out, "输出文件（默认标准输出）");
  cmd->add_option("--rejects", a->rejects, "把无法读取的行写入此 CSV 文件");
  cmd->add_option("--fail-on", a->fail_on, "有该级别及以上的线索时以 1 退出: high、medium、low");
  cmd->add_option("--as-of", a->as_of, "判断“现行”标准的日期（默认最新版本）");
  cmd->add_flag("--include-transferred", a->include_transferred, "已移送的案件也列出（标注为已移送）");
  cmd->add_option("--threads", a->threads, "工作线程数（默认按 CPU 核数）");
  cmd->add_flag("-q,--quiet", a->quiet, "不在标准错误输出摘要");
  cmd->callback([a, &exit_code]() { exit_code = run(*a); });
}

}  // namespace xianjie::cli
