// The condition language: syntax, binding, types, three-valued logic, units, boundary words.
#include <catch2/catch.hpp>

#include "expr/compiler.h"
#include "expr/evaluator.h"
#include "expr/parser.h"
#include "xianjie/fields.h"
#include "xianjie/value_parse.h"

using namespace xianjie;
using namespace xianjie::expr;

namespace {

// A tiny harness: compiles one condition against the canonical fields and evaluates it on a record
// given as canonical-name → raw text (parsed like an input cell).
struct Harness {
  std::map<std::string, NamedList> lists{{"伪劣", {{"以次充好", "掺杂掺假"}, -1, false}}};
  std::map<std::string, NamedCondition> conditions;
  KeywordTable keywords;
  std::vector<std::unique_ptr<RE2>> regexes;
  std::vector<std::string> extra;
  std::vector<int> scanned;
  std::vector<ParamInfo> params{{"sales_min", {Type::kMoney}, "销售金额起点", "万元", {}},
                                {"weight_min", {Type::kQuantity, Dimension::kMass}, "重量起点", "公斤", *find_unit("公斤")}};
  std::vector<Value> param_values{Value::decimal(*Decimal::parse("50000")),
                                  Value::quantity(Quantity{*Decimal::parse("500"), Dimension::kMass})};
  Program program;
  std::vector<CompileError> errors;
  std::string parse_error;

  bool compile(const std::string& text) {
    ParseError pe;
    auto ast = parse_condition(text, pe);
    if (!ast) { parse_error = pe.message; return false; }
    CompileEnv env;
    env.params = &params;
    env.lists = &lists;
    env.conditions = &conditions;
    env.keywords = &keywords;
    env.regexes = &regexes;
    env.extra_columns = &extra;
    env.scanned_slots = &scanned;
    std::vector<bool> used(params.size());
    env.params_used = &used;
    bool ok = compile_condition(*ast, env, program, errors);
    keywords.build();
    return ok;
  }

  // "true", "false" or "unknown"
  std::string eval(const std::vector<std::pair<std::string, std::string>>& fields) {
    std::vector<Value> slots(cases_fields().size());
    std::string err;
    for (const auto& [name, raw] : fields) {
      int s = *find_case_field(name);
      if (cases_fields()[static_cast<size_t>(s)].type == FieldType::kQuantity) {
        auto q = parse_quantity(raw, "", err);
        REQUIRE(q);
        slots[static_cast<size_t>(s)] = Value::quantity(*q);
      } else {
        REQUIRE(parse_field(cases_fields()[static_cast<size_t>(s)].type, raw, 1, slots[static_cast<size_t>(s)], err));
      }
    }
    KeywordHits hits(&keywords, &scanned);
    hits.reset();
    EvalContext ctx;
    ctx.slots = slots.data();
    ctx.params = param_values.data();
    ctx.keywords = &keywords;
    ctx.regexes = &regexes;
    ctx.hits = &hits;
    Value v = evaluate(program, ctx);
    return v.is_null() ? "unknown" : v.as_bool() ? "true" : "false";
  }
};

std::string run(const std::string& cond, const std::vector<std::pair<std::string, std::string>>& fields) {
  Harness h;
  REQUIRE(h.compile(cond));
  return h.eval(fields);
}

}  // namespace

TEST_CASE("以上 includes the number, 不满 excludes it (刑法第九十九条)", "[expr]") {
  CHECK(run("sales_amount >= 5万元", {{"sales_amount", "50000"}}) == "true");
  CHECK(run("sales_amount >= 5万元", {{"sales_amount", "50,000.00"}}) == "true");
  CHECK(run("sales_amount >= 5万元", {{"sales_amount", "49999.99"}}) == "false");
  CHECK(run("sales_amount < 5万元", {{"sales_amount", "50000"}}) == "false");   // 不满五万
  CHECK(run("sales_amount > 5万元", {{"sales_amount", "50000"}}) == "false");   // 超过五万
  CHECK(run("sales_amount <= 5万元", {{"sales_amount", "50000"}}) == "true");   // 五万以下
  CHECK(run("sales_amount ≥ sales_min", {{"sales_amount", "5万元"}}) == "true");
}

TEST_CASE("a comparison with a missing value is unknown, and not unknown stays unknown", "[expr]") {
  CHECK(run("sales_amount >= 5万元", {}) == "unknown");
  CHECK(run("not (sales_amount >= 5万元)", {}) == "unknown");
  CHECK(run("sales_amount >= 5万元 or goods_value >= 15万元", {{"goods_value", "150000"}}) == "true");
  CHECK(run("sales_amount >= 5万元 and goods_value >= 15万元", {{"goods_value", "1"}}) == "false");
  CHECK(run("sales_amount >= 5万元 and goods_value >= 15万元", {{"goods_value", "150000"}}) == "unknown");
  CHECK(run("sales_amount is null", {}) == "true");
  CHECK(run("sales_amount is not null", {{"sales_amount", "0"}}) == "true");
}

TEST_CASE("quantities compare across units of one dimension only", "[expr]") {
  CHECK(run("quantity >= 500公斤", {{"quantity", "1000斤"}}) == "true");
  CHECK(run("quantity >= 500公斤", {{"quantity", "999斤"}}) == "false");
  CHECK(run("quantity >= 500公斤", {{"quantity", "0.5吨"}}) == "true");
  CHECK(run("quantity >= weight_min", {{"quantity", "0.5 t"}}) == "true");
  CHECK(run("quantity >= 5亩", {{"quantity", "3333.35平方米"}}) == "true");
  CHECK(run("quantity >= 5亩", {{"quantity", "3333.34平方米"}}) == "false");
  CHECK(run("quantity >= 500公斤", {{"quantity", "600株"}}) == "unknown");
  CHECK(run("quantity >= 500公斤", {{"quantity", "600"}}) == "unknown");
}

TEST_CASE("arithmetic, ratios and the 伪劣产品 formula", "[expr]") {
  CHECK(run("sales_amount * 3 + goods_value >= 15万元", {{"sales_amount", "30000"}, {"goods_value", "60000"}}) == "true");
  CHECK(run("sales_amount * 3 + goods_value >= 15万元", {{"sales_amount", "30000"}, {"goods_value", "59999.99"}}) == "false");
  // Exact ratio: 100000 / 1000001 is below 10% although its 4-digit quotient rounds to 0.1000.
  CHECK(run("tax_evaded / tax_payable >= 10%", {{"tax_evaded", "100000"}, {"tax_payable", "1000001"}}) == "false");
  CHECK(run("tax_evaded / tax_payable >= 10%", {{"tax_evaded", "100000"}, {"tax_payable", "1000000"}}) == "true");
  CHECK(run("10% <= tax_evaded / tax_payable", {{"tax_evaded", "100000"}, {"tax_payable", "1000000"}}) == "true");
  CHECK(run("tax_evaded / tax_payable >= 10%", {{"tax_evaded", "100000"}, {"tax_payable", "0"}}) == "unknown");
  CHECK(run("days_between(violation_date, decision_date) > 365", {{"violation_date", "2021-01-01"}, {"decision_date", "2022-01-02"}}) == "true");
  CHECK(run("coalesce(mineral_value, amount_involved) >= 10万元", {{"amount_involved", "10万元"}}) == "true");
}

TEST_CASE("dates and calendar durations", "[expr]") {
  // 二年内 measured in calendar terms: two years from 2021-03-01 reach 2023-03-01 inclusive.
  CHECK(run("violation_date <= decision_date + 2年", {{"decision_date", "2021-03-01"}, {"violation_date", "2023-03-01"}}) == "true");
  CHECK(run("violation_date <= decision_date + 2年", {{"decision_date", "2021-03-01"}, {"violation_date", "2023-03-02"}}) == "false");
  CHECK(run("violation_date <= decision_date + 1年", {{"decision_date", "2020-02-29"}, {"violation_date", "2021-02-28"}}) == "true");
  CHECK(run("violation_date <= decision_date + 1年", {{"decision_date", "2020-02-29"}, {"violation_date", "2021-03-01"}}) == "false");
  CHECK(run("transfer_date - 3天 >= decision_date", {{"transfer_date", "2023-01-10"}, {"decision_date", "2023-01-07"}}) == "true");
  CHECK(run("violation_date >= 2022-05-15", {{"violation_date", "2022年5月15日"}}) == "true");
  CHECK(run("violation_date + 6个月 > 2022-05-15", {}) == "unknown");
}

TEST_CASE("text: keywords, sets, enums, regular expressions", "[expr]") {
  CHECK(run("mentions(伪劣)", {{"case_reason", "某公司销售以次充好的电缆案"}}) == "true");
  CHECK(run("mentions(伪劣)", {{"facts", "当事人掺杂掺假"}}) == "true");
  CHECK(run("mentions(伪劣)", {{"case_reason", "某公司未公示年报案"}}) == "false");
  CHECK(run("not mentions(伪劣)", {}) == "true");  // no text, no keyword
  CHECK(run("mentions_all(['禁渔期', '电鱼'])", {{"facts", "在禁渔期使用电鱼方法"}}) == "true");
  CHECK(run("mentions_all(['禁渔期', '电鱼'])", {{"facts", "使用电鱼方法"}}) == "false");
  CHECK(run("party_type == '单位'", {{"party_type", "法人"}}) == "true");
  CHECK(run("party_type in ['个人']", {{"party_type", "个体工商户"}}) == "true");
  CHECK(run("domain in ['税务', '海关']", {{"domain", "税务"}}) == "true");
  CHECK(run("facts matches '电(鱼|击)'", {{"facts", "使用电击方式"}}) == "true");
  CHECK(run("case_reason contains '卷烟'", {{"case_reason", "无证经营卷烟案"}}) == "true");
}

TEST_CASE("Chinese operators and punctuation are accepted", "[expr]") {
  CHECK(run("（sales_amount ≥ 5万元）", {{"sales_amount", "50000"}}) == "true");
  CHECK(run("domain in ['税务'，'海关']", {{"domain", "海关"}}) == "true");
  CHECK(run("销售金额 >= 5万元", {{"sales_amount", "60000"}}) == "true");  // a field by its Chinese label
}

TEST_CASE("compile errors are located and explained", "[expr]") {
  auto error_of = [](const std::string& cond) {
    Harness h;
    if (h.compile(cond)) return std::string("no error");
    if (!h.parse_error.empty()) return h.parse_error;
    return h.errors.front().code + ": " + h.errors.front().message;
  };
  CHECK(error_of("case_reason >= 5").find("E-COND-TYPE") == 0);
  CHECK(error_of("quantity >= 500").find("E-COND-TYPE") == 0);
  CHECK(error_of("sales_amount >= 500公斤").find("E-COND-TYPE") == 0);
  CHECK(error_of("sales_amout >= 5").find("E-COND-NAME") == 0);
  CHECK(error_of("party_type == 'martian'").find("E-COND-ENUM") == 0);
  CHECK(error_of("facts matches '(('").find("E-COND-REGEX") == 0);
  CHECK(error_of("sales_amount >= 5万元 and").find("此处应为") != std::string::npos);
  CHECK(error_of("sales_amount >= 5斤斤") .find("未知的单位") != std::string::npos);
  CHECK(error_of("mentions(不存在的列表)").find("E-COND-NAME") == 0);
  CHECK(error_of("sales_amount >= ５００００").find("半角数字") != std::string::npos);
  CHECK(error_of("sales_amount * sales_amount >= 1").find("E-COND-TYPE") == 0);
  std::string deep(200, '(');
  CHECK(error_of(deep + "sales_amount >= 1" + std::string(200, ')')).find("嵌套") != std::string::npos);

  Harness h;
  REQUIRE_FALSE(h.compile("sales_amount >= 5 and case_reason >= 5"));
  REQUIRE(h.errors.size() == 1);
  CHECK(h.errors[0].range.begin == 22);  // points at the second comparison
}
