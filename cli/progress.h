// A progress line for long scans on a terminal: rows read, rate, share of the current input and an
// estimate of the time left. Drawn on stderr every quarter second by a thread of its own, erased
// when the scan ends; nothing at all when stderr is not a terminal (CI logs, redirected output).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "xianjie/scan.h"

namespace xianjie::cli {

class ProgressLine {
 public:
  // `enabled`: the caller's decision (not --quiet); the line is shown only if stderr is a terminal too.
  ProgressLine(const Scanner& scanner, bool enabled);
  ~ProgressLine();  // erases the line
  void set_input(const std::string& name, size_t index, size_t count);

 private:
  void run();
  void draw();

  const Scanner& scanner_;
  bool active_ = false;
  std::chrono::steady_clock::time_point start_, input_start_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::string input_;
  size_t index_ = 0, count_ = 0;
  bool drawn_ = false;
  std::thread thread_;
};

// "12 秒", "3 分 20 秒", "1 小时 5 分"
std::string duration_text(double seconds);

}  // namespace xianjie::cli
