// The canonical fields of ../shared/data-dictionary.md: names, types, Chinese labels and the
// column headers that map to them out of the box.
//
// Canonical fields of the `cases` table occupy the first slots of every record, in the order of
// cases_fields(); a rule's condition is bound to those slot numbers once, when it is compiled.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xianjie {

enum class FieldType : uint8_t {
  kText,
  kAmount,          // yuan, exact decimal; headers may carry 万元/亿元 scaling
  kNumber,          // exact decimal without a currency
  kInteger,
  kDate,
  kBool,
  kPartyType,       // enum: individual / unit
  kPoliceDecision,  // enum: filed / not_filed / returned / pending
  kList,            // separated by ; ； 、 , ，
  kQuantity,        // number + unit (from the value or from the quantity_unit column)
};

std::string_view field_type_name(FieldType t);  // Chinese, for messages

enum class TableKind : uint8_t { kCases, kTransfers, kNonProsecutions };

struct FieldDef {
  std::string_view name;    // canonical snake_case name, e.g. "sales_amount"
  FieldType type;
  std::string_view label;   // Chinese label used in messages, e.g. "销售金额"
  std::vector<std::string_view> aliases;  // recognised Chinese headers (the label is one of them)
};

// Fields of a table, in slot order.
const std::vector<FieldDef>& table_fields(TableKind table);
inline const std::vector<FieldDef>& cases_fields() { return table_fields(TableKind::kCases); }

// Slot of a canonical field of the cases table, or nullopt.
std::optional<int> find_case_field(std::string_view name);

// Named slots used directly by the engine (report columns, transfer status, …). They must match
// the order in fields.cpp; a unit test checks every one against find_case_field.
namespace slot {
inline constexpr int kCaseId = 0;
inline constexpr int kAgency = 1;
inline constexpr int kRegionCode = 2;
inline constexpr int kDomain = 3;
inline constexpr int kPartyType = 4;
inline constexpr int kPartyName = 5;
inline constexpr int kPartyId = 6;
inline constexpr int kLegalRep = 7;
inline constexpr int kCaseReason = 8;
inline constexpr int kFacts = 9;
inline constexpr int kViolationDate = 10;
inline constexpr int kFilingDate = 11;
inline constexpr int kDecisionDate = 12;
inline constexpr int kPenaltyKinds = 13;
inline constexpr int kFineAmount = 14;
inline constexpr int kQuantity = 31;
inline constexpr int kQuantityUnit = 32;
inline constexpr int kTransferred = 34;
inline constexpr int kTransferDate = 35;
}  // namespace slot

// Normalises a column header for matching: trims white space, folds full-width ASCII and
// full-width brackets to half-width, and removes a trailing bracketed unit. The unit, when it is
// one of 元/万元/亿元, is returned as a multiplier in `scale` (1, 10000, 100000000); any other
// bracketed suffix is returned in `suffix`.
struct NormalizedHeader {
  std::string name;
  int64_t scale = 1;
  std::string suffix;
};
NormalizedHeader normalize_header(std::string_view header);

// Smallest edit distance match among canonical names and labels, for "did you mean" hints.
std::optional<std::string> nearest_field_name(std::string_view name);

}  // namespace xianjie
