// Fuzz body for the rule loader: the input is written as a .yaml file and given to RuleSet::load.
//
// The loader must collect diagnostics for anything wrong, never throw or crash (STYLE.md habit 3).
// Invariants from rule_set.h and diagnostics.h: load returns a rule set exactly when no error was
// diagnosed; every diagnostic has a code and a message and can be rendered; a loaded pack's own
// examples run.
#include <exception>
#include <memory>
#include <string>

#include "fuzz_targets.h"
#include "xianjie/diagnostics.h"
#include "xianjie/rule_set.h"

namespace xianjie::fuzz {

void fuzz_rules_one(const uint8_t* data, size_t size) {
  if (size > 64 * 1024) return;  // a rule file is a few kilobytes; larger inputs only slow fuzzing
  const std::string path = write_scratch_file("rules.yaml", data, size);
  try {
    Diagnostics diagnostics;
    std::unique_ptr<RuleSet> rules = RuleSet::load({path}, diagnostics);
    check((rules != nullptr) == !diagnostics.has_errors(), "load returned a rule set despite errors, or none without one");
    for (const Diagnostic& d : diagnostics.items()) {
      check(!d.code.empty() && !d.message.empty(), "a diagnostic without a code or message", d.message);
      (void)format_diagnostic(d);
    }
    if (rules) {
      for (const RuleInfo& info : rules->rules()) check(!info.id.empty(), "a loaded rule without an id");
      (void)run_examples(*rules);
    }
  } catch (const std::exception& e) {
    check(false, "the rule loader threw", e.what());
  } catch (...) {
    check(false, "the rule loader threw a non-standard exception");
  }
}

}  // namespace xianjie::fuzz
