// StateScan: compares a running scan with the state file and records it (xianjie/state.h).
//
// Three phases, so that the state file is written in one short transaction however long the scan:
// 1. start(): one read of the previous state (fingerprint → digests, status, present) into memory,
//    and a private temporary database (SQLite's "" file name: deleted when closed, or by the OS
//    when the process dies) for what the scan finds. The state file is not locked while the scan
//    runs, so `xianjie review` can be used meanwhile.
// 2. finding(): fingerprint, digest, compare, annotate, pass on; the finding's JSON is staged.
//    Memory holds one small entry per fingerprint; the findings themselves are on disk.
// 3. end(): BEGIN IMMEDIATE on the state file; refuse if another scan recorded itself since
//    start(); merge the staged findings; reopen dismissed findings whose evidence changed; mark
//    the ones that are gone; report those to the printer; pass the summary on. commit() follows
//    once the report is written, so that a report cut short never leaves a state that claims
//    its findings were already reported.
#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "report/json_objects.h"
#include "report/json_writer.h"
#include "state/sha256.h"
#include "state/state_db.h"
#include "state/store_impl.h"

namespace xianjie {

using state_detail::DbFailure;
using state_detail::exec;
using state_detail::Stmt;

namespace {

// The previous state of one fingerprint.
struct Previous {
  std::string digests;  // comma-separated, as stored
  ReviewStatus status = ReviewStatus::kOpen;
  std::string status_reason;
  bool present = false;
  uint64_t last_seen_scan = 0;
  std::string json_hash;  // of the stored text of the finding
};

// What this scan found under one fingerprint.
struct Seen {
  bool is_new = false;
  bool changed = false;  // an occurrence with a digest the previous scan did not have
  bool reopen = false;   // dismissed before, evidence changed
  bool hidden = false;   // left out of the report (--hide-dismissed)
  ReviewStatus status = ReviewStatus::kOpen;
  std::vector<std::string> digests;  // distinct, in order of appearance
  std::string note;
};

bool has_digest(const std::string& list, const std::string& digest) {
  size_t pos = 0;
  while (pos <= list.size()) {
    size_t end = list.find(',', pos);
    if (end == std::string::npos) end = list.size();
    if (list.compare(pos, end - pos, digest) == 0) return true;
    pos = end + 1;
  }
  return false;
}

std::string join_sorted(std::vector<std::string> digests) {
  std::sort(digests.begin(), digests.end());
  digests.erase(std::unique(digests.begin(), digests.end()), digests.end());
  std::string out;
  for (const auto& d : digests) out += (out.empty() ? "" : ",") + d;
  return out;
}

constexpr const char* kStagingSchema = R"sql(
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
CREATE TABLE staged (
  seq INTEGER PRIMARY KEY, fingerprint TEXT NOT NULL, digest TEXT NOT NULL, rule_id TEXT NOT NULL,
  case_id TEXT NOT NULL, source TEXT NOT NULL, agency TEXT NOT NULL, party_name TEXT NOT NULL,
  party_type TEXT NOT NULL, offense TEXT NOT NULL, severity TEXT NOT NULL, json_hash TEXT NOT NULL,
  json TEXT);  -- NULL: the same text as stored
BEGIN;
)sql";

struct Conflict {
  uint64_t found;
};

// meta.last_scan as a number; a damaged value is a damaged file.
uint64_t scan_number(const std::string& text) {
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos)
    throw DbFailure(SQLITE_CORRUPT, "meta.last_scan = '" + text + "'");
  return std::stoull(text);
}

}  // namespace

struct StateScan::Impl {
  sqlite3* db = nullptr;  // the state file; owned by the StateStore
  std::string path;
  FindingSink* next = nullptr;
  StateScanOptions options;
  sqlite3* staging = nullptr;
  std::unique_ptr<Stmt> stage;
  std::unordered_map<std::string, Previous> previous;
  std::unordered_map<std::string, Seen> seen;
  std::unordered_set<std::string> rules;  // the rules of this scan
  bool rules_known = false;
  uint64_t previous_scan = 0;
  std::string started_at;
  std::string json;  // reused buffer
  StateCounts counts;
  StateError error;
  bool in_transaction = false;
  bool ended = false;

  ~Impl() {
    if (in_transaction) sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    stage.reset();
    sqlite3_close_v2(staging);
  }

  void load();
  void record(const Finding& f, const std::string& fp, const std::string& digest, const Previous* prev);
  std::vector<DisappearedFinding> update(const ScanSummary& summary);
  void merge_staged(uint64_t scan_id, const std::string& now);
};

void StateScan::Impl::load() {
  {
    Stmt s(db, "SELECT value FROM meta WHERE key = 'last_scan'");
    if (s.step()) previous_scan = scan_number(s.text(0));
  }
  Stmt s(db, "SELECT fingerprint, evidence_digest, status, status_reason, present, last_seen_scan, json_hash FROM findings");
  while (s.step()) {
    Previous p;
    p.digests = s.text(1);
    p.status = state_detail::status_from_db(s.text(2));
    p.status_reason = s.text(3);
    p.present = s.integer(4) != 0;
    p.last_seen_scan = static_cast<uint64_t>(s.integer(5));
    p.json_hash = s.text(6);
    previous.emplace(s.text(0), std::move(p));
  }
  int rc = sqlite3_open_v2("", &staging, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) state_detail::fail(staging, rc, "temporary database");
  exec(staging, kStagingSchema);
  stage = std::make_unique<Stmt>(staging,
                                 "INSERT INTO staged (fingerprint, digest, rule_id, case_id, source, agency, party_name, "
                                 "party_type, offense, severity, json_hash, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
}

void StateScan::Impl::record(const Finding& f, const std::string& fp, const std::string& digest, const Previous* prev) {
  // Stored without its source, which is kept in its own column: a new export's file name or a
  // shifted line then leaves the text as it was (see merge_staged).
  Finding unplaced = f;
  unplaced.source.clear();
  json.clear();
  JsonWriter w(json);
  write_json_finding(w, unplaced, {});
  stage->bind(1, fp).bind(2, digest).bind(3, f.rule_id).bind(4, f.case_id).bind(5, f.source).bind(6, f.agency);
  stage->bind(7, f.party_name).bind(8, f.party_type).bind(9, f.offense).bind(10, severity_name(f.severity));
  // Most findings of a periodic scan are as they were: their text is neither staged nor written.
  const std::string hash = fmt::format("{:016x}", state_detail::fnv1a64(json));
  stage->bind(11, hash);
  if (prev && prev->json_hash == hash) stage->bind_null(12);
  else stage->bind(12, json);
  stage->run();
}

void StateScan::Impl::merge_staged(uint64_t scan_id, const std::string& now) {
  Stmt upsert(db, R"sql(
    INSERT INTO findings (fingerprint, rule_id, case_id, source, agency, party_name, party_type, offense, severity,
                          evidence_digest, occurrences, present, first_seen_scan, last_seen_scan, note, json_hash)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 1, ?12, ?12, ?13, ?14)
    ON CONFLICT (fingerprint) DO UPDATE SET
      rule_id = excluded.rule_id, case_id = excluded.case_id, source = excluded.source, agency = excluded.agency,
      party_name = excluded.party_name, party_type = excluded.party_type, offense = excluded.offense,
      severity = excluded.severity, evidence_digest = excluded.evidence_digest, occurrences = excluded.occurrences,
      present = 1, last_seen_scan = excluded.last_seen_scan, note = excluded.note, json_hash = excluded.json_hash)sql");
  // The finding's text is most of the file, and mostly the same from one scan to the next: it is
  // written only when it differs, so that a rescan does not rewrite (and journal) every page.
  Stmt upsert_json(db, R"sql(
    INSERT INTO finding_json (fingerprint, json) VALUES (?1, ?2)
    ON CONFLICT (fingerprint) DO UPDATE SET json = excluded.json WHERE json IS NOT excluded.json)sql");
  Stmt reopen(db,
              "UPDATE findings SET status = 'open', status_reason = '', status_by = ?1, status_at = ?2 "
              "WHERE fingerprint = ?3 AND status = 'dismissed'");
  Stmt audit(db,
             "INSERT INTO audit (fingerprint, at, actor, old_status, new_status, reason, scan_id) "
             "VALUES (?1, ?2, ?3, 'dismissed', 'open', ?4, ?5)");
  const std::string actor = fmt::format("xianjie scan #{}", scan_id);

  // Occurrences of one fingerprint are consecutive; the first in input order is kept as the
  // finding "as last seen".
  Stmt rows(staging,
            "SELECT fingerprint, digest, rule_id, case_id, source, agency, party_name, party_type, offense, severity, "
            "json_hash, json "
            "FROM staged ORDER BY fingerprint, seq");
  std::string current;
  std::string json_text;
  bool json_staged = false;
  std::vector<std::string> digests;
  int64_t occurrences = 0;
  auto flush = [&]() {
    if (current.empty()) return;
    Seen& s = seen[current];
    upsert.bind(10, join_sorted(digests)).bind(11, occurrences).bind(12, static_cast<int64_t>(scan_id)).bind(13, s.note);
    upsert.run();
    if (json_staged) upsert_json.bind(1, current).bind(2, json_text).run();
    if (s.reopen) {
      reopen.bind(1, actor).bind(2, now).bind(3, current).run();
      if (sqlite3_changes(db) == 1) {
        const Previous& p = previous[current];
        audit.bind(1, current).bind(2, now).bind(3, actor);
        audit.bind(4, fmt::format("证据已变化（证据摘要 {} → {}），自动重新打开；原排除理由：{}", p.digests,
                                  join_sorted(s.digests), p.status_reason));
        audit.bind(5, static_cast<int64_t>(scan_id)).run();
        ++counts.reopened;
      } else {
        s.reopen = false;  // a reviewer changed the status while the scan ran: theirs stands
      }
    }
  };
  while (rows.step()) {
    std::string fp = rows.text(0);
    if (fp != current) {
      flush();
      current = fp;
      digests.clear();
      occurrences = 0;
      upsert.bind(1, fp);
      for (int c = 2; c <= 9; ++c) upsert.bind(c, rows.text(c));
      upsert.bind(14, rows.text(10));
      json_staged = !rows.is_null(11);
      json_text = rows.text(11);
    }
    digests.push_back(rows.text(1));
    ++occurrences;
  }
  flush();
}

std::vector<DisappearedFinding> StateScan::Impl::update(const ScanSummary& summary) {
  exec(staging, "COMMIT");
  exec(db, "BEGIN IMMEDIATE");
  in_transaction = true;
  {
    Stmt s(db, "SELECT value FROM meta WHERE key = 'last_scan'");
    uint64_t last = s.step() ? scan_number(s.text(0)) : 0;
    if (last != previous_scan) throw Conflict{last};
  }
  const std::string now = state_detail::now_iso8601();
  std::string inputs;
  {
    JsonWriter w(inputs);
    w.begin_array();
    for (const auto& i : options.inputs) w.string(i);
    w.end_array();
  }
  Stmt scan(db,
            "INSERT INTO scans (started_at, finished_at, tool_version, inputs, rules, rows_read, findings, "
            "new_findings, unchanged, changed, disappeared, reopened) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, 0)");
  scan.bind(1, started_at).bind(2, now).bind(3, options.tool_version).bind(4, inputs);
  scan.bind(5, static_cast<int64_t>(rules.size())).bind(6, static_cast<int64_t>(summary.rows_read));
  scan.bind(7, static_cast<int64_t>(seen.size())).run();
  const auto scan_id = static_cast<uint64_t>(sqlite3_last_insert_rowid(db));
  counts.scan_id = scan_id;

  // Gone: found by the previous scan that ran their rule, not by this one.
  std::vector<DisappearedFinding> gone;
  {
    Stmt s(db,
           "SELECT f.fingerprint, f.rule_id, f.case_id, f.source, f.agency, f.party_name, f.party_type, f.offense, "
           "f.severity, f.status, f.status_reason, f.first_seen_scan, s1.started_at, f.last_seen_scan, s2.started_at "
           "FROM findings f JOIN scans s1 ON s1.id = f.first_seen_scan JOIN scans s2 ON s2.id = f.last_seen_scan "
           "WHERE f.present = 1 ORDER BY f.rule_id, f.case_id, f.fingerprint");
    while (s.step()) {
      std::string fp = s.text(0);
      if (seen.count(fp)) continue;
      std::string rule = s.text(1);
      if (rules_known && !rules.count(rule)) continue;
      DisappearedFinding d;
      d.fingerprint = std::move(fp);
      d.rule_id = std::move(rule);
      d.case_id = s.text(2);
      d.source = s.text(3);
      d.agency = s.text(4);
      d.party_name = s.text(5);
      d.party_type = s.text(6);
      d.offense = s.text(7);
      d.severity = s.text(8);
      d.status = s.text(9);
      d.status_reason = s.text(10);
      d.first_seen_scan = static_cast<uint64_t>(s.integer(11));
      d.first_seen_at = s.text(12);
      d.last_seen_scan = static_cast<uint64_t>(s.integer(13));
      d.last_seen_at = s.text(14);
      gone.push_back(std::move(d));
    }
  }
  merge_staged(scan_id, now);
  {
    Stmt mark(db, "UPDATE findings SET present = 0, note = ? WHERE fingerprint = ?");
    const std::string note = fmt::format("第 {} 次扫描未发现", scan_id);
    for (const auto& d : gone) mark.bind(1, note).bind(2, d.fingerprint).run();
  }
  for (const auto& [fp, s] : seen) {
    if (s.is_new) ++counts.new_findings;
    else if (s.changed) ++counts.changed;
    else ++counts.unchanged;
    if (s.status == ReviewStatus::kDismissed && !s.reopen) ++counts.dismissed;
    if (s.hidden) ++counts.dismissed_hidden;
  }
  counts.disappeared = gone.size();
  Stmt totals(db, "UPDATE scans SET new_findings = ?, unchanged = ?, changed = ?, disappeared = ?, reopened = ? WHERE id = ?");
  totals.bind(1, static_cast<int64_t>(counts.new_findings)).bind(2, static_cast<int64_t>(counts.unchanged));
  totals.bind(3, static_cast<int64_t>(counts.changed)).bind(4, static_cast<int64_t>(counts.disappeared));
  totals.bind(5, static_cast<int64_t>(counts.reopened)).bind(6, static_cast<int64_t>(scan_id)).run();
  Stmt last(db, "UPDATE meta SET value = ? WHERE key = 'last_scan'");
  last.bind(1, std::to_string(scan_id)).run();
  return gone;
}

StateScan::StateScan(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
StateScan::~StateScan() = default;

std::unique_ptr<StateScan> StateScan::start(StateStore& store, FindingSink& next, StateScanOptions options,
                                            StateError& error) {
  error = {};
  auto impl = std::make_unique<Impl>();
  impl->db = store.impl_->db;
  impl->path = store.impl_->path;
  impl->next = &next;
  impl->options = std::move(options);
  impl->started_at = state_detail::now_iso8601();
  impl->counts.path = impl->path;
  try {
    impl->load();
  } catch (const DbFailure& f) {
    error = state_detail::error_from(f, impl->path);
    return nullptr;
  }
  impl->counts.previous_scan_id = impl->previous_scan;
  return std::unique_ptr<StateScan>(new StateScan(std::move(impl)));
}

void StateScan::begin(const std::vector<RuleInfo>& rules) {
  for (const auto& r : rules) impl_->rules.insert(r.id);
  impl_->rules_known = true;
  impl_->next->begin(rules);
}

void StateScan::finding(const Finding& f) {
  Impl& m = *impl_;
  std::string fp = finding_fingerprint(f);
  std::string digest = evidence_digest(f);
  auto found = m.previous.find(fp);
  const Previous* prev = found == m.previous.end() ? nullptr : &found->second;
  if (!m.error) {
    try {
      m.record(f, fp, digest, prev);
    } catch (const DbFailure& e) {
      // The temporary database failed (a full /tmp): the scan and its report go on, the state
      // is not updated.
      m.error = state_detail::error_from(e, "（临时数据库）");
    }
  }
  auto [it, first] = m.seen.try_emplace(fp);
  Seen& s = it->second;
  if (first) {
    s.is_new = prev == nullptr;
    s.status = prev ? prev->status : ReviewStatus::kOpen;
    if (prev && !prev->present)
      s.note = fmt::format("上次扫描未发现此线索，本次重新出现（此前最后一次发现于第 {} 次扫描）", prev->last_seen_scan);
  }
  const bool known = prev && has_digest(prev->digests, digest);
  if (prev && !known) {
    s.changed = true;
    if (prev->status == ReviewStatus::kDismissed && !s.reopen) {
      s.reopen = true;
      s.status = ReviewStatus::kOpen;
      s.note = fmt::format("证据已变化，原已排除（{}）的线索重新打开，须重新审查", prev->status_reason);
    } else if (s.note.empty()) {
      s.note = "证据与上次扫描不同";
    }
  }
  if (std::find(s.digests.begin(), s.digests.end(), digest) == s.digests.end()) s.digests.push_back(digest);

  if (m.options.hide_dismissed && s.status == ReviewStatus::kDismissed) {
    s.hidden = true;
    return;
  }
  Finding out = f;
  FindingTracking t;
  t.fingerprint = fp;
  t.state = !prev ? "new" : known ? "unchanged" : "changed";
  t.status = std::string(review_status_name(s.status));
  if (prev && s.status == prev->status) t.status_reason = prev->status_reason;
  t.note = s.note;
  out.tracking = std::move(t);
  m.next->finding(out);
}

void StateScan::reject(const RejectedRow& row) { impl_->next->reject(row); }
void StateScan::value_error(const ValueError& error) { impl_->next->value_error(error); }

void StateScan::end(const ScanSummary& summary) {
  Impl& m = *impl_;
  m.ended = true;
  ScanSummary out = summary;
  std::vector<DisappearedFinding> gone;
  if (!m.error) {
    try {
      gone = m.update(summary);
    } catch (const DbFailure& f) {
      m.error = state_detail::error_from(f, m.path);
    } catch (const Conflict& c) {
      m.error.kind = StateError::Kind::kConflict;
      m.error.message = state_detail::messages::conflict(m.path, m.previous_scan, c.found);
    }
  }
  if (m.error) {
    if (m.in_transaction) sqlite3_exec(m.db, "ROLLBACK", nullptr, nullptr, nullptr);
    m.in_transaction = false;
    gone.clear();
    out.notes.push_back("状态文件未更新：" + m.error.message);
  } else {
    for (const auto& d : gone)
      if (!(m.options.hide_dismissed && d.status == review_status_name(ReviewStatus::kDismissed))) m.next->disappeared(d);
    out.state = m.counts;
  }
  m.next->end(out);
}

bool StateScan::commit(StateError& error) {
  Impl& m = *impl_;
  if (m.error) {
    error = m.error;
    return false;
  }
  if (!m.ended || !m.in_transaction) {
    error.kind = StateError::Kind::kInvalid;
    error.message = "状态文件未更新：扫描尚未结束";
    return false;
  }
  try {
    exec(m.db, "COMMIT");
    m.in_transaction = false;
    error = {};
    return true;
  } catch (const DbFailure& f) {
    sqlite3_exec(m.db, "ROLLBACK", nullptr, nullptr, nullptr);
    m.in_transaction = false;
    m.error = state_detail::error_from(f, m.path);
    error = m.error;
    return false;
  }
}

void StateScan::rollback() {
  Impl& m = *impl_;
  if (m.in_transaction) sqlite3_exec(m.db, "ROLLBACK", nullptr, nullptr, nullptr);
  m.in_transaction = false;
}

const StateCounts& StateScan::counts() const { return impl_->counts; }
const StateError& StateScan::error() const { return impl_->error; }

}  // namespace xianjie
