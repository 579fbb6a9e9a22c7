// CSV RowSource and open_csv(); see csv_source.h for the data flow.
//
// Recovery from bad rows follows one rule: never let a single broken row take the rows after it
// along. A record whose boundaries are trustworthy (a wrong field count on one line, bad bytes) is
// rejected whole. A record whose boundaries come from a quote that may be stray (the input ends
// inside quotes, a quoted field grows past the size limit, a quoted field spans lines and has
// text after its closing quote, or one spans lines and the field count comes out wrong) is
// rejected by its first physical line only, and parsing resumes on the next line.
#include "io/csv/csv_source.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "io/csv/csv_limits.h"
#include "io/csv/csv_messages.h"
#include "io/csv/dialect.h"
#include "common/utf8_scan.h"

namespace xianjie {
namespace {

constexpr size_t kDialectSampleBytes = 64 * 1024;

// Decoded text marks undecodable input with a byte that is never UTF-8; shown to users as U+FFFD.
std::string readable_original(std::string_view text, Encoding encoding) {
  if (encoding == Encoding::kUtf8) return std::string(text);  // raw, bad bytes and all
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == kUndecodableMarker) out += "\xEF\xBF\xBD";
    else out += c;
  }
  return out;
}

}  // namespace

CsvSource::CsvSource(std::string path, std::unique_ptr<InputFile> input)
    : path_(std::move(path)), input_(std::move(input)) {
  capacity_ = kReadBufferBytes;
  buffer_ = std::make_unique<char[]>(capacity_);
}

std::string CsvSource::location_text(uint64_t location) const { return fmt::format("{}:{}", path_, location); }

bool CsvSource::fill() {
  if (eof_) return false;
  if (pos_ > 0) {
    std::memmove(buffer_.get(), buffer_.get() + pos_, end_ - pos_);
    end_ -= pos_;
    pos_ = 0;
  }
  if (capacity_ - end_ < kMinReadBytes) {
    // Only a single record larger than the buffer gets here; the size limits stop the growth.
    size_t capacity = std::min(capacity_ * 2, kMaxRowBytes + kReadBufferBytes);
    auto grown = std::make_unique<char[]>(capacity);
    std::memcpy(grown.get(), buffer_.get(), end_);
    buffer_ = std::move(grown);
    capacity_ = capacity;
  }
  size_t n = input_->read(buffer_.get() + end_, capacity_ - end_);
  if (n == 0) {
    eof_ = true;
    if (!input_->error().empty()) {
      error_ = input_->error();
      done_ = true;
    }
    return false;
  }
  end_ += n;
  return true;
}

void CsvSource::skip_blank_lines() {
  for (;;) {
    if (pos_ == end_ && !fill()) return;
    const char* p = buffer_.get() + pos_;
    if (*p == '\n') {
      ++pos_;
      ++line_;
    } else if (*p == '\r' && pos_ + 1 < end_ && p[1] == '\n') {
      pos_ += 2;
      ++line_;
    } else if (*p == '\r' && pos_ + 1 == end_) {
      if (eof_) ++pos_;
      else fill();
    } else if (*p == '\r' && parser_.lone_cr_ends_line()) {
      ++pos_;
      ++line_;
    } else {
      return;
    }
  }
}

bool CsvSource::start(char forced_delimiter, std::string& error) {
  while (end_ - pos_ < 3 && fill()) {}
  if (end_ - pos_ >= 3 && std::memcmp(buffer_.get() + pos_, "\xEF\xBB\xBF", 3) == 0) pos_ += 3;
  skip_blank_lines();
  if (!error_.empty()) {
    error = error_;
    return false;
  }
  if (pos_ == end_) {
    error = csv_messages::empty_file(path_);
    return false;
  }

  while (end_ - pos_ < kDialectSampleBytes && fill()) {}
  char delimiter = forced_delimiter;
  if (delimiter == 0) {
    delimiter = detect_delimiter(std::string_view(buffer_.get() + pos_, std::min(end_ - pos_, kDialectSampleBytes)));
  }
  parser_ = CsvParser(delimiter);
  if (header_ends_with_lone_cr()) {
    // Old Mac files end every line with CR alone; read as LF files, they would be one long header.
    parser_.set_lone_cr_ends_line(true);
    notes_.push_back(csv_messages::cr_line_ends());
    skip_blank_lines();
  }

  for (;;) {
    RecordStatus status = parser_.parse(buffer_.get(), pos_, end_, eof_, spans_, info_);
    if (status == RecordStatus::kComplete) break;
    if (status == RecordStatus::kUnclosedQuote) {
      error = csv_messages::header_unclosed_quote(path_, info_.open_column);
      return false;
    }
    if (end_ - pos_ > kMaxRowBytes) {
      error = csv_messages::header_too_large(path_);
      return false;
    }
    fill();
    if (!error_.empty()) {
      error = error_;
      return false;
    }
  }
  for (size_t i = 0; i < spans_.size(); ++i) {
    const FieldSpan& span = spans_[i];
    if (find_bad_utf8_byte(buffer_.get() + span.begin, span.end - span.begin) != kNoBadByte) {
      error = csv_messages::header_bad_text(path_, encoding_label(input_->encoding()), i + 1);
      return false;
    }
    std::string name;
    if (span.unescape) append_unescaped(buffer_.get() + span.begin, buffer_.get() + span.end, name);
    else name.assign(buffer_.get() + span.begin, span.end - span.begin);
    header_.push_back(std::move(name));
  }
  pos_ = info_.end;
  line_ += info_.lines;

  if (input_->encoding_detected() && input_->encoding() != Encoding::kUtf8) {
    notes_.push_back(csv_messages::detected_encoding(encoding_label(input_->encoding())));
  }
  if (delimiter != ',') notes_.push_back(csv_messages::delimiter_note(delimiter_name(delimiter)));
  return true;
}

bool CsvSource::next_batch(RowBatch& batch) {
  batch.clear();
  batch.columns = header_.size();
  refs_.clear();
  while (!done_ && batch.locations.size() < RowBatch::kTargetRows) {
    if (skipping_line_) {
      skip_rest_of_line();
      continue;
    }
    if (pos_ == end_) {
      if (eof_) done_ = true;
      else fill();
      continue;
    }
    RecordStatus status = parser_.parse(buffer_.get(), pos_, end_, eof_, spans_, info_);
    if (status == RecordStatus::kNeedMore) {
      if (end_ - info_.open_field > kMaxFieldBytes || end_ - pos_ > kMaxRowBytes) reject_oversized();
      else fill();
      continue;
    }
    if (status == RecordStatus::kUnclosedQuote) {
      ++rows_read_;
      reject_first_line(csv_messages::unclosed_quote(info_.open_column));
      continue;
    }
    if (info_.blank) {
      pos_ = info_.end;
      line_ += info_.lines;
      continue;
    }
    if (spans_.size() != header_.size() && !parser_.lone_cr_ends_line() && has_lone_cr(info_.content_end)) {
      // A file that mixes line ends (LF, CRLF and CR alone): two lines joined at a lone CR have
      // the wrong field count. From here on a lone CR ends a line; this record is parsed again.
      parser_.set_lone_cr_ends_line(true);
      continue;
    }
    ++rows_read_;
    if (info_.broken_quote_column != 0) {
      reject_first_line(csv_messages::unclosed_quote(info_.broken_quote_column));
      continue;
    }
    if (spans_.size() != header_.size()) {
      if (info_.multiline_column != 0) {
        reject_first_line(csv_messages::stray_quote(info_.multiline_column, spans_.size(), header_.size()));
      } else {
        reject_record(csv_messages::field_count(spans_.size(), header_.size()));
      }
      continue;
    }
    size_t row_bytes = info_.content_end - pos_;
    if (row_bytes > kMaxFieldBytes) {  // a field may have grown past the limit inside a grown buffer
      auto big = std::find_if(spans_.begin(), spans_.end(),
                              [](const FieldSpan& s) { return s.end - s.begin > kMaxFieldBytes; });
      if (big != spans_.end()) {
        reject_record(csv_messages::oversized_field(static_cast<size_t>(big - spans_.begin()) + 1, false));
        continue;
      }
    }
    size_t bad = find_bad_utf8_byte(buffer_.get() + pos_, row_bytes);
    if (bad != kNoBadByte) {
      reject_record(bad_text_reason(pos_ + bad));
      continue;
    }
    accept(batch);
  }

  const char* text = batch.text.data();
  const char* scratch = batch.scratch.empty() ? nullptr : batch.scratch.front().data();
  batch.fields.resize(refs_.size());
  for (size_t i = 0; i < refs_.size(); ++i) {
    const FieldRef& ref = refs_[i];
    batch.fields[i] = std::string_view(((ref.length & kInScratch) ? scratch : text) + ref.offset, ref.length & ~kInScratch);
  }
  return !batch.locations.empty();
}

void CsvSource::accept(RowBatch& batch) {
  const char* row = buffer_.get() + pos_;
  size_t base = batch.text.size();
  batch.text.append(row, info_.content_end - pos_);
  for (const FieldSpan& span : spans_) {
    if (!span.unescape) {
      refs_.push_back(FieldRef{base + (span.begin - pos_), span.end - span.begin});
      continue;
    }
    if (batch.scratch.empty()) batch.scratch.emplace_back();
    std::string& scratch = batch.scratch.front();
    size_t offset = scratch.size();
    append_unescaped(buffer_.get() + span.begin, buffer_.get() + span.end, scratch);
    refs_.push_back(FieldRef{offset, (scratch.size() - offset) | kInScratch});
  }
  batch.locations.push_back(line_);
  pos_ = info_.end;
  line_ += info_.lines;
}

std::string CsvSource::bad_text_reason(size_t bad_pos) const {
  size_t column = spans_.size();
  for (size_t i = 0; i < spans_.size(); ++i) {
    if (bad_pos < spans_[i].end) {
      column = i + 1;
      break;
    }
  }
  if (buffer_[bad_pos] == '\0') return csv_messages::nul_byte(column);
  if (input_->encoding() != Encoding::kUtf8) return csv_messages::undecodable(column, encoding_label(input_->encoding()));
  return csv_messages::invalid_utf8(column, bad_pos - pos_ + 1, input_->encoding_detected() && input_->ascii_sample());
}

void CsvSource::reject(uint64_t line, std::string reason, std::string_view original) {
  ++rows_rejected_;
  if (!on_reject_) return;
  if (original.size() > kMaxOriginalBytes) {  // an oversized row: enough to find it, not all of it
    size_t cut = kMaxOriginalBytes;
    while (cut > 0 && (static_cast<unsigned char>(original[cut]) & 0xC0) == 0x80) --cut;
    original = original.substr(0, cut);
  }
  on_reject_(RejectedRow{path_, line, std::move(reason), readable_original(original, input_->encoding())});
}

void CsvSource::reject_record(std::string reason) {
  reject(line_, std::move(reason), std::string_view(buffer_.get() + pos_, info_.content_end - pos_));
  pos_ = info_.end;
  line_ += info_.lines;
}

bool CsvSource::header_ends_with_lone_cr() const {
  const char* line = buffer_.get() + pos_;
  const auto* lf = static_cast<const char*>(std::memchr(line, '\n', end_ - pos_));
  const char* limit = lf != nullptr ? lf : buffer_.get() + end_;
  const auto* cr = static_cast<const char*>(std::memchr(line, '\r', static_cast<size_t>(limit - line)));
  return cr != nullptr && cr + 1 < limit;
}

bool CsvSource::has_lone_cr(size_t content_end) const {
  for (size_t i = pos_; i + 1 < content_end; ++i) {
    if (buffer_[i] == '\r' && buffer_[i + 1] != '\n') return true;
  }
  return false;
}

void CsvSource::reject_first_line(std::string reason) {
  const char* row = buffer_.get() + pos_;
  const char* newline = parser_.find_line_end(row, buffer_.get() + end_);
  if (newline != nullptr) {
    size_t length = static_cast<size_t>(newline - row);
    if (length > 0 && row[length - 1] == '\r') --length;
    reject(line_, std::move(reason), std::string_view(row, length));
    pos_ += static_cast<size_t>(newline - row) + 1;
    ++line_;
    return;
  }
  reject(line_, std::move(reason), std::string_view(row, end_ - pos_));
  pos_ = end_;
  skipping_line_ = !eof_;
}

void CsvSource::reject_oversized() {
  ++rows_read_;
  std::string reason = end_ - info_.open_field > kMaxFieldBytes
                           ? csv_messages::oversized_field(info_.open_column, info_.in_quotes)
                           : csv_messages::oversized_row();
  if (info_.in_quotes) {
    reject_first_line(std::move(reason));
    return;
  }
  // Outside quotes the record ends with its current physical line: drop through its line feed.
  reject(line_, std::move(reason), std::string_view(buffer_.get() + pos_, end_ - pos_));
  line_ += info_.lines - 1;
  pos_ = end_;
  skipping_line_ = true;
}

void CsvSource::skip_rest_of_line() {
  const char* p = buffer_.get() + pos_;
  const char* newline = parser_.find_line_end(p, buffer_.get() + end_);
  if (newline != nullptr) {
    pos_ += static_cast<size_t>(newline - p) + 1;
    ++line_;
    skipping_line_ = false;
    return;
  }
  pos_ = end_;
  if (eof_) skipping_line_ = false;
  else fill();
}

std::unique_ptr<RowSource> open_csv(const std::string& path, const CsvOptions& options, std::string& error) {
  std::optional<Encoding> forced;
  if (!parse_encoding_name(options.encoding, forced)) {
    error = csv_messages::unknown_encoding(options.encoding);
    return nullptr;
  }
  if (options.delimiter == '"' || options.delimiter == '\n' || options.delimiter == '\r') {
    error = csv_messages::bad_delimiter(options.delimiter);
    return nullptr;
  }
  auto input = InputFile::open(path, forced, error);
  if (!input) return nullptr;
  auto source = std::make_unique<CsvSource>(path, std::move(input));
  if (!source->start(options.delimiter, error)) return nullptr;
  return source;
}

}  // namespace xianjie
