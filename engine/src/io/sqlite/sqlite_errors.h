// The messages the SQLite reader gives, one named factory per kind of failure.
//
// Keeping the wording in one place makes every message say the same three things in the same
// order: which database, what went wrong (with SQLite's own English text where it helps a search),
// and what the user can do about it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace xianjie::sqlite_errors {

std::string empty_path();
std::string missing_file(std::string_view path);
std::string is_directory(std::string_view path);
std::string cannot_open(std::string_view path, std::string_view sqlite_message);
std::string not_a_database(std::string_view path);
std::string locked(std::string_view path, int timeout_ms);
std::string corrupt(std::string_view path, std::string_view sqlite_message);
std::string read_failed(std::string_view path, std::string_view sqlite_message);

// `tables` lists the tables and views that do exist (possibly none).
std::string missing_table(std::string_view path, std::string_view table, const std::vector<std::string>& tables);
std::string empty_table_name(std::string_view path);

std::string empty_query(std::string_view path);
std::string query_not_select(std::string_view path, std::string_view first_word);
std::string query_several_statements(std::string_view path, std::string_view rest);
std::string query_not_read_only(std::string_view path);
std::string query_invalid(std::string_view path, std::string_view sqlite_message, const std::vector<std::string>& tables);

// A value that cannot be handed on as text: a BLOB or a string that is not UTF-8 / contains NUL.
std::string column_not_utf8(size_t column, std::string_view name);
std::string column_has_nul(size_t column, std::string_view name);

// "cases, transfers, 案件表" (at most a dozen names, then "等 N 个").
std::string list_tables(const std::vector<std::string>& tables);

}  // namespace xianjie::sqlite_errors
