// Aho–Corasick construction and scanning for KeywordTable.
#include "expr/keywords.h"

#include <algorithm>
#include <queue>

namespace xianjie::expr {

int32_t KeywordTable::add_set(const std::vector<std::string>& words) {
  std::vector<int32_t> ids;
  for (const auto& w : words) {
    if (w.empty()) continue;
    auto [it, inserted] = pattern_ids_.emplace(w, static_cast<int32_t>(patterns_.size()));
    if (inserted) patterns_.push_back(w);
    ids.push_back(it->second);
  }
  sets_.push_back(std::move(ids));
  return static_cast<int32_t>(sets_.size() - 1);
}

void KeywordTable::build() {
  // Trie with goto transitions; -1 = absent.
  std::vector<int32_t> go(256, -1);
  std::vector<std::vector<int32_t>> out(1);
  auto new_state = [&]() {
    go.resize(go.size() + 256, -1);
    out.emplace_back();
    return static_cast<int32_t>(out.size() - 1);
  };
  for (size_t p = 0; p < patterns_.size(); ++p) {
    int32_t s = 0;
    for (unsigned char c : patterns_[p]) {
      int32_t& t = go[static_cast<size_t>(s) * 256 + c];
      if (t < 0) { int32_t ns = new_state(); go[static_cast<size_t>(s) * 256 + c] = ns; s = ns; }
      else s = t;
    }
    out[static_cast<size_t>(s)].push_back(static_cast<int32_t>(p));
  }
  size_t states = out.size();
  std::vector<int32_t> fail(states, 0);
  std::queue<int32_t> q;
  for (int c = 0; c < 256; ++c) {
    int32_t t = go[static_cast<size_t>(c)];
    if (t < 0) go[static_cast<size_t>(c)] = 0;
    else { fail[static_cast<size_t>(t)] = 0; q.push(t); }
  }
  while (!q.empty()) {
    int32_t s = q.front();
    q.pop();
    auto& so = out[static_cast<size_t>(s)];
    const auto& fo = out[static_cast<size_t>(fail[static_cast<size_t>(s)])];
    so.insert(so.end(), fo.begin(), fo.end());
    for (int c = 0; c < 256; ++c) {
      size_t idx = static_cast<size_t>(s) * 256 + static_cast<size_t>(c);
      int32_t t = go[idx];
      int32_t f = go[static_cast<size_t>(fail[static_cast<size_t>(s)]) * 256 + static_cast<size_t>(c)];
      if (t < 0) go[idx] = f;
      else { fail[static_cast<size_t>(t)] = f; q.push(t); }
    }
  }
  // Compress the 256-wide table to byte classes.
  std::fill(std::begin(byte_class_), std::end(byte_class_), 0);
  classes_ = 1;
  for (const auto& p : patterns_)
    for (unsigned char c : p)
      if (byte_class_[c] == 0) byte_class_[c] = static_cast<uint16_t>(classes_++);
  // Entries hold the target's row offset (state × classes), with the top bit set when the target
  // state has outputs: the scan loop then does one load per byte and touches the output lists only
  // on a match.
  next_.assign(states * classes_, 0);
  for (size_t st = 0; st < states; ++st)
    for (int c = 0; c < 256; ++c) {
      auto target = static_cast<size_t>(go[st * 256 + static_cast<size_t>(c)]);
      uint32_t entry = static_cast<uint32_t>(target * classes_);
      if (!out[target].empty()) entry |= kOutputFlag;
      next_[st * classes_ + byte_class_[c]] = entry;
    }
  output_begin_.assign(states + 1, 0);
  outputs_.clear();
  for (size_t s = 0; s < states; ++s) {
    output_begin_[s] = static_cast<int32_t>(outputs_.size());
    outputs_.insert(outputs_.end(), out[s].begin(), out[s].end());
  }
  output_begin_[states] = static_cast<int32_t>(outputs_.size());
}

void KeywordTable::scan(std::string_view text, uint64_t* hits) const {
  if (next_.empty()) return;
  const uint32_t* next = next_.data();
  const int32_t* ob = output_begin_.data();
  const size_t classes = classes_;
  auto emit = [&](uint32_t row) {
    size_t st = row / classes;
    for (int32_t k = ob[st]; k < ob[st + 1]; ++k) {
      int32_t p = outputs_[static_cast<size_t>(k)];
      hits[p >> 6] |= uint64_t{1} << (p & 63);
    }
  };
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  uint32_t row = 0;
  for (size_t i = 0; i < n; ++i) {
    uint32_t e = next[row + byte_class_[bytes[i]]];
    row = e & ~kOutputFlag;
    if (e & kOutputFlag) emit(row);
  }
}

bool KeywordTable::set_any(int32_t set, const uint64_t* hits) const {
  for (int32_t p : sets_[static_cast<size_t>(set)])
    if (hits[p >> 6] & (uint64_t{1} << (p & 63))) return true;
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
