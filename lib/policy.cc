// The policy file (TOML, read with toml++): which verdicts fail a run and
// which claims a team has accepted on purpose, and where the file is found.
// Unknown keys are errors: a silently ignored `fail-on` would disable the
// policy without a word.
#include "claimtrace/policy.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace claimtrace {
namespace {

namespace fs = std::filesystem;

const std::vector<std::string> kTopKeys = {"fail_on", "accept"};
const std::vector<std::string> kAcceptKeys = {"fingerprint", "reason"};

// Levenshtein distance, over bytes: keys are ASCII.
size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min(
          {row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == '-' || c == ' ') c = '_';
  }
  return out;
}

Status UnknownKey(const std::string& path, const toml::node& node, std::string_view key,
                  std::string_view where, const std::vector<std::string>& known) {
  std::string suggestion = SuggestName(key, known);
  std::string names;
  for (const std::string& k : known) names += (names.empty() ? "" : ", ") + k;
  return Status::InvalidInput(fmt::format(
      "{}:{}: unknown key '{}'{} ({}{})", path, node.source().begin.line, key, where,
      suggestion.empty() ? "" : fmt::format("did you mean '{}'? ", suggestion),
      fmt::format("known: {}", names)));
}

}  // namespace

std::string SuggestName(std::string_view name, const std::vector<std::string>& known) {
  std::string best;
  size_t best_distance = 3;  // at most two edits away
  for (const std::string& k : known) {
    size_t d = Lower(name) == k ? 0 : EditDistance(Lower(name), k);
    if (d < best_distance) best = k, best_distance = d;
  }
  return best;
}

Result<Policy> ParsePolicy(std::string_view text, const std::string& path) {
  toml::table table;
  try {
    table = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    return Status::InvalidInput(
        fmt::format("{}:{}: {}", path, e.source().begin.line, e.description()));
  }
  Policy policy;
  policy.path = path;
  for (const auto& [key, node] : table) {
    if (std::find(kTopKeys.begin(), kTopKeys.end(), key.str()) == kTopKeys.end()) {
      return UnknownKey(path, node, key.str(), "", kTopKeys);
    }
  }
  if (const toml::node* fail_on = table.get("fail_on")) {
    const toml::array* list = fail_on->as_array();
    if (!list) {
      return Status::InvalidInput(fmt::format("{}:{}: fail_on must be a list of verdicts",
                                              path, fail_on->source().begin.line));
    }
    policy.fail_on.clear();
    for (const toml::node& item : *list) {
      std::optional<std::string> name = item.value<std::string>();
      Verdict v;
      if (!name || !ParseVerdictName(*name, &v)) {
        return Status::InvalidInput(fmt::format(
            "{}:{}: unknown verdict {} in fail_on (verbatim, altered, untraced, "
            "attributed, traced, mismatch)",
            path, item.source().begin.line, name ? "'" + *name + "'" : "value"));
      }
      policy.fail_on.insert(v);
    }
  }
  if (const toml::node* accept = table.get("accept")) {
    const toml::array* list = accept->as_array();
    if (!list) {
      return Status::InvalidInput(
          fmt::format("{}:{}: accept must be an array of tables ([[accept]])", path,
                      accept->source().begin.line));
    }
    for (const toml::node& item : *list) {
      const toml::table* entry = item.as_table();
      int line = static_cast<int>(item.source().begin.line);
      if (!entry)
        return Status::InvalidInput(
            fmt::format("{}:{}: [[accept]] must be a table", path, line));
      for (const auto& [key, node] : *entry) {
        if (std::find(kAcceptKeys.begin(), kAcceptKeys.end(), key.str()) ==
            kAcceptKeys.end()) {
          return UnknownKey(path, node, key.str(), " in [[accept]]", kAcceptKeys);
        }
      }
      std::optional<std::string> fingerprint =
          (*entry)["fingerprint"].value<std::string>();
      std::optional<std::string> reason = (*entry)["reason"].value<std::string>();
      if (!fingerprint || fingerprint->empty()) {
        return Status::InvalidInput(
            fmt::format("{}:{}: [[accept]] needs a fingerprint", path, line));
      }
      if (!reason || reason->empty()) {
        return Status::InvalidInput(
            fmt::format("{}:{}: [[accept]] needs a reason: say why the claim is accepted",
                        path, line));
      }
      policy.accepted.push_back({*fingerprint, *reason, line});
    }
  }
  return policy;
}

Result<Policy> LoadPolicy(const std::string& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    return Status::IoError(fmt::format("{}: is a directory, not a policy file", path));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(fmt::format("{}: cannot open the policy file", path));
  std::ostringstream text;
  text << in.rdbuf();
  return ParsePolicy(text.str(), path);
}

std::string FindRepositoryRoot(const std::string& path) {
  std::error_code ec;
  fs::path dir = fs::absolute(path, ec);
  if (ec) return "";
  if (!fs::is_directory(dir, ec)) dir = dir.parent_path();
  for (;; dir = dir.parent_path()) {
    if (fs::exists(dir / ".git", ec)) return dir.string();
    if (dir == dir.parent_path()) return "";
  }
}

std::string FindPolicyFile(const std::string& release_path) {
  std::error_code ec;
  fs::path release(release_path);
  // Walk up lexically from the path as given, so the file found is named the
  // way the release was (claimtrace.toml, not /home/.../claimtrace.toml).
  fs::path dir = release.has_parent_path() ? release.parent_path() : fs::path(".");
  for (;;) {
    for (const char* name : kPolicyFileNames) {
      fs::path candidate = (dir / name).lexically_normal();
      if (fs::is_regular_file(candidate, ec)) return candidate.string();
    }
    fs::path absolute = fs::absolute(dir, ec).lexically_normal();
    if (ec || fs::exists(absolute / ".git", ec) || !absolute.has_relative_path()) {
      return "";
    }
    dir = (dir / "..").lexically_normal();
  }
}

std::string FormatPolicy(const Policy& policy) {
  toml::array fail_on;
  for (Verdict v : policy.fail_on) fail_on.push_back(std::string(VerdictName(v)));
  std::ostringstream out;
  out << "# claimtrace policy: verdicts that fail a check, and claims accepted on "
         "purpose.\n"
         "# Each accepted claim is found by its fingerprint (see `claimtrace check "
         "--format json`).\n"
      << toml::table{{"fail_on", fail_on}} << "\n";
  return EditPolicyText(out.str(), policy.accepted, {}).text;
}

std::string TruncateUtf8(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  size_t cut = max_bytes;
  // Back up to the first byte of a character: continuation bytes are 10xxxxxx.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "…";
}

}  // namespace claimtrace
