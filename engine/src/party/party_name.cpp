// Party names as a matching key (contract in party.h): the same party written by two agencies,
// one with full-width brackets and 有限责任公司, the other with half-width ones and 有限公司,
// must give the same key, and two different parties must not.
//
// Why the trailing notes can go: 个体工商户 and the registration status are annotations, never
// part of a registered name. The partnership and sole-proprietorship markers are part of the
// name, but the name-registration rules do not let two enterprises in the same registration area
// differ only in their organisational form, so the marker never tells two parties apart while
// its absence in one agency's export would. A bracket anywhere else — （北京） in
// 某某（北京）有限公司, （中国）, a branch's （东城分店） at the end — is kept: it is name, and
// guessing otherwise could merge a branch with its parent.
#include <string>
#include <string_view>

#include "common/text.h"
#include "party/name_shape.h"
#include "party/party_name.h"
#include "xianjie/party.h"

namespace xianjie {
namespace {

using party_detail::ends_with;

bool is_space(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == '\v' || cp == '\f' || cp == 0x3000 ||
         cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F || cp == 0xFEFF;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// Content of a trailing bracket that annotates rather than names.
bool is_note(std::string_view content) {
  static constexpr std::string_view kNotes[] = {
      "",         "个体工商户", "个体户",   "个体",     "普通合伙", "特殊普通合伙", "有限合伙",
      "个人独资", "个人独资企业", "已注销", "注销",     "已吊销",   "吊销",         "吊销未注销",
      "已吊销未注销", "吊销,未注销", "存续",  "在业",     "在营",     "开业"};
  for (std::string_view n : kNotes)
    if (content == n) return true;
  // A former name: （原名…）, （曾用名…）, （原:…）, or （原 + an organisation's name）. A bare
  // （原平） is a place (原平市), which is why 原 alone is not enough.
  if (starts_with(content, "原名") || starts_with(content, "曾用名") || starts_with(content, "原:")) return true;
  return starts_with(content, "原") && party_detail::looks_like_organisation(content);
}

// Drops trailing bracketed notes from the name that starts at `base`, one after another:
// 某某(普通合伙)(已注销) → 某某.
void drop_trailing_notes(std::string& s, size_t base) {
  while (s.size() > base && s.back() == ')') {
    size_t depth = 0, k = s.size();
    size_t open = std::string::npos;
    while (k > base) {
      --k;
      if (s[k] == ')') ++depth;
      else if (s[k] == '(' && --depth == 0) { open = k; break; }
    }
    // Unbalanced, the whole name in brackets, or not a note: it stays.
    if (open == std::string::npos || open == base) return;
    if (!is_note(std::string_view(s).substr(open + 1, s.size() - open - 2))) return;
    s.resize(open);
  }
}

// Rewrites every `from` to `to` in place. Both spellings are legal forms of the same company, and
// a branch repeats its parent's name, so every occurrence is rewritten, not only the last.
void replace_all(std::string& s, size_t base, std::string_view from, std::string_view to) {
  size_t pos = base;
  while ((pos = s.find(from.data(), pos, from.size())) != std::string::npos) {
    s.replace(pos, from.size(), to.data(), to.size());
    pos += to.size();
  }
}

}  // namespace

namespace party_detail {

void append_party_name(std::string& out, std::string_view raw) {
  const size_t base = out.size();
  size_t i = 0;
  while (i < raw.size()) {
    const size_t start = i;
    char32_t cp = static_cast<unsigned char>(raw[i]);
    if (cp < 0x80) ++i;
    else cp = next_code_point(raw, i);
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFF01 - 0x21;
    if (is_space(cp)) continue;
    switch (cp) {
      case '(': case '[': case 0x3010: case 0x3014: out += '('; continue;   // 【 〔
      case ')': case ']': case 0x3011: case 0x3015: out += ')'; continue;   // 】 〕
      case 0xB7: case 0x30FB: case 0x2022: case 0x2027: case 0x2219: case 0x22C5:
        out += "\u00B7";  // the dot in transcribed names: 阿卜杜拉·买买提
        continue;
      default: break;
    }
    if (cp >= 0x80) {
      out.append(raw.substr(start, i - start));
      continue;
    }
    char c = static_cast<char>(cp);
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    // A full stop typed between two Chinese characters stands for the name dot.
    if (c == '.' && out.size() > base && static_cast<unsigned char>(out.back()) >= 0x80 && i < raw.size() &&
        static_cast<unsigned char>(raw[i]) >= 0x80) {
      out += "\u00B7";
      continue;
    }
    out += c;
  }
  drop_trailing_notes(out, base);
  replace_all(out, base, "有限责任公司", "有限公司");
  replace_all(out, base, "股份公司", "股份有限公司");
}

}  // namespace party_detail

std::string normalize_party_name(std::string_view raw) {
  std::string out;
  // Room for the one growth the rules can cause (股份公司 → 股份有限公司) without a second allocation.
  out.reserve(raw.size() + 8);
  party_detail::append_party_name(out, raw);
  return out;
}

}  // namespace xianjie
