// Series of cases of one party (see repeat_series.h).
#include "repeat_series.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "party_ids.h"
#include "planted_cases.h"
#include "text_out.h"
#include "vocabulary.h"

namespace xianjie::synth {
namespace {

// Characters of the names of series parties. None of them occurs in the word lists that ordinary
// names are made of (checked when the first series starts), so no ordinary party can have a series
// party's name.
constexpr std::string_view kFirst[] = {"翊", "骐", "昊", "晟", "钰", "璟", "珩", "琛", "瑾", "煜", "峻", "皓",
                                       "睿", "蔚", "翰", "铭", "锐", "骏", "霖", "熠", "弈", "恺", "楷", "骁"};
constexpr std::string_view kSecond[] = {"垚", "淼", "焱", "琪", "昕", "朗", "彦", "洵", "湛", "澄", "璐", "瑶",
                                        "筠", "菁", "蕾", "韬", "翎", "羿", "潇", "瑜", "灏", "濠", "岚", "屹"};

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool contains_reserved(std::string_view s) {
  for (auto c : kFirst)
    if (s.find(c) != std::string_view::npos) return true;
  for (auto c : kSecond)
    if (s.find(c) != std::string_view::npos) return true;
  return false;
}

// The word lists names are made of must not use the reserved characters; a programming error if
// they ever do, so it stops the generator rather than writing a wrong truth file.
void check_reserved_characters() {
  static bool checked = false;
  if (checked) return;
  checked = true;
  auto check = [](std::string_view word) {
    if (!contains_reserved(word)) return;
    std::fprintf(stderr, "xianjie-synth: 词表中的“%.*s”含有重复当事人专用的字（repeat_series.cpp）\n",
                 static_cast<int>(word.size()), word.data());
    std::abort();
  };
  for (auto w : surnames()) check(w);
  for (auto w : given_name_chars()) check(w);
  for (auto w : trade_names()) check(w);
  for (const auto& r : regions()) {
    check(r.city);
    for (const auto& d : r.districts) check(d.name);
  }
}

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// `d` plus `years` calendar years; 29 February becomes 28 February in a common year
// (data-dictionary.md, “Dates and periods”). Written here rather than taken from the engine's
// Date::add_months, so that the truth does not share the engine's arithmetic.
Date years_later(Date d, int years) {
  int y, m, day;
  d.to_ymd(y, m, day);
  y += years;
  if (m == 2 && day == 29 && !is_leap(y)) day = 28;
  return *Date::from_ymd(y, m, day);
}

// The window of the history rule of a conduct, in years (rules/cross_record.yaml: HIST-TOB 3年,
// HIST-MIN 2年). Product quality has no history rule; its split period (2年) shapes its dates.
int window_years(Offense conduct) { return conduct == Offense::kMkt16 ? 3 : 2; }

std::string_view history_rule(Offense conduct) {
  switch (conduct) {
    case Offense::kMkt16: return "HIST-TOB";
    case Offense::kRes01: return "HIST-MIN";
    default: return {};
  }
}

// Bytes of the surname at the start of a person's name (two-character surnames first).
size_t surname_bytes(std::string_view name) {
  size_t best = 0;
  for (auto s : surnames())
    if (s.size() > best && name.substr(0, s.size()) == s) best = s.size();
  return best;
}

// How a case title names an individual: 张某, 张某某 or the full name.
void person_ref(std::string& out, std::string_view name, size_t surname, size_t style) {
  out.clear();
  if (style == 2 || surname == 0) out.append(name);
  else append(out, name.substr(0, surname), style == 0 ? "某" : "某某");
}

// The name as a key of uniqueness: the legal forms the engine treats as one (有限责任公司 =
// 有限公司) are folded, so two series parties never differ only by them.
std::string fold(std::string_view name) {
  std::string out(name);
  for (size_t p; (p = out.find("有限责任公司")) != std::string::npos;) out.replace(p, 18, "有限公司");
  return out;
}

Date next_from(const CaseRecord& r) {
  // The next case of the party is committed on or after the day of this decision; a case
  // transferred before any decision leaves the day after its transfer.
  if (r.decision_date) return *r.decision_date;
  Date last = r.transfer_date ? std::max(r.violation_date, *r.transfer_date) : r.violation_date;
  return last.add_days(1);
}

int64_t hundreds(Rng& rng, int64_t lo_yuan, int64_t hi_yuan) { return yuan(rng.range(lo_yuan / 100, hi_yuan / 100) * 100); }

uint64_t id_hash(std::string_view id) {
  uint64_t h = 0xCBF29CE484222325ULL;  // FNV-1a
  for (char c : id) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001B3ULL;
  return mix64(h);
}

// Another id of the same kind, region and (for a resident id) birth year.
void redraw_id(std::string& id, Rng& rng) {
  if (id.size() != 18) return;
  if (id[0] == '9') {  // unified social credit code: 9, category, region, organisation code, check
    char category = id[1];
    std::string region = id.substr(2, 6);
    id.clear();
    append_credit_code(id, rng, category, region);
  } else {  // resident id: region, birth date, sequence, check
    std::string region = id.substr(0, 6);
    int year = std::stoi(id.substr(6, 4));
    id.clear();
    append_resident_id(id, rng, region, year);
  }
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// SeriesLink

size_t SeriesLink::variant(size_t drawn) {
  if (start_) {
    variant_ = drawn;
    return drawn;
  }
  return owner_->open_[series_].variant;
}

void SeriesLink::party(CaseRecord& r, CaseScratch& s, PartyKind& kind, std::string_view shop, Place& place,
                       const CaseBuilder& builder) {
  if (start_) {
    own_name_ = owner_->rename(r, s, kind, shop, place);
    place_ = place;
    return;
  }
  const RepeatSeries::Series& series = owner_->open_[series_];
  Rng& rng = *rng_;
  kind = series.kind;
  r.party_kind = series.kind;
  r.party_name = owner_->written_name(series, name_variant_);
  r.party_id.clear();
  if (write_id_ || !series.own_name) r.party_id = series.id;
  r.legal_rep = series.legal_rep;
  if (kind == PartyKind::kIndividual) person_ref(s.party_ref, r.party_name, series.surname_bytes, rng.weighted({45, 10, 45}));
  else s.party_ref = r.party_name;
  if (same_place_) {
    place = series.place;
    return;
  }
  // Another agency: another district or city, as when the party moves its stall or sells in the
  // next county too. The same kind of agency (the case function's), so the conduct is the same.
  bool rural = series.conduct == Offense::kRes01 || (series.conduct == Offense::kMkt16 && rng.percent(40));
  for (int attempt = 0; attempt < 8; ++attempt) {
    place = builder.pick_place(rng, rural);
    if (place.region != series.place.region || place.district != series.place.district) return;
  }
  place = series.place;  // every draw hit the same agency
}

void SeriesLink::date(CaseRecord& r) const {
  if (!start_) r.violation_date = date_;
}

// ---------------------------------------------------------------------------------------------
// RepeatSeries

RepeatSeries::RepeatSeries(uint64_t seed, uint32_t repeat_per_million, uint32_t planted_per_million)
    : seed_(seed), repeat_per_million_(repeat_per_million), start_per_million_(0) {
  if (repeat_per_million_ == 0 || planted_per_million == 0) return;
  // Rows that continue a series: repeat × rows. Series come from planted rows of three of the five
  // offenses and plan 2.95 further cases on average, of which about two are made before the
  // period ends; twice as many series as that would need keep the supply ahead of the demand
  // (kMaxOpen caps it), so that about `repeat` of the rows do continue one.
  double share = repeat_per_million_ / 1e6, planted = planted_per_million / 1e6;
  double start = 2.0 * share / (planted * 0.6 * 2.95);
  start_per_million_ = static_cast<uint32_t>(std::llround(std::min(1.0, start) * 1e6));
}

void RepeatSeries::begin_row(uint64_t row) {
  rng_ = Rng(seed_, row, Stream::kRepeat);
  link_used_ = false;
}

SeriesLink* RepeatSeries::continuation(Offense& conduct, Band& band) {
  if (!rng_.chance(repeat_per_million_) || open_.empty()) return nullptr;
  size_t k = rng_.below(open_.size());
  link_ = SeriesLink();
  link_.owner_ = this;
  link_.rng_ = &rng_;
  link_.start_ = false;
  link_.series_ = k;
  plan_continuation(open_[k]);
  conduct = open_[k].conduct;
  band = band_in_cycle(rng_.below(20));
  link_used_ = true;
  return &link_;
}

SeriesLink* RepeatSeries::start(Offense conduct) {
  if (conduct != Offense::kMkt01 && conduct != Offense::kMkt16 && conduct != Offense::kRes01) return nullptr;
  if (open_.size() >= kMaxOpen || !rng_.chance(start_per_million_)) return nullptr;
  check_reserved_characters();
  link_ = SeriesLink();
  link_.owner_ = this;
  link_.rng_ = &rng_;
  link_.start_ = true;
  link_used_ = true;
  return &link_;
}

void RepeatSeries::plan_continuation(Series& s) {
  Rng& rng = rng_;
  SeriesLink& l = link_;
  // The date. `edge` is the last day on which the second most recent decision still counts (or
  // the only one): two penalties in the window end there.
  const Date lo = s.next_from, hi = CaseBuilder::last_day();
  std::vector<Date> decided;
  for (const auto& c : s.cases)
    if (c.decision_date) decided.push_back(*c.decision_date);
  std::optional<Date> edge;
  if (!decided.empty()) edge = years_later(decided[decided.size() >= 2 ? decided.size() - 2 : 0], window_years(s.conduct));
  auto uniform = [&](Date from, int32_t span) {
    Date to = std::min(hi, from.add_days(span));
    return from.add_days(static_cast<int32_t>(rng.below(static_cast<uint64_t>(to.days() - from.days()) + 1)));
  };
  std::optional<Date> d;
  switch (rng.weighted({40, 20, 9, 9, 7, 7, 8})) {
    case 0: break;  // below: within a year and a half of the previous decision
    case 1: d = uniform(lo, 120); break;                                 // soon after
    case 2: if (edge) d = *edge; break;                                  // the window's last day
    case 3: if (edge) d = edge->add_days(1); break;                      // the day after it
    case 4: if (edge) d = edge->add_days(static_cast<int32_t>(rng.range(2, 180))); break;
    case 5: if (!s.cases.empty() && s.cases.back().decision_date) d = lo; break;  // the day of the decision
    default: d = lo.add_days(static_cast<int32_t>(rng.range(400, 1100))); break;  // years later
  }
  if (!d || *d < lo || *d > hi) d = uniform(lo, 540);
  l.date_ = *d;

  // The decisive amount.
  l.amount_.reset();
  switch (s.conduct) {
    case Offense::kMkt16:  // 非法经营数额: HIST-TOB needs 3万 in the case itself; MKT-16 is 5万
      switch (rng.weighted({30, 8, 6, 30, 10, 16})) {
        case 0: l.amount_ = hundreds(rng, 30000, 49900); break;
        case 1: l.amount_ = yuan(30000); break;
        case 2: l.amount_ = yuan(30000) - 1; break;  // 29,999.99
        case 3: l.amount_ = hundreds(rng, 5000, 29900); break;
        case 4: l.amount_ = hundreds(rng, 50000, 150000); break;
        default: break;  // the band decides (also 违法所得 or quantities)
      }
      break;
    case Offense::kRes01:  // 矿产品价值: RES-01 is 10万; parts under it add up (SPLIT-RES-01)
      switch (rng.weighted({50, 12, 5, 15, 18})) {
        case 0: l.amount_ = hundreds(rng, 10000, 89900); break;
        case 1: l.amount_ = hundreds(rng, 90000, 99900); break;
        case 2: l.amount_ = yuan(100000) - 1; break;
        case 3: l.amount_ = hundreds(rng, 100000, 300000); break;
        default: break;
      }
      break;
    default:  // 销售金额 of 伪劣产品: MKT-01 is 5万
      switch (rng.weighted({55, 12, 8, 25})) {
        case 0: l.amount_ = hundreds(rng, 5000, 44900); break;
        case 1: l.amount_ = hundreds(rng, 45000, 49900); break;
        case 2: l.amount_ = yuan(50000) - 1; break;
        default: break;
      }
      break;
  }

  // Who decides and how the party is written.
  l.same_place_ = rng.percent(65);
  l.write_id_ = true;
  l.name_variant_ = 0;
  switch (s.kind) {
    case PartyKind::kIndividual:
      l.write_id_ = !rng.percent(20);
      break;
    case PartyKind::kBusiness:
    case PartyKind::kUnit: {
      size_t how = rng.weighted({55, 15, 18, 12});
      l.name_variant_ = how == 1 || how == 3 ? 1 : 0;
      l.write_id_ = how <= 1;
      break;
    }
  }
  if (!s.own_name) l.write_id_ = true;
  if (l.name_variant_ == 1 && s.kind == PartyKind::kBusiness && rng.percent(20)) l.name_variant_ = 2;  // (个体工商户)
}

std::string RepeatSeries::written_name(const Series& s, int variant) const {
  if (variant == 0) return s.name;
  if (s.kind == PartyKind::kBusiness) return s.name + (variant == 2 ? "(个体工商户)" : "（个体工商户）");
  if (s.kind == PartyKind::kUnit) {
    std::string_view n = s.name;
    if (ends_with(n, "有限责任公司")) return std::string(n.substr(0, n.size() - 18)) + "有限公司";
    if (ends_with(n, "有限公司") && !ends_with(n, "股份有限公司"))
      return std::string(n.substr(0, n.size() - 12)) + "有限责任公司";
  }
  return s.name;
}

bool RepeatSeries::rename(CaseRecord& r, CaseScratch& s, PartyKind kind, std::string_view shop, const Place& place) {
  Rng& rng = rng_;
  std::string name;
  for (int attempt = 0; attempt < 16; ++attempt) {
    name.clear();
    std::string_view surname = rng.pick(surnames());
    std::string_view a = rng.pick(kFirst), b = rng.pick(kSecond);
    switch (kind) {
      case PartyKind::kIndividual: append(name, surname, a, b); break;
      case PartyKind::kBusiness:
        // 个体工商户 are often named after their operator: 西湖王翊淼烟酒店.
        append(name, place.district ? district_stem(*place.district) : city_stem(*place.region), surname, a, b,
               shop.empty() ? std::string_view("商行") : shop);
        break;
      case PartyKind::kUnit: {
        std::string_view form = ends_with(r.party_name, "股份有限公司") ? "股份有限公司"
                                : ends_with(r.party_name, "有限责任公司") ? "有限责任公司"
                                                                          : "有限公司";
        std::string_view stem = place.district && rng.percent(30) ? district_stem(*place.district) : city_stem(*place.region);
        append(name, stem, a, b, shop.empty() ? std::string_view("贸易") : shop, form);
        break;
      }
    }
    if (!names_.insert(fold(name)).second) continue;
    // The case title named the party as make_party chose: keep its style.
    if (kind == PartyKind::kIndividual) {
      size_t style = s.party_ref == r.party_name ? 2 : ends_with(s.party_ref, "某某") ? 1 : 0;
      person_ref(s.party_ref, name, surname.size(), style);
    } else {
      s.party_ref = name;
    }
    r.party_name = name;
    return true;
  }
  return false;  // keeps the name make_party gave; its cases always carry the id
}

void RepeatSeries::keep_ids_apart(CaseRecord& r) {
  if (r.party_id.empty()) return;
  const bool starts = link_used_ && link_.start_;
  uint64_t h = id_hash(r.party_id);
  // A series party: an id no earlier case of the conducts has. Any other case: not a series id.
  const auto& taken = starts ? case_ids_ : series_ids_;
  for (int attempt = 0; attempt < 64 && taken.count(h); ++attempt) {
    redraw_id(r.party_id, rng_);
    h = id_hash(r.party_id);
  }
  if (starts) series_ids_.insert(h);
  case_ids_.insert(h);
}

void RepeatSeries::close(size_t index) {
  if (index + 1 != open_.size()) open_[index] = std::move(open_.back());
  open_.pop_back();
}

void RepeatSeries::finish(const CaseRecord& r, HistoryVerdict& verdict) {
  verdict.clear();
  if (!link_used_) return;
  link_used_ = false;
  const Date hi = CaseBuilder::last_day();
  if (link_.start_) {
    Series s;
    s.conduct = r.planted;
    s.kind = r.party_kind;
    s.name = r.party_name;
    s.id = r.party_id;
    s.legal_rep = r.legal_rep;
    s.surname_bytes = surname_bytes(r.party_name);
    s.own_name = link_.own_name_;
    s.place = link_.place_;
    s.variant = link_.variant_;
    s.cases.push_back({r.case_id, r.violation_date, r.decision_date});
    s.next_from = next_from(r);
    s.remaining = static_cast<int>(rng_.weighted({15, 25, 25, 20, 15})) + 1;
    if (s.next_from <= hi && open_.size() < kMaxOpen) {
      open_.push_back(std::move(s));
      ++started_;
    }
    return;
  }
  Series& s = open_[link_.series_];
  ++continued_;
  std::string_view rule = history_rule(s.conduct);
  if (!rule.empty()) {
    const Date v = r.violation_date;
    for (const auto& c : s.cases)
      if (c.decision_date && *c.decision_date <= v && v <= years_later(*c.decision_date, window_years(s.conduct)))
        verdict.priors.push_back(c.case_id);
    // rules/cross_record.yaml: prior_min 2次; HIST-TOB: when sales_amount >= 3万元.
    bool act = s.conduct != Offense::kMkt16 || (r.sales_amount && *r.sales_amount >= yuan(30000));
    if (verdict.priors.size() >= 2 && act) {
      verdict.rule_id = rule;
      verdict.transferred = r.transferred;
    } else {
      verdict.priors.clear();
    }
  }
  s.cases.push_back({r.case_id, r.violation_date, r.decision_date});
  s.next_from = next_from(r);
  if (--s.remaining <= 0 || s.next_from > hi) close(link_.series_);
}

}  // namespace xianjie::synth
