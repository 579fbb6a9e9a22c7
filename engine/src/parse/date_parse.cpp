// Calendar dates as exports write them, with an optional time of day that is checked and dropped.
//
// Grammar, over width-folded code points:
//   date    := ymd [ time-sep time ]
//   ymd     := yyyy sep m{1,2} sep d{1,2}            sep := - | / | .  (the same one twice)
//            | year 年 md 月 md [ 日 | 号 ]            year := yyyy | four Chinese digits (二〇二三)
//            | yyyymmdd                                md := 1–2 digits or a Chinese numeral (十二)
//   time    := h{1,2} : mm [ : ss [ . d+ ] ]  |  h{1,2} (时|点) [ mm 分 [ ss 秒 ] ]
//   time-sep:= T | spaces  (nothing after 日 / 号)
//
// A cell that is only a number of up to five digits (45028, 45028.4375) is an Excel date serial
// that lost its formatting on export. Converting it would need to know the workbook's 1900/1904
// epoch, so it is reported, not guessed.
#include <string_view>

#include "common/text.h"
#include "parse/chinese_numeral.h"
#include "parse/cursor.h"
#include "parse/support.h"
#include "xianjie/value_parse.h"

namespace xianjie {
namespace {

using namespace parse_detail;

// Reads up to `max` ASCII digits; returns how many were read (0 leaves the cursor alone). Only
// the first nine go into `value`, which is all an int holds; longer runs are only counted.
int read_digits(Cursor& c, int max, int& value) {
  int n = 0;
  value = 0;
  while (n < max) {
    char32_t cp = c.peek();
    if (!is_ascii_digit(cp)) break;
    if (n < 9) value = value * 10 + static_cast<int>(cp - U'0');
    c.next();
    ++n;
  }
  return n;
}

int count_digits(const Cursor& c) {
  Cursor look(c);
  int n = 0;
  while (is_ascii_digit(look.peek())) { look.next(); ++n; }
  return n;
}

// Four digit characters, as formal documents write years: 二〇二三, 二○二三, and the typed 二O二三.
bool read_chinese_year(Cursor& c, int& year) {
  year = 0;
  for (int k = 0; k < 4; ++k) {
    char32_t cp = c.next();
    int d = chinese_digit(cp);
    if (is_ascii_digit(cp)) d = static_cast<int>(cp - U'0');
    else if (cp == U'O' || cp == U'o') d = 0;
    if (d < 0) return false;
    year = year * 10 + d;
  }
  return true;
}

// Month or day after 年 / 月: digits or a Chinese numeral, a whole number from 1 to 99.
bool read_md(Cursor& c, int& value) {
  Numeral n;
  if (scan_numeral(c, n) != NumeralStatus::kOk || n.has_big_unit || n.approximate) return false;
  Decimal v = n.value;
  if (!v.is_integral() || v.whole_part() < 1 || v.whole_part() > 99) return false;
  value = static_cast<int>(v.whole_part());
  return true;
}

bool read_time(Cursor& c) {
  int h = 0, m = 0, s = 0;
  if (read_digits(c, 2, h) == 0) return false;
  if (c.eat(U':')) {
    if (read_digits(c, 2, m) != 2) return false;
    if (c.eat(U':')) {
      if (read_digits(c, 2, s) != 2) return false;
      if (c.eat(U'.')) {
        int frac;
        if (read_digits(c, 9, frac) == 0) return false;
      }
    }
  } else if (c.eat(U'时') || c.eat(U'点')) {
    if (read_digits(c, 2, m) > 0) {
      if (!c.eat(U'分')) return false;
      if (read_digits(c, 2, s) > 0 && !c.eat(U'秒')) return false;
    }
  } else {
    return false;
  }
  return h <= 23 && m <= 59 && s <= 60;  // 60: a leap second is a real time
}

// "疑似 Excel 日期序号" when the whole cell is a number of at most five digits.
bool looks_like_serial(std::string_view s) {
  Cursor c(s);
  int whole = 0, frac = 0;
  if (read_digits(c, 6, whole) == 0 || count_digits(Cursor(s)) > 5) return false;
  if (c.eat(U'.') && read_digits(c, 12, frac) == 0) return false;
  return c.at_end();
}

}  // namespace

// A case date outside these years is a data-entry error (31131120 read as 3113-11-20), reported
// rather than accepted.
constexpr int kFirstPlausibleYear = 1949;
constexpr int kLastPlausibleYear = 2100;

std::optional<Date> parse_date(std::string_view raw, std::string& error) {
  std::string_view s = trim(raw);

  // ISO dates are the common case; everything else takes the general route.
  if (s.size() == 10 && s[4] == '-' && s[7] == '-') {
    auto dig = [&](size_t i) { return static_cast<unsigned>(s[i] - '0') <= 9; };
    if (dig(0) && dig(1) && dig(2) && dig(3) && dig(5) && dig(6) && dig(8) && dig(9)) {
      int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
      int m = (s[5] - '0') * 10 + (s[6] - '0');
      int d = (s[8] - '0') * 10 + (s[9] - '0');
      if (y < kFirstPlausibleYear || y > kLastPlausibleYear) {
        error = make_error("年份不合理", raw);
        return std::nullopt;
      }
      if (auto date = Date::from_ymd(y, m, d)) return date;
      error = make_error("不存在的日期", raw);
      return std::nullopt;
    }
  }

  auto fail = [&](std::string_view reason) -> std::optional<Date> {
    error = make_error(reason, raw);
    return std::nullopt;
  };

  Cursor c(s);
  int y = 0, m = 0, d = 0;
  bool chinese = false;
  const int lead = count_digits(c);
  if (looks_like_serial(s)) {
    // A bare 4-digit year is more likely than a serial from 1905-1912.
    if (s.size() == 4 && s >= "1900" && s <= "2199") return fail("日期不完整");
    return fail("疑似 Excel 日期序号");
  }
  if (lead == 8) {
    read_digits(c, 4, y);
    read_digits(c, 2, m);
    read_digits(c, 2, d);
  } else if (lead == 4 || lead == 0) {
    if (lead == 4) read_digits(c, 4, y);
    else if (!read_chinese_year(c, y)) return fail("无法识别的日期");
    char32_t sep = c.next();
    if (sep == U'年') {
      chinese = true;
      if (!read_md(c, m) || !c.eat(U'月')) return fail(c.at_end() ? "日期不完整" : "无法识别的日期");
      if (!read_md(c, d)) return fail(c.at_end() ? "日期不完整" : "无法识别的日期");
      if (!c.eat(U'日')) c.eat(U'号');
    } else if (lead == 4 && (sep == U'-' || sep == U'/' || sep == U'.')) {
      if (read_digits(c, 2, m) == 0 || !c.eat(sep) || read_digits(c, 2, d) == 0) return fail("无法识别的日期");
    } else {
      return fail("无法识别的日期");
    }
  } else {
    return fail("无法识别的日期");
  }

  if (!c.at_end()) {
    // A time of day may follow; it must be a valid one, but the date is what the rules use.
    bool separated = c.eat(U'T');
    if (!separated && (c.peek() == U' ' || c.peek() == U'\t')) {
      c.skip_spaces();
      separated = true;
    }
    if (!separated && !chinese) return fail("无法识别的日期");
    if (!read_time(c)) return fail("无法识别的日期");
    c.skip_spaces();
    if (!c.at_end()) return fail("无法识别的日期");
  }

  if (y < kFirstPlausibleYear || y > kLastPlausibleYear) return fail("年份不合理");
  if (auto date = Date::from_ymd(y, m, d)) return date;
  return fail("不存在的日期");
}

}  // namespace xianjie
