// Shared by the id checks: reading an id cell into its canonical characters once, and the two
// validators working on that reading, so that classify_party_id() can try both without reading
// the cell twice.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "xianjie/date.h"
#include "xianjie/party.h"

namespace xianjie::party_detail {

inline constexpr size_t kIdLength = 18;

// An id cell with white space dropped, full-width forms folded and ASCII letters upper-cased.
struct IdScan {
  char chars[kIdLength];      // the first 18 canonical characters
  uint32_t count = 0;         // canonical characters in the whole cell (up to the first bad one)
  uint32_t bad_position = 0;  // 1-based position of the first character that is no letter or digit; 0 if none
  char32_t bad_char = 0;      // that character (width-folded)
};

void scan_id(std::string_view raw, IdScan& out);

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Both report the scan's own problems (empty, bad character, length) first.
IdCheck check_resident_id(const IdScan& scan, std::optional<Date> as_of);
IdCheck check_credit_code(const IdScan& scan);

}  // namespace xianjie::party_detail
