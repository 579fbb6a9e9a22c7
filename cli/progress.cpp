// The progress line of a long scan (see progress.h).
#include "progress.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include <fmt/format.h>

#include "xianjie/decimal.h"

namespace xianjie::cli {

std::string duration_text(double seconds) {
  auto s = static_cast<long>(std::lround(std::max(0.0, seconds)));
  if (s < 60) return fmt::format("{} 秒", s);
  if (s < 3600) return fmt::format("{} 分 {} 秒", s / 60, s % 60);
  return fmt::format("{} 小时 {} 分", s / 3600, (s % 3600) / 60);
}

ProgressLine::ProgressLine(const Scanner& scanner, bool enabled)
    : scanner_(scanner), active_(enabled && isatty(STDERR_FILENO)), start_(std::chrono::steady_clock::now()) {
  if (active_) thread_ = std::thread([this] { run(); });
}

ProgressLine::~ProgressLine() {
  if (!active_) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
  if (drawn_) {
    std::fputs("\r\033[K", stderr);  // the summary takes the line's place
    std::fflush(stderr);
  }
}

void ProgressLine::set_input(const std::string& name, size_t index, size_t count) {
  std::lock_guard<std::mutex> lock(mutex_);
  input_ = name;
  input_start_ = std::chrono::steady_clock::now();
  index_ = index;
  count_ = count;
}

void ProgressLine::run() {
  // XIANJIE_PROGRESS_INTERVAL_MS changes the interval; 0 draws at once (for tests).
  long interval = 250;
  if (const char* e = std::getenv("XIANJIE_PROGRESS_INTERVAL_MS")) interval = std::max(0L, std::atol(e));
  std::unique_lock<std::mutex> lock(mutex_);
  if (interval == 0) draw();
  // Short scans finish before the first draw and show no line at all.
  while (!cv_.wait_for(lock, std::chrono::milliseconds(std::max(interval, 1L)), [this] { return stop_; })) draw();
}

void ProgressLine::draw() {
  ScanProgress p = scanner_.progress();
  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  double rate = elapsed > 0 ? static_cast<double>(p.rows) / elapsed : 0;
  auto grouped = [](uint64_t n) { return Decimal::from_units(static_cast<int64_t>(n) * Decimal::kOne).to_grouped(0); };
  std::string line = fmt::format("扫描{} {}：已读 {} 行 · {} 行/秒", count_ > 1 ? fmt::format(" {}/{}", index_ + 1, count_) : "",
                                 input_, grouped(p.rows), grouped(static_cast<uint64_t>(rate)));
  if (p.fraction >= 0) {
    line += fmt::format(" · {:.0f}%", p.fraction * 100);
    // The estimate covers the current input; with several inputs it says so.
    double on_input = std::chrono::duration<double>(std::chrono::steady_clock::now() - input_start_).count();
    if (p.fraction > 0.01 && on_input > 1)
      line += fmt::format(" · 剩余约 {}{}", duration_text(on_input / p.fraction * (1 - p.fraction)), count_ > 1 ? "（本文件）" : "");
  }
  std::fprintf(stderr, "\r\033[K%s", line.c_str());
  std::fflush(stderr);
  drawn_ = true;
}

}  // namespace xianjie::cli
