// The CSV reader: RFC 4180 framing, encodings, delimiters, bad rows and their recovery, batching.
// Small hand-made fixtures live in tests/data/csv/; larger or exotic inputs are generated into a
// temporary directory.
#include <iconv.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "common/text.h"
#include "io/csv/encoding.h"
#include "common/utf8_scan.h"
#include "xianjie/row_source.h"

using namespace xianjie;
namespace fs = std::filesystem;

namespace {

const std::string kData = std::string(XIANJIE_TEST_DATA_DIR) + "/csv/";

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("xianjie_csv_" + std::to_string(::getpid()));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string write(const std::string& name, const std::string& bytes) const {
    std::string file = (path / name).string();
    std::ofstream(file, std::ios::binary) << bytes;
    return file;
  }
};

using Row = std::vector<std::string>;

struct ReadResult {
  std::vector<Row> rows;
  std::vector<uint64_t> lines;
  std::vector<RejectedRow> rejects;
  uint64_t rows_read = 0;
  uint64_t rows_rejected = 0;
  size_t batches = 0;
};

ReadResult read_all(RowSource& source) {
  ReadResult result;
  source.set_reject_handler([&](const RejectedRow& r) { result.rejects.push_back(r); });
  RowBatch batch;
  while (source.next_batch(batch)) {
    ++result.batches;
    REQUIRE(batch.size() > 0);
    REQUIRE(batch.size() <= RowBatch::kTargetRows);
    REQUIRE(batch.locations.size() == batch.size());
    for (size_t r = 0; r < batch.size(); ++r) {
      Row row;
      for (size_t c = 0; c < batch.columns; ++c) row.emplace_back(batch.field(r, c));
      result.rows.push_back(std::move(row));
      result.lines.push_back(batch.locations[r]);
    }
  }
  REQUIRE(source.error().empty());
  result.rows_read = source.rows_read();
  result.rows_rejected = source.rows_rejected();
  // The accounting invariant: every data row is either in a batch or rejected.
  REQUIRE(result.rows_read == result.rows.size() + result.rows_rejected);
  REQUIRE(result.rows_rejected == result.rejects.size());
  return result;
}

std::unique_ptr<RowSource> open_ok(const std::string& path, CsvOptions options = {}) {
  std::string error;
  auto source = open_csv(path, options, error);
  INFO(error);
  REQUIRE(source);
  REQUIRE(error.empty());
  return source;
}

std::string open_error(const std::string& path, CsvOptions options = {}) {
  std::string error;
  auto source = open_csv(path, options, error);
  REQUIRE_FALSE(source);
  REQUIRE_FALSE(error.empty());
  return error;
}

bool has_note(const RowSource& source, const std::string& note) {
  for (const auto& n : source.notes()) {
    if (n == note) return true;
  }
  return false;
}

std::string convert(const std::string& utf8, const char* to) {
  iconv_t cd = iconv_open(to, "UTF-8");
  REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
  std::string out(utf8.size() * 4 + 16, '\0');
  char* in = const_cast<char*>(utf8.data());
  size_t in_left = utf8.size();
  char* op = out.data();
  size_t out_left = out.size();
  REQUIRE(iconv(cd, &in, &in_left, &op, &out_left) != static_cast<size_t>(-1));
  iconv_close(cd);
  out.resize(out.size() - out_left);
  return out;
}

// Writes `rows` as CSV, quoting fields that need it and some that do not, with random line endings
// and blank lines; `lines` receives each row's expected physical line.
std::string make_csv(const std::vector<Row>& rows, std::mt19937& rng, std::vector<uint64_t>& lines) {
  std::string out;
  uint64_t line = 1;
  for (const Row& row : rows) {
    if (line > 1 && rng() % 50 == 0) {
      out += rng() % 2 ? "\r\n" : "\n";
      ++line;
    }
    if (line > 1) lines.push_back(line);
    for (size_t c = 0; c < row.size(); ++c) {
      if (c > 0) out += ',';
      const std::string& f = row[c];
      bool must_quote = f.find_first_of(",\"\r\n") != std::string::npos;
      if (must_quote || rng() % 20 == 0) {
        out += '"';
        for (char ch : f) {
          if (ch == '"') out += '"';
          out += ch;
          if (ch == '\n') ++line;
        }
        out += '"';
      } else {
        out += f;
      }
    }
    out += rng() % 3 == 0 ? "\r\n" : "\n";
    ++line;
  }
  return out;
}

std::vector<Row> random_rows(size_t count, size_t columns, std::mt19937& rng) {
  static const char* const kPieces[] = {"深圳市某某科技有限公司", "张三", "52000", "2023-01-05", "违法所得",
                                        "a,b", "他说\"没收\"", "第一行\n第二行", "x\r\ny", "𠀀😀€",
                                        "", " 空格 ", "|;\t", "\"", "ok"};
  std::vector<Row> rows;
  Row header;
  for (size_t c = 0; c < columns; ++c) header.push_back("列" + std::to_string(c + 1));
  rows.push_back(header);
  for (size_t i = 0; i < count; ++i) {
    Row row;
    for (size_t c = 0; c < columns; ++c) {
      std::string f;
      size_t pieces = rng() % 4;
      for (size_t k = 0; k < pieces; ++k) f += kPieces[rng() % (sizeof kPieces / sizeof kPieces[0])];
      if (c == 0) f = "R" + std::to_string(i);  // never empty, so no row is a blank line
      row.push_back(f);
    }
    rows.push_back(row);
  }
  return rows;
}

}  // namespace

TEST_CASE("csv: RFC 4180 quoting, line endings, blank lines and BOM", "[csv]") {
  auto source = open_ok(kData + "basic.csv");
  REQUIRE(source->header() == Row{"案件编号", "当事人", "罚款金额", "备注"});
  REQUIRE(source->notes().empty());
  auto r = read_all(*source);
  REQUIRE(r.rows.size() == 4);
  REQUIRE(r.rows[0] == Row{"A001", "张三", "50,000", "他说\"没收\""});
  REQUIRE(r.rows[1] == Row{"A002", "某某\n有限公司", "1200", "第一行\r\n第二行"});
  REQUIRE(r.rows[2] == Row{"A003", "李四", "", ""});
  REQUIRE(r.rows[3] == Row{"A004", "王五", "300", "末行无换行"});
  REQUIRE(r.lines == std::vector<uint64_t>{2, 4, 7, 9});
  REQUIRE(r.rows_read == 4);
  REQUIRE(r.rejects.empty());
  REQUIRE(source->name() == kData + "basic.csv");
  REQUIRE(source->location_text(7) == kData + "basic.csv:7");
}

TEST_CASE("csv: small framing cases", "[csv]") {
  TempDir dir;
  SECTION("header only, with and without a line feed") {
    for (const char* text : {"a,b,c", "a,b,c\r\n", "\n\na,b,c\n\n"}) {
      auto source = open_ok(dir.write("h.csv", text));
      REQUIRE(source->header() == Row{"a", "b", "c"});
      auto r = read_all(*source);
      REQUIRE(r.rows.empty());
      REQUIRE(r.rows_read == 0);
    }
  }
  SECTION("leading blank lines count as physical lines") {
    auto r = read_all(*open_ok(dir.write("b.csv", "\r\n\nk,v\n1,2\n")));
    REQUIRE(r.lines == std::vector<uint64_t>{4});
  }
  SECTION("duplicate header names are kept") {
    auto source = open_ok(dir.write("d.csv", "金额,金额,\n1,2,3\n"));
    REQUIRE(source->header() == Row{"金额", "金额", ""});
  }
  SECTION("quoted edge cases") {
    auto r = read_all(*open_ok(dir.write("q.csv", "a,b\n\"\",\"\"\"\"\n\"x\"\r\n\"y\",\"\"\"q\"\"\"\n")));
    // "x"\r\n alone is a one-field record: rejected, the next record reads normally.
    REQUIRE(r.rows == std::vector<Row>{{"", "\""}, {"y", "\"q\""}});
    REQUIRE(r.rejects.size() == 1);
    REQUIRE(r.rejects[0].reason == "字段数为 1，应为 2");
    REQUIRE(r.rejects[0].location == 3);
  }
  SECTION("a quote inside a bare field and text after a closing quote are literal") {
    auto r = read_all(*open_ok(dir.write("l.csv", "a,b\n5\"寸,\"某公司\"违法\n")));
    REQUIRE(r.rows == std::vector<Row>{{"5\"寸", "\"某公司\"违法"}});
  }
  SECTION("a lone CR is data; CR at the end of the file is a line end") {
    auto r = read_all(*open_ok(dir.write("c.csv", "a,b\nx\ry,z\r")));
    REQUIRE(r.rows == std::vector<Row>{{"x\ry", "z"}});
  }
  SECTION("a quoted last field at the end of the file without a line feed") {
    auto r = read_all(*open_ok(dir.write("e.csv", "a,b\n1,\"end\"")));
    REQUIRE(r.rows == std::vector<Row>{{"1", "end"}});
  }
}

TEST_CASE("csv: open errors name the file and say what to do", "[csv]") {
  TempDir dir;
  std::string missing = (dir.path / "missing.csv").string();
  REQUIRE(open_error(missing) == "无法打开 " + missing + "：文件不存在");
  REQUIRE(open_error(dir.path.string()).find("这是一个目录") != std::string::npos);
  REQUIRE(open_error(dir.write("empty.csv", "")).find("文件为空") != std::string::npos);
  REQUIRE(open_error(dir.write("blank.csv", "\xEF\xBB\xBF\r\n\n")).find("文件为空") != std::string::npos);
  std::string err = open_error(dir.write("quote.csv", "a,\"b\n1,2\n"));
  REQUIRE(err.find("表头第 2 列引号未闭合") != std::string::npos);
  CsvOptions bad_encoding;
  bad_encoding.encoding = "latin1";
  REQUIRE(open_error(kData + "basic.csv", bad_encoding).find("不支持的编码 'latin1'") != std::string::npos);
  CsvOptions bad_delimiter;
  bad_delimiter.delimiter = '"';
  REQUIRE_FALSE(open_error(kData + "basic.csv", bad_delimiter).empty());
  if (::geteuid() != 0) {  // root reads anything
    std::string locked = dir.write("locked.csv", "a\n1\n");
    ::chmod(locked.c_str(), 0);
    REQUIRE(open_error(locked).find("没有读取权限") != std::string::npos);
  }
}

TEST_CASE("csv: delimiter detection and forcing", "[csv]") {
  TempDir dir;
  SECTION("tab, semicolon, pipe") {
    for (auto [delimiter, name] : {std::pair{'\t', "制表符"}, {';', "分号"}, {'|', "竖线"}}) {
      std::string d(1, delimiter);
      // Commas inside the text must not fool the detection.
      std::string text = "编号" + d + "名称,简称" + d + "金额\n1" + d + "甲,乙" + d + "5\n2" + d + "丙" + d + "6\n";
      auto source = open_ok(dir.write("d.csv", text));
      REQUIRE(source->header() == Row{"编号", "名称,简称", "金额"});
      REQUIRE(has_note(*source, std::string("分隔符: ") + name));
      auto r = read_all(*source);
      REQUIRE(r.rows == std::vector<Row>{{"1", "甲,乙", "5"}, {"2", "丙", "6"}});
    }
  }
  SECTION("a delimiter inside quotes does not count") {
    auto source = open_ok(dir.write("q.csv", "\"a;b;c\",d\n\"1;2;3\",4\n"));
    REQUIRE(source->header() == Row{"a;b;c", "d"});
    REQUIRE(source->notes().empty());
  }
  SECTION("forced") {
    CsvOptions options;
    options.delimiter = ';';
    auto source = open_ok(dir.write("f.csv", "a,b;c\n1,2;3\n"), options);
    REQUIRE(source->header() == Row{"a,b", "c"});
  }
}

TEST_CASE("csv: encodings", "[csv]") {
  TempDir dir;
  SECTION("GB18030 is detected and decoded") {
    auto source = open_ok(kData + "gbk_tab.tsv");
    REQUIRE(has_note(*source, "检测为 GB18030 编码"));
    REQUIRE(has_note(*source, "分隔符: 制表符"));
    REQUIRE(source->header() == Row{"案件编号", "当事人", "违法所得"});
    auto r = read_all(*source);
    REQUIRE(r.rows == std::vector<Row>{{"G001", "深圳市某某科技有限公司", "52000"}, {"G002", "王五", "3.5万元"}});
  }
  SECTION("gbk can be forced, and then there is no detection note") {
    CsvOptions options;
    options.encoding = "GBK";
    auto source = open_ok(kData + "gbk_tab.tsv", options);
    REQUIRE_FALSE(has_note(*source, "检测为 GB18030 编码"));
    REQUIRE(read_all(*source).rows.size() == 2);
  }
  SECTION("forcing UTF-8 on a GBK file fails on the header") {
    CsvOptions options;
    options.encoding = "utf-8";
    REQUIRE(open_error(kData + "gbk_tab.tsv", options).find("--encoding") != std::string::npos);
  }
  SECTION("UTF-16LE with BOM (Excel Unicode text)") {
    auto source = open_ok(kData + "utf16le.txt");
    REQUIRE(has_note(*source, "检测为 UTF-16LE 编码"));
    REQUIRE(source->header() == Row{"编号", "名称"});
    REQUIRE(read_all(*source).rows == std::vector<Row>{{"U1", "甲公司"}, {"U2", "乙公司"}});
  }
  SECTION("UTF-16BE with BOM") {
    auto source = open_ok(dir.write("be.csv", convert("\uFEFF编号,名称\n1,𠀀\n", "UTF-16BE")));
    REQUIRE(source->header() == Row{"编号", "名称"});
    REQUIRE(read_all(*source).rows == std::vector<Row>{{"1", "𠀀"}});
  }
  SECTION("neither UTF-8 nor GB18030") {
    std::string path = dir.write("bin.csv", "a,b\n\xFF\x80\xFF,\xFF\n");
    std::string err = open_error(path);
    REQUIRE(err.find(path) != std::string::npos);
    REQUIRE(err.find("--encoding") != std::string::npos);
  }
  SECTION("a character cut by the end of the detection sample is still UTF-8") {
    // Without care the dangling lead byte makes the sample invalid UTF-8, and it decodes as GB18030.
    const size_t sample = 1u << 20;
    std::string text = "名称\n";
    std::string filler(99, 'a');
    filler += '\n';
    while (text.size() + filler.size() < sample - 2) text += filler;
    text += std::string(sample - 2 - text.size(), 'b') + "\n";
    REQUIRE(text.size() == sample - 1);
    text += "中文\n";  // the sample ends after the first of the three bytes of 中
    auto source = open_ok(dir.write("cut.csv", text));
    REQUIRE(source->notes().empty());
    auto r = read_all(*source);
    REQUIRE(r.rows.back() == Row{"中文"});
  }
  SECTION("undecodable GB18030 bytes reject their row only") {
    CsvOptions options;
    options.encoding = "gb18030";
    std::string text = convert("编号,名称\n1,甲\n", "GB18030") + "2,\x81\x20x\n" + convert("3,乙\n", "GB18030");
    auto source = open_ok(dir.write("gbbad.csv", text), options);
    auto r = read_all(*source);
    REQUIRE(r.rows == std::vector<Row>{{"1", "甲"}, {"3", "乙"}});
    REQUIRE(r.rejects.size() == 1);
    REQUIRE(r.rejects[0].reason == "第 2 列含有无法按 GB18030 解码的字节");
    REQUIRE(r.rejects[0].location == 3);
    REQUIRE(r.rejects[0].original == "2,\xEF\xBF\xBD x");
  }
}

TEST_CASE("csv: bad rows are rejected with reason, line and text; the rest is read", "[csv]") {
  auto r = read_all(*open_ok(kData + "malformed.csv"));
  REQUIRE(r.rows == std::vector<Row>{{"1", "ok", "10"},
                                     {"5", "ok", "50"},
                                     {"7", "ok", "70"},
                                     {"8", "closes \"here\"", "80"},
                                     {"9", "\"某公司\"违法", "90"},
                                     {"11", "ok", "110"}});
  REQUIRE(r.lines == std::vector<uint64_t>{2, 6, 8, 9, 10, 12});
  REQUIRE(r.rows_read == 11);
  REQUIRE(r.rows_rejected == 5);
  struct Expected {
    uint64_t line;
    const char* reason;
    std::string original;
  };
  std::vector<Expected> expected = {
      {3, "字段数为 4，应为 3", "2,too,many,fields"},
      {4, "第 2 列含有无效的 UTF-8 字节（行内第 6 字节）", "3,bad\xFF\xFEutf8,30"},
      {5, "第 2 列含有 NUL 字节", std::string("4,nul\0byte,40", 13)},
      {7, "第 2 列引号未闭合", "6,\"stray quote,60"},
      {11, "第 2 列引号未闭合", "10,\"never closed,100"},
  };
  REQUIRE(r.rejects.size() == expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    INFO("reject " << i);
    REQUIRE(r.rejects[i].source == kData + "malformed.csv");
    REQUIRE(r.rejects[i].location == expected[i].line);
    REQUIRE(r.rejects[i].reason == expected[i].reason);
    REQUIRE(r.rejects[i].original == expected[i].original);
  }
}

TEST_CASE("csv: a stray quote costs one line, not the rest of the file", "[csv]") {
  TempDir dir;
  SECTION("closed by a later quoted field: text after the closing quote gives it away") {
    std::string text = "a,b,c\n";
    text += "1,\"broken,x\n";  // line 2: the quote pairs with the first one on line 4
    text += "2,y,z\n";
    text += "3,\"q\",w\n";
    text += "4,y,z\n";
    auto r = read_all(*open_ok(dir.write("s.csv", text)));
    REQUIRE(r.rows == std::vector<Row>{{"2", "y", "z"}, {"3", "q", "w"}, {"4", "y", "z"}});
    REQUIRE(r.lines == std::vector<uint64_t>{3, 4, 5});
    REQUIRE(r.rejects.size() == 1);
    REQUIRE(r.rejects[0].location == 2);
    REQUIRE(r.rejects[0].reason == "第 2 列引号未闭合");
    REQUIRE(r.rejects[0].original == "1,\"broken,x");
  }
  SECTION("closed by a quote in a bare field: the field count gives it away") {
    std::string text = "a,b,c\n";
    text += "1,\"broken,x\n";
    text += "2,y,z\n";
    text += "3,y\",w,v\n";  // also a row with four fields by itself
    text += "4,y,z\n";
    auto r = read_all(*open_ok(dir.write("s.csv", text)));
    REQUIRE(r.rows == std::vector<Row>{{"2", "y", "z"}, {"4", "y", "z"}});
    REQUIRE(r.lines == std::vector<uint64_t>{3, 5});
    REQUIRE(r.rejects.size() == 2);
    REQUIRE(r.rejects[0].location == 2);
    REQUIRE(r.rejects[0].reason == "第 2 列引号可能未闭合（按引号跨行解析后字段数为 4，应为 3）");
    REQUIRE(r.rejects[1].location == 4);
    REQUIRE(r.rejects[1].reason == "字段数为 4，应为 3");
  }
}

TEST_CASE("csv: fields over 16 MiB reject their row and reading goes on", "[csv]") {
  TempDir dir;
  std::string huge(17u << 20, 'x');
  SECTION("unquoted") {
    auto r = read_all(*open_ok(dir.write("big.csv", "a,b,c\n1,ok,c\n2," + huge + ",c\n3,ok,c\n")));
    REQUIRE(r.rows == std::vector<Row>{{"1", "ok", "c"}, {"3", "ok", "c"}});
    REQUIRE(r.lines == std::vector<uint64_t>{2, 4});
    REQUIRE(r.rejects.size() == 1);
    REQUIRE(r.rejects[0].reason == "第 2 列超过 16 MiB");
    REQUIRE(r.rejects[0].location == 3);
    REQUIRE(r.rejects[0].original.size() <= (64u << 10));
  }
  SECTION("quoted and never closed") {
    auto r = read_all(*open_ok(dir.write("bigq.csv", "a,b,c\n1,ok,c\n2,\"" + huge + "\n3,ok,c\n")));
    REQUIRE(r.rows == std::vector<Row>{{"1", "ok", "c"}, {"3", "ok", "c"}});
    REQUIRE(r.lines == std::vector<uint64_t>{2, 4});
    REQUIRE(r.rejects.size() == 1);
    REQUIRE(r.rejects[0].reason == "第 2 列超过 16 MiB（引号可能未闭合）");
  }
}

TEST_CASE("csv: batches own their text across refills and later batches", "[csv]") {
  TempDir dir;
  std::mt19937 rng(20240601);
  // ~12 MB: several refills of the 4 MiB buffer, landing inside quoted multi-line fields too.
  std::vector<Row> rows = random_rows(100000, 8, rng);
  std::vector<uint64_t> lines;
  std::string text = make_csv(rows, rng, lines);
  REQUIRE(text.size() > (10u << 20));

  SECTION("UTF-8") {
    auto source = open_ok(dir.write("rt.csv", text));
    REQUIRE(source->header() == rows[0]);
    // Two batch objects alive at once: the first must not change when the second is filled.
    RowBatch first, second;
    REQUIRE(source->next_batch(first));
    std::vector<std::string> copy(first.fields.begin(), first.fields.end());
    REQUIRE(source->next_batch(second));
    REQUIRE(first.size() == RowBatch::kTargetRows);
    REQUIRE(std::vector<std::string>(first.fields.begin(), first.fields.end()) == copy);
    REQUIRE(Row(second.fields.begin(), second.fields.begin() + 8) == rows[RowBatch::kTargetRows + 1]);

    auto again = open_ok(dir.write("rt.csv", text));
    auto r = read_all(*again);
    REQUIRE(r.rejects.empty());
    REQUIRE(r.rows.size() == rows.size() - 1);
    for (size_t i = 0; i < r.rows.size(); ++i) {
      if (r.rows[i] != rows[i + 1] || r.lines[i] != lines[i]) {
        FAIL("row " << i << " at line " << r.lines[i] << " differs (expected line " << lines[i] << ")");
      }
    }
    REQUIRE(r.batches == (rows.size() - 1 + RowBatch::kTargetRows - 1) / RowBatch::kTargetRows);
  }
  SECTION("GB18030, converted in chunks with sequences split at chunk ends") {
    auto source = open_ok(dir.write("rt_gb.csv", convert(text, "GB18030")));
    REQUIRE(has_note(*source, "检测为 GB18030 编码"));
    auto r = read_all(*source);
    REQUIRE(r.rejects.empty());
    REQUIRE(r.rows.size() == rows.size() - 1);
    for (size_t i = 0; i < r.rows.size(); ++i) {
      if (r.rows[i] != rows[i + 1] || r.lines[i] != lines[i]) FAIL("row " << i << " differs");
    }
  }
  SECTION("UTF-16LE") {
    auto source = open_ok(dir.write("rt16.csv", convert("\uFEFF" + text, "UTF-16LE")));
    auto r = read_all(*source);
    REQUIRE(r.rejects.empty());
    REQUIRE(r.rows.size() == rows.size() - 1);
    for (size_t i = 0; i < r.rows.size(); ++i) {
      if (r.rows[i] != rows[i + 1]) FAIL("row " << i << " differs");
    }
  }
}

TEST_CASE("csv: bad rows spread through a large file keep the accounting right", "[csv]") {
  TempDir dir;
  std::mt19937 rng(7);
  std::string text = "a,b,c\n";
  size_t good = 0, bad = 0;
  for (int i = 0; i < 200000; ++i) {
    switch (rng() % 40) {
      case 0: text += "only,two\n"; ++bad; break;
      case 1: text += "x,\xC3(,z\n"; ++bad; break;
      case 2: text += "x,\"unclosed,z\n"; ++bad; break;
      case 3: text += "\n"; break;
      default: text += std::to_string(i) + ",中文内容,\"q,\"\"\"\n"; ++good;
    }
  }
  auto r = read_all(*open_ok(dir.write("mix.csv", text)));
  // Each unclosed quote pairs with the next quote in the file, yet costs only its own line.
  REQUIRE(r.rows.size() == good);
  REQUIRE(r.rows_rejected == bad);
  for (const auto& row : r.rows) REQUIRE(row == Row{row[0], "中文内容", "q,\""});
}

TEST_CASE("csv: the transcoder carries sequences split between chunks", "[csv]") {
  const std::string text = "a😀中€,𠀀\n";
  for (auto [encoding, name] : {std::pair{Encoding::kGb18030, "GB18030"}, {Encoding::kUtf16Le, "UTF-16LE"},
                                {Encoding::kUtf16Be, "UTF-16BE"}}) {
    INFO(name);
    std::string error;
    auto transcoder = Transcoder::create(encoding, error);
    REQUIRE(transcoder);
    std::string raw = convert(text, name), pending, out;
    char buffer[64];
    for (char byte : raw) {  // one byte at a time: every multi-byte sequence arrives split
      pending += byte;
      auto r = transcoder->convert(pending.data(), pending.size(), buffer, sizeof buffer, false);
      pending.erase(0, r.consumed);
      out.append(buffer, r.produced);
    }
    REQUIRE(pending.size() == 0);
    REQUIRE(out == text);
  }
  std::string error;
  auto gb = Transcoder::create(Encoding::kGb18030, error);
  char buffer[16];
  auto r = gb->convert("\x81", 1, buffer, sizeof buffer, true);  // cut at the end of the file
  REQUIRE(std::string(buffer, r.produced) == std::string(1, kUndecodableMarker));
}

TEST_CASE("csv: the row text check agrees with is_valid_utf8", "[csv]") {
  REQUIRE(find_bad_utf8_byte("abc", 3) == kNoBadByte);
  REQUIRE(find_bad_utf8_byte("ab\0c", 4) == 2);
  REQUIRE(find_bad_utf8_byte("\xC0\xAF", 2) == 0);          // overlong
  REQUIRE(find_bad_utf8_byte("x\xED\xA0\x80", 4) == 1);     // surrogate
  REQUIRE(find_bad_utf8_byte("\xF4\x90\x80\x80", 4) == 0);  // above U+10FFFF
  REQUIRE(find_bad_utf8_byte("12345678\xE4\xB8", 10) == 8);  // truncated
  REQUIRE(find_bad_utf8_byte("\xF0\x9F\x98\x80\xE4\xB8\xAD", 7) == kNoBadByte);
  // Byte soup, and valid text with one byte changed, dropped or NUL, at lengths around the
  // 32-byte blocks of the vectorised path.
  std::mt19937 rng(99);
  const unsigned char alphabet[] = {'a', ',', 0x80, 0x9F, 0xA0, 0xBF, 0xC2, 0xDF, 0xE0, 0xE4,
                                    0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF, 0xB8, 0xAD, '1', ' '};
  const char* const chars[] = {"a", "7", ",", "é", "中", "文", "\xEF\xBF\xBD", "𠀀", "😀", "\xF4\x8F\xBF\xBF"};
  for (int round = 0; round < 100000; ++round) {
    std::string s;
    size_t n = rng() % 160;
    if (round % 2 == 0) {
      for (size_t i = 0; i < n; ++i) s += static_cast<char>(alphabet[rng() % sizeof alphabet]);
    } else {
      while (s.size() < n) s += chars[rng() % (sizeof chars / sizeof chars[0])];
      if (!s.empty() && rng() % 4 != 0) {
        size_t at = rng() % s.size();
        switch (rng() % 3) {
          case 0: s[at] = static_cast<char>(alphabet[rng() % sizeof alphabet]); break;
          case 1: s.erase(at, 1); break;
          default: s[at] = '\0';
        }
      }
    }
    size_t prefix = 0;
    bool valid = is_valid_utf8(s, &prefix) && s.find('\0') == std::string::npos;
    if (s.find('\0') != std::string::npos) prefix = std::min(prefix, s.find('\0'));
    size_t bad = find_bad_utf8_byte(s.data(), s.size());
    INFO(round << ": " << s.size() << " bytes");
    REQUIRE((bad == kNoBadByte) == valid);
    if (!valid) REQUIRE(bad == prefix);
  }
  for (size_t length : {31, 32, 33, 63, 64, 65}) {  // a sequence cut by the end, at block edges
    std::string s(length - 1, 'x');
    s += '\xE4';
    REQUIRE(find_bad_utf8_byte(s.data(), s.size()) == length - 1);
  }
}

TEST_CASE("csv: CR alone as a line end, throughout or mixed with LF and CRLF", "[csv]") {
  TempDir dir;
  SECTION("old Mac file: every line ends with CR") {
    auto source = open_ok(dir.write("mac.csv", "a,b\r1,x\r\r2,\"多\r行\"\r3,z"));
    REQUIRE(has_note(*source, "换行符为单独的 CR（旧版 Mac 格式），已按行读取"));
    auto r = read_all(*source);
    REQUIRE(r.rows == std::vector<Row>{{"1", "x"}, {"2", "多\r行"}, {"3", "z"}});
    REQUIRE(r.lines == std::vector<uint64_t>{2, 4, 5});
  }
  SECTION("a file that switches line ends midway keeps every row and its line") {
    auto r = read_all(*open_ok(dir.write("mixed.csv", "a,b\r\n1,x\n2,y\r3,z\r\n4,w\r5,v")));
    REQUIRE(r.rows == std::vector<Row>{{"1", "x"}, {"2", "y"}, {"3", "z"}, {"4", "w"}, {"5", "v"}});
    REQUIRE(r.lines == std::vector<uint64_t>{2, 3, 4, 5, 6});
    REQUIRE(r.rejects.empty());
  }
  SECTION("after the switch, a quoted CR is still data and bad rows are still one line each") {
    auto r = read_all(*open_ok(dir.write("mixed2.csv", "a,b\n1,x\r2,\"p\rq\"\r3\r4,w\n")));
    REQUIRE(r.rows == std::vector<Row>{{"1", "x"}, {"2", "p\rq"}, {"4", "w"}});
    REQUIRE(r.lines == std::vector<uint64_t>{2, 3, 5});
    REQUIRE(r.rejects.size() == 1);
    REQUIRE(r.rejects[0].location == 4);
    REQUIRE(r.rejects[0].reason == "字段数为 1，应为 2");
  }
}

TEST_CASE("csv: UTF-16 without a BOM is refused with the --encoding to use", "[csv]") {
  TempDir dir;
  std::string text = "案件编号,销售金额\nA1,60000\n";
  CHECK(open_error(dir.write("le.csv", convert(text, "UTF-16LE"))).find("没有 BOM 的 UTF-16LE 文本；请用 --encoding utf-16le") !=
        std::string::npos);
  CHECK(open_error(dir.write("be.csv", convert(text, "UTF-16BE"))).find("--encoding utf-16be") != std::string::npos);
  CsvOptions forced;
  forced.encoding = "utf-16le";
  auto r = read_all(*open_ok(dir.write("le2.csv", convert(text, "UTF-16LE")), forced));
  REQUIRE(r.rows == std::vector<Row>{{"A1", "60000"}});
  // A NUL byte in a row or two of a UTF-8 file is a bad row, not a sign of UTF-16.
  CHECK(guess_utf16_without_bom(std::string("a,b\n1,\0x\n2,y\n", 13)) == std::nullopt);
}
