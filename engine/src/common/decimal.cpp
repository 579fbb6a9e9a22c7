// Decimal arithmetic, parsing and formatting. See decimal.h for the representation.
#include "xianjie/decimal.h"

#include <limits>

namespace xianjie {
namespace {

__extension__ typedef __int128 Wide;  // GCC/Clang extension; mul/div intermediates fit.

std::optional<Decimal> narrow(Wide w) {
  if (w > std::numeric_limits<int64_t>::max() || w < std::numeric_limits<int64_t>::min()) return std::nullopt;
  return Decimal::from_units(static_cast<int64_t>(w));
}

// Divides rounding half away from zero.
Wide div_round(Wide num, Wide den) {
  Wide q = num / den;
  Wide r = num % den;
  if (r < 0) r = -r;
  Wide aden = den < 0 ? -den : den;
  if (2 * r >= aden) q += ((num < 0) != (den < 0)) ? -1 : 1;
  return q;
}

}  // namespace

std::optional<Decimal> Decimal::from_int(int64_t whole) { return narrow(static_cast<Wide>(whole) * kOne); }

std::optional<Decimal> Decimal::parse(std::string_view s) {
  if (s.empty()) return std::nullopt;
  size_t i = 0;
  bool neg = false;
  if (s[i] == '+' || s[i] == '-') { neg = s[i] == '-'; ++i; }
  Wide whole = 0;
  size_t digits = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
    whole = whole * 10 + (s[i] - '0');
    if (whole > static_cast<Wide>(std::numeric_limits<int64_t>::max())) return std::nullopt;
    ++i; ++digits;
  }
  Wide frac = 0;
  int frac_digits = 0;
  bool round_up = false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    size_t frac_start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      if (frac_digits < kScale) { frac = frac * 10 + (s[i] - '0'); ++frac_digits; }
      else if (i == frac_start + kScale) round_up = s[i] >= '5';
      ++i;
    }
    digits += i - frac_start;
  }
  if (digits == 0 || i != s.size()) return std::nullopt;
  while (frac_digits < kScale) { frac *= 10; ++frac_digits; }
  Wide units = whole * kOne + frac + (round_up ? 1 : 0);
  return narrow(neg ? -units : units);
}

std::optional<Decimal> Decimal::add(Decimal o) const { return narrow(static_cast<Wide>(units_) + o.units_); }
std::optional<Decimal> Decimal::sub(Decimal o) const { return narrow(static_cast<Wide>(units_) - o.units_); }
std::optional<Decimal> Decimal::mul(Decimal o) const {
  return narrow(div_round(static_cast<Wide>(units_) * o.units_, kOne));
}
std::optional<Decimal> Decimal::div(Decimal o) const {
  if (o.units_ == 0) return std::nullopt;
  return narrow(div_round(static_cast<Wide>(units_) * kOne, o.units_));
}

std::string Decimal::to_string() const {
  uint64_t mag = units_ < 0 ? 0 - static_cast<uint64_t>(units_) : static_cast<uint64_t>(units_);
  std::string out = units_ < 0 ? "-" : "";
  out += std::to_string(mag / kOne);
  uint64_t frac = mag % kOne;
  if (frac != 0) {
    char buf[kScale + 1];
    for (int k = kScale - 1; k >= 0; --k) { buf[k] = static_cast<char>('0' + frac % 10); frac /= 10; }
    int len = kScale;
    while (len > 0 && buf[len - 1] == '0') --len;
    out += '.';
    out.append(buf, static_cast<size_t>(len));
  }
  return out;
}

std::string Decimal::to_grouped(int min_fraction) const {
  uint64_t mag = units_ < 0 ? 0 - static_cast<uint64_t>(units_) : static_cast<uint64_t>(units_);
  std::string whole = std::to_string(mag / kOne);
  std::string grouped;
  for (size_t k = 0; k < whole.size(); ++k) {
    if (k > 0 && (whole.size() - k) % 3 == 0) grouped += ',';
    grouped += whole[k];
  }
  uint64_t frac = mag % kOne;
  char buf[kScale];
  for (int k = kScale - 1; k >= 0; --k) { buf[k] = static_cast<char>('0' + frac % 10); frac /= 10; }
  int len = kScale;
  while (len > min_fraction && buf[len - 1] == '0') --len;
  std::string out = units_ < 0 ? "-" : "";
  out += grouped;
  if (len > 0) { out += '.'; out.append(buf, static_cast<size_t>(len)); }
  return out;
}

}  // namespace xianjie
