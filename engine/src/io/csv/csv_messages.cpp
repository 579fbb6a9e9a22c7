// Message factories of the CSV reader; see csv_messages.h.
#include "io/csv/csv_messages.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>

#include "io/csv/csv_limits.h"

namespace xianjie::csv_messages {
namespace {

std::string errno_text(int error_number) {
  switch (error_number) {
    case ENOENT: return "文件不存在";
    case EACCES:
    case EPERM: return "没有读取权限";
    case EISDIR: return "这是一个目录，不是文件";
    case ENOTDIR: return "路径中有一段不是目录";
    case ENAMETOOLONG: return "路径太长";
    case EIO: return "磁盘读写错误";
    default: return std::strerror(error_number);
  }
}

std::string column_prefix(size_t column) { return column == 0 ? std::string() : fmt::format("第 {} 列", column); }

}  // namespace

std::string open_failed(const std::string& path, int error_number) {
  return fmt::format("无法打开 {}：{}", path, errno_text(error_number));
}

std::string is_directory(const std::string& path) {
  return fmt::format("无法读取 {}：这是一个目录，请指定其中的 CSV 文件", path);
}

std::string read_failed(const std::string& path, int error_number) {
  return fmt::format("读取 {} 时出错：{}", path, errno_text(error_number));
}

std::string empty_file(const std::string& path) { return fmt::format("{}：文件为空（没有表头行）", path); }

std::string unknown_encoding(const std::string& name) {
  return fmt::format("不支持的编码 '{}'；可用：auto、utf-8、gb18030、gbk、utf-16le、utf-16be", name);
}

std::string bad_delimiter(char delimiter) {
  return fmt::format("分隔符不能是 {}；请用逗号、制表符、分号或竖线等", delimiter == '"' ? "引号" : "换行符");
}

std::string undetectable_encoding(const std::string& path) {
  return fmt::format("{}：文件不是 UTF-8 编码，也无法按 GB18030 解码；请用 --encoding 指定编码（如 --encoding gb18030）",
                     path);
}

std::string utf16_without_bom(const std::string& path, const char* encoding, const char* option) {
  return fmt::format("{}：文件看起来是没有 BOM 的 {} 文本；请用 --encoding {} 指定编码，或另存为 UTF-8", path, encoding,
                     option);
}

std::string header_unclosed_quote(const std::string& path, size_t column) {
  return fmt::format("{}：表头第 {} 列引号未闭合；请检查文件第一行", path, column);
}

std::string header_too_large(const std::string& path) {
  return fmt::format("{}：表头行超过 {} MiB，不像是 CSV 文件；请检查文件格式和分隔符", path, kMaxRowBytes >> 20);
}

std::string header_bad_text(const std::string& path, const char* encoding, size_t column) {
  return fmt::format("{}：表头第 {} 列含有无效的 {} 字节或 NUL 字节；请用 --encoding 指定正确的编码", path, column,
                     encoding);
}

std::string field_count(size_t found, size_t expected) { return fmt::format("字段数为 {}，应为 {}", found, expected); }

std::string unclosed_quote(size_t column) { return fmt::format("第 {} 列引号未闭合", column); }

std::string stray_quote(size_t column, size_t found, size_t expected) {
  return fmt::format("第 {} 列引号可能未闭合（按引号跨行解析后字段数为 {}，应为 {}）", column, found, expected);
}

std::string oversized_field(size_t column, bool in_quotes) {
  return fmt::format("第 {} 列超过 {} MiB{}", column, kMaxFieldBytes >> 20, in_quotes ? "（引号可能未闭合）" : "");
}

std::string oversized_row() { return fmt::format("行长度超过 {} MiB", kMaxRowBytes >> 20); }

std::string invalid_utf8(size_t column, size_t byte_in_row, bool ascii_sample) {
  return fmt::format("{}含有无效的 UTF-8 字节（行内第 {} 字节）{}", column_prefix(column), byte_in_row,
                     ascii_sample ? "；文件开头只有英文字符，按 UTF-8 读取，若文件是 GB18030/GBK 编码请加 --encoding gb18030"
                                  : "");
}

std::string undecodable(size_t column, const char* encoding) {
  return fmt::format("{}含有无法按 {} 解码的字节", column_prefix(column), encoding);
}

std::string nul_byte(size_t column) { return fmt::format("{}含有 NUL 字节", column_prefix(column)); }

std::string detected_encoding(const char* encoding) { return fmt::format("检测为 {} 编码", encoding); }

std::string delimiter_note(const std::string& name) { return fmt::format("分隔符: {}", name); }

std::string cr_line_ends() { return "换行符为单独的 CR（旧版 Mac 格式），已按行读取"; }

}  // namespace xianjie::csv_messages
