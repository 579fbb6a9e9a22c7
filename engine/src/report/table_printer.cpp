// The table printer: the terminal view for an analyst. One block per finding, printed as it
// arrives, then a compact summary:
//
//   [1] XJ-2023-001 · 涉嫌销售伪劣产品罪 · 严重程度 高
//       规则      MKT-01 销售伪劣产品，销售金额五万元以上
//       当事人    张三 · 个人 · 110101199001011234
//       …
//       证据      销售金额 52,000.00 元 ≥ 50,000 元(…)
//                 货值金额 …
//
// Labels are padded by display width (a Chinese character takes two columns), so values line up
// whatever the label. Values never contain line breaks or control characters (terminal_safe):
// case data must not be able to break the layout or send escape sequences to the terminal.
// Colour codes are added around already-aligned text, so they never affect the alignment.
#include <fmt/format.h>

#include <map>
#include <ostream>
#include <string>

#include "common/text.h"
#include "report/printers.h"
#include "report/report_text.h"

namespace xianjie {

namespace {

constexpr size_t kIndent = 4;      // block lines are indented under the "[n]" header
constexpr size_t kLabelWidth = 8;  // four Chinese characters, the longest label
constexpr std::string_view kEmpty = "—";

constexpr std::string_view kReset = "\x1b[0m";
constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kRed = "\x1b[1;31m";
constexpr std::string_view kYellow = "\x1b[33m";
constexpr std::string_view kCyan = "\x1b[36m";

std::string_view severity_color(RuleSeverity s) {
  switch (s) {
    case RuleSeverity::kHigh: return kRed;
    case RuleSeverity::kMedium: return kYellow;
    case RuleSeverity::kLow: return kCyan;
  }
  return kRed;
}

// Non-empty parts joined by " · ".
std::string dotted(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (auto p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += " · ";
    out += p;
  }
  return out;
}

class TablePrinter final : public FindingSink {
 public:
  TablePrinter(std::ostream& out, bool color) : out_(out), color_(color) {}

  void finding(const Finding& f) override {
    ++count_;
    buf_.clear();
    if (count_ > 1) buf_ += '\n';
    std::string case_id = f.case_id.empty() ? std::string(kEmpty) : terminal_safe(f.case_id);
    std::string offense = terminal_safe(f.offense.empty() ? f.title : f.offense);
    buf_ += fmt::format("[{}] {} · {} · 严重程度 {}\n", count_, paint(kBold, case_id), offense,
                        paint(severity_color(f.severity), severity_label(f.severity)));
    line("规则", dotted({f.rule_id, f.title}));
    line("当事人", dotted({f.party_name, party_type_text(f.party_type), f.party_id}));
    line("执法机关", f.agency);
    line("来源", f.source);
    line("案由", f.case_reason);
    std::string violation = f.violation_date ? f.violation_date->to_string() : "未填写";
    std::string decision = f.decision_date ? f.decision_date->to_string() : "未填写";
    line("日期", "违法 " + violation + " · 决定 " + decision);
    if (!f.fine_amount.empty()) line("罚款", f.fine_amount);
    line("依据", dotted({f.law, f.basis}));
    line("适用版本", version_text(f));
    if (f.evidence.empty()) line("证据", "");
    for (size_t i = 0; i < f.evidence.size(); ++i) line(i == 0 ? "证据" : "", f.evidence[i].message);
    if (!f.missing_fields.empty()) line("缺失字段", join(f.missing_fields, "、"));
    for (size_t i = 0; i < f.related.size(); ++i) {
      const RelatedCase& r = f.related[i];
      std::string date = r.decision_date ? "决定 " + r.decision_date->to_string() : r.violation_date ? "违法 " + r.violation_date->to_string() : "";
      line(i == 0 ? "关联案件" : "", dotted({r.role, terminal_safe(r.case_id), r.agency, date, r.penalty, r.value, r.source}));
    }
    if (!f.party_key_basis.empty() && !f.related.empty()) line("当事人归并", "按" + f.party_key_basis);
    if (!f.referral) line("性质", "审查线索（非移送对象）");
    if (!f.confirmed) line("门槛", dotted({"未确认", f.confirmation_note}), kYellow);
    if (f.transferred) line("已移送", "记录显示已移送公安机关", kYellow);
    line("建议", std::string(suggested_action(f)));
    if (f.tracking) {  // scan --state
      const auto review = review_cells(f);  // state, status, reason, note, fingerprint
      line("复核", dotted({review[0], review[2].empty() ? review[1] : review[1] + "：" + review[2], review[4]}));
      if (!review[3].empty()) line("复核说明", review[3], kYellow);
    }
    write();
  }

  void end(const ScanSummary& s) override {
    buf_.clear();
    if (count_ > 0) buf_ += '\n';
    else buf_ += "未发现移送线索。\n\n";
    buf_ += "── 汇总 ──\n";
    const auto& sev = s.findings_by_severity;
    summary_line("移送线索", fmt::format("{} 条（高 {} · 中 {} · 低 {}）", s.findings, sev[0], sev[1], sev[2]));
    if (!s.findings_by_rule.empty()) summary_line("按规则", counts(s.findings_by_rule));
    summary_line("数据行", fmt::format("读取 {} · 评估 {} · 拒收 {} · 已移送 {}", s.rows_read, s.rows_evaluated,
                                      s.rows_rejected, s.rows_transferred));
    if (s.value_errors > 0) {
      std::string text = std::to_string(s.value_errors);
      if (!s.value_errors_by_column.empty()) text += "（" + counts(s.value_errors_by_column) + "）";
      summary_line("值错误", text);
    }
    if (!s.inputs.empty()) summary_line("输入", join(s.inputs, " · "));
    for (size_t i = 0; i < s.input_errors.size(); ++i)
      summary_line(i == 0 ? "输入错误" : "", s.input_errors[i], kRed);
    for (size_t i = 0; i < s.notes.size(); ++i) summary_line(i == 0 ? "说明" : "", s.notes[i]);
    summary_line("规则", fmt::format("{} 条 · 用时 {:.2f} 秒", s.rules, s.seconds));
    write();
    out_.flush();
  }

 private:
  std::string paint(std::string_view color, std::string_view text) const {
    if (!color_ || color.empty()) return std::string(text);
    return std::string(color) + std::string(text) + std::string(kReset);
  }

  // "    标签      值": the value starts at column kIndent + kLabelWidth + 2 in every line.
  void labelled(size_t indent, std::string_view label, std::string_view value, std::string_view color) {
    buf_.append(indent, ' ');
    buf_ += label;
    buf_.append(kLabelWidth - display_width(label) + 2, ' ');
    std::string text = terminal_safe(value);
    buf_ += paint(color, text.empty() ? kEmpty : text);
    buf_ += '\n';
  }
  void line(std::string_view label, std::string_view value, std::string_view color = {}) {
    labelled(kIndent, label, value, color);
  }
  void summary_line(std::string_view label, std::string_view value, std::string_view color = {}) {
    labelled(0, label, value, color);
  }

  static std::string counts(const std::map<std::string, uint64_t>& m) {
    std::string out;
    for (const auto& [name, n] : m) {
      if (!out.empty()) out += " · ";
      out += name + " " + std::to_string(n);
    }
    return out;
  }

  void write() { out_.write(buf_.data(), static_cast<std::streamsize>(buf_.size())); }

  std::ostream& out_;
  bool color_;
  uint64_t count_ = 0;
  std::string buf_;  // one block, written in one call
};

}  // namespace

std::unique_ptr<FindingSink> make_table_printer(std::ostream& out, const ReportOptions& opts) {
  return std::make_unique<TablePrinter>(out, opts.color);
}

}  // namespace xianjie
