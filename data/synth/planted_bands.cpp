// Placing planted amounts around a threshold (see planted_cases.h).
#include "planted_cases.h"

namespace xianjie::synth {

Band band_in_cycle(uint64_t n) {
  constexpr Band A = Band::kAbove, T = Band::kAt, J = Band::kJustBelow, W = Band::kWellBelow;
  static constexpr Band kCycle[20] = {A, T, J, W, A, W, J, A, T, W, A, J, W, A, T, W, A, J, W, A};
  return kCycle[n % 20];
}

int64_t round_like_a_clerk(Rng& rng, int64_t fen) {
  switch (rng.weighted({40, 40, 20})) {
    case 0: return fen / 10000 * 10000;  // whole hundreds of yuan
    case 1: return fen / 100 * 100;      // whole yuan
    default: return fen;                 // as computed, with fen
  }
}

int64_t amount_in_band(Rng& rng, int64_t threshold, Band band) {
  switch (band) {
    case Band::kAt:
      return threshold;
    case Band::kJustBelow:
      // One unit below (49,999.99 yuan; 199,999 支), or a little further.
      if (rng.percent(70)) return threshold - 1;
      return threshold - 1 - static_cast<int64_t>(rng.below(static_cast<uint64_t>(threshold / 50)));
    case Band::kAbove:
      if (rng.percent(12)) return threshold + 1;  // 50,000.01
      return threshold + threshold * rng.range(5, 400) / 100 + static_cast<int64_t>(rng.below(1000));
    case Band::kWellBelow:
      return threshold * rng.range(5, 80) / 100 + static_cast<int64_t>(rng.below(1000));
  }
  return threshold;
}

}  // namespace xianjie::synth
