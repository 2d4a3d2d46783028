// Tests for the renderers and the policy file: each format's structure,
// escaping of hostile input, determinism, and the policy round trip.
#include "claimtrace/report.h"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <sys/stat.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "claimtrace/check.h"
#include "report/report_internal.h"

namespace claimtrace {
namespace {

constexpr const char kSource[] =
    "# Report\n\n1. Young people receive high-quality support and access a wealth of "
    "services.\n";

CheckResult Run(const std::string& release_text, Policy policy = {}) {
  Result<Document> release = ParseText("release.txt", release_text);
  Result<Document> source = ParseText("report.md", kSource);
  REQUIRE(release.ok());
  REQUIRE(source.ok());
  std::vector<Document> sources;
  sources.push_back(std::move(source).value());
  CheckOptions options;
  options.policy = std::move(policy);
  Result<CheckResult> result =
      Check(std::move(release).value(), std::move(sources), options);
  REQUIRE(result.ok());
  return std::move(result).value();
}

const char kRelease[] =
    "Leavers get “high quality support and a wealth of services” here.\n"
    "They “receive high-quality support” too, and 7 new clubs opened.\n";

TEST_CASE("json carries the scorer's fields with file offsets") {
  CheckResult r = Run(kRelease);
  nlohmann::json j = nlohmann::json::parse(RenderReport(r, ReportFormat::kJson, {}));
  CHECK(j["schema"] == "claimtrace/1");
  REQUIRE(j["claims"].size() == 3);
  const auto& altered = j["claims"][0];
  CHECK(altered["kind"] == "quote");
  CHECK(altered["verdict"] == "altered");
  size_t start = altered["span"]["start"], end = altered["span"]["end"];
  CHECK(std::string(kRelease).substr(start, end - start) ==
        "high quality support and a wealth of services");
  size_t ms = altered["match"]["start"], me = altered["match"]["end"];
  CHECK(std::string(kSource).substr(ms, me - ms) ==
        "high-quality support and access a wealth of services");
  CHECK(altered["match"]["label"] == "1");
  CHECK(altered["diff"][1]["op"] == "dropped");
  CHECK(j["claims"][2]["kind"] == "number");
  CHECK(j["claims"][2]["verdict"] == "untraced");
  CHECK(j["summary"]["failing"] == 2);
}

TEST_CASE("a JSON array spliced in one element at a time is the whole dump") {
  using Json = nlohmann::ordered_json;
  const std::vector<Json> kArrays = {
      Json::array(),
      Json::array({1}),
      Json::array({Json{{"text", "a \"quoted\"\nline"}, {"diff", Json::array({1, 2})}},
                   Json{{"empty", Json::array()}, {"nested", {{"k", "v"}}}}}),
  };
  for (const Json& array : kArrays) {
    // Keys before and after the array, one holding the array's own key.
    Json whole = {{"path", "\n  \"claims\": x"}, {"claims", array}, {"after", {1, 2}}};
    Json marked = whole;
    marked["claims"] = std::string(kJsonArrayMark);
    std::string spliced = SpliceJsonArray(marked.dump(2), "claims", array.size(),
                                          [&](size_t i) { return array[i].dump(2); });
    CHECK(spliced == whole.dump(2));
  }
}

TEST_CASE("every format is deterministic") {
  CheckResult r = Run(kRelease);
  for (ReportFormat f :
       {ReportFormat::kText, ReportFormat::kJson, ReportFormat::kHtml,
        ReportFormat::kMarkdown, ReportFormat::kSarif, ReportFormat::kGithub}) {
    CAPTURE(std::string(ReportFormatName(f)));
    CHECK(RenderReport(r, f, {}) == RenderReport(Run(kRelease), f, {}));
  }
}

TEST_CASE("text lists failing claims first and ends with the summary") {
  std::string text = RenderReport(Run(kRelease), ReportFormat::kText, {});
  CHECK(text.find("altered") < text.find("verbatim"));
  CHECK(text.find("[-access-]") != std::string::npos);
  CHECK(
      text.ends_with("3 claims: 1 verbatim, 1 altered, 1 untraced; 2 fail the policy\n"));
}

TEST_CASE("sarif follows the 2.1.0 structure") {
  nlohmann::json s =
      nlohmann::json::parse(RenderReport(Run(kRelease), ReportFormat::kSarif, {}));
  CHECK(s["version"] == "2.1.0");
  CHECK(s["$schema"].get<std::string>().find("sarif-schema-2.1.0") != std::string::npos);
  const auto& run = s["runs"][0];
  CHECK(run["tool"]["driver"]["rules"].size() == 10);  // verdicts and warnings
  REQUIRE(run["results"].size() == 2);
  for (const auto& result : run["results"]) {
    CHECK(result.contains("ruleId"));
    CHECK(!result["message"]["text"].get<std::string>().empty());
    CHECK(result["locations"][0]["physicalLocation"]["region"]["startLine"].get<int>() >=
          1);
  }
  CHECK(run["results"][0]["relatedLocations"][0]["physicalLocation"]["artifactLocation"]
           ["uri"] == "report.md");
}

TEST_CASE("github annotations escape their data and properties") {
  std::string out =
      RenderReport(Run("Costs were “50% higher, said nobody, today: really”.\n"),
                   ReportFormat::kGithub, {});
  CHECK(out.starts_with("::error file=release.txt,line=1,col=13,"));
  CHECK(out.find("title=claimtrace untraced::") != std::string::npos);
  CHECK(out.find("50%25 higher") != std::string::npos);
  CHECK(out.find('\n') == out.size() - 1);  // one line: newlines escaped
}

TEST_CASE("html escapes hostile text and loads nothing from outside") {
  std::string html = RenderReport(Run("Hi <script>alert(1)</script> and <img src=x "
                                      "onerror=alert(1)> “<b>bold</b> words "
                                      "from nowhere at all”.\n"),
                                  ReportFormat::kHtml, {});
  // The hostile markup is shown as text: no element of it survives.
  CHECK(html.find("<img") == std::string::npos);
  CHECK(html.find("&lt;img src=x onerror=") != std::string::npos);
  size_t first = html.find("<script");
  CHECK(html.find("<script", first + 1) == std::string::npos);  // only ours
  CHECK(html.find("&lt;script&gt;") != std::string::npos);
  CHECK(html.find("<b>bold") == std::string::npos);
  CHECK(html.find("src=\"http") == std::string::npos);
  CHECK(html.find("href=\"http") == std::string::npos);
  CHECK(html.find("@media print") != std::string::npos);
}

TEST_CASE("html records the command line in its record, escaped, when there is one") {
  struct Case {
    const char* command_line;
    const char* recorded;  // nullptr: no command line entry
  };
  const Case cases[] = {
      {"", nullptr},
      {"claimtrace check release.txt report.md",
       "<li>command line <code>claimtrace check release.txt report.md</code></li>"},
      {"claimtrace check '<b>x.txt' report.md",
       "<li>command line <code>claimtrace check &#39;&lt;b&gt;x.txt&#39; "
       "report.md</code></li>"},
  };
  CheckResult r = Run(kRelease);
  for (const Case& c : cases) {
    CAPTURE(c.command_line);
    ReportOptions options;
    options.invocation.command_line = c.command_line;
    std::string html = RenderReport(r, ReportFormat::kHtml, options);
    if (c.recorded) {
      CHECK(html.find(c.recorded) != std::string::npos);
    } else {
      CHECK(html.find("command line") == std::string::npos);
    }
  }
}

TEST_CASE("html marks the matched words in the passage, and links the app's text view") {
  struct Case {
    const char* name;
    std::vector<ReportOptions::SourceLink> links;
    const char* present;
    const char* absent;
  };
  const Case cases[] = {
      {"a file: the words marked, no link for text",
       {},
       "<blockquote>Young people <mark class=\"hit\">receive high-quality "
       "support</mark> and access a wealth of services.</blockquote>",
       "<p class=\"where\"><a"},
      {"in the app: the passage in its text",
       {{"/checks/ab/sources/0", "/checks/ab/sources/0/text"}},
       "<p class=\"where\"><a href=\"/checks/ab/sources/0/text?from=",
       "the page&#39;s text"},
  };
  CheckResult r = Run("They “receive high-quality support”.\n");
  for (const Case& c : cases) {
    CAPTURE(c.name);
    ReportOptions options;
    options.source_links = c.links;
    std::string html = RenderReport(r, ReportFormat::kHtml, options);
    CHECK(html.find(c.present) != std::string::npos);
    size_t cards = html.find("<section class=\"card");
    REQUIRE(cards != std::string::npos);
    CHECK(html.find(c.absent, cards) == std::string::npos);
  }
}

TEST_CASE("markdown escapes table and markup characters") {
  std::string md = RenderReport(Run("A “pipe | and *star* in a quoted phrase here”.\n"),
                                ReportFormat::kMarkdown, {});
  CHECK(md.find("pipe \\| and \\*star\\*") != std::string::npos);
  CHECK(md.find("| untraced | 1 |") != std::string::npos);
}

TEST_CASE("accepted claims do not fail and are marked") {
  CheckResult first = Run(kRelease);
  Policy policy;
  for (const CheckedClaim& c : first.claims) {
    if (c.fails) policy.accepted.push_back({c.fingerprint, "known and fine"});
  }
  CheckResult second = Run(kRelease, policy);
  CHECK_FALSE(second.Fails());
  std::string sarif = RenderReport(second, ReportFormat::kSarif, {});
  CHECK(sarif.find("\"justification\": \"known and fine\"") != std::string::npos);
}

struct EscapeCase {
  const char* name;
  std::string path;     // the release's file name: a property
  std::string release;  // its text: the message
  std::string property;
  std::string data;
};

TEST_CASE("github annotations escape %, CR, LF in data and also : and , in properties") {
  const EscapeCase cases[] = {
      {"percent", "50%.txt", "A “rise of 50% in costs for nobody”.\n", "file=50%25.txt",
       "rise of 50%25 in costs"},
      {"colon and comma in the file name", "drafts/a:b,c.txt",
       "A “phrase: with, colons for nobody”.\n", "file=drafts/a%3Ab%2Cc.txt",
       "phrase: with, colons"},
      {"CR and LF in the file name", "a\r\nb.txt", "“Words from nobody at all here”.\n",
       "file=a%0D%0Ab.txt", "Words from nobody"},
      {"the source passage on lines of its own", "r.txt",
       "Leavers get “high quality support and a wealth of services”.\n", "file=r.txt",
       "%0Asource: report.md ¶1"},
  };
  for (const EscapeCase& c : cases) {
    CAPTURE(std::string(c.name));
    Result<Document> release = ParseText(c.path, c.release);
    Result<Document> source = ParseText("report.md", kSource);
    REQUIRE(release.ok());
    std::vector<Document> sources;
    sources.push_back(std::move(source).value());
    std::string out =
        RenderReport(*Check(std::move(release).value(), std::move(sources), {}),
                     ReportFormat::kGithub, {});
    CHECK(out.starts_with("::error " + c.property + ",line=1,"));
    CHECK(out.find(c.data) != std::string::npos);
    // One command a line: nothing inside a command breaks it.
    size_t lines = 0;
    for (char ch : out) lines += ch == '\n';
    CHECK(lines == 1);
    CHECK(out.find('\r') == std::string::npos);
  }
}

TEST_CASE("warnings reach github, sarif, jsonl, markdown and text output") {
  Policy policy;
  policy.path = "claimtrace.toml";
  policy.accepted = {{"ffffffffffffffff", "gone", 4}};
  CheckResult r = Run(kRelease, policy);
  REQUIRE(r.warnings.size() == 1);
  std::string github = RenderReport(r, ReportFormat::kGithub, {});
  CHECK(github.find("::warning file=claimtrace.toml,line=4,title=claimtrace "
                    "unused-acceptance::accepted claim ffffffffffffffff") !=
        std::string::npos);
  nlohmann::json sarif = nlohmann::json::parse(RenderReport(r, ReportFormat::kSarif, {}));
  const auto& run = sarif["runs"][0];
  bool as_result = false;
  for (const auto& result : run["results"]) {
    if (result["ruleId"] != "unused-acceptance") continue;
    as_result = true;
    const auto& location = result["locations"][0]["physicalLocation"];
    CHECK(location["artifactLocation"]["uri"] == "claimtrace.toml");
    CHECK(location["region"]["startLine"] == 4);
    CHECK(result["message"]["text"].get<std::string>().ends_with("."));
  }
  CHECK(as_result);
  CHECK(run["invocations"][0]["toolExecutionNotifications"][0]["descriptor"]["id"] ==
        "unused-acceptance");
  nlohmann::json j = nlohmann::json::parse(RenderReport(r, ReportFormat::kJson, {}));
  CHECK(j["warnings"][0]["path"] == "claimtrace.toml");
  CHECK(j["warnings"][0]["line"] == 4);
  for (ReportFormat f :
       {ReportFormat::kJsonl, ReportFormat::kMarkdown, ReportFormat::kText}) {
    CAPTURE(std::string(ReportFormatName(f)));
    CHECK(RenderReport(r, f, {}).find("unused-acceptance") != std::string::npos);
  }
}

TEST_CASE("github does not re-post accepted claims unless asked") {
  CheckResult first = Run(kRelease);
  Policy policy;
  for (const CheckedClaim& c : first.claims) {
    if (c.fails) policy.accepted.push_back({c.fingerprint, "known, and fine", 0});
  }
  CheckResult accepted = Run(kRelease, policy);
  CHECK(RenderReport(accepted, ReportFormat::kGithub, {}) == "");
  ReportOptions show;
  show.show_accepted = true;
  std::string notices = RenderReport(accepted, ReportFormat::kGithub, show);
  CHECK(notices.starts_with("::notice "));
  CHECK(notices.find("accepted: known, and fine") != std::string::npos);
}

TEST_CASE("quiet output shows only the failing claims, warnings and summary") {
  ReportOptions quiet;
  quiet.only_failing = true;
  CheckResult r = Run(kRelease);
  std::string text = RenderReport(r, ReportFormat::kText, quiet);
  CHECK(text.find("verbatim  quote") == std::string::npos);
  CHECK(text.find("altered") != std::string::npos);
  CHECK(text.ends_with("2 fail the policy\n"));
  nlohmann::json j = nlohmann::json::parse(RenderReport(r, ReportFormat::kJson, quiet));
  CHECK(j["claims"].size() == 2);
  CHECK(j["summary"]["claims"] == 3);
}

TEST_CASE("jsonl gives one claim a line, each naming its release") {
  std::string out = RenderReport(Run(kRelease), ReportFormat::kJsonl, {});
  std::istringstream lines(out);
  int n = 0;
  for (std::string line; std::getline(lines, line); ++n) {
    nlohmann::json j = nlohmann::json::parse(line);
    CHECK(j["type"] == "claim");
    CHECK(j["release"] == "release.txt");
    CHECK(j.contains("verdict"));
    CHECK(j.contains("fingerprint"));
  }
  CHECK(n == 3);
}

TEST_CASE("several releases render as one output per format") {
  std::vector<CheckResult> results;
  results.push_back(Run(kRelease));
  results.push_back(Run("All is “high quality support” here.\n"));
  nlohmann::json j =
      nlohmann::json::parse(RenderReports(results, ReportFormat::kJson, {}));
  REQUIRE(j["releases"].size() == 2);
  CHECK(j["releases"][0]["claims"].size() == 3);
  CHECK_FALSE(j["releases"][0].contains("schema"));
  CHECK(j["summary"]["claims"] == 4);
  CHECK(j["summary"]["fails"] == true);
  nlohmann::json sarif =
      nlohmann::json::parse(RenderReports(results, ReportFormat::kSarif, {}));
  CHECK(sarif["runs"].size() == 1);
  CHECK(sarif["runs"][0]["artifacts"].size() == 2);  // release.txt twice is one file
  std::string text = RenderReports(results, ReportFormat::kText, {});
  CHECK(text.ends_with("2 releases: 4 claims; 2 fail the policy\n"));
  std::string html = RenderReports(results, ReportFormat::kHtml, {});
  CHECK(html.find("<section class=\"release\">") != std::string::npos);
  CHECK(html.find("</html>") == html.size() - 8);
  // One release renders exactly as RenderReport: the scorer's contract.
  results.pop_back();
  CHECK(RenderReports(results, ReportFormat::kJson, {}) ==
        RenderReport(results[0], ReportFormat::kJson, {}));
}

TEST_CASE("sarif paths are relative to SRCROOT, with help for every rule") {
  ReportOptions options;
  options.base_dir = std::filesystem::current_path().string();
  options.invocation.command_line = "claimtrace check x";
  options.invocation.start_time = "2025-01-01T00:00:00Z";
  options.invocation.exit_code = 1;
  nlohmann::json s =
      nlohmann::json::parse(RenderReport(Run(kRelease), ReportFormat::kSarif, options));
  const auto& run = s["runs"][0];
  CHECK(run["columnKind"] == "unicodeCodePoints");
  CHECK(run["originalUriBaseIds"]["SRCROOT"]["uri"].get<std::string>().starts_with(
      "file:///"));
  CHECK(run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"] ==
        nlohmann::json{{"uri", "release.txt"}, {"uriBaseId", "SRCROOT"}});
  CHECK(!run["tool"]["driver"]["informationUri"].get<std::string>().empty());
  for (const auto& rule : run["tool"]["driver"]["rules"]) {
    CHECK(rule["helpUri"].get<std::string>().ends_with(
        "docs/rules/" + rule["id"].get<std::string>() + ".md"));
    CHECK(!rule["help"]["text"].get<std::string>().empty());
  }
  const auto& invocation = run["invocations"][0];
  CHECK(invocation["exitCode"] == 1);
  CHECK(invocation["executionSuccessful"] == true);
  CHECK(invocation["startTimeUtc"] == "2025-01-01T00:00:00Z");
  CHECK(invocation["endTimeUtc"] == "2025-01-01T00:00:00Z");
}

TEST_CASE("a warning code without a page still gets a rule with help") {
  CheckResult r = Run(kRelease);
  r.warnings.push_back({"praise-from-weakness", "praise taken from a weakness"});
  nlohmann::json s = nlohmann::json::parse(RenderReport(r, ReportFormat::kSarif, {}));
  const auto& rules = s["runs"][0]["tool"]["driver"]["rules"];
  const auto& rule = rules.back();
  CHECK(rule["id"] == "praise-from-weakness");
  CHECK(rule["name"] == "PraiseFromWeakness");
  CHECK(!rule["help"]["text"].get<std::string>().empty());
  CHECK(rule["helpUri"].get<std::string>().ends_with("#in-ci"));
  const auto& last = s["runs"][0]["results"].back();
  CHECK(last["ruleIndex"] == rules.size() - 1);
}

std::string WriteTemp(const std::string& name, const std::string& text) {
  std::string path = (std::filesystem::temp_directory_path() / name).string();
  std::ofstream(path) << text;
  return path;
}

TEST_CASE("the policy file round-trips") {
  Policy policy;
  policy.fail_on = {Verdict::kAltered, Verdict::kMismatch};
  policy.accepted = {{"0123456789abcdef", "checked by hand, \"fine\""}};
  std::string path = WriteTemp("claimtrace_policy_test.toml", FormatPolicy(policy));
  Result<Policy> back = LoadPolicy(path);
  REQUIRE(back.ok());
  CHECK(back->fail_on == policy.fail_on);
  REQUIRE(back->accepted.size() == 1);
  CHECK(back->accepted[0].fingerprint == "0123456789abcdef");
  CHECK(back->accepted[0].reason == "checked by hand, \"fine\"");
}

struct PolicyErrorCase {
  const char* name;
  const char* text;
  const char* message;
};

TEST_CASE("policy errors name the file and the line") {
  const PolicyErrorCase cases[] = {
      {"broken TOML", "fail_on = [\n", ".toml:"},
      {"an unknown verdict", "fail_on = [\"wrong\"]\n", ":1: unknown verdict 'wrong'"},
      {"an acceptance without a reason", "[[accept]]\nfingerprint = \"ab\"\n",
       "needs a reason"},
  };
  for (const PolicyErrorCase& c : cases) {
    CAPTURE(std::string(c.name));
    Result<Policy> p = LoadPolicy(WriteTemp("claimtrace_bad_policy.toml", c.text));
    REQUIRE_FALSE(p.ok());
    CHECK(p.status().message().find(c.message) != std::string::npos);
  }
  CHECK_FALSE(LoadPolicy("/nonexistent/claimtrace.toml").ok());
}

TEST_CASE("a policy path that is no regular file is refused without blocking") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / "claimtrace_policy_dir";
  fs::create_directories(dir);
  fs::path fifo = fs::temp_directory_path() / "claimtrace_policy.fifo";
  fs::remove(fifo);
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  const PolicyErrorCase cases[] = {
      {"a directory", dir.c_str(), "is a directory, not a policy file"},
      {"a FIFO (reading it would block)", fifo.c_str(), "not a regular file"},
      {"a device", "/dev/zero", "not a regular file"},
      {"a missing file", "/nonexistent/claimtrace.toml", "cannot open the policy file"},
  };
  for (const PolicyErrorCase& c : cases) {
    CAPTURE(std::string(c.name));
    Result<Policy> p = LoadPolicy(c.text);
    REQUIRE_FALSE(p.ok());
    CHECK(p.status().message().find(c.text) == 0);
    CHECK(p.status().message().find(c.message) != std::string::npos);
  }
  fs::remove(fifo);
  fs::remove(dir);
}

struct SafeOutputCase {
  const char* name;
  std::string out;
  bool color;
  std::string want;
};

TEST_CASE("no control character or bad byte from an input reaches a terminal") {
  const SafeOutputCase cases[] = {
      {"window title escape", "“\x1B]0;owned\x07”\n", false, "“␛]0;owned␇”\n"},
      {"screen clear", "FAILS\x1B[2J\n", false, "FAILS␛[2J\n"},
      {"carriage return overwriting a line", "fake OK\rFAILS\n", false,
       "fake OK␍FAILS\n"},
      {"ill-formed UTF-8", "caf\xE9\n", false, "caf\uFFFD\n"},
      {"C1 control",
       "a\xC2\x9B"
       "2Jb",
       false,
       "a\uFFFD"
       "2Jb"},
      {"our colour codes kept when colour is on", "\x1B[31mFAILS\x1B[0m", true,
       "\x1B[31mFAILS\x1B[0m"},
      {"colour codes dropped when colour is off", "\x1B[31mFAILS\x1B[0m", false,
       "␛[31mFAILS␛[0m"},
      {"other escapes dropped even with colour", "\x1B]0;t\x07\x1B[2J", true,
       "␛]0;t␇␛[2J"},
      {"tabs and newlines kept", "a\tb\nc", false, "a\tb\nc"},
  };
  for (const SafeOutputCase& c : cases) {
    CAPTURE(std::string(c.name));
    CHECK(SafeOutput(c.out, c.color) == c.want);
  }
}

struct FormatCharacterCase {
  const char* name;
  std::string release;  // a quotation holding the character
  std::string raw;      // the character's bytes
  std::string shown;    // what a reader sees instead ("" if kept as is)
};

TEST_CASE("no bidi control or invisible character in a quotation reaches a reader") {
  const FormatCharacterCase cases[] = {
      {"right-to-left override reversing a quote (health)",
       "The trust said waiting times were “\u202Edesrever won\u202C” in March.\n",
       "\u202E", "⟨U+202E⟩"},
      {"pop directional formatting", "The trust said “\u202Edesrever\u202C” today.\n",
       "\u202C", "⟨U+202C⟩"},
      {"left-to-right embedding (economics)",
       "The Bank said inflation “\u202Awill fall\u202C” next year.\n", "\u202A",
       "⟨U+202A⟩"},
      {"right-to-left isolate (education)",
       "The head said pupils “\u2067achieve well\u2069” in English.\n", "\u2067",
       "⟨U+2067⟩"},
      {"pop directional isolate", "The head said “\u2066achieve\u2069 well” here.\n",
       "\u2069", "⟨U+2069⟩"},
      {"first strong isolate (crime)",
       "Police said burglary “\u2068fell by a third\u2069” this year.\n", "\u2068",
       "⟨U+2068⟩"},
      {"right-to-left mark", "The minister said “growth\u200F is strong” today.\n",
       "\u200F", "⟨U+200F⟩"},
      {"Arabic letter mark", "The council said “rents\u061C rose” in 2024.\n", "\u061C",
       "⟨U+061C⟩"},
      {"zero-width space hiding a changed word",
       "The report said care was “out\u200Bstanding” overall.\n", "\u200B", "⟨U+200B⟩"},
      {"word joiner", "The report said care was “good\u2060” overall.\n", "\u2060",
       "⟨U+2060⟩"},
      {"byte-order mark inside the text", "The report said “safe\uFEFF and well” now.\n",
       "\uFEFF", "⟨U+FEFF⟩"},
      {"tag character (hidden ASCII)", "The report said “fine\U000E0041” overall.\n",
       "\U000E0041", "⟨U+E0041⟩"},
      // Kept: they reorder nothing and hide no text, and words need them.
      {"zero-width joiner in an emoji sequence",
       "The nurse said “we \U0001F469\u200D\u2695\uFE0F care” daily.\n", "\u200D", ""},
      {"zero-width non-joiner in a Persian word",
       "The mayor said “\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645” today.\n",
       "\u200C", ""},
      {"soft hyphen", "The report said “out\u00ADstanding” overall.\n", "\u00AD", ""},
  };
  for (const FormatCharacterCase& c : cases) {
    CheckResult result = Run(c.release);
    for (ReportFormat format :
         {ReportFormat::kText, ReportFormat::kMarkdown, ReportFormat::kGithub,
          ReportFormat::kSarif, ReportFormat::kHtml, ReportFormat::kJsonl}) {
      CAPTURE(std::string(c.name));
      CAPTURE(std::string(ReportFormatName(format)));
      std::string out = RenderReport(result, format, {});
      if (c.shown.empty()) {
        CHECK(out.find(c.raw) != std::string::npos);
        CHECK(out.find("⟨U+") == std::string::npos);
      } else {
        CHECK(out.find(c.raw) == std::string::npos);
        CHECK(out.find(c.shown) != std::string::npos);
      }
    }
  }
}

TEST_CASE("json keeps a quotation's exact characters, bidi controls included") {
  std::string json =
      RenderReport(Run("The trust said “\u202Edesrever won\u202C” in March.\n"),
                   ReportFormat::kJson, {});
  CHECK(json.find("\u202Edesrever won\u202C") != std::string::npos);
}

}  // namespace
}  // namespace claimtrace

namespace claimtrace {
namespace {

// A result whose one claim's evidence is a table cell (built by hand, so the
// test does not depend on how the matcher finds cells).
CheckResult CellEvidence(const std::string& source_text, const std::string& value) {
  CheckResult r;
  r.release = std::move(ParseText("release.txt", "The rate is " + value + ".\n")).value();
  r.sources.push_back(std::move(ParseText("bulletin.md", source_text)).value());
  const Document& src = r.sources[0];
  CheckedClaim c;
  c.finding.claim.kind = ClaimKind::kNumber;
  c.finding.claim.text = value;
  c.finding.claim.span = {12, 12 + value.size()};
  c.finding.verdict = Verdict::kTraced;
  Evidence& e = c.finding.evidence;
  e.source = 0;
  size_t at = src.text().find("| " + value + " |") + 2;
  e.span = {at, at + value.size()};
  e.passage = src.blocks()[src.BlockAt(at)].range;
  e.line = src.Locate(at).line;
  e.section = "Workforce";
  r.claims.push_back(std::move(c));
  return r;
}

TEST_CASE("evidence in a table cell names its table, row and column in every format") {
  const std::string source =
      "# Workforce\n\nTable 1: Social workers, 2022/23 and 2023/24\n\n"
      "| Measure | 2022/23 | 2023/24 |\n|---|---|---|\n| Vacancy rate | 10% | 7% |\n";
  CheckResult r = CellEvidence(source, "7%");
  const std::string where = "Table 1, \"Vacancy rate\", 2023/24";
  nlohmann::json j = nlohmann::json::parse(RenderReport(r, ReportFormat::kJson, {}));
  const auto& m = j["claims"][0]["match"];
  CHECK(m["table"] == "1");
  CHECK(m["row_header"] == "Vacancy rate");
  CHECK(m["column_header"] == "2023/24");
  CHECK(m["section"] == "Table 1: Social workers, 2022/23 and 2023/24");
  CHECK(m["line"] == 7);
  ReportOptions wide;
  wide.width = 200;
  r.claims[0].finding.verdict = Verdict::kMismatch;  // markdown lists flagged ones
  const std::pair<ReportFormat, std::string> cases[] = {
      {ReportFormat::kText, where},
      {ReportFormat::kMarkdown, where},
      {ReportFormat::kHtml, "Table 1, &quot;Vacancy rate&quot;, 2023/24"},
  };
  // Not a structured binding: clang (the sanitizer build) cannot capture one
  // in INFO's lambda.
  for (const auto& c : cases) {
    INFO(ReportFormatName(c.first));
    CHECK(RenderReport(r, c.first, wide).find(c.second) != std::string::npos);
  }
  // Outside a table the location is unchanged: no table fields.
  CheckResult prose = CellEvidence(source, "10%");
  prose.claims[0].finding.evidence.span = {2, 11};  // "Workforce"
  nlohmann::json p = nlohmann::json::parse(RenderReport(prose, ReportFormat::kJson, {}));
  CHECK_FALSE(p["claims"][0]["match"].contains("table"));
  CHECK(p["claims"][0]["match"]["section"] == "Workforce");
}

}  // namespace
}  // namespace claimtrace

namespace claimtrace {
namespace {

TEST_CASE("HTML and Markdown link a PDF passage to its page, relative to the report") {
  const std::string dir = std::string(CLAIMTRACE_TEST_DATA_DIR);
  CheckResult r;
  r.release = std::move(ParseText("release.txt", "Waits fell to 13.1 weeks.\n")).value();
  r.sources.push_back(std::move(LoadDocument(dir + "/tables/bulletin.pdf")).value());
  const Document& src = r.sources[0];
  CheckedClaim c;
  c.finding.claim.kind = ClaimKind::kNumber;
  c.finding.claim.text = "13.1 weeks";
  c.finding.claim.span = {14, 24};
  c.finding.verdict = Verdict::kMismatch;
  size_t at = src.text().find("13.1");
  c.finding.evidence.source = 0;
  c.finding.evidence.span = {at, at + 4};
  c.finding.evidence.passage = src.blocks()[src.BlockAt(at)].range;
  c.finding.evidence.page = 1;  // the matcher's page may lag: the report asks the source
  r.claims.push_back(std::move(c));
  struct LinkCase {
    std::string output;
    std::string link;
  };
  const LinkCase cases[] = {
      {dir + "/tables/audit.html", "bulletin.pdf#page=2"},
      {dir + "/audit.html", "tables/bulletin.pdf#page=2"},
      {dir + "/out/deeper/audit.html", "../../tables/bulletin.pdf#page=2"},
  };
  for (const LinkCase& lc : cases) {
    INFO(lc.output);
    ReportOptions options;
    options.output_path = lc.output;
    // The page, and the matched words for viewers that search them.
    CHECK(RenderReport(r, ReportFormat::kHtml, options)
              .find("<a href=\"" + lc.link + "&amp;search=%2213.1%22\">") !=
          std::string::npos);
    CHECK(RenderReport(r, ReportFormat::kMarkdown, options)
              .find("](" + lc.link + "&search=%2213.1%22)") != std::string::npos);
  }
  // The page's text, once at the end, the passage marked, linked from the card.
  std::string report = RenderReport(r, ReportFormat::kHtml, {});
  CHECK(report.find(" · <a href=\"#s0p2\">the page&#39;s text</a>") != std::string::npos);
  size_t pages = report.find("<h2>Pages cited</h2>\n<h3 id=\"s0p2\">");
  REQUIRE(pages != std::string::npos);
  CHECK(report.find("bulletin.pdf, page 2</h3>", pages) != std::string::npos);
  CHECK(report.find("<mark class=\"hit\">13.1</mark>", pages) != std::string::npos);
  CHECK(report.find("<h3 id=\"s0p1\">") == std::string::npos);
  // Served by the app: the served bytes at the page, and the page's text.
  ReportOptions served;
  served.source_links = {{"/checks/ab/sources/0", "/checks/ab/sources/0/text"}};
  std::string html = RenderReport(r, ReportFormat::kHtml, served);
  CHECK(html.find("<a href=\"/checks/ab/sources/0#page=2&amp;search=%2213.1%22\">") !=
        std::string::npos);
  CHECK(html.find(fmt::format(" · <a href=\"/checks/ab/sources/0/text?from={}&amp;to={}"
                              "#passage\">the page&#39;s text</a>",
                              at, at + 4)) != std::string::npos);
  CHECK(html.find("Pages cited") == std::string::npos);
  // The text location says the page and the line on it.
  ReportOptions wide;
  wide.width = 200;
  CHECK(RenderReport(r, ReportFormat::kText, wide)
            .find("Table 3, \"Median wait (weeks)\", March 2024 p.2") !=
        std::string::npos);
}

}  // namespace
}  // namespace claimtrace

namespace claimtrace {
namespace {

TEST_CASE("a Word draft's annotations name the paragraph, not a line") {
  Result<CheckResult> result = Check(
      std::string(CLAIMTRACE_TEST_DATA_DIR) + "/release.docx",
      {std::string(CLAIMTRACE_DATA_DIR) + "/reports/ofsted-tower-hamlets-ilacs-2024.txt"},
      {});
  REQUIRE(result.ok());
  std::string github = RenderReport(*result, ReportFormat::kGithub, {});
  CHECK(github.find("(paragraph ") != std::string::npos);
  CHECK(github.find(".docx,line=") == std::string::npos);
  std::string sarif = RenderReport(*result, ReportFormat::kSarif, {});
  CHECK(sarif.find("\"logicalLocations\"") != std::string::npos);
}

}  // namespace
}  // namespace claimtrace

namespace claimtrace {
namespace {

TEST_CASE("evidence in a web page links to its words with a text fragment") {
  Result<CheckResult> result =
      Check(std::string(CLAIMTRACE_DATA_DIR) +
                "/releases/tower-hamlets-2025-01-outstanding.txt",
            {std::string(CLAIMTRACE_TEST_DATA_DIR) + "/release.html"}, {});
  REQUIRE(result.ok());
  std::string html = RenderReport(*result, ReportFormat::kHtml, {});
  CHECK(html.find("release.html#:~:text=") != std::string::npos);
}

}  // namespace
}  // namespace claimtrace

namespace claimtrace {
namespace {

TEST_CASE("a quotation another source also holds names it in every format") {
  Result<Document> release =
      ParseText("release.txt", "The panel said “receive high-quality support” here.\n");
  Result<Document> first = ParseText("report.md", kSource);
  Result<Document> copy = ParseText("summary.md", kSource);
  REQUIRE(release.ok());
  REQUIRE(first.ok());
  REQUIRE(copy.ok());
  std::vector<Document> sources;
  sources.push_back(std::move(first).value());
  sources.push_back(std::move(copy).value());
  Result<CheckResult> result = Check(std::move(release).value(), std::move(sources), {});
  REQUIRE(result.ok());
  CheckResult r = std::move(result).value();
  REQUIRE(r.claims.size() == 1);
  REQUIRE(r.claims[0].finding.also.size() == 1);
  const std::string other = r.sources[r.claims[0].finding.also[0]].path();
  r.claims[0].finding.verdict =
      Verdict::kAltered;  // SARIF and Markdown list flagged ones
  for (ReportFormat format :
       {ReportFormat::kText, ReportFormat::kMarkdown, ReportFormat::kHtml,
        ReportFormat::kSarif, ReportFormat::kGithub}) {
    INFO(ReportFormatName(format));
    std::string out = RenderReport(r, format, {});
    CHECK(out.find("also in") != std::string::npos);
    CHECK(out.find(other) != std::string::npos);
  }
}

}  // namespace
}  // namespace claimtrace
