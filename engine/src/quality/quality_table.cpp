// The terminal view of a check-data report: the row accounting, then one block per check that
// found something (its kept failures, one per line, and how many more there were), then every
// check with its severity and count, and the verdict:
//
//   数据质量检查：1 个输入，读取 300 行：检查 292 行，读取器拒绝 8 行
//
//   [错误] unparsable-value · 无法解析的值 · 3 处
//       cases.csv:41 · 杭西市监罚〔2023〕157号 · 列“销售金额（元）”的值“五万多”无法识别：…
//
//   级别   检查项                     问题数  说明
//   错误   unreadable-row                  8  无法读取的行
//   …
//   结果：未通过（--fail-on error）· 错误 11 处，警告 0 处，提示 2 处
//
// Case data goes through terminal_safe, so it cannot break the layout or send escape sequences.
#include <fmt/format.h>

#include <ostream>
#include <string>

#include "common/text.h"
#include "quality/report_common.h"
#include "report/report_text.h"

namespace xianjie::quality {
namespace {

constexpr std::string_view kReset = "\x1b[0m";
constexpr std::string_view kRed = "\x1b[1;31m";
constexpr std::string_view kYellow = "\x1b[33m";
constexpr std::string_view kCyan = "\x1b[36m";
constexpr std::string_view kGreen = "\x1b[1;32m";

std::string_view color_of(QualitySeverity s) {
  switch (s) {
    case QualitySeverity::kError: return kRed;
    case QualitySeverity::kWarning: return kYellow;
    case QualitySeverity::kInfo: return kCyan;
  }
  return kRed;
}

// `s` padded with spaces to `width` terminal columns.
std::string pad(std::string_view s, size_t width) {
  std::string out(s);
  for (size_t w = display_width(s); w < width; ++w) out += ' ';
  return out;
}

}  // namespace

void write_quality_table(const QualityReport& r, std::ostream& out, const QualityReportOptions& o) {
  auto paint = [&](std::string_view color, std::string_view text) {
    return o.color ? std::string(color) + std::string(text) + std::string(kReset) : std::string(text);
  };
  std::string buf;
  buf += fmt::format("数据质量检查：{} 个输入，读取 {} 行：检查 {} 行，读取器拒绝 {} 行\n", r.inputs.size(),
                     grouped(r.rows_read), grouped(r.rows_checked), grouped(r.rows_rejected));
  if (r.inputs.size() > 1)
    for (const auto& in : r.inputs)
      buf += fmt::format("  {}：读取 {}，检查 {}，拒绝 {}{}\n", terminal_safe(in.name), grouped(in.rows_read),
                         grouped(in.rows_checked), grouped(in.rows_rejected), in.error.empty() ? "" : "（未读完）");
  for (const auto& e : r.input_errors) buf += "  " + paint(kRed, "输入错误") + "：" + terminal_safe(e) + "\n";

  const auto& catalogue = quality_checks();
  for (size_t k = 0; k < r.checks.size(); ++k) {
    const QualityCheckResult& c = r.checks[k];
    if (!c.severity || c.count == 0) continue;
    const QualityCheckInfo& info = catalogue[k];
    buf += fmt::format("\n[{}] {} · {} · {} 处\n", paint(color_of(*c.severity), quality_severity_label(*c.severity)),
                       info.id, info.title, grouped(c.count));
    for (const QualityFailure& f : c.failures) buf += "    " + failure_line(f) + "\n";
    if (c.count > c.failures.size())
      buf += fmt::format("    … 另有 {} 处未列出（--max-per-check 可调整）\n", grouped(c.count - c.failures.size()));
  }

  size_t id_width = 0;
  for (const auto& info : catalogue) id_width = std::max(id_width, info.id.size());
  buf += fmt::format("\n{}  {}  {:>8}  说明\n", pad("级别", 4), pad("检查项", id_width), "问题数");
  for (size_t k = 0; k < r.checks.size(); ++k) {
    const QualityCheckResult& c = r.checks[k];
    const QualityCheckInfo& info = catalogue[k];
    std::string level = c.severity ? paint(color_of(*c.severity), pad(quality_severity_label(*c.severity), 4)) : pad("停用", 4);
    std::string count = c.severity ? grouped(c.count) : "—";
    buf += fmt::format("{}  {}  {:>8}  {}\n", level, pad(info.id, id_width), count, info.title);
  }
  const auto by = r.failures_by_severity();
  const bool passed = r.passed(o.fail_on);
  buf += fmt::format("\n结果：{}（--fail-on {}）· 错误 {} 处，警告 {} 处，提示 {} 处；有问题的行：错误 {}，警告 {}，提示 {}\n",
                     passed ? paint(kGreen, "通过") : paint(kRed, "未通过"), quality_severity_name(o.fail_on),
                     grouped(by[0]), grouped(by[1]), grouped(by[2]), grouped(r.rows_with[0]), grouped(r.rows_with[1]),
                     grouped(r.rows_with[2]));
  out << buf;
}

}  // namespace xianjie::quality
