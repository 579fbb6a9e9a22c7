// Resident IDs and unified social credit codes with correct check characters (see party_ids.h).
#include "party_ids.h"

#include <fmt/format.h>

#include "xianjie/date.h"

namespace xianjie::synth {
namespace {

// GB 32100 code alphabet: digits and capitals without I, O, Z, S, V.
constexpr std::string_view kCodeChars = "0123456789ABCDEFGHJKLMNPQRTUWXY";

int code_value(char c) {
  auto pos = kCodeChars.find(c);
  return pos == std::string_view::npos ? 0 : static_cast<int>(pos);
}

// GB 11714 value of a character of an organisation code: digits 0–9, letters A=10 … Z=35.
int org_value(char c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 10 : c - '0'; }

char org_check(std::string_view first8) {
  static constexpr int kWeights[8] = {3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (size_t i = 0; i < 8; ++i) sum += org_value(first8[i]) * kWeights[i];
  int c = 11 - sum % 11;
  if (c == 10) return 'X';
  if (c == 11) return '0';
  return static_cast<char>('0' + c);
}

}  // namespace

char resident_id_check(std::string_view first17) {
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr std::string_view kCheck = "10X98765432";
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return kCheck[static_cast<size_t>(sum % 11)];
}

char credit_code_check(std::string_view first17) {
  // Weights are 3^i mod 31.
  static constexpr int kWeights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) sum += code_value(first17[i]) * kWeights[i];
  int c = (31 - sum % 31) % 31;
  return kCodeChars[static_cast<size_t>(c)];
}

void append_resident_id(std::string& out, Rng& rng, std::string_view region_code, int birth_year) {
  size_t start = out.size();
  out.append(region_code);
  auto birth = Date::from_ymd(birth_year, 1, 1)->add_days(static_cast<int32_t>(rng.below(365)));
  int y, m, d;
  birth.to_ymd(y, m, d);
  fmt::format_to(std::back_inserter(out), "{:04}{:02}{:02}{:03}", y, m, d, rng.range(1, 999));
  out += resident_id_check(std::string_view(out).substr(start, 17));
}

void append_credit_code(std::string& out, Rng& rng, char category, std::string_view region_code) {
  size_t start = out.size();
  out += '9';  // registration authority: market regulation (工商)
  out += category;
  out.append(region_code);
  // Organisation codes issued since 2015 mostly start with MA; older ones are all digits.
  char body[8];
  bool new_style = rng.percent(65);
  for (size_t i = 0; i < 8; ++i) {
    if (new_style && i == 0) body[i] = 'M';
    else if (new_style && i == 1) body[i] = 'A';
    else if (new_style) body[i] = kCodeChars[rng.below(kCodeChars.size())];
    else body[i] = static_cast<char>('0' + rng.below(10));
  }
  out.append(body, 8);
  out += org_check(std::string_view(body, 8));
  out += credit_code_check(std::string_view(out).substr(start, 17));
}

void break_check_character(std::string& id, Rng& rng) {
  if (id.empty()) return;
  char& last = id.back();
  bool resident = id.size() == 18 && (id[0] >= '1' && id[0] <= '8');
  std::string_view alphabet = resident ? std::string_view("0123456789X") : kCodeChars;
  char replacement = last;
  while (replacement == last) replacement = alphabet[rng.below(alphabet.size())];
  last = replacement;
}

}  // namespace xianjie::synth
