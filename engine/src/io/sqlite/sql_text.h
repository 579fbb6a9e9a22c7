// Lexical helpers for the user's --query text and for table names.
//
// The reader accepts exactly one read-only SELECT. SQLite itself decides whether a prepared
// statement is read-only (sqlite3_stmt_readonly); these helpers do the parts SQLite does not:
// finding the first keyword behind comments, checking that nothing but comments and semicolons
// follows the first statement, and quoting an identifier.
#pragma once

#include <string>
#include <string_view>

namespace xianjie::sql_text {

// Position of the first character at or after `pos` that is not white space, a `-- …` line
// comment, a `/* … */` block comment or (when `skip_semicolons`) a semicolon. An unterminated
// block comment runs to the end, as it does for SQLite.
size_t skip_space_and_comments(std::string_view sql, size_t pos, bool skip_semicolons = false);

// The first word of the statement (letters, digits, underscore), after comments; empty when the
// text starts with something else. Returned as written, not case-folded.
std::string_view first_keyword(std::string_view sql);

// True when `word` is SELECT or WITH, in any letter case.
bool is_select_keyword(std::string_view word);

// "name" with embedded double quotes doubled: safe for any table name, Chinese included.
std::string quote_identifier(std::string_view name);

// ASCII case-insensitive equality: SQLite resolves identifiers this way (only A–Z fold).
bool equal_ascii_nocase(std::string_view a, std::string_view b);

// At most `max_bytes` bytes of `s` without cutting a UTF-8 sequence, with "…" when shortened.
std::string shorten(std::string_view s, size_t max_bytes);

}  // namespace xianjie::sql_text
