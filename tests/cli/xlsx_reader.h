// Reading back the parts of an .xlsx in tests: the file is a zip of XML parts, which
// `unzip -p` extracts (scripts/deps.sh installs unzip), and the few cell and style lookups the
// tests need are plain string searches over that XML, as libxlsxwriter writes it.
#pragma once

#include <string>

#include "shell.h"

namespace xianjie::test::xlsx_read {

// One part of the zip at `path` ("xl/worksheets/sheet1.xml"), or "" when there is none.
inline std::string zip_part(const std::string& path, const std::string& part) {
  return run_capture("unzip -p " + shell_quote(path) + " " + shell_quote(part) + " 2>/dev/null");
}

// The XML element <c r="ref" …>…</c> (or <c r="ref" …/>) of a sheet, or "".
inline std::string cell(const std::string& sheet, const std::string& ref) {
  size_t at = sheet.find("<c r=\"" + ref + "\"");
  if (at == std::string::npos) return "";
  size_t close = sheet.find('>', at);
  if (sheet[close - 1] == '/') return sheet.substr(at, close + 1 - at);
  return sheet.substr(at, sheet.find("</c>", at) + 4 - at);
}

inline std::string attr(const std::string& element, const std::string& name) {
  size_t at = element.find(" " + name + "=\"");
  if (at == std::string::npos) return "";
  at += name.size() + 3;
  return element.substr(at, element.find('"', at) - at);
}

inline std::string between(const std::string& s, const std::string& before, const std::string& after) {
  size_t a = s.find(before);
  if (a == std::string::npos) return "";
  a += before.size();
  return s.substr(a, s.find(after, a) - a);
}

// The number format of cell style index `s` in xl/styles.xml: its formatCode, or the built-in id.
inline std::string number_format(const std::string& styles, const std::string& s) {
  std::string xfs = between(styles, "<cellXfs", "</cellXfs>");
  size_t at = 0;
  for (int k = std::stoi(s); k >= 0; --k) at = xfs.find("<xf ", at) + 1;
  std::string xf = xfs.substr(at - 1, xfs.find('>', at) - at + 1);
  std::string id = attr(xf, "numFmtId");
  std::string numfmt = between(styles, "<numFmt numFmtId=\"" + id + "\"", "/>");
  return numfmt.empty() ? "builtin:" + id : attr(numfmt, "formatCode");
}

// Cell text of an inline-string cell.
inline std::string inline_text(const std::string& c) { return between(c, "<t>", "</t>"); }

}  // namespace xianjie::test::xlsx_read
