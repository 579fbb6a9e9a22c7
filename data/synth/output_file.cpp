// Buffered, optionally GB18030-encoded output (see output_file.h).
#include "output_file.h"

#include <iconv.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace xianjie::synth {

OutputFile::~OutputFile() { close(); }

bool OutputFile::open(const std::string& path, Encoding encoding, std::string& error) {
  path_ = path;
  if (path == "-") {
    file_ = stdout;
  } else {
    file_ = std::fopen(path.c_str(), "wb");
    if (!file_) {
      error = fmt::format("无法写入文件 {}: {}", path, std::strerror(errno));
      return false;
    }
    owns_file_ = true;
  }
  if (encoding == Encoding::kGb18030) {
    iconv_t cd = iconv_open("GB18030", "UTF-8");
    if (cd == reinterpret_cast<iconv_t>(-1)) {
      error = "本系统的 iconv 不支持 GB18030 编码";
      return false;
    }
    iconv_ = cd;
  }
  buffer_.reserve(kFlushBytes + (64 << 10));
  return true;
}

bool OutputFile::write_bytes(const char* data, size_t size) {
  if (size > 0 && std::fwrite(data, 1, size, file_) != size) {
    error_ = fmt::format("写入 {} 失败: {}", path_, std::strerror(errno));
    return false;
  }
  return true;
}

bool OutputFile::flush() {
  if (!file_) return false;
  if (!iconv_) {
    bool ok = write_bytes(buffer_.data(), buffer_.size());
    buffer_.clear();
    return ok;
  }
  // GB18030 needs at most 4 bytes per code point, which takes at least 1 byte of UTF-8 input.
  converted_.resize(buffer_.size() * 4 + 16);
  char* in = buffer_.data();
  size_t in_left = buffer_.size();
  char* out = converted_.data();
  size_t out_left = converted_.size();
  iconv(static_cast<iconv_t>(iconv_), nullptr, nullptr, nullptr, nullptr);
  if (iconv(static_cast<iconv_t>(iconv_), &in, &in_left, &out, &out_left) == static_cast<size_t>(-1)) {
    error_ = fmt::format("转换为 GB18030 失败（{}）", std::strerror(errno));
    return false;
  }
  buffer_.clear();
  return write_bytes(converted_.data(), converted_.size() - out_left);
}

bool OutputFile::close() {
  if (!file_) return error_.empty();
  bool ok = flush();
  if (std::fflush(file_) != 0 && ok) {
    error_ = fmt::format("写入 {} 失败: {}", path_, std::strerror(errno));
    ok = false;
  }
  if (owns_file_ && std::fclose(file_) != 0 && ok) {
    error_ = fmt::format("关闭 {} 失败: {}", path_, std::strerror(errno));
    ok = false;
  }
  file_ = nullptr;
  if (iconv_) iconv_close(static_cast<iconv_t>(iconv_));
  iconv_ = nullptr;
  return ok;
}

}  // namespace xianjie::synth
