// Number and date rendering for case texts (see text_out.h).
#include "text_out.h"

#include <fmt/format.h>

#include <iterator>

namespace xianjie::synth {

void append_int(std::string& out, int64_t v) { fmt::format_to(std::back_inserter(out), "{}", v); }

void append_fixed(std::string& out, int64_t v, int decimals) {
  if (v < 0) {
    out += '-';
    v = -v;
  }
  int64_t scale = 1;
  for (int i = 0; i < decimals; ++i) scale *= 10;
  fmt::format_to(std::back_inserter(out), "{}", v / scale);
  int64_t frac = v % scale;
  if (frac == 0) return;
  char digits[20];
  auto end = fmt::format_to(digits, "{:0{}}", frac, decimals);
  size_t n = static_cast<size_t>(end - digits);
  while (n > 0 && digits[n - 1] == '0') --n;
  out += '.';
  out.append(digits, n);
}

void append_yuan_plain(std::string& out, int64_t fen) { append_fixed(out, fen, 2); }
void append_milli(std::string& out, int64_t milli) { append_fixed(out, milli, 3); }

void append_date_cn(std::string& out, Date d) {
  int y, m, day;
  d.to_ymd(y, m, day);
  fmt::format_to(std::back_inserter(out), "{}年{}月{}日", y, m, day);
}

void append_grouped_yuan(std::string& out, int64_t fen, bool always_cents) {
  if (fen < 0) {
    out += '-';
    fen = -fen;
  }
  std::string digits = fmt::format("{}", fen / 100);
  size_t lead = digits.size() % 3 == 0 ? 3 : digits.size() % 3;
  out.append(digits, 0, lead);
  for (size_t i = lead; i < digits.size(); i += 3) {
    out += ',';
    out.append(digits, i, 3);
  }
  int64_t cents = fen % 100;
  if (always_cents || cents != 0) fmt::format_to(std::back_inserter(out), ".{:02}", cents);
}

bool wan_is_short(int64_t fen) { return fen >= 1000000 && fen % 10000 == 0; }

void append_money_cn(std::string& out, int64_t fen, int style) {
  if (style == 2 && wan_is_short(fen)) {
    append_fixed(out, fen, 6);  // fen / 1,000,000 = 万元
    out += "万元";
  } else if (style == 1) {
    append_grouped_yuan(out, fen, false);
    out += "元";
  } else {
    append_yuan_plain(out, fen);
    out += "元";
  }
}

}  // namespace xianjie::synth
