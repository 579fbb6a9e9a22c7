// Running the real xianjie binary from tests: temporary directories, files, and captured output.
#pragma once

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "shell.h"

namespace xianjie::test {

inline std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void write_all(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

struct Run {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// A scratch directory removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "xianjie-cli-XXXXXX").string();
    std::vector<char> buf(tmpl.begin(), tmpl.end());
    buf.push_back('\0');
    path_ = mkdtemp(buf.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string file(const std::string& name) const { return path_ + "/" + name; }
  const std::string& path() const { return path_; }

  // Runs `xianjie` with `args` (already shell-quoted where needed).
  Run run(const std::string& args) const {
    std::string out = file(".stdout"), err = file(".stderr");
    std::string cmd = shell_quote(XIANJIE_BIN) + " " + args + " >" + shell_quote(out) + " 2>" + shell_quote(err) + " </dev/null";
    int status = std::system(cmd.c_str());
    Run r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = read_all(out);
    r.err = read_all(err);
    return r;
  }

 private:
  std::string path_;
};

inline size_t count(const std::string& hay, const std::string& needle) {
  size_t n = 0;
  for (size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + needle.size())) ++n;
  return n;
}

// Values of a string field in every JSONL line of a given type, in order (no escapes expected).
inline std::vector<std::string> jsonl_field(const std::string& jsonl, const std::string& type, const std::string& key) {
  std::vector<std::string> out;
  std::istringstream in(jsonl);
  std::string line;
  std::string tag = "\"type\":\"" + type + "\"";
  std::string k = "\"" + key + "\":";
  while (std::getline(in, line)) {
    if (line.find(tag) == std::string::npos) continue;
    size_t p = line.find(k);
    if (p == std::string::npos) { out.push_back(""); continue; }
    p += k.size();
    if (line[p] == '"') {
      size_t e = line.find('"', p + 1);
      out.push_back(line.substr(p + 1, e - p - 1));
    } else {
      size_t e = line.find_first_of(",}", p);
      out.push_back(line.substr(p, e - p));
    }
  }
  return out;
}

}  // namespace xianjie::test
