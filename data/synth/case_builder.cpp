// Places, parties, agencies, document numbers, dates and outcomes (see case_builder.h).
#include "case_builder.h"

#include <algorithm>

#include "party_ids.h"
#include "text_out.h"

namespace xianjie::synth {
namespace {

struct RuralDistrict {
  const Region* region;
  const District* district;
};

const std::vector<RuralDistrict>& rural_districts() {
  static const std::vector<RuralDistrict> kList = [] {
    std::vector<RuralDistrict> list;
    for (const auto& r : regions())
      for (const auto& d : r.districts)
        if (d.rural) list.push_back({&r, &d});
    return list;
  }();
  return kList;
}

struct AgencyText {
  std::string_view city_suffix;      // after a prefecture name
  std::string_view district_suffix;  // after a district or county name
  std::string_view abbr;             // in the document number
};

AgencyText agency_text(AgencyKind kind) {
  switch (kind) {
    case AgencyKind::kMarket: return {"市场监督管理局", "市场监督管理局", "市监罚"};
    case AgencyKind::kTax: return {"税务局", "税务局", "税稽罚"};
    case AgencyKind::kNaturalResources: return {"自然资源和规划局", "自然资源局", "自然资罚"};
    case AgencyKind::kAgriculture: return {"农业农村局", "农业农村局", "农罚"};
    case AgencyKind::kTobacco: return {"烟草专卖局", "烟草专卖局", "烟罚"};
    case AgencyKind::kEnvironment: return {"生态环境局", "生态环境局", "环罚"};
    case AgencyKind::kEmergency: return {"应急管理局", "应急管理局", "应急罚"};
    case AgencyKind::kCityManagement: return {"城市管理局", "综合行政执法局", "综执罚"};
    case AgencyKind::kTransport: return {"交通运输局", "交通运输局", "交罚"};
    case AgencyKind::kHealth: return {"卫生健康委员会", "卫生健康局", "卫健罚"};
    case AgencyKind::kHumanResources: return {"人力资源和社会保障局", "人力资源和社会保障局", "人社监罚"};
    case AgencyKind::kForestry: return {"林业局", "林业局", "林罚"};
    case AgencyKind::kCulture: return {"文化广电旅游局", "文化和旅游局", "文旅罚"};
    case AgencyKind::kWater: return {"水利局", "水利局", "水罚"};
    case AgencyKind::kHousing: return {"住房和城乡建设局", "住房和城乡建设局", "建罚"};
  }
  return {"", "", ""};
}

// The first character of a UTF-8 string.
std::string_view first_char(std::string_view s) {
  if (s.empty()) return s;
  unsigned char c = static_cast<unsigned char>(s[0]);
  size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
  return s.substr(0, std::min(n, s.size()));
}

constexpr std::string_view kOrdinals[] = {"一", "二", "三"};

Date cap(Date d) { return std::min(d, *Date::from_ymd(2025, 12, 31)); }

}  // namespace

Place CaseBuilder::pick_place(Rng& rng, bool rural) const {
  if (rural && rng.percent(85)) {
    const auto& r = rng.pick(rural_districts());
    return {r.region, r.district};
  }
  const Region& region = rng.pick(regions());
  if (region.districts.empty() || rng.percent(45)) return {&region, nullptr};
  return {&region, &rng.pick(region.districts)};
}

void CaseBuilder::append_person_name(Rng& rng, std::string& out) const {
  out.append(rng.pick(surnames()));
  out.append(rng.pick(given_name_chars()));
  if (rng.percent(70)) out.append(rng.pick(given_name_chars()));
}

void CaseBuilder::make_party(Rng& rng, CaseRecord& r, CaseScratch& scratch, PartyKind kind, std::string_view shop,
                             const Place& place) const {
  r.party_kind = kind;
  scratch.party_ref.clear();
  std::string_view home_code = place.district ? place.district->code : place.region->code;
  // Resident IDs carry the code of a district or county, not of the prefecture; people registered
  // elsewhere carry another place's code.
  std::string_view id_code = home_code;
  if (!place.district && !place.region->districts.empty()) id_code = rng.pick(place.region->districts).code;
  if (rng.percent(25)) {
    const Region& other = rng.pick(regions());
    id_code = other.districts.empty() ? other.code : rng.pick(other.districts).code;
  }
  switch (kind) {
    case PartyKind::kIndividual: {
      size_t surname_end = 0;
      r.party_name.append(rng.pick(surnames()));
      surname_end = r.party_name.size();
      r.party_name.append(rng.pick(given_name_chars()));
      if (rng.percent(70)) r.party_name.append(rng.pick(given_name_chars()));
      append_resident_id(r.party_id, rng, id_code, static_cast<int>(rng.range(1955, 2003)));
      // Published case titles name individuals as 张某 or 张某某.
      size_t style = rng.weighted({45, 10, 45});
      if (style == 2) scratch.party_ref = r.party_name;
      else append(scratch.party_ref, std::string_view(r.party_name).substr(0, surname_end), style == 0 ? "某" : "某某");
      break;
    }
    case PartyKind::kBusiness: {
      if (shop.empty()) shop = rng.percent(50) ? "商行" : "经营部";
      append(r.party_name, place.district ? district_stem(*place.district) : city_stem(*place.region),
             rng.pick(trade_names()), shop);
      std::string operator_name;
      append_person_name(rng, operator_name);
      if (rng.percent(60)) append_credit_code(r.party_id, rng, '2', home_code);
      else append_resident_id(r.party_id, rng, id_code, static_cast<int>(rng.range(1960, 2000)));
      if (rng.percent(70)) r.legal_rep = operator_name;
      scratch.party_ref = r.party_name;
      break;
    }
    case PartyKind::kUnit: {
      if (shop.empty()) shop = "贸易";
      append(r.party_name,
             place.district && rng.percent(30) ? district_stem(*place.district) : city_stem(*place.region),
             rng.pick(trade_names()), shop);
      size_t form = rng.weighted({75, 20, 5});
      r.party_name.append(form == 0 ? "有限公司" : form == 1 ? "有限责任公司" : "股份有限公司");
      append_credit_code(r.party_id, rng, '1', home_code);
      append_person_name(rng, r.legal_rep);
      scratch.party_ref = r.party_name;
      break;
    }
  }
}

void CaseBuilder::make_address(Rng& rng, CaseScratch& scratch, const Place& place, bool countryside) const {
  scratch.address.clear();
  if (place.district) scratch.address.append(place.district->name);
  else scratch.address.append(place.region->city);
  if (countryside) {
    scratch.address.append(rng.pick(villages()));
  } else {
    scratch.address.append(rng.pick(roads()));
    append_int(scratch.address, rng.range(1, 388));
    scratch.address.append("号");
  }
}

Date CaseBuilder::random_date(Rng& rng, Date from, Date to) {
  return from.add_days(static_cast<int32_t>(rng.below(static_cast<uint64_t>(to.days() - from.days()) + 1)));
}

void CaseBuilder::make_agency(Rng& rng, CaseRecord& r, AgencyKind kind, const Place& place, int year) {
  AgencyText text = agency_text(kind);
  const Region& region = *place.region;
  const District* district = kind == AgencyKind::kTax ? nullptr : place.district;
  r.region_code = district ? district->code : region.code;

  key_.clear();
  if (kind == AgencyKind::kTax) {
    // Tax penalties of this size are decided by the inspection bureaus of the prefecture.
    std::string_view ordinal = kOrdinals[rng.below(3)];
    append(r.agency, "国家税务总局", region.city, "税务局第", ordinal, "稽查局");
    append(key_, region.short_name, "税", ordinal, "稽罚");
  } else if (!district) {
    append(r.agency, region.city, text.city_suffix);
    append(key_, region.short_name, text.abbr);
  } else if (district->rural) {
    // County-level agencies are named after the county alone.
    append(r.agency, district->name, text.district_suffix);
    append(key_, district_stem(*district), text.abbr);
  } else if (kind == AgencyKind::kEnvironment) {
    append(r.agency, region.city, "生态环境局", district_stem(*district), "分局");
    append(key_, region.short_name, first_char(district->name), text.abbr);
  } else {
    append(r.agency, region.city, district->name, text.district_suffix);
    append(key_, region.short_name, first_char(district->name), text.abbr);
  }
  size_t prefix_len = key_.size();
  append_int(key_, year);
  uint64_t h = 0xCBF29CE484222325ULL;  // FNV-1a
  for (char c : key_) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001B3ULL;
  uint32_t number = ++counter(mix64(h));

  r.case_id.append(key_, 0, prefix_len);
  size_t brackets = rng.weighted({80, 10, 10});
  r.case_id.append(brackets == 0 ? "〔" : brackets == 1 ? "[" : "（");
  append_int(r.case_id, year);
  r.case_id.append(brackets == 0 ? "〕" : brackets == 1 ? "]" : "）");
  append_int(r.case_id, number);
  r.case_id.append("号");
}

uint32_t& CaseBuilder::counter(uint64_t key_hash) {
  uint64_t stored = key_hash | 1;  // never 0, which marks an empty slot
  if (counters_used_ * 2 >= counters_.size()) {
    std::vector<std::pair<uint64_t, uint32_t>> old(counters_.size() < 1024 ? 2048 : counters_.size() * 2);
    old.swap(counters_);
    counters_used_ = 0;
    for (const auto& [h, n] : old)
      if (h != 0) counter(h) = n;
  }
  size_t mask = counters_.size() - 1;
  for (size_t i = stored & mask;; i = (i + 1) & mask) {
    auto& slot = counters_[i];
    if (slot.first == stored) return slot.second;
    if (slot.first == 0) {
      slot.first = stored;
      // Registers do not start at 1 where an export begins: each (prefix, year) starts at a number
      // derived from its own hash, then counts up.
      slot.second = static_cast<uint32_t>((stored >> 20) % 400);
      ++counters_used_;
      return slot.second;
    }
  }
}

Crossings CaseBuilder::finish(Rng& rng, CaseRecord& r, AgencyKind agency, const Place& place) {
  Crossings crossings = evaluate_thresholds(r);
  if (crossings.any()) r.transferred = rng.percent(25);
  else if (r.planted != Offense::kNone) r.transferred = rng.percent(3);  // transferred although below

  bool offense_case = r.planted != Offense::kNone;
  Date filing = cap(r.violation_date.add_days(static_cast<int32_t>(offense_case ? rng.range(3, 60) : rng.range(0, 30))));
  Date decision = cap(filing.add_days(static_cast<int32_t>(offense_case ? rng.range(20, 170) : rng.range(3, 90))));
  if (!rng.percent(3)) r.filing_date = filing;  // some registers leave 立案日期 empty
  r.decision_date = decision;

  if (r.transferred) {
    r.transfer_date = cap(filing.add_days(static_cast<int32_t>(rng.range(10, 75))));
    r.status = rng.percent(70) ? "已移送公安机关" : "已移送";
    if (rng.percent(50)) {
      // Transferred before any decision: no penalty on record.
      r.decision_date.reset();
      r.penalty_count = 0;
      r.fine.reset();
      r.confiscated_income.reset();
    }
  } else {
    static constexpr std::string_view kStatus[] = {"已结案", "已结案", "执行完毕", "已执行", "结案", "执行中"};
    r.status = rng.pick(kStatus);
  }

  int year = (r.decision_date ? *r.decision_date : filing).year();
  make_agency(rng, r, agency, place, year);
  r.region = place.region;
  r.district = agency == AgencyKind::kTax ? nullptr : place.district;
  return crossings;
}

}  // namespace xianjie::synth
