// SARIF 2.1.0 for code-scanning tools: one run over every release checked,
// one rule per verdict and per warning (each with help and a page in
// docs/rules/), one result per flagged, accepted or attributed claim on the
// release's lines with the source passage as a related location, and one
// per warning. It follows the OASIS schema and GitHub's ingestion rules:
// paths relative to the uriBaseId SRCROOT (the repository root), columns in
// Unicode code points, an invocation, messages that end with a period.
#include <fmt/format.h>

#include <cctype>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "report/report_internal.h"

namespace claimtrace {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kBaseId = "SRCROOT";

struct Rule {
  const char* id;
  const char* name;  // PascalCase, as SARIF validators ask
  const char* text;
};

// Verdicts first, in kVerdicts order, then the warnings.
constexpr Rule kRules[] = {
    {"verbatim", "VerbatimQuotation",
     "The quotation occurs in the source word for word."},
    {"altered", "AlteredQuotation",
     "A source passage aligns with most of the quotation, but words were changed, "
     "dropped or spliced."},
    {"untraced", "UntracedClaim", "No source passage supports the claim."},
    {"attributed", "AttributedQuotation",
     "Words attributed to a named person and not found in the source."},
    {"traced", "TracedNumber",
     "The source states the same quantity about the same thing."},
    {"mismatch", "MismatchedNumber",
     "The source states a different value for the same thing."},
    {"source-postdates-release", "SourcePostdatesRelease",
     "The source is dated after the release: the wrong report was probably given."},
    {"inputs-swapped", "InputsSwapped",
     "The release and the report look given the other way round: the release is "
     "much longer, or its sources' claims trace in it far better than its own in them."},
    {"unused-acceptance", "UnusedAcceptance",
     "An accepted claim is no longer in the release: the acceptance can go."},
    {"bad-inline-acceptance", "BadInlineAcceptance",
     "A claimtrace comment in the draft does not read accept \"reason\"."},
};

std::string Period(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  if (s.empty() || (s.back() != '.' && s.back() != '?' && s.back() != '!')) s += '.';
  return s;
}

// Percent-encodes a path for a URI reference, keeping '/'.
std::string UriPath(std::string_view path) {
  std::string out;
  for (char c : path) {
    unsigned char u = static_cast<unsigned char>(c);
    if ((u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') ||
        std::string_view("-._~/").find(c) != std::string_view::npos) {
      out += c;
    } else {
      out += fmt::format("%{:02X}", u);
    }
  }
  return out;
}

// An artifactLocation: relative to SRCROOT when the file lies under it,
// otherwise an absolute file URI.
Json ArtifactLocation(const std::string& path, const std::string& base_dir) {
  namespace fs = std::filesystem;
  fs::path p(path);
  if (!base_dir.empty()) {
    std::error_code ec;
    fs::path absolute = fs::absolute(p, ec).lexically_normal();
    fs::path relative = absolute.lexically_relative(base_dir);
    if (!ec && !relative.empty() && *relative.begin() != "..") {
      return {{"uri", UriPath(relative.generic_string())}, {"uriBaseId", kBaseId}};
    }
    return {{"uri", "file://" + UriPath(absolute.generic_string())}};
  }
  if (p.is_absolute()) return {{"uri", "file://" + UriPath(p.generic_string())}};
  return {{"uri", UriPath(p.lexically_normal().generic_string())},
          {"uriBaseId", kBaseId}};
}

Json Region(const Document& doc, Range r) {
  LineColumn b = doc.Locate(r.begin), e = doc.Locate(r.end);
  Json region = {{"startLine", b.line},
                 {"startColumn", b.column},
                 {"endLine", e.line},
                 {"endColumn", e.column}};
  region["snippet"] = {{"text", std::string(doc.Slice(r))}};
  return region;
}

// Returns the address of a rule's page in docs/rules/.
std::string RulePage(const std::string& homepage, std::string_view id) {
  return fmt::format("{}/blob/main/docs/rules/{}.md", homepage, id);
}

Json RuleJson(const Rule& rule, const std::string& level, const std::string& help_uri) {
  return {{"id", rule.id},
          {"name", rule.name},
          {"shortDescription", {{"text", Period(rule.text)}}},
          {"fullDescription", {{"text", Period(rule.text)}}},
          {"help",
           {{"text", fmt::format("{} See {}", Period(rule.text), help_uri)},
            {"markdown", fmt::format("{} [More about `{}`]({}).", Period(rule.text),
                                     rule.id, help_uri)}}},
          {"helpUri", help_uri},
          {"defaultConfiguration", {{"level", level}}}};
}

std::string Level(const CheckedClaim& c) {
  return c.fails ? "error" : IsFlagged(c.finding.verdict) ? "warning" : "note";
}

}  // namespace

std::string RenderSarif(const std::vector<const CheckResult*>& results,
                        const ReportOptions& options) {
  const std::string homepage = CLAIMTRACE_HOMEPAGE;
  static const Policy kDefaultPolicy;
  const Policy& policy = results.empty() ? kDefaultPolicy : results.front()->policy;
  Json rules = Json::array();
  std::map<std::string, int> rule_index;
  for (const Rule& rule : kRules) {
    Verdict v;
    std::string level = "warning";
    if (ParseVerdictName(rule.id, &v)) {
      level = policy.fail_on.count(v) ? "error" : IsFlagged(v) ? "warning" : "note";
    }
    rule_index[rule.id] = static_cast<int>(rules.size());
    rules.push_back(RuleJson(rule, level, RulePage(homepage, rule.id)));
  }
  auto rule_of = [&](const std::string& id) {
    if (!rule_index.count(id)) {  // a warning code this renderer does not know
      rule_index[id] = static_cast<int>(rules.size());
      std::string name;  // PascalCase of the code
      for (size_t i = 0; i < id.size(); ++i) {
        if (id[i] == '-') continue;
        bool upper = i == 0 || id[i - 1] == '-';
        name += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(id[i])))
                      : id[i];
      }
      // No page of its own: the README's CI section lists the warnings.
      rules.push_back(
          RuleJson({id.c_str(), name.c_str(), "A warning about the whole check."},
                   "warning", homepage + "#in-ci"));
    }
    return rule_index[id];
  };

  Json results_json = Json::array();
  Json notifications = Json::array();
  Json artifacts = Json::array();
  std::map<std::string, bool> listed;
  auto list_artifact = [&](const Document& doc) {
    if (listed[doc.path()]) return;
    listed[doc.path()] = true;
    artifacts.push_back({{"location", ArtifactLocation(doc.path(), options.base_dir)},
                         {"hashes", {{"sha-256", doc.sha256()}}}});
  };
  for (const CheckResult* result : results) {
    list_artifact(result->release);
    for (const Document& s : result->sources) list_artifact(s);
    for (const CheckedClaim& c : result->claims) {
      const Finding& f = c.finding;
      if (!IsFlagged(f.verdict) && !c.accepted && f.verdict != Verdict::kAttributed)
        continue;
      if (!Shown(c, options)) continue;
      std::string text = fmt::format("{} {}: “{}”", VerdictName(f.verdict),
                                     ClaimKindName(f.claim.kind), f.claim.text);
      if (f.evidence.source >= 0) {
        text += "\nSource (" + LocationLabel(*result, f.evidence) + "): " +
                std::string(result->sources[f.evidence.source].Slice(f.evidence.passage));
        if (std::string also = AlsoIn(*result, f); !also.empty()) text += "\n" + also;
      }
      for (const std::string& note : f.notes) text += "\n" + note;
      Json r;
      r["ruleId"] = VerdictName(f.verdict);
      r["ruleIndex"] = rule_of(std::string(VerdictName(f.verdict)));
      r["level"] = Level(c);
      r["message"] = {{"text", Period(text)}};
      Json location = {{"physicalLocation",
                        {{"artifactLocation",
                          ArtifactLocation(result->release.path(), options.base_dir)},
                         {"region", Region(result->release, f.claim.span)}}}};
      // A Word or PDF draft's lines are the extracted text's: name the
      // paragraph, which a reader can find in the document.
      if (std::string paragraph = ParagraphPlace(result->release, f.claim);
          !paragraph.empty()) {
        location["logicalLocations"] =
            Json::array({{{"name", paragraph}, {"kind", "element"}}});
        r["message"] = {{"text", Period(paragraph + ": " + text)}};
      }
      r["locations"] = Json::array({location});
      if (f.evidence.source >= 0) {
        const Document& src = result->sources[f.evidence.source];
        r["relatedLocations"] = Json::array(
            {{{"id", 1},
              {"physicalLocation",
               {{"artifactLocation", ArtifactLocation(src.path(), options.base_dir)},
                {"region", Region(src, f.evidence.span)}}},
              {"message", {{"text", "Source passage."}}}}});
      }
      r["partialFingerprints"] = {{"claimtrace/v2", c.fingerprint}};
      if (c.accepted) {
        r["suppressions"] =
            Json::array({{{"kind", "external"}, {"justification", c.accepted_reason}}});
      }
      results_json.push_back(std::move(r));
    }
    for (size_t i = 0; i < result->warnings.size(); ++i) {
      const Warning& w = result->warnings[i];
      CheckResult::Place place = WarningPlace(*result, i);
      Json location = {
          {"artifactLocation", ArtifactLocation(place.path, options.base_dir)}};
      // A file-level warning points at the start of the file: code scanning
      // wants a region on every location.
      int line = place.line > 0 ? place.line : 1;
      location["region"] = {
          {"startLine", line}, {"startColumn", 1}, {"endLine", line}, {"endColumn", 1}};
      Json r;
      r["ruleId"] = w.code;
      r["ruleIndex"] = rule_of(w.code);
      r["level"] = "warning";
      r["message"] = {{"text", Period(w.message)}};
      r["locations"] = Json::array({{{"physicalLocation", location}}});
      results_json.push_back(std::move(r));
      notifications.push_back(
          {{"level", "warning"},
           {"message", {{"text", Period(w.message)}}},
           {"descriptor", {{"id", w.code}}},
           {"locations", Json::array({{{"physicalLocation", location}}})}});
    }
  }

  Json invocation;
  const Invocation& inv = options.invocation;
  if (!inv.command_line.empty()) invocation["commandLine"] = inv.command_line;
  if (!inv.arguments.empty()) invocation["arguments"] = inv.arguments;
  if (!inv.start_time.empty()) {
    invocation["startTimeUtc"] = inv.start_time;
    invocation["endTimeUtc"] = inv.end_time.empty() ? inv.start_time : inv.end_time;
  }
  invocation["exitCode"] = inv.exit_code;
  invocation["executionSuccessful"] = true;  // findings are not a tool failure
  if (!notifications.empty()) invocation["toolExecutionNotifications"] = notifications;

  // An archive check: the reports each release draws on, in the run's
  // property bag (SARIF has no place of its own for them).
  Json ranking = Json::array();
  bool from_archive = false;
  for (const CheckResult* r : results) {
    if (!r->ranking) continue;
    from_archive = true;
    for (const SourceShare& s : *r->ranking) {
      ranking.push_back({{"release", r->release.path()},
                         {"path", s.path},
                         {"traced", s.traced},
                         {"claims", s.claims}});
    }
  }

  Json run;
  run["tool"] = {{"driver",
                  {{"name", "claimtrace"},
                   {"version", options.tool_version.empty() ? std::string(Version())
                                                            : options.tool_version},
                   {"semanticVersion", std::string(Version())},
                   {"informationUri", homepage},
                   {"rules", std::move(rules)}}}};
  run["invocations"] = Json::array({std::move(invocation)});
  if (!options.base_dir.empty()) {
    std::string base =
        "file://" +
        UriPath(
            std::filesystem::path(options.base_dir).lexically_normal().generic_string());
    if (base.back() != '/') base += '/';
    run["originalUriBaseIds"] = {{kBaseId, {{"uri", base}}}};
  }
  run["artifacts"] = std::move(artifacts);
  run["results"] = std::move(results_json);
  run["columnKind"] = "unicodeCodePoints";
  if (from_archive) run["properties"] = {{"ranking", std::move(ranking)}};
  Json out;
  out["$schema"] =
      "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
      "sarif-schema-2.1.0.json";
  out["version"] = "2.1.0";
  out["runs"] = Json::array({std::move(run)});
  return out.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace claimtrace
