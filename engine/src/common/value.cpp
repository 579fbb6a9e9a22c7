// Rendering and numeric access for Value.
#include "xianjie/value.h"

#include <fmt/format.h>

namespace xianjie {

std::string_view value_type_name(ValueType t) {
  switch (t) {
    case ValueType::kNull: return "空值";
    case ValueType::kBool: return "是否";
    case ValueType::kInt: return "整数";
    case ValueType::kDecimal: return "金额/数值";
    case ValueType::kQuantity: return "数量";
    case ValueType::kText: return "文本";
    case ValueType::kDate: return "日期";
    case ValueType::kList: return "列表";
  }
  return "?";
}

bool Value::numeric(Decimal& out) const {
  switch (type_) {
    case ValueType::kInt: {
      auto d = Decimal::from_int(num_);
      if (!d) return false;
      out = *d;
      return true;
    }
    case ValueType::kDecimal:
    case ValueType::kQuantity: out = Decimal::from_units(num_); return true;
    default: return false;
  }
}

std::string Value::display() const {
  switch (type_) {
    case ValueType::kNull: return "(空)";
    case ValueType::kBool: return num_ ? "是" : "否";
    case ValueType::kInt: return std::to_string(num_);
    case ValueType::kDecimal: return as_decimal().to_grouped(as_decimal().is_integral() ? 0 : 2);
    case ValueType::kQuantity: {
      Decimal d = as_decimal();
      return fmt::format("{} {}", d.to_grouped(0), base_unit_name(dim_));
    }
    case ValueType::kText:
    case ValueType::kList: return std::string(text_);
    case ValueType::kDate: return as_date().to_string();
  }
  return "";
}

}  // namespace xianjie
