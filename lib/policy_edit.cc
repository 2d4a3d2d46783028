// EditPolicyText(): `claimtrace baseline` edits the team's policy file the
// way a person would, so their comments, blank lines and key order survive.
// toml++ re-serialises a whole table and drops comments, so it is used only
// to parse (to find each `[[accept]]` block's line and fingerprint); the
// edit itself is on the lines of the text.
#include <fmt/format.h>
#include <toml++/toml.h>

#include "claimtrace/policy.h"

namespace claimtrace {
namespace {

// Splits `text` into lines, each with its line ending.
std::vector<std::string> Lines(std::string_view text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    end = end == std::string_view::npos ? text.size() : end + 1;
    lines.emplace_back(text.substr(start, end - start));
    start = end;
  }
  return lines;
}

bool IsComment(const std::string& line) {
  size_t i = line.find_first_not_of(" \t");
  return i != std::string::npos && line[i] == '#';
}

// Returns `s` as a TOML basic string, quoted and escaped.
std::string TomlString(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (u < 0x20 || u == 0x7F) {
      out += fmt::format("\\u{:04X}", u);
    } else {
      out += c;
    }
  }
  return out + "\"";
}

}  // namespace

PolicyEdit EditPolicyText(std::string_view text, const std::vector<Acceptance>& add,
                          const std::set<std::string>& prune) {
  PolicyEdit edit;
  std::vector<std::string> lines = Lines(text);
  // 0-based line of each [[accept]] header, and the block's fingerprint.
  std::vector<std::pair<size_t, std::string>> headers;
  try {
    toml::table table = toml::parse(text);
    if (const toml::array* list = table["accept"].as_array()) {
      for (const toml::node& item : *list) {
        const toml::table* entry = item.as_table();
        std::string fingerprint =
            entry ? (*entry)["fingerprint"].value_or(std::string()) : "";
        headers.emplace_back(item.source().begin.line - 1, fingerprint);
      }
    }
  } catch (const toml::parse_error&) {
    // REQUIRES says the text parses; leave it as it is rather than guess.
  }
  // A block runs from the comment lines just above its header to where the
  // next block's comments start; a pruned block goes whole.
  std::vector<bool> keep(lines.size(), true);
  auto lead = [&](size_t header) {
    size_t start = header;
    while (start > 0 && IsComment(lines[start - 1])) --start;
    return start;
  };
  for (size_t i = 0; i < headers.size(); ++i) {
    if (!prune.count(headers[i].second)) continue;
    size_t begin = lead(headers[i].first);
    size_t end = i + 1 < headers.size() ? lead(headers[i + 1].first) : lines.size();
    for (size_t l = begin; l < end && l < lines.size(); ++l) keep[l] = false;
    ++edit.pruned;
  }
  for (size_t l = 0; l < lines.size(); ++l) {
    if (keep[l]) edit.text += lines[l];
  }
  // Drop the blank lines a removal left at the end of the file.
  if (edit.pruned > 0) {
    size_t last = edit.text.find_last_not_of(" \t\r\n");
    edit.text.erase(last == std::string::npos ? 0 : last + 1);
  }
  if (!edit.text.empty() && edit.text.back() != '\n') edit.text += '\n';
  for (const Acceptance& a : add) {
    if (!edit.text.empty()) edit.text += '\n';
    edit.text += fmt::format("[[accept]]\nfingerprint = {}\nreason = {}\n",
                             TomlString(a.fingerprint), TomlString(a.reason));
    ++edit.added;
  }
  return edit;
}

}  // namespace claimtrace
