// Diagnostic collection and compiler-style rendering with source line and caret.
#include "xianjie/diagnostics.h"

#include <algorithm>
#include <vector>

#include <fmt/format.h>

#include "common/text.h"

namespace xianjie {

Diagnostic& Diagnostics::add(Severity severity, std::string code, std::string message, SourceLocation location) {
  Diagnostic d;
  d.severity = severity;
  d.code = std::move(code);
  d.message = std::move(message);
  d.location = std::move(location);
  items_.push_back(std::move(d));
  return items_.back();
}

void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

size_t Diagnostics::error_count() const {
  size_t n = 0;
  for (const auto& d : items_) n += d.severity == Severity::kError;
  return n;
}

size_t Diagnostics::warning_count() const {
  size_t n = 0;
  for (const auto& d : items_) n += d.severity == Severity::kWarning;
  return n;
}

namespace {

// A source line longer than this many characters is shown as a window around the column (a rule
// file with 10,000 nested brackets on one line would otherwise print it twice, caret line included).
constexpr size_t kMaxShownChars = 100;
constexpr size_t kShownBeforeColumn = 40;

// Cuts `line` to a window of kMaxShownChars characters that contains `column` (1-based, in
// characters), marking each cut with "..."; `column` is moved to the same character in the window.
void clip_long_line(std::string& line, int& column) {
  std::vector<size_t> starts;  // byte offset of each character
  for (size_t i = 0; i < line.size();) {
    starts.push_back(i);
    next_code_point(line, i);
  }
  if (starts.size() <= kMaxShownChars) return;
  size_t at = static_cast<size_t>(std::max(column, 1)) - 1;
  size_t first = at > kShownBeforeColumn ? at - kShownBeforeColumn : 0;
  first = std::min(first, starts.size() - kMaxShownChars);
  size_t last = first + kMaxShownChars;  // one past the last character shown
  std::string clipped = first > 0 ? "..." : "";
  size_t end_byte = last < starts.size() ? starts[last] : line.size();
  clipped += line.substr(starts[first], end_byte - starts[first]);
  if (last < starts.size()) clipped += "...";
  column = static_cast<int>(at - first) + 1 + (first > 0 ? 3 : 0);
  line = std::move(clipped);
}

}  // namespace

std::string format_diagnostic(const Diagnostic& d) {
  const char* sev = d.severity == Severity::kError ? "错误" : d.severity == Severity::kWarning ? "警告" : "说明";
  std::string out;
  const auto& loc = d.location;
  if (!loc.file.empty()) {
    out += loc.file;
    if (loc.line > 0) out += fmt::format(":{}:{}", loc.line, loc.column > 0 ? loc.column : 1);
    out += ": ";
  }
  out += fmt::format("{}[{}]: {}", sev, d.code, d.message);
  if (!d.context.empty()) out += fmt::format("（{}）", d.context);
  out += '\n';
  if (loc.line > 0 && !d.source_line.empty()) {
    std::string line = d.source_line;
    int column = loc.column;
    clip_long_line(line, column);
    std::string gutter = fmt::format("{:>5} | ", loc.line);
    out += gutter + line + '\n';
    // Width of the text before the caret, in terminal columns; tabs are kept so they align.
    std::string pad;
    size_t i = 0;
    int col = 1;
    while (i < line.size() && col < column) {
      size_t start = i;
      char32_t cp = next_code_point(line, i);
      if (cp == '\t') pad += '\t';
      else pad.append(display_width(line.substr(start, i - start)), ' ');
      ++col;
    }
    size_t underline = 0;
    int n = 0;
    while (i < line.size() && n < std::max(loc.length, 1)) {
      size_t start = i;
      next_code_point(line, i);
      underline += display_width(line.substr(start, i - start));
      ++n;
    }
    if (underline == 0) underline = 1;
    out += std::string(gutter.size() - 2, ' ') + "| " + pad + "^" + std::string(underline - 1, '~') + '\n';
  }
  if (!d.hint.empty()) out += fmt::format("  提示: {}\n", d.hint);
  return out;
}

}  // namespace xianjie
