// File access and decoding for the CSV reader; see input_file.h. POSIX read() into caller-owned
// memory: no stdio buffer in between, and a UTF-8 file goes straight into the parse buffer.
#include "io/csv/input_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "io/csv/csv_limits.h"
#include "io/csv/csv_messages.h"

namespace xianjie {

std::unique_ptr<InputFile> InputFile::open(const std::string& path, std::optional<Encoding> forced,
                                           std::string& error) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = csv_messages::open_failed(path, errno);
    return nullptr;
  }
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    error = csv_messages::is_directory(path);
    return nullptr;
  }
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  std::unique_ptr<InputFile> file(new InputFile(fd, path));
  if (S_ISREG(st.st_mode)) file->size_ = static_cast<uint64_t>(st.st_size);

  file->raw_size_ = kEncodingSampleBytes;
  file->raw_ = std::make_unique<char[]>(file->raw_size_);
  while (file->raw_end_ < file->raw_size_ && !file->raw_eof_) {
    file->raw_end_ += file->read_raw(file->raw_.get() + file->raw_end_, file->raw_size_ - file->raw_end_);
  }
  if (!file->error_.empty()) {
    error = file->error_;
    return nullptr;
  }
  if (file->raw_end_ == 0) {
    error = csv_messages::empty_file(path);
    return nullptr;
  }

  if (forced) {
    file->encoding_ = *forced;
  } else {
    std::string_view sample(file->raw_.get(), file->raw_end_);
    auto detected = detect_encoding(sample, file->raw_eof_);
    bool utf16_bom = detected == Encoding::kUtf16Le || detected == Encoding::kUtf16Be;
    if (auto utf16 = utf16_bom ? std::nullopt : guess_utf16_without_bom(sample)) {
      error = csv_messages::utf16_without_bom(path, encoding_label(*utf16),
                                              *utf16 == Encoding::kUtf16Le ? "utf-16le" : "utf-16be");
      return nullptr;
    }
    file->ascii_sample_ = std::none_of(sample.begin(), sample.end(), [](char c) { return (c & 0x80) != 0; });
    if (!detected) {
      error = csv_messages::undetectable_encoding(path);
      return nullptr;
    }
    file->encoding_ = *detected;
    file->detected_ = true;
  }
  if (file->encoding_ != Encoding::kUtf8) {
    file->transcoder_ = Transcoder::create(file->encoding_, error);
    if (!file->transcoder_) return nullptr;
  }
  return file;
}

InputFile::~InputFile() { ::close(fd_); }

size_t InputFile::read_raw(char* dst, size_t capacity) {
  for (;;) {
    ssize_t n = ::read(fd_, dst, capacity);
    if (n > 0) {
      bytes_read_ += static_cast<uint64_t>(n);
      return static_cast<size_t>(n);
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) error_ = csv_messages::read_failed(path_, errno);
    raw_eof_ = true;
    return 0;
  }
}

size_t InputFile::read(char* dst, size_t capacity) {
  if (!transcoder_) {
    if (raw_pos_ < raw_end_) {  // the detection sample comes first
      size_t n = std::min(capacity, raw_end_ - raw_pos_);
      std::memcpy(dst, raw_.get() + raw_pos_, n);
      raw_pos_ += n;
      if (raw_pos_ == raw_end_) raw_.reset();
      return n;
    }
    return raw_eof_ ? 0 : read_raw(dst, capacity);
  }

  for (;;) {
    auto r = transcoder_->convert(raw_.get() + raw_pos_, raw_end_ - raw_pos_, dst, capacity, raw_eof_);
    raw_pos_ += r.consumed;
    if (r.produced > 0) return r.produced;
    if (raw_eof_) return 0;  // with `final`, everything was consumed
    // What is left is a sequence cut by the end of the chunk: keep it in front of the next one.
    size_t left = raw_end_ - raw_pos_;
    std::memmove(raw_.get(), raw_.get() + raw_pos_, left);
    raw_pos_ = 0;
    raw_end_ = left;
    raw_end_ += read_raw(raw_.get() + raw_end_, raw_size_ - raw_end_);
    if (!error_.empty()) return 0;
  }
}

}  // namespace xianjie
