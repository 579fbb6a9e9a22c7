// A compact byte form of a Finding, for findings the scanner holds until the end of a scan (the
// threshold findings that a history finding may join, see Scanner::finish). A Finding is about
// thirty std::string members, each 32 bytes before its text and a heap block after; packed, it is
// its text plus a byte or two per field, about half the memory. Packing is exact: unpack(pack(f))
// equals f in every field.
#pragma once

#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>

#include "xianjie/finding.h"

namespace xianjie {

// Texts that repeat from finding to finding (a rule's title, law, basis, version; an evidence
// label; an agency) are stored once here and packed as a number. One dictionary serves every
// finding packed and unpacked with it; it lives as long as they do.
class PackDictionary {
 public:
  uint32_t id(const std::string& text);  // adds `text` when it is new
  const std::string& text(uint32_t id) const;

 private:
  std::deque<std::string> texts_;
  std::unordered_map<std::string_view, uint32_t> ids_;
};

// Appends the packed form of `f` to `out`.
void pack_finding(const Finding& f, PackDictionary& dict, std::string& out);

// The Finding packed at the start of `in`; `in` is advanced past it.
Finding unpack_finding(std::string_view& in, const PackDictionary& dict);

}  // namespace xianjie
