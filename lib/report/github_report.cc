// GitHub Actions workflow commands: one annotation per flagged claim on the
// release's line and column, one `::warning` per warning, escaped as the
// runner requires (data: `%`, CR, LF; properties also `:` and `,`).
// Accepted claims are posted as notices only when asked (show_accepted), so
// that a claim accepted once is not announced again on every run.
#include <fmt/format.h>

#include "report/report_internal.h"

namespace claimtrace {
namespace {

// Escapes a command's message ("data").
std::string EscapeData(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '%')
      out += "%25";
    else if (c == '\r')
      out += "%0D";
    else if (c == '\n')
      out += "%0A";
    else
      out += c;
  }
  return out;
}

// Escapes a property value (file, title): also ':' and ','.
std::string EscapeProperty(std::string_view s) {
  std::string out;
  for (char c : EscapeData(s)) {
    if (c == ':')
      out += "%3A";
    else if (c == ',')
      out += "%2C";
    else
      out += c;
  }
  return out;
}

}  // namespace

std::string RenderGithub(const CheckResult& result, const ReportOptions& options) {
  std::string out;
  if (std::vector<std::string> ranking = RankingLines(result); !ranking.empty()) {
    std::string message = "the reports it draws on, from the archive:";
    for (const std::string& line : ranking) message += "\n" + line;
    out += fmt::format("::notice file={},title={}::{}\n",
                       EscapeProperty(result.release.path()),
                       EscapeProperty("claimtrace sources"), EscapeData(message));
  }
  for (const CheckedClaim& c : result.claims) {
    const Finding& f = c.finding;
    if (!IsFlagged(f.verdict) && !c.accepted) continue;
    if (c.accepted && !options.show_accepted) continue;
    if (!Shown(c, options)) continue;
    const char* level = c.accepted ? "notice" : c.fails ? "error" : "warning";
    LineColumn begin = result.release.Locate(f.claim.span.begin);
    LineColumn end = result.release.Locate(f.claim.span.end);
    std::string message = fmt::format("{} {} “{}”", VerdictName(f.verdict),
                                      ClaimKindName(f.claim.kind), f.claim.text);
    if (f.evidence.source >= 0) {
      message += "\nsource: " + LocationLabel(result, f.evidence) + "\n" +
                 std::string(result.sources[f.evidence.source].Slice(f.evidence.passage));
      if (std::string also = AlsoIn(result, f); !also.empty()) message += "\n" + also;
    }
    for (const std::string& note : f.notes) message += "\n" + note;
    if (c.accepted) message += "\naccepted: " + c.accepted_reason;
    // A Word or PDF draft has no lines a code host can open: the annotation
    // goes on the file, and its title names the paragraph.
    std::string paragraph = ParagraphPlace(result.release, f.claim);
    std::string where = paragraph.empty()
                            ? fmt::format(",line={},col={},endLine={},endColumn={}",
                                          begin.line, begin.column, end.line, end.column)
                            : "";
    std::string title = "claimtrace " + std::string(VerdictName(f.verdict)) +
                        (paragraph.empty() ? "" : " (" + paragraph + ")");
    out += fmt::format("::{} file={}{},title={}::{}\n", level,
                       EscapeProperty(result.release.path()), where,
                       EscapeProperty(title), EscapeData(message));
  }
  for (size_t i = 0; i < result.warnings.size(); ++i) {
    CheckResult::Place place = WarningPlace(result, i);
    std::string line = place.line > 0 ? fmt::format(",line={}", place.line) : "";
    out += fmt::format("::warning file={}{},title={}::{}\n", EscapeProperty(place.path),
                       line, EscapeProperty("claimtrace " + result.warnings[i].code),
                       EscapeData(result.warnings[i].message));
  }
  return out;
}

}  // namespace claimtrace
