// Ordinary administrative penalties that cross no criminal threshold: the large majority of any
// export. Drawn from a table of case types across many domains (城市管理, 交通运输, 生态环境,
// 应急管理, labelling and licence cases, …), some of which share words or even sizeable amounts
// with the planted offenses without being them ("卷烟零售户未按规定明码标价", "销售的电线电缆未标注
// 生产厂名厂址" with 8万 of sales).
#pragma once

#include "case_builder.h"

namespace xianjie::synth {

Crossings make_ordinary_case(Rng& rng, CaseBuilder& builder, CaseRecord& r, CaseScratch& s);

}  // namespace xianjie::synth
