// Checking a stored value before it is handed on as text, with the readers' shared UTF-8 scanner.
#include "io/sqlite/text_check.h"

#include "common/utf8_scan.h"

namespace xianjie {

TextCheck check_text(const unsigned char* p, size_t n) {
  size_t bad = find_bad_utf8_byte(reinterpret_cast<const char*>(p), n);
  if (bad == kNoBadByte) return TextCheck::kOk;
  return p[bad] == 0 ? TextCheck::kNul : TextCheck::kNotUtf8;
}

}  // namespace xianjie
