// Money amounts in yuan, in every form the exports use: plain and grouped Arabic numbers, 万/亿
// magnitudes, upper-case numerals from formal documents (壹拾贰万叁仟…元柒角捌分), currency
// markers and approximation words.
//
// Grammar, over width-folded code points (numeral: chinese_numeral.h):
//   amount := { prefix } numeral [ 余 | 多 ] [ yuan [ minor | 余 | 多 ] [ 整 | 正 ] [ 人民币 ] ] [ 左右 ]
//           | { prefix } minor [ 整 | 正 ]                                    (伍角, 5角2分)
//   prefix := currency | 约 | 大约 | sign, each kind at most once
//   currency := (人民币 | RMB | CNY) [ : ] | ¥ | ￥           sign := - | − | + | 负
//   yuan   := 元 | 圆 | 块
//   minor  := [ 零 ] [ digit 角 ] [ 零 ] [ digit 分 ]
//
// Own unit. 元, 万 and 亿 give the number its own magnitude; only a number without them is
// multiplied by the column's default scale (a 涉案金额（万元） column). ¥ and 人民币 do not count as a
// unit: spreadsheets put ¥ on every cell of a currency-formatted column whatever its header says,
// so "¥5.20" in a 万元 column means 5.2万.
#include <string_view>

#include "common/text.h"
#include "parse/chinese_numeral.h"
#include "parse/cursor.h"
#include "parse/support.h"
#include "xianjie/value_parse.h"

namespace xianjie {
namespace {

using namespace parse_detail;

// A single digit for 角/分: Chinese or ASCII.
int minor_digit(char32_t cp) {
  if (is_ascii_digit(cp)) return static_cast<int>(cp - U'0');
  return chinese_digit(cp);
}

// minor := [ 零 ] [ digit 角 ] [ 零 ] [ digit 分 ]. Adds the fraction to `value`; false when
// nothing matched. 零 is consumed only when a digit and its unit follow it.
bool read_minor(Cursor& c, Decimal& value) {
  bool any = false;
  const struct { char32_t unit; int64_t units; } kPlaces[] = {{U'角', Decimal::kOne / 10}, {U'分', Decimal::kOne / 100}};
  for (const auto& place : kPlaces) {
    Cursor look(c);
    if (look.peek() == U'零' || look.peek() == U'〇') look.next();
    int d = minor_digit(look.peek());
    if (d < 0) continue;
    look.next();
    if (!look.eat(place.unit)) continue;
    // Checked: an amount at the very top of the range has no room left for 角, and then stays unparsed.
    auto sum = value.add(Decimal::from_units(d * place.units));
    if (!sum) return false;
    value = *sum;
    c = look;
    any = true;
  }
  return any;
}

bool eat_currency(Cursor& c) {
  if (c.eat_literal("人民币") || c.eat_literal("RMB") || c.eat_literal("rmb") || c.eat_literal("CNY")) {
    c.eat(U':');  // 人民币：5000元
    return true;
  }
  return c.eat(U'\u00A5') || c.eat(U'\uFFE5');
}

bool eat_yuan(Cursor& c) { return c.eat(U'元') || c.eat(U'圆') || c.eat(U'块'); }

// A plain number in a 万元 / 亿元 column, scaled by moving the decimal point before rounding to the
// Decimal's four places: 0.999999 万元 is 9,999.99 元, not a rounded 1 万元.
bool parse_plain_scaled(std::string_view s, int64_t scale, Decimal& out) {
  int shift = 0;
  for (int64_t f = scale; f > 1; f /= 10) {
    if (f % 10 != 0) return false;
    ++shift;
  }
  size_t dot = s.find('.');
  if (shift == 0 || dot == std::string_view::npos || dot == 0 || dot + 1 >= s.size()) return false;
  if (s[dot - 1] < '0' || s[dot - 1] > '9') return false;  // ".5", "-.5": left to the full parser
  std::string moved(s.substr(0, dot));
  std::string_view frac = s.substr(dot + 1);
  for (int k = 0; k < shift; ++k) moved += k < static_cast<int>(frac.size()) ? frac[static_cast<size_t>(k)] : '0';
  if (static_cast<int>(frac.size()) > shift) moved += "." + std::string(frac.substr(static_cast<size_t>(shift)));
  return parse_plain_decimal(moved, out);
}

}  // namespace

std::optional<Decimal> parse_amount(std::string_view raw, int64_t default_scale, std::string& error,
                                    bool* approximate) {
  if (approximate) *approximate = false;
  std::string_view s = trim(raw);

  Decimal value;
  if (default_scale != 1 && parse_plain_scaled(s, default_scale, value)) return value;
  // "0.999999万" / "1.23456789亿元": a decimal with its own 万/亿, scaled before rounding too.
  for (auto [suffix, scale] : {std::pair<std::string_view, int64_t>{"万", 10000}, {"亿", 100000000}}) {
    std::string_view body = s;
    if (body.size() >= 3 && body.substr(body.size() - 3) == "元") body.remove_suffix(3);
    if (body.size() > suffix.size() && body.substr(body.size() - suffix.size()) == suffix) {
      body.remove_suffix(suffix.size());
      if (parse_plain_scaled(body, scale, value)) return value;
    }
  }
  if (parse_plain_decimal(s, value)) {
    if (auto scaled = mul_int(value, default_scale)) return scaled;
    error = make_error("金额超出范围", raw);
    return std::nullopt;
  }

  Cursor c(s);
  bool approx = false, currency = false, signed_ = false, negative = false;
  for (;;) {
    c.skip_spaces();
    if (!currency && eat_currency(c)) { currency = true; continue; }
    if (!approx && (c.eat_literal("大约") || c.eat(U'约'))) { approx = true; continue; }
    char32_t cp = c.peek();
    if (!signed_ && (cp == U'-' || cp == U'\u2212' || cp == U'+' || cp == U'负')) {
      c.next();
      signed_ = true;
      negative = cp != U'+';
      continue;
    }
    break;
  }

  const size_t number_start = c.pos();
  Numeral n;
  switch (scan_numeral(c, n)) {
    case NumeralStatus::kOk: break;
    case NumeralStatus::kOverflow: error = make_error("金额超出范围", raw); return std::nullopt;
    case NumeralStatus::kScientific: error = make_error("疑似科学计数法，金额可能已被舍入", raw); return std::nullopt;
    case NumeralStatus::kNone:
    case NumeralStatus::kMalformed: error = make_error("无法识别的金额", raw); return std::nullopt;
  }
  value = n.value;
  bool own_unit = n.has_big_unit;
  approx = approx || n.approximate;

  c.skip_spaces();
  if (at_range(c)) {
    error = make_error("金额为区间", raw);
    return std::nullopt;
  }
  if (c.peek() == U'角' || c.peek() == U'分') {
    // The numeral was the digit of 角 or 分 ("伍角"): read it again as such.
    c.reset(number_start);
    value = Decimal();
    if (!read_minor(c, value)) {
      error = make_error("无法识别的金额", raw);
      return std::nullopt;
    }
    own_unit = true;
    if (!c.eat(U'整')) c.eat(U'正');
  } else {
    if (c.eat(U'余') || c.eat(U'多')) approx = true;
    c.skip_spaces();
    if (eat_yuan(c)) {
      own_unit = true;
      if (c.eat(U'余') || c.eat(U'多')) approx = true;  // 5000元余
      else read_minor(c, value);
      if (!c.eat(U'整')) c.eat(U'正');
      c.eat_literal("人民币");
    }
  }
  c.skip_spaces();
  if (c.eat_literal("左右")) approx = true;
  c.skip_spaces();
  if (at_range(c)) {  // 5万元-6万元
    error = make_error("金额为区间", raw);
    return std::nullopt;
  }
  if (!c.at_end()) {
    error = make_error("无法识别的金额", raw);
    return std::nullopt;
  }

  if (negative) value = value.negate();
  if (!own_unit) {
    auto scaled = mul_int(value, default_scale);
    if (!scaled) {
      error = make_error("金额超出范围", raw);
      return std::nullopt;
    }
    value = *scaled;
  }
  if (approximate) *approximate = approx;
  return value;
}

}  // namespace xianjie
