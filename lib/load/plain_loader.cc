// The text and Markdown loader: the file's bytes are the document's text, so
// every position is a file offset.
#include <fmt/format.h>

#include "load/document_builder.h"
#include "load/loaders.h"
#include "load/utf8.h"

namespace claimtrace {

Result<Document> LoadPlain(std::string path, std::string bytes, DocumentFormat format) {
  size_t nul = bytes.find('\0');
  if (nul != std::string::npos) {
    return Status::InvalidInput(
        fmt::format("{}: binary file, not text (NUL byte at offset {})", path, nul));
  }
  size_t bad = FindInvalidUtf8(bytes);
  if (bad != std::string::npos) {
    return Status::InvalidInput(
        fmt::format("{}: invalid UTF-8 at byte offset {} (byte 0x{:02X}); save the file "
                    "as UTF-8",
                    path, bad, static_cast<unsigned char>(bytes[bad])));
  }
  DocumentBuilder builder(std::move(path), format);
  builder.HashFileBytes(bytes);
  builder.SetText(std::move(bytes));
  builder.ParseLines();
  Document doc = builder.Finish();
  if (doc.blocks().empty()) {
    return Status::InvalidInput(
        fmt::format("{}: no text (the file holds only white space)", doc.path()));
  }
  return doc;
}

}  // namespace claimtrace
