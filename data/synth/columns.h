// The columns of the generated `cases` table, in file order: the CSV header, the SQLite column
// name and its declared type.
//
// One fixed header set per file, using the headers that exports most often carry (all of them are
// recognised aliases in data-dictionary.md). The CSV's 涉案金额 is in 万元, as some platforms export
// it; the SQLite table stores yuan under the plain name 涉案金额.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace xianjie::synth {

// Column positions; a plain enum in its own namespace because they index arrays (col::kFine).
namespace col {
enum Column : size_t {
  kCaseId, kAgency, kRegionCode, kDomain, kPartyType, kPartyName, kPartyId, kLegalRep, kCaseReason, kFacts,
  kViolationDate, kFilingDate, kDecisionDate, kPenaltyKinds, kFine, kConfiscatedIncome, kIllegalIncome,
  kSalesAmount, kGoodsValue, kAmountInvolved, kMineralValue, kTaxEvaded, kTaxPayable, kQuantity, kQuantityUnit,
  kTransferred, kTransferDate, kStatus,
  kCount
};
}  // namespace col
inline constexpr size_t kColumnCount = col::kCount;

struct ColumnDef {
  std::string_view csv_header;
  std::string_view sqlite_name;
  std::string_view sqlite_type;  // DECIMAL(18,2) has NUMERIC affinity: 52000 stays an integer
};

const std::array<ColumnDef, kColumnCount>& columns();

bool is_amount_column(size_t c);
bool is_date_column(size_t c);

}  // namespace xianjie::synth
