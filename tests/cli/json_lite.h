// A strict little JSON reader for the end-to-end tests: the `jsonl` output is a contract for
// machines, so the tests read it as a machine would — every line must be a well-formed JSON value
// in UTF-8 — instead of searching it for substrings.
//
// Numbers keep their text (row counts are 64-bit integers); strings are decoded (escapes,
// \uXXXX with surrogate pairs) and must be valid UTF-8 with no raw control characters.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace xianjie::test {

struct Json {
  enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject };
  Kind kind = Kind::kNull;
  bool boolean = false;
  std::string text;  // a string's value, or a number as written
  std::vector<Json> items;
  std::vector<std::pair<std::string, Json>> members;

  // The member `key` of an object, or nullptr.
  const Json* get(std::string_view key) const {
    for (const auto& [k, v] : members)
      if (k == key) return &v;
    return nullptr;
  }
  bool is_uint() const { return kind == Kind::kNumber && !text.empty() && text.find_first_not_of("0123456789") == std::string::npos; }
  uint64_t as_uint() const { return std::strtoull(text.c_str(), nullptr, 10); }
};

class JsonReader {
 public:
  // Parses `text` as exactly one JSON value. False with a message (and byte offset) in `error`.
  static bool parse(std::string_view text, Json& out, std::string& error) {
    JsonReader r(text);
    r.space();
    if (!r.value(out, 0)) { error = r.error_ + " at byte " + std::to_string(r.pos_); return false; }
    r.space();
    if (r.pos_ != text.size()) { error = "trailing text at byte " + std::to_string(r.pos_); return false; }
    return true;
  }

 private:
  static constexpr int kMaxDepth = 64;  // the report is shallow; deeper is a bug, not a stack test

  explicit JsonReader(std::string_view t) : t_(t) {}

  bool fail(const char* what) { error_ = what; return false; }
  bool at_end() const { return pos_ >= t_.size(); }
  char peek() const { return at_end() ? '\0' : t_[pos_]; }
  void space() {
    while (!at_end() && (t_[pos_] == ' ' || t_[pos_] == '\t' || t_[pos_] == '\n' || t_[pos_] == '\r')) ++pos_;
  }
  bool literal(std::string_view word) {
    if (t_.substr(pos_, word.size()) != word) return fail("bad literal");
    pos_ += word.size();
    return true;
  }

  bool value(Json& v, int depth) {
    if (depth > kMaxDepth) return fail("nested too deep");
    switch (peek()) {
      case '{': return object(v, depth);
      case '[': return array(v, depth);
      case '"': v.kind = Json::Kind::kString; return string(v.text);
      case 't': v.kind = Json::Kind::kBool; v.boolean = true; return literal("true");
      case 'f': v.kind = Json::Kind::kBool; v.boolean = false; return literal("false");
      case 'n': v.kind = Json::Kind::kNull; return literal("null");
      default: return number(v);
    }
  }

  bool object(Json& v, int depth) {
    v.kind = Json::Kind::kObject;
    ++pos_;
    space();
    if (peek() == '}') { ++pos_; return true; }
    for (;;) {
      std::pair<std::string, Json> m;
      space();
      if (peek() != '"') return fail("expected a member name");
      if (!string(m.first)) return false;
      space();
      if (peek() != ':') return fail("expected ':'");
      ++pos_;
      space();
      if (!value(m.second, depth + 1)) return false;
      v.members.push_back(std::move(m));
      space();
      if (peek() == ',') { ++pos_; continue; }
      if (peek() == '}') { ++pos_; return true; }
      return fail("expected ',' or '}'");
    }
  }

  bool array(Json& v, int depth) {
    v.kind = Json::Kind::kArray;
    ++pos_;
    space();
    if (peek() == ']') { ++pos_; return true; }
    for (;;) {
      Json item;
      space();
      if (!value(item, depth + 1)) return false;
      v.items.push_back(std::move(item));
      space();
      if (peek() == ',') { ++pos_; continue; }
      if (peek() == ']') { ++pos_; return true; }
      return fail("expected ',' or ']'");
    }
  }

  bool number(Json& v) {
    v.kind = Json::Kind::kNumber;
    size_t start = pos_;
    if (peek() == '-') ++pos_;
    if (!(peek() >= '0' && peek() <= '9')) return fail("expected a value");
    while (peek() >= '0' && peek() <= '9') ++pos_;
    if (peek() == '.') {
      ++pos_;
      if (!(peek() >= '0' && peek() <= '9')) return fail("bad fraction");
      while (peek() >= '0' && peek() <= '9') ++pos_;
    }
    if (peek() == 'e' || peek() == 'E') {
      ++pos_;
      if (peek() == '+' || peek() == '-') ++pos_;
      if (!(peek() >= '0' && peek() <= '9')) return fail("bad exponent");
      while (peek() >= '0' && peek() <= '9') ++pos_;
    }
    v.text.assign(t_.substr(start, pos_ - start));
    return true;
  }

  static void append_utf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
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

  bool hex4(uint32_t& cp) {
    if (pos_ + 4 > t_.size()) return fail("short \\u escape");
    cp = 0;
    for (int k = 0; k < 4; ++k) {
      char c = t_[pos_++];
      cp <<= 4;
      if (c >= '0' && c <= '9') cp |= static_cast<uint32_t>(c - '0');
      else if (c >= 'a' && c <= 'f') cp |= static_cast<uint32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') cp |= static_cast<uint32_t>(c - 'A' + 10);
      else return fail("bad \\u escape");
    }
    return true;
  }

  // One well-formed UTF-8 sequence (RFC 3629: no overlongs, surrogates or values past U+10FFFF).
  bool utf8_sequence(std::string& out) {
    auto byte = [&](size_t k) { return static_cast<unsigned char>(t_[pos_ + k]); };
    unsigned char b0 = byte(0);
    size_t len = b0 >= 0xC2 && b0 <= 0xDF ? 2 : b0 >= 0xE0 && b0 <= 0xEF ? 3 : b0 >= 0xF0 && b0 <= 0xF4 ? 4 : 0;
    if (len == 0 || pos_ + len > t_.size()) return fail("invalid UTF-8 in a string");
    for (size_t k = 1; k < len; ++k)
      if ((byte(k) & 0xC0) != 0x80) return fail("invalid UTF-8 in a string");
    unsigned char b1 = byte(1);
    if ((b0 == 0xE0 && b1 < 0xA0) || (b0 == 0xED && b1 > 0x9F) || (b0 == 0xF0 && b1 < 0x90) || (b0 == 0xF4 && b1 > 0x8F))
      return fail("invalid UTF-8 in a string");
    out.append(t_.substr(pos_, len));
    pos_ += len;
    return true;
  }

  bool string(std::string& out) {
    ++pos_;  // the opening quote
    for (;;) {
      if (at_end()) return fail("unterminated string");
      unsigned char c = static_cast<unsigned char>(t_[pos_]);
      if (c == '"') { ++pos_; return true; }
      if (c < 0x20) return fail("raw control character in a string");
      if (c >= 0x80) {
        if (!utf8_sequence(out)) return false;
        continue;
      }
      ++pos_;
      if (c != '\\') { out += static_cast<char>(c); continue; }
      if (at_end()) return fail("unterminated escape");
      char e = t_[pos_++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          uint32_t cp = 0;
          if (!hex4(cp)) return false;
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            uint32_t low = 0;
            if (t_.substr(pos_, 2) != "\\u") return fail("lone high surrogate");
            pos_ += 2;
            if (!hex4(low)) return false;
            if (low < 0xDC00 || low > 0xDFFF) return fail("bad low surrogate");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return fail("lone low surrogate");
          }
          append_utf8(out, cp);
          break;
        }
        default: return fail("unknown escape");
      }
    }
  }

  std::string_view t_;
  size_t pos_ = 0;
  std::string error_;
};

}  // namespace xianjie::test
