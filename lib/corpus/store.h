// Store: the SQL engine under a Corpus. The schema and every statement are
// shared (corpus.cc); an engine only runs them. Statements use $1, $2...
// for parameters (PostgreSQL's spelling; SQLite reads them as named
// parameters), and every value crosses as text.
#ifndef CLAIMTRACE_CORPUS_STORE_H_
#define CLAIMTRACE_CORPUS_STORE_H_

#include <memory>
#include <string>
#include <vector>

#include "claimtrace/corpus.h"
#include "claimtrace/status.h"

namespace claimtrace {

using Rows = std::vector<std::vector<std::string>>;

struct Corpus::Store {
  virtual ~Store() = default;
  // Runs `sql` (one statement) and returns its rows, columns as text.
  virtual Result<Rows> Query(const std::string& sql,
                             const std::vector<std::string>& params = {}) = 0;
  // The file or URI, for messages.
  virtual std::string Describe() const = 0;
  // What ends a CREATE TABLE of a table that is all key (grams): SQLite's
  // " WITHOUT ROWID" stores it once, where a rowid table would store it
  // again in its key's index.
  virtual std::string KeyOnlyTable() const = 0;
};

// Opens (creating) the SQLite database file at `path`.
Result<std::unique_ptr<Corpus::Store>> OpenSqlite(const std::string& path);
// Connects to the PostgreSQL database at `uri`.
Result<std::unique_ptr<Corpus::Store>> OpenPostgres(const std::string& uri);

}  // namespace claimtrace

#endif  // CLAIMTRACE_CORPUS_STORE_H_
