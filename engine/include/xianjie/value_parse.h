// Parsers for the value formats that real exports contain (data-dictionary.md, "Value formats").
//
// Every parser takes the raw cell text, already decoded to UTF-8. A parser either produces a value
// or fails with a short Chinese reason in `error` (e.g. "无法识别的金额"); it never guesses and never
// turns an unparseable value into 0. Missing tokens (empty, 无, /, -, —, NULL …) are recognised by
// is_missing_token() before any parser is called and become null, which is not an error.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "xianjie/date.h"
#include "xianjie/decimal.h"
#include "xianjie/fields.h"
#include "xianjie/quantity.h"
#include "xianjie/value.h"

namespace xianjie {

// Empty (after trimming white space incl. U+3000), 无, 空, /, -, —, ——, --, NULL, null, N/A, #N/A.
bool is_missing_token(std::string_view raw);

// Amounts in yuan: 52000, 52,000.00, 52000元, ¥52,000, ￥52000, 人民币52000元, 5.2万, 5.2万元,
// 0.35亿元, 1亿2000万元, 伍万元整, 人民币叁仟元整, 壹拾贰万叁仟肆佰伍拾陆元柒角捌分, 1.2万余元 (the
// approximation marker 余/约/左右 is accepted and reported through `approximate`). `default_scale`
// multiplies a bare number (one without 元/万/亿), for columns whose header says 万元.
// A negative amount (-500, 负500) parses; callers that forbid it report it.
std::optional<Decimal> parse_amount(std::string_view raw, int64_t default_scale, std::string& error,
                                    bool* approximate = nullptr);

// Plain numbers: 12, 3.5, 1,200, 1.2万 (万 scaling allowed), full-width digits.
std::optional<Decimal> parse_number(std::string_view raw, std::string& error);
// Integers: 3, 3人, 三 (Chinese numerals up to 万), 1,200. Fractions are an error.
std::optional<int64_t> parse_integer(std::string_view raw, std::string& error);

// Dates: 2023-04-12, 2023/4/12, 2023.04.12, 2023年4月12日, 20230412, 2023-04-12 10:31:00,
// 2023-04-12T10:31:00, 2023/4/12 10:31. Impossible dates (2023-02-30) are errors.
std::optional<Date> parse_date(std::string_view raw, std::string& error);

// Booleans: 是/否, 已移送/未移送, 移送/不移送, 1/0, Y/N, y/n, yes/no, true/false, TRUE/FALSE, 对/错.
std::optional<bool> parse_bool(std::string_view raw, std::string& error);

enum class PartyType : uint8_t { kIndividual, kUnit };
// 自然人, 个人, 公民, 个体工商户, 个体户 → individual; 单位, 法人, 企业, 公司, 其他组织, 非法人组织,
// 法人或其他组织 → unit. Also the canonical English names individual / unit.
std::optional<PartyType> parse_party_type(std::string_view raw, std::string& error);
std::string_view party_type_name(PartyType t);   // "individual" / "unit"
std::string_view party_type_label(PartyType t);  // "个人" / "单位"

enum class PoliceDecision : uint8_t { kFiled, kNotFiled, kReturned, kPending };
// 立案/已立案 → filed; 不予立案/不立案 → not_filed; 退回 → returned; 待处理/审查中/未处理 → pending.
std::optional<PoliceDecision> parse_police_decision(std::string_view raw, std::string& error);
std::string_view police_decision_name(PoliceDecision d);  // "filed", "not_filed", "returned", "pending"

// A quantity: number followed by an optional unit ("600公斤", "1.2 吨", "300斤", "5亩", "2,000株",
// "3.5倍"). When the text has no unit, `unit_hint` (the quantity_unit column) supplies it; when
// both are absent the result has Dimension::kNone. An unknown unit is an error.
std::optional<Quantity> parse_quantity(std::string_view raw, std::string_view unit_hint, std::string& error);

// Parses one cell for a field of type `type` into `out` (text-like types become views into `raw`,
// trimmed; enums become their canonical static name as text). Returns false with `error` set
// when the value does not parse; `out` is then null. Missing tokens give null and return true.
bool parse_field(FieldType type, std::string_view raw, int64_t amount_scale, Value& out, std::string& error);

}  // namespace xianjie
