// The PDF loader (poppler-cpp): words with their boxes, page by page, rebuilt
// into lines and paragraphs, then handed to the shared paragraph rule.
//
// - Lines: consecutive words whose boxes share a baseline.
// - Running headers and footers: lines at the top or bottom of a page whose
//   text, digits aside, repeats on at least half the pages; bare page numbers.
// - Paragraphs: a new one starts after a vertical gap wider than half a line
//   or at an indented first line; a paragraph may run over a page break.
// - Hyphens at a line end: "tena-" + "cious" joins into "tenacious", but
//   "high-" + "quality" keeps its hyphen when the document spells the
//   compound with one elsewhere or both halves are words of the document and
//   the joined form is not.
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
#include <set>

#include "load/document_builder.h"
#include "load/loaders.h"

namespace claimtrace {
namespace {

struct Line {
  std::string text;
  double top = 0, bottom = 0, left = 0;
};

void Quiet(const std::string&, void*) {}

std::string Utf8(const poppler::ustring& s) {
  poppler::byte_array bytes = s.to_utf8();
  return std::string(bytes.begin(), bytes.end());
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

std::vector<Line> PageLines(const poppler::page& page) {
  std::vector<Line> lines;
  for (const poppler::text_box& box : page.text_list()) {
    poppler::rectf r = box.bbox();
    std::string word = FoldLigatures(Utf8(box.text()));
    if (word.empty()) continue;
    bool same_line = !lines.empty() && std::abs(r.top() - lines.back().top) <
                                           0.5 * std::max(1.0, r.height());
    if (!same_line) lines.push_back({"", r.top(), r.bottom(), r.left()});
    Line& line = lines.back();
    line.text += word;
    if (box.has_space_after()) line.text += ' ';
    line.bottom = std::max(line.bottom, r.bottom());
  }
  for (Line& l : lines) {
    while (!l.text.empty() && l.text.back() == ' ') l.text.pop_back();
  }
  return lines;
}

// The text of a line with its digits blanked, to recognise running heads
// that carry page numbers.
std::string Shape(const std::string& s) {
  std::string out;
  for (char c : s) out.push_back(c >= '0' && c <= '9' ? '#' : c);
  return out;
}

bool IsPageNumber(const std::string& s) {
  static const RE2* re =
      new RE2(R"((?i)^[\s\-–—]*(page\s+)?\d{1,4}(\s+of\s+\d{1,4})?[\s\-–—]*$)");
  return RE2::FullMatch(s, *re);
}

// Drops running headers, footers and page numbers.
void DropFurniture(std::vector<std::vector<Line>>* pages) {
  constexpr size_t kEdge = 2;  // lines at each end of a page that may be furniture
  std::map<std::string, int> seen;
  for (const auto& lines : *pages) {
    std::set<std::string> here;
    for (size_t i = 0; i < lines.size(); ++i) {
      if (i < kEdge || i + kEdge >= lines.size()) here.insert(Shape(lines[i].text));
    }
    for (const std::string& s : here) ++seen[s];
  }
  const int repeat = std::max<int>(2, static_cast<int>(pages->size() + 1) / 2);
  for (auto& lines : *pages) {
    std::vector<Line> kept;
    for (size_t i = 0; i < lines.size(); ++i) {
      bool edge = i < kEdge || i + kEdge >= lines.size();
      if (edge && (IsPageNumber(lines[i].text) ||
                   (pages->size() > 1 && seen[Shape(lines[i].text)] >= repeat))) {
        continue;
      }
      kept.push_back(lines[i]);
    }
    lines = std::move(kept);
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

  // Whether "head-" at a line end and "tail" on the next line form a
  // compound that keeps its hyphen.
  bool KeepsHyphen(const std::string& head, const std::string& tail) const {
    std::string h = Lower(head), t = Lower(tail);
    if (compounds.count(h + "-" + t)) return true;
    if (words.count(h + t)) return false;
    return h.size() >= 2 && t.size() >= 3 && words.count(h) && words.count(t);
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
  std::vector<std::vector<Line>> pages;
  try {
    uint64_t text_bytes = 0;
    for (int i = 0; i < pdf->pages(); ++i) {
      std::unique_ptr<poppler::page> page(pdf->create_page(i));
      pages.push_back(page ? PageLines(*page) : std::vector<Line>{});
      for (const Line& l : pages.back()) text_bytes += l.text.size() + 1;
      if (text_bytes > limits.max_text_bytes) {
        return Status::InvalidInput(
            OverLimit(path,
                      fmt::format("its text (past {} by page {})",
                                  FormatSize(limits.max_text_bytes), i + 1),
                      limits.max_text_bytes, limits.text_option));
      }
    }
  } catch (const std::exception& e) {
    return Status::InvalidInput(
        fmt::format("{}: not a readable PDF ({})", path, e.what()));
  }
  size_t words = 0;
  for (const auto& lines : pages) words += lines.size();
  if (words == 0) {
    return Status::InvalidInput(
        fmt::format("{}: PDF has no text layer (a scan?); run OCR on it first", path));
  }
  DropFurniture(&pages);

  // The vocabulary leaves out the halves of words split at line ends, which
  // are not words of the document.
  Vocabulary vocabulary;
  std::vector<double> heights;
  bool previous_split = false;
  for (const auto& lines : pages) {
    for (const Line& l : lines) {
      std::string whole = l.text;
      if (previous_split) whole.erase(0, FirstWord(whole).size());
      previous_split = !whole.empty() && whole.back() == '-';
      if (previous_split)
        whole.erase(whole.size() - 1 -
                    LastWord(whole.substr(0, whole.size() - 1)).size());
      vocabulary.Add(whole);
      heights.push_back(l.bottom - l.top);
    }
  }
  std::sort(heights.begin(), heights.end());
  const double line_height =
      heights.empty() ? 12 : std::max(1.0, heights[heights.size() / 2]);

  // Rebuild paragraphs; "\f" marks a page start for the paragraph rule.
  std::string text;
  std::string paragraph;
  int paragraph_pages = 0;  // form feeds owed before the next paragraph
  auto flush = [&]() {
    if (paragraph.empty()) return;
    if (!text.empty()) text += "\n\n";
    text.append(static_cast<size_t>(paragraph_pages), '\f');
    paragraph_pages = 0;
    text += paragraph;
    paragraph.clear();
  };
  for (size_t p = 0; p < pages.size(); ++p) {
    if (p > 0) ++paragraph_pages;
    const std::vector<Line>& lines = pages[p];
    double common_left = 1e9;
    for (const Line& l : lines) common_left = std::min(common_left, l.left);
    for (size_t i = 0; i < lines.size(); ++i) {
      const Line& line = lines[i];
      bool starts = paragraph.empty();
      if (!starts && i > 0) {
        double gap = line.top - lines[i - 1].bottom;
        bool indented = line.left > common_left + 0.8 * line_height;
        starts = gap > 0.5 * line_height || indented;
      } else if (!starts && i == 0) {
        // At a page top, a paragraph goes on unless it had ended a sentence
        // or the new line is indented.
        char last = paragraph.back();
        starts = line.left > common_left + 0.8 * line_height || last == '.' ||
                 last == ':' || last == '?' || last == '!';
      }
      if (starts) flush();
      if (paragraph.empty()) {
        paragraph = line.text;
        continue;
      }
      // Join to the paragraph, undoing a line-end hyphen where it split a word.
      std::string head = LastWord(paragraph.substr(0, paragraph.size() - 1));
      std::string tail = FirstWord(line.text);
      if (paragraph.back() == '-' && !head.empty() && !tail.empty() && tail[0] >= 'a' &&
          tail[0] <= 'z' && !vocabulary.KeepsHyphen(head, tail)) {
        paragraph.pop_back();
        paragraph += line.text;
      } else if (paragraph.back() == '-' && !head.empty()) {
        paragraph += line.text;
      } else {
        paragraph += ' ' + line.text;
      }
      // A page break inside a paragraph is owed to the next paragraph.
    }
  }
  flush();

  DocumentBuilder builder(std::move(path), DocumentFormat::kPdf);
  builder.HashFileBytes(bytes);
  builder.SetOffsetsAreFileBytes(false);
  builder.SetText(std::move(text));
  builder.ParseLines();
  return builder.Finish();
}

}  // namespace claimtrace
