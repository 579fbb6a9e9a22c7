// Exact fixed-point decimal for money and measured quantities.
//
// Yuan comparisons must never go through binary floating point: 50000.00 has to compare equal to
// 50000, and 0.1 + 0.2 has to be 0.3. A Decimal is a signed 64-bit count of 1/10,000ths, which
// holds ±922 trillion with four fractional digits: enough for any amount in a case export and for
// unit conversions such as 1 亩 = 666.67 m². Arithmetic is checked; an overflow yields nullopt,
// which the evaluator treats as "unknown", never as a wrapped-around number.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace xianjie {

class Decimal {
 public:
  static constexpr int kScale = 4;
  static constexpr int64_t kOne = 10000;

  constexpr Decimal() = default;
  static constexpr Decimal from_units(int64_t units) { Decimal d; d.units_ = units; return d; }
  static std::optional<Decimal> from_int(int64_t whole);

  // Parses a plain decimal: optional sign, digits, optional '.' and fraction. More than four
  // fractional digits are rounded half away from zero. No grouping commas, units or spaces
  // (the Chinese amount parser in value_parse.h strips those first).
  static std::optional<Decimal> parse(std::string_view text);

  constexpr int64_t units() const { return units_; }
  constexpr bool is_zero() const { return units_ == 0; }
  constexpr bool is_negative() const { return units_ < 0; }
  // True when the value has no fractional part.
  constexpr bool is_integral() const { return units_ % kOne == 0; }
  constexpr int64_t whole_part() const { return units_ / kOne; }
  double to_double() const { return static_cast<double>(units_) / kOne; }

  std::optional<Decimal> add(Decimal other) const;
  std::optional<Decimal> sub(Decimal other) const;
  std::optional<Decimal> mul(Decimal other) const;   // rounded half away from zero
  std::optional<Decimal> div(Decimal other) const;   // nullopt on division by zero
  Decimal negate() const { return from_units(-units_); }

  friend constexpr bool operator==(Decimal a, Decimal b) { return a.units_ == b.units_; }
  friend constexpr bool operator!=(Decimal a, Decimal b) { return a.units_ != b.units_; }
  friend constexpr bool operator<(Decimal a, Decimal b) { return a.units_ < b.units_; }
  friend constexpr bool operator<=(Decimal a, Decimal b) { return a.units_ <= b.units_; }
  friend constexpr bool operator>(Decimal a, Decimal b) { return a.units_ > b.units_; }
  friend constexpr bool operator>=(Decimal a, Decimal b) { return a.units_ >= b.units_; }

  // "52000", "52000.5", "0.0001": shortest exact form, no grouping.
  std::string to_string() const;
  // "52,000.00" with thousands separators and at least `min_fraction` fractional digits
  // (more only when the value needs them).
  std::string to_grouped(int min_fraction = 0) const;

 private:
  int64_t units_ = 0;
};

}  // namespace xianjie
