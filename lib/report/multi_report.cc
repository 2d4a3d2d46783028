// RenderReports(): several releases checked in one run (a pre-commit hook
// over the staged drafts, a CI job over a folder) as one output per format.
// One release renders exactly as RenderReport(), so the single-release JSON
// contract the scorer reads does not change.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "report/report_internal.h"

namespace claimtrace {
namespace {

using Json = nlohmann::ordered_json;

std::string Json2(const Json& j) {
  return j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

// Combined counts over every release, shaped like one release's summary.
Json CombinedSummary(const std::vector<Json>& releases) {
  Json by_verdict = Json::object();
  int claims = 0, failing = 0, accepted = 0;
  bool fails = false;
  for (const Json& r : releases) {
    const Json& s = r["summary"];
    claims += s["claims"].get<int>();
    failing += s["failing"].get<int>();
    accepted += s["accepted"].get<int>();
    fails = fails || s["fails"].get<bool>();
    for (const auto& [verdict, count] : s["by_verdict"].items()) {
      by_verdict[verdict] = by_verdict.value(verdict, 0) + count.get<int>();
    }
  }
  return {{"releases", releases.size()}, {"claims", claims},
          {"by_verdict", by_verdict},    {"failing", failing},
          {"accepted", accepted},        {"fails", fails}};
}

// The HTML report of several releases: one page, a section per release. Our
// renderer escapes every input, so its own tags are the only ones there.
std::string CombineHtml(const std::vector<std::string>& pages) {
  const std::string kBody = "<body>\n", kScript = "\n<script>";
  std::string out;
  for (size_t i = 0; i < pages.size(); ++i) {
    const std::string& page = pages[i];
    size_t body = page.find(kBody);
    size_t script = page.rfind(kScript);
    if (body == std::string::npos || script == std::string::npos || script < body) {
      return pages.front();  // not our layout: cannot happen, never crash
    }
    if (i == 0) out = page.substr(0, body + kBody.size());
    out += "<section class=\"release\">\n" +
           page.substr(body + kBody.size(), script - body - kBody.size()) +
           "\n</section>\n";
    if (i + 1 == pages.size()) out += page.substr(script + 1);
  }
  return out;
}

}  // namespace

std::string RenderReports(const std::vector<CheckResult>& results, ReportFormat format,
                          const ReportOptions& options) {
  if (results.size() == 1) return RenderReport(results.front(), format, options);
  switch (format) {
    case ReportFormat::kJson: {
      Json out;
      out["schema"] = "claimtrace/1";
      out["tool"] = {{"name", "claimtrace"},
                     {"version", options.tool_version.empty() ? std::string(Version())
                                                              : options.tool_version}};
      std::vector<Json> releases;
      for (const CheckResult& r : results) {
        Json one = Json::parse(RenderJson(r, options));
        one.erase("schema");
        one.erase("tool");
        releases.push_back(std::move(one));
      }
      out["summary"] = CombinedSummary(releases);
      out["releases"] = releases;
      return Json2(out);
    }
    case ReportFormat::kSarif: {
      std::vector<const CheckResult*> all;
      for (const CheckResult& r : results) all.push_back(&r);
      return RenderSarif(all, options);
    }
    case ReportFormat::kHtml: {
      std::vector<std::string> pages;
      for (const CheckResult& r : results) pages.push_back(RenderHtml(r, options));
      return CombineHtml(pages);
    }
    case ReportFormat::kText: {
      // Each release's summary line names the release; one total line ends.
      std::string out;
      size_t claims = 0, failing = 0;
      for (const CheckResult& r : results) {
        std::string text = RenderText(r, options);
        size_t last = text.rfind('\n', text.size() >= 2 ? text.size() - 2 : 0);
        size_t at = last == std::string::npos ? 0 : last + 1;
        text.insert(at, r.release.path() + ": ");
        out += text + "\n";
        claims += r.claims.size();
        for (const CheckedClaim& c : r.claims) failing += c.fails;
      }
      return out + fmt::format("{} releases: {} claims; {} fail the policy\n",
                               results.size(), claims, failing);
    }
    case ReportFormat::kMarkdown:
    case ReportFormat::kGithub:
    case ReportFormat::kJsonl:
      break;
  }
  std::string out;
  for (const CheckResult& r : results) {
    if (!out.empty() && format == ReportFormat::kMarkdown) out += "\n";
    out += RenderReport(r, format, options);
  }
  return out;
}

}  // namespace claimtrace
