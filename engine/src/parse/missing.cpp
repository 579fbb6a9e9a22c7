// Missing-value tokens: the spellings exports use for "no value", which become null, not 0.
#include <string_view>

#include "common/text.h"
#include "parse/cursor.h"
#include "parse/support.h"
#include "xianjie/value_parse.h"

namespace xianjie {
namespace {

using parse_detail::Cursor;

// "-", "--", "—", "——", "－－": a run of dash-like characters of any length.
bool is_dash_run(std::string_view s) {
  Cursor c(s);
  while (!c.at_end()) {
    switch (c.next()) {
      case U'-': case U'\u2014': case U'\u2013': case U'\u2015': case U'\u2212': break;
      default: return false;
    }
  }
  return true;
}

}  // namespace

bool is_missing_token(std::string_view raw) {
  std::string_view s = trim(raw);
  if (s.empty()) return true;
  unsigned char first = static_cast<unsigned char>(s.front());
  if (first >= '0' && first <= '9') return false;  // numbers and dates: the common case
  // Dash runs start with '-' or a multi-byte dash (E2 80 9x, E2 88 92, EF BC 8D).
  if ((first == '-' || first == 0xE2 || first == 0xEF) && is_dash_run(s)) return true;
  // Every other token is at most 12 bytes (＃Ｎ／Ａ in full width); names, reasons and facts are
  // longer and leave here without being folded. This runs for every cell of every row.
  if (s.size() > 12) return false;
  // Folding only changes full-width forms (lead byte EF) and ASCII capitals; without them the
  // cell is compared as it is.
  bool foldable = false;
  for (char ch : s) foldable = foldable || static_cast<unsigned char>(ch) == 0xEF || (ch >= 'A' && ch <= 'Z');
  if (!foldable) return s == "无" || s == "空" || s == "/" || s == "null" || s == "n/a" || s == "#n/a";
  char buf[16];
  std::string_view key;
  if (!parse_detail::fold_key(s, buf, sizeof buf, true, key)) return false;
  return key == "无" || key == "空" || key == "/" || key == "null" || key == "n/a" || key == "#n/a";
}

}  // namespace xianjie
