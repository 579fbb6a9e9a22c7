// JSON string escaping and the comma bookkeeping of JsonWriter.
#include "report/json_writer.h"

#include <cmath>

#include <fmt/format.h>

#include "common/text.h"

namespace xianjie {

namespace {

void append_u_escape(std::string& out, char32_t cp) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += "\\u";
  for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(cp >> shift) & 0xF];
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      // A run of printable ASCII that needs no escape is copied in one piece.
      size_t run = i;
      while (run < s.size()) {
        unsigned char r = static_cast<unsigned char>(s[run]);
        if (r < 0x20 || r >= 0x7F || r == '"' || r == '\\') break;
        ++run;
      }
      if (run > i) {
        out.append(s.data() + i, run - i);
        i = run;
        continue;
      }
      ++i;
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default: append_u_escape(out, c);
      }
      continue;
    }
    // Runs of three-byte characters U+1000–U+1FFF and U+3000–U+FFFF other than surrogates (all of
    // CJK and the full-width punctuation （），：, none needing an escape)
    // are copied as they are without decoding; that is most of the text of a finding.
    {
      size_t run = i;
      while (run + 2 < s.size()) {
        auto b0 = static_cast<unsigned char>(s[run]);
        // E0 (overlong forms), E2 (U+2028/U+2029 need escaping) and ED (surrogates) take the slow path.
        if (b0 < 0xE1 || b0 == 0xE2 || b0 == 0xED || b0 > 0xEF || (static_cast<unsigned char>(s[run + 1]) & 0xC0) != 0x80 ||
            (static_cast<unsigned char>(s[run + 2]) & 0xC0) != 0x80)
          break;
        run += 3;
      }
      if (run > i) {
        out.append(s.data() + i, run - i);
        i = run;
        continue;
      }
    }
    // next_code_point yields U+FFFD for each invalid byte, so re-encoding what it returns is
    // exactly the replacement we want; a valid sequence is copied as it is.
    size_t start = i;
    char32_t cp = next_code_point(s, i);
    if ((cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029) append_u_escape(out, cp);
    else if (cp == 0xFFFD && s.substr(start, 3) != "\xEF\xBF\xBD") append_utf8(out, cp);
    else out.append(s.data() + start, i - start);
  }
  out += '"';
}

void JsonWriter::separate() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!has_items_.empty()) {
    if (has_items_.back()) out_ += ',';
    has_items_.back() = true;
  }
}

JsonWriter& JsonWriter::begin_object() {
  separate();
  out_ += '{';
  has_items_.push_back(false);
  return *this;
}

JsonWriter& JsonWriter::end_object() {
  out_ += '}';
  if (!has_items_.empty()) has_items_.pop_back();
  return *this;
}

JsonWriter& JsonWriter::begin_array() {
  separate();
  out_ += '[';
  has_items_.push_back(false);
  return *this;
}

JsonWriter& JsonWriter::end_array() {
  out_ += ']';
  if (!has_items_.empty()) has_items_.pop_back();
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
  separate();
  append_json_string(out_, name);
  out_ += ':';
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::string(std::string_view s) {
  separate();
  append_json_string(out_, s);
  return *this;
}

JsonWriter& JsonWriter::boolean(bool b) {
  separate();
  out_ += b ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::integer(uint64_t n) {
  separate();
  out_ += std::to_string(n);
  return *this;
}

JsonWriter& JsonWriter::real(double d) {
  if (!std::isfinite(d)) return null();
  separate();
  out_ += fmt::format("{}", d);  // shortest form that reads back to the same double
  return *this;
}

JsonWriter& JsonWriter::null() {
  separate();
  out_ += "null";
  return *this;
}

}  // namespace xianjie
