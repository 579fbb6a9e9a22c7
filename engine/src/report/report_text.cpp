// Shared text renderings for the printers (see report_text.h).
#include "report/report_text.h"

#include "common/text.h"
#include "xianjie/state.h"

namespace xianjie {

std::string valid_utf8(std::string_view s) {
  if (is_valid_utf8(s)) return std::string(s);
  std::string out;
  out.reserve(s.size() + 8);
  size_t i = 0;
  while (i < s.size()) append_utf8(out, next_code_point(s, i));  // U+FFFD per invalid byte
  return out;
}

std::string terminal_safe(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    char32_t cp = next_code_point(s, i);
    if (cp == '\r' && i < s.size() && s[i] == '\n') continue;  // CRLF: the LF makes the space
    if (cp == '\t' || cp == '\n' || cp == '\r') {
      out += ' ';
    } else if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
               (cp >= 0x2066 && cp <= 0x2069)) {
      append_utf8(out, 0xFFFD);
    } else {
      append_utf8(out, cp);
    }
  }
  return out;
}

std::string md_text(std::string_view s) {
  static constexpr std::string_view kSpecial = "\\|*_`[]<>~&";
  std::string out;
  out.reserve(s.size() + 8);
  size_t i = 0;
  while (i < s.size()) {
    char32_t cp = next_code_point(s, i);
    if (cp == '\r' && i < s.size() && s[i] == '\n') continue;  // CRLF: one break, from the LF
    if (cp == '\n' || cp == '\r') out += "<br>";
    else if (cp == '\t') out += ' ';
    else if (cp < 0x80 && kSpecial.find(static_cast<char>(cp)) != std::string_view::npos) {
      out += '\\';
      out += static_cast<char>(cp);
    } else if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
               (cp >= 0x2066 && cp <= 0x2069)) {
      append_utf8(out, 0xFFFD);
    } else {
      append_utf8(out, cp);
    }
  }
  return out;
}

std::string excerpt(std::string_view s, size_t max_chars) {
  std::string text = terminal_safe(s);
  size_t i = 0, n = 0;
  while (i < text.size() && n < max_chars) {
    next_code_point(text, i);
    ++n;
  }
  if (i >= text.size()) return text;
  text.resize(i);
  return text + "…";
}

std::string_view party_type_text(std::string_view party_type) {
  if (party_type == "individual") return "个人";
  if (party_type == "unit") return "单位";
  return party_type;
}

std::string date_text(const std::optional<Date>& d) { return d ? d->to_string() : std::string(); }

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += separator;
    out += items[i];
  }
  return out;
}

std::string version_text(const Finding& f) {
  if (f.version_reason.empty()) return f.version;
  if (f.version.empty()) return f.version_reason;
  return f.version + "（" + f.version_reason + "）";
}

std::string evidence_text(const Finding& f) {
  std::string out;
  for (size_t i = 0; i < f.evidence.size(); ++i) {
    if (i > 0) out += "；";
    out += f.evidence[i].message;
  }
  return out;
}

std::string_view suggested_action(const Finding& f) {
  static constexpr std::string_view kRefer = "建议移送公安机关";
  static constexpr std::string_view kVerify = "建议调查核实";
  if (f.transferred) return f.action;
  if (!f.confirmed) return kVerify;
  return f.action.empty() ? kRefer : std::string_view(f.action);
}

const std::array<std::string_view, kFindingColumns>& finding_column_headings() {
  static constexpr std::array<std::string_view, kFindingColumns> kHeadings = {
      "案件编号", "来源", "执法机关", "执法领域", "当事人", "证件号码", "当事人类型", "案由",
      "违法行为发生日期", "处罚决定日期", "罚款金额", "是否已移送", "规则编号", "涉嫌罪名", "刑法条文",
      "追诉标准依据", "适用版本", "严重程度", "门槛是否已确认", "证据", "缺失字段", "建议"};
  return kHeadings;
}

std::array<std::string, kFindingColumns> finding_cells(const Finding& f) {
  std::string confirmed = "是";
  if (!f.confirmed) confirmed = f.confirmation_note.empty() ? "否" : "否（" + f.confirmation_note + "）";
  return {
      f.case_id,
      f.source,
      f.agency,
      f.domain,
      f.party_name,
      f.party_id,
      std::string(party_type_text(f.party_type)),
      f.case_reason,
      date_text(f.violation_date),
      date_text(f.decision_date),
      f.fine_amount,
      f.transferred ? "是" : "否",
      f.rule_id,
      f.offense,
      f.law,
      f.basis,
      version_text(f),
      std::string(severity_label(f.severity)),
      confirmed,
      evidence_text(f),
      join(f.missing_fields, "、"),
      std::string(suggested_action(f)),
  };
}

const std::array<std::string_view, kReviewColumns>& review_column_headings() {
  static constexpr std::array<std::string_view, kReviewColumns> kHeadings = {"本次比对", "复核状态", "复核理由",
                                                                             "复核说明", "线索指纹"};
  return kHeadings;
}

std::string_view tracking_state_text(std::string_view state) {
  if (state == "new") return "新增";
  if (state == "unchanged") return "未变";
  if (state == "changed") return "有变化";
  return state;
}

std::string review_status_text(std::string_view status) {
  if (auto s = parse_review_status(status)) return std::string(review_status_label(*s));
  return std::string(status);
}

std::array<std::string, kReviewColumns> review_cells(const Finding& f) {
  if (!f.tracking) return {};
  const FindingTracking& t = *f.tracking;
  return {std::string(tracking_state_text(t.state)), review_status_text(t.status), t.status_reason, t.note,
          t.fingerprint};
}

}  // namespace xianjie
