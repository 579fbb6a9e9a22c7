// Mapping scalar offsets back to the file (see yaml_source.h).
#include "rules/yaml_source.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include <yaml-cpp/depthguard.h>

#include "common/text.h"

namespace xianjie::rules {
namespace {

size_t leading_spaces(std::string_view line) {
  size_t n = 0;
  while (n < line.size() && line[n] == ' ') ++n;
  return n;
}

// yaml-cpp's parser messages in Chinese, with the original kept for searching (the SQLite reader
// does the same). Messages not listed are shown as they are.
std::string yaml_message(const std::string& msg) {
  static const std::pair<const char*, const char*> kChinese[] = {
      {YAML::ErrorMsg::END_OF_MAP, "映射没有正确结束（缩进可能有误）"},
      {YAML::ErrorMsg::END_OF_MAP_FLOW, "花括号 { } 没有闭合"},
      {YAML::ErrorMsg::END_OF_SEQ, "列表没有正确结束（缩进可能有误）"},
      {YAML::ErrorMsg::END_OF_SEQ_FLOW, "方括号 [ ] 没有闭合"},
      {YAML::ErrorMsg::UNKNOWN_TOKEN, "无法识别的符号"},
      {YAML::ErrorMsg::EOF_IN_SCALAR, "字符串到文件末尾仍未结束（引号未闭合）"},
      {YAML::ErrorMsg::CHAR_IN_SCALAR, "字符串中有不允许的字符"},
      {YAML::ErrorMsg::DOC_IN_SCALAR, "字符串中出现了文档分隔符"},
      {YAML::ErrorMsg::TAB_IN_INDENTATION, "缩进中有制表符（只能用空格）"},
      {YAML::ErrorMsg::FLOW_END, "多余的右括号 ] 或 }"},
      {YAML::ErrorMsg::BLOCK_ENTRY, "此处不能开始列表项“- ”（缩进可能有误）"},
      {YAML::ErrorMsg::MAP_KEY, "此处不能写映射的键"},
      {YAML::ErrorMsg::MAP_VALUE, "此处不能写“键: 值”（缩进可能有误，或值中的冒号需要加引号）"},
      {YAML::ErrorMsg::INVALID_ESCAPE, "双引号字符串中有未知的转义字符（反斜杠写成 \\\\，或改用单引号）"},
      {YAML::ErrorMsg::SINGLE_QUOTED_CHAR, "单引号字符串中有无效字符"},
      {YAML::ErrorMsg::UNKNOWN_ANCHOR, "引用的锚点未定义"},
  };
  for (const auto& [english, chinese] : kChinese) {
    if (msg.compare(0, std::strlen(english), english) == 0) return fmt::format("{}（{}）", chinese, msg);
  }
  return msg;
}

// yaml-cpp accepts a quoted string that is still open at the end of the file, as if the file
// ended the string: a rule file cut short, or a forgotten closing quote, would silently swallow
// everything after it. Such a string is the last scalar of the document, found by following the
// last entry down from the root (no full walk: a file of aliases can be exponentially large as a
// tree). Returns its mark when it has no closing quote.
std::optional<YAML::Mark> unclosed_final_quote(YAML::Node node, const std::string& text) {
  for (;;) {
    // reset(), not operator=: assigning a yaml-cpp node overwrites the node it refers to.
    if (node.IsSequence() && node.size() > 0) {
      node.reset(node[node.size() - 1]);
    } else if (node.IsMap() && node.size() > 0) {
      YAML::const_iterator last;
      for (auto it = node.begin(); it != node.end(); ++it) last = it;
      node.reset(last->second.IsNull() ? last->first : last->second);
    } else {
      break;
    }
  }
  if (!node.IsScalar() || node.Mark().pos < 0) return std::nullopt;
  size_t pos = static_cast<size_t>(node.Mark().pos);
  if (pos >= text.size() || (text[pos] != '"' && text[pos] != '\'')) return std::nullopt;
  const char quote = text[pos];
  for (size_t i = pos + 1; i < text.size(); ++i) {
    if (quote == '"' && text[i] == '\\') {
      ++i;  // an escape: the next character is not the closing quote
    } else if (text[i] == quote) {
      if (quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'') ++i;  // '' is a quote inside
      else return std::nullopt;
    }
  }
  return node.Mark();
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
  } catch (const YAML::DeepRecursion& e) {
    // yaml-cpp's own guard against a stack overflow; its message is only "bad file".
    auto& d = diagnostics.error("E-YAML", "YAML 嵌套层数过多（列表或映射一层套一层，超过了解析器的上限）",
                                doc.source->at(e.mark));
    d.hint = "规则文件不需要这么深的嵌套；若是条件以 [ 或 { 开头，YAML 会把它当作列表或映射，请给整个条件加引号";
    doc.source->attach(d);
    return std::nullopt;
  } catch (const YAML::ParserException& e) {
    auto& d = diagnostics.error("E-YAML", fmt::format("YAML 语法错误: {}", yaml_message(e.msg)), doc.source->at(e.mark));
    d.hint = "检查缩进（只能用空格）、冒号后的空格、引号和括号是否成对";
    doc.source->attach(d);
    return std::nullopt;
  }
  if (auto mark = unclosed_final_quote(doc.root, doc.source->text())) {
    auto& d = diagnostics.error("E-YAML", "YAML 语法错误: 引号未闭合，从这里开始的字符串一直延续到文件末尾",
                                doc.source->at(*mark));
    d.hint = "补上结尾的引号；如果文件被截断了，请重新获取完整的文件";
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
