// --mapping FILE: user aliases for column headers, validated against the canonical fields.
#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "rules/yaml_source.h"
#include "xianjie/fields.h"
#include "xianjie/scan.h"

namespace xianjie {

bool ColumnMapping::load(const std::string& path, ColumnMapping& out, Diagnostics& diagnostics) {
  size_t before = diagnostics.error_count();
  auto doc = rules::load_yaml_file(path, "E-MAP-FILE", "列映射文件", diagnostics);
  if (!doc) return false;
  const rules::YamlSource& src = *doc->source;
  const YAML::Node& root = doc->root;
  auto fail = [&](const YAML::Node& n, std::string msg, std::string hint = {}) {
    rules::report_at(diagnostics, src, n, "E-MAP", std::move(msg), std::move(hint));
  };
  auto fields = root["fields"];
  if (!root.IsMap() || !fields || !fields.IsMap()) {
    fail(root, "列映射文件应为 fields: {标准字段名: [列名, …]}", "例如:\nfields:\n  sales_amount: [经营额, 销售额（元）]");
    return false;
  }
  for (auto it = fields.begin(); it != fields.end(); ++it) {
    std::string canonical = it->first.as<std::string>("");
    if (!find_case_field(canonical)) {
      auto near = nearest_field_name(canonical);
      fail(it->first, fmt::format("未知的标准字段 '{}'", canonical), near ? fmt::format("是否指 {}？", *near) : "");
      continue;
    }
    auto add = [&](const YAML::Node& n) {
      if (!n.IsScalar()) { fail(n, "列名应为文本"); return; }
      out.aliases.push_back({normalize_header(n.Scalar()).name, canonical});
    };
    const YAML::Node values = it->second;
    if (values.IsSequence()) {
      for (size_t k = 0; k < values.size(); ++k) add(values[k]);
    } else {
      add(values);
    }
  }
  return diagnostics.error_count() == before;
}

}  // namespace xianjie
