// OutputFile and FdBuffer; see output_file.h.
#include "output_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>

#include <fmt/format.h>

namespace xianjie::cli {
namespace {

// Why a report file cannot be created, in the words of the other messages.
std::string open_failure(int error_number) {
  switch (error_number) {
    case ENOENT: return "所在目录不存在";
    case ENOTDIR: return "路径中有一段不是目录";
    case EACCES:
    case EPERM: return "没有写入权限";
    case EISDIR: return "这是一个目录，不是文件";
    case EROFS: return "文件系统只读";
    case ENOSPC: return "磁盘已满";
    default: return std::strerror(error_number);
  }
}

}  // namespace

FdBuffer::FdBuffer(int fd) : fd_(fd), buffer_(kBytes) { setp(buffer_.data(), buffer_.data() + buffer_.size()); }

FdBuffer::~FdBuffer() { flush_buffer(); }

bool FdBuffer::write_out(const char* data, size_t size) {
  while (size > 0 && !failed_) {
    ssize_t n = ::write(fd_, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      failed_ = true;
      break;
    }
    data += n;
    size -= static_cast<size_t>(n);
  }
  return !failed_;
}

bool FdBuffer::flush_buffer() {
  bool ok = write_out(pbase(), static_cast<size_t>(pptr() - pbase()));
  setp(buffer_.data(), buffer_.data() + buffer_.size());
  return ok;
}

FdBuffer::int_type FdBuffer::overflow(int_type ch) {
  if (!flush_buffer()) return traits_type::eof();
  if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
  *pptr() = traits_type::to_char_type(ch);
  pbump(1);
  return ch;
}

std::streamsize FdBuffer::xsputn(const char* s, std::streamsize n) {
  const auto size = static_cast<size_t>(n);
  const auto room = static_cast<size_t>(epptr() - pptr());
  if (size <= room) {
    std::memcpy(pptr(), s, size);
    pbump(static_cast<int>(size));
    return n;
  }
  // Larger than the room left: flush, then buffer it, or write it directly if it is larger than
  // the whole buffer.
  if (!flush_buffer()) return 0;
  if (size >= buffer_.size()) return write_out(s, size) ? n : 0;
  std::memcpy(pptr(), s, size);
  pbump(static_cast<int>(size));
  return n;
}

int FdBuffer::sync() { return flush_buffer() ? 0 : -1; }

OutputFile::~OutputFile() {
  stream_.reset();
  buffer_.reset();  // flushes; a failure here was already seen by the command's final flush
  if (fd_ >= 0) ::close(fd_);
}

std::ostream* OutputFile::open(const std::string& path) {
  int fd = STDOUT_FILENO;
  if (path.empty() || path == "-") {
    if (isatty(STDOUT_FILENO)) {
      terminal_ = true;
      return &std::cout;
    }
    std::cout.flush();
  } else {
    fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) {
      fmt::print(stderr, "错误: 无法写入输出文件 {}（{}）\n", path, open_failure(errno));
      return nullptr;
    }
    fd_ = fd;
  }
  buffer_ = std::make_unique<FdBuffer>(fd);
  stream_ = std::make_unique<std::ostream>(buffer_.get());
  return stream_.get();
}

}  // namespace xianjie::cli
