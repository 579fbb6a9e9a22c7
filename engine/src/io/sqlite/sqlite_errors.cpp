// Wording of the SQLite reader's messages (see sqlite_errors.h).
#include "io/sqlite/sqlite_errors.h"

#include <fmt/format.h>

namespace xianjie::sqlite_errors {

std::string list_tables(const std::vector<std::string>& tables) {
  constexpr size_t kShown = 12;
  std::string out;
  for (size_t i = 0; i < tables.size() && i < kShown; ++i) {
    if (i) out += ", ";
    out += tables[i];
  }
  if (tables.size() > kShown) out += fmt::format(" 等 {} 个", tables.size());
  return out;
}

std::string empty_path() { return "未指定 SQLite 数据库文件路径"; }

std::string missing_file(std::string_view path) {
  return fmt::format("找不到数据库文件 {}；请检查路径（读取时不会新建数据库）", path);
}

std::string is_directory(std::string_view path) {
  return fmt::format("{} 是目录，不是 SQLite 数据库文件", path);
}

std::string cannot_open(std::string_view path, std::string_view sqlite_message) {
  return fmt::format("无法打开数据库 {}（{}）；请检查文件权限", path, sqlite_message);
}

std::string not_a_database(std::string_view path) {
  return fmt::format("{} 不是 SQLite 数据库（file is not a database）；CSV 等文本文件请按 CSV 读取，"
                     "加密或损坏的数据库请先导出为普通 SQLite 文件",
                     path);
}

std::string locked(std::string_view path, int timeout_ms) {
  return fmt::format("数据库 {} 被其他程序锁定（database is locked），等待 {} 毫秒后仍无法读取；"
                     "请等写入结束后重试，或复制一份数据库再扫描",
                     path, timeout_ms);
}

std::string corrupt(std::string_view path, std::string_view sqlite_message) {
  return fmt::format("数据库 {} 已损坏（{}）；请用 sqlite3 的 .recover 命令修复或重新导出", path, sqlite_message);
}

std::string read_failed(std::string_view path, std::string_view sqlite_message) {
  return fmt::format("读取数据库 {} 时出错（{}）", path, sqlite_message);
}

std::string missing_table(std::string_view path, std::string_view table, const std::vector<std::string>& tables) {
  if (tables.empty())
    return fmt::format("数据库 {} 中没有表 “{}”，而且没有任何表（空数据库）；请确认文件是否导出完整", path, table);
  return fmt::format("数据库 {} 中没有表 “{}”；现有的表: {}。请用 --table 指定表名，或用 --query 写查询", path,
                     table, list_tables(tables));
}

std::string empty_table_name(std::string_view path) {
  return fmt::format("读取数据库 {}: 表名为空；请用 --table 指定表名", path);
}

std::string empty_query(std::string_view path) {
  return fmt::format("读取数据库 {}: --query 中没有 SQL 语句", path);
}

std::string query_not_select(std::string_view path, std::string_view first_word) {
  return fmt::format("读取数据库 {}: --query 只允许只读的 SELECT 查询（可以以 WITH 开头），收到的语句以 “{}” 开头；"
                     "扫描不会修改数据库",
                     path, first_word);
}

std::string query_several_statements(std::string_view path, std::string_view rest) {
  return fmt::format("读取数据库 {}: --query 只能包含一条 SELECT 语句，第一条语句之后还有 “{}”；请删去多余的语句", path,
                     rest);
}

std::string query_not_read_only(std::string_view path) {
  return fmt::format("读取数据库 {}: --query 不是只读查询（WITH 之后跟了 INSERT/UPDATE/DELETE 等写操作）；"
                     "扫描只允许 SELECT",
                     path);
}

std::string query_invalid(std::string_view path, std::string_view sqlite_message, const std::vector<std::string>& tables) {
  std::string msg = fmt::format("读取数据库 {}: --query 有错误（{}）", path, sqlite_message);
  if (sqlite_message.find("no such table") != std::string_view::npos)
    msg += tables.empty() ? std::string("；数据库中没有任何表")
                          : fmt::format("；现有的表: {}", list_tables(tables));
  return msg;
}

std::string column_not_utf8(size_t column, std::string_view name) {
  return fmt::format("第 {} 列（{}）: 不是有效的 UTF-8 文本（可能是二进制 BLOB 或其他编码）", column, name);
}

std::string column_has_nul(size_t column, std::string_view name) {
  return fmt::format("第 {} 列（{}）: 含有 NUL 字节", column, name);
}

}  // namespace xianjie::sqlite_errors
