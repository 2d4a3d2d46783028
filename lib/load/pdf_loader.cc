// The PDF loader (poppler-cpp): words with their boxes, page by page, rebuilt
// into lines and paragraphs, then handed to the shared paragraph rule.
//
// - Lines: consecutive words whose boxes share a baseline; each keeps its
//   number on the page (as a viewer counts lines, furniture included), which
//   is what locations cite.
// - Running headers and footers: lines at the top or bottom of a page whose
//   text, digits aside, repeats on at least half the pages; bare page numbers.
// - Tables: a run of two or more lines cut into cells by wide horizontal
//   gaps (wider than its words are high), whose cells after the first are
//   short, is a table, with the head lines just above it. Its columns are
//   the overlaps of the body cells' horizontal extents over the run; each
//   line is a row of tab-separated cells; the leading rows without a figure
//   (years aside) are the head, and the first column names the rows. A row
//   head wrapped onto a line of its own joins its row; a table at a page's
//   top under the same head as the one that ended the page before goes on
//   with it.
// - Paragraphs: a new one starts after a vertical gap wider than the usual
//   one between lines (by a quarter of a line; at most half a line), at an
//   indented first line, or after a line that stops well short of the right
//   edge of its column (a page's header block: "Inspection dates: ..."); a
//   paragraph may run over a page or column break. A page set in columns is
//   read column by column (poppler's order), each line measured against
//   its column.
// - Hyphens at a line end: "tena-" + "cious" joins into "tenacious", but
//   "high-" + "quality" keeps its hyphen when the document spells the
//   compound with one elsewhere or both halves are words of the document and
//   the joined form is not; a document that never splits a word at a line
//   end (no split word is found whole elsewhere) keeps every line-end
//   hyphen but before a bare suffix ("case-" + "level").
// - Ligatures (U+FB00..FB06) fold to their letters through ICU's NFKC.
// Positions refer to the extracted text (offsets_are_file_bytes() is false).
#include <fmt/format.h>
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>
#include <re2/re2.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "load/document_builder.h"
#include "load/loaders.h"
#include "load/utf8.h"

namespace claimtrace {
namespace {

struct Word {
  std::string text;
  double left = 0, right = 0;
  bool space_after = false;
  double height = 0;
};

struct Line {
  std::string text;
  double top = 0, bottom = 0, left = 0, right = 0;
  int number = 0;  // 1-based on its page, counting every line
  // The words, each with its box. A line of one cell keeps one word of
  // empty text spanning them all (CompactWords()): its text is `text`.
  std::vector<Word> words;
  // Word indices [first, last) of each cell, for lines cut by wide gaps.
  std::vector<std::pair<size_t, size_t>> cells;
  bool figures = false;  // every cell is a figure ("4,812", "-15%")
};

void Quiet(const std::string&, void*) {}

// A text box's words as UTF-8, control characters made visible: a font with
// a broken encoding maps its glyphs to any code, controls included.
std::string Utf8(const poppler::ustring& s) {
  poppler::byte_array bytes = s.to_utf8();
  return CleanUtf8(std::string_view(bytes.data(), bytes.size()), "").text;
}

// Folds the ligatures of the Alphabetic Presentation Forms block.
std::string FoldLigatures(const std::string& s) {
  if (s.find("\xEF\xAC") == std::string::npos) return s;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) return s;
  std::string out;
  for (size_t i = 0; i < s.size();) {
    if (i + 2 < s.size() && s.compare(i, 2, "\xEF\xAC") == 0 &&
        static_cast<unsigned char>(s[i + 2]) <= 0x86) {
      icu::UnicodeString folded =
          nfkc->normalize(icu::UnicodeString::fromUTF8(s.substr(i, 3)), status);
      folded.toUTF8String(out);
      i += 3;
    } else {
      out.push_back(s[i++]);
    }
  }
  return out;
}

// Joins words [first, last) of a line: a space where the PDF has one or the
// boxes stand apart.
std::string JoinWords(const Line& line, size_t first, size_t last) {
  if (line.words.size() == 1 && line.words[0].text.empty()) return line.text;
  std::string out;
  const double height = std::max(1.0, line.bottom - line.top);
  for (size_t i = first; i < last; ++i) {
    out += line.words[i].text;
    if (i + 1 < last && (line.words[i].space_after ||
                         line.words[i + 1].left - line.words[i].right > 0.15 * height))
      out += ' ';
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// Returns true for a table figure: "4,812", "-15%", "£4.2", "9.8": digits
// with at most a sign, a currency, separators, a percent and a short suffix.
bool IsFigure(std::string_view s) {
  static const RE2* re = new RE2(R"(^[-+−–]?[£$€]?\d[\d,.]*%?[a-z]{0,2}$)");
  return RE2::FullMatch(s, *re);
}

// A year heads a column ("2023"): it is not a figure of the table's body.
bool IsYear(std::string_view s) {
  static const RE2* re = new RE2(R"(^(?:19|20)\d\d$)");
  return RE2::FullMatch(s, *re);
}

// A table's caption line ("Table 2", "Figure 1: ..."), which is not its head.
bool IsCaption(std::string_view s) {
  static const RE2* re = new RE2(R"(^(?:Table|Figure|Chart)\s)");
  return RE2::PartialMatch(s, *re);
}

// Cuts a line into cells where words stand apart by more than the line is
// high (a column gap, not a justified space), or two figures by more than
// a wide space (narrow figure columns set close: "101,510   117,450"), and
// sets its text.
void SplitCells(Line* l) {
  // The words' own height: a head's words set on staggered baselines make
  // the line taller than its type.
  double height = l->bottom - l->top;
  for (const Word& w : l->words)
    if (w.height > 0) height = std::min(height, w.height);
  height = std::max(1.0, height);
  l->cells.clear();
  size_t first = 0;
  for (size_t i = 1; i <= l->words.size(); ++i) {
    double gap = i == l->words.size() ? 0 : l->words[i].left - l->words[i - 1].right;
    bool figures = i < l->words.size() && IsFigure(l->words[i].text) &&
                   IsFigure(l->words[i - 1].text);
    if (i == l->words.size() || gap > height || (figures && gap > 0.6 * height)) {
      l->cells.emplace_back(first, i);
      first = i;
    }
  }
  l->text = JoinWords(*l, 0, l->words.size());
  l->figures = !l->cells.empty();
  for (const auto& [a, b] : l->cells)
    l->figures = l->figures && IsFigure(JoinWords(*l, a, b));
}

// Replaces the words of a line of one cell (prose: most lines) by one word
// of empty text from the first word's left to the last one's right, which
// is all the table finder and JoinWords() read of them. A box and a string
// a word cost ten times the word's text, held for every page until the
// text is rebuilt.
void CompactWords(Line* l) {
  if (l->cells.size() != 1 || l->words.size() < 2) return;
  Word whole{"", l->words.front().left, l->words.back().right, false};
  // New vectors, not assignment, so that the words' buffers are freed.
  l->words = std::vector<Word>(1, whole);
  l->cells = std::vector<std::pair<size_t, size_t>>(1, {0, 1});
}

// Lines of a page beyond which lines of figures are not looked for on other
// lines' baselines (the search is quadratic).
constexpr size_t kMaxMergedLines = 1000;

std::vector<Line> PageLines(const poppler::page& page) {
  std::vector<Line> lines;
  for (const poppler::text_box& box : page.text_list()) {
    poppler::rectf r = box.bbox();
    std::string word = FoldLigatures(Utf8(box.text()));
    if (word.empty()) continue;
    bool same_line = !lines.empty() && std::abs(r.top() - lines.back().top) <
                                           0.5 * std::max(1.0, r.height());
    if (!same_line) {
      lines.push_back({"", r.top(), r.bottom(), r.left(), r.right()});
      lines.back().number = static_cast<int>(lines.size());
    }
    Line& line = lines.back();
    line.words.push_back(
        {std::move(word), r.left(), r.right(), box.has_space_after(), r.height()});
    line.bottom = std::max(line.bottom, r.bottom());
    line.left = std::min(line.left, r.left());
    line.right = std::max(line.right, r.right());
  }
  for (Line& l : lines) {
    // Words set on staggered baselines (a head's "(%)" under "Change", the
    // years between) may come out of order.
    std::stable_sort(l.words.begin(), l.words.end(),
                     [](const Word& x, const Word& y) { return x.left < y.left; });
    SplitCells(&l);
  }
  // Poppler gives text in reading order by blocks, so a table's row heads
  // may come as one block and its figures as another. A line of figures on
  // the same baseline as another line, beside it, is part of that line.
  if (lines.size() <= kMaxMergedLines) {
    for (size_t i = 0; i < lines.size(); ++i) {
      for (size_t j = i + 1; j < lines.size();) {
        Line& a = lines[i];
        Line& b = lines[j];
        bool same = std::abs(a.top - b.top) < 0.5 * std::max(1.0, a.bottom - a.top);
        bool apart = b.left > a.right || b.right < a.left;
        if (!(a.figures || b.figures) || !same || !apart) {
          ++j;
          continue;
        }
        a.words.insert(a.words.end(), b.words.begin(), b.words.end());
        std::stable_sort(a.words.begin(), a.words.end(),
                         [](const Word& x, const Word& y) { return x.left < y.left; });
        a.bottom = std::max(a.bottom, b.bottom);
        a.left = std::min(a.left, b.left);
        a.right = std::max(a.right, b.right);
        SplitCells(&a);
        lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(j));
      }
    }
  }
  for (size_t i = 0; i < lines.size(); ++i) lines[i].number = static_cast<int>(i) + 1;
  for (Line& l : lines) CompactWords(&l);
  return lines;
}

// The lines of every page as PageLines() gives them, held until the text is
// rebuilt in a fraction of what the lines themselves take (a string, two
// vectors and a box a word): the texts in one string, a box a line, and a
// box a word only for the lines cut into cells (table rows to be), in
// chunks of about a megabyte of text (a page's lines in one). Unpack()
// gives a page's lines back as they were, running heads and page numbers
// left out, and Release() frees the chunks of the pages written, so the
// document's text grows as the pages' shrink. A chunk's stores are large
// enough that glibc maps them apart from its heap, so they leave no holes in
// it when freed (small blocks freed mid-heap stay resident: the word index
// built next could not reuse them). Lines are addressed by page and number
// on the page (from 0).
class PackedPages {
 public:
  // The most text (the lines' and the stored words') the pages may hold: a
  // quarter of 4 GiB, so the document's text, which adds at most two bytes
  // to a line of one, keeps offsets of 32 bits (Document's page lines).
  static constexpr size_t kMaxText = UINT32_MAX / 4;

  // The text a page's lines take here.
  static size_t TextSize(const std::vector<Line>& lines) {
    size_t size = 0;
    for (const Line& l : lines) {
      size += l.text.size();
      if (!SpansLine(l))
        for (const Word& w : l.words) size += w.text.size();
    }
    return size;
  }

  // Appends a page; text_size() + TextSize(lines) must not pass kMaxText.
  void Add(const std::vector<Line>& lines) {
    const size_t size = TextSize(lines);
    if (chunks_.empty() || chunks_.back().text.size() + size > kChunkBytes) {
      chunks_.emplace_back().text.reserve(std::max(kChunkBytes, size));
    }
    Chunk& c = chunks_.back();
    pages_.push_back({Offset(chunks_.size() - 1), Offset(c.lines.size()),
                      Offset(c.lines.size() + lines.size()), Offset(c.words.size())});
    for (const Line& l : lines) {
      const uint32_t begin = Offset(c.text.size());
      c.text += l.text;
      const bool spans = SpansLine(l);
      if (!spans) {
        for (const Word& w : l.words) {
          c.text += w.text;
          c.words.push_back(
              {w.left, w.right, w.height, Offset(c.text.size()), w.space_after, false});
        }
        for (const auto& [first, last] : l.cells)
          c.words[c.words.size() - l.words.size() + first].starts_cell = true;
      }
      c.lines.push_back({l.top, l.bottom, l.left, l.right, begin,
                         Offset(begin + l.text.size()), Offset(c.words.size()), spans,
                         false});
    }
    text_size_ += size;
  }

  size_t text_size() const { return text_size_; }
  size_t pages() const { return pages_.size(); }
  size_t size(size_t page) const {
    return pages_[page].end_line - pages_[page].first_line;
  }
  std::string_view text(size_t page, size_t i) const {
    const PackedLine& l = line(page, i);
    return std::string_view(chunks_[pages_[page].chunk].text)
        .substr(l.text_begin, l.text_end - l.text_begin);
  }
  double top(size_t page, size_t i) const { return line(page, i).top; }
  double bottom(size_t page, size_t i) const { return line(page, i).bottom; }
  bool furniture(size_t page, size_t i) const { return line(page, i).furniture; }
  void SetFurniture(size_t page, size_t i) {
    const Page& p = pages_[page];
    chunks_[p.chunk].lines[p.first_line + i].furniture = true;
  }

  // REQUIRES: `page` is not released.
  std::vector<Line> Unpack(size_t page) const {
    const Page& pg = pages_[page];
    const Chunk& c = chunks_[pg.chunk];
    std::vector<Line> lines;
    size_t kept = 0;
    for (size_t i = pg.first_line; i < pg.end_line; ++i) kept += !c.lines[i].furniture;
    lines.reserve(kept);
    for (size_t i = pg.first_line; i < pg.end_line; ++i) {
      const PackedLine& p = c.lines[i];
      if (p.furniture) continue;
      Line& l = lines.emplace_back();
      l.text = std::string_view(c.text).substr(p.text_begin, p.text_end - p.text_begin);
      l.top = p.top, l.bottom = p.bottom, l.left = p.left, l.right = p.right;
      l.number = static_cast<int>(i - pg.first_line) + 1;
      if (p.spans_line) {
        l.words.push_back({"", p.left, p.right, false});
        l.cells.emplace_back(0, 1);
        continue;
      }
      const size_t first_word =
          i == pg.first_line ? pg.first_word : c.lines[i - 1].words_end;
      l.words.reserve(p.words_end - first_word);
      size_t at = p.text_end, cell = 0;
      for (size_t w = first_word; w < p.words_end; ++w) {
        const PackedWord& word = c.words[w];
        if (word.starts_cell && !l.words.empty()) {
          l.cells.emplace_back(cell, l.words.size());
          cell = l.words.size();
        }
        l.words.push_back({c.text.substr(at, word.text_end - at), word.left, word.right,
                           word.space_after, word.height});
        at = word.text_end;
      }
      l.cells.emplace_back(cell, l.words.size());
    }
    return lines;
  }

  // Frees the chunks that only pages before `end` use: those pages may not
  // be read again.
  void Release(size_t end) {
    const size_t keep = end < pages() ? pages_[end].chunk : chunks_.size();
    for (; released_ < keep; ++released_) chunks_[released_] = Chunk();
  }

 private:
  // A page's lines go in the last chunk if its text fits, else in a new one.
  static constexpr size_t kChunkBytes = size_t{1} << 20;
  struct PackedLine {
    double top, bottom, left, right;
    uint32_t text_begin, text_end;  // in the chunk's text; its stored words' texts follow
    uint32_t words_end;             // in the chunk's words, after its stored words
    bool spans_line;                // one word of no text spanning the line
    bool furniture;                 // a running head or page number
  };
  struct PackedWord {
    double left, right, height;
    uint32_t text_end;  // in the chunk's text
    bool space_after, starts_cell;
  };
  struct Chunk {
    std::string text;
    std::vector<PackedLine> lines;
    std::vector<PackedWord> words;
  };
  struct Page {
    uint32_t chunk, first_line, end_line, first_word;  // lines and words in its chunk
  };

  // A line of one cell whose words CompactWords() made one spanning the
  // line: the line's box says all of it.
  static bool SpansLine(const Line& l) {
    return l.words.size() == 1 && l.words[0].text.empty() && l.cells.size() == 1 &&
           !l.words[0].space_after && l.words[0].height == 0 &&
           l.words[0].left == l.left && l.words[0].right == l.right;
  }
  static uint32_t Offset(size_t n) { return static_cast<uint32_t>(n); }
  const PackedLine& line(size_t page, size_t i) const {
    const Page& p = pages_[page];
    return chunks_[p.chunk].lines[p.first_line + i];
  }

  std::vector<Chunk> chunks_;
  size_t released_ = 0;  // chunks before this one are freed
  std::vector<Page> pages_;
  size_t text_size_ = 0;
};

// The text of a line with its digits blanked, to recognise running heads
// that carry page numbers.
std::string Shape(std::string_view s) {
  std::string out;
  for (char c : s) out.push_back(c >= '0' && c <= '9' ? '#' : c);
  return out;
}

bool IsPageNumber(std::string_view s) {
  static const RE2* re =
      new RE2(R"((?i)^[\s\-–—]*(page\s+)?\d{1,4}(\s+of\s+\d{1,4})?[\s\-–—]*$)");
  return RE2::FullMatch(s, *re);
}

// Marks running headers, footers and page numbers, which Unpack() leaves
// out.
void DropFurniture(PackedPages* pages) {
  constexpr size_t kEdge = 2;  // lines at each end of a page that may be furniture
  std::map<std::string, int> seen;
  for (size_t p = 0; p < pages->pages(); ++p) {
    const size_t n = pages->size(p);
    std::set<std::string> here;
    for (size_t i = 0; i < n; ++i) {
      if (i < kEdge || i + kEdge >= n) here.insert(Shape(pages->text(p, i)));
    }
    for (const std::string& s : here) ++seen[s];
  }
  const int repeat = std::max<int>(2, static_cast<int>(pages->pages() + 1) / 2);
  for (size_t p = 0; p < pages->pages(); ++p) {
    const size_t n = pages->size(p);
    for (size_t i = 0; i < n; ++i) {
      bool edge = i < kEdge || i + kEdge >= n;
      if (edge && (IsPageNumber(pages->text(p, i)) ||
                   (pages->pages() > 1 && seen[Shape(pages->text(p, i))] >= repeat))) {
        pages->SetFurniture(p, i);
      }
    }
  }
}

bool IsLetter(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return s;
}

// Words of the document, and its hyphenated compounds, for line-end hyphens.
struct Vocabulary {
  std::set<std::string> words, compounds;

  void Add(const std::string& text) {
    size_t i = 0;
    while (i < text.size()) {
      while (i < text.size() && !IsLetter(text[i])) ++i;
      size_t j = i;
      while (j < text.size() &&
             (IsLetter(text[j]) ||
              (text[j] == '-' && j + 1 < text.size() && IsLetter(text[j + 1])))) {
        ++j;
      }
      if (j > i) {
        std::string w = Lower(text.substr(i, j - i));
        if (w.find('-') != std::string::npos) {
          compounds.insert(w);
          size_t a = 0, b;
          while ((b = w.find('-', a)) != std::string::npos)
            words.insert(w.substr(a, b - a)), a = b + 1;
          words.insert(w.substr(a));
        } else {
          words.insert(w);
        }
      }
      i = j;
    }
  }

  // True when some word split at a line end is found whole elsewhere: the
  // document was set with hyphenation (a typesetter's or word processor's
  // "provi-" / "sion"). A page printed from a browser or typed without it
  // breaks lines only at the writer's own hyphens.
  bool hyphenates = false;

  // Whether "head-" at a line end and "tail" on the next line form a
  // compound that keeps its hyphen: the document spells it so, or both
  // halves are its words and the joined form is not. Otherwise, in a
  // document that hyphenates, the split is the typesetter's; in one that
  // does not, the hyphen is the writer's ("case-" / "level"), unless the
  // tail is a bare suffix ("govern-" / "ment"), which no compound ends in.
  // (No English word list is at hand: ICU's break dictionaries cover
  // scripts without spaces, not English.)
  bool KeepsHyphen(const std::string& head, const std::string& tail) const {
    std::string h = Lower(head), t = Lower(tail);
    if (compounds.count(h + "-" + t)) return true;
    if (words.count(h + t)) return false;
    if (h.size() >= 2 && t.size() >= 3 && words.count(h) && words.count(t)) return true;
    return !hyphenates && h.size() >= 2 && t.size() >= 2 && !IsSuffix(t);
  }

  static bool IsSuffix(const std::string& t) {
    static const std::set<std::string> kSuffixes = {
        "tion",  "tions", "sion", "sions", "ment", "ments", "ness", "ity",
        "ities", "ing",   "ings", "ous",   "ious", "ive",   "ally", "ly",
        "ed",    "es",    "er",   "ers",   "al",   "ance",  "ence", "able",
        "ible",  "ure",   "ture", "cal",   "ary",  "ory",   "ism",  "ist",
        "ists",  "ise",   "ize",  "ised",  "ized", "ful",   "less", "ship",
        "ties",  "ty",    "cy",   "gy",    "ny",   "ry",    "lar",  "cious"};
    return kSuffixes.count(t) > 0;
  }
};

// The word that ends `s` (letters only) and the one that starts `s`.
std::string LastWord(const std::string& s) {
  size_t i = s.size();
  while (i > 0 && IsLetter(s[i - 1])) --i;
  return s.substr(i);
}
std::string FirstWord(const std::string& s) {
  size_t i = 0;
  while (i < s.size() && IsLetter(s[i])) ++i;
  return s.substr(0, i);
}

// How far short of the right margin, as a share of the text width, a line
// must stop to end its paragraph. Ragged-right text falls short by a word
// (under a fifth of a line); a header block's lines by half a line.
constexpr double kShortLine = 0.3;

// Lines of a table's head looked for above its first row.
constexpr size_t kMaxHeadLines = 3;

// Returns, for each line, the end of the table run starting there (one past
// its last line), or 0 when no table starts at that line. A run is two or
// more consecutive lines of two or more cells whose cells after the first
// are short (a fifth of the text width at most), so two columns of prose
// side by side are not a table; a row head wrapped onto its own line stays
// in the run as a row of its own.
std::vector<size_t> TableRuns(const std::vector<Line>& lines, double width) {
  auto is_row = [&](const Line& l) {
    if (l.cells.size() < 2) return false;
    for (size_t c = 1; c < l.cells.size(); ++c) {
      double w = l.words[l.cells[c].second - 1].right - l.words[l.cells[c].first].left;
      if (w > 0.2 * width) return false;
    }
    return true;
  };
  auto is_head_line = [&](size_t h, double run_left) {
    const Line& l = lines[h];
    const double height = std::max(1.0, l.bottom - l.top);
    if (lines[h + 1].top - l.bottom > height || l.cells.empty()) return false;
    if (l.cells.size() == 1 && (l.left < run_left + height || IsCaption(l.text)))
      return false;
    for (const auto& [a, b] : l.cells) {
      std::string cell = JoinWords(l, a, b);
      if (l.words[b - 1].right - l.words[a].left > 0.3 * width ||
          (IsFigure(cell) && !IsYear(cell)))
        return false;
    }
    return true;
  };
  std::vector<size_t> end(lines.size(), 0);
  size_t last_end = 0;  // one past the last run's last line
  for (size_t i = 0; i < lines.size();) {
    // A row head wrapped onto a line of its own ("Theft from the" over
    // "person") stays in the table when a row follows it: in the first
    // column, or (a centred head, "Children in temporary" over
    // "accommodation") left of the next row's figures and tight above them.
    double run_left = lines[i].left;  // the run's first column
    auto is_wrapped_head = [&](size_t j) {
      if (j + 1 >= lines.size() || lines[j].cells.size() != 1 || !is_row(lines[j + 1]))
        return false;
      const Line& l = lines[j];
      const Line& next = lines[j + 1];
      const double height = std::max(1.0, l.bottom - l.top);
      bool first_column = j > i && std::abs(l.left - run_left) < height;
      bool above_row = l.right < next.words[next.cells[1].first].left &&
                       next.top - l.bottom < 0.5 * height;
      return first_column || above_row;
    };
    size_t j = i, rows = 0;
    while (j < lines.size() && (is_row(lines[j]) || is_wrapped_head(j))) {
      run_left = std::min(run_left, lines[j].left);
      // A wide vertical gap ends the table.
      if (j > i && lines[j].top - lines[j - 1].bottom >
                       3 * std::max(1.0, lines[j].bottom - lines[j].top))
        break;
      rows += is_row(lines[j]);
      ++j;
    }
    if (rows >= 2) {
      // Head lines just above: cells of words over the figures ("Change"
      // over "(%)", month heads wider than a figure column).
      size_t first = i;
      while (first > last_end && i - first < kMaxHeadLines &&
             is_head_line(first - 1, run_left))
        --first;
      end[first] = j;
      for (size_t k = first + 1; k < j; ++k) end[k] = 0;
      last_end = j;
      i = j;
    } else {
      i = std::max(j, i + 1);
    }
  }
  return end;
}

// Returns the text column each line of a page stands in, as [left, right].
// On a page set in columns, the lines narrower than the page fall into
// side-by-side bands (two or more, each of three lines at least and a third
// of the page wide): each such line is measured against its band. Other
// lines (a title across the page, every line of a one-column page) are
// measured against the page. Poppler already gives a column's lines before
// the next column's.
std::vector<std::pair<double, double>> TextColumns(const std::vector<Line>& lines,
                                                   double left, double right) {
  const double width = std::max(1.0, right - left);
  std::vector<std::pair<double, double>> extents;
  for (const Line& l : lines)
    if (l.right - l.left < 0.6 * width) extents.emplace_back(l.left, l.right);
  std::sort(extents.begin(), extents.end());
  struct Band {
    double left, right;
    int lines;
  };
  std::vector<Band> bands;
  for (const auto& [a, b] : extents) {
    if (!bands.empty() && a < bands.back().right) {
      bands.back().right = std::max(bands.back().right, b);
      ++bands.back().lines;
    } else {
      bands.push_back({a, b, 1});
    }
  }
  std::erase_if(
      bands, [&](const Band& b) { return b.lines < 3 || b.right - b.left < width / 3; });
  std::vector<std::pair<double, double>> out(lines.size(), {left, right});
  if (bands.size() < 2) return out;
  for (size_t i = 0; i < lines.size(); ++i) {
    for (const Band& b : bands) {
      if (lines[i].left >= b.left && lines[i].right <= b.right)
        out[i] = {b.left, b.right};
    }
  }
  return out;
}

// Builds the document text: paragraphs separated by blank lines, form feeds
// before a paragraph that starts a later page, page-line marks, and tables,
// written to the builder as they come. Finish() writes what is held.
struct TextWriter {
  explicit TextWriter(DocumentBuilder* b) : builder(b) {}

  DocumentBuilder* builder;
  // The last table, held while it may go on over the next page.
  std::optional<RawTable> table;

  std::string paragraph;
  int paragraph_page = 0;
  struct Mark {
    size_t offset;  // in the paragraph
    int page, line;
  };
  std::vector<Mark> marks;
  int emitted_page = 1;
  // The last table written, while nothing has been written after it: its
  // last page, head rows and columns (a table over a page break goes on).
  bool after_table_ = false;
  int table_page_ = 0;
  std::vector<std::string> table_head_;
  size_t table_columns_ = 0;

  // Starts a block of the text on `page`; returns where it starts.
  size_t Begin(int page) {
    if (!builder->text().empty()) builder->AppendText("\n\n");
    for (; emitted_page < page; ++emitted_page) builder->AppendText("\f");
    return builder->text().size();
  }

  void Flush() {
    if (paragraph.empty()) return;
    after_table_ = false;
    size_t at = Begin(paragraph_page);
    builder->AppendText(paragraph);
    for (const Mark& m : marks) builder->AddPageLine(at + m.offset, m.page, m.line);
    paragraph.clear();
    marks.clear();
  }

  void Finish() {
    Flush();
    if (table) builder->AddTable(*table);
    table.reset();
  }

  // Joins a line to the paragraph, undoing a line-end hyphen where it split
  // a word.
  void AddLine(const Line& line, int page, const Vocabulary& vocabulary) {
    if (paragraph.empty()) {
      paragraph_page = page;
      marks.push_back({0, page, line.number});
      paragraph = line.text;
      return;
    }
    std::string head = LastWord(paragraph.substr(0, paragraph.size() - 1));
    std::string tail = FirstWord(line.text);
    if (paragraph.back() == '-' && !head.empty() && !tail.empty() && tail[0] >= 'a' &&
        tail[0] <= 'z' && !vocabulary.KeepsHyphen(head, tail)) {
      paragraph.pop_back();
    } else if (!(paragraph.back() == '-' && !head.empty())) {
      paragraph += ' ';
    }
    marks.push_back({paragraph.size(), page, line.number});
    paragraph += line.text;
  }

  // Writes lines [first, last) as table rows, one block each, cells apart by
  // tabs. The head is the leading rows without a figure in them (at least
  // the first row): "Year ending" over "March 2024". Columns are the
  // overlaps of the body cells' extents; a head cell over several columns
  // ("Recorded offences" over 2023 and 2024) spans them.
  void Table(const std::vector<Line>& lines, size_t first, size_t last, int page) {
    struct Piece {
      double left, right;
      std::string text;
    };
    struct Row {
      std::vector<Piece> pieces;
      const Line* line;  // its first line
    };
    auto has_figure = [](const Row& row) {
      return std::any_of(row.pieces.begin(), row.pieces.end(), [](const Piece& p) {
        return IsFigure(p.text) && !IsYear(p.text);
      });
    };
    std::vector<Row> rows;
    for (size_t i = first; i < last; ++i) {
      Row row{{}, &lines[i]};
      for (const auto& [a, b] : lines[i].cells) {
        row.pieces.push_back({lines[i].words[a].left, lines[i].words[b - 1].right,
                              JoinWords(lines[i], a, b)});
      }
      rows.push_back(std::move(row));
    }
    // A row head wrapped onto a line of its own (a lone piece left of the
    // figures) joins the body row it is tightest to: the row above for
    // "Theft from the" / "person", the one below for a head centred on its
    // figures ("Children in temporary" / "accommodation 131,850").
    double data_left = 1e18;
    for (const Row& row : rows)
      if (row.pieces.size() >= 2) data_left = std::min(data_left, row.pieces[1].left);
    for (size_t r = 0; r < rows.size();) {
      const Row& row = rows[r];
      if (row.pieces.size() != 1 || row.pieces[0].right >= data_left) {
        ++r;
        continue;
      }
      constexpr double kNone = 1e18;
      auto is_body = [&](size_t i) {
        return rows[i].pieces.size() >= 2 && has_figure(rows[i]);
      };
      double above =
          r > 0 && is_body(r - 1) ? row.line->top - rows[r - 1].line->bottom : kNone;
      double below = r + 1 < rows.size() && is_body(r + 1)
                         ? rows[r + 1].line->top - row.line->bottom
                         : kNone;
      if (above == kNone && below == kNone) {
        ++r;
        continue;
      }
      Piece label = row.pieces[0];
      Row& into = above <= below ? rows[r - 1] : rows[r + 1];
      Piece& head = into.pieces[0];
      if (head.right < data_left) {
        head.text =
            above <= below ? head.text + " " + label.text : label.text + " " + head.text;
        head.left = std::min(head.left, label.left);
        head.right = std::max(head.right, label.right);
      } else {
        into.pieces.insert(into.pieces.begin(), label);
      }
      if (above > below) into.line = row.line;
      rows.erase(rows.begin() + static_cast<std::ptrdiff_t>(r));
    }
    // At the top of the page after one a table ended, a first row of
    // figures is that table going on without its head.
    const bool next_page = after_table_ && page == table_page_ + 1;
    size_t head = 1;
    while (head + 1 < rows.size() && !has_figure(rows[head])) ++head;
    if (next_page && has_figure(rows[0])) head = 0;
    std::vector<std::pair<double, double>> extents;
    for (size_t r = head; r < rows.size(); ++r) {
      for (const Piece& p : rows[r].pieces) extents.emplace_back(p.left, p.right);
    }
    std::sort(extents.begin(), extents.end());
    std::vector<std::pair<double, double>> columns;
    for (const auto& e : extents) {
      if (!columns.empty() && e.first <= columns.back().second) {
        columns.back().second = std::max(columns.back().second, e.second);
      } else {
        columns.push_back(e);
      }
    }
    // A table at the top of a page right after one that ended the page
    // before, under the same head or none, goes on with it: a repeated head
    // is written (a viewer shows it) but is not a head row again.
    std::vector<std::string> head_texts;
    for (size_t r = 0; r < head; ++r) {
      std::string t;
      for (const Piece& p : rows[r].pieces) t += p.text + "\t";
      head_texts.push_back(std::move(t));
    }
    const bool continues = next_page && (head == 0 || head_texts == table_head_) &&
                           columns.size() == table_columns_;
    RawTable started;
    for (size_t r = 0; r < rows.size(); ++r) {
      // Each piece's first column and the columns it covers; pieces in the
      // same column join; columns the row leaves blank are empty cells.
      std::vector<std::string> texts(columns.size());
      std::vector<int> spans(columns.size(), 0);
      for (const Piece& p : rows[r].pieces) {
        size_t k = 0;
        while (k + 1 < columns.size() && columns[k].second < p.left) ++k;
        size_t end = k + 1;
        while (end < columns.size() && columns[end].first <= p.right) ++end;
        if (!texts[k].empty()) texts[k] += ' ';
        texts[k] += p.text;
        spans[k] = std::max(spans[k], static_cast<int>(end - k));
      }
      std::string row;
      std::vector<RawCell> raw;
      for (size_t k = 0; k < columns.size();) {
        RawCell cell;
        cell.column_span = std::max(1, spans[k]);
        cell.header = r < head;
        if (!raw.empty()) row += '\t';
        cell.range = {row.size(), row.size() + texts[k].size()};
        row += texts[k];
        raw.push_back(cell);
        k += static_cast<size_t>(cell.column_span);
      }
      size_t at = Begin(page);
      builder->AppendText(row);
      builder->AddPageLine(at, page, rows[r].line->number);
      for (RawCell& cell : raw) cell.range = {at + cell.range.begin, at + cell.range.end};
      if (continues && r < head) continue;
      (continues ? *table : started).rows.push_back(std::move(raw));
    }
    if (!continues) {
      if (table) builder->AddTable(*table);
      table = std::move(started);
      table_head_ = std::move(head_texts);
      table_columns_ = columns.size();
    }
    after_table_ = true;
    table_page_ = page;
  }
};

}  // namespace

Result<Document> LoadPdf(std::string path, std::string bytes, const LoadLimits& limits) {
  poppler::set_debug_error_function(Quiet, nullptr);
  std::unique_ptr<poppler::document> pdf;
  try {
    pdf.reset(poppler::document::load_from_raw_data(bytes.data(),
                                                    static_cast<int>(bytes.size())));
  } catch (const std::exception& e) {
    return Status::InvalidInput(
        fmt::format("{}: not a readable PDF ({})", path, e.what()));
  }
  if (!pdf) {
    return Status::InvalidInput(
        fmt::format("{}: not a readable PDF (broken or truncated)", path));
  }
  if (pdf->is_locked()) {
    return Status::InvalidInput(
        fmt::format("{}: PDF is encrypted; remove the password first", path));
  }
  // Counted before any page is read, so a 5,000-page file given by mistake
  // is refused at once.
  if (pdf->pages() > limits.max_pages) {
    return Status::InvalidInput(fmt::format(
        "{}: the PDF has {} pages, over the {}-page limit; raise it with {} if the "
        "file is genuine",
        path, pdf->pages(), limits.max_pages, limits.pages_option));
  }
  // Each page's lines are packed as soon as they are read; poppler's page
  // and text boxes go with each.
  PackedPages pages;
  size_t line_count = 0;
  try {
    uint64_t text_bytes = 0;
    for (int i = 0; i < pdf->pages(); ++i) {
      std::vector<Line> lines;
      if (std::unique_ptr<poppler::page> page(pdf->create_page(i)); page)
        lines = PageLines(*page);
      for (const Line& l : lines) text_bytes += l.text.size() + 1;
      if (text_bytes > limits.max_text_bytes) {
        return Status::InvalidInput(
            OverLimit(path,
                      fmt::format("its text (past {} by page {})",
                                  FormatSize(limits.max_text_bytes), i + 1),
                      limits.max_text_bytes, limits.text_option));
      }
      if (pages.text_size() + PackedPages::TextSize(lines) > PackedPages::kMaxText) {
        return Status::InvalidInput(
            fmt::format("{}: the PDF's text is over the {} it may take (by page {})",
                        path, FormatSize(PackedPages::kMaxText), i + 1));
      }
      line_count += lines.size();
      pages.Add(lines);
    }
  } catch (const std::exception& e) {
    return Status::InvalidInput(
        fmt::format("{}: not a readable PDF ({})", path, e.what()));
  }
  pdf.reset();  // poppler's objects are not needed past the words
  if (line_count == 0) {
    return Status::InvalidInput(
        fmt::format("{}: PDF has no text layer (a scan?); run OCR on it first", path));
  }
  DocumentBuilder builder(std::move(path), DocumentFormat::kPdf);
  builder.HashFileBytes(bytes);
  std::string().swap(bytes);  // poppler read it; the lines hold what is needed
  DropFurniture(&pages);

  // The vocabulary leaves out the halves of words split at line ends, which
  // are not words of the document.
  Vocabulary vocabulary;
  double line_height = 12, paragraph_gap = 6;
  size_t text_size = 0;  // of the text to write, about
  {
    std::vector<double> heights;
    heights.reserve(line_count);
    bool previous_split = false;
    std::vector<std::pair<std::string, std::string>> splits;  // "provi-" / "sion"
    for (size_t p = 0; p < pages.pages(); ++p) {
      text_size += 1;
      for (size_t i = 0; i < pages.size(p); ++i) {
        if (pages.furniture(p, i)) continue;
        std::string whole(pages.text(p, i));
        text_size += whole.size() + 2;
        if (previous_split) {
          splits.back().second = FirstWord(whole);
          whole.erase(0, splits.back().second.size());
        }
        previous_split = !whole.empty() && whole.back() == '-';
        if (previous_split) {
          std::string head = LastWord(whole.substr(0, whole.size() - 1));
          splits.emplace_back(head, "");
          whole.erase(whole.size() - 1 - head.size());
        }
        vocabulary.Add(whole);
        heights.push_back(pages.bottom(p, i) - pages.top(p, i));
      }
    }
    for (const auto& [head, tail] : splits) {
      vocabulary.hyphenates |= !head.empty() && !tail.empty() &&
                               vocabulary.words.count(Lower(head + tail)) &&
                               !vocabulary.compounds.count(Lower(head + "-" + tail));
    }
    std::sort(heights.begin(), heights.end());
    line_height = heights.empty() ? 12 : std::max(1.0, heights[heights.size() / 2]);
    // The usual space between a line and the next below it. A paragraph
    // starts after a wider one: half a line, or less where lines are set
    // tight (a justified report with paragraphs a third of a line apart).
    std::vector<double>& gaps = heights;
    gaps.clear();
    for (size_t p = 0; p < pages.pages(); ++p) {
      const size_t n = pages.size(p);
      size_t before = n;  // the last line kept
      for (size_t i = 0; i < n; ++i) {
        if (pages.furniture(p, i)) continue;
        if (before < n) {
          double gap = pages.top(p, i) - pages.bottom(p, before);
          if (pages.top(p, i) > pages.top(p, before) && gap < line_height)
            gaps.push_back(gap);
        }
        before = i;
      }
    }
    std::sort(gaps.begin(), gaps.end());
    paragraph_gap =
        std::min(0.5, (gaps.empty() ? 0.5 : gaps[gaps.size() / 2] / line_height) + 0.25) *
        line_height;
  }

  // Rebuild paragraphs and tables; "\f" marks a page start for the
  // paragraph rule, and every line's start is marked with its page line.
  // The text is reserved whole, so that it is not copied as it grows: a
  // table's row may take a little more than its line (a tab for a space,
  // blank cells), and what is not written is not touched.
  std::string text;
  text.reserve(text_size + text_size / 16 + 4096);
  builder.SetText(std::move(text));
  builder.SetOffsetsAreFileBytes(false);
  TextWriter out(&builder);
  for (size_t p = 0; p < pages.pages(); ++p) {
    const std::vector<Line> lines = pages.Unpack(p);
    pages.Release(p + 1);
    const int page = static_cast<int>(p) + 1;
    double common_left = 1e9, common_right = 0;
    for (const Line& l : lines) {
      common_left = std::min(common_left, l.left);
      common_right = std::max(common_right, l.right);
    }
    const double width = std::max(1.0, common_right - common_left);
    std::vector<size_t> table_end = TableRuns(lines, width);
    const std::vector<std::pair<double, double>> column =
        TextColumns(lines, common_left, common_right);
    for (size_t i = 0; i < lines.size(); ++i) {
      if (table_end[i] > i) {
        out.Flush();
        out.Table(lines, i, table_end[i], page);
        i = table_end[i] - 1;
        continue;
      }
      const Line& line = lines[i];
      const std::pair<double, double> page_wide{common_left, common_right};
      bool indented = line.left > column[i].first + 0.8 * line_height;
      // From the foot of one column to the head of the next.
      bool next_column = i > 0 && column[i - 1] != column[i] &&
                         column[i - 1] != page_wide && column[i] != page_wide;
      bool starts = out.paragraph.empty();
      if (!starts && i > 0 && table_end[i - 1] == 0 && !next_column) {
        const Line& before = lines[i - 1];
        const auto [left, right] = column[i - 1];
        double gap = line.top - before.bottom;
        bool short_before = before.right < right - kShortLine * (right - left);
        starts = gap > paragraph_gap || indented || short_before;
      } else if (!starts && (i == 0 || next_column)) {
        // At a page or column top, a paragraph goes on unless it had ended
        // a sentence or the new line is indented; at a column top, also
        // when the column's last line stopped short (a heading, a
        // paragraph's last line).
        char last = out.paragraph.back();
        bool short_before = false;
        if (next_column) {
          const auto [left, right] = column[i - 1];
          short_before = lines[i - 1].right < right - kShortLine * (right - left);
        }
        starts = indented || short_before || last == '.' || last == ':' || last == '?' ||
                 last == '!';
      } else {
        starts = true;  // after a table
      }
      if (starts) out.Flush();
      out.AddLine(line, page, vocabulary);
    }
  }
  out.Finish();
  builder.ParseLines();
  return builder.Finish();
}

}  // namespace claimtrace
