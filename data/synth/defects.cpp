// The defects of --dirty (see defects.h).
#include "defects.h"

#include <fmt/format.h>

#include <iterator>

#include "party_ids.h"

namespace xianjie::synth {
namespace {

// Amount texts a clerk might type that no parser can turn into a number. None of them uses the
// approximation markers 余/约/左右, which the amount parser accepts.
constexpr std::string_view kBadAmounts[] = {"五万多", "待核实", "不详", "见附件", "#VALUE!", "5万多元", "另行核定"};

// A column index among those with text, chosen uniformly; kColumnCount if none.
template <typename Pred>
size_t pick_cell(Rng& rng, const CsvRow& row, Pred wanted) {
  size_t candidates[kColumnCount];
  size_t n = 0;
  for (size_t c = 0; c < row.count; ++c)
    if (wanted(c) && !row.cells[c].empty() && row.cells[c] != "无" && row.cells[c] != "-") candidates[n++] = c;
  return n == 0 ? kColumnCount : candidates[rng.below(n)];
}

bool spoil_amount(Rng& rng, CsvRow& row) {
  size_t c = pick_cell(rng, row, is_amount_column);
  if (c == kColumnCount) return false;
  row.cells[c] = rng.pick(kBadAmounts);
  return true;
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
    case Defect::kNone: break;
  }
  return "无";
}

Defect apply_defect(Rng& rng, CsvRow& row) {
  switch (rng.below(kDefectKinds)) {
    case 0:
      if (spoil_amount(rng, row)) return Defect::kBadAmount;
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
