// The text and Markdown loader: the file's bytes are the document's text, so
// every position is a file offset, with three exceptions that are reported
// as notes:
// - A file with a UTF-16 or UTF-32 byte-order mark is decoded to UTF-8 (by
//   ICU); its positions refer to the decoded text.
// - Ill-formed UTF-8 becomes U+FFFD and control characters visible symbols
//   (see CleanUtf8); file anchors keep positions mapped to file bytes.
// - A file with NUL bytes and no byte-order mark is refused as binary, with
//   a hint when the NULs look like UTF-16 without its mark.
#include <fmt/format.h>

#include <algorithm>

#include "load/document_builder.h"
#include "load/loaders.h"
#include "load/utf8.h"

namespace claimtrace {
namespace {

// True when NUL bytes sit mostly at even or mostly at odd offsets of the
// file's start, as in UTF-16 text of a Latin script.
bool LooksLikeUtf16(std::string_view bytes) {
  std::string_view head = bytes.substr(0, 4096);
  size_t even = 0, odd = 0;
  for (size_t i = 0; i < head.size(); ++i) {
    if (head[i] == '\0') ++(i % 2 ? odd : even);
  }
  return std::max(even, odd) * 3 >= head.size() && std::min(even, odd) * 10 <= even + odd;
}

}  // namespace

Result<Document> LoadPlain(std::string path, std::string bytes, DocumentFormat format) {
  DocumentBuilder builder(path, format);
  builder.HashFileBytes(bytes);
  std::string_view body = bytes;
  std::string decoded;
  bool file_bytes = true;
  if (auto bom = ByteOrderMark(bytes); bom && bom->first != "UTF-8") {
    std::optional<std::string> text = DecodeToUtf8(body.substr(bom->second), bom->first);
    if (!text) {
      return Status::InvalidInput(fmt::format(
          "{}: cannot decode the {} text; save the file as UTF-8", path, bom->first));
    }
    decoded = std::move(*text);
    body = decoded;
    file_bytes = false;
    builder.SetOffsetsAreFileBytes(false);
    builder.AddNote(fmt::format(
        "read as {} (byte-order mark); positions refer to the text decoded to UTF-8",
        bom->first));
  } else if (size_t nul = bytes.find('\0'); nul != std::string::npos) {
    return Status::InvalidInput(fmt::format(
        "{}: binary file, not text (NUL byte at offset {}){}", path, nul,
        LooksLikeUtf16(bytes) ? "; it looks like UTF-16 without a byte-order mark: "
                                "save it as UTF-8 (or as UTF-16 with a byte-order mark)"
                              : ""));
  }
  CleanText clean = CleanUtf8(body);
  if (std::string note = CleanNote(clean); !note.empty()) builder.AddNote(note);
  if (file_bytes) {
    for (const auto& [text_offset, file_offset] : clean.anchors)
      builder.AddFileAnchor(text_offset, file_offset);
  }
  decoded.clear();
  decoded.shrink_to_fit();
  builder.SetText(std::move(clean.text));
  builder.ParseLines();
  Document doc = builder.Finish();
  if (doc.blocks().empty()) {
    return Status::InvalidInput(
        fmt::format("{}: no text (the file holds only white space)", doc.path()));
  }
  return doc;
}

}  // namespace claimtrace
