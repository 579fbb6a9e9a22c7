// StatsCollector: counts every evaluated record (as the scan's RecordObserver) and every finding
// (as its FindingSink) into one bucket per agency and decision month; report() rolls the buckets
// up to the grouping asked for. See xianjie/stats.h for what is counted.
//
// Records arrive on the emitting thread in input order (RecordObserver's contract), so nothing
// here locks. Per record the cost is one hash lookup on the agency text (keys are views into the
// stored names, so no string is built) and one on the month; the findings of a case are counted
// once through sets of case keys, which hold only the cases that have findings.
#include <algorithm>
#include <deque>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "common/text.h"
#include "xianjie/fields.h"
#include "xianjie/stats.h"
#include "xianjie/value_parse.h"

namespace xianjie {

namespace {

constexpr int32_t kNoMonth = -1;

int32_t month_index(const Value& v) {
  if (v.type() != ValueType::kDate) return kNoMonth;
  Date d = v.as_date();
  return d.year() * 12 + d.month() - 1;
}

int32_t month_index(const std::optional<Date>& d) { return d ? d->year() * 12 + d->month() - 1 : kNoMonth; }

std::string month_text(int32_t m) { return m == kNoMonth ? std::string() : fmt::format("{:04d}-{:02d}", m / 12, m % 12 + 1); }

std::string_view agency_of(const Record& r) {
  const Value& v = r.slots[slot::kAgency];
  return v.type() == ValueType::kText ? trim(v.as_text()) : std::string_view();
}

// What identifies the case a finding is about: its record's location. A not-filed finding is
// located at its row of the transfers table; the case it concerns is its related 行政处罚案件.
const std::string& case_key(const Finding& f) {
  if (f.pattern == "not-filed")
    for (const auto& r : f.related)
      if (r.role == "行政处罚案件" && !r.source.empty()) return r.source;
  return f.source;
}

}  // namespace

std::optional<StatsGrouping> parse_stats_grouping(std::string_view text) {
  std::string t;
  for (char c : text)
    if (c != ' ') t += c;
  if (t == "agency" || t == "机关") return StatsGrouping::kAgency;
  if (t == "month" || t == "月份") return StatsGrouping::kMonth;
  if (t == "agency,month" || t == "机关,月份") return StatsGrouping::kAgencyMonth;
  return std::nullopt;
}

std::string_view stats_grouping_name(StatsGrouping g) {
  switch (g) {
    case StatsGrouping::kAgency: return "agency";
    case StatsGrouping::kMonth: return "month";
    case StatsGrouping::kAgencyMonth: return "agency,month";
  }
  return "agency,month";
}

const std::vector<std::string_view>& entry_date_aliases() {
  static const std::vector<std::string_view> aliases = {"录入日期", "录入时间", "填报日期", "填报时间"};
  return aliases;
}

std::vector<StatsField> stats_fields(const RuleSet& rules) {
  const auto& defs = cases_fields();
  auto one = [&](int s) {
    StatsField f;
    f.name = std::string(defs[static_cast<size_t>(s)].name);
    f.label = std::string(defs[static_cast<size_t>(s)].label);
    f.key = true;
    f.slots = {s};
    return f;
  };
  std::vector<StatsField> out = {one(slot::kCaseId), one(slot::kPartyName), one(slot::kPartyId)};
  StatsField reason;
  reason.name = "case_reason|facts";
  reason.label = "案由或违法事实";
  reason.key = true;
  reason.slots = {slot::kCaseReason, slot::kFacts};
  out.push_back(std::move(reason));
  out.push_back(one(slot::kViolationDate));
  out.push_back(one(slot::kDecisionDate));
  const auto& read = rules.slots_read();
  for (size_t s = 0; s < defs.size(); ++s)
    if (defs[s].type == FieldType::kAmount && s < read.size() && read[s]) {
      StatsField f = one(static_cast<int>(s));
      f.key = false;
      out.push_back(std::move(f));
    }
  return out;
}

void StatsCounts::add(const StatsCounts& o) {
  cases += o.cases;
  if (present.size() < o.present.size()) present.resize(o.present.size(), 0);
  for (size_t k = 0; k < o.present.size(); ++k) present[k] += o.present[k];
  key_complete += o.key_complete;
  candidates += o.candidates;
  candidates_transferred += o.candidates_transferred;
  leads += o.leads;
  candidate_findings += o.candidate_findings;
  lead_findings += o.lead_findings;
  transferred += o.transferred;
  entry_dated += o.entry_dated;
  late += o.late;
}

struct StatsCollector::Impl {
  struct Bucket {
    uint32_t agency = 0;  // index into agencies
    int32_t month = kNoMonth;
    StatsCounts counts;   // record counts; the case counts come from the sets below in report()
    std::unordered_set<std::string> candidate_cases, transferred_candidate_cases, lead_cases;
  };

  StatsOptions options;
  std::vector<StatsField> fields;
  std::vector<std::string> entry_headers;  // normalised headers that hold the entry date

  std::deque<std::string> agencies;                        // stable storage for the views below
  std::unordered_map<std::string_view, uint32_t> agency_index;
  std::unordered_map<uint64_t, size_t> bucket_index;        // agency << 32 | (month + 1)
  std::vector<Bucket> buckets;

  bool input_has_entry_date = false;  // the current input has an entry-date column
  bool entry_date_available = false;
  std::vector<std::string> entry_date_columns;
  uint64_t entry_date_unparsed = 0;
  ScanSummary summary;

  Bucket& bucket(std::string_view agency, int32_t month) {
    auto it = agency_index.find(agency);
    uint32_t a;
    if (it == agency_index.end()) {
      a = static_cast<uint32_t>(agencies.size());
      agencies.emplace_back(agency);
      agency_index.emplace(agencies.back(), a);
    } else {
      a = it->second;
    }
    uint64_t key = (uint64_t{a} << 32) | static_cast<uint32_t>(month + 1);
    auto [b, inserted] = bucket_index.emplace(key, buckets.size());
    if (inserted) {
      Bucket nb;
      nb.agency = a;
      nb.month = month;
      nb.counts.present.assign(fields.size(), 0);
      buckets.push_back(std::move(nb));
    }
    return buckets[b->second];
  }
};

StatsCollector::StatsCollector(const RuleSet& rules, StatsOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->fields = stats_fields(rules);
  for (auto a : entry_date_aliases()) impl_->entry_headers.push_back(normalize_header(a).name);
  for (const auto& c : impl_->options.entry_date_columns) impl_->entry_headers.push_back(normalize_header(c).name);
}

StatsCollector::~StatsCollector() = default;

void StatsCollector::attach(ScanOptions& options) {
  options.observer = this;
  options.match.include_transferred = true;
}

std::vector<size_t> StatsCollector::begin_input(const RowSource& source) {
  Impl& im = *impl_;
  im.input_has_entry_date = false;
  const auto& header = source.header();
  for (size_t c = 0; c < header.size(); ++c) {
    std::string name = normalize_header(header[c]).name;
    for (const auto& h : im.entry_headers)
      if (name == h) {
        im.input_has_entry_date = true;
        im.entry_date_available = true;
        im.entry_date_columns.push_back(source.name() + ": " + header[c]);
        return {c};
      }
  }
  return {};
}

void StatsCollector::record(const Record& record, bool transferred, const std::string_view* cells) {
  Impl& im = *impl_;
  const Value& decision = record.slots[slot::kDecisionDate];
  Impl::Bucket& b = im.bucket(agency_of(record), month_index(decision));
  StatsCounts& c = b.counts;
  ++c.cases;
  bool complete = true;
  for (size_t k = 0; k < im.fields.size(); ++k) {
    bool has = false;
    for (int s : im.fields[k].slots) has = has || !record.slots[static_cast<size_t>(s)].is_null();
    if (has) ++c.present[k];
    else if (im.fields[k].key) complete = false;
  }
  if (complete) ++c.key_complete;
  if (transferred) ++c.transferred;
  if (im.input_has_entry_date && !is_missing_token(cells[0])) {
    std::string error;
    auto entered = parse_date(trim(cells[0]), error);
    if (!entered) {
      ++im.entry_date_unparsed;
    } else if (decision.type() == ValueType::kDate) {
      ++c.entry_dated;
      if (entered->days() - decision.as_date().days() > im.options.late_days) ++c.late;
    }
  }
}

void StatsCollector::finding(const Finding& f) {
  Impl::Bucket& b = impl_->bucket(trim(f.agency), month_index(f.decision_date));
  const std::string& key = case_key(f);
  if (f.referral) {
    ++b.counts.candidate_findings;
    b.candidate_cases.insert(key);
    if (f.transferred) b.transferred_candidate_cases.insert(key);
  } else {
    ++b.counts.lead_findings;
    b.lead_cases.insert(key);
  }
}

void StatsCollector::end(const ScanSummary& summary) { impl_->summary = summary; }

StatsReport StatsCollector::report(StatsGrouping grouping) const {
  const Impl& im = *impl_;
  StatsReport r;
  r.grouping = grouping;
  r.fields = im.fields;
  r.late_days = im.options.late_days;
  r.entry_date_available = im.entry_date_available;
  r.entry_date_columns = im.entry_date_columns;
  r.entry_date_unparsed = im.entry_date_unparsed;
  r.scan = im.summary;
  r.total.present.assign(im.fields.size(), 0);

  const bool by_agency = grouping != StatsGrouping::kMonth;
  const bool by_month = grouping != StatsGrouping::kAgency;
  // Buckets in report order: by agency (a missing one last, names in code point order), then by
  // month (a missing one last); the parts not grouped by are ignored, so that equal neighbours
  // merge into one row. Sorting indices keeps the agency names where they are.
  auto agency_key = [&](const Impl::Bucket& b) { return by_agency ? std::string_view(im.agencies[b.agency]) : std::string_view(); };
  auto month_key = [&](const Impl::Bucket& b) { return by_month ? b.month : 0; };
  auto less = [&](size_t x, size_t y) {
    const Impl::Bucket &a = im.buckets[x], &b = im.buckets[y];
    std::string_view aa = agency_key(a), ba = agency_key(b);
    if (aa.empty() != ba.empty()) return ba.empty();
    if (aa != ba) return aa < ba;
    int32_t am = month_key(a), bm = month_key(b);
    if ((am == kNoMonth) != (bm == kNoMonth)) return bm == kNoMonth;
    return am < bm;
  };
  std::vector<size_t> order(im.buckets.size());
  for (size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::sort(order.begin(), order.end(), less);
  for (size_t k = 0; k < order.size(); ++k) {
    const Impl::Bucket& b = im.buckets[order[k]];
    StatsCounts c = b.counts;
    c.candidates = b.candidate_cases.size();
    c.candidates_transferred = b.transferred_candidate_cases.size();
    c.leads = b.lead_cases.size();
    if (k == 0 || less(order[k - 1], order[k])) {
      StatsRow row;
      if (by_agency) row.agency = im.agencies[b.agency];
      if (by_month) row.month = month_text(b.month);
      row.counts.present.assign(im.fields.size(), 0);
      r.rows.push_back(std::move(row));
    }
    r.rows.back().counts.add(c);
    r.total.add(c);
  }
  return r;
}

}  // namespace xianjie
