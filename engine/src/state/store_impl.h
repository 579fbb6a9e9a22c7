// The connection behind a StateStore, shared by state_store.cpp and state_scan.cpp.
#pragma once

#include <sqlite3.h>

#include <string>

#include "xianjie/state.h"

namespace xianjie {

struct StateStore::Impl {
  std::string path;
  sqlite3* db = nullptr;

  Impl() = default;
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  ~Impl() {
    // A transaction still open here was abandoned: closing rolls it back.
    sqlite3_close_v2(db);
  }
};

}  // namespace xianjie
