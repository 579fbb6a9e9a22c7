// Quantities: a number with a unit of measure or count, converted to its dimension's base unit so
// that a rule written in 公斤 matches data recorded in 斤 or 吨.
//
//   quantity := numeral-with-sign [ spaces ] [ unit ]      unit: any spelling find_unit() knows
//
// The unit comes from the cell when it has one, else from the separate 计量单位 column
// (`unit_hint`); when the cell has a unit the hint is not consulted, because the unit written next
// to the number is the more specific statement. Approximate quantities (600余公斤) and ranges are
// errors: a Quantity has no way to say "about".
#include <string_view>

#include "common/text.h"
#include "parse/chinese_numeral.h"
#include "parse/cursor.h"
#include "parse/support.h"
#include "xianjie/value_parse.h"

namespace xianjie {
namespace {

using namespace parse_detail;

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Parses all of `text` as a signed numeral.
bool whole_numeral(std::string_view text, Decimal& value) {
  Cursor c(text);
  Numeral n;
  if (scan_signed_numeral(c, n) != NumeralStatus::kOk || n.approximate) return false;
  c.skip_spaces();
  if (!c.at_end()) return false;
  value = n.value;
  return true;
}

// Start of the code point that ends before `end`.
size_t last_code_point(std::string_view s, size_t end) {
  size_t k = end - 1;
  while (k > 0 && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) --k;
  return k;
}

// A unit can begin with a character the numeral scanner also reads (千克 after 600 reads as
// 600千 + 克). Gives the numeral back one code point at a time until the rest is a unit and what
// remains before it is still a whole numeral.
bool split_late(std::string_view s, size_t numeral_end, Decimal& value, std::optional<Unit>& unit) {
  size_t k = numeral_end;
  while (k > 0) {
    k = last_code_point(s, k);
    auto u = lookup_unit(trim(s.substr(k)));
    if (u && whole_numeral(s.substr(0, k), value)) {
      unit = u;
      return true;
    }
  }
  return false;
}

}  // namespace

std::optional<Quantity> parse_quantity(std::string_view raw, std::string_view unit_hint, std::string& error) {
  auto fail = [&](std::string_view reason, std::string_view shown) -> std::optional<Quantity> {
    error = make_error(reason, shown);
    return std::nullopt;
  };
  std::string_view s = trim(raw);
  Decimal value;
  std::optional<Unit> unit;

  if (!parse_plain_decimal(s, value)) {
    Cursor c(s);
    if (c.peek() == U'约' || ends_with(s, "左右")) return fail("数量为约数", raw);
    Numeral n;
    switch (scan_signed_numeral(c, n)) {
      case NumeralStatus::kOk: break;
      case NumeralStatus::kOverflow: return fail("数量超出范围", raw);
      case NumeralStatus::kScientific: return fail("疑似科学计数法，数量可能已被舍入", raw);
      case NumeralStatus::kNone:
      case NumeralStatus::kMalformed: return fail("无法识别的数量", raw);
    }
    value = n.value;
    const size_t numeral_end = c.pos();
    c.skip_spaces();
    if (at_range(c)) return fail("数量为区间", raw);
    if (n.approximate || c.peek() == U'余' || c.peek() == U'多') return fail("数量为约数", raw);
    std::string_view rest = trim(c.rest());
    if (!rest.empty()) {
      // A numeral that ends in a multiplier may have swallowed the first character of the unit
      // (600千克): the longer unit is the one meant.
      bool ends_in_multiplier = false;
      if (numeral_end > 0) {
        Cursor last(s, last_code_point(s, numeral_end));
        ends_in_multiplier = chinese_multiplier(last.peek()) != 0;
      }
      if (!(ends_in_multiplier && split_late(s, numeral_end, value, unit))) {
        unit = lookup_unit(rest);
        if (!unit && !split_late(s, numeral_end, value, unit)) return fail("未知的计量单位", rest);
      }
    }
  }

  if (!unit) {
    std::string_view hint = trim(unit_hint);
    if (!hint.empty() && !is_missing_token(hint)) {
      unit = lookup_unit(hint);
      if (!unit) return fail("未知的计量单位", hint);
    }
  }
  if (!unit) return Quantity{value, Dimension::kNone};
  auto base = value.mul(unit->to_base);
  if (!base) return fail("数量超出范围", raw);
  return Quantity{*base, unit->dimension};
}

}  // namespace xianjie
