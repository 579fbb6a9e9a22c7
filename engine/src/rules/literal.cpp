// Parameter literals: the condition lexer reads them, so a threshold is written the same way in
// `params:` as in a condition.
#include "rules/literal.h"

#include <fmt/format.h>

#include "expr/lexer.h"

namespace xianjie::rules {

std::optional<Date> parse_iso_date(const std::string& t) {
  int y, m, d;
  char extra;
  if (std::sscanf(t.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &extra) != 3) return std::nullopt;
  return Date::from_ymd(y, m, d);
}

std::string display_value(const Value& v, const expr::StaticType& type, const std::string& unit_text, const Unit& unit) {
  if (v.is_null()) return "(空)";
  Decimal d;
  if (type.kind == expr::Type::kMoney && v.numeric(d)) return d.to_grouped(d.is_integral() ? 0 : 2) + " 元";
  if (unit_text == "%" && v.numeric(d)) {
    auto pct = d.mul(*Decimal::from_int(100));
    return (pct ? pct->to_grouped(pct->is_integral() ? 0 : 2) : d.to_string()) + "%";
  }
  if (type.kind == expr::Type::kQuantity && v.type() == ValueType::kQuantity && !unit.name.empty() &&
      v.as_quantity().dimension == unit.dimension) {
    auto shown = v.as_decimal().div(unit.to_base);
    if (shown) return fmt::format("{} {}", shown->to_grouped(0), unit.name);
  }
  return v.display();
}

std::optional<ParsedLiteral> parse_literal(const std::string& text, std::string& error) {
  auto toks = expr::tokenize(text);
  bool negative = false;
  size_t k = 0;
  if (toks[k].kind == expr::TokenKind::kMinus) { negative = true; ++k; }
  const auto& t = toks[k];
  if (t.kind == expr::TokenKind::kError) { error = t.text; return std::nullopt; }
  if (toks.size() != k + 2 || toks[k + 1].kind != expr::TokenKind::kEnd) {
    error = fmt::format("'{}' 不是单个数值；门槛写成如 5万元、500公斤、10%、2022-05-15", text);
    return std::nullopt;
  }
  ParsedLiteral out;
  if (t.kind == expr::TokenKind::kDate) {
    if (negative) { error = "日期不能为负"; return std::nullopt; }
    out.value = Value::date(t.date);
    out.type = {expr::Type::kDate};
    out.display = t.date.to_string();
    return out;
  }
  if (t.kind != expr::TokenKind::kNumber) {
    error = fmt::format("'{}' 不是数值；门槛写成如 5万元、500公斤、10%", text);
    return std::nullopt;
  }
  const auto& lit = t.literal;
  Decimal n = negative ? lit.number.negate() : lit.number;
  out.unit_text = lit.unit_text;
  switch (lit.unit) {
    case expr::LiteralUnit::kYuan: out.type = {expr::Type::kMoney}; out.value = Value::decimal(n); break;
    case expr::LiteralUnit::kPercent:
    case expr::LiteralUnit::kNone: out.type = {expr::Type::kNumber}; out.value = Value::decimal(n); break;
    case expr::LiteralUnit::kQuantity:
      out.type = {expr::Type::kQuantity, lit.quantity_unit.dimension};
      out.unit = lit.quantity_unit;
      out.value = Value::quantity(Quantity{n, lit.quantity_unit.dimension});
      break;
  }
  out.display = display_value(out.value, out.type, out.unit_text, out.unit);
  return out;
}

}  // namespace xianjie::rules
