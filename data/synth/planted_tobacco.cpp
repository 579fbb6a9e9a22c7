// MKT-16 非法经营 (烟草专卖品): selling cigarettes without a tobacco licence.
//
// Three ways of crossing (J-TOB10 art. 3): 非法经营数额 ≥ 5万, 违法所得 ≥ 2万, ≥ 20万支. A scenario
// moves one across the bands; the others are absent or stay below. Seized quantities are written
// in 条 or in 支 (1 条 = 200 支); the quantity scenario has no established amount, as when the price
// is still being appraised.
#include "planted_cases.h"
#include "repeat_series.h"
#include "text_out.h"

namespace xianjie::synth {

Crossings make_tobacco_case(Rng& rng, CaseBuilder& builder, CaseRecord& r, CaseScratch& s, Band band,
                            SeriesLink* series) {
  r.planted = Offense::kMkt16;
  r.domain = "烟草专卖";
  Place place = builder.pick_place(rng, rng.percent(40));
  size_t party = rng.weighted({50, 40, 10});
  PartyKind kind = party == 0 ? PartyKind::kIndividual : party == 1 ? PartyKind::kBusiness : PartyKind::kUnit;
  static constexpr std::string_view kShops[] = {"烟酒店", "便利店", "副食店", "超市", "烟酒商行"};
  std::string_view shop = kind == PartyKind::kUnit ? "商贸" : rng.pick(kShops);
  builder.make_party(rng, r, s, kind, shop, place);
  if (series) series->party(r, s, kind, shop, place, builder);
  builder.make_address(rng, s, place, rng.percent(30));
  r.violation_date = CaseBuilder::random_date(rng, CaseBuilder::first_day(), CaseBuilder::last_day());
  if (series) series->date(r);

  int64_t cartons = 0;  // 条 seized
  size_t scenario = rng.weighted({45, 20, 35});
  std::optional<int64_t> fixed = series ? series->amount() : std::nullopt;  // a series' 非法经营数额
  if (fixed) scenario = 0;
  if (scenario == 0) {  // 非法经营数额 decides
    int64_t sales = fixed ? *fixed : amount_in_band(rng, threshold::kTobaccoSales, band);
    if (!fixed && (band == Band::kAbove || band == Band::kWellBelow)) sales = round_like_a_clerk(rng, sales);
    r.sales_amount = sales;
    // Profit margins of 8–25 % keep 违法所得 below 2万 whenever the sales are below 5万; prices of
    // at least 100 yuan a carton keep the count below 20万支.
    r.illegal_income = round_like_a_clerk(rng, sales * rng.range(8, 25) / 100);
    int64_t carton_price = yuan(rng.range(100, 450));
    cartons = sales / carton_price * rng.range(20, 100) / 100;
  } else if (scenario == 1) {  // 违法所得 decides; 经营数额 could not be established
    int64_t income = amount_in_band(rng, threshold::kTobaccoIncome, band);
    if (band == Band::kAbove || band == Band::kWellBelow) income = round_like_a_clerk(rng, income);
    r.illegal_income = income;
    if (rng.percent(50)) cartons = rng.range(5, 300);
  } else {  // 卷烟数量 decides; value still being appraised
    int64_t sticks = amount_in_band(rng, threshold::kTobaccoSticks, band);
    if (rng.percent(50) && band != Band::kJustBelow) {
      cartons = sticks / 200;
      if (band == Band::kAt) cartons = 1000;
    } else {
      r.quantity_milli = sticks * 1000;
      r.unit = QuantityUnit::kStick;
    }
  }
  if (cartons > 0) {
    if (rng.percent(60)) {
      r.quantity_milli = cartons * 1000;
      r.unit = QuantityUnit::kCarton;
    } else {
      r.quantity_milli = cartons * 200 * 1000;
      r.unit = QuantityUnit::kStick;
    }
  }
  if (r.sales_amount && rng.percent(50)) r.amount_involved = r.sales_amount;

  // Title and facts.
  if (kind == PartyKind::kUnit) append(r.case_reason, s.party_ref, "未取得烟草专卖批发企业许可证经营卷烟批发业务案");
  else if (rng.percent(75)) append(r.case_reason, s.party_ref, "无烟草专卖零售许可证经营卷烟案");
  else append(r.case_reason, s.party_ref, "未取得烟草专卖零售许可证擅自销售卷烟案");

  append(r.facts, "经查，当事人未取得烟草专卖",
         kind == PartyKind::kUnit ? "批发企业许可证" : "零售许可证", "，自");
  append_date_cn(r.facts, r.violation_date);
  append(r.facts, "起在", s.address, rng.percent(50) ? "购进并销售卷烟。" : "的仓库内存放并对外销售卷烟。");
  if (r.quantity_milli) {
    append(r.facts, "执法人员现场查获“", rng.pick(cigarette_brands()), "”“", rng.pick(cigarette_brands()),
           "”等品牌卷烟");
    if (r.unit == QuantityUnit::kCarton) {
      append_milli(r.facts, *r.quantity_milli);
      r.facts.append("条");
    } else {
      append_milli(r.facts, *r.quantity_milli);
      r.facts.append("支");
    }
    r.facts.append("。");
  }
  int style = static_cast<int>(rng.below(3));
  if (r.sales_amount) {
    r.facts.append("经核定，非法经营数额");
    append_money_cn(r.facts, *r.sales_amount, style);
    r.facts.append(r.illegal_income ? "，" : "。");
  } else if (r.illegal_income) {
    r.facts.append("非法经营数额无法查清，");
  } else {
    r.facts.append("涉案卷烟价格待核定。");
  }
  if (r.illegal_income) {
    r.facts.append("违法所得");
    append_money_cn(r.facts, *r.illegal_income, style);
    r.facts.append("。");
  }

  // Penalty: seizure of the cigarettes and the income, fine up to half the turnover.
  r.confiscated_income = r.illegal_income;
  if (r.illegal_income) r.add_penalty("没收违法所得");
  if (r.quantity_milli) r.add_penalty("没收非法财物");
  r.fine = r.sales_amount ? *r.sales_amount * rng.range(10, 50) / 100 / 100 * 100 : yuan(rng.range(10, 200) * 100);
  r.add_penalty("罚款");
  return builder.finish(rng, r, AgencyKind::kTobacco, place);
}

}  // namespace xianjie::synth
