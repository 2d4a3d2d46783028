// The SQLite engine: one file, nothing to run.
#include <fmt/format.h>
#include <sqlite3.h>

#include "corpus/store.h"

namespace claimtrace {
namespace {

class SqliteStore : public Corpus::Store {
 public:
  SqliteStore(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  ~SqliteStore() override { sqlite3_close(db_); }

  Result<Rows> Query(const std::string& sql,
                     const std::vector<std::string>& params) override {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &stmt,
                           nullptr) != SQLITE_OK) {
      return Error();
    }
    for (size_t i = 0; i < params.size(); ++i) {
      std::string name = "$" + std::to_string(i + 1);
      int at = sqlite3_bind_parameter_index(stmt, name.c_str());
      if (at > 0) {
        sqlite3_bind_text(stmt, at, params[i].data(), static_cast<int>(params[i].size()),
                          SQLITE_TRANSIENT);
      }
    }
    Rows rows;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      std::vector<std::string>& row = rows.emplace_back();
      for (int c = 0; c < sqlite3_column_count(stmt); ++c) {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
        row.emplace_back(text ? std::string(text, sqlite3_column_bytes(stmt, c)) : "");
      }
    }
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE) return Error();
    return rows;
  }

  std::string Describe() const override { return path_; }
  std::string KeyOnlyTable() const override { return " WITHOUT ROWID"; }

 private:
  Status Error() const {
    return Status::IoError(fmt::format("{}: {}", path_, sqlite3_errmsg(db_)));
  }

  sqlite3* db_;
  std::string path_;
};

}  // namespace

Result<std::unique_ptr<Corpus::Store>> OpenSqlite(const std::string& path) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                           nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return Status::IoError(fmt::format("{}: cannot open the index ({})", path, message));
  }
  // Several processes may share the file: one waits for another's write
  // rather than failing at once. (The default journal keeps it one file.)
  sqlite3_busy_timeout(db, 30000);
  return std::unique_ptr<Corpus::Store>(std::make_unique<SqliteStore>(db, path));
}

}  // namespace claimtrace
