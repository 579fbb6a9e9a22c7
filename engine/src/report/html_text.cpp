// Escaping for the html report pages (see html_text.h).
#include "report/html_text.h"

#include "report/report_text.h"

namespace xianjie {

std::string html_text(std::string_view s) {
  std::string clean = terminal_safe(s);
  std::string out;
  out.reserve(clean.size() + 16);
  for (char c : clean) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

void append_script_json(std::string& out, std::string_view json) {
  for (char c : json) {
    switch (c) {
      case '<': out += "\\u003c"; break;
      case '>': out += "\\u003e"; break;
      case '&': out += "\\u0026"; break;
      default: out += c;
    }
  }
}

}  // namespace xianjie
