// xianjie-synth: deterministic synthetic administrative-penalty cases (see data/README.md).
//
//   xianjie-synth --rows N --seed S [--csv F] [--sqlite F] [--encoding utf-8|gb18030]
//                 [--dirty RATE] [--truth F] [--planted RATE] [--quiet]
//
// Streams: each row is generated, written to every requested output and forgotten, so memory does
// not grow with --rows. Same arguments, same bytes.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>

#include "case_generator.h"
#include "csv_writer.h"
#include "sqlite_writer.h"
#include "truth_writer.h"

namespace xianjie::synth {
namespace {

struct Options {
  uint64_t rows = 1000;
  uint64_t seed = 1;
  std::string csv;
  std::string sqlite;
  std::string truth;
  std::string encoding = "utf-8";
  double dirty = 0;
  double planted = 0.10;
  bool quiet = false;
};

struct Stats {
  std::array<uint64_t, kOffenseCount + 1> planted{};
  std::array<uint64_t, kOffenseCount + 1> crossing{};
  std::array<uint64_t, kOffenseCount + 1> transferred{};
  std::array<uint64_t, kDefectKinds + 1> defects{};
  uint64_t crossing_with_defect = 0;
};

uint32_t per_million(double rate) { return static_cast<uint32_t>(std::llround(rate * 1e6)); }

void print_summary(const Options& o, const Stats& s, double seconds) {
  std::fprintf(stderr, "%s", fmt::format("xianjie-synth: {} 行，用时 {:.2f} 秒（{:.0f} 行/秒）\n", o.rows, seconds,
                                         seconds > 0 ? static_cast<double>(o.rows) / seconds : 0.0)
                                 .c_str());
  uint64_t planted = 0, crossing = 0;
  for (size_t i = 1; i <= kOffenseCount; ++i) {
    planted += s.planted[i];
    crossing += s.crossing[i];
  }
  std::fprintf(stderr, "%s", fmt::format("  涉罪情形案件 {} 行，其中达到追诉标准 {} 行：\n", planted, crossing).c_str());
  for (size_t i = 1; i <= kOffenseCount; ++i)
    std::fprintf(stderr, "%s",
                 fmt::format("    {}  {:>7} 行  达标 {:>7}  已移送 {:>6}\n", offense_id(static_cast<Offense>(i)),
                             s.planted[i], s.crossing[i], s.transferred[i])
                     .c_str());
  uint64_t defects = 0;
  for (size_t i = 1; i <= kDefectKinds; ++i) defects += s.defects[i];
  if (defects > 0) {
    std::string kinds;
    for (size_t i = 1; i <= kDefectKinds; ++i)
      kinds += fmt::format("{}{} {}", kinds.empty() ? "" : "，", defect_name(static_cast<Defect>(i)), s.defects[i]);
    std::fprintf(stderr, "%s",
                 fmt::format("  CSV 缺陷行 {}（{}）；其中达标案件 {} 行\n", defects, kinds, s.crossing_with_defect).c_str());
  }
}

int run(const Options& o) {
  if (o.csv.empty() && o.sqlite.empty() && o.truth.empty()) {
    std::fprintf(stderr, "xianjie-synth: 没有输出；请至少指定 --csv、--sqlite 或 --truth 之一\n");
    return 2;
  }
  std::string error;
  std::unique_ptr<OutputFile> csv_file, truth_file;
  std::unique_ptr<CsvWriter> csv;
  std::unique_ptr<TruthWriter> truth;
  std::unique_ptr<SqliteWriter> db;
  if (!o.csv.empty()) {
    csv_file = std::make_unique<OutputFile>();
    if (!csv_file->open(o.csv, o.encoding == "gb18030" ? Encoding::kGb18030 : Encoding::kUtf8, error)) {
      std::fprintf(stderr, "xianjie-synth: %s\n", error.c_str());
      return 1;
    }
    csv = std::make_unique<CsvWriter>(*csv_file, o.seed, per_million(o.dirty));
    csv->write_header();
  }
  if (!o.truth.empty()) {
    truth_file = std::make_unique<OutputFile>();
    if (!truth_file->open(o.truth, Encoding::kUtf8, error)) {
      std::fprintf(stderr, "xianjie-synth: %s\n", error.c_str());
      return 1;
    }
    truth = std::make_unique<TruthWriter>(*truth_file);
    truth->write_header();
  }
  if (!o.sqlite.empty()) {
    db = std::make_unique<SqliteWriter>();
    if (!db->open(o.sqlite, error)) {
      std::fprintf(stderr, "xianjie-synth: %s\n", error.c_str());
      return 1;
    }
  }

  auto start = std::chrono::steady_clock::now();
  CaseGenerator generator(o.seed, per_million(o.planted));
  CaseRecord record;
  Stats stats;
  bool ok = true;
  for (uint64_t row = 0; row < o.rows && ok; ++row) {
    Crossings crossings = generator.generate(row, record);
    auto offense = static_cast<size_t>(record.planted);
    ++stats.planted[offense];
    if (crossings.any()) {
      ++stats.crossing[offense];
      if (record.transferred) ++stats.transferred[offense];
    }
    if (csv) {
      ok = csv->write(row, record) && ok;
      ++stats.defects[static_cast<size_t>(csv->last_defect())];
      if (csv->last_defect() != Defect::kNone && crossings.any()) ++stats.crossing_with_defect;
    }
    if (truth) ok = truth->write(record, crossings) && ok;
    if (db) ok = db->write(record) && ok;
  }
  if (csv_file && !csv_file->close()) {
    std::fprintf(stderr, "xianjie-synth: %s\n", csv_file->error().c_str());
    return 1;
  }
  if (truth_file && !truth_file->close()) {
    std::fprintf(stderr, "xianjie-synth: %s\n", truth_file->error().c_str());
    return 1;
  }
  if (db && !db->close()) {
    std::fprintf(stderr, "xianjie-synth: %s\n", db->error().c_str());
    return 1;
  }
  if (!ok) return 1;
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!o.quiet) print_summary(o, stats, seconds);
  return 0;
}

}  // namespace
}  // namespace xianjie::synth

int main(int argc, char** argv) {
  xianjie::synth::Options o;
  CLI::App app{"xianjie-synth: 生成确定性的行政处罚案件合成数据（CSV / SQLite）及其真值表"};
  app.add_option("--rows", o.rows, "行数")->check(CLI::Range(uint64_t{0}, uint64_t{1} << 40));
  app.add_option("--seed", o.seed, "随机种子；相同参数产生逐字节相同的输出");
  app.add_option("--csv", o.csv, "CSV 输出文件（- 为标准输出）");
  app.add_option("--sqlite", o.sqlite, "SQLite 输出文件（表 cases；已存在则覆盖）");
  app.add_option("--encoding", o.encoding, "CSV 编码")->check(CLI::IsMember({"utf-8", "gb18030"}));
  app.add_option("--dirty", o.dirty, "带缺陷的 CSV 行所占比例（0–1）")->check(CLI::Range(0.0, 1.0));
  app.add_option("--truth", o.truth, "真值表输出文件：达到追诉标准的案件");
  app.add_option("--planted", o.planted, "涉罪情形案件所占比例（0–1），默认 0.10")->check(CLI::Range(0.0, 1.0));
  app.add_flag("--quiet", o.quiet, "不输出统计");
  CLI11_PARSE(app, argc, argv);
  return xianjie::synth::run(o);
}
