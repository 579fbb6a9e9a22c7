// Parameter literals in rule files: "5万元", "500公斤", "10%", "2022-05-15", 50000.
#pragma once

#include <optional>
#include <string>

#include "expr/program.h"
#include "xianjie/value.h"

namespace xianjie::rules {

struct ParsedLiteral {
  Value value;
  expr::StaticType type;
  std::string unit_text;  // as written: "万元", "公斤", "%", ""
  Unit unit{};            // for quantities
  std::string display;    // "50,000 元", "500 公斤", "10%"
};

// Parses one literal; on failure returns nullopt with a Chinese message in `error`.
std::optional<ParsedLiteral> parse_literal(const std::string& text, std::string& error);

// Renders a value of static type `type` for messages, using the literal's unit for quantities
// (a threshold written in 吨 is shown in 吨) and % for percentages.
std::string display_value(const Value& v, const expr::StaticType& type, const std::string& unit_text, const Unit& unit);

// Strict ISO date (YYYY-MM-DD) for rule files.
std::optional<Date> parse_iso_date(const std::string& text);

}  // namespace xianjie::rules
