// Column headers and types of the generated table (see columns.h).
#include "columns.h"

namespace xianjie::synth {

const std::array<ColumnDef, kColumnCount>& columns() {
  static const std::array<ColumnDef, kColumnCount> kColumns = {{
      {"案件编号", "案件编号", "TEXT"},
      {"执法机关", "执法机关", "TEXT"},
      {"行政区划代码", "行政区划代码", "TEXT"},
      {"执法领域", "执法领域", "TEXT"},
      {"当事人类型", "当事人类型", "TEXT"},
      {"当事人名称", "当事人名称", "TEXT"},
      {"证件号码", "证件号码", "TEXT"},
      {"法定代表人", "法定代表人", "TEXT"},
      {"案由", "案由", "TEXT"},
      {"违法事实", "违法事实", "TEXT"},
      {"违法行为发生日期", "违法行为发生日期", "TEXT"},
      {"立案日期", "立案日期", "TEXT"},
      {"处罚决定日期", "处罚决定日期", "TEXT"},
      {"处罚种类", "处罚种类", "TEXT"},
      {"罚款金额（元）", "罚款金额（元）", "DECIMAL(18,2)"},
      {"没收违法所得（元）", "没收违法所得（元）", "DECIMAL(18,2)"},
      {"违法所得（元）", "违法所得（元）", "DECIMAL(18,2)"},
      {"销售金额（元）", "销售金额（元）", "DECIMAL(18,2)"},
      {"货值金额（元）", "货值金额（元）", "DECIMAL(18,2)"},
      {"涉案金额（万元）", "涉案金额", "DECIMAL(18,2)"},
      {"矿产品价值（元）", "矿产品价值（元）", "DECIMAL(18,2)"},
      {"偷逃税款（元）", "偷逃税款（元）", "DECIMAL(18,2)"},
      {"应纳税额（元）", "应纳税额（元）", "DECIMAL(18,2)"},
      {"涉案数量", "涉案数量", "DECIMAL(18,3)"},
      {"计量单位", "计量单位", "TEXT"},
      {"是否移送", "是否移送", "TEXT"},
      {"移送日期", "移送日期", "TEXT"},
      {"案件状态", "案件状态", "TEXT"},
  }};
  return kColumns;
}

bool is_amount_column(size_t c) { return c >= col::kFine && c <= col::kTaxPayable; }
bool is_date_column(size_t c) {
  return c == col::kViolationDate || c == col::kFilingDate || c == col::kDecisionDate || c == col::kTransferDate;
}

}  // namespace xianjie::synth
