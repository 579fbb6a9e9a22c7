// Findings that need more than one record: repeat offenders (history), cases split under a
// threshold (split), one party penalised by several agencies (multi-agency), and the transfer
// chain across the `transfers` and `non_prosecutions` tables (not-filed, reverse).
//
// During a scan, every record that belongs to the conduct of a cross-record rule (Membership) is
// kept as a compact CaseFact; the transfer tables are read before the cases. Once every input has
// been read, analyze() groups the facts by party and applies each rule. Memory grows with the
// number of member records, not with the input: a record that no cross-record rule concerns
// leaves nothing behind.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "xianjie/date.h"
#include "xianjie/finding.h"
#include "xianjie/record.h"
#include "xianjie/rule_set.h"

namespace xianjie {

// What a cross-record finding needs to know about one case record.
struct CaseFact {
  std::string case_id;
  // Where the record is: its location text is source_prefix followed by source_row when has_row
  // (file:line, database:table rowid N), else source_prefix alone; see source_text. The prefix is
  // interned, so the facts of one input share it.
  std::string_view source_prefix;
  uint64_t source_row = 0;
  bool has_row = false;
  // The fields that repeat across many records (agency, region, domain, party type, key basis)
  // are views of interned text (intern_text: it lives as long as the process), so that millions
  // of kept facts do not each hold copies of the same few hundred strings.
  std::string_view agency;
  std::string_view region_code;
  std::string_view domain;
  std::string party_name;
  std::string party_id;
  std::string_view party_type;
  std::string case_reason;
  std::string fine_amount;           // grouped, "20,000.00"; empty when not recorded
  std::string_view penalty_kinds;    // 处罚种类 as written (interned); see penalty_text

  std::optional<Date> violation_date;
  std::optional<Date> decision_date;
  bool transferred = false;
  // Identity (party_key): the key and how it was formed. The key of the name alone (name_key_of),
  // by which a record without a usable id is joined to records of the same name that have one, is
  // computed when needed rather than kept with every fact.
  std::string key;
  std::string_view key_basis;  // Chinese, for the finding (interned)
  bool key_by_person_name = false;  // a person's name only: people share names
  // The key's place among all keys in code point order (0 for no key), set by the analysis once
  // identities are joined: facts are grouped by party comparing this number instead of the text.
  uint32_t key_rank = 0;
};

// A copy of `text` that lives as long as the process, shared by every caller that interns the same
// text (thread-safe). For the low-cardinality fields of CaseFact.
std::string_view intern_text(std::string_view text);

// The record's location text, as RowSource::location_text gave it.
std::string source_text(const CaseFact& f);

// "罚款 20,000.00 元（罚款；没收违法所得）" as far as the record says.
std::string penalty_text(const CaseFact& f);

// "name:" + the normalised party name, or "" without a name.
std::string name_key_of(const CaseFact& f);

// Builds a CaseFact from a record (the party key is computed here).
CaseFact make_case_fact(const Record& record, bool transferred);

// One row of the `transfers` table.
struct TransferRow {
  std::string source;
  std::string case_id;
  std::string transfer_no;
  std::optional<Date> transfer_date;
  std::string receiving_agency;
  std::string police_decision;  // filed / not_filed / returned / pending ("" = pending)
  std::optional<Date> police_decision_date;
};

// One row of the `non_prosecutions` table.
struct NonProsecutionRow {
  std::string source;
  std::string np_id;
  std::string party_name;
  std::string party_id;
  std::string offense;
  std::optional<Date> decision_date;
  std::optional<bool> needs_admin_penalty;
  std::string referred_agency;
  std::optional<Date> referral_date;
  std::string key;
  std::string name_key;
};

// A penalty case of a party named in a non-prosecution decision (for 反向衔接).
struct PartyPenalty {
  std::string key;
  std::string name_key;
  std::string case_id;
  std::string source;
  std::string agency;
  std::optional<Date> decision_date;
};

struct CrossSummary {
  uint64_t member_records = 0;           // records kept for cross-record rules
  std::map<std::string, uint64_t> skipped;  // reason → records a rule could not judge (missing date, no party)
};

class CrossRecordAnalyzer {
 public:
  CrossRecordAnalyzer(const RuleSet& rules, MatchOptions options);
  ~CrossRecordAnalyzer();

  bool has_rules() const;  // any cross-record rule at all
  bool wants_non_prosecutions() const;  // a reverse rule

  void add_transfer(TransferRow row);
  void add_non_prosecution(NonProsecutionRow row);
  // Case ids of the transfers table: such cases count as transferred (MatchOptions).
  const std::unordered_set<std::string>& transferred_case_ids() const;
  // Whether a case record must be checked against the parties of non-prosecution decisions.
  bool wants_penalties() const;
  // Called for every case record when wants_penalties(): keeps it if its party has a decision.
  void offer_penalty(const CaseFact& fact);

  // A case record that belongs to the conduct of the given rules.
  void add_case(CaseFact fact, const std::vector<Membership>& members);
  // Any date seen in the exports: the latest is "now" when no --as-of is given.
  void note_date(Date d);
  std::optional<Date> latest_date() const;

  // Runs every cross-record rule. `as_of` overrides the latest date of the exports.
  std::vector<Finding> analyze(std::optional<Date> as_of);
  const CrossSummary& summary() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace xianjie
