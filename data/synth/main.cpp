// xianjie-synth: deterministic synthetic administrative-penalty cases (see data/README.md).
//
//   xianjie-synth --rows N --seed S [--csv F] [--sqlite F] [--encoding utf-8|gb18030]
//                 [--dirty RATE] [--truth F] [--planted RATE] [--quiet]
//                 [--repeat SHARE] [--history-truth F] [--transfers F] [--non-prosecutions F]
//
// --repeat makes series of cases of one party for the cross-record rules (repeat_series.h);
// --transfers and --non-prosecutions write the tables of the transferred cases (linked_tables.h),
// also into the --sqlite database. Without them the output is what it always was.
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
#include "linked_tables.h"
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
  double repeat = 0;
  std::string history_truth;
  std::string transfers;
  std::string non_prosecutions;
  bool quiet = false;
};

struct Stats {
  std::array<uint64_t, kOffenseCount + 1> planted{};
  std::array<uint64_t, kOffenseCount + 1> crossing{};
  std::array<uint64_t, kOffenseCount + 1> transferred{};
  std::array<uint64_t, kDefectKinds + 1> defects{};
  uint64_t crossing_with_defect = 0;
  uint64_t series_started = 0, series_cases = 0;
  uint64_t history[2] = {}, history_open[2] = {};  // HIST-TOB, HIST-MIN; of which not transferred
  uint64_t transfer_rows = 0, np_rows = 0;
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
  if (o.repeat > 0)
    std::fprintf(stderr, "%s",
                 fmt::format("  重复当事人：{} 个系列，后续案件 {} 行（占 {:.2f}%）；应报 HIST-TOB {} 件（未移送 {}），"
                             "HIST-MIN {} 件（未移送 {}）\n",
                             s.series_started, s.series_cases,
                             o.rows > 0 ? 100.0 * static_cast<double>(s.series_cases) / static_cast<double>(o.rows) : 0.0,
                             s.history[0], s.history_open[0], s.history[1], s.history_open[1])
                     .c_str());
  if (!o.transfers.empty() || !o.non_prosecutions.empty())
    std::fprintf(stderr, "%s", fmt::format("  移送记录 {} 行，不起诉决定 {} 行\n", s.transfer_rows, s.np_rows).c_str());
}

int run(const Options& o) {
  if (o.csv.empty() && o.sqlite.empty() && o.truth.empty() && o.history_truth.empty() && o.transfers.empty() &&
      o.non_prosecutions.empty()) {
    std::fprintf(stderr, "xianjie-synth: 没有输出；请至少指定 --csv、--sqlite 或 --truth 之一\n");
    return 2;
  }
  std::string error;
  std::unique_ptr<OutputFile> csv_file, truth_file, history_file, transfers_file, np_file;
  std::unique_ptr<HistoryTruthWriter> history;
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
  if (!o.history_truth.empty()) {
    history_file = std::make_unique<OutputFile>();
    if (!history_file->open(o.history_truth, Encoding::kUtf8, error)) {
      std::fprintf(stderr, "xianjie-synth: %s\n", error.c_str());
      return 1;
    }
    history = std::make_unique<HistoryTruthWriter>(*history_file);
    history->write_header();
  }
  // The tables of the transferred cases are written in the encoding of the CSV export.
  const Encoding linked_encoding = o.encoding == "gb18030" ? Encoding::kGb18030 : Encoding::kUtf8;
  for (auto [path, file] : {std::pair{&o.transfers, &transfers_file}, std::pair{&o.non_prosecutions, &np_file}}) {
    if (path->empty()) continue;
    *file = std::make_unique<OutputFile>();
    if (!(*file)->open(*path, linked_encoding, error)) {
      std::fprintf(stderr, "xianjie-synth: %s\n", error.c_str());
      return 1;
    }
  }
  if (!o.sqlite.empty()) {
    db = std::make_unique<SqliteWriter>();
    if (!db->open(o.sqlite, error)) {
      std::fprintf(stderr, "xianjie-synth: %s\n", error.c_str());
      return 1;
    }
  }
  std::unique_ptr<LinkedRows> linked_rows;
  std::unique_ptr<LinkedWriter> linked;
  if (transfers_file || np_file) {
    linked_rows = std::make_unique<LinkedRows>(o.seed);
    linked = std::make_unique<LinkedWriter>(o.seed, transfers_file.get(), np_file.get(), db.get());
    if (!linked->begin()) {
      std::fprintf(stderr, "xianjie-synth: %s\n", db ? db->error().c_str() : "写入失败");
      return 1;
    }
  }

  auto start = std::chrono::steady_clock::now();
  CaseGenerator generator(o.seed, per_million(o.planted), per_million(o.repeat));
  CaseRecord record;
  TransferRow transfer;
  NonProsecutionRow non_prosecution;
  Stats stats;
  bool ok = true;
  for (uint64_t row = 0; row < o.rows && ok; ++row) {
    Crossings crossings = generator.generate(row, record);
    const HistoryVerdict& verdict = generator.verdict();
    if (!verdict.rule_id.empty()) {
      size_t k = verdict.rule_id == "HIST-TOB" ? 0 : 1;
      ++stats.history[k];
      if (!verdict.transferred) ++stats.history_open[k];
    }
    if (history) ok = history->write(record, verdict) && ok;
    if (linked && record.transferred) {
      bool has_np = linked_rows->make(row, record, transfer, non_prosecution);
      ok = linked->write(row, transfer) && ok;
      if (transfers_file) ++stats.transfer_rows;
      if (has_np && np_file) {
        ok = linked->write(row, non_prosecution) && ok;
        ++stats.np_rows;
      }
    }
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
  for (auto* f : {truth_file.get(), history_file.get(), transfers_file.get(), np_file.get()}) {
    if (f && !f->close()) {
      std::fprintf(stderr, "xianjie-synth: %s\n", f->error().c_str());
      return 1;
    }
  }
  if (db && !db->close()) {
    std::fprintf(stderr, "xianjie-synth: %s\n", db->error().c_str());
    return 1;
  }
  if (!ok) return 1;
  stats.series_started = generator.series().started();
  stats.series_cases = generator.series().continued();
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
  app.add_option("--repeat", o.repeat,
                 "重复当事人案件所占比例（0–1），默认 0：这些案件沿用同类行为（烟草、采矿、伪劣产品）前案的当事人，"
                 "日期在其后，供多次处罚后再犯、拆分案件、多头受罚规则")
      ->check(CLI::Range(0.0, 1.0));
  app.add_option("--history-truth", o.history_truth, "真值表：HIST-TOB、HIST-MIN 应报的案件（与 --repeat 同用）");
  app.add_option("--transfers", o.transfers, "移送记录（transfers 表）CSV 输出文件；指定 --sqlite 时也写入其 transfers 表");
  app.add_option("--non-prosecutions", o.non_prosecutions,
                 "不起诉决定（non_prosecutions 表）CSV 输出文件；指定 --sqlite 时也写入其 non_prosecutions 表");
  app.add_flag("--quiet", o.quiet, "不输出统计");
  CLI11_PARSE(app, argc, argv);
  return xianjie::synth::run(o);
}
