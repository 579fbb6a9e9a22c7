// Masking personal data for reports (see xianjie/mask.h for the rules and their limits).
//
// Free text is scanned by code point rather than by byte so that full-width digits (１１０１０１…),
// which case handlers type on Chinese keyboards, are recognised like ASCII ones, and so that a
// mask never cuts a multi-byte character in half.
#include "xianjie/mask.h"

#include <utility>
#include <vector>

#include "common/text.h"
#include "party/name_shape.h"
#include "xianjie/party.h"

namespace xianjie {

namespace {

// Two-character surnames, kept whole: 欧阳娜娜 → 欧阳某某, not 欧某某某.
constexpr std::string_view kCompoundSurnames[] = {
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒",
    "司空", "夏侯", "轩辕", "令狐", "独孤", "南宫", "西门", "端木", "太史", "申屠", "万俟", "闻人",
    "赫连", "澹台", "呼延", "钟离", "百里", "东郭", "拓跋", "鲜于", "闾丘", "公冶", "濮阳", "第五"};

constexpr char32_t kMou = U'某';

struct CodePoint {
  char32_t c;
  size_t begin, end;  // byte range in the source text
};

std::vector<CodePoint> decode(std::string_view s) {
  std::vector<CodePoint> out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    size_t begin = i;
    char32_t c = next_code_point(s, i);
    out.push_back({c, begin, i});
  }
  return out;
}

int digit_of(char32_t c) {
  if (c >= '0' && c <= '9') return static_cast<int>(c - '0');
  if (c >= 0xFF10 && c <= 0xFF19) return static_cast<int>(c - 0xFF10);  // full-width ０–９
  return -1;
}

bool is_check_x(char32_t c) { return c == 'X' || c == 'x' || c == 0xFF38 || c == 0xFF58; }

// A character that continues a number or word: a digit or letter, ASCII or full-width. A run of
// digits touching one is part of something longer (a credit code, a serial number) and is no id.
bool is_word(char32_t c) {
  if (c < 0x80) return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  return (c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A);
}

bool is_dash(char32_t c) { return c == '-' || c == 0xFF0D || c == 0x2010 || c == 0x2011 || c == 0x2013; }

bool is_latin_letter(char32_t c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

// The digits (and X) of cps[from, to) in ASCII, for the id validators.
std::string ascii_digits(const std::vector<CodePoint>& cps, size_t from, size_t to) {
  std::string out;
  for (size_t k = from; k < to; ++k) {
    int d = digit_of(cps[k].c);
    out += d >= 0 ? static_cast<char>('0' + d) : 'X';
  }
  return out;
}

// A run of 18 that validates as a 统一社会信用代码 (an all-digit organisation code) and not as a
// resident id is an organisation's and stays.
bool is_credit_code_only(const std::string& digits) {
  return validate_credit_code(digits).valid() && !validate_resident_id(digits).valid();
}

void mark(std::vector<bool>& masked, size_t from, size_t to) {
  for (size_t k = from; k < to; ++k) masked[k] = true;
}

// Marks the digits to hide in cps; returns true if any.
bool mark_numbers(const std::vector<CodePoint>& cps, std::vector<bool>& masked) {
  const size_t n = cps.size();
  bool any = false;
  size_t i = 0;
  while (i < n) {
    if (digit_of(cps[i].c) < 0 || (i > 0 && is_word(cps[i - 1].c))) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < n && digit_of(cps[j].c) >= 0) ++j;
    size_t len = j - i;
    if (len == 17 && j < n && is_check_x(cps[j].c)) {
      ++j;
      ++len;
    }
    if (j < n && is_word(cps[j].c)) {  // part of a longer token: skip the whole token
      while (j < n && is_word(cps[j].c)) ++j;
      i = j;
      continue;
    }
    auto d = [&](size_t k) { return digit_of(cps[i + k].c); };
    if (len == 15 || (len == 18 && !is_credit_code_only(ascii_digits(cps, i, j)))) {
      mark(masked, i + 6, j - 4);
      any = true;
    } else if (len == 11 && d(0) == 1 && d(1) >= 3) {
      mark(masked, i + 3, i + 7);
      any = true;
    } else if (len == 13 && d(0) == 8 && d(1) == 6 && d(2) == 1 && d(3) >= 3) {
      mark(masked, i + 5, i + 9);  // 8613812345678: the country code, then a mobile
      any = true;
    } else if ((len == 3 || len == 4) && d(0) == 0 && j + 1 < n && is_dash(cps[j].c) && digit_of(cps[j + 1].c) >= 0) {
      size_t k = j + 1;
      while (k < n && digit_of(cps[k].c) >= 0) ++k;
      size_t local = k - (j + 1);
      if ((local == 7 || local == 8) && (k == n || !is_word(cps[k].c))) {
        mark(masked, j + 1, k - 4);
        any = true;
      }
      j = k;
    }
    i = j;
  }
  return any;
}

size_t code_points(std::string_view s) {
  size_t n = 0, i = 0;
  while (i < s.size()) {
    next_code_point(s, i);
    ++n;
  }
  return n;
}

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  if (from.empty() || s.find(from) == std::string::npos) return;
  std::string out;
  out.reserve(s.size());
  size_t pos = 0;
  for (size_t hit = s.find(from); hit != std::string::npos; hit = s.find(from, pos)) {
    out.append(s, pos, hit - pos);
    out += to;
    pos = hit + from.size();
  }
  out.append(s, pos, std::string::npos);
  s = std::move(out);
}

// Whether the party's id is personal data: a resident id always is, a valid credit code never
// is; anything else (an invalid or unknown id) follows the party.
bool is_personal_id(std::string_view id, bool personal_party) {
  IdCheck c = classify_party_id(id, personal_party ? PartyIdKind::kResidentId : PartyIdKind::kCreditCode);
  if (c.kind == PartyIdKind::kCreditCode && c.valid()) return false;
  if (c.kind == PartyIdKind::kResidentId) return true;
  return personal_party;
}

// A name that reads as a person's: up to 6 Han characters (with name dots), no business ending.
bool reads_as_person(std::string_view name) {
  std::string key = normalize_party_name(name);
  if (key.empty() || party_detail::looks_like_organisation(key)) return false;
  size_t n = 0, i = 0;
  while (i < key.size()) {
    char32_t c = next_code_point(key, i);
    if (c == U'·') continue;
    if (c < 0x3400 || c > 0x9FFF) return false;
    ++n;
  }
  return n >= 2 && n <= 6;
}

// Replacements for the quoted name and id, longest first, so that an id that contains the
// name's characters (it cannot, but a name like "X" could appear in an id) is replaced whole.
using Quotes = std::vector<std::pair<std::string, std::string>>;

void mask_quoting(std::string& text, const Quotes& quotes) {
  for (const auto& [from, to] : quotes) replace_all(text, from, to);
  text = mask_text(text);
}

class MaskingSink final : public FindingSink {
 public:
  explicit MaskingSink(std::unique_ptr<FindingSink> inner) : inner_(std::move(inner)) {}

  void begin(const std::vector<RuleInfo>& rules) override { inner_->begin(rules); }
  void finding(const Finding& f) override {
    Finding masked = f;
    mask_finding(masked);
    inner_->finding(masked);
  }
  void reject(const RejectedRow& row) override {
    RejectedRow masked = row;
    mask_reject(masked);
    inner_->reject(masked);
  }
  void value_error(const ValueError& error) override {
    ValueError masked = error;
    mask_value_error(masked);
    inner_->value_error(masked);
  }
  void disappeared(const DisappearedFinding& d) override {
    DisappearedFinding masked = d;
    if (is_personal_party(masked.party_type, masked.party_name)) masked.party_name = mask_person_name(masked.party_name);
    inner_->disappeared(masked);
  }
  void end(const ScanSummary& summary) override { inner_->end(summary); }
  std::string failure() const override { return inner_->failure(); }

 private:
  std::unique_ptr<FindingSink> inner_;
};

}  // namespace

std::string mask_person_name(std::string_view raw) {
  std::string_view name = trim(raw);
  std::string out;
  out.reserve(name.size());
  size_t keep = 1;
  for (std::string_view s : kCompoundSurnames)
    if (name.size() > s.size() && name.substr(0, s.size()) == s) keep = 2;
  size_t i = 0, k = 0;
  while (i < name.size()) {
    size_t begin = i;
    char32_t c = next_code_point(name, i);
    bool separator = c == ' ' || c == U'·' || c == U'・' || c == U'•' || c == '.' || c == 0x3000;
    if (k < keep && !separator) {
      out.append(name, begin, i - begin);
    } else if (separator) {
      out.append(name, begin, i - begin);
    } else if (is_latin_letter(c)) {
      out += '*';
    } else {
      append_utf8(out, kMou);
    }
    if (!separator) ++k;
  }
  return out;
}

std::string mask_id_number(std::string_view raw) {
  std::string_view id = trim(raw);
  std::vector<CodePoint> cps = decode(id);
  const size_t n = cps.size();
  size_t head = n >= 11 ? 6 : 1, tail = n >= 11 ? 4 : 1;
  if (n < 3) head = tail = 0;
  std::string out;
  out.reserve(id.size());
  for (size_t k = 0; k < n; ++k) {
    if (k < head || k >= n - tail) out.append(id, cps[k].begin, cps[k].end - cps[k].begin);
    else out += '*';
  }
  return out;
}

std::string mask_text(std::string_view text) {
  std::vector<CodePoint> cps = decode(text);
  std::vector<bool> masked(cps.size(), false);
  if (!mark_numbers(cps, masked)) return std::string(text);
  std::string out;
  out.reserve(text.size());
  for (size_t k = 0; k < cps.size(); ++k) {
    if (masked[k]) out += '*';
    else out.append(text, cps[k].begin, cps[k].end - cps[k].begin);
  }
  return out;
}

bool is_personal_party(std::string_view party_type, std::string_view party_name) {
  if (party_type == "unit") return false;
  if (party_type == "individual") {
    std::string key = normalize_party_name(party_name);
    return !party_detail::looks_like_organisation(key);
  }
  return reads_as_person(party_name);
}

void mask_finding(Finding& f) {
  std::string name(trim(f.party_name));
  std::string id(trim(f.party_id));
  bool personal = is_personal_party(f.party_type, name);
  Quotes quotes;
  if (!id.empty() && is_personal_id(id, personal)) {
    f.party_id = mask_id_number(id);
    quotes.emplace_back(id, f.party_id);
  }
  if (personal && !name.empty()) {
    f.party_name = mask_person_name(name);
    // A one-character name would mask that character everywhere it occurs in the text.
    if (code_points(name) >= 2) quotes.emplace_back(name, f.party_name);
  }
  mask_quoting(f.case_reason, quotes);
  mask_quoting(f.facts, quotes);
  mask_quoting(f.message, quotes);
  for (auto& e : f.evidence) {
    mask_quoting(e.value, quotes);
    mask_quoting(e.threshold, quotes);
    mask_quoting(e.message, quotes);
  }
}

void mask_reject(RejectedRow& row) {
  row.original = std::string(kMaskedOriginal);
  row.reason = mask_text(row.reason);
}

void mask_value_error(ValueError& e) {
  std::string raw(trim(e.raw));
  std::string masked;
  if (e.field == "party_name") masked = reads_as_person(raw) ? mask_person_name(raw) : raw;
  else if (e.field == "party_id") masked = mask_id_number(raw);
  else masked = mask_text(raw);
  if (!raw.empty() && masked != raw) replace_all(e.reason, raw, masked);
  e.raw = masked;
  e.reason = mask_text(e.reason);
}

std::unique_ptr<FindingSink> make_masking_sink(std::unique_ptr<FindingSink> inner) {
  return std::make_unique<MaskingSink>(std::move(inner));
}

}  // namespace xianjie
