// The policy file (TOML, read with toml++): which verdicts fail a run and
// which claims a team has accepted on purpose, and where the file is found.
// Unknown keys are errors: a silently ignored `fail-on` would disable the
// policy without a word.
#include "claimtrace/policy.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <toml++/toml.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>
#include <sstream>

namespace claimtrace {
namespace {

namespace fs = std::filesystem;

// Policy files are a few kilobytes; this only stops a wrong path (a disk
// image, /dev/zero) from being read whole.
constexpr off_t kMaxPolicyBytes = 1 << 20;

// Reads a policy file, refusing what is not a regular file. The file is
// opened without blocking, so a FIFO cannot hang the check.
Result<std::string> ReadPolicyFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    return Status::IoError(
        fmt::format("{}: cannot open the policy file ({})", path, std::strerror(errno)));
  }
  std::unique_ptr<int, void (*)(int*)> closer(&fd, [](int* f) { ::close(*f); });
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    return Status::IoError(fmt::format("{}: cannot read the policy file", path));
  }
  if (S_ISDIR(st.st_mode)) {
    return Status::IoError(fmt::format("{}: is a directory, not a policy file", path));
  }
  if (!S_ISREG(st.st_mode)) {
    return Status::IoError(fmt::format(
        "{}: not a regular file (a FIFO or a device?); give a policy file", path));
  }
  if (st.st_size > kMaxPolicyBytes) {
    return Status::InvalidInput(
        fmt::format("{}: the policy file is over 1 MiB; is it the right file?", path));
  }
  std::string text(static_cast<size_t>(st.st_size), '\0');
  size_t got = 0;
  while (got < text.size()) {
    ssize_t n = ::read(fd, text.data() + got, text.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<size_t>(n);
  }
  text.resize(got);
  return text;
}

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
  Result<std::string> text = ReadPolicyFile(path);
  if (!text.ok()) return text.status();
  return ParsePolicy(*text, path);
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
