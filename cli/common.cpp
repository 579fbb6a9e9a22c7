// Shared CLI helpers (see common.h).
#include "common.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include <sqlite3.h>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace xianjie::cli {

std::vector<std::string> rule_paths(const std::vector<std::string>& given) {
  if (!given.empty()) return given;
  if (const char* env = std::getenv("XIANJIE_RULES"); env && *env) return {env};
  return {XIANJIE_DEFAULT_RULES_DIR};
}

size_t print_diagnostics(const Diagnostics& d) {
  for (const auto& item : d.items()) fmt::print(stderr, "{}", format_diagnostic(item));
  return d.error_count();
}

std::unique_ptr<RuleSet> load_rules(const std::vector<std::string>& given, const LoadOptions& options, bool show_warnings) {
  Diagnostics d;
  auto rs = RuleSet::load(rule_paths(given), d, options);
  if (!rs || show_warnings) print_diagnostics(d);
  if (!rs) fmt::print(stderr, "规则加载失败: {} 个错误，{} 个警告；未进行扫描\n", d.error_count(), d.warning_count());
  return rs;
}

bool is_sqlite_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char magic[16] = {};
  if (in) in.read(magic, sizeof magic);
  return in && std::string(magic, 15) == "SQLite format 3";
}

bool sqlite_has_table(const std::string& path, const std::string& name) {
  sqlite3* db = nullptr;
  bool found = false;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_master WHERE type IN ('table','view') AND name = ?", -1, &st,
                           nullptr) == SQLITE_OK) {
      sqlite3_bind_text(st, 1, name.c_str(), -1, SQLITE_TRANSIENT);
      found = sqlite3_step(st) == SQLITE_ROW;
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return found;
}

std::unique_ptr<RowSource> open_input(const std::string& path, const InputOptions& o, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  char magic[16] = {};
  if (in) in.read(magic, sizeof magic);
  bool sqlite = in && std::string(magic, 15) == "SQLite format 3";
  if (sqlite) {
    SqliteOptions so;
    so.table = o.table;
    so.query = o.query;
    return open_sqlite(path, so, error);
  }
  // A .db/.sqlite file, or --table/--query, means SQLite even when the header is wrong: the
  // SQLite reader then says what is wrong with the file instead of reading it as CSV.
  auto ext = std::filesystem::path(path).extension().string();
  if (ext == ".db" || ext == ".sqlite" || ext == ".sqlite3" || !o.query.empty() || o.table != "cases") {
    SqliteOptions so;
    so.table = o.table;
    so.query = o.query;
    return open_sqlite(path, so, error);
  }
  CsvOptions co;
  co.encoding = o.encoding;
  if (o.delimiter == "tab" || o.delimiter == "\\t") {
    co.delimiter = '\t';
  } else if (o.delimiter.size() == 1) {
    co.delimiter = o.delimiter[0];
  } else if (!o.delimiter.empty()) {
    // Not silently ignored: a full-width '，' or a word would otherwise fall back to detection.
    error = fmt::format("--delimiter 应为单个英文字符（, ; | 等）或 tab，而不是 '{}'", o.delimiter);
    return nullptr;
  }
  return open_csv(path, co, error);
}

std::optional<Date> parse_cli_date(const std::string& t) {
  int y, m, d;
  char extra;
  if (std::sscanf(t.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &extra) != 3) return std::nullopt;
  return Date::from_ymd(y, m, d);
}

CLI::Option* one_value_each(CLI::Option* option) {
  return option->expected(1)->allow_extra_args(false)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
}

void add_input_options(CLI::App* cmd, InputOptions& input) {
  auto* table = cmd->add_option("--table", input.table, "SQLite 表名（默认 cases）");
  cmd->add_option("--query", input.query, "SQLite 只读查询（单条 SELECT）")->excludes(table);
  cmd->add_option("--encoding", input.encoding, "CSV 编码: auto、utf-8、gb18030、gbk（默认 auto）");
  cmd->add_option("--delimiter", input.delimiter, "CSV 分隔符: , ; | tab（默认自动识别）");
}

bool scan_input(Scanner& scanner, FindingSink& sink, const std::string& path, const InputOptions& input) {
  std::string err;
  auto source = open_input(path, input, err);
  if (!source) {
    fmt::print(stderr, "错误: {}\n", err);
    scanner.summary().input_errors.push_back(err);
    return false;
  }
  return scanner.scan(*source, sink);
}

bool read_linked_tables(Scanner& scanner, FindingSink& sink, const std::vector<std::string>& transfers,
                        const std::vector<std::string>& non_prosecutions, const std::vector<std::string>& inputs,
                        const InputOptions& input) {
  bool ok = true;
  auto read = [&](const std::string& path, TableKind kind, bool optional) {
    InputOptions io = input;
    io.query.clear();
    // A CSV file holds the table itself; in a database it is looked up by its canonical name.
    if (is_sqlite_file(path)) io.table = kind == TableKind::kTransfers ? "transfers" : "non_prosecutions";
    std::string err;
    auto source = open_input(path, io, err);
    if (!source) {
      if (optional) return;  // a database without that table
      fmt::print(stderr, "错误: {}\n", err);
      scanner.summary().input_errors.push_back(err);
      ok = false;
      return;
    }
    if (!scanner.read_linked_table(*source, kind, sink)) ok = false;
  };
  for (const auto& path : transfers) read(path, TableKind::kTransfers, false);
  for (const auto& path : non_prosecutions) read(path, TableKind::kNonProsecutions, false);
  // A database scanned by table name is searched for the two tables as well.
  if (input.query.empty())
    for (const auto& path : inputs)
      if (is_sqlite_file(path)) {
        if (sqlite_has_table(path, "transfers")) read(path, TableKind::kTransfers, true);
        if (sqlite_has_table(path, "non_prosecutions")) read(path, TableKind::kNonProsecutions, true);
      }
  return ok;
}

}  // namespace xianjie::cli
