// Helpers shared by the value parsers (see support.h).
#include "parse/support.h"

#include "common/text.h"
#include "parse/chinese_numeral.h"

namespace xianjie::parse_detail {

std::string make_error(std::string_view reason, std::string_view raw) {
  constexpr size_t kMaxShown = 60;
  std::string_view shown = trim(raw);
  bool cut = false;
  if (shown.size() > kMaxShown) {
    size_t end = kMaxShown;
    // Back up to a code-point boundary so the message stays valid UTF-8.
    while (end > 0 && (static_cast<unsigned char>(shown[end]) & 0xC0) == 0x80) --end;
    shown = shown.substr(0, end);
    cut = true;
  }
  std::string out;
  out.reserve(reason.size() + shown.size() + 8);
  out.append(reason);
  out.append(": \"");
  out.append(shown);
  if (cut) out.append("…");
  out.append("\"");
  return out;
}

bool fold_key(std::string_view s, char* buf, size_t cap, bool lower, std::string_view& out) {
  size_t n = 0;
  Cursor c(s);
  while (!c.at_end()) {
    size_t start = c.pos();
    char32_t cp = c.next();
    if (cp < 0x80) {
      if (n + 1 > cap) return false;
      char ch = static_cast<char>(cp);
      if (lower && ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
      buf[n++] = ch;
    } else {
      size_t len = c.pos() - start;
      if (n + len > cap) return false;
      for (size_t k = 0; k < len; ++k) buf[n++] = s[start + k];
    }
  }
  out = std::string_view(buf, n);
  return true;
}

bool parse_plain_decimal(std::string_view s, Decimal& out) {
  // 14 integer digits keep whole * 10^4 + fraction inside int64 without a check per digit.
  constexpr int kMaxWholeDigits = 14;
  size_t i = 0;
  const size_t n = s.size();
  int64_t whole = 0;
  int whole_digits = 0;
  while (i < n && s[i] >= '0' && s[i] <= '9') {
    if (++whole_digits > kMaxWholeDigits) return false;
    whole = whole * 10 + (s[i] - '0');
    ++i;
  }
  if (whole_digits == 0) return false;
  int64_t frac = 0;
  int frac_digits = 0;
  if (i < n && s[i] == '.') {
    if (++i == n) return false;  // "52000." is left to the general parser, which rejects it
    while (i < n && s[i] >= '0' && s[i] <= '9') {
      if (++frac_digits > Decimal::kScale) return false;  // needs rounding: general path
      frac = frac * 10 + (s[i] - '0');
      ++i;
    }
  }
  if (i != n) return false;
  for (; frac_digits < Decimal::kScale; ++frac_digits) frac *= 10;
  out = Decimal::from_units(whole * Decimal::kOne + frac);
  return true;
}

bool at_numeral_start(const Cursor& c) {
  char32_t cp = c.peek();
  if (is_ascii_digit(cp)) return true;
  if (cp == U'.' && is_ascii_digit(c.peek_second())) return true;
  return chinese_digit(cp) >= 0 || chinese_multiplier(cp) == 10;
}

bool at_range(const Cursor& c) {
  Cursor look(c);
  look.skip_spaces();
  switch (look.peek()) {
    case U'-': case U'~': case U'\u2014': case U'\u2013': case U'\u2212': case U'\u301C':
    case U'至': case U'到':
      break;
    default:
      return false;
  }
  look.next();
  // "——" is one dash typed as two characters.
  if (look.peek() == U'\u2014') look.next();
  look.skip_spaces();
  return at_numeral_start(look);
}

std::optional<Unit> lookup_unit(std::string_view spelling) {
  if (auto u = find_unit(spelling)) return u;
  char buf[32];
  std::string_view folded;
  if (!fold_key(spelling, buf, sizeof buf, false, folded)) return std::nullopt;
  if (folded != spelling)
    if (auto u = find_unit(folded)) return u;
  if (!fold_key(spelling, buf, sizeof buf, true, folded)) return std::nullopt;
  return find_unit(folded);
}

std::optional<Decimal> mul_int(Decimal d, int64_t factor) {
  if (factor == 1) return d;
  auto f = Decimal::from_int(factor);
  if (!f) return std::nullopt;
  return d.mul(*f);
}

}  // namespace xianjie::parse_detail
