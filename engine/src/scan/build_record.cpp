// Records from (header, value) pairs, for rule examples and `xianjie explain`, built by the same
// RecordBuilder a scan uses so that an example behaves exactly like an input row.
#include "scan/record_builder.h"

namespace xianjie {

void build_record(const RuleSet& rules, const std::vector<std::pair<std::string, std::string>>& fields,
                  Record& record, std::vector<std::string>& storage, std::vector<ValueError>& errors) {
  std::vector<std::string> header;
  storage.clear();
  storage.reserve(fields.size());
  for (const auto& [k, v] : fields) {
    header.push_back(k);
    storage.push_back(v);
  }
  std::vector<std::string> notes;
  RecordBuilder builder(rules, header, nullptr, notes);
  std::vector<std::string_view> views(storage.begin(), storage.end());
  builder.build(views.data(), record, errors);
}

}  // namespace xianjie
