// The text check of the readers: every accepted CSV row and SQLite value is valid UTF-8 without NUL.
// It runs over every byte of the input, so it has its own tuned loop rather than text.h's
// code-point decoder.
#pragma once

#include <cstddef>

namespace xianjie {

inline constexpr size_t kNoBadByte = static_cast<size_t>(-1);

// Offset of the first byte in s[0..n) that is a NUL or starts an invalid or truncated UTF-8
// sequence (overlongs, surrogates and code points above U+10FFFF are invalid); kNoBadByte if none.
size_t find_bad_utf8_byte(const char* s, size_t n);

}  // namespace xianjie
