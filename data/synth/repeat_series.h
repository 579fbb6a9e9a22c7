// Repeat offenders for the cross-record rules (--repeat SHARE): series of cases of one party and
// one conduct — unlicensed tobacco (MKT-16), illegal mining (RES-01), 以次充好 and other 伪劣产品
// (MKT-01) — decided one after another, by the same agency or another one.
//
// A planted case of one of the three conducts may start a series: its party gets a name that no
// other party in the file has (see below), and the series plans one to five further cases. About
// SHARE of all rows then continue a series at random: the row is a case of the series' conduct,
// same mineral or product, with
//   - the party written as before (name and id), without the id, or with a variant of the name
//     that names the same party (有限责任公司 / 有限公司, a trailing （个体工商户）);
//   - a violation date on or after the previous case's decision: some well inside the window of
//     the history rules (tobacco 3 years, mining 2 years), some exactly on its last day or the day
//     after it, some on the day of the previous decision, some years later;
//   - the same agency, or one of another district or city;
//   - an amount chosen for the cross-record rules: often under the threshold (so that parts add up
//     within two years), at 3万 / 29,999.99 for HIST-TOB, now and then over the threshold.
// Series start from planted cases, so the share is reached up to about a tenth of the rows with the
// default --planted 0.10 (--repeat 1 gives about 11 %).
//
// Names and ids of their own: series parties are named with characters that the ordinary word
// lists never use (翊, 淼 …), and a set of the names given out keeps them unique. A record that
// leaves the id out can then be joined to its party by name alone, as the engine does when exactly
// one id goes with a name. Ids are random, and random resident ids do repeat in a large file (the
// mining counties are few: about one pair among 5,000,000 rows shares region, birth date and
// sequence number); so no other case of the three conducts may carry a series party's id: a
// series party whose id was drawn before gets another one, and so does a later case that draws a
// series party's id. The truth below is then exact.
//
// Ground truth (HistoryVerdict), for HIST-TOB and HIST-MIN as rules/cross_record.yaml and
// docs/rules.md §8 define them: a case of the series is a candidate when at least two earlier
// cases of the same party and conduct have a decision date D with D ≤ its violation date V ≤ D +
// window (calendar years, both ends included, 29 February + n years = 28 February); an earlier
// case counts whether or not it was transferred, one without a decision date does not; HIST-TOB
// also needs 非法经营数额 ≥ 30,000 元 in the case itself. Whether the case itself was transferred
// is written next to the verdict (without --include-transferred, xianjie does not report it). Cases
// of a series follow each other in date order (each violation on or after the previous case's
// decision), so the earlier penalties of a case are always among the cases of its series that come
// before it in the file, and the verdict is known when the case is generated.
//
// Memory: the series still open (at most kMaxOpen), the names given out (one per series, about
// SHARE × rows / 2) and a hash of the id of every planted case of the three conducts (6 % of the
// rows): about 15 MiB for 5,000,000 rows.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "case_builder.h"
#include "case_record.h"
#include "planted_cases.h"
#include "rng.h"

namespace xianjie::synth {

class RepeatSeries;

// The history verdict of one generated case.
struct HistoryVerdict {
  std::string_view rule_id;         // "HIST-TOB", "HIST-MIN"; empty: not a candidate
  bool transferred = false;         // the case itself is marked transferred
  std::vector<std::string> priors;  // case ids of the earlier penalties counted, in date order
  void clear() {
    rule_id = {};
    transferred = false;
    priors.clear();
  }
};

// What a case function (planted_*.cpp) asks of the series it is part of. Null for every case
// that is not part of a series, and then nothing changes.
class SeriesLink {
 public:
  // The mineral or product of the series (an index into the case function's table): `drawn` for
  // a new series, the series' own for a continuation.
  size_t variant(size_t drawn);
  // After make_party: a new series renames the party (a name of its own); a continuation takes
  // over the party of the series, as this case writes it, and the place of the deciding agency.
  void party(CaseRecord& r, CaseScratch& s, PartyKind& kind, std::string_view shop, Place& place,
             const CaseBuilder& builder);
  // After the violation date is drawn: a continuation sets its own.
  void date(CaseRecord& r) const;
  // The decisive amount of a continuation in fen (销售金额 / 非法经营数额 / 矿产品价值), or nullopt
  // when the case function's band decides.
  std::optional<int64_t> amount() const { return amount_; }

 private:
  friend class RepeatSeries;
  RepeatSeries* owner_ = nullptr;
  bool start_ = false;
  size_t series_ = 0;  // continuation: index into RepeatSeries::open_
  Rng* rng_ = nullptr;
  // Continuation plan.
  Date date_;
  std::optional<int64_t> amount_;
  bool same_place_ = true;
  bool write_id_ = true;
  int name_variant_ = 0;  // 0 as registered; 1 legal-form or （个体工商户） variant
  // New series: what party() and variant() saw.
  size_t variant_ = 0;
  Place place_;
  bool own_name_ = false;
};

class RepeatSeries {
 public:
  // `repeat_per_million`: share of rows that continue a series; `planted_per_million`: share of
  // planted rows (three fifths of them are of the three conducts), which sets how often a planted
  // case starts a series so that there are enough series to continue.
  RepeatSeries(uint64_t seed, uint32_t repeat_per_million, uint32_t planted_per_million);

  bool enabled() const { return repeat_per_million_ > 0; }

  // Draws of row `row` begin here (its own kRepeat stream).
  void begin_row(uint64_t row);
  // The row continues an open series: the link and the conduct, or null.
  SeriesLink* continuation(Offense& conduct, Band& band);
  // A planted row of `conduct` may start a series: the link, or null.
  SeriesLink* start(Offense conduct);
  // After the case function of a planted case of the three conducts (link or not): gives the case
  // another id if it would share one with a case it is not the same party as (see above).
  void keep_ids_apart(CaseRecord& r);
  // After the case function, with the link it was given: registers the case with its series and
  // fills the verdict.
  void finish(const CaseRecord& r, HistoryVerdict& verdict);

  // Counters for the summary.
  uint64_t continued() const { return continued_; }
  uint64_t started() const { return started_; }

  static constexpr size_t kMaxOpen = 4096;

 private:
  friend class SeriesLink;
  struct Case {
    std::string case_id;
    Date violation_date;
    std::optional<Date> decision_date;
  };
  struct Series {
    Offense conduct = Offense::kNone;
    PartyKind kind = PartyKind::kIndividual;
    std::string name;  // as registered
    std::string id;
    std::string legal_rep;
    size_t surname_bytes = 0;  // individuals: for 张某 in case titles
    bool own_name = false;     // unique in the file: later cases may leave the id out
    Place place;
    size_t variant = 0;
    std::vector<Case> cases;
    Date next_from;  // earliest violation date of the next case
    int remaining = 0;
  };

  void plan_continuation(Series& s);
  // Gives the party of a new series a name no other party has. False if none was found.
  bool rename(CaseRecord& r, CaseScratch& s, PartyKind kind, std::string_view shop, const Place& place);
  std::string written_name(const Series& s, int variant) const;
  void close(size_t index);

  uint64_t seed_;
  uint32_t repeat_per_million_;
  uint32_t start_per_million_;
  Rng rng_{0};
  SeriesLink link_;
  bool link_used_ = false;
  Offense link_conduct_ = Offense::kNone;
  std::vector<Series> open_;
  std::unordered_set<std::string> names_;  // normalised names given out
  // 64-bit hashes of the ids of every planted case of the three conducts, and of series parties.
  std::unordered_set<uint64_t> case_ids_, series_ids_;
  uint64_t continued_ = 0, started_ = 0;
};

}  // namespace xianjie::synth
