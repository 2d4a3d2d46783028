// Shared pieces of the report renderers: one function per format, and the
// helpers they have in common (ordering, counts, locations, escaping).
#ifndef CLAIMTRACE_REPORT_REPORT_INTERNAL_H_
#define CLAIMTRACE_REPORT_REPORT_INTERNAL_H_

#include <array>
#include <functional>
#include <string>
#include <string_view>
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

// A top-level value that SpliceJsonArray() replaces.
inline constexpr std::string_view kJsonArrayMark =
    "\x01"
    "array"
    "\x01";

// Returns `dumped` (a JSON object dumped with indent 2 whose top-level key
// `key` holds the string kJsonArrayMark) with that value replaced by an
// array of `count` elements, element `i` given dumped with indent 2 by
// `element(i)`: the bytes a dump of the whole would give, without holding
// a release's claims as a JSON tree besides their text.
std::string SpliceJsonArray(const std::string& dumped, std::string_view key, size_t count,
                            const std::function<std::string(size_t)>& element);

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

// Where evidence sits, as its source document locates the match: the page
// and line (for PDF, the line on that page), and the table cell it is in.
struct EvidencePlace {
  int page = 0;
  int line = 0;
  std::string section;        // the heading, or the cell's table caption
  std::string cell;           // `Table 1, "Vacancy rate", 2023/24`; "" if none
  std::string table;          // the cell's table label ("1"); "" if none
  std::string row_header;     // the cell's row header text; "" if none
  std::string column_header;  // the cell's column header text; "" if none
};
EvidencePlace PlaceOf(const CheckResult& result, const Evidence& evidence);

// Where the evidence is: "report.txt ¶29 p.3 “Section” line 57", or for a
// table cell "report.pdf Table 1, "Vacancy rate", 2023/24 p.2 “Caption”
// line 14".
std::string LocationLabel(const CheckResult& result, const Evidence& evidence);

// The other sources that hold a quotation too (Finding::also): "also in:
// summary.pdf, annex.docx"; "" when there are none.
std::string AlsoIn(const CheckResult& result, const Finding& finding);

// A link that opens the evidence, relative to where the report is written:
// a PDF passage's page, with its first words to search for where the viewer
// can ("../reports/report.pdf#page=3&search=%22receive%20timely%22", Adobe's
// open parameters, which PDF.js reads too), a web page's text fragment
// ("page.html#:~:text=receive%20timely"; the URL itself for a page fetched
// from one); "" for other evidence. A source served by an app
// (ReportOptions::source_links) is linked at its URL there.
std::string PageLink(const CheckResult& result, const Evidence& evidence,
                     const ReportOptions& options);

// A link to the app's page of the evidence's source text with the matched
// words marked (ReportOptions::source_links); "" when there is none.
std::string PassageLink(const CheckResult& result, const Evidence& evidence,
                        const ReportOptions& options);

// "YYYY-MM-DD", "YYYY-MM" or "YYYY"; "" when no year.
std::string DateString(const CivilDate& date);

// Returns `text` (well-formed UTF-8) with each invisible format character
// (Unicode category Cf: the bidi controls U+202A-U+202E, U+2066-U+2069 and
// marks, zero-width space, word joiner, BOM, tag characters) shown as its
// code point, "⟨U+202E⟩": a right-to-left override would otherwise show a
// quotation's words reversed ("Trojan Source"), and an invisible character
// hide a difference. The joiners (U+200C, U+200D) and soft hyphen are kept.
std::string ShowFormatCharacters(std::string_view text);

// Returns `out` as well-formed UTF-8 without control characters but tab and
// newline (a CR could overwrite a line) (see CleanUtf8) or format characters
// (see ShowFormatCharacters), so no input can drive a terminal, forge a line or
// reorder a quotation; with `color`, the renderer's own SGR colour codes (ESC [ n;n m)
// are kept.
std::string SafeOutput(std::string_view out, bool color);

// For a release whose lines are not the file's (a Word draft, a PDF: a
// code host cannot open a line of them), "paragraph 12"; "" otherwise, when
// annotations point at lines.
std::string ParagraphPlace(const Document& release, const Claim& claim);

// The name of a word diff operation in JSON and Python: "same", "dropped",
// "added", "changed", "elided".
std::string_view DiffOpName(DiffOp::Kind kind);

// For a release checked against an archive (CheckResult::ranking): one
// line per report it draws on, "1. 80% (28/35 claims) reports/a.pdf", or
// the one line saying no report explains a claim. Empty for other checks.
std::vector<std::string> RankingLines(const CheckResult& result);

// The one-line summary: "34 claims: 20 verbatim, ...; 5 fail the policy".
std::string SummaryLine(const CheckResult& result);

}  // namespace claimtrace

#endif  // CLAIMTRACE_REPORT_REPORT_INTERNAL_H_
