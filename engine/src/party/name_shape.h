// Whether a normalised name reads as an organisation's, shared by the name normaliser (former
// names in notes) and the key's confidence grading.
#pragma once

#include <string_view>

namespace xianjie::party_detail {

// True when `name` (already normalised) ends like an organisation or a business: 公司, 厂, 店,
// 合作社, 中心, 事务所 …. A person's name never does; a shop's name usually does.
bool looks_like_organisation(std::string_view name);

bool ends_with(std::string_view s, std::string_view suffix);

}  // namespace xianjie::party_detail
