// Rule files → compiled rules. Two passes over all files: first the shared keyword lists and named
// conditions (they may be used across files), then the rules. Every problem is collected with its
// location; see docs/rules.md for the format and docs/diagnostics.md for the codes.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "expr/parser.h"
#include "rules/literal.h"
#include "rules/rule_set_impl.h"
#include "common/text.h"
#include "rules/yaml_source.h"
#include "xianjie/fields.h"

namespace fs = std::filesystem;

namespace xianjie {
namespace {

using rules::YamlSource;

std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

struct LoadedFile {
  std::unique_ptr<YamlSource> src;
  YAML::Node root;
};

class Loader {
 public:
  Loader(RuleSetImpl& impl, Diagnostics& diags, const std::vector<std::string>& select)
      : impl_(impl), diags_(diags), select_(select) {}

  void run(const std::vector<std::string>& paths) {
    std::vector<std::string> files;
    for (const auto& p : paths) expand(p, files);
    for (const auto& f : files) read(f);
    for (auto& lf : files_) collect_shared(lf);
    check_conditions();
    for (auto& lf : files_) collect_rules(lf);
    context_.clear();
    // With a selection, lists and conditions of the rules left out are legitimately unused.
    for (const auto& [name, list] : lists_)
      if (!list.used && select_.empty()) warn(*list_src_[name], list_node_[name], "W-LIST-UNUSED", fmt::format("关键词列表 {} 未被任何规则使用", name));
    for (const auto& [name, cond] : conditions_)
      if (!cond.used && select_.empty()) warn(*cond_src_[name], cond_node_[name], "W-COND-UNUSED", fmt::format("命名条件 {} 未被任何规则使用", name));
    impl_.keywords.build();
  }

 private:
  // ---- files -------------------------------------------------------------------------------
  void expand(const std::string& p, std::vector<std::string>& out) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(p, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (!it->is_regular_file()) continue;
        auto ext = it->path().extension().string();
        // rules/local/ holds provincial parameter files, which are not rule files.
        if ((ext == ".yaml" || ext == ".yml") && it->path().parent_path().filename() != "local")
          found.push_back(it->path().string());
      }
      std::sort(found.begin(), found.end());
      if (found.empty()) diags_.error("E-RULE-FILE", fmt::format("目录 {} 中没有规则文件（*.yaml）", p));
      out.insert(out.end(), found.begin(), found.end());
    } else if (fs::exists(p, ec)) {
      out.push_back(p);
    } else {
      diags_.error("E-RULE-FILE", fmt::format("规则文件 {} 不存在", p));
    }
  }

  void read(const std::string& path) {
    auto doc = rules::load_yaml_file(path, "E-RULE-FILE", "规则文件", diags_);
    if (!doc) return;
    LoadedFile lf;
    lf.src = std::move(doc->source);
    lf.root = doc->root;
    if (!lf.root.IsDefined() || lf.root.IsNull()) {
      warn(*lf.src, lf.root, "W-RULE-EMPTY", "规则文件为空");
      return;
    }
    if (!lf.root.IsMap()) {
      error(*lf.src, lf.root, "E-RULE-SHAPE", "规则文件的顶层应为映射（lists: / conditions: / rules:）");
      return;
    }
    files_.push_back(std::move(lf));
  }

  // ---- diagnostics -------------------------------------------------------------------------
  Diagnostic& error(const YamlSource& src, const YAML::Node& n, std::string code, std::string msg, std::string hint = {}) {
    auto& d = diags_.error(std::move(code), std::move(msg), src.at(n));
    d.hint = std::move(hint);
    d.context = context_;
    src.attach(d);
    return d;
  }
  Diagnostic& warn(const YamlSource& src, const YAML::Node& n, std::string code, std::string msg) {
    auto& d = diags_.warning(std::move(code), std::move(msg), src.at(n));
    d.context = context_;
    src.attach(d);
    return d;
  }

  void check_keys(const YamlSource& src, const YAML::Node& map, std::initializer_list<std::string_view> allowed) {
    for (auto it = map.begin(); it != map.end(); ++it) {
      std::string key = it->first.as<std::string>("");
      if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
      std::string_view best;
      size_t bd = std::string::npos;
      for (auto a : allowed) {
        size_t d = edit_distance(key, a);
        if (d < bd) { bd = d; best = a; }
      }
      std::string hint = bd <= std::max<size_t>(2, key.size() / 3) ? fmt::format("是否指 '{}'？", best) : "";
      std::string list;
      for (auto a : allowed) list += (list.empty() ? "" : "、") + std::string(a);
      if (hint.empty()) hint = "可用的键: " + list;
      error(src, it->first, "E-RULE-FIELD", fmt::format("未知的键 '{}'", key), hint);
    }
  }

  bool scalar(const YamlSource& src, const YAML::Node& n, std::string& out, const char* what) {
    if (!n.IsScalar()) {
      error(src, n, "E-RULE-TYPE", fmt::format("{} 应为文本", what));
      return false;
    }
    out = n.Scalar();
    return true;
  }

  // Reads a list of strings (a YAML sequence, or one scalar).
  bool strings(const YamlSource& src, const YAML::Node& n, std::vector<std::string>& out, const char* what) {
    if (n.IsScalar()) { out.push_back(n.Scalar()); return true; }
    if (!n.IsSequence()) { error(src, n, "E-RULE-TYPE", fmt::format("{} 应为文本列表", what)); return false; }
    for (const auto& item : n) {
      if (!item.IsScalar()) { error(src, item, "E-RULE-TYPE", fmt::format("{} 的每一项应为文本", what)); return false; }
      out.push_back(item.Scalar());
    }
    return true;
  }

  // The kinds of lead a rule may declare (`pattern:`); reports and downstream systems branch on
  // them, so a misspelt kind must not slip through as a new one.
  void check_pattern(const YamlSource& src, const YAML::Node& n, const std::string& pattern) {
    static constexpr std::string_view kPatterns[] = {"threshold", "fine-floor", "near-threshold", "history",
                                                     "split",     "multi-agency", "not-filed",   "reverse"};
    if (std::find(std::begin(kPatterns), std::end(kPatterns), pattern) != std::end(kPatterns)) return;
    std::string list, hint;
    std::string_view best;
    size_t bd = std::string::npos;
    for (auto p : kPatterns) {
      list += (list.empty() ? "" : " / ") + std::string(p);
      if (size_t d = edit_distance(pattern, p); d < bd) { bd = d; best = p; }
    }
    if (bd <= std::max<size_t>(2, pattern.size() / 3)) hint = fmt::format("是否指 '{}'？", best);
    error(src, n, "E-RULE-VALUE", fmt::format("pattern 应为 {} 之一，而不是 '{}'", list, pattern), hint);
  }

  // ---- lists and named conditions ----------------------------------------------------------
  void collect_shared(LoadedFile& lf) {
    const YamlSource& src = *lf.src;
    context_.clear();
    check_keys(src, lf.root, {"meta", "lists", "conditions", "rules"});
    if (auto lists = lf.root["lists"]) {
      if (!lists.IsMap()) error(src, lists, "E-RULE-TYPE", "lists: 应为映射：列表名: [关键词, …]");
      else for (auto it = lists.begin(); it != lists.end(); ++it) {
        std::string name = it->first.as<std::string>("");
        context_ = "列表 " + name;
        if (lists_.count(name)) {
          error(src, it->first, "E-LIST-DUP", fmt::format("关键词列表 {} 重复定义", name),
                fmt::format("已在 {} 定义", list_src_[name]->path()));
          continue;
        }
        expr::NamedList list;
        if (!strings(src, it->second, list.words, "关键词列表")) continue;
        for (const auto& w : list.words)
          if (w.empty()) error(src, it->second, "E-LIST-EMPTY", "关键词列表中有空字符串");
        if (list.words.empty()) error(src, it->second, "E-LIST-EMPTY", fmt::format("关键词列表 {} 是空的", name));
        lists_[name] = std::move(list);
        list_src_[name] = &src;
        list_node_[name] = it->first;
      }
    }
    if (auto conds = lf.root["conditions"]) {
      if (!conds.IsMap()) error(src, conds, "E-RULE-TYPE", "conditions: 应为映射：条件名: 条件表达式");
      else for (auto it = conds.begin(); it != conds.end(); ++it) {
        std::string name = it->first.as<std::string>("");
        context_ = "命名条件 " + name;
        if (conditions_.count(name)) {
          error(src, it->first, "E-COND-DUP", fmt::format("命名条件 {} 重复定义", name));
          continue;
        }
        expr::NamedCondition nc;
        if (!scalar(src, it->second, nc.source, "命名条件")) continue;
        expr::ParseError pe;
        auto ast = expr::parse_condition(nc.source, pe);
        if (!ast) report_parse(src, it->second, pe);
        else nc.ast = std::shared_ptr<expr::Node>(std::move(ast));
        conditions_[name] = std::move(nc);
        cond_src_[name] = &src;
        cond_node_[name] = it->first;
        cond_value_[name] = it->second;
      }
    }
  }

  // A named condition is type-checked where it is defined, so its errors point into it.
  void check_conditions() {
    for (auto& [name, nc] : conditions_) {
      if (!nc.ast) continue;
      context_ = "命名条件 " + name;
      bool was_used = nc.used;
      expr::Program scratch;
      size_t reported = diags_.items().size();
      bool ok = compile(*cond_src_[name], cond_value_[name], *nc.ast, nullptr, nullptr, scratch);
      // A broken condition is reported here once; references to it then fail silently instead of
      // repeating its errors (or, for a long chain of references, a flood of them). A condition in
      // a cycle stays unmarked, so that every reference into the cycle says so.
      bool cycle = std::any_of(diags_.items().begin() + static_cast<std::ptrdiff_t>(reported), diags_.items().end(),
                               [](const Diagnostic& d) { return d.code == "E-COND-CYCLE"; });
      if (!ok && !cycle) nc.broken = true;
      nc.used = was_used;
    }
  }

  void report_parse(const YamlSource& src, const YAML::Node& n, const expr::ParseError& pe) {
    auto& d = diags_.error("E-COND-SYNTAX", pe.message, src.in_scalar(n, pe.range.begin, std::max(pe.range.end, pe.range.begin + 1)));
    d.context = context_;
    src.attach(d);
  }

  bool compile(const YamlSource& src, const YAML::Node& n, const expr::Node& ast, const std::vector<expr::ParamInfo>* params,
               std::vector<bool>* params_used, expr::Program& out, bool amount = false) {
    expr::CompileEnv env;
    env.params = params;
    env.lists = &lists_;
    env.conditions = &conditions_;
    env.keywords = &impl_.keywords;
    env.regexes = &impl_.regexes;
    env.extra_columns = &impl_.extra_columns;
    env.scanned_slots = &impl_.scanned_slots;
    env.params_used = params_used;
    std::vector<expr::CompileError> errs;
    bool ok = amount ? expr::compile_amount(ast, env, out, errs) : expr::compile_condition(ast, env, out, errs);
    for (const auto& e : errs) {
      auto& d = diags_.error(e.code, e.message, src.in_scalar(n, e.range.begin, std::max(e.range.end, e.range.begin + 1)));
      d.hint = e.hint;
      d.context = context_;
      src.attach(d);
    }
    return ok;
  }

  bool compile_text(const YamlSource& src, const YAML::Node& n, const std::string& text,
                    const std::vector<expr::ParamInfo>* params, std::vector<bool>* used, expr::Program& out,
                    bool amount = false) {
    expr::ParseError pe;
    auto ast = expr::parse_condition(text, pe);
    if (!ast) { report_parse(src, n, pe); return false; }
    return compile(src, n, *ast, params, used, out, amount);
  }

  // ---- cross-record rules (history, split, multi-agency, not-filed, reverse) ----------------
  struct CrossKey {
    const char* pattern;
    const char* block;
    CrossKind kind;
  };
  static constexpr CrossKey kCrossKinds[] = {
      {"history", "history", CrossKind::kHistory},          {"split", "split", CrossKind::kSplit},
      {"multi-agency", "multi_agency", CrossKind::kMultiAgency}, {"not-filed", "not_filed", CrossKind::kNotFiled},
      {"reverse", "reverse", CrossKind::kReverse},
  };

  // A parameter named in a cross-record block; `want` is "duration" or "count".
  int cross_param(const YamlSource& src, const YAML::Node& block, const char* key, const char* want, bool required,
                  CompiledRule& rule, std::vector<bool>& used) {
    auto n = block[key];
    if (!n) {
      if (required)
        error(src, block, "E-RULE-MISSING", fmt::format("缺少 {}: （写参数名，参数在 params 中定义，如 {}: {}）", key, key,
                                                        std::string(want) == "duration" ? "window" : "prior_min"));
      return -1;
    }
    std::string name;
    if (!scalar(src, n, name, key)) return -1;
    for (size_t k = 0; k < rule.params.size(); ++k) {
      if (rule.params[k].name != name) continue;
      const auto& t = rule.params[k].type;
      bool duration = t.kind == expr::Type::kQuantity && (t.dim == Dimension::kMonths || t.dim == Dimension::kDays);
      bool count = t.kind == expr::Type::kInteger || t.kind == expr::Type::kNumber ||
                   (t.kind == expr::Type::kQuantity && t.dim == Dimension::kCount);
      bool money = t.kind == expr::Type::kMoney;
      std::string w = want;
      if ((w == "duration" && !duration) || (w == "count" && !count) || (w == "amount" && !money)) {
        error(src, n, "E-PARAM-TYPE",
              fmt::format("参数 {} 应为{}，而它是{}", name,
                          w == "duration" ? "期间（如 2年、6个月、3日）" : w == "count" ? "次数（如 2次）" : "金额（如 5万元）",
                          expr::type_name(t)));
        return -1;
      }
      used[k] = true;
      return static_cast<int>(k);
    }
    std::string names;
    for (const auto& p : rule.params) names += (names.empty() ? "" : "、") + p.name;
    error(src, n, "E-PARAM-UNKNOWN", fmt::format("params 中没有参数 {}{}", name, names.empty() ? "" : "（已有: " + names + "）"));
    return -1;
  }

  void load_cross(const YamlSource& src, const YAML::Node& r, CompiledRule& rule, std::vector<bool>& used) {
    for (const auto& k : kCrossKinds)
      if (r[k.block] && rule.info.pattern != k.pattern)
        error(src, r[k.block], "E-RULE-SHAPE", fmt::format("{}: 只用于 pattern: {} 的规则", k.block, k.pattern));
    const CrossKey* key = nullptr;
    for (const auto& k : kCrossKinds)
      if (rule.info.pattern == k.pattern) key = &k;
    if (!key) return;
    rule.cross.kind = key->kind;
    auto b = r[key->block];
    if (!b || !b.IsMap()) {
      error(src, b ? b : r, "E-RULE-MISSING", fmt::format("pattern: {} 的规则须有 {}: 块（见 docs/rules.md “跨案件规则”）", key->pattern, key->block));
      return;
    }
    switch (key->kind) {
      case CrossKind::kHistory:
        check_keys(src, b, {"window", "prior"});
        rule.cross.period = cross_param(src, b, "window", "duration", false, rule, used);
        rule.cross.count = cross_param(src, b, "prior", "count", true, rule, used);
        break;
      case CrossKind::kSplit: {
        check_keys(src, b, {"sum", "threshold", "period"});
        rule.cross.threshold = cross_param(src, b, "threshold", "amount", true, rule, used);
        rule.cross.period = cross_param(src, b, "period", "duration", true, rule, used);
        auto v = b["sum"];
        if (!v) error(src, b, "E-RULE-MISSING", "缺少 sum: （各部分累计的金额，如 sum: sales_amount）");
        else if (scalar(src, v, rule.cross.value_text, "sum")) {
          std::string saved = context_;
          context_ += " › split › sum";
          compile_text(src, v, rule.cross.value_text, &rule.params, &used, rule.cross.value, /*amount=*/true);
          context_ = saved;
        }
        break;
      }
      case CrossKind::kMultiAgency:
        check_keys(src, b, {"period", "agencies"});
        rule.cross.period = cross_param(src, b, "period", "duration", true, rule, used);
        rule.cross.count = cross_param(src, b, "agencies", "count", true, rule, used);
        break;
      case CrossKind::kNotFiled:
      case CrossKind::kReverse:
        check_keys(src, b, {"period"});
        rule.cross.period = cross_param(src, b, "period", "duration", true, rule, used);
        break;
      case CrossKind::kNone: break;
    }
  }

  // ---- rules -------------------------------------------------------------------------------
  void collect_rules(LoadedFile& lf) {
    const YamlSource& src = *lf.src;
    auto rules = lf.root["rules"];
    if (!rules) return;
    if (!rules.IsSequence()) { error(src, rules, "E-RULE-TYPE", "rules: 应为列表，每项以 - id: 开始"); return; }
    for (const auto& r : rules) load_rule(src, r);
  }

  void load_rule(const YamlSource& src, const YAML::Node& r) {
    context_.clear();
    if (!r.IsMap()) { error(src, r, "E-RULE-TYPE", "每条规则应为映射（id、title、when …）"); return; }
    CompiledRule rule;
    RuleInfo& info = rule.info;
    info.file = src.path();
    info.location = src.at(r);
    size_t errors_before = diags_.error_count();

    std::string id;
    if (auto n = r["id"]) scalar(src, n, id, "id");
    if (!id.empty() && !rule_selected(id, select_)) return;
    context_ = id.empty() ? "规则" : "规则 " + id;
    check_keys(src, r, {"id", "title", "offense", "law", "basis", "severity", "confirmed", "verify_note",
                        "effective", "params", "versions", "scope", "when", "examples", "pattern", "action",
                        "description", "history", "split", "multi_agency", "not_filed", "reverse"});
    auto required = [&](const char* key, std::string& out) {
      auto n = r[key];
      if (!n) { error(src, r, "E-RULE-MISSING", fmt::format("规则缺少必填的键 '{}'", key)); return; }
      scalar(src, n, out, key);
    };
    info.id = id;
    if (id.empty() && !r["id"]) error(src, r, "E-RULE-MISSING", "规则缺少必填的键 'id'");
    required("title", info.title);
    required("offense", info.offense);
    required("law", info.law);
    required("basis", info.basis);
    if (ids_.count(id) && !id.empty()) {
      const auto& [file, line] = ids_[id];
      error(src, r["id"], "E-RULE-DUP", fmt::format("规则 id {} 重复", id),
            file == src.path() ? fmt::format("另一条在本文件第 {} 行", line) : fmt::format("另一条在 {}:{}", file, line));
    } else if (!id.empty()) {
      ids_[id] = {src.path(), src.at(r).line};
    }

    std::string sev;
    required("severity", sev);
    if (!sev.empty()) {
      if (sev == "high" || sev == "高") info.severity = RuleSeverity::kHigh;
      else if (sev == "medium" || sev == "中") info.severity = RuleSeverity::kMedium;
      else if (sev == "low" || sev == "低") info.severity = RuleSeverity::kLow;
      else error(src, r["severity"], "E-RULE-VALUE", fmt::format("severity 应为 high / medium / low，而不是 '{}'", sev));
    }
    info.pattern = "threshold";
    if (auto n = r["pattern"]; n && scalar(src, n, info.pattern, "pattern")) check_pattern(src, n, info.pattern);
    rule.action = "建议移送公安机关";
    if (auto n = r["action"]) scalar(src, n, rule.action, "action");
    if (auto n = r["confirmed"]) {
      if (!n.IsScalar() || (n.Scalar() != "true" && n.Scalar() != "false"))
        error(src, n, "E-RULE-VALUE", "confirmed 应为 true 或 false");
      else info.confirmed = n.Scalar() == "true";
    }
    if (auto n = r["verify_note"]) scalar(src, n, info.confirmation_note, "verify_note");
    if (!info.confirmed && info.confirmation_note.empty())
      error(src, r["confirmed"], "E-RULE-MISSING", "未经确认的门槛须用 verify_note 说明需核实什么");

    load_params(src, r["params"], rule);
    std::vector<bool> used(rule.params.size(), false);
    load_versions(src, r, rule, used);
    load_scope(src, r["scope"], rule, used);
    load_cross(src, r, rule, used);
    bool when_ok = false;
    if (auto w = r["when"]) {
      if (scalar(src, w, info.when_text, "when")) {
        context_ = (id.empty() ? "规则" : "规则 " + id) + " › when";
        when_ok = compile_text(src, w, info.when_text, &rule.params, &used, rule.when);
      }
    } else if (rule.cross.kind != CrossKind::kNone) {
      // A cross-record rule may leave `when` out: every record in its scope belongs to its conduct.
      info.when_text = "true";
      when_ok = compile_text(src, r, info.when_text, &rule.params, &used, rule.when);
    } else {
      error(src, r, "E-RULE-MISSING", "规则缺少必填的键 'when'");
    }
    context_ = id.empty() ? "规则" : "规则 " + id;
    for (size_t k = 0; k < used.size() && when_ok; ++k)
      if (!used[k]) warn(src, param_nodes_[k], "W-PARAM-UNUSED", fmt::format("参数 {} 未在条件中使用", rule.params[k].name));
    load_examples(src, r["examples"], info);
    context_ = id.empty() ? "规则" : "规则 " + id;
    // not-filed and reverse rules judge rows of other tables, which per-record examples cannot show;
    // their tests are in tests/ (cross-record end-to-end tests).
    bool chain = rule.cross.kind == CrossKind::kNotFiled || rule.cross.kind == CrossKind::kReverse;
    if (info.examples.empty() && !chain) warn(src, r, "W-RULE-NO-EXAMPLES", fmt::format("规则 {} 没有 examples（应有命中与不命中的样例）", id));

    // Documentation view of params and versions (none when `versions` was rejected above).
    for (size_t k = 0; k < rule.params.size() && !rule.versions.empty(); ++k) {
      const auto& p = rule.params[k];
      std::string range;
      if (rule.param_ranges[k])
        range = rules::display_value(rule.param_ranges[k]->first, p.type, p.unit_text, p.unit) + " 至 " +
                rules::display_value(rule.param_ranges[k]->second, p.type, p.unit_text, p.unit);
      info.params.push_back({p.name, p.label, rules::display_value(rule.versions.back().params[k], p.type, p.unit_text, p.unit),
                             p.unit_text, rule.param_basis[k], range, "全国标准（默认值）"});
    }
    for (const auto& v : rule.versions) {
      VersionDoc vd{v.label, v.from, v.to, v.basis, {}, v.own_when ? v.when_text : std::string()};
      for (size_t k = 0; k < rule.params.size(); ++k)
        vd.params.push_back({rule.params[k].name, rules::display_value(v.params[k], rule.params[k].type, rule.params[k].unit_text, rule.params[k].unit)});
      info.versions.push_back(std::move(vd));
    }
    if (diags_.error_count() == errors_before) {
      impl_.infos.push_back(info);
      impl_.rules.push_back(std::move(rule));
    }
  }

  void load_params(const YamlSource& src, const YAML::Node& n, CompiledRule& rule) {
    param_nodes_.clear();
    default_params_.clear();
    if (!n) return;
    if (!n.IsMap()) { error(src, n, "E-RULE-TYPE", "params: 应为映射：参数名: 5万元 或 参数名: {value: 5万元, label: …}"); return; }
    for (auto it = n.begin(); it != n.end(); ++it) {
      expr::ParamInfo p;
      p.name = it->first.as<std::string>("");
      std::string value_text, basis;
      // yaml-cpp's Node::operator= writes into the referenced node instead of rebinding, so the
      // value node is chosen once, at construction.
      const bool detailed = it->second.IsMap();
      YAML::Node vnode = detailed ? it->second["value"] : it->second;
      if (detailed) {
        check_keys(src, it->second, {"value", "label", "basis", "note", "range"});
        if (!vnode) { error(src, it->second, "E-RULE-MISSING", fmt::format("参数 {} 缺少 value", p.name)); continue; }
        if (auto l = it->second["label"]) scalar(src, l, p.label, "label");
        if (auto b = it->second["basis"]) {
          scalar(src, b, basis, "basis");
          // Evidence quotes a parameter's basis on its own, where "同上" refers to nothing.
          if (basis.rfind("同上", 0) == 0 || basis.rfind("同前", 0) == 0)
            warn(src, b, "W-BASIS-RELATIVE", "依据不能写“同上”：每条线索单独引用它，请写出文件名称和条款");
        }
      }
      if (!scalar(src, vnode, value_text, "参数值")) continue;
      std::string err;
      auto lit = rules::parse_literal(value_text, err);
      if (!lit) { error(src, vnode, "E-PARAM-VALUE", fmt::format("参数 {} 的值无效: {}", p.name, err)); continue; }
      if (find_case_field(p.name)) {
        error(src, it->first, "E-PARAM-NAME", fmt::format("参数名 {} 与字段同名", p.name), "参数名请用如 sales_min 的形式");
        continue;
      }
      std::optional<std::pair<Value, Value>> range;
      if (detailed && it->second["range"]) {
        auto rn = it->second["range"];
        std::string lo_text, hi_text, e1, e2;
        if (!rn.IsSequence() || rn.size() != 2 || !rn[0].IsScalar() || !rn[1].IsScalar()) {
          error(src, rn, "E-PARAM-RANGE", "range 应写成 [下限, 上限]，如 [10万元, 30万元]");
          continue;
        }
        auto lo = rules::parse_literal(rn[0].Scalar(), e1);
        auto hi = rules::parse_literal(rn[1].Scalar(), e2);
        if (!lo || !hi || !(lo->type == lit->type) || !(hi->type == lit->type)) {
          error(src, rn, "E-PARAM-RANGE", fmt::format("参数 {} 的 range 须是两个与默认值同类型的值", p.name));
          continue;
        }
        range = std::make_pair(lo->value, hi->value);
        if (!within(lit->value, *range)) {
          error(src, vnode, "E-PARAM-RANGE", fmt::format("参数 {} 的值 {} 不在法定幅度 {} 至 {} 内", p.name, lit->display, lo->display, hi->display));
          continue;
        }
      }
      p.type = lit->type;
      p.unit_text = lit->unit_text;
      p.unit = lit->unit;
      if (p.label.empty()) p.label = p.name;
      rule.params.push_back(p);
      rule.param_basis.push_back(basis);
      rule.param_ranges.push_back(range);
      default_params_.push_back(lit->value);
      param_nodes_.push_back(it->first);
    }
  }

  static bool within(const Value& v, const std::pair<Value, Value>& r) {
    Decimal x, lo, hi;
    if (!v.numeric(x) || !r.first.numeric(lo) || !r.second.numeric(hi)) return true;
    return lo <= x && x <= hi;
  }

  static std::string version_label(const std::optional<Date>& from, const std::optional<Date>& to) {
    if (from && to) return fmt::format("{} 至 {}", from->to_string(), to->to_string());
    if (from) return fmt::format("{} 起", from->to_string());
    if (to) return fmt::format("至 {}", to->to_string());
    return "一直有效";
  }

  bool load_effective(const YamlSource& src, const YAML::Node& n, CompiledVersion& v) {
    if (!n) return true;
    if (!n.IsMap()) { error(src, n, "E-RULE-TYPE", "effective: 应为 {from: 日期, to: 日期}"); return false; }
    check_keys(src, n, {"from", "to"});
    bool ok = true;
    for (const char* key : {"from", "to"}) {
      auto d = n[key];
      if (!d) continue;
      std::string t;
      if (!scalar(src, d, t, key)) { ok = false; continue; }
      auto date = rules::parse_iso_date(t);
      if (!date) { error(src, d, "E-RULE-VALUE", fmt::format("'{}' 不是有效日期（格式 2022-05-15）", t)); ok = false; continue; }
      (std::string(key) == "from" ? v.from : v.to) = date;
    }
    if (v.from && v.to && *v.to < *v.from) { error(src, n, "E-RULE-VALUE", "effective 的 to 早于 from"); ok = false; }
    return ok;
  }

  void load_versions(const YamlSource& src, const YAML::Node& r, CompiledRule& rule, std::vector<bool>& used) {
    auto vs = r["versions"];
    if (!vs) {
      CompiledVersion v;
      load_effective(src, r["effective"], v);
      v.label = version_label(v.from, v.to);
      v.basis = rule.info.basis;
      v.confirmed = rule.info.confirmed;
      v.confirmation_note = rule.info.confirmation_note;
      v.params = default_params_;
      rule.versions.push_back(std::move(v));
      return;
    }
    if (r["effective"]) error(src, r["effective"], "E-RULE-SHAPE", "有 versions 时，effective 写在每个版本中");
    if (!vs.IsSequence() || vs.size() == 0) { error(src, vs, "E-RULE-TYPE", "versions: 应为非空列表"); return; }
    for (const auto& vn : vs) {
      if (!vn.IsMap()) { error(src, vn, "E-RULE-TYPE", "每个版本应为映射（effective、basis、params）"); continue; }
      check_keys(src, vn, {"effective", "basis", "params", "confirmed", "verify_note", "note", "when"});
      CompiledVersion v;
      load_effective(src, vn["effective"], v);
      v.label = version_label(v.from, v.to);
      v.basis = rule.info.basis;
      if (auto b = vn["basis"]) scalar(src, b, v.basis, "basis");
      v.confirmed = rule.info.confirmed;
      v.confirmation_note = rule.info.confirmation_note;
      if (auto c = vn["confirmed"]) v.confirmed = c.Scalar() == "true";
      if (auto c = vn["verify_note"]) scalar(src, c, v.confirmation_note, "verify_note");
      v.params = default_params_;
      if (auto ps = vn["params"]) {
        if (!ps.IsMap()) error(src, ps, "E-RULE-TYPE", "版本的 params: 应为映射：参数名: 值");
        else for (auto it = ps.begin(); it != ps.end(); ++it) {
          std::string name = it->first.as<std::string>("");
          size_t k = 0;
          while (k < rule.params.size() && rule.params[k].name != name) ++k;
          if (k == rule.params.size()) {
            error(src, it->first, "E-PARAM-NAME", fmt::format("版本中的参数 {} 未在规则的 params 中声明", name));
            continue;
          }
          std::string text, err;
          if (!scalar(src, it->second, text, "参数值")) continue;
          auto lit = rules::parse_literal(text, err);
          if (!lit) { error(src, it->second, "E-PARAM-VALUE", fmt::format("参数 {} 的值无效: {}", name, err)); continue; }
          if (!(lit->type == rule.params[k].type)) {
            error(src, it->second, "E-PARAM-TYPE",
                  fmt::format("参数 {} 在此版本中是{}，而默认值是{}", name, expr::type_name(lit->type), expr::type_name(rule.params[k].type)));
            continue;
          }
          if (rule.param_ranges[k] && !within(lit->value, *rule.param_ranges[k])) {
            error(src, it->second, "E-PARAM-RANGE", fmt::format("参数 {} 的值 {} 不在法定幅度内", name, lit->display));
            continue;
          }
          v.params[k] = lit->value;
        }
      }
      // A version may state its own criteria when the criteria, not only the figures, changed
      // (e.g. 份数 and 票面额 in 2010, 票面税额 since 2022).
      if (auto w = vn["when"]) {
        if (scalar(src, w, v.when_text, "when")) {
          std::string saved = context_;
          context_ += " › versions › when";
          v.own_when = compile_text(src, w, v.when_text, &rule.params, &used, v.when);
          context_ = saved;
        }
      }
      rule.versions.push_back(std::move(v));
    }
    std::sort(rule.versions.begin(), rule.versions.end(), [](const CompiledVersion& a, const CompiledVersion& b) {
      return a.from.value_or(Date::from_days(INT32_MIN)) < b.from.value_or(Date::from_days(INT32_MIN));
    });
    for (size_t k = 1; k < rule.versions.size(); ++k) {
      const auto& a = rule.versions[k - 1];
      const auto& b = rule.versions[k];
      if (!a.to || !b.from || *b.from <= *a.to)
        error(src, vs, "E-RULE-VERSION", fmt::format("版本 {} 与 {} 的有效期重叠或未衔接", a.label, b.label),
              "前一版本须写 to，后一版本的 from 须晚于它");
    }
  }

  void load_scope(const YamlSource& src, const YAML::Node& n, CompiledRule& rule, std::vector<bool>& used) {
    if (!n) return;
    if (!n.IsMap()) { error(src, n, "E-RULE-TYPE", "scope: 应为映射（domains、party_types、keywords、exclude、when）"); return; }
    context_ = "规则 " + rule.info.id + " › scope";
    check_keys(src, n, {"domains", "party_types", "keywords", "exclude", "when"});
    std::vector<std::string> parts;
    auto set_text = [&](const YAML::Node& node, const char* what, std::string& out) -> bool {
      if (node.IsScalar()) {
        if (!lists_.count(node.Scalar())) {
          error(src, node, "E-COND-NAME", fmt::format("未知的关键词列表 '{}'", node.Scalar()), "在 lists: 下定义它，或直接写成 [词1, 词2]");
          return false;
        }
        out = node.Scalar();
        return true;
      }
      std::vector<std::string> words;
      if (!strings(src, node, words, what)) return false;
      out = "[";
      for (size_t k = 0; k < words.size(); ++k) out += (k ? ", " : "") + quote(words[k]);
      out += "]";
      return true;
    };
    std::string s;
    if (auto d = n["domains"]; d && set_text(d, "domains", s)) parts.push_back("(domain is null or domain contains_any " + s + ")");
    if (auto p = n["party_types"]) {
      std::vector<std::string> types;
      if (strings(src, p, types, "party_types")) {
        std::string list = "[";
        for (size_t k = 0; k < types.size(); ++k) list += (k ? ", " : "") + quote(types[k]);
        parts.push_back("party_type in " + list + "]");
      }
    }
    if (auto k = n["keywords"]; k && set_text(k, "keywords", s)) parts.push_back("mentions(" + s + ")");
    if (auto e = n["exclude"]; e && set_text(e, "exclude", s)) parts.push_back("not mentions(" + s + ")");
    std::string generated;
    for (size_t k = 0; k < parts.size(); ++k) generated += (k ? " and " : "") + parts[k];
    if (!generated.empty()) {
      rule.scope.emplace_back();
      compile_text(src, n, generated, &rule.params, &used, rule.scope.back());
    }
    if (auto w = n["when"]) {
      std::string text;
      if (scalar(src, w, text, "scope.when")) {
        rule.scope.emplace_back();
        compile_text(src, w, text, &rule.params, &used, rule.scope.back());
      }
    }
  }

  void load_examples(const YamlSource& src, const YAML::Node& n, RuleInfo& info) {
    if (!n) return;
    context_ = "规则 " + info.id + " › examples";
    if (!n.IsSequence()) { error(src, n, "E-RULE-TYPE", "examples: 应为列表"); return; }
    for (const auto& e : n) {
      if (!e.IsMap()) { error(src, e, "E-RULE-TYPE", "每个样例应为映射（name、expect、record）"); continue; }
      check_keys(src, e, {"name", "expect", "record"});
      ExampleRecord ex;
      ex.location = src.at(e);
      if (auto nm = e["name"]) scalar(src, nm, ex.name, "name");
      std::string expect;
      if (auto x = e["expect"]) scalar(src, x, expect, "expect");
      if (expect == "match" || expect == "命中") ex.expect_match = true;
      else if (expect == "no_match" || expect == "不命中") ex.expect_match = false;
      else { error(src, e, "E-RULE-VALUE", "样例的 expect 应为 match 或 no_match"); continue; }
      auto rec = e["record"];
      if (!rec || !rec.IsMap()) { error(src, e, "E-RULE-MISSING", "样例缺少 record: {字段: 值, …}"); continue; }
      for (auto it = rec.begin(); it != rec.end(); ++it) {
        std::string v;
        if (!it->second.IsScalar() && !it->second.IsNull()) {
          error(src, it->second, "E-RULE-TYPE", "样例字段的值应为文本");
          continue;
        }
        if (it->second.IsScalar()) v = it->second.Scalar();
        ex.fields.push_back({it->first.as<std::string>(""), v});
      }
      info.examples.push_back(std::move(ex));
    }
  }

  RuleSetImpl& impl_;
  Diagnostics& diags_;
  const std::vector<std::string>& select_;
  std::vector<LoadedFile> files_;
  std::string context_;
  std::map<std::string, expr::NamedList> lists_;
  std::map<std::string, const YamlSource*> list_src_;
  std::map<std::string, YAML::Node> list_node_;
  std::map<std::string, expr::NamedCondition> conditions_;
  std::map<std::string, const YamlSource*> cond_src_;
  std::map<std::string, YAML::Node> cond_node_;
  std::map<std::string, YAML::Node> cond_value_;
  std::map<std::string, std::pair<std::string, int>> ids_;
  std::vector<YAML::Node> param_nodes_;
  std::vector<Value> default_params_;
};

}  // namespace

void load_rule_files(const std::vector<std::string>& paths, const std::vector<std::string>& select, RuleSetImpl& impl,
                     Diagnostics& diagnostics) {
  Loader(impl, diagnostics, select).run(paths);
}

}  // namespace xianjie
