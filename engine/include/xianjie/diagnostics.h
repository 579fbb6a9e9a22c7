// Located, coded messages about user input: rule files, mapping files, condition strings.
//
// Loading collects every problem instead of stopping at the first (STYLE.md habit 3). Each
// diagnostic has a stable code (E-YAML, E-RULE-FIELD, E-COND-TYPE …, listed in docs/diagnostics.md),
// a Chinese message that says what is wrong, an optional hint that says how to fix it, and the
// location as file:line:column with the source line and a caret under the offending text.
#pragma once

#include <string>
#include <vector>

namespace xianjie {

struct SourceLocation {
  std::string file;
  int line = 0;    // 1-based; 0 = unknown
  int column = 0;  // 1-based, counted in characters (a Chinese character is one column)
  int length = 1;  // characters to underline
};

enum class Severity { kError, kWarning, kNote };

struct Diagnostic {
  Severity severity = Severity::kError;
  std::string code;     // stable identifier, e.g. "E-COND-TYPE"
  std::string message;  // what is wrong
  std::string hint;     // how to fix it (optional)
  std::string context;  // where in the rule structure, e.g. "规则 MKT-01 › when"
  SourceLocation location;
  std::string source_line;  // the line of the file the location points into (filled by the loader)
};

class Diagnostics {
 public:
  Diagnostic& add(Severity severity, std::string code, std::string message, SourceLocation location = {});
  Diagnostic& error(std::string code, std::string message, SourceLocation location = {}) {
    return add(Severity::kError, std::move(code), std::move(message), std::move(location));
  }
  Diagnostic& warning(std::string code, std::string message, SourceLocation location = {}) {
    return add(Severity::kWarning, std::move(code), std::move(message), std::move(location));
  }
  void append(const Diagnostics& other);

  const std::vector<Diagnostic>& items() const { return items_; }
  size_t error_count() const;
  size_t warning_count() const;
  bool has_errors() const { return error_count() > 0; }

 private:
  std::vector<Diagnostic> items_;
};

// Renders one diagnostic the way compilers do:
//   rules/market.yaml:12:23: 错误[E-COND-TYPE]: 文本字段 案由 不能与数值比较
//      12 |     when: case_reason >= 5
//         |           ^~~~~~~~~~~~~~~~
//   提示: …
// Caret columns account for the display width of CJK characters.
std::string format_diagnostic(const Diagnostic& d);

}  // namespace xianjie
