// 统一社会信用代码 (GB 32100-2015): registration department, institution type, region, the
// embedded 9-character organisation code with its own GB 11714 check, and the MOD 31 check
// character over the whole code.
//
// The two checks weigh letters differently on purpose: GB 32100 numbers its 31-character set
// consecutively (A=10 … Y=30, skipping I O Z S V), while the organisation code keeps the GB 11714
// values of the full alphabet (A=10 … Z=35).
#include <array>
#include <cstdint>
#include <string_view>

#include "party/id_scan.h"
#include "xianjie/party.h"

namespace xianjie {
namespace party_detail {
namespace {

constexpr std::string_view kCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr int kWeights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
constexpr int kOrgWeights[8] = {3, 7, 9, 10, 5, 8, 4, 2};

// GB 32100 value of each byte, -1 outside the character set.
constexpr std::array<int8_t, 256> make_values() {
  std::array<int8_t, 256> v{};
  for (auto& x : v) x = -1;
  for (size_t k = 0; k < kCharset.size(); ++k) v[static_cast<unsigned char>(kCharset[k])] = static_cast<int8_t>(k);
  return v;
}
constexpr std::array<int8_t, 256> kValues = make_values();

int value_of(char c) { return kValues[static_cast<unsigned char>(c)]; }

int org_value(char c) { return is_digit(c) ? c - '0' : c - 'A' + 10; }

bool is_registration_dept(char c) { return (c >= '1' && c <= '9') || c == 'A' || c == 'N' || c == 'Y'; }

}  // namespace

IdCheck check_credit_code(const IdScan& scan) {
  IdCheck r;
  r.kind = PartyIdKind::kCreditCode;
  if (scan.bad_position != 0) {
    r.problem = IdProblem::kBadCharacter;
    r.detail = scan.bad_position;
    r.found = scan.bad_char;
    return r;
  }
  if (scan.count == 0) return r;  // kEmpty
  if (scan.count != kIdLength) {
    r.problem = IdProblem::kBadLength;
    r.detail = scan.count;
    return r;
  }
  // The scan let every letter through; I O Z S V are left out of the set because they are
  // mistaken for 1 0 2 5 U.
  int sum = 0;
  for (int k = 0; k < 17; ++k) {
    int v = value_of(scan.chars[k]);
    if (v < 0) {
      r.problem = IdProblem::kForbiddenLetter;
      r.detail = static_cast<uint32_t>(k + 1);
      r.found = static_cast<unsigned char>(scan.chars[k]);
      return r;
    }
    sum += v * kWeights[k];
  }
  if (value_of(scan.chars[17]) < 0) {
    r.problem = IdProblem::kForbiddenLetter;
    r.detail = 18;
    r.found = static_cast<unsigned char>(scan.chars[17]);
    return r;
  }
  const char* t = scan.chars;
  for (int k = 0; k < 18; ++k) r.text[k] = t[k];
  r.length = 18;

  if (!is_registration_dept(t[0])) {
    r.problem = IdProblem::kBadRegistrationDept;
    return r;
  }
  if (t[1] < '1' || t[1] > '9') {
    r.problem = IdProblem::kBadInstitutionType;
    return r;
  }
  for (int k = 2; k < 8; ++k) {
    if (!is_digit(t[k])) {
      r.problem = IdProblem::kBadRegion;
      return r;
    }
  }

  int org_sum = 0;
  for (int k = 0; k < 8; ++k) org_sum += org_value(t[8 + k]) * kOrgWeights[k];
  const int org_check = 11 - org_sum % 11;
  const char org_expected = org_check == 11 ? '0' : org_check == 10 ? 'X' : static_cast<char>('0' + org_check);
  if (t[16] != org_expected) {
    r.problem = IdProblem::kBadOrgCodeCheck;
    r.expected = org_expected;
    return r;
  }

  const char expected = kCharset[static_cast<size_t>((31 - sum % 31) % 31)];
  if (t[17] != expected) {
    r.problem = IdProblem::kBadCheck;
    r.expected = expected;
    return r;
  }
  r.problem = IdProblem::kNone;
  return r;
}

}  // namespace party_detail

IdCheck validate_credit_code(std::string_view raw) {
  party_detail::IdScan scan;
  party_detail::scan_id(raw, scan);
  return party_detail::check_credit_code(scan);
}

}  // namespace xianjie
