// Masking personal data (xianjie/mask.h): names, id numbers and phone numbers, alone, inside free
// text, in findings, and through every printer with ReportOptions::mask.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include "xianjie/mask.h"
#include "xianjie/party.h"
#include "xianjie/report.h"

using namespace xianjie;

namespace {

constexpr const char* kId = "110101199003071234";
constexpr const char* kMaskedId = "110101********1234";

// A person selling fake cigarettes, who is named and identified all over the record.
Finding person_finding() {
  Finding f;
  f.case_id = "京烟罚〔2024〕7号";
  f.source = "cases.csv:2";
  f.agency = "北京市烟草专卖局";
  f.party_name = "张三丰";
  f.party_id = kId;
  f.party_type = "individual";
  f.domain = "烟草专卖";
  f.case_reason = "张三丰销售假冒卷烟案";
  f.facts = "经查，当事人张三丰（身份证号110101199003071234，联系电话13812345678，座机010-62345678）销售假冒卷烟。";
  f.rule_id = "TOB-01";
  f.offense = "非法经营罪";
  Evidence e;
  e.field = "facts";
  e.label = "违法事实";
  e.value = "当事人张三丰（身份证号110101199003071234…";
  e.op = "含";
  e.threshold = "假冒";
  e.message = "违法事实 含 假冒（张三丰）";
  f.evidence.push_back(e);
  f.message = "涉嫌非法经营罪：张三丰 销售金额 60,000.00 元 ≥ 50,000 元";
  return f;
}

void check_no_personal_data(const std::string& text) {
  CHECK(text.find("张三丰") == std::string::npos);
  CHECK(text.find(kId) == std::string::npos);
  CHECK(text.find("13812345678") == std::string::npos);
  CHECK(text.find("62345678") == std::string::npos);
}

}  // namespace

TEST_CASE("mask: person names keep the surname", "[mask]") {
  CHECK(mask_person_name("张三") == "张某");
  CHECK(mask_person_name("张三丰") == "张某某");
  CHECK(mask_person_name("  李四 ") == "李某");
  CHECK(mask_person_name("欧阳娜娜") == "欧阳某某");
  CHECK(mask_person_name("司马光") == "司马某");
  CHECK(mask_person_name("买买提·吐尔逊") == "买某某·某某某");
  CHECK(mask_person_name("John Smith") == "J*** *****");
  CHECK(mask_person_name("王") == "王");
  CHECK(mask_person_name("") == "");
}

TEST_CASE("mask: id numbers keep their first 6 and last 4 characters", "[mask]") {
  CHECK(mask_id_number(kId) == kMaskedId);
  CHECK(mask_id_number(" 11010119900307123X ") == "110101********123X");
  CHECK(mask_id_number("110101900307123") == "110101*****7123");  // first generation, 15 digits
  CHECK(mask_id_number("E1234567") == "E******7");                // short: first and last kept
  CHECK(mask_id_number("１１０１０１１９９００３０７１２３４") == "１１０１０１********１２３４");
  CHECK(mask_id_number("") == "");
}

TEST_CASE("mask: ids and phones inside free text", "[mask]") {
  CHECK(mask_text("身份证号110101199003071234，") == "身份证号110101********1234，");
  CHECK(mask_text("电话13812345678。") == "电话138****5678。");
  CHECK(mask_text("电话+86 13812345678") == "电话+86 138****5678");
  CHECK(mask_text("电话+8613812345678") == "电话+86138****5678");
  CHECK(mask_text("座机010-62345678，0571-8765432") == "座机010-****5678，0571-***5432");
  CHECK(mask_text("证号１１０１０１１９９００３０７１２３４") == "证号１１０１０１********１２３４");
  CHECK(mask_text("旧证110101900307123止") == "旧证110101*****7123止");

  // Not personal: amounts, dates, case numbers, credit codes, numbers inside longer tokens.
  for (const char* keep : {"销售金额62,500元，货值金额1330000元", "2024年5月21日，20240521", "京市监罚〔2023〕12号",
                           "信用代码91370202MAQ3LMCU37", "编号A13812345678", "13812345678901234567890",
                           "订单号138123456789", "统一社会信用代码911101081234567376"}) {
    INFO(keep);
    CHECK(mask_text(keep) == keep);
  }
  // The all-digit credit code above really is one, and no resident id.
  CHECK(validate_credit_code("911101081234567376").valid());
  CHECK_FALSE(validate_resident_id("911101081234567376").valid());
  // Invalid UTF-8 passes through untouched when there is nothing to mask.
  CHECK(mask_text(std::string("a\xff") + "b") == std::string("a\xff") + "b");
}

TEST_CASE("mask: which parties are natural persons", "[mask]") {
  CHECK(is_personal_party("individual", "张三"));
  CHECK_FALSE(is_personal_party("individual", "城关东方超市"));  // a 个体工商户's trade name
  CHECK_FALSE(is_personal_party("unit", "张三"));
  CHECK(is_personal_party("", "张三"));
  CHECK_FALSE(is_personal_party("", "青岛荣兴保温材料有限公司"));
  CHECK_FALSE(is_personal_party("", ""));
}

TEST_CASE("mask: a person's finding is masked wherever it quotes the person", "[mask]") {
  Finding f = person_finding();
  mask_finding(f);
  CHECK(f.party_name == "张某某");
  CHECK(f.party_id == kMaskedId);
  CHECK(f.case_reason == "张某某销售假冒卷烟案");
  CHECK(f.facts == "经查，当事人张某某（身份证号110101********1234，联系电话138****5678，座机010-****5678）销售假冒卷烟。");
  CHECK(f.evidence[0].value == "当事人张某某（身份证号110101********1234…");
  CHECK(f.evidence[0].message == "违法事实 含 假冒（张某某）");
  CHECK(f.message == "涉嫌非法经营罪：张某某 销售金额 60,000.00 元 ≥ 50,000 元");
  // Not personal data: left alone.
  CHECK(f.agency == "北京市烟草专卖局");
  CHECK(f.case_id == "京烟罚〔2024〕7号");
  CHECK(f.evidence[0].threshold == "假冒");
}

TEST_CASE("mask: organisations keep their names and credit codes", "[mask]") {
  Finding f = person_finding();
  f.party_type = "unit";
  f.party_name = "青岛荣兴保温材料有限公司";
  f.party_id = "91370202MAQ3LMCU37";
  f.case_reason = "青岛荣兴保温材料有限公司销售伪劣产品案";
  f.facts = "法定代表人电话13812345678。";
  mask_finding(f);
  CHECK(f.party_name == "青岛荣兴保温材料有限公司");
  CHECK(f.party_id == "91370202MAQ3LMCU37");
  CHECK(f.case_reason == "青岛荣兴保温材料有限公司销售伪劣产品案");
  CHECK(f.facts == "法定代表人电话138****5678。");  // a phone number is masked whoever it belongs to

  // A 个体工商户 trading under a shop name, identified by the owner's resident id.
  Finding g = person_finding();
  g.party_name = "城关东方超市";
  g.party_id = "620102199907277062";
  g.case_reason = "城关东方超市经营过期食品案";
  mask_finding(g);
  CHECK(g.party_name == "城关东方超市");
  CHECK(g.party_id == "620102********7062");
  CHECK(g.case_reason == "城关东方超市经营过期食品案");
}

TEST_CASE("mask: rejects and value errors", "[mask]") {
  RejectedRow r{"cases.csv", 7, "第 6 列引号未闭合（13812345678）", "京罚1号,\"张三,110101199003071234"};
  mask_reject(r);
  CHECK(r.original == std::string(kMaskedOriginal));
  CHECK(r.reason == "第 6 列引号未闭合（138****5678）");
  CHECK(r.location == 7);

  ValueError e;
  e.field = "party_id";
  e.raw = kId;
  e.reason = std::string("证件号码 ") + kId + " 校验位错误";
  mask_value_error(e);
  CHECK(e.raw == kMaskedId);
  CHECK(e.reason == std::string("证件号码 ") + kMaskedId + " 校验位错误");

  ValueError n;
  n.field = "party_name";
  n.raw = "李小龙";
  n.reason = "无法识别: 李小龙";
  mask_value_error(n);
  CHECK(n.raw == "李某某");
  CHECK(n.reason == "无法识别: 李某某");
}

TEST_CASE("mask: every printer masks with ReportOptions::mask", "[mask][report]") {
  RejectedRow reject{"cases.csv", 9, "引号未闭合", std::string("京罚2号,张三丰,") + kId};
  for (const char* name : {"table", "csv", "jsonl", "json", "md", "html", "notice"}) {
    INFO(name);
    auto format = parse_report_format(name);
    REQUIRE(format);
    for (bool mask : {false, true}) {
      std::ostringstream out;
      ReportOptions opts;
      opts.mask = mask;
      auto printer = make_printer(*format, out, opts);
      printer->begin({});
      printer->finding(person_finding());
      printer->reject(reject);
      ScanSummary s;
      s.findings = 1;
      s.rows_read = s.rows_evaluated = 2;
      printer->end(s);
      if (mask) {
        check_no_personal_data(out.str());
        CHECK(out.str().find("张某某") != std::string::npos);
      } else {
        CHECK(out.str().find("张三丰") != std::string::npos);  // the check above would notice something
      }
    }
  }
}
