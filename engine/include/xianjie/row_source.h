// Table-shaped inputs (a CSV file, a SQLite table or query) as a stream of row batches.
//
// Readers hand out batches, not single rows: a batch owns the decoded text of up to
// `RowBatch::kTargetRows` rows and the field views into it, so the next batch can be read while
// this one is evaluated, and the hot path allocates nothing per record. Rows that cannot be read
// (unbalanced quotes, a wrong number of fields, invalid UTF-8, a NUL byte) never reach a batch:
// they are passed to the reject handler with their location and original text, and counted.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace xianjie {

struct RowBatch {
  // 2,048 rows (about 1 MB of text): large enough that handing a batch to a worker costs nothing,
  // small enough that the batches in flight stay a few MB (4,096 cost 17 MiB more peak memory
  // on 1,000,000 rows for no measurable speed).
  static constexpr size_t kTargetRows = 2048;

  size_t columns = 0;
  std::vector<std::string_view> fields;  // rows × columns, row-major; views into `text`/`scratch`
  std::vector<uint64_t> locations;       // per row: 1-based physical line (CSV) or rowid (SQLite)
  std::string text;                      // decoded UTF-8 bytes the views point into
  std::vector<std::string> scratch;      // storage for fields that needed unescaping ("" → ")

  size_t size() const { return columns == 0 ? 0 : fields.size() / columns; }
  std::string_view field(size_t row, size_t col) const { return fields[row * columns + col]; }
  void clear() { fields.clear(); locations.clear(); text.clear(); scratch.clear(); }
};

struct RejectedRow {
  std::string source;     // file path or "db.sqlite:cases"
  uint64_t location = 0;  // line (CSV) or rowid (SQLite)
  std::string reason;     // Chinese, with the column where known: "第 3 列: 引号未闭合"
  std::string original;   // the row's original text, as far as it could be recovered
};

using RejectHandler = std::function<void(const RejectedRow&)>;

class RowSource {
 public:
  virtual ~RowSource() = default;
  // Column names as they appear in the input (decoded to UTF-8, BOM removed).
  virtual const std::vector<std::string>& header() const = 0;
  // Fills `batch` (cleared first) with the next rows. Returns false at the end of the input or on a
  // fatal error; error() is non-empty in the latter case.
  virtual bool next_batch(RowBatch& batch) = 0;
  virtual const std::string& error() const = 0;
  // "cases.csv" / "cases.db:cases"; locations are rendered as "<name>:<line>" for CSV and
  // "<name> rowid <n>" for SQLite.
  virtual const std::string& name() const = 0;
  virtual std::string location_text(uint64_t location) const = 0;
  // Data rows seen so far, including rejected ones, and the rejected ones alone.
  virtual uint64_t rows_read() const = 0;
  virtual uint64_t rows_rejected() const = 0;
  // Notes for the summary, e.g. "检测为 GB18030 编码", "分隔符: 制表符".
  virtual std::vector<std::string> notes() const { return {}; }
  // A hint given before the first next_batch: only the columns marked true will be looked at. A
  // reader may then leave the other fields empty and skip reading and checking them (the SQLite
  // reader selects only these columns). The default reads everything.
  virtual void project(const std::vector<bool>& /*columns*/) {}
  // How far the input has been read (0..1), for a progress display; -1 when unknown. Call from the
  // thread that calls next_batch.
  virtual double fraction_done() const { return -1; }
  void set_reject_handler(RejectHandler handler) { on_reject_ = std::move(handler); }

 protected:
  RejectHandler on_reject_;
};

struct CsvOptions {
  std::string encoding = "auto";  // auto | utf-8 | gb18030 | gbk (gbk is read as gb18030, a superset)
  char delimiter = 0;             // 0 = detect among , \t ; |
};

// Opens a CSV file. On failure returns nullptr with a Chinese message in `error` that names the
// file and says how to fix it (e.g. "文件不是 UTF-8 编码，也无法按 GB18030 解码；请用 --encoding 指定编码").
std::unique_ptr<RowSource> open_csv(const std::string& path, const CsvOptions& options, std::string& error);

struct SqliteOptions {
  std::string table = "cases";  // used when `query` is empty
  std::string query;            // a single read-only SELECT (or WITH … SELECT)
};

// Opens a SQLite database read-only. Refuses a query that is not a single read-only SELECT, a
// missing table, a file that is not a SQLite database, with a message in `error`.
std::unique_ptr<RowSource> open_sqlite(const std::string& path, const SqliteOptions& options, std::string& error);

}  // namespace xianjie
