// The generator's random numbers: xoshiro256** seeded through splitmix64.
//
// std::mt19937 would be reproducible, but the std:: distributions built on it are not: their
// algorithms differ between standard libraries and versions, and the sample files must come out
// byte-identical everywhere. Everything here is plain integer arithmetic.
//
// Each row gets its own generators, derived from (seed, row, stream): the content of row 17 does
// not depend on how rows 1–16 were formatted, on --dirty, or on the encoding, and the first 300 rows
// of a 1,000,000-row run are the 300-row sample.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>

namespace xianjie::synth {

// The splitmix64 finaliser: a bijective 64-bit mix.
constexpr uint64_t mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// Independent streams of one row. kRepeat (--repeat: which rows continue or start a series of
// cases of one party) and kLinked / kLinkedFormat (--transfers, --non-prosecutions: the rows of a
// transferred case and their CSV spellings) are drawn only when those options are given, so
// without them every row is what it always was.
enum class Stream : uint64_t { kContent = 1, kFormat = 2, kDefect = 3, kRepeat = 4, kLinked = 5, kLinkedFormat = 6 };

class Rng {
 public:
  explicit Rng(uint64_t seed) {
    uint64_t x = seed;
    for (auto& w : s_) {
      x += 0x9E3779B97F4A7C15ULL;
      w = mix64(x);
    }
  }
  Rng(uint64_t seed, uint64_t row, Stream stream)
      : Rng(mix64(seed) ^ mix64(row * 0xD1B54A32D192ED03ULL + static_cast<uint64_t>(stream))) {}

  uint64_t next() {
    const uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, n), without modulo bias; n > 0.
  uint64_t below(uint64_t n) {
    const uint64_t limit = (0 - n) % n;  // values below this would be over-represented
    for (;;) {
      uint64_t r = next();
      if (r >= limit) return r % n;
    }
  }
  // Uniform in [lo, hi], both included.
  int64_t range(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(below(static_cast<uint64_t>(hi - lo) + 1));
  }
  // True with probability per_million / 1,000,000.
  bool chance(uint32_t per_million) { return below(1000000) < per_million; }
  // True with probability percent / 100.
  bool percent(uint32_t p) { return below(100) < p; }

  // Index chosen with the given weights (at least one positive).
  size_t weighted(std::initializer_list<uint32_t> weights) {
    uint64_t total = 0;
    for (uint32_t w : weights) total += w;
    uint64_t r = below(total);
    size_t i = 0;
    for (uint32_t w : weights) {
      if (r < w) return i;
      r -= w;
      ++i;
    }
    return i - 1;
  }

  template <typename T, size_t N>
  const T& pick(const T (&items)[N]) {
    return items[below(N)];
  }
  template <typename Container>
  const auto& pick(const Container& items) {
    return items[below(items.size())];
  }

 private:
  static constexpr uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

}  // namespace xianjie::synth
