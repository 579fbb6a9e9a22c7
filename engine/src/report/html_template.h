// The pages of the html reports, embedded at build time by engine/cmake/embed_text.cmake into
// generated html_template.cpp and stats_template.cpp (with report_style.css and report_charts.js
// spliced in).
#pragma once

#include <string_view>

namespace xianjie::report_detail {

// The whole text of html_template.html; valid for the life of the program.
std::string_view html_template();
// The whole text of stats_template.html (stats --format html); valid for the life of the program.
std::string_view stats_template();

}  // namespace xianjie::report_detail
