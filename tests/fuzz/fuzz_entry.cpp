// The libFuzzer entry point. tests/fuzz/CMakeLists.txt compiles this file once per target with
// XIANJIE_FUZZ_BODY set to that target's body (fuzz_csv_one, …), so each fuzz_<name> executable
// runs exactly one surface.
#include <cstddef>
#include <cstdint>

#include "fuzz_targets.h"

#ifndef XIANJIE_FUZZ_BODY
#error "XIANJIE_FUZZ_BODY must name the body to run, e.g. fuzz_csv_one"
#endif

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  xianjie::fuzz::XIANJIE_FUZZ_BODY(data, size);
  return 0;
}
