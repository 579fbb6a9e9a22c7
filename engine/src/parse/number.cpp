// Plain numbers (超标倍数 and other unitless measures) and integers (人数, 份数).
//
//   number  := numeral-with-sign [ 倍 ]
//   integer := numeral-with-sign [ count-unit ]       count-unit: 人 名 份 张 个 件 次 株 只 …
//
// Both accept Chinese and mixed numerals (三, 十二, 1.2万). An integer that is written with a
// zero fraction (3.0, as spreadsheets print whole numbers stored as floating point) is whole and
// accepted; 3.5 is not. Approximations (余, 多) are rejected here: unlike amounts, these values
// have no way to say "about".
#include <limits>
#include <string_view>

#include "common/text.h"
#include "parse/chinese_numeral.h"
#include "parse/cursor.h"
#include "parse/support.h"
#include "xianjie/value_parse.h"

namespace xianjie {
namespace {

using namespace parse_detail;

// Reads a whole cell as a signed numeral followed by whatever `tail` accepts. `kind` names the
// value in messages ("数值", "整数").
template <typename Tail>
std::optional<Decimal> parse_numeral_cell(std::string_view raw, std::string_view kind, std::string& error,
                                          Tail tail) {
  // Messages are built only on failure: the success path must not allocate.
  auto fail = [&](std::string_view before, std::string_view after) -> std::optional<Decimal> {
    std::string reason(before);
    reason.append(kind).append(after);
    error = make_error(reason, raw);
    return std::nullopt;
  };
  std::string_view s = trim(raw);
  Cursor c(s);
  if (c.peek() == U'约') return fail("", "为约数");
  Numeral n;
  switch (scan_signed_numeral(c, n)) {
    case NumeralStatus::kOk: break;
    case NumeralStatus::kOverflow: return fail("", "超出范围");
    case NumeralStatus::kScientific: return fail("疑似科学计数法，", "可能已被舍入");
    case NumeralStatus::kNone:
    case NumeralStatus::kMalformed: return fail("无法识别的", "");
  }
  c.skip_spaces();
  if (at_range(c)) return fail("", "为区间");
  char32_t next = c.peek();
  if (n.approximate || next == U'余' || next == U'多' || c.rest() == "左右") return fail("", "为约数");
  if (!tail(trim(c.rest()))) return fail("无法识别的", "");
  return n.value;
}

bool is_counted(Dimension d) {
  switch (d) {
    case Dimension::kTrees: case Dimension::kAnimals: case Dimension::kPieces: case Dimension::kSticks:
    case Dimension::kBoxes: case Dimension::kVolumesBk: case Dimension::kCans: case Dimension::kCopies:
    case Dimension::kCartons: case Dimension::kPersons: case Dimension::kCount:
      return true;
    default:
      return false;
  }
}

}  // namespace

std::optional<Decimal> parse_number(std::string_view raw, std::string& error) {
  Decimal value;
  if (parse_plain_decimal(trim(raw), value)) return value;
  // 倍 is accepted because the one number column of the dictionary, 超标倍数, is often written "3.5倍".
  return parse_numeral_cell(raw, "数值", error, [](std::string_view rest) { return rest.empty() || rest == "倍"; });
}

std::optional<int64_t> parse_integer(std::string_view raw, std::string& error) {
  std::string_view s = trim(raw);
  if (!s.empty() && s.size() <= 18) {
    int64_t v = 0;
    size_t i = 0;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) v = v * 10 + (s[i] - '0');
    if (i == s.size()) return v;
  }
  auto value = parse_numeral_cell(raw, "整数", error, [](std::string_view rest) {
    if (rest.empty()) return true;
    auto unit = lookup_unit(rest);
    return unit && is_counted(unit->dimension);
  });
  if (!value) return std::nullopt;
  if (!value->is_integral()) {
    error = make_error("不是整数", raw);
    return std::nullopt;
  }
  return value->whole_part();
}

}  // namespace xianjie
