// RFC 4180 record parser; the grammar and the restart contract are in csv_parser.h.
//
// Bare fields, the bulk of a typical export, are found with memchr: first the line feed that ends
// the physical line, then each delimiter before it. libc's vectorised memchr makes the common case
// a handful of wide compares per field instead of a branch per byte.
#include "io/csv/csv_parser.h"

#include <cstring>

namespace xianjie {
namespace {

inline const char* find_byte(const char* p, const char* end, char c) {
  return static_cast<const char*>(std::memchr(p, c, static_cast<size_t>(end - p)));
}

uint64_t count_line_feeds(const char* p, const char* end) {
  uint64_t n = 0;
  while ((p = find_byte(p, end, '\n')) != nullptr) {
    ++n;
    ++p;
  }
  return n;
}

}  // namespace

RecordStatus CsvParser::parse(const char* data, size_t pos, size_t size, bool eof, std::vector<FieldSpan>& fields,
                              RecordInfo& info) const {
  fields.clear();
  info = RecordInfo{};
  const char* const end = data + size;
  const char* p = data + pos;
  auto off = [data](const char* q) { return static_cast<size_t>(q - data); };
  auto ran_out = [&](const char* field, size_t column, bool in_quotes) {
    info.open_field = off(field);
    info.open_column = column;
    info.in_quotes = in_quotes;
    return eof ? RecordStatus::kUnclosedQuote : RecordStatus::kNeedMore;
  };
  auto finish = [&](const char* content_end, size_t next) {
    info.content_end = off(content_end);
    info.end = next;
    return RecordStatus::kComplete;
  };

  if (p < end && (*p == '\n' || *p == '\r')) {
    if (*p == '\n') {
      info.blank = true;
      return finish(p, pos + 1);
    }
    if (p + 1 == end) {
      if (!eof) return ran_out(p, 1, false);
      info.blank = true;
      return finish(p, size);
    }
    if (p[1] == '\n') {
      info.blank = true;
      return finish(p, pos + 2);
    }
    if (lone_cr_ends_line_) {
      info.blank = true;
      return finish(p, pos + 1);
    }
    // A lone CR followed by text is data: fall through to an ordinary record.
  }

  const char* line_end = nullptr;  // the LF (or lone CR) ending the current physical line, or `end`
  bool line_open = false;          // `end` is not the end of the line: more input follows
  for (;;) {
    const char* field = p;
    size_t column = fields.size() + 1;
    if (p < end && *p == '"') {
      const char* q = p + 1;
      const uint64_t lines_before = info.lines;
      bool doubled = false;
      const char* close = nullptr;
      for (;;) {
        const char* c = find_byte(q, end, '"');
        uint64_t feeds = count_line_feeds(q, c ? c : end);
        if (feeds > 0) {
          info.lines += feeds;
          if (info.multiline_column == 0) info.multiline_column = column;
        }
        if (c == nullptr || (c + 1 == end && !eof)) return ran_out(field, column, true);
        if (c + 1 < end && c[1] == '"') {
          doubled = true;
          q = c + 2;
          continue;
        }
        close = c;
        break;
      }
      const char* after = close + 1;
      FieldSpan span{off(field + 1), off(close), doubled ? 1u : 0u};
      if (after == end) {  // only reached at EOF
        fields.push_back(span);
        return finish(after, size);
      }
      if (*after == delimiter_) {
        fields.push_back(span);
        p = after + 1;
        continue;
      }
      if (*after == '\n') {
        fields.push_back(span);
        return finish(after, off(after) + 1);
      }
      if (*after == '\r') {
        if (after + 1 == end) {
          if (!eof) return ran_out(field, column, false);
          fields.push_back(span);
          return finish(after, size);
        }
        if (after[1] == '\n') {
          fields.push_back(span);
          return finish(after, off(after) + 2);
        }
        if (lone_cr_ends_line_) {
          fields.push_back(span);
          return finish(after, off(after) + 1);
        }
      }
      // Text after the closing quote: keep the whole field literally (see the header).
      if (info.lines != lines_before && info.broken_quote_column == 0) info.broken_quote_column = column;
      p = after;
    }

    if (line_end == nullptr || line_end < p) {
      line_end = find_line_end(p, end);
      if (line_end == nullptr) {
        // Without EOF the record is incomplete; its fields are still split up to `end`, so that
        // kNeedMore names the field that is open (a 100 MB field is in its own column, not in
        // the first one).
        line_open = !eof;
        line_end = end;
      }
    }
    const char* delimiter = find_byte(p, line_end, delimiter_);
    if (delimiter != nullptr) {
      fields.push_back(FieldSpan{off(field), off(delimiter), false});
      p = delimiter + 1;
      continue;
    }
    if (line_open) return ran_out(field, column, false);
    const char* field_end = line_end;
    if (field_end > p && field_end[-1] == '\r') --field_end;
    fields.push_back(FieldSpan{off(field), off(field_end), false});
    return finish(field_end, line_end == end ? size : off(line_end) + 1);
  }
}

const char* CsvParser::find_line_end(const char* p, const char* end) const {
  const char* lf = find_byte(p, end, '\n');
  if (!lone_cr_ends_line_) return lf;
  // A CR directly before the LF is part of CRLF; a CR that is the last byte of the buffer cannot
  // be told apart from the first half of a CRLF yet, so the line is not known to end there.
  const char* limit = lf != nullptr ? lf : end;
  const char* cr = find_byte(p, limit, '\r');
  if (cr != nullptr && cr + 1 < limit) return cr;
  return lf;
}

void append_unescaped(const char* begin, const char* end, std::string& out) {
  const char* p = begin;
  while (p < end) {
    const char* quote = find_byte(p, end, '"');
    if (quote == nullptr) {
      out.append(p, static_cast<size_t>(end - p));
      return;
    }
    out.append(p, static_cast<size_t>(quote - p) + 1);  // keep one quote of the pair
    p = quote + 2;
  }
}

}  // namespace xianjie
