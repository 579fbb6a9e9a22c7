// A YAML file's text, and the mapping from YAML marks and from offsets inside scalar strings back to
// file:line:column. Conditions are strings inside YAML; an error at byte 12 of a condition has to be
// shown at the right line and column of the file, whether the condition was written plain, quoted,
// or as a `|` / `>` block over several lines.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "xianjie/diagnostics.h"

namespace xianjie::rules {

class YamlSource {
 public:
  YamlSource(std::string path, std::string text);

  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }

  // Location of a node (its first character).
  SourceLocation at(const YAML::Mark& mark, int length = 1) const;
  SourceLocation at(const YAML::Node& node) const;
  // Location of bytes [begin, end) of the scalar value of `node`.
  SourceLocation in_scalar(const YAML::Node& node, size_t begin, size_t end) const;

  // Fills d.source_line from d.location.
  void attach(Diagnostic& d) const;
  std::string line_text(int line) const;  // 1-based

 private:
  SourceLocation from_byte(size_t pos, size_t end_pos) const;

  std::string path_;
  std::string text_;
  std::vector<size_t> line_starts_;
};

struct YamlDocument {
  std::unique_ptr<YamlSource> source;
  YAML::Node root;
};

// Reads and parses a YAML file. An unreadable file is reported as `unreadable_code` ("无法读取{what} …"),
// a syntax error as E-YAML at its line and column; both return nullopt.
std::optional<YamlDocument> load_yaml_file(const std::string& path, const std::string& unreadable_code,
                                           const std::string& what, Diagnostics& diagnostics);

// Reports an error located at `node`, with the source line attached.
Diagnostic& report_at(Diagnostics& diagnostics, const YamlSource& src, const YAML::Node& node, std::string code,
                      std::string message, std::string hint = {});

}  // namespace xianjie::rules
