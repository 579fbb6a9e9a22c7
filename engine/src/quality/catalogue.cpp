// The catalogue of data-quality checks, severities, required-field lists and option validation
// (contracts in quality.h). The catalogue is the single list the checker, the printers, the CLI's
// --list-checks and docs/cli.md agree on; its order is that of quality::Check (check_ids.h).
#include <fmt/format.h>

#include "common/text.h"
#include "quality/check_ids.h"
#include "xianjie/fields.h"
#include "xianjie/quality.h"

namespace xianjie {

using S = QualitySeverity;

std::string_view quality_severity_name(QualitySeverity s) {
  switch (s) {
    case S::kError: return "error";
    case S::kWarning: return "warning";
    case S::kInfo: return "info";
  }
  return "error";
}

std::string_view quality_severity_label(QualitySeverity s) {
  switch (s) {
    case S::kError: return "错误";
    case S::kWarning: return "警告";
    case S::kInfo: return "提示";
  }
  return "错误";
}

std::optional<QualitySeverity> parse_quality_severity(std::string_view name) {
  name = trim(name);
  if (name == "error" || name == "错误") return S::kError;
  if (name == "warning" || name == "警告") return S::kWarning;
  if (name == "info" || name == "提示") return S::kInfo;
  return std::nullopt;
}

const std::vector<QualityCheckInfo>& quality_checks() {
  static const std::vector<QualityCheckInfo> checks = {
      {"unreadable-row", "无法读取的行", S::kError,
       "读取器拒绝的行（引号未闭合、字段数不对、非法编码、NUL 字节），这些行不会被扫描。"},
      {"missing-column", "缺少必需字段的列", S::kError,
       "输入中没有任何列对应某个必需字段（列名见数据字典，--mapping 可补充别名）。"},
      {"column-mapping", "列名对应提示", S::kInfo,
       "未对应标准字段的列、对应同一字段的重复列、被忽略的单位等列名问题。"},
      {"missing-value", "必需字段为空", S::kError,
       "必需字段（--require）在该行为空或为 无、/、- 等缺失标记；已标记移送的案件可以没有处罚决定日期。"},
      {"unparsable-value", "无法解析的值", S::kError,
       "金额、日期、数量、是否移送等值无法按扫描时的解析规则识别；扫描时这些值按缺失处理，不会当作 0。"},
      {"duplicate-case-id", "案件编号重复", S::kError,
       "同一案件编号出现多次（本次检查的所有输入合并计算，忽略首尾空白和全角半角差异），并指出首次出现的位置。"},
      {"party-id-invalid", "证件号码校验不通过", S::kError,
       "居民身份证号码（GB 11643）或统一社会信用代码（GB 32100）的长度、字符、出生日期、行政区划或校验位有误。"},
      {"party-id-type-mismatch", "证件类型与当事人类型不符", S::kWarning,
       "单位使用居民身份证号码，或个人使用非个体工商户的统一社会信用代码。"},
      {"party-id-legacy", "15 位身份证号码", S::kInfo, "第一代 15 位居民身份证号码，已升为 18 位后核对。"},
      {"party-age", "当事人年龄不合理", S::kWarning,
       "按身份证号码中的出生日期，当事人在违法行为发生时尚未出生或未满十四周岁（行政处罚法第三十条不予处罚）。"},
      {"date-order", "日期先后矛盾", S::kError,
       "立案、处罚决定或移送日期早于违法行为发生日期，或处罚决定日期早于立案日期。"},
      {"date-future", "日期晚于检查基准日", S::kError, "日期晚于 --as-of 指定的日期（未指定时不检查）。"},
      {"date-span", "日期间隔过长", S::kWarning,
       "立案、处罚决定或移送日期比违法行为发生日期晚五年以上，超过行政处罚法第三十六条最长的追责期限，多为年份录入错误。"},
      {"transfer-sequence", "先移送后立案或处罚", S::kInfo,
       "移送日期早于立案日期或处罚决定日期。这是合法的（可以先移送，公安机关不予立案的再作处罚），但值得核对。"},
      {"transfer-date-missing", "已移送但无移送日期", S::kError, "是否移送为“是”，移送日期为空。"},
      {"transfer-conflict", "移送标记与移送日期矛盾", S::kError, "是否移送为“否”，却填有移送日期。"},
      {"transfer-status-conflict", "案件状态与移送标记矛盾", S::kWarning,
       "案件状态写“已移送”而是否移送为“否”，或案件状态写“未移送”而是否移送为“是”。"},
      {"negative-value", "负数", S::kError, "金额、数量、人数等为负数。"},
      {"absurd-amount", "金额过大", S::kWarning,
       "金额超过 --max-amount（默认 1000 亿元），多为单位错误（万元列填了元）或多打了位数。"},
      {"amount-inconsistent", "金额相互矛盾", S::kWarning,
       "逃税额大于应纳税额、没收违法所得大于违法所得、虚开税款数额大于虚开发票金额。"},
      {"amount-approximate", "约数金额", S::kInfo, "金额写作约数（5万余元、约5万元），按所写数字比较。"},
      {"fine-penalty-mismatch", "罚款与处罚种类不符", S::kWarning,
       "处罚种类含罚款而罚款金额为空或为 0，或填有罚款金额而处罚种类不含罚款。"},
      {"penalty-kind-unknown", "未知的处罚种类", S::kInfo,
       "处罚种类中有行政处罚法第九条所列种类以外的内容（如 责令改正，它不是行政处罚）。"},
      {"quantity-unit-missing", "数量没有单位", S::kWarning,
       "涉案数量没有单位（数值和计量单位列都没有），按重量、株数等比较的规则无法使用。"},
      {"region-code-invalid", "行政区划代码格式错误", S::kWarning, "行政区划代码不是 6 位数字。"},
      {"text-garbled", "乱码或表格错误值", S::kWarning,
       "文本中有替换字符 �、“锟斤拷”、连续问号等转码损坏的痕迹，或 #VALUE!、#REF! 等表格软件的错误值。"},
  };
  static_assert(quality::kCheckCount == 26, "the catalogue must list every quality::Check");
  return checks;
}

std::optional<size_t> find_quality_check(std::string_view id) {
  const auto& checks = quality_checks();
  for (size_t k = 0; k < checks.size(); ++k)
    if (checks[k].id == id) return k;
  return std::nullopt;
}

std::string quality::unknown_check_message(std::string_view id) {
  std::string_view near;
  size_t best = 4;  // farther than this is no hint
  for (const auto& c : quality_checks()) {
    size_t d = edit_distance(id, c.id);
    if (d < best) { best = d; near = c.id; }
  }
  return fmt::format("未知的检查项 '{}'{}", id, near.empty() ? "（xianjie check-data --list-checks 列出全部检查项）"
                                                          : fmt::format("（是否指 {}？）", near));
}

std::vector<RequiredField> default_required_fields() {
  return {{"case_id"}, {"agency"}, {"party_name"}, {"case_reason", "facts"}, {"violation_date"}, {"decision_date"}};
}

std::string required_field_text(const RequiredField& r) {
  std::string out;
  for (const auto& f : r) {
    if (!out.empty()) out += '|';
    out += f;
  }
  return out;
}

std::optional<std::vector<RequiredField>> parse_required_fields(std::string_view list, std::string& error) {
  std::vector<RequiredField> out;
  auto unknown = [&](std::string_view name) {
    auto near = nearest_field_name(name);
    error = fmt::format("未知的标准字段 '{}'{}", name, near ? fmt::format("（是否指 {}？）", *near) : "");
  };
  size_t pos = 0;
  while (pos <= list.size()) {
    size_t comma = list.find(',', pos);
    std::string_view item = trim(list.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos));
    pos = comma == std::string_view::npos ? list.size() + 1 : comma + 1;
    if (item.empty()) continue;
    RequiredField group;
    size_t p = 0;
    while (p <= item.size()) {
      size_t bar = item.find('|', p);
      std::string_view name = trim(item.substr(p, bar == std::string_view::npos ? std::string_view::npos : bar - p));
      p = bar == std::string_view::npos ? item.size() + 1 : bar + 1;
      if (name.empty()) continue;
      if (!find_case_field(name)) {
        unknown(name);
        return std::nullopt;
      }
      group.emplace_back(name);
    }
    if (!group.empty()) out.push_back(std::move(group));
  }
  return out;
}

bool validate_quality_options(const QualityOptions& options, std::vector<std::string>& errors) {
  size_t before = errors.size();
  for (const auto& entry : options.severity)
    if (!find_quality_check(entry.first)) errors.push_back(quality::unknown_check_message(entry.first));
  for (const auto& group : options.required) {
    if (group.empty()) errors.push_back("必需字段的一项为空");
    for (const auto& name : group)
      if (!find_case_field(name)) {
        auto near = nearest_field_name(name);
        errors.push_back(fmt::format("未知的标准字段 '{}'{}", name, near ? fmt::format("（是否指 {}？）", *near) : ""));
      }
  }
  if (options.max_amount.is_negative() || options.max_amount.is_zero()) errors.push_back("金额上限应为正数");
  return errors.size() == before;
}

uint64_t QualityReport::failures_at_or_above(QualitySeverity s) const {
  uint64_t n = 0;
  for (const auto& c : checks)
    if (c.severity && *c.severity <= s) n += c.count;
  return n;
}

std::array<uint64_t, kQualitySeverities> QualityReport::failures_by_severity() const {
  std::array<uint64_t, kQualitySeverities> out{};
  for (const auto& c : checks)
    if (c.severity) out[static_cast<size_t>(*c.severity)] += c.count;
  return out;
}

}  // namespace xianjie
