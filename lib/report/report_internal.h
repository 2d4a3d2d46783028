// Shared pieces of the report renderers: one function per format, and the
// helpers they have in common (ordering, counts, locations, escaping).
#ifndef CLAIMTRACE_REPORT_REPORT_INTERNAL_H_
#define CLAIMTRACE_REPORT_REPORT_INTERNAL_H_

#include <array>
#include <string>
#include <vector>

#include "claimtrace/report.h"

namespace claimtrace {

std::string RenderJson(const CheckResult& result, const ReportOptions& options);
std::string RenderText(const CheckResult& result, const ReportOptions& options);
std::string RenderHtml(const CheckResult& result, const ReportOptions& options);
std::string RenderMarkdown(const CheckResult& result, const ReportOptions& options);
std::string RenderSarif(const std::vector<const CheckResult*>& results,
                        const ReportOptions& options);
std::string RenderGithub(const CheckResult& result, const ReportOptions& options);
std::string RenderJsonl(const CheckResult& result, const ReportOptions& options);

constexpr std::array<Verdict, 6> kVerdicts = {Verdict::kVerbatim, Verdict::kAltered,
                                              Verdict::kUntraced, Verdict::kAttributed,
                                              Verdict::kTraced,   Verdict::kMismatch};

// Returns the claims in reading order for a person: failing first, then the
// other flagged ones, then the rest, each group in release order.
std::vector<const CheckedClaim*> FlaggedFirst(const CheckResult& result);

// Returns true when `claim` is shown under `options` (--quiet shows only
// the claims that fail).
inline bool Shown(const CheckedClaim& claim, const ReportOptions& options) {
  return !options.only_failing || claim.fails;
}

// Where warning `i` of `result` points (the release when unknown).
CheckResult::Place WarningPlace(const CheckResult& result, size_t i);

// Number of claims with each verdict, indexed like kVerdicts.
std::array<int, 6> CountVerdicts(const CheckResult& result);

// "report.txt ¶29 p.3 “Section” line 57": where the evidence is.
std::string LocationLabel(const CheckResult& result, const Evidence& evidence);

// "YYYY-MM-DD", "YYYY-MM" or "YYYY"; "" when no year.
std::string DateString(const CivilDate& date);

// The one-line summary: "34 claims: 20 verbatim, ...; 5 fail the policy".
std::string SummaryLine(const CheckResult& result);

}  // namespace claimtrace

#endif  // CLAIMTRACE_REPORT_REPORT_INTERNAL_H_
