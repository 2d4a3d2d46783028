// DocumentBuilder: how loaders assemble a Document, and the shared paragraph
// rule that turns lines of text into blocks.
//
// Every loader writes its text as plain text with Markdown's marks for the
// structure it sees (headings, list items, table rows) and calls
// ParseLines(), which makes the blocks. Finish() sorts and checks the
// invariants documented in document.h, assigns each block its section, and
// indexes lines.
#ifndef CLAIMTRACE_LOAD_DOCUMENT_BUILDER_H_
#define CLAIMTRACE_LOAD_DOCUMENT_BUILDER_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "claimtrace/document.h"
#include "load/table_grid.h"

namespace claimtrace {

// Appends the anchor (text offset, file offset) to `anchors` unless the
// last one already leads there (the text follows the file linearly from it),
// so a map of a million words written as in the file costs one anchor, not
// sixteen bytes a word.
void AppendAnchor(std::vector<std::pair<size_t, size_t>>* anchors, size_t text_at,
                  size_t file_at);

class DocumentBuilder {
 public:
  DocumentBuilder(std::string path, DocumentFormat format);

  // Sets the text the document is built over (replacing any earlier text).
  void SetText(std::string text) { doc_.text_ = std::move(text); }
  // Appends to the text; returns the offset where `piece` starts.
  size_t AppendText(std::string_view piece);
  const std::string& text() const { return doc_.text_; }

  // Records the SHA-256 of the file as read from disk.
  void HashFileBytes(std::string_view file_bytes);
  void AddMarkup(Range range) { doc_.markup_.push_back(range); }
  void AddNote(std::string note) { doc_.notes_.push_back(std::move(note)); }
  // Declares that text() position `text_offset` came from file byte
  // `file_offset` (and so on linearly until the next anchor). Loaders may
  // anchor every word: only anchors where the text stops following the file
  // (markup, a character reference) are kept (AppendAnchor).
  // REQUIRES: text offsets ascend from call to call.
  void AddFileAnchor(size_t text_offset, size_t file_offset);
  void SetOffsetsAreFileBytes(bool value) { doc_.offsets_are_file_bytes_ = value; }
  // Keeps the file's bytes (a web page's markup), so that Locate() counts
  // lines and columns of the file rather than of the extracted text.
  void SetFileBytes(std::string bytes) { doc_.file_.Set(std::move(bytes)); }
  // Declares that line `line` of page `page` (as a PDF viewer counts them)
  // starts at `text_offset`; Locate() and blocks' lines then use these.
  // REQUIRES: offsets ascend from call to call (the text is appended in
  // reading order) and stay under 4 GiB.
  void AddPageLine(size_t text_offset, int page, int line);
  // Adds a table whose cells lie in text() (each inside the kTableRow block
  // of its row, which the loader adds too). Tables are numbered in the
  // order they are added, which must be reading order.
  void AddTable(const RawTable& table);

  // Splits text() into blocks with the paragraph rule, and finds inline
  // markup (`**`, `__`, `<b>`, a link's `](url)`):
  // - Where blocks are separated by blank lines and some line is broken
  //   mid-sentence, a single newline is a soft wrap inside the block
  //   (hard-wrapped Markdown); otherwise each line is a block (releases
  //   pasted from a web page, with or without a title line above them).
  // - A heading (`#`), list item (`-`, `*`, `•`...), labelled paragraph
  //   (`29.`) or table row (a tab, or `|`) always starts a block.
  // - Markdown pipe tables (a `|---|` rule under the head row) and grid
  //   tables (`+---+` rules, `+===+` under the head) become tables, their
  //   rows kTableRow blocks; so do runs of tab-separated lines in text, and
  //   in text and Markdown, runs of lines whose columns, apart by two or
  //   more spaces, line up (at least two rows with figures; see SpaceTable).
  //   Lines inside a table added by AddTable() are not looked at again.
  // - After a blank line, a block that starts with a lower-case letter
  //   continues the previous paragraph when that one did not end a sentence
  //   (a paragraph broken by a page break).
  // - A form feed (`\f`) starts a new page.
  // - In plain text, a short title-like line (capitalised, no final
  //   punctuation, no quotation marks) followed by a longer line is a heading.
  void ParseLines();

  // Returns the finished document: blocks, cells and markup sorted; a table
  // without a caption gets the "Table N" line just before it, else the
  // heading it sits under. The builder must not be used after.
  Document Finish();

 private:
  // Gives each table its caption (when the loader gave none) and label.
  void NameTables();

  Document doc_;
  std::vector<Range> table_spans_;  // where each added table lies in text()
};

}  // namespace claimtrace

#endif  // CLAIMTRACE_LOAD_DOCUMENT_BUILDER_H_
