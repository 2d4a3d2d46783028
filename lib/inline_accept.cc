// Inline acceptances in a draft: `<!-- claimtrace: accept "reason" -->`.
#include "inline_accept.h"

#include <fmt/format.h>
#include <re2/re2.h>

#include <fstream>
#include <sstream>

namespace claimtrace {
namespace {

// What a comment says after `claimtrace:`. Word turns straight quotes into
// curly ones as people type, so both are read.
const RE2& AcceptPattern() {
  static const RE2 pattern(R"re(\s*accept\s+(?:"([^"]*)"|“([^”]*)”)\s*)re");
  return pattern;
}

struct Comment {
  size_t begin = 0;  // of `<!--`
  size_t end = 0;    // after `-->`
  std::string body;  // between the marks
};

std::vector<Comment> Comments(std::string_view text) {
  std::vector<Comment> out;
  size_t at = 0;
  while ((at = text.find("<!--", at)) != std::string_view::npos) {
    size_t close = text.find("-->", at + 4);
    size_t end = close == std::string_view::npos ? text.size() : close + 3;
    out.push_back({at, end, std::string(text.substr(at + 4, (end - 3) - (at + 4)))});
    if (close == std::string_view::npos) break;
    at = end;
  }
  return out;
}

int LineOf(std::string_view text, size_t offset) {
  int line = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) line += text[i] == '\n';
  return line;
}

}  // namespace

std::vector<Range> CommentRanges(const Document& release) {
  std::vector<Range> out;
  if (release.format() == DocumentFormat::kHtml) return out;  // not in text()
  for (const Comment& c : Comments(release.text())) out.push_back({c.begin, c.end});
  return out;
}

Result<std::vector<InlineAcceptance>> FindInlineAcceptances(const Document& release) {
  const bool html = release.format() == DocumentFormat::kHtml;
  std::string file;
  if (html) {
    std::ifstream in(release.path(), std::ios::binary);
    std::ostringstream bytes;
    if (in) bytes << in.rdbuf();
    file = bytes.str();
  }
  std::string_view text = html ? std::string_view(file) : release.text();
  std::vector<InlineAcceptance> out;
  for (const Comment& c : Comments(text)) {
    size_t tag = c.body.find("claimtrace:");
    if (tag == std::string::npos) continue;
    int line = html ? LineOf(text, c.begin) : release.Locate(c.begin).line;
    std::string reason, curly;
    if (!RE2::FullMatch(c.body.substr(tag + 11), AcceptPattern(), &reason, &curly) ||
        (reason.empty() && curly.empty())) {
      return Status::InvalidInput(fmt::format(
          "{}:{}: an inline acceptance reads <!-- claimtrace: accept \"reason\" --> "
          "(a reason is required)",
          release.path(), line));
    }
    InlineAcceptance a{reason.empty() ? curly : reason, line, -1};
    // The paragraph it precedes: the block holding the first character after
    // the comment (HTML: the first block that starts after it in the file).
    for (size_t b = 0; b < release.blocks().size(); ++b) {
      const Block& block = release.blocks()[b];
      size_t begin = html ? release.FileOffset(block.range.begin) : block.range.begin;
      size_t end = html ? release.FileOffset(block.range.end) : block.range.end;
      if (end <= c.end) continue;
      bool inside_comment = !html && begin >= c.begin && begin < c.end;
      if (inside_comment) {
        // The comment shares the block with the paragraph under it.
        size_t next = text.find_first_not_of(" \t\r\n", c.end);
        if (next == std::string_view::npos || next >= end) continue;
      }
      a.block = static_cast<int>(b);
      break;
    }
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace claimtrace
