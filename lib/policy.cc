// The policy file (TOML, read with toml++): which verdicts fail a run and
// which claims a team has accepted on purpose.
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <toml++/toml.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <sstream>

#include "claimtrace/options.h"

namespace claimtrace {

namespace {

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

}  // namespace

Result<Policy> LoadPolicy(const std::string& path) {
  Result<std::string> text = ReadPolicyFile(path);
  if (!text.ok()) return text.status();
  toml::table table;
  try {
    table = toml::parse(*text, path);
  } catch (const toml::parse_error& e) {
    return Status::InvalidInput(
        fmt::format("{}:{}: {}", path, e.source().begin.line, e.description()));
  }
  Policy policy;
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
            "attributed, "
            "traced, mismatch)",
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
      policy.accepted.push_back({*fingerprint, *reason});
    }
  }
  return policy;
}

std::string FormatPolicy(const Policy& policy) {
  toml::array fail_on;
  for (Verdict v : policy.fail_on) fail_on.push_back(std::string(VerdictName(v)));
  toml::array accept;
  for (const Acceptance& a : policy.accepted) {
    accept.push_back(toml::table{{"fingerprint", a.fingerprint}, {"reason", a.reason}});
  }
  toml::table table{{"fail_on", fail_on}, {"accept", accept}};
  std::ostringstream out;
  out << "# claimtrace policy: verdicts that fail a check, and claims accepted on "
         "purpose.\n"
         "# Each accepted claim is found by its fingerprint (see `claimtrace check "
         "--format json`).\n"
      << table << "\n";
  return out.str();
}

}  // namespace claimtrace
