// The policy file (TOML, read with toml++): which verdicts fail a run and
// which claims a team has accepted on purpose.
#include <fmt/format.h>
#include <toml++/toml.h>

#include <sstream>

#include "claimtrace/options.h"

namespace claimtrace {

Result<Policy> LoadPolicy(const std::string& path) {
  toml::table table;
  try {
    table = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    std::string what(e.description());
    if (what.find("File could not be opened") != std::string::npos) {
      return Status::IoError(fmt::format("{}: cannot open the policy file", path));
    }
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
