// Chooses what each row is — an ordinary case (the large majority) or a planted case of one of
// the five offenses — and generates it from the row's own random stream.
//
// Whether a row is planted is random; which offense and which threshold band it gets is
// stratified: offenses take turns and each offense walks through the band cycle of
// band_in_cycle(). A file of a few hundred rows thus already has crossers and near-misses of every
// offense. The counters depend only on earlier rows, so the first N rows of a run are still the
// N-row file.
//
// With --repeat, a row may instead continue a series of cases of one party (repeat_series.h),
// and a planted case of three of the offenses may start one; the series, too, depend only on
// earlier rows.
#pragma once

#include <cstdint>

#include "planted_cases.h"
#include "repeat_series.h"

#include "case_builder.h"

namespace xianjie::synth {

class CaseGenerator {
 public:
  // `planted_per_million`: share of rows that describe one of the five offenses (spread evenly
  // over them), whether or not their numbers cross the threshold. `repeat_per_million`: share of
  // rows that continue a series of cases of one party (0: none, and no draw is made for it).
  CaseGenerator(uint64_t seed, uint32_t planted_per_million, uint32_t repeat_per_million = 0)
      : seed_(seed), planted_per_million_(planted_per_million), series_(seed, repeat_per_million, planted_per_million) {}

  // Generates row `row` (0-based) into `r` and returns the thresholds it crosses.
  Crossings generate(uint64_t row, CaseRecord& r);
  // The history verdict of the row just generated (empty without --repeat).
  const HistoryVerdict& verdict() const { return verdict_; }
  const RepeatSeries& series() const { return series_; }

 private:
  Crossings make_planted(size_t offense, Rng& rng, CaseRecord& r, Band band, SeriesLink* link);

  uint64_t seed_;
  uint32_t planted_per_million_;
  uint64_t planted_ = 0;                       // planted rows so far
  uint64_t per_offense_[kOffenseCount] = {};  // planted rows so far, per offense
  CaseBuilder builder_;
  CaseScratch scratch_;
  RepeatSeries series_;
  HistoryVerdict verdict_;
};

}  // namespace xianjie::synth
