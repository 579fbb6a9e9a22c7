// A code-point cursor over one cell that folds width variants as it reads.
//
// Exports mix half- and full-width forms freely (５２０００, ５２，０００．００, ２０２３－０４－１２).
// Folding while reading lets every parser test for plain ASCII once, without first copying the
// cell into a normalised string (which would allocate for every cell of every row).
#pragma once

#include <cstddef>
#include <string_view>

#include "common/text.h"

namespace xianjie::parse_detail {

// Full-width ASCII (U+FF01..U+FF5E) → ASCII; ideographic space and NBSP → ' '.
constexpr char32_t fold_cp(char32_t cp) {
  if (cp >= 0xFF01 && cp <= 0xFF5E) return cp - 0xFF01 + 0x21;
  if (cp == 0x3000 || cp == 0xA0) return U' ';
  return cp;
}

constexpr bool is_ascii_digit(char32_t cp) { return cp >= U'0' && cp <= U'9'; }

class Cursor {
 public:
  explicit Cursor(std::string_view s, size_t pos = 0) : s_(s), pos_(pos) {}

  bool at_end() const { return pos_ >= s_.size(); }
  size_t pos() const { return pos_; }
  void reset(size_t pos) { pos_ = pos; }
  std::string_view rest() const { return s_.substr(pos_); }

  // The next folded code point, 0 at the end; `len` receives its length in bytes.
  char32_t peek(size_t& len) const {
    if (pos_ >= s_.size()) { len = 0; return 0; }
    unsigned char b = static_cast<unsigned char>(s_[pos_]);
    if (b < 0x80) { len = 1; return b; }
    size_t i = pos_;
    char32_t cp = next_code_point(s_, i);
    len = i - pos_;
    return fold_cp(cp);
  }
  char32_t peek() const { size_t len; return peek(len); }
  // The code point after the next one, 0 when there is none.
  char32_t peek_second() const {
    Cursor c(*this);
    c.next();
    return c.peek();
  }
  char32_t next() {
    size_t len;
    char32_t cp = peek(len);
    pos_ += len;
    return cp;
  }
  bool eat(char32_t want) {
    size_t len;
    if (peek(len) != want || len == 0) return false;
    pos_ += len;
    return true;
  }
  // Byte-exact match, for words such as 人民币 or 左右 that have no width variants.
  bool eat_literal(std::string_view lit) {
    if (s_.substr(pos_, lit.size()) != lit) return false;
    pos_ += lit.size();
    return true;
  }
  void skip_spaces() {
    for (;;) {
      char32_t cp = peek();
      if (cp != U' ' && cp != U'\t') return;
      next();
    }
  }

 private:
  std::string_view s_;
  size_t pos_ = 0;
};

}  // namespace xianjie::parse_detail
