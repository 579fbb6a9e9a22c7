// Local parameter files: a province's values for thresholds the national text gives as a range.
//
//   region: 浙江省
//   source: 浙江省高级人民法院、浙江省人民检察院《关于……数额标准的通知》（文号）
//   params:
//     RES-01.value_min: 15万元
//     PRP-01.amount_min: {value: 3000元, source: 另一份文件}
//
// Every value must name an existing rule parameter that declares a legal `range`, have the
// parameter's type, and lie inside the range; the value replaces the default in every version of
// the rule, and `rules params` shows where it came from.
#include <fmt/format.h>

#include "rules/literal.h"
#include "rules/rule_set_impl.h"
#include "rules/yaml_source.h"

namespace xianjie {

void apply_local_params(const std::vector<std::string>& files, RuleSetImpl& impl, Diagnostics& diagnostics) {
  for (const auto& path : files) {
    auto doc = rules::load_yaml_file(path, "E-LOCAL-FILE", "地方参数文件", diagnostics);
    if (!doc) continue;
    const rules::YamlSource& src = *doc->source;
    const YAML::Node& root = doc->root;
    auto fail = [&](const YAML::Node& n, std::string code, std::string msg, std::string hint = {}) {
      rules::report_at(diagnostics, src, n, std::move(code), std::move(msg), std::move(hint));
    };
    if (!root.IsMap() || !root["params"] || !root["params"].IsMap()) {
      fail(root, "E-LOCAL", "地方参数文件应包含 region、source 和 params: {规则编号.参数名: 值}");
      continue;
    }
    std::string region = root["region"] && root["region"].IsScalar() ? root["region"].Scalar() : "";
    std::string source = root["source"] && root["source"].IsScalar() ? root["source"].Scalar() : "";
    if (region.empty() || source.empty()) {
      fail(root, "E-LOCAL", "地方参数文件须写明 region（地区）和 source（文件名称及文号）");
      continue;
    }
    auto params = root["params"];
    for (auto it = params.begin(); it != params.end(); ++it) {
      std::string key = it->first.as<std::string>("");
      auto dot = key.rfind('.');
      if (dot == std::string::npos) {
        fail(it->first, "E-LOCAL", fmt::format("'{}' 应写成 规则编号.参数名，如 RES-01.value_min", key));
        continue;
      }
      std::string rule_id = key.substr(0, dot), name = key.substr(dot + 1);
      CompiledRule* rule = nullptr;
      size_t ri = 0;
      for (; ri < impl.rules.size(); ++ri)
        if (impl.rules[ri].info.id == rule_id) { rule = &impl.rules[ri]; break; }
      if (!rule) { fail(it->first, "E-LOCAL", fmt::format("没有编号为 {} 的规则", rule_id)); continue; }
      size_t k = 0;
      while (k < rule->params.size() && rule->params[k].name != name) ++k;
      if (k == rule->params.size()) {
        fail(it->first, "E-LOCAL", fmt::format("规则 {} 没有参数 {}", rule_id, name));
        continue;
      }
      const YAML::Node& vn = it->second.IsMap() ? it->second["value"] : it->second;
      std::string value_source = source;
      if (it->second.IsMap() && it->second["source"] && it->second["source"].IsScalar()) value_source = it->second["source"].Scalar();
      if (!vn || !vn.IsScalar()) { fail(it->second, "E-LOCAL", "参数值应为如 15万元 的文本"); continue; }
      std::string err;
      auto lit = rules::parse_literal(vn.Scalar(), err);
      const auto& p = rule->params[k];
      if (!lit) { fail(vn, "E-PARAM-VALUE", fmt::format("参数值无效: {}", err)); continue; }
      if (!(lit->type == p.type)) {
        fail(vn, "E-PARAM-TYPE", fmt::format("{} 是{}，而 {} 应为{}", lit->display, expr::type_name(lit->type), key, expr::type_name(p.type)));
        continue;
      }
      const auto& range = rule->param_ranges[k];
      if (!range) {
        fail(it->first, "E-LOCAL-RANGE", fmt::format("{} 是全国统一标准，没有可由各省确定的幅度", key),
             "只有规则中写了 range 的参数可以在地方参数文件中设定");
        continue;
      }
      Decimal x, lo, hi;
      lit->value.numeric(x);
      range->first.numeric(lo);
      range->second.numeric(hi);
      std::string lo_text = rules::display_value(range->first, p.type, p.unit_text, p.unit);
      std::string hi_text = rules::display_value(range->second, p.type, p.unit_text, p.unit);
      if (x < lo || hi < x) {
        fail(vn, "E-LOCAL-RANGE", fmt::format("{} 的值 {} 超出法定幅度 {} 至 {}", key, lit->display, lo_text, hi_text));
        continue;
      }
      for (auto& v : rule->versions) v.params[k] = lit->value;
      std::string& basis = rule->param_basis[k];
      basis = fmt::format("{}；{}：{}", basis.empty() ? rule->info.basis : basis, region, value_source);
      auto& doc = impl.infos[ri].params[k];
      doc.value = lit->display;
      doc.source = fmt::format("{}: {}", region, value_source);
      for (auto& vd : impl.infos[ri].versions)
        for (auto& [pn, pv] : vd.params)
          if (pn == name) pv = lit->display;
    }
  }
}

}  // namespace xianjie
