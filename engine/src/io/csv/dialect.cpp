// Delimiter detection; see dialect.h. A single pass per candidate over a small sample: the cheap
// check that settles real exports, not a general sniffer.
#include "io/csv/dialect.h"

#include <cstddef>
#include <vector>

namespace xianjie {
namespace {

constexpr size_t kMaxSampleLines = 50;

// Counts `delimiter` outside quotes on each non-blank line of `sample`, with the same quoting
// rule as the parser: a quote opens a quoted field only at the start of a field.
std::vector<size_t> count_per_line(std::string_view sample, char delimiter) {
  std::vector<size_t> counts;
  size_t count = 0;
  bool in_quotes = false, field_start = true, line_has_text = false;
  for (size_t i = 0; i < sample.size() && counts.size() < kMaxSampleLines; ++i) {
    char c = sample[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < sample.size() && sample[i + 1] == '"') ++i;
        else in_quotes = false;
      }
      continue;
    }
    if (c == '\n') {
      if (line_has_text) counts.push_back(count);
      count = 0;
      field_start = true;
      line_has_text = false;
      continue;
    }
    if (c == '\r') continue;
    line_has_text = true;
    if (c == delimiter) {
      ++count;
      field_start = true;
    } else if (c == '"' && field_start) {
      in_quotes = true;
      field_start = false;
    } else {
      field_start = false;
    }
  }
  // A last line without its line feed counts only when it is all there is: otherwise it is
  // probably cut by the end of the sample.
  if (counts.empty() && line_has_text) counts.push_back(count);
  return counts;
}

}  // namespace

char detect_delimiter(std::string_view sample) {
  char best = ',';
  size_t best_agreeing = 0, best_header = 0;
  for (char candidate : kDelimiterCandidates) {
    std::vector<size_t> counts = count_per_line(sample, candidate);
    if (counts.empty() || counts[0] == 0) continue;
    size_t agreeing = 0;
    for (size_t i = 1; i < counts.size(); ++i) {
      if (counts[i] == counts[0]) ++agreeing;
    }
    if (best_header == 0 || agreeing > best_agreeing || (agreeing == best_agreeing && counts[0] > best_header)) {
      best = candidate;
      best_agreeing = agreeing;
      best_header = counts[0];
    }
  }
  return best;
}

std::string delimiter_name(char delimiter) {
  switch (delimiter) {
    case ',': return "逗号";
    case '\t': return "制表符";
    case ';': return "分号";
    case '|': return "竖线";
    default: return std::string("'") + delimiter + "'";
  }
}

}  // namespace xianjie
