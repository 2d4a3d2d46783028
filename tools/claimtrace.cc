// claimtrace: the command-line tool. Thin glue over the library: parse flags
// into one validated options struct, run the pipeline on each release, render
// one output, and map the outcome to an exit code (0 nothing fails the
// policy, 1 something does, 2 usage, input or output error). No matching
// logic lives here; output files are written by output_file.h.
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <malloc.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "claimtrace/check.h"
#include "claimtrace/corpus.h"
#include "claimtrace/extract.h"
#include "claimtrace/fetch.h"
#include "claimtrace/options.h"
#include "claimtrace/policy.h"
#include "claimtrace/report.h"
#include "claimtrace/serve.h"
#include "index_command.h"
#include "output_file.h"

namespace {

namespace fs = std::filesystem;

constexpr int kExitClean = 0;
constexpr int kExitFailed = 1;
constexpr int kExitError = 2;

// The flags as typed.
struct Flags {
  std::vector<std::string> files;    // positional: releases (and sources)
  std::vector<std::string> sources;  // --source
  std::string corpus;                // --corpus: an archive chooses the sources
  size_t max_sources = 5;
  std::string release;  // extract's one release
  std::string format;
  std::string output;
  std::string color = "auto";
  std::string fail_on;
  std::string config;
  std::string release_format = "auto";
  std::string source_format = "auto";
  double min_coverage = claimtrace::MatchOptions().min_coverage;
  // Limits, as typed ("128M"); empty: the default in claimtrace::Limits.
  std::string max_input_size, max_release_size;
  int max_pages = claimtrace::Limits().max_pages;
  int max_release_pages = claimtrace::Limits().max_release_pages;
  size_t max_claims = claimtrace::Limits().max_claims;
  long timeout = claimtrace::FetchOptions().timeout_seconds;  // for URLs
  int port = claimtrace::ServeOptions().port;                 // serve
  std::string host = claimtrace::ServeOptions().host;
  std::string max_upload_size;
  std::string max_kept_size;
  bool quiet = false;
  bool show_accepted = false;
  bool prune = false;
};

// The flags validated, before any work starts.
struct Options {
  std::vector<std::string> releases;
  std::vector<std::string> sources;
  std::string corpus;  // non-empty: the sources come from this archive
  size_t max_sources = 5;
  claimtrace::CheckOptions check;  // policy: the built-in one or --config's
  claimtrace::FetchOptions fetch;  // for URL inputs
  bool has_config = false;
  std::optional<std::set<claimtrace::Verdict>> fail_on;  // --fail-on
  claimtrace::ReportFormat format = claimtrace::ReportFormat::kText;
  claimtrace::ReportOptions report;
  std::string output;  // empty: standard output
};

// Progress on standard error, for a person at a terminal waiting on a long
// run: nothing in the first second, nothing when standard error is not a
// terminal (CI logs, pipes), one line rewritten in place.
class Progress {
 public:
  Progress() : start_(std::chrono::steady_clock::now()), shown_(false) { active_ = this; }
  ~Progress() {
    Clear();
    active_ = nullptr;
  }
  // The progress line being shown, if any, so that messages clear it.
  static Progress* active() { return active_; }
  void Say(const std::string& what) {
    if (!isatty(STDERR_FILENO) ||
        std::chrono::steady_clock::now() - start_ < std::chrono::seconds(1))
      return;
    fmt::print(stderr, "\r\x1b[Kclaimtrace: {}", claimtrace::TerminalSafe(what));
    std::fflush(stderr);
    shown_ = true;
  }
  void Clear() {
    if (shown_) fmt::print(stderr, "\r\x1b[K");
    shown_ = false;
  }

 private:
  static inline Progress* active_ = nullptr;
  std::chrono::steady_clock::time_point start_;
  bool shown_;
};

int Fail(const std::string& message) {
  if (Progress* p = Progress::active()) p->Clear();
  // Messages quote paths and input bytes: keep them valid UTF-8 and inert.
  fmt::print(stderr, "claimtrace: {}\n", claimtrace::TerminalSafe(message));
  return kExitError;
}

int Emit(const std::string& output, const std::string& content) {
  std::string error = output.empty() || output == "-"
                          ? claimtrace::WriteStandardOutput(content)
                          : claimtrace::WriteOutputFile(output, content);
  return error.empty() ? kExitClean : Fail(error);
}

bool UseColor(const std::string& color, const std::string& output) {
  if (color == "always") return true;
  if (color == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  return (output.empty() || output == "-") && isatty(STDOUT_FILENO) &&
         !(no_color && *no_color) && !(term && std::string(term) == "dumb");
}

// Sets `timestamp` to the time now; returns an error message, or "" on
// success. SOURCE_DATE_EPOCH (reproducible builds) makes reports
// reproducible for tests; it must be whole seconds up to year 9999.
std::string Timestamp(std::string* timestamp) {
  constexpr long long kMaxEpoch = 253402300799;  // 9999-12-31T23:59:59Z
  std::time_t now = std::time(nullptr);
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH")) {
    std::string value(epoch);
    bool digits = !value.empty() && value.size() <= 12 &&
                  value.find_first_not_of("0123456789") == std::string::npos;
    if (!digits || std::stoll(value) > kMaxEpoch) {
      return fmt::format(
          "SOURCE_DATE_EPOCH='{}' is not a time: give whole seconds since 1970 up to {} "
          "(year 9999), or unset it",
          value.substr(0, 40), kMaxEpoch);
    }
    now = static_cast<std::time_t>(std::stoll(value));
  }
  *timestamp = fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(now));
  return "";
}

// Parses a size such as "4096", "512K", "64M", "2G" (KiB, MiB, GiB).
bool ParseSize(const std::string& text, uint64_t* bytes) {
  size_t digits = text.find_first_not_of("0123456789");
  if (digits == 0 || text.size() > 16) return false;
  std::string unit = digits == std::string::npos ? "" : text.substr(digits);
  for (char& c : unit) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  int shift = 0;
  if (unit == "" || unit == "B") {
    shift = 0;
  } else if (unit == "K" || unit == "KB" || unit == "KIB") {
    shift = 10;
  } else if (unit == "M" || unit == "MB" || unit == "MIB") {
    shift = 20;
  } else if (unit == "G" || unit == "GB" || unit == "GIB") {
    shift = 30;
  } else {
    return false;
  }
  uint64_t value = std::stoull(text.substr(0, digits));
  if (value == 0 || value > (uint64_t{1} << (62 - shift))) return false;
  *bytes = value << shift;
  return true;
}

// Turns the limit flags into Limits; returns an error message, or "".
std::string ValidateLimits(const Flags& flags, claimtrace::Limits* limits) {
  if (!flags.max_input_size.empty() &&
      !ParseSize(flags.max_input_size, &limits->max_input_bytes)) {
    return fmt::format("--max-input-size '{}' is not a size (e.g. 256M, 1G)",
                       flags.max_input_size);
  }
  if (!flags.max_release_size.empty() &&
      !ParseSize(flags.max_release_size, &limits->max_release_bytes)) {
    return fmt::format("--max-release-size '{}' is not a size (e.g. 4M, 16M)",
                       flags.max_release_size);
  }
  if (flags.timeout < 1) return "--timeout must be at least 1 second";
  if (flags.max_pages < 1 || flags.max_release_pages < 1 || flags.max_claims < 1) {
    return "--max-pages, --max-release-pages and --max-claims must be at least 1";
  }
  limits->max_pages = flags.max_pages;
  limits->max_release_pages = flags.max_release_pages;
  limits->max_claims = flags.max_claims;
  return "";
}

// Quotes an argument for the command line SARIF records.
std::string ShellQuote(const std::string& arg) {
  if (!arg.empty() &&
      arg.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP"
                            "QRSTUVWXYZ0123456789-_./=:,+@%") == std::string::npos) {
    return arg;
  }
  std::string out = "'";
  for (char c : arg) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Splits the positional files: with --source every one is a release; without,
// the first is the release and the rest its sources.
std::string SplitFiles(const Flags& flags, bool needs_sources, Options* options) {
  if (!flags.corpus.empty()) {
    if (!flags.sources.empty()) {
      return "--corpus chooses the sources from the archive: give --corpus or --source, "
             "not both";
    }
    if (flags.max_sources < 1) return "--max-sources must be at least 1";
    options->corpus = flags.corpus;
    options->max_sources = flags.max_sources;
    options->releases = flags.files;
    needs_sources = false;
  } else if (!flags.sources.empty()) {
    options->releases = flags.files;
    options->sources = flags.sources;
  } else if (!flags.files.empty()) {
    options->releases = {flags.files.front()};
    options->sources.assign(flags.files.begin() + 1, flags.files.end());
  }
  if (options->releases.empty()) return "no release given: name the draft(s) to check";
  int stdin_inputs =
      static_cast<int>(std::count(flags.files.begin(), flags.files.end(), "-") +
                       std::count(flags.sources.begin(), flags.sources.end(), "-"));
  if (stdin_inputs > 1) return "'-' (standard input) may be given only once";
  if (needs_sources && options->sources.empty()) {
    return "no source given: name the report with --source REPORT (or give "
           "RELEASE SOURCE...)";
  }
  return "";
}

// Turns flags into Options; returns an error message, or "" on success.
std::string Validate(const Flags& flags, bool needs_sources, Options* options) {
  using namespace claimtrace;
  std::string format = flags.format.empty() ? "text" : flags.format;
  if (!ParseReportFormatName(format, &options->format)) {
    return fmt::format(
        "unknown --format '{}' (text, json, jsonl, html, markdown, sarif, github)",
        flags.format);
  }
  if (!ParseFormatName(flags.release_format, &options->check.release_format)) {
    return fmt::format("unknown --release-format '{}'", flags.release_format);
  }
  if (!ParseFormatName(flags.source_format, &options->check.source_format)) {
    return fmt::format("unknown --source-format '{}'", flags.source_format);
  }
  if (flags.min_coverage <= 0 || flags.min_coverage > 1) {
    return "--min-coverage must be in (0, 1]";
  }
  options->check.match.min_coverage = flags.min_coverage;
  if (std::string error = ValidateLimits(flags, &options->check.limits); !error.empty())
    return error;
  options->fetch.timeout_seconds = flags.timeout;
  if (std::string error = SplitFiles(flags, needs_sources, options); !error.empty()) {
    return error;
  }
  if (!flags.config.empty()) {
    Result<Policy> policy = LoadPolicy(flags.config);
    if (!policy.ok()) return policy.status().message();
    options->check.policy = std::move(policy).value();
    options->has_config = true;
  }
  if (!flags.fail_on.empty()) {
    std::set<Verdict> fail_on;
    if (flags.fail_on != "none") {
      std::istringstream names(flags.fail_on);
      for (std::string name; std::getline(names, name, ',');) {
        Verdict v;
        if (!ParseVerdictName(name, &v)) {
          return fmt::format("unknown verdict '{}' in --fail-on", name);
        }
        fail_on.insert(v);
      }
    }
    options->fail_on = std::move(fail_on);
  }
  options->output = flags.output;
  options->report.output_path = flags.output;
  options->report.color =
      options->format == ReportFormat::kText && UseColor(flags.color, flags.output);
  options->report.tool_version = std::string(Version());
  options->report.only_failing = flags.quiet;
  options->report.show_accepted = flags.show_accepted;
  if (std::string error = Timestamp(&options->report.timestamp); !error.empty()) {
    return error;
  }
  std::error_code ec;
  std::string cwd = fs::current_path(ec).string();
  std::string root = FindRepositoryRoot(cwd);
  options->report.base_dir = root.empty() ? cwd : root;
  return "";
}

// Reads standard input whole, up to one byte past the limit so that
// ParseText can refuse an oversized input with its usual message.
claimtrace::Result<claimtrace::Document> ReadStandardInput(
    claimtrace::DocumentFormat format, const claimtrace::LoadLimits& limits) {
  std::string bytes;
  char chunk[1 << 16];
  size_t got = 0;
  while ((got = std::fread(chunk, 1, sizeof chunk, stdin)) > 0) {
    bytes.append(chunk, got);
    if (bytes.size() > limits.max_input_bytes) break;
  }
  if (std::ferror(stdin)) return claimtrace::Status::IoError("<stdin>: read error");
  return claimtrace::ParseText("<stdin>", std::move(bytes), format, limits);
}

// Loads one input as named on the command line: `-` is standard input, an
// http:// or https:// URL is fetched, any other name a file.
claimtrace::Result<claimtrace::Document> LoadInput(
    const std::string& input, claimtrace::DocumentFormat format,
    const claimtrace::LoadLimits& limits, const claimtrace::FetchOptions& fetch) {
  if (input == "-") return ReadStandardInput(format, limits);
  if (claimtrace::IsUrl(input)) {
    return claimtrace::FetchDocument(input, format, limits, fetch);
  }
  return claimtrace::LoadDocument(input, format, limits);
}

// True for inputs that are not files on disk: their policy is the one found
// from the working directory, and they are loaded by LoadInput.
bool IsStreamInput(const std::string& input) {
  return input == "-" || claimtrace::IsUrl(input);
}

// The policy for one release: --config's, else the file found upward from
// the release, else the built-in one; --fail-on overrides its verdicts.
// Policies are cached by file, so each is read (and reported) once.
claimtrace::Result<claimtrace::CheckOptions> OptionsFor(
    const std::string& release, const Options& options,
    std::map<std::string, claimtrace::Policy>* cache) {
  claimtrace::CheckOptions check = options.check;
  if (!options.has_config) {
    // Standard input and URLs take the policy found from the working folder.
    std::string path = claimtrace::FindPolicyFile(IsStreamInput(release) ? "-" : release);
    if (!path.empty()) {
      if (!cache->count(path)) {
        claimtrace::Result<claimtrace::Policy> policy = claimtrace::LoadPolicy(path);
        if (!policy.ok()) return policy.status();
        (*cache)[path] = std::move(policy).value();
      }
      check.policy = (*cache)[path];
    }
  }
  if (options.fail_on) check.policy.fail_on = *options.fail_on;
  return check;
}

claimtrace::Result<std::vector<claimtrace::Document>> LoadSources(const Options& options,
                                                                  Progress* progress) {
  std::vector<claimtrace::Document> sources;
  for (const std::string& path : options.sources) {
    progress->Say(fmt::format("reading {} ({} of {})", path, sources.size() + 1,
                              options.sources.size()));
    auto source = LoadInput(path, options.check.source_format,
                            options.check.limits.ForSource(), options.fetch);
    if (!source.ok()) return source.status();
    sources.push_back(std::move(source).value());
  }
  return sources;
}

// Checks one release: a file by CheckRelease (which refuses a malformed
// inline acceptance), standard input or a URL loaded first. The result
// keeps `sources`: a copy for each release but the last, which takes them.
claimtrace::Result<claimtrace::CheckResult> CheckInput(
    const std::string& release, std::vector<claimtrace::Document> sources,
    const claimtrace::CheckOptions& check, const claimtrace::FetchOptions& fetch) {
  if (!IsStreamInput(release)) {
    return claimtrace::CheckRelease(release, std::move(sources), check);
  }
  auto document =
      LoadInput(release, check.release_format, check.limits.ForRelease(), fetch);
  if (!document.ok()) return document.status();
  return claimtrace::Check(std::move(document).value(), std::move(sources), check);
}

// CheckInput() with the sources chosen for the release from an archive.
claimtrace::Result<claimtrace::CheckResult> CheckInputWithCorpus(
    const std::string& release, claimtrace::Corpus& corpus, size_t max_sources,
    const claimtrace::CheckOptions& check, const claimtrace::FetchOptions& fetch) {
  if (!IsStreamInput(release))
    return claimtrace::CheckWithCorpus(corpus, release, check, max_sources);
  auto document =
      LoadInput(release, check.release_format, check.limits.ForRelease(), fetch);
  if (!document.ok()) return document.status();
  return claimtrace::CheckWithCorpus(corpus, std::move(document).value(), check,
                                     max_sources);
}

int RunCheck(const Flags& flags, const claimtrace::Invocation& invocation) {
  Options options;
  if (std::string error = Validate(flags, true, &options); !error.empty()) {
    return Fail(error);
  }
  Progress progress;
  // The sources: the files given, or per release the archive's best.
  std::vector<claimtrace::Document> sources;
  std::unique_ptr<claimtrace::Corpus> corpus;
  if (options.corpus.empty()) {
    auto loaded = LoadSources(options, &progress);
    if (!loaded.ok()) return Fail(loaded.status().message());
    sources = std::move(loaded).value();
  } else {
    auto opened =
        claimtrace::Corpus::Open(options.corpus, claimtrace::Corpus::OpenMode::kExisting);
    if (!opened.ok()) return Fail(opened.status().message());
    corpus = std::move(opened).value();
  }
  std::map<std::string, claimtrace::Policy> policies;
  std::vector<claimtrace::CheckResult> results;
  bool fails = false;
  for (const std::string& release : options.releases) {
    auto check = OptionsFor(release, options, &policies);
    if (!check.ok()) return Fail(check.status().message());
    progress.Say(fmt::format("checking {} ({} of {})", release, results.size() + 1,
                             options.releases.size()));
    // The last release takes the sources rather than copying them.
    bool last = results.size() + 1 == options.releases.size();
    auto result = corpus ? CheckInputWithCorpus(release, *corpus, options.max_sources,
                                                *check, options.fetch)
                         : CheckInput(release, last ? std::move(sources) : sources,
                                      *check, options.fetch);
    if (!result.ok()) return Fail(result.status().message());
    fails = fails || result->Fails();
    results.push_back(std::move(result).value());
  }
  claimtrace::MergeUnusedAcceptances(&results);
  int code = fails ? kExitFailed : kExitClean;
  options.report.invocation = invocation;
  options.report.invocation.exit_code = code;
  Timestamp(&options.report.invocation.end_time);  // validated at the start
  progress.Clear();
  int written = Emit(options.output,
                     claimtrace::RenderReports(results, options.format, options.report));
  return written != kExitClean ? written : code;
}

int RunExtract(const Flags& flags) {
  Options options;
  Flags one = flags;
  one.files = {flags.release};
  if (std::string error = Validate(one, false, &options); !error.empty()) {
    return Fail(error);
  }
  auto release = LoadInput(flags.release, options.check.release_format,
                           options.check.limits.ForRelease(), options.fetch);
  if (!release.ok()) return Fail(release.status().message());
  claimtrace::Extraction extraction;
  try {
    extraction = claimtrace::ExtractClaims(*release);
  } catch (const std::bad_alloc&) {
    return Fail(fmt::format(
        "{}: out of memory while reading its claims; lower --max-release-size to refuse "
        "such inputs early",
        flags.release));
  }
  if (extraction.claims.size() > options.check.limits.max_claims) {
    return Fail(fmt::format(
        "{}: {} claims, over the limit of {} claims in one release; raise it with "
        "--max-claims if the file is genuine",
        flags.release, extraction.claims.size(), options.check.limits.max_claims));
  }
  return Emit(options.output,
              claimtrace::RenderClaims(*release, extraction, options.format));
}

// Where baseline writes for a release: --output, else --config, else the
// policy file that applies to it, else a new claimtrace.toml at the
// repository root (or beside the release outside a repository), where the
// next check will find it.
std::string BaselineTarget(const Flags& flags, const std::string& release) {
  if (!flags.output.empty()) return flags.output;
  if (!flags.config.empty()) return flags.config;
  if (std::string found = claimtrace::FindPolicyFile(release); !found.empty()) {
    return found;
  }
  fs::path dir = fs::path(release).parent_path();
  std::string root = claimtrace::FindRepositoryRoot(release);
  if (!root.empty()) {
    std::error_code ec;
    fs::path relative = fs::relative(root, fs::current_path(ec), ec);
    if (!ec) dir = relative;
  }
  return (dir / claimtrace::kPolicyFileNames[0]).lexically_normal().string();
}

std::string ReadFile(const std::string& path, bool* exists) {
  std::ifstream in(path, std::ios::binary);
  *exists = static_cast<bool>(in);
  std::ostringstream text;
  if (in) text << in.rdbuf();
  return text.str();
}

int RunBaseline(const Flags& flags) {
  using namespace claimtrace;
  Options options;
  if (std::string error = Validate(flags, true, &options); !error.empty()) {
    return Fail(error);
  }
  Progress progress;
  auto sources = LoadSources(options, &progress);
  if (!sources.ok()) return Fail(sources.status().message());
  // Releases grouped by the policy file they share, in the order given.
  std::vector<std::pair<std::string, std::vector<std::string>>> groups;
  for (const std::string& release : options.releases) {
    // Standard input and URLs: the policy of the working folder.
    std::string target = BaselineTarget(flags, IsStreamInput(release) ? "-" : release);
    auto it = std::find_if(groups.begin(), groups.end(),
                           [&](const auto& g) { return g.first == target; });
    if (it == groups.end()) it = groups.insert(groups.end(), {target, {}});
    it->second.push_back(release);
  }
  std::string report;
  for (const auto& [target, releases] : groups) {
    // Start from --config when it names another file than the one written.
    std::string from = !flags.config.empty() ? flags.config : target;
    bool exists = false;
    std::string text = ReadFile(from, &exists);
    CheckOptions check = options.check;
    if (exists) {
      Result<Policy> policy = ParsePolicy(text, from);
      if (!policy.ok()) return Fail(policy.status().message());
      check.policy = std::move(policy).value();
    } else {
      if (!flags.config.empty())
        return Fail(flags.config + ": cannot open the policy file");
      text = FormatPolicy(check.policy);
    }
    if (options.fail_on) check.policy.fail_on = *options.fail_on;
    std::vector<Acceptance> add;
    std::set<std::string> present, added;
    for (const std::string& release : releases) {
      auto result = CheckInput(release, *sources, check, options.fetch);
      if (!result.ok()) return Fail(result.status().message());
      for (const CheckedClaim& c : result->claims) {
        present.insert(c.fingerprint);
        if (!c.fails || !added.insert(c.fingerprint).second) continue;
        add.push_back(
            {c.fingerprint,
             fmt::format("{} {} \"{}\" (accepted by claimtrace baseline; say why)",
                         VerdictName(c.finding.verdict),
                         ClaimKindName(c.finding.claim.kind),
                         TruncateUtf8(c.finding.claim.text, 60))});
      }
    }
    std::set<std::string> prune;
    if (flags.prune) {
      for (const Acceptance& a : check.policy.accepted) {
        if (!present.count(a.fingerprint)) prune.insert(a.fingerprint);
      }
    }
    PolicyEdit edit = EditPolicyText(text, add, prune);
    if (std::string error = WriteOutputFile(target, edit.text); !error.empty()) {
      return Fail(error);
    }
    report += fmt::format("{}: {} claim{} accepted, {} pruned\n", target, edit.added,
                          edit.added == 1 ? "" : "s", edit.pruned);
  }
  return Emit("", report);
}

int RunServe(const Flags& flags) {
  claimtrace::ServeOptions serve;
  if (std::string error = ValidateLimits(flags, &serve.check.limits); !error.empty()) {
    return Fail(error);
  }
  if (flags.port < 0 || flags.port > 65535) return Fail("--port must be 0 to 65535");
  if (!flags.max_upload_size.empty() &&
      !ParseSize(flags.max_upload_size, &serve.max_upload_bytes)) {
    return Fail(fmt::format("--max-upload-size '{}' is not a size (e.g. 64M)",
                            flags.max_upload_size));
  }
  if (!flags.max_kept_size.empty() &&
      !ParseSize(flags.max_kept_size, &serve.max_kept_bytes)) {
    return Fail(fmt::format("--max-kept-size '{}' is not a size (e.g. 256M)",
                            flags.max_kept_size));
  }
  serve.fetch.timeout_seconds = flags.timeout;
  serve.port = flags.port;
  serve.host = flags.host;
  serve.on_listening = [&serve](int port) {
    fmt::print(
        "claimtrace: serving http://{}:{}/ (Ctrl-C stops)\n",
        serve.host.find(':') == std::string::npos ? serve.host : "[" + serve.host + "]",
        port);
    std::fflush(stdout);
  };
  claimtrace::Status status = claimtrace::Serve(serve);
  return status.ok() ? kExitClean : Fail(status.message());
}

// The input files named on the command line, for a message.
std::string Inputs(const Flags& flags) {
  std::string out = flags.release;
  for (const std::string& f : flags.files) out += (out.empty() ? "" : ", ") + f;
  for (const std::string& f : flags.sources) out += (out.empty() ? "" : ", ") + f;
  return out.empty() ? "claimtrace" : out;
}

}  // namespace

int main(int argc, char** argv) {
#ifdef M_ARENA_MAX
  // One heap for every thread: sources are indexed and claims matched on
  // every core, and with a heap a thread, what one thread frees the others
  // do not reuse (a 50 MB source peaked 10 MB higher, at no gain in time).
  mallopt(M_ARENA_MAX, 1);
  // Blocks of 64 KB and more mapped apart from the heap, always: a loader's
  // buffers and a parser's copy of the page go back to the system when
  // freed, instead of leaving the heap holed (glibc otherwise raises this
  // threshold to the largest block freed, 4 MB for a 4 MB page). A 4 MB
  // HTML source peaked 2.4 MB lower, a text one 1.1 MB, in the same time.
  mallopt(M_MMAP_THRESHOLD, 64 * 1024);
#endif
  claimtrace::InstallCleanupHandlers();
  claimtrace::Invocation invocation;
  if (std::string error = Timestamp(&invocation.start_time); !error.empty()) {
    return Fail(error);
  }
  invocation.command_line = "claimtrace";
  for (int i = 1; i < argc; ++i) {
    invocation.arguments.push_back(argv[i]);
    invocation.command_line += " " + ShellQuote(argv[i]);
  }

  // `index` and `sources --corpus`: see index_command.cc.
  if (int code = 0; claimtrace_cli::RunCorpusCommand(argc, argv, &code)) return code;
  CLI::App app{
      "claimtrace: checks a press release against the official report it cites.\n"
      "Extracts every quotation and numeric claim, traces each to its passage in\n"
      "the source, and flags what it cannot trace."};
  app.set_version_flag("--version", std::string(claimtrace::Version()));
  app.require_subcommand(1);
  app.footer(
      "Examples:\n"
      "  claimtrace check release.txt report.txt\n"
      "  pbpaste | claimtrace check - report.pdf\n"
      "  claimtrace check https://example.org/news/1 https://example.org/report.pdf\n"
      "  claimtrace check --source report.pdf drafts/*.md drafts/*.docx\n"
      "  claimtrace check --format html --output audit.html release.txt report.pdf\n"
      "  claimtrace check --format sarif --output claims.sarif --source report.pdf "
      "release.docx\n"
      "  claimtrace check --fail-on altered,mismatch release.html report.pdf\n"
      "  claimtrace check --corpus reports.db --format html --output audit.html "
      "release.md\n"
      "  claimtrace extract release.txt\n"
      "  claimtrace serve --port 8080   # then open http://127.0.0.1:8080/\n"
      "  claimtrace baseline --prune --source report.txt release.txt   # edits "
      "claimtrace.toml\n"
      "\n"
      "The policy file (claimtrace.toml) is found from the release's folder up to\n"
      "the repository root, or named with --config.\n"
      "Exit codes: 0 nothing fails the policy, 1 something does, 2 usage, input or "
      "output error.");

  Flags flags;
  auto add_inputs = [&flags](CLI::App* cmd) {
    cmd->add_option("FILES", flags.files,
                    "The release(s) (text, Markdown, HTML, DOCX, PDF); without "
                    "--source, RELEASE SOURCE...; '-' reads standard input, an "
                    "http(s):// URL is downloaded");
    cmd->add_option("-s,--source", flags.sources,
                    "A report the releases cite (repeat for several)")
        ->allow_extra_args(false);  // `--source R a.md b.md`: a.md is a release
    cmd->add_option("--release-format", flags.release_format,
                    "Read the releases as auto|text|markdown|html|docx|rtf|pdf")
        ->capture_default_str();
    cmd->add_option("--source-format", flags.source_format,
                    "Read the sources as auto|text|markdown|html|docx|rtf|pdf")
        ->capture_default_str();
    cmd->add_option("--fail-on", flags.fail_on,
                    "Verdicts that fail the run, comma-separated, or 'none' "
                    "(default: altered,mismatch,untraced)");
    cmd->add_option("--config", flags.config,
                    "Policy file (TOML); default: claimtrace.toml found from the "
                    "release's folder up to the repository root");
    cmd->add_option("--min-coverage", flags.min_coverage,
                    "Least share of a quotation's words one passage must align "
                    "with for 'altered' rather than 'untraced'")
        ->capture_default_str();
  };

  auto add_limits = [&flags](CLI::App* cmd) {
    cmd->add_option("--max-input-size", flags.max_input_size,
                    "Largest input file, and largest part of a .docx uncompressed "
                    "(default 128M)");
    cmd->add_option("--max-release-size", flags.max_release_size,
                    "Largest text a release may hold (default 4M)");
    cmd->add_option("--max-pages", flags.max_pages, "Most pages read from a PDF source")
        ->capture_default_str();
    cmd->add_option("--max-release-pages", flags.max_release_pages,
                    "Most pages read from a PDF release")
        ->capture_default_str();
    cmd->add_option("--max-claims", flags.max_claims, "Most claims in one release")
        ->capture_default_str();
    cmd->add_option("--timeout", flags.timeout,
                    "Seconds a URL input may take to download, redirects included")
        ->capture_default_str();
  };

  CLI::App* check = app.add_subcommand("check", "Check releases against their source(s)");
  add_inputs(check);
  add_limits(check);
  check->add_option("-o,--output", flags.output,
                    "Write the output to FILE (whole or not at all) instead of "
                    "standard output");
  check->add_option("-f,--format", flags.format,
                    "Output: text (default), json, jsonl, html, markdown, sarif, github");
  check->add_option("--color", flags.color, "Colour text output: auto, always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  check->add_flag("-q,--quiet,--only-flagged", flags.quiet,
                  "Show only the claims that fail, the warnings and the summary");
  check->add_flag("--show-accepted", flags.show_accepted,
                  "github format: post accepted claims as notices too");
  check->add_option("--corpus", flags.corpus,
                    "Choose each release's sources from this archive (claimtrace index "
                    "add): a SQLite file or postgresql://...");
  check
      ->add_option("--max-sources", flags.max_sources,
                   "With --corpus: reports to trace the claims against, best first")
      ->capture_default_str();

  CLI::App* extract =
      app.add_subcommand("extract", "List a release's claims without checking them");
  extract
      ->add_option("RELEASE", flags.release,
                   "The press release (text, Markdown, HTML, DOCX, PDF)")
      ->required();
  extract->add_option("-o,--output", flags.output, "Write the output to FILE");
  extract->add_option("-f,--format", flags.format, "Output: text (default) or json");
  extract->add_option("--release-format", flags.release_format,
                      "Read the release as auto|text|markdown|html|docx|rtf|pdf");
  add_limits(extract);

  CLI::App* baseline = app.add_subcommand(
      "baseline",
      "Accept every claim that fails now: edits the policy file in place, keeping "
      "its comments");
  add_inputs(baseline);
  add_limits(baseline);
  baseline->add_option("-o,--output", flags.output,
                       "Policy file to write (default: --config, or the one found, or "
                       "a new claimtrace.toml at the repository root)");
  baseline->add_flag("--prune", flags.prune,
                     "Also remove acceptances that no longer match a claim of the "
                     "releases given");

  CLI::App* serve = app.add_subcommand(
      "serve", "Run the checker as a web page on this computer (http://127.0.0.1:8080/)");
  serve->add_option("--port", flags.port, "Port to listen on; 0 picks a free one")
      ->capture_default_str();
  serve
      ->add_option("--host", flags.host,
                   "Address to listen on; the default serves this computer only")
      ->capture_default_str();
  serve->add_option("--max-upload-size", flags.max_upload_size,
                    "Largest request, all files together (default 64M)");
  serve->add_option("--max-kept-size", flags.max_kept_size,
                    "Memory for the reports of the latest checks, which evidence links "
                    "open (default 256M; the oldest are forgotten first)");
  add_limits(serve);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitClean : kExitError;
  }
  try {
    if (check->parsed()) return RunCheck(flags, invocation);
    if (extract->parsed()) return RunExtract(flags);
    if (baseline->parsed()) return RunBaseline(flags);
    if (serve->parsed()) return RunServe(flags);
  } catch (const std::bad_alloc&) {
    return Fail(
        fmt::format("{}: out of memory; lower the --max-* limits to refuse such "
                    "inputs early",
                    Inputs(flags)));
  } catch (const std::exception& e) {
    return Fail(fmt::format("{}: internal error: {}", Inputs(flags), e.what()));
  }
  return kExitError;
}
