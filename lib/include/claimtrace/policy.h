// Policy: the CI policy file (`claimtrace.toml`): which verdicts fail a run
// and which claims a team has accepted on purpose; where the file is found,
// and how `claimtrace baseline` edits it.
//
// The file is TOML:
//   fail_on = ["altered", "mismatch", "untraced"]
//   [[accept]]
//   fingerprint = "3f9a0c1d2e4b5a69"
//   reason = "the figure comes from the council's own statistics"
// Any other key or table is an error, so a typo cannot disable the policy.
#ifndef CLAIMTRACE_POLICY_H_
#define CLAIMTRACE_POLICY_H_

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "claimtrace/match.h"
#include "claimtrace/status.h"

namespace claimtrace {

// A claim a team has accepted on purpose, found by its fingerprint.
struct Acceptance {
  std::string fingerprint;  // see Fingerprint() in check.h
  std::string reason;
  int line = 0;  // line of its `[[accept]]` in the policy file; 0 when none
};

struct Policy {
  // The file the policy was read from; "" for the built-in default.
  // Default: ""
  std::string path;
  // Verdicts that fail a run. Attributed never fails by default.
  // Default: altered, mismatch, untraced.
  std::set<Verdict> fail_on = {Verdict::kAltered, Verdict::kMismatch, Verdict::kUntraced};
  // Claims accepted on purpose; they still appear in reports.
  // Default: none.
  std::vector<Acceptance> accepted;
};

// The names a policy file may have, in the order they are looked for.
inline constexpr const char* kPolicyFileNames[] = {"claimtrace.toml", ".claimtrace.toml"};

// Reads a policy file. The error names the file and the line that is wrong,
// and for an unknown key the key (with the known key it was probably meant
// to be: `fail-on` -> `fail_on`).
Result<Policy> LoadPolicy(const std::string& path);

// Parses policy text; `path` is used in messages and recorded in the Policy.
Result<Policy> ParsePolicy(std::string_view text, const std::string& path);

// Returns the policy file that applies to a release, as ruff and eslint find
// theirs: the first of kPolicyFileNames in the release's folder or a parent
// folder, stopping after the repository root (a folder holding `.git`).
// Returns "" when there is none.
std::string FindPolicyFile(const std::string& release_path);

// Returns the folder that holds `.git`, looking upward from `path` (a file
// or folder), or "" when `path` is not inside a repository.
std::string FindRepositoryRoot(const std::string& path);

// Returns a known name within a small edit distance of `name` ("fail-on" ->
// "fail_on", "accepted" -> "accept"), or "" when none is close.
std::string SuggestName(std::string_view name, const std::vector<std::string>& known);

// Returns the TOML text of a new policy file holding `policy`.
std::string FormatPolicy(const Policy& policy);

// What EditPolicyText() did.
struct PolicyEdit {
  std::string text;  // the new file text
  int added = 0;
  int pruned = 0;
};

// Edits a policy file's text in place, as a person would: appends an
// `[[accept]]` block for each of `add`, and removes the blocks (with the
// comment lines just above them) whose fingerprint is in `prune`. Everything
// else (comments, blank lines, key order, quoting) is kept byte for byte.
// REQUIRES: `text` parses as a policy (ParsePolicy).
PolicyEdit EditPolicyText(std::string_view text, const std::vector<Acceptance>& add,
                          const std::set<std::string>& prune);

// Returns `text` cut to at most `max_bytes` bytes at a character boundary,
// with "…" appended when something was cut.
std::string TruncateUtf8(std::string_view text, size_t max_bytes);

}  // namespace claimtrace

#endif  // CLAIMTRACE_POLICY_H_
