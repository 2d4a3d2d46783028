// claimtrace: the command-line tool. Thin glue over the library: parse flags
// into one validated options struct, run the pipeline, render, and map the
// outcome to an exit code (0 nothing fails the policy, 1 something does,
// 2 usage or input error). No matching logic lives here.
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "claimtrace/check.h"
#include "claimtrace/extract.h"
#include "claimtrace/options.h"
#include "claimtrace/report.h"

namespace {

constexpr int kExitClean = 0;
constexpr int kExitFailed = 1;
constexpr int kExitError = 2;

constexpr const char* kPolicyFileNames[] = {"claimtrace.toml", ".claimtrace.toml"};

// The flags as typed.
struct Flags {
  std::string release;
  std::vector<std::string> sources;
  std::string format;
  std::string output;
  std::string color = "auto";
  std::string fail_on;
  std::string config;
  std::string release_format = "auto";
  std::string source_format = "auto";
  double min_coverage = claimtrace::MatchOptions().min_coverage;
};

// The flags validated, before any work starts.
struct Options {
  claimtrace::CheckOptions check;
  claimtrace::ReportFormat format = claimtrace::ReportFormat::kText;
  claimtrace::ReportOptions report;
  std::string output;  // empty: standard output
};

int Fail(const std::string& message) {
  fmt::print(stderr, "claimtrace: {}\n", message);
  return kExitError;
}

// Writes `content` to `path` whole or not at all: a temporary file in the
// same directory, flushed, then renamed over the target.
bool WriteFileAtomically(const std::string& path, const std::string& content,
                         std::string* error) {
  namespace fs = std::filesystem;
  fs::path target(path);
  fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string tmpl = (dir / (target.filename().string() + ".tmp.XXXXXX")).string();
  int fd = mkstemp(tmpl.data());
  if (fd < 0) {
    *error = fmt::format("{}: cannot create a file in {}", path, dir.string());
    return false;
  }
  size_t written = 0;
  while (written < content.size()) {
    ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n <= 0) break;
    written += static_cast<size_t>(n);
  }
  bool ok = written == content.size() && ::fsync(fd) == 0;
  ok = (::close(fd) == 0) && ok;
  std::error_code ec;
  if (ok) fs::rename(tmpl, target, ec);
  if (!ok || ec) {
    fs::remove(tmpl, ec);
    *error = fmt::format("{}: write failed; the file was left unchanged", path);
    return false;
  }
  return true;
}

int Emit(const std::string& output, const std::string& content) {
  if (output.empty() || output == "-") {
    std::fwrite(content.data(), 1, content.size(), stdout);
    return std::fflush(stdout) == 0 ? kExitClean
                                    : Fail("cannot write to standard output");
  }
  std::string error;
  return WriteFileAtomically(output, content, &error) ? kExitClean : Fail(error);
}

bool UseColor(const std::string& color, const std::string& output) {
  if (color == "always") return true;
  if (color == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  return (output.empty() || output == "-") && isatty(STDOUT_FILENO) &&
         !(no_color && *no_color) && !(term && std::string(term) == "dumb");
}

std::string Timestamp() {
  // SOURCE_DATE_EPOCH makes the HTML report reproducible for tests.
  std::time_t now = std::time(nullptr);
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH")) now = std::atoll(epoch);
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(now));
}

// Turns flags into Options; returns an error message, or "" on success.
std::string Validate(const Flags& flags, Options* options) {
  using namespace claimtrace;
  std::string format = flags.format.empty() ? "text" : flags.format;
  if (!ParseReportFormatName(format, &options->format)) {
    return fmt::format(
        "unknown --format '{}' (text, json, html, markdown, sarif, github)",
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

  std::string config = flags.config;
  if (config.empty()) {
    for (const char* name : kPolicyFileNames) {
      if (std::filesystem::is_regular_file(name)) {
        config = name;
        break;
      }
    }
  }
  if (!config.empty()) {
    Result<Policy> policy = LoadPolicy(config);
    if (!policy.ok()) return policy.status().message();
    options->check.policy = std::move(policy).value();
  }
  if (!flags.fail_on.empty()) {
    std::set<Verdict> fail_on;
    if (flags.fail_on != "none") {
      size_t start = 0;
      while (start <= flags.fail_on.size()) {
        size_t comma = flags.fail_on.find(',', start);
        std::string name = flags.fail_on.substr(
            start, comma == std::string::npos ? std::string::npos : comma - start);
        Verdict v;
        if (!ParseVerdictName(name, &v)) {
          return fmt::format("unknown verdict '{}' in --fail-on", name);
        }
        fail_on.insert(v);
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
    }
    options->check.policy.fail_on = std::move(fail_on);
  }
  options->output = flags.output;
  options->report.output_path = flags.output;
  options->report.color =
      options->format == ReportFormat::kText && UseColor(flags.color, flags.output);
  options->report.tool_version = std::string(Version());
  if (options->format == ReportFormat::kHtml) options->report.timestamp = Timestamp();
  return "";
}

int RunCheck(const Flags& flags) {
  Options options;
  if (std::string error = Validate(flags, &options); !error.empty()) return Fail(error);
  auto result = claimtrace::Check(flags.release, flags.sources, options.check);
  if (!result.ok()) return Fail(result.status().message());
  int code = Emit(options.output,
                  claimtrace::RenderReport(*result, options.format, options.report));
  if (code != kExitClean) return code;
  return result->Fails() ? kExitFailed : kExitClean;
}

int RunExtract(const Flags& flags) {
  Options options;
  if (std::string error = Validate(flags, &options); !error.empty()) return Fail(error);
  auto release = claimtrace::LoadDocument(flags.release, options.check.release_format);
  if (!release.ok()) return Fail(release.status().message());
  claimtrace::Extractor extractor;
  return Emit(options.output, claimtrace::RenderClaims(
                                  *release, extractor.Extract(*release), options.format));
}

int RunBaseline(const Flags& flags) {
  Options options;
  if (std::string error = Validate(flags, &options); !error.empty()) return Fail(error);
  auto result = claimtrace::Check(flags.release, flags.sources, options.check);
  if (!result.ok()) return Fail(result.status().message());
  claimtrace::Policy policy = options.check.policy;
  for (const claimtrace::CheckedClaim& c : result->claims) {
    if (!c.fails) continue;
    std::string text = c.finding.claim.text.substr(0, 60);
    policy.accepted.push_back(
        {c.fingerprint,
         fmt::format("{} {} \"{}\" (accepted by claimtrace baseline; say why)",
                     claimtrace::VerdictName(c.finding.verdict),
                     claimtrace::ClaimKindName(c.finding.claim.kind), text)});
  }
  std::string output = flags.output.empty() ? kPolicyFileNames[0] : flags.output;
  return Emit(output, claimtrace::FormatPolicy(policy));
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "claimtrace: checks a press release against the official report it cites.\n"
      "Extracts every quotation and numeric claim, traces each to its passage in\n"
      "the source, and flags what it cannot trace."};
  app.set_version_flag("--version", std::string(claimtrace::Version()));
  app.require_subcommand(1);
  app.footer(
      "Examples:\n"
      "  claimtrace check release.txt report.txt\n"
      "  claimtrace check --format html --output audit.html release.txt report.pdf\n"
      "  claimtrace check --format sarif release.docx report.pdf > claims.sarif\n"
      "  claimtrace check --fail-on altered,mismatch release.html report.pdf\n"
      "  claimtrace extract release.txt\n"
      "  claimtrace baseline release.txt report.txt   # writes claimtrace.toml\n"
      "\n"
      "Exit codes: 0 nothing fails the policy, 1 something does, 2 usage or input "
      "error.");

  Flags flags;
  auto add_common = [&flags](CLI::App* cmd, bool with_sources) {
    cmd->add_option("RELEASE", flags.release,
                    "The press release (text, Markdown, HTML, DOCX, PDF)")
        ->required();
    if (with_sources) {
      cmd->add_option("SOURCE", flags.sources, "The report(s) it cites")->required();
    }
    cmd->add_option(
        "-o,--output", flags.output,
        "Write the output to FILE (whole or not at all) instead of standard output");
    cmd->add_option("--release-format", flags.release_format,
                    "Read the release as auto|text|markdown|html|docx|rtf|pdf")
        ->capture_default_str();
  };

  CLI::App* check = app.add_subcommand("check", "Check a release against its source(s)");
  add_common(check, true);
  check->add_option("-f,--format", flags.format,
                    "Output: text (default), json, html, markdown, sarif, github");
  check->add_option("--color", flags.color, "Colour text output: auto, always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  check->add_option("--fail-on", flags.fail_on,
                    "Verdicts that fail the run, comma-separated, or 'none' "
                    "(default: altered,mismatch,untraced)");
  check->add_option("--config", flags.config,
                    "Policy file (TOML); default: ./claimtrace.toml if present");
  check
      ->add_option("--source-format", flags.source_format,
                   "Read the sources as auto|text|markdown|html|docx|rtf|pdf")
      ->capture_default_str();
  check
      ->add_option("--min-coverage", flags.min_coverage,
                   "Least share of a quotation's words one passage must align "
                   "with for 'altered' rather than 'untraced'")
      ->capture_default_str();

  CLI::App* extract =
      app.add_subcommand("extract", "List a release's claims without checking them");
  add_common(extract, false);
  extract->add_option("-f,--format", flags.format, "Output: text (default) or json");

  CLI::App* baseline = app.add_subcommand(
      "baseline", "Write a policy file accepting every claim that fails now");
  add_common(baseline, true);
  baseline->add_option("--config", flags.config, "Policy file to start from");
  baseline->add_option("--source-format", flags.source_format,
                       "Read the sources as auto|text|markdown|html|docx|rtf|pdf");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitClean : kExitError;
  }
  try {
    if (check->parsed()) return RunCheck(flags);
    if (extract->parsed()) return RunExtract(flags);
    if (baseline->parsed()) return RunBaseline(flags);
  } catch (const std::exception& e) {
    return Fail(fmt::format("internal error: {}", e.what()));
  }
  return kExitError;
}
