// RES-01 非法采矿: mining without a mining licence, outside the licensed area, or river sand
// without a sand-mining permit (J-MIN16 art. 2–4).
//
// One way of crossing here: 矿产品价值 ≥ 10万 (the low end of the 10万–30万 national range, the
// default where no provincial figure is configured). Minerals with special, lower ranges (稀土,
// 钨 …, 禁采区) are not generated, so the default applies to every planted case.
#include <iterator>

#include "planted_cases.h"
#include "repeat_series.h"
#include "text_out.h"

namespace xianjie::synth {
namespace {

struct Mineral {
  std::string_view name;
  QuantityUnit unit;
  int64_t price_lo, price_hi;  // fen per unit
  bool river;                  // river sand: sand-mining permit, water authority
};

const Mineral kMinerals[] = {
    {"建筑用砂", QuantityUnit::kTon, 3000, 9000, false},
    {"建筑石料用灰岩", QuantityUnit::kTon, 2500, 6000, false},
    {"砖瓦用页岩", QuantityUnit::kTon, 1500, 4000, false},
    {"煤炭", QuantityUnit::kTon, 40000, 90000, false},
    {"饰面用花岗岩", QuantityUnit::kCubicMeter, 20000, 60000, false},
    {"河砂", QuantityUnit::kCubicMeter, 6000, 12000, true},
};

constexpr std::string_view kAppraisers[] = {"价格认定中心", "自然资源和规划局", "矿产资源储量评审中心"};

}  // namespace

Crossings make_mining_case(Rng& rng, CaseBuilder& builder, CaseRecord& r, CaseScratch& s, Band band,
                           SeriesLink* series) {
  r.planted = Offense::kRes01;
  size_t mineral_index = rng.below(std::size(kMinerals));
  if (series) mineral_index = series->variant(mineral_index);  // a series keeps to its mineral
  const Mineral& mineral = kMinerals[mineral_index];
  r.domain = mineral.river ? "水利" : "自然资源";
  Place place = builder.pick_place(rng, true);
  size_t party = rng.weighted({45, 10, 45});
  PartyKind kind = party == 0 ? PartyKind::kIndividual : party == 1 ? PartyKind::kBusiness : PartyKind::kUnit;
  static constexpr std::string_view kUnitTrades[] = {"矿业", "建材", "石材", "砂石"};
  std::string_view shop = kind == PartyKind::kBusiness ? "砂石经营部" : rng.pick(kUnitTrades);
  builder.make_party(rng, r, s, kind, shop, place);
  if (series) series->party(r, s, kind, shop, place, builder);
  builder.make_address(rng, s, place, true);
  r.violation_date = CaseBuilder::random_date(rng, CaseBuilder::first_day(), CaseBuilder::last_day());
  if (series) series->date(r);

  std::optional<int64_t> fixed = series ? series->amount() : std::nullopt;  // a series' 矿产品价值
  int64_t value = fixed ? *fixed : amount_in_band(rng, threshold::kMineralValue, band);
  if (!fixed && (band == Band::kAbove || band == Band::kWellBelow)) value = round_like_a_clerk(rng, value);
  r.mineral_value = value;
  int64_t price = rng.range(mineral.price_lo, mineral.price_hi);
  r.quantity_milli = value * 1000 / price / 100 * 100;  // one decimal
  r.unit = mineral.unit;
  if (rng.percent(45)) r.amount_involved = value;

  // Title and facts.
  if (mineral.river) {
    append(r.case_reason, s.party_ref, "未取得河道采砂许可证擅自采砂案");
  } else {
    switch (rng.weighted({60, 25, 15})) {
      case 0: append(r.case_reason, s.party_ref, "未取得采矿许可证擅自采矿案"); break;
      case 1: append(r.case_reason, s.party_ref, "超越批准的矿区范围采矿案"); break;
      default: append(r.case_reason, s.party_ref, "采矿许可证被注销后继续开采", mineral.name, "案"); break;
    }
  }
  Date end = r.violation_date.add_days(static_cast<int32_t>(rng.range(3, 90)));
  r.facts.append("经查，当事人");
  r.facts.append(mineral.river ? "未取得河道采砂许可证，于" : "未依法取得采矿许可证，于");
  append_date_cn(r.facts, r.violation_date);
  r.facts.append("至");
  append_date_cn(r.facts, end);
  if (mineral.river) append(r.facts, "期间在", rng.pick(rivers()), "河段使用采砂船采挖河砂共计");
  else append(r.facts, "期间在", s.address, "附近山场擅自开采", mineral.name, "共计");
  append_milli(r.facts, *r.quantity_milli);
  append(r.facts, unit_name(mineral.unit), "。经", place.region->city, kAppraisers[rng.below(3)],
         "认定，所采矿产品价值");
  append_money_cn(r.facts, value, static_cast<int>(rng.below(3)));
  r.facts.append("。");

  // Penalty: 没收采出的矿产品和违法所得, fine up to half the income (矿产资源法实施细则 第四十二条).
  r.illegal_income = round_like_a_clerk(rng, value * rng.range(40, 90) / 100);
  r.confiscated_income = r.illegal_income;
  r.fine = *r.illegal_income * rng.range(10, 50) / 100 / 100 * 100;
  r.add_penalty("没收违法所得");
  if (rng.percent(50)) r.add_penalty("没收非法财物");
  r.add_penalty("罚款");
  return builder.finish(rng, r, mineral.river ? AgencyKind::kWater : AgencyKind::kNaturalResources, place);
}

}  // namespace xianjie::synth
