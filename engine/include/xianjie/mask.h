// Masking personal data (`xianjie scan --mask`) for reports that leave the case handlers: names of
// natural persons, resident id numbers and phone numbers. Organisations' names and 统一社会信用代码
// are public registry data and stay as they are.
//
//   张三丰              → 张某某                 (surname kept, every other character 某)
//   欧阳娜娜            → 欧阳某某               (compound surnames are kept whole)
//   110101199003071234  → 110101********1234     (first 6 and last 4 characters kept)
//   13812345678         → 138****5678            (mobile: first 3 and last 4 digits kept)
//   010-62345678        → 010-****5678           (landline: area code and last 4 digits kept)
//
// A finding is masked field by field: the party's name and id in their own fields, and every
// occurrence of that name and id in the text that quotes them (案由, 违法事实, evidence, message),
// together with any resident id or phone number found in that text. Other people's names inside
// free text (a witness, a legal representative) cannot be recognised without a name dictionary
// and are not masked. A rejected row's original text is withheld altogether: the row could not be
// split into fields, so there is no telling which part of it is a name.
//
// Every printer gets the same masking: make_printer wraps the printer in make_masking_sink when
// ReportOptions::mask is set, so no printer can forget a field.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "xianjie/finding.h"
#include "xianjie/scan.h"

namespace xianjie {

// What a withheld reject's original text is replaced with.
inline constexpr std::string_view kMaskedOriginal = "〔已脱敏：--mask 时不输出拒收行的原始内容〕";

// 张三 → 张某, 张三丰 → 张某某, 欧阳娜娜 → 欧阳某某, 买买提·吐尔逊 → 买某某·某某某; Latin letters
// become '*' after the first ("John Smith" → "J*** *****"). Surrounding white space is trimmed;
// an empty name stays empty. Invalid UTF-8 bytes count as characters and are masked too.
std::string mask_person_name(std::string_view name);

// An id number with everything but its first 6 and last 4 characters replaced by '*' when it has
// 11 characters or more (110101199003071234 → 110101********1234); a shorter one keeps only its
// first and last character. Surrounding white space is trimmed.
std::string mask_id_number(std::string_view id);

// Resident id numbers (15 digits, or 17 digits and a check digit or X; ASCII or full-width) and
// phone numbers (11-digit mobiles starting 13–19, optionally after +86 or 86; landlines written
// 0AA(A)-NNNNNNN(N)) inside free text, masked as above. A run of digits that is part of a longer
// number or word is left alone, and so is an 18-character 统一社会信用代码 that validates as one
// and not as a resident id.
std::string mask_text(std::string_view text);

// Whether the party is a natural person, whose name is personal data: party_type "individual"
// (个人, 自然人, 个体工商户 …) unless the name reads as a business's (城关东方超市: a 个体工商户's
// trade name), or an unknown type with a name that does not read as an organisation's.
bool is_personal_party(std::string_view party_type, std::string_view party_name);

// Masks every personal datum of a finding in place (see the top of this file).
void mask_finding(Finding& f);
// Withholds the original text; masks ids and phone numbers in the reason.
void mask_reject(RejectedRow& row);
// Masks the cell text (as a name when the field is party_name and reads as a person's, as an id
// when it is party_id, otherwise ids and phones in it) and its quotations in the reason.
void mask_value_error(ValueError& error);

// A sink that masks findings, rejects and value errors before passing them on to `inner`.
std::unique_ptr<FindingSink> make_masking_sink(std::unique_ptr<FindingSink> inner);

}  // namespace xianjie
