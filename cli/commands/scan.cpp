// `xianjie scan`: scans CSV files and SQLite databases and writes the referral-candidate report.
#include <unistd.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "commands/commands.h"
#include "common.h"
#include "output_file.h"
#include "progress.h"
#include "xianjie/mask.h"
#include "xianjie/report.h"
#include "xianjie/scan.h"
#include "xianjie/state.h"

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
  std::vector<std::string> transfers;         // CSV or SQLite files of the transfers table
  std::vector<std::string> non_prosecutions;  // … of the non_prosecutions table
  bool include_transferred = false;
  bool mask = false;
  bool quiet = false;
  unsigned threads = 0;
  std::string state;            // --state FILE: compare with the previous scan, record this one
  bool hide_dismissed = false;  // with --state: leave dismissed findings out of the report
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

// Counts, by severity, the findings that reach the printer and are not dismissed in the review
// state (scan --state), for --fail-on: a finding a reviewer has dismissed must not fail a CI job
// again in every later scan. Sits between the state layer, which sets Finding::tracking, and the
// printer.
class FailOnCounter : public FindingSink {
 public:
  explicit FailOnCounter(FindingSink& next) : next_(next) {}
  void begin(const std::vector<RuleInfo>& rules) override { next_.begin(rules); }
  void finding(const Finding& f) override {
    if (!f.tracking || f.tracking->status != review_status_name(ReviewStatus::kDismissed))
      ++open_[static_cast<size_t>(f.severity)];
    next_.finding(f);
  }
  void reject(const RejectedRow& r) override { next_.reject(r); }
  void value_error(const ValueError& e) override { next_.value_error(e); }
  void disappeared(const DisappearedFinding& d) override { next_.disappeared(d); }
  void end(const ScanSummary& s) override { next_.end(s); }
  // Findings of `severity` or higher that are not dismissed.
  uint64_t at_or_above(RuleSeverity severity) const {
    uint64_t n = 0;
    for (size_t k = 0; k <= static_cast<size_t>(severity); ++k) n += open_[k];
    return n;
  }

 private:
  FindingSink& next_;
  std::array<uint64_t, 3> open_{};  // high, medium, low
};

// Passes everything on to the printer, and rejected rows to the reject file too (masked like
// every other output under --mask; the printer masks its own copy).
class TeeSink : public FindingSink {
 public:
  TeeSink(FindingSink& printer, RejectFile* rejects, bool mask) : printer_(printer), rejects_(rejects), mask_(mask) {}
  void begin(const std::vector<RuleInfo>& rules) override { printer_.begin(rules); }
  void finding(const Finding& f) override { printer_.finding(f); }
  void reject(const RejectedRow& r) override {
    if (rejects_ && mask_) {
      RejectedRow masked = r;
      mask_reject(masked);
      rejects_->write(masked);
    } else if (rejects_) {
      rejects_->write(r);
    }
    printer_.reject(r);
    // The summary names the first few with their location, whatever the report format (the
    // table and csv reports do not list rejects). The reason holds no cell text, so --mask holds.
    if (first_rejects_.size() < kRejectsInSummary)
      first_rejects_.push_back(fmt::format("{}:{}: {}", r.source, r.location, r.reason));
  }
  void value_error(const ValueError& e) override { printer_.value_error(e); }
  void end(const ScanSummary& s) override { printer_.end(s); }
  const std::vector<std::string>& first_rejects() const { return first_rejects_; }

  static constexpr size_t kRejectsInSummary = 5;

 private:
  FindingSink& printer_;
  RejectFile* rejects_;
  bool mask_;
  std::vector<std::string> first_rejects_;  // "source:line: reason"
};

std::string grouped(uint64_t n) { return Decimal::from_units(static_cast<int64_t>(n) * Decimal::kOne).to_grouped(0); }

void print_summary(const ScanSummary& s, const ScanArgs& a, const std::vector<std::string>& first_rejects) {
  fmt::print(stderr, "xianjie scan: {} 个输入，{} 条规则\n", s.inputs.size(), s.rules);
  fmt::print(stderr, "  读取 {} 行：评估 {}，拒绝 {}{}\n", grouped(s.rows_read), grouped(s.rows_evaluated),
             grouped(s.rows_rejected), s.rows_rejected && !a.rejects.empty() ? fmt::format("（已写入 {}）", a.rejects) : "");
  for (const auto& r : first_rejects) fmt::print(stderr, "    拒绝 {}\n", r);
  if (s.rows_rejected > first_rejects.size())
    fmt::print(stderr, "    …另有 {} 行{}\n", grouped(s.rows_rejected - first_rejects.size()),
               a.rejects.empty() ? "；用 --rejects 文件.csv 保存全部拒绝的行及原因" : "");
  if (s.value_errors) {
    std::string cols;
    for (const auto& [c, n] : s.value_errors_by_column) cols += fmt::format("{}{} {}", cols.empty() ? "" : "，", c, n);
    fmt::print(stderr, "  无法解析的值 {} 处（按缺失处理）：{}\n", grouped(s.value_errors), cols);
  }
  fmt::print(stderr, "  线索 {} 条：移送候选 {}，审查线索 {}（严重程度 高 {}，中 {}，低 {}）\n", grouped(s.findings),
             grouped(s.referral_candidates), grouped(s.findings - s.referral_candidates), s.findings_by_severity[0],
             s.findings_by_severity[1], s.findings_by_severity[2]);
  if (s.rows_transferred)
    fmt::print(stderr, "  已标记移送的案件 {} 件{}\n", grouped(s.rows_transferred),
               a.include_transferred ? "（已列出并标注）" : "（不列为线索；--include-transferred 可一并列出）");
  for (const auto& n : s.notes) fmt::print(stderr, "  注意: {}\n", n);
  for (const auto& t : s.linked_tables)
    fmt::print(stderr, "  {}表 {}：读取 {} 行，使用 {}，拒绝 {}\n", t.table == "transfers" ? "移送" : "不起诉", t.source,
               grouped(t.rows_read), grouped(t.rows_used), grouped(t.rows_rejected));
  if (s.cross_member_records)
    fmt::print(stderr, "  跨案件规则涉及的案件 {} 件\n", grouped(s.cross_member_records));
  if (s.as_of)
    fmt::print(stderr, "  期间计算截至 {}{}\n", s.as_of->to_string(), s.as_of_from_data ? "（导出数据中的最晚日期；可用 --as-of 指定）" : "（--as-of）");
  for (const auto& [why, n] : s.cross_skipped) fmt::print(stderr, "  未判断: {}（{} 件）\n", why, grouped(n));
  // Agencies whose cases cluster just under thresholds: at least 5 such cases and twice the share of
  // the agencies of their domain.
  size_t shown = 0;
  for (const auto& a : s.near_threshold_by_agency) {
    if (a.near < 5 || a.ratio < 2.0 || shown == 5) continue;
    if (shown++ == 0)
      fmt::print(stderr, "  接近门槛的案件比例偏高的机关（与同一执法领域的全部机关比较；全部案件为 {:.2f}%）：\n",
                 s.near_threshold_share * 100);
    fmt::print(stderr, "    {}（{}）：{} / {} 件，{:.2f}%，同领域 {:.2f}%，为其 {:.1f} 倍\n",
               a.agency.empty() ? "（机关缺失）" : a.agency, a.domain.empty() ? "领域未填" : a.domain, a.near, a.cases,
               a.share * 100, a.domain_share * 100, a.ratio);
  }
  for (const auto& e : s.input_errors) fmt::print(stderr, "  错误: {}\n", e);
  double rate = s.seconds > 0 ? static_cast<double>(s.rows_read) / s.seconds : 0;
  fmt::print(stderr, "  用时 {:.2f} 秒（{} 行/秒）\n", s.seconds, grouped(static_cast<uint64_t>(rate)));
}

// --state: what changed since the previous scan (the report carries each finding's state).
void print_state_summary(const StateScan& st) {
  const StateCounts& c = st.counts();
  fmt::print(stderr, "  状态文件 {}：第 {} 次扫描{}\n", c.path, c.scan_id,
             c.previous_scan_id ? fmt::format("，与第 {} 次相比", c.previous_scan_id) : "（首次，线索均为新增）");
  fmt::print(stderr, "    新增 {}，未变 {}，变化 {}{}，消失 {}\n", grouped(c.new_findings), grouped(c.unchanged),
             grouped(c.changed), c.reopened ? fmt::format("（其中已排除后因证据变化重新打开 {}）", c.reopened) : "",
             grouped(c.disappeared));
  if (c.dismissed)
    fmt::print(stderr, "    已排除 {} 条{}\n", grouped(c.dismissed),
               c.dismissed_hidden ? fmt::format("（未列出 {} 条，--hide-dismissed）", grouped(c.dismissed_hidden)) : "");
}

// Commits the state update once the report is complete; rolls it back when the report could not
// be written or an input could not be read to its end (its findings would all look gone).
bool finish_state(StateScan& st, bool report_ok, bool input_failed) {
  if (st.error()) {
    fmt::print(stderr, "错误: 状态文件未更新：{}\n", st.error().message);
    return false;
  }
  if (!report_ok || input_failed) {
    st.rollback();
    fmt::print(stderr, "错误: 状态文件未更新：{}\n",
               input_failed ? "有输入未能读完，其线索会被误记为消失" : "报告未能完整写出");
    return false;
  }
  StateError e;
  if (!st.commit(e)) {
    fmt::print(stderr, "错误: {}\n", e.message);
    return false;
  }
  return true;
}

// Leaves `scanner` for the system to reclaim when the process exits (see the end of run()). It
// stays reachable from this function's static, so leak checkers count it as in use, not lost.
void keep_until_exit(std::unique_ptr<Scanner> scanner) {
  static auto* kept = new std::vector<std::unique_ptr<Scanner>>();
  kept->push_back(std::move(scanner));
}

int run(ScanArgs& a) {
  auto format = parse_report_format(a.format);
  if (!format) {
    fmt::print(stderr, "错误: 未知的输出格式 '{}'（可用 table、csv、jsonl、json、md、html、notice、xlsx）\n", a.format);
    return kExitError;
  }
  if (*format == ReportFormat::kXlsx && (a.out.empty() || a.out == "-")) {
    fmt::print(stderr, "错误: xlsx 是二进制文件，不写到标准输出；请用 --out 文件.xlsx 指定输出文件\n");
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
  // Checked before the output file is created: a refused state file leaves everything untouched.
  std::unique_ptr<StateStore> state_store;
  if (!a.state.empty()) {
    StateError e;
    state_store = StateStore::open(a.state, StateStore::OpenMode::kCreate, e, XIANJIE_VERSION);
    if (!state_store) { fmt::print(stderr, "错误: {}\n", e.message); return kExitError; }
  }

  OutputFile file_out;
  std::ostream* out = file_out.open(a.out);
  if (!out) return kExitError;
  std::unique_ptr<RejectFile> rejects;
  if (!a.rejects.empty()) {
    rejects = std::make_unique<RejectFile>(a.rejects);
    if (!rejects->ok()) { fmt::print(stderr, "错误: 无法写入拒绝行文件 {}\n", a.rejects); return kExitError; }
  }
  ReportOptions ro;
  ro.tool_version = XIANJIE_VERSION;
  ro.color = file_out.is_terminal() && *format == ReportFormat::kTable;
  ro.mask = a.mask;
  ro.review_state = state_store != nullptr;
  auto printer = make_printer(*format, *out, ro);
  FailOnCounter counter(*printer);
  std::unique_ptr<StateScan> state_scan;
  if (state_store) {
    StateError e;
    state_scan = StateScan::start(*state_store, counter, {a.hide_dismissed, XIANJIE_VERSION, a.inputs}, e);
    if (!state_scan) { fmt::print(stderr, "错误: {}\n", e.message); return kExitError; }
  }
  TeeSink sink(state_scan ? static_cast<FindingSink&>(*state_scan) : static_cast<FindingSink&>(counter), rejects.get(), a.mask);

  ScanOptions so;
  so.match.include_transferred = a.include_transferred;
  so.mapping = a.mapping.empty() ? nullptr : &mapping;
  so.threads = a.threads;
  so.as_of = lo.as_of;
  auto owned_scanner = std::make_unique<Scanner>(*rules, so);
  Scanner& scanner = *owned_scanner;
  sink.begin(rules->rules());
  bool input_failed = false;
  // The transfer chain's tables come first: a case found in `transfers` counts as transferred.
  if (!read_linked_tables(scanner, sink, a.transfers, a.non_prosecutions, a.inputs, a.input)) input_failed = true;
  std::optional<ProgressLine> progress;
  progress.emplace(scanner, !a.quiet);
  for (size_t k = 0; k < a.inputs.size(); ++k) {
    const auto& path = a.inputs[k];
    progress->set_input(path, k, a.inputs.size());
    if (!scan_input(scanner, sink, path, a.input)) input_failed = true;
  }
  progress->set_input("跨案件规则", a.inputs.size() - 1, a.inputs.size());
  scanner.finish(sink);
  progress.reset();  // erase the line before anything else is written
  sink.end(scanner.summary());
  out->flush();
  if (!a.quiet) print_summary(scanner.summary(), a, sink.first_rejects());
  // The scanner holds the case facts the cross-record rules kept: 650 MiB in millions of small
  // allocations for 5,000,000 rows, whose freeing one by one took about 0.4 s. The process ends
  // with this command, and the system takes the memory back at once.
  keep_until_exit(std::move(owned_scanner));
  if (state_scan && !a.quiet && !state_scan->error()) print_state_summary(*state_scan);
  if (state_scan && !finish_state(*state_scan, static_cast<bool>(*out), input_failed)) return kExitError;
  if (!*out) {
    const std::string why = printer->failure();
    fmt::print(stderr, "错误: 写入报告失败{}{}\n", a.out.empty() ? "" : "：" + a.out,
               !why.empty() ? "（" + why + "）"
               : *format == ReportFormat::kXlsx ? "（xlsx 先在临时目录中生成，可用 TMPDIR 指定有空间的目录）" : "");
    return kExitError;
  }
  if (input_failed) return kExitError;
  if (fail_on && counter.at_or_above(*fail_on) > 0) return kExitFindings;
  return kExitOk;
}

}  // namespace

void register_scan(CLI::App& app, int& exit_code) {
  auto a = std::make_shared<ScanArgs>();
  auto* cmd = app.add_subcommand("scan", "扫描 CSV 文件或 SQLite 数据库，输出移送线索");
  cmd->add_option("inputs", a->inputs, "输入文件（CSV 或 SQLite）")->required();
  one_value_each(cmd->add_option("-r,--rules", a->rules, "规则文件或目录（可多次）；默认为标准规则包"));
  add_input_options(cmd, a->input);
  cmd->add_option("--mapping", a->mapping, "列名映射文件（YAML）");
  one_value_each(cmd->add_option("--params", a->params_files, "地方参数文件（如 rules/local/浙江.yaml），可多次"));
  one_value_each(cmd->add_option("--select", a->select, "只用这些规则（编号；WLD-01 也包括 WLD-01-SEED 等）")->delimiter(','));
  cmd->add_option("-f,--format", a->format, "输出格式: table、csv、jsonl、json、md、html、notice、xlsx（默认 table；xlsx 须用 --out）");
  cmd->add_option("-o,--out", a->out, "输出文件（默认标准输出）");
  cmd->add_option("--rejects", a->rejects, "把无法读取的行写入此 CSV 文件");
  cmd->add_option("--fail-on", a->fail_on, "有该级别及以上的线索时以 1 退出: high、medium、low（--state 中已排除的线索不计）");
  cmd->add_option("--as-of", a->as_of, "判断“现行”标准及计算期间（移送后未立案等）的截止日期（默认：导出数据中的最晚日期）");
  one_value_each(cmd->add_option("--transfers", a->transfers, "移送涉嫌犯罪案件表（CSV 或 SQLite），可多次；SQLite 输入中的 transfers 表自动读取"));
  one_value_each(cmd->add_option("--non-prosecutions", a->non_prosecutions, "不起诉案件表（CSV 或 SQLite），可多次；SQLite 输入中的 non_prosecutions 表自动读取"));
  cmd->add_flag("--include-transferred", a->include_transferred, "已移送的案件也列出（标注为已移送）");
  cmd->add_flag("--mask", a->mask, "个人信息脱敏：自然人姓名、身份证号、电话号码（所有输出格式，含 --rejects 文件）");
  cmd->add_option("--threads", a->threads, "同时工作的线程数，含读取线程（默认按 CPU 核数，至多 8）");
  auto* state = cmd->add_option("--state", a->state, "状态文件（SQLite，不存在时新建）：与上次扫描比较，标出新增/未变/变化/消失的线索并记录本次扫描；审查用 xianjie review");
  cmd->add_flag("--hide-dismissed", a->hide_dismissed, "不列出已排除（dismissed）的线索（仍计数）")->needs(state);
  cmd->add_flag("-q,--quiet", a->quiet, "不在标准错误输出摘要");
  cmd->callback([a, &exit_code]() { exit_code = run(*a); });
}

}  // namespace xianjie::cli
