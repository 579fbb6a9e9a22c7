// The checks of what a row's values say: signs and sizes of amounts, amounts that contradict each
// other, party ids against GB 11643 / GB 32100 and against the party type, the order of the case's
// dates, the transfer fields, penalty kinds, and text damaged on its way through a spreadsheet or
// an encoding conversion. Each check works on the typed values the scan's RecordBuilder produced,
// and skips a value that did not parse: that one is already reported as unparsable-value.
#include <fmt/format.h>

#include <array>
#include <optional>
#include <string_view>

#include "common/text.h"
#include "quality/row_checks.h"
#include "xianjie/fields.h"
#include "xianjie/party.h"
#include "xianjie/value_parse.h"

namespace xianjie::quality {
namespace {

std::string_view label_of(int slot) { return cases_fields()[static_cast<size_t>(slot)].label; }

int field_slot(std::string_view name) { return *find_case_field(name); }

std::optional<Date> date_of(const Value& v) {
  if (v.type() != ValueType::kDate) return std::nullopt;
  return v.as_date();
}

std::optional<Decimal> amount_of(const Value& v) {
  if (v.type() != ValueType::kDecimal) return std::nullopt;
  return v.as_decimal();
}

std::string yuan(Decimal d) { return d.to_grouped(2) + " 元"; }

bool contains(std::string_view hay, std::string_view needle) { return hay.find(needle) != std::string_view::npos; }

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// Items of a 处罚种类 cell: separated by ; ； 、 , ， (data-dictionary.md, type list).
template <typename F>
void for_each_item(std::string_view list, F&& f) {
  static constexpr std::string_view kSeparators[] = {";", "；", "、", ",", "，"};
  size_t start = 0, i = 0;
  while (i <= list.size()) {
    size_t sep = 0;
    if (i < list.size())
      for (std::string_view s : kSeparators)
        if (list.compare(i, s.size(), s) == 0) { sep = s.size(); break; }
    if (i == list.size() || sep > 0) {
      std::string_view item = trim(list.substr(start, i - start));
      if (!item.empty()) f(item);
      if (i == list.size()) break;
      i += sep;
      start = i;
    } else {
      ++i;
    }
  }
}

// The kinds of 行政处罚法 第九条 (data-dictionary.md), matched by their leading words so that
// 吊销营业执照, 没收非法财物（假冒商品 20 件） and 罚款 5000 元 count as what they are.
constexpr std::string_view kPenaltyKinds[] = {
    "警告", "通报批评", "罚款", "没收违法所得", "没收非法财物", "没收", "暂扣", "降低资质等级", "吊销",
    "限制开展生产经营活动", "责令停产停业", "责令关闭", "限制从业", "行政拘留", "其他行政处罚",
    "法律、行政法规规定的其他行政处罚"};

bool is_fine_item(std::string_view item) { return starts_with(item, "罚款"); }

// Cells a spreadsheet writes when a formula fails (#N/A is a missing token, see value_parse.h).
constexpr std::string_view kSpreadsheetErrors[] = {"#VALUE!", "#REF!", "#NAME?", "#DIV/0!", "#NUM!", "#NULL!",
                                                   "#GETTING_DATA", "#SPILL!", "#CALC!"};

}  // namespace

void RowChecks::check_values(RowState& row) {
  const bool negative = failures_.enabled(Check::kNegativeValue);
  for (int s : amount_slots_) {
    const Value& v = value(row, s);
    auto d = amount_of(v);
    if (!d) continue;
    if (d->is_negative()) {
      if (QualityFailure* f = fail(Check::kNegativeValue, row, s))
        f->message = fmt::format("{}为负数：{}", label_of(s), yuan(*d));
    } else if (*d > options_.max_amount) {
      if (QualityFailure* f = fail(Check::kAbsurdAmount, row, s))
        f->message = fmt::format("{} {} 超过上限 {}，请核对单位（元/万元）和位数", label_of(s), yuan(*d), yuan(options_.max_amount));
    }
    if (v.approximate())
      if (QualityFailure* f = fail(Check::kAmountApproximate, row, s))
        f->message = fmt::format("{}“{}”是约数，按 {} 比较", label_of(s), raw(row, s), yuan(*d));
  }
  if (negative) {
    for (int s : integer_slots_) {
      const Value& v = value(row, s);
      if (v.type() == ValueType::kInt && v.as_int() < 0)
        if (QualityFailure* f = fail(Check::kNegativeValue, row, s))
          f->message = fmt::format("{}为负数：{}", label_of(s), v.as_int());
    }
    for (int s : number_slots_) {
      const Value& v = value(row, s);
      if (v.type() == ValueType::kDecimal && v.as_decimal().is_negative())
        if (QualityFailure* f = fail(Check::kNegativeValue, row, s))
          f->message = fmt::format("{}为负数：{}", label_of(s), v.as_decimal().to_string());
    }
  }
  for (int s : quantity_slots_) {
    const Value& v = value(row, s);
    if (v.type() != ValueType::kQuantity) continue;
    Quantity q = v.as_quantity();
    if (q.amount.is_negative()) {
      if (QualityFailure* f = fail(Check::kNegativeValue, row, s))
        f->message = fmt::format("{}为负数：{}", label_of(s), raw(row, s));
    }
    if (s == slot::kQuantity && q.dimension == Dimension::kNone)
      if (QualityFailure* f = fail(Check::kQuantityUnitMissing, row, s))
        f->message = fmt::format("涉案数量“{}”没有单位，计量单位列也为空", raw(row, s));
  }
}

void RowChecks::check_amount_relations(RowState& row) {
  if (!failures_.enabled(Check::kAmountInconsistent)) return;
  // (larger one must not exceed) pairs: the part and the whole it is a part of.
  struct Pair { std::string_view part, whole, why; };
  static constexpr Pair kPairs[] = {
      {"tax_evaded", "tax_payable", "逃税额不能超过应纳税额"},
      {"confiscated_income", "illegal_income", "没收的违法所得不能超过违法所得"},
      {"invoice_tax", "invoice_amount", "发票税额不能超过票面金额"},
  };
  for (const Pair& p : kPairs) {
    const int part = field_slot(p.part), whole = field_slot(p.whole);
    auto a = amount_of(value(row, part)), b = amount_of(value(row, whole));
    if (!a || !b || *a <= *b || a->is_negative() || b->is_negative()) continue;
    if (QualityFailure* f = fail(Check::kAmountInconsistent, row, part))
      f->message = fmt::format("{} {} 大于{} {}：{}", label_of(part), yuan(*a), label_of(whole), yuan(*b), p.why);
  }
}

void RowChecks::check_party(RowState& row) {
  const Value& id_value = value(row, slot::kPartyId);
  if (id_value.type() != ValueType::kText) return;
  const Value& type_value = value(row, slot::kPartyType);
  std::optional<PartyType> type;
  if (type_value.type() == ValueType::kText) {
    if (type_value.as_text() == party_type_name(PartyType::kUnit)) type = PartyType::kUnit;
    else if (type_value.as_text() == party_type_name(PartyType::kIndividual)) type = PartyType::kIndividual;
  }
  const IdCheck id = classify_party_id(
      id_value.as_text(), type == PartyType::kUnit ? PartyIdKind::kCreditCode : PartyIdKind::kResidentId);
  if (!id.valid()) {
    if (QualityFailure* f = fail(Check::kPartyIdInvalid, row, slot::kPartyId))
      f->message = id.kind == PartyIdKind::kUnknown ? fmt::format("证件号码“{}”有误：{}", id_value.as_text(), id.reason())
                                                    : fmt::format("{}“{}”有误：{}", party_id_kind_label(id.kind),
                                                                  id_value.as_text(), id.reason());
    return;
  }
  if (id.upgraded)
    if (QualityFailure* f = fail(Check::kPartyIdLegacy, row, slot::kPartyId))
      f->message = fmt::format("15 位居民身份证号码，对应的 18 位号码为 {}", id.normalized());
  const bool individual_business = id.kind == PartyIdKind::kCreditCode && id.normalized().substr(0, 2) == "92";
  if (type == PartyType::kUnit && id.kind == PartyIdKind::kResidentId) {
    if (QualityFailure* f = fail(Check::kPartyIdTypeMismatch, row, slot::kPartyId))
      f->message = "当事人类型为单位，证件号码却是居民身份证号码（可能是经营者或法定代表人的）";
  } else if (type == PartyType::kIndividual && id.kind == PartyIdKind::kCreditCode && !individual_business) {
    if (QualityFailure* f = fail(Check::kPartyIdTypeMismatch, row, slot::kPartyId))
      f->message = "当事人类型为个人，证件号码却是单位的统一社会信用代码";
  }
  // The birth date of a resident id against the violation date; for a unit the id is a person's
  // behind it, whose age says nothing about the case.
  if (id.kind != PartyIdKind::kResidentId || type == PartyType::kUnit || !failures_.enabled(Check::kPartyAge)) return;
  auto violation = date_of(value(row, slot::kViolationDate));
  if (!violation) return;
  std::string_view digits = id.normalized().substr(6, 8);
  auto num = [&](size_t at, size_t n) {
    int v = 0;
    for (size_t k = at; k < at + n; ++k) v = v * 10 + (digits[k] - '0');
    return v;
  };
  auto birth = Date::from_ymd(num(0, 4), num(4, 2), num(6, 2));
  if (!birth) return;  // the id check already rejects impossible birth dates
  if (*birth > *violation) {
    if (QualityFailure* f = fail(Check::kPartyAge, row, slot::kPartyId))
      f->message = fmt::format("证件号码中的出生日期 {} 晚于违法行为发生日期 {}", birth->to_string(), violation->to_string());
  } else if (*violation < birth->add_years(14)) {
    if (QualityFailure* f = fail(Check::kPartyAge, row, slot::kPartyId))
      f->message = fmt::format("出生日期 {}，违法行为发生日期 {} 时未满十四周岁（行政处罚法第三十条：不予行政处罚）",
                               birth->to_string(), violation->to_string());
  }
}

void RowChecks::check_dates(RowState& row) {
  const int violation_slot = slot::kViolationDate, filing_slot = slot::kFilingDate, decision_slot = slot::kDecisionDate,
            transfer_slot = slot::kTransferDate;
  const auto violation = date_of(value(row, violation_slot));
  const auto filing = date_of(value(row, filing_slot));
  const auto decision = date_of(value(row, decision_slot));
  const auto transfer = date_of(value(row, transfer_slot));
  auto before = [&](Check c, int late_slot, std::optional<Date> late, int early_slot, std::optional<Date> early,
                    std::string_view note) {
    if (!late || !early || !(*late < *early)) return;
    if (QualityFailure* f = fail(c, row, late_slot))
      f->message = fmt::format("{} {} 早于{} {}{}", label_of(late_slot), late->to_string(), label_of(early_slot),
                               early->to_string(), note);
  };
  before(Check::kDateOrder, filing_slot, filing, violation_slot, violation, "");
  before(Check::kDateOrder, decision_slot, decision, violation_slot, violation, "");
  before(Check::kDateOrder, transfer_slot, transfer, violation_slot, violation, "");
  before(Check::kDateOrder, decision_slot, decision, filing_slot, filing, "");
  before(Check::kTransferSequence, transfer_slot, transfer, filing_slot, filing, "：立案前即移送");
  before(Check::kTransferSequence, transfer_slot, transfer, decision_slot, decision,
         "：先移送后处罚（公安机关不予立案后作出处罚时属正常），请核对");

  if (violation && failures_.enabled(Check::kDateSpan)) {
    // 行政处罚法 第三十六条: two years, five where life, health or financial security was harmed.
    const Date limit = violation->add_years(5);
    for (int s : {filing_slot, decision_slot, transfer_slot}) {
      auto d = date_of(value(row, s));
      if (!d || !(*d > limit)) continue;
      if (QualityFailure* f = fail(Check::kDateSpan, row, s))
        f->message = fmt::format("{} {} 比违法行为发生日期 {} 晚五年以上，请核对年份", label_of(s), d->to_string(),
                                 violation->to_string());
    }
  }
  if (options_.as_of && failures_.enabled(Check::kDateFuture)) {
    for (int s : {violation_slot, filing_slot, decision_slot, transfer_slot}) {
      auto d = date_of(value(row, s));
      if (!d || !(*d > *options_.as_of)) continue;
      if (QualityFailure* f = fail(Check::kDateFuture, row, s))
        f->message = fmt::format("{} {} 晚于检查基准日 {}", label_of(s), d->to_string(), options_.as_of->to_string());
    }
  }
}

void RowChecks::check_transfer(RowState& row) {
  const Value& flag = value(row, slot::kTransferred);
  const bool marked = flag.type() == ValueType::kBool && flag.as_bool();
  const bool marked_not = flag.type() == ValueType::kBool && !flag.as_bool();
  const Value& date = value(row, slot::kTransferDate);
  if (marked && date.is_null() && !bad(slot::kTransferDate))
    if (QualityFailure* f = fail(Check::kTransferDateMissing, row, slot::kTransferDate))
      f->message = fmt::format("是否移送为“{}”，移送日期为空", raw(row, slot::kTransferred));
  if (marked_not && date.type() == ValueType::kDate)
    if (QualityFailure* f = fail(Check::kTransferConflict, row, slot::kTransferred))
      f->message = fmt::format("是否移送为“{}”，却填有移送日期 {}", raw(row, slot::kTransferred), date.as_date().to_string());

  static const int status_slot = field_slot("status");
  const Value& status = value(row, status_slot);
  if (status.type() != ValueType::kText || (!marked && !marked_not)) return;
  const std::string_view s = status.as_text();
  const bool says_not = contains(s, "未移送") || contains(s, "不移送") || contains(s, "不予移送");
  const bool says_done = !says_not && contains(s, "已移送");
  if ((says_done && marked_not) || (says_not && marked))
    if (QualityFailure* f = fail(Check::kTransferStatusConflict, row, status_slot))
      f->message = fmt::format("案件状态为“{}”，是否移送却为“{}”", s, raw(row, slot::kTransferred));
}

void RowChecks::check_penalties(RowState& row) {
  const Value& kinds = value(row, slot::kPenaltyKinds);
  const Value& fine = value(row, slot::kFineAmount);
  if (kinds.type() != ValueType::kList) return;
  bool lists_fine = false;
  for_each_item(kinds.as_text(), [&](std::string_view item) {
    lists_fine = lists_fine || is_fine_item(item);
    bool known = false;
    for (std::string_view k : kPenaltyKinds) known = known || starts_with(item, k);
    if (known) return;
    if (QualityFailure* f = fail(Check::kPenaltyKindUnknown, row, slot::kPenaltyKinds))
      f->message = item == "责令改正" || starts_with(item, "责令改正")
                       ? fmt::format("“{}”不是行政处罚种类（行政处罚法第二十八条：责令改正与处罚并行）", item)
                       : fmt::format("“{}”不是行政处罚法第九条所列的处罚种类", item);
  });
  if (bad(slot::kFineAmount)) return;
  auto amount = amount_of(fine);
  if (lists_fine && (!amount || amount->is_zero())) {
    if (QualityFailure* f = fail(Check::kFinePenaltyMismatch, row, slot::kFineAmount))
      f->message = fmt::format("处罚种类“{}”含罚款，罚款金额却{}", kinds.as_text(), amount ? "为 0" : "为空");
  } else if (!lists_fine && amount && amount->units() > 0) {
    if (QualityFailure* f = fail(Check::kFinePenaltyMismatch, row, slot::kFineAmount))
      f->message = fmt::format("罚款金额 {}，处罚种类“{}”却不含罚款", yuan(*amount), kinds.as_text());
  }
}

void RowChecks::check_texts(RowState& row) {
  static const int region_slot = field_slot("region_code");
  const Value& region = value(row, region_slot);
  if (region.type() == ValueType::kText && failures_.enabled(Check::kRegionCode)) {
    const std::string code = fold_width(region.as_text());
    bool six_digits = code.size() == 6;
    for (char c : code) six_digits = six_digits && c >= '0' && c <= '9';
    if (!six_digits || code == "000000")
      if (QualityFailure* f = fail(Check::kRegionCode, row, region_slot))
        f->message = fmt::format("行政区划代码“{}”不是 6 位数字的区划代码", region.as_text());
  }
  if (!failures_.enabled(Check::kTextGarbled)) return;
  for (int s : text_slots_) {
    const Value& v = value(row, s);
    if (v.type() != ValueType::kText && v.type() != ValueType::kList) continue;
    const std::string_view t = v.as_text();
    std::string_view why;
    for (std::string_view e : kSpreadsheetErrors)
      if (t == e) why = "是表格软件的错误值，原值已丢失";
    if (why.empty() && contains(t, "\xEF\xBF\xBD")) why = "含替换字符 �，转码时丢失了字符";
    if (why.empty() && contains(t, "锟斤拷")) why = "含“锟斤拷”，UTF-8 文本被当作 GBK 转码后损坏";
    if (why.empty() && contains(t, "???")) why = "含连续问号，多为转码时无法表示的汉字被替换";
    if (why.empty()) continue;
    if (QualityFailure* f = fail(Check::kTextGarbled, row, s)) f->message = fmt::format("{}“{}”{}", label_of(s), t, why);
  }
}

}  // namespace xianjie::quality
