// Party identity: checking the two national id numbers, a matching key for names, and the one
// key that cross-record rules (repeat offenders, split cases, one party penalised by several
// agencies) group records by.
//
// Checking runs on every record of multi-million-row scans, so the validators never allocate:
// the result holds the normalised id in a fixed array and the problem as a code with its
// details; the Chinese message is built only when reason() is asked for.
//
// An id that fails its check is never used as identity. A mistyped id that happened to be kept
// would merge two parties, or split one, silently; falling back to the name is visible
// (PartyKey::basis, PartyKey::note) and can be judged by the reader of a finding.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "xianjie/date.h"
#include "xianjie/value_parse.h"

namespace xianjie {

enum class PartyIdKind : uint8_t {
  kUnknown,
  kResidentId,  // 居民身份证号码, GB 11643-1999 (also 15-digit first-generation numbers)
  kCreditCode,  // 统一社会信用代码, GB 32100-2015
};

std::string_view party_id_kind_label(PartyIdKind k);  // "居民身份证号码" / "统一社会信用代码" / "未知证件"

// What is wrong with an id. The checks run in this order, so a problem implies that every check
// before it passed; from kBadRegion on, IdCheck::normalized() holds the 18 characters.
enum class IdProblem : uint8_t {
  kNone,
  kEmpty,                 // nothing but white space
  kBadCharacter,          // a character the code cannot contain at that position
  kScientificNotation,    // 1.10101E+17: a spreadsheet turned the number into a float; digits are lost
  kBadLength,
  kForbiddenLetter,       // credit code: I, O, Z, S or V
  kBadRegion,             // resident id: no such province; credit code: region is not 6 digits
  kBadRegistrationDept,   // credit code, position 1
  kBadInstitutionType,    // credit code, position 2
  kBadBirthDate,          // resident id: no such calendar date
  kBirthDateOutOfRange,   // resident id: before 1900, after 2100, or after the caller's as-of date
  kBadOrgCodeCheck,       // credit code: check character of the embedded GB 11714 organisation code
  kBadCheck,              // the final check character
};

// The result of checking one id. Trivially copyable and allocation-free.
struct IdCheck {
  PartyIdKind kind = PartyIdKind::kUnknown;  // what the id was checked as
  IdProblem problem = IdProblem::kEmpty;
  bool upgraded = false;  // the input was a 15-digit resident id; normalized() is its 18-character form
  uint8_t length = 0;     // characters in `text`: 18, or 0 before the length check passed
  char text[18] = {};     // the normalised id (not NUL-terminated); read it through normalized()
  // Details for reason(): kBadLength → characters found; kBadCharacter, kForbiddenLetter →
  // 1-based position; kBirthDateOutOfRange → the as-of date as yyyymmdd, 0 for the 1900–2100 range.
  uint32_t detail = 0;
  char32_t found = 0;     // kBadCharacter / kForbiddenLetter: the character found
  char expected = 0;      // kBadCheck / kBadOrgCodeCheck: the right check character

  bool valid() const { return problem == IdProblem::kNone; }
  // Upper case, full-width forms folded, white space removed. Empty when the input did not get
  // as far as the length check (see IdProblem).
  std::string_view normalized() const { return std::string_view(text, length); }
  // Chinese, e.g. "校验位应为 7，实为 3", "出生日期 19990230 不存在"; empty when valid.
  std::string reason() const;
};

// Checks a 居民身份证号码: 6-digit region (a known province code; a leading 9 is the 2023
// foreigners' permanent-residence card, whose province follows the 9), 8-digit birth date that
// exists, 3-digit sequence, ISO 7064 MOD 11-2 check character (X for 10). A 15-digit
// first-generation number is accepted, upgraded (19 inserted before the year, check character
// computed) and flagged. The birth date must lie in 1900–2100, and when `as_of` is given, not
// after it. Input may carry full-width forms, lower-case x, white space and one leading
// apostrophe (the spreadsheet text marker).
IdCheck validate_resident_id(std::string_view raw, std::optional<Date> as_of = std::nullopt);

// Checks a 统一社会信用代码: characters 0-9 and A-Z without I O Z S V; registration department
// (1–9, A, N, Y); institution type (1–9); 6-digit region; 9-character organisation code whose own
// GB 11714 check character must match; MOD 31 check character. The per-department tables of
// institution types are not enforced: they grow by administrative notice, and the two check
// characters already catch typing errors. Lower case is accepted and upper-cased.
IdCheck validate_credit_code(std::string_view raw);

// Decides what an id looks like and checks it as that. 15 digits → resident id; 18 characters
// with a letter among the first 17, or a last letter other than X → credit code; 18 digits (last
// possibly X) can be either, and the one that validates wins. If both validate, `prefer` decides
// (resident id when kUnknown); if neither does, the preferred kind's problem is reported unless
// only the other kind's structure held up to its final check character.
// Anything else has kind kUnknown and a reason (bad character, length, scientific notation).
IdCheck classify_party_id(std::string_view raw, PartyIdKind prefer = PartyIdKind::kUnknown,
                          std::optional<Date> as_of = std::nullopt);

// A key under which the same party matches across agencies; allocates only its result.
//  - full-width ASCII folded to half-width, ASCII letters upper-cased;
//  - all white space removed (ASCII, U+3000, NBSP, the U+2000 spaces, zero-width space, BOM);
//  - brackets （）()【】[]［］〔〕 all become ( ); name dots (· ・ • ‧, and '.' between two
//    Chinese characters) become ·;
//  - trailing bracketed notes that are not part of a name are dropped, repeatedly: 个体工商户,
//    个体户, 普通合伙, 特殊普通合伙, 有限合伙, 个人独资(企业), registration status (已注销, 吊销 …)
//    and former names (原名…, 曾用名…, 原…公司). Any other bracket stays: （北京） in
//    某某（北京）有限公司 is part of the registered name;
//  - company forms that the Company Law declares equivalent are unified: 有限责任公司 → 有限公司,
//    股份公司 → 股份有限公司. 股份有限公司, 有限公司, 分公司 and other forms stay distinct.
// A person's name only goes through the folding steps; none of the other rules can match it.
std::string normalize_party_name(std::string_view raw);

enum class KeyBasis : uint8_t { kNone, kId, kName };

// How far a key can be trusted to mean one party.
enum class KeyConfidence : uint8_t {
  kNone,    // no key: neither a usable id nor a name
  kLow,     // a person's name: people share names
  kMedium,  // an organisation's name, or a valid id that does not fit the party type
  kHigh,    // a valid id that fits the party type
};

struct PartyKey {
  std::string key;  // the normalised id, or "name:" + normalize_party_name(); empty for kNone
  KeyBasis basis = KeyBasis::kNone;
  KeyConfidence confidence = KeyConfidence::kNone;
  IdCheck id;        // the check of party_id; problem kEmpty when the cell was missing
  std::string note;  // Chinese: why the id was not trusted, or why confidence is lowered

  std::string_view basis_label() const;  // "证件号码" / "名称" / ""
};

// The identity cross-record rules group by. A valid id wins (a 15-digit resident id as its
// 18-character form, so both generations of a card match). An id that is present but invalid is
// not trusted: the key falls back to the name and `note` gives the reason. Missing tokens (无, /,
// -, …) count as absent. `party_type` only grades confidence and breaks the tie for an 18-digit
// number that validates both ways; it never changes which key is chosen.
PartyKey party_key(std::string_view party_id, std::string_view party_name,
                   std::optional<PartyType> party_type = std::nullopt);

}  // namespace xianjie
