// The ground-truth files.
//
// --truth: one line per generated case that crosses a threshold, `case_id,offense_ids,transferred`
// (ids joined by ';', transferred as 1/0), in row order.
//
// --history-truth (with --repeat): one line per case that a history rule must flag,
// `case_id,rule_id,transferred,prior_case_ids` — rule_id HIST-TOB or HIST-MIN, transferred 1/0
// (such a case is reported only with --include-transferred), and the earlier penalties counted,
// joined by ';' in date order (repeat_series.h has the rule).
#pragma once

#include "output_file.h"
#include "repeat_series.h"
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

class HistoryTruthWriter {
 public:
  explicit HistoryTruthWriter(OutputFile& out) : out_(out) {}
  bool write_header();
  bool write(const CaseRecord& r, const HistoryVerdict& verdict);

 private:
  OutputFile& out_;
};

}  // namespace xianjie::synth
