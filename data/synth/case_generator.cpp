// Row → case kind → record (see case_generator.h).
#include "case_generator.h"

#include "ordinary_cases.h"

namespace xianjie::synth {

Crossings CaseGenerator::make_planted(size_t offense, Rng& rng, CaseRecord& r, Band band, SeriesLink* link) {
  switch (offense) {
    case 0: return make_product_quality_case(rng, builder_, r, scratch_, band, link);
    case 1: return make_tobacco_case(rng, builder_, r, scratch_, band, link);
    case 2: return make_mining_case(rng, builder_, r, scratch_, band, link);
    case 3: return make_fishing_case(rng, builder_, r, scratch_, band);
    default: return make_tax_case(rng, builder_, r, scratch_, band);
  }
}

Crossings CaseGenerator::generate(uint64_t row, CaseRecord& r) {
  Rng rng(seed_, row, Stream::kContent);
  r.reset();
  verdict_.clear();
  SeriesLink* link = nullptr;
  if (series_.enabled()) {
    series_.begin_row(row);
    Offense conduct = Offense::kNone;
    Band band = Band::kAbove;
    if ((link = series_.continuation(conduct, band))) {
      // A later case of an earlier party: not one of the stratified planted rows.
      size_t offense = conduct == Offense::kMkt01 ? 0 : conduct == Offense::kMkt16 ? 1 : 2;
      Crossings crossings = make_planted(offense, rng, r, band, link);
      series_.finish(r, verdict_);
      return crossings;
    }
  }
  if (!rng.chance(planted_per_million_)) return make_ordinary_case(rng, builder_, r, scratch_);
  size_t offense = planted_++ % kOffenseCount;
  Band band = band_in_cycle(per_offense_[offense]++);
  static constexpr Offense kOffenses[] = {Offense::kMkt01, Offense::kMkt16, Offense::kRes01, Offense::kWld01,
                                          Offense::kTax01};
  if (series_.enabled()) link = series_.start(kOffenses[offense]);
  Crossings crossings = make_planted(offense, rng, r, band, link);
  if (series_.enabled() && offense < 3) series_.keep_ids_apart(r);
  if (link) series_.finish(r, verdict_);
  return crossings;
}

}  // namespace xianjie::synth
