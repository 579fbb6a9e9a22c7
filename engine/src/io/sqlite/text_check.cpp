// One-pass UTF-8 and NUL check (see text_check.h).
#include "io/sqlite/text_check.h"

#include <cstdint>
#include <cstring>

namespace xianjie {

TextCheck check_text(const unsigned char* p, size_t n) {
  size_t i = 0;
  bool nul = false;
  while (i < n) {
    // Eight ASCII bytes at a time; a zero byte among them is caught below.
    if (i + 8 <= n) {
      uint64_t word;
      std::memcpy(&word, p + i, 8);
      if ((word & 0x8080808080808080ULL) == 0 && ((word - 0x0101010101010101ULL) & ~word & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    unsigned char c = p[i];
    if (c < 0x80) {
      nul |= c == 0;
      ++i;
      continue;
    }
    size_t len;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) len = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;       // no overlong forms
      else if (c == 0xED) hi = 0x9F;  // no surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      else if (c == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
    } else {
      return TextCheck::kNotUtf8;
    }
    if (i + len > n || p[i + 1] < lo || p[i + 1] > hi) return TextCheck::kNotUtf8;
    for (size_t k = 2; k < len; ++k)
      if ((p[i + k] & 0xC0) != 0x80) return TextCheck::kNotUtf8;
    i += len;
  }
  return nul ? TextCheck::kNul : TextCheck::kOk;
}

}  // namespace xianjie
