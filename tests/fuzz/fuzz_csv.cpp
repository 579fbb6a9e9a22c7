// Fuzz body for the CSV reader (io/csv via open_csv).
//
// The input is written to a file and read to the end three ways: encoding detection, forced
// GB18030 (every byte sequence decodes or is marked undecodable) and forced UTF-8 with a tab
// delimiter. Invariants, from row_source.h:
//   - every data row is either in a batch or rejected: rows_read == batch rows + rows_rejected,
//     and the reject handler was called once per rejected row;
//   - a batch has header().size() columns and one location per row; locations strictly increase;
//   - every field view and header name is valid UTF-8 without NUL, and every view points into the
//     batch's own `text` or `scratch` storage.
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "fuzz_targets.h"
#include "xianjie/row_source.h"

namespace xianjie::fuzz {
namespace {

bool clean_text(std::string_view s) { return valid_utf8(s) && s.find('\0') == std::string_view::npos; }

bool inside(std::string_view view, const std::string& storage) {
  if (view.empty()) return true;
  const char* begin = storage.data();
  return view.data() >= begin && view.data() + view.size() <= begin + storage.size();
}

void read_all(const std::string& path, const CsvOptions& options) {
  std::string error;
  std::unique_ptr<RowSource> source = open_csv(path, options, error);
  if (!source) {
    check(!error.empty(), "open_csv failed without a message");
    return;
  }
  for (const std::string& name : source->header()) check(clean_text(name), "header name is not clean UTF-8", name);

  uint64_t rejected_calls = 0;
  source->set_reject_handler([&](const RejectedRow&) { ++rejected_calls; });

  uint64_t accepted = 0;
  uint64_t last_location = 0;
  RowBatch batch;
  while (source->next_batch(batch)) {
    check(batch.size() > 0, "next_batch returned true with an empty batch");
    check(batch.columns == source->header().size(), "batch column count differs from the header");
    check(batch.fields.size() == batch.size() * batch.columns, "fields is not rows x columns");
    check(batch.locations.size() == batch.size(), "one location per row");
    for (uint64_t location : batch.locations) {
      check(location > last_location, "row locations do not strictly increase");
      last_location = location;
    }
    for (std::string_view field : batch.fields) {
      check(clean_text(field), "field view is not clean UTF-8", field);
      bool owned = inside(field, batch.text);
      for (const std::string& s : batch.scratch) owned = owned || inside(field, s);
      check(owned, "field view points outside the batch's storage");
    }
    accepted += batch.size();
  }
  check(source->rows_read() == accepted + source->rows_rejected(),
        "rows_read != rows in batches + rows_rejected",
        std::to_string(source->rows_read()) + " != " + std::to_string(accepted) + " + " +
            std::to_string(source->rows_rejected()));
  check(rejected_calls == source->rows_rejected(), "reject handler calls != rows_rejected");
  // A second call after the end must stay at the end.
  check(!source->next_batch(batch) && batch.size() == 0, "next_batch returned rows after the end");
}

}  // namespace

void fuzz_csv_one(const uint8_t* data, size_t size) {
  const std::string path = write_scratch_file("input.csv", data, size);
  read_all(path, CsvOptions{"auto", 0});
  read_all(path, CsvOptions{"gb18030", 0});
  read_all(path, CsvOptions{"utf-8", '\t'});
}

}  // namespace xianjie::fuzz
