// Tests for the policy file: unknown keys named with a suggestion, where the
// file is found, how baseline edits it (comments kept), and reasons cut at a
// character boundary.
#include "claimtrace/policy.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace claimtrace {
namespace {

namespace fs = std::filesystem;

struct KeyCase {
  const char* name;
  const char* text;
  const char* message;  // a part of the error
};

TEST_CASE("unknown keys and tables are errors naming the key and a near miss") {
  const KeyCase cases[] = {
      {"dash for underscore", "fail-on = [\"altered\"]\n",
       ":1: unknown key 'fail-on' (did you mean 'fail_on'?"},
      {"plural table", "[[accepted]]\nfingerprint = \"ab\"\nreason = \"r\"\n",
       "unknown key 'accepted' (did you mean 'accept'?"},
      {"capitals", "Fail_On = []\n", "did you mean 'fail_on'?"},
      {"key inside an acceptance", "[[accept]]\nfingerprint = \"ab\"\nreasons = \"r\"\n",
       ":3: unknown key 'reasons' in [[accept]] (did you mean 'reason'?"},
      {"misspelt fingerprint", "[[accept]]\nfingerprnt = \"ab\"\nreason = \"r\"\n",
       "did you mean 'fingerprint'?"},
      {"a table nobody knows", "[colours]\nred = 1\n",
       "unknown key 'colours' (known: fail_on, accept)"},
  };
  for (const KeyCase& c : cases) {
    CAPTURE(std::string(c.name));
    Result<Policy> p = ParsePolicy(c.text, "team/claimtrace.toml");
    REQUIRE_FALSE(p.ok());
    CHECK(p.status().message().starts_with("team/claimtrace.toml:"));
    CHECK(p.status().message().find(c.message) != std::string::npos);
  }
}

TEST_CASE("a valid policy records its file and each acceptance's line") {
  Result<Policy> p = ParsePolicy(
      "# comment\nfail_on = [\"untraced\"]\n\n[[accept]]\nfingerprint = \"ab\"\n"
      "reason = \"agreed\"\n",
      "p.toml");
  REQUIRE(p.ok());
  CHECK(p->path == "p.toml");
  CHECK(p->fail_on == std::set<Verdict>{Verdict::kUntraced});
  REQUIRE(p->accepted.size() == 1);
  CHECK(p->accepted[0].line == 4);
}

TEST_CASE("suggestions only for near misses") {
  const std::vector<std::string> known = {"fail_on", "accept"};
  CHECK(SuggestName("fail-on", known) == "fail_on");
  CHECK(SuggestName("failon", known) == "fail_on");
  CHECK(SuggestName("accepts", known) == "accept");
  CHECK(SuggestName("ACCEPT", known) == "accept");
  CHECK(SuggestName("colour", known) == "");
  CHECK(SuggestName("", known) == "");
}

struct TruncateCase {
  const char* name;
  std::string text;
  size_t max;
  std::string want;
};

TEST_CASE("reasons are cut at a character boundary, never inside one") {
  const TruncateCase cases[] = {
      {"short text unchanged", "Ofsted", 60, "Ofsted"},
      {"ascii cut", "abcdef", 3, "abc…"},
      {"two-byte letter straddling the cut", "caf\xC3\xA9s", 4, "caf…"},
      {"curly quote straddling the cut",
       "a\xE2\x80\x9C"
       "b",
       2, "a…"},
      {"four-byte emoji straddling the cut", "ok\xF0\x9F\x91\x8D", 4, "ok…"},
      {"cut just after a whole character", "caf\xC3\xA9s", 5, "caf\xC3\xA9…"},
  };
  for (const TruncateCase& c : cases) {
    CAPTURE(std::string(c.name));
    CHECK(TruncateUtf8(c.text, c.max) == c.want);
  }
}

constexpr const char kCommented[] =
    "# Policy for the comms team. Ask Priya before changing fail_on.\n"
    "fail_on = [\"altered\", \"untraced\"]  # mismatch handled by subs\n"
    "\n"
    "# The chief executive's quote: agreed wording.\n"
    "[[accept]]\n"
    "fingerprint = \"aaaa\"\n"
    "reason = \"agreed with Ofsted\"\n"
    "\n"
    "[[accept]]\n"
    "reason = '''spans\n[[accept]]\nlines'''  # a literal string\n"
    "fingerprint = \"bbbb\"\n";

TEST_CASE("baseline edits keep comments, order and quoting") {
  PolicyEdit edit = EditPolicyText(kCommented, {{"cccc", "new \"one\"", 0}}, {});
  CHECK(edit.added == 1);
  CHECK(edit.pruned == 0);
  CHECK(edit.text.starts_with(kCommented));
  CHECK(edit.text.ends_with(
      "\n\n[[accept]]\nfingerprint = \"cccc\"\nreason = \"new \\\"one\\\"\"\n"));
  Result<Policy> back = ParsePolicy(edit.text, "p.toml");
  REQUIRE(back.ok());
  REQUIRE(back->accepted.size() == 3);
  CHECK(back->accepted[2].reason == "new \"one\"");
}

TEST_CASE("pruning removes a block with the comments just above it") {
  PolicyEdit first = EditPolicyText(kCommented, {}, {"aaaa"});
  CHECK(first.pruned == 1);
  CHECK(first.text.find("chief executive") == std::string::npos);
  CHECK(first.text.find("aaaa") == std::string::npos);
  CHECK(first.text.find("# Policy for the comms team") == 0);
  CHECK(first.text.find("# mismatch handled by subs") != std::string::npos);
  CHECK(first.text.find("'''spans\n[[accept]]\nlines'''") != std::string::npos);

  PolicyEdit last = EditPolicyText(kCommented, {}, {"bbbb"});
  const std::string kept = "reason = \"agreed with Ofsted\"\n";
  std::string commented = kCommented;
  CHECK(last.text == commented.substr(0, commented.find(kept) + kept.size()));
  Result<Policy> back = ParsePolicy(last.text, "p.toml");
  REQUIRE(back.ok());
  CHECK(back->accepted.size() == 1);

  PolicyEdit both =
      EditPolicyText(kCommented, {{"dddd", "r", 0}}, {"aaaa", "bbbb", "zz"});
  CHECK(both.pruned == 2);
  CHECK(both.added == 1);
  Result<Policy> only = ParsePolicy(both.text, "p.toml");
  REQUIRE(only.ok());
  REQUIRE(only->accepted.size() == 1);
  CHECK(only->accepted[0].fingerprint == "dddd");
}

TEST_CASE("a new policy file parses back to the same policy") {
  Policy policy;
  policy.fail_on = {Verdict::kMismatch};
  policy.accepted = {{"0123456789abcdef", "tab\tand \\ backslash", 0}};
  Result<Policy> back = ParsePolicy(FormatPolicy(policy), "p.toml");
  REQUIRE(back.ok());
  CHECK(back->fail_on == policy.fail_on);
  REQUIRE(back->accepted.size() == 1);
  CHECK(back->accepted[0].reason == "tab\tand \\ backslash");
}

struct Tree {
  fs::path root = fs::temp_directory_path() / "claimtrace_policy_tree";
  Tree() {
    fs::remove_all(root);
    fs::create_directories(root / "repo/.git");
    fs::create_directories(root / "repo/comms/drafts/2025");
    fs::create_directories(root / "repo/press");
    fs::create_directories(root / "loose");
    std::ofstream(root / "claimtrace.toml") << "# outside the repository\n";
    std::ofstream(root / "repo/claimtrace.toml") << "fail_on = []\n";
    std::ofstream(root / "repo/comms/.claimtrace.toml") << "fail_on = []\n";
  }
  ~Tree() { fs::remove_all(root); }
  std::string operator()(const std::string& rel) const { return (root / rel).string(); }
};

TEST_CASE("the policy file is found upward from the release, within its repository") {
  Tree tree;
  CHECK(FindPolicyFile(tree("repo/comms/drafts/2025/release.md")) ==
        tree("repo/comms/.claimtrace.toml"));
  CHECK(FindPolicyFile(tree("repo/press/release.docx")) == tree("repo/claimtrace.toml"));
  CHECK(FindPolicyFile(tree("loose/release.txt")) == tree("claimtrace.toml"));
  fs::remove(tree("repo/claimtrace.toml"));
  // The repository root stops the search: the file outside it is not used.
  CHECK(FindPolicyFile(tree("repo/press/release.docx")) == "");
  CHECK(FindRepositoryRoot(tree("repo/press/release.docx")) == tree("repo"));
  CHECK(FindRepositoryRoot(tree("loose/release.txt")) == "");
}

}  // namespace
}  // namespace claimtrace
