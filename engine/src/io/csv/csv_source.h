// The CSV RowSource: turns a file into batches of well-formed rows and a stream of rejects.
//
// Data flow: InputFile (bytes → UTF-8) fills one parse buffer; CsvParser finds each record in it;
// the record is checked (field count, UTF-8, NUL, size) and either copied into the batch or handed
// to the reject handler. Memory is the parse buffer (kReadBufferBytes, growing only for a single
// huge row up to kMaxRowBytes) plus the batch: it does not depend on the size of the file.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "io/csv/csv_parser.h"
#include "io/csv/input_file.h"
#include "xianjie/row_source.h"

namespace xianjie {

class CsvSource final : public RowSource {
 public:
  CsvSource(std::string path, std::unique_ptr<InputFile> input);

  // Finds the header (the first non-empty line) and the delimiter (`forced_delimiter`, or
  // detected when 0). False with a message in `error` when there is no usable header.
  bool start(char forced_delimiter, std::string& error);

  const std::vector<std::string>& header() const override { return header_; }
  bool next_batch(RowBatch& batch) override;
  double fraction_done() const override { return input_ ? input_->fraction_read() : -1; }
  const std::string& error() const override { return error_; }
  const std::string& name() const override { return path_; }
  std::string location_text(uint64_t location) const override;
  uint64_t rows_read() const override { return rows_read_; }
  uint64_t rows_rejected() const override { return rows_rejected_; }
  std::vector<std::string> notes() const override { return notes_; }

 private:
  // Where a field of the batch being built lives; turned into string_views once the batch's
  // text has stopped growing (and moving). Two plain words, the scratch flag in the top bit of
  // `length`: with a separate bool member the compiler built each ref on the stack with a byte
  // store and read it back as a word, a store-forwarding stall per field that cost 7 % of a
  // scan's CPU.
  struct FieldRef {
    uint64_t offset;
    uint64_t length;  // | kInScratch
  };
  static constexpr uint64_t kInScratch = uint64_t{1} << 63;

  bool fill();
  void skip_blank_lines();
  void accept(RowBatch& batch);
  std::string bad_text_reason(size_t bad_pos) const;
  // The first line (at pos_) ends with a CR not followed by LF: an old Mac file.
  bool header_ends_with_lone_cr() const;
  // The record [pos_, content_end) contains a CR not followed by LF.
  bool has_lone_cr(size_t content_end) const;
  void reject(uint64_t line, std::string reason, std::string_view original);
  void reject_record(std::string reason);
  void reject_first_line(std::string reason);
  void reject_oversized();
  void skip_rest_of_line();

  std::string path_;
  std::unique_ptr<InputFile> input_;
  CsvParser parser_{','};

  std::unique_ptr<char[]> buffer_;
  size_t capacity_ = 0;
  size_t pos_ = 0;  // start of the next record
  size_t end_ = 0;  // end of the decoded bytes in the buffer
  bool eof_ = false;
  uint64_t line_ = 1;           // physical line at pos_
  bool skipping_line_ = false;  // dropping the rest of an oversized line
  bool done_ = false;

  std::vector<std::string> header_;
  std::vector<FieldSpan> spans_;  // fields of the current record, reused
  RecordInfo info_;
  std::vector<FieldRef> refs_;  // fields of the batch being built, reused

  uint64_t rows_read_ = 0;
  uint64_t rows_rejected_ = 0;
  std::string error_;
  std::vector<std::string> notes_;
};

}  // namespace xianjie
