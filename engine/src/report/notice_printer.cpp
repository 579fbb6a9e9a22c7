// The notice printer: a Markdown draft of a 移送线索/检察建议 notice per finding, for the analyst to
// check against the case file, complete and sign. Each notice has the case, the facts as
// exported, the evidence against the threshold, the legal basis and the suggested action, and is
// marked as a draft in its heading and at its end: nothing here has been reviewed by a person.
//
// Notices are written as findings arrive (a notice needs nothing from the summary), so memory does
// not grow with the number of findings. Every piece of case or rule text goes through md_text, as
// in the md printer: case data must show as typed, never as Markdown or HTML.
#include <fmt/format.h>

#include <ostream>
#include <string>

#include "report/printers.h"
#include "report/report_text.h"

namespace xianjie {

namespace {

constexpr std::string_view kDraft = "草稿，须经人工审核";

class NoticePrinter final : public FindingSink {
 public:
  NoticePrinter(std::ostream& out, const ReportOptions& opts)
      : out_(out), tool_version_(opts.tool_version), masked_(opts.mask) {}

  void begin(const std::vector<RuleInfo>& /*rules*/) override { open(); }

  void finding(const Finding& f) override {
    open();
    ++count_;
    std::string& o = buf_;
    o.clear();
    const std::string& offense = f.offense.empty() ? f.title : f.offense;
    std::string_view action = suggested_action(f);
    o += fmt::format("\n---\n\n## 线索 {}：{} · 涉嫌{}（{}）\n\n", count_, md_text(f.case_id.empty() ? "（无案件编号）" : f.case_id),
                     md_text(offense), kDraft);
    if (!f.agency.empty()) o += fmt::format("**致：** {}\n\n", md_text(f.agency));

    o += "### 一、基本情况\n\n";
    item("案件编号", f.case_id);
    item("执法机关", f.agency);
    std::string party = f.party_name;
    if (!f.party_type.empty()) party += "（" + std::string(party_type_text(f.party_type)) + "）";
    item("当事人", party);
    item("证件号码", f.party_id);
    item("执法领域", f.domain);
    item("违法行为发生日期", f.violation_date ? f.violation_date->to_string() : "未填写");
    item("处罚决定日期", f.decision_date ? f.decision_date->to_string() : "未填写");
    item("罚款金额", f.fine_amount.empty() ? "" : f.fine_amount + " 元");
    item("数据来源", f.source);
    if (f.transferred) item("移送情况", "记录显示本案已移送公安机关，本稿仅供核对");

    o += "\n### 二、案件事实\n\n";
    item("案由", f.case_reason);
    if (f.facts.empty()) {
      o += "- 违法事实：（导出数据中未填写，须调阅案卷）\n";
    } else {
      o += "- 违法事实（摘自导出数据，须与案卷核对）：\n\n";
      o += "  > " + md_text(f.facts) + "\n";
    }

    o += "\n### 三、证据与立案追诉标准\n\n";
    if (f.evidence.empty()) {
      o += "（规则未给出可比对的证据项，须调阅案卷。）\n";
    } else {
      o += "| 项目 | 数值 | 运算 | 门槛 | 依据 |\n| --- | --- | --- | --- | --- |\n";
      for (const auto& e : f.evidence) {
        const std::string& label = e.label.empty() ? e.message : e.label;
        o += fmt::format("| {} | {} | {} | {} | {} |\n", md_text(label), md_text(e.value), md_text(e.op),
                         md_text(e.threshold), md_text(e.basis));
      }
    }
    if (!f.missing_fields.empty())
      o += fmt::format("\n数据中缺少：{}。这些字段可能影响认定，须调阅案卷补充。\n", md_text(join(f.missing_fields, "、")));

    o += "\n### 四、法律依据\n\n";
    item("涉嫌罪名", offense);
    item("刑法条文", f.law);
    item("立案追诉标准", f.basis);
    item("适用版本", version_text(f));
    item("筛查规则", f.rule_id + (f.title.empty() ? "" : " " + f.title));
    if (f.confirmed) {
      item("门槛", "已确认");
    } else {
      item("门槛", "未确认" + (f.confirmation_note.empty() ? std::string() : "：" + f.confirmation_note));
    }

    o += "\n### 五、建议\n\n";
    o += fmt::format("**{}。**", md_text(action));
    o += reasoning(f, action);
    o += fmt::format("\n\n> {}。本稿由程序根据导出数据自动生成，所列事实、数额和依据均须对照案卷逐项核实，"
                     "经检察官审核修改后方可使用。\n>\n> 审核人：__________　审核日期：__________\n",
                     kDraft);
    write(o);
  }

  void end(const ScanSummary& s) override {
    open();
    std::string o;
    if (count_ == 0) o += "\n---\n\n未发现移送线索，无须起草。\n";
    o += fmt::format("\n---\n\n共 {} 份草稿（读取 {} 行，评估 {} 行，拒收 {} 行）。{}。\n", count_, s.rows_read,
                     s.rows_evaluated, s.rows_rejected, kDraft);
    write(o);
    out_.flush();
  }

 private:
  void open() {
    if (opened_) return;
    opened_ = true;
    std::string o = fmt::format("# 移送线索/检察建议（{}）\n\n", kDraft);
    o += "> **本文件为草稿，须经人工审核。** 以下每一份均由程序根据行政处罚案件导出数据和规则自动生成，"
         "仅供检察人员审查案卷时参考，不是正式法律文书，不得直接发出。\n";
    if (!tool_version_.empty()) o += "\n- 生成工具：xianjie " + md_text(tool_version_) + "\n";
    if (masked_) o += (tool_version_.empty() ? "\n" : "") + std::string("- 个人信息已脱敏（--mask）\n");
    write(o);
  }

  // Why this action, in words the recipient can act on.
  static std::string reasoning(const Finding& f, std::string_view action) {
    if (f.transferred) return "记录显示本案已移送公安机关，请核对移送及立案情况。";
    if (!f.confirmed)
      return "所适用的立案追诉标准门槛尚未确认" +
             (f.confirmation_note.empty() ? std::string() : "（" + md_text(f.confirmation_note) + "）") +
             "，建议先核实门槛及案件事实，再决定是否建议移送。";
    if (action == "建议移送公安机关")
      return "现有数据显示本案涉嫌犯罪，达到立案追诉标准。依照《行政执法机关移送涉嫌犯罪案件的规定》，"
             "建议行政执法机关将本案移送公安机关，并将移送情况抄送人民检察院。";
    return "现有数据不足以判断是否达到立案追诉标准，建议调阅案卷，对上列事实和数额调查核实后再作决定。";
  }

  void item(std::string_view label, std::string_view value) {
    buf_ += fmt::format("- {}：{}\n", label, value.empty() ? "（未填写）" : md_text(value));
  }

  void write(const std::string& s) { out_.write(s.data(), static_cast<std::streamsize>(s.size())); }

  std::ostream& out_;
  std::string tool_version_;
  bool masked_;
  bool opened_ = false;
  uint64_t count_ = 0;
  std::string buf_;  // one notice, written in one call
};

}  // namespace

std::unique_ptr<FindingSink> make_notice_printer(std::ostream& out, const ReportOptions& opts) {
  return std::make_unique<NoticePrinter>(out, opts);
}

}  // namespace xianjie
