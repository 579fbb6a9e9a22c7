// UTF-8 and NUL check for rows; see utf8_scan.h.
//
// This check touches every byte of the input and, on Chinese text, was the largest cost of the
// reader (~2 cycles per byte with the scalar loop: the ASCII word fast path does not help when
// most characters are three bytes). Where the CPU has AVX2, rows are first checked 32 bytes at a
// time with the lookup-table method of Keiser and Lemire ("Validating UTF-8 in less than one
// instruction per byte", 2021): three 16-entry tables, indexed by the nibbles of each byte and of
// the byte before it, flag every invalid two-byte pattern, and the positions that must continue a
// 3- or 4-byte sequence are checked separately. Only a row that fails goes through the scalar loop,
// which finds the offending byte for the message.
#include "common/utf8_scan.h"

#include <cstdint>
#include <cstring>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define XIANJIE_UTF8_AVX2 1
#endif

namespace xianjie {
namespace {

constexpr uint64_t kOnes = 0x0101010101010101ULL;
constexpr uint64_t kHighBits = 0x8080808080808080ULL;

// True when the eight bytes of `w` are all ASCII and none is NUL. With no high bit set,
// (w - ones) & high is non-zero exactly when some byte was zero.
inline bool plain_ascii_word(uint64_t w) { return ((w | (w - kOnes)) & kHighBits) == 0; }

inline bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

size_t find_bad_byte_scalar(const unsigned char* s, size_t n) {
  size_t i = 0;
  while (i < n) {
    // Runs of ASCII (digits, dates, ids) go eight bytes at a time.
    while (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, s + i, 8);
      if (!plain_ascii_word(w)) break;
      i += 8;
    }
    // Then characters one at a time until the next ASCII run.
    while (i < n) {
      unsigned char c = s[i];
      if (c < 0x80) {
        if (c == 0) return i;
        ++i;
        if (i + 8 <= n && s[i] < 0x80) break;  // back to the word loop
        continue;
      }
      if (c < 0xC2) return i;  // stray continuation byte or overlong 2-byte lead
      if (c < 0xE0) {
        if (i + 1 >= n || !is_continuation(s[i + 1])) return i;
        i += 2;
      } else if (c < 0xF0) {
        if (i + 2 >= n) return i;
        unsigned char c1 = s[i + 1];
        if (!is_continuation(c1) || !is_continuation(s[i + 2])) return i;
        if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0)) return i;  // overlong, surrogate
        i += 3;
      } else if (c < 0xF5) {
        if (i + 3 >= n) return i;
        unsigned char c1 = s[i + 1];
        if (!is_continuation(c1) || !is_continuation(s[i + 2]) || !is_continuation(s[i + 3])) return i;
        if ((c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 >= 0x90)) return i;  // overlong, > U+10FFFF
        i += 4;
      } else {
        return i;
      }
    }
  }
  return kNoBadByte;
}

#ifdef XIANJIE_UTF8_AVX2

// Error classes of a (previous byte, current byte) pair; a pair is invalid when the classes that
// its three nibbles allow have a bit in common.
constexpr uint8_t kTooShort = 1 << 0;   // lead byte followed by ASCII or another lead
constexpr uint8_t kTooLong = 1 << 1;    // ASCII followed by a continuation byte
constexpr uint8_t kOverlong3 = 1 << 2;  // E0 80..9F
constexpr uint8_t kTooLarge = 1 << 3;   // F4 90..BF, or a lead F5..FF
constexpr uint8_t kSurrogate = 1 << 4;  // ED A0..BF
constexpr uint8_t kOverlong2 = 1 << 5;  // C0/C1 followed by a continuation
constexpr uint8_t kTooLarge1000 = 1 << 6;  // F5..FF 80..8F
constexpr uint8_t kOverlong4 = 1 << 6;     // F0 80..8F (shares the bit: never both possible)
constexpr uint8_t kTwoConts = 1 << 7;      // continuation after continuation: fine only mid-sequence
constexpr uint8_t kCarry = kTooShort | kTooLong | kTwoConts;

// Indexed by the high nibble of the previous byte, its low nibble, and the high nibble of the
// current byte.
constexpr uint8_t kByte1High[16] = {
    kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong,  // 0..7
    kTwoConts, kTwoConts, kTwoConts, kTwoConts,                                      // 8..B
    kTooShort | kOverlong2,                                                          // C
    kTooShort,                                                                       // D
    kTooShort | kOverlong3 | kSurrogate,                                             // E
    kTooShort | kTooLarge | kTooLarge1000 | kOverlong4};                             // F
constexpr uint8_t kByte1Low[16] = {
    kCarry | kOverlong3 | kOverlong2 | kOverlong4,                            // 0
    kCarry | kOverlong2,                                                      // 1
    kCarry, kCarry,                                                           // 2, 3
    kCarry | kTooLarge,                                                       // 4
    kCarry | kTooLarge | kTooLarge1000, kCarry | kTooLarge | kTooLarge1000,  // 5, 6
    kCarry | kTooLarge | kTooLarge1000, kCarry | kTooLarge | kTooLarge1000,  // 7, 8
    kCarry | kTooLarge | kTooLarge1000, kCarry | kTooLarge | kTooLarge1000,  // 9, A
    kCarry | kTooLarge | kTooLarge1000, kCarry | kTooLarge | kTooLarge1000,  // B, C
    kCarry | kTooLarge | kTooLarge1000 | kSurrogate,                         // D
    kCarry | kTooLarge | kTooLarge1000, kCarry | kTooLarge | kTooLarge1000};  // E, F
constexpr uint8_t kByte2High[16] = {
    kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort,  // 0..7
    kTooLong | kOverlong2 | kTwoConts | kOverlong3 | kTooLarge1000 | kOverlong4,             // 8
    kTooLong | kOverlong2 | kTwoConts | kOverlong3 | kTooLarge,                              // 9
    kTooLong | kOverlong2 | kTwoConts | kSurrogate | kTooLarge,                              // A
    kTooLong | kOverlong2 | kTwoConts | kSurrogate | kTooLarge,                              // B
    kTooShort, kTooShort, kTooShort, kTooShort};                                             // C..F

__attribute__((target("avx2"))) inline __m256i broadcast_table(const uint8_t* table) {
  return _mm256_broadcastsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(table)));
}

__attribute__((target("avx2"))) inline __m256i previous_bytes(__m256i input, __m256i prev_input, int n) {
  // Bytes of `input` shifted right by n across the whole 32-byte register, with the tail of the
  // previous block coming in. alignr works per 128-bit lane, hence the lane permute.
  __m256i across = _mm256_permute2x128_si256(prev_input, input, 0x21);
  switch (n) {
    case 1: return _mm256_alignr_epi8(input, across, 15);
    case 2: return _mm256_alignr_epi8(input, across, 14);
    default: return _mm256_alignr_epi8(input, across, 13);
  }
}

__attribute__((target("avx2"))) bool has_bad_byte_avx2(const unsigned char* s, size_t n) {
  const __m256i byte_1_high = broadcast_table(kByte1High);
  const __m256i byte_1_low = broadcast_table(kByte1Low);
  const __m256i byte_2_high = broadcast_table(kByte2High);
  const __m256i low_nibble = _mm256_set1_epi8(0x0F);
  const __m256i zero = _mm256_setzero_si256();
  // prev2 - 0x60 and prev3 - 0x70 (saturating) have the high bit set exactly when a 3- or 4-byte
  // lead sits two or three bytes back, i.e. when the current byte must be a continuation.
  const __m256i third_lead = _mm256_set1_epi8(static_cast<char>(0xE0 - 0x80));
  const __m256i fourth_lead = _mm256_set1_epi8(static_cast<char>(0xF0 - 0x80));
  const __m256i high_bit = _mm256_set1_epi8(static_cast<char>(0x80));

  __m256i error = zero;
  __m256i prev_input = zero;
  // The tail goes through a copy padded with spaces: a sequence cut by the end of the row then
  // fails like any lead byte followed by ASCII. The padded block runs even when the tail is empty,
  // for that reason.
  alignas(32) unsigned char tail[32];
  for (size_t i = 0;; i += 32) {
    const unsigned char* block = s + i;
    if (i + 32 > n) {
      std::memset(tail, ' ', sizeof tail);
      std::memcpy(tail, s + i, n - i);
      block = tail;
    }
    __m256i input = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(block));
    __m256i prev1 = previous_bytes(input, prev_input, 1);
    __m256i special = _mm256_and_si256(
        _mm256_and_si256(_mm256_shuffle_epi8(byte_1_high, _mm256_and_si256(_mm256_srli_epi16(prev1, 4), low_nibble)),
                         _mm256_shuffle_epi8(byte_1_low, _mm256_and_si256(prev1, low_nibble))),
        _mm256_shuffle_epi8(byte_2_high, _mm256_and_si256(_mm256_srli_epi16(input, 4), low_nibble)));
    __m256i must_continue =
        _mm256_or_si256(_mm256_subs_epu8(previous_bytes(input, prev_input, 2), third_lead),
                        _mm256_subs_epu8(previous_bytes(input, prev_input, 3), fourth_lead));
    error = _mm256_or_si256(error, _mm256_xor_si256(_mm256_and_si256(must_continue, high_bit), special));
    error = _mm256_or_si256(error, _mm256_cmpeq_epi8(input, zero));
    prev_input = input;
    if (block == tail) break;
  }
  return !_mm256_testz_si256(error, error);
}

bool have_avx2() {
  // Explicit init: the CPU model may not be filled in yet if this runs during static construction.
  static const bool value = [] {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") != 0;
  }();
  return value;
}

#endif  // XIANJIE_UTF8_AVX2

}  // namespace

size_t find_bad_utf8_byte(const char* text, size_t n) {
  const auto* s = reinterpret_cast<const unsigned char*>(text);
#ifdef XIANJIE_UTF8_AVX2
  if (have_avx2() && !has_bad_byte_avx2(s, n)) return kNoBadByte;
#endif
  return find_bad_byte_scalar(s, n);
}

}  // namespace xianjie
