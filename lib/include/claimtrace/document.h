// Document: a loaded file and its structure (headings, paragraphs, list
// items, table rows, and the cells of each table).
//
// Every loader (text, Markdown, PDF, HTML, DOCX, RTF) produces the same model: a
// UTF-8 `text()` and a list of blocks over it. All positions are half-open
// byte ranges into `text()`. For text and Markdown, `text()` is the file as
// read from disk, so positions are file offsets. For HTML, `FileOffset()` maps
// a text position back to the byte in the HTML file it came from. For PDF and
// DOCX (and RTF) there is no meaningful file byte, and positions refer to the extracted
// text (`offsets_are_file_bytes()` is false).
//
// `text()` is always well-formed UTF-8 without control characters (but tab,
// newline, CR and form feed): ill-formed bytes become U+FFFD and controls a
// visible symbol (ESC shows as U+241B), and `FileOffset()` still maps to the
// file's bytes. A file in another encoding (a UTF-16 byte-order mark, an HTML
// page declaring windows-1252) is decoded to UTF-8 and its positions refer to
// the decoded text (`offsets_are_file_bytes()` is false). Each such repair or
// decoding is said in `notes()`.
//
// Invariants: blocks are sorted by `range.begin` and do not overlap; every
// block's range lies inside `text()`; `markup()` ranges are sorted, disjoint
// and lie inside blocks. A table row is a kTableRow block; its cells are
// `cells()`, sorted by `range.begin`, disjoint, each non-empty one inside its
// row's block.
//
// Thread safety: a Document is immutable once loaded and may be read from any
// number of threads.
#ifndef CLAIMTRACE_DOCUMENT_H_
#define CLAIMTRACE_DOCUMENT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "claimtrace/status.h"

namespace claimtrace {

// A half-open byte range [begin, end).
struct Range {
  size_t begin = 0;
  size_t end = 0;

  size_t size() const { return end - begin; }
  bool empty() const { return begin >= end; }
  bool Contains(size_t offset) const { return offset >= begin && offset < end; }
  friend bool operator==(const Range&, const Range&) = default;
};

enum class BlockKind { kHeading, kParagraph, kListItem, kTableRow };

// The longest block a document has, in bytes of text. A longer run of text
// (a page of one line, a scraped text node of megabytes) is cut into blocks:
// after a sentence end in the last half of the first kMaxBlockBytes, else at
// a space there, else between two characters. Every later step works a
// block at a time, so this bounds what any of them holds at once; real
// paragraphs are a hundredth of it.
inline constexpr size_t kMaxBlockBytes = 65535;

// Laid out small (56 bytes on a 64-bit machine): a report has a block for
// every few hundred bytes, and its blocks are held for the whole check.
struct Block {
  BlockKind kind = BlockKind::kParagraph;
  // The block's content in text(): without the line's leading Markdown marks
  // (`#`, `-`, `*`, `1.`), without its label, and without surrounding spaces.
  Range range;
  // 1-based line on which the block starts: of text(), or for PDF the line
  // on its page as a PDF viewer counts it (running header lines included).
  int line = 0;
  int page = 0;      // 1-based page for paged formats (PDF); 0 otherwise.
  int level = 0;     // Heading level, 1 = top; 0 for other blocks.
  int section = -1;  // Index in blocks() of the heading it sits under.
  // The block's own label in text(): "29" for "29. Social..."; empty if none.
  Range label;
};

// A table of the document: its number and what it is called.
struct Table {
  // What the table is called in locations: "1" for the document's first
  // table, or the caption's own number ("Table 3.2: ..." gives "3.2").
  std::string label;
  // The caption (`<caption>`, a "Table N" line just before it), or else the
  // nearest heading before the table; empty when there is neither.
  Range caption;
  int rows = 0;     // Rows of the grid, header rows included.
  int columns = 0;  // Columns of the grid, after column spans.
};

// One cell of a table. A cell spanning rows or columns is listed once, at
// its top-left grid position. Header cells are cells too (`header` true).
struct TableCell {
  Range range;     // The cell's text in text(); may be empty (blank cell).
  int table = 0;   // Index in tables().
  int row = 0;     // 0-based grid row (header rows included).
  int column = 0;  // 0-based grid column.
  bool header = false;
  bool names_row = false;  // a row header itself (`header` is true too)
  // The text of the header cell naming this cell's row (`<th scope=row>`,
  // else the first column) and column (the nearest header row above it:
  // `<th>`, a Markdown table's head, else the first row); empty when none.
  // Under a head of several rows ("Year ending" over "March 2024") this is
  // the lowest; CellAt(column_header.begin) gives that head cell, whose own
  // column_header is the row above.
  Range row_header;
  Range column_header;
};

enum class DocumentFormat { kAuto, kText, kMarkdown, kPdf, kHtml, kDocx, kRtf };

// Returns "text", "markdown", "pdf", "html", "docx", "rtf" (or "auto").
std::string_view FormatName(DocumentFormat format);
// Parses a name as FormatName() prints it. Returns false if unknown.
bool ParseFormatName(std::string_view name, DocumentFormat* format);

struct LineColumn {
  int line = 0;    // 1-based; for PDF, the line on its page.
  int column = 0;  // 1-based, counted in Unicode code points.
  int page = 0;    // 1-based page for PDF; 0 otherwise.
};

class Document {
 public:
  Document() = default;

  const std::string& path() const { return path_; }
  DocumentFormat format() const { return format_; }
  // The UTF-8 text the structure is built over.
  const std::string& text() const { return text_; }
  const std::vector<Block>& blocks() const { return blocks_; }
  // Ranges of text() that are markup, not words (`**`, `<b>`, a link's URL).
  // The tokenizer treats them as spaces.
  const std::vector<Range>& markup() const { return markup_; }
  // The SHA-256 of the file as read from disk, in lower-case hex.
  const std::string& sha256() const { return sha256_; }
  // Loader remarks worth showing a user ("tracked changes accepted").
  const std::vector<std::string>& notes() const { return notes_; }
  // The document's tables in reading order, and all their cells sorted by
  // position in text().
  const std::vector<Table>& tables() const { return tables_; }
  const std::vector<TableCell>& cells() const { return cells_; }

  // True when text() positions are byte offsets in the file on disk (after
  // FileOffset()); false for formats whose text is extracted (PDF, DOCX).
  bool offsets_are_file_bytes() const { return offsets_are_file_bytes_; }
  // Maps a position in text() to the file byte it came from. Identity for
  // text and Markdown and for formats without file offsets.
  size_t FileOffset(size_t text_offset) const;
  // Returns the 1-based line and column of a position in text(); for a web
  // page, of the file itself (its markup counted); for PDF,
  // its page and its line on that page as a PDF viewer shows it (counting
  // every line of text on the page from the top, running header included).
  LineColumn Locate(size_t text_offset) const;
  // Returns the index of the block containing `text_offset`, or -1.
  int BlockAt(size_t text_offset) const;
  // Returns the text around `span` within block `block`: up to `radius`
  // bytes on each side, cut at a space so that no word is split. Work done
  // on a claim's neighbourhood is then bounded by `radius`, however long
  // its paragraph. REQUIRES: `span` lies inside block `block`.
  Range Around(int block, Range span, size_t radius) const;
  // Returns the text of the heading block `block` sits under, or "".
  std::string_view SectionTitle(int block) const;
  // Returns the table cell containing `text_offset`, or nullptr.
  const TableCell* CellAt(size_t text_offset) const;
  // Returns where a cell is for a reader: `Table 1, "Vacancy rate", 2023/24`
  // (the row header quoted, then the column header; either left out when the
  // cell has none). A row header cell is named by itself: `Table 1,
  // "Vacancy rate"`.
  std::string CellLocation(const TableCell& cell) const;
  // Returns the caption (or nearest heading) of the cell's table, or "".
  std::string_view TableCaption(const TableCell& cell) const;
  std::string_view Slice(Range range) const {
    return std::string_view(text_).substr(range.begin, range.size());
  }

 private:
  friend class DocumentBuilder;

  std::string path_;
  DocumentFormat format_ = DocumentFormat::kText;
  std::string text_;
  std::vector<Block> blocks_;
  std::vector<Range> markup_;
  std::string sha256_;
  std::vector<std::string> notes_;
  std::vector<Table> tables_;
  std::vector<TableCell> cells_;
  bool offsets_are_file_bytes_ = true;
  // Anchors (text offset, file offset), sorted by text offset; a position maps
  // to the last anchor at or before it plus the distance from that anchor.
  // Empty means identity.
  std::vector<std::pair<size_t, size_t>> file_anchors_;
  std::vector<size_t> line_starts_;  // text() offset of each line's start.
  // PDF: where each line of a page starts in text(), ascending (8 bytes a
  // line: a PDF's text is under 4 GiB), and the runs of them on one page as
  // (first index in page_lines_, page).
  struct PageLine {
    uint32_t offset;
    int line;
  };
  std::vector<PageLine> page_lines_;
  std::vector<std::pair<uint32_t, int>> page_runs_;
  // Code points before each kCodePointStride-th byte of text(), so that a
  // column on a long line is counted from a nearby checkpoint.
  static constexpr size_t kCodePointStride = 1024;
  std::vector<size_t> code_points_;
  // The file's lines, when positions map to it through markup (a web page):
  // Locate() then gives the line and column in the file. Not its bytes:
  // which of them continue a character is all columns need, and most
  // 64-byte words of a page hold none (markup is ASCII), so only the words
  // that do are kept, with a bit for each such byte.
  struct FileLines {
    size_t size = 0;
    std::vector<size_t> line_starts;
    std::vector<size_t> code_points;      // as code_points_, over the file
    std::vector<uint32_t> wide_words;     // byte / 64, ascending
    std::vector<uint64_t> continuations;  // of each: bit i, byte i continues
    void Set(std::string_view bytes);
    LineColumn Locate(size_t offset) const;
  };
  FileLines file_;
};

// Bounds on what a loader reads, so that no file can exhaust memory or time.
// Past one, loading fails with a message naming the file, the limit and the
// option that raises it.
struct LoadLimits {
  // Largest file read, and largest part of a .docx once uncompressed.
  // Default: 128 MiB.
  uint64_t max_input_bytes = uint64_t{128} << 20;
  // Largest text a document may yield (after decoding or extraction).
  // Default: 128 MiB.
  uint64_t max_text_bytes = uint64_t{128} << 20;
  // Most pages read from a PDF. Default: 2000.
  int max_pages = 2000;
  // The command-line options that raise each limit, for messages.
  // Default: "--max-input-size", "--max-input-size", "--max-pages".
  std::string input_option = "--max-input-size";
  std::string text_option = "--max-input-size";
  std::string pages_option = "--max-pages";
};

// Returns "512 bytes", "64 KiB", "128 MiB", "2 GiB": a size for messages.
std::string FormatSize(uint64_t bytes);

// Loads a file, choosing the loader from its content (`%PDF-`, a zip holding
// `word/document.xml`, `{\rtf`, `<html`) unless `format` says which. An old
// binary Word file (.doc) is refused with the conversion to make. The error message
// names the file and what is wrong with it: missing, a directory, empty,
// binary (with a hint for UTF-16 without a byte-order mark), a broken PDF.
Result<Document> LoadDocument(const std::string& path,
                              DocumentFormat format = DocumentFormat::kAuto,
                              const LoadLimits& limits = {});

// Builds a Document from UTF-8 text or Markdown held in memory. `name` is
// used as the path in messages. Same checks as LoadDocument.
Result<Document> ParseText(std::string name, std::string bytes,
                           DocumentFormat format = DocumentFormat::kText,
                           const LoadLimits& limits = {});

}  // namespace claimtrace

#endif  // CLAIMTRACE_DOCUMENT_H_
