// Text encodings a CSV export arrives in, how to tell them apart from the first bytes of the file,
// and a streaming transcoder (glibc iconv) that turns GB18030 or UTF-16 into the UTF-8 the rest of
// the engine works on.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace xianjie {

enum class Encoding { kUtf8, kGb18030, kUtf16Le, kUtf16Be };

// Written into decoded text in place of bytes the source encoding cannot decode. 0xFF never
// occurs in UTF-8, so the row validator rejects the row that contains it.
inline constexpr char kUndecodableMarker = '\xFF';

// "UTF-8", "GB18030", "UTF-16LE", "UTF-16BE": the names used in notes and messages.
const char* encoding_label(Encoding encoding);

// Reads a user-given encoding name (case-insensitive): "auto" → nullopt in `forced`; utf-8/utf8,
// gb18030/gbk/gb2312 (read as GB18030, a superset), utf-16le/utf-16be. False for anything else.
bool parse_encoding_name(std::string_view name, std::optional<Encoding>& forced);

// Decides the encoding from `sample`, the first bytes of the file (`complete` when it is the whole
// file). A BOM wins; then UTF-8 when the sample is UTF-8, tolerating a few broken bytes in
// otherwise clearly UTF-8 text (bad rows, not a different encoding); then GB18030 when the sample
// decodes cleanly; then UTF-8 again if most non-ASCII text is UTF-8. Nullopt when nothing fits. A BOM is left in
// place: it decodes to U+FEFF, which the reader drops whatever the encoding.
std::optional<Encoding> detect_encoding(std::string_view sample, bool complete);

// UTF-16 without a BOM is not detected (it is refused with advice instead): this says whether
// `sample` looks like it — a zero byte in a good share of the code units (every ASCII character:
// digits, delimiters, line ends), nearly all on the same side. Never true for UTF-8 or GB18030
// text, which has no zero bytes except in a broken row or two.
std::optional<Encoding> guess_utf16_without_bom(std::string_view sample);

// Streaming conversion to UTF-8. A multi-byte sequence cut at the end of the input is left
// unconsumed so the caller can prepend it to the next chunk; undecodable bytes become
// kUndecodableMarker instead of stopping the stream, so one bad row costs one row.
class Transcoder {
 public:
  static std::unique_ptr<Transcoder> create(Encoding from, std::string& error);
  ~Transcoder();
  Transcoder(const Transcoder&) = delete;
  Transcoder& operator=(const Transcoder&) = delete;

  struct Result {
    size_t consumed = 0;
    size_t produced = 0;
  };
  // Converts from `in` into `out` until either is exhausted. With `final`, a cut sequence at the
  // end of `in` is consumed and replaced by a marker. `out_size` should be at least a few bytes.
  Result convert(const char* in, size_t in_size, char* out, size_t out_size, bool final);

 private:
  Transcoder(void* cd, size_t unit) : cd_(cd), unit_(unit) {}
  void* cd_;     // iconv_t, kept opaque so that <iconv.h> stays out of the header
  size_t unit_;  // bytes skipped after an undecodable sequence (one code unit)
};

}  // namespace xianjie
