// Cell spellings of amounts, dates and booleans (see value_format.h).
#include "value_format.h"

#include <fmt/format.h>

#include <iterator>
#include <string_view>

#include "text_out.h"

namespace xianjie::synth {
namespace {

constexpr std::string_view kDigits[] = {"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"};
constexpr std::string_view kSmallUnits[] = {"", "拾", "佰", "仟"};
constexpr std::string_view kGroupUnits[] = {"", "万", "亿", "万亿"};

// One group of four digits (1–9999) with its inner zeros: 1005 → 壹仟零伍; trailing zeros are silent.
void append_upper_group(std::string& out, int64_t group) {
  bool started = false, zero_pending = false;
  for (int pos = 3; pos >= 0; --pos) {
    int64_t scale = pos == 3 ? 1000 : pos == 2 ? 100 : pos == 1 ? 10 : 1;
    int64_t d = group / scale % 10;
    if (d == 0) {
      if (started) zero_pending = true;
      continue;
    }
    if (zero_pending) out.append(kDigits[0]);
    zero_pending = false;
    out.append(kDigits[d]);
    out.append(kSmallUnits[pos]);
    started = true;
  }
}

}  // namespace

void append_upper_amount(std::string& out, int64_t fen) {
  int64_t whole = fen / 100;
  int64_t jiao = fen / 10 % 10, cents = fen % 10;
  if (whole == 0) {
    out.append("零元");
  } else {
    int64_t groups[4] = {whole % 10000, whole / 10000 % 10000, whole / 100000000 % 10000, whole / 1000000000000};
    bool written = false, zero_needed = false;
    for (int k = 3; k >= 0; --k) {
      if (groups[k] == 0) {
        if (written) zero_needed = true;
        continue;
      }
      // A zero is read between groups when a group is skipped or the next one starts below 1000.
      if (written && (zero_needed || groups[k] < 1000)) out.append(kDigits[0]);
      zero_needed = false;
      append_upper_group(out, groups[k]);
      out.append(kGroupUnits[k]);
      written = true;
    }
    out.append("元");
  }
  if (jiao == 0 && cents == 0) {
    out.append("整");
    return;
  }
  if (jiao > 0) {
    out.append(kDigits[jiao]);
    out.append("角");
  } else if (whole > 0) {
    out.append(kDigits[0]);
  }
  if (cents > 0) {
    out.append(kDigits[cents]);
    out.append("分");
  }
}

void append_amount_cell(std::string& out, int64_t fen, Rng& rng) {
  switch (rng.weighted({52, 14, 12, 8, 8, 4, 2})) {
    case 0: append_yuan_plain(out, fen); break;
    case 1: append_grouped_yuan(out, fen, true); break;
    case 2: append_yuan_plain(out, fen); out.append("元"); break;
    case 3: out.append("¥"); append_grouped_yuan(out, fen, false); break;
    case 4:
      if (wan_is_short(fen)) {
        append_fixed(out, fen, 6);
        out.append("万元");
      } else {
        append_yuan_plain(out, fen);
      }
      break;
    case 5: append_grouped_yuan(out, fen, false); break;
    default:
      if (fen < 100000000000000LL) append_upper_amount(out, fen);
      else append_yuan_plain(out, fen);
      break;
  }
}

void append_wan_cell(std::string& out, int64_t fen, Rng& rng) {
  append_fixed(out, fen, 6);  // fen / 1,000,000 = 万元
  switch (rng.weighted({85, 10, 5})) {
    case 1: out.append("万元"); break;
    case 2: out.append("万"); break;
    default: break;
  }
}

void append_date_cell(std::string& out, Date d, Rng& rng) {
  int y, m, day;
  d.to_ymd(y, m, day);
  auto it = std::back_inserter(out);
  switch (rng.weighted({50, 20, 20, 8, 2})) {
    case 0: fmt::format_to(it, "{:04}-{:02}-{:02}", y, m, day); break;
    case 1: fmt::format_to(it, "{}/{}/{}", y, m, day); break;
    case 2: fmt::format_to(it, "{}年{}月{}日", y, m, day); break;
    case 3: fmt::format_to(it, "{:04}{:02}{:02}", y, m, day); break;
    default: fmt::format_to(it, "{:04}-{:02}-{:02} 00:00:00", y, m, day); break;
  }
}

void append_bool_cell(std::string& out, bool v, int style) {
  switch (style) {
    case 0: out.append(v ? "是" : "否"); break;
    case 1: out.append(v ? "已移送" : "未移送"); break;
    default: out.append(v ? "1" : "0"); break;
  }
}

void append_missing_cell(std::string& out, Rng& rng) {
  switch (rng.weighted({70, 15, 15})) {
    case 1: out.append("无"); break;
    case 2: out.append("-"); break;
    default: break;
  }
}

}  // namespace xianjie::synth
