// A minimal JSON writer for the report printers: compact output appended to a string, commas
// handled by the writer, strings escaped so that the output is always valid JSON in valid UTF-8.
//
// No third-party JSON library: the printers only ever write flat objects of strings, numbers and
// small arrays, and a dependency would be more code to vet than this file.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace xianjie {

// Appends `s` as a quoted JSON string. Quotes, backslashes and control characters are escaped
// (\n \r \t \b \f, otherwise \u00XX; DEL, C1 controls and U+2028/U+2029 as \uXXXX too, since
// JavaScript consumers choke on the latter). Valid UTF-8 is copied as is; every invalid byte
// becomes U+FFFD.
void append_json_string(std::string& out, std::string_view s);

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  // Inside an object: the member name; the next call writes its value.
  JsonWriter& key(std::string_view name);

  JsonWriter& string(std::string_view s);
  JsonWriter& boolean(bool b);
  JsonWriter& integer(uint64_t n);
  JsonWriter& real(double d);  // NaN and infinities, which JSON cannot express, become null
  JsonWriter& null();

 private:
  void separate();  // the comma before a value, unless it is the first of its container

  std::string& out_;
  std::vector<bool> has_items_;  // one entry per open container
  bool after_key_ = false;
};

}  // namespace xianjie
