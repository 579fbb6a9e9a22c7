// The SQLite reader: tables and queries into batches, rowid locations, read-only guarantees and
// the messages for databases that cannot be read. Each test builds its own database in a fresh
// temporary directory.
#include <sqlite3.h>

#include <unistd.h>

#include <atomic>
#include <cmath>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "io/sqlite/text_check.h"
#include "xianjie/row_source.h"

using namespace xianjie;
namespace fs = std::filesystem;

namespace {

// A temporary directory removed at the end of the test.
struct TempDir {
  fs::path path;
  TempDir() {
    static std::atomic<int> counter{0};
    path = fs::temp_directory_path() /
           ("xianjie_sqlite_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string file(const std::string& name) const { return (path / name).string(); }
};

void exec(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  INFO(sql << " → " << (err ? err : ""));
  sqlite3_free(err);
  REQUIRE(rc == SQLITE_OK);
}

// Creates `path` and runs `sql` in it.
void make_db(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  exec(db, sql);
  sqlite3_close(db);
}

struct ReadResult {
  std::vector<std::vector<std::string>> rows;
  std::vector<uint64_t> locations;
  std::vector<RejectedRow> rejects;
  size_t batches = 0;
  std::string error;
};

ReadResult read_all(RowSource& src) {
  ReadResult r;
  src.set_reject_handler([&](const RejectedRow& row) { r.rejects.push_back(row); });
  RowBatch batch;
  while (src.next_batch(batch)) {
    ++r.batches;
    REQUIRE(batch.columns == src.header().size());
    REQUIRE(batch.size() <= RowBatch::kTargetRows);
    REQUIRE(batch.locations.size() == batch.size());
    for (size_t i = 0; i < batch.size(); ++i) {
      std::vector<std::string> row;
      for (size_t c = 0; c < batch.columns; ++c) row.emplace_back(batch.field(i, c));
      r.rows.push_back(std::move(row));
      r.locations.push_back(batch.locations[i]);
    }
  }
  r.error = src.error();
  return r;
}

std::unique_ptr<RowSource> open_table(const std::string& path, const std::string& table, std::string& error) {
  SqliteOptions options;
  options.table = table;
  return open_sqlite(path, options, error);
}

std::unique_ptr<RowSource> open_query(const std::string& path, const std::string& query, std::string& error) {
  SqliteOptions options;
  options.query = query;
  return open_sqlite(path, options, error);
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("sqlite: a table is read with its rowid as location, hidden from the header", "[sqlite]") {
  TempDir dir;
  auto db = dir.file("cases.db");
  make_db(db,
          "CREATE TABLE cases(案件编号 TEXT, 罚款金额 NUMERIC, 涉案金额 REAL, 备注 TEXT);"
          "INSERT INTO cases(rowid, 案件编号, 罚款金额, 涉案金额, 备注) VALUES"
          " (10, 'A-1', 52000, 49999.99, NULL),"
          " (11, 'A-2', 150000.5, 52000.0, ''),"
          " (15, '案-3', NULL, 1e20, '含,逗号');");
  std::string error;
  auto src = open_table(db, "cases", error);
  REQUIRE(src);
  REQUIRE(error.empty());
  REQUIRE(src->header() == std::vector<std::string>{"案件编号", "罚款金额", "涉案金额", "备注"});
  REQUIRE(src->name() == db + ":cases");
  auto r = read_all(*src);
  REQUIRE(r.error.empty());
  REQUIRE(r.locations == std::vector<uint64_t>{10, 11, 15});
  // Numbers are rendered exactly as SQLite renders them as text; NULL becomes an empty field.
  REQUIRE(r.rows[0] == std::vector<std::string>{"A-1", "52000", "49999.99", ""});
  REQUIRE(r.rows[1] == std::vector<std::string>{"A-2", "150000.5", "52000.0", ""});
  REQUIRE(r.rows[2] == std::vector<std::string>{"案-3", "", "1.0e+20", "含,逗号"});
  REQUIRE(src->rows_read() == 3);
  REQUIRE(src->rows_rejected() == 0);
  REQUIRE(src->location_text(15) == db + ":cases rowid 15");
}

TEST_CASE("sqlite: integers are rendered exactly as SQLite renders them", "[sqlite]") {
  // The reader writes integer cells itself (std::to_chars) rather than through sqlite3_value_text;
  // the text must be the same, including at the ends of the 64-bit range.
  TempDir dir;
  auto db = dir.file("ints.db");
  make_db(db,
          "CREATE TABLE cases(n INTEGER, t TEXT);"
          "INSERT INTO cases VALUES (0, NULL), (-1, NULL), (52000, NULL), (-50000, NULL),"
          " (9223372036854775807, NULL), (-9223372036854775808, NULL), (1000000000000, NULL);"
          "UPDATE cases SET t = CAST(n AS TEXT);");
  std::string error;
  auto src = open_table(db, "cases", error);
  REQUIRE(src);
  auto r = read_all(*src);
  REQUIRE(r.error.empty());
  REQUIRE(r.rows.size() == 7);
  for (const auto& row : r.rows) REQUIRE(row[0] == row[1]);
  REQUIRE(r.rows[4][0] == "9223372036854775807");
  REQUIRE(r.rows[5][0] == "-9223372036854775808");
}

TEST_CASE("sqlite: reals are rendered exactly as SQLite renders them", "[sqlite]") {
  // The reader writes most real cells itself (std::to_chars, 15 significant digits) rather than
  // through sqlite3_value_text; compared here with SQLite's own text of the same value over
  // amounts as exports hold them and over doubles of every magnitude.
  TempDir dir;
  auto path = dir.file("reals.db");
  make_db(path, "CREATE TABLE cases(n REAL, t TEXT);");
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  exec(db, "BEGIN");
  sqlite3_stmt* ins = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, "INSERT INTO cases(n) VALUES (?)", -1, &ins, nullptr) == SQLITE_OK);
  std::vector<double> values = {0.0, -0.0, 52000.0, 49999.99, 50000.01, 0.1, 0.3, 1.0 / 3, 2.0 / 3, -1234.5, 100.0,
                                1e14, 999999999999999.0, 1e15, 1e16, 1.5e300, 1e-4, 1e-5, 123456.789012345678,
                                0.30000000000000004, 9007199254740993.0};
  uint64_t x = 88172645463325252ull;  // xorshift: the same values every run
  for (int k = 0; k < 20000; ++k) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    const double unit = static_cast<double>(x >> 11) / 9007199254740992.0;
    const int scale = static_cast<int>(x % 23) - 6;  // 1e-6 … 1e16
    double v = unit * std::pow(10.0, scale);
    if (k % 3 == 0) v = std::round(v * 100) / 100;  // amounts in fen
    if (k % 7 == 0) v = -v;
    values.push_back(v);
  }
  for (double v : values) {
    sqlite3_bind_double(ins, 1, v);
    REQUIRE(sqlite3_step(ins) == SQLITE_DONE);
    sqlite3_reset(ins);
  }
  sqlite3_finalize(ins);
  exec(db, "UPDATE cases SET t = CAST(n AS TEXT); COMMIT");
  sqlite3_close(db);

  std::string error;
  auto src = open_table(path, "cases", error);
  REQUIRE(src);
  auto r = read_all(*src);
  REQUIRE(r.error.empty());
  REQUIRE(r.rows.size() == values.size());
  size_t differ = 0;
  for (size_t k = 0; k < r.rows.size(); ++k) {
    if (r.rows[k][0] == r.rows[k][1]) continue;
    if (++differ <= 5) UNSCOPED_INFO("value " << k << ": read " << r.rows[k][0] << ", SQLite " << r.rows[k][1]);
  }
  CHECK(differ == 0);
  CHECK(r.rows[2][0] == "52000.0");
  CHECK(r.rows[3][0] == "49999.99");
}

TEST_CASE("sqlite: large tables arrive in batches of at most kTargetRows", "[sqlite]") {
  TempDir dir;
  auto db = dir.file("big.db");
  make_db(db,
          "CREATE TABLE cases(id INTEGER, t TEXT);"
          "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)"
          " INSERT INTO cases(id, t) SELECT i, printf('第%d条', i) FROM n;");
  std::string error;
  auto src = open_table(db, "cases", error);
  REQUIRE(src);
  auto r = read_all(*src);
  REQUIRE(r.rows.size() == 10000);
  REQUIRE(r.batches == (10000 + RowBatch::kTargetRows - 1) / RowBatch::kTargetRows);
  REQUIRE(r.rows[RowBatch::kTargetRows][1] == "第" + std::to_string(RowBatch::kTargetRows + 1) + "条");
  REQUIRE(r.locations.back() == 10000);
  // Views stay valid for the whole batch, also after the text buffer grew.
  REQUIRE(r.rows[0] == std::vector<std::string>{"1", "第1条"});
}

TEST_CASE("sqlite: Chinese table and column names, names that need quoting", "[sqlite]") {
  TempDir dir;
  auto db = dir.file("中文.db");
  make_db(db,
          "CREATE TABLE \"行政处罚 案件\"(\"案由\" TEXT, \"罚款（元）\" INTEGER);"
          "INSERT INTO \"行政处罚 案件\" VALUES ('张某无证经营卷烟案', 3000);"
          "CREATE TABLE \"we\"\"ird\"(a TEXT); INSERT INTO \"we\"\"ird\" VALUES ('x');");
  std::string error;
  auto src = open_table(db, "行政处罚 案件", error);
  REQUIRE(src);
  REQUIRE(src->header() == std::vector<std::string>{"案由", "罚款（元）"});
  REQUIRE(read_all(*src).rows[0] == std::vector<std::string>{"张某无证经营卷烟案", "3000"});
  REQUIRE(src->name() == db + ":行政处罚 案件");

  auto weird = open_table(db, "we\"ird", error);
  REQUIRE(weird);
  REQUIRE(read_all(*weird).rows.size() == 1);

  // SQLite folds ASCII case in table names; so does --table.
  make_db(dir.file("upper.db"), "CREATE TABLE Cases(a TEXT); INSERT INTO Cases VALUES ('1');");
  auto folded = open_table(dir.file("upper.db"), "CASES", error);
  REQUIRE(folded);
  REQUIRE(folded->name() == dir.file("upper.db") + ":Cases");
}

TEST_CASE("sqlite: WITHOUT ROWID tables, views and shadowed rowid names", "[sqlite]") {
  TempDir dir;
  auto db = dir.file("kinds.db");
  make_db(db,
          "CREATE TABLE wr(k TEXT PRIMARY KEY, v INTEGER) WITHOUT ROWID;"
          "INSERT INTO wr VALUES ('b', 2), ('a', 1);"
          "CREATE VIEW big_fines AS SELECT k AS 案件编号, v * 100000 AS 罚款 FROM wr;"
          "CREATE TABLE shadow(rowid TEXT, v TEXT);"
          "INSERT INTO shadow(_rowid_, rowid, v) VALUES (7, 'own', 'x');");
  std::string error;
  auto wr = open_table(db, "wr", error);
  REQUIRE(wr);
  auto r = read_all(*wr);
  REQUIRE(wr->header() == std::vector<std::string>{"k", "v"});
  REQUIRE(r.locations == std::vector<uint64_t>{1, 2});
  REQUIRE(wr->location_text(2) == db + ":wr 第 2 行");
  REQUIRE_FALSE(wr->notes().empty());

  auto view = open_table(db, "big_fines", error);
  REQUIRE(view);
  auto rv = read_all(*view);
  REQUIRE(rv.rows.size() == 2);
  REQUIRE(rv.locations == std::vector<uint64_t>{1, 2});

  // A column called "rowid" is data; the real rowid is still found under another name.
  auto shadow = open_table(db, "shadow", error);
  REQUIRE(shadow);
  REQUIRE(shadow->header() == std::vector<std::string>{"rowid", "v"});
  auto rs = read_all(*shadow);
  REQUIRE(rs.rows[0] == std::vector<std::string>{"own", "x"});
  REQUIRE(rs.locations == std::vector<uint64_t>{7});
}

TEST_CASE("sqlite: --query accepts one read-only SELECT or WITH", "[sqlite]") {
  TempDir dir;
  auto db = dir.file("q.db");
  make_db(db,
          "CREATE TABLE cases(id INTEGER, 罚款 INTEGER);"
          "INSERT INTO cases VALUES (1, 100), (2, 60000), (3, 70000);");
  std::string error;
  auto src = open_query(db, "  -- 大额罚款\n /* 注释 */ select id, 罚款 AS fine FROM cases WHERE 罚款 >= 50000 ;  -- end\n", error);
  REQUIRE(src);
  REQUIRE(error.empty());
  REQUIRE(src->header() == std::vector<std::string>{"id", "fine"});
  REQUIRE(src->name() == db + ":query");
  auto r = read_all(*src);
  REQUIRE(r.rows == std::vector<std::vector<std::string>>{{"2", "60000"}, {"3", "70000"}});
  REQUIRE(r.locations == std::vector<uint64_t>{1, 2});
  REQUIRE(src->location_text(2) == db + ":query 第 2 行");

  auto with = open_query(db, "WITH big AS (SELECT * FROM cases WHERE 罚款 > 100) SELECT count(*) FROM big", error);
  REQUIRE(with);
  REQUIRE(read_all(*with).rows[0][0] == "2");
}

TEST_CASE("sqlite: --query refuses writes, several statements and other statements", "[sqlite]") {
  TempDir dir;
  auto db = dir.file("q.db");
  make_db(db, "CREATE TABLE cases(id INTEGER); INSERT INTO cases VALUES (1);");
  std::string error;

  REQUIRE_FALSE(open_query(db, "DELETE FROM cases", error));
  REQUIRE(contains(error, "只允许只读的 SELECT"));
  REQUIRE(contains(error, "DELETE"));

  REQUIRE_FALSE(open_query(db, "/* x */ pragma writable_schema=1", error));
  REQUIRE(contains(error, "pragma"));

  REQUIRE_FALSE(open_query(db, "SELECT 1; DROP TABLE cases", error));
  REQUIRE(contains(error, "只能包含一条"));
  REQUIRE(contains(error, "DROP TABLE cases"));

  REQUIRE_FALSE(open_query(db, "SELECT 1; SELECT 2", error));
  REQUIRE(contains(error, "只能包含一条"));

  REQUIRE_FALSE(open_query(db, "WITH x AS (SELECT 1) DELETE FROM cases", error));
  REQUIRE(contains(error, "不是只读查询"));

  REQUIRE_FALSE(open_query(db, "  -- nothing\n ; ", error));
  REQUIRE(contains(error, "没有 SQL 语句"));

  REQUIRE_FALSE(open_query(db, "SELECT * FROM casez", error));
  REQUIRE(contains(error, "no such table: casez"));
  REQUIRE(contains(error, "现有的表: cases"));

  // Nothing above changed the database.
  auto src = open_table(db, "cases", error);
  REQUIRE(src);
  REQUIRE(read_all(*src).rows.size() == 1);
}

TEST_CASE("sqlite: the database is opened read-only", "[sqlite]") {
  TempDir dir;
  auto db = dir.file("ro.db");
  make_db(db, "CREATE TABLE cases(id INTEGER); INSERT INTO cases VALUES (1);");
  auto before = fs::last_write_time(db);
  auto size = fs::file_size(db);
  std::string error;
  // A SELECT that would write through a function still cannot: query_only and READONLY refuse it.
  auto src = open_query(db, "SELECT * FROM cases", error);
  REQUIRE(src);
  read_all(*src);
  src.reset();
  REQUIRE(fs::last_write_time(db) == before);
  REQUIRE(fs::file_size(db) == size);
  REQUIRE_FALSE(fs::exists(db + "-journal"));
  REQUIRE_FALSE(fs::exists(db + "-wal"));
}

TEST_CASE("sqlite: missing table lists the tables that exist", "[sqlite]") {
  TempDir dir;
  auto db = dir.file("t.db");
  make_db(db, "CREATE TABLE transfers(a TEXT); CREATE TABLE 案件(a TEXT); CREATE VIEW v AS SELECT 1;");
  std::string error;
  REQUIRE_FALSE(open_table(db, "cases", error));
  REQUIRE(contains(error, "没有表 “cases”"));
  REQUIRE(contains(error, "现有的表: transfers, v, 案件"));

  auto empty = dir.file("empty.db");
  { std::ofstream(empty).flush(); }
  REQUIRE_FALSE(open_table(empty, "cases", error));
  REQUIRE(contains(error, "没有任何表"));
  REQUIRE(fs::file_size(empty) == 0);

  REQUIRE_FALSE(open_table(db, "", error));
  REQUIRE(contains(error, "表名为空"));
}

TEST_CASE("sqlite: a missing file is reported and not created", "[sqlite]") {
  TempDir dir;
  auto db = dir.file("nope.db");
  std::string error;
  REQUIRE_FALSE(open_table(db, "cases", error));
  REQUIRE(contains(error, "找不到数据库文件"));
  REQUIRE(contains(error, db));
  REQUIRE_FALSE(fs::exists(db));

  REQUIRE_FALSE(open_table(dir.path.string(), "cases", error));
  REQUIRE(contains(error, "是目录"));

  REQUIRE_FALSE(open_table("", "cases", error));
  REQUIRE(contains(error, "未指定"));
}

TEST_CASE("sqlite: a file that is not a database", "[sqlite]") {
  TempDir dir;
  auto csv = dir.file("cases.csv");
  {
    std::ofstream out(csv);
    out << "案件编号,罚款金额\nA-1,52000\n";
    for (int i = 0; i < 200; ++i) out << "A-" << i << ",100\n";
  }
  std::string error;
  REQUIRE_FALSE(open_table(csv, "cases", error));
  REQUIRE(contains(error, "file is not a database"));
  REQUIRE(contains(error, csv));
}

TEST_CASE("sqlite: a database locked by a writer", "[sqlite]") {
  TempDir dir;
  auto db = dir.file("locked.db");
  make_db(db, "CREATE TABLE cases(id INTEGER); INSERT INTO cases VALUES (1);");
  sqlite3* writer = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &writer) == SQLITE_OK);
  // An exclusive lock in rollback-journal mode keeps every reader out until it is released.
  exec(writer, "BEGIN EXCLUSIVE; INSERT INTO cases VALUES (2);");
  std::string error;
  REQUIRE_FALSE(open_table(db, "cases", error));
  REQUIRE(contains(error, "database is locked"));
  exec(writer, "ROLLBACK;");
  sqlite3_close(writer);
  REQUIRE(open_table(db, "cases", error));
}

TEST_CASE("sqlite: values that are not UTF-8 text reject their row", "[sqlite]") {
  TempDir dir;
  auto db = dir.file("blob.db");
  make_db(db,
          "CREATE TABLE cases(id INTEGER, 违法事实 BLOB);"
          "INSERT INTO cases VALUES (1, 'ok'), (2, x'C4E3BAC3'), (3, CAST('a' || char(0) || 'b' AS TEXT)),"
          " (4, CAST('文本' AS BLOB));");
  std::string error;
  auto src = open_table(db, "cases", error);
  REQUIRE(src);
  auto r = read_all(*src);
  // A BLOB that holds valid UTF-8 is ordinary text; GBK bytes and NUL are not.
  REQUIRE(r.rows == std::vector<std::vector<std::string>>{{"1", "ok"}, {"4", "文本"}});
  REQUIRE(r.locations == std::vector<uint64_t>{1, 4});
  REQUIRE(r.rejects.size() == 2);
  REQUIRE(r.rejects[0].location == 2);
  REQUIRE(r.rejects[0].source == db + ":cases");
  REQUIRE(contains(r.rejects[0].reason, "第 2 列（违法事实）"));
  REQUIRE(contains(r.rejects[0].reason, "UTF-8"));
  REQUIRE(r.rejects[1].location == 3);
  REQUIRE(contains(r.rejects[1].reason, "NUL"));
  REQUIRE(r.rejects[1].original == "3,a\\0b");
  REQUIRE(src->rows_read() == 4);
  REQUIRE(src->rows_rejected() == 2);
}

TEST_CASE("sqlite: an empty table gives no batch and no error", "[sqlite]") {
  TempDir dir;
  auto db = dir.file("e.db");
  make_db(db, "CREATE TABLE cases(a TEXT, b TEXT);");
  std::string error;
  auto src = open_table(db, "cases", error);
  REQUIRE(src);
  REQUIRE(src->header().size() == 2);
  RowBatch batch;
  REQUIRE_FALSE(src->next_batch(batch));
  REQUIRE(src->error().empty());
  REQUIRE(batch.size() == 0);
}

TEST_CASE("sqlite: a runtime error in a query ends the scan with a message", "[sqlite]") {
  TempDir dir;
  auto db = dir.file("r.db");
  make_db(db, "CREATE TABLE cases(v INTEGER); INSERT INTO cases VALUES (9223372036854775807), (1);");
  std::string error;
  auto src = open_query(db, "SELECT sum(v) FROM cases", error);
  REQUIRE(src);
  auto r = read_all(*src);
  REQUIRE(r.rows.empty());
  REQUIRE(contains(r.error, "integer overflow"));
}

TEST_CASE("sqlite: the value check accepts UTF-8 and finds NUL and ill-formed bytes", "[sqlite]") {
  auto check = [](const std::string& s) {
    return check_text(reinterpret_cast<const unsigned char*>(s.data()), s.size());
  };
  REQUIRE(check("") == TextCheck::kOk);
  REQUIRE(check("52000") == TextCheck::kOk);
  REQUIRE(check("张某无证经营卷烟案，罚款5,000元") == TextCheck::kOk);
  REQUIRE(check("a long ASCII run, longer than eight bytes, then 中文 and 𠀀 (4 bytes)") == TextCheck::kOk);
  REQUIRE(check("\xEF\xBF\xBD") == TextCheck::kOk);            // U+FFFD itself is valid
  REQUIRE(check(std::string("abcdefgh\0ijk", 12)) == TextCheck::kNul);  // NUL inside a fast 8-byte word
  REQUIRE(check(std::string("ab\0", 3)) == TextCheck::kNul);
  REQUIRE(check("\xC4\xE3\xBA\xC3") == TextCheck::kNotUtf8);  // 你好 in GBK
  REQUIRE(check("\xC0\xAF") == TextCheck::kNotUtf8);            // overlong '/'
  REQUIRE(check("\xE0\x80\xAF") == TextCheck::kNotUtf8);       // overlong, three bytes
  REQUIRE(check("\xED\xA0\x80") == TextCheck::kNotUtf8);       // surrogate U+D800
  REQUIRE(check("\xF4\x90\x80\x80") == TextCheck::kNotUtf8);  // above U+10FFFF
  REQUIRE(check("\xE4\xB8") == TextCheck::kNotUtf8);            // truncated 中
  REQUIRE(check("abc\x80") == TextCheck::kNotUtf8);              // stray continuation byte
  REQUIRE(check("\xE4\x41\x41") == TextCheck::kNotUtf8);       // continuation expected
}

TEST_CASE("sqlite: a projected table reads only the wanted columns; rejects still show the whole row", "[sqlite]") {
  TempDir dir;
  auto db = dir.file("projected.db");
  make_db(db,
          "CREATE TABLE cases(案件编号 TEXT, 法定代表人 BLOB, 违法事实 TEXT);"
          "INSERT INTO cases VALUES ('A1', x'C4E3', '无证经营'), ('A2', '张三', 'x' || char(0) || 'y'), (NULL, NULL, '采砂');");
  std::string error;
  auto src = open_table(db, "cases", error);
  REQUIRE(src);
  src->project({true, false, true});
  auto r = read_all(*src);
  // Column 2 is not read: its GBK bytes no longer reject row 1, and its field is left empty.
  REQUIRE(r.rows == std::vector<std::vector<std::string>>{{"A1", "", "无证经营"}, {"", "", "采砂"}});
  REQUIRE(r.locations == std::vector<uint64_t>{1, 3});
  REQUIRE(r.rejects.size() == 1);
  REQUIRE(r.rejects[0].location == 2);
  REQUIRE(contains(r.rejects[0].reason, "第 3 列（违法事实）"));
  REQUIRE(r.rejects[0].original == "A2,张三,x\\0y");  // read again whole, unread column included
  REQUIRE(src->rows_read() == 3);
  REQUIRE(src->rows_rejected() == 1);
}

TEST_CASE("sqlite: a cell cut inside a character is found even when the next cell would complete it", "[sqlite]") {
  TempDir dir;
  auto db = dir.file("cut.db");
  // x'E4BD' is the start of 你 (E4 BD A0); x'A0' alone is a stray continuation byte.
  make_db(db, "CREATE TABLE cases(a BLOB, b BLOB); INSERT INTO cases VALUES (x'E4BD', x'A0'), ('你', '好');");
  std::string error;
  auto src = open_table(db, "cases", error);
  REQUIRE(src);
  auto r = read_all(*src);
  REQUIRE(r.rows == std::vector<std::vector<std::string>>{{"你", "好"}});
  REQUIRE(r.rejects.size() == 1);
  REQUIRE(contains(r.rejects[0].reason, "第 1 列（a）"));
}

TEST_CASE("sqlite: projection is ignored for --query and for a full column set", "[sqlite]") {
  TempDir dir;
  auto db = dir.file("q.db");
  make_db(db, "CREATE TABLE cases(a TEXT, b TEXT); INSERT INTO cases VALUES ('1', '2');");
  std::string error;
  auto src = open_query(db, "SELECT a, b FROM cases", error);
  REQUIRE(src);
  src->project({true, false});
  auto r = read_all(*src);
  REQUIRE(r.rows == std::vector<std::vector<std::string>>{{"1", "2"}});
}
