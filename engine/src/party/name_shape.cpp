// The endings of organisation and business names (see name_shape.h). The list is for grading,
// not for deciding identity, so a missing ending only lowers a key's confidence.
#include "party/name_shape.h"

namespace xianjie::party_detail {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool looks_like_organisation(std::string_view name) {
  static constexpr std::string_view kEndings[] = {
      "公司", "企业", "集团", "厂", "店", "社", "所", "中心", "部", "行", "院", "馆", "站", "场",
      "局", "会", "队", "校", "园", "坊", "铺", "超市", "商城", "门市", "诊所", "药房", "酒楼",
      "餐厅", "饭庄", "农庄", "养殖场", "工作室", "合作社", "基金会", "委员会", "办事处"};
  for (std::string_view e : kEndings)
    if (ends_with(name, e)) return true;
  return false;
}

}  // namespace xianjie::party_detail
