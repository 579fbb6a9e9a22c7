// check-data in the library: each check on small hand-made exports (a clean row, then the one
// defect the check is about), row accounting with rejected rows, the per-check cap, severity
// changes, SQLite locations, configuration files, and the four report formats parsed back (JSON
// and SARIF with a strict reader and a structural SARIF 2.1.0 check; JUnit as XML).
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "../cli/json_check.h"
#include "quality/check_ids.h"
#include "xianjie/quality.h"

using namespace xianjie;
using xianjie::check_data_test::Json;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    static std::atomic<int> counter{0};
    path = fs::temp_directory_path() / ("xianjie_quality_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string write(const std::string& name, const std::string& bytes) const {
    std::string p = (path / name).string();
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
  }
};

// Valid ids, computed from GB 11643 / GB 32100 (see test_party.cpp for the computation).
constexpr const char* kPersonId = "110105199003071239";    // born 1990-03-07
constexpr const char* kChildId = "440305201506010021";     // born 2015-06-01
constexpr const char* kCompanyCode = "91110108MA01ABCD5T";
constexpr const char* kShopCode = "92440305L12345P759";    // 个体工商户
constexpr const char* kBadCheckId = "110105199003071233";  // check character should be 9

const std::string kHeader =
    "案件编号,执法机关,当事人类型,当事人名称,证件号码,案由,违法行为发生日期,立案日期,处罚决定日期,处罚种类,"
    "罚款金额（元）,是否移送,移送日期,案件状态\n";

// A clean row with `changes` applied: column name → new cell text.
std::string row(const std::string& id, std::vector<std::pair<std::string, std::string>> changes = {}) {
  std::vector<std::pair<std::string, std::string>> cells = {
      {"案件编号", id}, {"执法机关", "某市市场监督管理局"}, {"当事人类型", "个人"}, {"当事人名称", "王某"},
      {"证件号码", kPersonId}, {"案由", "王某销售过期食品案"}, {"违法行为发生日期", "2023-03-01"},
      {"立案日期", "2023-03-05"}, {"处罚决定日期", "2023-04-10"}, {"处罚种类", "警告；罚款"},
      {"罚款金额（元）", "5000"}, {"是否移送", "否"}, {"移送日期", ""}, {"案件状态", "已结案"}};
  for (auto& [k, v] : changes) {
    bool found = false;
    for (auto& c : cells)
      if (c.first == k) { c.second = v; found = true; }
    REQUIRE(found);
  }
  std::string line;
  for (size_t k = 0; k < cells.size(); ++k) {
    if (k) line += ',';
    const std::string& v = cells[k].second;
    if (v.find_first_of(",\"\n") != std::string::npos) {
      line += '"';
      for (char c : v) line += c == '"' ? std::string("\"\"") : std::string(1, c);
      line += '"';
    } else {
      line += v;
    }
  }
  return line + "\n";
}

QualityReport check_csv(const std::string& csv, QualityOptions options = {}) {
  TempDir t;
  std::string path = t.write("cases.csv", csv);
  std::string error;
  auto source = open_csv(path, CsvOptions{}, error);
  REQUIRE(source);
  QualityChecker checker(std::move(options));
  CHECK(checker.check(*source, path));
  return checker.report();
}

const QualityCheckResult& result(const QualityReport& r, std::string_view id) {
  auto k = find_quality_check(id);
  REQUIRE(k);
  return r.checks[*k];
}

size_t count_tags(const std::string& text, const std::string& tag) {
  size_t n = 0;
  for (size_t p = text.find(tag); p != std::string::npos; p = text.find(tag, p + 1)) ++n;
  return n;
}

uint64_t total(const QualityReport& r) {
  uint64_t n = 0;
  for (const auto& c : r.checks) n += c.count;
  return n;
}

// The only failures of the report are `count` of check `id`; returns the kept ones.
const std::vector<QualityFailure>& only(const QualityReport& r, std::string_view id, uint64_t count = 1) {
  INFO("check " << id);
  for (size_t k = 0; k < r.checks.size(); ++k) {
    const auto& c = r.checks[k];
    INFO("other check " << quality_checks()[k].id << ": " << (c.failures.empty() ? "" : c.failures[0].message));
    if (quality_checks()[k].id == id) CHECK(c.count == count);
    else CHECK(c.count == 0);
  }
  REQUIRE(result(r, id).failures.size() == count);  // below the default cap of 20
  return result(r, id).failures;
}

}  // namespace

TEST_CASE("the catalogue lists every check once, in the order of quality::Check", "[quality]") {
  using quality::Check;
  const std::vector<std::pair<Check, std::string_view>> expected = {
      {Check::kUnreadableRow, "unreadable-row"}, {Check::kMissingColumn, "missing-column"},
      {Check::kColumnMapping, "column-mapping"}, {Check::kMissingValue, "missing-value"},
      {Check::kUnparsableValue, "unparsable-value"}, {Check::kDuplicateCaseId, "duplicate-case-id"},
      {Check::kPartyIdInvalid, "party-id-invalid"}, {Check::kPartyIdTypeMismatch, "party-id-type-mismatch"},
      {Check::kPartyIdLegacy, "party-id-legacy"}, {Check::kPartyAge, "party-age"},
      {Check::kDateOrder, "date-order"}, {Check::kDateFuture, "date-future"}, {Check::kDateSpan, "date-span"},
      {Check::kTransferSequence, "transfer-sequence"}, {Check::kTransferDateMissing, "transfer-date-missing"},
      {Check::kTransferConflict, "transfer-conflict"}, {Check::kTransferStatusConflict, "transfer-status-conflict"},
      {Check::kNegativeValue, "negative-value"}, {Check::kAbsurdAmount, "absurd-amount"},
      {Check::kAmountInconsistent, "amount-inconsistent"}, {Check::kAmountApproximate, "amount-approximate"},
      {Check::kFinePenaltyMismatch, "fine-penalty-mismatch"}, {Check::kPenaltyKindUnknown, "penalty-kind-unknown"},
      {Check::kQuantityUnitMissing, "quantity-unit-missing"}, {Check::kRegionCode, "region-code-invalid"},
      {Check::kTextGarbled, "text-garbled"}};
  REQUIRE(quality_checks().size() == expected.size());
  REQUIRE(quality::kCheckCount == expected.size());
  for (const auto& [check, id] : expected) {
    CHECK(quality_checks()[quality::index_of(check)].id == id);
    CHECK(find_quality_check(id) == quality::index_of(check));
  }
  for (const auto& c : quality_checks()) {
    CHECK(!c.title.empty());
    CHECK(!c.description.empty());
  }
  CHECK(parse_quality_severity("warning") == QualitySeverity::kWarning);
  CHECK(parse_quality_severity("提示") == QualitySeverity::kInfo);
  CHECK(!parse_quality_severity("fatal"));
}

TEST_CASE("required fields: the default set, parsing, alternatives and unknown names", "[quality]") {
  auto d = default_required_fields();
  REQUIRE(d.size() == 6);
  CHECK(required_field_text(d[3]) == "case_reason|facts");
  std::string error;
  auto r = parse_required_fields(" case_id , agency,case_reason | facts ,", error);
  REQUIRE(r);
  REQUIRE(r->size() == 3);
  CHECK((*r)[2] == RequiredField{"case_reason", "facts"});
  CHECK(!parse_required_fields("case_id,violaton_date", error));
  CHECK(error.find("violaton_date") != std::string::npos);
  CHECK(error.find("violation_date") != std::string::npos);  // did you mean

  QualityOptions o;
  o.severity["dup-case-id"] = QualitySeverity::kWarning;
  std::vector<std::string> errors;
  CHECK(!validate_quality_options(o, errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].find("未知的检查项 'dup-case-id'") != std::string::npos);
}

TEST_CASE("a clean export passes every check", "[quality]") {
  std::string csv = kHeader + row("A1") + row("A2", {{"当事人类型", "单位"}, {"当事人名称", "某某有限公司"}, {"证件号码", kCompanyCode}}) +
                    row("A3", {{"当事人类型", "个体工商户"}, {"证件号码", kShopCode}}) +
                    row("A4", {{"是否移送", "是"}, {"移送日期", "2023-03-20"}, {"处罚决定日期", ""}, {"处罚种类", ""},
                               {"罚款金额（元）", ""}, {"案件状态", "已移送公安机关"}});
  QualityReport r = check_csv(csv);
  CHECK(r.rows_read == 4);
  CHECK(r.rows_checked == 4);
  CHECK(r.rows_rejected == 0);
  CHECK(total(r) == 0);
  CHECK(r.failures_at_or_above(QualitySeverity::kInfo) == 0);
  CHECK(r.rows_with == std::array<uint64_t, 3>{0, 0, 0});
  CHECK(!result(r, "date-future").severity);  // no --as-of: nothing to compare with
}

TEST_CASE("required values: missing, missing tokens, alternatives, transferred cases", "[quality]") {
  auto r = check_csv(kHeader + row("A1", {{"执法机关", ""}}) + row("A2", {{"当事人名称", "无"}}));
  const auto& f = only(r, "missing-value", 2);
  REQUIRE(f.size() == 2);
  CHECK(f[0].location_text.find("cases.csv:2") != std::string::npos);
  CHECK(f[0].location == 2);
  CHECK(f[0].kind == QualityLocationKind::kLine);
  CHECK(f[0].field == "agency");
  CHECK(f[0].case_id == "A1");
  CHECK(f[0].message == "必需字段 执法机关 为空");
  CHECK(f[1].message == "必需字段 当事人 为缺失标记“无”");
  CHECK(f[1].location == 3);
  CHECK(r.rows_with[0] == 2);

  // case_reason|facts: an export without 案由 but with 违法事实 satisfies it.
  const std::string header2 = "案件编号,执法机关,当事人名称,违法事实,违法行为发生日期,处罚决定日期\n";
  auto r2 = check_csv(header2 + "B1,某局,王某,销售过期食品,2023-01-01,2023-02-01\nB2,某局,王某,,2023-01-01,2023-02-01\n");
  const auto& f2 = only(r2, "missing-value", 1);
  CHECK(f2[0].message == "必需字段 案由或违法事实 为空");

  // A transferred case needs no decision date; an untransferred one does.
  auto r3 = check_csv(kHeader + row("C1", {{"处罚决定日期", ""}, {"是否移送", "是"}, {"移送日期", "2023-03-20"}, {"处罚种类", ""},
                                            {"罚款金额（元）", ""}, {"案件状态", "已移送"}}) +
                      row("C2", {{"处罚决定日期", ""}}));
  CHECK(only(r3, "missing-value", 1)[0].case_id == "C2");

  // --require replaces the set.
  QualityOptions o;
  std::string error;
  o.required = *parse_required_fields("case_id,region_code", error);
  auto r4 = check_csv(kHeader + row("D1", {{"执法机关", ""}}), o);
  const auto& f4 = only(r4, "missing-column", 1);
  CHECK(f4[0].field == "region_code");
  CHECK(f4[0].location == 1);  // the header line
  CHECK(f4[0].message.find("行政区划代码") != std::string::npos);
}

TEST_CASE("a required field without a column is reported once, not per row", "[quality]") {
  const std::string header = "案件编号,执法机关,当事人名称,案由,违法行为发生日期,罚没款\n";
  auto r = check_csv(header + "A1,某局,王某,某案,2023-01-01,5\nA2,某局,王某,某案,2023-01-01,6\n");
  CHECK(result(r, "missing-column").count == 1);
  CHECK(result(r, "missing-column").failures[0].field == "decision_date");
  CHECK(result(r, "missing-value").count == 0);
  // The unmapped column is a mapping note (info).
  REQUIRE(result(r, "column-mapping").count == 1);
  CHECK(result(r, "column-mapping").failures[0].message.find("罚没款") != std::string::npos);
}

TEST_CASE("values that do not parse are reported with column and reason, not as missing", "[quality]") {
  auto r = check_csv(kHeader + row("A1", {{"罚款金额（元）", "待核实"}}) + row("A2", {{"处罚决定日期", "2023-02-30"}}));
  const auto& f = only(r, "unparsable-value", 2);
  REQUIRE(f.size() == 2);
  CHECK(f[0].column == "罚款金额（元）");
  CHECK(f[0].field == "fine_amount");
  CHECK(f[0].value == "待核实");
  CHECK(f[0].message.find("待核实") != std::string::npos);
  CHECK(f[1].field == "decision_date");  // required, but reported as unparsable only
}

TEST_CASE("duplicate case ids name the first occurrence, across width differences and inputs", "[quality]") {
  auto r = check_csv(kHeader + row("京市监罚〔2023〕12号") + row("A2") + row(" 京市监罚〔２０２３〕１２号 "));
  const auto& f = only(r, "duplicate-case-id", 1);
  CHECK(f[0].location == 4);
  CHECK(f[0].message.find("首次出现于") != std::string::npos);
  CHECK(f[0].message.find("cases.csv:2") != std::string::npos);

  TempDir t;
  std::string a = t.write("a.csv", kHeader + row("X1") + row("X2"));
  std::string b = t.write("b.csv", kHeader + row("X3") + row("X2"));
  QualityChecker checker({});
  for (const auto& p : {a, b}) {
    std::string error;
    auto s = open_csv(p, {}, error);
    REQUIRE(s);
    checker.check(*s, p);
  }
  const auto& d = result(checker.report(), "duplicate-case-id");
  REQUIRE(d.count == 1);
  CHECK(d.failures[0].input == 1);
  CHECK(d.failures[0].message.find(a + ":3") != std::string::npos);
  CHECK(checker.report().rows_read == 4);
  CHECK(checker.report().inputs.size() == 2);
}

TEST_CASE("party ids: check characters, kind against party type, first-generation ids, age", "[quality]") {
  auto bad = check_csv(kHeader + row("A1", {{"证件号码", kBadCheckId}}) + row("A2", {{"证件号码", "1.10105E+17"}}));
  const auto& f = only(bad, "party-id-invalid", 2);
  REQUIRE(f.size() == 2);
  CHECK(f[0].message.find("校验位应为 9") != std::string::npos);
  CHECK(f[0].value == kBadCheckId);
  CHECK(f[1].message.find("科学计数法") != std::string::npos);

  auto unit_with_person = check_csv(kHeader + row("B1", {{"当事人类型", "单位"}, {"当事人名称", "某某有限公司"}}));
  only(unit_with_person, "party-id-type-mismatch", 1);
  auto person_with_company = check_csv(kHeader + row("B2", {{"证件号码", kCompanyCode}}));
  only(person_with_company, "party-id-type-mismatch", 1);

  auto legacy = check_csv(kHeader + row("C1", {{"证件号码", "110105491231002"}}));
  CHECK(only(legacy, "party-id-legacy", 1)[0].message.find("11010519491231002X") != std::string::npos);

  auto child = check_csv(kHeader + row("D1", {{"证件号码", kChildId}}));  // 7 years old in 2023
  CHECK(only(child, "party-age", 1)[0].message.find("未满十四周岁") != std::string::npos);
  auto unborn = check_csv(kHeader + row("D2", {{"证件号码", kChildId}, {"违法行为发生日期", "2015-01-01"},
                                                {"立案日期", "2015-01-05"}, {"处罚决定日期", "2015-02-01"}}));
  CHECK(only(unborn, "party-age", 1)[0].message.find("晚于违法行为发生日期") != std::string::npos);
}

TEST_CASE("dates: order, transfer sequence, span and the as-of date", "[quality]") {
  auto order = check_csv(kHeader + row("A1", {{"处罚决定日期", "2023-02-01"}}));  // before violation and filing
  const auto& f = only(order, "date-order", 2);
  REQUIRE(f.size() == 2);
  CHECK(f[0].message == "处罚决定日期 2023-02-01 早于违法行为发生日期 2023-03-01");
  CHECK(f[1].message == "处罚决定日期 2023-02-01 早于立案日期 2023-03-05");

  auto seq = check_csv(kHeader + row("B1", {{"是否移送", "是"}, {"移送日期", "2023-03-20"}, {"案件状态", "已移送"}}));
  CHECK(only(seq, "transfer-sequence", 1)[0].message.find("先移送后处罚") != std::string::npos);
  CHECK(result(seq, "transfer-sequence").severity == QualitySeverity::kInfo);

  auto span = check_csv(kHeader + row("C1", {{"违法行为发生日期", "2013-03-01"}, {"立案日期", "2023-03-05"}}));
  CHECK(only(span, "date-span", 2)[0].field == "filing_date");

  QualityOptions o;
  o.as_of = Date::from_ymd(2023, 4, 1);
  auto future = check_csv(kHeader + row("D1"), o);
  const auto& ff = only(future, "date-future", 1);
  CHECK(ff[0].message == "处罚决定日期 2023-04-10 晚于检查基准日 2023-04-01");
}

TEST_CASE("amounts: negative, absurd, approximate, contradicting", "[quality]") {
  auto neg = check_csv(kHeader + row("A1", {{"罚款金额（元）", "-500"}}));
  CHECK(only(neg, "negative-value", 1)[0].message == "罚款金额为负数：-500.00 元");

  auto absurd = check_csv(kHeader + row("A2", {{"罚款金额（元）", "3000亿元"}}));
  CHECK(only(absurd, "absurd-amount", 1)[0].message.find("300,000,000,000.00 元") != std::string::npos);
  QualityOptions o;
  o.max_amount = Decimal::from_units(int64_t{1000} * Decimal::kOne);
  CHECK(result(check_csv(kHeader + row("A3"), o), "absurd-amount").count == 1);

  auto approx = check_csv(kHeader + row("A4", {{"罚款金额（元）", "约5000元"}}));
  CHECK(only(approx, "amount-approximate", 1)[0].message == "罚款金额“约5000元”是约数，按 5,000.00 元 比较");

  const std::string header = "案件编号,执法机关,当事人名称,案由,违法行为发生日期,处罚决定日期,偷逃税款（元）,应纳税额（元）,"
                             "违法所得（元）,没收违法所得（元）\n";
  auto rel = check_csv(header + "T1,某局,某公司,某公司逃税案,2023-01-01,2023-03-01,120000,100000,,\n"
                                "T2,某局,某公司,某公司逃税案,2023-01-01,2023-03-01,20000,100000,3000,5000\n"
                                "T3,某局,某公司,某公司逃税案,2023-01-01,2023-03-01,20000,100000,3000,3000\n");
  const auto& f = only(rel, "amount-inconsistent", 2);
  REQUIRE(f.size() == 2);
  CHECK(f[0].message.find("逃税额不能超过应纳税额") != std::string::npos);
  CHECK(f[1].case_id == "T2");
  CHECK(f[1].field == "confiscated_income");
}

TEST_CASE("penalties: fine against penalty kinds, unknown kinds", "[quality]") {
  auto no_fine = check_csv(kHeader + row("A1", {{"罚款金额（元）", ""}}));
  CHECK(only(no_fine, "fine-penalty-mismatch", 1)[0].message == "处罚种类“警告；罚款”含罚款，罚款金额却为空");
  auto zero = check_csv(kHeader + row("A2", {{"罚款金额（元）", "0"}}));
  only(zero, "fine-penalty-mismatch", 1);
  auto not_listed = check_csv(kHeader + row("A3", {{"处罚种类", "警告、没收违法所得"}}));
  only(not_listed, "fine-penalty-mismatch", 1);
  // Spelled-out kinds count as what they start with.
  auto spelled = check_csv(kHeader + row("A4", {{"处罚种类", "罚款5000元,吊销营业执照"}}));
  CHECK(total(spelled) == 0);
  auto unknown = check_csv(kHeader + row("A5", {{"处罚种类", "责令改正；罚款"}}));
  CHECK(only(unknown, "penalty-kind-unknown", 1)[0].message.find("不是行政处罚种类") != std::string::npos);
}

TEST_CASE("transfers: no date, a date without the mark, status against the mark", "[quality]") {
  auto no_date = check_csv(kHeader + row("A1", {{"是否移送", "已移送"}, {"案件状态", "已移送"}}));
  CHECK(only(no_date, "transfer-date-missing", 1)[0].message == "是否移送为“已移送”，移送日期为空");
  auto conflict = check_csv(kHeader + row("A2", {{"移送日期", "2023-04-20"}}));
  const auto& c = only(conflict, "transfer-conflict", 1);
  CHECK(c[0].message == "是否移送为“否”，却填有移送日期 2023-04-20");
  auto status = check_csv(kHeader + row("A3", {{"案件状态", "已移送公安机关"}}));
  only(status, "transfer-status-conflict", 1);
  // 是否移送 that does not parse is an unparsable value, not a transfer problem.
  auto unparsable = check_csv(kHeader + row("A4", {{"是否移送", "待定"}}));
  only(unparsable, "unparsable-value", 1);
}

TEST_CASE("texts: region codes, mojibake, spreadsheet errors; quantities without a unit", "[quality]") {
  const std::string header = "案件编号,执法机关,当事人名称,案由,违法行为发生日期,处罚决定日期,行政区划代码,涉案数量,计量单位\n";
  auto r = check_csv(header + "A1,某局,王某,某案,2023-01-01,2023-02-01,33010,,\n"
                              "A2,某局,王某,某案,2023-01-01,2023-02-01,330106,,\n"
                              "A3,某局,#REF!,某案,2023-01-01,2023-02-01,330106,,\n"
                              "A4,某局,锟斤拷,某案,2023-01-01,2023-02-01,330106,,\n"
                              "A5,某局,王某,??????,2023-01-01,2023-02-01,330106,,\n"
                              "A6,某局,王某,某案,2023-01-01,2023-02-01,330106,600,\n"
                              "A7,某局,王某,某案,2023-01-01,2023-02-01,330106,600,公斤\n");
  CHECK(result(r, "region-code-invalid").count == 1);
  CHECK(result(r, "region-code-invalid").failures[0].case_id == "A1");
  const auto& g = result(r, "text-garbled").failures;
  REQUIRE(g.size() == 3);
  CHECK(g[0].message.find("表格软件的错误值") != std::string::npos);
  CHECK(g[1].message.find("锟斤拷") != std::string::npos);
  CHECK(g[2].field == "case_reason");
  REQUIRE(result(r, "quantity-unit-missing").count == 1);
  CHECK(result(r, "quantity-unit-missing").failures[0].case_id == "A6");
}

TEST_CASE("rejected rows are accounted for and reported with their line", "[quality]") {
  std::string csv = kHeader + row("A1") + "A2,某局,少了字段\n" + row("A3") + "A4,\"未闭合的引号,x\n";
  auto r = check_csv(csv);
  CHECK(r.rows_read == r.rows_checked + r.rows_rejected);
  CHECK(r.rows_rejected >= 2);
  CHECK(r.rows_checked == 2);
  const auto& f = result(r, "unreadable-row").failures;
  REQUIRE(f.size() == r.rows_rejected);
  CHECK(f[0].location == 3);
  CHECK(f[0].value.find("少了字段") != std::string::npos);
  CHECK(!f[0].message.empty());
  REQUIRE(r.inputs.size() == 1);
  CHECK(r.inputs[0].rows_read == r.rows_read);
}

TEST_CASE("failures are counted in full and kept up to max_per_check", "[quality]") {
  std::string csv = kHeader;
  for (int k = 0; k < 7; ++k) csv += row("A" + std::to_string(k), {{"执法机关", ""}});
  QualityOptions o;
  o.max_per_check = 3;
  auto r = check_csv(csv, o);
  CHECK(result(r, "missing-value").count == 7);
  CHECK(result(r, "missing-value").failures.size() == 3);
  CHECK(result(r, "missing-value").failures[2].case_id == "A2");
  o.max_per_check = 0;  // all
  CHECK(result(check_csv(csv, o), "missing-value").failures.size() == 7);
}

TEST_CASE("severities can be changed or turned off per run", "[quality]") {
  const std::string csv = kHeader + row("A1", {{"执法机关", ""}}) + row("A2", {{"罚款金额（元）", ""}});
  auto plain = check_csv(csv);
  CHECK(plain.failures_at_or_above(QualitySeverity::kError) == 1);
  CHECK(plain.failures_at_or_above(QualitySeverity::kWarning) == 2);
  CHECK(plain.failures_by_severity() == std::array<uint64_t, 3>{1, 1, 0});

  QualityOptions o;
  o.severity["missing-value"] = QualitySeverity::kInfo;
  o.severity["fine-penalty-mismatch"] = std::nullopt;
  auto changed = check_csv(csv, o);
  CHECK(changed.failures_at_or_above(QualitySeverity::kWarning) == 0);
  CHECK(changed.failures_at_or_above(QualitySeverity::kInfo) == 1);
  CHECK(result(changed, "fine-penalty-mismatch").count == 0);
  CHECK(!result(changed, "fine-penalty-mismatch").severity);
  CHECK(changed.rows_with == std::array<uint64_t, 3>{0, 0, 1});
}

TEST_CASE("SQLite rows are located by rowid", "[quality]") {
  TempDir t;
  const std::string path = (t.path / "cases.db").string();
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  const char* sql =
      "CREATE TABLE cases(案件编号 TEXT, 执法机关 TEXT, 当事人名称 TEXT, 案由 TEXT, 违法行为发生日期 TEXT, 处罚决定日期 TEXT,"
      " 罚款金额 REAL);"
      "INSERT INTO cases(rowid, 案件编号, 执法机关, 当事人名称, 案由, 违法行为发生日期, 处罚决定日期, 罚款金额) VALUES"
      " (10, 'S1', '某局', '王某', '某案', '2023-01-01', '2023-02-01', 500),"
      " (20, 'S1', '某局', '王某', '某案', '2023-01-01', '2022-12-01', -5);";
  REQUIRE(sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
  std::string error;
  auto source = open_sqlite(path, SqliteOptions{}, error);
  REQUIRE(source);
  QualityChecker checker({});
  REQUIRE(checker.check(*source, path));
  const QualityReport& r = checker.report();
  CHECK(r.inputs[0].kind == QualityLocationKind::kRowid);
  const auto& d = result(r, "duplicate-case-id").failures;
  REQUIRE(d.size() == 1);
  CHECK(d[0].kind == QualityLocationKind::kRowid);
  CHECK(d[0].location == 20);
  CHECK(d[0].message.find("rowid 10") != std::string::npos);
  CHECK(result(r, "negative-value").count == 1);
  CHECK(result(r, "date-order").count == 1);
}

TEST_CASE("configuration files: every key, and located errors", "[quality]") {
  TempDir t;
  std::string good = t.write("q.yaml",
                             "required: [case_id, agency, case_reason|facts, [violation_date, filing_date]]\n"
                             "severity:\n  transfer-sequence: off\n  party-age: error\n"
                             "max_per_check: 5\nas_of: 2025-12-31\nmax_amount: 500亿元\n");
  QualityOptions o;
  Diagnostics d;
  REQUIRE(load_quality_config(good, o, d));
  REQUIRE(o.required.size() == 4);
  CHECK(o.required[3] == RequiredField{"violation_date", "filing_date"});
  CHECK(o.severity.at("transfer-sequence") == std::nullopt);
  CHECK(o.severity.at("party-age") == QualitySeverity::kError);
  CHECK(o.max_per_check == 5);
  CHECK(o.as_of == Date::from_ymd(2025, 12, 31));
  CHECK(o.max_amount == Decimal::from_units(int64_t{50'000'000'000} * Decimal::kOne));

  std::string bad = t.write("bad.yaml",
                            "required: [case_id, agncy]\nseverity:\n  party-ages: error\n  date-span: fatal\n"
                            "max_per_check: -1\nfrobnicate: 1\n");
  QualityOptions o2;
  Diagnostics d2;
  CHECK(!load_quality_config(bad, o2, d2));
  std::vector<int> lines;
  for (const auto& item : d2.items()) lines.push_back(item.location.line);
  CHECK(lines == std::vector<int>{1, 3, 4, 5, 6});
  CHECK(d2.items()[0].message.find("agncy") != std::string::npos);
  CHECK(d2.items()[1].message.find("是否指 party-age") != std::string::npos);
}

namespace {

// A report with one failure of several kinds and awkward text, for the printers.
QualityReport sample_report() {
  std::string csv = kHeader + row("A<1>&\"", {{"执法机关", ""}}) + row("A2", {{"罚款金额（元）", "待核实"}}) +
                    row("A3", {{"是否移送", "是"}, {"移送日期", "2023-03-20"}, {"案件状态", "已移送"}}) + "A4,坏行\n";
  QualityOptions o;
  o.severity["party-age"] = std::nullopt;
  o.severity["date-span"] = QualitySeverity::kError;
  return check_csv(csv, o);
}

std::string render(QualityFormat f, const QualityReport& r, QualitySeverity fail_on = QualitySeverity::kError) {
  std::ostringstream out;
  QualityReportOptions o;
  o.tool_version = "9.9.9";
  o.fail_on = fail_on;
  write_quality_report(f, r, out, o);
  return out.str();
}

}  // namespace

TEST_CASE("JSON report: valid, complete, counts agree with the report", "[quality][report]") {
  QualityReport r = sample_report();
  Json doc = xianjie::check_data_test::parse_json(render(QualityFormat::kJson, r));
  CHECK(doc["tool"].str == "xianjie");
  CHECK(doc["passed"].kind == Json::kBool);
  CHECK(!doc["passed"].b);
  const Json& s = doc["summary"];
  CHECK(s["rows_read"].number == 4);
  CHECK(s["rows_checked"].number == 3);
  CHECK(s["rows_rejected"].number == 1);
  CHECK(s["inputs"][0]["rows_read"].number == 4);
  const Json& checks = doc["checks"];
  REQUIRE(checks.items.size() == quality_checks().size());
  for (size_t k = 0; k < checks.items.size(); ++k) {
    CHECK(checks[k]["id"].str == quality_checks()[k].id);
    CHECK(checks[k]["failures"].number == static_cast<double>(r.checks[k].count));
  }
  CHECK(checks[*find_quality_check("party-age")]["severity"].str == "off");
  CHECK(checks[*find_quality_check("date-span")]["severity"].str == "error");
  const Json& missing = checks[*find_quality_check("missing-value")]["items"][0];
  CHECK(missing["case_id"].str == "A<1>&\"");
  CHECK(missing["line"].number == 2);
  CHECK(missing["field"].str == "agency");
  CHECK(checks[*find_quality_check("unreadable-row")]["items"][0]["line"].number == 5);
}

TEST_CASE("SARIF report: structurally valid 2.1.0 with file and line for every result", "[quality][report]") {
  QualityReport r = sample_report();
  Json log = xianjie::check_data_test::parse_json(render(QualityFormat::kSarif, r));
  auto problems = xianjie::check_data_test::sarif_problems(log);
  for (const auto& p : problems) INFO(p);
  CHECK(problems.empty());
  CHECK(log["version"].str == "2.1.0");
  CHECK(log["$schema"].str == "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json");
  const Json& run = log["runs"][0];
  CHECK(run["tool"]["driver"]["name"].str == "xianjie");
  CHECK(run["tool"]["driver"]["rules"].items.size() == quality_checks().size());
  size_t expected = 0;
  for (const auto& c : r.checks)
    if (c.severity) expected += c.failures.size();
  const Json& results = run["results"];
  REQUIRE(results.items.size() == expected);
  for (const Json& res : results.items) {
    const Json& loc = res["locations"][0]["physicalLocation"];
    CHECK(loc["artifactLocation"]["uri"].str.find("cases.csv") != std::string::npos);
    CHECK(loc["region"]["startLine"].number >= 1);
    CHECK(res["message"]["text"].str.size() > 0);
  }
  // info is SARIF's "note"; a changed severity is an override, a check turned off is disabled.
  bool note = false;
  for (const Json& res : results.items) note = note || res["level"].str == "note";
  CHECK(note);  // transfer-sequence
  const Json& overrides = run["invocations"][0]["ruleConfigurationOverrides"];
  std::vector<std::string> ids;
  for (const Json& o : overrides.items) ids.push_back(o["descriptor"]["id"].str);
  CHECK(std::find(ids.begin(), ids.end(), "party-age") != ids.end());
  CHECK(std::find(ids.begin(), ids.end(), "date-span") != ids.end());
  CHECK(std::find(ids.begin(), ids.end(), "date-future") != ids.end());  // no as-of date
  CHECK(run["invocations"][0]["executionSuccessful"].b);
}

TEST_CASE("JUnit report: one test case per check, failures by --fail-on, escaped XML", "[quality][report]") {
  QualityReport r = sample_report();
  std::string xml = render(QualityFormat::kJunit, r);
  CHECK(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites", 0) == 0);
  size_t failures = 0;
  for (const auto& c : r.checks) failures += c.severity && *c.severity == QualitySeverity::kError && c.count > 0;
  CHECK(xml.find(fmt::format("tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"2\"", quality_checks().size(), failures)) !=
        std::string::npos);
  CHECK(xml.find("A&lt;1&gt;&amp;&quot;") != std::string::npos);
  CHECK(xml.find("A<1>") == std::string::npos);
  CHECK(count_tags(xml, "<skipped message=\"已停用\"/>") == 2);  // party-age, and date-future without an as-of date
  // transfer-sequence is info: below --fail-on error it passes, listing what it found.
  size_t seq = xml.find("name=\"transfer-sequence");
  REQUIRE(seq != std::string::npos);
  CHECK(xml.find("<system-out>", seq) < xml.find("</testcase>", seq));
  // With --fail-on info it fails.
  std::string strict = render(QualityFormat::kJunit, r, QualitySeverity::kInfo);
  seq = strict.find("name=\"transfer-sequence");
  CHECK(strict.find("<failure type=\"info\"", seq) < strict.find("</testcase>", seq));
  CHECK(count_tags(xml, "<testcase ") == quality_checks().size());
}

TEST_CASE("table report: failures with locations, every check, the verdict", "[quality][report]") {
  QualityReport r = sample_report();
  std::string table = render(QualityFormat::kTable, r);
  CHECK(table.find("读取 4 行：检查 3 行，读取器拒绝 1 行") != std::string::npos);
  CHECK(table.find("[错误] missing-value · 必需字段为空 · 1 处") != std::string::npos);
  CHECK(table.find("cases.csv:2 · A<1>&\" · 必需字段 执法机关 为空") != std::string::npos);
  for (const auto& c : quality_checks()) CHECK(table.find(std::string(c.id)) != std::string::npos);
  CHECK(table.find("结果：未通过（--fail-on error）") != std::string::npos);
  CHECK(table.find("\x1b[") == std::string::npos);  // no colour unless asked
}
