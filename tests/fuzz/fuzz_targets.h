// The fuzz targets' bodies, shared by the libFuzzer entry points (fuzz_entry.cpp, built with
// -DXIANJIE_FUZZ=ON) and by the replay test (tests/unit/test_fuzz_regressions.cpp), which feeds
// every kept corpus and crash input to the same functions in the normal build.
//
// A body returns normally on any input the engine handles correctly. A broken invariant is
// reported on stderr and ends the process with abort(), so that libFuzzer keeps the input and the
// replay test sees the child die.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace xianjie::fuzz {

// CSV reader: open_csv with encoding auto, forced gb18030 and forced utf-8 with a tab delimiter.
void fuzz_csv_one(const uint8_t* data, size_t size);
// Every parser of value_parse.h, and parse_field for every FieldType and column scale.
void fuzz_values_one(const uint8_t* data, size_t size);
// parse_condition, and when it parses, compile against the canonical fields and evaluate.
void fuzz_condition_one(const uint8_t* data, size_t size);
// The input as a rule file: RuleSet::load must diagnose, never throw or crash.
void fuzz_rules_one(const uint8_t* data, size_t size);

// Aborts with `what` (and the detail) when `ok` is false.
void check(bool ok, const char* what, std::string_view detail = {});

// Strict UTF-8 validity (no overlongs, surrogates or code points above U+10FFFF), written
// independently of the engine's own scanner so that the two can disagree.
bool valid_utf8(std::string_view s);

// Writes `size` bytes to a per-process scratch file named `name` and returns its path. The file is
// overwritten on every call and removed at exit.
std::string write_scratch_file(const char* name, const uint8_t* data, size_t size);
// Removes the scratch directory now, for a process that ends with _exit (the replay test's child).
void remove_scratch_dir();

}  // namespace xianjie::fuzz
