# Embeds a text file into C++ as a std::string_view, at build time and with CMake alone:
#
#   cmake -DINPUT=page.html -DOUTPUT=page.cpp -DNAMESPACE=xianjie::report_detail -DSYMBOL=page_text
#         -P embed_text.cmake
#
# defines `std::string_view SYMBOL()` in NAMESPACE, returning the file's text (with its
# XIANJIE:INCLUDE comments replaced, see below). The text is cut
# into pieces of at most ~16 KB at line ends, joined on first use, because ISO C++ compilers need
# only accept 65,536 characters per string literal (GCC's -Wpedantic warns beyond that) and a
# template may grow past it.
foreach(var INPUT OUTPUT NAMESPACE SYMBOL)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "embed_text.cmake: -D${var}=… is required")
  endif()
endforeach()

file(READ "${INPUT}" text)
# A comment /*XIANJIE:INCLUDE name*/ (valid in CSS and JavaScript) is replaced by the text of the
# file `name` beside INPUT: the html report pages share their stylesheet and chart code this way.
get_filename_component(input_dir "${INPUT}" DIRECTORY)
foreach(round RANGE 8)
  string(REGEX MATCH "/\\*XIANJIE:INCLUDE ([A-Za-z0-9_.-]+)\\*/" marker "${text}")
  if(NOT marker)
    break()
  endif()
  if(round EQUAL 8)
    message(FATAL_ERROR "${INPUT}: XIANJIE:INCLUDE nested too deeply (an include of itself?)")
  endif()
  file(READ "${input_dir}/${CMAKE_MATCH_1}" included)
  string(REPLACE "${marker}" "${included}" text "${text}")
endforeach()
set(delimiter "xianjie_embed")
string(FIND "${text}" ")${delimiter}\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT} contains the raw-string delimiter )${delimiter}\"")
endif()

set(pieces "")
string(LENGTH "${text}" remaining)
while(remaining GREATER 0)
  if(remaining GREATER 16000)
    string(SUBSTRING "${text}" 0 16000 head)
    string(FIND "${head}" "\n" cut REVERSE)
    if(cut EQUAL -1)
      set(cut 15999)
    endif()
    math(EXPR cut "${cut} + 1")
  else()
    set(cut ${remaining})
  endif()
  string(SUBSTRING "${text}" 0 ${cut} piece)
  string(SUBSTRING "${text}" ${cut} -1 text)
  string(APPEND pieces "      R\"${delimiter}(${piece})${delimiter}\",\n")
  string(LENGTH "${text}" remaining)
endwhile()

get_filename_component(input_name "${INPUT}" NAME)
file(WRITE "${OUTPUT}.tmp"
"// Generated from ${input_name} by engine/cmake/embed_text.cmake at build time: do not edit.
#include <string>
#include <string_view>

namespace ${NAMESPACE} {

std::string_view ${SYMBOL}() {
  static const char* const kPieces[] = {
${pieces}  };
  static const std::string text = [] {
    std::string out;
    for (const char* p : kPieces) out += p;
    return out;
  }();
  return text;
}

}  // namespace ${NAMESPACE}
")
# Only a changed text touches the output, so that an unrelated rebuild does not recompile it.
configure_file("${OUTPUT}.tmp" "${OUTPUT}" COPYONLY)
file(REMOVE "${OUTPUT}.tmp")
