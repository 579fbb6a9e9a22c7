// Chooses what each row is — an ordinary case (the large majority) or a planted case of one of
// the five offenses — and generates it from the row's own random stream.
//
// Whether a row is planted is random; which offense and which threshold band it gets is
// stratified: offenses take turns and each offense walks through the band cycle of
// band_in_cycle(). A file of a few hundred rows thus already has crossers and near-misses of every
// offense. The counters depend only on earlier rows, so the first N rows of a run are still the
// N-row file.
#pragma once

#include <cstdint>

#include "planted_cases.h"

#include "case_builder.h"

namespace xianjie::synth {

class CaseGenerator {
 public:
  // `planted_per_million`: share of rows that describe one of the five offenses (spread evenly
  // over them), whether or not their numbers cross the threshold.
  CaseGenerator(uint64_t seed, uint32_t planted_per_million) : seed_(seed), planted_per_million_(planted_per_million) {}

  // Generates row `row` (0-based) into `r` and returns the thresholds it crosses.
  Crossings generate(uint64_t row, CaseRecord& r);

 private:
  uint64_t seed_;
  uint32_t planted_per_million_;
  uint64_t planted_ = 0;                       // planted rows so far
  uint64_t per_offense_[kOffenseCount] = {};  // planted rows so far, per offense
  CaseBuilder builder_;
  CaseScratch scratch_;
};

}  // namespace xianjie::synth
