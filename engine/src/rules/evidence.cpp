// Evidence extraction from traced evaluations (see evidence.h).
#include "rules/evidence.h"

#include <fmt/format.h>

#include "rules/literal.h"
#include "xianjie/fields.h"

namespace xianjie::rules {
namespace {

using expr::Instr;
using expr::Op;

// Canonical names of the record fields an instruction reads.
void fields_of(const expr::Program& p, int32_t i, std::vector<int32_t>& slots) {
  if (i < 0) return;
  const Instr& in = p.code[static_cast<size_t>(i)];
  if (in.op == Op::kSlot) {
    for (int32_t s : slots) if (p.code[static_cast<size_t>(s)].index == in.index) return;
    slots.push_back(i);
    return;
  }
  fields_of(p, in.a, slots);
  fields_of(p, in.b, slots);
  for (int32_t k = 0; k < in.count; ++k) fields_of(p, p.children[static_cast<size_t>(in.first + k)], slots);
}

std::string field_name(int32_t slot) {
  const auto& f = cases_fields();
  return slot >= 0 && static_cast<size_t>(slot) < f.size() ? std::string(f[static_cast<size_t>(slot)].name) : "";
}

}  // namespace

std::string render(const expr::Program& p, int32_t i, const Value& v, bool as_percent) {
  const Instr& in = p.code[static_cast<size_t>(i)];
  // An approximate amount from the export is quoted as such: the analyst must verify it.
  if (v.approximate() && v.type() == ValueType::kDecimal)
    return render(p, i, Value::decimal(v.as_decimal()), as_percent) + "（约数，原文为概数）";
  if (as_percent && in.unit_text.empty() && in.type.kind == expr::Type::kNumber)
    return display_value(v, in.type, "%", Unit{});
  bool from_record = in.op != Op::kConst && in.op != Op::kParam;
  Decimal d;
  if (from_record && in.type.kind == expr::Type::kMoney && v.numeric(d)) return d.to_grouped(2) + " 元";
  Unit unit{};
  if (!in.unit_text.empty()) if (auto u = find_unit(in.unit_text)) unit = *u;
  return display_value(v, in.type, in.unit_text, unit);
}

std::pair<std::string, std::string> render_operands(const expr::Program& p, int32_t cmp, const std::vector<Value>& trace) {
  const Instr& c = p.code[static_cast<size_t>(cmp)];
  bool pa = p.code[static_cast<size_t>(c.a)].unit_text == "%";
  bool pb = p.code[static_cast<size_t>(c.b)].unit_text == "%";
  return {render(p, c.a, trace[static_cast<size_t>(c.a)], pb), render(p, c.b, trace[static_cast<size_t>(c.b)], pa)};
}

std::vector<std::string> missing_fields(const expr::Program& p, const std::vector<Value>& trace) {
  std::vector<std::string> out;
  for (size_t i = 0; i < p.code.size(); ++i) {
    const Instr& in = p.code[i];
    if (in.op != Op::kSlot || !trace[i].is_null()) continue;
    bool seen = false;
    for (const auto& s : out) seen = seen || s == in.label;
    if (!seen) out.push_back(in.label);
  }
  return out;
}

void collect_evidence(const EvidenceContext& ctx, std::vector<Evidence>& out, int32_t node) {
  const expr::Program& p = *ctx.program;
  const auto& trace = *ctx.trace;
  if (node < 0) node = p.root;
  const Instr& in = p.code[static_cast<size_t>(node)];
  const Value& v = trace[static_cast<size_t>(node)];
  if (!(v.type() == ValueType::kBool && v.as_bool())) return;
  auto child = [&](int32_t k) { return p.children[static_cast<size_t>(in.first + k)]; };
  switch (in.op) {
    case Op::kAnd:
    case Op::kOr:
      for (int32_t k = 0; k < in.count; ++k) collect_evidence(ctx, out, child(k));
      return;
    case Op::kCompare: {
      // Put the record side first: "销售金额 52,000.00 元 ≥ 50,000 元".
      int32_t lhs = in.a, rhs = in.b;
      auto is_threshold = [&](int32_t i) {
        Op op = p.code[static_cast<size_t>(i)].op;
        return op == Op::kConst || op == Op::kParam;
      };
      expr::CmpOp op = in.cmp;
      if (is_threshold(lhs) && !is_threshold(rhs)) {
        std::swap(lhs, rhs);
        switch (op) {
          case expr::CmpOp::kLt: op = expr::CmpOp::kGt; break;
          case expr::CmpOp::kLe: op = expr::CmpOp::kGe; break;
          case expr::CmpOp::kGt: op = expr::CmpOp::kLt; break;
          case expr::CmpOp::kGe: op = expr::CmpOp::kLe; break;
          default: break;
        }
      }
      const Instr& L = p.code[static_cast<size_t>(lhs)];
      const Instr& R = p.code[static_cast<size_t>(rhs)];
      Evidence e;
      std::vector<int32_t> slots;
      fields_of(p, lhs, slots);
      for (int32_t s : slots) e.field += (e.field.empty() ? "" : ",") + field_name(p.code[static_cast<size_t>(s)].index);
      e.label = L.label;
      bool percent = R.unit_text == "%";
      e.value = render(p, lhs, trace[static_cast<size_t>(lhs)], percent);
      // An expression's evidence also shows the values it was computed from.
      if (L.op != Op::kSlot && !slots.empty()) {
        std::string parts;
        for (int32_t s : slots)
          parts += (parts.empty() ? "" : "，") + p.code[static_cast<size_t>(s)].label + " " +
                   render(p, s, trace[static_cast<size_t>(s)]);
        e.value += "（" + parts + "）";
      }
      e.op = std::string(expr::cmp_symbol(op));
      e.threshold = render(p, rhs, trace[static_cast<size_t>(rhs)]);
      // A threshold computed from the record (a fine floor of 货值金额 × 10) says how: its
      // expression and the values it used, as the record side does.
      std::vector<int32_t> rhs_slots;
      fields_of(p, rhs, rhs_slots);
      if (R.op != Op::kSlot && !rhs_slots.empty()) {
        std::string parts;
        for (int32_t s : rhs_slots)
          parts += (parts.empty() ? "" : "，") + p.code[static_cast<size_t>(s)].label + " " +
                   render(p, s, trace[static_cast<size_t>(s)]);
        e.threshold = R.label + " " + e.threshold + "（" + parts + "）";
      }
      if (R.op == Op::kParam) {
        e.param = ctx.param_names[static_cast<size_t>(R.index)];
        e.basis = ctx.param_basis[static_cast<size_t>(R.index)];
      }
      if (e.basis.empty()) e.basis = ctx.version_basis;
      e.message = fmt::format("{} {} {} {}({})", e.label, e.value, e.op, e.threshold, e.basis);
      out.push_back(std::move(e));
      return;
    }
    case Op::kFieldHits: {
      const Instr& slot = p.code[static_cast<size_t>(in.a)];
      Evidence e;
      e.field = field_name(slot.index);
      e.label = slot.label;
      e.op = "含";
      e.threshold = ctx.matched_keyword ? ctx.matched_keyword(slot.index, in.index) : "";
      std::string text(trace[static_cast<size_t>(in.a)].as_text());
      e.value = text.size() > 120 ? text.substr(0, 120) + "…" : text;
      e.basis = ctx.version_basis;
      e.message = fmt::format("{}含“{}”", e.label, e.threshold);
      out.push_back(std::move(e));
      return;
    }
    case Op::kInSet:
    case Op::kTextHas:
    case Op::kMatches:
    case Op::kIsNull: {
      Evidence e;
      std::vector<int32_t> slots;
      fields_of(p, in.a, slots);
      for (int32_t s : slots) e.field += (e.field.empty() ? "" : ",") + field_name(p.code[static_cast<size_t>(s)].index);
      e.label = p.code[static_cast<size_t>(in.a)].label;
      e.value = render(p, in.a, trace[static_cast<size_t>(in.a)]);
      e.op = in.op == Op::kInSet ? (in.negated ? "不属于" : "属于") : in.op == Op::kIsNull ? (in.negated ? "不为空" : "为空")
             : in.op == Op::kMatches ? "匹配" : "含";
      e.message = in.label;
      e.basis = ctx.version_basis;
      out.push_back(std::move(e));
      return;
    }
    default:
      return;  // not: a negated criterion is context, not evidence
  }
}

}  // namespace xianjie::rules
