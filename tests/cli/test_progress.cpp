// The progress line of long scans: drawn on a terminal, absent otherwise.
#include <catch2/catch.hpp>

#include <cstdlib>

#include "cli_harness.h"

using namespace xianjie::test;

namespace {
bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }
}  // namespace

TEST_CASE("progress: a line on a terminal, erased at the end; nothing when stderr is not a terminal", "[cli]") {
  TempDir t;
  std::string input = std::string(XIANJIE_SOURCE_DIR) + "/data/sample/cases.csv";
  // Not a terminal: no carriage returns, no escape sequences on stderr.
  auto r = t.run("scan " + shell_quote(input) + " -f jsonl --out /dev/null");
  CHECK(r.err.find('\r') == std::string::npos);
  CHECK(r.err.find("\033[K") == std::string::npos);
  // A terminal (a pseudo-terminal made by script(1)); XIANJIE_PROGRESS_INTERVAL_MS=0 draws at once.
  std::string cmd = "XIANJIE_PROGRESS_INTERVAL_MS=0 script -qec " +
                    shell_quote(shell_quote(XIANJIE_BIN) + " scan " + shell_quote(input) + " -f jsonl --out /dev/null") +
                    " /dev/null > " + shell_quote(t.file("tty.txt")) + " 2>&1";
  REQUIRE(std::system(cmd.c_str()) == 0);
  std::string tty = read_all(t.file("tty.txt"));
  CHECK(has(tty, "扫描 " + input + "：已读"));
  CHECK(has(tty, "行/秒"));
  CHECK(has(tty, "\r\033[Kxianjie scan:"));  // erased before the summary
}
