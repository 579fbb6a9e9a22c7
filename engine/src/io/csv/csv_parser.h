// The RFC 4180 record parser: finds the fields of one record in a buffer of decoded text.
//
// It is restartable rather than resumable: when the buffer ends inside a record it reports
// kNeedMore and the caller refills and parses the record again from its start. Records are small
// next to the buffer, so only the one record per refill that straddles the boundary is scanned
// twice, and the parser keeps no state between calls.
//
// Accepted syntax (lenient where real exports are sloppy, strict where guessing would move data
// between columns):
//   record  = field *(DELIM field) [CR] LF | field *(DELIM field) EOF
//   field   = quoted | bare
//   quoted  = DQUOTE *(any char except DQUOTE | DQUOTE DQUOTE) DQUOTE     ; may contain CR/LF
//   bare    = *(any char except DELIM and LF)       ; a DQUOTE inside a bare field is literal text
// A quoted field followed by text other than DELIM/CR/LF (e.g. `"某公司"违法`) is taken literally,
// quotes included, up to the next DELIM or line end. An empty line (LF or CRLF alone) is reported
// as blank. A lone CR is data, except directly before LF or at the end of the input — unless
// set_lone_cr_ends_line(true): then a CR not followed by LF ends a line too (old Mac files, and
// files that mix CR, LF and CRLF), while a CR inside quotes stays data.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace xianjie {

struct FieldSpan {
  size_t begin = 0;  // offsets into the parsed buffer; for a quoted field, the text inside the quotes
  size_t end = 0;
  // Contains doubled quotes, to be collapsed with append_unescaped(). A full word, not a bool: a
  // span built with a byte-sized flag was copied into the vector through the stack as words, and
  // the byte store stalled the word load (a store-forwarding stall per field, half of parse()'s time).
  uint64_t unescape = 0;
};

enum class RecordStatus {
  kComplete,       // a record (or a blank line) ends inside the buffer
  kNeedMore,       // the buffer ends inside the record and more input may follow
  kUnclosedQuote,  // the input ends inside a quoted field
};

struct RecordInfo {
  size_t content_end = 0;  // kComplete: end of the record's text, before the line terminator
  size_t end = 0;          // kComplete: where the next record starts
  uint64_t lines = 1;      // physical lines covered so far (1 + line feeds inside quoted fields)
  bool blank = false;      // kComplete: the record is an empty line
  // Column (1-based) of the first quoted field that contains a line feed, 0 if none. A record
  // with the wrong field count that spans lines is most likely a stray quote gone wrong.
  size_t multiline_column = 0;
  // Column (1-based) of a quoted field that spans lines and has text after its closing quote, 0 if
  // none: the quotes almost certainly do not pair up the way the writer meant.
  size_t broken_quote_column = 0;
  // kNeedMore / kUnclosedQuote: the field being read when the input ran out (for kNeedMore in a
  // bare field, the last field the buffer reaches, so that an oversized one is named correctly).
  size_t open_field = 0;
  size_t open_column = 0;
  bool in_quotes = false;
};

class CsvParser {
 public:
  explicit CsvParser(char delimiter) : delimiter_(delimiter) {}
  char delimiter() const { return delimiter_; }
  void set_lone_cr_ends_line(bool on) { lone_cr_ends_line_ = on; }
  bool lone_cr_ends_line() const { return lone_cr_ends_line_; }

  // The byte that ends the physical line starting at or before `p`: the LF, or in lone-CR mode a
  // CR not followed by LF; nullptr when [p, end) holds neither.
  const char* find_line_end(const char* p, const char* end) const;

  // Parses the record starting at data[pos] in data[0..size). `eof` says no input follows `size`.
  // `fields` is cleared and receives one span per field.
  RecordStatus parse(const char* data, size_t pos, size_t size, bool eof, std::vector<FieldSpan>& fields,
                     RecordInfo& info) const;

 private:
  char delimiter_;
  bool lone_cr_ends_line_ = false;
};

// Appends the text inside a quoted field to `out` with each doubled quote collapsed to one.
void append_unescaped(const char* begin, const char* end, std::string& out);

}  // namespace xianjie
