// The canonical field table (data-dictionary.md) and header normalisation.
#include "xianjie/fields.h"

#include <algorithm>

#include "common/text.h"

namespace xianjie {
namespace {

using T = FieldType;

std::vector<FieldDef> make_cases() {
  return {
      {"case_id", T::kText, "案件编号", {"案件编号", "案号", "处罚决定书文号", "行政处罚决定书文号", "决定书文号", "文书号"}},
      {"agency", T::kText, "执法机关", {"执法机关", "处罚机关", "行政执法机关", "执法单位", "录入单位", "办案单位"}},
      {"region_code", T::kText, "行政区划代码", {"行政区划代码", "区划代码", "地区代码"}},
      {"domain", T::kText, "执法领域", {"执法领域", "行业领域", "所属领域", "执法类别"}},
      {"party_type", T::kPartyType, "当事人类型", {"当事人类型", "主体类型", "相对人类型"}},
      {"party_name", T::kText, "当事人", {"当事人", "当事人名称", "当事人姓名", "被处罚人", "行政相对人", "相对人名称"}},
      {"party_id", T::kText, "证件号码", {"证件号码", "身份证号", "身份证号码", "统一社会信用代码", "当事人证件号码", "相对人证件号码"}},
      {"legal_rep", T::kText, "法定代表人", {"法定代表人", "负责人"}},
      {"case_reason", T::kText, "案由", {"案由", "案件名称", "违法行为名称"}},
      {"facts", T::kText, "违法事实", {"违法事实", "主要违法事实", "案情简介", "案件事实"}},
      {"violation_date", T::kDate, "违法行为发生日期", {"违法行为发生日期", "违法时间", "案发时间", "违法日期"}},
      {"filing_date", T::kDate, "立案日期", {"立案日期", "立案时间"}},
      {"decision_date", T::kDate, "处罚决定日期", {"处罚决定日期", "决定日期", "处罚日期", "作出处罚决定日期"}},
      {"penalty_kinds", T::kList, "处罚种类", {"处罚种类", "处罚类别", "处罚内容"}},
      {"fine_amount", T::kAmount, "罚款金额", {"罚款金额", "罚款数额", "罚款"}},
      {"confiscated_income", T::kAmount, "没收违法所得", {"没收违法所得", "没收违法所得金额", "没收金额"}},
      {"illegal_income", T::kAmount, "违法所得", {"违法所得", "违法所得金额", "获利金额"}},
      {"sales_amount", T::kAmount, "销售金额", {"违法经营额", "销售金额", "经营数额", "非法经营数额"}},
      {"goods_value", T::kAmount, "货值金额", {"货值金额", "涉案货值", "未销售货值", "库存货值"}},
      {"amount_involved", T::kAmount, "涉案金额", {"涉案金额", "案值", "涉案价值"}},
      {"mineral_value", T::kAmount, "矿产品价值", {"矿产品价值", "非法采矿价值", "涉案矿产品价值"}},
      {"tax_evaded", T::kAmount, "逃避缴纳税款数额", {"偷逃税款", "逃避缴纳税款数额", "少缴税款", "偷税数额"}},
      {"tax_payable", T::kAmount, "应纳税额", {"应纳税额", "应纳税总额"}},
      {"invoice_tax", T::kAmount, "虚开税款数额", {"虚开税款数额", "虚开税额", "虚开发票税额"}},
      {"invoice_amount", T::kAmount, "虚开发票金额", {"虚开发票金额", "虚开金额", "发票票面金额"}},
      {"invoice_count", T::kInteger, "虚开发票份数", {"虚开发票份数", "发票份数"}},
      {"unpaid_wages", T::kAmount, "拖欠劳动报酬", {"拖欠劳动报酬", "欠薪金额", "拖欠工资数额"}},
      {"economic_loss", T::kAmount, "直接经济损失", {"直接经济损失", "经济损失"}},
      {"deaths", T::kInteger, "死亡人数", {"死亡人数"}},
      {"serious_injuries", T::kInteger, "重伤人数", {"重伤人数"}},
      {"exceed_multiple", T::kQuantity, "超标倍数", {"超标倍数", "超标排放倍数"}},
      {"quantity", T::kQuantity, "涉案数量", {"涉案数量", "数量", "涉案物品数量"}},
      {"quantity_unit", T::kText, "计量单位", {"计量单位", "数量单位"}},
      {"status", T::kText, "案件状态", {"案件状态", "办理状态"}},
      {"transferred", T::kBool, "是否移送", {"是否移送", "是否移送公安", "移送情况", "是否移送司法机关"}},
      {"transfer_date", T::kDate, "移送日期", {"移送日期", "移送时间"}},
  };
}

std::vector<FieldDef> make_transfers() {
  return {
      {"case_id", T::kText, "案件编号", {"案件编号", "原案件编号", "行政案件编号"}},
      {"transfer_no", T::kText, "移送文书号", {"移送文书号", "移送书编号"}},
      {"transfer_date", T::kDate, "移送日期", {"移送日期"}},
      {"receiving_agency", T::kText, "接收机关", {"接收机关", "受移送机关"}},
      {"police_decision", T::kPoliceDecision, "立案情况", {"立案情况", "公安处理结果", "是否立案"}},
      {"police_decision_date", T::kDate, "立案日期", {"立案日期", "处理日期", "决定日期"}},
  };
}

std::vector<FieldDef> make_non_prosecutions() {
  return {
      {"np_id", T::kText, "不起诉决定书文号", {"不起诉决定书文号", "决定书文号", "案件编号"}},
      {"party_name", T::kText, "被不起诉人", {"被不起诉人", "当事人", "姓名/名称"}},
      {"party_id", T::kText, "证件号码", {"证件号码", "身份证号码", "统一社会信用代码"}},
      {"offense", T::kText, "涉嫌罪名", {"涉嫌罪名", "罪名"}},
      {"decision_date", T::kDate, "不起诉决定日期", {"不起诉决定日期", "决定日期"}},
      {"needs_admin_penalty", T::kBool, "是否需要行政处罚", {"是否需要行政处罚", "是否移送行政处罚"}},
      {"referred_agency", T::kText, "检察意见移送机关", {"检察意见移送机关", "移送机关"}},
      {"referral_date", T::kDate, "检察意见发出日期", {"检察意见发出日期", "移送日期"}},
  };
}

}  // namespace

std::string_view field_type_name(FieldType t) {
  switch (t) {
    case T::kText: return "文本";
    case T::kAmount: return "金额";
    case T::kNumber: return "数值";
    case T::kInteger: return "整数";
    case T::kDate: return "日期";
    case T::kBool: return "是否";
    case T::kPartyType: return "当事人类型";
    case T::kPoliceDecision: return "立案情况";
    case T::kList: return "列表";
    case T::kQuantity: return "数量";
  }
  return "?";
}

const std::vector<FieldDef>& table_fields(TableKind table) {
  static const std::vector<FieldDef> cases = make_cases();
  static const std::vector<FieldDef> transfers = make_transfers();
  static const std::vector<FieldDef> non_prosecutions = make_non_prosecutions();
  switch (table) {
    case TableKind::kCases: return cases;
    case TableKind::kTransfers: return transfers;
    case TableKind::kNonProsecutions: return non_prosecutions;
  }
  return cases;
}

std::optional<int> find_case_field(std::string_view name) {
  const auto& f = cases_fields();
  for (size_t i = 0; i < f.size(); ++i)
    if (f[i].name == name) return static_cast<int>(i);
  return std::nullopt;
}

NormalizedHeader normalize_header(std::string_view header) {
  NormalizedHeader out;
  std::string s = fold_width(trim(header));
  // Remove spaces inside the header too: "罚款 金额" is the same column.
  s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
  if (!s.empty() && s.back() == ')') {
    size_t open = s.rfind('(');
    if (open != std::string::npos && open > 0) {
      std::string unit = s.substr(open + 1, s.size() - open - 2);
      s.erase(open);
      if (unit == "元" || unit == "人民币元") out.scale = 1;
      else if (unit == "万元" || unit == "万") out.scale = 10000;
      else if (unit == "亿元" || unit == "亿") out.scale = 100000000;
      else out.suffix = unit;
    }
  }
  out.name = std::move(s);
  return out;
}

std::optional<std::string> nearest_field_name(std::string_view name) {
  size_t best = std::string::npos;
  std::string_view best_name;
  for (const auto& f : cases_fields()) {
    size_t d = edit_distance(name, f.name);
    if (d < best) { best = d; best_name = f.name; }
  }
  // Only suggest when the typo is plausibly a typo: at most a third of the name differs.
  if (best_name.empty() || best > std::max<size_t>(2, name.size() / 3)) return std::nullopt;
  return std::string(best_name);
}

}  // namespace xianjie
