// Rows of the transfers and non_prosecutions tables (see linked_tables.h).
#include "linked_tables.h"

#include <algorithm>

#include "text_out.h"
#include "value_format.h"
#include "vocabulary.h"

namespace xianjie::synth {
namespace {

// The last day an export holds (CaseBuilder caps its dates there too): a decision after it has
// not been taken yet.
Date export_end() { return *Date::from_ymd(2025, 12, 31); }

std::string_view first_char(std::string_view s) {
  if (s.empty()) return s;
  unsigned char c = static_cast<unsigned char>(s[0]);
  size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
  return s.substr(0, std::min(n, s.size()));
}

std::string_view crime_of(Offense o) {
  switch (o) {
    case Offense::kMkt01: return "生产、销售伪劣产品罪";
    case Offense::kMkt16: return "非法经营罪";
    case Offense::kRes01: return "非法采矿罪";
    case Offense::kWld01: return "非法捕捞水产品罪";
    case Offense::kTax01: return "逃税罪";
    case Offense::kNone: break;
  }
  return "";
}

// The document-number prefix of a case (杭西烟罚〔2023〕157号 → 杭西烟罚): up to its first bracket.
std::string_view case_prefix(std::string_view case_id) {
  size_t end = case_id.size();
  for (std::string_view open : {"〔", "[", "（"}) end = std::min(end, case_id.find(open));
  return case_id.substr(0, end);
}

bool needs_quotes(std::string_view s) {
  for (char c : s)
    if (c == ',' || c == '"' || c == '\n' || c == '\r') return true;
  return false;
}

void append_cell(std::string& out, std::string_view v, bool first = false) {
  if (!first) out += ',';
  if (!needs_quotes(v)) {
    out.append(v);
    return;
  }
  out += '"';
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void append_date_or_missing(std::string& out, const std::optional<Date>& d, Rng& rng) {
  out += ',';
  if (d) append_date_cell(out, *d, rng);
}

}  // namespace

uint32_t LinkedRows::next_number(const std::string& prefix, int year) {
  std::string key = prefix;
  append_int(key, year);
  auto [it, fresh] = numbers_.emplace(key, 0);
  if (fresh) {
    // Like the case registers: each (prefix, year) starts at a number of its own.
    uint64_t h = 0xCBF29CE484222325ULL;  // FNV-1a
    for (char c : key) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001B3ULL;
    it->second = static_cast<uint32_t>(mix64(h) % 60);
  }
  return ++it->second;
}

bool LinkedRows::make(uint64_t row, const CaseRecord& r, TransferRow& t, NonProsecutionRow& np) {
  Rng rng(seed_, row, Stream::kLinked);
  const Date end = export_end();
  // 移送日期 is in the case record; a transferred case without one (none is generated) is dated
  // by its filing.
  t.transfer_date = r.transfer_date ? *r.transfer_date : r.filing_date.value_or(r.violation_date);
  t.case_id = r.case_id;

  t.transfer_no.clear();
  std::string_view prefix = case_prefix(r.case_id);
  if (prefix.size() >= 3 && prefix.substr(prefix.size() - 3) == "罚") prefix.remove_suffix(3);
  std::string key(prefix);
  key += "移";
  append(t.transfer_no, key, "〔");
  append_int(t.transfer_no, t.transfer_date.year());
  t.transfer_no += "〕";
  append_int(t.transfer_no, next_number(key, t.transfer_date.year()));
  t.transfer_no += "号";

  // The police of the agency's place.
  t.receiving_agency.clear();
  bool city_level = r.district == nullptr;
  if (r.region) {
    if (!r.district) append(t.receiving_agency, r.region->city, "公安局");
    else if (r.district->rural) append(t.receiving_agency, r.district->name, "公安局");
    else append(t.receiving_agency, r.region->city, "公安局", r.district->name, "分局");
  } else {
    t.receiving_agency = "公安局";
  }
  if (rng.percent(25)) {
    bool economic = r.planted == Offense::kMkt16 || r.planted == Offense::kMkt01 || r.planted == Offense::kTax01;
    append(t.receiving_agency, economic ? "经济犯罪侦查" : "食品药品与环境犯罪侦查", city_level ? "支队" : "大队");
  }

  // The police decision. Transfers of the last two months are mostly still under review.
  bool recent = t.transfer_date.add_days(60) > end;
  size_t kind = recent ? rng.weighted({30, 4, 3, 63}) : rng.weighted({84, 6, 4, 6});
  t.decision_date.reset();
  switch (kind) {
    case 0: {  // filed: within the 3 days of the rules, or later
      static constexpr std::string_view kFiled[] = {"立案", "立案", "已立案", "立案侦查"};
      t.decision = rng.pick(kFiled);
      t.decision_date = t.transfer_date.add_days(static_cast<int32_t>(rng.percent(85) ? rng.range(0, 3) : rng.range(4, 45)));
      break;
    }
    case 1: {
      static constexpr std::string_view kNotFiled[] = {"不予立案", "不予立案", "不立案"};
      t.decision = rng.pick(kNotFiled);
      t.decision_date = t.transfer_date.add_days(static_cast<int32_t>(rng.percent(60) ? rng.range(1, 3) : rng.range(4, 30)));
      break;
    }
    case 2: {
      static constexpr std::string_view kReturned[] = {"退回", "退回", "退回补充调查"};
      t.decision = rng.pick(kReturned);
      t.decision_date = t.transfer_date.add_days(static_cast<int32_t>(rng.range(2, 30)));
      break;
    }
    default: break;
  }
  if (t.decision_date && *t.decision_date > end) t.decision_date.reset();  // not decided when exported
  if (!t.decision_date) {
    static constexpr std::string_view kPending[] = {"待处理", "审查中", ""};
    t.decision = rng.pick(kPending);
  }

  // 不起诉: a quarter of the filed cases, some months after filing.
  if (kind != 0 || !t.decision_date || !rng.percent(25)) return false;
  np.decision_date = t.decision_date->add_days(static_cast<int32_t>(rng.range(90, 420)));
  if (np.decision_date > end) return false;
  np.np_id.clear();
  std::string np_prefix;
  if (r.region) {
    if (!r.district) np_prefix.append(r.region->short_name);
    else if (r.district->rural) np_prefix.append(district_stem(*r.district));
    else append(np_prefix, r.region->short_name, first_char(r.district->name));
  }
  np_prefix += "检刑不诉";
  append(np.np_id, np_prefix, "〔");
  append_int(np.np_id, np.decision_date.year());
  np.np_id += "〕";
  append_int(np.np_id, next_number(np_prefix, np.decision_date.year()));
  np.np_id += "号";
  np.party_name = r.party_name;
  np.party_id = rng.percent(90) ? r.party_id : std::string();
  np.offense = crime_of(r.planted);
  np.needs_penalty = rng.percent(75);
  np.referred_agency.clear();
  np.referral_date.reset();
  if (np.needs_penalty && rng.percent(85)) {
    np.referred_agency = r.agency;
    Date sent = np.decision_date.add_days(static_cast<int32_t>(rng.range(3, 30)));
    if (sent <= end) np.referral_date = sent;
  }
  return true;
}

bool LinkedWriter::begin() {
  if (transfers_) {
    transfers_->buffer().append("案件编号,移送文书号,移送日期,接收机关,立案情况,立案日期\n");
    if (!transfers_->row_done()) return false;
  }
  if (non_prosecutions_) {
    non_prosecutions_->buffer().append(
        "不起诉决定书文号,被不起诉人,证件号码,涉嫌罪名,不起诉决定日期,是否需要行政处罚,检察意见移送机关,检察意见发出日期\n");
    if (!non_prosecutions_->row_done()) return false;
  }
  if (db_) {
    if (transfers_ &&
        !db_->add_table("transfers", {"案件编号", "移送文书号", "移送日期", "接收机关", "立案情况", "立案日期"}, transfers_table_))
      return false;
    if (non_prosecutions_ &&
        !db_->add_table("non_prosecutions",
                        {"不起诉决定书文号", "被不起诉人", "证件号码", "涉嫌罪名", "不起诉决定日期", "是否需要行政处罚",
                         "检察意见移送机关", "检察意见发出日期"},
                        np_table_))
      return false;
  }
  return true;
}

bool LinkedWriter::write(uint64_t row, const TransferRow& t) {
  if (!transfers_) return true;
  Rng rng(seed_, row, Stream::kLinkedFormat);
  std::string& out = transfers_->buffer();
  append_cell(out, t.case_id, true);
  append_cell(out, t.transfer_no);
  append_date_or_missing(out, t.transfer_date, rng);
  append_cell(out, t.receiving_agency);
  append_cell(out, t.decision);
  append_date_or_missing(out, t.decision_date, rng);
  out += '\n';
  bool ok = transfers_->row_done();
  if (db_) {
    std::string transferred = t.transfer_date.to_string();
    std::string decided = t.decision_date ? t.decision_date->to_string() : std::string();
    ok = db_->insert(transfers_table_, {t.case_id, t.transfer_no, transferred, t.receiving_agency, t.decision, decided}) && ok;
  }
  return ok;
}

bool LinkedWriter::write(uint64_t row, const NonProsecutionRow& np) {
  if (!non_prosecutions_) return true;
  Rng rng(seed_, row, Stream::kLinkedFormat);
  rng.next();  // not the draws of the transfer row
  std::string& out = non_prosecutions_->buffer();
  append_cell(out, np.np_id, true);
  append_cell(out, np.party_name);
  append_cell(out, np.party_id);
  append_cell(out, np.offense);
  append_date_or_missing(out, np.decision_date, rng);
  append_cell(out, np.needs_penalty ? "是" : "否");
  append_cell(out, np.referred_agency);
  append_date_or_missing(out, np.referral_date, rng);
  out += '\n';
  bool ok = non_prosecutions_->row_done();
  if (db_) {
    std::string decided = np.decision_date.to_string();
    std::string sent = np.referral_date ? np.referral_date->to_string() : std::string();
    ok = db_->insert(np_table_, {np.np_id, np.party_name, np.party_id, np.offense, decided, np.needs_penalty ? "是" : "否",
                                 np.referred_agency, sent}) &&
         ok;
  }
  return ok;
}

}  // namespace xianjie::synth
