// DocumentBuilder: how loaders assemble a Document, and the shared paragraph
// rule that turns lines of text into blocks.
//
// Loaders that end with plain text (text, Markdown, PDF) call ParseLines();
// loaders that see structure directly (HTML, DOCX) add text and blocks
// themselves. Finish() sorts and checks the invariants documented in
// document.h, assigns each block its section, and indexes lines.
#ifndef CLAIMTRACE_LOAD_DOCUMENT_BUILDER_H_
#define CLAIMTRACE_LOAD_DOCUMENT_BUILDER_H_

#include <string>
#include <string_view>

#include "claimtrace/document.h"

namespace claimtrace {

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
  void AddBlock(Block block) { doc_.blocks_.push_back(std::move(block)); }
  void AddMarkup(Range range) { doc_.markup_.push_back(range); }
  void AddNote(std::string note) { doc_.notes_.push_back(std::move(note)); }
  // Declares that text() position `text_offset` came from file byte
  // `file_offset` (and so on linearly until the next anchor).
  void AddFileAnchor(size_t text_offset, size_t file_offset) {
    doc_.file_anchors_.emplace_back(text_offset, file_offset);
  }
  void SetOffsetsAreFileBytes(bool value) { doc_.offsets_are_file_bytes_ = value; }

  // Splits text() into blocks with the paragraph rule, and finds inline
  // markup (`**`, `__`, `<b>`, a link's `](url)`):
  // - Where blocks are separated by blank lines and some line is broken
  //   mid-sentence, a single newline is a soft wrap inside the block
  //   (hard-wrapped Markdown); otherwise each line is a block (releases
  //   pasted from a web page, with or without a title line above them).
  // - A heading (`#`), list item (`-`, `*`, `•`...), labelled paragraph
  //   (`29.`) or table row (a tab, or `|`) always starts a block.
  // - After a blank line, a block that starts with a lower-case letter
  //   continues the previous paragraph when that one did not end a sentence
  //   (a paragraph broken by a page break).
  // - A form feed (`\f`) starts a new page.
  // - In plain text, a short title-like line (capitalised, no final
  //   punctuation, no quotation marks) followed by a longer line is a heading.
  void ParseLines();

  // Returns the finished document. The builder must not be used after.
  Document Finish();

 private:
  Document doc_;
};

}  // namespace claimtrace

#endif  // CLAIMTRACE_LOAD_DOCUMENT_BUILDER_H_
