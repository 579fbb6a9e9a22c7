// Opening and checking a state file, and the review operations on it: look-up by fingerprint,
// lists, the audit history, and status changes.
//
// A file is written to only once it is known to be a state file of a schema this build knows:
// a SQLite database of someone else's (the case export given as --state by mistake) or a newer
// xianjie's is refused before any write, so it is never altered.
#include <filesystem>
#include <map>

#include <fmt/format.h>

#include "common/text.h"
#include "report/json_writer.h"
#include "state/state_db.h"
#include "state/store_impl.h"

namespace xianjie {

using state_detail::DbFailure;
using state_detail::exec;
using state_detail::Stmt;
namespace messages = state_detail::messages;

namespace {

StateError make_error(StateError::Kind kind, std::string message) {
  StateError e;
  e.kind = kind;
  e.message = std::move(message);
  return e;
}

// Rolls back the connection's open transaction, if any; used on the way out of a failure.
void rollback_quietly(sqlite3* db) {
  if (db && !sqlite3_get_autocommit(db)) sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
}

std::vector<std::string> user_tables(sqlite3* db) {
  std::vector<std::string> out;
  Stmt s(db, "SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name");
  while (s.step()) out.push_back(s.text(0));
  return out;
}

// Checks that the database holds xianjie's schema in a version this build reads; the error
// otherwise. Reads only.
StateError check_schema(sqlite3* db, const std::string& path, const std::vector<std::string>& tables) {
  bool has_meta = false;
  for (const auto& t : tables) has_meta = has_meta || t == "meta";
  if (!has_meta) return make_error(StateError::Kind::kNotAStateFile, messages::foreign_database(path, tables));
  std::map<std::string, std::string> meta;
  try {
    Stmt s(db, "SELECT key, value FROM meta");
    while (s.step()) meta[s.text(0)] = s.text(1);
  } catch (const DbFailure&) {
    // A table called meta with other columns: someone else's database.
    return make_error(StateError::Kind::kNotAStateFile, messages::foreign_database(path, tables));
  }
  if (meta["application"] != "xianjie-state")
    return make_error(StateError::Kind::kNotAStateFile, messages::foreign_database(path, tables));
  const std::string& v = meta["schema_version"];
  int64_t version = 0;
  bool numeric = !v.empty() && v.size() <= 9 && v.find_first_not_of("0123456789") == std::string::npos;
  if (numeric) version = std::stoll(v);
  if (!numeric || version < 1)
    return make_error(StateError::Kind::kNotAStateFile, messages::bad_schema(path, "schema_version = '" + v + "'"));
  if (version > kStateSchemaVersion) return make_error(StateError::Kind::kNewerSchema, messages::newer_schema(path, version));
  return {};
}

bool is_hex(std::string_view s) { return s.find_first_not_of("0123456789abcdef") == std::string_view::npos; }

constexpr const char* kFindingColumns =
    "f.fingerprint, f.rule_id, f.case_id, f.source, f.agency, f.party_name, f.party_type, f.offense, f.severity, "
    "f.evidence_digest, f.occurrences, f.status, f.status_reason, f.status_by, f.status_at, f.present, "
    "f.first_seen_scan, s1.started_at, f.last_seen_scan, s2.started_at, f.note";
constexpr const char* kFindingJoins =
    " FROM findings f JOIN scans s1 ON s1.id = f.first_seen_scan JOIN scans s2 ON s2.id = f.last_seen_scan";

StoredFinding read_finding(const Stmt& s) {
  StoredFinding f;
  f.fingerprint = s.text(0);
  f.rule_id = s.text(1);
  f.case_id = s.text(2);
  f.source = s.text(3);
  f.agency = s.text(4);
  f.party_name = s.text(5);
  f.party_type = s.text(6);
  f.offense = s.text(7);
  f.severity = s.text(8);
  f.evidence_digest = s.text(9);
  f.occurrences = static_cast<uint64_t>(s.integer(10));
  f.status = state_detail::status_from_db(s.text(11));
  f.status_reason = s.text(12);
  f.status_by = s.text(13);
  f.status_at = s.text(14);
  f.present = s.integer(15) != 0;
  f.first_seen_scan = static_cast<uint64_t>(s.integer(16));
  f.first_seen_at = s.text(17);
  f.last_seen_scan = static_cast<uint64_t>(s.integer(18));
  f.last_seen_at = s.text(19);
  f.note = s.text(20);
  return f;
}

// The stored text has "source":"" (state_scan.cpp); the source goes back in here. The pattern
// cannot occur inside an earlier string value: a quote in a value is written as \".
std::string with_source(const std::string& json, const std::string& source) {
  static constexpr std::string_view kEmpty = ",\"source\":\"\",";
  size_t at = json.find(kEmpty);
  if (at == std::string::npos) return json;
  std::string value;
  append_json_string(value, source);
  return json.substr(0, at) + ",\"source\":" + value + "," + json.substr(at + kEmpty.size());
}

}  // namespace

StateStore::StateStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
StateStore::~StateStore() = default;

const std::string& StateStore::path() const { return impl_->path; }

std::unique_ptr<StateStore> StateStore::open(const std::string& path, OpenMode mode, StateError& error,
                                             std::string_view tool_version) {
  namespace fs = std::filesystem;
  error = {};
  if (path.empty()) {
    error = make_error(StateError::Kind::kInvalid, "未指定状态文件（--state 文件名）");
    return nullptr;
  }
  std::error_code ec;
  auto status = fs::status(path, ec);
  const bool exists = fs::exists(status);
  if (exists && !fs::is_regular_file(status)) {
    error = make_error(StateError::Kind::kNotAStateFile, messages::not_a_regular_file(path));
    return nullptr;
  }
  if (!exists && mode == OpenMode::kExisting) {
    error = make_error(StateError::Kind::kMissing, messages::missing(path));
    return nullptr;
  }
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  // ":memory:" is a special name to SQLite; a file of that name must be opened as a file.
  std::string open_path = path == ":memory:" ? "./" + path : path;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (mode == OpenMode::kCreate ? SQLITE_OPEN_CREATE : 0);
  int rc = sqlite3_open_v2(open_path.c_str(), &impl->db, flags, nullptr);
  if (rc != SQLITE_OK) {
    error = make_error(StateError::Kind::kIo, messages::failure(path, impl->db ? sqlite3_errmsg(impl->db) : sqlite3_errstr(rc)));
    return nullptr;
  }
  sqlite3* db = impl->db;
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, state_detail::kBusyTimeoutMs);
  try {
    // SQLite falls back to read-only for a write-protected file; a scan would only find out when
    // it records itself, after all its work. (Reading is enough for review --list.)
    const bool read_only = sqlite3_db_readonly(db, "main") == 1;
    auto tables = user_tables(db);
    if (tables.empty() && mode == OpenMode::kCreate && read_only) {
      error = make_error(StateError::Kind::kIo, messages::read_only(path));
      return nullptr;
    }
    if (tables.empty()) {
      if (mode == OpenMode::kExisting) {
        error = make_error(StateError::Kind::kNotAStateFile, messages::empty_database(path));
        return nullptr;
      }
      // Initialise under the write lock: another scan may be creating the same file.
      exec(db, "BEGIN IMMEDIATE");
      if (user_tables(db).empty()) state_detail::create_schema(db, tool_version);
      exec(db, "COMMIT");
      tables = user_tables(db);
    }
    error = check_schema(db, path, tables);
    if (error) return nullptr;
    if (mode == OpenMode::kCreate && read_only) {
      error = make_error(StateError::Kind::kIo, messages::read_only(path));
      return nullptr;
    }
    exec(db, "PRAGMA foreign_keys = ON");
    // The default rollback journal (not WAL) keeps the state one file that can live on a network
    // share; FULL makes every commit durable before it returns.
    exec(db, "PRAGMA synchronous = FULL");
  } catch (const DbFailure& f) {
    rollback_quietly(db);
    error = state_detail::error_from(f, path);
    return nullptr;
  }
  return std::unique_ptr<StateStore>(new StateStore(std::move(impl)));
}

std::optional<std::string> StateStore::resolve(std::string_view fingerprint, StateError& error) {
  error = {};
  std::string key(trim(fingerprint));
  for (char& c : key)
    if (c >= 'A' && c <= 'F') c = static_cast<char>(c - 'A' + 'a');
  if (!is_hex(key) || key.size() > 32) {
    error = make_error(StateError::Kind::kInvalid, messages::not_hex(fingerprint));
    return std::nullopt;
  }
  if (key.size() < 8) {
    error = make_error(StateError::Kind::kInvalid, messages::too_short(fingerprint));
    return std::nullopt;
  }
  try {
    // Every fingerprint character sorts below '~', so [key, key + "~") holds exactly the
    // fingerprints that start with key, and the primary-key index finds them.
    Stmt s(impl_->db, "SELECT fingerprint FROM findings WHERE fingerprint >= ?1 AND fingerprint < ?2 ORDER BY fingerprint LIMIT 6");
    s.bind(1, key).bind(2, key + "~");
    std::vector<std::string> found;
    while (s.step()) found.push_back(s.text(0));
    if (found.empty()) {
      error = make_error(StateError::Kind::kNotFound, messages::not_found(fingerprint));
      return std::nullopt;
    }
    if (found.size() > 1) {
      error = make_error(StateError::Kind::kAmbiguous, messages::ambiguous(fingerprint, found));
      return std::nullopt;
    }
    return found[0];
  } catch (const DbFailure& f) {
    error = state_detail::error_from(f, impl_->path);
    return std::nullopt;
  }
}

std::optional<StoredFinding> StateStore::get(std::string_view fingerprint, StateError& error) {
  auto fp = resolve(fingerprint, error);
  if (!fp) return std::nullopt;
  try {
    Stmt s(impl_->db, fmt::format("SELECT {}, j.json{} LEFT JOIN finding_json j ON j.fingerprint = f.fingerprint "
                                  "WHERE f.fingerprint = ?",
                                  kFindingColumns, kFindingJoins));
    s.bind(1, *fp);
    if (!s.step()) {
      error = make_error(StateError::Kind::kNotFound, messages::not_found(fingerprint));
      return std::nullopt;
    }
    StoredFinding f = read_finding(s);
    f.finding_json = with_source(s.text(21), f.source);
    return f;
  } catch (const DbFailure& f) {
    error = state_detail::error_from(f, impl_->path);
    return std::nullopt;
  }
}

std::vector<StoredFinding> StateStore::list(std::optional<ReviewStatus> status, StateError& error) {
  error = {};
  std::vector<StoredFinding> out;
  try {
    Stmt s(impl_->db, fmt::format("SELECT {}{}{} ORDER BY f.present DESC, f.rule_id, f.case_id, f.fingerprint",
                                  kFindingColumns, kFindingJoins, status ? " WHERE f.status = ?" : ""));
    if (status) s.bind(1, review_status_name(*status));
    while (s.step()) out.push_back(read_finding(s));
  } catch (const DbFailure& f) {
    error = state_detail::error_from(f, impl_->path);
    out.clear();
  }
  return out;
}

std::vector<AuditEntry> StateStore::history(std::string_view fingerprint, StateError& error) {
  std::vector<AuditEntry> out;
  auto fp = resolve(fingerprint, error);
  if (!fp) return out;
  try {
    Stmt s(impl_->db,
           "SELECT id, fingerprint, at, actor, old_status, new_status, reason, scan_id FROM audit "
           "WHERE fingerprint = ? ORDER BY id");
    s.bind(1, *fp);
    while (s.step()) {
      AuditEntry e;
      e.id = static_cast<uint64_t>(s.integer(0));
      e.fingerprint = s.text(1);
      e.at = s.text(2);
      e.actor = s.text(3);
      if (!s.is_null(4)) e.old_status = state_detail::status_from_db(s.text(4));
      e.new_status = state_detail::status_from_db(s.text(5));
      e.reason = s.text(6);
      if (!s.is_null(7)) e.scan_id = static_cast<uint64_t>(s.integer(7));
      out.push_back(std::move(e));
    }
  } catch (const DbFailure& f) {
    error = state_detail::error_from(f, impl_->path);
    out.clear();
  }
  return out;
}

std::vector<ScanRecord> StateStore::scans(StateError& error) {
  error = {};
  std::vector<ScanRecord> out;
  try {
    Stmt s(impl_->db,
           "SELECT id, started_at, finished_at, tool_version, inputs, rules, rows_read, findings, new_findings, "
           "unchanged, changed, disappeared, reopened FROM scans ORDER BY id");
    while (s.step()) {
      ScanRecord r;
      r.id = static_cast<uint64_t>(s.integer(0));
      r.started_at = s.text(1);
      r.finished_at = s.text(2);
      r.tool_version = s.text(3);
      r.inputs_json = s.text(4);
      r.rules = static_cast<uint64_t>(s.integer(5));
      r.rows_read = static_cast<uint64_t>(s.integer(6));
      r.findings = static_cast<uint64_t>(s.integer(7));
      r.new_findings = static_cast<uint64_t>(s.integer(8));
      r.unchanged = static_cast<uint64_t>(s.integer(9));
      r.changed = static_cast<uint64_t>(s.integer(10));
      r.disappeared = static_cast<uint64_t>(s.integer(11));
      r.reopened = static_cast<uint64_t>(s.integer(12));
      out.push_back(std::move(r));
    }
  } catch (const DbFailure& f) {
    error = state_detail::error_from(f, impl_->path);
    out.clear();
  }
  return out;
}

std::optional<AuditEntry> StateStore::set_status(std::string_view fingerprint, ReviewStatus status,
                                                 std::string_view reason, std::string_view reviewer, StateError& error) {
  error = {};
  std::string who(trim(reviewer));
  if (who.empty()) {
    error = make_error(StateError::Kind::kInvalid, messages::no_reviewer());
    return std::nullopt;
  }
  std::string why(trim(reason));
  if (status == ReviewStatus::kDismissed) {
    std::string problem;
    auto checked = check_dismissal_reason(reason, problem);
    if (!checked) {
      error = make_error(StateError::Kind::kInvalid, problem);
      return std::nullopt;
    }
    why = *checked;
  }
  sqlite3* db = impl_->db;
  try {
    // The write lock first, so that the status read below is the one replaced.
    exec(db, "BEGIN IMMEDIATE");
    auto fp = resolve(fingerprint, error);
    if (!fp) {
      rollback_quietly(db);
      return std::nullopt;
    }
    AuditEntry e;
    e.fingerprint = *fp;
    e.at = state_detail::now_iso8601();
    e.actor = who;
    e.new_status = status;
    e.reason = why;
    {
      Stmt s(db, "SELECT status FROM findings WHERE fingerprint = ?");
      s.bind(1, *fp);
      if (s.step()) e.old_status = state_detail::status_from_db(s.text(0));
    }
    Stmt update(db, "UPDATE findings SET status = ?, status_reason = ?, status_by = ?, status_at = ? WHERE fingerprint = ?");
    update.bind(1, review_status_name(status)).bind(2, why).bind(3, who).bind(4, e.at).bind(5, *fp).run();
    Stmt audit(db,
               "INSERT INTO audit (fingerprint, at, actor, old_status, new_status, reason, scan_id) "
               "VALUES (?, ?, ?, ?, ?, ?, NULL)");
    audit.bind(1, *fp).bind(2, e.at).bind(3, who);
    if (e.old_status) audit.bind(4, review_status_name(*e.old_status));
    else audit.bind_null(4);
    audit.bind(5, review_status_name(status)).bind(6, why).run();
    e.id = static_cast<uint64_t>(sqlite3_last_insert_rowid(db));
    exec(db, "COMMIT");
    return e;
  } catch (const DbFailure& f) {
    rollback_quietly(db);
    error = state_detail::error_from(f, impl_->path);
    return std::nullopt;
  }
}

}  // namespace xianjie
