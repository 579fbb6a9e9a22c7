// The SQLite plumbing of the state file: statements, transactions, the schema, and the wording of
// every message about the file.
//
// SQLite failures inside an operation (a full disk, an I/O error, a lock that outlasts the busy
// timeout) are system failures, not user mistakes: the helpers throw DbFailure, and every public
// entry point of StateStore / StateScan catches it and turns it into a StateError with a message.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "xianjie/state.h"

namespace xianjie::state_detail {

// How long a state operation waits for another process's write lock (a scan commits in well
// under this; a review in milliseconds).
inline constexpr int kBusyTimeoutMs = 10000;

// A stored `application_id` (PRAGMA application_id) that marks a xianjie state file: "XJST".
inline constexpr int32_t kApplicationId = 0x584A5354;

struct DbFailure : std::runtime_error {
  DbFailure(int code, const std::string& what) : std::runtime_error(what), rc(code) {}
  int rc;
};

// Throws DbFailure with SQLite's message for `rc`.
[[noreturn]] void fail(sqlite3* db, int rc, std::string_view doing);

// Runs SQL without results (several statements allowed).
void exec(sqlite3* db, const char* sql);

// A prepared statement, finalised on destruction.
class Stmt {
 public:
  Stmt(sqlite3* db, std::string_view sql);
  ~Stmt();
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  Stmt& bind(int index, std::string_view text);  // 1-based, as in SQLite
  Stmt& bind(int index, int64_t n);
  Stmt& bind_null(int index);
  // True when a row is ready, false when done; throws on error.
  bool step();
  // Steps a statement that returns no rows and resets it for the next binding.
  void run();
  void reset();

  std::string text(int column) const;
  int64_t integer(int column) const;
  bool is_null(int column) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// The wall-clock time as ISO 8601 with the UTC offset, "2025-03-04T10:22:33+08:00". Scan and
// review times are metadata only; no legal period is ever computed from them.
std::string now_iso8601();

// Creates the tables of schema version kStateSchemaVersion and the meta rows, inside the
// caller's transaction.
void create_schema(sqlite3* db, std::string_view tool_version);

// The status stored for a name; throws DbFailure for a name this version does not know (a
// CHECK constraint prevents it, so it means a damaged or hand-edited file).
ReviewStatus status_from_db(const std::string& name);

namespace messages {

std::string missing(std::string_view path);
std::string not_a_regular_file(std::string_view path);
std::string not_a_database(std::string_view path);
std::string empty_database(std::string_view path);
std::string foreign_database(std::string_view path, const std::vector<std::string>& tables);
std::string newer_schema(std::string_view path, int64_t version);
std::string bad_schema(std::string_view path, std::string_view detail);
std::string locked(std::string_view path);
std::string read_only(std::string_view path);
std::string conflict(std::string_view path, uint64_t expected, uint64_t found);
std::string failure(std::string_view path, std::string_view sqlite_message);
std::string not_found(std::string_view fingerprint);
std::string too_short(std::string_view fingerprint);
std::string not_hex(std::string_view fingerprint);
std::string ambiguous(std::string_view fingerprint, const std::vector<std::string>& candidates);
std::string no_reviewer();

}  // namespace messages

// The StateError for a DbFailure on the file at `path`.
StateError error_from(const DbFailure& f, std::string_view path);

}  // namespace xianjie::state_detail
