// Diagnostic collection and compiler-style rendering with source line and caret.
#include "xianjie/diagnostics.h"

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
    std::string gutter = fmt::format("{:>5} | ", loc.line);
    out += gutter + d.source_line + '\n';
    // Width of the text before the caret, in terminal columns; tabs are kept so they align.
    std::string pad;
    size_t i = 0;
    int col = 1;
    while (i < d.source_line.size() && col < loc.column) {
      size_t start = i;
      char32_t cp = next_code_point(d.source_line, i);
      if (cp == '\t') pad += '\t';
      else pad.append(display_width(d.source_line.substr(start, i - start)), ' ');
      ++col;
    }
    size_t underline = 0;
    int n = 0;
    while (i < d.source_line.size() && n < std::max(loc.length, 1)) {
      size_t start = i;
      next_code_point(d.source_line, i);
      underline += display_width(d.source_line.substr(start, i - start));
      ++n;
    }
    if (underline == 0) underline = 1;
    out += std::string(gutter.size() - 2, ' ') + "| " + pad + "^" + std::string(underline - 1, '~') + '\n';
  }
  if (!d.hint.empty()) out += fmt::format("  提示: {}\n", d.hint);
  return out;
}

}  // namespace xianjie
