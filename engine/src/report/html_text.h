// Escaping shared by the html report pages (html_printer.cpp for scan, stats/stats_html.cpp for
// stats): case data comes from untrusted exports and must show as text, never act as markup.
#pragma once

#include <string>
#include <string_view>

namespace xianjie {

// HTML text (element content or a quoted attribute value): terminal_safe (no control characters,
// no bidi overrides, which could reorder what the reader sees), then & < > " ' escaped.
std::string html_text(std::string_view s);

// Appends JSON text made safe inside a <script> element: '<', '>' and '&' become \u003c, \u003e
// and \u0026, so that no text can close the element or open a comment. These characters occur
// only inside JSON strings, so the result is the same JSON.
void append_script_json(std::string& out, std::string_view json);

}  // namespace xianjie
