// QuoteFinder: pairs quotation marks inside each block and assigns roles.
//
// Marks come in two families, double (“ ” " „ « ») and single (‘ ’ ' ‚ ‹ ›),
// each paired on its own, so a single quotation nests inside a double one.
// Whether a mark opens or closes is decided from its neighbours, as
// CommonMark decides emphasis: a mark followed by a word and preceded by a
// space or an opening bracket can open; one preceded by a word and followed
// by a space or punctuation can close. A ’ or ' between two letters is an
// apostrophe; a ’ after a word that closes no open quotation is a possessive
// apostrophe (`Hamlets’ Children’s`).
//
// Invariants: quotations never cross a block boundary (a quotation running
// over paragraphs is one claim per paragraph); an unclosed quotation ends at
// the end of its block or where the next opening mark of its family starts.
#include "extract/quotes.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <optional>
#include <string_view>

#include "claimtrace/tokens.h"

namespace claimtrace {
namespace {

// Bytes before and after a quotation searched for its speaker: a long
// sentence's worth.
constexpr size_t kSpeakerBytes = 600;

enum class Family { kDouble, kSingle };

struct Mark {
  size_t begin, end;  // bytes of the mark
  UChar32 c;
};

struct Span {
  Family family;
  size_t open_begin;     // the opening mark
  size_t content_begin;  // after it
  size_t content_end;    // before the closing mark (or the cut)
  bool closed;
  bool nested = false;
};

bool IsSpace(UChar32 c) { return c == 0 || u_isUWhiteSpace(c); }
bool IsWordChar(UChar32 c) {
  return c > 0 && (u_isalnum(c) || u_charType(c) == U_NON_SPACING_MARK);
}
bool IsQuoteChar(UChar32 c) {
  return c == 0x201C || c == 0x201D || c == '"' || c == 0x201E || c == 0xAB ||
         c == 0xBB || c == 0x2018 || c == 0x2019 || c == '\'' || c == 0x201A ||
         c == 0x2039 || c == 0x203A;
}
bool IsOpenPunct(UChar32 c) {
  return c == '(' || c == '[' || c == '{' || c == '/' || c == '-' || c == 0x2013 ||
         c == 0x2014 || IsQuoteChar(c);
}

// A square bracket or an ellipsis: where a quotation's first words were
// replaced or left out.
bool IsEditorialOpener(UChar32 c) { return c == '[' || c == 0x2026; }

std::optional<Family> FamilyOf(UChar32 c) {
  switch (c) {
    case 0x201C:
    case 0x201D:
    case '"':
    case 0x201E:
    case 0xAB:
    case 0xBB:
      return Family::kDouble;
    case 0x2018:
    case 0x2019:
    case '\'':
    case 0x201A:
    case 0x2039:
    case 0x203A:
      return Family::kSingle;
    default:
      return std::nullopt;
  }
}

bool IsPureOpener(UChar32 c) {
  return c == 0x201C || c == 0x201E || c == 0xAB || c == 0x2018 || c == 0x201A ||
         c == 0x2039;
}

UChar32 DecodeAt(std::string_view s, size_t i) {
  if (i >= s.size()) return 0;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t j = static_cast<int32_t>(i);
  UChar32 c;
  U8_NEXT(p, j, static_cast<int32_t>(s.size()), c);
  return c < 0 ? 0xFFFD : c;
}

UChar32 DecodeBefore(std::string_view s, size_t i) {
  if (i == 0) return 0;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t j = static_cast<int32_t>(i);
  UChar32 c;
  U8_PREV(p, 0, j, c);
  return c < 0 ? 0xFFFD : c;
}

// Where an unclosed quotation is cut by the next opening mark, it ends after
// the last clause punctuation when only a few linking words follow it
// (`“... to further develop, and “have been ...` ends after `develop,`).
size_t CutBack(std::string_view text, size_t begin, size_t end) {
  constexpr int kMaxTrailingWords = 3;
  int words = 0;
  bool in_word = false;
  for (size_t i = end; i > begin; --i) {
    char c = text[i - 1];
    if (c == ',' || c == ';' || c == ':' || c == '.' || c == '!' || c == '?') {
      return words <= kMaxTrailingWords ? i : end;
    }
    bool word_byte = c != ' ' && c != '\t' && c != '\n';
    if (word_byte && !in_word) ++words;
    in_word = word_byte;
    if (words > kMaxTrailingWords) return end;
  }
  return end;
}

size_t TrimEnd(std::string_view text, size_t begin, size_t end) {
  while (end > begin) {
    UChar32 c = DecodeBefore(text, end);
    if (!IsSpace(c)) break;
    end -= U8_LENGTH(c);
  }
  return end;
}

size_t TrimBegin(std::string_view text, size_t begin, size_t end) {
  while (begin < end) {
    UChar32 c = DecodeAt(text, begin);
    if (!IsSpace(c)) break;
    begin += U8_LENGTH(c);
  }
  return begin;
}

// Pairs the marks of one block (`text` is the whole document text; the block
// is [begin, end)).
std::vector<Span> PairMarks(std::string_view text, size_t begin, size_t end) {
  std::vector<Span> spans;
  std::optional<Span> open[2];
  auto finish = [&](Family f, size_t content_end, bool closed, bool cut) {
    Span s = *open[static_cast<int>(f)];
    open[static_cast<int>(f)].reset();
    s.content_end = cut ? CutBack(text, s.content_begin, content_end) : content_end;
    s.closed = closed;
    spans.push_back(s);
  };
  auto start = [&](Family f, const Mark& m) {
    open[static_cast<int>(f)] = Span{f, m.begin, m.end, m.end, false};
  };

  for (size_t i = begin; i < end;) {
    UChar32 c = DecodeAt(text, i);
    size_t len = U8_LENGTH(c);
    std::optional<Family> family = FamilyOf(c);
    if (!family) {
      i += len;
      continue;
    }
    Mark m{i, i + len, c};
    UChar32 prev = i > begin ? DecodeBefore(text, i) : 0;
    UChar32 next = i + len < end ? DecodeAt(text, i + len) : 0;
    bool left = !IsSpace(next) && (IsSpace(prev) || IsOpenPunct(prev));
    bool right =
        !IsSpace(prev) && !IsOpenPunct(prev) && (IsSpace(next) || !IsWordChar(next));
    int f = static_cast<int>(*family);
    i += len;

    if (*family == Family::kSingle && IsWordChar(prev) && IsWordChar(next)) {
      continue;  // an apostrophe inside a word
    }
    if (IsPureOpener(c)) {
      if (open[f]) finish(*family, m.begin, false, true);
      start(*family, m);
      continue;
    }
    if (open[f]) {
      if (right || !left) {
        finish(*family, m.begin, true, false);
      } else {
        finish(*family, m.begin, false, true);
        start(*family, m);
      }
      continue;
    }
    // No quotation of this family is open: a mark that can only open does;
    // anything else is an apostrophe or a stray mark. A single mark opens
    // before a word or before the editor's mark that stands for words (`'[the
    // council] has`, `'…and`): an apostrophe is never followed by either.
    if (left && !right &&
        (*family == Family::kDouble || IsWordChar(next) || IsEditorialOpener(next))) {
      start(*family, m);
    }
  }
  for (Family f : {Family::kDouble, Family::kSingle}) {
    if (open[static_cast<int>(f)]) finish(f, end, false, false);
  }
  for (Span& s : spans) {
    s.content_begin = TrimBegin(text, s.content_begin, s.content_end);
    s.content_end = TrimEnd(text, s.content_begin, s.content_end);
  }
  std::sort(spans.begin(), spans.end(),
            [](const Span& a, const Span& b) { return a.open_begin < b.open_begin; });
  for (Span& s : spans) {
    for (const Span& o : spans) {
      if (&o != &s && o.content_begin <= s.open_begin && s.content_end <= o.content_end &&
          o.family != s.family) {
        s.nested = true;
      }
    }
  }
  return spans;
}

bool HasWord(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    UChar32 c = DecodeAt(s, i);
    if (IsWordChar(c)) return true;
    i += U8_LENGTH(c);
  }
  return false;
}

// Splits a quotation into words, ellipses and bracketed editorial words.
std::vector<QuotePart> Parts(std::string_view text, Range span) {
  std::vector<QuotePart> parts;
  size_t words_begin = span.begin;
  auto flush = [&](size_t upto) {
    size_t b = TrimBegin(text, words_begin, upto), e = TrimEnd(text, words_begin, upto);
    if (b < e) parts.push_back({QuotePart::Kind::kWords, {b, e}});
  };
  for (size_t i = span.begin; i < span.end;) {
    std::string_view rest = text.substr(i, span.end - i);
    size_t len = 0;
    QuotePart::Kind kind = QuotePart::Kind::kWords;
    if (rest.starts_with("\xE2\x80\xA6")) {
      len = 3, kind = QuotePart::Kind::kEllipsis;
    } else if (rest.starts_with(". . .")) {
      len = 5, kind = QuotePart::Kind::kEllipsis;
    } else if (rest.starts_with("...")) {
      len = 3, kind = QuotePart::Kind::kEllipsis;
    } else if (rest.starts_with("[")) {
      size_t close = rest.find(']');
      // "[words](url)" is a Markdown link: its words are the quotation's.
      bool link = close != std::string_view::npos && close + 1 < rest.size() &&
                  rest[close + 1] == '(';
      if (close != std::string_view::npos && !link)
        len = close + 1, kind = QuotePart::Kind::kEditorial;
    }
    if (len == 0) {
      ++i;
      continue;
    }
    // An ellipsis in brackets is one omission.
    if (kind == QuotePart::Kind::kEditorial) {
      std::string_view inner = rest.substr(1, len - 2);
      if (inner == "\xE2\x80\xA6" || inner == "..." || inner == ". . .") {
        kind = QuotePart::Kind::kEllipsis;
      }
    }
    flush(i);
    parts.push_back({kind, {i, i + len}});
    i += len;
    while (i < span.end && text[i] == '.') ++i;  // "...." ends a sentence too
    words_begin = i;
  }
  flush(span.end);
  return parts;
}

int CountWords(std::string_view s) {
  Tokenizer tokenizer;
  return static_cast<int>(tokenizer.Tokenize(s).size());
}

}  // namespace

QuoteFinder::QuoteFinder() = default;
QuoteFinder::~QuoteFinder() = default;

std::vector<Claim> QuoteFinder::Find(const Document& release) const {
  const std::string_view text = release.text();
  std::vector<Claim> claims;
  // The speaker whose quotation ended the previous block, for quotation
  // paragraphs that continue it.
  std::string carried_speaker;
  // The people last named as speaking, in full, the latest last: for "She
  // added: ..." and for a surname alone ("Castillo called"). A pronoun or a
  // surname refers to someone named recently, so a few are kept.
  std::vector<std::string> known;
  auto name = [&known](const std::string& person) {
    constexpr size_t kMaxKnown = 16;
    known.erase(std::remove(known.begin(), known.end(), person), known.end());
    if (known.size() == kMaxKnown) known.erase(known.begin());
    known.push_back(person);
  };

  for (size_t b = 0; b < release.blocks().size(); ++b) {
    const Block& block = release.blocks()[b];
    std::vector<Span> spans = PairMarks(text, block.range.begin, block.range.end);
    std::string block_speaker;  // speaker of the block's last quotation
    bool last_ends_block = false;
    std::string previous_lead;  // the previous block, if it ends with a colon
    if (b > 0) {
      std::string_view prev = release.Slice(release.blocks()[b - 1].range);
      if (!prev.empty() && prev.back() == ':') previous_lead = std::string(prev);
    }

    // Reported speech names speakers too ("Sarah Quinn said the force had
    // ..."), in text order with the quotations; a name inside a quotation
    // is not speaking.
    std::vector<SpeakerFinder::Named> reported;
    size_t q = 0;  // outer quotations do not overlap and come in order
    for (SpeakerFinder::Named& n :
         speakers_.Speaking(release.Slice(block.range), known)) {
      n.offset += block.range.begin;
      while (q < spans.size() && (spans[q].nested || spans[q].content_end <= n.offset)) {
        ++q;
      }
      bool quoted = q < spans.size() && spans[q].content_begin <= n.offset;
      if (!quoted) reported.push_back(std::move(n));
    }
    size_t next_reported = 0;
    auto name_reported_upto = [&](size_t offset) {
      for (; next_reported < reported.size() && reported[next_reported].offset < offset;
           ++next_reported) {
        name(reported[next_reported].name);
      }
    };
    // The last outer quotation of the block, for a quotation interrupted by
    // a speech tag.
    std::optional<size_t> previous_close;
    std::string previous_speaker;

    std::vector<Claim> block_claims;
    std::vector<bool> nested;
    for (const Span& s : spans) {
      Range span{s.content_begin, s.content_end};
      if (span.empty() || !HasWord(release.Slice(span))) continue;
      name_reported_upto(s.open_begin);
      Claim claim;
      claim.kind = ClaimKind::kQuote;
      claim.span = span;
      claim.text = std::string(release.Slice(span));
      claim.block = static_cast<int>(b);
      claim.parts = Parts(text, span);

      // Speakers are named near the quotation: its neighbourhood, not the
      // whole paragraph, is read (a paragraph may hold thousands of marks).
      Range near = release.Around(static_cast<int>(b), {s.open_begin, s.open_begin},
                                  kSpeakerBytes);
      std::string_view lead = text.substr(near.begin, s.open_begin - near.begin);
      size_t close_end = s.closed ? s.content_end : s.content_end;
      if (s.closed) {
        // Skip the closing mark itself.
        UChar32 c = DecodeAt(text, s.content_end);
        close_end = s.content_end + U8_LENGTH(c);
      }
      Range after =
          release.Around(static_cast<int>(b), {close_end, close_end}, kSpeakerBytes);
      std::string_view tail = text.substr(close_end, after.end - close_end);
      bool opens_block = TrimBegin(text, block.range.begin, s.open_begin) == s.open_begin;

      const std::string last_named = known.empty() ? "" : known.back();
      std::string speaker;
      // 'Behind every statistic,' she said, 'is a family in crisis.': the
      // second part is the first part's speaker's.
      if (!s.nested && previous_close &&
          speakers_.Interrupts(
              text.substr(*previous_close, s.open_begin - *previous_close))) {
        speaker = previous_speaker;
      }
      if (speaker.empty()) speaker = speakers_.Before(lead, known);
      if (speaker.empty()) speaker = speakers_.After(tail, known);
      if (speaker.empty() && opens_block) {
        if (!previous_lead.empty()) {
          speaker = speakers_.Before(previous_lead, known);
          if (speaker.empty() && speakers_.Pronoun(previous_lead)) speaker = last_named;
        } else {
          speaker = carried_speaker;
        }
      }
      if (speaker.empty() && speakers_.Pronoun(lead, tail)) speaker = last_named;
      if (!speaker.empty()) name(speaker);
      if (!s.nested) {
        previous_close = close_end;
        previous_speaker = speaker;
      }
      if (!speaker.empty()) {
        claim.role = QuoteRole::kSpeaker;
        claim.speaker = speaker;
      } else if (CountWords(claim.text) <= kMaxTermWords) {
        claim.role = QuoteRole::kTerm;
      } else {
        claim.role = QuoteRole::kSource;
      }
      block_speaker = claim.speaker;
      last_ends_block = !HasWord(tail);
      nested.push_back(s.nested);
      block_claims.push_back(std::move(claim));
    }
    name_reported_upto(block.range.end);
    // A quotation nested in another is a claim of its own only when the outer
    // one is a speaker's (the speaker quoting the source).
    // Outer quotations do not overlap and come in order, so the one holding
    // a nested quotation is the last outer one before it.
    size_t outer = block_claims.size();
    for (size_t i = 0; i < block_claims.size(); ++i) {
      if (!nested[i]) outer = i;
      if (nested[i]) {
        bool keep = outer < block_claims.size() &&
                    block_claims[outer].span.begin <= block_claims[i].span.begin &&
                    block_claims[i].span.end <= block_claims[outer].span.end &&
                    block_claims[outer].role == QuoteRole::kSpeaker;
        if (!keep) continue;
        block_claims[i].role = CountWords(block_claims[i].text) <= kMaxTermWords
                                   ? QuoteRole::kTerm
                                   : QuoteRole::kSource;
        block_claims[i].speaker.clear();
      }
      claims.push_back(std::move(block_claims[i]));
    }
    carried_speaker = (!block_claims.empty() && last_ends_block) ? block_speaker : "";
  }
  return claims;
}

}  // namespace claimtrace
