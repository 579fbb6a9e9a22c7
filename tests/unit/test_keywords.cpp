// The shared keyword automaton: every keyword occurrence is found, whatever the text's length (long
// texts are cut into lanes scanned together) and wherever a keyword straddles a cut.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "expr/keywords.h"

using xianjie::expr::KeywordTable;

namespace {

std::vector<bool> naive_hits(const std::vector<std::string>& words, const std::string& text) {
  std::vector<bool> hit;
  for (const auto& w : words) hit.push_back(text.find(w) != std::string::npos);
  return hit;
}

std::vector<bool> table_hits(const KeywordTable& t, const std::vector<std::string>& words, const std::string& text) {
  std::vector<uint64_t> bits(t.words(), 0);
  t.scan(text, bits.data());
  std::vector<bool> hit;
  for (const auto& w : words) {
    bool found = false;
    for (size_t p = 0; p < t.pattern_count(); ++p)
      if (t.pattern(static_cast<int32_t>(p)) == w) found = bits[p >> 6] & (uint64_t{1} << (p & 63));
    hit.push_back(found);
  }
  return hit;
}

}  // namespace

TEST_CASE("keywords: every occurrence is found in texts of every length, across lane cuts", "[keywords]") {
  // Keywords of very different lengths; the longest sets the lanes' overlap.
  std::vector<std::string> words = {"电鱼", "以次充好", "无烟草专卖零售许可证", "采砂", "甲",
                                    "未取得采矿许可证擅自开采矿产资源并销售", "鱼", "卷烟"};
  KeywordTable t;
  t.add_set(words);
  t.build();
  const std::vector<std::string> filler = {"当事人", "于", "年", "月", "日", "在", "某地", "，", "。", "经查", "a", "1"};
  std::mt19937 rng(20261123);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    size_t pieces = rng() % 200;  // up to ~600 bytes: from one lane to four per text
    for (size_t k = 0; k < pieces; ++k) {
      if (rng() % 23 == 0) text += words[rng() % words.size()];
      else text += filler[rng() % filler.size()];
    }
    INFO("text: " << text);
    REQUIRE(table_hits(t, words, text) == naive_hits(words, text));
  }
}

TEST_CASE("keywords: a keyword exactly at each position of a long text", "[keywords]") {
  std::vector<std::string> words = {"非法捕捞水产品", "禁渔期"};
  KeywordTable t;
  t.add_set(words);
  t.build();
  std::string base(600, 'x');
  for (size_t at = 0; at + words[0].size() <= base.size(); ++at) {
    std::string text = base;
    text.replace(at, words[0].size(), words[0]);
    text.resize(base.size());
    INFO("keyword at byte " << at);
    REQUIRE(table_hits(t, words, text) == std::vector<bool>{true, false});
  }
}

TEST_CASE("keywords: several texts scanned together keep their own hits", "[keywords]") {
  std::vector<std::string> words = {"电鱼", "采砂", "卷烟"};
  KeywordTable t;
  t.add_set(words);
  t.build();
  std::string a = std::string(300, 'y') + "电鱼";
  std::string b = "卷烟" + std::string(10, 'z');
  std::string_view texts[3] = {a, "", b};
  std::vector<uint64_t> ha(t.words(), 0), hb(t.words(), 0), he(t.words(), 0);
  uint64_t* hits[3] = {ha.data(), he.data(), hb.data()};
  t.scan_many(texts, hits, 3);
  REQUIRE(ha[0] == 0b001);
  REQUIRE(he[0] == 0);
  REQUIRE(hb[0] == 0b100);
}
