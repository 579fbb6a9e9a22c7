// check-data configuration files: a CI job keeps its required fields and severities in the
// repository instead of on the command line. Problems are collected with their file:line:column
// like those of rule and mapping files (E-QUALITY, E-QUALITY-FILE; docs/cli.md).
//
//   required: [case_id, agency, party_name, case_reason|facts, violation_date, decision_date]
//   severity:
//     transfer-sequence: off
//     party-age: error
//   max_per_check: 50
//   as_of: 2025-12-31
//   max_amount: 500亿元
#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "quality/check_ids.h"
#include "rules/yaml_source.h"
#include "xianjie/fields.h"
#include "xianjie/quality.h"
#include "xianjie/value_parse.h"

namespace xianjie {

bool load_quality_config(const std::string& path, QualityOptions& options, Diagnostics& diagnostics) {
  const size_t before = diagnostics.error_count();
  auto doc = rules::load_yaml_file(path, "E-QUALITY-FILE", "数据检查配置文件", diagnostics);
  if (!doc) return false;
  const rules::YamlSource& src = *doc->source;
  const YAML::Node& root = doc->root;
  auto fail = [&](const YAML::Node& n, std::string msg, std::string hint = {}) {
    rules::report_at(diagnostics, src, n, "E-QUALITY", std::move(msg), std::move(hint));
  };
  if (!root.IsMap()) {
    fail(root, "数据检查配置文件应为映射（required、severity、max_per_check、as_of、max_amount）",
         "例如:\nrequired: [case_id, agency, case_reason|facts]\nseverity:\n  transfer-sequence: off");
    return false;
  }
  for (auto it = root.begin(); it != root.end(); ++it) {
    const std::string key = it->first.as<std::string>("");
    const YAML::Node value = it->second;
    if (key == "required") {
      if (!value.IsSequence()) {
        fail(value, "required 应为字段列表，如 [case_id, agency, case_reason|facts]");
        continue;
      }
      std::vector<RequiredField> required;
      for (size_t k = 0; k < value.size(); ++k) {
        const YAML::Node item = value[k];
        std::string text;
        if (item.IsScalar()) {
          text = item.Scalar();
        } else if (item.IsSequence()) {  // [case_reason, facts]: any one of them
          for (size_t j = 0; j < item.size(); ++j) text += (j ? "|" : "") + item[j].as<std::string>("");
        } else {
          fail(item, "必需字段应为字段名，或以 | 分隔的几个字段名（有其一即可）");
          continue;
        }
        std::string error;
        auto parsed = parse_required_fields(text, error);
        if (!parsed) fail(item, error, "标准字段名见 shared/data-dictionary.md，如 case_id、agency、violation_date");
        else for (auto& r : *parsed) required.push_back(std::move(r));
      }
      options.required = std::move(required);
    } else if (key == "severity") {
      if (!value.IsMap()) {
        fail(value, "severity 应为 检查项: 级别 的映射", "例如:\nseverity:\n  party-age: error\n  transfer-sequence: off");
        continue;
      }
      for (auto s = value.begin(); s != value.end(); ++s) {
        const std::string id = s->first.as<std::string>("");
        const std::string level = s->second.IsScalar() ? s->second.Scalar() : "";
        if (!find_quality_check(id)) {
          fail(s->first, quality::unknown_check_message(id));
          continue;
        }
        if (level == "off") {
          options.severity[id] = std::nullopt;
        } else if (auto sev = parse_quality_severity(level)) {
          options.severity[id] = *sev;
        } else {
          fail(s->second, fmt::format("未知的级别 '{}'", level), "可用 error、warning、info 或 off（不检查）");
        }
      }
    } else if (key == "max_per_check") {
      long long n = value.IsScalar() ? value.as<long long>(-1) : -1;
      if (n < 0) fail(value, "max_per_check 应为非负整数（0 表示全部列出）");
      else options.max_per_check = static_cast<size_t>(n);
    } else if (key == "as_of") {
      std::string error;
      auto d = value.IsScalar() ? parse_date(value.Scalar(), error) : std::nullopt;
      if (!d) fail(value, fmt::format("as_of 不是有效日期{}", error.empty() ? "" : "：" + error), "格式如 2025-12-31");
      else options.as_of = d;
    } else if (key == "max_amount") {
      std::string error;
      auto a = value.IsScalar() ? parse_amount(value.Scalar(), 1, error) : std::nullopt;
      if (!a || a->is_negative() || a->is_zero())
        fail(value, fmt::format("max_amount 应为正的金额{}", error.empty() ? "" : "：" + error), "如 1000亿元、5000000000");
      else options.max_amount = *a;
    } else {
      fail(it->first, fmt::format("未知的配置项 '{}'", key), "可用 required、severity、max_per_check、as_of、max_amount");
    }
  }
  return diagnostics.error_count() == before;
}

}  // namespace xianjie
