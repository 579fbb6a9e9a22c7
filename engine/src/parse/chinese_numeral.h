// Numerals as exports write them: Arabic (52,000.00, full-width ５２０００), Chinese (五万,
// 一万二千, 壹拾贰万叁仟肆佰伍拾陆) and the mixture of both that amounts use (5.2万, 1亿2000万,
// 3千5百). Units of measure and currency (元, 公斤 …) are the callers' business.
//
// Grammar, over width-folded code points:
//   numeral := { group big } [ group ]      big   := 万 | 亿  (亿 once; 万 once before and once
//                                                            after it; 万亿 = 10^12)
//   group   := { term small } [ term ]      small := 十 | 百 | 千, strictly descending in a group
//   term    := arabic | digit | 零 term     digit := 一…九, 壹…玖, 两, and traditional forms
//   arabic  := d+ ['.' d+] | d{1,3} (',' ddd)+ ['.' d+] | '.' d+
// 十 may open a group without a term (十二 = 12). 余 or 多 may stand between a round term or group
// and the multiplier after it (二十余万, not 五余万): the numeral is then approximate. Spaces may
// stand before 万 and 亿 ("5 万"), nowhere else.
//
// What real writing never does is rejected rather than read somehow: Chinese and Arabic digits in
// one numeral (二百51), a leading, doubled or trailing 零 (零五, 一千零零五, 一百零), 两 as the last
// digit (十两), a zero before a multiplier (0万).
//
// A term left over at the end of a group (no multiplier after it) is read
//   - literally after 零: 一千零五 = 1005;
//   - for a lone Chinese digit right after a multiplier, in the next lower place, as everyone
//     reads it: 一万二 = 12000, 三千五 = 3500;
//   - for Arabic digits right after a multiplier, only when they fill the lower places exactly:
//     1万2000 = 12000, while "1万2" (10002 or 12000?) is rejected rather than guessed.
#pragma once

#include <cstdint>

#include "parse/cursor.h"
#include "xianjie/decimal.h"

namespace xianjie::parse_detail {

// 0..9 for a Chinese digit (零 〇 ○ 一 壹 二 两 贰 …), -1 otherwise.
int chinese_digit(char32_t cp);
// 10, 100, 1000, 10^4 or 10^8 for 十拾 百佰 千仟 万萬 亿億, 0 otherwise.
int64_t chinese_multiplier(char32_t cp);

struct Numeral {
  Decimal value;
  bool has_big_unit = false;  // 万 or 亿 occurred: the number carries its own magnitude
  bool approximate = false;   // 余/多 inside the numeral
};

enum class NumeralStatus : uint8_t {
  kNone,        // no numeral at the cursor; the cursor is unchanged
  kOk,          // the cursor is past the numeral
  kMalformed,   // it starts like a numeral but breaks the grammar ("5.2.3", "1,2,3", "一二")
  kOverflow,    // beyond Decimal's range
  kScientific,  // 5.2E+04: Excel's display form, possibly already rounded
};

// Reads the longest numeral at the cursor, stopping at the first code point that cannot continue it.
NumeralStatus scan_numeral(Cursor& c, Numeral& out);

// As scan_numeral, after an optional sign (+, -, −, 负). A sign with no numeral after it is kNone.
NumeralStatus scan_signed_numeral(Cursor& c, Numeral& out);

}  // namespace xianjie::parse_detail
