// The scan driver: pulls batches from a RowSource, builds records, matches rules, and pushes
// findings, rejects and value errors to the sink in input order.
//
// Work is split into batches so that reading and evaluating can overlap: with more than one
// thread, a reader thread fills batches while workers evaluate earlier ones; results are emitted
// in batch order, so the output does not depend on thread timing.
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include <fmt/format.h>

#include "scan/record_builder.h"
#include "xianjie/scan.h"

namespace xianjie {

namespace {

// What one batch produced, kept until it is its turn to be emitted.
struct BatchResult {
  std::vector<Finding> findings;
  std::vector<ValueError> value_errors;
  uint64_t evaluated = 0;
  uint64_t transferred = 0;
};

struct Work {
  uint64_t seq = 0;
  RowBatch batch;
  BatchResult result;
  bool done = false;
};

}  // namespace

struct Scanner::Impl {
  const RuleSet& rules;
  ScanOptions options;
  ScanSummary summary;
  Impl(const RuleSet& r, ScanOptions o) : rules(r), options(o) { summary.rules = r.rules().size(); }

  void process(const RowSource& source, const RecordBuilder& builder, Matcher& matcher, Record& record,
               const RowBatch& batch, BatchResult& out) {
    std::vector<ValueError> errors;
    for (size_t r = 0; r < batch.size(); ++r) {
      errors.clear();
      builder.build(&batch.fields[r * batch.columns], record, errors);
      record.location = batch.locations[r];
      record.location_text.clear();
      const Value& t = record.slots[slot::kTransferred];
      if ((t.type() == ValueType::kBool && t.as_bool()) || !record.slots[slot::kTransferDate].is_null()) ++out.transferred;
      size_t before = out.findings.size();
      // The location text is only rendered when something needs it.
      if (!errors.empty()) record.location_text = source.location_text(record.location);
      if (matcher.match(record, out.findings) > 0) {
        std::string loc = source.location_text(record.location);
        for (size_t k = before; k < out.findings.size(); ++k) out.findings[k].source = loc;
      }
      for (auto& e : errors) {
        e.source = source.name();
        e.location = record.location;
        e.location_text = record.location_text;
        out.value_errors.push_back(std::move(e));
      }
      ++out.evaluated;
    }
  }

  void emit(BatchResult& res, FindingSink& sink) {
    summary.rows_evaluated += res.evaluated;
    summary.rows_transferred += res.transferred;
    for (const auto& e : res.value_errors) {
      ++summary.value_errors;
      ++summary.value_errors_by_column[e.column];
      sink.value_error(e);
    }
    for (const auto& f : res.findings) {
      ++summary.findings;
      ++summary.findings_by_severity[static_cast<size_t>(f.severity)];
      ++summary.findings_by_rule[f.rule_id];
      sink.finding(f);
    }
  }
};

Scanner::Scanner(const RuleSet& rules, ScanOptions options) : impl_(std::make_unique<Impl>(rules, options)) {}
Scanner::~Scanner() = default;
ScanSummary& Scanner::summary() { return impl_->summary; }

bool Scanner::scan(RowSource& source, FindingSink& sink) {
  Impl& im = *impl_;
  auto start = std::chrono::steady_clock::now();
  im.summary.inputs.push_back(source.name());
  std::vector<std::string> notes;
  RecordBuilder builder(im.rules, source.header(), im.options.mapping, notes, /*only_read_slots=*/true);
  source.project(builder.columns_used(source.header().size()));
  for (auto& n : source.notes()) im.summary.notes.push_back(source.name() + ": " + n);
  for (auto& n : notes) im.summary.notes.push_back(source.name() + ": " + n);

  // Rejects are reported from inside next_batch (on the reading thread), ahead of the findings of
  // the rows around them; that order is fine for every printer.
  std::mutex sink_mutex;
  source.set_reject_handler([&](const RejectedRow& r) {
    std::lock_guard<std::mutex> lock(sink_mutex);
    sink.reject(r);
  });

  unsigned threads = im.options.threads;
  if (threads == 0) threads = std::min(8u, std::max(1u, std::thread::hardware_concurrency()));
  bool ok = true;
  if (threads <= 1) {
    Matcher matcher(im.rules, im.options.match);
    Record record;
    RowBatch batch;
    BatchResult res;
    while (source.next_batch(batch)) {
      res = BatchResult();
      im.process(source, builder, matcher, record, batch, res);
      im.emit(res, sink);
    }
    ok = source.error().empty();
  } else {
    // Pipeline: this thread reads; `threads` workers evaluate; results leave in sequence order.
    std::mutex m;
    std::condition_variable cv;
    std::deque<std::unique_ptr<Work>> queue;   // read, not yet taken by a worker
    std::deque<Work*> in_flight;               // taken, in sequence order, awaiting emission
    std::vector<std::unique_ptr<Work>> pool;   // recycled batches (their buffers keep capacity)
    bool reading_done = false;
    size_t max_pending = threads * 2 + 2;
    std::vector<std::unique_ptr<Work>> owned;  // every Work ever created; recycled through `pool`
    auto worker = [&]() {
      Matcher matcher(im.rules, im.options.match);
      Record record;
      for (;;) {
        std::unique_ptr<Work> w;
        {
          std::unique_lock<std::mutex> lock(m);
          cv.wait(lock, [&] { return !queue.empty() || reading_done; });
          if (queue.empty()) return;
          w = std::move(queue.front());
          queue.pop_front();
          in_flight.push_back(w.get());
        }
        im.process(source, builder, matcher, record, w->batch, w->result);
        {
          std::lock_guard<std::mutex> lock(m);
          w->done = true;
          owned.push_back(std::move(w));
        }
        cv.notify_all();
      }
    };
    std::vector<std::thread> workers;
    for (unsigned k = 0; k < threads; ++k) workers.emplace_back(worker);
    uint64_t seq = 0;
    auto drain = [&](std::unique_lock<std::mutex>& lock, bool all) {
      // Emits finished batches at the head of the sequence.
      for (;;) {
        while (!in_flight.empty() && in_flight.front()->done) {
          Work* w = in_flight.front();
          in_flight.pop_front();
          lock.unlock();
          {
            std::lock_guard<std::mutex> sl(sink_mutex);
            im.emit(w->result, sink);
          }
          lock.lock();
          for (auto it = owned.begin(); it != owned.end(); ++it)
            if (it->get() == w) { pool.push_back(std::move(*it)); owned.erase(it); break; }
        }
        size_t pending = queue.size() + in_flight.size();
        if (!all && pending < max_pending) return;
        if (all && pending == 0) return;
        cv.wait(lock);
      }
    };
    for (;;) {
      std::unique_ptr<Work> w;
      {
        std::unique_lock<std::mutex> lock(m);
        drain(lock, false);
        if (!pool.empty()) { w = std::move(pool.back()); pool.pop_back(); }
      }
      if (!w) w = std::make_unique<Work>();
      w->seq = seq++;
      w->done = false;
      w->result = BatchResult();
      if (!source.next_batch(w->batch)) break;
      {
        std::lock_guard<std::mutex> lock(m);
        queue.push_back(std::move(w));
      }
      cv.notify_all();
    }
    {
      std::unique_lock<std::mutex> lock(m);
      reading_done = true;
      cv.notify_all();
      drain(lock, true);
    }
    for (auto& t : workers) t.join();
    ok = source.error().empty();
  }
  im.summary.rows_read += source.rows_read();
  im.summary.rows_rejected += source.rows_rejected();
  if (!ok) im.summary.input_errors.push_back(fmt::format("{}: {}", source.name(), source.error()));
  im.summary.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return ok;
}

}  // namespace xianjie
