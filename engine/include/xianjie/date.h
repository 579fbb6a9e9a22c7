// Calendar dates as a day count, with the calendar arithmetic the law's windows need.
//
// Windows such as 二年内 are measured in calendar terms (data-dictionary.md, "Dates and periods"):
// two years from 2021-03-01 reach 2023-03-01 inclusive, and 29 February plus one year is
// 28 February. add_years/add_months implement exactly that clamping.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace xianjie {

class Date {
 public:
  constexpr Date() = default;
  // nullopt for an impossible date (2023-02-30, month 13, year outside 1000..9999).
  static std::optional<Date> from_ymd(int year, int month, int day);
  static constexpr Date from_days(int32_t days_since_epoch) { Date d; d.days_ = days_since_epoch; return d; }

  constexpr int32_t days() const { return days_; }  // days since 1970-01-01
  int year() const;
  int month() const;
  int day() const;
  void to_ymd(int& y, int& m, int& d) const;

  Date add_days(int32_t n) const { return from_days(days_ + n); }
  // Calendar addition; the day is clamped to the end of the target month (02-29 + 1 year = 02-28).
  Date add_months(int months) const;
  Date add_years(int years) const { return add_months(12 * years); }

  std::string to_string() const;  // ISO 8601, "2023-04-12"

  friend constexpr bool operator==(Date a, Date b) { return a.days_ == b.days_; }
  friend constexpr bool operator!=(Date a, Date b) { return a.days_ != b.days_; }
  friend constexpr bool operator<(Date a, Date b) { return a.days_ < b.days_; }
  friend constexpr bool operator<=(Date a, Date b) { return a.days_ <= b.days_; }
  friend constexpr bool operator>(Date a, Date b) { return a.days_ > b.days_; }
  friend constexpr bool operator>=(Date a, Date b) { return a.days_ >= b.days_; }

 private:
  int32_t days_ = 0;
};

bool is_leap_year(int year);
int days_in_month(int year, int month);

}  // namespace xianjie
