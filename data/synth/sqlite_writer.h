// Writes records into a SQLite table `cases` as a clean database export would hold them: the same
// Chinese column names, amounts as numbers in yuan (涉案金额 too), ISO dates, 是/否, NULL for
// missing values.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "case_record.h"

struct sqlite3;
struct sqlite3_stmt;

namespace xianjie::synth {

class SqliteWriter {
 public:
  SqliteWriter() = default;
  SqliteWriter(const SqliteWriter&) = delete;
  SqliteWriter& operator=(const SqliteWriter&) = delete;
  ~SqliteWriter();

  // Replaces `path` with a new database holding an empty `cases` table.
  bool open(const std::string& path, std::string& error);
  bool write(const CaseRecord& r);
  // Another table of TEXT columns (transfers, non_prosecutions); `index` is its number for insert().
  bool add_table(std::string_view name, std::initializer_list<std::string_view> columns, size_t& index);
  // One row of such a table; an empty value is NULL.
  bool insert(size_t index, std::initializer_list<std::string_view> values);
  // Commits and closes; false with error() on failure.
  bool close();
  const std::string& error() const { return error_; }

 private:
  bool exec(const char* sql);
  void fail(const char* what);

  sqlite3* db_ = nullptr;
  sqlite3_stmt* insert_ = nullptr;
  std::vector<sqlite3_stmt*> tables_;  // inserts of add_table()
  std::string path_;
  std::string error_;
  std::string scratch_;
};

}  // namespace xianjie::synth
