// One constructor per report format; make_printer (report.cpp) dispatches to them.
#pragma once

#include <memory>
#include <ostream>

#include "xianjie/report.h"

namespace xianjie {

std::unique_ptr<FindingSink> make_table_printer(std::ostream& out, const ReportOptions& opts);
std::unique_ptr<FindingSink> make_csv_printer(std::ostream& out, const ReportOptions& opts);
std::unique_ptr<FindingSink> make_jsonl_printer(std::ostream& out, const ReportOptions& opts);
std::unique_ptr<FindingSink> make_json_printer(std::ostream& out, const ReportOptions& opts);
std::unique_ptr<FindingSink> make_markdown_printer(std::ostream& out, const ReportOptions& opts);
std::unique_ptr<FindingSink> make_html_printer(std::ostream& out, const ReportOptions& opts);
std::unique_ptr<FindingSink> make_notice_printer(std::ostream& out, const ReportOptions& opts);
std::unique_ptr<FindingSink> make_xlsx_printer(std::ostream& out, const ReportOptions& opts);

}  // namespace xianjie
