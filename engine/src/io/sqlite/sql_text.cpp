// Lexical helpers for --query and table names (see sql_text.h).
#include "io/sqlite/sql_text.h"

namespace xianjie::sql_text {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
char fold(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

size_t skip_space_and_comments(std::string_view sql, size_t pos, bool skip_semicolons) {
  while (pos < sql.size()) {
    char c = sql[pos];
    if (is_space(c) || (skip_semicolons && c == ';')) {
      ++pos;
    } else if (c == '-' && pos + 1 < sql.size() && sql[pos + 1] == '-') {
      size_t eol = sql.find('\n', pos);
      pos = eol == std::string_view::npos ? sql.size() : eol + 1;
    } else if (c == '/' && pos + 1 < sql.size() && sql[pos + 1] == '*') {
      size_t end = sql.find("*/", pos + 2);
      pos = end == std::string_view::npos ? sql.size() : end + 2;
    } else {
      break;
    }
  }
  return pos;
}

std::string_view first_keyword(std::string_view sql) {
  size_t start = skip_space_and_comments(sql, 0);
  size_t end = start;
  while (end < sql.size() && is_word_char(sql[end])) ++end;
  return sql.substr(start, end - start);
}

bool is_select_keyword(std::string_view word) {
  return equal_ascii_nocase(word, "select") || equal_ascii_nocase(word, "with");
}

std::string quote_identifier(std::string_view name) {
  std::string out;
  out.reserve(name.size() + 2);
  out += '"';
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

bool equal_ascii_nocase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (fold(a[i]) != fold(b[i])) return false;
  return true;
}

std::string shorten(std::string_view s, size_t max_bytes) {
  if (s.size() <= max_bytes) return std::string(s);
  size_t cut = max_bytes;
  // Back up to the start of a UTF-8 sequence (continuation bytes are 10xxxxxx).
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return std::string(s.substr(0, cut)) + "…";
}

}  // namespace xianjie::sql_text
