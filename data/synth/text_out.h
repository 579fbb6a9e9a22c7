// Appending text pieces and numbers to reused strings, the way case titles and facts are built.
//
// Everything appends to a string the caller owns and clears per row, so generating a record does
// not allocate once the strings have grown to their working size.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "xianjie/date.h"

namespace xianjie::synth {

template <typename... Parts>
void append(std::string& out, const Parts&... parts) {
  (out.append(std::string_view(parts)), ...);
}

void append_int(std::string& out, int64_t v);
// v / 10^decimals, trailing fractional zeros dropped: (1500, 3) → "1.5", (520, 2) → "5.2".
void append_fixed(std::string& out, int64_t v, int decimals);
// "52,000" / "52,000.00" / "49,999.99": thousands separators; cents when present or asked for.
void append_grouped_yuan(std::string& out, int64_t fen, bool always_cents);
// True when the amount reads naturally in 万元 (at least 1万, at most two decimals: 5.2万).
bool wan_is_short(int64_t fen);
// Yuan from fen: "52000", "49999.99", "150000.5" — no grouping.
void append_yuan_plain(std::string& out, int64_t fen);
// A value × 1000 as a short decimal: 600000 → "600", 1500 → "1.5", 12345 → "12.345".
void append_milli(std::string& out, int64_t milli);
// "2023年4月12日", the way dates are written in case facts.
void append_date_cn(std::string& out, Date d);
// Money as it appears inside facts: "52000元", "52,000元", "5.2万元" (chosen by `style` 0–2).
void append_money_cn(std::string& out, int64_t fen, int style);

}  // namespace xianjie::synth
