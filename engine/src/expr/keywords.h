// Keyword sets and the shared multi-pattern matcher (Aho–Corasick over UTF-8 bytes).
//
// Rules recognise conduct by keywords in 案由 and 违法事实 (以次充好, 电鱼, 无烟草专卖零售许可证 …).
// Searching each keyword separately would scan each text dozens of times per record; instead every
// keyword of every rule is compiled into one automaton, each record's text is scanned once per
// field, and a keyword set is "hit" when the resulting bitmap intersects the set's bitmap.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace xianjie::expr {

class KeywordTable {
 public:
  // Registers a set of keywords, returning its id. Identical words share one pattern id.
  int32_t add_set(const std::vector<std::string>& words);
  const std::vector<int32_t>& set_patterns(int32_t set) const { return sets_[static_cast<size_t>(set)]; }
  const std::string& pattern(int32_t id) const { return patterns_[static_cast<size_t>(id)]; }
  size_t pattern_count() const { return patterns_.size(); }
  size_t set_count() const { return sets_.size(); }

  // Builds the automaton; call after the last add_set.
  void build();

  // Bitmap of pattern ids found in `text`. `hits` must have words() elements; bits are OR-ed in.
  void scan(std::string_view text, uint64_t* hits) const;
  // The same for several texts at once (hits[t] for texts[t]); faster than one scan per text
  // because the texts are stepped through together.
  void scan_many(const std::string_view* texts, uint64_t* const* hits, size_t count) const;
  size_t words() const { return (patterns_.size() + 63) / 64; }

  bool set_any(int32_t set, const uint64_t* hits) const;
  bool set_all(int32_t set, const uint64_t* hits) const;
  // The first pattern of `set` present in `hits`, or -1: for evidence ("违法事实 含 '电鱼'").
  int32_t first_hit(int32_t set, const uint64_t* hits) const;

 private:
  std::vector<std::string> patterns_;
  std::unordered_map<std::string, int32_t> pattern_ids_;
  std::vector<std::vector<int32_t>> sets_;
  // Per set, its patterns as bitmap words: (word index, mask) for every word with a pattern of the
  // set, so that set_any tests a few words instead of every pattern (filled by build()).
  struct SetWord {
    uint32_t word;
    uint64_t mask;
  };
  std::vector<std::vector<SetWord>> set_words_;
  // Automaton: dense transitions over byte classes (bytes that occur in no pattern share class 0,
  // which keeps the table small enough for the cache: Chinese keywords use ~70 distinct bytes);
  // outputs are lists of pattern ids per state.
  uint16_t byte_class_[256] = {};
  size_t classes_ = 1;
  size_t max_pattern_bytes_ = 0;  // the longest keyword: lanes of a long text overlap by this − 1
  // Transitions: [class × states + state] → target state, top bit set when the target has
  // outputs. 16-bit entries while the states fit in 15 bits, else 32-bit. class_base_[byte] is
  // byte_class_[byte] × states, the start of the byte's row.
  uint32_t class_base_[256] = {};
  static constexpr size_t kMaxNarrowStates = 0x7FFF;
  bool wide_ = false;
  std::vector<uint16_t> next16_;
  std::vector<uint32_t> next32_;
  template <typename Entry>
  void scan_lanes(const Entry* next, Entry flag, const std::string_view* texts, uint64_t* const* hits,
                  size_t count) const;
  std::vector<int32_t> output_begin_;     // per state, into outputs_ (size states+1)
  std::vector<int32_t> outputs_;
};

}  // namespace xianjie::expr
