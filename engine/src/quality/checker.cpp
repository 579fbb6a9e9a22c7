// The check-data driver: reads an input batch by batch through its RowSource, builds each row
// into a record with the scan's RecordBuilder (same column mapping, same value parsers), and runs
// the per-row checks; rows the reader rejects are counted and reported as unreadable-row. One
// thread: the checks are cheap next to parsing, and the duplicate index is shared across inputs.
#include <chrono>

#include <fmt/format.h>

#include "common/text.h"
#include "quality/row_checks.h"
#include "scan/record_builder.h"
#include "xianjie/quality.h"

namespace xianjie {
namespace {

// A rejected row's text can run on for many lines (a quote that never closes); the report keeps
// its start, cut at a character boundary.
std::string excerpt(std::string_view text, size_t max_bytes = 240) {
  if (text.size() <= max_bytes) return std::string(text);
  size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end)) + "…";
}

// How the reader renders locations (row_source.h): "<name>:<line>" for files read by line,
// "<name> rowid <n>" for SQLite tables, anything else is an ordinal row.
QualityLocationKind location_kind(const RowSource& source) {
  const std::string probe = source.location_text(7);
  if (probe == source.name() + ":7") return QualityLocationKind::kLine;
  if (probe == source.name() + " rowid 7") return QualityLocationKind::kRowid;
  return QualityLocationKind::kRow;
}

}  // namespace

struct QualityChecker::Impl {
  QualityOptions options;
  QualityReport report;
  quality::CaseIdIndex case_ids;
};

QualityChecker::QualityChecker(QualityOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  QualityReport& r = impl_->report;
  r.max_per_check = impl_->options.max_per_check;
  const auto& checks = quality_checks();
  r.checks.resize(checks.size());
  for (size_t k = 0; k < checks.size(); ++k) {
    auto it = impl_->options.severity.find(std::string(checks[k].id));
    r.checks[k].severity = it == impl_->options.severity.end() ? std::optional(checks[k].severity) : it->second;
  }
  // Without an as-of date there is nothing to compare with (data-dictionary.md: never the clock).
  if (!impl_->options.as_of) r.checks[quality::index_of(quality::Check::kDateFuture)].severity.reset();
}

QualityChecker::~QualityChecker() = default;

const QualityReport& QualityChecker::report() const { return impl_->report; }

void QualityChecker::add_input_error(const std::string& path, const std::string& error) {
  QualityInputSummary in;
  in.path = path;
  in.name = path;
  in.kind = QualityLocationKind::kInput;
  in.error = error;
  impl_->report.inputs.push_back(std::move(in));
  impl_->report.input_errors.push_back(error);
}

bool QualityChecker::check(RowSource& source, const std::string& path) {
  using quality::Check;
  Impl& im = *impl_;
  QualityReport& report = im.report;
  const auto start = std::chrono::steady_clock::now();
  const size_t input = report.inputs.size();
  {
    QualityInputSummary in;
    in.path = path;
    in.name = source.name();
    in.kind = location_kind(source);
    in.notes = source.notes();
    report.inputs.push_back(std::move(in));
  }
  const QualityLocationKind kind = report.inputs[input].kind;

  quality::Failures failures(report);
  std::vector<std::string> notes;
  // No rule pack: only the canonical fields are mapped; other columns are reported as unmapped.
  RecordBuilder builder(std::vector<std::string>{}, source.header(), im.options.mapping, notes);
  quality::RowChecks checks(im.options, builder.plan(), source, input, kind, failures, im.case_ids, report.inputs);
  checks.check_header(notes);

  source.set_reject_handler([&](const RejectedRow& r) {
    if (!failures.enabled(Check::kUnreadableRow)) return;
    QualityFailure* f = failures.add(Check::kUnreadableRow);
    if (!f) return;
    f->input = input;
    f->kind = kind;
    f->location = r.location;
    f->location_text = source.location_text(r.location);
    f->value = excerpt(r.original);
    f->message = r.reason;
  });

  uint64_t checked = 0;
  std::array<uint64_t, kQualitySeverities> rows_with{};
  RowBatch batch;
  Record record;
  std::vector<ValueError> errors;
  while (source.next_batch(batch)) {
    for (size_t r = 0; r < batch.size(); ++r) {
      errors.clear();
      const std::string_view* fields = &batch.fields[r * batch.columns];
      builder.build(fields, record, errors);
      const unsigned severities = checks.check_row(record, errors, fields, batch.locations[r]);
      for (size_t s = 0; s < kQualitySeverities; ++s)
        if (severities & (1u << s)) ++rows_with[s];
      ++checked;
    }
  }
  source.set_reject_handler(nullptr);

  QualityInputSummary& in = report.inputs[input];
  in.rows_read = source.rows_read();
  in.rows_rejected = source.rows_rejected();
  in.rows_checked = checked;
  report.rows_read += in.rows_read;
  report.rows_rejected += in.rows_rejected;
  report.rows_checked += checked;
  for (size_t s = 0; s < kQualitySeverities; ++s) report.rows_with[s] += rows_with[s];
  const bool ok = source.error().empty();
  if (!ok) {
    in.error = source.error();
    report.input_errors.push_back(fmt::format("{}: {}", source.name(), source.error()));
  }
  report.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return ok;
}

}  // namespace xianjie
