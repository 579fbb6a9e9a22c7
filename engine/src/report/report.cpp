// The public entry points of the report printers: format names and the printer factory.
#include "xianjie/report.h"

#include "report/printers.h"
#include "xianjie/mask.h"

namespace xianjie {

std::optional<ReportFormat> parse_report_format(std::string_view name) {
  if (name == "table") return ReportFormat::kTable;
  if (name == "csv") return ReportFormat::kCsv;
  if (name == "jsonl") return ReportFormat::kJsonl;
  if (name == "json") return ReportFormat::kJson;
  if (name == "md") return ReportFormat::kMarkdown;
  if (name == "html") return ReportFormat::kHtml;
  if (name == "notice") return ReportFormat::kNotice;
  if (name == "xlsx") return ReportFormat::kXlsx;
  return std::nullopt;
}

namespace {

std::unique_ptr<FindingSink> make_plain_printer(ReportFormat f, std::ostream& out, const ReportOptions& opts) {
  switch (f) {
    case ReportFormat::kTable: return make_table_printer(out, opts);
    case ReportFormat::kCsv: return make_csv_printer(out, opts);
    case ReportFormat::kJsonl: return make_jsonl_printer(out, opts);
    case ReportFormat::kJson: return make_json_printer(out, opts);
    case ReportFormat::kMarkdown: return make_markdown_printer(out, opts);
    case ReportFormat::kHtml: return make_html_printer(out, opts);
    case ReportFormat::kNotice: return make_notice_printer(out, opts);
    case ReportFormat::kXlsx: return make_xlsx_printer(out, opts);
  }
  return make_table_printer(out, opts);
}

}  // namespace

std::unique_ptr<FindingSink> make_printer(ReportFormat f, std::ostream& out, const ReportOptions& opts) {
  auto printer = make_plain_printer(f, out, opts);
  return opts.mask ? make_masking_sink(std::move(printer)) : std::move(printer);
}

}  // namespace xianjie
