// Release metadata, recognised by structure and position:
// - a short block at the very start or end that is mostly a date (a posting
//   line, a dateline), or a date after "posted on" / "published" there, gives
//   the release's own date; the end is the end of the body, before "ENDS"
//   and notes to editors;
// - a block that opens with a capitalised label and a colon and is short
//   ("SEE ALSO: ...") is a link line;
// - a byline ("By Jane Doe") at the start;
// - blocks under a heading that names a reference list are references.
#include "extract/metadata.h"

#include <re2/re2.h>

#include <algorithm>
#include <map>

#include "claimtrace/tokens.h"
#include "extract/letter_pattern.h"

namespace claimtrace {
namespace {

// How close to either end of the release a dateline may stand, in blocks.
constexpr int kEdgeBlocks = 2;
// A dateline block holds the date and at most this many other words.
constexpr size_t kMaxDatelineWords = 4;
// A posting line's words before its date ("This page was last updated on")
// and after it ("by the council's press office").
constexpr size_t kMaxPostingLead = 6;
constexpr size_t kMaxPostingTail = 8;
// So a dated line is short: longer than this, a block is a paragraph and is
// not read as one (its words are not even counted, so a page of one huge
// paragraph costs nothing here).
constexpr size_t kMaxDatedLineBytes = 1000;

// Letter classes, repeated: compiled whole only for text that needs them
// (letter_pattern.h); every release reads these.
const RE2& LinkLine(std::string_view text) {
  static const LetterPattern* re = new LetterPattern(R"(^\p{Lu}[\p{Lu} ]{2,30}:\s)");
  return re->For(text);
}
const RE2& Byline(std::string_view text) {
  static const LetterPattern* re = new LetterPattern(
      R"(^(?i:by)\s+\p{Lu}\p{L}+(?:\s+\p{Lu}\p{L}+){0,3}(?:,[^.]{0,60})?$)");
  return re->For(text);
}
// Contact details: an e-mail address or a telephone number.
const RE2& Contact() {
  static const RE2* re = new RE2(R"([\w.+-]+@[\w-]+\.[\w.]+|(?:\+?\d[\d ]{8,}\d))");
  return *re;
}
// A contact line is short: a sentence of facts is not.
constexpr size_t kMaxContactBytes = 200;
// Words a contact line holds besides the address or number ("Media
// enquiries: contact the press office on").
constexpr size_t kMaxContactWords = 8;
const RE2& ReferenceHeading() {
  static const RE2* re = new RE2(
      R"((?i)^\W*(references|sources|footnotes|endnotes|bibliography|notes to editors?|editors'? notes|notes for editors)\W*$)");
  return *re;
}
// Words that make the date after them the release's posting date.
const RE2& PostedBefore() {
  static const RE2* re =
      new RE2(R"((?i)\b(posted|published|issued|released|updated)(\s+on)?\s*[:,]?\s*$)");
  return *re;
}
// The line that ends a release's body ("ENDS", "-ends-", "###").
const RE2& EndsLine() {
  static const RE2* re = new RE2(R"((?i)^[\s\-–—*]*ends[\s\-–—*]*$|^\s*#{3}\s*$)");
  return *re;
}
const RE2& FootnoteLine() {
  static const RE2* re =
      new RE2(R"(^\s*(?:\[(\d{1,3})\]|(\d{1,3})[.)]?|([¹²³⁴⁵⁶⁷⁸⁹⁰]+))\s+(.+)$)");
  return *re;
}

int SuperscriptValue(std::string_view s) {
  static const char* kDigits[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
  int value = 0;
  for (size_t i = 0; i < s.size();) {
    bool found = false;
    for (int d = 0; d < 10; ++d) {
      std::string_view dig = kDigits[d];
      if (s.substr(i).starts_with(dig)) {
        value = value * 10 + d;
        i += dig.size();
        found = true;
        break;
      }
    }
    if (!found) return -1;
  }
  return value;
}

// The reference list: marker number -> reference text.
std::map<std::string, std::string> References(const Document& release) {
  std::map<std::string, std::string> refs;
  bool in_refs = false;
  for (size_t b = 0; b < release.blocks().size(); ++b) {
    const Block& block = release.blocks()[b];
    std::string_view text = release.Slice(block.range);
    if (block.kind == BlockKind::kHeading) {
      in_refs =
          RE2::FullMatch(re2::StringPiece(text.data(), text.size()), ReferenceHeading());
      continue;
    }
    if (text.size() < 40 &&
        RE2::FullMatch(re2::StringPiece(text.data(), text.size()), ReferenceHeading())) {
      in_refs = true;
      continue;
    }
    if (!in_refs) continue;
    std::string bracket, plain, super, rest;
    if (!block.label.empty()) {
      refs[std::string(release.Slice(block.label))] = std::string(text);
    } else if (RE2::FullMatch(re2::StringPiece(text.data(), text.size()), FootnoteLine(),
                              &bracket, &plain, &super, &rest)) {
      std::string key = !bracket.empty() ? bracket
                        : !plain.empty() ? plain
                                         : std::to_string(SuperscriptValue(super));
      refs[key] = rest;
    }
  }
  return refs;
}

}  // namespace

ReleaseInfo ReadReleaseInfo(const Document& release, const QuantityFinder& finder) {
  ReleaseInfo info;
  Tokenizer tokenizer;
  const int n = static_cast<int>(release.blocks().size());
  bool in_refs = false;
  std::optional<CivilDate> edge_date;
  // The body ends where notes to editors or an "ENDS" line start.
  int body_end = n;
  for (int b = 0; b < n && body_end == n; ++b) {
    std::string_view text = release.Slice(release.blocks()[b].range);
    re2::StringPiece piece(text.data(), text.size());
    if (b >= kEdgeBlocks && text.size() < 40 &&
        (RE2::FullMatch(piece, ReferenceHeading()) || RE2::FullMatch(piece, EndsLine())))
      body_end = b;
  }
  for (int b = 0; b < n; ++b) {
    const Block& block = release.blocks()[b];
    std::string_view text = release.Slice(block.range);
    re2::StringPiece piece(text.data(), text.size());
    // A reference-list heading may be written as a paragraph ("Notes to
    // editors:"); any other heading ends the list.
    bool refs_heading = text.size() < 40 && RE2::FullMatch(piece, ReferenceHeading());
    if (block.kind == BlockKind::kHeading || refs_heading) {
      in_refs = refs_heading;
      if (in_refs) {
        info.metadata_blocks.push_back(b);
        continue;
      }
    }
    bool metadata = in_refs;
    if (!metadata && text.size() <= kMaxContactBytes &&
        RE2::PartialMatch(piece, Contact())) {
      // A contact line is little besides the contact details: "Media
      // enquiries: 020 ...", not "Clinics reopen on 1 October. Call 0300 ...".
      std::string rest(text);
      RE2::GlobalReplace(&rest, Contact(), " ");
      metadata = tokenizer.Tokenize(rest).size() <= kMaxContactWords;
    }
    bool at_edge = b < kEdgeBlocks || b >= n - kEdgeBlocks ||
                   (b < body_end && b >= body_end - kEdgeBlocks);
    if (!metadata && RE2::PartialMatch(piece, LinkLine(text))) metadata = true;
    if (!metadata && b < kEdgeBlocks + 1 && RE2::FullMatch(piece, Byline(text)))
      metadata = true;
    if (!metadata && at_edge && text.size() <= kMaxDatedLineBytes) {
      std::vector<QuantityMention> found = finder.Find(text, block.range.begin);
      std::vector<Token> words = tokenizer.Tokenize(text, block.range.begin);
      for (const QuantityMention& m : found) {
        if (m.quantity.kind != QuantityKind::kDate || m.quantity.date.year == 0) continue;
        size_t other_words = 0;
        for (const Token& t : words) {
          if (t.range.begin < m.range.begin || t.range.end > m.range.end) ++other_words;
        }
        // "Posted on Monday 13th January 2025 by the press office": a
        // posting line may be longer than a dateline, but the date must
        // follow its verb near the start and end it near the end ("their
        // report published on 13 January, praised ..." is a sentence).
        std::string_view before =
            text.substr(0, std::min(text.size(), m.range.begin - block.range.begin));
        size_t words_before = 0, words_after = 0;
        for (const Token& t : words) {
          words_before += t.range.end <= m.range.begin;
          words_after += t.range.begin >= m.range.end;
        }
        bool posting_line =
            words_before <= kMaxPostingLead && words_after <= kMaxPostingTail &&
            RE2::PartialMatch(re2::StringPiece(before.data(), before.size()),
                              PostedBefore());
        if (other_words <= kMaxDatelineWords || posting_line) {
          metadata = true;
          if (!edge_date || m.quantity.date.day != 0) edge_date = m.quantity.date;
        }
      }
    }
    if (metadata) info.metadata_blocks.push_back(b);
  }
  info.date = edge_date;
  return info;
}

void LinkFootnotes(const Document& release, const ReleaseInfo& info,
                   std::vector<Claim>* claims) {
  (void)info;
  std::map<std::string, std::string> refs = References(release);
  if (refs.empty()) return;
  static const RE2* marker = new RE2(R"(([¹²³⁴⁵⁶⁷⁸⁹⁰]+)|\[(\d{1,3})\])");
  for (size_t b = 0; b < release.blocks().size(); ++b) {
    const Range block = release.blocks()[b].range;
    std::string_view text = release.Slice(block);
    re2::StringPiece in(text.data(), text.size());
    re2::StringPiece super, bracket;
    size_t previous_marker = block.begin;
    while (RE2::FindAndConsume(&in, *marker, &super, &bracket)) {
      std::string key =
          !super.empty() ? std::to_string(SuperscriptValue(super)) : std::string(bracket);
      const re2::StringPiece& m = !super.empty() ? super : bracket;
      size_t at = block.begin + static_cast<size_t>(m.data() - text.data());
      auto ref = refs.find(key);
      if (ref == refs.end()) continue;
      // The claims of the marker's sentence that come before it.
      std::string_view before = release.Slice({previous_marker, at});
      size_t sentence_begin = previous_marker;
      re2::StringPiece scan(before.data(), before.size());
      re2::StringPiece hit;
      while (RE2::FindAndConsume(&scan, "([.!?]\\s)", &hit)) {
        sentence_begin = previous_marker +
                         static_cast<size_t>(hit.data() - before.data()) + hit.size();
      }
      for (Claim& c : *claims) {
        if (c.block == static_cast<int>(b) && c.span.begin >= sentence_begin &&
            c.span.end <= at && c.cites.empty()) {
          c.cites = key;
          c.reference = ref->second;
        }
      }
      previous_marker = at;
    }
  }
}

}  // namespace claimtrace
