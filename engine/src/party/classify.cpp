// Telling a resident id from a credit code when the column holds both, as 证件号码 columns do.
//
// Shape decides when it can: only a resident id has 15 digits, only a credit code has a letter
// before its last character. An 18-digit number can be either (units whose organisation code is
// all digits), so it is checked both ways. When both fail, the kind whose structure held up to
// the final check character names the problem: "校验位应为 7" is the useful message for a typo.
// The two structures are not equally telling, though: every resident id passes the credit code's
// department, type and region checks, so merely getting further is no evidence, and the
// preferred kind (resident id by default) is reported unless only the other reached its check.
#include <optional>
#include <string_view>

#include "common/text.h"
#include "party/id_scan.h"
#include "xianjie/party.h"

namespace xianjie {
namespace {

using party_detail::IdScan;

// 1.10101E+17, 1.10101199003071e17: what a spreadsheet shows after storing an id as a float.
bool looks_scientific(std::string_view raw) {
  std::string_view s = trim(raw);
  size_t i = 0, digits = 0;
  while (i < s.size() && party_detail::is_digit(s[i])) { ++i; ++digits; }
  if (digits == 0) return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && party_detail::is_digit(s[i])) ++i;
  }
  if (i >= s.size() || (s[i] != 'E' && s[i] != 'e')) return false;
  ++i;
  if (i < s.size() && s[i] == '+') ++i;
  size_t exp_digits = 0;
  while (i < s.size() && party_detail::is_digit(s[i])) { ++i; ++exp_digits; }
  return exp_digits > 0 && i == s.size();
}

IdCheck unknown(IdProblem problem, uint32_t detail = 0, char32_t found = 0) {
  IdCheck r;
  r.kind = PartyIdKind::kUnknown;
  r.problem = problem;
  r.detail = detail;
  r.found = found;
  return r;
}

}  // namespace

IdCheck classify_party_id(std::string_view raw, PartyIdKind prefer, std::optional<Date> as_of) {
  IdScan scan;
  party_detail::scan_id(raw, scan);
  if (scan.bad_position != 0) {
    if (looks_scientific(raw)) return unknown(IdProblem::kScientificNotation);
    return unknown(IdProblem::kBadCharacter, scan.bad_position, scan.bad_char);
  }
  if (scan.count == 0) return unknown(IdProblem::kEmpty);
  if (scan.count == 15) {
    for (uint32_t k = 0; k < 15; ++k)
      if (!party_detail::is_digit(scan.chars[k])) return unknown(IdProblem::kBadLength, 15);
    return party_detail::check_resident_id(scan, as_of);
  }
  if (scan.count != party_detail::kIdLength) return unknown(IdProblem::kBadLength, scan.count);

  bool all_digits = true;  // the first 17
  for (int k = 0; k < 17; ++k) all_digits = all_digits && party_detail::is_digit(scan.chars[k]);
  const char last = scan.chars[17];
  if (!all_digits || !(party_detail::is_digit(last) || last == 'X')) return party_detail::check_credit_code(scan);

  const bool credit_first = prefer == PartyIdKind::kCreditCode;
  IdCheck first = credit_first ? party_detail::check_credit_code(scan) : party_detail::check_resident_id(scan, as_of);
  if (first.valid()) return first;
  IdCheck second = credit_first ? party_detail::check_resident_id(scan, as_of) : party_detail::check_credit_code(scan);
  if (second.valid()) return second;
  // Neither: the one whose structure held up to its final check character names the problem.
  if (first.problem != IdProblem::kBadCheck && second.problem == IdProblem::kBadCheck) return second;
  return first;
}

}  // namespace xianjie
