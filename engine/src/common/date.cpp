// Civil-date conversion (Howard Hinnant's days_from_civil algorithm, public domain description)
// and calendar arithmetic for legal windows.
#include "xianjie/date.h"

#include <fmt/format.h>

namespace xianjie {
namespace {

int32_t days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * static_cast<unsigned>(m + (m > 2 ? -3 : 9)) + 2) / 5 + static_cast<unsigned>(d) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

}  // namespace

bool is_leap_year(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap_year(y) ? 29 : kDays[m - 1];
}

std::optional<Date> Date::from_ymd(int y, int m, int d) {
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return std::nullopt;
  return from_days(days_from_civil(y, m, d));
}

void Date::to_ymd(int& y, int& m, int& d) const {
  const int z = days_ + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(yoe) + era * 400 + (m <= 2);
}

int Date::year() const { int y, m, d; to_ymd(y, m, d); return y; }
int Date::month() const { int y, m, d; to_ymd(y, m, d); return m; }
int Date::day() const { int y, m, d; to_ymd(y, m, d); return d; }

Date Date::add_months(int months) const {
  int y, m, d;
  to_ymd(y, m, d);
  int total = y * 12 + (m - 1) + months;
  int ny = total / 12;
  int nm = total % 12 + 1;
  int nd = d > days_in_month(ny, nm) ? days_in_month(ny, nm) : d;
  return from_days(days_from_civil(ny, nm, nd));
}

std::string Date::to_string() const {
  int y, m, d;
  to_ymd(y, m, d);
  return fmt::format("{:04d}-{:02d}-{:02d}", y, m, d);
}

}  // namespace xianjie
