// Writes records as an untidy but typical CSV export: Chinese headers, mixed value spellings,
// RFC 4180 quoting where a value needs it, and with --dirty a share of defective rows.
#pragma once

#include <cstdint>

#include "case_record.h"
#include "defects.h"
#include "output_file.h"

namespace xianjie::synth {

class CsvWriter {
 public:
  // `defect_per_million`: share of rows that get a defect.
  CsvWriter(OutputFile& out, uint64_t seed, uint32_t defect_per_million)
      : out_(out), seed_(seed), defect_per_million_(defect_per_million) {}

  bool write_header();
  // Writes row number `row` (0-based, the same number the record was generated with). Returns
  // false on a write error (see OutputFile::error()).
  bool write(uint64_t row, const CaseRecord& r);
  Defect last_defect() const { return last_defect_; }

 private:
  void render(Rng& rng, const CaseRecord& r);
  void serialise();

  OutputFile& out_;
  uint64_t seed_;
  uint32_t defect_per_million_;
  CsvRow row_;
  Defect last_defect_ = Defect::kNone;
};

}  // namespace xianjie::synth
