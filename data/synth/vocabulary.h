// Word lists the generator draws from: places with administrative division codes, personal
// names, company name parts, goods, fish, minerals, roads.
//
// The division codes are real-looking prefecture and district/county codes; they are used for
// 行政区划代码 and as the first six digits of resident IDs and credit codes.
#pragma once

#include <string_view>
#include <vector>

namespace xianjie::synth {

struct District {
  std::string_view name;  // "西湖区", "长兴县"
  std::string_view code;  // "330106"
  bool rural;             // a county or county-level city: where fishing and mining happen
};

struct Region {
  std::string_view city;        // "杭州市"
  std::string_view short_name;  // one or two characters used in document numbers: "杭"
  std::string_view code;        // "330100"
  std::vector<District> districts;
};

const std::vector<Region>& regions();

using Words = std::vector<std::string_view>;

const Words& surnames();
const Words& given_name_chars();
const Words& trade_names();    // 字号: 鑫达, 恒通 …
const Words& roads();          // 解放路, 人民大道 …
const Words& villages();       // 某某村 for rural places
const Words& rivers();         // inland waters: 某某河, 某某水库, 某某湖
const Words& cigarette_brands();

// City name without the trailing 市 ("杭州"), for company names.
std::string_view city_stem(const Region& r);
// District name without 区/县/市 when that leaves at least two characters ("西湖", "长兴").
std::string_view district_stem(const District& d);

}  // namespace xianjie::synth
