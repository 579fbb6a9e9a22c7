// RecordStream: one record at a time from a RowSource (see scan.h).
#include "scan/record_builder.h"

namespace xianjie {

struct RecordStream::Impl {
  RowSource& source;
  std::vector<std::string> notes;
  RecordBuilder builder;
  RowBatch batch;
  size_t row = 0;
  Impl(const RuleSet& rules, RowSource& s, const ColumnMapping* mapping)
      : source(s), builder(rules, s.header(), mapping, notes) {}
};

RecordStream::RecordStream(const RuleSet& rules, RowSource& source, const ColumnMapping* mapping)
    : impl_(std::make_unique<Impl>(rules, source, mapping)) {}
RecordStream::~RecordStream() = default;

bool RecordStream::next(Record& record, std::vector<ValueError>& errors) {
  Impl& im = *impl_;
  while (im.row >= im.batch.size()) {
    if (!im.source.next_batch(im.batch)) return false;
    im.row = 0;
  }
  im.builder.build(&im.batch.fields[im.row * im.batch.columns], record, errors);
  record.location = im.batch.locations[im.row];
  record.location_text = im.source.location_text(record.location);
  ++im.row;
  return true;
}

}  // namespace xianjie
