// The PostgreSQL engine: one archive shared by many machines and concurrent
// checks. The statements are corpus.cc's, unchanged.
#include <fmt/format.h>
#include <libpq-fe.h>

#include "corpus/store.h"

namespace claimtrace {
namespace {

// The URI without its password, for messages.
std::string Redact(const std::string& uri) {
  size_t scheme = uri.find("://");
  size_t at = uri.find('@');
  if (scheme == std::string::npos || at == std::string::npos) return uri;
  size_t colon = uri.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return uri;
  return uri.substr(0, colon) + ":***" + uri.substr(at);
}

class PostgresStore : public Corpus::Store {
 public:
  PostgresStore(PGconn* conn, std::string uri) : conn_(conn), uri_(Redact(uri)) {}
  ~PostgresStore() override { PQfinish(conn_); }

  Result<Rows> Query(const std::string& sql,
                     const std::vector<std::string>& params) override {
    std::vector<const char*> values;
    for (const std::string& p : params) values.push_back(p.c_str());
    PGresult* res =
        PQexecParams(conn_, sql.c_str(), static_cast<int>(values.size()), nullptr,
                     values.data(), nullptr, nullptr, /*resultFormat=*/0);
    ExecStatusType status = PQresultStatus(res);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      std::string message = PQresultErrorMessage(res);
      PQclear(res);
      while (!message.empty() && message.back() == '\n') message.pop_back();
      return Status::IoError(fmt::format("{}: {}", uri_, message));
    }
    Rows rows(PQntuples(res));
    for (int r = 0; r < PQntuples(res); ++r) {
      for (int c = 0; c < PQnfields(res); ++c)
        rows[r].emplace_back(PQgetvalue(res, r, c), PQgetlength(res, r, c));
    }
    PQclear(res);
    return rows;
  }

  std::string Describe() const override { return uri_; }
  std::string KeyOnlyTable() const override { return ""; }

 private:
  PGconn* conn_;
  std::string uri_;
};

}  // namespace

Result<std::unique_ptr<Corpus::Store>> OpenPostgres(const std::string& uri) {
  PGconn* conn = PQconnectdb(uri.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = conn ? PQerrorMessage(conn) : "out of memory";
    PQfinish(conn);
    while (!message.empty() && message.back() == '\n') message.pop_back();
    return Status::IoError(
        fmt::format("{}: cannot connect to the index ({})", Redact(uri), message));
  }
  // Quiet "relation already exists, skipping" notices from the schema.
  PQsetNoticeProcessor(
      conn, [](void*, const char*) {}, nullptr);
  return std::unique_ptr<Corpus::Store>(std::make_unique<PostgresStore>(conn, uri));
}

}  // namespace claimtrace
