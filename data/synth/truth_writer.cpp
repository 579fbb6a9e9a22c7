// Lines of the ground-truth CSV (see truth_writer.h). Document numbers contain no comma or quote,
// so no field needs quoting.
#include "truth_writer.h"

namespace xianjie::synth {

bool TruthWriter::write_header() {
  out_.buffer().append("case_id,offense_ids,transferred\n");
  return out_.row_done();
}

bool TruthWriter::write(const CaseRecord& r, const Crossings& crossings) {
  if (!crossings.any()) return true;
  std::string& out = out_.buffer();
  out.append(r.case_id);
  out += ',';
  for (size_t i = 0; i < crossings.count; ++i) {
    if (i) out += ';';
    out.append(offense_id(crossings.offenses[i]));
  }
  out.append(r.transferred ? ",1\n" : ",0\n");
  return out_.row_done();
}

}  // namespace xianjie::synth

namespace xianjie::synth {

bool HistoryTruthWriter::write_header() {
  out_.buffer().append("case_id,rule_id,transferred,prior_case_ids\n");
  return out_.row_done();
}

bool HistoryTruthWriter::write(const CaseRecord& r, const HistoryVerdict& verdict) {
  if (verdict.rule_id.empty()) return true;
  std::string& out = out_.buffer();
  out.append(r.case_id);
  out += ',';
  out.append(verdict.rule_id);
  out.append(verdict.transferred ? ",1," : ",0,");
  for (size_t i = 0; i < verdict.priors.size(); ++i) {
    if (i) out += ';';
    out.append(verdict.priors[i]);
  }
  out += '\n';
  return out_.row_done();
}

}  // namespace xianjie::synth
