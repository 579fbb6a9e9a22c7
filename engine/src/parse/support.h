// Helpers shared by the value parsers: the uniform error message, a bounded folded copy of a
// short cell for keyword tables, the plain-ASCII fast path, range detection and tolerant unit
// look-up.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "parse/cursor.h"
#include "xianjie/decimal.h"
#include "xianjie/quantity.h"

namespace xianjie::parse_detail {

// `reason: "cell"`, the cell trimmed and cut to a readable length. Only failures build one.
std::string make_error(std::string_view reason, std::string_view raw);

// Copies `s` into `buf` with width variants folded to ASCII and, when `lower`, ASCII letters in
// lower case. Returns false when it does not fit: keyword tables hold short words only, so a long
// cell simply matches none of them.
bool fold_key(std::string_view s, char* buf, size_t cap, bool lower, std::string_view& out);

// Exact value of a cell that is only ASCII digits with at most one '.' and at most four decimals,
// the shape of nearly every numeric cell. Returns false, without judging, for anything else so
// that the caller can fall through to the general parser.
bool parse_plain_decimal(std::string_view s, Decimal& out);

// True when the cursor stands on a range separator (- ~ — – 至 到) followed by a number, as in
// "5-6万" or "5万至6万".
bool at_range(const Cursor& c);

// True when the cursor stands on something a numeral can start with.
bool at_numeral_start(const Cursor& c);

// find_unit() that also accepts full-width and other-case ASCII spellings (ＫＧ, M3).
std::optional<Unit> lookup_unit(std::string_view spelling);

// Multiplies by a whole number, checked.
std::optional<Decimal> mul_int(Decimal d, int64_t factor);

}  // namespace xianjie::parse_detail
