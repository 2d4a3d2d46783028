// Corpus: an archive of reports indexed once, on disk, so a release can be
// checked without knowing which report it draws on.
//
// Each report is stored with its text and SHA-256 and a sample of its word
// trigrams (winnowing minimizers: the smallest hash in every window of
// consecutive trigrams, as MOSS and minimap2 do), so any run of words a
// release shares with a report, long enough to span a window, reaches the
// report through at least one sampled trigram; shorter runs usually do. A
// release's claims are hashed the same way (every trigram, not a sample) and
// the reports sharing the rarest trigrams are the candidates (a bounded read
// per trigram, smallest reports first: one held by hundreds of reports is not
// read whole, so a query does not grow with the archive), with the reports
// the release covers most densely (a short report whose phrases its longer
// near-copies hold too); its claims are then traced against them by Check()'s
// pipeline, and each report ranks by the claims it traces.
//
// Usage:
//   auto corpus = claimtrace::Corpus::Open("reports.db");   // or postgresql://...
//   corpus->Add({"report.pdf"});                             // re-indexes on change
//   auto checked = claimtrace::CheckWithCorpus(**corpus, "release.txt", {});
//   checked->ranking;  // the reports it draws on, best first
//
// Thread safety: one Corpus per thread. Several processes may share one
// database (SQLite locks the file; PostgreSQL serves them).
#ifndef CLAIMTRACE_CORPUS_H_
#define CLAIMTRACE_CORPUS_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "claimtrace/check.h"
#include "claimtrace/document.h"
#include "claimtrace/status.h"

namespace claimtrace {

struct CorpusReport {
  std::string path;    // as added (absolute)
  std::string sha256;  // of the file when it was indexed
  size_t text_bytes = 0;
};

// What Add() did with one report.
enum class AddOutcome { kAdded, kUpdated, kUnchanged };

class Corpus {
 public:
  // Whether Open() makes a SQLite archive that is not there yet (adding to
  // it) or refuses it (querying it: a mistyped path is an error, not an
  // empty archive that explains nothing).
  enum class OpenMode { kCreate, kExisting };

  // Opens the archive at `location`: a SQLite file, or a PostgreSQL
  // connection URI (postgresql://...).
  static Result<std::unique_ptr<Corpus>> Open(const std::string& location,
                                              OpenMode mode = OpenMode::kCreate);
  ~Corpus();

  // Indexes each report, or re-indexes it if its SHA-256 changed, in one
  // transaction: a report that cannot be read fails the call and changes
  // nothing.
  Result<std::vector<AddOutcome>> Add(const std::vector<std::string>& paths);
  // Removes the reports, all or none; a path not in the archive is an error.
  Status Remove(const std::vector<std::string>& paths);
  Result<std::vector<CorpusReport>> List();

  // Returns up to `limit` reports sharing trigrams with the claims of
  // `release`, best first (score only; traced and claims are 0). A report
  // with the release's own SHA-256 (the release, archived) is left out.
  Result<std::vector<SourceShare>> Candidates(const Document& release, size_t limit);
  // Returns the stored text of the report at `path` as a Document.
  Result<Document> Load(const std::string& path);

  Corpus(const Corpus&) = delete;
  Corpus& operator=(const Corpus&) = delete;

  // The SQL engine (defined in lib/corpus/store.h; not part of the API).
  struct Store;

 private:
  explicit Corpus(std::unique_ptr<Store> store);
  Result<std::vector<AddOutcome>> AddAll(const std::vector<std::string>& paths);
  // Deletes a report and its sample; `row` is (id, sha256, text, format, sample).
  Status DeleteReport(const std::vector<std::string>& row);
  std::unique_ptr<Store> store_;
};

// Checks `release` against the reports of `corpus` its claims draw on, by
// the same pipeline as Check(): every claim traced against the best
// `max_sources` candidates, a note on each claim no report explains, and
// the result's `ranking` by share of the claims traced.
Result<CheckResult> CheckWithCorpus(Corpus& corpus, Document release,
                                    const CheckOptions& options, size_t max_sources = 5);
// Loads the release file first (the release limits apply) and, as
// CheckRelease() does, refuses a malformed inline acceptance.
Result<CheckResult> CheckWithCorpus(Corpus& corpus, const std::string& release_path,
                                    const CheckOptions& options, size_t max_sources = 5);

}  // namespace claimtrace

#endif  // CLAIMTRACE_CORPUS_H_
