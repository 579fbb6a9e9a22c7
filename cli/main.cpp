// xianjie: batch screening of administrative-penalty cases against criminal-prosecution thresholds.
// The commands live in commands/; this file only wires them into CLI11 and maps errors to exit codes.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands/commands.h"
#include "common.h"

int main(int argc, char** argv) {
  CLI::App app{"xianjie（衔接）— 行政执法与刑事司法衔接案件筛查：按立案追诉标准扫描行政处罚案件，输出移送线索"};
  app.set_version_flag("--version", std::string("xianjie ") + XIANJIE_VERSION);
  app.require_subcommand(1);
  int exit_code = xianjie::cli::kExitOk;
  xianjie::cli::register_scan(app, exit_code);
  xianjie::cli::register_rules(app, exit_code);
  xianjie::cli::register_explain(app, exit_code);
  xianjie::cli::register_check_data(app, exit_code);
  xianjie::cli::register_review(app, exit_code);
  xianjie::cli::register_stats(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return xianjie::cli::kExitError;  // usage errors are exit 2, whatever CLI11's own code
  }
  return exit_code;
}
