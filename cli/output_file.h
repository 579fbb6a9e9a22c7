// Where a command writes its report: a file, or standard output.
//
// Both go through a 1 MiB buffer of our own. std::ofstream's buffer is 8 KiB, and libstdc++ hands
// any write of 1 KiB or more straight to the kernel whatever the buffer size: with JSONL findings
// of about 1.7 KB each, a scan made one writev() per finding (140,000 system calls per 1,000,000
// cases with the whole pack). A terminal is the exception: it is written through std::cout, so
// that each line shows when it is written.
#pragma once

#include <memory>
#include <ostream>
#include <streambuf>
#include <string>
#include <vector>

namespace xianjie::cli {

// A stream buffer that writes to a file descriptor in large blocks. A failed write makes the
// stream bad (overflow and sync report it), which the commands check before they exit.
class FdBuffer : public std::streambuf {
 public:
  static constexpr size_t kBytes = size_t{1} << 20;
  explicit FdBuffer(int fd);
  ~FdBuffer() override;
  FdBuffer(const FdBuffer&) = delete;
  FdBuffer& operator=(const FdBuffer&) = delete;

 protected:
  int_type overflow(int_type ch) override;
  std::streamsize xsputn(const char* s, std::streamsize n) override;
  int sync() override;

 private:
  bool write_out(const char* data, size_t size);
  bool flush_buffer();
  int fd_;
  bool failed_ = false;
  std::vector<char> buffer_;
};

class OutputFile {
 public:
  OutputFile() = default;
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  // Standard output for "" or "-", else `path`, created or truncated. nullptr (the message
  // printed) when the file cannot be written.
  std::ostream* open(const std::string& path);
  // Whether the report goes to a terminal (colour is used only there).
  bool is_terminal() const { return terminal_; }

 private:
  int fd_ = -1;  // a file opened here, closed by the destructor
  bool terminal_ = false;
  std::unique_ptr<FdBuffer> buffer_;
  std::unique_ptr<std::ostream> stream_;
};

}  // namespace xianjie::cli
