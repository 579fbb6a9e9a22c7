// The numeral scanner: Arabic, Chinese and mixed numerals (grammar in chinese_numeral.h).
//
// Everything is accumulated in Decimal with checked arithmetic, so 9999亿亿 is an overflow error
// and never a wrapped number.
#include "parse/chinese_numeral.h"

#include <limits>
#include <optional>

namespace xianjie::parse_detail {

int chinese_digit(char32_t cp) {
  switch (cp) {
    case U'零': case U'〇': case U'○': return 0;  // ○ (U+25CB) is a common stand-in for 〇
    case U'一': case U'壹': case U'弌': return 1;
    case U'二': case U'两': case U'贰': case U'貳': case U'兩': case U'弍': return 2;
    case U'三': case U'叁': case U'參': case U'弎': return 3;
    case U'四': case U'肆': return 4;
    case U'五': case U'伍': return 5;
    case U'六': case U'陆': case U'陸': return 6;
    case U'七': case U'柒': return 7;
    case U'八': case U'捌': return 8;
    case U'九': case U'玖': return 9;
    default: return -1;
  }
}

int64_t chinese_multiplier(char32_t cp) {
  switch (cp) {
    case U'十': case U'拾': return 10;
    case U'百': case U'佰': return 100;
    case U'千': case U'仟': return 1000;
    case U'万': case U'萬': return 10000;
    case U'亿': case U'億': return 100000000;
    default: return 0;
  }
}

namespace {

constexpr int64_t kWan = 10000;
constexpr int64_t kYi = 100000000;
constexpr int64_t kNoUnit = std::numeric_limits<int64_t>::max();

struct Arabic {
  Decimal value;
  int whole_digits = 0;
};

// arabic := d+ ['.' d+] | d{1,3} (',' ddd)+ ['.' d+] | '.' d+
NumeralStatus read_arabic(Cursor& c, Arabic& out) {
  char buf[48];  // more digits than this cannot fit a Decimal anyway
  size_t n = 0;
  int whole = 0, frac = 0, group = 0;
  bool grouped = false, dot = false;
  for (;;) {
    char32_t cp = c.peek();
    if (is_ascii_digit(cp)) {
      if (n + 1 >= sizeof buf) return NumeralStatus::kOverflow;
      buf[n++] = static_cast<char>(cp);
      if (dot) ++frac;
      else { ++whole; ++group; }
      c.next();
    } else if (cp == U',' && !dot) {
      // Only standard three-digit grouping: "1,2,3,4" is a list or a typo, not a number.
      if (group == 0 || group > 3 || (grouped && group != 3)) return NumeralStatus::kMalformed;
      grouped = true;
      group = 0;
      c.next();
    } else if (cp == U'.') {
      if (dot || !is_ascii_digit(c.peek_second())) return NumeralStatus::kMalformed;  // 5.2.3, 5.
      if (grouped && group != 3) return NumeralStatus::kMalformed;
      if (n + 1 >= sizeof buf) return NumeralStatus::kOverflow;
      dot = true;
      buf[n++] = '.';
      c.next();
    } else if ((cp == U'e' || cp == U'E') && whole + frac > 0) {
      Cursor look(c);
      look.next();
      if (look.peek() == U'+' || look.peek() == U'-') look.next();
      if (is_ascii_digit(look.peek())) return NumeralStatus::kScientific;
      break;
    } else {
      break;
    }
  }
  if (grouped && !dot && group != 3) return NumeralStatus::kMalformed;
  if (whole + frac == 0) return NumeralStatus::kMalformed;
  auto v = Decimal::parse(std::string_view(buf, n));
  if (!v) return NumeralStatus::kOverflow;  // the text is well formed, so only the range can fail
  out.value = *v;
  out.whole_digits = whole;
  return NumeralStatus::kOk;
}

int places(int64_t unit) {
  int p = 0;
  for (; unit > 1; unit /= 10) ++p;
  return p;
}

enum class TermKind : uint8_t { kArabic, kChinese, kLiang };

// The state of one numeral while its terms and multipliers are read left to right.
class Accumulator {
 public:
  NumeralStatus term(Decimal v, TermKind kind, int whole_digits) {
    if (pending_ || leading_zero_) return NumeralStatus::kMalformed;  // 一二, 5五, 零五
    // One numeral is written in one script: 二百51 and 2万0十五 are typing accidents.
    bool arabic = kind == TermKind::kArabic;
    if (arabic ? saw_chinese_ : saw_arabic_) return NumeralStatus::kMalformed;
    (arabic ? saw_arabic_ : saw_chinese_) = true;
    pending_ = v;
    pending_kind_ = kind;
    pending_digits_ = whole_digits;
    return NumeralStatus::kOk;
  }

  NumeralStatus zero() {
    if (pending_ || zero_gap_) return NumeralStatus::kMalformed;  // 五零, 一千零零五
    if (last_unit_ == 0) leading_zero_ = true;  // valid only as the whole numeral: 零元
    zero_gap_ = true;
    return NumeralStatus::kOk;
  }

  NumeralStatus small(int64_t m) {
    if (leading_zero_ || pending_is_zero()) return NumeralStatus::kMalformed;  // 零十, 0千
    if (!pending_) {
      if (m != 10 || last_small_ != kNoUnit) return NumeralStatus::kMalformed;  // 千, 一百十
      pending_ = Decimal::from_units(Decimal::kOne);
    }
    if (m >= last_small_) return NumeralStatus::kMalformed;  // 三百二千
    auto add = mul_units(*pending_, m);
    if (!add) return NumeralStatus::kOverflow;
    auto sum = section_.add(*add);
    if (!sum) return NumeralStatus::kOverflow;
    section_ = *sum;
    pending_.reset();
    last_small_ = m;
    unit_done(m);
    return NumeralStatus::kOk;
  }

  NumeralStatus wan() {
    if (seen_wan_ || !has_group() || leading_zero_ || pending_is_zero()) return NumeralStatus::kMalformed;
    auto part = section_.add(pending_.value_or(Decimal()));
    if (!part) return NumeralStatus::kOverflow;
    if (seen_yi_ && *part >= whole(kWan)) return NumeralStatus::kMalformed;  // 1亿20000万
    auto v = mul_units(*part, kWan);
    if (!v) return NumeralStatus::kOverflow;
    wan_ = *v;
    seen_wan_ = true;
    start_group(kWan);
    return NumeralStatus::kOk;
  }

  NumeralStatus yi() {
    if (seen_yi_ || !(has_group() || seen_wan_) || leading_zero_ || pending_is_zero())
      return NumeralStatus::kMalformed;
    auto part = wan_.add(section_);
    if (part) part = part->add(pending_.value_or(Decimal()));
    if (!part) return NumeralStatus::kOverflow;
    auto v = mul_units(*part, kYi);
    if (!v) return NumeralStatus::kOverflow;
    yi_ = *v;
    seen_yi_ = true;
    seen_wan_ = false;
    wan_ = Decimal();
    start_group(kYi);
    return NumeralStatus::kOk;
  }

  // The current group has a term or a multiplier: something 万/亿 can apply to.
  bool has_group() const { return pending_ || last_small_ != kNoUnit; }

  // 余/多 follows a round number: 二十余万, 5000余万, but not 五余万.
  bool allows_approximation() const {
    auto v = section_.add(pending_.value_or(Decimal()));
    return has_group() && v && v->units() > 0 && v->units() % (10 * Decimal::kOne) == 0;
  }

  NumeralStatus finish(Decimal& out) {
    if (leading_zero_) {  // nothing but 零
      out = Decimal();
      return NumeralStatus::kOk;
    }
    if (zero_gap_ && !pending_) return NumeralStatus::kMalformed;  // 一百零
    Decimal tail = section_;
    if (pending_) {
      Decimal p = *pending_;
      // 两 counts a multiplier (两万) or stands alone (两元); as a last digit it is written 二.
      if (last_unit_ != 0 && pending_kind_ == TermKind::kLiang) return NumeralStatus::kMalformed;
      if (last_unit_ != 0 && !zero_gap_) {
        if (pending_kind_ == TermKind::kChinese) {
          if (last_unit_ >= 100) {
            auto scaled = mul_units(p, last_unit_ / 10);
            if (!scaled) return NumeralStatus::kOverflow;
            p = *scaled;
          }
        } else if (pending_digits_ != places(last_unit_)) {
          return NumeralStatus::kMalformed;
        }
      }
      auto sum = tail.add(p);
      if (!sum) return NumeralStatus::kOverflow;
      tail = *sum;
    }
    // What follows a big unit stays below it: 1万20000 is not a number.
    if (seen_wan_ && tail >= whole(kWan)) return NumeralStatus::kMalformed;
    if (seen_yi_ && !seen_wan_ && tail >= whole(kYi)) return NumeralStatus::kMalformed;
    auto total = yi_.add(wan_);
    if (total) total = total->add(tail);
    if (!total) return NumeralStatus::kOverflow;
    out = *total;
    return NumeralStatus::kOk;
  }

 private:
  static constexpr Decimal whole(int64_t n) { return Decimal::from_units(n * Decimal::kOne); }
  static std::optional<Decimal> mul_units(Decimal d, int64_t m) {
    return d.mul(whole(m));  // m ≤ 10^8: the factor itself cannot overflow
  }
  bool pending_is_zero() const { return pending_ && pending_->is_zero(); }
  void unit_done(int64_t m) {
    last_unit_ = m;
    zero_gap_ = false;
  }
  void start_group(int64_t big) {
    section_ = Decimal();
    pending_.reset();
    last_small_ = kNoUnit;
    unit_done(big);
  }

  Decimal yi_, wan_, section_;       // completed 亿 part, completed 万 part, current group
  std::optional<Decimal> pending_;   // a term waiting for its multiplier
  TermKind pending_kind_ = TermKind::kArabic;
  int pending_digits_ = 0;           // whole digits of an Arabic pending term
  int64_t last_small_ = kNoUnit;     // last 十/百/千 of the current group (they must descend)
  int64_t last_unit_ = 0;            // last multiplier of any size, for the trailing-term rules
  bool zero_gap_ = false;            // a 零 came after the last multiplier
  bool leading_zero_ = false;        // the numeral began with 零
  bool saw_arabic_ = false, saw_chinese_ = false;
  bool seen_wan_ = false, seen_yi_ = false;
};

}  // namespace

NumeralStatus scan_numeral(Cursor& c, Numeral& out) {
  const size_t start = c.pos();
  Accumulator acc;
  bool any = false, big = false, approx = false;
  for (;;) {
    NumeralStatus st = NumeralStatus::kOk;
    char32_t cp = c.peek();
    int64_t m = 0;
    int d = -1;
    if (is_ascii_digit(cp) || (cp == U'.' && is_ascii_digit(c.peek_second()))) {
      Arabic a;
      st = read_arabic(c, a);
      if (st == NumeralStatus::kOk) st = acc.term(a.value, TermKind::kArabic, a.whole_digits);
    } else if ((d = chinese_digit(cp)) >= 0) {
      c.next();
      TermKind kind = cp == U'两' || cp == U'兩' ? TermKind::kLiang : TermKind::kChinese;
      st = d == 0 ? acc.zero() : acc.term(Decimal::from_units(d * Decimal::kOne), kind, 1);
    } else if ((m = chinese_multiplier(cp)) != 0) {
      c.next();
      st = m == kWan ? acc.wan() : m == kYi ? acc.yi() : acc.small(m);
      big = big || m >= kWan;
    } else if ((cp == U'余' || cp == U'多') && acc.allows_approximation() &&
               chinese_multiplier(c.peek_second()) != 0) {
      c.next();
      approx = true;
      continue;
    } else if (cp == U' ' && acc.has_group()) {
      // "5 万元": a space may set 万/亿 off from its number, but never separates two terms.
      Cursor look(c);
      look.skip_spaces();
      if (chinese_multiplier(look.peek()) < kWan) break;
      c = look;
      continue;
    } else {
      break;
    }
    if (st != NumeralStatus::kOk) return st;
    any = true;
  }
  if (!any) {
    c.reset(start);
    return NumeralStatus::kNone;
  }
  Decimal value;
  NumeralStatus st = acc.finish(value);
  if (st != NumeralStatus::kOk) return st;
  out.value = value;
  out.has_big_unit = big;
  out.approximate = approx;
  return NumeralStatus::kOk;
}

NumeralStatus scan_signed_numeral(Cursor& c, Numeral& out) {
  const size_t start = c.pos();
  bool negative = false;
  char32_t cp = c.peek();
  if (cp == U'-' || cp == U'\u2212' || cp == U'负') {
    negative = true;
    c.next();
  } else if (cp == U'+') {
    c.next();
  }
  c.skip_spaces();
  NumeralStatus st = scan_numeral(c, out);
  if (st == NumeralStatus::kNone) c.reset(start);
  if (st == NumeralStatus::kOk && negative) out.value = out.value.negate();
  return st;
}

}  // namespace xianjie::parse_detail
