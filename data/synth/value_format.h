// How one typed value is spelled in a CSV cell: the format variants that real exports mix
// (data-dictionary.md, "Value formats"). Which variant a cell gets is drawn from the row's
// format stream, so the content of a row never depends on it.
#pragma once

#include <cstdint>
#include <string>

#include "rng.h"
#include "xianjie/date.h"

namespace xianjie::synth {

// 52000 | 52,000.00 | 52000元 | ¥52,000 | 5.2万元 | 伍万元整 (the last two only where natural).
void append_amount_cell(std::string& out, int64_t fen, Rng& rng);
// A column in 万元: 5.2 | 0.999999 | 5.2万元.
void append_wan_cell(std::string& out, int64_t fen, Rng& rng);
// 2023-04-12 | 2023/4/12 | 2023年4月12日 | 20230412 | 2023-04-12 00:00:00.
void append_date_cell(std::string& out, Date d, Rng& rng);
// 是/否, 已移送/未移送, 1/0 by `style` 0–2.
void append_bool_cell(std::string& out, bool v, int style);
// Missing: empty, 无 or -.
void append_missing_cell(std::string& out, Rng& rng);
// Upper-case numerals of formal documents: 伍万元整, 壹拾万零伍佰元整, 肆万玖仟玖佰玖拾玖元玖角玖分.
void append_upper_amount(std::string& out, int64_t fen);

}  // namespace xianjie::synth
