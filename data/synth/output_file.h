// A buffered output file that writes UTF-8 as is or converts it to GB18030 on the way out.
//
// Callers append whole rows to buffer() and call row_done(); the buffer is flushed (and
// converted) only between rows, so a multi-byte character is never split across conversions and
// memory stays flat however many rows are written.
#pragma once

#include <cstdio>
#include <string>

namespace xianjie::synth {

enum class Encoding : uint8_t { kUtf8, kGb18030 };

class OutputFile {
 public:
  OutputFile() = default;
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;
  ~OutputFile();

  // "-" writes to standard output. Returns false with a message in `error`.
  bool open(const std::string& path, Encoding encoding, std::string& error);
  std::string& buffer() { return buffer_; }
  // Flushes when enough has accumulated; false on a write error (see error()).
  bool row_done() { return buffer_.size() < kFlushBytes || flush(); }
  // Flushes and closes; false on a write error.
  bool close();
  const std::string& error() const { return error_; }
  bool is_open() const { return file_ != nullptr; }

 private:
  static constexpr size_t kFlushBytes = 1 << 20;
  bool flush();
  bool write_bytes(const char* data, size_t size);

  std::FILE* file_ = nullptr;
  bool owns_file_ = false;
  std::string path_;
  std::string buffer_;
  std::string converted_;
  void* iconv_ = nullptr;  // iconv_t, kept opaque to spare users of this header <iconv.h>
  std::string error_;
};

}  // namespace xianjie::synth
