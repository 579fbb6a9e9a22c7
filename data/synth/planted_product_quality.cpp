// MKT-01 生产、销售伪劣产品: 以次充好、掺杂掺假、以不合格产品冒充合格产品 cases by market regulators.
//
// Three ways of crossing (ZS1 art. 16): 销售金额 ≥ 5万; 未售货值 ≥ 15万; 已售 × 3 + 未售 ≥ 15万. Each
// scenario moves one of them across the bands and keeps the other two below.
#include <algorithm>
#include <iterator>

#include "planted_cases.h"
#include "repeat_series.h"
#include "text_out.h"

namespace xianjie::synth {
namespace {

struct Product {
  std::string_view name;
  QuantityUnit unit;
  int64_t price_lo, price_hi;  // fen per unit
  std::string_view standard;
  std::string_view indicator;
  std::string_view trade;      // in the party's name: 杭州鑫达电线电缆有限公司
};

const Product kProducts[] = {
    {"电线电缆", QuantityUnit::kMeter, 150, 1200, "GB/T 5023.3-2008", "导体电阻", "电线电缆"},
    {"建筑用钢筋", QuantityUnit::kTon, 350000, 500000, "GB/T 1499.2-2018", "屈服强度", "钢材"},
    {"通用硅酸盐水泥", QuantityUnit::kTon, 30000, 50000, "GB 175-2023", "抗压强度", "建材"},
    {"给水用聚乙烯管材", QuantityUnit::kMeter, 800, 6000, "GB/T 13663.2-2018", "静液压强度", "塑胶"},
    {"汽车轮胎", QuantityUnit::kStrip, 30000, 120000, "GB 9743-2015", "强度性能", "汽配"},
    {"插座转换器", QuantityUnit::kItem, 1500, 6000, "GB/T 2099.3-2015", "拔出插头所需的力", "电器"},
    {"安全帽", QuantityUnit::kPiece, 1500, 8000, "GB 2811-2019", "冲击吸收性能", "劳保用品"},
    {"外墙涂料", QuantityUnit::kKg, 800, 3000, "GB/T 9755-2014", "耐洗刷性", "涂料"},
    {"挤塑聚苯乙烯保温板", QuantityUnit::kSquareMeter, 1500, 6000, "GB/T 10801.2-2018", "燃烧性能", "保温材料"},
};

constexpr std::string_view kLabs[] = {"产品质量监督检验研究院", "产品质量检验检测中心", "质量技术监督检测院"};

// Quantity × 1000 of `fen` worth of a product; tons and kilograms keep decimals, counted goods do not.
int64_t quantity_for(const Product& p, int64_t fen, int64_t price) {
  int64_t milli = fen * 1000 / price;
  if (p.unit == QuantityUnit::kTon || p.unit == QuantityUnit::kKg) return std::max<int64_t>(milli / 100 * 100, 100);
  return std::max<int64_t>(milli / 1000 * 1000, 1000);
}

}  // namespace

Crossings make_product_quality_case(Rng& rng, CaseBuilder& builder, CaseRecord& r, CaseScratch& s, Band band,
                                    SeriesLink* series) {
  r.planted = Offense::kMkt01;
  r.domain = "市场监管";
  size_t product_index = rng.below(std::size(kProducts));
  if (series) product_index = series->variant(product_index);  // a series keeps to its product
  const Product& product = kProducts[product_index];
  Place place = builder.pick_place(rng, false);
  size_t party = rng.weighted({20, 25, 55});
  PartyKind kind = party == 0 ? PartyKind::kIndividual : party == 1 ? PartyKind::kBusiness : PartyKind::kUnit;
  std::string trade(product.trade);
  if (kind == PartyKind::kBusiness) trade += rng.percent(50) ? "经营部" : "商行";
  builder.make_party(rng, r, s, kind, trade, place);
  if (series) series->party(r, s, kind, trade, place, builder);
  builder.make_address(rng, s, place, false);
  r.violation_date = CaseBuilder::random_date(rng, CaseBuilder::first_day(), CaseBuilder::last_day());
  if (series) series->date(r);

  // Sold (sales) and unsold (goods) amounts, in fen.
  int64_t sold = 0, unsold = 0;
  size_t scenario = rng.weighted({45, 25, 30});
  std::optional<int64_t> fixed = series ? series->amount() : std::nullopt;  // a series' 销售金额
  if (fixed) scenario = 0;
  switch (scenario) {
    case 0: {  // 销售金额 decides
      sold = fixed ? *fixed : amount_in_band(rng, threshold::kFakeSales, band);
      if (!fixed && (band == Band::kAbove || band == Band::kWellBelow)) sold = round_like_a_clerk(rng, sold);
      // Unsold stock small enough that 3 × sold + unsold stays below 15万 when sold is below 5万.
      int64_t room = threshold::kFakeGoods - 3 * sold;
      if (room > 0 && rng.percent(50)) unsold = room * rng.range(5, 60) / 100;
      if (!fixed && band == Band::kAbove && rng.percent(40)) unsold = yuan(rng.range(1000, 60000));
      break;
    }
    case 1: {  // 未售货值 decides (nothing sold yet: 未遂)
      unsold = amount_in_band(rng, threshold::kFakeGoods, band);
      if (band == Band::kAbove || band == Band::kWellBelow) unsold = round_like_a_clerk(rng, unsold);
      break;
    }
    default: {  // 已售 × 3 + 未售 decides, with sold below 5万
      sold = yuan(rng.range(5000, 45000));
      int64_t rest = threshold::kFakeGoods - 3 * sold;
      unsold = amount_in_band(rng, rest, band);
      break;
    }
  }
  if (sold > 0) r.sales_amount = sold;
  if (unsold > 0) r.goods_value = unsold;
  else if (rng.percent(30)) r.goods_value = 0;  // "货值金额 0": everything had been sold
  int64_t price = rng.range(product.price_lo, product.price_hi);
  int64_t qty_sold = sold > 0 ? quantity_for(product, sold, price) : 0;
  int64_t qty_unsold = unsold > 0 ? quantity_for(product, unsold, price) : 0;
  r.quantity_milli = qty_sold + qty_unsold;
  r.unit = product.unit;
  if (rng.percent(55)) r.amount_involved = sold + unsold;

  // Title and facts.
  size_t conduct = rng.weighted({40, 20, 25, 15});
  static constexpr std::string_view kConduct[] = {"以次充好", "掺杂掺假", "以不合格产品冒充合格产品", "以假充真"};
  switch (conduct) {
    case 0: append(r.case_reason, s.party_ref, "销售以次充好的", product.name, "案"); break;
    case 1: append(r.case_reason, s.party_ref, "生产销售掺杂掺假的", product.name, "案"); break;
    case 2: append(r.case_reason, s.party_ref, "以不合格", product.name, "冒充合格产品销售案"); break;
    default: append(r.case_reason, s.party_ref, "销售以假充真的", product.name, "案"); break;
  }
  r.facts.append("经查，当事人于");
  append_date_cn(r.facts, r.violation_date);
  r.facts.append("起在");
  r.facts.append(s.address);
  r.facts.append(kind == PartyKind::kUnit && rng.percent(40) ? "生产并销售标称" : "销售标称");
  // A brand in quotes; now and then in ASCII quotes, which a CSV writer must escape.
  if (rng.percent(8)) append(r.facts, "\"", rng.pick(trade_names()), "\"牌");
  else append(r.facts, "“", rng.pick(trade_names()), "”牌");
  append(r.facts, product.name, "，经", place.region->city, kLabs[rng.below(3)], "抽样检验，", product.indicator,
         "项目不符合", product.standard, "要求，系", kConduct[conduct], "。");
  int style = static_cast<int>(rng.below(3));
  if (sold > 0) {
    r.facts.append("已销售");
    append_milli(r.facts, qty_sold);
    append(r.facts, unit_name(product.unit), "，销售金额");
    append_money_cn(r.facts, sold, style);
    r.facts.append(unsold > 0 ? "；" : "。");
  }
  if (unsold > 0) {
    r.facts.append("现场查获尚未销售的");
    append(r.facts, product.name);
    append_milli(r.facts, qty_unsold);
    append(r.facts, unit_name(product.unit), "，货值金额");
    append_money_cn(r.facts, unsold, style);
    r.facts.append("。");
  }

  // Penalty: 没收违法所得 and the goods, fine of 0.5–3 × the value (产品质量法 第五十条).
  if (sold > 0) r.illegal_income = round_like_a_clerk(rng, sold * rng.range(10, 30) / 100);
  r.confiscated_income = r.illegal_income;
  r.fine = (sold + unsold) * rng.range(50, 300) / 100 / 10000 * 10000;
  if (r.illegal_income) r.add_penalty("没收违法所得");
  if (unsold > 0) r.add_penalty("没收非法财物");
  r.add_penalty("罚款");
  return builder.finish(rng, r, AgencyKind::kMarket, place);
}

}  // namespace xianjie::synth
