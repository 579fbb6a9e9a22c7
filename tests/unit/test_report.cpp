// The report printers against hand-built findings: Chinese text, quotes, commas, line breaks, a
// formula-like cell, a missing violation date. jsonl/json output is parsed back with a tiny JSON
// reader below (so validity is checked, not just string equality); the other formats are
// compared with exact expected text.
#include <catch2/catch.hpp>

#include <algorithm>
#include <limits>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "common/text.h"
#include "report/json_writer.h"
#include "xianjie/report.h"

using namespace xianjie;

namespace {

// ---- A strict little JSON reader, enough to check what the printers write. ----

struct Json {
  enum Kind { kNull, kBool, kNumber, kString, kArray, kObject } kind = kNull;
  bool b = false;
  double number = 0;
  std::string str;
  std::vector<Json> items;
  std::vector<std::pair<std::string, Json>> members;

  const Json& operator[](const std::string& key) const {
    for (const auto& [k, v] : members)
      if (k == key) return v;
    FAIL("no key " << key);
    return *this;
  }
  bool has(const std::string& key) const {
    for (const auto& m : members)
      if (m.first == key) return true;
    return false;
  }
  std::vector<std::string> keys() const {
    std::vector<std::string> out;
    for (const auto& m : members) out.push_back(m.first);
    return out;
  }
};

class JsonReader {
 public:
  explicit JsonReader(std::string_view s) : s_(s) {}

  // Parses one whole value; any syntax error or trailing text fails the test.
  Json document() {
    Json v = value();
    space();
    need(i_ == s_.size(), "text after the value");
    return v;
  }

 private:
  // Not REQUIRE: the reader runs per character, and only failures are worth an assertion count.
  static void need(bool ok, const char* what) {
    if (!ok) FAIL("JSON reader: " << what);
  }
  void space() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\r' || s_[i_] == '\t')) ++i_;
  }
  void expect(char c) {
    space();
    need(i_ < s_.size(), "unexpected end");
    need(s_[i_] == c, "unexpected character");
    ++i_;
  }
  bool peek(char c) {
    space();
    return i_ < s_.size() && s_[i_] == c;
  }
  bool literal(std::string_view word) {
    if (s_.substr(i_, word.size()) != word) return false;
    i_ += word.size();
    return true;
  }

  Json value() {
    space();
    need(i_ < s_.size(), "unexpected end");
    Json v;
    char c = s_[i_];
    if (c == '{') {
      v.kind = Json::kObject;
      ++i_;
      if (peek('}')) { ++i_; return v; }
      do {
        space();
        std::string k = string();
        expect(':');
        v.members.emplace_back(k, value());
      } while (peek(',') && ++i_);
      expect('}');
    } else if (c == '[') {
      v.kind = Json::kArray;
      ++i_;
      if (peek(']')) { ++i_; return v; }
      do v.items.push_back(value());
      while (peek(',') && ++i_);
      expect(']');
    } else if (c == '"') {
      v.kind = Json::kString;
      v.str = string();
    } else if (literal("true")) {
      v.kind = Json::kBool;
      v.b = true;
    } else if (literal("false")) {
      v.kind = Json::kBool;
    } else if (literal("null")) {
      v.kind = Json::kNull;
    } else {
      size_t start = i_;
      while (i_ < s_.size() && std::string_view("+-0123456789.eE").find(s_[i_]) != std::string_view::npos) ++i_;
      need(i_ > start, "not a value");
      v.kind = Json::kNumber;
      v.number = std::stod(std::string(s_.substr(start, i_ - start)));
    }
    return v;
  }

  std::string string() {
    need(s_[i_] == '"', "a string was expected");
    ++i_;
    std::string out;
    while (true) {
      need(i_ < s_.size(), "unexpected end");
      unsigned char c = static_cast<unsigned char>(s_[i_++]);
      if (c == '"') break;
      need(c >= 0x20, "raw control character in a string");
      if (c != '\\') {
        out += static_cast<char>(c);
        continue;
      }
      need(i_ < s_.size(), "unexpected end");
      char e = s_[i_++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'u': {
          need(i_ + 4 <= s_.size(), "short \\u escape");
          char32_t cp = static_cast<char32_t>(std::stoul(std::string(s_.substr(i_, 4)), nullptr, 16));
          i_ += 4;
          need(cp < 0xD800 || cp > 0xDFFF, "surrogate escape (the printers never need one)");
          append_utf8(out, cp);
          break;
        }
        default: FAIL("bad escape \\" << e);
      }
    }
    need(is_valid_utf8(out), "invalid UTF-8 in a string");
    return out;
  }

  std::string_view s_;
  size_t i_ = 0;
};

Json parse_json(std::string_view s) { return JsonReader(s).document(); }

std::vector<std::string> split_lines(const std::string& s, std::string_view eol = "\n") {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < s.size()) {
    size_t end = s.find(eol, start);
    REQUIRE(end != std::string::npos);  // every line is terminated
    out.push_back(s.substr(start, end - start));
    start = end + eol.size();
  }
  return out;
}

// ---- Sample scan events ----

Finding first_finding() {
  Finding f;
  f.case_id = "XJ-2023-001";
  f.source = "cases.csv:12";
  f.agency = "某市市场监督管理局";
  f.party_name = "张三, \"老张\"";
  f.party_id = "110101199001011234";
  f.party_type = "individual";
  f.domain = "market";
  f.case_reason = "销售伪劣产品\n以次充好";
  f.decision_date = Date::from_ymd(2023, 4, 12);
  f.fine_amount = "-500";
  f.rule_id = "MKT-01";
  f.title = "销售伪劣产品，销售金额五万元以上";
  f.offense = "生产、销售伪劣产品罪";
  f.law = "《刑法》第一百四十条";
  f.basis = "《立案追诉标准(一)》第十六条";
  f.severity = RuleSeverity::kHigh;
  f.action = "建议移送公安机关";
  f.version = "2022-05-15 起";
  f.version_reason = "按处罚决定日期";
  f.evidence.push_back({"sales_amount", "销售金额", "52,000.00 元", "≥", "50,000 元", "sales_min",
                        "《立案追诉标准(一)》第十六条",
                        "销售金额 52,000.00 元 ≥ 50,000 元(《立案追诉标准(一)》第十六条)"});
  f.missing_fields = {"违法行为发生日期"};
  f.message = "销售金额达到追诉标准";
  return f;
}

Finding second_finding() {
  Finding f;
  f.case_id = "XJ-2023-002";
  f.source = "cases.csv:13";
  f.agency = "某县|市场监管局";
  f.party_name = "=cmd|' /C calc'!A0";
  f.party_id = "91110000MA01234567";
  f.party_type = "unit";
  f.case_reason = "无证经营\x1b[2J";
  f.violation_date = Date::from_ymd(2023, 1, 5);
  f.transferred = true;
  f.rule_id = "FOOD-02";
  f.offense = "生产、销售不符合安全标准的食品罪";
  f.severity = RuleSeverity::kMedium;
  f.action = "建议调查核实";
  f.confirmed = false;
  f.confirmation_note = "门槛待核实";
  f.version = "现行";
  f.evidence.push_back({"goods_value", "货值金额", "12,000 元", ">", "10,000 元", "", "",
                        "货值金额 12,000 元 > 10,000 元"});
  f.evidence.push_back({"case_reason", "案由", "a\\|b", "含", "*有毒*", "", "", "案由含“有毒”"});
  f.message = "货值金额超过门槛";
  return f;
}

RejectedRow sample_reject() { return {"cases.csv", 14, "第 3 列: 引号未闭合", "XJ-2023-003,\"张"}; }

ValueError sample_value_error() {
  return {"cases.csv", 15, "cases.csv:15", "罚款金额（元）", "fine_amount", "五千块", "无法识别的金额"};
}

ScanSummary sample_summary() {
  ScanSummary s;
  s.rows_read = 4;
  s.rows_evaluated = 3;
  s.rows_rejected = 1;
  s.rows_transferred = 1;
  s.value_errors = 1;
  s.value_errors_by_column = {{"罚款金额（元）", 1}};
  s.findings = 2;
  s.findings_by_severity = {1, 1, 0};
  s.findings_by_rule = {{"FOOD-02", 1}, {"MKT-01", 1}};
  s.seconds = 0.123456;
  s.inputs = {"cases.csv"};
  s.notes = {"检测为 GB18030 编码"};
  s.rules = 12;
  return s;
}

std::vector<RuleInfo> sample_rules() {
  RuleInfo a;
  a.id = "MKT-01";
  a.offense = "生产、销售伪劣产品罪";
  RuleInfo b;
  b.id = "FOOD-02";
  b.offense = "生产、销售不符合安全标准的食品罪";
  return {a, b};
}

// Runs a whole scan's events through a fresh printer and returns what it wrote.
std::string render(ReportFormat format, const std::vector<Finding>& findings, bool with_errors = true,
                   ReportOptions opts = {false, "0.1.0"}) {
  std::ostringstream out;
  auto printer = make_printer(format, out, opts);
  printer->begin(sample_rules());
  for (const auto& f : findings) printer->finding(f);
  if (with_errors) {
    printer->reject(sample_reject());
    printer->value_error(sample_value_error());
  }
  ScanSummary s = sample_summary();
  if (findings.empty()) {
    s.findings = 0;
    s.findings_by_severity = {0, 0, 0};
    s.findings_by_rule.clear();
  }
  printer->end(s);
  return out.str();
}

}  // namespace


TEST_CASE("report format names", "[report]") {
  CHECK(parse_report_format("table") == ReportFormat::kTable);
  CHECK(parse_report_format("csv") == ReportFormat::kCsv);
  CHECK(parse_report_format("jsonl") == ReportFormat::kJsonl);
  CHECK(parse_report_format("json") == ReportFormat::kJson);
  CHECK(parse_report_format("md") == ReportFormat::kMarkdown);
  CHECK_FALSE(parse_report_format("JSON"));
  CHECK_FALSE(parse_report_format("markdown"));
  CHECK_FALSE(parse_report_format(""));
}

TEST_CASE("JSON strings: escapes, UTF-8 kept, invalid bytes replaced", "[report]") {
  auto esc = [](std::string_view s) {
    std::string out;
    append_json_string(out, s);
    return out;
  };
  CHECK(esc("a\"b\\c/") == R"("a\"b\\c/")");
  CHECK(esc("行1\n行2\t\r\b\f") == R"("行1\n行2\t\r\b\f")");
  CHECK(esc(std::string_view("\x01\x1f\x7f", 3)) == R"("\u0001\u001f\u007f")");
  CHECK(esc(std::string_view("a\0b", 3)) == R"("a\u0000b")");
  CHECK(esc("\xC2\x85") == R"("\u0085")");      // NEL, a C1 control
  CHECK(esc("\xE2\x80\xA8") == R"("\u2028")");  // breaks JavaScript string literals
  CHECK(esc("中文 ≥ 😀 \xEF\xBF\xBD") == "\"中文 ≥ 😀 \xEF\xBF\xBD\"");
  const std::string r = "\xEF\xBF\xBD";  // U+FFFD
  CHECK(esc("a\xFF" "b") == "\"a" + r + "b\"");
  CHECK(esc("\xE4\xB8") == "\"" + r + r + "\"");        // truncated 中
  CHECK(esc("\xC0\xAF") == "\"" + r + r + "\"");        // overlong '/'
  CHECK(esc("\xED\xA0\x80") == "\"" + r + r + r + "\"");  // surrogate
  CHECK(esc("\x80中") == "\"" + r + "中\"");
  // The fast path for three-byte characters: full-width punctuation, then a sequence it must not take.
  CHECK(esc("（罚款）：５万，〔2023〕") == "\"（罚款）：５万，〔2023〕\"");
  CHECK(esc("中\xE2\x80\xA9文") == R"("中\u2029文")");
  CHECK(esc("中\xEF\xBC") == "\"中" + r + r + "\"");  // （ cut short after 中
  CHECK(esc("\xE0\x80\x80") == "\"" + r + r + r + "\"");  // overlong NUL
}

TEST_CASE("JsonWriter places commas and writes every kind of value", "[report]") {
  std::string out;
  JsonWriter w(out);
  w.begin_object().key("a").integer(1).key("b").begin_array();
  w.string("x").boolean(true).boolean(false).null().real(0.5).begin_array().end_array();
  w.end_array().key("c").begin_object().end_object();
  w.key("d").real(std::numeric_limits<double>::quiet_NaN()).key("e").real(std::numeric_limits<double>::infinity());
  w.key("f").integer(UINT64_MAX).key("键\"").string("值");
  w.end_object();
  CHECK(out == R"({"a":1,"b":["x",true,false,null,0.5,[]],"c":{},"d":null,"e":null,"f":18446744073709551615,"键\"":"值"})");
  parse_json(out);
}

TEST_CASE("jsonl: one object per line, streamed, the summary last", "[report]") {
  std::string out = render(ReportFormat::kJsonl, {first_finding(), second_finding()});
  auto lines = split_lines(out);
  REQUIRE(lines.size() == 5);
  std::vector<Json> objs;
  for (const auto& l : lines) objs.push_back(parse_json(l));
  std::vector<std::string> types;
  for (const auto& o : objs) types.push_back(o.members.at(0).first == "type" ? o["type"].str : "");
  CHECK(types == std::vector<std::string>{"finding", "finding", "reject", "value_error", "summary"});

  // The contract, byte for byte.
  CHECK(lines[0] == R"json({"type":"finding","case_id":"XJ-2023-001","source":"cases.csv:12","agency":"某市市场监督管理局","party_name":"张三, \"老张\"","party_id":"110101199001011234","party_type":"individual","domain":"market","case_reason":"销售伪劣产品\n以次充好","violation_date":null,"decision_date":"2023-04-12","fine_amount":"-500","transferred":false,"rule_id":"MKT-01","title":"销售伪劣产品，销售金额五万元以上","offense":"生产、销售伪劣产品罪","law":"《刑法》第一百四十条","basis":"《立案追诉标准(一)》第十六条","severity":"high","pattern":"threshold","action":"建议移送公安机关","confirmed":true,"confirmation_note":"","version":"2022-05-15 起","version_reason":"按处罚决定日期","evidence":[{"field":"sales_amount","label":"销售金额","value":"52,000.00 元","op":"≥","threshold":"50,000 元","param":"sales_min","basis":"《立案追诉标准(一)》第十六条","message":"销售金额 52,000.00 元 ≥ 50,000 元(《立案追诉标准(一)》第十六条)"}],"missing_fields":["违法行为发生日期"],"message":"销售金额达到追诉标准","referral":true,"related":[]})json");
  CHECK(lines[2] == R"json({"type":"reject","source":"cases.csv","location":14,"reason":"第 3 列: 引号未闭合","original":"XJ-2023-003,\"张"})json");
  CHECK(lines[3] == R"json({"type":"value_error","source":"cases.csv","location":15,"location_text":"cases.csv:15","column":"罚款金额（元）","field":"fine_amount","raw":"五千块","reason":"无法识别的金额"})json");

  // Values read back exactly as they were, including what had to be escaped.
  const Json& a = objs[0];
  CHECK(a["party_name"].str == "张三, \"老张\"");
  CHECK(a["case_reason"].str == "销售伪劣产品\n以次充好");
  CHECK(a["violation_date"].kind == Json::kNull);
  CHECK(a["transferred"].kind == Json::kBool);
  const Json& b = objs[1];
  CHECK(b["case_reason"].str == "无证经营\x1b[2J");  // escaped as \u001b, not dropped
  CHECK(b["violation_date"].str == "2023-01-05");
  CHECK(b["decision_date"].kind == Json::kNull);
  CHECK(b["fine_amount"].kind == Json::kNull);
  CHECK(b["severity"].str == "medium");
  CHECK(b["confirmed"].b == false);
  CHECK(b["transferred"].b == true);
  REQUIRE(b["evidence"].items.size() == 2);
  CHECK(b["evidence"].items[1]["value"].str == "a\\|b");
  CHECK(b["evidence"].items[1]["threshold"].str == "*有毒*");
  CHECK(b["missing_fields"].kind == Json::kArray);
  CHECK(b["missing_fields"].items.empty());

  const Json& s = objs[4];
  CHECK(s.keys() == std::vector<std::string>{"type", "rows_read", "rows_evaluated", "rows_rejected",
                                             "rows_transferred", "value_errors", "value_errors_by_column", "findings", "referral_candidates",
                                             "findings_by_severity", "findings_by_rule", "seconds", "inputs", "notes",
                                             "input_errors", "rules", "linked_tables", "as_of", "as_of_from_data",
                                             "cross_member_records", "cross_skipped", "near_threshold_share",
                                             "near_threshold_by_agency", "tool_version"});
  CHECK(s["rows_read"].number == 4);
  CHECK(s["value_errors_by_column"]["罚款金额（元）"].number == 1);
  CHECK(s["findings_by_severity"]["high"].number == 1);
  CHECK(s["findings_by_severity"]["medium"].number == 1);
  CHECK(s["findings_by_severity"]["low"].number == 0);
  CHECK(s["findings_by_rule"]["MKT-01"].number == 1);
  CHECK(s["seconds"].number == Approx(0.123));
  CHECK(s["notes"].items.at(0).str == "检测为 GB18030 编码");
  CHECK(s["rules"].number == 12);
  CHECK(s["tool_version"].str == "0.1.0");
}

TEST_CASE("jsonl: a line is written when its event arrives", "[report]") {
  std::ostringstream out;
  auto printer = make_printer(ReportFormat::kJsonl, out);
  printer->begin(sample_rules());
  CHECK(out.str().empty());
  printer->finding(first_finding());
  CHECK(split_lines(out.str()).size() == 1);
  printer->reject(sample_reject());
  CHECK(split_lines(out.str()).size() == 2);
}

TEST_CASE("json: one document with the jsonl objects minus their type", "[report]") {
  std::string jsonl = render(ReportFormat::kJsonl, {first_finding(), second_finding()});
  std::string json = render(ReportFormat::kJson, {first_finding(), second_finding()});
  Json doc = parse_json(json);
  CHECK(doc.keys() == std::vector<std::string>{"tool_version", "findings", "rejects", "rejects_truncated", "value_errors",
                                               "value_errors_truncated", "summary"});
  CHECK(doc["tool_version"].str == "0.1.0");
  CHECK(doc["findings"].items.size() == 2);
  CHECK(doc["rejects"].items.size() == 1);
  CHECK(doc["rejects_truncated"].number == 0);
  CHECK(doc["value_errors"].items.size() == 1);
  CHECK(doc["summary"]["findings"].number == 2);

  // Same text as jsonl once the type is taken out: one serialisation for both formats.
  auto without_type = [](std::string line) {
    size_t p = line.find("\"type\":\"");
    size_t q = line.find("\",", p);
    return line.erase(p, q + 2 - p);
  };
  auto jl = split_lines(jsonl);
  auto js = split_lines(json);
  CHECK(js[0] == R"({"tool_version":"0.1.0","findings":[)");
  CHECK(js[1] == without_type(jl[0]) + ",");
  CHECK(js[2] == without_type(jl[1]));
  CHECK(js[3] == R"(],"rejects":[)");
  CHECK(js[4] == without_type(jl[2]));
  CHECK(js.back() == "\"summary\":" + without_type(jl[4]) + "}");
}

TEST_CASE("json: an empty scan is a valid document", "[report]") {
  std::ostringstream out;
  make_printer(ReportFormat::kJson, out)->end(ScanSummary{});
  Json doc = parse_json(out.str());
  CHECK(doc["findings"].items.empty());
  CHECK(doc["rejects"].items.empty());
  CHECK(doc["summary"]["rows_read"].number == 0);
  CHECK(doc["summary"]["seconds"].number == 0);
}

TEST_CASE("json: rejects and value errors are capped, the rest counted", "[report]") {
  std::ostringstream out;
  auto printer = make_printer(ReportFormat::kJson, out);
  printer->begin({});
  printer->finding(first_finding());
  for (uint64_t i = 0; i < 10003; ++i) printer->reject({"big.csv", i, "字段数不对", "x"});
  printer->value_error(sample_value_error());
  printer->end(ScanSummary{});
  Json doc = parse_json(out.str());
  REQUIRE(doc["rejects"].items.size() == 10000);
  CHECK(doc["rejects"].items.back()["location"].number == 9999);
  CHECK(doc["rejects_truncated"].number == 3);
  CHECK(doc["value_errors"].items.size() == 1);
  CHECK(doc["value_errors_truncated"].number == 0);
}

TEST_CASE("csv: BOM, Chinese header, CRLF, RFC 4180 quoting, formula guard", "[report]") {
  const std::string header =
      "\xEF\xBB\xBF"
      "案件编号,来源,执法机关,执法领域,当事人,证件号码,当事人类型,案由,违法行为发生日期,处罚决定日期,罚款金额,是否已移送,"
      "规则编号,涉嫌罪名,刑法条文,追诉标准依据,适用版本,严重程度,门槛是否已确认,证据,缺失字段,建议\r\n";
  std::string out = render(ReportFormat::kCsv, {first_finding(), second_finding()});
  std::string expected =
      header +
      "XJ-2023-001,cases.csv:12,某市市场监督管理局,market,\"张三, \"\"老张\"\"\",110101199001011234,个人,"
      "\"销售伪劣产品\n以次充好\",,2023-04-12,-500,否,MKT-01,生产、销售伪劣产品罪,《刑法》第一百四十条,"
      "《立案追诉标准(一)》第十六条,2022-05-15 起（按处罚决定日期）,高,是,"
      "\"销售金额 52,000.00 元 ≥ 50,000 元(《立案追诉标准(一)》第十六条)\",违法行为发生日期,建议移送公安机关\r\n"
      "XJ-2023-002,cases.csv:13,某县|市场监管局,,'=cmd|' /C calc'!A0,91110000MA01234567,单位,"
      "无证经营\xEF\xBF\xBD[2J,2023-01-05,,,是,FOOD-02,生产、销售不符合安全标准的食品罪,,,现行,中,否（门槛待核实）,"
      "\"货值金额 12,000 元 > 10,000 元；案由含“有毒”\",,建议调查核实\r\n";
  CHECK(out == expected);

  // Rejects and value errors have no place in the findings sheet.
  CHECK(render(ReportFormat::kCsv, {}) == header);

  auto first_cell = [](const std::string& case_id) {
    Finding f;
    f.case_id = case_id;
    std::ostringstream o;
    auto p = make_printer(ReportFormat::kCsv, o);
    p->finding(f);
    std::string s = o.str();
    size_t row = s.find("\r\n") + 2;
    return s.substr(row, s.find(',', row) - row);
  };
  CHECK(first_cell("=1+1") == "'=1+1");
  CHECK(first_cell("@SUM(A1)") == "'@SUM(A1)");
  CHECK(first_cell("+86 138") == "'+86 138");
  CHECK(first_cell("-2+3+cmd") == "'-2+3+cmd");
  CHECK(first_cell("\t=1") == "'\t=1");
  CHECK(first_cell("-500") == "-500");
  CHECK(first_cell("+12.5") == "+12.5");
  CHECK(first_cell("-") == "'-");
  CHECK(first_cell("a=b") == "a=b");
  CHECK(first_cell("\"=x\"") == "\"\"\"=x\"\"\"");  // a quote first: not a formula, just quoted
  CHECK(first_cell("\xFF") == "\xEF\xBF\xBD");
}

namespace {

// Removes ANSI SGR sequences (ESC [ … m).
std::string strip_ansi(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\x1b' && i + 1 < s.size() && s[i + 1] == '[') {
      size_t m = s.find('m', i);
      REQUIRE(m != std::string::npos);
      i = m;
      continue;
    }
    out += s[i];
  }
  return out;
}

}  // namespace

TEST_CASE("table: one aligned block per finding, then the summary", "[report]") {
  std::string out = render(ReportFormat::kTable, {first_finding(), second_finding()});
  const std::string expected =
      "[1] XJ-2023-001 · 生产、销售伪劣产品罪 · 严重程度 高\n"
      "    规则      MKT-01 · 销售伪劣产品，销售金额五万元以上\n"
      "    当事人    张三, \"老张\" · 个人 · 110101199001011234\n"
      "    执法机关  某市市场监督管理局\n"
      "    来源      cases.csv:12\n"
      "    案由      销售伪劣产品 以次充好\n"
      "    日期      违法 未填写 · 决定 2023-04-12\n"
      "    罚款      -500\n"
      "    依据      《刑法》第一百四十条 · 《立案追诉标准(一)》第十六条\n"
      "    适用版本  2022-05-15 起（按处罚决定日期）\n"
      "    证据      销售金额 52,000.00 元 ≥ 50,000 元(《立案追诉标准(一)》第十六条)\n"
      "    缺失字段  违法行为发生日期\n"
      "    建议      建议移送公安机关\n"
      "\n"
      "[2] XJ-2023-002 · 生产、销售不符合安全标准的食品罪 · 严重程度 中\n"
      "    规则      FOOD-02\n"
      "    当事人    =cmd|' /C calc'!A0 · 单位 · 91110000MA01234567\n"
      "    执法机关  某县|市场监管局\n"
      "    来源      cases.csv:13\n"
      "    案由      无证经营\xEF\xBF\xBD[2J\n"  // the escape sequence is neutralised
      "    日期      违法 2023-01-05 · 决定 未填写\n"
      "    依据      —\n"
      "    适用版本  现行\n"
      "    证据      货值金额 12,000 元 > 10,000 元\n"
      "              案由含“有毒”\n"
      "    门槛      未确认 · 门槛待核实\n"
      "    已移送    记录显示已移送公安机关\n"
      "    建议      建议调查核实\n"
      "\n"
      "── 汇总 ──\n"
      "移送线索  2 条（高 1 · 中 1 · 低 0）\n"
      "按规则    FOOD-02 1 · MKT-01 1\n"
      "数据行    读取 4 · 评估 3 · 拒收 1 · 已移送 1\n"
      "值错误    1（罚款金额（元） 1）\n"
      "输入      cases.csv\n"
      "说明      检测为 GB18030 编码\n"
      "规则      12 条 · 用时 0.12 秒\n";
  CHECK(out == expected);

  // Every value starts at the same terminal column, whatever the width of its label.
  for (const auto& line : split_lines(out)) {
    if (line.rfind("    ", 0) != 0) continue;
    size_t p = 4;
    while (p < line.size() && line[p] != ' ') ++p;  // the label
    while (p < line.size() && line[p] == ' ') ++p;  // its padding
    CHECK(display_width(line.substr(0, p)) == 14);
  }
}

TEST_CASE("table: colour only adds escape codes around severity and emphasis", "[report]") {
  std::string plain = render(ReportFormat::kTable, {first_finding(), second_finding()});
  std::string coloured =
      render(ReportFormat::kTable, {first_finding(), second_finding()}, true, ReportOptions{true, "0.1.0"});
  CHECK(coloured != plain);
  CHECK(coloured.find("严重程度 \x1b[1;31m高\x1b[0m") != std::string::npos);
  CHECK(coloured.find("严重程度 \x1b[33m中\x1b[0m") != std::string::npos);
  CHECK(strip_ansi(coloured) == plain);
}

TEST_CASE("table: an empty scan says so", "[report]") {
  std::string out = render(ReportFormat::kTable, {});
  CHECK(out.rfind("未发现移送线索。\n\n── 汇总 ──\n移送线索  0 条（高 0 · 中 0 · 低 0）\n", 0) == 0);
}

TEST_CASE("md: summary tables first, then one escaped section per finding", "[report]") {
  std::string out = render(ReportFormat::kMarkdown, {first_finding(), second_finding()});
  auto lines = split_lines(out);
  auto has = [&](const std::string& l) { return std::find(lines.begin(), lines.end(), l) != lines.end(); };
  auto at = [&](const std::string& l) { return std::find(lines.begin(), lines.end(), l) - lines.begin(); };

  CHECK(lines.at(0) == "# 移送线索报告");
  CHECK(at("## 汇总") < at("## 移送线索"));
  CHECK(at("## 移送线索") < at("### 1. XJ-2023-001 · 生产、销售伪劣产品罪（高）"));
  CHECK(at("### 1. XJ-2023-001 · 生产、销售伪劣产品罪（高）") <
        at("### 2. XJ-2023-002 · 生产、销售不符合安全标准的食品罪（中）"));
  CHECK(has("| 读取行数 | 4 |"));
  CHECK(has("| 评估行数 | 3 |"));
  CHECK(has("| 拒收行数 | 1 |"));
  CHECK(has("| 值错误 | 1 |"));
  CHECK(has("| 其中 高 | 1 |"));
  CHECK(has("| 其中 中 | 1 |"));
  CHECK(has("| FOOD-02 | 生产、销售不符合安全标准的食品罪 | 1 |"));
  CHECK(has("| MKT-01 | 生产、销售伪劣产品罪 | 1 |"));

  CHECK(has("| 违法行为发生日期 | 未填写 |"));
  CHECK(has("| 案由 | 销售伪劣产品<br>以次充好 |"));
  CHECK(has("| 执法机关 | 某县\\|市场监管局 |"));
  CHECK(has("| 当事人 | =cmd\\|' /C calc'!A0 |"));
  CHECK(has("| 门槛是否已确认 | 否：门槛待核实 |"));
  CHECK(has("| 销售金额 | sales\\_amount | 52,000.00 元 | ≥ | 50,000 元 | sales\\_min | 《立案追诉标准(一)》第十六条 |"));
  // The backslash is escaped too, or "a\|b" would end the cell after "a\".
  CHECK(has(R"(| 案由 | case\_reason | a\\\|b | 含 | \*有毒\* |  |  |)"));

  // Within each table, every row has as many cell separators as its header.
  auto separators = [](const std::string& l) {
    size_t n = 0, backslashes = 0;
    for (char c : l) {
      if (c == '|' && backslashes % 2 == 0) ++n;
      backslashes = c == '\\' ? backslashes + 1 : 0;
    }
    return n;
  };
  size_t expected = 0;
  for (const auto& l : lines) {
    if (l.empty() || l[0] != '|') {
      expected = 0;
      continue;
    }
    if (expected == 0) expected = separators(l);
    CHECK(separators(l) == expected);
  }
}

TEST_CASE("md: an empty scan says so", "[report]") {
  std::string out = render(ReportFormat::kMarkdown, {});
  const std::string tail = "## 移送线索\n\n未发现移送线索。\n";
  REQUIRE(out.size() >= tail.size());
  CHECK(out.compare(out.size() - tail.size(), tail.size(), tail) == 0);
}

TEST_CASE("every format writes valid UTF-8 when a finding holds invalid bytes", "[report]") {
  Finding f = first_finding();
  f.party_name = "张\xFF三\xE4\xB8";
  f.evidence[0].message = "\xC0\xAF";
  f.missing_fields = {"\xED\xA0\x80"};
  for (auto format : {ReportFormat::kTable, ReportFormat::kCsv, ReportFormat::kJsonl, ReportFormat::kJson,
                      ReportFormat::kMarkdown}) {
    std::string out = render(format, {f});
    CHECK(is_valid_utf8(out));
    CHECK(out.find("张\xEF\xBF\xBD三") != std::string::npos);
  }
}
