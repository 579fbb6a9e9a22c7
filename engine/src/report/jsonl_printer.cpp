// The jsonl printer: the machine contract. One JSON object per line, written as each event
// arrives so that a consumer (jq, a loader script) can follow a long scan; a "summary" line last.
//
// Lines end in "\n" rather than std::endl: flushing per line would cost a system call per finding,
// and the stream's own buffering already passes large chunks downstream. We flush once, in end().
#include <ostream>

#include "report/json_objects.h"
#include "report/printers.h"

namespace xianjie {

namespace {

class JsonlPrinter final : public FindingSink {
 public:
  JsonlPrinter(std::ostream& out, const ReportOptions& opts) : out_(out), tool_version_(opts.tool_version) {}

  void finding(const Finding& f) override {
    JsonWriter w(start_line());
    write_json_finding(w, f, "finding");
    emit_line();
  }

  void reject(const RejectedRow& row) override {
    JsonWriter w(start_line());
    write_json_reject(w, row, "reject");
    emit_line();
  }

  void value_error(const ValueError& error) override {
    JsonWriter w(start_line());
    write_json_value_error(w, error, "value_error");
    emit_line();
  }

  void disappeared(const DisappearedFinding& d) override {
    JsonWriter w(start_line());
    write_json_disappeared(w, d, "disappeared");
    emit_line();
  }

  void end(const ScanSummary& summary) override {
    JsonWriter w(start_line());
    write_json_summary(w, summary, tool_version_, "summary");
    emit_line();
    out_.flush();
  }

 private:
  // The line buffer is reused so that steady-state printing does not allocate.
  std::string& start_line() {
    line_.clear();
    return line_;
  }
  void emit_line() {
    line_ += '\n';
    out_.write(line_.data(), static_cast<std::streamsize>(line_.size()));
  }

  std::ostream& out_;
  std::string tool_version_;
  std::string line_;
};

}  // namespace

std::unique_ptr<FindingSink> make_jsonl_printer(std::ostream& out, const ReportOptions& opts) {
  return std::make_unique<JsonlPrinter>(out, opts);
}

}  // namespace xianjie
