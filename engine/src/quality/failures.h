// Where the checks put what they find: every failure is counted, only the first max_per_check of
// each check are kept with their details. The details (location text, message) are built only for
// kept failures, so a dirty multi-million-row input costs a counter increment per failure beyond
// the cap, not a string.
#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include "quality/check_ids.h"
#include "xianjie/quality.h"

namespace xianjie::quality {

class Failures {
 public:
  explicit Failures(QualityReport& report) : report_(report) {}

  bool enabled(Check c) const { return report_.checks[index_of(c)].severity.has_value(); }
  QualitySeverity severity(Check c) const { return *report_.checks[index_of(c)].severity; }

  // Counts a failure of `c` (which must be enabled) and returns the record to fill in when it is
  // to be kept, nullptr otherwise. The record comes with `check` set.
  QualityFailure* add(Check c) {
    QualityCheckResult& r = report_.checks[index_of(c)];
    ++r.count;
    if (report_.max_per_check != 0 && r.failures.size() >= report_.max_per_check) return nullptr;
    r.failures.emplace_back();
    r.failures.back().check = index_of(c);
    return &r.failures.back();
  }

 private:
  QualityReport& report_;
};

}  // namespace xianjie::quality
