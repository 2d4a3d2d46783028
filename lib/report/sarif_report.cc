// SARIF 2.1.0: one rule per verdict, one result per flagged or accepted
// claim, located on the release's lines, with the source passage as a
// related location, so code-scanning tools annotate the draft.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "report/report_internal.h"

namespace claimtrace {
namespace {

using Json = nlohmann::ordered_json;

const char* RuleText(Verdict v) {
  switch (v) {
    case Verdict::kVerbatim:
      return "The quotation occurs in the source word for word.";
    case Verdict::kAltered:
      return "A source passage aligns with most of the quotation, but words were "
             "changed, dropped or spliced.";
    case Verdict::kUntraced:
      return "No source passage supports the claim.";
    case Verdict::kAttributed:
      return "Words attributed to a named person and not found in the source.";
    case Verdict::kTraced:
      return "The source states the same quantity about the same thing.";
    case Verdict::kMismatch:
      return "The source states a different value for the same thing.";
  }
  return "";
}

Json Region(const Document& doc, Range r) {
  LineColumn b = doc.Locate(r.begin), e = doc.Locate(r.end);
  return {{"startLine", b.line},
          {"startColumn", b.column},
          {"endLine", e.line},
          {"endColumn", e.column}};
}

}  // namespace

std::string RenderSarif(const CheckResult& result, const ReportOptions& options) {
  Json rules = Json::array();
  for (Verdict v : kVerdicts) {
    rules.push_back({{"id", VerdictName(v)},
                     {"shortDescription",
                      {{"text", std::string("claim ") + std::string(VerdictName(v))}}},
                     {"fullDescription", {{"text", RuleText(v)}}},
                     {"defaultConfiguration",
                      {{"level", result.policy.fail_on.count(v) ? "error"
                                 : IsFlagged(v)                 ? "warning"
                                                                : "note"}}}});
  }
  Json results = Json::array();
  for (const CheckedClaim& c : result.claims) {
    const Finding& f = c.finding;
    if (!IsFlagged(f.verdict) && !c.accepted && f.verdict != Verdict::kAttributed)
      continue;
    std::string text = fmt::format("{} {}: “{}”", VerdictName(f.verdict),
                                   ClaimKindName(f.claim.kind), f.claim.text);
    Json r;
    r["ruleId"] = VerdictName(f.verdict);
    r["level"] = c.fails ? "error" : IsFlagged(f.verdict) ? "warning" : "note";
    if (f.evidence.source >= 0) {
      text += "\nSource (" + LocationLabel(result, f.evidence) + "): " +
              std::string(result.sources[f.evidence.source].Slice(f.evidence.passage));
    }
    for (const std::string& note : f.notes) text += "\n" + note;
    r["message"] = {{"text", text}};
    r["locations"] =
        Json::array({{{"physicalLocation",
                       {{"artifactLocation", {{"uri", result.release.path()}}},
                        {"region", Region(result.release, f.claim.span)}}}}});
    if (f.evidence.source >= 0) {
      const Document& src = result.sources[f.evidence.source];
      r["relatedLocations"] = Json::array({{{"id", 1},
                                            {"physicalLocation",
                                             {{"artifactLocation", {{"uri", src.path()}}},
                                              {"region", Region(src, f.evidence.span)}}},
                                            {"message", {{"text", "source passage"}}}}});
    }
    r["partialFingerprints"] = {{"claimtrace/v1", c.fingerprint}};
    if (c.accepted) {
      r["suppressions"] =
          Json::array({{{"kind", "external"}, {"justification", c.accepted_reason}}});
    }
    results.push_back(std::move(r));
  }
  Json run;
  run["tool"] = {{"driver",
                  {{"name", "claimtrace"},
                   {"version", options.tool_version.empty() ? std::string(Version())
                                                            : options.tool_version},
                   {"rules", std::move(rules)}}}};
  run["artifacts"] = Json::array();
  run["artifacts"].push_back({{"location", {{"uri", result.release.path()}}},
                              {"hashes", {{"sha-256", result.release.sha256()}}}});
  for (const Document& s : result.sources) {
    run["artifacts"].push_back(
        {{"location", {{"uri", s.path()}}}, {"hashes", {{"sha-256", s.sha256()}}}});
  }
  run["results"] = std::move(results);
  Json out;
  out["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  out["version"] = "2.1.0";
  out["runs"] = Json::array({std::move(run)});
  return out.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace claimtrace
