// One cell into one typed Value, by the field's type. This runs for every cell of every row, so
// the common shapes (plain numbers, ISO dates, short text) reach their parser without detours and
// nothing on a success path allocates: text values are views into the caller's row buffer and
// enum values are static strings.
#include <string_view>

#include "common/text.h"
#include "xianjie/value_parse.h"

namespace xianjie {

bool parse_field(FieldType type, std::string_view raw, int64_t amount_scale, Value& out, std::string& error) {
  const std::string_view s = trim(raw);
  if (is_missing_token(s)) {
    out = Value::null();
    return true;
  }
  // Each branch stores a value and returns on success; falling out of the switch is a failure.
  switch (type) {
    case FieldType::kText:
      out = Value::text(s);
      return true;
    case FieldType::kList:
      out = Value::list(s);
      return true;
    case FieldType::kAmount:
      {
        bool approximate = false;
        if (auto v = parse_amount(s, amount_scale, error, &approximate)) {
          out = Value::decimal(*v);
          if (approximate) out.mark_approximate();
          return true;
        }
      }
      break;
    case FieldType::kNumber:
      if (auto v = parse_number(s, error)) { out = Value::decimal(*v); return true; }
      break;
    case FieldType::kInteger:
      if (auto v = parse_integer(s, error)) { out = Value::integer(*v); return true; }
      break;
    case FieldType::kDate:
      if (auto v = parse_date(s, error)) { out = Value::date(*v); return true; }
      break;
    case FieldType::kBool:
      if (auto v = parse_bool(s, error)) { out = Value::boolean(*v); return true; }
      break;
    case FieldType::kPartyType:
      if (auto v = parse_party_type(s, error)) { out = Value::text(party_type_name(*v)); return true; }
      break;
    case FieldType::kPoliceDecision:
      if (auto v = parse_police_decision(s, error)) { out = Value::text(police_decision_name(*v)); return true; }
      break;
    case FieldType::kQuantity:
      // The 计量单位 column is combined later by the record builder, which calls parse_quantity itself.
      if (auto v = parse_quantity(s, std::string_view(), error)) { out = Value::quantity(*v); return true; }
      break;
  }
  out = Value::null();
  return false;
}

}  // namespace xianjie
