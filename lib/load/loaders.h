// The loaders behind LoadDocument(), one per format. Each takes the file's
// bytes as read from disk and returns a Document whose messages name `path`.
#ifndef CLAIMTRACE_LOAD_LOADERS_H_
#define CLAIMTRACE_LOAD_LOADERS_H_

#include <string>
#include <string_view>

#include "claimtrace/document.h"
#include "claimtrace/status.h"

namespace claimtrace {

// Returns the format `bytes` are in, from their content first (`%PDF-`, a
// zip holding word/document.xml, `{\rtf`, `<html`/`<!doctype html`), then from the
// extension of `path`; text by default.
DocumentFormat SniffFormat(std::string_view path, std::string_view bytes);

// Text and Markdown: checks UTF-8 and NUL bytes, then the paragraph rule.
Result<Document> LoadPlain(std::string path, std::string bytes, DocumentFormat format);

// PDF (poppler-cpp): text rebuilt into paragraphs; positions refer to the
// extracted text. Refuses encrypted, broken and text-less (scanned) files.
Result<Document> LoadPdf(std::string path, std::string bytes);

// HTML (libxml2): the main content's blocks; positions map to file bytes.
Result<Document> LoadHtml(std::string path, std::string bytes);

// Word .docx (libzip + libxml2): paragraphs, headings, lists, tables, with
// tracked changes accepted; positions refer to the extracted text.
Result<Document> LoadDocx(std::string path, std::string bytes);

// RTF (a bounded tokenizer; code pages through ICU): paragraphs, headings,
// tables; positions refer to the extracted text. Refuses groups nested
// deeper than the reader's bound.
Result<Document> LoadRtf(std::string path, std::string bytes);

}  // namespace claimtrace

#endif  // CLAIMTRACE_LOAD_LOADERS_H_
