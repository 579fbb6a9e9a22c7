// TAX-01 逃税: taxpayers who evaded tax for a year, found by an inspection bureau.
//
// Crossing needs both 逃税额 ≥ 10万 and 逃税额 ≥ 10% of the year's tax payable (ZS2-2022 art. 52,
// J-TAX24 art. 1–4). Before 2022-05-15 the amount was 5万; the later, higher figure is more
// lenient, so it applies to older conduct too and a 2021 case with 8万 evaded does not cross.
// Scenarios: amount across its bands (share ≥ 10%); share across its bands (amount ≥ 10万,
// exactly 10% included); old-era amounts between 5万 and 10万; small amounts.
#include "planted_cases.h"
#include "text_out.h"

namespace xianjie::synth {
namespace {

// Tax payable such that `evaded` is at least `percent` % of it (exactly, for 10).
int64_t payable_for_share(int64_t evaded, int64_t percent) { return evaded * 100 / percent; }

}  // namespace

Crossings make_tax_case(Rng& rng, CaseBuilder& builder, CaseRecord& r, CaseScratch& s, Band band) {
  r.planted = Offense::kTax01;
  r.domain = "税务";
  Place place = builder.pick_place(rng, false);
  size_t party = rng.weighted({20, 10, 70});
  PartyKind kind = party == 0 ? PartyKind::kIndividual : party == 1 ? PartyKind::kBusiness : PartyKind::kUnit;
  static constexpr std::string_view kTrades[] = {"贸易", "科技", "建筑工程", "商贸", "实业", "文化传媒", "餐饮管理"};
  builder.make_party(rng, r, s, kind, kind == PartyKind::kBusiness ? "商行" : rng.pick(kTrades), place);

  const Date first = CaseBuilder::first_day(), last = CaseBuilder::last_day();
  const Date change = tax_2022_effective();
  int64_t evaded = 0, payable = 0;
  switch (rng.weighted({40, 25, 20, 15})) {
    case 0: {  // amount decides; share 10–60 %
          evaded = amount_in_band(rng, threshold::kTaxEvaded, band);
      if (band == Band::kAbove || band == Band::kWellBelow) evaded = round_like_a_clerk(rng, evaded);
      payable = payable_for_share(evaded, rng.range(10, 60));
      r.violation_date = CaseBuilder::random_date(rng, first, last);
      break;
    }
    case 1: {  // share decides; amount at least 10万
      evaded = round_like_a_clerk(rng, yuan(rng.range(100000, 3000000)));
      switch (band) {
        case Band::kAt: payable = evaded * 10; break;                                 // exactly 10 %
        case Band::kJustBelow: payable = evaded * 10 + 1 + static_cast<int64_t>(rng.below(yuan(50))); break;
        case Band::kAbove: payable = payable_for_share(evaded, rng.range(11, 80)); break;
        case Band::kWellBelow: payable = payable_for_share(evaded, rng.range(1, 8)); break;
      }
      r.violation_date = CaseBuilder::random_date(rng, first, last);
      break;
    }
    case 2: {  // conduct before 2022-05-15
      switch (rng.weighted({60, 20, 20})) {
        case 0: evaded = rng.range(threshold::kTaxEvadedOld, threshold::kTaxEvaded - 1); break;  // 5万–10万
        case 1: evaded = threshold::kTaxEvaded + static_cast<int64_t>(rng.below(yuan(400000))); break;
        default: evaded = rng.range(yuan(10000), threshold::kTaxEvadedOld - 1); break;
      }
      if (rng.percent(60)) evaded = evaded / 100 * 100;
      payable = payable_for_share(evaded, rng.range(11, 50));
      r.violation_date = rng.percent(12) ? change.add_days(-1) : CaseBuilder::random_date(rng, first, change.add_days(-1));
      break;
    }
    default: {  // small amounts
      evaded = yuan(rng.range(2000, 45000));
      payable = payable_for_share(evaded, rng.range(3, 60));
      r.violation_date = CaseBuilder::random_date(rng, first, last);
      break;
    }
  }
  r.tax_evaded = evaded;
  r.tax_payable = payable;
  if (rng.percent(40)) r.amount_involved = evaded;

  // Title and facts.
  static constexpr std::string_view kUnitTitles[] = {"少缴增值税案", "隐匿收入少缴企业所得税案",
                                                      "进行虚假纳税申报少缴税款案", "通过个人账户收取货款隐匿收入少缴税款案"};
  static constexpr std::string_view kPersonTitles[] = {"隐匿收入偷逃个人所得税案", "少缴个人所得税案"};
  static constexpr std::string_view kMeans[] = {"在账簿上多列支出、不列或者少列收入", "隐匿销售收入", "进行虚假的纳税申报",
                                                "通过个人银行账户收取货款", "签订“阴阳合同”隐瞒真实收入"};
  static constexpr std::string_view kTaxes[] = {"增值税", "企业所得税", "增值税及附加税费", "个人所得税"};
  if (kind == PartyKind::kIndividual) append(r.case_reason, s.party_ref, rng.pick(kPersonTitles));
  else append(r.case_reason, s.party_ref, rng.pick(kUnitTitles));
  std::string_view tax = kind == PartyKind::kIndividual ? kTaxes[3] : kTaxes[rng.below(3)];
  r.facts.append("经查，当事人");
  append_int(r.facts, r.violation_date.year());
  append(r.facts, "年度通过", rng.pick(kMeans), "方式，少缴", tax);
  int style = static_cast<int>(rng.below(3));
  append_money_cn(r.facts, evaded, style);
  r.facts.append("，该年度应纳税额");
  append_money_cn(r.facts, payable, style);
  r.facts.append("，少缴税款占应纳税额的");
  append_fixed(r.facts, evaded * 10000 / payable, 2);  // truncated, as a clerk's 9.99% would be
  r.facts.append("%。");

  // Penalty: fine of 0.5–5 × the tax (税收征管法 第六十三条), mostly 0.5–1.5 ×.
  r.fine = evaded * (rng.percent(90) ? rng.range(50, 150) : rng.range(150, 500)) / 100 / 100 * 100;
  r.add_penalty("罚款");
  return builder.finish(rng, r, AgencyKind::kTax, place);
}

}  // namespace xianjie::synth
