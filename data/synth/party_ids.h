// Identity numbers with valid check characters: 18-digit resident IDs (GB 11643) and unified
// social credit codes (GB 32100, whose 9-character body is an organisation code with its own
// GB 11714 check digit).
#pragma once

#include <string>
#include <string_view>

#include "rng.h"

namespace xianjie::synth {

// Appends a resident ID: region code, birth date, sequence (odd for men), check digit.
void append_resident_id(std::string& out, Rng& rng, std::string_view region_code, int birth_year);

// Appends a unified social credit code. `category` is '1' for an enterprise, '2' for an
// individual business (个体工商户), '3' for a farmers' cooperative.
void append_credit_code(std::string& out, Rng& rng, char category, std::string_view region_code);

// Check characters, exposed for the tests of the generator's own output.
char resident_id_check(std::string_view first17);
char credit_code_check(std::string_view first17);

// Replaces the last character of a resident ID or credit code with a different character that is
// still plausible (a digit or X, a code letter), so that only the checksum is wrong.
void break_check_character(std::string& id, Rng& rng);

}  // namespace xianjie::synth
