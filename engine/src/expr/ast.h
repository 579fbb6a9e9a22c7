// Abstract syntax of the condition language. The grammar is in parser.h.
//
// Nodes keep the byte range of the text they came from, so that an error found while binding or
// type-checking can be shown under the right characters of the YAML file.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "xianjie/date.h"
#include "xianjie/decimal.h"
#include "xianjie/quantity.h"

namespace xianjie::expr {

struct TextRange {
  size_t begin = 0;  // byte offset in the condition string
  size_t end = 0;
};

enum class CmpOp : uint8_t { kEq, kNe, kLt, kLe, kGt, kGe };
enum class ArithOp : uint8_t { kAdd, kSub, kMul, kDiv };

// What a numeric literal carried after its digits.
enum class LiteralUnit : uint8_t { kNone, kYuan, kPercent, kQuantity };

struct Literal {
  Decimal number;
  LiteralUnit unit = LiteralUnit::kNone;
  Unit quantity_unit{};  // when unit == kQuantity; number is already converted to the base unit
  std::string unit_text; // the unit as written ("万元", "公斤") for messages
};

enum class NodeKind : uint8_t {
  kNumber,      // 50000, 5万元, 500公斤, 10%
  kString,      // '以次充好', "unit"
  kDate,        // 2022-05-15
  kBool,        // true / false
  kNull,        // null
  kIdent,       // a field, parameter, list or named condition
  kColumn,      // `原始列名` — an input column that maps to no canonical field
  kList,        // [a, b, c]
  kNeg,         // -x
  kNot,         // not x
  kArith,       // x + y …
  kCompare,     // x >= y …
  kAnd,         // x and y and …  (n-ary)
  kOr,          // x or y or …    (n-ary)
  kIn,          // x in [..] / x in list_name; `negated` for not in
  kIsNull,      // x is null; `negated` for is not null
  kContains,    // x contains y / contains_any / contains_all
  kMatches,     // x matches 'regex'
  kCall,        // name(args)
};

enum class ContainsMode : uint8_t { kOne, kAny, kAll };

struct Node {
  NodeKind kind;
  TextRange range;
  std::string text;  // identifier name, string value, call name
  Literal literal;
  std::optional<Date> date;
  bool boolean = false;
  bool negated = false;
  CmpOp cmp = CmpOp::kEq;
  ArithOp arith = ArithOp::kAdd;
  ContainsMode contains = ContainsMode::kOne;
  std::vector<std::unique_ptr<Node>> children;
};

using NodePtr = std::unique_ptr<Node>;

std::string_view cmp_symbol(CmpOp op);  // "≥", "≤", ">", "<", "=", "≠"
std::string_view cmp_ascii(CmpOp op);   // ">=", …

}  // namespace xianjie::expr
