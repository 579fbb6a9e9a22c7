// A record: one row of an input, as typed values in slots.
//
// Slots [0, cases_fields().size()) hold the canonical fields in fields.h order; slots after that
// hold input columns that rules reference by their original header (`检查结果`), in the order the
// RuleSet registered them. Missing values are null. Text values are views into the batch the row
// came from, so a Record is valid only while that batch is.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "xianjie/value.h"

namespace xianjie {

struct Record {
  std::vector<Value> slots;
  const std::string* source = nullptr;  // input name
  uint64_t location = 0;                // line or rowid
  std::string location_text;            // filled lazily for findings and errors
  const void* layout = nullptr;          // the builder that filled the slots last (it resets only what it maps)
};

}  // namespace xianjie
