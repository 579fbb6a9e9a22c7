// The checks of check-data as an enum, in the order of the catalogue (catalogue.cpp), so that the
// code that runs a check names it without a lookup by string. A unit test ties every enumerator
// to its id in quality_checks().
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace xianjie::quality {

enum class Check : uint8_t {
  kUnreadableRow,
  kMissingColumn,
  kColumnMapping,
  kMissingValue,
  kUnparsableValue,
  kDuplicateCaseId,
  kPartyIdInvalid,
  kPartyIdTypeMismatch,
  kPartyIdLegacy,
  kPartyAge,
  kDateOrder,
  kDateFuture,
  kDateSpan,
  kTransferSequence,
  kTransferDateMissing,
  kTransferConflict,
  kTransferStatusConflict,
  kNegativeValue,
  kAbsurdAmount,
  kAmountInconsistent,
  kAmountApproximate,
  kFinePenaltyMismatch,
  kPenaltyKindUnknown,
  kQuantityUnitMissing,
  kRegionCode,
  kTextGarbled,
  kCount,
};

inline constexpr size_t kCheckCount = static_cast<size_t>(Check::kCount);
constexpr size_t index_of(Check c) { return static_cast<size_t>(c); }

// "未知的检查项 'x'（是否指 y？）" with the nearest id, for options and configuration files.
std::string unknown_check_message(std::string_view id);

}  // namespace xianjie::quality
