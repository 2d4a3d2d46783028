// DocumentBuilder and the paragraph rule shared by the text, Markdown and PDF
// loaders. See document_builder.h for the rule itself.
#include "load/document_builder.h"

#include <openssl/evp.h>
#include <re2/re2.h>

#include <algorithm>
#include <vector>

#include "load/utf8.h"

namespace claimtrace {
namespace {

enum class LineKind { kBlank, kHeading, kListItem, kLabelled, kTableRow, kPlain };

struct Line {
  size_t begin = 0;  // first byte of the line
  size_t end = 0;    // one past the last byte before "\n" / "\r\n" / "\f"
  int page = 1;
  LineKind kind = LineKind::kPlain;
  size_t content = 0;  // where the content starts after marks and label
  int level = 0;
  std::string label;
};

// Patterns for a line's leading marks. Anchored at the line start.
struct LinePatterns {
  RE2 heading{R"(^(#{1,6})[ \t]+)"};
  RE2 bullet{R"(^[ \t]*(?:[-*+•·▪◦‣]|–)[ \t]+)"};
  RE2 label{R"(^[ \t]*\(?(\d{1,3}|[a-z])[.)][ \t]+)"};
  RE2 table_rule{
      R"(^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$)"};
  // Inline markup: bold/strong marks, HTML tags, a Markdown link's target.
  RE2 markup{R"((\*\*|__|</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>\n]*)?/?>|\]\([^)\s]*\)))"};
  RE2 link_open{R"((\[[^\]\n]*\]\([^)\s]*\)))"};
};

const LinePatterns& Patterns() {
  static const LinePatterns* patterns = new LinePatterns;
  return *patterns;
}

bool IsBlank(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    size_t n = SpaceLengthAt(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

void ClassifyLine(std::string_view text, Line* line) {
  const LinePatterns& p = Patterns();
  std::string_view s = text.substr(line->begin, line->end - line->begin);
  line->content = line->begin;
  if (IsBlank(s)) {
    line->kind = LineKind::kBlank;
    return;
  }
  re2::StringPiece rest(s);
  std::string hashes, label;
  if (RE2::Consume(&rest, p.heading, &hashes)) {
    line->kind = LineKind::kHeading;
    line->level = static_cast<int>(hashes.size());
  } else if (s.find('\t') != std::string_view::npos || s.front() == '|') {
    line->kind = LineKind::kTableRow;
  } else if (RE2::Consume(&rest, p.bullet)) {
    line->kind = LineKind::kListItem;
  } else if (RE2::Consume(&rest, p.label, &label)) {
    line->kind = LineKind::kLabelled;
    line->label = label;
  } else {
    line->kind = LineKind::kPlain;
  }
  line->content = line->begin + (s.size() - rest.size());
}

// A line at least this long that stops mid-sentence was wrapped, not ended.
constexpr size_t kMinWrappedLine = 50;

bool EndsSentence(std::string_view s) {
  while (!s.empty()) {
    size_t n = LastCharLength(s);
    std::string_view last = s.substr(s.size() - n);
    if (SpaceLengthAt(last, 0) == last.size()) {
      s.remove_suffix(n);
      continue;
    }
    // Closing quotes and brackets do not decide; look before them.
    if (last == "\"" || last == "'" || last == ")" || last == "\xE2\x80\x9D" ||
        last == "\xE2\x80\x99" || last == "*") {
      s.remove_suffix(n);
      continue;
    }
    return last == "." || last == "!" || last == "?" || last == ":" ||
           last == "\xE2\x80\xA6";  // …
  }
  return false;
}

bool StartsLowercase(std::string_view s) {
  return !s.empty() && s.front() >= 'a' && s.front() <= 'z';
}

// A short capitalised line with no final punctuation and no quotation marks:
// how plain-text documents write their headings.
bool LooksLikeTitle(std::string_view s) {
  if (s.empty() || s.size() > 80) return false;
  if (!(s.front() >= 'A' && s.front() <= 'Z')) return false;
  int words = 1;
  for (char c : s) words += (c == ' ');
  if (words > 10) return false;
  for (std::string_view q :
       {"\"", "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x98", "\xC2\xAB"}) {
    if (s.find(q) != std::string_view::npos) return false;
  }
  char last = s.back();
  return std::string_view(".,;:!?)\"'*").find(last) == std::string_view::npos &&
         !(static_cast<unsigned char>(last) >= 0x80);  // closing quote, ellipsis
}

Range TrimRange(std::string_view text, size_t begin, size_t end) {
  while (begin < end) {
    size_t n = SpaceLengthAt(text, begin);
    if (n == 0 || begin + n > end) break;
    begin += n;
  }
  while (end > begin) {
    size_t n = LastCharLength(text.substr(begin, end - begin));
    if (SpaceLengthAt(text, end - n) != n) break;
    end -= n;
  }
  return {begin, end};
}

}  // namespace

DocumentBuilder::DocumentBuilder(std::string path, DocumentFormat format) {
  doc_.path_ = std::move(path);
  doc_.format_ = format;
}

size_t DocumentBuilder::AppendText(std::string_view piece) {
  size_t at = doc_.text_.size();
  doc_.text_.append(piece);
  return at;
}

void DocumentBuilder::HashFileBytes(std::string_view file_bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(file_bytes.data(), file_bytes.size(), digest, &size, EVP_sha256(), nullptr);
  static const char kHex[] = "0123456789abcdef";
  doc_.sha256_.clear();
  for (unsigned int i = 0; i < size; ++i) {
    doc_.sha256_.push_back(kHex[digest[i] >> 4]);
    doc_.sha256_.push_back(kHex[digest[i] & 15]);
  }
}

void DocumentBuilder::ParseLines() {
  const std::string_view text = doc_.text_;
  std::vector<Line> lines;
  int page = 1;
  size_t start = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;  // BOM
  for (size_t i = start; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '\n' || text[i] == '\f') {
      Line line;
      line.begin = start;
      line.end = (i > start && text[i - 1] == '\r') ? i - 1 : i;
      line.page = page;
      ClassifyLine(text, &line);
      lines.push_back(std::move(line));
      if (i < text.size() && text[i] == '\f') ++page;
      start = i + 1;
    }
  }

  // A single newline is a soft wrap only in hard-wrapped text: blank lines
  // between blocks, and some line broken mid-sentence (long and unfinished,
  // or followed by a lower-case line). A title and a blank line above a
  // release written one paragraph per line do not make it hard-wrapped.
  bool has_blank = false, has_wrap = false;
  for (size_t i = 1; i < lines.size(); ++i) {
    const Line& prev = lines[i - 1];
    const Line& line = lines[i];
    if (line.kind == LineKind::kBlank && prev.kind != LineKind::kBlank) has_blank = true;
    if (prev.kind == LineKind::kPlain && line.kind == LineKind::kPlain) {
      std::string_view prev_text = text.substr(prev.content, prev.end - prev.content);
      has_wrap |= (prev_text.size() >= kMinWrappedLine && !EndsSentence(prev_text)) ||
                  StartsLowercase(text.substr(line.content));
    }
  }
  bool blank_separated = has_blank && has_wrap;

  // Group lines into blocks: [first, last] line indices.
  struct Group {
    size_t first, last;
    bool after_blank;
  };
  std::vector<Group> groups;
  bool after_blank = true;
  for (size_t i = 0; i < lines.size(); ++i) {
    const Line& line = lines[i];
    if (line.kind == LineKind::kBlank) {
      after_blank = true;
      continue;
    }
    bool starts_block = groups.empty() || after_blank || !blank_separated ||
                        line.kind != LineKind::kPlain ||
                        lines[groups.back().last].kind == LineKind::kHeading ||
                        lines[groups.back().last].kind == LineKind::kTableRow;
    if (starts_block) {
      groups.push_back({i, i, after_blank});
    } else {
      groups.back().last = i;
    }
    after_blank = false;
  }

  // A lower-case paragraph after a blank line continues the previous block
  // when that block stopped mid-sentence (a page or column break).
  std::vector<Group> merged;
  for (const Group& g : groups) {
    const Line& first = lines[g.first];
    if (!merged.empty() && g.after_blank && first.kind == LineKind::kPlain) {
      const Group& prev = merged.back();
      LineKind prev_kind = lines[prev.first].kind;
      std::string_view prev_text = text.substr(
          lines[prev.last].content, lines[prev.last].end - lines[prev.last].content);
      if ((prev_kind == LineKind::kPlain || prev_kind == LineKind::kLabelled ||
           prev_kind == LineKind::kListItem) &&
          StartsLowercase(text.substr(first.content)) && !EndsSentence(prev_text)) {
        merged.back().last = g.last;
        continue;
      }
    }
    merged.push_back(g);
  }

  for (size_t gi = 0; gi < merged.size(); ++gi) {
    const Group& g = merged[gi];
    const Line& first = lines[g.first];
    const Line& last = lines[g.last];
    Block block;
    block.page = first.page;
    block.label = first.label;
    size_t end = last.end;
    switch (first.kind) {
      case LineKind::kHeading:
        block.kind = BlockKind::kHeading;
        block.level = first.level;
        while (end > first.content && (text[end - 1] == '#' || text[end - 1] == ' '))
          --end;
        break;
      case LineKind::kListItem:
        block.kind = BlockKind::kListItem;
        break;
      case LineKind::kTableRow:
        block.kind = BlockKind::kTableRow;
        if (RE2::FullMatch(text.substr(first.begin, first.end - first.begin),
                           Patterns().table_rule)) {
          continue;  // a Markdown table's |---| rule line
        }
        break;
      default:
        block.kind = BlockKind::kParagraph;
        break;
    }
    block.range = TrimRange(text, first.content, end);
    if (block.range.empty()) continue;
    if (block.kind == BlockKind::kParagraph && g.first == g.last &&
        doc_.format_ != DocumentFormat::kMarkdown &&
        LooksLikeTitle(doc_.Slice(block.range)) && gi + 1 < merged.size()) {
      const Group& next = merged[gi + 1];
      size_t next_size = lines[next.last].end - lines[next.first].content;
      if (next_size > block.range.size() &&
          lines[next.first].kind != LineKind::kHeading) {
        block.kind = BlockKind::kHeading;
        block.level = 1;
      }
    }
    doc_.blocks_.push_back(std::move(block));
  }

  // Documents without page breaks have no pages.
  if (page == 1) {
    for (Block& block : doc_.blocks_) block.page = 0;
  }

  // Inline markup inside blocks.
  const LinePatterns& p = Patterns();
  for (const Block& block : doc_.blocks_) {
    re2::StringPiece rest(doc_.Slice(block.range));
    re2::StringPiece match;
    while (RE2::FindAndConsume(&rest, p.markup, &match)) {
      size_t at = match.data() - text.data();
      doc_.markup_.push_back({at, at + match.size()});
    }
    rest = re2::StringPiece(doc_.Slice(block.range));
    while (RE2::FindAndConsume(&rest, p.link_open, &match)) {
      size_t at = match.data() - text.data();
      doc_.markup_.push_back({at, at + 1});  // the link's "["
    }
  }
}

Document DocumentBuilder::Finish() {
  Document& d = doc_;
  std::sort(d.blocks_.begin(), d.blocks_.end(),
            [](const Block& a, const Block& b) { return a.range.begin < b.range.begin; });
  std::sort(d.markup_.begin(), d.markup_.end(),
            [](const Range& a, const Range& b) { return a.begin < b.begin; });
  // Keep markup disjoint: drop any range overlapping the one before.
  std::vector<Range> markup;
  for (const Range& r : d.markup_) {
    if (r.end > d.text_.size() || r.empty()) continue;
    if (!markup.empty() && r.begin < markup.back().end) continue;
    markup.push_back(r);
  }
  d.markup_ = std::move(markup);
  std::sort(d.file_anchors_.begin(), d.file_anchors_.end());

  d.line_starts_.assign(1, 0);
  for (size_t i = 0; i < d.text_.size(); ++i) {
    if (d.text_[i] == '\n') d.line_starts_.push_back(i + 1);
  }
  int section = -1;
  for (size_t i = 0; i < d.blocks_.size(); ++i) {
    Block& b = d.blocks_[i];
    if (b.line == 0) b.line = d.Locate(b.range.begin).line;
    if (b.kind == BlockKind::kHeading) {
      b.section = section;
      section = static_cast<int>(i);
    } else {
      b.section = section;
    }
  }
  return std::move(doc_);
}

}  // namespace claimtrace
