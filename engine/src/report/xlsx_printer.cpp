// The xlsx printer: a workbook for analysts who work in Excel, with three sheets.
//
//   线索  one row per finding, the columns of the csv report (report_text.h finding_cells), with
//         Chinese headers; the dates are real Excel dates, the fine a number in a money format;
//         the header row is frozen and the filter is on.
//   汇总  the scan: records read, evaluated and rejected, findings by kind and severity, then
//         findings by offense, by domain, by month of the penalty decision, and by rule and the
//         version of it applied, with the tool version and the inputs.
//   机关  per agency: findings, referral candidates and leads, by severity, transferred cases and
//         unconfirmed thresholds, with a totals row; frozen header and filter.
//   已消失 with scan --state only: the findings of the previous scan that this one no longer
//         produces, with their review status. 线索 then has the review columns as well
//         (report_text.h review_cells), and 汇总 the comparison with the previous scan.
//
// Findings are written to the first sheet as they arrive (the workbook streams rows to disk, see
// xlsx_book.h), and only the counts for the other two sheets are kept. The file is copied into
// the output stream in end(); when it cannot be built the stream is marked bad, which the caller
// reports as a failed write. Masking (--mask) happens before the printer, as for every format.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "report/printers.h"
#include "report/report_text.h"
#include "report/xlsx_book.h"

namespace xianjie {

namespace {

using xlsx::Sheet;
using xlsx::Style;

struct AgencyCounts {
  uint64_t findings = 0, referral = 0, leads = 0, transferred = 0, unconfirmed = 0;
  std::array<uint64_t, 3> severity{};

  void add(const AgencyCounts& o) {
    findings += o.findings;
    referral += o.referral;
    leads += o.leads;
    transferred += o.transferred;
    unconfirmed += o.unconfirmed;
    for (size_t k = 0; k < severity.size(); ++k) severity[k] += o.severity[k];
  }
};

// "高" / "中" / "低" for a severity stored by name (a disappeared finding's), else the name.
std::string severity_name_text(const std::string& name) {
  if (name == "high") return "高";
  if (name == "medium") return "中";
  if (name == "low") return "低";
  return name;
}

// Entries of a count map, the largest first (ties by name).
std::vector<std::pair<std::string, uint64_t>> by_count(const std::map<std::string, uint64_t>& m) {
  std::vector<std::pair<std::string, uint64_t>> v(m.begin(), m.end());
  std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  return v;
}

class XlsxPrinter final : public FindingSink {
 public:
  XlsxPrinter(std::ostream& out, const ReportOptions& opts)
      : out_(out), tool_version_(opts.tool_version), masked_(opts.mask), review_state_(opts.review_state) {
    candidates_ = book_.add_sheet("线索");
    summary_ = book_.add_sheet("汇总");
    agencies_ = book_.add_sheet("机关");
    if (review_state_) disappeared_ = book_.add_sheet("已消失");
    if (candidates_) {
      const auto& h = finding_column_headings();
      std::vector<std::string> headings(h.begin(), h.end());
      if (review_state_)
        for (auto r : review_column_headings()) headings.emplace_back(r);
      candidates_->header(0, headings);
    }
    if (disappeared_)
      disappeared_->header(0, {"线索指纹", "复核状态", "复核理由", "规则编号", "案件编号", "最后所见位置", "执法机关",
                               "当事人", "当事人类型", "涉嫌罪名", "严重程度", "首次发现", "最后发现"});
  }

  void finding(const Finding& f) override {
    count(f);
    if (!candidates_) return;
    const uint32_t row = ++rows_;
    const auto cells = finding_cells(f);
    for (size_t c = 0; c < cells.size(); ++c) {
      const auto col = static_cast<uint16_t>(c);
      if (c == kColViolationDate) candidates_->date(row, col, f.violation_date);
      else if (c == kColDecisionDate) candidates_->date(row, col, f.decision_date);
      else if (c == kColFineAmount) candidates_->money(row, col, f.fine_amount);
      else candidates_->text(row, col, cells[c]);
    }
    if (review_state_) {
      const auto review = review_cells(f);
      for (size_t c = 0; c < review.size(); ++c) candidates_->text(row, static_cast<uint16_t>(cells.size() + c), review[c]);
    }
  }

  void disappeared(const DisappearedFinding& d) override {
    if (!disappeared_) return;
    const uint32_t row = ++disappeared_rows_;
    auto seen = [](uint64_t scan, const std::string& at) { return fmt::format("第 {} 次扫描（{}）", scan, at); };
    const std::array<std::string, 13> cells = {d.fingerprint,
                                               review_status_text(d.status),
                                               d.status_reason,
                                               d.rule_id,
                                               d.case_id,
                                               d.source,
                                               d.agency,
                                               d.party_name,
                                               std::string(party_type_text(d.party_type)),
                                               d.offense,
                                               severity_name_text(d.severity),
                                               seen(d.first_seen_scan, d.first_seen_at),
                                               seen(d.last_seen_scan, d.last_seen_at)};
    for (size_t c = 0; c < cells.size(); ++c) disappeared_->text(row, static_cast<uint16_t>(c), cells[c]);
  }

  void end(const ScanSummary& s) override {
    if (candidates_) {
      candidates_->autofilter(rows_);
      candidates_->fit_columns(6, 48);
    }
    if (summary_) write_summary(*summary_, s);
    if (agencies_) write_agencies(*agencies_);
    if (disappeared_) {
      if (disappeared_rows_ == 0) disappeared_->text(1, 0, "（无：上次扫描的线索本次都仍然发现）", Style::kText, false);
      else disappeared_->autofilter(disappeared_rows_);
      disappeared_->fit_columns(6, 48);
    }
    if (!book_.finish(out_, error_)) out_.setstate(std::ios::badbit);
    out_.flush();
  }

  std::string failure() const override { return error_; }

 private:
  void count(const Finding& f) {
    by_offense_[f.offense.empty() ? f.title : f.offense]++;
    by_domain_[f.domain.empty() ? "（未填写）" : f.domain]++;
    by_month_[f.decision_date ? f.decision_date->to_string().substr(0, 7) : std::string()]++;
    by_rule_[{f.rule_id, f.title, version_text(f)}]++;
    AgencyCounts& a = by_agency_[f.agency];
    ++a.findings;
    (f.referral ? a.referral : a.leads)++;
    if (f.transferred) ++a.transferred;
    if (!f.confirmed) ++a.unconfirmed;
    ++a.severity[static_cast<size_t>(f.severity)];
  }

  // A titled two-column table of names and counts with their share; returns the next free row.
  static uint32_t count_table(Sheet& sh, uint32_t row, std::string_view title, std::string_view what,
                              const std::vector<std::pair<std::string, uint64_t>>& entries) {
    uint64_t total = 0;
    for (const auto& e : entries) total += e.second;
    sh.text(row++, 0, title, Style::kTitle, false);
    sh.header(row++, {std::string(what), "线索数", "占比"}, false);
    for (const auto& [name, n] : entries) {
      sh.text(row, 0, name);
      sh.count(row, 1, n);
      sh.share(row, 2, n, total);
      ++row;
    }
    if (entries.empty()) sh.text(row++, 0, "（无）");
    return row + 1;
  }

  void write_summary(Sheet& sh, const ScanSummary& s) const {
    uint32_t row = 0;
    sh.text(row++, 0, "移送线索报告 · 汇总", Style::kTitle, false);
    sh.text(row++, 0, "本表由程序按规则自动筛查生成；所列为线索，不是定案结论，每条线索须经人工审核案卷。", Style::kText, false);
    ++row;
    auto item = [&](std::string_view label, uint64_t n) {
      sh.text(row, 0, label);
      sh.count(row, 1, n);
      ++row;
    };
    auto note = [&](std::string_view label, std::string_view value) {
      sh.text(row, 0, label);
      sh.text(row, 1, value);
      ++row;
    };
    sh.header(row++, {"项目", "数值"}, false);
    if (!tool_version_.empty()) note("工具及规则包版本", "xianjie " + tool_version_);
    item("适用规则", s.rules);
    if (!s.inputs.empty()) note("输入", join(s.inputs, "、"));
    if (s.as_of) note("期间计算截至", s.as_of->to_string() + (s.as_of_from_data ? "（导出数据中的最晚日期）" : "（--as-of）"));
    if (masked_) note("个人信息", "已脱敏（--mask）");
    item("读取行数", s.rows_read);
    item("评估行数", s.rows_evaluated);
    item("拒收行数", s.rows_rejected);
    item("已移送（记录标注）", s.rows_transferred);
    item("无法解析的值（按缺失处理）", s.value_errors);
    item("线索合计", s.findings);
    item("其中 移送候选", s.referral_candidates);
    item("其中 审查线索", s.findings - s.referral_candidates);
    item("严重程度 高", s.findings_by_severity[0]);
    item("严重程度 中", s.findings_by_severity[1]);
    item("严重程度 低", s.findings_by_severity[2]);
    if (s.state) {  // scan --state: this scan against the previous one
      const StateCounts& st = *s.state;
      note("状态文件", st.path);
      note("本次扫描", st.previous_scan_id == 0 ? fmt::format("第 {} 次（首次扫描，无可比对）", st.scan_id)
                                               : fmt::format("第 {} 次，与第 {} 次比对", st.scan_id, st.previous_scan_id));
      item("比对 新增", st.new_findings);
      item("比对 未变", st.unchanged);
      item("比对 有变化（证据不同）", st.changed);
      item("比对 已消失（见“已消失”表）", st.disappeared);
      item("已排除后因证据变化重新打开", st.reopened);
      item("仍为已排除", st.dismissed);
      if (st.dismissed_hidden > 0) item("其中未列出（--hide-dismissed）", st.dismissed_hidden);
    }
    for (const auto& e : s.input_errors) note("输入错误", e);
    for (const auto& n : s.notes) note("说明", n);
    ++row;

    row = count_table(sh, row, "按涉嫌罪名", "涉嫌罪名", by_count(by_offense_));
    row = count_table(sh, row, "按执法领域", "执法领域", by_count(by_domain_));
    std::vector<std::pair<std::string, uint64_t>> months;
    for (const auto& [m, n] : by_month_)
      if (!m.empty()) months.emplace_back(m, n);
    if (auto it = by_month_.find(""); it != by_month_.end()) months.emplace_back("（无处罚决定日期）", it->second);
    row = count_table(sh, row, "按处罚决定月份", "月份", months);

    sh.text(row++, 0, "按规则及适用版本", Style::kTitle, false);
    sh.header(row++, {"规则编号", "线索数", "规则名称", "适用版本"}, false);
    for (const auto& [key, n] : by_rule_) {
      sh.text(row, 0, key[0]);
      sh.count(row, 1, n);
      sh.text(row, 2, key[1]);
      sh.text(row, 3, key[2]);
      ++row;
    }
    if (by_rule_.empty()) sh.text(row++, 0, "（无）");
    sh.fit_columns(8, 60);
  }

  void write_agencies(Sheet& sh) const {
    sh.header(0, {"执法机关", "线索合计", "移送候选", "审查线索", "严重程度高", "严重程度中", "严重程度低", "其中已移送",
                  "门槛未确认"});
    // By name in code point order, a missing agency last.
    std::vector<const std::pair<const std::string, AgencyCounts>*> order;
    for (const auto& e : by_agency_) order.push_back(&e);
    std::stable_partition(order.begin(), order.end(), [](const auto* e) { return !e->first.empty(); });
    uint32_t row = 0;
    AgencyCounts total;
    auto write = [&](std::string_view name, const AgencyCounts& a, Style style) {
      ++row;
      sh.text(row, 0, name, style);
      const std::array<uint64_t, 8> n = {a.findings, a.referral, a.leads, a.severity[0], a.severity[1], a.severity[2],
                                         a.transferred, a.unconfirmed};
      for (size_t c = 0; c < n.size(); ++c) sh.count(row, static_cast<uint16_t>(c + 1), n[c]);
    };
    for (const auto* e : order) {
      write(e->first.empty() ? "（机关缺失）" : e->first, e->second, Style::kText);
      total.add(e->second);
    }
    sh.autofilter(row);  // the totals row stays out of the filter and the sort
    write("合计", total, Style::kHeader);
    sh.fit_columns(8, 60);
  }

  std::ostream& out_;
  std::string tool_version_;
  bool masked_;
  xlsx::Workbook book_;
  Sheet* candidates_ = nullptr;
  Sheet* summary_ = nullptr;
  Sheet* agencies_ = nullptr;
  bool review_state_;
  Sheet* disappeared_ = nullptr;  // scan --state only
  uint32_t rows_ = 0;             // findings written to 线索
  uint32_t disappeared_rows_ = 0;
  std::string error_;  // why the workbook could not be built, see failure()
  std::map<std::string, uint64_t> by_offense_, by_domain_, by_month_;
  std::map<std::array<std::string, 3>, uint64_t> by_rule_;  // rule id, title, version → findings
  std::map<std::string, AgencyCounts> by_agency_;
};

}  // namespace

std::unique_ptr<FindingSink> make_xlsx_printer(std::ostream& out, const ReportOptions& opts) {
  return std::make_unique<XlsxPrinter>(out, opts);
}

}  // namespace xianjie
