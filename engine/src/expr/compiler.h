// Binding and type-checking: condition AST → Program.
//
// Names are resolved in this order: the rule's parameters, the file's named conditions, canonical
// field names (sales_amount), Chinese field labels and header aliases (销售金额). Named lists may
// appear only where a set is expected (in, contains_any, contains_all, mentions). Every type error
// is reported with the range of the offending text; compilation continues to find the next one.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <re2/re2.h>

#include "expr/ast.h"
#include "expr/keywords.h"
#include "expr/program.h"

namespace xianjie::expr {

struct ParamInfo {
  std::string name;
  StaticType type;
  std::string label;      // e.g. "销售金额起点"; defaults to the name
  std::string unit_text;  // unit as written in the YAML ("万元", "公斤", "%")
  Unit unit{};            // for quantities: the unit to display thresholds in
};

struct NamedList {
  std::vector<std::string> words;
  int32_t keyword_set = -1;  // registered lazily in the KeywordTable
  mutable bool used = false;
};

struct NamedCondition {
  std::string source;         // the condition text
  std::shared_ptr<Node> ast;  // null when it failed to parse (the error is reported where it is defined)
  mutable bool used = false;
  mutable bool broken = false;  // failed to compile on its own (not in a cycle); references to it fail silently
};

// How deep named conditions may refer to one another (c3: c2 and …, c2: c1 and …): each level
// inlines a whole condition, so the limit bounds the recursion of the compiler and evaluator.
inline constexpr size_t kMaxConditionNesting = 32;

struct CompileError {
  std::string code;
  std::string message;
  std::string hint;
  TextRange range;
};

// Everything a condition may refer to. Shared, mutable parts (keywords, regexes, extra columns)
// belong to the RuleSet being built, so identical keywords and columns are registered once.
struct CompileEnv {
  const std::vector<ParamInfo>* params = nullptr;
  std::map<std::string, NamedList>* lists = nullptr;
  const std::map<std::string, NamedCondition>* conditions = nullptr;
  KeywordTable* keywords = nullptr;
  std::vector<std::unique_ptr<RE2>>* regexes = nullptr;
  std::vector<std::string>* extra_columns = nullptr;  // `column` references; slot = field count + index
  std::vector<int>* scanned_slots = nullptr;          // text slots searched with the shared automaton
  std::vector<bool>* params_used = nullptr;
};

// Compiles `root` into `program` (appending; program.root is set to the new root). Returns false
// when any error was found; all errors are in `errors`.
bool compile_condition(const Node& root, CompileEnv& env, Program& program, std::vector<CompileError>& errors);
// The same for an expression whose value is an amount of money (the part of a split case that is
// summed: sales_amount, or sales_amount * 3 + goods_value).
bool compile_amount(const Node& root, CompileEnv& env, Program& program, std::vector<CompileError>& errors);

}  // namespace xianjie::expr
