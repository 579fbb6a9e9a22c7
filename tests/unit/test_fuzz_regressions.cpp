// Replays the fuzz corpora in the normal suite, without libFuzzer: every file of
// tests/fuzz/corpus/<target>/ and tests/fuzz/regressions/<target>/ goes through the same body the
// libFuzzer target runs (tests/fuzz/fuzz_targets.h). Each input runs in a forked child, so an input
// that crashes or breaks an invariant (the bodies abort) fails its own check instead of taking the
// whole test binary down, and the report names the file.
//
// A crash input that is kept before its fix is listed in kOpenCrashes: the main replay skips it
// and a TEST_CASE named after the crash, tagged [!mayfail], replays it until the engine is fixed;
// then delete both the list entry and that TEST_CASE.
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <algorithm>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include "../fuzz/fuzz_targets.h"

namespace fs = std::filesystem;

namespace {

const fs::path kFuzzDir = fs::path(XIANJIE_TEST_DATA_DIR "/../fuzz").lexically_normal();

using Body = void (*)(const uint8_t*, size_t);

struct Target {
  const char* name;  // directory name under corpus/ and regressions/, and the libFuzzer executable
  Body body;
};

const Target kTargets[] = {
    {"fuzz_csv", xianjie::fuzz::fuzz_csv_one},
    {"fuzz_values", xianjie::fuzz::fuzz_values_one},
    {"fuzz_condition", xianjie::fuzz::fuzz_condition_one},
    {"fuzz_rules", xianjie::fuzz::fuzz_rules_one},
};

// Kept crash inputs whose engine fix is still pending, as "regressions/<target>/<file>".
const std::set<std::string> kOpenCrashes = {};

std::vector<uint8_t> read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Runs `body` on the file in a child process. True when the child exited normally with status 0.
bool replay_in_child(Body body, const fs::path& file, std::string& outcome) {
  std::vector<uint8_t> bytes = read_bytes(file);
  std::fflush(nullptr);
  pid_t pid = ::fork();
  if (pid < 0) {
    outcome = "fork failed";
    return false;
  }
  if (pid == 0) {
    // Default dispositions, so a crash kills the child at once instead of running Catch's handler,
    // which would print a second, confusing test report from the child.
    for (int sig : {SIGSEGV, SIGABRT, SIGBUS, SIGILL, SIGFPE}) std::signal(sig, SIG_DFL);
    // An exactly-sized heap copy, as libFuzzer passes it, so sanitizer builds see overreads.
    auto* data = new uint8_t[bytes.size() + (bytes.empty() ? 1 : 0)];
    std::copy(bytes.begin(), bytes.end(), data);
    body(data, bytes.size());
    delete[] data;
    xianjie::fuzz::remove_scratch_dir();  // _exit skips the static destructor that would do it
    std::fflush(nullptr);
    ::_exit(0);
  }
  int status = 0;
  if (::waitpid(pid, &status, 0) != pid) {
    outcome = "waitpid failed";
    return false;
  }
  if (WIFEXITED(status)) {
    outcome = "exit status " + std::to_string(WEXITSTATUS(status));
    return WEXITSTATUS(status) == 0;
  }
  outcome = WIFSIGNALED(status) ? "killed by signal " + std::to_string(WTERMSIG(status)) : "stopped";
  return false;
}

std::vector<fs::path> inputs_of(const std::string& kind, const std::string& target) {
  std::vector<fs::path> files;
  std::error_code ec;
  fs::path dir = kFuzzDir / kind / target;
  if (!fs::is_directory(dir, ec)) return files;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.is_regular_file() && entry.path().filename().string().front() != '.') files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string relative_name(const fs::path& file) { return file.lexically_relative(kFuzzDir).generic_string(); }

Body body_of(const std::string& target) {
  for (const Target& t : kTargets) {
    if (target == t.name) return t.body;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("fuzz corpora and kept crash inputs replay cleanly", "[fuzz]") {
  REQUIRE(fs::is_directory(kFuzzDir / "corpus"));
  size_t replayed = 0;
  for (const Target& target : kTargets) {
    for (const char* kind : {"corpus", "regressions"}) {
      for (const fs::path& file : inputs_of(kind, target.name)) {
        const std::string name = relative_name(file);
        if (kOpenCrashes.count(name) != 0) continue;
        std::string outcome;
        const bool ok = replay_in_child(target.body, file, outcome);
        INFO(name << ": " << outcome);
        CHECK(ok);
        ++replayed;
      }
    }
  }
  // Every target has seeds; an empty replay means the path is wrong, not that all is well.
  CHECK(replayed >= std::size(kTargets));
}

TEST_CASE("every kept crash input belongs to a known target", "[fuzz]") {
  std::error_code ec;
  for (const char* kind : {"corpus", "regressions"}) {
    if (!fs::is_directory(kFuzzDir / kind, ec)) continue;
    for (const auto& entry : fs::directory_iterator(kFuzzDir / kind, ec)) {
      if (!entry.is_directory()) continue;
      INFO(relative_name(entry.path()));
      CHECK(body_of(entry.path().filename().string()) != nullptr);
    }
  }
  for (const std::string& name : kOpenCrashes) {
    INFO(name);
    CHECK(fs::is_regular_file(kFuzzDir / name));
  }
}

