// Reading an id cell (see id_scan.h). Ids arrive typed by hand into spreadsheets: full-width
// digits from a Chinese input method, spaces between digit groups, a lower-case x, and a leading
// apostrophe that users type to stop the spreadsheet turning 18 digits into a float.
#include "party/id_scan.h"

#include "common/text.h"

namespace xianjie::party_detail {
namespace {

// White space an id can contain without meaning anything; checked only for non-ASCII.
bool is_wide_space(char32_t cp) {
  return cp == 0x3000 || cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0xFEFF;
}

}  // namespace

void scan_id(std::string_view raw, IdScan& out) {
  out.count = 0;
  out.bad_position = 0;
  out.bad_char = 0;
  bool quote_seen = false;
  size_t i = 0;
  while (i < raw.size()) {
    char32_t cp = static_cast<unsigned char>(raw[i]);
    if (cp < 0x80) {
      ++i;
    } else {
      cp = next_code_point(raw, i);
      if (is_wide_space(cp)) continue;
      if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFF01 - 0x21;  // full-width ASCII
    }
    if (cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n') continue;
    if (cp == '\'' && out.count == 0 && !quote_seen) {
      quote_seen = true;
      continue;
    }
    char c;
    if (cp >= '0' && cp <= '9') c = static_cast<char>(cp);
    else if (cp >= 'A' && cp <= 'Z') c = static_cast<char>(cp);
    else if (cp >= 'a' && cp <= 'z') c = static_cast<char>(cp - 'a' + 'A');
    else {
      out.bad_position = out.count + 1;
      out.bad_char = cp;
      return;
    }
    if (out.count < kIdLength) out.chars[out.count] = c;
    ++out.count;
  }
}

}  // namespace xianjie::party_detail
