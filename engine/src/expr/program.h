// The compiled form of a condition: a flat array of typed instructions whose operands are
// resolved slot numbers, parameter indexes, constants, compiled regexes and keyword sets.
//
// Binding happens once (compiler.h); evaluation (evaluator.h) walks this array per record without
// looking anything up by name. Children are referenced by index, never by pointer, so a Program
// can be moved and copied freely except for the text constants, which live in a deque whose
// elements never move.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "expr/ast.h"
#include "xianjie/quantity.h"
#include "xianjie/value.h"

namespace xianjie::expr {

// Static types checked at compile time.
enum class Type : uint8_t {
  kBool, kMoney, kNumber, kInteger, kQuantity, kText, kDate, kList, kPartyType, kPoliceDecision, kNull,
};

struct StaticType {
  Type kind = Type::kNull;
  Dimension dim = Dimension::kNone;  // for kQuantity
  bool operator==(const StaticType& o) const { return kind == o.kind && dim == o.dim; }
};

std::string type_name(StaticType t);  // Chinese: "金额", "数量(重量)", …
bool is_numeric(Type t);              // money, number, integer

enum class Op : uint8_t {
  kConst,      // constants[index]
  kSlot,       // record slot `index`
  kParam,      // parameter `index` of the active rule version
  kNeg,        // -a
  kArith,      // a (arith) b
  kCompare,    // a (cmp) b
  kAnd,        // children[first .. first+count)
  kOr,
  kNot,        // not a
  kIsNull,     // a is [not] null
  kInSet,      // a [not] in children[first .. first+count) (constants or expressions)
  kTextHas,    // a contains one/any/all of keyword set `index` (plain substring search)
  kFieldHits,  // text slot `a_slot` hit any/all of keyword set `index` via the shared automaton
  kMatches,    // a matches regex `index`
  kCoalesce,   // first non-null of children
  kMin, kMax,  // over children, null if any is null
  kDaysBetween,// b - a in days
  kAbs,
};

struct Instr {
  Op op = Op::kConst;
  StaticType type;
  CmpOp cmp = CmpOp::kEq;
  ArithOp arith = ArithOp::kAdd;
  ContainsMode mode = ContainsMode::kOne;
  bool negated = false;
  int32_t a = -1, b = -1;          // operand instructions
  int32_t first = 0, count = 0;    // n-ary operands in Program::children
  int32_t index = -1;              // slot / param / constant / regex / keyword set
  TextRange range;                 // where it came from in the condition text
  std::string label;               // Chinese rendering for evidence: "销售金额", "销售金额×3 + 货值金额"
  std::string unit_text;           // for constants and params: the unit as written ("万元", "公斤")
};

struct Program {
  std::vector<Instr> code;
  std::vector<int32_t> children;
  std::vector<Value> constants;
  std::deque<std::string> strings;  // storage for text constants (stable addresses)
  int32_t root = -1;

  int32_t add(Instr i) { code.push_back(std::move(i)); return static_cast<int32_t>(code.size() - 1); }
  int32_t add_constant(Value v) { constants.push_back(v); return static_cast<int32_t>(constants.size() - 1); }
  std::string_view intern(std::string s) { strings.push_back(std::move(s)); return strings.back(); }
};

}  // namespace xianjie::expr
