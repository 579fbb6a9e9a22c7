// RowSource over a SQLite table or a single read-only SELECT: one prepared statement, stepped
// into RowBatches.
//
// The database is opened read-only and additionally put in query_only mode, so neither --table
// nor --query can change the file the analyst is auditing. Every value is handed on as the text
// SQLite itself renders (sqlite3_value_text; integers, and reals that need no exponent, are
// rendered the same way by std::to_chars),
// so 52000 stays "52000" and 49999.99 stays "49999.99": the value parsers see the same strings a
// CSV export of the table would contain.
// NULL becomes an empty field, which the parsers treat as missing.
//
// Locations: a table read by name is scanned together with its rowid, which identifies the row in
// the analyst's own database tool; WITHOUT ROWID tables, views and queries have no stable id, so
// their rows are numbered 1, 2, 3 … in the order read.
#include <algorithm>
#include <charconv>
#include <sqlite3.h>

#include <filesystem>
#include <fmt/format.h>

#include "common/text.h"  // recovering rejected rows for display
#include "io/sqlite/sql_text.h"
#include "io/sqlite/sqlite_errors.h"
#include "io/sqlite/text_check.h"
#include "xianjie/row_source.h"

namespace xianjie {
namespace {

// The significant digits of a plain decimal number ("-0.0500" → 1, "52000" → 2, "49999.99" → 7).
size_t significant_digits(std::string_view number) {
  size_t seen = 0, first = 0, last = 0;  // positions among the digits, 1-based; 0 = none yet
  for (char c : number) {
    if (c < '0' || c > '9') continue;
    ++seen;
    if (c == '0') continue;
    if (first == 0) first = seen;
    last = seen;
  }
  return first == 0 ? 0 : last - first + 1;
}

// How long a reader waits for a writer's lock before giving up: long enough to ride out an
// export tool's commit, short enough that a scan of a database held open by an editor fails fast.
constexpr int kBusyTimeoutMs = 2000;

std::string error_for(int rc, sqlite3* db, const std::string& path) {
  const char* msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  switch (rc & 0xFF) {
    case SQLITE_NOTADB: return sqlite_errors::not_a_database(path);
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return sqlite_errors::locked(path, kBusyTimeoutMs);
    case SQLITE_CORRUPT: return sqlite_errors::corrupt(path, msg);
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_AUTH: return sqlite_errors::cannot_open(path, msg);
    default: return sqlite_errors::read_failed(path, msg);
  }
}

struct TableInfo {
  std::string name;
  bool is_view = false;
};

class SqliteSource final : public RowSource {
 public:
  ~SqliteSource() override {
    sqlite3_finalize(stmt_);
    sqlite3_finalize(full_row_);
    sqlite3_close(db_);
  }

  static std::unique_ptr<RowSource> open(const std::string& path, const SqliteOptions& options, std::string& error) {
    std::unique_ptr<SqliteSource> src(new SqliteSource(path));
    error = src->connect();
    if (error.empty()) error = options.query.empty() ? src->prepare_table(options.table) : src->prepare_query(options.query);
    if (!error.empty()) return nullptr;
    src->header_.reserve(static_cast<size_t>(sqlite3_column_count(src->stmt_) - src->first_column_));
    for (int c = src->first_column_; c < sqlite3_column_count(src->stmt_); ++c) {
      const char* name = sqlite3_column_name(src->stmt_, c);
      src->header_.emplace_back(name ? name : "");
    }
    for (size_t c = 0; c < src->header_.size(); ++c) src->read_columns_.push_back(c);
    return src;
  }

  const std::vector<std::string>& header() const override { return header_; }
  const std::string& error() const override { return error_; }
  const std::string& name() const override { return name_; }
  uint64_t rows_read() const override { return rows_read_; }
  uint64_t rows_rejected() const override { return rows_rejected_; }
  std::vector<std::string> notes() const override { return notes_; }

  std::string location_text(uint64_t location) const override {
    // Rowids are signed in SQLite; locations carry their bit pattern.
    if (by_rowid_) return fmt::format("{} rowid {}", name_, static_cast<int64_t>(location));
    return fmt::format("{} 第 {} 行", name_, location);
  }

  bool next_batch(RowBatch& batch) override;
  void project(const std::vector<bool>& columns) override;
  double fraction_done() const override {
    return by_rowid_ && max_rowid_ > 0 ? std::min(1.0, static_cast<double>(last_rowid_) / static_cast<double>(max_rowid_)) : -1;
  }

 private:
  explicit SqliteSource(std::string path) : path_(std::move(path)) {}

  std::string connect();
  std::string prepare_table(const std::string& requested);
  std::string prepare_query(const std::string& sql);
  std::string read_tables();
  // Appends the current row's values to the batch text; false (with `reason`) when a value
  // cannot be handed on as UTF-8 text.
  bool append_row(RowBatch& batch, std::string& reason);
  std::string recover_row_text(uint64_t location);

  std::string path_;
  std::string name_;
  std::string error_;
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  sqlite3_stmt* full_row_ = nullptr;  // SELECT * … WHERE rowid = ?, for rejects of a projected scan
  std::string from_;                  // main."table" when reading a table or view, empty for --query
  std::string rowid_alias_;           // the name the rowid is selected by
  std::vector<size_t> read_columns_;  // header columns the statement returns, in result order
  int64_t max_rowid_ = 0;             // for fraction_done: rowids are mostly dense and ascending
  int64_t last_rowid_ = 0;
  std::vector<TableInfo> tables_;     // user tables and views, for messages and --table lookup
  std::vector<std::string> header_;
  std::vector<std::string> notes_;
  int first_column_ = 0;              // 1 when column 0 is the hidden rowid
  bool by_rowid_ = false;
  bool done_ = false;
  uint64_t ordinal_ = 0;
  uint64_t rows_read_ = 0;
  uint64_t rows_rejected_ = 0;
  // Field spans (offset, length) into batch.text, turned into views once the batch is complete:
  // views taken earlier would dangle when the text buffer grows.
  std::vector<std::pair<size_t, size_t>> spans_;
};

std::string SqliteSource::connect() {
  namespace fs = std::filesystem;
  if (path_.empty()) return sqlite_errors::empty_path();
  std::error_code ec;
  auto status = fs::status(path_, ec);
  if (!fs::exists(status)) return sqlite_errors::missing_file(path_);
  if (fs::is_directory(status)) return sqlite_errors::is_directory(path_);

  // ":memory:" and "" are special file names for SQLite; an existing file of that name must be
  // opened as a file.
  std::string open_path = path_ == ":memory:" ? "./" + path_ : path_;
  // READONLY without CREATE: SQLite never creates a missing file, even if one disappears between
  // the check above and this call. NOMUTEX: a source is used by one thread at a time, and the
  // per-call mutex of the serialized mode cost a tenth of the reading time.
  int rc = sqlite3_open_v2(open_path.c_str(), &db_, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) return error_for(rc, db_, path_);
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, kBusyTimeoutMs);
  // Exports come from outside: do not let functions in views or triggers of the file run with
  // side effects, and refuse writes even through a path we did not think of.
#ifdef SQLITE_DBCONFIG_TRUSTED_SCHEMA
  sqlite3_db_config(db_, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
#endif
#ifdef SQLITE_DBCONFIG_DEFENSIVE
  sqlite3_db_config(db_, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
#endif
  rc = sqlite3_exec(db_, "PRAGMA query_only=1", nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return error_for(rc, db_, path_);
  return read_tables();
}

// Reading the schema is the first real access to the file, so this is where a file that is not
// a database, a locked or a corrupt one is detected.
std::string SqliteSource::read_tables() {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db_,
                              "SELECT name, type FROM sqlite_master WHERE type IN ('table','view') "
                              "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
                              -1, &stmt, nullptr);
  if (rc == SQLITE_OK) {
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      const char* name = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
      const char* type = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 1));
      tables_.push_back({name ? name : "", type && std::strcmp(type, "view") == 0});
    }
    if (rc == SQLITE_DONE) rc = SQLITE_OK;
  }
  sqlite3_finalize(stmt);
  if (rc != SQLITE_OK) return error_for(sqlite3_extended_errcode(db_), db_, path_);
  return {};
}

std::string SqliteSource::prepare_table(const std::string& requested) {
  if (requested.empty()) return sqlite_errors::empty_table_name(path_);
  // SQLite resolves table names ignoring ASCII case; an exact match wins over a folded one.
  const TableInfo* found = nullptr;
  for (const auto& t : tables_)
    if (t.name == requested) found = &t;
  if (!found)
    for (const auto& t : tables_)
      if (sql_text::equal_ascii_nocase(t.name, requested)) { found = &t; break; }
  if (!found) {
    std::vector<std::string> names;
    for (const auto& t : tables_) names.push_back(t.name);
    return sqlite_errors::missing_table(path_, requested, names);
  }
  name_ = path_ + ":" + found->name;
  std::string from = "main." + sql_text::quote_identifier(found->name);
  from_ = from;

  // The rowid is selected under whichever of its three names the table does not use for a
  // column of its own.
  const char* alias = nullptr;
  if (!found->is_view) {
    sqlite3_stmt* probe = nullptr;
    if (sqlite3_prepare_v2(db_, ("SELECT * FROM " + from).c_str(), -1, &probe, nullptr) == SQLITE_OK) {
      for (const char* candidate : {"rowid", "_rowid_", "oid"}) {
        bool taken = false;
        for (int c = 0; c < sqlite3_column_count(probe); ++c)
          if (sql_text::equal_ascii_nocase(sqlite3_column_name(probe, c), candidate)) taken = true;
        if (!taken) { alias = candidate; break; }
      }
    }
    sqlite3_finalize(probe);
  }
  if (alias) {
    std::string sql = fmt::format("SELECT {}, * FROM {}", alias, from);
    // Fails with "no such column" for a WITHOUT ROWID table; that case falls through below.
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt_, nullptr) == SQLITE_OK) {
      first_column_ = 1;
      by_rowid_ = true;
      rowid_alias_ = alias;
      sqlite3_stmt* mx = nullptr;
      if (sqlite3_prepare_v2(db_, fmt::format("SELECT max({}) FROM {}", alias, from).c_str(), -1, &mx, nullptr) == SQLITE_OK &&
          sqlite3_step(mx) == SQLITE_ROW)
        max_rowid_ = sqlite3_column_int64(mx, 0);
      sqlite3_finalize(mx);
      return {};
    }
    sqlite3_finalize(stmt_);
    stmt_ = nullptr;
  }
  int rc = sqlite3_prepare_v2(db_, ("SELECT * FROM " + from).c_str(), -1, &stmt_, nullptr);
  if (rc != SQLITE_OK) return error_for(sqlite3_extended_errcode(db_), db_, path_);
  notes_.push_back(fmt::format("{} {} 没有 rowid，行位置按读取顺序编号", found->is_view ? "视图" : "表", found->name));
  return {};
}

std::string SqliteSource::prepare_query(const std::string& sql) {
  name_ = path_ + ":query";
  std::string_view text(sql);
  std::string_view word = sql_text::first_keyword(text);
  if (sql_text::skip_space_and_comments(text, 0, true) == text.size()) return sqlite_errors::empty_query(path_);
  if (!sql_text::is_select_keyword(word)) {
    size_t start = sql_text::skip_space_and_comments(text, 0);
    std::string shown = word.empty() ? sql_text::shorten(text.substr(start), 20) : std::string(word);
    return sqlite_errors::query_not_select(path_, shown);
  }
  const char* tail = nullptr;
  int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt_, &tail);
  if (rc != SQLITE_OK) {
    std::vector<std::string> names;
    for (const auto& t : tables_) names.push_back(t.name);
    int code = sqlite3_extended_errcode(db_) & 0xFF;
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED || code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
      return error_for(code, db_, path_);
    return sqlite_errors::query_invalid(path_, sqlite3_errmsg(db_), names);
  }
  if (!stmt_) return sqlite_errors::empty_query(path_);
  size_t rest = tail ? static_cast<size_t>(tail - sql.data()) : sql.size();
  rest = sql_text::skip_space_and_comments(text, rest, true);
  if (rest < text.size()) return sqlite_errors::query_several_statements(path_, sql_text::shorten(text.substr(rest), 60));
  if (!sqlite3_stmt_readonly(stmt_)) return sqlite_errors::query_not_read_only(path_);
  notes_.push_back("查询结果没有 rowid，行位置按结果顺序编号");
  return {};
}

bool SqliteSource::append_row(RowBatch& batch, std::string& reason) {
  // Cells go into the batch text one after the other, each followed by a newline that is not part
  // of its field: the row is then checked for invalid UTF-8 and NUL bytes in one pass (a cell cut
  // in the middle of a character cannot combine with the next one into something valid).
  const size_t row_start = batch.text.size();
  const size_t first_span = spans_.size();
  spans_.resize(first_span + header_.size(), {row_start, 0});
  for (size_t k = 0; k < read_columns_.size(); ++k) {
    // One lookup of the cell (sqlite3_column_type/_text/_bytes would look it up three times).
    sqlite3_value* cell = sqlite3_column_value(stmt_, first_column_ + static_cast<int>(k));
    const int type = sqlite3_value_type(cell);
    if (type == SQLITE_NULL) continue;
    if (type == SQLITE_INTEGER) {
      // Integers are written here, as SQLite would render them, without its printf machinery.
      char digits[24];
      auto [end, ec] = std::to_chars(digits, digits + sizeof digits, sqlite3_value_int64(cell));
      const auto n = static_cast<size_t>(end - digits);
      spans_[first_span + read_columns_[k]] = {batch.text.size(), n};
      batch.text.append(digits, n);
      batch.text.push_back('\n');
      continue;
    }
    if (type == SQLITE_FLOAT) {
      // SQLite renders a real with 15 significant digits and at least one decimal ("%!.15g":
      // 52000.0, 49999.99). Its digits are not always correctly rounded in the 15th place, so
      // only a value whose shortest exact form has at most 12 significant digits (every amount
      // in yuan and fen below 10 billion) is written here, where both agree; the others take
      // SQLite's own text.
      char digits[32];
      auto [end, ec] = std::to_chars(digits, digits + sizeof digits, sqlite3_value_double(cell));
      std::string_view text(digits, ec == std::errc() ? static_cast<size_t>(end - digits) : 0);
      if (!text.empty() && text.find_first_of("einf") == std::string_view::npos && significant_digits(text) <= 12) {
        const bool has_point = text.find('.') != std::string_view::npos;
        spans_[first_span + read_columns_[k]] = {batch.text.size(), text.size() + (has_point ? 0 : 2)};
        batch.text.append(text);
        if (!has_point) batch.text.append(".0");
        batch.text.push_back('\n');
        continue;
      }
    }
    // Other reals (an exponent, NaN, infinities) and text keep SQLite's own rendering.
    const unsigned char* p = sqlite3_value_text(cell);
    size_t n = static_cast<size_t>(sqlite3_value_bytes(cell));
    if (!p) {
      error_ = sqlite_errors::read_failed(path_, sqlite3_errmsg(db_));
      return false;
    }
    spans_[first_span + read_columns_[k]] = {batch.text.size(), n};
    batch.text.append(reinterpret_cast<const char*>(p), n);
    batch.text.push_back('\n');
  }
  const auto* text = reinterpret_cast<const unsigned char*>(batch.text.data());
  if (check_text(text + row_start, batch.text.size() - row_start) == TextCheck::kOk) return true;
  for (size_t column : read_columns_) {  // name the column
    auto [offset, n] = spans_[first_span + column];
    TextCheck check = check_text(text + offset, n);
    if (check == TextCheck::kOk) continue;
    reason = check == TextCheck::kNul ? sqlite_errors::column_has_nul(column + 1, header_[column])
                                      : sqlite_errors::column_not_utf8(column + 1, header_[column]);
    return false;
  }
  return true;  // not reached: a row that fails has a cell that fails
}

void SqliteSource::project(const std::vector<bool>& columns) {
  // Only a table or view read by name is narrowed; a --query runs as the analyst wrote it.
  if (from_.empty() || rows_read_ > 0 || columns.size() != header_.size()) return;
  std::vector<size_t> wanted;
  std::string list;
  for (size_t c = 0; c < columns.size(); ++c)
    if (columns[c]) {
      wanted.push_back(c);
      list += (list.empty() ? "" : ", ") + sql_text::quote_identifier(header_[c]);
    }
  if (wanted.size() == header_.size() || wanted.empty()) return;
  std::string sql = by_rowid_ ? fmt::format("SELECT {}, {} FROM {}", rowid_alias_, list, from_)
                              : fmt::format("SELECT {} FROM {}", list, from_);
  sqlite3_stmt* narrowed = nullptr;
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &narrowed, nullptr) != SQLITE_OK) {
    sqlite3_finalize(narrowed);
    return;  // keep reading every column
  }
  sqlite3_finalize(stmt_);
  stmt_ = narrowed;
  read_columns_ = std::move(wanted);
  if (by_rowid_) {
    std::string full = fmt::format("SELECT * FROM {} WHERE {} = ?", from_, rowid_alias_);
    if (sqlite3_prepare_v2(db_, full.c_str(), -1, &full_row_, nullptr) != SQLITE_OK) {
      sqlite3_finalize(full_row_);
      full_row_ = nullptr;
    }
  }
}

// The rejected row as well as it can be shown: values joined by commas, with bytes that are not
// UTF-8 replaced by U+FFFD and NUL shown as \0.
std::string SqliteSource::recover_row_text(uint64_t location) {
  // A projected scan read only some columns: the row is read again whole for the reject file.
  sqlite3_stmt* st = stmt_;
  int first = first_column_;
  if (full_row_ && sqlite3_bind_int64(full_row_, 1, static_cast<sqlite3_int64>(location)) == SQLITE_OK &&
      sqlite3_step(full_row_) == SQLITE_ROW) {
    st = full_row_;
    first = 0;
  }
  std::string out;
  for (int c = first; c < sqlite3_column_count(st); ++c) {
    if (c > first) out += ',';
    const char* p = reinterpret_cast<const char*>(sqlite3_column_text(st, c));
    std::string_view value(p ? p : "", p ? static_cast<size_t>(sqlite3_column_bytes(st, c)) : 0);
    size_t i = 0;
    while (i < value.size()) {
      if (value[i] == '\0') { out += "\\0"; ++i; continue; }
      append_utf8(out, next_code_point(value, i));
    }
  }
  if (full_row_) sqlite3_reset(full_row_);
  return out;
}

bool SqliteSource::next_batch(RowBatch& batch) {
  batch.clear();
  batch.columns = header_.size();
  spans_.clear();
  while (!done_ && batch.locations.size() < RowBatch::kTargetRows) {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_DONE) { done_ = true; break; }
    if (rc != SQLITE_ROW) {
      // Rows already in this batch are still delivered; the next call reports the end. The error
      // says where reading stopped: after which row (rowid when the table has one), and how many
      // rows were read before it.
      error_ = error_for(sqlite3_extended_errcode(db_), db_, path_);
      if (rows_read_ > 0)
        error_ += fmt::format("（在第 {} 行{}之后中断，此前的行已评估）", rows_read_,
                              by_rowid_ ? fmt::format("、rowid {} ", last_rowid_) : std::string(" "));
      else
        error_ += "（未能读出任何行）";
      done_ = true;
      break;
    }
    ++rows_read_;
    ++ordinal_;
    uint64_t location = by_rowid_ ? static_cast<uint64_t>(sqlite3_column_int64(stmt_, 0)) : ordinal_;
    last_rowid_ = static_cast<int64_t>(location);
    size_t text_mark = batch.text.size();
    size_t span_mark = spans_.size();
    std::string reason;
    if (append_row(batch, reason)) {
      batch.locations.push_back(location);
      continue;
    }
    batch.text.resize(text_mark);
    spans_.resize(span_mark);
    if (!error_.empty()) { done_ = true; break; }
    ++rows_rejected_;
    if (on_reject_) on_reject_(RejectedRow{name_, location, std::move(reason), recover_row_text(location)});
  }
  batch.fields.reserve(spans_.size());
  for (const auto& [offset, length] : spans_) batch.fields.emplace_back(batch.text.data() + offset, length);
  return !batch.locations.empty();
}

}  // namespace

std::unique_ptr<RowSource> open_sqlite(const std::string& path, const SqliteOptions& options, std::string& error) {
  return SqliteSource::open(path, options, error);
}

}  // namespace xianjie
