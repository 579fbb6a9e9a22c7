// A YAML file's text, and the mapping from YAML marks and from offsets inside scalar strings back to
// file:line:column. Conditions are strings inside YAML; an error at byte 12 of a condition has to be
// shown at the right line and column of the file, whether the condition was written plain, quoted,
// or as a `|` / `>` block over several lines.
#pragma once

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

}  // namespace xianjie::rules
