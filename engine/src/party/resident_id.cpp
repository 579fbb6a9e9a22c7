// 居民身份证号码 (GB 11643-1999): region, birth date, sequence, and the ISO 7064 MOD 11-2 check
// character; 15-digit first-generation numbers are upgraded to 18.
//
// The region is checked only down to its province: county codes are renumbered every year and a
// person keeps the number issued under the old code, so a county table would reject real ids.
#include <cstdint>
#include <optional>
#include <string_view>

#include "party/id_scan.h"
#include "xianjie/party.h"

namespace xianjie {
namespace party_detail {
namespace {

constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};

// Province codes of GB/T 2260 (71 Taiwan, 81/82 Hong Kong/Macao, 83 the Taiwan residents'
// residence permit).
bool is_province(int code) {
  switch (code / 10) {
    case 1: return code >= 11 && code <= 15;
    case 2: return code >= 21 && code <= 23;
    case 3: return code >= 31 && code <= 37;
    case 4: return code >= 41 && code <= 46;
    case 5: return code >= 50 && code <= 54;
    case 6: return code >= 61 && code <= 65;
    case 7: return code == 71;
    case 8: return code >= 81 && code <= 83;
    default: return false;
  }
}

int two_digits(const char* p) { return (p[0] - '0') * 10 + (p[1] - '0'); }

}  // namespace

IdCheck check_resident_id(const IdScan& scan, std::optional<Date> as_of) {
  IdCheck r;
  r.kind = PartyIdKind::kResidentId;
  if (scan.bad_position != 0) {
    r.problem = IdProblem::kBadCharacter;
    r.detail = scan.bad_position;
    r.found = scan.bad_char;
    return r;
  }
  if (scan.count == 0) return r;  // kEmpty
  if (scan.count != 15 && scan.count != 18) {
    r.problem = IdProblem::kBadLength;
    r.detail = scan.count;
    return r;
  }
  // Every position is a digit except the 18th, which may also be X.
  for (uint32_t k = 0; k < scan.count; ++k) {
    char c = scan.chars[k];
    if (is_digit(c) || (k == 17 && c == 'X')) continue;
    r.problem = IdProblem::kBadCharacter;
    r.detail = k + 1;
    r.found = static_cast<unsigned char>(c);
    return r;
  }
  char* t = r.text;
  if (scan.count == 15) {
    // First generation: region(6) yymmdd(6) sequence(3); every holder was born in the 1900s.
    for (int k = 0; k < 6; ++k) t[k] = scan.chars[k];
    t[6] = '1';
    t[7] = '9';
    for (int k = 6; k < 15; ++k) t[k + 2] = scan.chars[k];
    r.upgraded = true;
  } else {
    for (int k = 0; k < 18; ++k) t[k] = scan.chars[k];
  }
  int sum = 0;
  for (int k = 0; k < 17; ++k) sum += (t[k] - '0') * kWeights[k];
  const int check = (12 - sum % 11) % 11;
  const char expected = check == 10 ? 'X' : static_cast<char>('0' + check);
  if (r.upgraded) t[17] = expected;
  r.length = 18;

  // The 2023 foreigners' permanent-residence card starts with 9 and has the province after it.
  const int province = t[0] == '9' ? two_digits(t + 1) : two_digits(t);
  if (!is_province(province)) {
    r.problem = IdProblem::kBadRegion;
    return r;
  }

  const int year = two_digits(t + 6) * 100 + two_digits(t + 8);
  const int month = two_digits(t + 10);
  const int day = two_digits(t + 12);
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) {
    r.problem = IdProblem::kBadBirthDate;
    return r;
  }
  const uint32_t birth = static_cast<uint32_t>(year * 10000 + month * 100 + day);
  if (year < 1900 || year > 2100) {
    r.problem = IdProblem::kBirthDateOutOfRange;
    return r;
  }
  if (as_of) {
    int y, m, d;
    as_of->to_ymd(y, m, d);
    const uint32_t limit = static_cast<uint32_t>(y * 10000 + m * 100 + d);
    if (birth > limit) {
      r.problem = IdProblem::kBirthDateOutOfRange;
      r.detail = limit;
      return r;
    }
  }

  if (t[17] != expected) {
    r.problem = IdProblem::kBadCheck;
    r.expected = expected;
    return r;
  }
  r.problem = IdProblem::kNone;
  return r;
}

}  // namespace party_detail

IdCheck validate_resident_id(std::string_view raw, std::optional<Date> as_of) {
  party_detail::IdScan scan;
  party_detail::scan_id(raw, scan);
  return party_detail::check_resident_id(scan, as_of);
}

}  // namespace xianjie
