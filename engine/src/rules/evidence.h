// Turning an evaluation trace into evidence: the criteria that held, with values and thresholds.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "expr/keywords.h"
#include "expr/program.h"
#include "xianjie/finding.h"

namespace xianjie::rules {

struct EvidenceContext {
  const expr::Program* program = nullptr;
  const std::vector<Value>* trace = nullptr;
  const expr::KeywordTable* keywords = nullptr;
  std::vector<std::string> param_names;   // per parameter index
  std::vector<std::string> param_basis;   // per parameter index, "" = version basis
  std::string version_basis;
  // Keyword bitmap lookup for evidence of keyword hits: returns the matched keyword or "".
  std::function<std::string(int slot, int32_t set)> matched_keyword;
};

// Appends one Evidence per satisfied criterion under `node` (the program root by default).
void collect_evidence(const EvidenceContext& ctx, std::vector<Evidence>& out, int32_t node = -1);

// Chinese labels of fields the program read that were empty.
std::vector<std::string> missing_fields(const expr::Program& program, const std::vector<Value>& trace);

// Renders a traced value of instruction `i` for messages (record money with two decimals). With
// `as_percent`, a plain number is shown as a percentage (a ratio compared with 10%).
std::string render(const expr::Program& program, int32_t i, const Value& v, bool as_percent = false);

// Renders both operands of comparison `cmp`, a ratio in % when the other side is a percentage.
std::pair<std::string, std::string> render_operands(const expr::Program& program, int32_t cmp,
                                                    const std::vector<Value>& trace);

}  // namespace xianjie::rules
