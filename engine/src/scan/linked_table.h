// Rows of the tables read alongside the cases for the transfer chain — `transfers` and
// `non_prosecutions` (data-dictionary.md) — mapped by header like the cases and parsed by the
// same value parsers. A value that does not parse is missing and reported, never guessed.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "xianjie/cross_record.h"
#include "xianjie/fields.h"
#include "xianjie/scan.h"

namespace xianjie {

class LinkedTableReader {
 public:
  LinkedTableReader(TableKind table, const std::vector<std::string>& header, const ColumnMapping* mapping);
  const std::vector<std::string>& notes() const { return notes_; }

  // `fields` has one view per input column.
  TransferRow transfer(const std::string_view* fields, const std::string& location, std::vector<ValueError>& errors) const;
  NonProsecutionRow non_prosecution(const std::string_view* fields, const std::string& location,
                                    std::vector<ValueError>& errors) const;

 private:
  // The parsed value of canonical field `name` in this row (null when absent or unparseable).
  Value get(const std::string_view* fields, std::string_view name, std::vector<ValueError>& errors) const;
  std::string text(const std::string_view* fields, std::string_view name, std::vector<ValueError>& errors) const;
  std::optional<Date> date(const std::string_view* fields, std::string_view name, std::vector<ValueError>& errors) const;

  TableKind table_;
  std::vector<int> column_of_;  // per field of the table: input column, or -1
  std::vector<std::string> header_;
  std::vector<std::string> notes_;
};

}  // namespace xianjie
