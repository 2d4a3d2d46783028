// LoadDocument(): reads a file whole, refuses what is not a readable regular
// file, and hands the bytes to the loader for their format.
#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <new>

#include "load/loaders.h"

namespace claimtrace {
namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (size_t i = 0; i < suffix.size(); ++i) {
    char c = s[s.size() - suffix.size() + i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != suffix[i]) return false;
  }
  return true;
}

bool StartsWithHtml(std::string_view bytes) {
  // A UTF-16 page's markup is ASCII with a NUL beside each byte.
  std::string ascii;
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
    for (char c : bytes.substr(2, 1024)) {
      if (c != '\0') ascii.push_back(c);
    }
    bytes = ascii;
  }
  std::string head;
  for (char c : bytes.substr(0, 512)) {
    head.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
  }
  size_t i = head.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (i == std::string::npos) return false;
  std::string_view h = std::string_view(head).substr(i);
  return h.starts_with("<!doctype html") || h.starts_with("<html") ||
         (h.starts_with("<!--") && head.find("<html") != std::string::npos);
}

}  // namespace

std::string FormatSize(uint64_t bytes) {
  constexpr const char* kUnits[] = {"bytes", "KiB", "MiB", "GiB", "TiB"};
  int unit = 0;
  while (unit < 4 && bytes >= 1024 && bytes % 1024 == 0) bytes /= 1024, ++unit;
  if (unit == 0 && bytes >= 1024 * 1024) {
    return fmt::format("{:.1f} MiB", static_cast<double>(bytes) / (1024 * 1024));
  }
  return fmt::format("{} {}", bytes, kUnits[unit]);
}

std::string OverLimit(std::string_view path, std::string_view what, uint64_t limit,
                      std::string_view option) {
  return fmt::format(
      "{}: {} is over the {} limit; raise it with {} if the file is "
      "genuine",
      path, what, FormatSize(limit), option);
}

DocumentFormat SniffFormat(std::string_view path, std::string_view bytes) {
  if (bytes.starts_with("%PDF-")) return DocumentFormat::kPdf;
  if (bytes.starts_with("PK\x03\x04") &&
      bytes.find("word/document.xml") != std::string_view::npos) {
    return DocumentFormat::kDocx;
  }
  if (bytes.starts_with("{\\rtf")) return DocumentFormat::kRtf;
  if (StartsWithHtml(bytes)) return DocumentFormat::kHtml;
  if (EndsWith(path, ".pdf")) return DocumentFormat::kPdf;
  if (EndsWith(path, ".docx")) return DocumentFormat::kDocx;
  if (EndsWith(path, ".rtf")) return DocumentFormat::kRtf;
  if (EndsWith(path, ".html") || EndsWith(path, ".htm")) return DocumentFormat::kHtml;
  if (EndsWith(path, ".md") || EndsWith(path, ".markdown"))
    return DocumentFormat::kMarkdown;
  return DocumentFormat::kText;
}

namespace {

Result<Document> Load(std::string name, std::string bytes, DocumentFormat format,
                      const LoadLimits& limits) {
  switch (format) {
    case DocumentFormat::kText:
    case DocumentFormat::kMarkdown:
    case DocumentFormat::kAuto:
      return LoadPlain(std::move(name), std::move(bytes), format);
    case DocumentFormat::kPdf:
      return LoadPdf(std::move(name), std::move(bytes), limits);
    case DocumentFormat::kHtml:
      return LoadHtml(std::move(name), std::move(bytes));
    case DocumentFormat::kDocx:
      return LoadDocx(std::move(name), std::move(bytes), limits);
    case DocumentFormat::kRtf:
      return LoadRtf(std::move(name), std::move(bytes));
  }
  return Status::InvalidArgument(fmt::format("{}: unknown format", name));
}

}  // namespace

Result<Document> ParseText(std::string name, std::string bytes, DocumentFormat format,
                           const LoadLimits& limits) {
  if (bytes.empty()) {
    return Status::InvalidInput(fmt::format("{}: empty file", name));
  }
  // The parsers take sizes as int.
  uint64_t max_input = std::min<uint64_t>(limits.max_input_bytes, INT32_MAX);
  if (bytes.size() > max_input) {
    return Status::InvalidInput(
        OverLimit(name, fmt::format("the file ({})", FormatSize(bytes.size())), max_input,
                  limits.input_option));
  }
  // An OLE2 compound file: Word 97-2003 .doc (or another Office binary).
  if (std::string_view(bytes).starts_with("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) {
    return Status::InvalidInput(fmt::format(
        "{}: an old binary Word document (.doc), which claimtrace cannot read; save it "
        "as .docx, .rtf or PDF (e.g. libreoffice --headless --convert-to docx {})",
        name, name));
  }
  if (format == DocumentFormat::kAuto) format = SniffFormat(name, bytes);
  // Running out of memory is a property of this file on this machine: say
  // which file, rather than let bad_alloc escape.
  Result<Document> doc = Status::Internal("");
  try {
    doc = Load(name, std::move(bytes), format, limits);
  } catch (const std::bad_alloc&) {
    return Status::InvalidInput(fmt::format(
        "{}: out of memory while reading it; lower {} to refuse such files early", name,
        limits.input_option));
  }
  if (doc.ok() && doc->text().size() > limits.max_text_bytes) {
    return Status::InvalidInput(
        OverLimit(name, fmt::format("its text ({})", FormatSize(doc->text().size())),
                  limits.max_text_bytes, limits.text_option));
  }
  return doc;
}

Result<Document> LoadDocument(const std::string& path, DocumentFormat format,
                              const LoadLimits& limits) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::file_status st = fs::status(path, ec);
  if (ec || !fs::exists(st)) {
    return Status::IoError(fmt::format("{}: no such file", path));
  }
  if (fs::is_directory(st)) {
    return Status::IoError(fmt::format("{}: is a directory, not a file", path));
  }
  if (!fs::is_regular_file(st)) {
    return Status::IoError(fmt::format("{}: not a regular file", path));
  }
  uint64_t size = fs::file_size(path, ec);
  uint64_t max_input = std::min<uint64_t>(limits.max_input_bytes, INT32_MAX);
  if (!ec && size > max_input) {
    return Status::InvalidInput(OverLimit(path,
                                          fmt::format("the file ({})", FormatSize(size)),
                                          max_input, limits.input_option));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::IoError(
        fmt::format("{}: cannot open ({})", path, std::strerror(errno)));
  }
  // One buffer of the file's size; a file growing meanwhile is read up to
  // the limit and then refused by ParseText.
  std::string bytes;
  try {
    bytes.resize(static_cast<size_t>(ec ? 0 : size));
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    bytes.resize(static_cast<size_t>(in.gcount()));
    char more[1 << 16];
    while (in && bytes.size() <= max_input) {
      in.read(more, sizeof more);
      bytes.append(more, static_cast<size_t>(in.gcount()));
    }
  } catch (const std::bad_alloc&) {
    return Status::InvalidInput(fmt::format("{}: out of memory while reading it", path));
  }
  if (in.bad()) {
    return Status::IoError(fmt::format("{}: read error", path));
  }
  return ParseText(path, std::move(bytes), format, limits);
}

}  // namespace claimtrace
