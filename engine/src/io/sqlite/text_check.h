// Checking a stored value before it is handed on as text: is it UTF-8, and is it free of NUL?
//
// The SQLite reader runs this over every TEXT and BLOB value of every row (SQLite itself never
// validates what was stored); it uses the same vectorised scanner as the CSV reader
// (common/utf8_scan.h).
#pragma once

#include <cstddef>

namespace xianjie {

enum class TextCheck { kOk, kNul, kNotUtf8 };

// At the first bad byte: kNul for a zero byte, kNotUtf8 for an ill-formed sequence (overlong
// forms, surrogates, code points above U+10FFFF, truncated or stray continuation bytes); else kOk.
TextCheck check_text(const unsigned char* p, size_t n);

}  // namespace xianjie
