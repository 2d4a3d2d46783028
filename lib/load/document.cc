// Document's accessors: offset mapping, line/column lookup, block lookup.
#include "claimtrace/document.h"

#include <algorithm>
#include <bit>

namespace claimtrace {

std::string_view FormatName(DocumentFormat format) {
  switch (format) {
    case DocumentFormat::kAuto:
      return "auto";
    case DocumentFormat::kText:
      return "text";
    case DocumentFormat::kMarkdown:
      return "markdown";
    case DocumentFormat::kPdf:
      return "pdf";
    case DocumentFormat::kHtml:
      return "html";
    case DocumentFormat::kDocx:
      return "docx";
    case DocumentFormat::kRtf:
      return "rtf";
  }
  return "text";
}

bool ParseFormatName(std::string_view name, DocumentFormat* format) {
  for (DocumentFormat f :
       {DocumentFormat::kAuto, DocumentFormat::kText, DocumentFormat::kMarkdown,
        DocumentFormat::kPdf, DocumentFormat::kHtml, DocumentFormat::kDocx,
        DocumentFormat::kRtf}) {
    if (FormatName(f) == name) {
      *format = f;
      return true;
    }
  }
  if (name == "txt" || name == "md") {
    *format = name == "md" ? DocumentFormat::kMarkdown : DocumentFormat::kText;
    return true;
  }
  return false;
}

size_t Document::FileOffset(size_t text_offset) const {
  if (file_anchors_.empty()) return text_offset;
  auto it = std::upper_bound(
      file_anchors_.begin(), file_anchors_.end(), text_offset,
      [](size_t t, const std::pair<size_t, size_t>& a) { return t < a.first; });
  if (it == file_anchors_.begin()) return text_offset;
  --it;
  return it->second + (text_offset - it->first);
}

void Document::FileLines::Set(std::string_view bytes) {
  size = bytes.size();
  line_starts.assign(1, 0);
  code_points.clear();
  wide_words.clear();
  continuations.clear();
  size_t count = 0;
  for (size_t i = 0; i < size; ++i) {
    if (i % kCodePointStride == 0) code_points.push_back(count);
    if ((static_cast<unsigned char>(bytes[i]) & 0xC0) == 0x80) {
      if (wide_words.empty() || wide_words.back() != i / 64) {
        wide_words.push_back(static_cast<uint32_t>(i / 64));
        continuations.push_back(0);
      }
      continuations.back() |= uint64_t{1} << (i % 64);
    } else {
      ++count;
    }
    if (bytes[i] == '\n') line_starts.push_back(i + 1);
  }
  line_starts.shrink_to_fit();
  wide_words.shrink_to_fit();
  continuations.shrink_to_fit();
}

LineColumn Document::FileLines::Locate(size_t offset) const {
  offset = std::min(offset, size);
  // Code points before `at`: the checkpoint's count, plus the bytes after
  // it, less those that continue a character.
  auto before = [&](size_t at) {
    size_t k = std::min(at / kCodePointStride, code_points.size() - 1);
    size_t from = k * kCodePointStride;
    size_t count = code_points[k] + (at - from);
    auto w = std::lower_bound(wide_words.begin(), wide_words.end(), from / 64);
    for (; w != wide_words.end() && size_t{*w} * 64 < at; ++w) {
      uint64_t bits = continuations[w - wide_words.begin()];
      size_t base = size_t{*w} * 64;
      if (at - base < 64) bits &= (uint64_t{1} << (at - base)) - 1;
      count -= std::popcount(bits);
    }
    return count;
  };
  auto it = std::upper_bound(line_starts.begin(), line_starts.end(), offset);
  size_t line = static_cast<size_t>(it - line_starts.begin()) - 1;
  size_t column = before(offset) - before(line_starts[line]) + 1;
  return {static_cast<int>(line) + 1, static_cast<int>(column)};
}

LineColumn Document::Locate(size_t text_offset) const {
  text_offset = std::min(text_offset, text_.size());
  if (file_.size > 0 && offsets_are_file_bytes_) {
    return file_.Locate(FileOffset(text_offset));
  }
  // Code points in [0, offset), from the nearest checkpoint at or before it.
  auto code_points_before = [&](size_t offset) {
    size_t k = offset / kCodePointStride, count = 0, i = 0;
    if (k < code_points_.size()) {
      count = code_points_[k];
      i = k * kCodePointStride;
    } else if (!code_points_.empty()) {
      count = code_points_.back();
      i = (code_points_.size() - 1) * kCodePointStride;
    }
    for (; i < offset; ++i)
      count += (static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80;
    return count;
  };
  if (!page_lines_.empty()) {
    auto it = std::upper_bound(page_lines_.begin(), page_lines_.end(), text_offset,
                               [](size_t t, const PageLine& l) { return t < l.offset; });
    if (it != page_lines_.begin()) {
      --it;
      uint32_t index = static_cast<uint32_t>(it - page_lines_.begin());
      auto run = std::upper_bound(
          page_runs_.begin(), page_runs_.end(), index,
          [](uint32_t i, const std::pair<uint32_t, int>& r) { return i < r.first; });
      size_t column =
          code_points_before(text_offset) - code_points_before(it->offset) + 1;
      return {it->line, static_cast<int>(column), std::prev(run)->second};
    }
  }
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), text_offset);
  size_t line_index = it == line_starts_.begin() ? 0 : (it - line_starts_.begin()) - 1;
  size_t start = line_starts_.empty() ? 0 : line_starts_[line_index];
  size_t column = code_points_before(text_offset) - code_points_before(start) + 1;
  return {static_cast<int>(line_index) + 1, static_cast<int>(column)};
}

Range Document::Around(int block, Range span, size_t radius) const {
  Range b = blocks_[block].range;
  size_t begin = span.begin > b.begin + radius ? span.begin - radius : b.begin;
  size_t end = span.end + radius < b.end ? span.end + radius : b.end;
  if (begin > b.begin) {
    while (begin < span.begin && text_[begin] != ' ' && text_[begin] != '\n') ++begin;
  }
  if (end < b.end) {
    while (end > span.end && text_[end - 1] != ' ' && text_[end - 1] != '\n') --end;
  }
  return {begin, end};
}

int Document::BlockAt(size_t text_offset) const {
  auto it = std::upper_bound(blocks_.begin(), blocks_.end(), text_offset,
                             [](size_t t, const Block& b) { return t < b.range.begin; });
  if (it == blocks_.begin()) return -1;
  --it;
  return it->range.Contains(text_offset) ? static_cast<int>(it - blocks_.begin()) : -1;
}

const TableCell* Document::CellAt(size_t text_offset) const {
  auto it =
      std::upper_bound(cells_.begin(), cells_.end(), text_offset,
                       [](size_t t, const TableCell& c) { return t < c.range.begin; });
  while (it != cells_.begin()) {
    --it;
    if (it->range.Contains(text_offset)) return &*it;
    if (!it->range.empty()) break;  // empty cells sit at a position, skip them
  }
  return nullptr;
}

namespace {

// Returns `s` on one line: runs of white space become one space.
std::string OneLine(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

}  // namespace

std::string Document::CellLocation(const TableCell& cell) const {
  std::string out = "Table";
  if (cell.table >= 0 && cell.table < static_cast<int>(tables_.size()))
    out += " " + tables_[cell.table].label;
  if (cell.names_row) return out + ", \"" + OneLine(Slice(cell.range)) + "\"";
  if (!cell.row_header.empty()) out += ", \"" + OneLine(Slice(cell.row_header)) + "\"";
  if (!cell.column_header.empty()) out += ", " + OneLine(Slice(cell.column_header));
  return out;
}

std::string_view Document::TableCaption(const TableCell& cell) const {
  if (cell.table < 0 || cell.table >= static_cast<int>(tables_.size())) return {};
  return Slice(tables_[cell.table].caption);
}

std::string_view Document::SectionTitle(int block) const {
  if (block < 0 || block >= static_cast<int>(blocks_.size())) return {};
  int s = blocks_[block].section;
  if (s < 0) return {};
  return Slice(blocks_[s].range);
}

}  // namespace claimtrace
