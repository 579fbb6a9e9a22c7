// Lexer for the condition language. Accepts what a Chinese rule author types: full-width
// brackets and commas, ≥ ≤ ≠, Chinese quotation marks, numbers with 万/亿 and units (5万元, 500公斤,
// 10%), ISO dates, and identifiers in Chinese.
#include "expr/lexer.h"

#include <fmt/format.h>

#include "common/text.h"

namespace xianjie::expr {
namespace {

bool is_ascii_ident_start(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }

// Full-width ASCII is read as its half-width twin, 、 as a comma.
char32_t fold(char32_t cp) {
  if (cp >= 0xFF01 && cp <= 0xFF5E) return cp - 0xFEE0;
  if (cp == 0x3001) return ',';
  return cp;
}

bool is_ident_char(char32_t c) {
  if (is_ascii_ident_start(c) || is_digit(c)) return true;
  if (c < 0x80) return false;
  if (c >= 0x3000 && c <= 0x303F) return false;   // CJK punctuation
  if (c >= 0xFF01 && c <= 0xFF65) return false;   // full-width forms (folded to ASCII)
  if (c >= 0x2010 && c <= 0x206F) return false;   // general punctuation, quotes
  if (c == 0x2260 || c == 0x2264 || c == 0x2265) return false;  // ≠ ≤ ≥
  if (c == 0x00A5) return false;                  // ¥
  return true;
}

class Lexer {
 public:
  explicit Lexer(std::string_view s) : s_(s) {}

  std::vector<Token> run() {
    std::vector<Token> out;
    while (true) {
      skip_space();
      Token t = next();
      bool stop = t.kind == TokenKind::kEnd || t.kind == TokenKind::kError;
      out.push_back(std::move(t));
      if (stop) break;
    }
    if (out.back().kind == TokenKind::kError) out.push_back(Token{TokenKind::kEnd, {s_.size(), s_.size()}, {}, {}, {}});
    return out;
  }

 private:
  char32_t peek(size_t* width = nullptr) const {
    if (pos_ >= s_.size()) { if (width) *width = 0; return 0; }
    size_t i = pos_;
    char32_t cp = next_code_point(s_, i);
    if (width) *width = i - pos_;
    return fold(cp);
  }
  char32_t advance() { size_t w; char32_t c = peek(&w); pos_ += w; return c; }

  void skip_space() {
    while (pos_ < s_.size()) {
      char32_t c = peek();
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x3000) advance();
      else if (c == '#') { while (pos_ < s_.size() && s_[pos_] != '\n') ++pos_; }  // comment to end of line
      else break;
    }
  }

  Token make(TokenKind k, size_t begin) { Token t; t.kind = k; t.range = {begin, pos_}; return t; }
  Token error(size_t begin, std::string msg) { Token t = make(TokenKind::kError, begin); t.text = std::move(msg); return t; }

  Token next() {
    size_t begin = pos_;
    if (pos_ >= s_.size()) return make(TokenKind::kEnd, begin);
    char32_t c = peek();
    if (is_digit(c)) {
      // Full-width digits fold to ASCII for every other token, but a number is parsed from its bytes.
      if (s_[pos_] < '0' || s_[pos_] > '9') { advance(); return error(begin, "数值请用半角数字（如 50000，而不是 ５００００）"); }
      return number(begin);
    }
    if (c == '\'' || c == '"' || c == 0x201C || c == 0x2018 || c == 0x300C) return string(begin);
    if (c == '`') return column(begin);
    if (is_ident_char(c)) return ident(begin);
    advance();
    switch (c) {
      case '(': return make(TokenKind::kLParen, begin);
      case ')': return make(TokenKind::kRParen, begin);
      case '[': return make(TokenKind::kLBracket, begin);
      case ']': return make(TokenKind::kRBracket, begin);
      case ',': return make(TokenKind::kComma, begin);
      case '+': return make(TokenKind::kPlus, begin);
      case '-': return make(TokenKind::kMinus, begin);
      case '*': case 0x00D7: return make(TokenKind::kStar, begin);
      case '/': case 0x00F7: return make(TokenKind::kSlash, begin);
      case 0x2265: return make(TokenKind::kGe, begin);
      case 0x2264: return make(TokenKind::kLe, begin);
      case 0x2260: return make(TokenKind::kNe, begin);
      case '=': if (peek() == '=') advance(); return make(TokenKind::kEq, begin);
      case '!':
        if (peek() == '=') { advance(); return make(TokenKind::kNe, begin); }
        return error(begin, "单独的 '!' 无法识别；不等于请写 != ，否定请写 not");
      case '<':
        if (peek() == '=') { advance(); return make(TokenKind::kLe, begin); }
        if (peek() == '>') { advance(); return make(TokenKind::kNe, begin); }
        return make(TokenKind::kLt, begin);
      case '>':
        if (peek() == '=') { advance(); return make(TokenKind::kGe, begin); }
        return make(TokenKind::kGt, begin);
      default: break;
    }
    return error(begin, fmt::format("无法识别的字符 '{}'", std::string(s_.substr(begin, pos_ - begin))));
  }

  Token ident(size_t begin) {
    while (pos_ < s_.size() && is_ident_char(peek())) advance();
    Token t = make(TokenKind::kIdent, begin);
    t.text = std::string(s_.substr(begin, pos_ - begin));
    static const struct { std::string_view word; TokenKind kind; } kKeywords[] = {
        {"and", TokenKind::kAnd}, {"or", TokenKind::kOr}, {"not", TokenKind::kNot}, {"in", TokenKind::kIn},
        {"is", TokenKind::kIs}, {"null", TokenKind::kNull}, {"true", TokenKind::kTrue},
        {"false", TokenKind::kFalse}, {"contains", TokenKind::kContains},
        {"contains_any", TokenKind::kContainsAny}, {"contains_all", TokenKind::kContainsAll},
        {"matches", TokenKind::kMatches},
    };
    for (const auto& k : kKeywords)
      if (t.text == k.word) t.kind = k.kind;
    return t;
  }

  Token string(size_t begin) {
    char32_t open = advance();
    char32_t close = open == 0x201C ? 0x201D : open == 0x2018 ? 0x2019 : open == 0x300C ? 0x300D : open;
    std::string value;
    while (true) {
      if (pos_ >= s_.size()) return error(begin, "字符串缺少结束引号");
      size_t at = pos_;
      size_t w;
      peek(&w);
      size_t i = pos_;
      char32_t raw = next_code_point(s_, i);  // unfolded: a full-width char inside a string stays as typed
      pos_ += w;
      if (raw == close || (close == open && raw == open)) break;
      if (raw == '\\' && (open == '\'' || open == '"') && pos_ < s_.size()) {
        char e = s_[pos_++];
        value += e == 'n' ? '\n' : e == 't' ? '\t' : e;
        continue;
      }
      value.append(s_.substr(at, pos_ - at));
    }
    Token t = make(TokenKind::kString, begin);
    t.text = std::move(value);
    return t;
  }

  Token column(size_t begin) {
    advance();
    size_t start = pos_;
    while (pos_ < s_.size() && s_[pos_] != '`') ++pos_;
    if (pos_ >= s_.size()) return error(begin, "列名缺少结束的反引号 `");
    std::string name(s_.substr(start, pos_ - start));
    ++pos_;
    Token t = make(TokenKind::kColumn, begin);
    t.text = std::move(name);
    if (t.text.empty()) return error(begin, "反引号中的列名为空");
    return t;
  }

  Token number(size_t begin) {
    while (pos_ < s_.size() && is_digit(peek())) advance();
    size_t int_end = pos_;
    // ISO date: 2022-05-15
    if (int_end - begin == 4 && peek() == '-') {
      size_t save = pos_;
      advance();
      size_t m0 = pos_;
      while (is_digit(peek())) advance();
      size_t m1 = pos_;
      if (m1 > m0 && m1 - m0 <= 2 && peek() == '-') {
        advance();
        size_t d0 = pos_;
        while (is_digit(peek())) advance();
        size_t d1 = pos_;
        if (d1 > d0 && d1 - d0 <= 2) {
          int y = std::stoi(std::string(s_.substr(begin, 4)));
          int m = std::stoi(std::string(s_.substr(m0, m1 - m0)));
          int d = std::stoi(std::string(s_.substr(d0, d1 - d0)));
          auto date = Date::from_ymd(y, m, d);
          if (!date) return error(begin, fmt::format("日期 {} 不存在", std::string(s_.substr(begin, pos_ - begin))));
          Token t = make(TokenKind::kDate, begin);
          t.date = *date;
          return t;
        }
      }
      pos_ = save;
    }
    if (peek() == '.') {
      advance();
      if (!is_digit(peek())) return error(begin, "小数点后缺少数字");
      while (is_digit(peek())) advance();
    }
    auto number = Decimal::parse(s_.substr(begin, pos_ - begin));
    if (!number) return error(begin, "数值超出范围（最多约 9,000 亿亿分之一精度的 92 万亿）");
    Token t = make(TokenKind::kNumber, begin);
    t.literal.number = *number;
    // Chinese magnitude: 万 / 亿 (万亿 too).
    auto scale = [&](int64_t factor) -> bool {
      auto f = Decimal::from_int(factor);
      auto scaled = f ? t.literal.number.mul(*f) : std::nullopt;
      if (!scaled) return false;
      t.literal.number = *scaled;
      return true;
    };
    bool magnitude = false;
    for (;;) {
      char32_t c = peek();
      if (c == 0x4E07) { advance(); if (!scale(10000)) return error(begin, "数值超出范围"); magnitude = true; }
      else if (c == 0x4EBF) { advance(); if (!scale(100000000)) return error(begin, "数值超出范围"); magnitude = true; }
      else break;
    }
    if (peek() == '%') {
      advance();
      t.literal.unit = LiteralUnit::kPercent;
      t.literal.unit_text = "%";
      t.literal.number = *t.literal.number.div(*Decimal::from_int(100));
      t.range.end = pos_;
      return t;
    }
    // A unit directly after the number, or after spaces when the word is a known unit.
    size_t save = pos_;
    bool spaced = false;
    while (peek() == ' ') { advance(); spaced = true; }
    size_t unit_begin = pos_;
    while (pos_ < s_.size() && is_ident_char(peek())) advance();
    std::string unit(s_.substr(unit_begin, pos_ - unit_begin));
    if (unit.empty()) { pos_ = save; t.range.end = pos_; return t; }
    if (unit == "元" || unit == "人民币元") {
      t.literal.unit = LiteralUnit::kYuan;
      t.literal.unit_text = magnitude ? std::string(s_.substr(int_end, unit_begin - int_end)) + unit : unit;
    } else if (auto u = find_unit(unit)) {
      auto converted = t.literal.number.mul(u->to_base);
      if (!converted) return error(begin, "数值超出范围");
      t.literal.number = *converted;
      t.literal.unit = LiteralUnit::kQuantity;
      t.literal.quantity_unit = *u;
      t.literal.unit_text = unit;
    } else if (spaced) {
      pos_ = save;  // an ordinary word after a number: not a unit
    } else {
      return error(unit_begin, fmt::format("未知的单位 '{}'；金额写 元/万元，数量写 公斤、吨、立方米、亩、株 等", unit));
    }
    t.range.end = pos_;
    return t;
  }

  std::string_view s_;
  size_t pos_ = 0;
};

}  // namespace

std::vector<Token> tokenize(std::string_view source) { return Lexer(source).run(); }

std::string_view token_kind_name(TokenKind k) {
  switch (k) {
    case TokenKind::kEnd: return "条件结尾";
    case TokenKind::kIdent: return "名称";
    case TokenKind::kNumber: return "数值";
    case TokenKind::kString: return "字符串";
    case TokenKind::kDate: return "日期";
    case TokenKind::kColumn: return "列名";
    case TokenKind::kLParen: return "'('";
    case TokenKind::kRParen: return "')'";
    case TokenKind::kLBracket: return "'['";
    case TokenKind::kRBracket: return "']'";
    case TokenKind::kComma: return "','";
    case TokenKind::kPlus: return "'+'";
    case TokenKind::kMinus: return "'-'";
    case TokenKind::kStar: return "'*'";
    case TokenKind::kSlash: return "'/'";
    case TokenKind::kEq: return "'=='";
    case TokenKind::kNe: return "'!='";
    case TokenKind::kLt: return "'<'";
    case TokenKind::kLe: return "'<='";
    case TokenKind::kGt: return "'>'";
    case TokenKind::kGe: return "'>='";
    case TokenKind::kAnd: return "and";
    case TokenKind::kOr: return "or";
    case TokenKind::kNot: return "not";
    case TokenKind::kIn: return "in";
    case TokenKind::kIs: return "is";
    case TokenKind::kNull: return "null";
    case TokenKind::kTrue: return "true";
    case TokenKind::kFalse: return "false";
    case TokenKind::kContains: return "contains";
    case TokenKind::kContainsAny: return "contains_any";
    case TokenKind::kContainsAll: return "contains_all";
    case TokenKind::kMatches: return "matches";
    case TokenKind::kError: return "错误";
  }
  return "?";
}

std::string_view cmp_symbol(CmpOp op) {
  switch (op) {
    case CmpOp::kEq: return "=";
    case CmpOp::kNe: return "≠";
    case CmpOp::kLt: return "<";
    case CmpOp::kLe: return "≤";
    case CmpOp::kGt: return ">";
    case CmpOp::kGe: return "≥";
  }
  return "?";
}

std::string_view cmp_ascii(CmpOp op) {
  switch (op) {
    case CmpOp::kEq: return "==";
    case CmpOp::kNe: return "!=";
    case CmpOp::kLt: return "<";
    case CmpOp::kLe: return "<=";
    case CmpOp::kGt: return ">";
    case CmpOp::kGe: return ">=";
  }
  return "?";
}

}  // namespace xianjie::expr
