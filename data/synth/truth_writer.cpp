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
