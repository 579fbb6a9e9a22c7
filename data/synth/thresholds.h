// The ground truth: which criminal-prosecution thresholds a generated case crosses.
//
// Computed from the record's typed numbers and conduct facts, never from its text, following
// legal-thresholds.md (MKT-01, MKT-16 烟草, RES-01, WLD-01, TAX-01), including the versions of
// WLD-01 (2022-04-09) and TAX-01 (2022-05-15) and the lenient-law rule 从旧兼从轻: a case is counted
// only if it crosses under the version in force at the violation date AND under every later version.
#pragma once

#include <array>

#include "case_record.h"

namespace xianjie::synth {

struct Crossings {
  std::array<Offense, kOffenseCount> offenses{};
  size_t count = 0;
  bool any() const { return count > 0; }
  void add(Offense o) { offenses[count++] = o; }
};

Crossings evaluate_thresholds(const CaseRecord& r);

// Values the generator plants around (fen, and sticks / kilograms × 1000).
namespace threshold {
inline constexpr int64_t kFakeSales = yuan(50000);          // MKT-01 销售金额
inline constexpr int64_t kFakeGoods = yuan(150000);         // MKT-01 未售货值, and 3×已售+未售
inline constexpr int64_t kTobaccoSales = yuan(50000);       // MKT-16 非法经营数额
inline constexpr int64_t kTobaccoIncome = yuan(20000);      // MKT-16 违法所得
inline constexpr int64_t kTobaccoSticks = 200000;           // MKT-16 卷烟支数
inline constexpr int64_t kMineralValue = yuan(100000);      // RES-01 (low end of the 10万–30万 range)
inline constexpr int64_t kFishKgMilli = 500 * 1000;         // WLD-01 内陆 500 公斤
inline constexpr int64_t kFishValue = yuan(10000);          // WLD-01 内陆 1万 (from 2022-04-09)
inline constexpr int64_t kFishValueOld = yuan(5000);        // WLD-01 内陆 5,000 (ZS1 art. 63, before)
inline constexpr int64_t kTaxEvaded = yuan(100000);         // TAX-01 10万 (from 2022-05-15)
inline constexpr int64_t kTaxEvadedOld = yuan(50000);       // TAX-01 5万 (ZS2-2010 art. 57, before)
}  // namespace threshold

// Dates on which the new versions took effect.
Date fishing_2022_effective();  // 2022-04-09, J-WLD22
Date tax_2022_effective();      // 2022-05-15, ZS2-2022

// Quantity of the record in kilograms × 1000 (0 when it is not a mass) and in cigarettes.
int64_t mass_kg_milli(const CaseRecord& r);
int64_t cigarette_sticks(const CaseRecord& r);

}  // namespace xianjie::synth
