// --mapping FILE: user aliases for column headers, validated against the canonical fields.
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "rules/yaml_source.h"
#include "xianjie/fields.h"
#include "xianjie/scan.h"

namespace xianjie {

bool ColumnMapping::load(const std::string& path, ColumnMapping& out, Diagnostics& diagnostics) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diagnostics.error("E-MAP-FILE", fmt::format("无法读取列映射文件 {}", path));
    return false;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  rules::YamlSource src(path, ss.str());
  size_t before = diagnostics.error_count();
  auto fail = [&](const YAML::Node& n, std::string msg, std::string hint = {}) {
    auto& d = diagnostics.error("E-MAP", std::move(msg), src.at(n));
    d.hint = std::move(hint);
    src.attach(d);
  };
  YAML::Node root;
  try {
    root = YAML::Load(src.text());
  } catch (const YAML::ParserException& e) {
    auto& d = diagnostics.error("E-YAML", fmt::format("YAML 语法错误: {}", e.msg), src.at(e.mark));
    src.attach(d);
    return false;
  }
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
    if (it->second.IsSequence()) for (const auto& a : it->second) add(a);
    else add(it->second);
  }
  return diagnostics.error_count() == before;
}

}  // namespace xianjie
