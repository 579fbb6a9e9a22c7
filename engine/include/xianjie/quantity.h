// Physical and counted quantities with units.
//
// A rule written in 公斤 must match data recorded in 斤 or 吨, so every quantity is held in the
// base unit of its dimension (kg, m², m³, or the count itself) together with the dimension.
// Quantities of different dimensions never compare: 500 株 is not 500 公斤.
#pragma once

#include <optional>
#include <string_view>

#include "xianjie/decimal.h"

namespace xianjie {

enum class Dimension : uint8_t {
  kNone = 0,
  kMass,       // base: 千克 (kg)
  kArea,       // base: 平方米 (m²); 1 亩 = 666.67 m², 1 公顷 = 15 亩
  kVolume,     // base: 立方米 (m³)
  kLength,     // base: 米
  kMultiple,   // 倍 of an emission standard
  kTrees,      // 株 / 棵
  kAnimals,    // 只 / 头
  kPieces,     // 件 / 个
  kSticks,     // 支 (cigarettes); 1 条 = 200 支 is NOT assumed: 条 is its own count
  kBoxes,      // 盒
  kVolumesBk,  // 册 / 本
  kCans,       // 罐
  kCopies,     // 份 / 张
  kCartons,    // 条
  kPersons,    // 人 / 名
  kHours,      // 小时
  kMonths,     // 个月; 年 = 12 个月 (calendar durations: date + 2年 is calendar arithmetic)
  kDays,       // 日 / 天
  kCount,      // 次 and other plain counts
};

struct Unit {
  std::string_view name;     // canonical spelling used in messages, e.g. "公斤"
  Dimension dimension;
  Decimal to_base;           // multiply a value in this unit by this to get the base unit
};

struct Quantity {
  Decimal amount;            // in the base unit of `dimension`
  Dimension dimension = Dimension::kNone;
};

// Looks a unit up by any accepted spelling (公斤, 千克, kg, KG, 斤, 吨, t, 立方米, m³, m3, 方, 亩,
// 平方米, ㎡, m², 公顷, 株, 棵, 只, 头, 件, 个, 支, 盒, 册, 本, 罐, 份, 张, 条, 人, 名, 倍, 小时, 个月, 次 …).
std::optional<Unit> find_unit(std::string_view spelling);

// The unit in which messages show a dimension's base amounts ("公斤", "平方米", "株" …).
std::string_view base_unit_name(Dimension d);
// Chinese name of the dimension for messages ("重量", "面积" …).
std::string_view dimension_name(Dimension d);

}  // namespace xianjie
