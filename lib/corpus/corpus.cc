// Corpus: the schema, the statements (shared by SQLite and PostgreSQL), the
// trigram sample of a report, and the ranking of reports for a release.
#include "claimtrace/corpus.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <unordered_map>

#include "claimtrace/extract.h"
#include "claimtrace/tokens.h"
#include "corpus/store.h"
#include "inline_accept.h"

namespace claimtrace {
namespace {

// Trigrams per winnowing window: every run of kWindow + 2 words a release
// shares with a report reaches it, and about 2 / (kWindow + 1) of a report's
// trigrams are stored, which keeps the index well under half the text.
constexpr size_t kWindow = 12;
// Hashes per IN (...) list: short enough for any engine's statement limits.
constexpr size_t kBatch = 500;
// Trigrams probed per statement (a UNION ALL of one bounded probe each).
constexpr size_t kProbeBatch = 100;
// A trigram held by more reports than this does not choose candidates (see
// Candidates): at most this many holders are read for each.
constexpr size_t kFanOut = 256;

// Version 2: reports(id, path, sha256, format, text, sample), grams(hash,
// sample, report). `sample` is the size of the report's sample: a trigram's
// holders are kept smallest report first, so the bounded read of a common
// trigram (see Candidates) reaches the reports in which it weighs most.
constexpr const char* kSchema[] = {
    "CREATE TABLE IF NOT EXISTS reports (id INTEGER PRIMARY KEY, path TEXT NOT NULL "
    "UNIQUE, sha256 TEXT NOT NULL, format TEXT NOT NULL, text TEXT NOT NULL, sample "
    "INTEGER NOT NULL)",
    "CREATE TABLE IF NOT EXISTS grams (hash INTEGER NOT NULL, sample INTEGER NOT NULL, "
    "report INTEGER NOT NULL, PRIMARY KEY (hash, sample, report))",  // + KeyOnlyTable()
};
// Candidates beyond the best by rare trigrams: up to this many reports whose
// sample the release covers more densely than any of theirs (a short report
// holding the release's common phrases, which rare trigrams cannot single
// out when every near-copy of it holds them too). Short, so cheap to check;
// ranked only by what they trace.
constexpr size_t kDenseExtra = 2;

// FNV-1a over the words, folded to 31 bits so every engine stores it as a
// plain integer. Stable across machines and builds, unlike std::hash: one
// archive serves many machines.
uint32_t GramHash(const std::string& a, const std::string& b, const std::string& c) {
  uint64_t h = 0xcbf29ce484222325ull;
  auto mix = [&h](const std::string& s) {
    for (unsigned char ch : s) h = (h ^ ch) * 0x100000001b3ull;
    h = (h ^ 0x1f) * 0x100000001b3ull;
  };
  mix(a), mix(b), mix(c);
  return static_cast<uint32_t>((h ^ (h >> 31)) & 0x7fffffff);
}

// Every trigram hash of each block's words (trigrams do not cross blocks).
std::vector<std::vector<uint32_t>> BlockGrams(const Document& doc,
                                              const std::set<int>* only_blocks) {
  std::vector<std::vector<uint32_t>> out;
  Tokenizer tokenizer;
  for (size_t b = 0; b < doc.blocks().size(); ++b) {
    if (only_blocks && !only_blocks->count(static_cast<int>(b))) continue;
    Range r = doc.blocks()[b].range;
    std::vector<Token> tokens = tokenizer.Tokenize(doc.Slice(r), r.begin);
    std::vector<uint32_t>& grams = out.emplace_back();
    for (size_t i = 0; i + 2 < tokens.size(); ++i)
      grams.push_back(GramHash(tokens[i].norm, tokens[i + 1].norm, tokens[i + 2].norm));
  }
  return out;
}

// The report's sample: the smallest hash of every window of kWindow
// consecutive trigrams (the whole block when shorter), sorted, unique.
std::vector<uint32_t> Minimizers(const Document& doc) {
  std::vector<uint32_t> out;
  for (const std::vector<uint32_t>& grams : BlockGrams(doc, nullptr)) {
    if (grams.empty()) continue;
    size_t windows = grams.size() > kWindow ? grams.size() - kWindow + 1 : 1;
    for (size_t w = 0; w < windows; ++w) {
      auto end = grams.begin() + std::min(grams.size(), w + kWindow);
      out.push_back(*std::min_element(grams.begin() + w, end));
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string IntList(const std::vector<uint32_t>& values, size_t from, size_t to) {
  std::string out;
  for (size_t i = from; i < to; ++i) {
    if (i > from) out += ',';
    out += std::to_string(values[i]);
  }
  return out;
}

std::string Absolute(const std::string& path) {
  std::error_code ec;
  std::filesystem::path p = std::filesystem::absolute(path, ec);
  return ec ? path : p.lexically_normal().string();
}

// The format to read the stored text back with: the file's own when the
// text is the file (text, Markdown, HTML), plain text when it was extracted.
std::string StoredFormat(const Document& doc) {
  return std::string(
      FormatName(doc.offsets_are_file_bytes() ? doc.format() : DocumentFormat::kText));
}

}  // namespace

Corpus::Corpus(std::unique_ptr<Store> store) : store_(std::move(store)) {}
Corpus::~Corpus() = default;

Result<std::unique_ptr<Corpus>> Corpus::Open(const std::string& location, OpenMode mode) {
  const bool uri =
      location.starts_with("postgresql://") || location.starts_with("postgres://");
  std::error_code ec;
  if (!uri && mode == OpenMode::kExisting && !std::filesystem::exists(location, ec)) {
    return Status::InvalidArgument(fmt::format(
        "{}: no such index (make one with `claimtrace index add {} REPORT...`)", location,
        location));
  }
  Result<std::unique_ptr<Store>> store =
      uri ? OpenPostgres(location) : OpenSqlite(location);
  if (!store.ok()) return store.status();
  std::unique_ptr<Corpus> corpus(new Corpus(std::move(store).value()));
  for (const char* sql : kSchema) {
    std::string statement = sql;
    if (statement.find(" grams ") != std::string::npos)
      statement += corpus->store_->KeyOnlyTable();
    if (auto r = corpus->store_->Query(statement); !r.ok()) {
      return Status::InvalidInput(
          fmt::format("{}: not a claimtrace index ({})", location, r.status().message()));
    }
  }
  if (auto r = corpus->store_->Query("SELECT sample FROM grams LIMIT 1"); !r.ok()) {
    return Status::InvalidInput(fmt::format(
        "{}: an index made by an earlier claimtrace (its trigrams have no report "
        "size); delete it and add the reports again",
        location));
  }
  return corpus;
}

Result<std::vector<AddOutcome>> Corpus::Add(const std::vector<std::string>& paths) {
  // One transaction for the lot: all are indexed or none (a report that
  // cannot be read stops the command before the archive changes), and one
  // commit, not one disk flush per report.
  if (auto r = store_->Query("BEGIN"); !r.ok()) return r.status();
  Result<std::vector<AddOutcome>> outcomes = AddAll(paths);
  auto end = store_->Query(outcomes.ok() ? "COMMIT" : "ROLLBACK");
  if (outcomes.ok() && !end.ok()) return end.status();
  return outcomes;
}

Status Corpus::DeleteReport(const std::vector<std::string>& row) {
  // The sample again, from the stored text: deleting by the key keeps a
  // second index (on report) off the disk.
  DocumentFormat format = DocumentFormat::kText;
  ParseFormatName(row[3], &format);
  Result<Document> before = ParseText("stored text", row[2], format);
  std::vector<uint32_t> stale =
      before.ok() ? Minimizers(*before) : std::vector<uint32_t>();
  for (size_t i = 0; i < stale.size(); i += kBatch) {
    auto r = store_->Query(fmt::format(
        "DELETE FROM grams WHERE report = {} AND sample = {} AND hash IN ({})", row[0],
        row[4], IntList(stale, i, std::min(stale.size(), i + kBatch))));
    if (!r.ok()) return r.status();
  }
  auto r = store_->Query("DELETE FROM reports WHERE id = $1", {row[0]});
  return r.ok() ? Status() : r.status();
}

Result<std::vector<AddOutcome>> Corpus::AddAll(const std::vector<std::string>& paths) {
  std::vector<AddOutcome> outcomes;
  for (const std::string& given : paths) {
    Result<Document> doc = LoadDocument(given);
    if (!doc.ok()) return doc.status();
    const std::string path = Absolute(given);
    auto old = store_->Query(
        "SELECT id, sha256, text, format, sample FROM reports WHERE path = $1", {path});
    if (!old.ok()) return old.status();
    if (!old->empty() && (*old)[0][1] == doc->sha256()) {
      outcomes.push_back(AddOutcome::kUnchanged);
      continue;
    }
    std::vector<uint32_t> grams = Minimizers(*doc);
    if (!old->empty()) {
      if (Status st = DeleteReport((*old)[0]); !st.ok()) return st;
    }
    auto id = store_->Query(
        "INSERT INTO reports (id, path, sha256, format, text, sample) "
        "SELECT COALESCE(MAX(id), 0) + 1, $1, $2, $3, $4, $5 FROM reports RETURNING id",
        {path, doc->sha256(), StoredFormat(*doc), doc->text(),
         std::to_string(grams.size())});
    if (!id.ok()) return id.status();
    for (size_t i = 0; i < grams.size(); i += kBatch) {
      std::string values;
      for (size_t k = i; k < std::min(grams.size(), i + kBatch); ++k) {
        if (k > i) values += ',';
        values += fmt::format("({},{},{})", grams[k], grams.size(), (*id)[0][0]);
      }
      auto r = store_->Query("INSERT INTO grams (hash, sample, report) VALUES " + values);
      if (!r.ok()) return r.status();
    }
    outcomes.push_back(old->empty() ? AddOutcome::kAdded : AddOutcome::kUpdated);
  }
  return outcomes;
}

Status Corpus::Remove(const std::vector<std::string>& paths) {
  if (auto r = store_->Query("BEGIN"); !r.ok()) return r.status();
  for (const std::string& given : paths) {
    auto row = store_->Query(
        "SELECT id, sha256, text, format, sample FROM reports WHERE path = $1",
        {Absolute(given)});
    Status st = !row.ok() ? row.status()
                : row->empty()
                    ? Status::InvalidArgument(fmt::format("{}: not in the index {}",
                                                          given, store_->Describe()))
                    : DeleteReport((*row)[0]);
    if (!st.ok()) {
      (void)store_->Query("ROLLBACK");
      return st;
    }
  }
  auto r = store_->Query("COMMIT");
  return r.ok() ? Status() : r.status();
}

Result<std::vector<CorpusReport>> Corpus::List() {
  auto rows =
      store_->Query("SELECT path, sha256, LENGTH(text) FROM reports ORDER BY path");
  if (!rows.ok()) return rows.status();
  std::vector<CorpusReport> out;
  for (const auto& row : *rows)
    out.push_back({row[0], row[1], static_cast<size_t>(std::stoull(row[2]))});
  return out;
}

Result<std::vector<SourceShare>> Corpus::Candidates(const Document& release,
                                                    size_t limit) {
  // The blocks holding claims: their every trigram, against the sample.
  std::set<int> claim_blocks;
  for (const Claim& c : ExtractClaims(release).claims) claim_blocks.insert(c.block);
  std::vector<uint32_t> grams;
  for (const auto& block : BlockGrams(release, &claim_blocks))
    grams.insert(grams.end(), block.begin(), block.end());
  std::sort(grams.begin(), grams.end());
  grams.erase(std::unique(grams.begin(), grams.end()), grams.end());

  auto total = store_->Query("SELECT COUNT(*) FROM reports");
  if (!total.ok()) return total.status();
  const double reports = std::stod((*total)[0][0]);
  // The release itself, archived, explains every claim and nothing.
  auto itself =
      store_->Query("SELECT id FROM reports WHERE sha256 = $1", {release.sha256()});
  if (!itself.ok()) return itself.status();
  std::set<int64_t> excluded;
  for (const auto& row : *itself) excluded.insert(std::stoll(row[0]));

  // Each trigram's holders, at most kFanOut + 1 of them, smallest sample
  // first: one index seek and a bounded read per trigram, however large the
  // archive grows.
  std::unordered_map<uint32_t, std::vector<int64_t>> holders;
  std::map<int64_t, double> sample;  // of every report read
  for (size_t i = 0; i < grams.size(); i += kProbeBatch) {
    std::string sql;
    for (size_t k = i; k < std::min(grams.size(), i + kProbeBatch); ++k) {
      if (k > i) sql += " UNION ALL ";
      sql += fmt::format(
          "SELECT * FROM (SELECT hash, sample, report FROM grams WHERE hash = {} ORDER "
          "BY "
          "sample, report LIMIT {}) AS g{}",
          grams[k], kFanOut + 1, k - i);
    }
    auto rows = store_->Query(sql);
    if (!rows.ok()) return rows.status();
    for (const auto& row : *rows) {
      int64_t id = std::stoll(row[2]);
      if (excluded.count(id)) continue;
      holders[std::stoul(row[0])].push_back(id);
      sample[id] = std::max(1.0, std::stod(row[1]));
    }
  }
  // A trigram held by few reports tells which one the release draws on
  // (BM25's inverse document frequency, as Lucene's, never negative); one
  // held by more than kFanOut tells little and is left out of the score, or
  // the true source would drown among reports that share only the common
  // phrases.
  auto weight = [&](size_t holding) {
    return std::log(1 + (reports - holding + 0.5) / (holding + 0.5));
  };
  std::map<int64_t, double> score;
  std::map<int64_t, double> hits;  // every trigram read, common ones too
  for (const auto& [hash, ids] : holders) {
    for (int64_t id : ids) {
      hits[id] += 1;
      if (ids.size() <= kFanOut) score[id] += weight(ids.size());
    }
  }
  // How densely the release covers a report's sample.
  auto density = [&](int64_t id) { return hits[id] / sample[id]; };
  // The best by score; equal scores by id, so equal archives rank equally.
  std::vector<std::pair<double, int64_t>> ranked;
  for (const auto& [id, s] : score) ranked.emplace_back(-s, id);
  std::sort(ranked.begin(), ranked.end());
  std::vector<int64_t> chosen;
  double densest = 0;
  for (size_t i = 0; i < ranked.size() && i < limit; ++i) {
    chosen.push_back(ranked[i].second);
    densest = std::max(densest, density(ranked[i].second));
  }
  std::vector<std::pair<double, int64_t>> dense;
  for (const auto& [id, n] : hits) {
    if (density(id) > densest) dense.emplace_back(-density(id), id);
  }
  std::sort(dense.begin(), dense.end());
  for (size_t i = 0; i < dense.size() && i < kDenseExtra; ++i)
    chosen.push_back(dense[i].second);
  // Densest first: where two reports explain a claim equally, the one the
  // release draws on more densely is credited with it (Check() credits the
  // first source of equals).
  std::stable_sort(chosen.begin(), chosen.end(),
                   [&](int64_t a, int64_t b) { return density(a) > density(b); });
  std::vector<SourceShare> out;
  for (int64_t id : chosen) {
    auto path =
        store_->Query("SELECT path FROM reports WHERE id = $1", {std::to_string(id)});
    if (!path.ok()) return path.status();
    if (path->empty()) continue;  // removed meanwhile
    SourceShare s;
    s.path = (*path)[0][0];
    s.score = score[id];
    out.push_back(std::move(s));
  }
  return out;
}

Result<Document> Corpus::Load(const std::string& path) {
  auto row = store_->Query("SELECT text, format FROM reports WHERE path = $1", {path});
  if (!row.ok()) return row.status();
  if (row->empty()) {
    return Status::InvalidArgument(
        fmt::format("{}: not in the index {}", path, store_->Describe()));
  }
  DocumentFormat format = DocumentFormat::kText;
  ParseFormatName((*row)[0][1], &format);
  return ParseText(path, std::move((*row)[0][0]), format);
}

Result<CheckResult> CheckWithCorpus(Corpus& corpus, Document release,
                                    const CheckOptions& options, size_t max_sources) {
  auto candidates = corpus.Candidates(release, max_sources);
  if (!candidates.ok()) return candidates.status();
  std::vector<Document> sources;
  for (const SourceShare& c : *candidates) {
    Result<Document> doc = corpus.Load(c.path);
    if (!doc.ok()) return doc.status();
    sources.push_back(std::move(doc).value());
  }
  Result<CheckResult> checked = Check(std::move(release), std::move(sources), options);
  if (!checked.ok()) return checked.status();
  CheckResult result = std::move(checked).value();
  std::vector<SourceShare> shares = std::move(candidates).value();
  for (SourceShare& s : shares) s.claims = static_cast<int>(result.claims.size());
  // A report traces the claims it is the evidence of and the quotations it
  // holds word for word as well: its share is its own, not what is left of
  // the claims once a better-placed copy took them.
  for (CheckedClaim& c : result.claims) {
    Finding& f = c.finding;
    bool explained = f.evidence.source >= 0 && f.verdict != Verdict::kUntraced &&
                     f.verdict != Verdict::kAttributed;
    if (explained) {
      ++shares[f.evidence.source].traced;
      for (int s : f.also) ++shares[s].traced;
    } else {
      f.notes.push_back("no report in the archive explains this claim");
    }
  }
  result.ranking.emplace();
  for (SourceShare& s : shares) {
    if (s.traced > 0) result.ranking->push_back(std::move(s));
  }
  // Equal shares keep the candidates' order (densest first).
  std::stable_sort(
      result.ranking->begin(), result.ranking->end(),
      [](const SourceShare& a, const SourceShare& b) { return a.traced > b.traced; });
  return result;
}

Result<CheckResult> CheckWithCorpus(Corpus& corpus, const std::string& release_path,
                                    const CheckOptions& options, size_t max_sources) {
  Result<Document> release =
      LoadDocument(release_path, options.release_format, options.limits.ForRelease());
  if (!release.ok()) return release.status();
  if (auto inline_accepts = FindInlineAcceptances(*release); !inline_accepts.ok()) {
    return inline_accepts.status();
  }
  return CheckWithCorpus(corpus, std::move(release).value(), options, max_sources);
}

}  // namespace claimtrace
