// Small UTF-8 text utilities shared by the parsers, the header mapper and the printers.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace xianjie {

// Trims ASCII white space and the ideographic space U+3000 and NBSP at both ends.
std::string_view trim(std::string_view s);

// Folds full-width ASCII (U+FF01..U+FF5E) to half-width and U+3000 to a space; other text is kept.
std::string fold_width(std::string_view s);

// True when `s` is valid UTF-8 (no overlongs, no surrogates). `valid_prefix`, when given, receives
// the length of the longest valid prefix.
bool is_valid_utf8(std::string_view s, size_t* valid_prefix = nullptr);

// Number of terminal columns `s` occupies: CJK and full-width characters count as two.
size_t display_width(std::string_view s);

// Decodes one code point at s[i], advancing i; returns U+FFFD on invalid input.
char32_t next_code_point(std::string_view s, size_t& i);

// Levenshtein distance in bytes, for "did you mean" hints.
size_t edit_distance(std::string_view a, std::string_view b);
void append_utf8(std::string& out, char32_t cp);

}  // namespace xianjie
