// The per-record interpreter over Program instructions (see evaluator.h for the logic).
#include "expr/evaluator.h"

#include <algorithm>

namespace xianjie::expr {

KeywordHits::KeywordHits(const KeywordTable* table, const std::vector<int>* scanned_slots)
    : table_(table), scanned_(scanned_slots), words_(table ? table->words() : 0) {
  size_t n = scanned_ ? scanned_->size() : 0;
  bits_.assign(n * words_, 0);
  done_.assign(n, 0);
}

void KeywordHits::reset() { std::fill(done_.begin(), done_.end(), 0); }

int KeywordHits::index_of(int slot) const {
  for (size_t k = 0; k < scanned_->size(); ++k)
    if ((*scanned_)[k] == slot) return static_cast<int>(k);
  return -1;
}

void KeywordHits::scan_pair(int a, int b, const Value* slots) {
  std::string_view texts[2];
  uint64_t* bits[2];
  size_t n = 0;
  for (int slot : {a, b}) {
    const Value& v = slots[slot];
    int k = index_of(slot);
    if (v.is_null() || k < 0 || done_[static_cast<size_t>(k)]) continue;
    uint64_t* out = bits_.data() + static_cast<size_t>(k) * words_;
    std::fill(out, out + words_, 0);
    done_[static_cast<size_t>(k)] = 1;
    texts[n] = v.as_text();
    bits[n++] = out;
  }
  if (n) table_->scan_many(texts, bits, n);
}

const uint64_t* KeywordHits::get(int slot, const Value* slots) {
  const Value& v = slots[slot];
  if (v.is_null()) return nullptr;
  int ki = index_of(slot);
  if (ki < 0) return nullptr;  // no rule searches this field
  size_t k = static_cast<size_t>(ki);
  uint64_t* b = bits_.data() + k * words_;
  if (!done_[k]) {
    std::fill(b, b + words_, 0);
    table_->scan(v.as_text(), b);
    done_[k] = 1;
  }
  return b;
}

namespace {

Value unknown() { return Value::null(); }
Value boolean(bool b) { return Value::boolean(b); }

bool to_decimal(const Value& v, Decimal& d) { return v.numeric(d); }

bool cmp_result(int c, CmpOp op) {
  switch (op) {
    case CmpOp::kEq: return c == 0;
    case CmpOp::kNe: return c != 0;
    case CmpOp::kLt: return c < 0;
    case CmpOp::kLe: return c <= 0;
    case CmpOp::kGt: return c > 0;
    case CmpOp::kGe: return c >= 0;
  }
  return false;
}

template <typename T>
int three_way(const T& a, const T& b) { return a < b ? -1 : (b < a ? 1 : 0); }

// Compares two non-null values; false in `ok` when they are not comparable at run time (a
// quantity whose unit is missing or of another dimension).
int compare_values(const Value& a, const Value& b, bool& ok) {
  ok = true;
  if (a.type() == ValueType::kQuantity || b.type() == ValueType::kQuantity) {
    if (a.type() != b.type() || a.as_quantity().dimension != b.as_quantity().dimension ||
        a.as_quantity().dimension == Dimension::kNone) { ok = false; return 0; }
    return three_way(a.as_decimal(), b.as_decimal());
  }
  Decimal da, db;
  if (to_decimal(a, da) && to_decimal(b, db)) return three_way(da, db);
  if (a.type() == ValueType::kDate && b.type() == ValueType::kDate) return three_way(a.as_date(), b.as_date());
  if (a.type() == ValueType::kBool && b.type() == ValueType::kBool) return three_way(a.as_bool(), b.as_bool());
  if ((a.type() == ValueType::kText || a.type() == ValueType::kList) &&
      (b.type() == ValueType::kText || b.type() == ValueType::kList))
    return a.as_text().compare(b.as_text()) < 0 ? -1 : a.as_text() == b.as_text() ? 0 : 1;
  ok = false;
  return 0;
}

// date ± a calendar duration (年/个月 clamp at month ends as Date::add_months does; 日 adds days).
Value date_arith(const Value& a, const Value& b, ArithOp op) {
  Quantity q = b.as_quantity();
  if (!q.amount.is_integral()) return unknown();
  int64_t n = q.amount.whole_part();
  if (op == ArithOp::kSub) n = -n;
  if (n > 100000 || n < -100000) return unknown();
  Date d = a.as_date();
  if (q.dimension == Dimension::kMonths) return Value::date(d.add_months(static_cast<int>(n)));
  if (q.dimension == Dimension::kDays) return Value::date(d.add_days(static_cast<int32_t>(n)));
  return unknown();
}

Value arith(const Value& a, const Value& b, ArithOp op) {
  if (a.is_null() || b.is_null()) return unknown();
  if (a.type() == ValueType::kDate && b.type() == ValueType::kQuantity) return date_arith(a, b, op);
  Dimension dim = Dimension::kNone;
  bool qa = a.type() == ValueType::kQuantity, qb = b.type() == ValueType::kQuantity;
  if (qa && qb) {
    Dimension da = a.as_quantity().dimension, db = b.as_quantity().dimension;
    if (da != db || da == Dimension::kNone) return unknown();
    if (op == ArithOp::kAdd || op == ArithOp::kSub) dim = da;
  } else if (qa || qb) {
    dim = qa ? a.as_quantity().dimension : b.as_quantity().dimension;
  }
  Decimal x, y;
  if (!to_decimal(a, x) || !to_decimal(b, y)) return unknown();
  std::optional<Decimal> r;
  switch (op) {
    case ArithOp::kAdd: r = x.add(y); break;
    case ArithOp::kSub: r = x.sub(y); break;
    case ArithOp::kMul: r = x.mul(y); break;
    case ArithOp::kDiv: r = x.div(y); break;
  }
  if (!r) return unknown();
  if ((qa || qb) && dim != Dimension::kNone) return Value::quantity(Quantity{*r, dim});
  return Value::decimal(*r);
}

bool text_has(std::string_view text, const KeywordTable& kw, int32_t set, ContainsMode mode) {
  const auto& ids = kw.set_patterns(set);
  for (int32_t p : ids) {
    bool found = text.find(kw.pattern(p)) != std::string_view::npos;
    if (mode == ContainsMode::kAll && !found) return false;
    if (mode != ContainsMode::kAll && found) return true;
  }
  return mode == ContainsMode::kAll && !ids.empty();
}

class Interp {
 public:
  Interp(const Program& p, EvalContext& c) : p_(p), c_(c) {}

  Value eval(int32_t i) {
    Value v = eval_raw(i);
    if (c_.trace) (*c_.trace)[static_cast<size_t>(i)] = v;
    return v;
  }

 private:
  const Instr& ins(int32_t i) const { return p_.code[static_cast<size_t>(i)]; }
  int32_t child(const Instr& in, int32_t k) const { return p_.children[static_cast<size_t>(in.first + k)]; }

  bool is_division(int32_t i) const {
    const Instr& x = ins(i);
    return x.op == Op::kArith && x.arith == ArithOp::kDiv && x.type.kind != Type::kQuantity;
  }

  // Compares num/den (one side) with the other side exactly: num·1 op other·den, sign-corrected.
  Value exact_ratio_compare(const Instr& in) {
    bool left = is_division(in.a);
    const Instr& div = ins(left ? in.a : in.b);
    Value num = eval_untraced(div.a), den = eval_untraced(div.b), other = eval_untraced(left ? in.b : in.a);
    Decimal n, d, o;
    if (num.is_null() || den.is_null() || other.is_null() || !to_decimal(num, n) || !to_decimal(den, d) ||
        !to_decimal(other, o) || d.is_zero())
      return unknown();
    __extension__ typedef __int128 Wide;
    Wide lhs = static_cast<Wide>(n.units()) * Decimal::kOne;  // num / den scaled like a Decimal
    Wide rhs = static_cast<Wide>(o.units()) * d.units();
    if (d.is_negative()) { lhs = -lhs; rhs = -rhs; }
    int c = lhs < rhs ? -1 : lhs > rhs ? 1 : 0;
    if (!left) c = -c;
    return boolean(cmp_result(c, in.cmp));
  }

  Value eval_untraced(int32_t i) {
    std::vector<Value>* saved = c_.trace;
    c_.trace = nullptr;
    Value v = eval(i);
    c_.trace = saved;
    return v;
  }

  Value eval_raw(int32_t i) {
    const Instr& in = ins(i);
    switch (in.op) {
      case Op::kConst: return p_.constants[static_cast<size_t>(in.index)];
      case Op::kSlot: return c_.slots[in.index];
      case Op::kParam: return c_.params[in.index];
      case Op::kNeg: {
        Value a = eval(in.a);
        if (a.is_null()) return a;
        Decimal d;
        if (!to_decimal(a, d)) return unknown();
        if (a.type() == ValueType::kQuantity) return Value::quantity(Quantity{d.negate(), a.as_quantity().dimension});
        return Value::decimal(d.negate());
      }
      case Op::kArith: {
        Value a = eval(in.a);
        Value b = eval(in.b);
        return arith(a, b, in.arith);
      }
      case Op::kCompare: {
        // A ratio against a threshold (逃税额 ÷ 应纳税额 ≥ 10%) is decided exactly by
        // cross-multiplication, not by the 4-digit quotient: 100000 ÷ 1000001 is below 10%.
        if (is_division(in.a) || is_division(in.b)) {
          Value r = exact_ratio_compare(in);
          if (!c_.trace) return r;
          eval(in.a);
          eval(in.b);
          return r;
        }
        Value a = eval(in.a);
        Value b = eval(in.b);
        if (a.is_null() || b.is_null()) return unknown();
        bool ok;
        int c = compare_values(a, b, ok);
        return ok ? boolean(cmp_result(c, in.cmp)) : unknown();
      }
      case Op::kAnd: {
        bool any_unknown = false, any_false = false;
        for (int32_t k = 0; k < in.count; ++k) {
          Value v = eval(child(in, k));
          if (v.is_null()) any_unknown = true;
          else if (!v.as_bool()) { any_false = true; if (!c_.trace) break; }
        }
        return any_false ? boolean(false) : any_unknown ? unknown() : boolean(true);
      }
      case Op::kOr: {
        bool any_unknown = false, any_true = false;
        for (int32_t k = 0; k < in.count; ++k) {
          Value v = eval(child(in, k));
          if (v.is_null()) any_unknown = true;
          else if (v.as_bool()) { any_true = true; if (!c_.trace) break; }
        }
        return any_true ? boolean(true) : any_unknown ? unknown() : boolean(false);
      }
      case Op::kNot: {
        Value a = eval(in.a);
        return a.is_null() ? a : boolean(!a.as_bool());
      }
      case Op::kIsNull: {
        bool null = eval(in.a).is_null();
        return boolean(in.negated ? !null : null);
      }
      case Op::kInSet: {
        Value a = eval(in.a);
        if (a.is_null()) return unknown();
        bool found = false, any_unknown = false;
        for (int32_t k = 0; k < in.count && !found; ++k) {
          Value b = eval(child(in, k));
          if (b.is_null()) { any_unknown = true; continue; }
          bool ok;
          int c = compare_values(a, b, ok);
          if (!ok) any_unknown = true;
          else found = c == 0;
        }
        if (found) return boolean(!in.negated);
        if (any_unknown) return unknown();
        return boolean(in.negated);
      }
      case Op::kTextHas: {
        Value a = eval(in.a);
        if (a.is_null()) return boolean(false);
        return boolean(text_has(a.as_text(), *c_.keywords, in.index, in.mode));
      }
      case Op::kFieldHits: {
        int slot = ins(in.a).index;
        if (c_.trace) (*c_.trace)[static_cast<size_t>(in.a)] = c_.slots[slot];
        const uint64_t* bits = c_.hits->get(slot, c_.slots);
        if (!bits) return boolean(false);  // no text, no keyword (see evaluator.h)
        return boolean(in.mode == ContainsMode::kAll ? c_.keywords->set_all(in.index, bits)
                                                     : c_.keywords->set_any(in.index, bits));
      }
      case Op::kMatches: {
        Value a = eval(in.a);
        if (a.is_null()) return unknown();
        std::string_view t = a.as_text();
        return boolean(RE2::PartialMatch(re2::StringPiece(t.data(), t.size()), *(*c_.regexes)[static_cast<size_t>(in.index)]));
      }
      case Op::kCoalesce: {
        for (int32_t k = 0; k < in.count; ++k) {
          Value v = eval(child(in, k));
          if (!v.is_null()) return v;
        }
        return unknown();
      }
      case Op::kMin:
      case Op::kMax: {
        Value best;
        for (int32_t k = 0; k < in.count; ++k) {
          Value v = eval(child(in, k));
          if (v.is_null()) return unknown();
          if (k == 0) { best = v; continue; }
          bool ok;
          int c = compare_values(v, best, ok);
          if (!ok) return unknown();
          if ((in.op == Op::kMin && c < 0) || (in.op == Op::kMax && c > 0)) best = v;
        }
        return best;
      }
      case Op::kDaysBetween: {
        Value a = eval(in.a);
        Value b = eval(in.b);
        if (a.is_null() || b.is_null()) return unknown();
        return Value::integer(static_cast<int64_t>(b.as_date().days()) - a.as_date().days());
      }
      case Op::kAbs: {
        Value a = eval(in.a);
        Decimal d;
        if (a.is_null() || !to_decimal(a, d)) return unknown();
        if (!d.is_negative()) return a;
        if (a.type() == ValueType::kQuantity) return Value::quantity(Quantity{d.negate(), a.as_quantity().dimension});
        return Value::decimal(d.negate());
      }
    }
    return unknown();
  }

  const Program& p_;
  EvalContext& c_;
};

}  // namespace

Value evaluate(const Program& program, EvalContext& ctx, int32_t node) {
  Interp interp(program, ctx);
  return interp.eval(node < 0 ? program.root : node);
}

}  // namespace xianjie::expr
