// Mapping scalar offsets back to the file (see yaml_source.h).
#include "rules/yaml_source.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "common/text.h"

namespace xianjie::rules {
namespace {

size_t leading_spaces(std::string_view line) {
  size_t n = 0;
  while (n < line.size() && line[n] == ' ') ++n;
  return n;
}

}  // namespace

YamlSource::YamlSource(std::string path, std::string text) : path_(std::move(path)), text_(std::move(text)) {
  line_starts_.push_back(0);
  for (size_t i = 0; i < text_.size(); ++i)
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
}

std::string YamlSource::line_text(int line) const {
  if (line < 1 || static_cast<size_t>(line) > line_starts_.size()) return {};
  size_t b = line_starts_[static_cast<size_t>(line - 1)];
  size_t e = text_.find('\n', b);
  if (e == std::string::npos) e = text_.size();
  if (e > b && text_[e - 1] == '\r') --e;
  return text_.substr(b, e - b);
}

SourceLocation YamlSource::from_byte(size_t pos, size_t end_pos) const {
  SourceLocation loc;
  loc.file = path_;
  pos = std::min(pos, text_.size());
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), pos);
  size_t line_idx = static_cast<size_t>(it - line_starts_.begin()) - 1;
  size_t ls = line_starts_[line_idx];
  loc.line = static_cast<int>(line_idx) + 1;
  // Columns count characters, not bytes.
  int col = 1;
  for (size_t i = ls; i < pos;) { next_code_point(text_, i); ++col; }
  loc.column = col;
  size_t line_end = text_.find('\n', pos);
  if (line_end == std::string::npos) line_end = text_.size();
  end_pos = std::min(std::max(end_pos, pos + 1), line_end);
  int len = 0;
  for (size_t i = pos; i < end_pos;) { next_code_point(text_, i); ++len; }
  loc.length = std::max(len, 1);
  return loc;
}

SourceLocation YamlSource::at(const YAML::Mark& mark, int length) const {
  SourceLocation loc = from_byte(static_cast<size_t>(std::max(mark.pos, 0)), static_cast<size_t>(std::max(mark.pos, 0)));
  loc.length = length;
  return loc;
}

SourceLocation YamlSource::at(const YAML::Node& node) const {
  size_t pos = static_cast<size_t>(std::max(node.Mark().pos, 0));
  size_t e = pos;
  if (node.IsScalar()) e = pos + node.Scalar().size();
  return from_byte(pos, e);
}

SourceLocation YamlSource::in_scalar(const YAML::Node& node, size_t begin, size_t end) const {
  size_t start = static_cast<size_t>(std::max(node.Mark().pos, 0));
  if (start >= text_.size()) return from_byte(start, start);
  // Segments: (file byte offset, length) of each source line's share of the scalar value, in order.
  struct Seg { size_t pos; size_t len; };
  std::vector<Seg> segs;
  char c = text_[start];
  auto line_of = [&](size_t p) {
    return static_cast<size_t>(std::upper_bound(line_starts_.begin(), line_starts_.end(), p) - line_starts_.begin()) - 1;
  };
  size_t first_line = line_of(start);
  auto line_view = [&](size_t li) -> std::string_view {
    size_t b = line_starts_[li];
    size_t e = li + 1 < line_starts_.size() ? line_starts_[li + 1] - 1 : text_.size();
    if (e > b && text_[e - 1] == '\r') --e;
    return std::string_view(text_).substr(b, e - b);
  };
  size_t base_indent = leading_spaces(line_view(first_line));
  if (c == '|' || c == '>') {
    size_t indent = 0;
    for (size_t li = first_line + 1; li < line_starts_.size(); ++li) {
      std::string_view lv = line_view(li);
      if (trim(lv).empty()) { segs.push_back({line_starts_[li], 0}); continue; }
      size_t ind = leading_spaces(lv);
      if (indent == 0) indent = ind;
      if (ind < indent || ind <= base_indent) break;
      segs.push_back({line_starts_[li] + indent, lv.size() - indent});
    }
  } else {
    size_t content = start + ((c == '"' || c == '\'') ? 1 : 0);
    std::string_view first = line_view(first_line);
    size_t col = content - line_starts_[first_line];
    segs.push_back({content, first.size() > col ? first.size() - col : 0});
    for (size_t li = first_line + 1; li < line_starts_.size(); ++li) {
      std::string_view lv = line_view(li);
      if (trim(lv).empty()) break;
      size_t ind = leading_spaces(lv);
      if (ind <= base_indent) break;
      segs.push_back({line_starts_[li] + ind, trim(lv).size()});
    }
  }
  // The parsed value is the segments joined by one separator character (newline or space).
  size_t off = 0;
  for (const auto& s : segs) {
    if (begin <= off + s.len) {
      size_t p = s.pos + (begin - off);
      size_t e = s.pos + std::min(s.len, end > off ? end - off : 0);
      return from_byte(p, e);
    }
    off += s.len + 1;
  }
  return from_byte(start, start + 1);
}

void YamlSource::attach(Diagnostic& d) const {
  if (d.location.line > 0) d.source_line = line_text(d.location.line);
}

std::optional<YamlDocument> load_yaml_file(const std::string& path, const std::string& unreadable_code,
                                           const std::string& what, Diagnostics& diagnostics) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diagnostics.error(unreadable_code, fmt::format("无法读取{} {}", what, path));
    return std::nullopt;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  YamlDocument doc;
  doc.source = std::make_unique<YamlSource>(path, ss.str());
  try {
    doc.root = YAML::Load(doc.source->text());
  } catch (const YAML::ParserException& e) {
    auto& d = diagnostics.error("E-YAML", fmt::format("YAML 语法错误: {}", e.msg), doc.source->at(e.mark));
    d.hint = "检查缩进（只能用空格）、冒号后的空格、引号和括号是否成对";
    doc.source->attach(d);
    return std::nullopt;
  }
  return doc;
}

Diagnostic& report_at(Diagnostics& diagnostics, const YamlSource& src, const YAML::Node& node, std::string code,
                      std::string message, std::string hint) {
  auto& d = diagnostics.error(std::move(code), std::move(message), src.at(node));
  d.hint = std::move(hint);
  src.attach(d);
  return d;
}

}  // namespace xianjie::rules
