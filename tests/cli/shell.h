// Shell helpers of the tests that run programs: quoting an argument, capturing a command's output.
// Without the xianjie binary's path, so that unit tests can use them too (xlsx_reader.h).
#pragma once

#include <cstdio>
#include <string>

namespace xianjie::test {

inline std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'') q += "'\\''";
    else q += c;
  }
  return q + "'";
}

// The standard output of shell command `cmd`.
inline std::string run_capture(const std::string& cmd) {
  std::string out;
  if (FILE* p = popen(cmd.c_str(), "r")) {
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    pclose(p);
  }
  return out;
}

}  // namespace xianjie::test
