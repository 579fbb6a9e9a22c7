// Review statuses and the legal reasons a finding may be dismissed for.
#include <array>

#include "common/text.h"
#include "xianjie/state.h"

namespace xianjie {

namespace {

struct StatusName {
  ReviewStatus status;
  std::string_view name;
  std::string_view label;
};

constexpr std::array<StatusName, 5> kStatuses = {{
    {ReviewStatus::kOpen, "open", "待审查"},
    {ReviewStatus::kConfirmed, "confirmed", "已确认"},
    {ReviewStatus::kTransferred, "transferred", "已移送"},
    {ReviewStatus::kDismissed, "dismissed", "已排除"},
    {ReviewStatus::kInvestigating, "investigating", "核查中"},
}};

// The reason that needs an explanation, and the short form it is stored under.
constexpr std::string_view kOther = "其他（须说明）";
constexpr std::string_view kOtherShort = "其他";

// Removes a leading "：" or ":" (and white space around it); false when there is none.
bool strip_colon(std::string_view& rest) {
  rest = trim(rest);
  if (rest.substr(0, 3) == "：") rest.remove_prefix(3);
  else if (rest.substr(0, 1) == ":") rest.remove_prefix(1);
  else return false;
  rest = trim(rest);
  return true;
}

std::string reason_list() {
  std::string out;
  for (auto r : dismissal_reasons()) {
    if (!out.empty()) out += " / ";
    out += r;
  }
  return out;
}

}  // namespace

std::string_view review_status_name(ReviewStatus s) {
  for (const auto& n : kStatuses)
    if (n.status == s) return n.name;
  return "open";
}

std::string_view review_status_label(ReviewStatus s) {
  for (const auto& n : kStatuses)
    if (n.status == s) return n.label;
  return "待审查";
}

std::optional<ReviewStatus> parse_review_status(std::string_view name) {
  for (const auto& n : kStatuses)
    if (n.name == name) return n.status;
  return std::nullopt;
}

const std::vector<std::string_view>& dismissal_reasons() {
  static const std::vector<std::string_view> kReasons = {"不构成犯罪", "已移送", "证据不足", "重复线索", kOther};
  return kReasons;
}

std::optional<std::string> check_dismissal_reason(std::string_view reason, std::string& error) {
  std::string_view text = trim(reason);
  // The longer spelling first, so that "其他（须说明）：…" is not read as "其他" + "（须说明）：…".
  for (std::string_view head : {kOther, kOtherShort}) {
    if (text.substr(0, head.size()) != head) continue;
    std::string_view rest = text.substr(head.size());
    if (!strip_colon(rest) || rest.empty()) {
      error = "以“其他”为由排除线索时须说明具体理由，例如 --reason \"其他：同一行为已由公安机关立案侦查\"";
      return std::nullopt;
    }
    return std::string(kOtherShort) + "：" + std::string(rest);
  }
  for (std::string_view r : dismissal_reasons()) {
    if (r == kOther || text.substr(0, r.size()) != r) continue;
    std::string_view rest = text.substr(r.size());
    if (trim(rest).empty()) return std::string(r);
    if (strip_colon(rest)) return rest.empty() ? std::string(r) : std::string(r) + "：" + std::string(rest);
  }
  error = text.empty() ? "排除线索（dismissed）须用 --reason 给出法定理由之一：" + reason_list()
                       : "排除理由“" + std::string(text) + "”不在法定理由之列；须为以下之一（可加“：说明”）：" + reason_list();
  return std::nullopt;
}

}  // namespace xianjie
