// Exact decimals and calendar arithmetic: the foundations of every threshold comparison.
#include <catch2/catch.hpp>

#include "xianjie/date.h"
#include "xianjie/decimal.h"
#include "xianjie/fields.h"

using namespace xianjie;

TEST_CASE("decimal parses and compares exactly") {
  REQUIRE(Decimal::parse("50000.00") == Decimal::parse("50000"));
  REQUIRE(Decimal::parse("0.1")->add(*Decimal::parse("0.2")) == Decimal::parse("0.3"));
  REQUIRE(Decimal::parse("-12.5")->units() == -125000);
  REQUIRE(Decimal::parse("1.23456")->units() == 12346);  // rounded half away from zero
  REQUIRE_FALSE(Decimal::parse(""));
  REQUIRE_FALSE(Decimal::parse("."));
  REQUIRE_FALSE(Decimal::parse("1,000"));
  REQUIRE_FALSE(Decimal::parse("99999999999999999999"));
}

TEST_CASE("decimal arithmetic is checked") {
  auto big = Decimal::from_units(INT64_MAX);
  REQUIRE_FALSE(big.add(Decimal::from_units(1)));
  REQUIRE_FALSE(Decimal::parse("1")->div(Decimal()));
  REQUIRE(Decimal::parse("3")->mul(*Decimal::parse("16666.6667")) == Decimal::parse("50000.0001"));
  REQUIRE(Decimal::parse("1")->div(*Decimal::parse("3")) == Decimal::parse("0.3333"));
}

TEST_CASE("decimal formatting") {
  REQUIRE(Decimal::parse("52000")->to_grouped(2) == "52,000.00");
  REQUIRE(Decimal::parse("1234567.5")->to_grouped(0) == "1,234,567.5");
  REQUIRE(Decimal::parse("-999")->to_grouped(0) == "-999");
  REQUIRE(Decimal::parse("0.0001")->to_string() == "0.0001");
  REQUIRE(Decimal::parse("150000")->to_string() == "150000");
}

TEST_CASE("calendar windows clamp at month ends") {
  auto d = *Date::from_ymd(2021, 3, 1);
  REQUIRE(d.add_years(2).to_string() == "2023-03-01");
  REQUIRE(Date::from_ymd(2020, 2, 29)->add_years(1).to_string() == "2021-02-28");
  REQUIRE(Date::from_ymd(2020, 2, 29)->add_years(4).to_string() == "2024-02-29");
  REQUIRE(Date::from_ymd(2023, 1, 31)->add_months(1).to_string() == "2023-02-28");
  REQUIRE_FALSE(Date::from_ymd(2023, 2, 29));
  REQUIRE_FALSE(Date::from_ymd(2023, 13, 1));
  REQUIRE(Date::from_ymd(1970, 1, 1)->days() == 0);
  REQUIRE(Date::from_ymd(2000, 3, 1)->days() - Date::from_ymd(2000, 2, 28)->days() == 2);
}

TEST_CASE("named slots match the field table") {
  REQUIRE(find_case_field("case_id") == slot::kCaseId);
  REQUIRE(find_case_field("agency") == slot::kAgency);
  REQUIRE(find_case_field("domain") == slot::kDomain);
  REQUIRE(find_case_field("party_type") == slot::kPartyType);
  REQUIRE(find_case_field("party_name") == slot::kPartyName);
  REQUIRE(find_case_field("party_id") == slot::kPartyId);
  REQUIRE(find_case_field("case_reason") == slot::kCaseReason);
  REQUIRE(find_case_field("facts") == slot::kFacts);
  REQUIRE(find_case_field("violation_date") == slot::kViolationDate);
  REQUIRE(find_case_field("decision_date") == slot::kDecisionDate);
  REQUIRE(find_case_field("fine_amount") == slot::kFineAmount);
  REQUIRE(find_case_field("quantity") == slot::kQuantity);
  REQUIRE(find_case_field("quantity_unit") == slot::kQuantityUnit);
  REQUIRE(find_case_field("transferred") == slot::kTransferred);
  REQUIRE(find_case_field("transfer_date") == slot::kTransferDate);
}

TEST_CASE("headers normalise width, spaces and units") {
  auto h = normalize_header("  涉案金额（万元） ");
  REQUIRE(h.name == "涉案金额");
  REQUIRE(h.scale == 10000);
  REQUIRE(normalize_header("罚款金额(元)").name == "罚款金额");
  REQUIRE(normalize_header("罚款金额（元）").scale == 1);
  REQUIRE(normalize_header("涉案数量（公斤）").suffix == "公斤");
  REQUIRE(nearest_field_name("sales_amout") == std::string("sales_amount"));
  REQUIRE_FALSE(nearest_field_name("zzzzzzzzzzzz"));
}
