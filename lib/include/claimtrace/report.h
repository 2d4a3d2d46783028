// Report: renders a CheckResult for people and programs.
//
// Formats: text (terminal), json (the contract in docs/schema.json), html (a
// self-contained audit report), markdown (a pull-request comment), sarif
// (SARIF 2.1.0), github (workflow commands). Output is deterministic: the
// same result and options give the same bytes.
#ifndef CLAIMTRACE_REPORT_H_
#define CLAIMTRACE_REPORT_H_

#include <string>
#include <string_view>

#include "claimtrace/check.h"

namespace claimtrace {

enum class ReportFormat { kText, kJson, kHtml, kMarkdown, kSarif, kGithub };

std::string_view ReportFormatName(ReportFormat format);
bool ParseReportFormatName(std::string_view name, ReportFormat* format);

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
  // Where the report will be written, so the HTML and Markdown reports can
  // link each PDF passage to its page (`report.pdf#page=3`) relative to it.
  // Empty: standard output; links are relative to the working directory.
  // Default: ""
  std::string output_path;
};

// Returns the report as one string.
std::string RenderReport(const CheckResult& result, ReportFormat format,
                         const ReportOptions& options);

// Returns only the claims (no verdicts), for `claimtrace extract`.
std::string RenderClaims(const Document& release, const Extraction& extraction,
                         ReportFormat format);

// The library's version, "MAJOR.MINOR.PATCH".
std::string_view Version();

}  // namespace claimtrace

#endif  // CLAIMTRACE_REPORT_H_
