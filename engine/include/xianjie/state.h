// Review state across periodic scans: `xianjie scan --state FILE` and `xianjie review`.
//
// An office that scans its exports every month wants to know what is new since the last scan,
// and must not review again what it has already dismissed. The state file is a SQLite database
// that keeps every finding ever seen under a stable fingerprint, with its review status, the
// digest of its evidence, when it was first and last seen, the finding as last seen, and an audit
// log of every status change.
//
// Fingerprint (identity of a finding; docs/cli.md "Periodic scans"): the first 128 bits of
// SHA-256, as 32 lower-case hex digits, over these netstrings:
//   "xianjie-finding-v1", rule_id, offense, party, case
// - party: the party key of the finding's own record (xianjie/party.h: a valid id, else
//   "name:" + the normalised name); for the group patterns split and multi-agency, the key the
//   records were grouped by (Finding::party_key). One case against several parties (共同违法)
//   therefore gives one finding per party.
// - case: "case:" + normalize_case_id(case_id). For split and multi-agency, whose case_id is the
//   latest record of a group that grows, "group:" + the earliest record of the group (earliest
//   date, then smallest normalised id), so that a part added later changes the evidence, not the
//   identity. Without a case id: "related:" + the sorted normalised ids of the related records;
//   without those either, "record:" + agency, violation date, decision date and 案由.
// Nothing else goes in: not the file name, the line or rowid, the row order, the rule version
// or any wall-clock time, so the same export scanned again, reordered or renamed, gives the same
// fingerprints. A case that appears twice in one scan (duplicate rows) is one finding.
//
// Evidence digest (has the finding changed?): the first 128 bits of SHA-256 over
// "xianjie-evidence-v1", then for each evidence item field, value, op, threshold and param; the
// missing fields, sorted; and the related records (role, case id, agency, dates, penalty, value),
// sorted. A value that only measures time up to the as-of date ("366 日（截至 2024-04-01）") is
// left out: the passage of time is not new evidence. Citations, messages and sources are left
// out as well.
//
// Transactions: a scan reads the state once when it starts, stages what it finds in a private
// temporary database, and writes the state in one transaction at its end (StateScan::end opens
// it, StateScan::commit makes it durable after the report has been written). A scan killed at any
// moment leaves the state as it was before the scan or as after it, never in between.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "xianjie/finding.h"
#include "xianjie/scan.h"

namespace xianjie {

// ---- Review status

enum class ReviewStatus : uint8_t { kOpen, kConfirmed, kTransferred, kDismissed, kInvestigating };

// "open", "confirmed", "transferred", "dismissed", "investigating"
std::string_view review_status_name(ReviewStatus s);
// "待审查", "已确认", "已移送", "已排除", "核查中"
std::string_view review_status_label(ReviewStatus s);
// The status of a name as above; nullopt for anything else.
std::optional<ReviewStatus> parse_review_status(std::string_view name);

// The legal reasons a finding may be dismissed for: 不构成犯罪, 已移送, 证据不足, 重复线索,
// 其他（须说明）.
const std::vector<std::string_view>& dismissal_reasons();

// Checks the reason of a dismissal: one of dismissal_reasons(), optionally followed by "：" or ":"
// and an explanation; "其他" requires the explanation ("其他：同一行为已由公安机关立案"). Returns the
// reason as it will be stored (white space trimmed, "其他（须说明）：…" shortened to "其他：…"),
// or nullopt with a message in `error`.
std::optional<std::string> check_dismissal_reason(std::string_view reason, std::string& error);

// ---- Identity

// A case id as it is compared: full-width ASCII folded to half-width, white space trimmed (the
// key `check-data` uses for duplicate-case-id).
std::string normalize_case_id(std::string_view id);
// 32 lower-case hex digits (see the top of this file).
std::string finding_fingerprint(const Finding& f);
std::string evidence_digest(const Finding& f);

// ---- The state file

inline constexpr int kStateSchemaVersion = 1;

struct StateError {
  enum class Kind {
    kNone,
    kMissing,        // no such file (review does not create one)
    kNotADatabase,   // not a SQLite database
    kNotAStateFile,  // a SQLite database with other tables, or a file that is not a regular file
    kNewerSchema,    // written by a newer xianjie
    kLocked,         // another process holds the write lock
    kConflict,       // another scan recorded itself while this one ran
    kNotFound,       // no finding with that fingerprint
    kAmbiguous,      // a fingerprint prefix that matches several findings
    kInvalid,        // a bad argument: status, reason, reviewer
    kIo,             // anything else SQLite reports (disk full, corrupt file, permissions)
  };
  Kind kind = Kind::kNone;
  std::string message;  // Chinese, says what and how to fix

  explicit operator bool() const { return kind != Kind::kNone; }
};

// A finding as the state file keeps it.
struct StoredFinding {
  std::string fingerprint;
  std::string rule_id;
  std::string case_id;
  std::string source;          // where it was last seen
  std::string agency;
  std::string party_name;
  std::string party_type;
  std::string offense;
  std::string severity;        // "high" / "medium" / "low"
  std::string evidence_digest; // several, comma-separated, when the case appeared more than once
  uint64_t occurrences = 0;    // times it was found by the last scan that found it
  ReviewStatus status = ReviewStatus::kOpen;
  std::string status_reason;
  std::string status_by;
  std::string status_at;       // "" until reviewed
  bool present = false;        // found by the last scan that ran its rule
  uint64_t first_seen_scan = 0;
  std::string first_seen_at;   // wall-clock time of the scan: metadata, never a legal date
  uint64_t last_seen_scan = 0;
  std::string last_seen_at;
  std::string note;            // what the last scan said about it (reopened, reappeared)
  std::string finding_json;    // get() only: the finding as last seen, the object of the jsonl report
};

// One status change.
struct AuditEntry {
  uint64_t id = 0;
  std::string fingerprint;
  std::string at;                     // wall clock, ISO 8601 with offset
  std::string actor;                  // the reviewer, or "xianjie scan #N" for a reopening
  std::optional<ReviewStatus> old_status;
  ReviewStatus new_status = ReviewStatus::kOpen;
  std::string reason;
  std::optional<uint64_t> scan_id;    // the scan that made the change
};

// One scan recorded in the state file.
struct ScanRecord {
  uint64_t id = 0;
  std::string started_at, finished_at;  // wall clock: metadata, never a legal date
  std::string tool_version;
  std::string inputs_json;              // the inputs as given, a JSON array of strings
  uint64_t rules = 0, rows_read = 0, findings = 0;
  uint64_t new_findings = 0, unchanged = 0, changed = 0, disappeared = 0, reopened = 0;
};

class StateScan;

// An open state file. Not thread-safe; one per thread.
class StateStore {
 public:
  enum class OpenMode {
    kCreate,    // scan: create the file if it does not exist, initialise an empty database
    kExisting,  // review: the file must exist and be a state file
  };

  // Opens and checks the file: a SQLite database (else kNotADatabase), empty or with xianjie's
  // schema (else kNotAStateFile), of a schema version this build knows (else kNewerSchema; the
  // file is not touched). `tool_version` is recorded when the file is created. nullptr with
  // `error` set on failure.
  static std::unique_ptr<StateStore> open(const std::string& path, OpenMode mode, StateError& error,
                                          std::string_view tool_version = {});
  ~StateStore();
  StateStore(const StateStore&) = delete;
  StateStore& operator=(const StateStore&) = delete;

  const std::string& path() const;

  // The full fingerprint of `fingerprint`, which may be a unique prefix of at least 8 hex
  // digits (upper or lower case). kNotFound / kAmbiguous otherwise.
  std::optional<std::string> resolve(std::string_view fingerprint, StateError& error);
  std::optional<StoredFinding> get(std::string_view fingerprint, StateError& error);
  // Every finding, or those with `status`; present ones first, then by rule and case.
  std::vector<StoredFinding> list(std::optional<ReviewStatus> status, StateError& error);
  // The audit log of one finding, oldest first.
  std::vector<AuditEntry> history(std::string_view fingerprint, StateError& error);
  // Every scan recorded, oldest first.
  std::vector<ScanRecord> scans(StateError& error);

  // Sets the status of a finding (a full fingerprint or a unique prefix) and records the change
  // in the audit log, in one transaction. `reviewer` must not be empty; a dismissal needs a
  // reason that check_dismissal_reason accepts. Returns the audit entry written.
  std::optional<AuditEntry> set_status(std::string_view fingerprint, ReviewStatus status, std::string_view reason,
                                       std::string_view reviewer, StateError& error);

 private:
  friend class StateScan;
  struct Impl;
  explicit StateStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

struct StateScanOptions {
  bool hide_dismissed = false;       // do not pass dismissed findings on (they are still counted)
  std::string tool_version;          // recorded with the scan
  std::vector<std::string> inputs;   // recorded with the scan, as given
};

// A FindingSink between the scanner and the printer. Every finding is fingerprinted, compared
// with the state as it was when the scan started, annotated (Finding::tracking) and passed on;
// end() writes the findings of the previous scan that are gone to the printer as
// DisappearedFinding, opens the transaction that records this scan, adds the counts to the
// summary (ScanSummary::state) and passes it on. commit() then makes the update durable.
//
// Which findings can disappear: those found by the previous scan whose rule is among the rules of
// this scan (begin() says which), so a scan with --select does not report the others as gone.
class StateScan final : public FindingSink {
 public:
  // Reads the state. nullptr with `error` set when it cannot be read.
  static std::unique_ptr<StateScan> start(StateStore& store, FindingSink& next, StateScanOptions options,
                                          StateError& error);
  ~StateScan() override;  // rolls back an update that was not committed

  void begin(const std::vector<RuleInfo>& rules) override;
  void finding(const Finding& f) override;
  void reject(const RejectedRow& row) override;
  void value_error(const ValueError& error) override;
  void end(const ScanSummary& summary) override;

  // Makes the update opened by end() durable. Call once the report has been written in full;
  // false (and the state unchanged) when end() failed or the commit does.
  bool commit(StateError& error);
  // Abandons the update: the state stays as it was before the scan.
  void rollback();

  // The counts given to the printer in the summary.
  const StateCounts& counts() const;
  // A failure in end(): the state was not updated (the report is still complete).
  const StateError& error() const;

 private:
  struct Impl;
  explicit StateScan(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace xianjie
