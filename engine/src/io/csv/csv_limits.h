// Size limits of the CSV reader. They bound memory whatever the input: a stray quote or a binary
// file fed by mistake costs at most one row-sized buffer, never the whole file.
#pragma once

#include <cstddef>

namespace xianjie {

inline constexpr size_t kMaxFieldBytes = size_t{16} << 20;  // a longer field rejects its row
inline constexpr size_t kMaxRowBytes = size_t{32} << 20;    // likewise for a row
inline constexpr size_t kReadBufferBytes = size_t{4} << 20;  // initial size of the parse buffer
inline constexpr size_t kMinReadBytes = size_t{64} << 10;    // the buffer grows below this much room
inline constexpr size_t kEncodingSampleBytes = size_t{1} << 20;
inline constexpr size_t kMaxOriginalBytes = size_t{64} << 10;  // of a rejected row's text, for the handler

}  // namespace xianjie
