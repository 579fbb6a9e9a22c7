// The byte side of the CSV reader: opens the file, settles its encoding from the first MiB, and
// hands out the content as UTF-8 in whatever chunk sizes the parse buffer has room for.
#pragma once

#include <algorithm>
#include <cstdint>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "io/csv/encoding.h"

namespace xianjie {

class InputFile {
 public:
  // Opens `path` and reads up to kEncodingSampleBytes. The encoding is `forced`, or detected from
  // that sample. Returns nullptr with a message naming the file when the file cannot be read, is
  // a directory, is empty, or has an encoding that cannot be detected.
  static std::unique_ptr<InputFile> open(const std::string& path, std::optional<Encoding> forced,
                                         std::string& error);
  ~InputFile();
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;

  Encoding encoding() const { return encoding_; }
  bool encoding_detected() const { return detected_; }
  // The encoding was detected from a sample without a single non-ASCII byte (so, as UTF-8, by default).
  bool ascii_sample() const { return ascii_sample_; }

  // Writes the next decoded bytes to dst[0..capacity) and returns how many; 0 at the end of the
  // file or after a read error (then error() is set). `capacity` must be at least 16 bytes so that
  // any character fits.
  size_t read(char* dst, size_t capacity);
  const std::string& error() const { return error_; }
  // Share of the file read so far (0..1), or -1 when its size is unknown (a pipe).
  double fraction_read() const { return size_ > 0 ? std::min(1.0, static_cast<double>(bytes_read_) / static_cast<double>(size_)) : -1; }

 private:
  InputFile(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  size_t read_raw(char* dst, size_t capacity);

  int fd_;
  std::string path_;
  Encoding encoding_ = Encoding::kUtf8;
  bool detected_ = false;
  bool ascii_sample_ = false;
  std::unique_ptr<Transcoder> transcoder_;  // null for UTF-8, which is passed through
  // Undecoded input: first the detection sample, later the chunks the transcoder works through.
  std::unique_ptr<char[]> raw_;
  size_t raw_size_ = 0;
  size_t raw_pos_ = 0;
  size_t raw_end_ = 0;
  bool raw_eof_ = false;
  uint64_t size_ = 0;        // of a regular file
  uint64_t bytes_read_ = 0;  // raw bytes read from the file
  std::string error_;
};

}  // namespace xianjie
