// Aho–Corasick construction and scanning for KeywordTable.
#include "expr/keywords.h"

#include <algorithm>
#include <queue>
#include <type_traits>

namespace xianjie::expr {

int32_t KeywordTable::add_set(const std::vector<std::string>& words) {
  std::vector<int32_t> ids;
  for (const auto& w : words) {
    if (w.empty()) continue;
    auto [it, inserted] = pattern_ids_.emplace(w, static_cast<int32_t>(patterns_.size()));
    if (inserted) patterns_.push_back(w);
    ids.push_back(it->second);
  }
  std::vector<SetWord> words_of_set;
  for (int32_t id : ids) {
    auto word = static_cast<uint32_t>(id >> 6);
    auto it = std::find_if(words_of_set.begin(), words_of_set.end(), [&](const SetWord& w) { return w.word == word; });
    if (it == words_of_set.end()) it = words_of_set.insert(words_of_set.end(), SetWord{word, 0});
    it->mask |= uint64_t{1} << (id & 63);
  }
  set_words_.push_back(std::move(words_of_set));
  sets_.push_back(std::move(ids));
  return static_cast<int32_t>(sets_.size() - 1);
}

void KeywordTable::build() {
  max_pattern_bytes_ = 0;
  size_t total_bytes = 0;
  for (const auto& p : patterns_) {
    max_pattern_bytes_ = std::max(max_pattern_bytes_, p.size());
    total_bytes += p.size();
  }
  // Byte classes: every byte that occurs in a keyword has a class of its own; all other bytes share
  // class 0, on which every state returns to the root. The automaton is built over classes, not
  // over 256 bytes: for the whole pack (≈ 24,000 states, ≈ 70 classes) that is 7 MB of transitions
  // during the build instead of 25 MB.
  std::fill(std::begin(byte_class_), std::end(byte_class_), 0);
  classes_ = 1;
  for (const auto& p : patterns_)
    for (unsigned char c : p)
      if (byte_class_[c] == 0) byte_class_[c] = static_cast<uint16_t>(classes_++);
  const size_t width = classes_;
  // Trie with goto transitions; -1 = absent.
  std::vector<int32_t> go;
  go.reserve((total_bytes + 1) * width);
  go.assign(width, -1);
  std::vector<std::vector<int32_t>> out(1);
  for (size_t p = 0; p < patterns_.size(); ++p) {
    int32_t s = 0;
    for (unsigned char c : patterns_[p]) {
      size_t idx = static_cast<size_t>(s) * width + byte_class_[c];
      if (go[idx] < 0) {
        go[idx] = static_cast<int32_t>(out.size());
        go.resize(go.size() + width, -1);
        out.emplace_back();
      }
      s = go[idx];
    }
    out[static_cast<size_t>(s)].push_back(static_cast<int32_t>(p));
  }
  const size_t states = out.size();
  // Failure links, breadth-first. The order in which states leave the queue is also their new
  // number: the shallow states, where the automaton spends most of its time on text that mostly
  // does not match, then sit together at the start of the table.
  std::vector<int32_t> fail(states, 0);
  std::vector<int32_t> order;  // new number → old
  order.reserve(states);
  order.push_back(0);
  std::queue<int32_t> q;
  for (size_t c = 0; c < width; ++c) {
    int32_t t = go[c];
    if (t < 0) go[c] = 0;
    else { fail[static_cast<size_t>(t)] = 0; q.push(t); }
  }
  while (!q.empty()) {
    int32_t s = q.front();
    q.pop();
    order.push_back(s);
    auto& so = out[static_cast<size_t>(s)];
    const auto& fo = out[static_cast<size_t>(fail[static_cast<size_t>(s)])];
    so.insert(so.end(), fo.begin(), fo.end());
    for (size_t c = 0; c < width; ++c) {
      size_t idx = static_cast<size_t>(s) * width + c;
      int32_t t = go[idx];
      int32_t f = go[static_cast<size_t>(fail[static_cast<size_t>(s)]) * width + c];
      if (t < 0) go[idx] = f;
      else { fail[static_cast<size_t>(t)] = f; q.push(t); }
    }
  }
  std::vector<int32_t> renum(states, -1);
  for (size_t k = 0; k < order.size(); ++k) renum[static_cast<size_t>(order[k])] = static_cast<int32_t>(k);
  // Entries hold the target state's number, with the top bit set when the target has outputs: the
  // scan loop does one load per byte and touches the output lists only on a match. Entries are 16
  // bits while the states allow it, which halves the table (for the five-offense rules, 3,434 states
  // × 72 classes: 480 KiB instead of 960 KiB, inside the core's L2).
  //
  // The table is stored class-major, [class × states + state]: the step is then
  // next[class_base[byte] + state], where class_base is looked up from the byte alone, off the
  // chain of dependent loads that runs from one state to the next (a state-major table puts a
  // multiplication by the class count on that chain). The shallow states, numbered first, sit
  // together at the start of every class's row.
  wide_ = states > kMaxNarrowStates;
  if (wide_) next32_.assign(states * classes_, 0);
  else next16_.assign(states * classes_, 0);
  for (size_t b = 0; b < 256; ++b) class_base_[b] = static_cast<uint32_t>(byte_class_[b] * states);
  for (size_t ns = 0; ns < states; ++ns) {
    auto st = static_cast<size_t>(order[ns]);
    for (size_t c = 0; c < width; ++c) {
      auto target = static_cast<size_t>(go[st * width + c]);
      uint32_t entry = static_cast<uint32_t>(renum[target]);
      bool has_output = !out[target].empty();
      size_t at = c * states + ns;
      if (wide_) next32_[at] = entry | (has_output ? 0x80000000u : 0u);
      else next16_[at] = static_cast<uint16_t>(entry | (has_output ? 0x8000u : 0u));
    }
  }
  output_begin_.assign(states + 1, 0);
  outputs_.clear();
  for (size_t ns = 0; ns < states; ++ns) {
    output_begin_[ns] = static_cast<int32_t>(outputs_.size());
    const auto& o = out[static_cast<size_t>(order[ns])];
    outputs_.insert(outputs_.end(), o.begin(), o.end());
  }
  output_begin_[states] = static_cast<int32_t>(outputs_.size());
}

void KeywordTable::scan(std::string_view text, uint64_t* hits) const { scan_many(&text, &hits, 1); }

void KeywordTable::scan_many(const std::string_view* texts, uint64_t* const* hits, size_t count) const {
  if (wide_) scan_lanes(next32_.data(), uint32_t{0x80000000u}, texts, hits, count);
  else if (!next16_.empty()) scan_lanes(next16_.data(), uint16_t{0x8000u}, texts, hits, count);
}

template <typename Entry>
void KeywordTable::scan_lanes(const Entry* next, Entry flag, const std::string_view* texts, uint64_t* const* hits,
                              size_t count) const {
  constexpr size_t kMaxLanes = 8;
  if (count > kMaxLanes) {
    for (size_t t = 0; t < count; t += kMaxLanes) scan_lanes(next, flag, texts + t, hits + t, std::min(kMaxLanes, count - t));
    return;
  }
  const int32_t* ob = output_begin_.data();
  const int32_t* outs = outputs_.data();
  const uint32_t* base = class_base_;
  // One automaton step is a load that depends on the previous one, so a single pass waits for
  // the cache at every byte. Instead the texts — and long texts cut into pieces — are scanned as
  // independent lanes in lock-step, so the loads of different lanes overlap. A piece after the
  // first starts `overlap` bytes before its cut, from the root state, so a keyword that straddles
  // the cut is still seen whole; a keyword seen by two lanes only sets its bit twice.
  struct Lane {
    const unsigned char* p;  // next byte
    const unsigned char* end;
    uint64_t* hits;
    size_t state;
  };
  Lane lanes[kMaxLanes];
  size_t nl = 0;
  const size_t overlap = max_pattern_bytes_ > 0 ? max_pattern_bytes_ - 1 : 0;
  const size_t min_piece = overlap + 16;
  for (size_t t = 0; t < count; ++t) {
    const auto* b = reinterpret_cast<const unsigned char*>(texts[t].data());
    const size_t n = texts[t].size();
    if (n == 0) continue;
    size_t room = kMaxLanes - nl - (count - 1 - t);  // keep a lane for every later text
    size_t pieces = std::max<size_t>(1, std::min({room, n / min_piece, size_t{4}}));
    size_t len = (n + pieces - 1) / pieces;
    for (size_t k = 0; k < pieces; ++k) {
      size_t from = k * len, to = std::min(n, from + len);
      if (from >= to) break;
      if (k > 0) from -= overlap;
      lanes[nl++] = Lane{b + from, b + to, hits[t], 0};
    }
  }
  // The lanes' positions and states are copied into fixed-size local arrays, which the compiler
  // keeps in registers once the lane loop is unrolled for that count.
  auto run = [&](auto lanes_n) {
    constexpr size_t N = decltype(lanes_n)::value;
    const unsigned char* p[N];
    size_t state[N];
    for (size_t k = 0; k < N; ++k) { p[k] = lanes[k].p; state[k] = lanes[k].state; }
    size_t common = static_cast<size_t>(lanes[0].end - lanes[0].p);
    for (size_t k = 1; k < N; ++k) common = std::min(common, static_cast<size_t>(lanes[k].end - lanes[k].p));
    for (size_t i = 0; i < common; ++i) {
#pragma GCC unroll 8
      for (size_t k = 0; k < N; ++k) {
        Entry e = next[base[p[k][i]] + state[k]];
        state[k] = static_cast<size_t>(e & static_cast<Entry>(~flag));
        if (e & flag) [[unlikely]]
          for (int32_t o = ob[state[k]]; o < ob[state[k] + 1]; ++o)
            lanes[k].hits[outs[o] >> 6] |= uint64_t{1} << (outs[o] & 63);
      }
    }
    for (size_t k = 0; k < N; ++k) { lanes[k].p = p[k] + common; lanes[k].state = state[k]; }
  };
  while (nl > 0) {
    switch (nl) {
      case 1: run(std::integral_constant<size_t, 1>{}); break;
      case 2: run(std::integral_constant<size_t, 2>{}); break;
      case 3: run(std::integral_constant<size_t, 3>{}); break;
      case 4: run(std::integral_constant<size_t, 4>{}); break;
      case 5: run(std::integral_constant<size_t, 5>{}); break;
      case 6: run(std::integral_constant<size_t, 6>{}); break;
      case 7: run(std::integral_constant<size_t, 7>{}); break;
      default: run(std::integral_constant<size_t, 8>{}); break;
    }
    size_t kept = 0;  // drop finished lanes, go on with the rest
    for (size_t k = 0; k < nl; ++k)
      if (lanes[k].p < lanes[k].end) lanes[kept++] = lanes[k];
    nl = kept;
  }
}

bool KeywordTable::set_any(int32_t set, const uint64_t* hits) const {
  for (const SetWord& w : set_words_[static_cast<size_t>(set)])
    if (hits[w.word] & w.mask) return true;
  return false;
}

bool KeywordTable::set_all(int32_t set, const uint64_t* hits) const {
  for (int32_t p : sets_[static_cast<size_t>(set)])
    if (!(hits[p >> 6] & (uint64_t{1} << (p & 63)))) return false;
  return true;
}

int32_t KeywordTable::first_hit(int32_t set, const uint64_t* hits) const {
  for (int32_t p : sets_[static_cast<size_t>(set)])
    if (hits[p >> 6] & (uint64_t{1} << (p & 63))) return p;
  return -1;
}

}  // namespace xianjie::expr
