// Tests for the archive of reports (SQLite): incremental indexing by
// SHA-256, ranking the true source first among a few hundred near-miss
// reports, claims no report explains, the size on disk, and bad input.
#include "claimtrace/corpus.h"

#include <doctest/doctest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace claimtrace {
namespace {

namespace fs = std::filesystem;

const std::string kReport =
    std::string(CLAIMTRACE_DATA_DIR) + "/reports/ofsted-tower-hamlets-ilacs-2024.txt";

// A fresh temporary folder, removed at the end of the test.
struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "claimtrace-corpus-XXXXXX").string();
    REQUIRE(mkdtemp(tmpl.data()) != nullptr);
    path = tmpl;
  }
  ~TempDir() { fs::remove_all(path); }
  std::string File(const std::string& name) const { return (path / name).string(); }
};

void Write(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::unique_ptr<Corpus> OpenOrDie(const std::string& location) {
  auto corpus = Corpus::Open(location);
  REQUIRE(corpus.ok());
  return std::move(corpus).value();
}

// Reports that look like the real one without being it: its sentences with
// a third of their words replaced, among sentences of other inspections'
// stock phrases, so they share the vocabulary and many short runs.
std::vector<std::string> NearMissReports(size_t count, std::mt19937* rng) {
  std::vector<std::vector<std::string>> sentences;
  std::istringstream text(Read(kReport));
  for (std::string line; std::getline(text, line);) {
    std::istringstream words(line);
    std::vector<std::string> sentence;
    for (std::string w; words >> w;) {
      sentence.push_back(w);
      if (w.back() == '.' && sentence.size() >= 6) {
        sentences.push_back(sentence);
        sentence.clear();
      }
    }
  }
  REQUIRE(sentences.size() > 50);
  const char* const stock[] = {
      "Leaders", "ensure",  "that",     "pupils",    "patients", "staff",    "receive",
      "support", "council", "services", "effective", "timely",   "families", "outcomes",
      "improve", "quality", "across",   "the",       "area",     "partners"};
  std::uniform_int_distribution<size_t> pick_sentence(0, sentences.size() - 1),
      pick_stock(0, std::size(stock) - 1);
  std::uniform_real_distribution<double> chance(0, 1);
  std::vector<std::string> reports;
  for (size_t r = 0; r < count; ++r) {
    std::string report = "# Inspection report " + std::to_string(r + 1) + "\n\n";
    for (int p = 1; p <= 20; ++p) {
      report += std::to_string(p) + ". ";
      for (int s = 0; s < 4; ++s) {
        for (const std::string& w : sentences[pick_sentence(*rng)])
          report +=
              (chance(*rng) < 0.33 ? std::string(stock[pick_stock(*rng)]) : w) + " ";
      }
      report += "\n\n";
    }
    reports.push_back(std::move(report));
  }
  return reports;
}

// Reports made the way the shared benchmark's generator makes them: the
// real report's sentences drawn at random into paragraphs, a word in eight
// replaced by one of its vocabulary and one in fifty dropped or doubled,
// until each is `times` the real report's size. Every one holds nearly every
// phrase of the real report, so no trigram sets it apart: only its being
// short and whole does.
std::vector<std::string> NoisyCopies(size_t count, size_t times, std::mt19937* rng) {
  std::vector<std::vector<std::string>> sentences;
  std::vector<std::string> vocabulary;
  const std::string real = Read(kReport);
  std::istringstream text(real);
  for (std::string line; std::getline(text, line);) {
    if (line.starts_with("#") || line.find('\t') != std::string::npos) continue;
    std::istringstream words(line);
    std::vector<std::string> sentence;
    for (std::string w; words >> w;) {
      sentence.push_back(w);
      vocabulary.push_back(w);
      char last = w.back();
      if (last == '.' || last == '!' || last == '?') {
        if (sentence.size() >= 4) sentences.push_back(sentence);
        sentence.clear();
      }
    }
  }
  REQUIRE(sentences.size() > 50);
  std::uniform_int_distribution<size_t> pick_sentence(0, sentences.size() - 1),
      pick_word(0, vocabulary.size() - 1);
  std::uniform_int_distribution<int> sentences_per_paragraph(3, 9);
  std::uniform_real_distribution<double> chance(0, 1);
  std::vector<std::string> reports;
  for (size_t r = 0; r < count; ++r) {
    std::string report;
    while (report.size() < times * real.size()) {
      for (int k = sentences_per_paragraph(*rng); k > 0; --k) {
        for (const std::string& w : sentences[pick_sentence(*rng)]) {
          double roll = chance(*rng);
          if (roll < 0.08) {
            report += vocabulary[pick_word(*rng)] + " ";
          } else if (roll < 0.10) {
            continue;
          } else if (roll < 0.12) {
            report += w + " " + vocabulary[pick_word(*rng)] + " ";
          } else {
            report += w + " ";
          }
        }
      }
      report += "\n";
    }
    reports.push_back(std::move(report));
  }
  return reports;
}

// An archive in `dir` of `reports` (written as NAME-i.EXT) and the real
// report, added in that order.
std::unique_ptr<Corpus> ArchiveOf(const TempDir& dir,
                                  const std::vector<std::string>& reports,
                                  const std::string& name, const std::string& ext) {
  std::vector<std::string> paths;
  for (size_t i = 0; i < reports.size(); ++i) {
    paths.push_back(dir.File(name + "-" + std::to_string(i) + "." + ext));
    Write(paths.back(), reports[i]);
  }
  paths.push_back(kReport);
  auto corpus = OpenOrDie(dir.File("index.db"));
  REQUIRE(corpus->Add(paths).ok());
  return corpus;
}

// The ranking `check --corpus` gives the example release `name`.
std::vector<SourceShare> RankingOf(Corpus& corpus, const std::string& name) {
  auto checked =
      CheckWithCorpus(corpus, std::string(CLAIMTRACE_DATA_DIR) + "/releases/" + name, {});
  REQUIRE(checked.ok());
  REQUIRE(checked->ranking);
  return *checked->ranking;
}

const char* const kExampleReleases[] = {"tower-hamlets-2025-01-outstanding.txt",
                                        "tower-hamlets-2025-01-recruitment.txt"};

TEST_CASE("a report is indexed again only when its SHA-256 changes") {
  TempDir dir;
  const std::string report = dir.File("report.txt");
  Write(report, "Hospital admissions rose by 4% in the year to March.\n");
  auto corpus = OpenOrDie(dir.File("index.db"));
  struct Step {
    const char* what;
    const char* new_text;  // null: leave the file as it is
    AddOutcome outcome;
  };
  const Step steps[] = {
      {"first time", nullptr, AddOutcome::kAdded},
      {"same bytes", nullptr, AddOutcome::kUnchanged},
      {"edited", "Hospital admissions rose by 5% in the year to March.\n",
       AddOutcome::kUpdated},
      {"same bytes after the edit", nullptr, AddOutcome::kUnchanged},
  };
  for (const Step& step : steps) {
    CAPTURE(step.what);
    if (step.new_text) Write(report, step.new_text);
    auto outcomes = corpus->Add({report});
    REQUIRE(outcomes.ok());
    CHECK(outcomes->at(0) == step.outcome);
  }
  auto listed = corpus->List();
  REQUIRE(listed.ok());
  REQUIRE(listed->size() == 1);
  CHECK(listed->at(0).path == fs::absolute(report).lexically_normal().string());
  auto stored = corpus->Load(listed->at(0).path);
  REQUIRE(stored.ok());
  CHECK(stored->text().find("5%") != std::string::npos);
  // Reopened, the archive is the same; removed, it is empty.
  corpus = OpenOrDie(dir.File("index.db"));
  CHECK(corpus->Add({report})->at(0) == AddOutcome::kUnchanged);
  CHECK(corpus->Remove({report}).ok());
  CHECK(corpus->List()->empty());
}

TEST_CASE("each example release ranks its true source first in an archive") {
  TempDir dir;
  std::mt19937 rng(2024);
  auto corpus = ArchiveOf(dir, NearMissReports(300, &rng), "report", "md");

  SUBCASE("ranked first, with the claims it traces") {
    for (const std::string name : kExampleReleases) {
      CAPTURE(name);
      std::vector<SourceShare> ranking = RankingOf(*corpus, name);
      REQUIRE(!ranking.empty());
      CHECK(ranking[0].path == fs::absolute(kReport).lexically_normal().string());
      CHECK(ranking[0].traced > ranking[0].claims / 4);
    }
  }
  SUBCASE("the index takes at most 1.5 times the text it holds") {
    size_t text = 0;
    auto listed = corpus->List();
    REQUIRE(listed.ok());
    for (const CorpusReport& r : *listed) text += r.text_bytes;
    corpus.reset();  // closed, so the file is whole
    CHECK(fs::file_size(dir.File("index.db")) <= text * 3 / 2);
  }
}

TEST_CASE("the true source ranks first among longer noisy copies of itself") {
  // Every copy holds most of the quotations too; the real report traces the
  // most of the release's claims, and is the densest in its phrases.
  TempDir dir;
  std::mt19937 rng(1000);
  auto corpus = ArchiveOf(dir, NoisyCopies(300, 4, &rng), "copy", "txt");
  for (const std::string name : kExampleReleases) {
    CAPTURE(name);
    std::vector<SourceShare> ranking = RankingOf(*corpus, name);
    REQUIRE(ranking.size() >= 2);
    CHECK(ranking[0].path == fs::absolute(kReport).lexically_normal().string());
    CHECK(ranking[0].traced > ranking[1].traced);
  }
}

TEST_CASE("an index of an earlier version is refused with what to do") {
  TempDir dir;
  const std::string db = dir.File("old.db");
  {
    auto corpus = OpenOrDie(db);  // made, then turned into version 1's shape
  }
  sqlite3* handle = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &handle) == SQLITE_OK);
  CHECK(sqlite3_exec(handle,
                     "DROP TABLE grams; CREATE TABLE grams (hash INTEGER NOT NULL, "
                     "report INTEGER NOT NULL, PRIMARY KEY (hash, report)) WITHOUT ROWID",
                     nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(handle);
  auto opened = Corpus::Open(db);
  REQUIRE(!opened.ok());
  CHECK(opened.status().message().find(db) != std::string::npos);
  CHECK(opened.status().message().find("earlier claimtrace") != std::string::npos);
}

TEST_CASE("a claim no report in the archive explains is said so") {
  TempDir dir;
  auto corpus = OpenOrDie(dir.File("index.db"));
  REQUIRE(corpus->Add({kReport}).ok());
  struct Case {
    const char* field;
    const char* release;
  };
  const Case cases[] = {
      {"economics", "The bank said “inflation will return to target within months”.\n"},
      {"health",
       "The trust found “waiting times for hip operations halved this year”.\n"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.field);
    const std::string release = dir.File("release.txt");
    Write(release, c.release);
    auto checked = CheckWithCorpus(*corpus, release, {});
    REQUIRE(checked.ok());
    REQUIRE(!checked->claims.empty());
    const Finding& f = checked->claims[0].finding;
    CHECK(f.verdict == Verdict::kUntraced);
    CHECK(std::find(f.notes.begin(), f.notes.end(),
                    std::string("no report in the archive explains this claim")) !=
          f.notes.end());
  }
}

TEST_CASE("a release archived with the reports is not its own source") {
  TempDir dir;
  auto corpus = OpenOrDie(dir.File("index.db"));
  const char* const releases[] = {"tower-hamlets-2025-01-outstanding.txt",
                                  "tower-hamlets-2019-04-monitoring-visit.txt"};
  for (const char* name : releases) {
    CAPTURE(name);
    const std::string release = std::string(CLAIMTRACE_DATA_DIR) + "/releases/" + name;
    REQUIRE(corpus->Add({kReport, release}).ok());
    auto checked = CheckWithCorpus(*corpus, release, {});
    REQUIRE(checked.ok());
    REQUIRE(checked->ranking);
    for (const SourceShare& s : *checked->ranking)
      CHECK(s.path != fs::absolute(release).lexically_normal().string());
  }
}

TEST_CASE("bad archives and reports give one message naming the file") {
  TempDir dir;
  const std::string text_file = dir.File("notes.txt");
  Write(text_file, "These are notes, not an index.\n");
  struct Case {
    const char* what;
    std::string location;
  };
  const Case opens[] = {
      {"a folder", dir.path.string()},
      {"a text file", text_file},
      {"a missing folder", dir.File("missing/index.db")},
  };
  for (const Case& c : opens) {
    CAPTURE(c.what);
    auto corpus = Corpus::Open(c.location);
    REQUIRE(!corpus.ok());
    CHECK(corpus.status().message().find(c.location) != std::string::npos);
  }
  // Queried, a path with no archive is an error (a typo would otherwise be
  // an empty archive that explains nothing), and no file is made.
  auto queried = Corpus::Open(dir.File("typo.db"), Corpus::OpenMode::kExisting);
  REQUIRE(!queried.ok());
  CHECK(queried.status().message().find("typo.db: no such index") != std::string::npos);
  CHECK(!fs::exists(dir.File("typo.db")));
  auto corpus = OpenOrDie(dir.File("index.db"));
  auto added = corpus->Add({dir.File("absent.pdf")});
  REQUIRE(!added.ok());
  CHECK(added.status().message().find("absent.pdf") != std::string::npos);
  Status removed = corpus->Remove({dir.File("never-added.txt")});
  REQUIRE(!removed.ok());
  CHECK(removed.message().find("never-added.txt") != std::string::npos);
}

}  // namespace
}  // namespace claimtrace
