// Encoding names, detection and the iconv-based transcoder; see encoding.h.
#include "io/csv/encoding.h"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include "common/text.h"

namespace xianjie {
namespace {

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// True when s[i..] is the start of a well-formed multi-byte sequence that the sample cut short.
bool is_cut_sequence(std::string_view s, size_t i) {
  unsigned char lead = static_cast<unsigned char>(s[i]);
  size_t len = lead >= 0xF0 && lead <= 0xF4 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 && lead < 0xE0 ? 2 : 0;
  if (len == 0 || lead > 0xF4 || i + len <= s.size()) return false;
  for (size_t k = i + 1; k < s.size(); ++k) {
    if ((static_cast<unsigned char>(s[k]) & 0xC0) != 0x80) return false;
  }
  return true;
}

struct Utf8Stats {
  size_t good_multibyte = 0;  // well-formed characters above U+007F
  size_t bad = 0;             // bytes that start no well-formed character
};

Utf8Stats utf8_stats(std::string_view sample, bool complete) {
  Utf8Stats stats;
  size_t i = 0;
  while (i < sample.size()) {
    if (static_cast<unsigned char>(sample[i]) < 0x80) { ++i; continue; }
    size_t start = i;
    char32_t cp = next_code_point(sample, i);
    if (cp != 0xFFFD || sample.substr(start, 3) == "\xEF\xBF\xBD") {
      ++stats.good_multibyte;
    } else if (!complete && is_cut_sequence(sample, start)) {
      break;  // a character cut by the end of the sample, not a bad byte
    } else {
      ++stats.bad;
    }
  }
  return stats;
}

// A real UTF-8 file with some corrupt rows (say, text cut mid-character by a byte-limited column)
// still has far more good multi-byte characters than bad bytes; GBK text read as UTF-8 is the
// other way round, as only a few percent of its byte pairs happen to form UTF-8. GB18030 accepts
// most byte soup, so reading a slightly broken UTF-8 file as GB18030 would garble every row.
constexpr size_t kGoodPerBadUtf8 = 16;

bool decodes_as_gb18030(std::string_view sample) {
  std::string error;
  auto transcoder = Transcoder::create(Encoding::kGb18030, error);
  if (!transcoder) return false;
  std::vector<char> out(64 * 1024);
  size_t pos = 0;
  while (pos < sample.size()) {
    // Not final: a sequence cut by the end of the sample is not evidence against GB18030.
    auto r = transcoder->convert(sample.data() + pos, sample.size() - pos, out.data(), out.size(), false);
    if (std::memchr(out.data(), kUndecodableMarker, r.produced) != nullptr) return false;
    if (r.consumed == 0) break;
    pos += r.consumed;
  }
  return true;
}

}  // namespace

const char* encoding_label(Encoding encoding) {
  switch (encoding) {
    case Encoding::kUtf8: return "UTF-8";
    case Encoding::kGb18030: return "GB18030";
    case Encoding::kUtf16Le: return "UTF-16LE";
    case Encoding::kUtf16Be: return "UTF-16BE";
  }
  return "?";
}

bool parse_encoding_name(std::string_view name, std::optional<Encoding>& forced) {
  std::string n = lower_ascii(name);
  if (n == "auto" || n.empty()) { forced.reset(); return true; }
  if (n == "utf-8" || n == "utf8") { forced = Encoding::kUtf8; return true; }
  if (n == "gb18030" || n == "gbk" || n == "gb2312" || n == "cp936") { forced = Encoding::kGb18030; return true; }
  if (n == "utf-16le" || n == "utf16le") { forced = Encoding::kUtf16Le; return true; }
  if (n == "utf-16be" || n == "utf16be") { forced = Encoding::kUtf16Be; return true; }
  return false;
}

std::optional<Encoding> detect_encoding(std::string_view sample, bool complete) {
  if (sample.substr(0, 3) == "\xEF\xBB\xBF") return Encoding::kUtf8;
  if (sample.substr(0, 2) == "\xFF\xFE") return Encoding::kUtf16Le;
  if (sample.substr(0, 2) == "\xFE\xFF") return Encoding::kUtf16Be;
  Utf8Stats utf8 = utf8_stats(sample, complete);
  if (utf8.bad == 0 || utf8.good_multibyte >= kGoodPerBadUtf8 * utf8.bad) return Encoding::kUtf8;
  if (decodes_as_gb18030(sample)) return Encoding::kGb18030;
  // Neither is clean: UTF-8 with bad rows is still the better reading when most text is UTF-8.
  if (utf8.good_multibyte > utf8.bad) return Encoding::kUtf8;
  return std::nullopt;
}

std::optional<Encoding> guess_utf16_without_bom(std::string_view sample) {
  size_t zeros[2] = {0, 0};  // at even and odd offsets
  bool le_separator = false, be_separator = false;  // a code unit ',' or LF in either byte order
  for (size_t i = 0; i + 1 < sample.size(); i += 2) {
    char a = sample[i], b = sample[i + 1];
    zeros[0] += a == '\0';
    zeros[1] += b == '\0';
    le_separator = le_separator || ((a == ',' || a == '\n') && b == '\0');
    be_separator = be_separator || (a == '\0' && (b == ',' || b == '\n'));
  }
  size_t enough = std::max<size_t>(2, sample.size() / 16);  // an eighth of the code units
  if (le_separator && zeros[1] >= enough && zeros[1] > 8 * zeros[0]) return Encoding::kUtf16Le;  // 'a' is 61 00
  if (be_separator && zeros[0] >= enough && zeros[0] > 8 * zeros[1]) return Encoding::kUtf16Be;  // 'a' is 00 61
  return std::nullopt;
}

std::unique_ptr<Transcoder> Transcoder::create(Encoding from, std::string& error) {
  const char* name = encoding_label(from);
  iconv_t cd = iconv_open("UTF-8", name);
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    error = std::string("系统的 iconv 不支持 ") + name + " 编码";
    return nullptr;
  }
  size_t unit = from == Encoding::kUtf16Le || from == Encoding::kUtf16Be ? 2 : 1;
  return std::unique_ptr<Transcoder>(new Transcoder(cd, unit));
}

Transcoder::~Transcoder() { iconv_close(static_cast<iconv_t>(cd_)); }

Transcoder::Result Transcoder::convert(const char* in, size_t in_size, char* out, size_t out_size, bool final) {
  // iconv's prototype takes char** for the input although it never writes through it.
  char* ip = const_cast<char*>(in);
  size_t il = in_size;
  char* op = out;
  size_t ol = out_size;
  auto cd = static_cast<iconv_t>(cd_);
  while (il > 0 && ol > 0) {
    if (iconv(cd, &ip, &il, &op, &ol) != static_cast<size_t>(-1)) break;
    if (ol == 0) break;  // whatever stopped iconv, a marker would not fit now
    if (errno == EILSEQ) {
      *op++ = kUndecodableMarker;
      --ol;
      size_t skip = unit_ < il ? unit_ : il;
      ip += skip;
      il -= skip;
    } else if (errno == EINVAL) {  // cut sequence at the end of the input
      if (!final) break;
      *op++ = kUndecodableMarker;
      --ol;
      ip += il;
      il = 0;
    } else {  // E2BIG: the output is full
      break;
    }
  }
  return Result{static_cast<size_t>(ip - in), static_cast<size_t>(op - out)};
}

}  // namespace xianjie
