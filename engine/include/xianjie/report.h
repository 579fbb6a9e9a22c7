// Printers: FindingSinks that render a scan for people (table, md) or for other programs
// (jsonl, json, csv).
//
// jsonl is the machine contract: one JSON object per line with a "type" of "finding", "reject",
// "value_error" or, last, "summary". json carries the same objects in one document. csv holds the
// findings only and is meant to be opened in Excel as is. All output is valid UTF-8: invalid bytes
// that reach a printer are replaced with U+FFFD.
//
// A printer writes to the stream it was given and never closes it; it flushes once, in end(). A
// write failure (full disk, closed pipe) is left in the stream's state for the caller to check.
#pragma once

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "xianjie/scan.h"

namespace xianjie {

enum class ReportFormat { kTable, kCsv, kJsonl, kJson, kMarkdown };

// "table", "csv", "jsonl", "json", "md"; nullopt for anything else.
std::optional<ReportFormat> parse_report_format(std::string_view name);

struct ReportOptions {
  bool color = false;        // ANSI colours in the table format; ignored by the others
  std::string tool_version;  // recorded in json/jsonl summaries and the md title block
};

// The printer for `f`, writing to `out`, which must outlive it.
std::unique_ptr<FindingSink> make_printer(ReportFormat f, std::ostream& out, const ReportOptions& opts = {});

}  // namespace xianjie
