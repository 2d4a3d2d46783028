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
// Refuses more than `limits.max_pages` pages before reading any, and stops
// once the text passes `limits.max_text_bytes`.
Result<Document> LoadPdf(std::string path, std::string bytes, const LoadLimits& limits);

// HTML (libxml2): the main content's blocks; positions map to file bytes.
Result<Document> LoadHtml(std::string path, std::string bytes);

// Word .docx (libzip + libxml2): paragraphs, headings, lists, tables, with
// tracked changes accepted; positions refer to the extracted text.
// Refuses parts larger than `limits.max_input_bytes` uncompressed (checked
// before they are inflated) and XML that declares a DTD (entity bombs).
Result<Document> LoadDocx(std::string path, std::string bytes, const LoadLimits& limits);

// Returns the message for input past a limit: "PATH: WHAT is over the LIMIT
// limit; raise it with OPTION".
std::string OverLimit(std::string_view path, std::string_view what, uint64_t limit,
                      std::string_view option);

// RTF (a bounded tokenizer; code pages through ICU): paragraphs, headings,
// tables; positions refer to the extracted text. Refuses groups nested
// deeper than the reader's bound.
Result<Document> LoadRtf(std::string path, std::string bytes);

}  // namespace claimtrace

#endif  // CLAIMTRACE_LOAD_LOADERS_H_
