// Scanning inputs: reader → record builder → matcher → sink, with the row accounting of a summary.
//
// Every data row of every input ends up in exactly one of: evaluated (turned into a record and
// matched against every rule) or rejected (unreadable; written to the reject handler with its
// location). rows_read == rows_evaluated + rows_rejected holds for every input. A value that fails
// to parse does not reject its row: the value is missing to the rules and reported as a ValueError.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "xianjie/diagnostics.h"
#include "xianjie/fields.h"
#include "xianjie/finding.h"
#include "xianjie/row_source.h"
#include "xianjie/rule_set.h"

namespace xianjie {

// User additions to the built-in header aliases (--mapping FILE):
//   fields:
//     sales_amount: [经营额, 销售额（元）]
//     case_id: 处罚文书编号
struct ColumnMapping {
  std::vector<std::pair<std::string, std::string>> aliases;  // header (normalised) → canonical field name
  // Loads a mapping YAML; problems go to `diagnostics` with their location. False on any error.
  static bool load(const std::string& path, ColumnMapping& out, Diagnostics& diagnostics);
};

struct ValueError {
  std::string source;    // input name
  uint64_t location = 0; // line or rowid
  std::string location_text;
  std::string column;    // the header as it appears in the input
  std::string field;     // canonical field name
  std::string raw;       // the cell text
  std::string reason;    // Chinese
};

// A table read alongside the cases for the transfer chain (transfers, non_prosecutions).
struct LinkedTableRows {
  std::string table;   // "transfers" / "non_prosecutions"
  std::string source;  // file or database:table
  uint64_t rows_read = 0;
  uint64_t rows_used = 0;
  uint64_t rows_rejected = 0;  // rows_read == rows_used + rows_rejected
};

// Near-threshold leads of one agency in one domain (执法领域) against all agencies of that domain:
// an agency whose amounts cluster just under thresholds stands out by its ratio. The comparison is
// within the domain because domains differ by nature (tobacco cases come near a threshold far more
// often than labelling cases); records without a domain form a group of their own.
struct AgencyNearShare {
  std::string agency;
  std::string domain;        // "" when the records do not say
  uint64_t cases = 0;        // records of the agency in the domain evaluated
  uint64_t near = 0;         // near-threshold findings among them
  double share = 0;          // near / cases
  double domain_share = 0;   // the same over all agencies of the domain
  double ratio = 0;          // share / domain_share
};

// This scan against the previous one recorded in a state file (scan --state; xianjie/state.h).
// Counted per fingerprint: a case found twice in one scan is one finding.
struct StateCounts {
  std::string path;               // the state file
  uint64_t scan_id = 0;           // this scan's number in the state file
  uint64_t previous_scan_id = 0;  // 0 for the first scan
  uint64_t new_findings = 0;
  uint64_t unchanged = 0;
  uint64_t changed = 0;           // found again with other evidence
  uint64_t disappeared = 0;       // found by the previous scan, not by this one
  uint64_t reopened = 0;          // dismissed, reopened because the evidence changed
  uint64_t dismissed = 0;         // found again and still dismissed
  uint64_t dismissed_hidden = 0;  // of those, left out of the report (--hide-dismissed)
};

struct ScanSummary {
  uint64_t rows_read = 0;
  uint64_t rows_evaluated = 0;
  uint64_t rows_rejected = 0;
  uint64_t rows_transferred = 0;          // evaluated rows transferred to the police (marked so, or in the transfers table)
  uint64_t value_errors = 0;
  std::map<std::string, uint64_t> value_errors_by_column;
  uint64_t findings = 0;
  uint64_t referral_candidates = 0;       // findings with referral == true (threshold, history); the rest are leads
  std::array<uint64_t, 3> findings_by_severity{};  // high, medium, low
  std::map<std::string, uint64_t> findings_by_rule;
  double seconds = 0;
  std::vector<std::string> inputs;
  std::vector<std::string> notes;         // encoding detected, unmapped columns, …
  std::vector<std::string> input_errors;  // inputs that could not be read
  size_t rules = 0;
  // Cross-record rules
  std::vector<LinkedTableRows> linked_tables;
  std::optional<Date> as_of;               // "now" for periods: --as-of, or the latest date in the exports
  bool as_of_from_data = false;
  uint64_t cross_member_records = 0;       // records kept for cross-record rules
  std::map<std::string, uint64_t> cross_skipped;  // reason → records a cross-record rule could not judge
  std::vector<AgencyNearShare> near_threshold_by_agency;  // highest ratio first
  double near_threshold_share = 0;                         // over all agencies and domains
  std::optional<StateCounts> state;        // with scan --state
};

// Receives everything a scan produces, in input order. Printers implement it.
class FindingSink {
 public:
  virtual ~FindingSink() = default;
  virtual void begin(const std::vector<RuleInfo>& /*rules*/) {}
  virtual void finding(const Finding& f) = 0;
  virtual void reject(const RejectedRow& /*row*/) {}
  virtual void value_error(const ValueError& /*error*/) {}
  // A finding of the previous scan of a state file that this scan no longer produces (scan
  // --state); after the last finding, before end().
  virtual void disappeared(const DisappearedFinding& /*d*/) {}
  virtual void end(const ScanSummary& /*summary*/) {}
  // After end(): why the report could not be written in full, when the printer knows more than
  // that its stream failed (an xlsx workbook that could not be built says what went wrong); ""
  // otherwise.
  virtual std::string failure() const { return {}; }
};

// Sees every evaluated record of a scan, for tools that count over all records and not only over
// findings (agency statistics, xianjie/stats.h). Set ScanOptions::observer; without one a scan
// does no extra work.
class RecordObserver {
 public:
  virtual ~RecordObserver() = default;
  // Called when the scan of an input starts, before its first record: the input columns
  // (indexes into source.header()) whose raw text record() should receive. They are read even
  // when no rule uses them.
  virtual std::vector<size_t> begin_input(const RowSource& /*source*/) { return {}; }
  // Called once per evaluated record, on the thread that calls the sink and in input order (the
  // records of a batch after the batch's value errors, before its findings), so an observer
  // needs no locking. `transferred`: the record counts as transferred (its own marks or the
  // transfers table, as Matcher::is_transferred). `cells`: the raw text of the columns asked for
  // by begin_input, in that order. Record and cells are valid during the call only.
  virtual void record(const Record& record, bool transferred, const std::string_view* cells) = 0;
};

// Where a running scan is, for a progress display (safe to read from another thread).
struct ScanProgress {
  uint64_t rows = 0;      // data rows read so far, all inputs
  double fraction = -1;   // share of the current input read (0..1), -1 when unknown
};

struct ScanOptions {
  MatchOptions match;
  std::optional<Date> as_of;  // for the transfer chain; default: the latest date in the exports
  const ColumnMapping* mapping = nullptr;
  unsigned threads = 0;  // 0 = one per core (at most 8)
  RecordObserver* observer = nullptr;  // sees every evaluated record; must outlive the scan
};

class Scanner {
 public:
  Scanner(const RuleSet& rules, ScanOptions options);
  ~Scanner();
  // Scans one input to the end. Returns false if it failed before its end (the reason is recorded
  // in summary().input_errors); rows already scanned stay reported.
  bool scan(RowSource& source, FindingSink& sink);
  // Reads a `transfers` or `non_prosecutions` table for the transfer chain. Call before the cases
  // are scanned: a case listed in `transfers` then counts as transferred. False on a read error.
  bool read_linked_table(RowSource& source, TableKind table, FindingSink& sink);
  // Runs the cross-record rules over everything scanned and emits their findings (and the
  // threshold findings held back to be merged with a history finding). Call once, after the last
  // input and before sink.end().
  void finish(FindingSink& sink);
  ScanProgress progress() const;
  ScanSummary& summary();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Reads records one at a time from a source, typed exactly as in a scan (for `explain` and tools).
// A record is valid until the next call.
class RecordStream {
 public:
  RecordStream(const RuleSet& rules, RowSource& source, const ColumnMapping* mapping);
  ~RecordStream();
  bool next(Record& record, std::vector<ValueError>& errors);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Builds a record from header/value pairs exactly as a reader's row would be (used by rule
// examples and `xianjie explain`). Keys may be canonical names or any recognised header.
// Value errors are appended to `errors`. `storage` keeps the text the record points into.
void build_record(const RuleSet& rules, const std::vector<std::pair<std::string, std::string>>& fields,
                  Record& record, std::vector<std::string>& storage, std::vector<ValueError>& errors);

}  // namespace xianjie
