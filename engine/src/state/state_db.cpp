// Statements, the schema of the state file, and the wording of its messages (state_db.h).
#include "state/state_db.h"

#include <ctime>

#include <fmt/format.h>

namespace xianjie::state_detail {

// Schema version 1. Scan times are joined from `scans`; nothing is stored twice. The text of a
// finding (the jsonl object as last seen, with an empty "source": the source is findings.source)
// has a table of its own, so that the small per-scan updates of `findings` do not rewrite it. The
// audit log is append-only: triggers refuse to change or delete an entry, so that a history printed by
// `xianjie review --history` is the history that happened (as far as this tool is concerned; the
// file itself is no more tamper-proof than any other file the office keeps).
static constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE scans (
  id           INTEGER PRIMARY KEY,
  started_at   TEXT NOT NULL,
  finished_at  TEXT NOT NULL,
  tool_version TEXT NOT NULL,
  inputs       TEXT NOT NULL,
  rules        INTEGER NOT NULL,
  rows_read    INTEGER NOT NULL,
  findings     INTEGER NOT NULL,
  new_findings INTEGER NOT NULL,
  unchanged    INTEGER NOT NULL,
  changed      INTEGER NOT NULL,
  disappeared  INTEGER NOT NULL,
  reopened     INTEGER NOT NULL
);

CREATE TABLE findings (
  fingerprint     TEXT PRIMARY KEY CHECK (length(fingerprint) = 32),
  rule_id         TEXT NOT NULL,
  case_id         TEXT NOT NULL,
  source          TEXT NOT NULL,
  agency          TEXT NOT NULL,
  party_name      TEXT NOT NULL,
  party_type      TEXT NOT NULL,
  offense         TEXT NOT NULL,
  severity        TEXT NOT NULL,
  evidence_digest TEXT NOT NULL,
  occurrences     INTEGER NOT NULL,
  status          TEXT NOT NULL DEFAULT 'open'
                  CHECK (status IN ('open', 'confirmed', 'transferred', 'dismissed', 'investigating')),
  status_reason   TEXT NOT NULL DEFAULT '',
  status_by       TEXT NOT NULL DEFAULT '',
  status_at       TEXT NOT NULL DEFAULT '',
  present         INTEGER NOT NULL CHECK (present IN (0, 1)),
  first_seen_scan INTEGER NOT NULL REFERENCES scans (id),
  last_seen_scan  INTEGER NOT NULL REFERENCES scans (id),
  note            TEXT NOT NULL DEFAULT '',
  json_hash       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX findings_by_status ON findings (status);

CREATE TABLE finding_json (
  fingerprint TEXT PRIMARY KEY REFERENCES findings (fingerprint),
  json        TEXT NOT NULL
);

CREATE TABLE audit (
  id          INTEGER PRIMARY KEY,
  fingerprint TEXT NOT NULL REFERENCES findings (fingerprint),
  at          TEXT NOT NULL,
  actor       TEXT NOT NULL,
  old_status  TEXT,
  new_status  TEXT NOT NULL,
  reason      TEXT NOT NULL,
  scan_id     INTEGER REFERENCES scans (id)
);
CREATE INDEX audit_by_fingerprint ON audit (fingerprint, id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
)sql";

void fail(sqlite3* db, int rc, std::string_view doing) {
  const char* msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  throw DbFailure(rc, fmt::format("{}: {}", doing, msg ? msg : sqlite3_errstr(rc)));
}

void exec(sqlite3* db, const char* sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db, sql, nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    throw DbFailure(rc, msg);
  }
}

Stmt::Stmt(sqlite3* db, std::string_view sql) : db_(db) {
  int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr);
  if (rc != SQLITE_OK) fail(db, rc, "prepare");
}

Stmt::~Stmt() { sqlite3_finalize(stmt_); }

Stmt& Stmt::bind(int index, std::string_view text) {
  int rc = sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK) fail(db_, rc, "bind");
  return *this;
}

Stmt& Stmt::bind(int index, int64_t n) {
  int rc = sqlite3_bind_int64(stmt_, index, n);
  if (rc != SQLITE_OK) fail(db_, rc, "bind");
  return *this;
}

Stmt& Stmt::bind_null(int index) {
  int rc = sqlite3_bind_null(stmt_, index);
  if (rc != SQLITE_OK) fail(db_, rc, "bind");
  return *this;
}

bool Stmt::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  sqlite3_reset(stmt_);
  fail(db_, rc, "step");
}

void Stmt::run() {
  while (step()) {}
  reset();
}

void Stmt::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::string Stmt::text(int column) const {
  const unsigned char* p = sqlite3_column_text(stmt_, column);
  int n = sqlite3_column_bytes(stmt_, column);
  return p ? std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(n)) : std::string();
}

int64_t Stmt::integer(int column) const { return sqlite3_column_int64(stmt_, column); }

bool Stmt::is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

std::string now_iso8601() {
  std::time_t t = std::time(nullptr);
  std::tm local{};
  localtime_r(&t, &local);
  char buf[40];
  size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S%z", &local);
  std::string out(buf, n);
  // strftime's %z is "+0800"; ISO 8601's extended format wants "+08:00".
  if (out.size() >= 5 && (out[out.size() - 5] == '+' || out[out.size() - 5] == '-')) out.insert(out.size() - 2, ":");
  return out;
}

void create_schema(sqlite3* db, std::string_view tool_version) {
  exec(db, kSchemaV1);
  exec(db, fmt::format("PRAGMA application_id = {}", kApplicationId).c_str());
  Stmt meta(db, "INSERT INTO meta (key, value) VALUES (?, ?)");
  const std::string now = now_iso8601();
  const std::pair<std::string_view, std::string> rows[] = {
      {"application", "xianjie-state"},
      {"schema_version", std::to_string(kStateSchemaVersion)},
      {"created_at", now},
      {"created_by", "xianjie " + std::string(tool_version)},
      {"last_scan", "0"},
  };
  for (const auto& [key, value] : rows) meta.bind(1, key).bind(2, value).run();
}

ReviewStatus status_from_db(const std::string& name) {
  if (auto s = parse_review_status(name)) return *s;
  throw DbFailure(SQLITE_CORRUPT, "unknown status '" + name + "'");
}

namespace messages {

std::string missing(std::string_view path) {
  return fmt::format("找不到状态文件 {}；状态文件由 xianjie scan --state {} 第一次扫描时建立", path, path);
}

std::string not_a_regular_file(std::string_view path) {
  return fmt::format("{} 不是普通文件（是目录或设备），不能用作状态文件", path);
}

std::string not_a_database(std::string_view path) {
  return fmt::format("{} 不是 SQLite 数据库（file is not a database），不能用作状态文件；"
                     "请指定一个新的文件名（如 线索状态.db），扫描时会自动建立",
                     path);
}

std::string empty_database(std::string_view path) {
  return fmt::format("{} 是空的数据库，还没有记录过扫描；先用 xianjie scan … --state {} 扫描一次", path, path);
}

std::string foreign_database(std::string_view path, const std::vector<std::string>& tables) {
  std::string names;
  for (size_t i = 0; i < tables.size() && i < 8; ++i) names += (i ? ", " : "") + tables[i];
  if (tables.size() > 8) names += fmt::format(" 等 {} 个", tables.size());
  return fmt::format("{} 是 SQLite 数据库，但不是 xianjie 的状态文件（其中的表: {}）；为免改动其他数据，"
                     "不会向其中写入。请为 --state 指定一个新的文件名",
                     path, names);
}

std::string newer_schema(std::string_view path, int64_t version) {
  return fmt::format("状态文件 {} 的格式版本为 {}，由较新版本的 xianjie 写入；本程序只支持到版本 {}。"
                     "请升级 xianjie 后再使用该文件（文件未被改动）",
                     path, version, kStateSchemaVersion);
}

std::string bad_schema(std::string_view path, std::string_view detail) {
  return fmt::format("状态文件 {} 的格式信息有误（{}）；文件可能已损坏或被手工修改，未作改动", path, detail);
}

std::string locked(std::string_view path) {
  return fmt::format("状态文件 {} 正被另一个 xianjie 进程写入（database is locked），等待 {} 秒后仍未释放；"
                     "请等它结束后重试",
                     path, kBusyTimeoutMs / 1000);
}

std::string read_only(std::string_view path) {
  return fmt::format("状态文件 {} 不可写（只读文件或目录无写权限）；请检查权限，或指定另一个文件", path);
}

std::string conflict(std::string_view path, uint64_t expected, uint64_t found) {
  return fmt::format("本次扫描期间另一次扫描已写入状态文件 {}（开始时最后一次扫描为第 {} 次，现为第 {} 次）；"
                     "本次结果未写入状态文件，报告中的新增/变化是相对第 {} 次扫描而言的。请重新扫描",
                     path, expected, found, expected);
}

std::string failure(std::string_view path, std::string_view sqlite_message) {
  return fmt::format("读写状态文件 {} 时出错（{}）；状态文件保持原样", path, sqlite_message);
}

std::string not_found(std::string_view fingerprint) {
  return fmt::format("状态文件中没有指纹为 {} 的线索；可用 xianjie review --state 文件 --list 查看", fingerprint);
}

std::string too_short(std::string_view fingerprint) {
  return fmt::format("指纹 {} 太短：至少须给出前 8 位（完整指纹为 32 位十六进制数）", fingerprint);
}

std::string not_hex(std::string_view fingerprint) {
  return fmt::format("“{}”不是指纹：指纹由 0–9、a–f 组成（32 位，可只给前 8 位以上）", fingerprint);
}

std::string ambiguous(std::string_view fingerprint, const std::vector<std::string>& candidates) {
  std::string list;
  for (const auto& c : candidates) list += (list.empty() ? "" : ", ") + c;
  return fmt::format("指纹前缀 {} 对应多条线索（{}）；请多给几位", fingerprint, list);
}

std::string no_reviewer() { return "须用 --reviewer 给出审查人姓名（记入审计记录）"; }

}  // namespace messages

StateError error_from(const DbFailure& f, std::string_view path) {
  StateError e;
  switch (f.rc & 0xFF) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      e.kind = StateError::Kind::kLocked;
      e.message = messages::locked(path);
      break;
    case SQLITE_NOTADB:
      e.kind = StateError::Kind::kNotADatabase;
      e.message = messages::not_a_database(path);
      break;
    default:
      e.kind = StateError::Kind::kIo;
      e.message = messages::failure(path, f.what());
  }
  return e;
}

}  // namespace xianjie::state_detail
