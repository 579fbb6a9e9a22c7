// Every message the CSV reader produces, one factory per kind, so that the wording (what, where,
// how to fix) stays uniform and is easy to review in one place.
#pragma once

#include <cstddef>
#include <string>

namespace xianjie::csv_messages {

// open_csv failures; each names the file.
std::string open_failed(const std::string& path, int error_number);
std::string is_directory(const std::string& path);
std::string read_failed(const std::string& path, int error_number);
std::string empty_file(const std::string& path);
std::string unknown_encoding(const std::string& name);
std::string bad_delimiter(char delimiter);
std::string undetectable_encoding(const std::string& path);
std::string utf16_without_bom(const std::string& path, const char* encoding, const char* option);
std::string header_unclosed_quote(const std::string& path, size_t column);
std::string header_too_large(const std::string& path);
std::string header_bad_text(const std::string& path, const char* encoding, size_t column);

// Reasons for rejected rows.
std::string field_count(size_t found, size_t expected);
std::string unclosed_quote(size_t column);
std::string stray_quote(size_t column, size_t found, size_t expected);
std::string oversized_field(size_t column, bool in_quotes);
std::string oversized_row();
// `ascii_sample`: the encoding was detected from a pure-ASCII start of the file, so the file may
// well be GB18030 after all; the reason then says how to read it so.
std::string invalid_utf8(size_t column, size_t byte_in_row, bool ascii_sample = false);
std::string undecodable(size_t column, const char* encoding);
std::string nul_byte(size_t column);

// Notes for the summary.
std::string detected_encoding(const char* encoding);
std::string delimiter_note(const std::string& name);
std::string cr_line_ends();

}  // namespace xianjie::csv_messages
