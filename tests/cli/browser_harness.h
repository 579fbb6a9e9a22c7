// Headless Chromium for the end-to-end tests of the html reports (test_report_html.cpp for scan,
// test_report_xlsx.cpp for stats, test_state.cpp for the review state): finding the browser,
// running it on a page, and reading attributes out of the DOM it dumps. Tests that need a browser
// pass with a warning when there is none (scripts/test.sh installs Debian's chromium;
// XIANJIE_CHROMIUM names another binary).
#pragma once

#include <cctype>

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "cli_harness.h"

namespace xianjie::test {

// <build>/test-output/, where screenshots and dumped pages are kept for a person to look at.
inline std::string output_dir() {
  std::string dir = XIANJIE_TEST_OUTPUT_DIR;
  std::filesystem::create_directories(dir);
  return dir;
}

// The Chromium binary, or "" when there is none.
inline std::string chromium() {
  if (const char* env = std::getenv("XIANJIE_CHROMIUM"); env && *env) return env;
  for (const char* name : {"chromium", "chromium-browser"}) {
    std::string path = run_capture(std::string("command -v ") + name + " 2>/dev/null");
    while (!path.empty() && (path.back() == '\n' || path.back() == '\r')) path.pop_back();
    if (!path.empty()) return path;
  }
  return "";
}

// The Chromium binary; or "" after a warning that `what` was not rendered, for a test that then
// returns (passing) where there is no browser.
inline std::string chromium_or_warn(const std::string& what) {
  std::string browser = chromium();
  if (browser.empty())
    WARN("SKIPPED: chromium not found (apt-get install chromium, or set XIANJIE_CHROMIUM); " << what
                                                                                          << " was not rendered in a browser");
  return browser;
}

// Runs headless Chromium on `url` with extra `args`; its standard output goes to `out_file`.
// --no-sandbox because tests run as root in CI; a private profile so that nothing is shared.
inline int run_chromium(const std::string& browser, const TempDir& t, const std::string& args, const std::string& url,
                        const std::string& out_file) {
  std::string cmd = "timeout 120 " + shell_quote(browser) +
                    " --headless --disable-gpu --no-sandbox --no-first-run --disable-extensions --hide-scrollbars" +
                    " --user-data-dir=" + shell_quote(t.file("chromium-profile")) + " " + args + " " + shell_quote(url) +
                    " >" + shell_quote(out_file) + " 2>" + shell_quote(t.file("chromium.log")) + " </dev/null";
  int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// The value of attribute `attr` in every tag of `s` that starts with `tag` ("<rect class=\"bar\"").
inline std::vector<std::string> attrs(const std::string& s, const std::string& tag, const std::string& attr) {
  std::vector<std::string> out;
  for (size_t p = s.find(tag); p != std::string::npos; p = s.find(tag, p + tag.size())) {
    std::string element = s.substr(p, s.find('>', p) - p);
    size_t a = element.find(" " + attr + "=\"");
    if (a == std::string::npos) continue;
    a += attr.size() + 3;
    out.push_back(element.substr(a, element.find('"', a) - a));
  }
  return out;
}


// `s` with every byte outside [A-Za-z0-9-_.~] as %XX, for a URL fragment.
inline std::string percent_encode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

}  // namespace xianjie::test
