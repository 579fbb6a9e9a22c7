// Closed vocabularies: yes/no, the kind of party penalised, and the police's decision on a
// transferred case.
//
// Each accepts the spellings that government exports actually use, after folding width and ASCII
// case, and nothing else: a word that is not in a table is an error, never a default. Words whose
// meaning is legally ambiguous are left out on purpose (see the notes beside the tables).
#include <string_view>

#include "common/text.h"
#include "parse/support.h"
#include "xianjie/value_parse.h"

namespace xianjie {
namespace {

using parse_detail::fold_key;
using parse_detail::make_error;

template <typename T>
struct Word {
  std::string_view text;
  T value;
};

// Folds the trimmed cell into `buf`; false when it is too long to be any keyword.
bool key_of(std::string_view raw, char (&buf)[64], std::string_view& key) {
  return fold_key(trim(raw), buf, sizeof buf, true, key);
}

template <typename T, size_t N>
std::optional<T> find_word(const Word<T> (&table)[N], std::string_view key) {
  for (const auto& w : table)
    if (w.text == key) return w.value;
  return std::nullopt;
}

std::string_view strip_prefix(std::string_view s, std::string_view prefix, bool& matched) {
  matched = s.substr(0, prefix.size()) == prefix;
  return matched ? s.substr(prefix.size()) : s;
}

// The 移送情况 column: [已|未|不|不予|没有|尚未|暂未] (移送|移交) [公安|公安机关|司法机关|公安部门].
std::optional<bool> transfer_phrase(std::string_view key) {
  static constexpr std::string_view kNegative[] = {"不予", "尚未", "暂未", "没有", "未", "不"};
  bool value = true, matched = false;
  for (auto p : kNegative) {
    key = strip_prefix(key, p, matched);
    if (matched) { value = false; break; }
  }
  if (value) key = strip_prefix(key, "已", matched);
  bool core = false;
  for (std::string_view verb : {"移送", "移交"}) {
    key = strip_prefix(key, verb, core);
    if (core) break;
  }
  if (!core) return std::nullopt;
  for (std::string_view target : {"", "公安", "公安机关", "司法机关", "公安部门"})
    if (key == target) return value;
  return std::nullopt;
}

constexpr Word<bool> kBools[] = {
    {"是", true},   {"是的", true},  {"对", true},    {"1", true},     {"y", true},     {"yes", true},
    {"true", true}, {"√", true},     {"✓", true},     {"✔", true},
    {"否", false},  {"不是", false}, {"错", false},   {"0", false},    {"n", false},    {"no", false},
    {"false", false}, {"×", false},  {"✗", false},    {"✘", false},
};

// 个人独资企业 and 合伙企业 are deliberately absent: they are not legal persons, and whether they
// count as a 单位 for criminal thresholds is a legal question the export cannot settle.
constexpr Word<PartyType> kPartyTypes[] = {
    {"individual", PartyType::kIndividual}, {"自然人", PartyType::kIndividual},
    {"个人", PartyType::kIndividual},       {"公民", PartyType::kIndividual},
    {"个体工商户", PartyType::kIndividual}, {"个体户", PartyType::kIndividual},
    {"个体", PartyType::kIndividual},       {"个体经营者", PartyType::kIndividual},
    {"个体经营户", PartyType::kIndividual}, {"自然人/个体工商户", PartyType::kIndividual},
    {"unit", PartyType::kUnit},             {"单位", PartyType::kUnit},
    {"法人", PartyType::kUnit},             {"企业", PartyType::kUnit},
    {"公司", PartyType::kUnit},             {"其他组织", PartyType::kUnit},
    {"非法人组织", PartyType::kUnit},       {"法人或其他组织", PartyType::kUnit},
    {"法人或者其他组织", PartyType::kUnit}, {"法人和其他组织", PartyType::kUnit},
    {"法人及其他组织", PartyType::kUnit},   {"法人/其他组织", PartyType::kUnit},
    {"企业法人", PartyType::kUnit},         {"机关法人", PartyType::kUnit},
    {"事业单位", PartyType::kUnit},         {"事业单位法人", PartyType::kUnit},
    {"社会团体", PartyType::kUnit},         {"社会团体法人", PartyType::kUnit},
    {"社会组织", PartyType::kUnit},         {"民办非企业单位", PartyType::kUnit},
};

// 是/否 come from 是否立案 columns. 未立案 says "not yet", not "decided not to": it is pending;
// a decision not to file is written 不予立案 or 不立案. 不予受理 is absent: refusing to accept a
// transfer is neither a filing decision nor a return.
constexpr Word<PoliceDecision> kDecisions[] = {
    {"filed", PoliceDecision::kFiled},        {"立案", PoliceDecision::kFiled},
    {"已立案", PoliceDecision::kFiled},       {"立案侦查", PoliceDecision::kFiled},
    {"已立案侦查", PoliceDecision::kFiled},   {"决定立案", PoliceDecision::kFiled},
    {"同意立案", PoliceDecision::kFiled},     {"是", PoliceDecision::kFiled},
    {"not_filed", PoliceDecision::kNotFiled}, {"不予立案", PoliceDecision::kNotFiled},
    {"不立案", PoliceDecision::kNotFiled},    {"决定不予立案", PoliceDecision::kNotFiled},
    {"已不予立案", PoliceDecision::kNotFiled}, {"否", PoliceDecision::kNotFiled},
    {"returned", PoliceDecision::kReturned},  {"退回", PoliceDecision::kReturned},
    {"已退回", PoliceDecision::kReturned},    {"退回移送机关", PoliceDecision::kReturned},
    {"退回补充调查", PoliceDecision::kReturned}, {"退案", PoliceDecision::kReturned},
    {"pending", PoliceDecision::kPending},    {"待处理", PoliceDecision::kPending},
    {"审查中", PoliceDecision::kPending},     {"未处理", PoliceDecision::kPending},
    {"处理中", PoliceDecision::kPending},     {"办理中", PoliceDecision::kPending},
    {"待审查", PoliceDecision::kPending},     {"正在审查", PoliceDecision::kPending},
    {"已受理", PoliceDecision::kPending},     {"受理", PoliceDecision::kPending},
    {"未立案", PoliceDecision::kPending},     {"尚未立案", PoliceDecision::kPending},
};

}  // namespace

std::optional<bool> parse_bool(std::string_view raw, std::string& error) {
  // Fast path: the cell is already one of the table's spellings (是/否 in almost every export).
  std::string_view t = trim(raw);
  if (auto v = find_word(kBools, t)) return v;
  if (auto v = transfer_phrase(t)) return v;  // 已移送 / 未移送 as written, before any folding
  char buf[64];
  std::string_view key;
  if (key_of(raw, buf, key)) {
    if (auto v = find_word(kBools, key)) return v;
    if (auto v = transfer_phrase(key)) return v;
  }
  error = make_error("无法识别的是否值", raw);
  return std::nullopt;
}

std::optional<PartyType> parse_party_type(std::string_view raw, std::string& error) {
  if (auto v = find_word(kPartyTypes, trim(raw))) return v;  // fast path, as in parse_bool
  char buf[64];
  std::string_view key;
  if (key_of(raw, buf, key))
    if (auto v = find_word(kPartyTypes, key)) return v;
  error = make_error("无法识别的当事人类型", raw);
  return std::nullopt;
}

std::string_view party_type_name(PartyType t) { return t == PartyType::kIndividual ? "individual" : "unit"; }
std::string_view party_type_label(PartyType t) { return t == PartyType::kIndividual ? "个人" : "单位"; }

std::optional<PoliceDecision> parse_police_decision(std::string_view raw, std::string& error) {
  char buf[64];
  std::string_view key;
  if (key_of(raw, buf, key))
    if (auto v = find_word(kDecisions, key)) return v;
  error = make_error("无法识别的立案情况", raw);
  return std::nullopt;
}

std::string_view police_decision_name(PoliceDecision d) {
  switch (d) {
    case PoliceDecision::kFiled: return "filed";
    case PoliceDecision::kNotFiled: return "not_filed";
    case PoliceDecision::kReturned: return "returned";
    case PoliceDecision::kPending: return "pending";
  }
  return "pending";
}

}  // namespace xianjie
