// Printers: FindingSinks that render a scan for people (table, md, html, notice) or for other
// programs (jsonl, json, csv).
//
// jsonl is the machine contract: one JSON object per line with a "type" of "finding", "reject",
// "value_error", "disappeared" (scan --state, xianjie/state.h) or, last, "summary". json carries
// the same objects in one document. csv holds the findings only and is meant to be opened in
// Excel as is. html is one self-contained page (inline
// CSS and JS, no network) with summary charts and a filterable list of candidates; notice is a
// Markdown draft of a 移送线索/检察建议 per finding, marked as a draft for the analyst. xlsx is a
// workbook (binary; sheets 线索, 汇总, 机关) with typed money and date cells. All text output
// is valid UTF-8: invalid bytes that reach a printer are replaced with U+FFFD.
//
// A printer writes to the stream it was given and never closes it; it flushes once, in end(). A
// write failure (full disk, closed pipe, an xlsx workbook that could not be built) is left in the
// stream's state for the caller to check.
#pragma once

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "xianjie/scan.h"

namespace xianjie {

enum class ReportFormat { kTable, kCsv, kJsonl, kJson, kMarkdown, kHtml, kNotice, kXlsx };

// "table", "csv", "jsonl", "json", "md", "html", "notice", "xlsx"; nullopt for anything else.
std::optional<ReportFormat> parse_report_format(std::string_view name);

struct ReportOptions {
  bool color = false;        // ANSI colours in the table format; ignored by the others
  std::string tool_version;  // recorded in json/jsonl summaries and the md title block
  bool mask = false;         // mask personal data in every format (xianjie/mask.h)
  // scan --state: findings carry their review state (Finding::tracking), which the csv and xlsx
  // reports add as columns (xlsx also lists the findings that disappeared, on a sheet of their own).
  bool review_state = false;
};

// The printer for `f`, writing to `out`, which must outlive it. With opts.mask, the printer is
// wrapped in make_masking_sink, so that every format receives masked findings.
std::unique_ptr<FindingSink> make_printer(ReportFormat f, std::ostream& out, const ReportOptions& opts = {});

}  // namespace xianjie
