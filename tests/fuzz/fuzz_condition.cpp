// Fuzz body for the condition language: expr::parse_condition, then, when the text parses,
// compile_condition against the canonical fields (the environment of tests/unit/test_expr.cpp's
// Harness: two parameters, a named list, plus one named condition) and evaluation on an empty
// record and on a filled one, with and without a trace (the trace evaluates every instruction).
//
// Invariants: a parse or compile failure comes with a message; error ranges start inside the
// condition text; a compiled condition evaluates to a boolean or unknown.
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "expr/compiler.h"
#include "expr/evaluator.h"
#include "expr/parser.h"
#include "fuzz_targets.h"
#include "xianjie/fields.h"
#include "xianjie/value_parse.h"

namespace xianjie::fuzz {
namespace {

using namespace xianjie::expr;

// Cells of the filled record; parsed like input cells, so views point into these literals.
const std::pair<std::string_view, std::string_view> kFilledRecord[] = {
    {"case_reason", "某公司销售以次充好的电线电缆案"},
    {"facts", "当事人以不合格产品冒充合格产品，掺杂掺假，库存待售"},
    {"sales_amount", "5.2万元"},
    {"goods_value", "150000"},
    {"violation_date", "2023-04-12"},
    {"party_type", "单位"},
    {"transferred", "否"},
};

std::vector<Value> filled_slots() {
  std::vector<Value> slots(cases_fields().size());
  for (const auto& [name, raw] : kFilledRecord) {
    auto slot = find_case_field(name);
    check(slot.has_value(), "the filled record names an unknown field", name);
    const auto s = static_cast<size_t>(*slot);
    std::string error;
    check(parse_field(cases_fields()[s].type, raw, 1, slots[s], error), "a filled-record cell does not parse", raw);
  }
  std::string error;
  auto q = parse_quantity("600公斤", "", error);
  check(q.has_value(), "the filled-record quantity does not parse");
  slots[static_cast<size_t>(slot::kQuantity)] = Value::quantity(*q);
  return slots;
}

void check_result(const Value& v) {
  check(v.is_null() || v.type() == ValueType::kBool, "a condition evaluated to a non-boolean");
}

}  // namespace

void fuzz_condition_one(const uint8_t* data, size_t size) {
  if (size > 4096) return;  // conditions are a few lines; longer inputs only slow the fuzzer
  const std::string_view source(reinterpret_cast<const char*>(data), size);

  ParseError parse_error;
  NodePtr ast = parse_condition(source, parse_error);
  if (!ast) {
    check(!parse_error.message.empty(), "parse_condition failed without a message");
    check(parse_error.range.begin <= source.size(), "parse error range starts past the text");
    return;
  }

  std::map<std::string, NamedList> lists{{"伪劣", {{"以次充好", "掺杂掺假"}, -1, false}}};
  std::map<std::string, NamedCondition> conditions;
  {
    NamedCondition nc;
    nc.source = "mentions(伪劣) and sales_amount >= 5万元";
    ParseError pe;
    auto named = parse_condition(nc.source, pe);
    check(named != nullptr, "the fixed named condition does not parse", pe.message);
    nc.ast = std::shared_ptr<Node>(std::move(named));
    conditions.emplace("伪劣大额", std::move(nc));
  }
  KeywordTable keywords;
  std::vector<std::unique_ptr<RE2>> regexes;
  std::vector<std::string> extra;
  std::vector<int> scanned;
  std::vector<ParamInfo> params{{"sales_min", {Type::kMoney}, "销售金额起点", "万元", {}},
                                {"weight_min", {Type::kQuantity, Dimension::kMass}, "重量起点", "公斤", *find_unit("公斤")}};
  std::vector<Value> param_values{Value::decimal(*Decimal::parse("50000")),
                                  Value::quantity(Quantity{*Decimal::parse("500"), Dimension::kMass})};
  std::vector<bool> params_used(params.size());

  CompileEnv env;
  env.params = &params;
  env.lists = &lists;
  env.conditions = &conditions;
  env.keywords = &keywords;
  env.regexes = &regexes;
  env.extra_columns = &extra;
  env.scanned_slots = &scanned;
  env.params_used = &params_used;

  Program program;
  std::vector<CompileError> errors;
  const bool ok = compile_condition(*ast, env, program, errors);
  keywords.build();
  for (const CompileError& e : errors) {
    check(!e.code.empty() && !e.message.empty(), "a compile error without a code or message");
    check(e.range.begin <= source.size(), "compile error range starts past the text", e.message);
  }
  if (!ok) {
    check(!errors.empty(), "compile_condition failed without an error");
    return;
  }

  // Extra `column` slots follow the canonical fields; they stay null here.
  std::vector<Value> empty(cases_fields().size() + extra.size());
  std::vector<Value> filled = filled_slots();
  filled.resize(cases_fields().size() + extra.size());
  for (std::vector<Value>* slots : {&empty, &filled}) {
    KeywordHits hits(&keywords, &scanned);
    hits.reset();
    EvalContext ctx;
    ctx.slots = slots->data();
    ctx.params = param_values.data();
    ctx.keywords = &keywords;
    ctx.regexes = &regexes;
    ctx.hits = &hits;
    check_result(evaluate(program, ctx));
    std::vector<Value> trace(program.code.size());  // one result per instruction, as the matcher sizes it
    hits.reset();
    ctx.trace = &trace;
    check_result(evaluate(program, ctx));
  }
}

}  // namespace xianjie::fuzz
