// The Chinese messages for IdCheck, built only when asked for: the checks themselves store a
// problem code and its details so that the millions of valid ids cost no allocation.
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "common/text.h"
#include "xianjie/party.h"

namespace xianjie {
namespace {

std::string utf8(char32_t cp) {
  std::string s;
  append_utf8(s, cp);
  return s;
}

// Letters left out of the credit-code set for looking like digits; the digit is the likely intent.
std::string_view lookalike_digit(char32_t letter) {
  switch (letter) {
    case 'O': return "0";
    case 'I': return "1";
    case 'Z': return "2";
    case 'S': return "5";
    default: return {};
  }
}

std::string bad_character(const IdCheck& c) {
  const std::string ch = utf8(c.found);
  switch (c.kind) {
    case PartyIdKind::kResidentId:
      if (c.detail == 18) return fmt::format("第 18 位为“{}”，应为数字或 X", ch);
      return fmt::format("第 {} 位为“{}”，应为数字", c.detail, ch);
    case PartyIdKind::kCreditCode:
      return fmt::format("第 {} 位为“{}”，统一社会信用代码只含数字和大写字母", c.detail, ch);
    case PartyIdKind::kUnknown:
      break;
  }
  return fmt::format("第 {} 位为“{}”，不是居民身份证号码或统一社会信用代码", c.detail, ch);
}

std::string date_digits(const IdCheck& c) { return std::string(c.normalized().substr(6, 8)); }

}  // namespace

std::string_view party_id_kind_label(PartyIdKind k) {
  switch (k) {
    case PartyIdKind::kResidentId: return "居民身份证号码";
    case PartyIdKind::kCreditCode: return "统一社会信用代码";
    case PartyIdKind::kUnknown: break;
  }
  return "未知证件";
}

std::string IdCheck::reason() const {
  switch (problem) {
    case IdProblem::kNone:
      return {};
    case IdProblem::kEmpty:
      return "证件号码为空";
    case IdProblem::kBadCharacter:
      return bad_character(*this);
    case IdProblem::kScientificNotation:
      return "疑似被表格软件转成了科学计数法，号码的后几位已丢失，需从原始记录重新导出";
    case IdProblem::kBadLength:
      if (kind == PartyIdKind::kUnknown)
        return fmt::format("长度为 {} 位，不是 18 位的居民身份证号码或统一社会信用代码", detail);
      return fmt::format("长度为 {} 位，应为 18 位", detail);
    case IdProblem::kForbiddenLetter: {
      std::string msg = fmt::format("第 {} 位为字母 {}，统一社会信用代码不使用 I、O、Z、S、V", detail, utf8(found));
      std::string_view digit = lookalike_digit(found);
      if (!digit.empty()) msg += fmt::format("（可能应为数字 {}）", digit);
      return msg;
    }
    case IdProblem::kBadRegion:
      if (kind == PartyIdKind::kCreditCode)
        return fmt::format("第 3–8 位行政区划码 {} 应为 6 位数字", normalized().substr(2, 6));
      if (text[0] == '9')
        return fmt::format("外国人永久居留身份证号码第 2–3 位的省级代码 {} 不存在", normalized().substr(1, 2));
      return fmt::format("行政区划代码 {} 的省级代码 {} 不存在", normalized().substr(0, 6), normalized().substr(0, 2));
    case IdProblem::kBadRegistrationDept:
      return fmt::format("登记管理部门代码 {} 不存在", text[0]);
    case IdProblem::kBadInstitutionType:
      return fmt::format("机构类别代码 {} 不存在", text[1]);
    case IdProblem::kBadBirthDate:
      return fmt::format("出生日期 {} 不存在", date_digits(*this));
    case IdProblem::kBirthDateOutOfRange:
      if (detail != 0) return fmt::format("出生日期 {} 晚于 {}", date_digits(*this), detail);
      return fmt::format("出生日期 {} 不在 1900–2100 年之间", date_digits(*this));
    case IdProblem::kBadOrgCodeCheck:
      return fmt::format("组织机构代码（第 9–17 位）校验位应为 {}，实为 {}", expected, text[16]);
    case IdProblem::kBadCheck:
      return fmt::format("校验位应为 {}，实为 {}", expected, text[17]);
  }
  return {};
}

}  // namespace xianjie
