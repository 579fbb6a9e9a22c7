// The ground-truth file: one line per generated case that crosses a threshold,
// `case_id,offense_ids,transferred` (ids joined by ';', transferred as 1/0), in row order.
#pragma once

#include "output_file.h"
#include "thresholds.h"

namespace xianjie::synth {

class TruthWriter {
 public:
  explicit TruthWriter(OutputFile& out) : out_(out) {}
  bool write_header();
  bool write(const CaseRecord& r, const Crossings& crossings);

 private:
  OutputFile& out_;
};

}  // namespace xianjie::synth
