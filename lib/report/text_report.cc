// The terminal report: flagged claims first, each with its place in the
// release, its text, the evidence and what was changed; a summary line last.
// Wraps to options.width; colours only when options.color.
#include <fmt/format.h>

#include <algorithm>

#include "report/report_internal.h"

namespace claimtrace {
namespace {

constexpr const char* kRed = "\x1b[31m";
constexpr const char* kGreen = "\x1b[32m";
constexpr const char* kYellow = "\x1b[33m";
constexpr const char* kBold = "\x1b[1m";
constexpr const char* kDim = "\x1b[2m";
constexpr const char* kReset = "\x1b[0m";

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// Wraps `text` (white space collapsed) to `width` columns after `indent`.
std::string Wrap(std::string_view text, size_t width, const std::string& indent) {
  std::string out, line;
  size_t i = 0;
  auto flush = [&]() {
    if (!line.empty()) out += indent + line + "\n";
    line.clear();
  };
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\n' || text[i] == '\t')) ++i;
    size_t j = i;
    while (j < text.size() && text[j] != ' ' && text[j] != '\n' && text[j] != '\t') ++j;
    if (j == i) break;
    std::string_view word = text.substr(i, j - i);
    if (!line.empty() &&
        CodePoints(indent) + CodePoints(line) + 1 + CodePoints(word) > width)
      flush();
    if (!line.empty()) line += ' ';
    line += word;
    i = j;
  }
  flush();
  return out;
}

std::string Paint(const char* colour, std::string_view s, bool on) {
  return on ? std::string(colour) + std::string(s) + kReset : std::string(s);
}

std::string DiffLine(const std::vector<DiffOp>& diff, bool color) {
  std::string out;
  for (const DiffOp& op : diff) {
    if (!out.empty()) out += ' ';
    switch (op.kind) {
      case DiffOp::Kind::kSame:
        out += op.quote_words;
        break;
      case DiffOp::Kind::kDropped:
        out += color ? Paint(kRed, op.source_words, true) : "[-" + op.source_words + "-]";
        break;
      case DiffOp::Kind::kAdded:
        out += color ? Paint(kGreen, op.quote_words, true) : "{+" + op.quote_words + "+}";
        break;
      case DiffOp::Kind::kChanged:
        out += color ? Paint(kRed, op.source_words, true) + " " +
                           Paint(kGreen, op.quote_words, true)
                     : "[-" + op.source_words + "-]{+" + op.quote_words + "+}";
        break;
      case DiffOp::Kind::kElided:
        out += "[…]";
        break;
    }
  }
  return out;
}

}  // namespace

std::string RenderText(const CheckResult& result, const ReportOptions& options) {
  const size_t width = options.width > 20 ? static_cast<size_t>(options.width) : 80;
  const bool color = options.color;
  std::string out;
  if (std::vector<std::string> ranking = RankingLines(result); !ranking.empty()) {
    out += result.release.path() + ": the reports it draws on\n";
    for (const std::string& line : ranking) out += "  " + line + "\n";
    out += "\n";
  }
  for (const CheckedClaim* c : FlaggedFirst(result)) {
    if (!Shown(*c, options)) continue;
    const Finding& f = c->finding;
    LineColumn lc = result.release.Locate(f.claim.span.begin);
    const char* verdict_colour =
        f.verdict == Verdict::kVerbatim || f.verdict == Verdict::kTraced ? kGreen
        : f.verdict == Verdict::kAttributed                              ? kDim
        : f.verdict == Verdict::kUntraced                                ? kYellow
                                                                         : kRed;
    std::string head = fmt::format("{}:{}:{}", result.release.path(), lc.line, lc.column);
    std::string kind(ClaimKindName(f.claim.kind));
    if (f.claim.kind == ClaimKind::kQuote && !f.claim.speaker.empty())
      kind += " by " + f.claim.speaker;
    out +=
        fmt::format("{}  {}  {}{}{}\n", Paint(kBold, head, color),
                    Paint(verdict_colour, std::string(VerdictName(f.verdict)), color),
                    kind, c->accepted ? "  (accepted: " + c->accepted_reason + ")" : "",
                    c->fails ? "  FAILS" : "");
    out += Wrap("“" + f.claim.text + "”", width, "    ");
    const Evidence& e = f.evidence;
    if (e.source >= 0) {
      std::string where = Wrap(LocationLabel(result, e), width, "  ");
      out += color ? Paint(kDim, where, true) : where;
      out += Wrap(result.sources[e.source].Slice(e.passage), width, "    > ");
      if (std::string also = AlsoIn(result, f); !also.empty())
        out += Wrap(also, width, "  ");
      if (!e.diff.empty() && f.verdict != Verdict::kVerbatim) {
        out += Wrap("changes: " + DiffLine(e.diff, color), width, "  ");
      }
    }
    for (const std::string& note : f.notes) out += Wrap("note: " + note, width, "  ");
    bool cited_in_note =
        std::any_of(f.notes.begin(), f.notes.end(), [](const std::string& n) {
          return n.find("cites reference") != std::string::npos;
        });
    if (!f.claim.cites.empty() && !cited_in_note) {
      out += Wrap("cites [" + f.claim.cites + "] " + f.claim.reference, width, "  ");
    }
    out += "\n";
  }
  for (const Warning& w : result.warnings) {
    out += Wrap(Paint(kYellow, "warning", color) + " [" + w.code + "] " + w.message,
                width, "");
  }
  out += SummaryLine(result) + "\n";
  return out;
}

}  // namespace claimtrace
