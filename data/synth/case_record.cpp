// Names of the record's enumerations, as written to the CSV, SQLite and truth files.
#include "case_record.h"

namespace xianjie::synth {

std::string_view offense_id(Offense o) {
  switch (o) {
    case Offense::kMkt01: return "MKT-01";
    case Offense::kMkt16: return "MKT-16";
    case Offense::kRes01: return "RES-01";
    case Offense::kWld01: return "WLD-01";
    case Offense::kTax01: return "TAX-01";
    case Offense::kNone: break;
  }
  return "";
}

std::string_view unit_name(QuantityUnit u) {
  switch (u) {
    case QuantityUnit::kKg: return "公斤";
    case QuantityUnit::kJin: return "斤";
    case QuantityUnit::kTon: return "吨";
    case QuantityUnit::kStick: return "支";
    case QuantityUnit::kCarton: return "条";
    case QuantityUnit::kMeter: return "米";
    case QuantityUnit::kSquareMeter: return "平方米";
    case QuantityUnit::kCubicMeter: return "立方米";
    case QuantityUnit::kPiece: return "件";
    case QuantityUnit::kItem: return "个";
    case QuantityUnit::kStrip: return "条";
    case QuantityUnit::kNone: break;
  }
  return "";
}

}  // namespace xianjie::synth
