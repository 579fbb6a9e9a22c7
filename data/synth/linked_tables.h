// The tables that go with the transferred cases (--transfers FILE, --non-prosecutions FILE): the
// `transfers` table of the 两法衔接 platform and the procuratorate's `non_prosecutions`, with the
// headers of shared/data-dictionary.md, as CSV and, when --sqlite is given, as tables of the same
// name in the database.
//
// Every case marked transferred (是否移送 = 是) gets one transfer row: the transfer document
// number, the transfer date of the case, the police station that received it, and the police
// decision — filed (mostly within the 3-day review period of 《行政执法机关移送涉嫌犯罪案件的规定》
// 第八条, one in seven later), not filed, returned, or none yet (most of the transfers of the last
// two months before the export, a few older ones): about a quarter of the transfers are leads of
// CHAIN-NOT-FILED. A quarter of the filed cases end in a 不起诉
// decision some months later, most of which call for an administrative penalty (检察意见 to the
// agency of the case). The generator writes no later penalty for them, so those decisions are
// leads of CHAIN-REVERSE once three months have passed.
//
// Drawn from the row's kLinked stream (content) and kLinkedFormat stream (CSV spellings), so the
// cases themselves are the same with and without these options.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "case_record.h"
#include "output_file.h"
#include "rng.h"
#include "sqlite_writer.h"

namespace xianjie::synth {

struct TransferRow {
  std::string case_id;
  std::string transfer_no;
  Date transfer_date;
  std::string receiving_agency;
  std::string_view decision;  // as written: 立案, 不予立案, 退回, 待处理 … ("" = not recorded)
  std::optional<Date> decision_date;
};

struct NonProsecutionRow {
  std::string np_id;
  std::string party_name;
  std::string party_id;
  std::string_view offense;
  Date decision_date;
  bool needs_penalty = false;
  std::string referred_agency;
  std::optional<Date> referral_date;
};

// Makes the rows of one transferred case.
class LinkedRows {
 public:
  explicit LinkedRows(uint64_t seed) : seed_(seed) {}
  // For row `row` holding a transferred case `r` (r.transferred): fills `t`, and `np` when the
  // case ended in a non-prosecution decision (returns whether it did).
  bool make(uint64_t row, const CaseRecord& r, TransferRow& t, NonProsecutionRow& np);

 private:
  uint32_t next_number(const std::string& prefix, int year);
  uint64_t seed_;
  std::unordered_map<std::string, uint32_t> numbers_;  // prefix + year → last number given
};

// Writes the two tables to CSV files and/or the SQLite database.
class LinkedWriter {
 public:
  LinkedWriter(uint64_t seed, OutputFile* transfers, OutputFile* non_prosecutions, SqliteWriter* db)
      : seed_(seed), transfers_(transfers), non_prosecutions_(non_prosecutions), db_(db) {}
  // Header lines and tables.
  bool begin();
  bool write(uint64_t row, const TransferRow& t);
  bool write(uint64_t row, const NonProsecutionRow& np);

 private:
  uint64_t seed_;
  OutputFile* transfers_;
  OutputFile* non_prosecutions_;
  SqliteWriter* db_;
  size_t transfers_table_ = 0, np_table_ = 0;
};

}  // namespace xianjie::synth
