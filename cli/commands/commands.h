// Registration of the CLI's subcommands. Each sets `exit_code` when it runs.
#pragma once

#include <CLI/CLI.hpp>

namespace xianjie::cli {

void register_scan(CLI::App& app, int& exit_code);
void register_rules(CLI::App& app, int& exit_code);
void register_explain(CLI::App& app, int& exit_code);
void register_check_data(CLI::App& app, int& exit_code);
void register_review(CLI::App& app, int& exit_code);
void register_stats(CLI::App& app, int& exit_code);

}  // namespace xianjie::cli
