// Helpers shared by the fuzz bodies: the invariant check, an independent UTF-8 validator and the
// scratch file the file-based readers (CSV, rule YAML) are fed through.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "fuzz_targets.h"

namespace xianjie::fuzz {
namespace {

namespace fs = std::filesystem;

// One directory per process, so parallel fuzzing jobs and test runs never share a file.
// The pid is taken on each use, so a forked child gets its own directory.
struct ScratchDir {
  fs::path path;
  ~ScratchDir() { remove(); }
  const fs::path& get() {
    fs::path wanted = fs::temp_directory_path() / ("xianjie_fuzz_" + std::to_string(::getpid()));
    if (wanted != path) {
      path = wanted;
      fs::create_directories(path);
    }
    return path;
  }
  void remove() {
    if (path.empty()) return;
    std::error_code ec;
    fs::remove_all(path, ec);
    path.clear();
  }
};

ScratchDir& scratch_dir() {
  static ScratchDir dir;
  return dir;
}

}  // namespace

void check(bool ok, const char* what, std::string_view detail) {
  if (ok) return;
  std::fprintf(stderr, "\n==xianjie fuzz== invariant broken: %s\n", what);
  if (!detail.empty()) std::fprintf(stderr, "==xianjie fuzz== detail: %.*s\n", static_cast<int>(detail.size()), detail.data());
  std::fflush(stderr);
  std::abort();
}

bool valid_utf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) {
      ++i;
      continue;
    }
    size_t len = 0;
    uint32_t cp = 0;
    if (b0 >= 0xC2 && b0 <= 0xDF) { len = 2; cp = b0 & 0x1Fu; }
    else if (b0 >= 0xE0 && b0 <= 0xEF) { len = 3; cp = b0 & 0x0Fu; }
    else if (b0 >= 0xF0 && b0 <= 0xF4) { len = 4; cp = b0 & 0x07u; }
    else return false;
    if (s.size() - i < len) return false;
    for (size_t k = 1; k < len; ++k) {
      const auto b = static_cast<unsigned char>(s[i + k]);
      if ((b & 0xC0u) != 0x80u) return false;
      cp = (cp << 6) | (b & 0x3Fu);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000)) return false;  // overlong
    if (cp >= 0xD800 && cp <= 0xDFFF) return false;                            // surrogate
    if (cp > 0x10FFFF) return false;
    i += len;
  }
  return true;
}

std::string write_scratch_file(const char* name, const uint8_t* data, size_t size) {
  std::string path = (scratch_dir().get() / name).string();
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  out.close();
  check(static_cast<bool>(out), "could not write the scratch file", path);
  return path;
}

void remove_scratch_dir() { scratch_dir().remove(); }

}  // namespace xianjie::fuzz
