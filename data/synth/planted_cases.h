// Cases that describe one of the five offenses, with the decisive numbers placed around the
// criminal threshold: clearly above, exactly at (以上 includes the number), just below
// (49,999.99), well below, and, for the offenses whose threshold changed, in the band that only the
// old version would have caught.
//
// Each function fills the whole record through the CaseBuilder and returns the thresholds the
// case crosses (the ground truth of thresholds.cpp). One file per offense.
#pragma once

#include "case_builder.h"

namespace xianjie::synth {

// Where a planted amount lies relative to its threshold.
enum class Band : uint8_t { kAbove, kAt, kJustBelow, kWellBelow };

class SeriesLink;  // repeat_series.h

// `band` places the decisive number of the scenarios that have one. `series` (--repeat) makes the
// case the start or a continuation of a series of cases of one party (repeat_series.h); null, the
// case is drawn exactly as without --repeat.
Crossings make_product_quality_case(Rng& rng, CaseBuilder& builder, CaseRecord& r, CaseScratch& s, Band band,
                                    SeriesLink* series = nullptr);  // MKT-01
Crossings make_tobacco_case(Rng& rng, CaseBuilder& builder, CaseRecord& r, CaseScratch& s, Band band,
                            SeriesLink* series = nullptr);  // MKT-16
Crossings make_mining_case(Rng& rng, CaseBuilder& builder, CaseRecord& r, CaseScratch& s, Band band,
                           SeriesLink* series = nullptr);  // RES-01
Crossings make_fishing_case(Rng& rng, CaseBuilder& builder, CaseRecord& r, CaseScratch& s, Band band);          // WLD-01
Crossings make_tax_case(Rng& rng, CaseBuilder& builder, CaseRecord& r, CaseScratch& s, Band band);              // TAX-01

// The n-th band of an offense's planted cases: a fixed cycle of 20 (7 above, 3 at, 4 just below,
// 6 well below), interleaved so that even a few hundred rows reach every band of every offense.
Band band_in_cycle(uint64_t n);
// An amount (fen, or any integer measure) in `band` around `threshold`.
int64_t amount_in_band(Rng& rng, int64_t threshold, Band band);
// Rounds fen to whole yuan, to 100 yuan or not at all, as amounts in case files are.
int64_t round_like_a_clerk(Rng& rng, int64_t fen);

}  // namespace xianjie::synth
