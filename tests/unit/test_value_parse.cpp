// Value parsers against the formats of data-dictionary.md and value_parse.h, and the ways real
// cells go wrong. A failing parse must say why and must never produce 0.
#include <catch2/catch.hpp>

#include <string>

#include "xianjie/value_parse.h"

using namespace xianjie;

namespace {

Decimal dec(const char* s) { return *Decimal::parse(s); }

// The amount as a plain decimal string, or "error: <message>".
std::string amount(std::string_view raw, int64_t scale = 1, bool* approx = nullptr) {
  std::string err;
  auto v = parse_amount(raw, scale, err, approx);
  return v ? v->to_string() : "error: " + err;
}

std::string number(std::string_view raw) {
  std::string err;
  auto v = parse_number(raw, err);
  return v ? v->to_string() : "error: " + err;
}

std::string integer(std::string_view raw) {
  std::string err;
  auto v = parse_integer(raw, err);
  return v ? std::to_string(*v) : "error: " + err;
}

std::string date(std::string_view raw) {
  std::string err;
  auto v = parse_date(raw, err);
  return v ? v->to_string() : "error: " + err;
}

// "600 kg-dimension" style: base amount and dimension, or the error.
std::string quantity(std::string_view raw, std::string_view hint = {}) {
  std::string err;
  auto q = parse_quantity(raw, hint, err);
  if (!q) return "error: " + err;
  return q->amount.to_string() + " " + std::string(q->dimension == Dimension::kNone ? "-" : base_unit_name(q->dimension));
}

bool is_error(const std::string& s) { return s.rfind("error: ", 0) == 0; }

}  // namespace

TEST_CASE("missing tokens", "[parse]") {
  for (const char* t : {"", "   ", "\xE3\x80\x80", " \xE3\x80\x80无\xE3\x80\x80 ", "无", "空", "/", "／", "-", "—", "——", "--",
                        "－", "NULL", "null", "Null", "N/A", "n/a", "#N/A", "＃Ｎ／Ａ"}) {
    INFO(t);
    REQUIRE(is_missing_token(t));
  }
  for (const char* t : {"0", "52000", "无效", "空白", "NA", "--5", "-5", "a", "//", "nil", "2023-04-12"}) {
    INFO(t);
    REQUIRE_FALSE(is_missing_token(t));
  }
}

TEST_CASE("amounts in Arabic digits", "[parse]") {
  REQUIRE(amount("52000") == "52000");
  REQUIRE(amount("52000.00") == "52000");
  REQUIRE(amount("52,000.00") == "52000");
  REQUIRE(amount("1,234,567.89") == "1234567.89");
  REQUIRE(amount("52000元") == "52000");
  REQUIRE(amount("52000 元") == "52000");
  REQUIRE(amount("¥52,000") == "52000");
  REQUIRE(amount("￥52000") == "52000");
  REQUIRE(amount("¥ 52,000.50") == "52000.5");
  REQUIRE(amount("人民币52000元") == "52000");
  REQUIRE(amount("RMB 52000") == "52000");
  REQUIRE(amount("52000元人民币") == "52000");
  REQUIRE(amount("  52000\xE3\x80\x80") == "52000");
  REQUIRE(amount("５２０００") == "52000");
  REQUIRE(amount("５２，０００．５０元") == "52000.5");
  REQUIRE(amount("0.01") == "0.01");
  REQUIRE(amount(".5") == "0.5");
  REQUIRE(amount("1.23456") == "1.2346");  // rounded to four places like Decimal::parse
  REQUIRE(amount("0") == "0");
}

TEST_CASE("amounts with 万 and 亿", "[parse]") {
  REQUIRE(amount("5.2万") == "52000");
  REQUIRE(amount("5.2万元") == "52000");
  REQUIRE(amount("0.35亿元") == "35000000");
  REQUIRE(amount("1亿2000万元") == "120000000");
  REQUIRE(amount("1亿2000万5000元") == "120005000");
  REQUIRE(amount("3万5千元") == "35000");
  REQUIRE(amount("5千元") == "5000");
  REQUIRE(amount("2.5百万元") == "2500000");
  REQUIRE(amount("1万2000元") == "12000");
  REQUIRE(amount("1万零500元") == "10500");
  REQUIRE(amount("1萬元") == "10000");
  REQUIRE(amount("5 万元") == "50000");
  REQUIRE(amount("人民币：5000元") == "5000");
  REQUIRE(amount("1万亿元") == "1000000000000");
}

TEST_CASE("amounts in Chinese numerals", "[parse]") {
  REQUIRE(amount("伍万元整") == "50000");
  REQUIRE(amount("人民币叁仟元整") == "3000");
  REQUIRE(amount("壹拾贰万叁仟肆佰伍拾陆元柒角捌分") == "123456.78");
  REQUIRE(amount("壹佰元零伍分") == "100.05");
  REQUIRE(amount("贰元伍角整") == "2.5");
  REQUIRE(amount("伍角") == "0.5");
  REQUIRE(amount("5元5角") == "5.5");
  REQUIRE(amount("五万元") == "50000");
  REQUIRE(amount("三千元") == "3000");
  REQUIRE(amount("一万二千元") == "12000");
  REQUIRE(amount("两万元") == "20000");
  REQUIRE(amount("十万元") == "100000");
  REQUIRE(amount("一百零八元") == "108");
  REQUIRE(amount("一千零五十元") == "1050");
  REQUIRE(amount("一万二") == "12000");  // colloquial: the lone digit counts in the next lower place
  REQUIRE(amount("三千五百元") == "3500");
  REQUIRE(amount("三千五") == "3500");
  REQUIRE(amount("一亿二千万元") == "120000000");
  REQUIRE(amount("壹亿零伍佰万元") == "105000000");
  REQUIRE(amount("贰拾萬圆整") == "200000");
  REQUIRE(amount("零元") == "0");
}

TEST_CASE("approximate amounts", "[parse]") {
  bool approx = false;
  REQUIRE(amount("1.2万余元", 1, &approx) == "12000");
  REQUIRE(approx);
  REQUIRE(amount("约5万元", 1, &approx) == "50000");
  REQUIRE(approx);
  REQUIRE(amount("5万元左右", 1, &approx) == "50000");
  REQUIRE(approx);
  REQUIRE(amount("大约5000元", 1, &approx) == "5000");
  REQUIRE(approx);
  REQUIRE(amount("二十余万元", 1, &approx) == "200000");
  REQUIRE(approx);
  REQUIRE(amount("5000多元", 1, &approx) == "5000");
  REQUIRE(approx);
  REQUIRE(amount("人民币约3万元", 1, &approx) == "30000");
  REQUIRE(approx);
  REQUIRE(amount("52000", 1, &approx) == "52000");
  REQUIRE_FALSE(approx);
  REQUIRE(amount("5万元", 1, &approx) == "50000");
  REQUIRE_FALSE(approx);
}

TEST_CASE("default scale applies only to numbers without their own unit", "[parse]") {
  REQUIRE(amount("5.2", 10000) == "52000");
  REQUIRE(amount("5.2万元", 10000) == "52000");
  REQUIRE(amount("5.2万", 10000) == "52000");
  REQUIRE(amount("52000元", 10000) == "52000");
  REQUIRE(amount("¥5.20", 10000) == "52000");  // ¥ comes from cell formatting, not a unit
  REQUIRE(amount("0.35", 100000000) == "35000000");
  REQUIRE(amount("0.35亿元", 100000000) == "35000000");
  REQUIRE(amount("伍万元整", 10000) == "50000");
  REQUIRE(amount("五十", 10000) == "500000");
}

TEST_CASE("negative amounts parse", "[parse]") {
  REQUIRE(amount("-500") == "-500");
  REQUIRE(amount("负500元") == "-500");
  REQUIRE(amount("-5万") == "-50000");
  REQUIRE(amount("－５００") == "-500");
  REQUIRE(amount("-0.5", 10000) == "-5000");
}

TEST_CASE("amounts that must not parse", "[parse]") {
  REQUIRE(amount("abc") == "error: 无法识别的金额: \"abc\"");
  REQUIRE(amount("5-6万") == "error: 金额为区间: \"5-6万\"");
  REQUIRE(amount("5万-6万元") == "error: 金额为区间: \"5万-6万元\"");
  REQUIRE(amount("5万至6万元") == "error: 金额为区间: \"5万至6万元\"");
  REQUIRE(amount("5～6万") == "error: 金额为区间: \"5～6万\"");
  REQUIRE(amount("5万元—6万元") == "error: 金额为区间: \"5万元—6万元\"");
  REQUIRE(amount("5.2E+04") == "error: 疑似科学计数法，金额可能已被舍入: \"5.2E+04\"");
  REQUIRE(amount("99999999999999999999") == "error: 金额超出范围: \"99999999999999999999\"");
  REQUIRE(amount("99999999999999", 100000000) == "error: 金额超出范围: \"99999999999999\"");
  REQUIRE(amount("9999亿亿") .rfind("error: ", 0) == 0);
  for (const char* bad : {"5.2.3", "万", "万元", "元", "1,2,3,4", "12,34", "1,2345", "52,000,", "5万元/吨", "一二三",
                          "五零", "三百二千", "万万", "1万2", "1万200", "1万20000", "千元", "5元整整", "-", "约",
                          "5 5", "5万元以上", "52000元 罚款", "1.2.", "十十", "52000.", "5.万",
                          // not how anyone writes a number: mixed scripts, stray 零, 两 last, 0 × unit
                          "二百51", "2万0十五", "零五", "零一万元", "一千零零五", "一百零", "十两元", "二百两",
                          "0千", "0万元", "二亿零两", "五余万元", "¥¥5", "约约5万"}) {
    INFO(bad);
    std::string r = amount(bad);
    REQUIRE(is_error(r));
  }
  // A failed parse never yields a number.
  std::string err;
  REQUIRE_FALSE(parse_amount("abc", 1, err));
  REQUIRE_FALSE(err.empty());
}

TEST_CASE("plain numbers", "[parse]") {
  REQUIRE(number("12") == "12");
  REQUIRE(number("3.5") == "3.5");
  REQUIRE(number("1,200") == "1200");
  REQUIRE(number("1.2万") == "12000");
  REQUIRE(number("１２．５") == "12.5");
  REQUIRE(number("-3") == "-3");
  REQUIRE(number("3.5倍") == "3.5");
  REQUIRE(number("十二") == "12");
  REQUIRE(number("abc") == "error: 无法识别的数值: \"abc\"");
  REQUIRE(number("3-5") == "error: 数值为区间: \"3-5\"");
  REQUIRE(number("3余") == "error: 数值为约数: \"3余\"");
  REQUIRE(number("3元") == "error: 无法识别的数值: \"3元\"");
  REQUIRE(is_error(number("1e5")));
}

TEST_CASE("integers", "[parse]") {
  REQUIRE(integer("3") == "3");
  REQUIRE(integer("3人") == "3");
  REQUIRE(integer("3 人") == "3");
  REQUIRE(integer("12份") == "12");
  REQUIRE(integer("1,200") == "1200");
  REQUIRE(integer("三") == "3");
  REQUIRE(integer("十二") == "12");
  REQUIRE(integer("二十") == "20");
  REQUIRE(integer("两人") == "2");
  REQUIRE(integer("一万") == "10000");
  REQUIRE(integer("1.2万") == "12000");
  REQUIRE(integer("3.0") == "3");  // spreadsheets print whole floats this way
  REQUIRE(integer("０３") == "3");
  REQUIRE(integer("3.5") == "error: 不是整数: \"3.5\"");
  REQUIRE(integer("3公斤") == "error: 无法识别的整数: \"3公斤\"");
  REQUIRE(integer("3余人") == "error: 整数为约数: \"3余人\"");
  REQUIRE(is_error(integer("abc")));
  REQUIRE(is_error(integer("99999999999999999999")));
  REQUIRE(is_error(integer("3人2")));
}

TEST_CASE("dates in every export format", "[parse]") {
  for (const char* d : {"2023-04-12", "2023/4/12", "2023/04/12", "2023.04.12", "2023-4-12", "2023年4月12日",
                        "2023年04月12号", "2023年4月12", "20230412", "2023-04-12 10:31:00", "2023-04-12T10:31:00",
                        "2023/4/12 10:31", "2023/4/12 0:00:00", "2023-04-12 10:31:00.000", "２０２３－０４－１２",
                        " 2023-04-12 ", "二〇二三年四月十二日", "二○二三年四月十二日", "2023年4月12日 10:31",
                        "2023年4月12日10时31分", "2023年四月十二日"}) {
    INFO(d);
    REQUIRE(date(d) == "2023-04-12");
  }
  REQUIRE(date("2024-02-29") == "2024-02-29");
  REQUIRE(date("二〇二三年十二月三十一日") == "2023-12-31");
}

TEST_CASE("dates that must not parse", "[parse]") {
  REQUIRE(date("2023-02-30") == "error: 不存在的日期: \"2023-02-30\"");
  REQUIRE(date("2023-13-01") == "error: 不存在的日期: \"2023-13-01\"");
  REQUIRE(date("20230230") == "error: 不存在的日期: \"20230230\"");
  REQUIRE(date("45028") == "error: 疑似 Excel 日期序号: \"45028\"");
  REQUIRE(date("45028.4375") == "error: 疑似 Excel 日期序号: \"45028.4375\"");
  REQUIRE(date("2023") == "error: 日期不完整: \"2023\"");
  REQUIRE(date("2023年4月") == "error: 日期不完整: \"2023年4月\"");
  for (const char* bad : {"abc", "2023-04/12", "2023-04-12 25:00", "2023-04-12 10:61", "2023-04-12x", "23-04-12",
                          "2023-004-12", "12/04/2023", "2023-04-12 10", "202304", "2023年4月1210日", "2023-04-12T",
                          "昨天"}) {
    INFO(bad);
    REQUIRE(is_error(date(bad)));
  }
}

TEST_CASE("booleans", "[parse]") {
  std::string err;
  for (const char* t : {"是", "1", "Y", "y", "yes", "YES", "true", "TRUE", "对", "√", "已移送", "移送", "已移交",
                        "已移送公安机关", "移送公安", "Ｙ"}) {
    INFO(t);
    REQUIRE(parse_bool(t, err) == true);
  }
  for (const char* t : {"否", "0", "N", "n", "no", "false", "FALSE", "错", "×", "未移送", "不移送", "不予移送",
                        "未移送公安机关", "尚未移送"}) {
    INFO(t);
    REQUIRE(parse_bool(t, err) == false);
  }
  for (const char* t : {"", "可能", "2", "移送中", "已移送检察院", "yes!", "是否"}) {
    INFO(t);
    REQUIRE_FALSE(parse_bool(t, err));
  }
  REQUIRE(err == "无法识别的是否值: \"是否\"");
}

TEST_CASE("party types", "[parse]") {
  std::string err;
  for (const char* t : {"自然人", "个人", "公民", "个体工商户", "个体户", "individual", " 个人 "})
    REQUIRE(parse_party_type(t, err) == PartyType::kIndividual);
  for (const char* t : {"单位", "法人", "企业", "公司", "其他组织", "非法人组织", "法人或其他组织", "unit", "Unit",
                        "事业单位"})
    REQUIRE(parse_party_type(t, err) == PartyType::kUnit);
  REQUIRE_FALSE(parse_party_type("个人独资企业", err));
  REQUIRE_FALSE(parse_party_type("外星人", err));
  REQUIRE(err == "无法识别的当事人类型: \"外星人\"");
  REQUIRE(party_type_name(PartyType::kIndividual) == "individual");
  REQUIRE(party_type_name(PartyType::kUnit) == "unit");
  REQUIRE(party_type_label(PartyType::kIndividual) == "个人");
  REQUIRE(party_type_label(PartyType::kUnit) == "单位");
}

TEST_CASE("police decisions", "[parse]") {
  std::string err;
  REQUIRE(parse_police_decision("立案", err) == PoliceDecision::kFiled);
  REQUIRE(parse_police_decision("已立案", err) == PoliceDecision::kFiled);
  REQUIRE(parse_police_decision("是", err) == PoliceDecision::kFiled);
  REQUIRE(parse_police_decision("不予立案", err) == PoliceDecision::kNotFiled);
  REQUIRE(parse_police_decision("不立案", err) == PoliceDecision::kNotFiled);
  REQUIRE(parse_police_decision("退回", err) == PoliceDecision::kReturned);
  REQUIRE(parse_police_decision("待处理", err) == PoliceDecision::kPending);
  REQUIRE(parse_police_decision("审查中", err) == PoliceDecision::kPending);
  REQUIRE(parse_police_decision("未处理", err) == PoliceDecision::kPending);
  REQUIRE(parse_police_decision("未立案", err) == PoliceDecision::kPending);
  REQUIRE(parse_police_decision("not_filed", err) == PoliceDecision::kNotFiled);
  REQUIRE_FALSE(parse_police_decision("不予受理", err));
  REQUIRE_FALSE(parse_police_decision("立", err));
  REQUIRE(err == "无法识别的立案情况: \"立\"");
  REQUIRE(police_decision_name(PoliceDecision::kNotFiled) == "not_filed");
  REQUIRE(police_decision_name(PoliceDecision::kPending) == "pending");
}

TEST_CASE("quantities convert to the base unit", "[parse]") {
  REQUIRE(quantity("600公斤") == "600 公斤");
  REQUIRE(quantity("600千克") == "600 公斤");
  REQUIRE(quantity("600kg") == "600 公斤");
  REQUIRE(quantity("600 KG") == "600 公斤");
  REQUIRE(quantity("６００ｋｇ") == "600 公斤");
  REQUIRE(quantity("1.2 吨") == "1200 公斤");
  REQUIRE(quantity("1.2t") == "1200 公斤");
  REQUIRE(quantity("300斤") == "150 公斤");
  REQUIRE(quantity("5亩") == "3333.35 平方米");
  REQUIRE(quantity("1公顷") == "10000.05 平方米");
  REQUIRE(quantity("200平方米") == "200 平方米");
  REQUIRE(quantity("200㎡") == "200 平方米");
  REQUIRE(quantity("30立方米") == "30 立方米");
  REQUIRE(quantity("30m³") == "30 立方米");
  REQUIRE(quantity("30方") == "30 立方米");
  REQUIRE(quantity("2,000株") == "2000 株");
  REQUIRE(quantity("1.2万株") == "12000 株");
  REQUIRE(quantity("十二棵") == "12 株");
  REQUIRE(quantity("3.5倍") == "3.5 倍");
  REQUIRE(quantity("3个月") == "3 个月");
  REQUIRE(quantity("5只") == "5 只");
  REQUIRE(quantity("20条") == "20 条");
  REQUIRE(quantity("0.5千克") == "0.5 公斤");  // 千克, not 0.5千 of 克
  REQUIRE(quantity("一千克") == "1 公斤");
  REQUIRE(quantity("5千斤") == "2500 公斤");
  REQUIRE(quantity("600g") == "0.6 公斤");
}

TEST_CASE("quantities take the unit column when the cell has none", "[parse]") {
  REQUIRE(quantity("600", "公斤") == "600 公斤");
  REQUIRE(quantity("600", " 斤 ") == "300 公斤");
  REQUIRE(quantity("1.5", "吨") == "1500 公斤");
  REQUIRE(quantity("600", "") == "600 -");
  REQUIRE(quantity("600", "无") == "600 -");
  REQUIRE(quantity("600") == "600 -");
  REQUIRE(quantity("600公斤", "吨") == "600 公斤");  // the unit next to the number wins
  REQUIRE(quantity("600", "箱") == "error: 未知的计量单位: \"箱\"");
}

TEST_CASE("quantities that must not parse", "[parse]") {
  REQUIRE(quantity("600箱") == "error: 未知的计量单位: \"箱\"");
  REQUIRE(quantity("5-6吨") == "error: 数量为区间: \"5-6吨\"");
  REQUIRE(quantity("600余公斤") == "error: 数量为约数: \"600余公斤\"");
  REQUIRE(quantity("约600公斤") == "error: 数量为约数: \"约600公斤\"");
  REQUIRE(is_error(quantity("公斤")));
  REQUIRE(is_error(quantity("abc")));
  REQUIRE(is_error(quantity("5.2.3吨")));
  REQUIRE(is_error(quantity("99999999999999吨")));
}

TEST_CASE("parse_field dispatches by type", "[parse]") {
  Value v;
  std::string err;
  REQUIRE(parse_field(FieldType::kAmount, "52,000.00", 1, v, err));
  REQUIRE(v.type() == ValueType::kDecimal);
  REQUIRE(v.as_decimal() == dec("52000"));
  REQUIRE(parse_field(FieldType::kAmount, "5.2", 10000, v, err));
  REQUIRE(v.as_decimal() == dec("52000"));
  REQUIRE(parse_field(FieldType::kAmount, "—", 1, v, err));
  REQUIRE(v.is_null());
  REQUIRE(parse_field(FieldType::kAmount, "-", 1, v, err));
  REQUIRE(v.is_null());

  v = Value::integer(1);
  REQUIRE_FALSE(parse_field(FieldType::kAmount, "abc", 1, v, err));
  REQUIRE(v.is_null());
  REQUIRE(err == "无法识别的金额: \"abc\"");

  std::string cell = "  某公司销售不符合食品安全标准的食品案\xE3\x80\x80";
  REQUIRE(parse_field(FieldType::kText, cell, 1, v, err));
  REQUIRE(v.as_text() == "某公司销售不符合食品安全标准的食品案");
  REQUIRE(v.as_text().data() >= cell.data());  // a view into the cell, not a copy
  REQUIRE(v.as_text().data() < cell.data() + cell.size());

  REQUIRE(parse_field(FieldType::kList, " 警告;罚款 ", 1, v, err));
  REQUIRE(v.type() == ValueType::kList);
  REQUIRE(v.as_text() == "警告;罚款");

  REQUIRE(parse_field(FieldType::kNumber, "3.5", 1, v, err));
  REQUIRE(v.as_decimal() == dec("3.5"));
  REQUIRE(parse_field(FieldType::kInteger, "3人", 1, v, err));
  REQUIRE(v.type() == ValueType::kInt);
  REQUIRE(v.as_int() == 3);
  REQUIRE(parse_field(FieldType::kDate, "2023年4月12日", 1, v, err));
  REQUIRE(v.as_date().to_string() == "2023-04-12");
  REQUIRE(parse_field(FieldType::kBool, "已移送", 1, v, err));
  REQUIRE(v.type() == ValueType::kBool);
  REQUIRE(v.as_bool());
  REQUIRE(parse_field(FieldType::kPartyType, "个体工商户", 1, v, err));
  REQUIRE(v.as_text() == "individual");
  REQUIRE(parse_field(FieldType::kPoliceDecision, "不予立案", 1, v, err));
  REQUIRE(v.as_text() == "not_filed");
  REQUIRE(parse_field(FieldType::kQuantity, "1.2吨", 1, v, err));
  REQUIRE(v.type() == ValueType::kQuantity);
  REQUIRE(v.as_quantity().dimension == Dimension::kMass);
  REQUIRE(v.as_quantity().amount == dec("1200"));
  REQUIRE(parse_field(FieldType::kDate, "NULL", 1, v, err));
  REQUIRE(v.is_null());
  REQUIRE_FALSE(parse_field(FieldType::kDate, "45028", 1, v, err));
  REQUIRE(err == "疑似 Excel 日期序号: \"45028\"");
}

TEST_CASE("error messages quote a shortened cell", "[parse]") {
  std::string longcell(200, 'x');
  std::string err;
  REQUIRE_FALSE(parse_amount(longcell, 1, err));
  REQUIRE(err.size() < 120);
  std::string chinese;
  for (int i = 0; i < 50; ++i) chinese += "金额";
  REQUIRE_FALSE(parse_amount(chinese, 1, err));
  // Cut on a code-point boundary: the message is still valid UTF-8 ending in …"
  REQUIRE(err.substr(err.size() - 4) == "…\"");
}

TEST_CASE("a 万元 column scales before rounding to four decimal places", "[parse]") {
  std::string err;
  CHECK(parse_amount("0.999999", 10000, err) == Decimal::parse("9999.99"));
  CHECK(parse_amount("0.99999999", 10000, err) == Decimal::parse("9999.9999"));
  CHECK(parse_amount("1.23456789", 100000000, err) == Decimal::parse("123456789"));
  CHECK(parse_amount("5", 10000, err) == Decimal::parse("50000"));
  CHECK(parse_amount("-0.5", 10000, err) == Decimal::parse("-5000"));
  CHECK(parse_amount("0.999999万", 10000, err) == Decimal::parse("9999.99"));
  CHECK(parse_amount("0.999999万元", 1, err) == Decimal::parse("9999.99"));
  CHECK(parse_amount("1.23456789亿元", 1, err) == Decimal::parse("123456789"));
}

TEST_CASE("an approximate amount keeps its mark through parse_field", "[parse]") {
  std::string err;
  Value v;
  REQUIRE(parse_field(FieldType::kAmount, "1.2万余元", 1, v, err));
  CHECK(v.approximate());
  CHECK(v.as_decimal() == *Decimal::parse("12000"));
  REQUIRE(parse_field(FieldType::kAmount, "12000", 1, v, err));
  CHECK_FALSE(v.approximate());
}

TEST_CASE("implausible years are errors, not dates", "[parse]") {
  std::string err;
  CHECK_FALSE(parse_date("31131120", err));
  CHECK(err.find("年份不合理") != std::string::npos);
  CHECK_FALSE(parse_date("1000-01-01", err));
  CHECK(parse_date("1949-10-01", err));
  CHECK(parse_date("2100-12-31", err));
}
