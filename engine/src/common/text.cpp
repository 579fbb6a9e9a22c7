// UTF-8 helpers and edit distance. Kept dependency-free: ICU would be heavy for the handful of operations we need.
#include "common/text.h"

#include <algorithm>
#include <vector>

namespace xianjie {

char32_t next_code_point(std::string_view s, size_t& i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  if (c < 0x80) { ++i; return c; }
  int len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
  if (len == 0 || i + static_cast<size_t>(len) > s.size()) { ++i; return 0xFFFD; }
  char32_t cp = c & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
  for (int k = 1; k < len; ++k) {
    unsigned char cc = byte(i + static_cast<size_t>(k));
    if ((cc & 0xC0) != 0x80) { ++i; return 0xFFFD; }
    cp = (cp << 6) | (cc & 0x3F);
  }
  static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) { ++i; return 0xFFFD; }
  i += static_cast<size_t>(len);
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) out += static_cast<char>(cp);
  else if (cp < 0x800) { out += static_cast<char>(0xC0 | (cp >> 6)); out += static_cast<char>(0x80 | (cp & 0x3F)); }
  else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string_view trim(std::string_view s) {
  // Most cells have nothing to trim: decide that from the two end bytes. Leading bytes that can
  // start white space: ' ', \t, \r, \n, E3 (U+3000), C2 (NBSP); trailing: ' ' \t \r \n, 80 (the
  // last byte of U+3000), A0 (of NBSP).
  if (s.empty()) return s;
  auto f = static_cast<unsigned char>(s.front()), b = static_cast<unsigned char>(s.back());
  bool front_ws = f == ' ' || f == '\t' || f == '\r' || f == '\n' || f == 0xE3 || f == 0xC2;
  bool back_ws = b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == 0x80 || b == 0xA0;
  if (!front_ws && !back_ws) return s;
  auto strip_front = [&]() -> bool {
    if (s.empty()) return false;
    unsigned char c = static_cast<unsigned char>(s.front());
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') { s.remove_prefix(1); return true; }
    if (s.substr(0, 3) == "\xE3\x80\x80") { s.remove_prefix(3); return true; }  // U+3000
    if (s.substr(0, 2) == "\xC2\xA0") { s.remove_prefix(2); return true; }      // NBSP
    return false;
  };
  auto strip_back = [&]() -> bool {
    if (s.empty()) return false;
    unsigned char c = static_cast<unsigned char>(s.back());
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') { s.remove_suffix(1); return true; }
    if (s.size() >= 3 && s.substr(s.size() - 3) == "\xE3\x80\x80") { s.remove_suffix(3); return true; }
    if (s.size() >= 2 && s.substr(s.size() - 2) == "\xC2\xA0") { s.remove_suffix(2); return true; }
    return false;
  };
  while (strip_front()) {}
  while (strip_back()) {}
  return s;
}

std::string fold_width(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) { out += s[i++]; continue; }
    size_t start = i;
    char32_t cp = next_code_point(s, i);
    if (cp >= 0xFF01 && cp <= 0xFF5E) out += static_cast<char>(cp - 0xFF01 + 0x21);
    else if (cp == 0x3000) out += ' ';
    else out.append(s.substr(start, i - start));
  }
  return out;
}

bool is_valid_utf8(std::string_view s, size_t* valid_prefix) {
  size_t i = 0;
  while (i < s.size()) {
    if (static_cast<unsigned char>(s[i]) < 0x80) { ++i; continue; }
    size_t start = i;
    char32_t cp = next_code_point(s, i);
    if (cp == 0xFFFD && s.substr(start, 3) != "\xEF\xBF\xBD") {
      if (valid_prefix) *valid_prefix = start;
      return false;
    }
  }
  if (valid_prefix) *valid_prefix = s.size();
  return true;
}

size_t display_width(std::string_view s) {
  size_t w = 0, i = 0;
  while (i < s.size()) {
    char32_t cp = next_code_point(s, i);
    bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
    w += wide ? 2 : 1;
  }
  return w;
}

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace xianjie
