// WLD-01 非法捕捞水产品 in inland waters, by the fisheries authority of a county.
//
// Every planted case has the basic conduct (禁渔期, 禁渔区, or a banned tool or method). Scenarios:
//   weight   — 500 公斤 decides (written in 公斤, 斤 or 吨; cheap fish keep the value below 1万)
//   value    — 1万 decides, conduct on or after 2022-04-09 (dear fish keep the weight below 500)
//   old era  — conduct before 2022-04-09 with a value between 5,000 and 1万: criminal under the
//              old standard only, so not criminal now (从旧兼从轻); and values on either side
//   method   — 禁渔期/禁渔区 + 电鱼、毒鱼、炸鱼, a small catch: criminal in both versions
//   decoys   — 禁渔期/禁渔区 + a banned net with a small catch (criminal only under the old rule),
//              or 电鱼 outside closed seasons and areas with a small catch: not criminal
// 禁渔期 cases happen between 1 March and 30 June; others outside that period.
#include "planted_cases.h"
#include "text_out.h"

namespace xianjie::synth {
namespace {

struct Fish {
  std::string_view name;
  int64_t price_lo, price_hi;  // fen per kilogram
};

// Cheap fish stay under 20 yuan/kg: 500 kg of them is worth less than 1万.
const Fish kCheapFish[] = {{"鲫鱼", 800, 1600}, {"鲢鱼", 500, 1000}, {"草鱼", 1000, 1800},
                           {"鲤鱼", 900, 1600}, {"杂鱼", 400, 1000}};
// Dear fish cost at least 50 yuan/kg: 1万 worth of them weighs at most 200 kg.
const Fish kDearFish[] = {{"鳜鱼", 6000, 12000}, {"黄鳝", 5000, 9000}, {"河虾", 6000, 12000},
                          {"翘嘴鲌", 5000, 8000}, {"甲鱼", 8000, 16000}};

constexpr std::string_view kNets[] = {"密眼网", "地笼网", "多层刺网", "迷魂阵"};

bool in_closed_season(Date d) { return d.month() >= 3 && d.month() <= 6; }

// A date in [from, to] inside (or outside) the closed season of 1 March–30 June.
Date fishing_date(Rng& rng, Date from, Date to, bool closed_season) {
  Date d = CaseBuilder::random_date(rng, from, to);
  for (int tries = 0; tries < 64 && in_closed_season(d) != closed_season; ++tries)
    d = CaseBuilder::random_date(rng, from, to);
  return d;
}

void set_weight(Rng& rng, CaseRecord& r, int64_t kg_milli) {
  size_t unit = rng.weighted({50, 30, 20});
  if (unit == 2 && kg_milli >= 100000 && kg_milli % 1000 == 0) {
    r.unit = QuantityUnit::kTon;
    r.quantity_milli = kg_milli / 1000;  // tons × 1000
  } else if (unit == 1 && kg_milli % 500 == 0) {
    r.unit = QuantityUnit::kJin;
    r.quantity_milli = kg_milli * 2;
  } else {
    r.unit = QuantityUnit::kKg;
    r.quantity_milli = kg_milli;
  }
}

}  // namespace

Crossings make_fishing_case(Rng& rng, CaseBuilder& builder, CaseRecord& r, CaseScratch& s, Band band) {
  r.planted = Offense::kWld01;
  r.domain = "农业农村";
  Place place = builder.pick_place(rng, true);
  size_t party = rng.weighted({85, 10, 5});
  PartyKind kind = party == 0 ? PartyKind::kIndividual : party == 1 ? PartyKind::kBusiness : PartyKind::kUnit;
  builder.make_party(rng, r, s, kind, kind == PartyKind::kBusiness ? "水产经营部" : "渔业", place);

  const Date first = CaseBuilder::first_day(), last = CaseBuilder::last_day();
  const Date change = fishing_2022_effective();
  auto& f = r.fishing;
  const Fish* fish = &rng.pick(kCheapFish);
  int64_t kg_milli = 0;  // catch weight × 1000
  Money value;

  // A banned net, with or without a closed season or area around it.
  auto net_conduct = [&] {
    f.method = FishingMethod::kBannedNet;
    size_t where = rng.weighted({35, 25, 40});
    f.closed_season = where == 0;
    f.closed_area = where == 1;
  };

  switch (rng.weighted({28, 24, 16, 20, 12})) {
    case 0: {  // weight decides
      net_conduct();
          kg_milli = amount_in_band(rng, threshold::kFishKgMilli, band);
      if (band == Band::kJustBelow) kg_milli = threshold::kFishKgMilli - 500;  // 499.5 公斤 = 999 斤
      kg_milli = kg_milli / 500 * 500;  // whole half-kilograms, as scales show
      r.violation_date = fishing_date(rng, first, last, f.closed_season);
      if (rng.percent(80)) value = kg_milli * rng.range(fish->price_lo, fish->price_hi) / 1000;
      break;
    }
    case 1: {  // value decides, under the 2022 interpretation
      net_conduct();
      fish = &rng.pick(kDearFish);
          int64_t v = amount_in_band(rng, threshold::kFishValue, band);
      if (band == Band::kAbove || band == Band::kWellBelow) v = round_like_a_clerk(rng, v);
      value = v;
      kg_milli = v * 1000 / rng.range(fish->price_lo, fish->price_hi) / 100 * 100;
      // Now and then on the very day the 2022 interpretation took effect (in the closed season).
      bool on_change = f.closed_season && rng.percent(15);
      r.violation_date = on_change ? change : fishing_date(rng, change, last, f.closed_season);
      break;
    }
    case 2: {  // value under the old standard
      net_conduct();
      fish = &rng.pick(kDearFish);
      int64_t v = 0;
      switch (rng.weighted({50, 25, 25})) {
        case 0: v = rng.range(threshold::kFishValueOld, threshold::kFishValue - 1); break;  // 5,000–9,999.99
        case 1: v = threshold::kFishValue + static_cast<int64_t>(rng.below(yuan(20000))); break;
        default: v = rng.range(yuan(300), threshold::kFishValueOld - 1); break;
      }
      value = rng.percent(50) ? v / 100 * 100 : v;
      kg_milli = *value * 1000 / rng.range(fish->price_lo, fish->price_hi) / 100 * 100;
      bool eve = f.closed_season && rng.percent(15);  // the last day of the old standard
      r.violation_date = eve ? change.add_days(-1) : fishing_date(rng, first, change.add_days(-1), f.closed_season);
      break;
    }
    case 3: {  // destructive method in a closed season or area
      f.closed_season = rng.percent(60);
      f.closed_area = !f.closed_season;
      size_t m = rng.weighted({70, 15, 15});
      f.method = m == 0 ? FishingMethod::kElectric : m == 1 ? FishingMethod::kPoison : FishingMethod::kExplosive;
      kg_milli = rng.range(2, 40) * 500;
      r.violation_date = fishing_date(rng, first, last, f.closed_season);
      if (rng.percent(70)) value = kg_milli * rng.range(fish->price_lo, fish->price_hi) / 1000;
      break;
    }
    default: {  // look-alikes that do not cross: banned net in a closed season, or 电鱼 elsewhere
      if (rng.percent(60)) {
        f.method = FishingMethod::kBannedNet;
        f.closed_season = rng.percent(60);
        f.closed_area = !f.closed_season;
      } else {
        f.method = FishingMethod::kElectric;
      }
      kg_milli = rng.range(2, 60) * 500;
      r.violation_date = fishing_date(rng, first, last, f.closed_season);
      if (rng.percent(70)) value = kg_milli * rng.range(fish->price_lo, fish->price_hi) / 1000;
      break;
    }
  }
  if (kg_milli > 0) set_weight(rng, r, kg_milli);
  r.amount_involved = value;

  // Title and facts.
  std::string_view method_short;
  std::string_view method_long;
  switch (f.method) {
    case FishingMethod::kElectric: method_short = "电鱼方法"; method_long = "使用电瓶、逆变器等电鱼器具电鱼"; break;
    case FishingMethod::kPoison: method_short = "毒鱼方法"; method_long = "向水体投放农药毒鱼"; break;
    case FishingMethod::kExplosive: method_short = "炸鱼方法"; method_long = "使用自制炸药炸鱼"; break;
    default: method_short = "禁用渔具"; method_long = ""; break;
  }
  std::string_view net = kNets[rng.below(4)];
  std::string_view water = rng.pick(rivers());
  std::string_view where = f.closed_season ? "在禁渔期" : f.closed_area ? "在禁渔区" : "";
  append(r.case_reason, s.party_ref, where, "使用", method_short, "捕捞水产品案");

  r.facts.append("经查，当事人于");
  append_date_cn(r.facts, r.violation_date);
  append(r.facts, "在", place.district ? place.district->name : place.region->city, "境内", water);
  if (f.closed_area) r.facts.append("禁渔区水域");
  if (f.closed_season) r.facts.append("（禁渔期内）");
  if (f.method == FishingMethod::kBannedNet) append(r.facts, "使用禁用渔具", net, "捕捞");
  else append(r.facts, method_long, "捕捞");
  append(r.facts, fish->name, "等水产品");
  append_milli(r.facts, *r.quantity_milli);
  append(r.facts, unit_name(r.unit));
  if (value) {
    r.facts.append("，经认定价值");
    append_money_cn(r.facts, *value, static_cast<int>(rng.below(3)));
  }
  r.facts.append("。");

  // Penalty: 没收渔获物和渔具, fine up to 5万 (渔业法 第三十八条).
  r.add_penalty("没收非法财物");
  if (value && rng.percent(30)) {
    r.illegal_income = *value / 100 * 100;
    r.confiscated_income = r.illegal_income;
    r.add_penalty("没收违法所得");
  }
  r.fine = yuan(rng.range(5, 200) * 100);
  r.add_penalty("罚款");
  return builder.finish(rng, r, AgencyKind::kAgriculture, place);
}

}  // namespace xianjie::synth
