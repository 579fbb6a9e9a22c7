// One generated administrative-penalty case, with typed values, before it is written.
//
// The writers render the same record twice: as an untidy CSV cell by cell (value format variants,
// defects) and as clean typed SQLite values. The ground truth is computed from the typed values
// and from the conduct facts below, which the writers never see as such.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "xianjie/date.h"

namespace xianjie::synth {

struct Region;
struct District;

// Amounts in fen (0.01 yuan): exact, and enough for 49,999.99.
using Money = std::optional<int64_t>;
constexpr int64_t yuan(int64_t y) { return y * 100; }

enum class PartyKind : uint8_t { kIndividual, kBusiness /* 个体工商户 */, kUnit };

// The offenses the generator plants (legal-thresholds.md §1A ids).
enum class Offense : uint8_t { kNone, kMkt01, kMkt16, kRes01, kWld01, kTax01 };
constexpr int kOffenseCount = 5;
std::string_view offense_id(Offense o);  // "MKT-01" …

enum class QuantityUnit : uint8_t {
  kNone, kKg, kJin, kTon, kStick, kCarton, kMeter, kSquareMeter, kCubicMeter, kPiece, kItem, kStrip,
};
std::string_view unit_name(QuantityUnit u);  // "公斤", "斤", "吨", "支", "条" …

// Fishing conduct: what makes the catch illegal in the first place, and which method was used.
enum class FishingMethod : uint8_t { kNone, kBannedNet, kElectric, kPoison, kExplosive };
struct FishingConduct {
  bool closed_season = false;  // 禁渔期
  bool closed_area = false;    // 禁渔区
  FishingMethod method = FishingMethod::kNone;
};

struct CaseRecord {
  std::string case_id;
  std::string agency;
  std::string region_code;
  std::string_view domain;
  PartyKind party_kind = PartyKind::kIndividual;
  std::string party_name;
  std::string party_id;
  std::string legal_rep;
  std::string case_reason;
  std::string facts;
  Date violation_date;
  std::optional<Date> filing_date;
  std::optional<Date> decision_date;
  std::array<std::string_view, 4> penalties{};  // 警告, 罚款, 没收违法所得 …
  size_t penalty_count = 0;
  Money fine;
  Money confiscated_income;
  Money illegal_income;
  Money sales_amount;
  Money goods_value;
  Money amount_involved;
  Money mineral_value;
  Money tax_evaded;
  Money tax_payable;
  std::optional<int64_t> quantity_milli;  // quantity × 1000, in `unit`
  QuantityUnit unit = QuantityUnit::kNone;
  bool transferred = false;
  std::optional<Date> transfer_date;
  std::string_view status;

  // Ground-truth inputs that are not columns.
  Offense planted = Offense::kNone;  // the offense whose conduct the case describes, if any
  FishingConduct fishing;
  // Where the deciding agency sits (for the police and procuratorate of --transfers and
  // --non-prosecutions); district null: the prefecture level.
  const Region* region = nullptr;
  const District* district = nullptr;

  void add_penalty(std::string_view p) {
    if (penalty_count < penalties.size()) penalties[penalty_count++] = p;
  }

  // Empties the record for reuse; strings keep their capacity so the hot loop does not allocate.
  void reset() {
    case_id.clear(); agency.clear(); region_code.clear(); domain = {};
    party_kind = PartyKind::kIndividual;
    party_name.clear(); party_id.clear(); legal_rep.clear(); case_reason.clear(); facts.clear();
    violation_date = Date();
    filing_date.reset(); decision_date.reset();
    penalty_count = 0;
    fine.reset(); confiscated_income.reset(); illegal_income.reset(); sales_amount.reset();
    goods_value.reset(); amount_involved.reset(); mineral_value.reset(); tax_evaded.reset();
    tax_payable.reset();
    quantity_milli.reset(); unit = QuantityUnit::kNone;
    transferred = false; transfer_date.reset(); status = {};
    planted = Offense::kNone; fishing = FishingConduct();
    region = nullptr; district = nullptr;
  }
};

}  // namespace xianjie::synth
