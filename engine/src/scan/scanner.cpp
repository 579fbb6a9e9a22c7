// The scan driver: pulls batches from a RowSource, builds records, matches rules, and pushes
// findings, rejects and value errors to the sink in input order.
//
// Work is split into batches so that reading and evaluating can overlap: with more than one
// thread, a reader thread fills batches while workers evaluate earlier ones; results are emitted
// in batch order, so the output does not depend on thread timing.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "common/text.h"
#include "rules/rule_set_impl.h"
#include "scan/finding_pack.h"
#include "scan/linked_table.h"
#include "scan/record_builder.h"
#include "xianjie/cross_record.h"
#include "xianjie/scan.h"

namespace xianjie {

namespace {

// The key under which near-threshold shares are counted: an agency within one domain (执法领域).
std::string agency_domain_key(std::string_view agency, std::string_view domain) {
  std::string key(agency);
  key += '\x1f';
  key += domain;
  return key;
}

// Cases per agency and domain, counted by each evaluating thread on its own (merged when the input
// is done: sums do not depend on the order of the batches) and without a string allocation per
// record: the keys are copied once each into `names`, and the map looks them up by view.
struct AgencyCounts {
  std::deque<std::string> names;  // stable addresses: the map's keys point into these strings
  std::unordered_map<std::string_view, uint64_t> counts;
  std::string scratch;            // the key being looked up; keeps its capacity
  void add(std::string_view agency, std::string_view domain) {
    scratch.assign(agency);
    scratch += '\x1f';
    scratch += domain;
    auto it = counts.find(scratch);
    if (it != counts.end()) {
      ++it->second;
      return;
    }
    names.push_back(scratch);
    counts.emplace(names.back(), 1);
  }
};

// What one batch produced, kept until it is its turn to be emitted.
struct BatchResult {
  std::vector<Finding> findings;
  std::vector<int32_t> finding_fact;  // per finding: index into `facts`, or -1
  // Records kept for cross-record rules, with the rules whose conduct they belong to.
  std::vector<CaseFact> facts;
  std::vector<std::vector<Membership>> fact_members;
  std::vector<char> fact_offers_penalty;  // the fact is offered for 反向衔接 (see CrossRecordAnalyzer)
  std::vector<ValueError> value_errors;
  uint64_t evaluated = 0;
  uint64_t transferred = 0;
  // For ScanOptions::observer only: every evaluated record, replayed to the observer at emission
  // (its text still points into the batch, which lives until then).
  std::vector<Value> observed_slots;           // slots of each record, one after the other
  std::vector<uint64_t> observed_locations;
  std::vector<char> observed_transferred;
  std::vector<std::string_view> observed_cells;  // the observer's columns of each record
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
  CrossRecordAnalyzer cross;
  std::unordered_set<std::string> history_offenses;  // offenses some history rule concerns
  bool has_near = false;                               // some rule has pattern near-threshold
  // ScanOptions::observer: the input columns it asked for (current input), and the record it is shown.
  std::vector<size_t> observed_columns;
  Record observed_record;
  // For a progress display on another thread: rows read so far (all inputs) and the share of the
  // current input read. Written by the reading thread only.
  std::atomic<uint64_t> progress_rows{0};
  std::atomic<uint64_t> progress_rows_done{0};  // rows of the inputs already finished
  std::atomic<double> progress_fraction{-1};
  void note_progress(const RowSource& source) {
    progress_rows.store(progress_rows_done.load(std::memory_order_relaxed) + source.rows_read(), std::memory_order_relaxed);
    progress_fraction.store(source.fraction_done(), std::memory_order_relaxed);
  }
  // Keyed by agency_domain_key(agency, domain); hashed, since every batch adds its agencies (a
  // std::map spent 2 % of a whole-pack scan comparing long agency names).
  std::unordered_map<std::string, uint64_t> near_cases_by_agency, cases_by_agency;
  // Threshold findings of records that a history rule may also concern: held until finish() so
  // that a case is reported once, with the evidence of both. A finding's source (input and row)
  // is the same as its record's fact's, by which the history finding is found. They are held
  // packed (finding_pack.h): about half the memory of Finding objects.
  std::vector<std::string> held;  // one packed finding each
  PackDictionary held_texts;      // their repeated texts

  Impl(const RuleSet& r, ScanOptions o) : rules(r), options(o), cross(r, o.match) {
    summary.rules = r.rules().size();
    options.match.transferred_case_ids = &cross.transferred_case_ids();
    for (const auto& rule : r.impl().rules)
      if (rule.cross.kind == CrossKind::kHistory) history_offenses.insert(rule.info.offense);
    for (const auto& info : r.rules()) has_near = has_near || info.pattern == "near-threshold";
  }

  // Whether the record's dates are seen (for the as-of date) and a fact is kept.
  bool keep_fact(const std::vector<Membership>& members, const Record& record, bool transferred) const {
    if (!members.empty() || cross.wants_penalties()) return true;
    // Cases named in the transfers table are kept for the details of not-filed findings; such a
    // case counts as transferred, so a record that does not is not looked up.
    if (!transferred) return false;
    const auto& ids = cross.transferred_case_ids();
    if (ids.empty() || record.slots[slot::kCaseId].is_null()) return false;
    return ids.count(std::string(trim(record.slots[slot::kCaseId].as_text()))) > 0;
  }

  // Adds the counts of one thread (see AgencyCounts).
  void merge_agency_counts(const AgencyCounts& counts) {
    for (const auto& [key, n] : counts.counts) cases_by_agency[std::string(key)] += n;
  }

  void process(const RowSource& source, const RecordBuilder& builder, Matcher& matcher, Record& record,
               const RowBatch& batch, BatchResult& out, AgencyCounts& agency_counts) {
    std::vector<ValueError> errors;
    std::vector<Membership> members;
    const bool cross_on = cross.has_rules() || !cross.transferred_case_ids().empty();
    for (size_t r = 0; r < batch.size(); ++r) {
      errors.clear();
      builder.build(&batch.fields[r * batch.columns], record, errors);
      record.location = batch.locations[r];
      record.location_text.clear();
      // Transferred: marked so in the row, or named in the transfers table (decided once per record).
      const bool transferred = matcher.is_transferred(record);
      if (transferred) ++out.transferred;
      size_t before = out.findings.size();
      // The location text is only rendered when something needs it.
      if (!errors.empty()) record.location_text = source.location_text(record.location);
      members.clear();
      if (matcher.match(record, transferred, out.findings, cross_on ? &members : nullptr) > 0) {
        std::string loc = source.location_text(record.location);
        for (size_t k = before; k < out.findings.size(); ++k) out.findings[k].source = loc;
      }
      int32_t fact = -1;
      if (cross_on && keep_fact(members, record, transferred)) {
        if (record.location_text.empty()) record.location_text = source.location_text(record.location);
        fact = static_cast<int32_t>(out.facts.size());
        out.facts.push_back(make_case_fact(record, transferred));
        out.fact_members.push_back(members);
        out.fact_offers_penalty.push_back(cross.wants_penalties());
      }
      out.finding_fact.resize(out.findings.size(), fact);
      for (auto& e : errors) {
        e.source = source.name();
        e.location = record.location;
        e.location_text = record.location_text;
        out.value_errors.push_back(std::move(e));
      }
      ++out.evaluated;
      if (options.observer) keep_for_observer(record, transferred, batch, r, out);
      if (has_near) {
        const Value& ag = record.slots[slot::kAgency];
        const Value& dm = record.slots[slot::kDomain];
        agency_counts.add(ag.is_null() ? std::string_view() : trim(ag.as_text()),
                                dm.is_null() ? std::string_view() : trim(dm.as_text()));
      }
    }
  }

  // Copies what the observer is told about one record (text stays a view into the batch).
  void keep_for_observer(const Record& record, bool transferred, const RowBatch& batch, size_t row,
                          BatchResult& out) const {
    if (out.observed_locations.empty()) {  // once per batch: no regrowth of a multi-megabyte buffer
      out.observed_slots.reserve(batch.size() * record.slots.size());
      out.observed_locations.reserve(batch.size());
      out.observed_transferred.reserve(batch.size());
      out.observed_cells.reserve(batch.size() * observed_columns.size());
    }
    out.observed_slots.insert(out.observed_slots.end(), record.slots.begin(), record.slots.end());
    out.observed_locations.push_back(record.location);
    out.observed_transferred.push_back(transferred);
    for (size_t c : observed_columns) out.observed_cells.push_back(batch.field(row, c));
  }

  void replay_to_observer(const BatchResult& res) {
    const size_t n = res.observed_locations.size();
    if (n == 0) return;
    const size_t width = res.observed_slots.size() / n;
    for (size_t k = 0; k < n; ++k) {
      observed_record.slots.assign(res.observed_slots.begin() + static_cast<std::ptrdiff_t>(k * width),
                                   res.observed_slots.begin() + static_cast<std::ptrdiff_t>((k + 1) * width));
      observed_record.location = res.observed_locations[k];
      options.observer->record(observed_record, res.observed_transferred[k] != 0,
                               res.observed_cells.data() + k * observed_columns.size());
    }
  }

  void emit(BatchResult& res, FindingSink& sink) {
    summary.rows_evaluated += res.evaluated;
    summary.rows_transferred += res.transferred;
    // Facts first; note which records are acts of a history rule (their findings may be held).
    std::vector<char> history_act(res.facts.size(), 0);
    for (size_t k = 0; k < res.facts.size(); ++k) {
      const CaseFact& f = res.facts[k];
      for (auto d : {f.violation_date, f.decision_date})
        if (d) cross.note_date(*d);
      if (res.fact_offers_penalty[k]) cross.offer_penalty(f);
      bool may_hold = false;
      for (const auto& m : res.fact_members[k])
        may_hold = may_hold || (m.act && rules.impl().rules[m.rule].cross.kind == CrossKind::kHistory);
      history_act[k] = may_hold;
      cross.add_case(std::move(res.facts[k]), res.fact_members[k]);
    }
    for (const auto& e : res.value_errors) {
      ++summary.value_errors;
      ++summary.value_errors_by_column[e.column];
      sink.value_error(e);
    }
    if (options.observer) replay_to_observer(res);
    for (size_t k = 0; k < res.findings.size(); ++k) {
      const Finding& f = res.findings[k];
      int32_t fi = res.finding_fact.empty() ? -1 : res.finding_fact[k];
      // Only referral candidates take in a history finding; a lead (near-threshold, fine-floor) never does.
      if (f.referral && fi >= 0 && history_act[static_cast<size_t>(fi)] && history_offenses.count(f.offense)) {
        held.emplace_back();
        pack_finding(f, held_texts, held.back());
        continue;
      }
      count_and_emit(f, sink);
    }
  }

  void count_and_emit(const Finding& f, FindingSink& sink) {
    if (f.pattern == "near-threshold") ++near_cases_by_agency[agency_domain_key(trim(f.agency), trim(f.domain))];
    ++summary.findings;
    if (f.referral) ++summary.referral_candidates;
    ++summary.findings_by_severity[static_cast<size_t>(f.severity)];
    ++summary.findings_by_rule[f.rule_id];
    sink.finding(f);
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
  std::vector<bool> used = builder.columns_used(source.header().size());
  im.observed_columns.clear();
  if (im.options.observer) {
    for (size_t c : im.options.observer->begin_input(source))
      if (c < used.size()) {
        used[c] = true;
        im.observed_columns.push_back(c);
      }
    im.observed_record.source = &source.name();
  }
  source.project(used);
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
    AgencyCounts agency_counts;
    while (source.next_batch(batch)) {
      im.note_progress(source);
      res = BatchResult();
      im.process(source, builder, matcher, record, batch, res, agency_counts);
      im.emit(res, sink);
    }
    im.merge_agency_counts(agency_counts);
    ok = source.error().empty();
  } else {
    // Pipeline: this thread reads; `threads - 1` workers evaluate; results leave in sequence order.
    // When the read-ahead is full this thread evaluates a batch itself instead of waiting, so that
    // `threads` threads are busy and the reading (the serial part) never has to share a core with
    // more workers than there are cores for.
    std::mutex m;
    std::condition_variable cv;
    std::deque<std::unique_ptr<Work>> queue;   // read, not yet taken by a worker
    std::deque<Work*> in_flight;               // taken, in sequence order, awaiting emission
    std::vector<std::unique_ptr<Work>> pool;   // recycled batches (their buffers keep capacity)
    bool reading_done = false;
    size_t max_pending = threads + 2;  // one batch per thread, two read ahead: enough to keep them busy
    std::vector<std::unique_ptr<Work>> owned;  // every Work ever created; recycled through `pool`
    // Takes the oldest batch not yet taken and evaluates it (called with `lock` held; returns with it held).
    auto evaluate_next = [&](std::unique_lock<std::mutex>& lock, Matcher& matcher, Record& record,
                             AgencyCounts& agency_counts) {
      std::unique_ptr<Work> w = std::move(queue.front());
      queue.pop_front();
      in_flight.push_back(w.get());
      lock.unlock();
      // The previous use of this Work is freed here, not in the reading step, which is the
      // pipeline's serial part.
      w->result = BatchResult();
      im.process(source, builder, matcher, record, w->batch, w->result, agency_counts);
      lock.lock();
      w->done = true;
      owned.push_back(std::move(w));
    };
    auto worker = [&]() {
      Matcher matcher(im.rules, im.options.match);
      Record record;
      AgencyCounts agency_counts;
      std::unique_lock<std::mutex> lock(m);
      for (;;) {
        cv.wait(lock, [&] { return !queue.empty() || reading_done; });
        if (queue.empty()) {
          im.merge_agency_counts(agency_counts);  // under `m`, like every other worker's
          return;
        }
        evaluate_next(lock, matcher, record, agency_counts);
        cv.notify_all();
      }
    };
    std::optional<Matcher> reader_matcher;  // made when the reading thread first evaluates a batch
    Record reader_record;
    AgencyCounts reader_counts;
    auto help = [&](std::unique_lock<std::mutex>& lock) {
      if (!reader_matcher) {
        lock.unlock();
        reader_matcher.emplace(im.rules, im.options.match);
        lock.lock();
        if (queue.empty()) return;
      }
      evaluate_next(lock, *reader_matcher, reader_record, reader_counts);
    };
    std::vector<std::thread> workers;
    for (unsigned k = 1; k < threads; ++k) workers.emplace_back(worker);
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
        if (!queue.empty()) help(lock);
        else cv.wait(lock);
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
      if (!source.next_batch(w->batch)) break;
      im.note_progress(source);
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
    im.merge_agency_counts(reader_counts);
    ok = source.error().empty();
  }
  im.summary.rows_read += source.rows_read();
  im.progress_rows_done.store(im.summary.rows_read, std::memory_order_relaxed);
  im.summary.rows_rejected += source.rows_rejected();
  if (!ok) im.summary.input_errors.push_back(fmt::format("{}: {}", source.name(), source.error()));
  im.summary.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return ok;
}

bool Scanner::read_linked_table(RowSource& source, TableKind table, FindingSink& sink) {
  Impl& im = *impl_;
  LinkedTableRows counts;
  counts.table = table == TableKind::kTransfers ? "transfers" : "non_prosecutions";
  counts.source = source.name();
  source.set_reject_handler([&](const RejectedRow& r) { sink.reject(r); });
  LinkedTableReader reader(table, source.header(), im.options.mapping);
  for (auto& n : reader.notes()) im.summary.notes.push_back(source.name() + ": " + n);
  RowBatch batch;
  std::vector<ValueError> errors;
  while (source.next_batch(batch)) {
    for (size_t r = 0; r < batch.size(); ++r) {
      errors.clear();
      std::string loc = source.location_text(batch.locations[r]);
      const std::string_view* fields = &batch.fields[r * batch.columns];
      if (table == TableKind::kTransfers) im.cross.add_transfer(reader.transfer(fields, loc, errors));
      else im.cross.add_non_prosecution(reader.non_prosecution(fields, loc, errors));
      ++counts.rows_used;
      for (auto& e : errors) {
        e.source = source.name();
        e.location = batch.locations[r];
        e.location_text = loc;
        ++im.summary.value_errors;
        ++im.summary.value_errors_by_column[e.column];
        sink.value_error(e);
      }
    }
  }
  counts.rows_read = source.rows_read();
  counts.rows_rejected = source.rows_rejected();
  im.summary.linked_tables.push_back(counts);
  if (!source.error().empty()) {
    im.summary.input_errors.push_back(fmt::format("{}: {}", source.name(), source.error()));
    return false;
  }
  return true;
}

ScanProgress Scanner::progress() const {
  ScanProgress p;
  p.rows = impl_->progress_rows.load(std::memory_order_relaxed);
  p.fraction = impl_->progress_fraction.load(std::memory_order_relaxed);
  return p;
}

void Scanner::finish(FindingSink& sink) {
  Impl& im = *impl_;
  auto start = std::chrono::steady_clock::now();
  std::optional<Date> as_of = im.options.as_of ? im.options.as_of : im.cross.latest_date();
  im.summary.as_of = as_of;
  im.summary.as_of_from_data = !im.options.as_of && as_of.has_value();
  std::vector<Finding> found = im.cross.analyze(as_of);
  // A history finding about a case that also crosses a threshold of the same offense joins that
  // finding: one candidate with the evidence and the earlier cases of both.
  std::vector<char> merged(found.size(), 0);
  std::unordered_multimap<std::string, size_t> history_at;  // source + offense → index into found
  for (size_t k = 0; k < found.size(); ++k)
    if (found[k].pattern == "history") history_at.emplace(found[k].source + '\x1f' + found[k].offense, k);
  for (std::string& packed : im.held) {
    std::string_view in = packed;
    Finding f = unpack_finding(in, im.held_texts);
    std::string().swap(packed);
    auto [first, last] = history_at.equal_range(f.source + '\x1f' + f.offense);
    for (auto it = first; it != last; ++it) {
      size_t k = it->second;
      const Finding& h = found[k];
      if (merged[k]) continue;
      for (const auto& e : h.evidence) f.evidence.push_back(e);
      for (const auto& r : h.related) f.related.push_back(r);
      f.party_key = h.party_key;
      f.party_key_basis = h.party_key_basis;
      f.message += "；另据规则 " + h.rule_id + "：" + h.message.substr(h.message.find("：") == std::string::npos ? 0 : h.message.find("：") + 3);
      merged[k] = 1;
    }
    im.count_and_emit(f, sink);
  }
  im.held.clear();
  im.held.shrink_to_fit();
  for (size_t k = 0; k < found.size(); ++k)
    if (!merged[k]) im.count_and_emit(found[k], sink);
  // Per agency and domain: the share of its cases just under a threshold, against the share over
  // all agencies of the same domain. Against all agencies, a tobacco bureau would always stand out:
  // tobacco cases come near a threshold more often than, say, labelling cases do.
  struct Totals {
    uint64_t cases = 0, near = 0;
  };
  std::map<std::string, Totals> by_domain;
  Totals all;
  auto domain_of = [](const std::string& key) { return key.substr(key.find('\x1f') + 1); };
  for (const auto& [key, n] : im.cases_by_agency) {
    by_domain[domain_of(key)].cases += n;
    all.cases += n;
  }
  for (const auto& [key, n] : im.near_cases_by_agency) {
    by_domain[domain_of(key)].near += n;
    all.near += n;
  }
  auto share_of = [](uint64_t near, uint64_t cases) {
    return cases ? static_cast<double>(near) / static_cast<double>(cases) : 0.0;
  };
  for (const auto& [key, near] : im.near_cases_by_agency) {
    AgencyNearShare row;
    const size_t cut = key.find('\x1f');
    row.agency = key.substr(0, cut);
    row.domain = key.substr(cut + 1);
    row.near = near;
    auto it = im.cases_by_agency.find(key);
    row.cases = it == im.cases_by_agency.end() ? 0 : it->second;
    row.share = share_of(near, row.cases);
    const Totals& d = by_domain[row.domain];
    row.domain_share = share_of(d.near, d.cases);
    row.ratio = row.domain_share > 0 ? row.share / row.domain_share : 0;
    im.summary.near_threshold_by_agency.push_back(row);
  }
  std::sort(im.summary.near_threshold_by_agency.begin(), im.summary.near_threshold_by_agency.end(),
            [](const AgencyNearShare& a, const AgencyNearShare& b) {
              if (a.ratio != b.ratio) return a.ratio > b.ratio;
              return a.agency != b.agency ? a.agency < b.agency : a.domain < b.domain;
            });
  im.summary.near_threshold_share = share_of(all.near, all.cases);
  const CrossSummary& cs = im.cross.summary();
  im.summary.cross_member_records = cs.member_records;
  im.summary.cross_skipped = cs.skipped;
  im.summary.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace xianjie
