// Text renderings shared by the human-facing printers (table, csv, md): Chinese labels for coded
// values, and the clean-up every cell needs before it is shown.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "xianjie/finding.h"

namespace xianjie {

// `s` with every invalid UTF-8 byte replaced by U+FFFD; otherwise unchanged.
std::string valid_utf8(std::string_view s);

// `s` made safe to print on a terminal or in a one-line cell: valid UTF-8; tabs and line breaks
// become spaces (a CRLF one space); other control characters (C0, DEL, C1) and the bidirectional
// overrides/isolates become U+FFFD, so that case data cannot move the cursor, recolour the
// terminal or visually reorder the text an analyst reads.
std::string terminal_safe(std::string_view s);

// Inline Markdown text: backslash-escapes the punctuation that means something inline (the
// backslash itself first among them, so "a\|b" cannot turn into an escaped backslash and a cell
// break), line breaks as <br>, tabs as spaces, control and bidi-override characters as U+FFFD.
// Safe in a table cell and in running text (md and notice printers).
std::string md_text(std::string_view s);

// At most `max_chars` characters of `s` (terminal_safe), cut at a character boundary and
// followed by "…" when something was cut.
std::string excerpt(std::string_view s, size_t max_chars);

// "个人" / "单位" for the coded party types, the raw text for anything else.
std::string_view party_type_text(std::string_view party_type);

// ISO date, or "" when missing.
std::string date_text(const std::optional<Date>& d);

std::string join(const std::vector<std::string>& items, std::string_view separator);

// The version applied, with the reason it was chosen in parentheses when there is one.
std::string version_text(const Finding& f);

// Evidence sentences joined by "；".
std::string evidence_text(const Finding& f);

// What the analyst is advised to do, the one rendering every format prints (its 建议 column or
// "action" key): the finding's action (建议移送公安机关 unless the rule says otherwise; the
// engine already makes it 建议调查核实 for a repeat offence whose earlier penalties were matched
// by a person's name only), but 建议调查核实 whenever the threshold applied is not confirmed,
// since an unconfirmed threshold cannot carry a referral; a transferred case keeps its "已移送"
// action.
std::string_view suggested_action(const Finding& f);

// The columns of one finding as a row of a spreadsheet, shared by the csv and xlsx printers so
// that both give the same columns in the same order.
inline constexpr size_t kFindingColumns = 22;
enum FindingColumn : size_t {  // the columns the xlsx printer writes as typed cells
  kColViolationDate = 8,
  kColDecisionDate = 9,
  kColFineAmount = 10,
};
// 案件编号, 来源, 执法机关, 执法领域, 当事人, 证件号码, 当事人类型, 案由, 违法行为发生日期,
// 处罚决定日期, 罚款金额, 是否已移送, 规则编号, 涉嫌罪名, 刑法条文, 追诉标准依据, 适用版本,
// 严重程度, 门槛是否已确认, 证据, 缺失字段, 建议.
const std::array<std::string_view, kFindingColumns>& finding_column_headings();
// The cells of `f` under those headings, as text (dates ISO, the amount as displayed).
std::array<std::string, kFindingColumns> finding_cells(const Finding& f);

// With scan --state, the columns that follow: 本次比对 (新增/未变/有变化 against the previous
// scan), 复核状态, 复核理由, 复核说明 (e.g. a dismissal reopened because the evidence changed)
// and 线索指纹 (the id `xianjie review` takes).
inline constexpr size_t kReviewColumns = 5;
const std::array<std::string_view, kReviewColumns>& review_column_headings();
// Empty cells for a finding without tracking.
std::array<std::string, kReviewColumns> review_cells(const Finding& f);
// "新增" / "未变" / "有变化" for the tracking states, the raw text for anything else.
std::string_view tracking_state_text(std::string_view state);
// The Chinese label of a review status name ("dismissed" → "已排除"), the raw text if unknown.
std::string review_status_text(std::string_view status);

}  // namespace xianjie
