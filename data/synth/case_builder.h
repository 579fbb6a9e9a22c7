// The parts every generated case has, whatever its kind: where it happened, who the party is, which
// agency decided it under which document number, when, and how it ended (penalty or transfer).
//
// Case kinds (ordinary_cases.cpp, planted_*.cpp) call these in order: pick_place → make_party →
// (their own dates, amounts and texts) → finish. finish() computes the ground truth first because
// whether a case was transferred depends on it.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "case_record.h"
#include "rng.h"
#include "thresholds.h"
#include "vocabulary.h"

namespace xianjie::synth {

enum class AgencyKind : uint8_t {
  kMarket, kTax, kNaturalResources, kAgriculture, kTobacco, kEnvironment, kEmergency, kCityManagement,
  kTransport, kHealth, kHumanResources, kForestry, kCulture, kWater, kHousing,
};

struct Place {
  const Region* region = nullptr;
  const District* district = nullptr;  // null: the agency sits at the prefecture level
};

// Text scraps for one case that are not columns.
struct CaseScratch {
  std::string party_ref;  // how the case title names the party: "张某", "杭州鑫达电线电缆有限公司"
  std::string address;    // "西湖区文化路118号"
};

class CaseBuilder {
 public:
  // A place for the case; `rural` prefers counties (fishing, mining).
  Place pick_place(Rng& rng, bool rural) const;

  // Fills party_kind, party_name, party_id, legal_rep and scratch.party_ref. `shop` is the kind
  // of business used in names ("电线电缆", "矿业", "烟酒店"); for units it precedes 有限公司.
  void make_party(Rng& rng, CaseRecord& r, CaseScratch& scratch, PartyKind kind, std::string_view shop,
                  const Place& place) const;
  void append_person_name(Rng& rng, std::string& out) const;

  // Fills scratch.address with a street address (town) or a village (countryside) of the place.
  void make_address(Rng& rng, CaseScratch& scratch, const Place& place, bool countryside) const;

  // Uniform violation date in [from, to].
  static Date random_date(Rng& rng, Date from, Date to);
  static Date first_day() { return *Date::from_ymd(2021, 1, 1); }
  static Date last_day() { return *Date::from_ymd(2025, 9, 30); }

  // Completes the record: ground truth, transfer decision, filing/decision/transfer dates,
  // agency, region code, document number and status. Returns the thresholds crossed.
  Crossings finish(Rng& rng, CaseRecord& r, AgencyKind agency, const Place& place);

 private:
  void make_agency(Rng& rng, CaseRecord& r, AgencyKind agency, const Place& place, int year);

  // The last document number given out per document-number prefix and year, so numbers are unique
  // within the file and rise through it, as in a real register. Bounded by places × agencies ×
  // years. Keyed by a 64-bit hash of the prefix and year in a small open-addressing table: a
  // std::unordered_map<std::string> lookup was a tenth of the generator's time.
  uint32_t& counter(uint64_t key_hash);
  std::vector<std::pair<uint64_t, uint32_t>> counters_;  // (hash + 1, number); hash 0 = empty slot
  size_t counters_used_ = 0;
  std::string key_;
};

}  // namespace xianjie::synth
