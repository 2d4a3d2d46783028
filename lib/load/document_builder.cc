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
  size_t end = 0;    // one past the last byte before "\n", "\r\n", "\r" or "\f"
  int page = 1;
  LineKind kind = LineKind::kPlain;
  size_t content = 0;  // where the content starts after marks and label
  int level = 0;
  Range label;  // "29" of "29. Social..."
};

// Patterns for a line's leading marks. Anchored at the line start.
struct LinePatterns {
  RE2 heading{R"(^(#{1,6})[ \t]+)"};
  RE2 bullet{R"(^[ \t]*(?:[-*+•·▪◦‣]|–)[ \t]+)"};
  RE2 label{R"(^[ \t]*\(?(\d{1,3}|[a-z])[.)][ \t]+)"};
  RE2 table_rule{
      R"(^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$)"};
  // A grid table's rule line: `+----+----+`, `+====+` under the head.
  RE2 grid_rule{R"(^[ \t]*\+(?:[-=:]+\+)+[ \t]*$)"};
  // A space-aligned table's rule line: `-------  -----` under the head.
  RE2 space_rule{R"(^ *[-=]{3,}(?: +[-=]{3,})* *$)"};
  // A table figure: "4,812", "-15%", "£4.2", "(3.1)", "9.8bn".
  RE2 figure{R"(^[-+−–(]?[£$€]?\d[\d,.]*%?\)?[a-z]{0,2}$)"};
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
  std::string hashes;
  re2::StringPiece label;
  if (RE2::Consume(&rest, p.heading, &hashes)) {
    line->kind = LineKind::kHeading;
    line->level = static_cast<int>(hashes.size());
  } else if (s.find('\t') != std::string_view::npos || s.front() == '|' ||
             RE2::FullMatch(s, p.grid_rule)) {
    line->kind = LineKind::kTableRow;
  } else if (RE2::Consume(&rest, p.bullet)) {
    line->kind = LineKind::kListItem;
  } else if (RE2::Consume(&rest, p.label, &label)) {
    line->kind = LineKind::kLabelled;
    size_t at = line->begin + static_cast<size_t>(label.data() - s.data());
    line->label = {at, at + label.size()};
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

// Where a block over kMaxBlockBytes is cut (see there): the offset of the
// space or character its first piece ends before.
size_t CutPoint(std::string_view text, Range r) {
  const size_t limit = r.begin + kMaxBlockBytes, half = r.begin + kMaxBlockBytes / 2;
  size_t space = 0;
  for (size_t i = limit; i > half; --i) {
    if (text[i] != ' ' && text[i] != '\t' && text[i] != '\n') continue;
    // The sentence end and its closing marks, in the few bytes before.
    if (EndsSentence(text.substr(i - 8, 8))) return i;
    if (space == 0) space = i;
  }
  if (space != 0) return space;
  size_t i = limit;
  while ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) --i;
  return i;
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

std::string_view LineText(std::string_view text, const Line& line) {
  return text.substr(line.begin, line.end - line.begin);
}

bool IsRule(std::string_view s) {
  return RE2::FullMatch(s, Patterns().table_rule) ||
         RE2::FullMatch(s, Patterns().grid_rule) ||
         RE2::FullMatch(s, Patterns().space_rule);
}

// Marks as table rows the lines of a pipe table written without outer pipes
// (`a | b` over `--- | ---`): the head line and the rule make it one.
void MarkBarePipeTables(std::string_view text, std::vector<Line>* lines) {
  for (size_t i = 0; i + 1 < lines->size(); ++i) {
    Line& head = (*lines)[i];
    if (head.kind != LineKind::kPlain ||
        LineText(text, head).find('|') == std::string_view::npos ||
        !RE2::FullMatch(LineText(text, (*lines)[i + 1]), Patterns().table_rule)) {
      continue;
    }
    for (size_t k = i; k < lines->size(); ++k) {
      Line& line = (*lines)[k];
      if (line.kind == LineKind::kBlank ||
          LineText(text, line).find('|') == std::string_view::npos)
        break;
      line.kind = LineKind::kTableRow;
      line.content = line.begin;
      line.label = {};
    }
  }
}

// A space-aligned table (columns apart by two or more spaces, as tables are
// typed or exported in plain text): its cells are the line's stretches of
// text between such gaps, placed by code-point column.
struct Stretch {
  size_t begin, end;   // bytes in the text
  size_t left, right;  // code-point columns in the line, [left, right)
};

// Cuts a line at runs of two or more spaces. A line with a tab or a pipe is
// another kind of table, and gives nothing.
std::vector<Stretch> Stretches(std::string_view text, size_t begin, size_t end) {
  std::vector<Stretch> out;
  size_t column = 0, spaces = 0;
  for (size_t i = begin; i < end; ++i) {
    char c = text[i];
    if (c == '\t' || c == '|') return {};
    if ((static_cast<unsigned char>(c) & 0xC0) == 0x80) continue;
    if (c == ' ') {
      ++spaces;
    } else {
      if (out.empty() || spaces >= 2) {
        out.push_back({i, i, column, column});
      }
      spaces = 0;
    }
    ++column;
    if (c != ' ') {
      size_t n = 1;
      while (i + n < end && (static_cast<unsigned char>(text[i + n]) & 0xC0) == 0x80) ++n;
      out.back().end = i + n;
      out.back().right = column;
    }
  }
  return out;
}

// Reads lines [first, last] as a space-aligned table. The head is the rows
// above a dash rule, else the leading rows without a figure (at least the
// first). Columns are where the body's cells after the first overlap down
// the lines; the row labels stand left of them. A label that runs into the
// next column by a single space ("Aged 65 and over 1,912") is cut at the
// space nearest that column. A head cell over several columns spans them.
// False when the lines are not a table: fewer than two body rows with a
// figure, a body cell as long as a phrase, or a single column.
bool SpaceTable(std::string_view text, const std::vector<Line>& lines, size_t first,
                size_t last, RawTable* table) {
  constexpr size_t kMaxBodyCell = 20;  // code points: a figure or a short word
  struct Row {
    size_t line;
    std::vector<Stretch> cells;
  };
  std::vector<Row> rows;
  size_t ruled = 0;  // rows above the first rule line
  for (size_t i = first; i <= last; ++i) {
    std::string_view s = LineText(text, lines[i]);
    if (RE2::FullMatch(s, Patterns().space_rule)) {
      if (ruled == 0) ruled = rows.size();
      continue;
    }
    rows.push_back({i, Stretches(text, lines[i].begin, lines[i].end)});
    if (rows.back().cells.empty()) return false;
  }
  // A figure after the row's label; a year heads a column, it is not one.
  static const RE2 kYear(R"(^(?:19|20)\d\d$)");
  auto has_figure = [&](const Row& row) {
    for (size_t k = 1; k < row.cells.size(); ++k) {
      std::string_view cell =
          text.substr(row.cells[k].begin, row.cells[k].end - row.cells[k].begin);
      if (RE2::FullMatch(cell, Patterns().figure) && !RE2::FullMatch(cell, kYear))
        return true;
    }
    return false;
  };
  size_t head = ruled;
  if (head == 0) {
    while (head < rows.size() && !has_figure(rows[head])) ++head;
    head = std::max<size_t>(head, 1);
  }
  int figured = 0;
  for (size_t r = head; r < rows.size(); ++r) {
    figured += has_figure(rows[r]);
    if (rows[r].cells.size() < 2) return false;
    for (size_t k = 1; k < rows[r].cells.size(); ++k)
      if (rows[r].cells[k].right - rows[r].cells[k].left > kMaxBodyCell) return false;
  }
  if (figured < 2) return false;

  // Data columns: the body's cells after the first, merged where they overlap.
  std::vector<std::pair<size_t, size_t>> extents, columns;
  for (size_t r = head; r < rows.size(); ++r)
    for (size_t k = 1; k < rows[r].cells.size(); ++k)
      extents.emplace_back(rows[r].cells[k].left, rows[r].cells[k].right);
  std::sort(extents.begin(), extents.end());
  for (const auto& e : extents) {
    if (!columns.empty() && e.first < columns.back().second) {
      columns.back().second = std::max(columns.back().second, e.second);
    } else {
      columns.push_back(e);
    }
  }
  // The row labels' column, left of the data.
  size_t label_left = columns.front().first;
  for (size_t r = head; r < rows.size(); ++r)
    label_left = std::min(label_left, rows[r].cells.front().left);
  if (label_left < columns.front().first)
    columns.insert(columns.begin(), {label_left, label_left});
  if (columns.size() < 2) return false;

  // A body row's label overrunning the first data column by one space.
  const size_t first_data = columns.front().first == columns.front().second ? 1 : 0;
  for (size_t r = head; r < rows.size() && first_data == 1; ++r) {
    Stretch& label = rows[r].cells.front();
    const auto& next = columns[1];
    if (label.left >= next.first || label.right <= next.first) continue;
    size_t best = std::string::npos, best_column = 0, column = label.left;
    for (size_t i = label.begin; i < label.end; ++i) {
      if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
      if (text[i] == ' ' && column < next.second &&
          (best == std::string::npos ||
           (column > next.first ? column - next.first : next.first - column) <
               (best_column > next.first ? best_column - next.first
                                         : next.first - best_column))) {
        best = i, best_column = column;
      }
      ++column;
    }
    if (best == std::string::npos) continue;
    Stretch tail{best + 1, label.end, best_column + 1, label.right};
    label.end = best, label.right = best_column;
    rows[r].cells.insert(rows[r].cells.begin() + 1, tail);
  }

  for (size_t r = 0; r < rows.size(); ++r) {
    const Line& line = lines[rows[r].line];
    std::vector<Range> texts(columns.size(), Range{line.end, line.end});
    std::vector<int> spans(columns.size(), 1);
    for (const Stretch& cell : rows[r].cells) {
      // A label starts at the labels' column or ends before the data; any
      // other cell is in the first column it overlaps (or the next after a
      // gap: heads are often set a little apart from their figures), and a
      // head covers every column it overlaps.
      size_t k = first_data;
      if (first_data == 1 &&
          (cell.left <= label_left || cell.right <= columns[1].first)) {
        k = 0;
      } else {
        while (k + 1 < columns.size() && columns[k].second <= cell.left) ++k;
      }
      size_t end = k + 1;
      while (k > 0 && end < columns.size() && columns[end].first < cell.right) ++end;
      if (texts[k].begin == line.end) {
        texts[k] = {cell.begin, cell.end};
      } else {
        texts[k].end = cell.end;  // two stretches in one column: one cell
      }
      if (r < head) spans[k] = std::max(spans[k], static_cast<int>(end - k));
    }
    std::vector<RawCell> raw;
    for (size_t k = 0; k < columns.size();) {
      RawCell cell;
      cell.range = texts[k];
      cell.header = r < head;
      cell.column_span = spans[k];
      raw.push_back(cell);
      k += static_cast<size_t>(spans[k]);
    }
    table->rows.push_back(std::move(raw));
  }
  return true;
}

// Marks as table rows the lines of space-aligned tables in plain text and
// Markdown: runs of lines cut by wide gaps (a lone indented line may head
// them; dash rules may sit under the head) that SpaceTable() reads.
void MarkSpaceTables(std::string_view text, std::vector<Line>* lines) {
  auto candidate = [&](const Line& line) {
    if (line.kind != LineKind::kPlain && line.kind != LineKind::kLabelled) return false;
    std::string_view s = LineText(text, line);
    if (RE2::FullMatch(s, Patterns().space_rule)) return true;
    std::vector<Stretch> cells = Stretches(text, line.begin, line.end);
    return cells.size() >= 2 || (cells.size() == 1 && cells[0].left >= 2);
  };
  for (size_t i = 0; i < lines->size();) {
    if (!candidate((*lines)[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j + 1 < lines->size() && candidate((*lines)[j + 1])) ++j;
    RawTable table;
    if (j > i && SpaceTable(text, *lines, i, j, &table)) {
      for (size_t k = i; k <= j; ++k) {
        Line& line = (*lines)[k];
        line.kind = LineKind::kTableRow;
        line.content = line.begin;
        line.label = {};
      }
    }
    i = j + 1;
  }
}

// Splits [begin, end) at `sep` (not after a backslash) into trimmed cells.
// With `outer`, a leading and a trailing separator are borders, not cells.
std::vector<RawCell> SplitCells(std::string_view text, size_t begin, size_t end, char sep,
                                bool outer) {
  Range r = TrimRange(text, begin, end);
  if (outer && !r.empty() && text[r.begin] == sep) ++r.begin;
  if (outer && r.end > r.begin && text[r.end - 1] == sep &&
      (r.end - r.begin < 2 || text[r.end - 2] != '\\'))
    --r.end;
  std::vector<RawCell> cells;
  size_t start = r.begin;
  for (size_t i = r.begin; i <= r.end; ++i) {
    if (i == r.end || (text[i] == sep && (i == r.begin || text[i - 1] != '\\'))) {
      RawCell cell;
      cell.range = TrimRange(text, start, i);
      cells.push_back(cell);
      start = i + 1;
    }
  }
  return cells;
}

// Returns the code-point column of each byte `c` in `s`.
std::vector<size_t> CharColumns(std::string_view s, char c) {
  std::vector<size_t> out;
  size_t column = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
    if (s[i] == c) out.push_back(column);
    ++column;
  }
  return out;
}

// A grid table's rows: the lines between rule lines, cut at the `|` that
// stand under a rule's `+` (a missing one makes a cell span columns). A cell
// written over several lines keeps the range of its first non-blank line.
RawTable GridTable(std::string_view text, const std::vector<Line>& lines, size_t first,
                   size_t last) {
  RawTable table;
  std::vector<size_t> bounds;  // the last rule's `+` columns
  bool open_row = false;
  size_t head_rows = 0;
  for (size_t i = first; i <= last; ++i) {
    std::string_view s = LineText(text, lines[i]);
    if (RE2::FullMatch(s, Patterns().grid_rule)) {
      bounds = CharColumns(s, '+');
      if (s.find('=') != std::string_view::npos) head_rows = table.rows.size();
      open_row = false;
      continue;
    }
    std::vector<size_t> bars = CharColumns(s, '|');
    // Byte offset of each bar, in the same order as `bars`.
    std::vector<size_t> bar_bytes;
    for (size_t b = 0; b < s.size(); ++b)
      if (s[b] == '|') bar_bytes.push_back(lines[i].begin + b);
    std::vector<RawCell> cells;
    size_t prev = std::string::npos;
    for (size_t k = 0; k < bars.size(); ++k) {
      auto at = std::lower_bound(bounds.begin(), bounds.end(), bars[k]);
      if (at == bounds.end() || *at != bars[k]) continue;  // a `|` in a cell's text
      if (prev != std::string::npos) {
        RawCell cell;
        cell.range = TrimRange(text, bar_bytes[prev] + 1, bar_bytes[k]);
        auto from = std::lower_bound(bounds.begin(), bounds.end(), bars[prev]);
        cell.column_span = std::max(1, static_cast<int>(at - from));
        cells.push_back(cell);
      }
      prev = k;
    }
    if (cells.empty()) continue;
    if (!open_row) {
      table.rows.push_back(std::move(cells));
      open_row = true;
    } else if (cells.size() == table.rows.back().size()) {
      for (size_t k = 0; k < cells.size(); ++k) {
        if (table.rows.back()[k].range.empty())
          table.rows.back()[k].range = cells[k].range;
      }
    }
  }
  for (size_t r = 0; r < head_rows; ++r)
    for (RawCell& cell : table.rows[r]) cell.header = true;
  return table;
}

// Finds the tables in a run of table-row lines [first, last]: a grid table,
// a pipe table (the rows above its rule are its head) or, in text, lines of
// tab-separated cells.
bool RunTable(std::string_view text, const std::vector<Line>& lines, size_t first,
              size_t last, RawTable* table) {
  bool grid = false, pipe_rule = false;
  for (size_t i = first; i <= last; ++i) {
    std::string_view s = LineText(text, lines[i]);
    grid |= RE2::FullMatch(s, Patterns().grid_rule);
    pipe_rule |= RE2::FullMatch(s, Patterns().table_rule);
  }
  if (grid) {
    *table = GridTable(text, lines, first, last);
    return table->rows.size() >= 1;
  }
  bool tabs_or_pipes = false;
  for (size_t i = first; i <= last; ++i) {
    std::string_view s = LineText(text, lines[i]);
    tabs_or_pipes |= s.find_first_of("\t|") != std::string_view::npos;
  }
  if (!tabs_or_pipes) return SpaceTable(text, lines, first, last, table);
  bool head = pipe_rule;
  for (size_t i = first; i <= last; ++i) {
    std::string_view s = LineText(text, lines[i]);
    if (RE2::FullMatch(s, Patterns().table_rule)) {
      head = false;
      continue;
    }
    bool tabs = s.find('\t') != std::string_view::npos &&
                TrimRange(text, lines[i].begin, lines[i].end).begin == lines[i].begin;
    bool pipes = pipe_rule || s.find('|') != std::string_view::npos;
    std::vector<RawCell> cells =
        pipes ? SplitCells(text, lines[i].begin, lines[i].end, '|', true)
              : SplitCells(text, lines[i].begin, lines[i].end, '\t', false);
    if (!pipes && !tabs) return false;
    for (RawCell& cell : cells) cell.header = head;
    table->rows.push_back(std::move(cells));
  }
  // A lone line of cells is a line with a tab in it, not a table.
  return table->rows.size() >= 2 || pipe_rule;
}

}  // namespace

DocumentBuilder::DocumentBuilder(std::string path, DocumentFormat format) {
  doc_.path_ = std::move(path);
  doc_.format_ = format;
}

void DocumentBuilder::AddPageLine(size_t text_offset, int page, int line) {
  std::vector<Document::PageLine>& lines = doc_.page_lines_;
  if ((!lines.empty() && text_offset < lines.back().offset) || text_offset > UINT32_MAX)
    throw std::logic_error("a PDF line out of order or past 4 GiB of text");
  if (doc_.page_runs_.empty() || doc_.page_runs_.back().second != page)
    doc_.page_runs_.emplace_back(static_cast<uint32_t>(lines.size()), page);
  lines.push_back({static_cast<uint32_t>(text_offset), line});
}

void AppendAnchor(std::vector<std::pair<size_t, size_t>>* anchors, size_t text_at,
                  size_t file_at) {
  if (!anchors->empty()) {
    const auto [last_text, last_file] = anchors->back();
    if (text_at >= last_text && file_at == last_file + (text_at - last_text)) return;
  }
  anchors->emplace_back(text_at, file_at);
}

void DocumentBuilder::AddFileAnchor(size_t text_offset, size_t file_offset) {
  std::vector<std::pair<size_t, size_t>>& anchors = doc_.file_anchors_;
  if (!anchors.empty() && text_offset < anchors.back().first)
    throw std::logic_error("a file anchor out of order");
  AppendAnchor(&anchors, text_offset, file_offset);
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

void DocumentBuilder::AddTable(const RawTable& table) {
  Table t;
  t.caption = table.caption;
  size_t first = doc_.cells_.size();
  ResolveTable(table, static_cast<int>(doc_.tables_.size()), &doc_.cells_, &t.rows,
               &t.columns);
  Range span{std::string::npos, 0};
  for (size_t i = first; i < doc_.cells_.size(); ++i) {
    if (doc_.cells_[i].range.empty()) continue;
    span.begin = std::min(span.begin, doc_.cells_[i].range.begin);
    span.end = std::max(span.end, doc_.cells_[i].range.end);
  }
  if (span.begin == std::string::npos) span = {0, 0};
  table_spans_.push_back(span);
  doc_.tables_.push_back(std::move(t));
}

void DocumentBuilder::ParseLines() {
  const std::string_view text = doc_.text_;
  int page = 1;
  size_t start = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;  // BOM
  // Every list here is laid out at its final size: grown by doubling, the
  // line table of a 10 MB report left some 3 MB of freed room behind.
  size_t line_count = 1;
  for (size_t i = start; i < text.size(); ++i) {
    line_count += text[i] == '\n' || text[i] == '\f' ||
                  (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'));
  }
  std::vector<Line> lines;
  lines.reserve(line_count);
  for (size_t i = start; i <= text.size(); ++i) {
    // A lone CR ends a line too (old Mac files, some exports): CR-only files
    // must give the same blocks as LF ones.
    bool lone_cr = i < text.size() && text[i] == '\r' &&
                   (i + 1 == text.size() || text[i + 1] != '\n');
    if (i == text.size() || text[i] == '\n' || text[i] == '\f' || lone_cr) {
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
  MarkBarePipeTables(text, &lines);
  if (doc_.format_ == DocumentFormat::kText || doc_.format_ == DocumentFormat::kMarkdown)
    MarkSpaceTables(text, &lines);

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
  groups.reserve(lines.size());
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
  merged.reserve(groups.size());
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

  doc_.blocks_.reserve(doc_.blocks_.size() + merged.size());
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
        if (IsRule(LineText(text, first))) continue;  // |---| or +---+
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
    while (block.range.size() > kMaxBlockBytes) {
      Block piece = block;
      size_t cut = CutPoint(text, block.range);
      piece.range = TrimRange(text, block.range.begin, cut);
      doc_.blocks_.push_back(std::move(piece));
      block.range = TrimRange(text, cut, block.range.end);
      block.label = {};
    }
    doc_.blocks_.push_back(std::move(block));
  }

  // Runs of table-row lines outside the tables the loader added.
  for (size_t i = 0; i < lines.size();) {
    if (lines[i].kind != LineKind::kTableRow) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j + 1 < lines.size() && lines[j + 1].kind == LineKind::kTableRow) ++j;
    bool added = false;
    for (const Range& span : table_spans_)
      added |= span.begin < lines[j].end && lines[i].begin < span.end;
    RawTable table;
    if (!added && RunTable(text, lines, i, j, &table)) AddTable(table);
    i = j + 1;
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

void DocumentBuilder::NameTables() {
  Document& d = doc_;
  static const RE2 kNumbered(R"(^Table\s+(\d+(?:\.\d+)*[A-Za-z]?)\b)");
  for (size_t t = 0; t < d.tables_.size(); ++t) {
    Table& table = d.tables_[t];
    int row = d.BlockAt(table_spans_[t].begin);
    if (table.caption.empty() && row >= 0) {
      // The paragraph just above ("Table 2: Turnover rate"), else the heading.
      int above = row - 1;
      if (above >= 0 && RE2::PartialMatch(d.Slice(d.blocks_[above].range), kNumbered)) {
        table.caption = d.blocks_[above].range;
      } else if (d.blocks_[row].section >= 0) {
        table.caption = d.blocks_[d.blocks_[row].section].range;
      }
    }
    std::string number;
    if (RE2::PartialMatch(d.Slice(table.caption), kNumbered, &number)) {
      table.label = number;
    } else {
      table.label = std::to_string(t + 1);
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
  d.file_anchors_.shrink_to_fit();

  // The line tables at their final size (counted first), and the blocks
  // and a PDF's page lines without the room they grew into: a document is
  // held for the whole check.
  d.blocks_.shrink_to_fit();
  d.page_lines_.shrink_to_fit();
  d.page_runs_.shrink_to_fit();
  d.code_points_.clear();
  d.code_points_.reserve(d.text_.size() / Document::kCodePointStride + 1);
  size_t code_points = 0;
  for (size_t i = 0; i < d.text_.size(); ++i) {
    if (i % Document::kCodePointStride == 0) d.code_points_.push_back(code_points);
    code_points += (static_cast<unsigned char>(d.text_[i]) & 0xC0) != 0x80;
  }
  auto line_end = [&](size_t i) {
    return d.text_[i] == '\n' ||
           (d.text_[i] == '\r' && (i + 1 == d.text_.size() || d.text_[i + 1] != '\n'));
  };
  size_t lines = 1;
  for (size_t i = 0; i < d.text_.size(); ++i) lines += line_end(i);
  d.line_starts_.clear();
  d.line_starts_.reserve(lines);
  d.line_starts_.push_back(0);
  for (size_t i = 0; i < d.text_.size(); ++i) {
    if (line_end(i)) d.line_starts_.push_back(i + 1);
  }
  int section = -1;
  for (size_t i = 0; i < d.blocks_.size(); ++i) {
    Block& b = d.blocks_[i];
    if (b.line == 0) {
      LineColumn at = d.Locate(b.range.begin);
      b.line = at.line;
      if (at.page > 0) b.page = at.page;
    }
    if (b.kind == BlockKind::kHeading) {
      b.section = section;
      section = static_cast<int>(i);
    } else {
      b.section = section;
    }
  }
  std::stable_sort(d.cells_.begin(), d.cells_.end(),
                   [](const TableCell& a, const TableCell& b) {
                     return a.range.begin < b.range.begin;
                   });
  NameTables();
  return std::move(doc_);
}

}  // namespace claimtrace
