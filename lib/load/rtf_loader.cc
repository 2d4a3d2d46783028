// The RTF loader: a bounded, non-recursive reader of RTF 1.x (no Debian
// package offers an RTF parsing library). It keeps the text of the document
// body and drops everything else:
// - Groups are tracked on an explicit stack, at most kMaxDepth deep; deeper
//   input is refused, so no input can exhaust the stack or the heap.
// - Destinations that are not body text are skipped whole: \fonttbl,
//   \colortbl, \stylesheet (read only for heading style names), \info,
//   \pict, \object, headers and footers, field instructions, and any group
//   opened with \* (an ignorable destination); \binN data is stepped over.
// - Characters: \'hh bytes are decoded with the code page of \ansicpg
//   (ICU; runs of them together, for double-byte code pages), \uN as UTF-16
//   (surrogate pairs joined) skipping the \ucN fallback characters after it,
//   and the named symbols (\emdash, \lquote ...) as their characters.
// - Structure: \par ends a paragraph (a heading when its style is named
//   "heading N" or it has \outlinelevelN); table rows (\trowd ... \cell ...
//   \row) become rows of tab-separated cells and consecutive rows a table,
//   with \clvmgf/\clvmrg merged cells as row spans and \clmrg as column spans.
// Positions refer to the extracted text (offsets_are_file_bytes() is false).
#include <fmt/format.h>
#include <unicode/ucnv.h>

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "load/document_builder.h"
#include "load/loaders.h"
#include "load/utf8.h"

namespace claimtrace {
namespace {

// Deepest group nesting accepted. Word writes under 20.
constexpr size_t kMaxDepth = 200;
// Most cell definitions kept per row (Word allows 63).
constexpr size_t kMaxCells = 1000;

bool IsLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Destinations whose content is not body text.
bool SkippedDestination(std::string_view word) {
  static const char* const kSkipped[] = {
      "fonttbl",      "colortbl",      "info",       "pict",
      "object",       "header",        "headerl",    "headerr",
      "headerf",      "footer",        "footerl",    "footerr",
      "footerf",      "fldinst",       "listtable",  "listoverridetable",
      "rsidtbl",      "generator",     "themedata",  "colorschememapping",
      "latentstyles", "datastore",     "xmlnstbl",   "filetbl",
      "revtbl",       "footnote",      "annotation", "bkmkstart",
      "bkmkend",      "comment",       "nonshppict", "shppict",
      "template",     "userprops",     "docvar",     "pgdsctbl",
      "mmathPr",      "wgrffmtfilter", "fchars",     "lchars"};
  for (const char* s : kSkipped) {
    if (word == s) return true;
  }
  return false;
}

// The symbols RTF names with control words.
const char* Symbol(std::string_view word) {
  static const std::map<std::string_view, const char*> kSymbols = {
      {"emdash", "\xE2\x80\x94"},
      {"endash", "\xE2\x80\x93"},
      {"lquote", "\xE2\x80\x98"},
      {"rquote", "\xE2\x80\x99"},
      {"ldblquote", "\xE2\x80\x9C"},
      {"rdblquote", "\xE2\x80\x9D"},
      {"bullet", "\xE2\x80\xA2"},
      {"emspace", " "},
      {"enspace", " "},
      {"qmspace", " "},
      {"tab", " "},
      {"line", " "}};
  auto it = kSymbols.find(word);
  return it == kSymbols.end() ? nullptr : it->second;
}

struct GroupState {
  bool skip = false;        // inside a destination that is not body text
  bool stylesheet = false;  // inside \stylesheet: reading style names
  int uc = 1;               // fallback characters after \uN
};

class RtfReader {
 public:
  explicit RtfReader(std::string path) : path_(std::move(path)) {}
  ~RtfReader() {
    if (converter_) ucnv_close(converter_);
  }

  Status Read(std::string_view rtf);

  std::string text;
  std::vector<RawTable> tables;
  size_t controls = 0;  // control characters shown as visible symbols

 private:
  void Control(std::string_view word, bool has_param, long param);
  void Char(char c) {
    FlushBytes();
    Emit(std::string_view(&c, 1));
  }
  void Emit(std::string_view s);
  void Append(std::string_view s);
  void FlushBytes();
  void EndParagraph();
  void EndCell();
  void EndRow();
  void EndTable();

  std::string path_;
  std::vector<GroupState> stack_;
  GroupState state_;
  UConverter* converter_ = nullptr;
  std::string bytes_;  // \'hh bytes waiting to be decoded together
  uint32_t high_surrogate_ = 0;
  int skip_fallback_ = 0;  // fallback characters still to skip after \uN

  // Paragraph and table being built.
  std::string paragraph_;
  int heading_ = 0;        // 1-based heading level of the paragraph, 0 if none
  bool in_table_ = false;  // the paragraph has \intbl
  std::map<long, int> heading_styles_;  // \sN -> level, from the stylesheet
  long style_ = -1;
  std::string style_name_;  // the stylesheet entry being read

  struct CellDef {
    bool merged_down = false;  // \clvmrg
    bool merged_left = false;  // \clmrg
  };
  std::vector<CellDef> defs_;
  CellDef def_;  // the cell definition being read
  std::string row_;
  std::vector<std::pair<Range, size_t>> cells_;  // range in row_, index in defs_
  struct PendingRow {
    std::vector<RawCell> cells;
    std::vector<CellDef> defs;
  };
  std::vector<PendingRow> rows_;
};

void RtfReader::Emit(std::string_view s) {
  if (state_.skip) return;
  if (skip_fallback_ > 0) {
    --skip_fallback_;
    return;
  }
  if (state_.stylesheet) {
    style_name_ += s;
    return;
  }
  Append(s);
}

void RtfReader::Append(std::string_view s) {
  // A control character (a raw byte, \'1b, \u27) becomes a visible symbol,
  // as in the other loaders, so none reaches a terminal or splits a line.
  // 0xC2 leads the C1 controls' UTF-8.
  if (std::all_of(s.begin(), s.end(), [](char c) {
        auto b = static_cast<unsigned char>(c);
        return b >= 0x20 && b != 0x7F && b != 0xC2;
      })) {
    paragraph_ += s;
    return;
  }
  CleanText clean = CleanUtf8(s, "");
  controls += clean.controls;
  paragraph_ += clean.text;
}

void RtfReader::FlushBytes() {
  if (bytes_.empty()) return;
  std::string raw = std::move(bytes_);
  bytes_.clear();
  if (state_.skip) return;
  if (skip_fallback_ > 0) {
    // Each \'hh is one fallback character.
    size_t n = std::min<size_t>(raw.size(), skip_fallback_);
    skip_fallback_ -= static_cast<int>(n);
    raw.erase(0, n);
    if (raw.empty()) return;
  }
  std::string out;
  if (converter_) {
    UErrorCode status = U_ZERO_ERROR;
    std::vector<UChar> u(raw.size() * 2 + 4);
    int32_t n = ucnv_toUChars(converter_, u.data(), static_cast<int32_t>(u.size()),
                              raw.data(), static_cast<int32_t>(raw.size()), &status);
    if (U_SUCCESS(status)) {
      for (int32_t i = 0; i < n; ++i) {
        uint32_t cp = u[i];
        if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < n)
          cp = 0x10000 + ((cp - 0xD800) << 10) + (u[++i] - 0xDC00);
        AppendUtf8(cp, &out);
      }
    }
  } else {
    for (unsigned char b : raw) AppendUtf8(b, &out);  // Latin-1
  }
  if (state_.stylesheet) {
    style_name_ += out;
  } else {
    Append(out);
  }
}

void RtfReader::EndParagraph() {
  FlushBytes();
  if (in_table_) {
    paragraph_ += ' ';  // paragraphs inside a cell are words apart
    return;
  }
  EndTable();
  size_t first = paragraph_.find_first_not_of(" \t");
  if (first != std::string::npos) {
    if (!text.empty()) text += "\n\n";
    if (heading_ > 0)
      text += std::string(static_cast<size_t>(std::min(heading_, 6)), '#') + " ";
    text += paragraph_.substr(first);
  }
  paragraph_.clear();
}

void RtfReader::EndCell() {
  FlushBytes();
  size_t first = paragraph_.find_first_not_of(' ');
  size_t last = paragraph_.find_last_not_of(' ');
  std::string cell =
      first == std::string::npos ? "" : paragraph_.substr(first, last - first + 1);
  for (char& c : cell) c = c == '\t' ? ' ' : c;
  paragraph_.clear();
  if (!cells_.empty()) row_ += '\t';
  size_t begin = row_.size();
  row_ += cell;
  cells_.push_back({{begin, row_.size()}, cells_.size()});
}

void RtfReader::EndRow() {
  FlushBytes();
  if (paragraph_.find_first_not_of(' ') != std::string::npos) EndCell();
  if (!cells_.empty()) {
    if (cells_.size() == 1) row_ += '\t';  // a lone cell still reads as a row
    bool blank = row_.find_first_not_of(" \t") == std::string::npos;
    if (!text.empty()) text += "\n\n";
    size_t at = text.size();
    if (!blank) text += row_;
    PendingRow row;
    for (const auto& [range, def] : cells_) {
      RawCell cell;
      cell.range = blank ? Range{at, at} : Range{at + range.begin, at + range.end};
      row.cells.push_back(cell);
      row.defs.push_back(def < defs_.size() ? defs_[def] : CellDef{});
    }
    rows_.push_back(std::move(row));
  }
  row_.clear();
  cells_.clear();
  in_table_ = false;
}

// Turns the pending rows into a table, resolving merged cells.
void RtfReader::EndTable() {
  if (rows_.empty()) return;
  RawTable table;
  for (size_t r = 0; r < rows_.size(); ++r) {
    std::vector<RawCell> out;
    const PendingRow& row = rows_[r];
    for (size_t c = 0; c < row.cells.size(); ++c) {
      if (row.defs[c].merged_left && !out.empty()) {
        ++out.back().column_span;
        continue;
      }
      if (row.defs[c].merged_down && r > 0) continue;
      RawCell cell = row.cells[c];
      for (size_t below = r + 1; below < rows_.size(); ++below) {
        if (c >= rows_[below].defs.size() || !rows_[below].defs[c].merged_down) break;
        ++cell.row_span;
      }
      out.push_back(cell);
    }
    table.rows.push_back(std::move(out));
  }
  tables.push_back(std::move(table));
  rows_.clear();
}

void RtfReader::Control(std::string_view word, bool has_param, long param) {
  if (word != "u" && word != "'") FlushBytes();
  if (SkippedDestination(word)) {
    state_.skip = true;
    return;
  }
  if (word == "stylesheet") {
    state_.stylesheet = true;
    return;
  }
  if (word == "ansicpg" && has_param && !converter_) {
    UErrorCode status = U_ZERO_ERROR;
    std::string name = fmt::format("windows-{}", param);
    converter_ = ucnv_open(name.c_str(), &status);
    if (U_FAILURE(status)) {
      status = U_ZERO_ERROR;
      converter_ = ucnv_open(fmt::format("ibm-{}", param).c_str(), &status);
      if (U_FAILURE(status)) converter_ = nullptr;
    }
    return;
  }
  if (word == "uc" && has_param) {
    state_.uc = static_cast<int>(std::clamp(param, 0L, 10L));
    return;
  }
  if (word == "u" && has_param) {
    FlushBytes();
    uint32_t unit = static_cast<uint32_t>(param < 0 ? param + 65536 : param) & 0xFFFF;
    std::string out;
    if (unit >= 0xD800 && unit <= 0xDBFF) {
      high_surrogate_ = unit;
    } else if (unit >= 0xDC00 && unit <= 0xDFFF && high_surrogate_) {
      AppendUtf8(0x10000 + ((high_surrogate_ - 0xD800) << 10) + (unit - 0xDC00), &out);
      high_surrogate_ = 0;
    } else {
      AppendUtf8(unit, &out);
      high_surrogate_ = 0;
    }
    if (!out.empty()) Emit(out);
    skip_fallback_ = state_.uc;
    return;
  }
  skip_fallback_ = 0;
  if (state_.stylesheet) {
    if (word == "s" && has_param) style_ = param;
    return;
  }
  if (state_.skip) return;
  if (word == "par" || word == "sect" || word == "page") {
    EndParagraph();
    heading_ = 0;
  } else if (word == "pard") {
    heading_ = 0;
    in_table_ = false;
  } else if (word == "intbl") {
    in_table_ = true;
  } else if (word == "s" && has_param) {
    auto it = heading_styles_.find(param);
    if (it != heading_styles_.end()) heading_ = it->second;
  } else if (word == "outlinelevel" && has_param && param >= 0 && param < 6) {
    heading_ = static_cast<int>(param) + 1;
  } else if (word == "trowd") {
    defs_.clear();
    def_ = {};
  } else if (word == "clvmrg") {
    def_.merged_down = true;
  } else if (word == "clmrg") {
    def_.merged_left = true;
  } else if (word == "cellx") {
    // A cell's definition: its merge marks, then \cellx (its right edge).
    if (defs_.size() < kMaxCells) defs_.push_back(def_);
    def_ = {};
  } else if (word == "cell") {
    in_table_ = true;
    EndCell();
  } else if (word == "row") {
    EndRow();
  } else if (const char* symbol = Symbol(word)) {
    Emit(symbol);
  }
}

Status RtfReader::Read(std::string_view rtf) {
  size_t i = 0;
  const size_t n = rtf.size();
  while (i < n) {
    char c = rtf[i];
    if (c == '{') {
      FlushBytes();
      if (stack_.size() >= kMaxDepth) {
        return Status::InvalidInput(
            fmt::format("{}: RTF groups nested deeper than {} (at byte {}); refused",
                        path_, kMaxDepth, i));
      }
      stack_.push_back(state_);
      ++i;
      // An ignorable destination: {\* \word ...} is skipped unless known.
      if (i + 1 < n && rtf[i] == '\\' && rtf[i + 1] == '*') {
        state_.skip = true;
        i += 2;
      }
      continue;
    }
    if (c == '}') {
      FlushBytes();
      if (state_.stylesheet && !stack_.empty() && stack_.back().stylesheet) {
        // The end of one stylesheet entry: "heading 2;" names a heading style.
        std::string name;
        for (char ch : style_name_)
          name += (ch >= 'A' && ch <= 'Z') ? ch - 'A' + 'a' : ch;
        if (style_ >= 0 && name.rfind("heading ", 0) == 0 && name.size() > 8 &&
            IsDigit(name[8])) {
          heading_styles_[style_] = name[8] - '0';
        }
        style_ = -1;
        style_name_.clear();
      }
      if (!stack_.empty()) {
        state_ = stack_.back();
        stack_.pop_back();
      }
      skip_fallback_ = 0;
      ++i;
      continue;
    }
    if (c == '\\') {
      if (i + 1 >= n) break;
      char next = rtf[i + 1];
      if (IsLetter(next)) {
        size_t j = i + 1;
        while (j < n && j - (i + 1) < 32 && IsLetter(rtf[j])) ++j;
        std::string_view word = rtf.substr(i + 1, j - (i + 1));
        while (j < n && IsLetter(rtf[j])) ++j;  // an over-long word is cut
        bool negative = j < n && rtf[j] == '-' && j + 1 < n && IsDigit(rtf[j + 1]);
        if (negative) ++j;
        bool has_param = j < n && IsDigit(rtf[j]);
        long param = 0;
        for (int digits = 0; j < n && IsDigit(rtf[j]); ++j, ++digits) {
          if (digits < 10) param = param * 10 + (rtf[j] - '0');
        }
        if (negative) param = -param;
        if (j < n && rtf[j] == ' ') ++j;  // the delimiting space
        if (word == "bin" && has_param) {
          // \binN: N bytes of binary data follow, braces included.
          i = j + std::min<size_t>(n - j, static_cast<size_t>(std::max(param, 0L)));
          continue;
        }
        Control(word, has_param, param);
        i = j;
        continue;
      }
      if (next == '\'') {
        auto hex = [](char h) {
          return IsDigit(h)                               ? h - '0'
                 : (h | 0x20) >= 'a' && (h | 0x20) <= 'f' ? (h | 0x20) - 'a' + 10
                                                          : -1;
        };
        int hi = i + 2 < n ? hex(rtf[i + 2]) : -1, lo = i + 3 < n ? hex(rtf[i + 3]) : -1;
        if (hi >= 0 && lo >= 0) bytes_.push_back(static_cast<char>(hi * 16 + lo));
        i += hi >= 0 && lo >= 0 ? 4 : 2;
        continue;
      }
      FlushBytes();
      i += 2;
      switch (next) {
        case '\\':
        case '{':
        case '}':
          Char(next);
          break;
        case '~':
          Emit("\xC2\xA0");
          break;
        case '_':
          Emit("\xE2\x80\x91");  // non-breaking hyphen
          break;
        case '\n':
        case '\r':
          Control("par", false, 0);
          break;
        case '-':  // optional hyphen
        default:
          break;
      }
      continue;
    }
    if (c == '\r' || c == '\n') {
      ++i;
      continue;
    }
    if (static_cast<unsigned char>(c) >= 0x80) {
      bytes_.push_back(c);  // a raw byte in the document's code page
    } else {
      Char(c == '\t' ? ' ' : c);
    }
    ++i;
  }
  FlushBytes();
  EndParagraph();
  if (in_table_) EndRow();
  EndTable();
  return Status();
}

}  // namespace

Result<Document> LoadRtf(std::string path, std::string bytes) {
  RtfReader reader(path);
  Status status = reader.Read(bytes);
  if (!status.ok()) return status;
  if (reader.text.find_first_not_of(" \t\n") == std::string::npos) {
    return Status::InvalidInput(fmt::format("{}: the RTF document has no text", path));
  }
  DocumentBuilder builder(std::move(path), DocumentFormat::kRtf);
  builder.HashFileBytes(bytes);
  builder.SetOffsetsAreFileBytes(false);
  builder.SetText(std::move(reader.text));
  if (reader.controls > 0) builder.AddNote(ControlsNote(reader.controls));
  for (const RawTable& table : reader.tables) builder.AddTable(table);
  builder.ParseLines();
  return builder.Finish();
}

}  // namespace claimtrace
