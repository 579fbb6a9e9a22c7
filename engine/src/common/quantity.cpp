// The unit table: every spelling that exports use, mapped to a dimension and a factor to the base.
#include "xianjie/quantity.h"

#include <array>

namespace xianjie {
namespace {

constexpr Decimal units(int64_t u) { return Decimal::from_units(u); }
constexpr int64_t k1 = Decimal::kOne;

struct Entry { std::string_view spelling; Unit unit; };

// Spellings are compared exactly after the caller trims them; ASCII spellings are listed in the
// cases that occur (kg, KG, Kg).
const std::array kUnits = {
    Entry{"公斤", {"公斤", Dimension::kMass, units(k1)}},
    Entry{"千克", {"公斤", Dimension::kMass, units(k1)}},
    Entry{"kg", {"公斤", Dimension::kMass, units(k1)}},
    Entry{"KG", {"公斤", Dimension::kMass, units(k1)}},
    Entry{"Kg", {"公斤", Dimension::kMass, units(k1)}},
    Entry{"斤", {"斤", Dimension::kMass, units(k1 / 2)}},
    Entry{"市斤", {"斤", Dimension::kMass, units(k1 / 2)}},
    Entry{"克", {"克", Dimension::kMass, units(k1 / 1000)}},
    Entry{"g", {"克", Dimension::kMass, units(k1 / 1000)}},
    Entry{"吨", {"吨", Dimension::kMass, units(1000 * k1)}},
    Entry{"t", {"吨", Dimension::kMass, units(1000 * k1)}},
    Entry{"T", {"吨", Dimension::kMass, units(1000 * k1)}},
    Entry{"立方米", {"立方米", Dimension::kVolume, units(k1)}},
    Entry{"立方", {"立方米", Dimension::kVolume, units(k1)}},
    Entry{"方", {"立方米", Dimension::kVolume, units(k1)}},
    Entry{"m³", {"立方米", Dimension::kVolume, units(k1)}},
    Entry{"m3", {"立方米", Dimension::kVolume, units(k1)}},
    Entry{"平方米", {"平方米", Dimension::kArea, units(k1)}},
    Entry{"㎡", {"平方米", Dimension::kArea, units(k1)}},
    Entry{"m²", {"平方米", Dimension::kArea, units(k1)}},
    Entry{"m2", {"平方米", Dimension::kArea, units(k1)}},
    Entry{"亩", {"亩", Dimension::kArea, units(6666700)}},          // 666.67 m² (data dictionary)
    Entry{"公顷", {"公顷", Dimension::kArea, units(15 * 6666700)}},  // 15 亩 (data dictionary)
    Entry{"米", {"米", Dimension::kLength, units(k1)}},
    Entry{"m", {"米", Dimension::kLength, units(k1)}},
    Entry{"公里", {"公里", Dimension::kLength, units(1000 * k1)}},
    Entry{"倍", {"倍", Dimension::kMultiple, units(k1)}},
    Entry{"株", {"株", Dimension::kTrees, units(k1)}},
    Entry{"棵", {"株", Dimension::kTrees, units(k1)}},
    Entry{"只", {"只", Dimension::kAnimals, units(k1)}},
    Entry{"头", {"只", Dimension::kAnimals, units(k1)}},
    Entry{"件", {"件", Dimension::kPieces, units(k1)}},
    Entry{"个", {"件", Dimension::kPieces, units(k1)}},
    Entry{"支", {"支", Dimension::kSticks, units(k1)}},
    Entry{"盒", {"盒", Dimension::kBoxes, units(k1)}},
    Entry{"册", {"册", Dimension::kVolumesBk, units(k1)}},
    Entry{"本", {"册", Dimension::kVolumesBk, units(k1)}},
    Entry{"罐", {"罐", Dimension::kCans, units(k1)}},
    Entry{"份", {"份", Dimension::kCopies, units(k1)}},
    Entry{"张", {"份", Dimension::kCopies, units(k1)}},
    Entry{"条", {"条", Dimension::kCartons, units(k1)}},
    Entry{"人", {"人", Dimension::kPersons, units(k1)}},
    Entry{"名", {"人", Dimension::kPersons, units(k1)}},
    Entry{"小时", {"小时", Dimension::kHours, units(k1)}},
    Entry{"个月", {"个月", Dimension::kMonths, units(k1)}},
    Entry{"月", {"个月", Dimension::kMonths, units(k1)}},
    Entry{"年", {"年", Dimension::kMonths, units(12 * k1)}},
    Entry{"日", {"日", Dimension::kDays, units(k1)}},
    Entry{"天", {"日", Dimension::kDays, units(k1)}},
    Entry{"次", {"次", Dimension::kCount, units(k1)}},
};

}  // namespace

std::optional<Unit> find_unit(std::string_view spelling) {
  for (const auto& e : kUnits)
    if (e.spelling == spelling) return e.unit;
  return std::nullopt;
}

std::string_view base_unit_name(Dimension d) {
  switch (d) {
    case Dimension::kMass: return "公斤";
    case Dimension::kArea: return "平方米";
    case Dimension::kVolume: return "立方米";
    case Dimension::kLength: return "米";
    case Dimension::kMultiple: return "倍";
    case Dimension::kTrees: return "株";
    case Dimension::kAnimals: return "只";
    case Dimension::kPieces: return "件";
    case Dimension::kSticks: return "支";
    case Dimension::kBoxes: return "盒";
    case Dimension::kVolumesBk: return "册";
    case Dimension::kCans: return "罐";
    case Dimension::kCopies: return "份";
    case Dimension::kCartons: return "条";
    case Dimension::kPersons: return "人";
    case Dimension::kHours: return "小时";
    case Dimension::kMonths: return "个月";
    case Dimension::kDays: return "日";
    case Dimension::kCount: return "次";
    case Dimension::kNone: break;
  }
  return "";
}

std::string_view dimension_name(Dimension d) {
  switch (d) {
    case Dimension::kMass: return "重量";
    case Dimension::kArea: return "面积";
    case Dimension::kVolume: return "体积";
    case Dimension::kLength: return "长度";
    case Dimension::kMultiple: return "倍数";
    case Dimension::kHours: return "时长";
    case Dimension::kMonths: return "月数";
    case Dimension::kDays: return "天数";
    case Dimension::kNone: return "无单位数";
    default: return "数量";
  }
}

}  // namespace xianjie
