// The json printer: one document with the same objects as jsonl, minus their "type" key:
//
//   {"tool_version":"…","findings":[
//   {…},
//   {…}
//   ],"rejects":[…],"rejects_truncated":0,"value_errors":[…],"value_errors_truncated":0,
//   (with scan --state, "disappeared":[…] right after the findings)
//   "summary":{…}}
//
// Memory stays bounded however large the scan:
// - findings are written as they arrive: the document and its "findings" array are opened by the
//   first event and each finding goes straight to the stream;
// - rejects and value errors must come after the findings array, so they are buffered until end(),
//   at most kMaxBuffered of each; the number dropped beyond that is written as
//   "rejects_truncated" / "value_errors_truncated" (always present, 0 when nothing was dropped).
//   The jsonl format has no such cap, since it streams every line.
#include <ostream>
#include <string>
#include <vector>

#include "report/json_objects.h"
#include "report/printers.h"

namespace xianjie {

namespace {

class JsonPrinter final : public FindingSink {
 public:
  static constexpr size_t kMaxBuffered = 10000;

  JsonPrinter(std::ostream& out, const ReportOptions& opts) : out_(out), tool_version_(opts.tool_version) {}

  void begin(const std::vector<RuleInfo>& /*rules*/) override { open(); }

  void finding(const Finding& f) override {
    open();
    buffer_.clear();
    buffer_ += findings_ == 0 ? "\n" : ",\n";
    JsonWriter w(buffer_);
    write_json_finding(w, f, {});
    write(buffer_);
    ++findings_;
  }

  void reject(const RejectedRow& row) override {
    if (rejects_.size() < kMaxBuffered) rejects_.push_back(row);
    else ++rejects_dropped_;
  }

  void value_error(const ValueError& error) override {
    if (value_errors_.size() < kMaxBuffered) value_errors_.push_back(error);
    else ++value_errors_dropped_;
  }

  // Few, and small: kept until end() without a cap.
  void disappeared(const DisappearedFinding& d) override { disappeared_.push_back(d); }

  void end(const ScanSummary& summary) override {
    open();
    buffer_.clear();
    buffer_ += findings_ == 0 ? "]" : "\n]";
    if (summary.state) {  // scan --state: the findings of the previous scan that are gone
      buffer_ += ",\"disappeared\":[";
      append_items(disappeared_, write_json_disappeared);
      buffer_ += "]";
    }
    // The document object was opened in an earlier write, so its remaining members are joined
    // here by hand; each member value is still produced by a JsonWriter.
    buffer_ += ",\"rejects\":[";
    append_items(rejects_, write_json_reject);
    buffer_ += "],\"rejects_truncated\":" + std::to_string(rejects_dropped_);
    buffer_ += ",\"value_errors\":[";
    append_items(value_errors_, write_json_value_error);
    buffer_ += "],\"value_errors_truncated\":" + std::to_string(value_errors_dropped_);
    buffer_ += ",\n\"summary\":";
    JsonWriter w(buffer_);
    write_json_summary(w, summary, tool_version_, {});
    buffer_ += "}\n";
    write(buffer_);
    out_.flush();
  }

 private:
  void open() {
    if (opened_) return;
    opened_ = true;
    buffer_.clear();
    JsonWriter w(buffer_);
    w.begin_object();
    w.key("tool_version").string(tool_version_);
    w.key("findings").begin_array();
    write(buffer_);
  }

  // One item per line, as in the findings array.
  template <typename Item, typename WriteItem>
  void append_items(const std::vector<Item>& items, WriteItem write_item) {
    for (size_t i = 0; i < items.size(); ++i) {
      buffer_ += i == 0 ? "\n" : ",\n";
      JsonWriter w(buffer_);
      write_item(w, items[i], std::string_view());
    }
    if (!items.empty()) buffer_ += '\n';
  }

  void write(const std::string& s) { out_.write(s.data(), static_cast<std::streamsize>(s.size())); }

  std::ostream& out_;
  std::string tool_version_;
  std::string buffer_;  // reused for each write
  bool opened_ = false;
  uint64_t findings_ = 0;
  std::vector<RejectedRow> rejects_;
  std::vector<ValueError> value_errors_;
  std::vector<DisappearedFinding> disappeared_;
  uint64_t rejects_dropped_ = 0;
  uint64_t value_errors_dropped_ = 0;
};

}  // namespace

std::unique_ptr<FindingSink> make_json_printer(std::ostream& out, const ReportOptions& opts) {
  return std::make_unique<JsonPrinter>(out, opts);
}

}  // namespace xianjie
