// Realistic defects for --dirty: what hand-kept spreadsheets and broken exports contain.
//
// A defective row gets exactly one of: an amount that cannot be parsed (待核实, 见附件), an
// amount written as an approximation of itself (52,345 as 5万多元 or 五万多: it parses, as 50,000
// marked approximate), an impossible date (2023-02-30), a lost delimiter (one field too few), a
// quote that is opened and never closed, or an ID whose check character is wrong. Defects touch only the CSV; the SQLite
// table is a clean export and the ground truth is that of the numbers generated.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "columns.h"
#include "rng.h"

namespace xianjie::synth {

enum class Defect : uint8_t {
  kNone,
  kBadAmount,
  kBadDate,
  kMissingDelimiter,
  kUnbalancedQuote,
  kBadIdCheck,
  kApproximateAmount,
};
constexpr size_t kDefectKinds = 6;
// The kinds of damage drawn per defective row: amount (unparsable or approximate), date, delimiter,
// quote, ID.
constexpr size_t kDamageDraws = 5;
std::string_view defect_name(Defect d);

// The cells of one CSV row before serialisation.
struct CsvRow {
  std::array<std::string, kColumnCount> cells;
  size_t count = kColumnCount;   // fewer after a lost delimiter
  size_t open_quote_cell = kColumnCount;  // written as '"' + text, never closed
  void reset() {
    for (auto& c : cells) c.clear();
    count = kColumnCount;
    open_quote_cell = kColumnCount;
  }
};

// Applies one defect to `row` and returns which. A kind that does not fit the row (no amount to
// spoil, no ID) falls back to a lost delimiter, which always fits.
Defect apply_defect(Rng& rng, CsvRow& row);

}  // namespace xianjie::synth
