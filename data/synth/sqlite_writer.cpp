// The SQLite export (see sqlite_writer.h).
//
// Speed: one transaction, no journal and no fsync — the file is rebuilt from scratch on every
// run, so a crash can only leave a file that is deleted next time. The page layout depends only on
// the rows inserted, so the same arguments give the same bytes.
#include "sqlite_writer.h"

#include <sqlite3.h>

#include <filesystem>
#include <fmt/format.h>

#include "columns.h"

namespace xianjie::synth {
namespace {

std::string_view party_type_value(PartyKind kind) {
  switch (kind) {
    case PartyKind::kIndividual: return "个人";
    case PartyKind::kBusiness: return "个体工商户";
    case PartyKind::kUnit: return "单位";
  }
  return "";
}

std::string quote(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

SqliteWriter::~SqliteWriter() {
  sqlite3_finalize(insert_);
  for (auto* t : tables_) sqlite3_finalize(t);
  sqlite3_close(db_);
}

void SqliteWriter::fail(const char* what) {
  if (error_.empty()) error_ = fmt::format("写入 SQLite 数据库 {} 失败（{}: {}）", path_, what, sqlite3_errmsg(db_));
}

bool SqliteWriter::exec(const char* sql) {
  if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) == SQLITE_OK) return true;
  fail(sql);
  return false;
}

bool SqliteWriter::open(const std::string& path, std::string& error) {
  path_ = path;
  // The database is rebuilt from scratch, so an old file is removed first — but only a regular
  // file: removing "/dev/null" or a directory because it was named as the output would be a
  // disaster, and SQLite cannot write a database to a device anyway.
  namespace fs = std::filesystem;
  for (const std::string& p : {path, path + "-journal"}) {
    std::error_code ec;
    auto st = fs::symlink_status(p, ec);
    if (!fs::exists(st)) continue;
    if (!fs::is_regular_file(st)) {
      error = fmt::format("{} 不是普通文件，不能作为 SQLite 输出（不会删除或覆盖它）", p);
      return false;
    }
    if (!fs::remove(p, ec)) {
      error = fmt::format("无法删除旧文件 {}: {}", p, ec.message());
      return false;
    }
  }
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    error = fmt::format("无法创建 SQLite 数据库 {}: {}", path, db_ ? sqlite3_errmsg(db_) : "内存不足");
    return false;
  }
  std::string create = "CREATE TABLE cases(";
  std::string insert = "INSERT INTO cases VALUES(";
  for (size_t c = 0; c < kColumnCount; ++c) {
    if (c) {
      create += ", ";
      insert += ", ";
    }
    create += quote(columns()[c].sqlite_name);
    create += ' ';
    create += columns()[c].sqlite_type;
    insert += '?';
  }
  create += ")";
  insert += ")";
  if (!exec("PRAGMA journal_mode=OFF") || !exec("PRAGMA synchronous=OFF") ||
      !exec("PRAGMA locking_mode=EXCLUSIVE") || !exec(create.c_str()) || !exec("BEGIN")) {
    error = error_;
    return false;
  }
  if (sqlite3_prepare_v2(db_, insert.c_str(), -1, &insert_, nullptr) != SQLITE_OK) {
    fail("prepare");
    error = error_;
    return false;
  }
  return true;
}

bool SqliteWriter::write(const CaseRecord& r) {
  sqlite3_stmt* s = insert_;
  int i = 0;
  auto text = [&](std::string_view v) {
    ++i;
    if (v.empty()) sqlite3_bind_null(s, i);
    else sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
  };
  // Whole yuan as INTEGER, others as REAL: what NUMERIC affinity would store anyway.
  auto money = [&](const Money& m) {
    ++i;
    if (!m) sqlite3_bind_null(s, i);
    else if (*m % 100 == 0) sqlite3_bind_int64(s, i, *m / 100);
    else sqlite3_bind_double(s, i, static_cast<double>(*m) / 100.0);
  };
  // Dates go through one scratch string each, so they need their own storage until the step.
  std::string dates[4];
  size_t next_date = 0;
  auto date = [&](const std::optional<Date>& d) {
    ++i;
    if (!d) {
      sqlite3_bind_null(s, i);
      return;
    }
    std::string& iso = dates[next_date++];
    iso = d->to_string();
    sqlite3_bind_text(s, i, iso.data(), static_cast<int>(iso.size()), SQLITE_STATIC);
  };

  text(r.case_id);
  text(r.agency);
  text(r.region_code);
  text(r.domain);
  text(party_type_value(r.party_kind));
  text(r.party_name);
  text(r.party_id);
  text(r.legal_rep);
  text(r.case_reason);
  text(r.facts);
  date(r.violation_date);
  date(r.filing_date);
  date(r.decision_date);
  scratch_.clear();
  for (size_t k = 0; k < r.penalty_count; ++k) {
    if (k) scratch_ += "；";
    scratch_.append(r.penalties[k]);
  }
  text(scratch_);
  money(r.fine);
  money(r.confiscated_income);
  money(r.illegal_income);
  money(r.sales_amount);
  money(r.goods_value);
  money(r.amount_involved);
  money(r.mineral_value);
  money(r.tax_evaded);
  money(r.tax_payable);
  ++i;
  if (!r.quantity_milli) sqlite3_bind_null(s, i);
  else if (*r.quantity_milli % 1000 == 0) sqlite3_bind_int64(s, i, *r.quantity_milli / 1000);
  else sqlite3_bind_double(s, i, static_cast<double>(*r.quantity_milli) / 1000.0);
  text(r.quantity_milli ? unit_name(r.unit) : std::string_view());
  text(r.transferred ? "是" : "否");
  date(r.transfer_date);
  text(r.status);

  bool ok = sqlite3_step(s) == SQLITE_DONE;
  if (!ok) fail("insert");
  sqlite3_reset(s);
  sqlite3_clear_bindings(s);
  return ok;
}

bool SqliteWriter::add_table(std::string_view name, std::initializer_list<std::string_view> columns, size_t& index) {
  std::string create = "CREATE TABLE " + quote(name) + "(";
  std::string insert = "INSERT INTO " + quote(name) + " VALUES(";
  bool first = true;
  for (std::string_view c : columns) {
    if (!first) {
      create += ", ";
      insert += ", ";
    }
    first = false;
    create += quote(c);
    create += " TEXT";
    insert += '?';
  }
  create += ")";
  insert += ")";
  if (!exec(create.c_str())) return false;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, insert.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
    fail("prepare");
    return false;
  }
  index = tables_.size();
  tables_.push_back(stmt);
  return true;
}

bool SqliteWriter::insert(size_t index, std::initializer_list<std::string_view> values) {
  sqlite3_stmt* s = tables_[index];
  int i = 0;
  for (std::string_view v : values) {
    ++i;
    if (v.empty()) sqlite3_bind_null(s, i);
    else sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
  }
  bool ok = sqlite3_step(s) == SQLITE_DONE;
  if (!ok) fail("insert");
  sqlite3_reset(s);
  sqlite3_clear_bindings(s);
  return ok;
}

bool SqliteWriter::close() {
  if (!db_) return error_.empty();
  sqlite3_finalize(insert_);
  insert_ = nullptr;
  for (auto* t : tables_) sqlite3_finalize(t);
  tables_.clear();
  bool ok = error_.empty() && exec("COMMIT");
  if (sqlite3_close(db_) != SQLITE_OK && ok) {
    fail("close");
    ok = false;
  }
  db_ = nullptr;
  return ok;
}

}  // namespace xianjie::synth
