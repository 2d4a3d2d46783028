// Report: renders a CheckResult for people and programs.
//
// Formats: text (terminal), json (the contract in docs/schema.json), html (a
// self-contained audit report), markdown (a pull-request comment), sarif
// (SARIF 2.1.0), github (workflow commands), jsonl (one claim a line).
// Several releases checked in one run render as one output. Output is
// deterministic: the same results and options give the same bytes.
#ifndef CLAIMTRACE_REPORT_H_
#define CLAIMTRACE_REPORT_H_

#include <string>
#include <string_view>
#include <vector>

#include "claimtrace/check.h"

namespace claimtrace {

enum class ReportFormat { kText, kJson, kHtml, kMarkdown, kSarif, kGithub, kJsonl };

std::string_view ReportFormatName(ReportFormat format);
bool ParseReportFormatName(std::string_view name, ReportFormat* format);

// How the tool was run, recorded in SARIF's `invocations`; the command line
// also in the HTML report's record.
struct Invocation {
  std::string command_line;            // as typed, quoted where needed
  std::vector<std::string> arguments;  // argv[1..]
  std::string start_time, end_time;    // ISO 8601 UTC; "" leaves both out
  int exit_code = 0;
};

struct ReportOptions {
  // Colour text output with ANSI escapes.
  // Default: false
  bool color = false;
  // Version string of the tool, recorded in json, html and sarif.
  // Default: the library's version
  std::string tool_version;
  // Time of the check (ISO 8601), recorded in the HTML report only, so that
  // other formats stay byte-identical between runs. Empty: not shown.
  // Default: ""
  std::string timestamp;
  // Wrap width of text output.
  // Default: 80
  int width = 80;
  // Show only the claims that fail the policy, with the warnings and the
  // summary (`--quiet`).
  // Default: false
  bool only_failing = false;
  // GitHub output: post accepted claims as notices too. Off, so that a
  // claim accepted once is not announced again on every run.
  // Default: false
  bool show_accepted = false;
  // SARIF: the absolute folder (the repository root) that artifact paths are
  // made relative to, recorded as the uriBaseId SRCROOT. "": paths as given.
  // Default: ""
  std::string base_dir;
  // The run's invocation, for SARIF (the start and end times are left out
  // when empty, so that output stays byte-identical between runs) and the
  // HTML report's record (the command line; left out when empty).
  Invocation invocation;
  // Where the report will be written, so the HTML and Markdown reports can
  // link each PDF passage to its page (`report.pdf#page=3`) relative to it.
  // Empty: standard output; links are relative to the working directory.
  // Default: ""
  std::string output_path;
  // Where each source (in CheckResult::sources order) is served, for a
  // report read in an app that serves them (claimtrace serve): `bytes_url`
  // its bytes, linked instead of its path (with `#page=N` or `#:~:text=`);
  // `text_url` a page of its text, linked with `?from=B&to=E#passage`
  // appended so that page marks and scrolls to the passage. Empty: links
  // go to the source's path only.
  struct SourceLink {
    std::string bytes_url;
    std::string text_url;
  };
  std::vector<SourceLink> source_links;
};

// Returns the report as one string.
std::string RenderReport(const CheckResult& result, ReportFormat format,
                         const ReportOptions& options);

// Returns one report over several releases (one run): json an object with
// `releases` (one release: exactly RenderReport's object), sarif one run,
// jsonl, text, markdown and github the releases in turn, html one page.
std::string RenderReports(const std::vector<CheckResult>& results, ReportFormat format,
                          const ReportOptions& options);

// The reports one release draws on, as `claimtrace sources --corpus` lists
// them.
struct ReleaseRanking {
  std::string release;  // as named on the command line
  std::vector<SourceShare> sources;
};

// Returns `rankings` as JSON: an array of {"release", "sources"}, each source
// as in a check report's `ranking`.
std::string RenderRankingsJson(const std::vector<ReleaseRanking>& rankings);

// Returns only the claims (no verdicts), for `claimtrace extract`.
std::string RenderClaims(const Document& release, const Extraction& extraction,
                         ReportFormat format);

// Returns `text` (a message, a path) as well-formed UTF-8 with control
// characters shown as visible symbols, safe to print on a terminal. Reports
// in text, Markdown, HTML and GitHub formats are already safe.
std::string TerminalSafe(std::string_view text);

// Returns `text` escaped for HTML text and attribute values (& < > " ').
std::string HtmlEscape(std::string_view text);

// The library's version, "MAJOR.MINOR.PATCH".
std::string_view Version();

}  // namespace claimtrace

#endif  // CLAIMTRACE_REPORT_H_
