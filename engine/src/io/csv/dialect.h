// Delimiter detection: which of , \t ; | separates the fields of an export.
#pragma once

#include <string>
#include <string_view>

namespace xianjie {

// Candidates in order of preference when the evidence ties.
inline constexpr char kDelimiterCandidates[] = {',', '\t', ';', '|'};

// Picks the delimiter from `sample`, decoded text starting at the header line. A candidate counts
// when it occurs in the header outside quotes; the winner is the one whose count in the header is
// repeated by the most of the following lines, then the one with the larger header count. Falls
// back to ',' (a one-column file) when no candidate occurs in the header.
char detect_delimiter(std::string_view sample);

// "逗号", "制表符", "分号", "竖线", or the character itself in quotes, for notes and messages.
std::string delimiter_name(char delimiter);

}  // namespace xianjie
