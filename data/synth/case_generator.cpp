// Row → case kind → record (see case_generator.h).
#include "case_generator.h"

#include "ordinary_cases.h"

namespace xianjie::synth {

Crossings CaseGenerator::generate(uint64_t row, CaseRecord& r) {
  Rng rng(seed_, row, Stream::kContent);
  r.reset();
  if (!rng.chance(planted_per_million_)) return make_ordinary_case(rng, builder_, r, scratch_);
  size_t offense = planted_++ % kOffenseCount;
  Band band = band_in_cycle(per_offense_[offense]++);
  switch (offense) {
    case 0: return make_product_quality_case(rng, builder_, r, scratch_, band);
    case 1: return make_tobacco_case(rng, builder_, r, scratch_, band);
    case 2: return make_mining_case(rng, builder_, r, scratch_, band);
    case 3: return make_fishing_case(rng, builder_, r, scratch_, band);
    default: return make_tax_case(rng, builder_, r, scratch_, band);
  }
}

}  // namespace xianjie::synth
