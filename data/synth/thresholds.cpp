// Threshold tests per offense and version (see thresholds.h for the rule of versions).
//
// Each test first requires the conduct the offense is about (a planted case of that offense):
// an ordinary labelling case with 80,000 yuan of sales is not 生产、销售伪劣产品, whatever its
// amount. Missing amounts count as not established (0).
#include "thresholds.h"

namespace xianjie::synth {
namespace {

int64_t val(const Money& m) { return m.value_or(0); }

using Test = bool (*)(const CaseRecord&);

struct Version {
  Date effective;
  Test crosses;
};

// MKT-01 — ZS1 art. 16 / J-FAKE01 art. 2 (2008-06-25, unchanged since).
bool fake_goods_2008(const CaseRecord& r) {
  int64_t sold = val(r.sales_amount), unsold = val(r.goods_value);
  return sold >= threshold::kFakeSales || unsold >= threshold::kFakeGoods ||
         sold * 3 + unsold >= threshold::kFakeGoods;
}

// MKT-16 (a) — J-TOB10 art. 3 (2010-03-26). Same figures for units and individuals.
bool tobacco_2010(const CaseRecord& r) {
  return val(r.sales_amount) >= threshold::kTobaccoSales || val(r.illegal_income) >= threshold::kTobaccoIncome ||
         cigarette_sticks(r) >= threshold::kTobaccoSticks;
}

// RES-01 — J-MIN16 art. 3 (2016-12-01); 10万 is the low end of the national range, the value
// used where no provincial figure is configured.
bool mining_2016(const CaseRecord& r) { return val(r.mineral_value) >= threshold::kMineralValue; }

bool fishing_conduct(const CaseRecord& r) {
  const auto& f = r.fishing;
  return f.closed_season || f.closed_area || f.method != FishingMethod::kNone;
}
bool in_closed_time_or_area(const CaseRecord& r) { return r.fishing.closed_season || r.fishing.closed_area; }
bool destructive_method(FishingMethod m) {
  return m == FishingMethod::kElectric || m == FishingMethod::kPoison || m == FishingMethod::kExplosive;
}

// WLD-01 before 2022-04-09 — ZS1 art. 63 (内陆): 500 kg or 5,000 yuan; any banned tool or method
// in a closed area or season.
bool fishing_2008(const CaseRecord& r) {
  if (!fishing_conduct(r)) return false;
  return mass_kg_milli(r) >= threshold::kFishKgMilli || val(r.amount_involved) >= threshold::kFishValueOld ||
         (in_closed_time_or_area(r) && r.fishing.method != FishingMethod::kNone);
}

// WLD-01 from 2022-04-09 — J-WLD22 art. 3 (内陆): 500 kg or 10,000 yuan; in a closed area or
// season only 电鱼、毒鱼、炸鱼 and the like cross without an amount.
bool fishing_2022(const CaseRecord& r) {
  if (!fishing_conduct(r)) return false;
  return mass_kg_milli(r) >= threshold::kFishKgMilli || val(r.amount_involved) >= threshold::kFishValue ||
         (in_closed_time_or_area(r) && destructive_method(r.fishing.method));
}

// TAX-01: evaded ≥ amount AND evaded ≥ 10% of the tax payable for the year. Without the tax
// payable the percentage test cannot be met.
bool tax_test(const CaseRecord& r, int64_t amount) {
  if (!r.tax_evaded || !r.tax_payable || *r.tax_payable <= 0) return false;
  return *r.tax_evaded >= amount && *r.tax_evaded * 10 >= *r.tax_payable;
}
bool tax_2010(const CaseRecord& r) { return tax_test(r, threshold::kTaxEvadedOld); }  // ZS2-2010 art. 57
bool tax_2022(const CaseRecord& r) { return tax_test(r, threshold::kTaxEvaded); }     // ZS2-2022 art. 52, J-TAX24

Date ymd(int y, int m, int d) { return *Date::from_ymd(y, m, d); }

// 从旧兼从轻: the version in force at the violation date and every later one must all say yes,
// so a later, more lenient threshold wins and an earlier, more lenient one is never reached.
template <size_t N>
bool crosses(const Version (&versions)[N], const CaseRecord& r) {
  size_t first = 0;
  for (size_t i = 0; i < N; ++i)
    if (versions[i].effective <= r.violation_date) first = i;
  for (size_t i = first; i < N; ++i)
    if (!versions[i].crosses(r)) return false;
  return true;
}

}  // namespace

Date fishing_2022_effective() { return ymd(2022, 4, 9); }
Date tax_2022_effective() { return ymd(2022, 5, 15); }

int64_t mass_kg_milli(const CaseRecord& r) {
  if (!r.quantity_milli) return 0;
  switch (r.unit) {
    case QuantityUnit::kKg: return *r.quantity_milli;
    case QuantityUnit::kJin: return *r.quantity_milli / 2;  // 1 斤 = 0.5 公斤; quantities are whole 斤
    case QuantityUnit::kTon: return *r.quantity_milli * 1000;
    default: return 0;
  }
}

int64_t cigarette_sticks(const CaseRecord& r) {
  if (!r.quantity_milli) return 0;
  if (r.unit == QuantityUnit::kStick) return *r.quantity_milli / 1000;
  if (r.unit == QuantityUnit::kCarton) return *r.quantity_milli / 1000 * 200;  // 1 条 = 10 包 × 20 支
  return 0;
}

Crossings evaluate_thresholds(const CaseRecord& r) {
  static const Version kFake[] = {{ymd(2008, 6, 25), fake_goods_2008}};
  static const Version kTobacco[] = {{ymd(2010, 3, 26), tobacco_2010}};
  static const Version kMining[] = {{ymd(2016, 12, 1), mining_2016}};
  static const Version kFishing[] = {{ymd(2008, 6, 25), fishing_2008}, {fishing_2022_effective(), fishing_2022}};
  static const Version kTax[] = {{ymd(2010, 5, 7), tax_2010}, {tax_2022_effective(), tax_2022}};

  Crossings out;
  switch (r.planted) {
    case Offense::kMkt01: if (crosses(kFake, r)) out.add(Offense::kMkt01); break;
    case Offense::kMkt16: if (crosses(kTobacco, r)) out.add(Offense::kMkt16); break;
    case Offense::kRes01: if (crosses(kMining, r)) out.add(Offense::kRes01); break;
    case Offense::kWld01: if (crosses(kFishing, r)) out.add(Offense::kWld01); break;
    case Offense::kTax01: if (crosses(kTax, r)) out.add(Offense::kTax01); break;
    case Offense::kNone: break;
  }
  return out;
}

}  // namespace xianjie::synth
