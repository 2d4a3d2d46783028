// The archive commands. Thin glue, as in claimtrace.cc: flags, the library
// call, the output, the exit code (0 clean, 2 usage or input error).
#include "index_command.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "claimtrace/corpus.h"
#include "claimtrace/report.h"
#include "output_file.h"

namespace claimtrace_cli {
namespace {

constexpr int kExitClean = 0;
constexpr int kExitError = 2;

int Fail(const std::string& message) {
  fmt::print(stderr, "claimtrace: {}\n", message);
  return kExitError;
}

std::string_view OutcomeName(claimtrace::AddOutcome outcome) {
  switch (outcome) {
    case claimtrace::AddOutcome::kAdded:
      return "added";
    case claimtrace::AddOutcome::kUpdated:
      return "updated";
    default:
      return "unchanged";
  }
}

std::string Ranking(const std::vector<claimtrace::SourceShare>& ranking) {
  if (ranking.empty()) return "no report in the archive explains any of its claims\n";
  std::string out;
  for (size_t i = 0; i < ranking.size(); ++i) {
    const claimtrace::SourceShare& s = ranking[i];
    out += fmt::format("{:>2}. {:>3.0f}% ({}/{} claims)  {}\n", i + 1, 100 * s.share(),
                       s.traced, s.claims, s.path);
  }
  return out;
}

struct CorpusFlags {
  std::string db;
  std::vector<std::string> paths;
  std::string format = "text";
  size_t max_sources = 5;
};

int RunIndex(const std::string& action, const CorpusFlags& flags) {
  auto corpus = claimtrace::Corpus::Open(
      flags.db, action == "add" ? claimtrace::Corpus::OpenMode::kCreate
                                : claimtrace::Corpus::OpenMode::kExisting);
  if (!corpus.ok()) return Fail(corpus.status().message());
  if (action == "add") {
    auto outcomes = (*corpus)->Add(flags.paths);
    if (!outcomes.ok()) return Fail(outcomes.status().message());
    for (size_t i = 0; i < outcomes->size(); ++i)
      fmt::print("{} {}\n", OutcomeName((*outcomes)[i]), flags.paths[i]);
    return kExitClean;
  }
  if (action == "remove") {
    claimtrace::Status s = (*corpus)->Remove(flags.paths);
    return s.ok() ? kExitClean : Fail(s.message());
  }
  auto reports = (*corpus)->List();
  if (!reports.ok()) return Fail(reports.status().message());
  for (const claimtrace::CorpusReport& r : *reports)
    fmt::print("{}  {:>10}  {}\n", r.sha256.substr(0, 12), r.text_bytes, r.path);
  return kExitClean;
}

// `sources --corpus`: the ranking alone. (`check --corpus` is `check`'s own
// code path, in claimtrace.cc.)
int RunSources(const CorpusFlags& flags) {
  claimtrace::ReportFormat format;
  if (!claimtrace::ParseReportFormatName(flags.format, &format) ||
      (format != claimtrace::ReportFormat::kText &&
       format != claimtrace::ReportFormat::kJson)) {
    return Fail(fmt::format("sources --format: text or json, not '{}'", flags.format));
  }
  if (flags.max_sources < 1) return Fail("--max-sources must be at least 1");
  auto corpus =
      claimtrace::Corpus::Open(flags.db, claimtrace::Corpus::OpenMode::kExisting);
  if (!corpus.ok()) return Fail(corpus.status().message());
  std::vector<claimtrace::ReleaseRanking> all;
  std::string text;
  for (const std::string& release : flags.paths) {
    auto checked = claimtrace::CheckWithCorpus(**corpus, release, {}, flags.max_sources);
    if (!checked.ok()) return Fail(checked.status().message());
    all.push_back({release, *checked->ranking});
    text += fmt::format("{}: the reports it draws on\n{}", release,
                        Ranking(*checked->ranking));
  }
  std::string out = format == claimtrace::ReportFormat::kJson
                        ? claimtrace::RenderRankingsJson(all)
                        : text;
  std::string error = claimtrace::WriteStandardOutput(out);
  return error.empty() ? kExitClean : Fail(error);
}

}  // namespace

bool RunCorpusCommand(int argc, char** argv, int* exit_code) {
  if (argc < 2) return false;
  std::string_view command = argv[1];
  bool has_corpus = false;
  for (int i = 2; i < argc; ++i) {
    std::string_view a = argv[i];
    has_corpus = has_corpus || a == "--corpus" || a.starts_with("--corpus=");
  }
  if (command != "index" && !(command == "sources" && has_corpus)) return false;

  CLI::App app{"claimtrace: checks releases against an archive of reports"};
  CorpusFlags flags;
  CLI::App* index = app.add_subcommand("index", "Keep an archive index of reports");
  index->require_subcommand(1);
  CLI::App* add = index->add_subcommand(
      "add", "Index reports (again only when a report's SHA-256 changed)");
  CLI::App* remove = index->add_subcommand("remove", "Remove reports from the index");
  CLI::App* list = index->add_subcommand("list", "List the indexed reports");
  for (CLI::App* cmd : {add, remove, list}) {
    cmd->add_option("DB", flags.db, "The index: a SQLite file or postgresql://... URI")
        ->required();
  }
  add->add_option("REPORT", flags.paths, "Reports to index")->required();
  remove->add_option("REPORT", flags.paths, "Reports to remove")->required();

  CLI::App* sources = app.add_subcommand(
      "sources",
      "Rank the archive's reports by the share of a release's claims they trace");
  sources
      ->add_option("--corpus", flags.db, "The index: a SQLite file or postgresql://...")
      ->required();
  sources->add_option("RELEASE", flags.paths, "Press release(s)")->required();
  sources->add_option("-f,--format", flags.format, "Output: text (default) or json");
  sources
      ->add_option("--max-sources", flags.max_sources,
                   "Reports to trace the claims against, best first")
      ->capture_default_str();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    *exit_code = code == 0 ? kExitClean : kExitError;
    return true;
  }
  try {
    if (add->parsed()) {
      *exit_code = RunIndex("add", flags);
    } else if (remove->parsed()) {
      *exit_code = RunIndex("remove", flags);
    } else if (list->parsed()) {
      *exit_code = RunIndex("list", flags);
    } else if (sources->parsed()) {
      *exit_code = RunSources(flags);
    }
  } catch (const std::exception& e) {
    *exit_code = Fail(fmt::format("internal error: {}", e.what()));
  }
  return true;
}

}  // namespace claimtrace_cli
