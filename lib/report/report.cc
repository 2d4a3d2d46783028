// RenderReport(): dispatch to the format renderers, and the helpers they
// share.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "report/report_internal.h"

namespace claimtrace {

std::string_view Version() { return CLAIMTRACE_VERSION; }

std::string_view ReportFormatName(ReportFormat format) {
  switch (format) {
    case ReportFormat::kText:
      return "text";
    case ReportFormat::kJson:
      return "json";
    case ReportFormat::kHtml:
      return "html";
    case ReportFormat::kMarkdown:
      return "markdown";
    case ReportFormat::kSarif:
      return "sarif";
    case ReportFormat::kGithub:
      return "github";
    case ReportFormat::kJsonl:
      return "jsonl";
  }
  return "text";
}

bool ParseReportFormatName(std::string_view name, ReportFormat* format) {
  for (ReportFormat f : {ReportFormat::kText, ReportFormat::kJson, ReportFormat::kHtml,
                         ReportFormat::kMarkdown, ReportFormat::kSarif,
                         ReportFormat::kGithub, ReportFormat::kJsonl}) {
    if (ReportFormatName(f) == name) {
      *format = f;
      return true;
    }
  }
  if (name == "md") {
    *format = ReportFormat::kMarkdown;
    return true;
  }
  return false;
}

std::string RenderReport(const CheckResult& result, ReportFormat format,
                         const ReportOptions& options) {
  switch (format) {
    case ReportFormat::kJson:
      return RenderJson(result, options);
    case ReportFormat::kHtml:
      return RenderHtml(result, options);
    case ReportFormat::kMarkdown:
      return RenderMarkdown(result, options);
    case ReportFormat::kSarif:
      return RenderSarif({&result}, options);
    case ReportFormat::kGithub:
      return RenderGithub(result, options);
    case ReportFormat::kJsonl:
      return RenderJsonl(result, options);
    case ReportFormat::kText:
      break;
  }
  return RenderText(result, options);
}

std::string RenderClaims(const Document& release, const Extraction& extraction,
                         ReportFormat format) {
  if (format == ReportFormat::kJson) {
    nlohmann::ordered_json out;
    out["schema"] = "claimtrace-claims/1";
    out["release"] = {
        {"path", release.path()},
        {"date", extraction.info.date ? DateString(*extraction.info.date) : ""}};
    out["claims"] = nlohmann::ordered_json::array();
    for (const Claim& c : extraction.claims) {
      LineColumn lc = release.Locate(c.span.begin);
      nlohmann::ordered_json j;
      j["kind"] = ClaimKindName(c.kind);
      j["span"] = {{"start", release.FileOffset(c.span.begin)},
                   {"end", release.FileOffset(c.span.end)}};
      j["line"] = lc.line;
      j["column"] = lc.column;
      j["text"] = c.text;
      if (c.kind == ClaimKind::kQuote) {
        j["role"] = QuoteRoleName(c.role);
        j["speaker"] = c.speaker;
      } else {
        j["value_kind"] = QuantityKindName(c.quantity.kind);
      }
      out["claims"].push_back(std::move(j));
    }
    return out.dump(2) + "\n";
  }
  std::string out;
  for (const Claim& c : extraction.claims) {
    LineColumn lc = release.Locate(c.span.begin);
    std::string what =
        c.kind == ClaimKind::kQuote
            ? std::string(QuoteRoleName(c.role)) +
                  (c.speaker.empty() ? "" : " (" + c.speaker + ")")
            : std::string(QuantityKindName(c.quantity.kind)) +
                  (c.quantity.counted.empty() ? "" : " of " + c.quantity.counted);
    out += fmt::format("{}:{}:{}  {:<6}  {}  “{}”\n", release.path(), lc.line, lc.column,
                       ClaimKindName(c.kind), what, c.text);
  }
  out += fmt::format("{} claims\n", extraction.claims.size());
  return out;
}

CheckResult::Place WarningPlace(const CheckResult& result, size_t i) {
  if (i < result.warning_places.size()) return result.warning_places[i];
  return {result.release.path(), 0};
}

std::vector<const CheckedClaim*> FlaggedFirst(const CheckResult& result) {
  std::vector<const CheckedClaim*> out;
  for (int group = 0; group < 3; ++group) {
    for (const CheckedClaim& c : result.claims) {
      int g = c.fails ? 0 : IsFlagged(c.finding.verdict) ? 1 : 2;
      if (g == group) out.push_back(&c);
    }
  }
  return out;
}

std::array<int, 6> CountVerdicts(const CheckResult& result) {
  std::array<int, 6> counts{};
  for (const CheckedClaim& c : result.claims) {
    for (size_t i = 0; i < kVerdicts.size(); ++i)
      counts[i] += c.finding.verdict == kVerdicts[i];
  }
  return counts;
}

std::string LocationLabel(const CheckResult& result, const Evidence& e) {
  if (e.source < 0 || e.source >= static_cast<int>(result.sources.size())) return "";
  std::string out = result.sources[e.source].path();
  if (!e.label.empty()) out += " ¶" + e.label;
  if (e.page > 0) out += fmt::format(" p.{}", e.page);
  if (!e.section.empty()) out += " “" + e.section + "”";
  out += fmt::format(" line {}", e.line);
  return out;
}

std::string DateString(const CivilDate& d) {
  if (!d.year) return "";
  if (d.day) return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day);
  if (d.month) return fmt::format("{:04}-{:02}", d.year, d.month);
  return fmt::format("{:04}", d.year);
}

std::string SummaryLine(const CheckResult& result) {
  std::array<int, 6> counts = CountVerdicts(result);
  std::string parts;
  for (size_t i = 0; i < kVerdicts.size(); ++i) {
    if (counts[i] == 0) continue;
    if (!parts.empty()) parts += ", ";
    parts += fmt::format("{} {}", counts[i], VerdictName(kVerdicts[i]));
  }
  int failing = 0, accepted = 0;
  for (const CheckedClaim& c : result.claims) failing += c.fails, accepted += c.accepted;
  return fmt::format("{} claims: {}; {} fail the policy{}", result.claims.size(),
                     parts.empty() ? "none" : parts, failing,
                     accepted ? fmt::format(" ({} accepted)", accepted) : "");
}

}  // namespace claimtrace
