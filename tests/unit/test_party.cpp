// Party identity: the two national id checks, name keys and the cross-record key. Valid ids are
// computed here from the standards' definitions (independently of the engine's code), so every
// case has a real structure rather than a number copied from somewhere.
#include <catch2/catch.hpp>

#include <string>
#include <type_traits>

#include "xianjie/party.h"

using namespace xianjie;

namespace {

// GB 11643-1999: 17 digits + the check character, by the standard's own table form.
std::string with_id_check(std::string body) {
  static const int kW[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int k = 0; k < 17; ++k) sum += (body[k] - '0') * kW[k];
  body += "10X98765432"[sum % 11];
  return body;
}

// GB 11714: 8 characters + the organisation code's check character.
std::string with_org_check(std::string body) {
  static const int kW[8] = {3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int k = 0; k < 8; ++k) sum += (body[k] <= '9' ? body[k] - '0' : body[k] - 'A' + 10) * kW[k];
  int c = 11 - sum % 11;
  body += c == 10 ? 'X' : c == 11 ? '0' : static_cast<char>('0' + c);
  return body;
}

// GB 32100-2015: 17 characters + the MOD 31 check character.
std::string with_credit_check(std::string body) {
  static const std::string kSet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  static const int kW[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
  int sum = 0;
  for (int k = 0; k < 17; ++k) sum += static_cast<int>(kSet.find(body[k])) * kW[k];
  int c = 31 - sum % 31;
  body += kSet[c == 31 ? 0 : c];
  return body;
}

std::string credit(const std::string& dept_type, const std::string& region, const std::string& org8) {
  return with_credit_check(dept_type + region + with_org_check(org8));
}

// Another check character than the right one.
char other_than(char c) { return c == '3' ? '4' : '3'; }

std::string key_of(std::string_view name) { return normalize_party_name(name); }

}  // namespace

static_assert(std::is_trivially_copyable<IdCheck>::value, "id checks must not own memory");

TEST_CASE("resident ids with a computed check character are valid", "[party]") {
  for (const char* body : {"11010519900307123", "44030519851120001", "65010220000229456", "51010219491001777"}) {
    std::string id = with_id_check(body);
    IdCheck r = validate_resident_id(id);
    INFO(id << " " << r.reason());
    CHECK(r.valid());
    CHECK(r.kind == PartyIdKind::kResidentId);
    CHECK(r.normalized() == id);
    CHECK_FALSE(r.upgraded);
    CHECK(r.reason().empty());
  }
  // The example of GB 11643 itself, whose check character is X.
  CHECK(validate_resident_id("11010519491231002X").valid());
}

TEST_CASE("resident id check characters", "[party]") {
  std::string id = with_id_check("11010519900307123");
  std::string wrong = id.substr(0, 17) + other_than(id[17]);
  IdCheck r = validate_resident_id(wrong);
  CHECK(r.problem == IdProblem::kBadCheck);
  CHECK(r.expected == id[17]);
  CHECK(r.normalized() == wrong);
  CHECK(r.reason() == std::string("校验位应为 ") + id[17] + "，实为 " + wrong[17]);

  CHECK(validate_resident_id("110105194912310021").reason() == "校验位应为 X，实为 1");
  // A lower-case x is the same check character and comes out upper-case.
  IdCheck lower = validate_resident_id("11010519491231002x");
  CHECK(lower.valid());
  CHECK(lower.normalized() == "11010519491231002X");
}

TEST_CASE("resident id birth dates must exist and be plausible", "[party]") {
  IdCheck r = validate_resident_id(with_id_check("11010519990230123"));
  CHECK(r.problem == IdProblem::kBadBirthDate);
  CHECK(r.reason() == "出生日期 19990230 不存在");
  CHECK(validate_resident_id(with_id_check("11010519991301123")).reason() == "出生日期 19991301 不存在");
  CHECK(validate_resident_id(with_id_check("11010519990100123")).problem == IdProblem::kBadBirthDate);
  CHECK(validate_resident_id(with_id_check("11010520000229123")).valid());  // 2000 is a leap year
  CHECK(validate_resident_id(with_id_check("11010519000229123")).problem == IdProblem::kBadBirthDate);
  CHECK(validate_resident_id(with_id_check("11010520040229123")).valid());

  IdCheck old = validate_resident_id(with_id_check("11010518991231123"));
  CHECK(old.problem == IdProblem::kBirthDateOutOfRange);
  CHECK(old.reason() == "出生日期 18991231 不在 1900–2100 年之间");

  const auto as_of = Date::from_ymd(2023, 12, 31);
  IdCheck future = validate_resident_id(with_id_check("11010520240101123"), as_of);
  CHECK(future.problem == IdProblem::kBirthDateOutOfRange);
  CHECK(future.reason() == "出生日期 20240101 晚于 20231231");
  CHECK(validate_resident_id(with_id_check("11010520231231123"), as_of).valid());
  CHECK(validate_resident_id(with_id_check("11010520240101123")).valid());  // no as-of date: range only
}

TEST_CASE("15-digit resident ids are upgraded to 18", "[party]") {
  IdCheck r = validate_resident_id("110105491231002");
  CHECK(r.valid());
  CHECK(r.upgraded);
  CHECK(r.normalized() == "11010519491231002X");

  std::string full = with_id_check("44030519851120001");
  IdCheck r2 = validate_resident_id("440305851120001");
  CHECK(r2.valid());
  CHECK(r2.normalized() == full);

  IdCheck bad = validate_resident_id("110105490230002");
  CHECK(bad.upgraded);
  CHECK(bad.reason() == "出生日期 19490230 不存在");
}

TEST_CASE("resident id input forms: full width, spaces, apostrophe", "[party]") {
  IdCheck wide = validate_resident_id("１１０１０５１９４９１２３１００２Ｘ");
  CHECK(wide.valid());
  CHECK(wide.normalized() == "11010519491231002X");
  CHECK(validate_resident_id("110105 19491231 002x").normalized() == "11010519491231002X");
  CHECK(validate_resident_id("\xE3\x80\x80" "110105\xE3\x80\x80" "19491231002X ").valid());
  CHECK(validate_resident_id("'11010519491231002X").valid());
  CHECK(validate_resident_id("''11010519491231002X").problem == IdProblem::kBadCharacter);
}

TEST_CASE("resident id shape errors", "[party]") {
  CHECK(validate_resident_id("11010519491231002").reason() == "长度为 17 位，应为 18 位");
  CHECK(validate_resident_id("1101051949123100201").reason() == "长度为 19 位，应为 18 位");
  CHECK(validate_resident_id("  ").problem == IdProblem::kEmpty);
  CHECK(validate_resident_id("  ").reason() == "证件号码为空");
  CHECK(validate_resident_id("1101051949123100AX").reason() == "第 17 位为“A”，应为数字");
  CHECK(validate_resident_id("11010519491231002A").reason() == "第 18 位为“A”，应为数字或 X");
  CHECK(validate_resident_id("110105-19491231-002X").reason() == "第 7 位为“-”，应为数字");
  CHECK(validate_resident_id("身份证11010519491231002X").reason() == "第 1 位为“身”，应为数字");

  IdCheck region = validate_resident_id(with_id_check("00010519900307123"));
  CHECK(region.problem == IdProblem::kBadRegion);
  CHECK(region.reason() == "行政区划代码 000105 的省级代码 00 不存在");
  CHECK(validate_resident_id(with_id_check("99010519900307123")).problem == IdProblem::kBadRegion);
  // The 2023 foreigners' permanent-residence card: 9, province, nationality (840), birth date.
  CHECK(validate_resident_id(with_id_check("91184019900307123")).valid());
  CHECK(validate_resident_id(with_id_check("90084019900307123")).problem == IdProblem::kBadRegion);
}

TEST_CASE("credit codes with computed check characters are valid", "[party]") {
  for (std::string code : {credit("91", "110108", "MA01ABCD"), credit("92", "440305", "L12345P7"),
                           credit("12", "100000", "40000062"), credit("51", "310115", "50212345"),
                           credit("Y1", "320102", "MA1XWQ0T"), credit("N2", "530102", "MA6K7Y12")}) {
    IdCheck r = validate_credit_code(code);
    INFO(code << " " << r.reason());
    CHECK(r.valid());
    CHECK(r.kind == PartyIdKind::kCreditCode);
    CHECK(r.normalized() == code);
  }
  // The example printed in GB 32100-2015.
  CHECK(validate_credit_code("91350100M000100Y43").valid());
}

TEST_CASE("credit code input forms", "[party]") {
  std::string code = credit("91", "110108", "MA01ABCD");
  std::string lower = code;
  for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  IdCheck r = validate_credit_code(lower);
  CHECK(r.valid());
  CHECK(r.normalized() == code);

  std::string wide;  // full-width forms of every character, with a space in the middle
  for (size_t k = 0; k < code.size(); ++k) {
    char32_t cp = static_cast<char32_t>(code[k]) + 0xFEE0;
    wide += static_cast<char>(0xE0 | (cp >> 12));
    wide += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    wide += static_cast<char>(0x80 | (cp & 0x3F));
    if (k == 8) wide += "\xE3\x80\x80";
  }
  IdCheck w = validate_credit_code(wide);
  CHECK(w.valid());
  CHECK(w.normalized() == code);
}

TEST_CASE("credit code check characters", "[party]") {
  std::string code = credit("91", "110108", "MA01ABCD");
  std::string wrong = code.substr(0, 17) + (code[17] == 'A' ? 'B' : 'A');
  IdCheck r = validate_credit_code(wrong);
  CHECK(r.problem == IdProblem::kBadCheck);
  CHECK(r.expected == code[17]);
  CHECK(r.reason() == std::string("校验位应为 ") + code[17] + "，实为 " + wrong[17]);

  // Only the organisation code's own check character is wrong; the final one is recomputed so
  // that the MOD 31 check alone would pass.
  std::string org = with_org_check("MA01ABCD");
  std::string bad_org = org.substr(0, 8) + other_than(org[8]);
  IdCheck o = validate_credit_code(with_credit_check("91110108" + bad_org));
  CHECK(o.problem == IdProblem::kBadOrgCodeCheck);
  CHECK(o.expected == org[8]);
  CHECK(o.reason() == std::string("组织机构代码（第 9–17 位）校验位应为 ") + org[8] + "，实为 " + bad_org[8]);
}

TEST_CASE("credit code structure errors", "[party]") {
  std::string code = credit("91", "110108", "MA01ABCD");
  std::string with_o = code;
  with_o[10] = 'O';
  IdCheck o = validate_credit_code(with_o);
  CHECK(o.problem == IdProblem::kForbiddenLetter);
  CHECK(o.reason() == "第 11 位为字母 O，统一社会信用代码不使用 I、O、Z、S、V（可能应为数字 0）");
  for (char letter : {'I', 'Z', 'S', 'V'}) {
    std::string s = code;
    s[12] = letter;
    CHECK(validate_credit_code(s).problem == IdProblem::kForbiddenLetter);
  }
  std::string last_v = code.substr(0, 17) + "V";
  CHECK(validate_credit_code(last_v).reason() == "第 18 位为字母 V，统一社会信用代码不使用 I、O、Z、S、V");

  CHECK(validate_credit_code(credit("B1", "110108", "MA01ABCD")).reason() == "登记管理部门代码 B 不存在");
  CHECK(validate_credit_code(credit("90", "110108", "MA01ABCD")).reason() == "机构类别代码 0 不存在");
  CHECK(validate_credit_code(credit("91", "11A108", "MA01ABCD")).reason() == "第 3–8 位行政区划码 11A108 应为 6 位数字");
  CHECK(validate_credit_code(code.substr(0, 17)).reason() == "长度为 17 位，应为 18 位");
  CHECK(validate_credit_code("91110108MA01ABCD-X").reason() ==
        "第 17 位为“-”，统一社会信用代码只含数字和大写字母");
  CHECK(validate_credit_code("无").problem == IdProblem::kBadCharacter);
}

TEST_CASE("classify_party_id tells the two kinds apart", "[party]") {
  IdCheck person = classify_party_id(with_id_check("11010519900307123"));
  CHECK(person.kind == PartyIdKind::kResidentId);
  CHECK(person.valid());

  IdCheck unit = classify_party_id(credit("91", "110108", "MA01ABCD"));
  CHECK(unit.kind == PartyIdKind::kCreditCode);
  CHECK(unit.valid());

  IdCheck old = classify_party_id("110105491231002");
  CHECK(old.kind == PartyIdKind::kResidentId);
  CHECK(old.upgraded);

  // A letter before the last character: a credit code, whose problem is reported as such.
  std::string bad = credit("91", "110108", "MA01ABCD");
  bad[17] = bad[17] == 'A' ? 'B' : 'A';
  CHECK(classify_party_id(bad).kind == PartyIdKind::kCreditCode);
  CHECK(classify_party_id(bad).problem == IdProblem::kBadCheck);

  // A wrong resident id stays a resident id: its check got further than the credit-code one.
  std::string id = with_id_check("11010519900307123");
  IdCheck wrong = classify_party_id(id.substr(0, 17) + other_than(id[17]));
  CHECK(wrong.kind == PartyIdKind::kResidentId);
  CHECK(wrong.problem == IdProblem::kBadCheck);
  CHECK(classify_party_id(id.substr(0, 17) + other_than(id[17]), PartyIdKind::kCreditCode).kind ==
        PartyIdKind::kResidentId);

  // Every resident id passes the credit code's structure checks, so a resident id with an
  // impossible date is still reported as one, with its date.
  IdCheck date = classify_party_id(with_id_check("11010519990230123"));
  CHECK(date.kind == PartyIdKind::kResidentId);
  CHECK(date.reason() == "出生日期 19990230 不存在");
}

TEST_CASE("classify_party_id on 18 digits that could be either", "[party]") {
  // An all-digit credit code of a unit whose organisation code is all digits: not a resident id
  // (its "birth date" is 0040…), so the credit code wins.
  std::string all_digits;
  for (int n = 0; n < 100 && all_digits.empty(); ++n) {
    std::string c = credit("12", "100000", "400000" + std::to_string(10 + n));
    if (c.find_first_not_of("0123456789") == std::string::npos) all_digits = c;
  }
  REQUIRE_FALSE(all_digits.empty());
  IdCheck r = classify_party_id(all_digits);
  CHECK(r.kind == PartyIdKind::kCreditCode);
  CHECK(r.valid());

  // Search for a number valid both ways: region ending 19 and an organisation code starting
  // 900101 give the birth date 19900101.
  std::string both;
  for (int n = 0; n < 10000 && both.empty(); ++n) {
    std::string region = "11" + std::to_string(10 + n / 100).substr(0, 2) + "19";
    std::string org = "900101" + std::to_string(10 + n % 90);
    std::string c = credit("11", region, org);
    if (c.find_first_not_of("0123456789") == std::string::npos && validate_resident_id(c).valid()) both = c;
  }
  REQUIRE_FALSE(both.empty());
  CHECK(classify_party_id(both).kind == PartyIdKind::kResidentId);
  CHECK(classify_party_id(both, PartyIdKind::kCreditCode).kind == PartyIdKind::kCreditCode);
  CHECK(classify_party_id(both, PartyIdKind::kCreditCode).valid());
}

TEST_CASE("classify_party_id: anything else is unknown", "[party]") {
  IdCheck passport = classify_party_id("E12345678");
  CHECK(passport.kind == PartyIdKind::kUnknown);
  CHECK(passport.reason() == "长度为 9 位，不是 18 位的居民身份证号码或统一社会信用代码");

  IdCheck label = classify_party_id("身份证：11010519491231002X");
  CHECK(label.kind == PartyIdKind::kUnknown);
  CHECK(label.reason() == "第 1 位为“身”，不是居民身份证号码或统一社会信用代码");

  IdCheck sci = classify_party_id("1.10105E+17");
  CHECK(sci.problem == IdProblem::kScientificNotation);
  CHECK_FALSE(sci.reason().empty());

  CHECK(classify_party_id("").problem == IdProblem::kEmpty);
  CHECK(classify_party_id("11010549123100A").kind == PartyIdKind::kUnknown);
}

TEST_CASE("normalize_party_name: company forms", "[party]") {
  CHECK(key_of("某某科技有限责任公司") == key_of("某某科技有限公司"));
  CHECK(key_of("某某科技股份有限公司") != key_of("某某科技有限公司"));
  CHECK(key_of("某某科技股份公司") == key_of("某某科技股份有限公司"));
  CHECK(key_of("某某科技有限公司北京分公司") != key_of("某某科技有限公司"));
  CHECK(key_of("某某科技有限责任公司北京分公司") == key_of("某某科技有限公司北京分公司"));
  CHECK(key_of("某某商贸公司") != key_of("某某商贸有限公司"));
}

TEST_CASE("normalize_party_name: brackets, width and white space", "[party]") {
  CHECK(key_of("某某（北京）有限公司") == "某某(北京)有限公司");
  CHECK(key_of("某某（北京）有限公司") != key_of("某某有限公司"));
  CHECK(key_of("某某(北京)有限公司") == key_of("某某（北京）有限公司"));
  CHECK(key_of("某某【北京】有限公司") == key_of("某某[北京]有限公司"));
  CHECK(key_of("某某〔北京〕有限公司") == key_of("某某（北京）有限公司"));
  CHECK(key_of(" 某某 科技\xE3\x80\x80有限公司\t") == "某某科技有限公司");
  CHECK(key_of("ＡＢＣ贸易有限公司") == key_of("abc 贸易有限公司"));
  CHECK(key_of("某某有限公司（东城分店）") == "某某有限公司(东城分店)");
}

TEST_CASE("normalize_party_name: trailing notes", "[party]") {
  CHECK(key_of("张三（个体工商户）") == "张三");
  CHECK(key_of("某某便利店(个体户)") == "某某便利店");
  CHECK(key_of("某某律师事务所（普通合伙）") == key_of("某某律师事务所"));
  CHECK(key_of("某某会计师事务所（特殊普通合伙）（已注销）") == "某某会计师事务所");
  CHECK(key_of("某某有限责任公司（吊销，未注销）") == "某某有限公司");
  CHECK(key_of("某某有限公司（原某某化工厂）") == "某某有限公司");
  CHECK(key_of("某某商店（原平）") == "某某商店(原平)");  // 原平 is a city
  CHECK(key_of("（个体工商户）") == "(个体工商户)");      // nothing but the bracket: kept
}

TEST_CASE("normalize_party_name: people", "[party]") {
  CHECK(key_of("张 三") == "张三");
  CHECK(key_of("阿卜杜拉・买买提") == "阿卜杜拉·买买提");
  CHECK(key_of("阿卜杜拉.买买提") == "阿卜杜拉·买买提");
  CHECK(key_of("阿卜杜拉•买买提") == "阿卜杜拉·买买提");
  CHECK(key_of("John Smith") == "JOHNSMITH");
  CHECK(key_of("") == "");
}

TEST_CASE("party_key: a valid id wins", "[party]") {
  const std::string id = with_id_check("11010519900307123");
  PartyKey k = party_key(id, "张三", PartyType::kIndividual);
  CHECK(k.key == id);
  CHECK(k.basis == KeyBasis::kId);
  CHECK(k.basis_label() == "证件号码");
  CHECK(k.confidence == KeyConfidence::kHigh);
  CHECK(k.note.empty());

  // Two generations of the same card, and a differently spelt name, give one key.
  CHECK(party_key("110105491231002", "张三").key == party_key("11010519491231002x", "张 三").key);

  const std::string code = credit("91", "110108", "MA01ABCD");
  PartyKey u = party_key(code, "某某科技有限公司", PartyType::kUnit);
  CHECK(u.key == code);
  CHECK(u.confidence == KeyConfidence::kHigh);
  CHECK(u.id.kind == PartyIdKind::kCreditCode);

  // 个体工商户 are individuals with a credit code starting 92.
  CHECK(party_key(credit("92", "440305", "L12345P7"), "某某便利店", PartyType::kIndividual).confidence ==
        KeyConfidence::kHigh);
}

TEST_CASE("party_key: an invalid id falls back to the name", "[party]") {
  const std::string id = with_id_check("11010519900307123");
  const std::string wrong = id.substr(0, 17) + other_than(id[17]);
  PartyKey k = party_key(wrong, "某某有限责任公司", PartyType::kUnit);
  CHECK(k.key == "name:某某有限公司");
  CHECK(k.basis == KeyBasis::kName);
  CHECK(k.basis_label() == "名称");
  CHECK(k.confidence == KeyConfidence::kMedium);
  CHECK(k.id.problem == IdProblem::kBadCheck);
  CHECK(k.note == "证件号码不可信：" + k.id.reason() + "；按名称识别");
  CHECK(k.note.find("校验位应为") != std::string::npos);

  PartyKey date = party_key(with_id_check("11010519990230123"), "李四");
  CHECK(date.key == "name:李四");
  CHECK(date.confidence == KeyConfidence::kLow);
  CHECK(date.note.find("出生日期 19990230 不存在") != std::string::npos);

  PartyKey nothing = party_key("12345", "无");
  CHECK(nothing.key.empty());
  CHECK(nothing.basis == KeyBasis::kNone);
  CHECK(nothing.confidence == KeyConfidence::kNone);
  CHECK(nothing.note == "证件号码不可信：长度为 5 位，不是 18 位的居民身份证号码或统一社会信用代码");
}

TEST_CASE("party_key: missing ids, types and confidence", "[party]") {
  PartyKey k = party_key("/", "张三（个体工商户）", PartyType::kIndividual);
  CHECK(k.key == "name:张三");
  CHECK(k.note.empty());
  CHECK(k.id.problem == IdProblem::kEmpty);
  CHECK(k.confidence == KeyConfidence::kLow);

  CHECK(party_key("", "某某（北京）有限公司").confidence == KeyConfidence::kMedium);
  CHECK(party_key("", "某某（北京）有限公司").key == "name:某某(北京)有限公司");
  CHECK(party_key("", "某某", PartyType::kUnit).confidence == KeyConfidence::kMedium);

  // A unit recorded under a person's id card keeps the id, graded down.
  PartyKey unit_person = party_key(with_id_check("11010519900307123"), "某某商行", PartyType::kUnit);
  CHECK(unit_person.basis == KeyBasis::kId);
  CHECK(unit_person.confidence == KeyConfidence::kMedium);
  CHECK_FALSE(unit_person.note.empty());

  PartyKey person_unit = party_key(credit("91", "110108", "MA01ABCD"), "张三", PartyType::kIndividual);
  CHECK(person_unit.confidence == KeyConfidence::kMedium);
  CHECK_FALSE(person_unit.note.empty());

  PartyKey none = party_key("", "");
  CHECK(none.basis == KeyBasis::kNone);
  CHECK(none.key.empty());
}
