// Markdown for a pull-request comment: a summary table, then each flagged
// claim with its evidence and the changed words. Input text is escaped so a
// release cannot inject markup into the comment.
#include <fmt/format.h>

#include "report/report_internal.h"

namespace claimtrace {
namespace {

std::string Escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '|':
      case '*':
      case '_':
      case '`':
      case '[':
      case ']':
      case '\\':
      case '#':
      case '~':
        out += '\\';
        out += c;
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '\n':
        out += ' ';
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace

std::string RenderMarkdown(const CheckResult& result, const ReportOptions& options) {
  std::string out = fmt::format("## claimtrace: {}\n\n", Escape(result.release.path()));
  out += "| verdict | claims |\n|---|---:|\n";
  std::array<int, 6> counts = CountVerdicts(result);
  for (size_t i = 0; i < kVerdicts.size(); ++i) {
    if (counts[i])
      out += fmt::format("| {} | {} |\n", VerdictName(kVerdicts[i]), counts[i]);
  }
  out += "\n" + Escape(SummaryLine(result)) + "\n";
  if (std::vector<std::string> ranking = RankingLines(result); !ranking.empty()) {
    out += "\nThe reports it draws on, from the archive:\n\n";
    for (const std::string& line : ranking) out += "- " + Escape(line) + "\n";
  }
  for (const Warning& w : result.warnings) {
    out += fmt::format("\n> **Warning** ({}): {}\n", w.code, Escape(w.message));
  }
  bool any = false;
  for (const CheckedClaim* c : FlaggedFirst(result)) {
    const Finding& f = c->finding;
    if (!IsFlagged(f.verdict) || !Shown(*c, options)) continue;
    if (!any) out += "\n### Flagged claims\n";
    any = true;
    LineColumn lc = result.release.Locate(f.claim.span.begin);
    out +=
        fmt::format("\n**{}** {} at line {}, column {}{}{}\n\n> {}\n",
                    VerdictName(f.verdict), ClaimKindName(f.claim.kind), lc.line,
                    lc.column, c->fails ? " (fails the policy)" : "",
                    c->accepted ? " (accepted: " + Escape(c->accepted_reason) + ")" : "",
                    Escape(f.claim.text));
    if (f.evidence.source >= 0) {
      std::string where = Escape(LocationLabel(result, f.evidence));
      std::string link = PageLink(result, f.evidence, options);
      if (!link.empty()) where = "[" + where + "](" + link + ")";
      out += fmt::format(
          "\nSource, {}:\n\n> {}\n", where,
          Escape(result.sources[f.evidence.source].Slice(f.evidence.passage)));
      if (std::string also = AlsoIn(result, f); !also.empty())
        out += "\n" + Escape(also) + "\n";
    }
    if (!f.evidence.diff.empty()) {
      std::string diff;
      for (const DiffOp& op : f.evidence.diff) {
        if (!diff.empty()) diff += ' ';
        switch (op.kind) {
          case DiffOp::Kind::kSame:
            diff += Escape(op.quote_words);
            break;
          case DiffOp::Kind::kDropped:
            diff += "~~" + Escape(op.source_words) + "~~";
            break;
          case DiffOp::Kind::kAdded:
            diff += "**" + Escape(op.quote_words) + "**";
            break;
          case DiffOp::Kind::kChanged:
            diff +=
                "~~" + Escape(op.source_words) + "~~ **" + Escape(op.quote_words) + "**";
            break;
          case DiffOp::Kind::kElided:
            diff += "…";
            break;
        }
      }
      out += "\nChanges (~~source~~ **release**): " + diff + "\n";
    }
    for (const std::string& note : f.notes) out += "\n_" + Escape(note) + "_\n";
  }
  return out;
}

}  // namespace claimtrace
