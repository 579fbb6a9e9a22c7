// The identity of a party across records (contract in party.h).
//
// Confidence grades what a key can bear. A valid id that fits the party type is as good as it
// gets. A valid resident id on a unit is kept as the key but graded down: agencies record an
// individual business, or a unit's legal representative, under the person's id card, so the
// key may stand for the person behind the unit rather than the unit. A name is graded by shape:
// an organisation's name is unique within its registration area, a person's is not (张伟).
#include <string>
#include <string_view>

#include "party/name_shape.h"
#include "party/party_name.h"
#include "xianjie/party.h"
#include "xianjie/value_parse.h"

namespace xianjie {
namespace {

constexpr std::string_view kDistrust = "证件号码不可信：";
constexpr std::string_view kFallback = "；按名称识别";
constexpr std::string_view kNamePrefix = "name:";

bool is_individual_business_code(const IdCheck& id) {
  return id.kind == PartyIdKind::kCreditCode && id.normalized().substr(0, 2) == "92";
}

}  // namespace

std::string_view PartyKey::basis_label() const {
  switch (basis) {
    case KeyBasis::kId: return "证件号码";
    case KeyBasis::kName: return "名称";
    case KeyBasis::kNone: break;
  }
  return {};
}

PartyKey party_key(std::string_view party_id, std::string_view party_name, std::optional<PartyType> party_type) {
  PartyKey out;
  const bool unit = party_type == PartyType::kUnit;
  const bool individual = party_type == PartyType::kIndividual;
  if (!is_missing_token(party_id)) {
    out.id = classify_party_id(party_id, unit ? PartyIdKind::kCreditCode : PartyIdKind::kResidentId);
  }
  if (out.id.valid()) {
    out.key.assign(out.id.normalized());
    out.basis = KeyBasis::kId;
    out.confidence = KeyConfidence::kHigh;
    if (unit && out.id.kind == PartyIdKind::kResidentId) {
      out.confidence = KeyConfidence::kMedium;
      out.note = "当事人类型为单位，证件号码却是居民身份证号码（可能是经营者或法定代表人的）";
    } else if (individual && out.id.kind == PartyIdKind::kCreditCode && !is_individual_business_code(out.id)) {
      out.confidence = KeyConfidence::kMedium;
      out.note = "当事人类型为个人，证件号码却是单位的统一社会信用代码";
    }
    return out;
  }
  if (out.id.problem != IdProblem::kEmpty) {
    const std::string reason = out.id.reason();
    out.note.reserve(kDistrust.size() + reason.size() + kFallback.size());
    out.note.append(kDistrust).append(reason);
  }
  if (is_missing_token(party_name)) return out;

  out.key.reserve(kNamePrefix.size() + party_name.size() + 8);  // + 8: see normalize_party_name
  out.key.assign(kNamePrefix);
  party_detail::append_party_name(out.key, party_name);
  if (out.key.size() == kNamePrefix.size()) {
    out.key.clear();
    return out;
  }
  const std::string_view name = std::string_view(out.key).substr(kNamePrefix.size());
  out.confidence = unit || party_detail::looks_like_organisation(name) ? KeyConfidence::kMedium : KeyConfidence::kLow;
  out.basis = KeyBasis::kName;
  if (!out.note.empty()) out.note.append(kFallback);  // fits: reserved above
  return out;
}

}  // namespace xianjie
