// SHA-256 (FIPS 180-4), for the fingerprints and evidence digests of the state file.
//
// Our own ~150 lines instead of a dependency: none of the project's Debian packages exposes a
// hash function (SQLite has none in its C API), and SHA-256 is short, fully specified and
// checked here against the FIPS 180-4 / NIST CAVP test vectors (tests/unit/test_state.cpp).
// It is used for identity, not secrecy; nothing here needs to resist timing attacks.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace xianjie::state_detail {

class Sha256 {
 public:
  using Digest = std::array<uint8_t, 32>;

  Sha256();
  // Appends bytes to the message.
  Sha256& update(std::string_view bytes);
  // Appends `field` as a netstring, "<length in decimal>:<bytes>,", so that a sequence of fields
  // hashes unambiguously ("ab","c" and "a","bc" differ).
  Sha256& field(std::string_view field);
  // Pads, finishes and returns the digest. The object must not be updated afterwards.
  Digest finish();

 private:
  void block(const uint8_t* p);

  std::array<uint32_t, 8> h_;
  std::array<uint8_t, 64> buf_{};
  size_t buffered_ = 0;
  uint64_t length_ = 0;  // message length in bytes
};

// Lower-case hex of the first `bytes` bytes of `d`.
std::string to_hex(const Sha256::Digest& d, size_t bytes = 32);

// Convenience: hex SHA-256 of `bytes`.
std::string sha256_hex(std::string_view bytes);

// FNV-1a, 64 bits: a fast check of whether a stored text is still the same (not an identity: a
// collision would only keep an older copy of a finding's text).
uint64_t fnv1a64(std::string_view bytes);

}  // namespace xianjie::state_detail
