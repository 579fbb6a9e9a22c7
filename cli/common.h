// Shared pieces of the CLI commands: rule loading with diagnostics, exit codes, input opening.
#pragma once

#include <fstream>
#include <ostream>
#include <optional>
#include <string>
#include <vector>

#include "xianjie/diagnostics.h"
#include "xianjie/row_source.h"
#include "xianjie/rule_set.h"
#include "xianjie/scan.h"

namespace CLI {
class App;
class Option;
}

namespace xianjie::cli {

// Exit codes (docs/cli.md): 0 success; 1 findings at or above --fail-on (or failed rule tests);
// 2 usage, input or rule errors.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFindings = 1;
inline constexpr int kExitError = 2;

// The rule paths to use: the given ones, else $XIANJIE_RULES, else the standard pack.
std::vector<std::string> rule_paths(const std::vector<std::string>& given);

// Prints every diagnostic to stderr; returns the number of errors.
size_t print_diagnostics(const Diagnostics& d);

// Loads rules, printing diagnostics; nullptr on any error.
std::unique_ptr<RuleSet> load_rules(const std::vector<std::string>& given, const LoadOptions& options, bool show_warnings);

struct InputOptions {
  std::string encoding = "auto";
  std::string delimiter;  // "", ",", "tab", ";", "|"
  std::string table = "cases";
  std::string query;
};

// Registers the options of InputOptions on a command: --table, --query (excluding --table),
// --encoding, --delimiter.
// Makes a repeatable option take exactly one value per use (`--rules a --rules b`), all of them
// kept: otherwise CLI11 would read the input files that follow it as more of its values.
CLI::Option* one_value_each(CLI::Option* option);

void add_input_options(CLI::App* cmd, InputOptions& input);

// Opens a CSV or SQLite input (SQLite recognised by its file header). nullptr with `error` set.
std::unique_ptr<RowSource> open_input(const std::string& path, const InputOptions& options, std::string& error);

std::optional<Date> parse_cli_date(const std::string& text);

// Whether `path` is a SQLite database (by its header), and whether it has table `name`.
bool is_sqlite_file(const std::string& path);
bool sqlite_has_table(const std::string& path, const std::string& name);

// Opens one input and scans it. An input that cannot be opened is printed and recorded in the
// summary; false when it could not be opened or not read to the end.
bool scan_input(Scanner& scanner, FindingSink& sink, const std::string& path, const InputOptions& input);

// Reads the transfer chain's tables into `scanner` before the cases (`scan` and `stats` alike): the
// files given with --transfers and --non-prosecutions (CSV, or SQLite by canonical table name), then
// the `transfers` and `non_prosecutions` tables of every SQLite input scanned by table name. An
// unreadable given file is printed and recorded in the summary; false when any table failed.
bool read_linked_tables(Scanner& scanner, FindingSink& sink, const std::vector<std::string>& transfers,
                        const std::vector<std::string>& non_prosecutions, const std::vector<std::string>& inputs,
                        const InputOptions& input);

}  // namespace xianjie::cli
