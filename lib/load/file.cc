// LoadDocument(): reads a file whole, refuses what is not a readable regular
// file, and hands the bytes to the loader for their format.
#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

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

Result<Document> ParseText(std::string name, std::string bytes, DocumentFormat format) {
  if (bytes.empty()) {
    return Status::InvalidInput(fmt::format("{}: empty file", name));
  }
  // An OLE2 compound file: Word 97-2003 .doc (or another Office binary).
  if (std::string_view(bytes).starts_with("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) {
    return Status::InvalidInput(fmt::format(
        "{}: an old binary Word document (.doc), which claimtrace cannot read; save it "
        "as "
        ".docx, .rtf or PDF (e.g. libreoffice --headless --convert-to docx {})",
        name, name));
  }
  if (format == DocumentFormat::kAuto) format = SniffFormat(name, bytes);
  switch (format) {
    case DocumentFormat::kText:
    case DocumentFormat::kMarkdown:
    case DocumentFormat::kAuto:
      return LoadPlain(std::move(name), std::move(bytes), format);
    case DocumentFormat::kPdf:
      return LoadPdf(std::move(name), std::move(bytes));
    case DocumentFormat::kHtml:
      return LoadHtml(std::move(name), std::move(bytes));
    case DocumentFormat::kDocx:
      return LoadDocx(std::move(name), std::move(bytes));
    case DocumentFormat::kRtf:
      return LoadRtf(std::move(name), std::move(bytes));
  }
  return LoadPlain(std::move(name), std::move(bytes), DocumentFormat::kText);
}

Result<Document> LoadDocument(const std::string& path, DocumentFormat format) {
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
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::IoError(
        fmt::format("{}: cannot open ({})", path, std::strerror(errno)));
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) {
    return Status::IoError(fmt::format("{}: read error", path));
  }
  return ParseText(path, std::move(buffer).str(), format);
}

}  // namespace claimtrace
