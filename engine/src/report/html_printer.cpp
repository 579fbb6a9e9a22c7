// The html printer: one self-contained page (inline CSS and JS, nothing fetched) that an analyst
// opens offline, filters, sorts and prints. The page itself is html_template.html, embedded at
// build time; this file fills its four markers (see the top of the template):
//
//   head … <!--XIANJIE:ROWS--> … <!--XIANJIE:FIGURES--> … <!--XIANJIE:NOTES--> … <!--XIANJIE:META--> … tail
//
// Candidates are written as they arrive, one JSON array per line inside a
// <script type="application/json"> block, so memory stays bounded by the string pool (below),
// not by the number of findings; the summary, known only at the end, follows. The page builds
// the list from the data one page at a time (see the template), so even 50,000 candidates make a
// file of tens of megabytes and a light DOM, rather than megabytes of nested tables.
//
// Size: text that repeats from finding to finding (agency, rule, offense, law, basis, version,
// evidence labels, operators and thresholds) is written once into meta.strings and referred to by
// index; only what is particular to a case (its number, party, facts, values) is inline. Facts
// are cut to an excerpt.
//
// Escaping, because party names and facts come from untrusted exports:
// - inside the JSON blocks, every string is JSON-escaped and then '<', '>' and '&' become
//   \u003c, \u003e, \u0026, so that no text can close the <script> element or open a comment;
//   these characters occur only inside strings, so the result is still the same JSON;
// - the page's script puts text into the DOM only through textContent;
// - the static summary is HTML-escaped (html_text, report/html_text.h);
// - every text is terminal_safe first: no control characters and no bidi overrides, which could
//   reorder what the analyst reads.
#include <fmt/format.h>

#include <array>
#include <ostream>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "report/html_template.h"
#include "report/html_text.h"
#include "report/json_writer.h"
#include "report/printers.h"
#include "report/report_text.h"
#include "xianjie/decimal.h"

namespace xianjie {

namespace {

constexpr size_t kFactsExcerpt = 300;  // characters of 违法事实 kept per candidate
constexpr size_t kMaxListedRejects = 200;

// The template cut at its markers, once.
struct TemplateParts {
  std::array<std::string_view, 5> parts;  // head, after ROWS, after FIGURES, after NOTES, tail
};

const TemplateParts& template_parts() {
  static const TemplateParts parts = [] {
    static constexpr std::string_view kMarkers[] = {"<!--XIANJIE:ROWS-->", "<!--XIANJIE:FIGURES-->",
                                                    "<!--XIANJIE:NOTES-->", "<!--XIANJIE:META-->"};
    std::string_view t = report_detail::html_template();
    TemplateParts p;
    size_t from = 0;
    for (size_t k = 0; k < 4; ++k) {
      size_t at = t.find(kMarkers[k], from);
      if (at == std::string_view::npos || t.find(kMarkers[k], at + 1) != std::string_view::npos)
        throw std::logic_error(fmt::format("html_template.html: marker {} missing, repeated or out of order", kMarkers[k]));
      p.parts[k] = t.substr(from, at - from);
      from = at + kMarkers[k].size();
    }
    p.parts[4] = t.substr(from);
    return p;
  }();
  return parts;
}

std::string grouped(uint64_t n) { return Decimal::from_units(static_cast<int64_t>(n) * Decimal::kOne).to_grouped(0); }

// "52,000.00 元（销售金额 …）" → number "52,000.00", unit "元", rest "（销售金额 …）". A text that
// does not start with a number ("电鱼") has no unit: number is empty and rest is the whole text.
struct Quantity {
  std::string_view number, unit, rest;
};

Quantity split_quantity(std::string_view s) {
  auto digit = [&](size_t k) { return k < s.size() && s[k] >= '0' && s[k] <= '9'; };
  Quantity q;
  size_t i = !s.empty() && s[0] == '-' ? 1 : 0;
  if (!digit(i)) {
    q.rest = s;
    return q;
  }
  while (digit(i) || (i < s.size() && (s[i] == ',' || s[i] == '.' || s[i] == '%'))) ++i;
  q.number = s.substr(0, i);
  if (i < s.size() && s[i] == ' ') {
    size_t u = i + 1, e = u;
    // The unit runs to the next space or full-width bracket; it holds no digit.
    while (e < s.size() && s[e] != ' ' && s.substr(e, 3) != "（" && !digit(e)) ++e;
    if (e > u) {
      q.unit = s.substr(u, e - u);
      i = e;
    }
  }
  q.rest = s.substr(i);
  return q;
}

class HtmlPrinter final : public FindingSink {
 public:
  HtmlPrinter(std::ostream& out, const ReportOptions& opts)
      : out_(out), tool_version_(opts.tool_version), masked_(opts.mask) {
    intern("");  // index 0 is the empty string
  }

  void begin(const std::vector<RuleInfo>& /*rules*/) override { open(); }

  void finding(const Finding& f) override {
    open();
    row_.clear();
    JsonWriter w(row_);
    w.begin_array();
    w.string(terminal_safe(f.case_id));
    w.string(terminal_safe(f.source));
    w.integer(intern(f.agency));
    w.string(terminal_safe(f.party_name));
    w.integer(intern(party_type_text(f.party_type)));
    w.string(terminal_safe(f.party_id));
    w.integer(intern(f.domain));
    w.string(terminal_safe(f.case_reason));
    w.string(excerpt(f.facts, kFactsExcerpt));
    w.string(date_text(f.violation_date));
    w.string(date_text(f.decision_date));
    w.string(terminal_safe(f.fine_amount));
    w.integer(f.transferred ? 1 : 0);
    w.integer(intern(f.rule_id));
    w.integer(intern(f.title));
    w.integer(intern(f.offense.empty() ? f.title : f.offense));
    w.integer(intern(f.law));
    w.integer(intern(f.basis));
    w.integer(static_cast<uint64_t>(f.severity));
    w.integer(intern(version_text(f)));
    w.integer(f.confirmed ? 1 : 0);
    w.integer(intern(f.confirmation_note));
    w.integer(intern(suggested_action(f)));
    w.begin_array();
    for (const auto& e : f.evidence) evidence(w, e);
    w.end_array();
    w.integer(intern(join(f.missing_fields, "、")));
    if (f.tracking) {  // scan --state
      const auto review = review_cells(f);  // state, status, reason, note, fingerprint
      w.begin_array();
      w.integer(intern(review[0]));
      w.integer(intern(review[1]));
      w.string(terminal_safe(review[2]));
      w.string(terminal_safe(review[3]));
      w.string(review[4]);
      w.end_array();
    } else {
      w.integer(0);
    }
    w.end_array();

    buffer_.clear();
    buffer_ += findings_ == 0 ? "\n" : ",\n";
    append_script_json(buffer_, row_);
    write(buffer_);
    ++findings_;
  }

  void disappeared(const DisappearedFinding& d) override {
    ++disappeared_count_;
    if (disappeared_.size() < kMaxListedRejects) disappeared_.push_back(d);
  }

  void reject(const RejectedRow& row) override {
    if (rejects_.size() < kMaxListedRejects) rejects_.push_back({row.source, row.location, row.reason});
  }

  void end(const ScanSummary& s) override {
    open();
    std::string o = findings_ == 0 ? "]</script>\n" : "\n]</script>\n";
    o += template_parts().parts[1];
    figures(o, s);
    o += template_parts().parts[2];
    notes(o, s);
    o += template_parts().parts[3];
    meta(o);
    o += template_parts().parts[4];
    write(o);
    out_.flush();
  }

 private:
  struct ListedReject {
    std::string source;
    uint64_t location;
    std::string reason;
  };

  void open() {
    if (opened_) return;
    opened_ = true;
    std::string o(template_parts().parts[0]);
    o += "<script type=\"application/json\" id=\"xj-rows\">[";
    write(o);
  }

  // The index of `s` (terminal_safe) in meta.strings, adding it on first sight.
  uint32_t intern(std::string_view s) {
    auto it = index_.find(std::string(s));
    if (it != index_.end()) return it->second;
    auto n = static_cast<uint32_t>(strings_.size());
    strings_.push_back(terminal_safe(s));
    index_.emplace(std::string(s), n);
    return n;
  }

  // [label, field, value, op, threshold, unit, basis, sentence]: the unit is the threshold's,
  // taken off the value too when the value has the same one; the sentence only when there is no
  // label (a pattern rather than a comparison), since otherwise the parts say it all.
  void evidence(JsonWriter& w, const Evidence& e) {
    Quantity t = split_quantity(e.threshold), v = split_quantity(e.value);
    std::string threshold = std::string(t.number) + std::string(t.rest);
    std::string value = !t.unit.empty() && v.unit == t.unit ? std::string(v.number) + std::string(v.rest) : e.value;
    w.begin_array();
    w.integer(intern(e.label));
    w.integer(intern(e.field));
    w.string(terminal_safe(value));
    w.integer(intern(e.op));
    w.integer(intern(t.unit.empty() ? std::string_view(e.threshold) : std::string_view(threshold)));
    w.integer(intern(t.unit));
    w.integer(intern(e.basis));
    w.string(e.label.empty() ? terminal_safe(e.message) : std::string());
    w.end_array();
  }

  void figures(std::string& o, const ScanSummary& s) const {
    o += "<p class=\"meta\">";
    if (!tool_version_.empty()) o += "工具版本 xianjie " + html_text(tool_version_) + " · ";
    if (!s.inputs.empty()) o += "输入 " + html_text(join(s.inputs, "、")) + " · ";
    o += fmt::format("规则 {} 条 · 用时 {:.2f} 秒", s.rules, s.seconds);
    if (masked_) o += " · <span class=\"masked-flag\">个人信息已脱敏</span>";
    o += "</p>\n<div class=\"figures\">\n";
    const auto& sev = s.findings_by_severity;
    const std::array<std::tuple<const char*, uint64_t, const char*>, 10> cards = {{
        {"读取行数", s.rows_read, ""},
        {"评估行数", s.rows_evaluated, ""},
        {"拒收行数", s.rows_rejected, ""},
        {"已移送（记录标注）", s.rows_transferred, ""},
        {"无法解析的值", s.value_errors, ""},
        {"移送线索", s.findings, ""},
        {"其中 严重程度高", sev[0], " high"},
        {"其中 严重程度中", sev[1], " medium"},
        {"其中 严重程度低", sev[2], " low"},
        {"适用规则", s.rules, ""},
    }};
    for (const auto& [label, n, cls] : cards)
      o += fmt::format("  <div class=\"figure{}\"><b>{}</b><span>{}</span></div>\n", cls, grouped(n), label);
    o += "</div>\n";
    if (s.state) {  // scan --state: this scan against the previous one
      const StateCounts& st = *s.state;
      o += st.previous_scan_id == 0
               ? fmt::format("<p class=\"meta\">复核状态文件 {} · 第 {} 次扫描（首次，无可比对）</p>\n", html_text(st.path), st.scan_id)
               : fmt::format("<p class=\"meta\">复核状态文件 {} · 第 {} 次扫描，与第 {} 次比对</p>\n", html_text(st.path),
                             st.scan_id, st.previous_scan_id);
      o += "<div class=\"figures\">\n";
      const std::array<std::pair<const char*, uint64_t>, 6> review = {{
          {"新增", st.new_findings},
          {"未变", st.unchanged},
          {"有变化", st.changed},
          {"已消失", st.disappeared},
          {"已排除后重新打开", st.reopened},
          {"仍为已排除", st.dismissed},
      }};
      for (const auto& [label, n] : review)
        o += fmt::format("  <div class=\"figure\"><b>{}</b><span>{}</span></div>\n", grouped(n), label);
      o += "</div>\n";
    }
  }

  void notes(std::string& o, const ScanSummary& s) const {
    if (!s.input_errors.empty()) {
      o += "<div class=\"notice\"><strong>输入错误</strong><ul>\n";
      for (const auto& e : s.input_errors) o += "<li>" + html_text(e) + "</li>\n";
      o += "</ul></div>\n";
    }
    if (!s.notes.empty()) {
      o += fmt::format("<details><summary>说明（{} 条）</summary><ul>\n", s.notes.size());
      for (const auto& n : s.notes) o += "<li>" + html_text(n) + "</li>\n";
      o += "</ul></details>\n";
    }
    if (!s.value_errors_by_column.empty()) {
      o += fmt::format("<details><summary>无法解析的值（{} 处，按缺失处理）</summary>\n", grouped(s.value_errors));
      o += "<table class=\"counts\"><thead><tr><th>列</th><th class=\"num\">个数</th></tr></thead><tbody>\n";
      for (const auto& [column, n] : s.value_errors_by_column)
        o += "<tr><td>" + html_text(column) + "</td><td class=\"num\">" + grouped(n) + "</td></tr>\n";
      o += "</tbody></table></details>\n";
    }
    if (disappeared_count_ > 0) {
      o += fmt::format("<details><summary>已消失的线索（上次扫描发现、本次未再发现：{} 条）</summary>\n",
                       grouped(disappeared_count_));
      o += "<table class=\"counts\"><thead><tr><th>线索指纹</th><th>复核状态</th><th>规则</th><th>案件编号</th>"
           "<th>执法机关</th><th>当事人</th><th>最后所见位置</th></tr></thead><tbody>\n";
      for (const auto& d : disappeared_) {
        std::string status = review_status_text(d.status);
        if (!d.status_reason.empty()) status += "：" + d.status_reason;
        o += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                         html_text(d.fingerprint), html_text(status), html_text(d.rule_id), html_text(d.case_id),
                         html_text(d.agency), html_text(d.party_name), html_text(d.source));
      }
      o += "</tbody></table>\n";
      if (disappeared_count_ > disappeared_.size())
        o += fmt::format("<p class=\"sub\">另有 {} 条未列出；完整列表见 jsonl 输出。</p>\n",
                         grouped(disappeared_count_ - disappeared_.size()));
      o += "</details>\n";
    }
    if (!rejects_.empty()) {
      o += fmt::format("<details><summary>拒收行（{} 行）</summary>\n", grouped(s.rows_rejected));
      o += "<table class=\"counts\"><thead><tr><th>来源</th><th class=\"num\">位置</th><th>原因</th></tr></thead><tbody>\n";
      for (const auto& r : rejects_)
        o += fmt::format("<tr><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>\n", html_text(r.source), r.location,
                         html_text(r.reason));
      o += "</tbody></table>\n";
      if (s.rows_rejected > rejects_.size())
        o += fmt::format("<p class=\"sub\">另有 {} 行未列出；完整内容见 --rejects 文件或 jsonl 输出。</p>\n",
                         grouped(s.rows_rejected - rejects_.size()));
      o += "</details>\n";
    }
  }

  void meta(std::string& o) const {
    std::string json;
    JsonWriter w(json);
    w.begin_object();
    w.key("tool").string(tool_version_);
    w.key("masked").boolean(masked_);
    w.key("strings").begin_array();
    for (const auto& s : strings_) w.string(s);
    w.end_array();
    w.end_object();
    o += "<script type=\"application/json\" id=\"xj-meta\">";
    append_script_json(o, json);
    o += "</script>\n";
  }

  void write(const std::string& s) { out_.write(s.data(), static_cast<std::streamsize>(s.size())); }

  std::ostream& out_;
  std::string tool_version_;
  bool masked_;
  bool opened_ = false;
  uint64_t findings_ = 0;
  std::string row_;     // one candidate's JSON, reused
  std::string buffer_;  // the same made script-safe, reused
  std::unordered_map<std::string, uint32_t> index_;  // raw text → index in strings_
  std::vector<std::string> strings_;                 // meta.strings, terminal_safe
  std::vector<ListedReject> rejects_;                // the first kMaxListedRejects
  std::vector<DisappearedFinding> disappeared_;      // likewise (scan --state)
  uint64_t disappeared_count_ = 0;
};

}  // namespace

std::unique_ptr<FindingSink> make_html_printer(std::ostream& out, const ReportOptions& opts) {
  template_parts();  // a broken template is a build defect: fail before anything is written
  return std::make_unique<HtmlPrinter>(out, opts);
}

}  // namespace xianjie
