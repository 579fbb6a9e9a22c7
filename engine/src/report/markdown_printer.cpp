// The md printer: a report to read in a Markdown viewer or paste into a case memo. A title, the
// summary tables, then one section per finding with its details and a table of its evidence.
//
// The summary comes first but is only known at the end, so finding sections are rendered as they
// arrive into a buffer and written in end(). That keeps the rendered text of every finding in
// memory; a report meant for reading has at most thousands of them. Bulk output is jsonl's job.
//
// Every piece of case or rule text goes through md_text: pipes and line breaks would break a
// table row, and Markdown/HTML syntax in case data (`*`, `[`, `<img …>`) must show as typed.
#include <fmt/format.h>

#include <map>
#include <ostream>
#include <string>

#include "common/text.h"
#include "report/printers.h"
#include "report/report_text.h"

namespace xianjie {

namespace {

class MarkdownPrinter final : public FindingSink {
 public:
  MarkdownPrinter(std::ostream& out, const ReportOptions& opts) : out_(out), tool_version_(opts.tool_version) {}

  void begin(const std::vector<RuleInfo>& rules) override {
    for (const auto& r : rules) offense_[r.id] = r.offense;
  }

  void finding(const Finding& f) override {
    ++count_;
    offense_.emplace(f.rule_id, f.offense);
    std::string& o = sections_;
    const std::string& offense = f.offense.empty() ? f.title : f.offense;
    o += fmt::format("### {}. {} · {}（{}）\n\n", count_, md_text(f.case_id), md_text(offense),
                     severity_label(f.severity));
    o += "| 项目 | 内容 |\n| --- | --- |\n";
    row("规则", f.rule_id + (f.title.empty() ? "" : " " + f.title));
    row("当事人", f.party_name);
    row("当事人类型", party_type_text(f.party_type));
    row("证件号码", f.party_id);
    row("执法机关", f.agency);
    row("来源", f.source);
    row("案由", f.case_reason);
    row("违法行为发生日期", f.violation_date ? f.violation_date->to_string() : "未填写");
    row("处罚决定日期", f.decision_date ? f.decision_date->to_string() : "未填写");
    row("罚款金额", f.fine_amount);
    row("是否已移送", f.transferred ? "是" : "否");
    row("刑法条文", f.law);
    row("追诉标准依据", f.basis);
    row("适用版本", version_text(f));
    std::string confirmed = f.confirmed ? "是" : "否";
    if (!f.confirmed && !f.confirmation_note.empty()) confirmed += "：" + f.confirmation_note;
    row("门槛是否已确认", confirmed);
    if (!f.missing_fields.empty()) row("缺失字段", join(f.missing_fields, "、"));
    row("说明", f.message);
    row("建议", std::string(suggested_action(f)));
    if (f.tracking) {  // scan --state
      const auto review = review_cells(f);  // state, status, reason, note, fingerprint
      row("本次比对", review[0]);
      row("复核状态", review[2].empty() ? review[1] : review[1] + "：" + review[2]);
      if (!review[3].empty()) row("复核说明", review[3]);
      row("线索指纹", review[4]);
    }
    o += "\n**证据**\n\n";
    if (f.evidence.empty()) {
      o += "（无）\n\n";
      return;
    }
    o += "| 项目 | 字段 | 值 | 运算 | 门槛 | 参数 | 依据 |\n| --- | --- | --- | --- | --- | --- | --- |\n";
    for (const auto& e : f.evidence) {
      // Evidence without its parts (a pattern rather than a comparison) still shows its sentence.
      const std::string& label = e.label.empty() ? e.message : e.label;
      o += fmt::format("| {} | {} | {} | {} | {} | {} | {} |\n", md_text(label), md_text(e.field), md_text(e.value),
                       md_text(e.op), md_text(e.threshold), md_text(e.param), md_text(e.basis));
    }
    o += '\n';
    if (f.related.empty()) return;
    o += "**关联案件**";
    if (!f.party_key_basis.empty()) o += "（当事人按" + md_text(f.party_key_basis) + "归并）";
    o += "\n\n| 关系 | 案件编号 | 机关 | 违法日期 | 决定日期 | 处罚/处理 | 金额 | 来源 |\n"
         "| --- | --- | --- | --- | --- | --- | --- | --- |\n";
    for (const auto& r : f.related)
      o += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} |\n", md_text(r.role), md_text(r.case_id), md_text(r.agency),
                       r.violation_date ? r.violation_date->to_string() : "", r.decision_date ? r.decision_date->to_string() : "",
                       md_text(r.penalty), md_text(r.value), md_text(r.source));
    o += '\n';
  }

  void end(const ScanSummary& s) override {
    std::string o = "# 移送线索报告\n\n";
    if (!tool_version_.empty()) o += "- 工具版本：" + md_text(tool_version_) + "\n";
    if (!s.inputs.empty()) o += "- 输入：" + md_text(join(s.inputs, "、")) + "\n";
    if (!tool_version_.empty() || !s.inputs.empty()) o += '\n';

    o += "## 汇总\n\n| 项目 | 数量 |\n| --- | ---: |\n";
    const auto& sev = s.findings_by_severity;
    const std::pair<const char*, uint64_t> counts[] = {
        {"读取行数", s.rows_read},     {"评估行数", s.rows_evaluated}, {"拒收行数", s.rows_rejected},
        {"已移送行数", s.rows_transferred}, {"值错误", s.value_errors},     {"移送线索", s.findings},
        {"其中 高", sev[0]},           {"其中 中", sev[1]},            {"其中 低", sev[2]},
        {"规则数", s.rules}};
    for (const auto& [label, n] : counts) o += fmt::format("| {} | {} |\n", label, n);
    o += fmt::format("| 用时（秒） | {:.2f} |\n\n", s.seconds);

    if (!s.findings_by_rule.empty()) {
      o += "### 按规则\n\n| 规则编号 | 涉嫌罪名 | 线索数 |\n| --- | --- | ---: |\n";
      for (const auto& [id, n] : s.findings_by_rule) {
        auto it = offense_.find(id);
        o += fmt::format("| {} | {} | {} |\n", md_text(id), it == offense_.end() ? "" : md_text(it->second), n);
      }
      o += '\n';
    }
    if (!s.value_errors_by_column.empty()) {
      o += "### 值错误（按列）\n\n| 列 | 个数 |\n| --- | ---: |\n";
      for (const auto& [column, n] : s.value_errors_by_column) o += fmt::format("| {} | {} |\n", md_text(column), n);
      o += '\n';
    }
    bullet_list(o, "输入错误", s.input_errors);
    bullet_list(o, "说明", s.notes);

    o += "## 移送线索\n\n";
    if (count_ == 0) o += "未发现移送线索。\n";
    write(o);
    write(sections_);
    out_.flush();
  }

 private:
  void row(std::string_view label, std::string_view value) {
    sections_ += fmt::format("| {} | {} |\n", label, md_text(value));
  }

  static void bullet_list(std::string& o, std::string_view title, const std::vector<std::string>& items) {
    if (items.empty()) return;
    o += fmt::format("### {}\n\n", title);
    for (const auto& item : items) o += "- " + md_text(item) + "\n";
    o += '\n';
  }

  void write(const std::string& s) { out_.write(s.data(), static_cast<std::streamsize>(s.size())); }

  std::ostream& out_;
  std::string tool_version_;
  std::map<std::string, std::string> offense_;  // rule id → offense, for the by-rule table
  uint64_t count_ = 0;
  std::string sections_;  // the finding sections, written after the summary
};

}  // namespace

std::unique_ptr<FindingSink> make_markdown_printer(std::ostream& out, const ReportOptions& opts) {
  return std::make_unique<MarkdownPrinter>(out, opts);
}

}  // namespace xianjie
