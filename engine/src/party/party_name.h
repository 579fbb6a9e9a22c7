// Internal form of normalize_party_name() that appends to a string the caller owns, so that
// party_key() builds "name:" + the name in one allocation.
#pragma once

#include <string>
#include <string_view>

namespace xianjie::party_detail {

// Appends the normalised form of `raw` to `out`; what `out` held before is left alone.
void append_party_name(std::string& out, std::string_view raw);

}  // namespace xianjie::party_detail
