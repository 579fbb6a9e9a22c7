// Cell rendering and serialisation of the CSV export (see csv_writer.h).
#include "csv_writer.h"

#include "columns.h"
#include "text_out.h"
#include "value_format.h"

namespace xianjie::synth {
namespace {

std::string_view party_type_spelling(PartyKind kind, Rng& rng) {
  switch (kind) {
    case PartyKind::kIndividual: {
      static constexpr std::string_view k[] = {"自然人", "自然人", "个人", "个人", "公民"};
      return rng.pick(k);
    }
    case PartyKind::kBusiness: return rng.percent(80) ? "个体工商户" : "个体户";
    case PartyKind::kUnit: {
      static constexpr std::string_view k[] = {"法人", "法人", "单位", "单位", "企业", "法人或其他组织"};
      return rng.pick(k);
    }
  }
  return "";
}

// A plain byte loop: find_first_of with a character set calls memchr once per byte of the cell,
// which made quoting the hottest spot of the writer.
bool needs_quotes(std::string_view s) {
  for (char c : s)
    if (c == ',' || c == '"' || c == '\n' || c == '\r') return true;
  return false;
}

void append_quoted(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace

bool CsvWriter::write_header() {
  std::string& out = out_.buffer();
  for (size_t c = 0; c < kColumnCount; ++c) {
    if (c) out += ',';
    out.append(columns()[c].csv_header);
  }
  out += '\n';
  return out_.row_done();
}

void CsvWriter::render(Rng& rng, const CaseRecord& r) {
  auto& cells = row_.cells;
  auto text_or_missing = [&](size_t c, std::string_view v) {
    if (v.empty()) append_missing_cell(cells[c], rng);
    else cells[c].append(v);
  };
  auto money = [&](size_t c, const Money& m) {
    if (m) append_amount_cell(cells[c], *m, rng);
    else append_missing_cell(cells[c], rng);
  };
  auto date = [&](size_t c, const std::optional<Date>& d) {
    if (d) append_date_cell(cells[c], *d, rng);
    else append_missing_cell(cells[c], rng);
  };

  cells[col::kCaseId] = r.case_id;
  cells[col::kAgency] = r.agency;
  cells[col::kRegionCode] = r.region_code;
  text_or_missing(col::kDomain, rng.percent(3) ? std::string_view() : r.domain);
  cells[col::kPartyType].append(party_type_spelling(r.party_kind, rng));
  cells[col::kPartyName] = r.party_name;
  text_or_missing(col::kPartyId, r.party_id);
  text_or_missing(col::kLegalRep, r.legal_rep);
  cells[col::kCaseReason] = r.case_reason;
  cells[col::kFacts] = r.facts;
  date(col::kViolationDate, r.violation_date);
  date(col::kFilingDate, r.filing_date);
  date(col::kDecisionDate, r.decision_date);
  if (r.penalty_count == 0) {
    append_missing_cell(cells[col::kPenaltyKinds], rng);
  } else {
    static constexpr std::string_view kSeparators[] = {"；", "；", "、", "、", ";", ","};
    std::string_view sep = rng.pick(kSeparators);
    for (size_t i = 0; i < r.penalty_count; ++i) {
      if (i) cells[col::kPenaltyKinds].append(sep);
      cells[col::kPenaltyKinds].append(r.penalties[i]);
    }
  }
  money(col::kFine, r.fine);
  money(col::kConfiscatedIncome, r.confiscated_income);
  money(col::kIllegalIncome, r.illegal_income);
  money(col::kSalesAmount, r.sales_amount);
  money(col::kGoodsValue, r.goods_value);
  if (r.amount_involved) append_wan_cell(cells[col::kAmountInvolved], *r.amount_involved, rng);
  else append_missing_cell(cells[col::kAmountInvolved], rng);
  money(col::kMineralValue, r.mineral_value);
  money(col::kTaxEvaded, r.tax_evaded);
  money(col::kTaxPayable, r.tax_payable);
  if (r.quantity_milli) {
    append_milli(cells[col::kQuantity], *r.quantity_milli);
    bool inline_unit = rng.percent(15);
    if (inline_unit) cells[col::kQuantity].append(unit_name(r.unit));
    if (!inline_unit || rng.percent(50)) cells[col::kQuantityUnit].append(unit_name(r.unit));
    else append_missing_cell(cells[col::kQuantityUnit], rng);
  } else {
    append_missing_cell(cells[col::kQuantity], rng);
    append_missing_cell(cells[col::kQuantityUnit], rng);
  }
  if (!r.transferred && rng.percent(5)) append_missing_cell(cells[col::kTransferred], rng);
  else append_bool_cell(cells[col::kTransferred], r.transferred, static_cast<int>(rng.weighted({45, 30, 25})));
  date(col::kTransferDate, r.transfer_date);
  cells[col::kStatus].append(r.status);
}

void CsvWriter::serialise() {
  std::string& out = out_.buffer();
  for (size_t c = 0; c < row_.count; ++c) {
    if (c) out += ',';
    const std::string& cell = row_.cells[c];
    if (c == row_.open_quote_cell) {
      out += '"';
      out += cell;
    } else if (needs_quotes(cell)) {
      append_quoted(out, cell);
    } else {
      out += cell;
    }
  }
  out += '\n';
}

bool CsvWriter::write(uint64_t row, const CaseRecord& r) {
  row_.reset();
  Rng format_rng(seed_, row, Stream::kFormat);
  render(format_rng, r);
  last_defect_ = Defect::kNone;
  if (defect_per_million_ > 0) {
    Rng defect_rng(seed_, row, Stream::kDefect);
    if (defect_rng.chance(defect_per_million_)) last_defect_ = apply_defect(defect_rng, row_);
  }
  serialise();
  return out_.row_done();
}

}  // namespace xianjie::synth
