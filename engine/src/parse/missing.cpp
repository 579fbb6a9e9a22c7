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
  if (is_dash_run(s)) return true;
  char buf[16];
  std::string_view key;
  if (!parse_detail::fold_key(s, buf, sizeof buf, true, key)) return false;
  return key == "无" || key == "空" || key == "/" || key == "null" || key == "n/a" || key == "#n/a";
}

}  // namespace xianjie
