// Fuzz body for the value parsers (value_parse.h).
//
// The whole input is one raw cell. Every parser runs on it; parse_field runs for every FieldType
// with the column scales 1, 10,000 (万元) and 100,000,000 (亿元). Besides "no crash, no UB", the
// documented contracts are checked:
//   - a failed parse says why (non-empty error) and leaves parse_field's `out` null;
//   - a missing token is null, and not an error, for every field type;
//   - text-like field values are views into the raw cell;
//   - a parsed value round-trips through its canonical text: the plain (and the grouped) text of an
//     amount parses to the same Decimal, an ISO date to the same date, an integer's decimal text to
//     the same integer, a quantity written in its base unit to the same quantity, and an enum's
//     canonical name to the same enum;
//   - an amount with its own 元/圆 is not multiplied by the column scale.
#include <optional>
#include <string>
#include <string_view>

#include "fuzz_targets.h"
#include "xianjie/fields.h"
#include "xianjie/value.h"
#include "xianjie/value_parse.h"

namespace xianjie::fuzz {
namespace {

constexpr int64_t kScales[] = {1, 10000, 100000000};

constexpr FieldType kFieldTypes[] = {
    FieldType::kText, FieldType::kAmount,    FieldType::kNumber,         FieldType::kInteger, FieldType::kDate,
    FieldType::kBool, FieldType::kPartyType, FieldType::kPoliceDecision, FieldType::kList,    FieldType::kQuantity,
};

template <typename T>
void check_failure_explained(const std::optional<T>& result, const std::string& error, const char* what) {
  if (!result) check(!error.empty(), what);
}

void amounts(std::string_view raw) {
  std::optional<Decimal> by_scale[3];
  for (int i = 0; i < 3; ++i) {
    std::string error;
    bool approximate = false;
    by_scale[i] = parse_amount(raw, kScales[i], error, &approximate);
    check_failure_explained(by_scale[i], error, "parse_amount failed without a reason");
    if (!by_scale[i]) continue;
    const Decimal d = *by_scale[i];
    std::string e2;
    const std::string plain = d.to_string();
    auto again = parse_amount(plain, 1, e2);
    check(again && *again == d, "parse_amount(to_string()) differs from the amount", plain);
    check(Decimal::parse(plain) == std::optional<Decimal>(d), "Decimal::parse(to_string()) differs", plain);
    const std::string grouped = d.to_grouped(2);
    again = parse_amount(grouped, 1, e2);
    check(again && *again == d, "parse_amount(to_grouped(2)) differs from the amount", grouped);
  }
  // 元 gives the number its own magnitude: the column's scale must not apply.
  const bool own_yuan = raw.find("元") != std::string_view::npos || raw.find("圆") != std::string_view::npos;
  if (own_yuan && by_scale[0]) {
    check(by_scale[1] == by_scale[0] && by_scale[2] == by_scale[0], "an amount in 元 was scaled by the column",
          raw);
  }
}

void numbers(std::string_view raw) {
  std::string error;
  auto n = parse_number(raw, error);
  check_failure_explained(n, error, "parse_number failed without a reason");
  if (n) {
    std::string e2;
    const std::string plain = n->to_string();
    auto again = parse_number(plain, e2);
    check(again && *again == *n, "parse_number(to_string()) differs from the number", plain);
  }
  error.clear();
  auto i = parse_integer(raw, error);
  check_failure_explained(i, error, "parse_integer failed without a reason");
  if (i) {
    std::string e2;
    const std::string plain = std::to_string(*i);
    auto again = parse_integer(plain, e2);
    check(again && *again == *i, "parse_integer(decimal text) differs from the integer", plain);
  }
}

void dates_and_enums(std::string_view raw) {
  std::string error;
  auto d = parse_date(raw, error);
  check_failure_explained(d, error, "parse_date failed without a reason");
  if (d) {
    std::string e2;
    const std::string iso = d->to_string();
    auto again = parse_date(iso, e2);
    check(again && *again == *d, "parse_date(to_string()) differs from the date", iso);
  }

  error.clear();
  auto b = parse_bool(raw, error);
  check_failure_explained(b, error, "parse_bool failed without a reason");
  if (b) {
    std::string e2;
    auto again = parse_bool(*b ? "true" : "false", e2);
    check(again == b, "parse_bool(true/false) differs");
  }

  error.clear();
  auto p = parse_party_type(raw, error);
  check_failure_explained(p, error, "parse_party_type failed without a reason");
  if (p) {
    std::string e2;
    check(parse_party_type(party_type_name(*p), e2) == p, "parse_party_type(name) differs");
    check(parse_party_type(party_type_label(*p), e2) == p, "parse_party_type(label) differs");
  }

  error.clear();
  auto pd = parse_police_decision(raw, error);
  check_failure_explained(pd, error, "parse_police_decision failed without a reason");
  if (pd) {
    std::string e2;
    check(parse_police_decision(police_decision_name(*pd), e2) == pd, "parse_police_decision(name) differs");
  }

  (void)is_missing_token(raw);
}

void quantities(std::string_view raw) {
  for (std::string_view hint : {std::string_view(), std::string_view("公斤"), std::string_view("亩"),
                                std::string_view("支"), std::string_view(raw)}) {
    std::string error;
    auto q = parse_quantity(raw, hint, error);
    check_failure_explained(q, error, "parse_quantity failed without a reason");
    if (!q) continue;
    std::string e2;
    const std::string text = q->amount.to_string() + std::string(base_unit_name(q->dimension));
    auto again = parse_quantity(text, std::string_view(), e2);
    check(again && again->amount == q->amount && again->dimension == q->dimension,
          "parse_quantity(amount + base unit) differs from the quantity", text);
  }
}

void fields(std::string_view raw) {
  const bool missing = is_missing_token(raw);
  for (FieldType type : kFieldTypes) {
    for (int64_t scale : kScales) {
      Value out = Value::integer(42);  // not null: parse_field must overwrite it either way
      std::string error;
      const bool ok = parse_field(type, raw, scale, out, error);
      if (!ok) {
        check(out.is_null(), "parse_field failed but left a value");
        check(!error.empty(), "parse_field failed without a reason");
      }
      if (missing) check(ok && out.is_null(), "a missing token is not null without error", raw);
      if (ok && (out.type() == ValueType::kText || out.type() == ValueType::kList) &&
          (type == FieldType::kText || type == FieldType::kList)) {
        std::string_view v = out.as_text();
        check(v.empty() || (v.data() >= raw.data() && v.data() + v.size() <= raw.data() + raw.size()),
              "a text field value is not a view into the raw cell");
      }
      if (ok && !out.is_null()) (void)out.display();
    }
  }
}

}  // namespace

void fuzz_values_one(const uint8_t* data, size_t size) {
  // A real cell is short; long inputs only slow the fuzzer down without reaching new code.
  if (size > 4096) return;
  // A view of the input itself: libFuzzer's buffer is exactly `size` bytes, so ASan sees any read
  // past the cell's end (a std::string copy could hide one in its small-string buffer).
  const std::string_view raw(reinterpret_cast<const char*>(data), size);
  amounts(raw);
  numbers(raw);
  dates_and_enums(raw);
  quantities(raw);
  fields(raw);
}

}  // namespace xianjie::fuzz
