// The page of the html report (html_template.html), embedded at build time by
// engine/cmake/embed_text.cmake into a generated html_template.cpp.
#pragma once

#include <string_view>

namespace xianjie::report_detail {

// The whole text of html_template.html; valid for the life of the program.
std::string_view html_template();

}  // namespace xianjie::report_detail
