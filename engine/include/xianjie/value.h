// Typed values of record fields and of condition expressions.
//
// A Value is 24 bytes and trivially copyable: numbers live in one 64-bit payload and text is a view
// into storage owned by whoever produced the record (a reader's row buffer, a rule example, …).
// Values are therefore valid only while their record is; anything kept longer must copy its text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "xianjie/date.h"
#include "xianjie/decimal.h"
#include "xianjie/quantity.h"

namespace xianjie {

enum class ValueType : uint8_t {
  kNull,      // missing: empty, 无, /, -, —, NULL, or a value that failed to parse
  kBool,
  kInt,
  kDecimal,   // money in yuan, and plain numbers
  kQuantity,  // Decimal in the base unit of a Dimension
  kText,
  kDate,
  kList,      // text holding items separated by ; ； 、 , ， (penalty_kinds); split on use
};

std::string_view value_type_name(ValueType t);  // "金额/数值", "日期" … for messages

class Value {
 public:
  constexpr Value() = default;
  static Value null() { return Value(); }
  static Value boolean(bool b) { Value v; v.type_ = ValueType::kBool; v.num_ = b ? 1 : 0; return v; }
  static Value integer(int64_t i) { Value v; v.type_ = ValueType::kInt; v.num_ = i; return v; }
  static Value decimal(Decimal d) { Value v; v.type_ = ValueType::kDecimal; v.num_ = d.units(); return v; }
  static Value quantity(Quantity q) {
    Value v; v.type_ = ValueType::kQuantity; v.num_ = q.amount.units(); v.dim_ = q.dimension; return v;
  }
  static Value text(std::string_view s) { Value v; v.type_ = ValueType::kText; v.text_ = s; return v; }
  static Value list(std::string_view s) { Value v; v.type_ = ValueType::kList; v.text_ = s; return v; }
  static Value date(Date d) { Value v; v.type_ = ValueType::kDate; v.num_ = d.days(); return v; }

  // An amount written as approximate in the export (1.2万余元, 约5万元, 5万元左右): compared as the
  // number it states, and shown as approximate wherever it is quoted as evidence.
  Value& mark_approximate() { approx_ = true; return *this; }
  bool approximate() const { return approx_; }

  ValueType type() const { return type_; }
  bool is_null() const { return type_ == ValueType::kNull; }

  bool as_bool() const { return num_ != 0; }
  int64_t as_int() const { return num_; }
  Decimal as_decimal() const { return Decimal::from_units(num_); }
  Quantity as_quantity() const { return Quantity{Decimal::from_units(num_), dim_}; }
  Date as_date() const { return Date::from_days(static_cast<int32_t>(num_)); }
  std::string_view as_text() const { return text_; }

  // The value as an exact number when it is numeric (int, decimal; quantity gives its base amount).
  bool numeric(Decimal& out) const;

  // Human-readable rendering for evidence and reports: amounts grouped ("52,000.00"), dates ISO,
  // quantities with their base unit ("600 公斤"), booleans 是/否, null as "(空)".
  std::string display() const;

 private:
  int64_t num_ = 0;
  std::string_view text_;
  ValueType type_ = ValueType::kNull;
  Dimension dim_ = Dimension::kNone;
  bool approx_ = false;
};

}  // namespace xianjie
