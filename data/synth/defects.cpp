// The defects of --dirty (see defects.h).
#include "defects.h"

#include <fmt/format.h>

#include <iterator>

#include "party_ids.h"
#include "xianjie/value_parse.h"

namespace xianjie::synth {
namespace {

// What a clerk types instead of an exact amount. kApproximation stands for an approximation of the
// amount itself (spoil_amount); the other texts cannot be parsed, and none of them uses the
// approximation markers 多/余/约/左右, which the amount parser accepts. (The two approximations sit
// where the literal 五万多 and 5万多元 used to, so that every seed draws the same defects as before.)
constexpr std::string_view kApproximation = "";
constexpr std::string_view kAmountTexts[] = {kApproximation, "待核实", "不详", "见附件", "#VALUE!", kApproximation, "另行核定"};

constexpr std::string_view kChineseDigits[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

// `amount` as a clerk's approximation of it, never more than the amount: 52,345.60 as "五万多"
// (`chinese`) or "5万多元", 19,200 as "一万多" or "1万多元", 3,480 as "三千多" or "3千多元"; from
// 100,000 on the Chinese form is "约12万元". Empty under 1,000 元.
std::string approximation(const Decimal& amount, bool chinese) {
  const int64_t whole = amount.whole_part();
  const bool wan = whole >= 10000;
  const int64_t lead = wan ? whole / 10000 : whole / 1000;
  if (lead < 1) return {};
  const std::string_view unit = wan ? "万" : "千";
  if (!chinese) return fmt::format("{}{}多元", lead, unit);
  if (lead < 10) return fmt::format("{}{}多", kChineseDigits[lead], unit);
  return fmt::format("约{}{}元", lead, unit);
}

// A column index among those with text, chosen uniformly; kColumnCount if none.
template <typename Pred>
size_t pick_cell(Rng& rng, const CsvRow& row, Pred wanted) {
  size_t candidates[kColumnCount];
  size_t n = 0;
  for (size_t c = 0; c < row.count; ++c)
    if (wanted(c) && !row.cells[c].empty() && row.cells[c] != "无" && row.cells[c] != "-") candidates[n++] = c;
  return n == 0 ? kColumnCount : candidates[rng.below(n)];
}

// Replaces an amount by one of kAmountTexts; an approximation of an amount under 1,000 元 (or of
// one that does not parse) becomes 不详 instead. Returns the defect made, kNone if the row has no
// amount.
Defect spoil_amount(Rng& rng, CsvRow& row) {
  size_t c = pick_cell(rng, row, is_amount_column);
  if (c == kColumnCount) return Defect::kNone;
  const size_t pick = rng.below(std::size(kAmountTexts));
  if (kAmountTexts[pick] == kApproximation && c != col::kAmountInvolved) {
    // 涉案金额（万元） is left out: "5万多元" would name its unit twice.
    std::string error;
    if (auto amount = parse_amount(row.cells[c], 1, error)) {
      std::string text = approximation(*amount, pick == 0);
      if (!text.empty()) {
        row.cells[c] = std::move(text);
        return Defect::kApproximateAmount;
      }
    }
  }
  row.cells[c] = kAmountTexts[pick] == kApproximation ? "不详" : kAmountTexts[pick];
  return Defect::kBadAmount;
}

bool spoil_date(Rng& rng, CsvRow& row) {
  size_t c = pick_cell(rng, row, is_date_column);
  if (c == kColumnCount) return false;
  const std::string& old = row.cells[c];
  int year = 2023;
  if (old.size() >= 4 && old[0] >= '1' && old[0] <= '2') year = std::stoi(old.substr(0, 4));
  static constexpr int kImpossible[][2] = {{2, 30}, {2, 31}, {4, 31}, {6, 31}, {9, 31}, {11, 31}, {13, 5}, {0, 12}};
  const auto& md = kImpossible[rng.below(8)];
  std::string text;
  auto it = std::back_inserter(text);
  switch (rng.below(3)) {
    case 0: fmt::format_to(it, "{:04}-{:02}-{:02}", year, md[0], md[1]); break;
    case 1: fmt::format_to(it, "{}/{}/{}", year, md[0], md[1]); break;
    default: fmt::format_to(it, "{}年{}月{}日", year, md[0], md[1]); break;
  }
  row.cells[c] = std::move(text);
  return true;
}

void lose_delimiter(Rng& rng, CsvRow& row) {
  size_t c = 1 + rng.below(row.count - 2);  // merge cells c and c+1
  row.cells[c] += row.cells[c + 1];
  for (size_t i = c + 1; i + 1 < row.count; ++i) row.cells[i].swap(row.cells[i + 1]);
  row.cells[row.count - 1].clear();
  --row.count;
}

bool break_id(Rng& rng, CsvRow& row) {
  std::string& id = row.cells[col::kPartyId];
  if (id.size() != 18) return false;
  break_check_character(id, rng);
  return true;
}

}  // namespace

std::string_view defect_name(Defect d) {
  switch (d) {
    case Defect::kBadAmount: return "无法解析的金额";
    case Defect::kBadDate: return "不存在的日期";
    case Defect::kMissingDelimiter: return "缺少分隔符";
    case Defect::kUnbalancedQuote: return "引号未闭合";
    case Defect::kBadIdCheck: return "证件号码校验位错误";
    case Defect::kApproximateAmount: return "概数金额";
    case Defect::kNone: break;
  }
  return "无";
}

Defect apply_defect(Rng& rng, CsvRow& row) {
  switch (rng.below(kDamageDraws)) {
    case 0:
      if (Defect d = spoil_amount(rng, row); d != Defect::kNone) return d;
      break;
    case 1:
      if (spoil_date(rng, row)) return Defect::kBadDate;
      break;
    case 2:
      break;
    case 3: {
      size_t choice = rng.weighted({50, 25, 25});
      row.open_quote_cell = choice == 0 ? col::kCaseReason : choice == 1 ? col::kPartyName : col::kAgency;
      return Defect::kUnbalancedQuote;
    }
    default:
      if (break_id(rng, row)) return Defect::kBadIdCheck;
      break;
  }
  lose_delimiter(rng, row);
  return Defect::kMissingDelimiter;
}

}  // namespace xianjie::synth
