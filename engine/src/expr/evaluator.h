// Evaluation of a compiled Program against one record.
//
// Logic is three-valued: a comparison with a missing value is *unknown*, which makes a rule not
// fire, and `not unknown` is still unknown — so `not (x >= 5)` never fires merely because x is
// missing. `and` is false if any operand is false, `or` is true if any operand is true; otherwise
// either is unknown when an operand is. An unknown result is represented by a null Value.
// Keyword tests are the exception: an empty text contains no keyword, so `facts contains '电鱼'`
// is false (not unknown) when 违法事实 is missing, and `not mentions(排除词)` holds.
//
// The fast path short-circuits and records nothing. Evaluating with a trace (one Value per
// instruction) evaluates every operand of and/or so that the evidence of a finding can list every
// criterion that was met and every field that was missing.
#pragma once

#include <memory>
#include <vector>

#include <re2/re2.h>

#include "expr/keywords.h"
#include "expr/program.h"
#include "xianjie/value.h"

namespace xianjie::expr {

// Per-record cache of keyword bitmaps for the text slots searched through the shared automaton.
class KeywordHits {
 public:
  KeywordHits(const KeywordTable* table, const std::vector<int>* scanned_slots);
  void reset();  // call once per record
  // Bitmap for `slot`, scanning its text on first use in this record; null if the slot is null or
  // no rule searches it.
  const uint64_t* get(int slot, const Value* slots);
  // Scans the texts of `a` and `b` together (faster than two get calls); get then finds them done.
  void scan_pair(int a, int b, const Value* slots);

 private:
  const KeywordTable* table_;
  const std::vector<int>* scanned_;
  size_t words_;
  std::vector<uint64_t> bits_;
  std::vector<char> done_;
  int index_of(int slot) const;
};

struct EvalContext {
  const Value* slots = nullptr;
  const Value* params = nullptr;
  const KeywordTable* keywords = nullptr;
  const std::vector<std::unique_ptr<RE2>>* regexes = nullptr;
  KeywordHits* hits = nullptr;
  std::vector<Value>* trace = nullptr;  // when set: results of every instruction, no short-circuit
};

// Evaluates instruction `node` (the root by default). Booleans are Value::boolean or null.
Value evaluate(const Program& program, EvalContext& ctx, int32_t node = -1);

// True when the value is a boolean true (not false, not unknown).
inline bool is_true(const Value& v) { return v.type() == ValueType::kBool && v.as_bool(); }

}  // namespace xianjie::expr
