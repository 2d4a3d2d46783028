// SourceStore and the two ways a stored source is shown: its bytes, under a
// policy that lets none of it act as the app, and its text with a passage
// marked.
#include "serve/source_store.h"

#include <fmt/format.h>
#include <openssl/rand.h>

#include <algorithm>
#include <stdexcept>

#include "claimtrace/report.h"

namespace claimtrace {
namespace {

// Blocks shown on each side of a passage of a source without pages.
constexpr int kContextBlocks = 12;

uint64_t Size(const SourceStore::Sources& sources) {
  uint64_t size = 0;
  for (const StoredSource& s : sources) size += s.bytes.size() + s.document.text().size();
  return size;
}

// True when `bytes` is well-formed UTF-8 (so it may be labelled so).
bool IsUtf8(std::string_view bytes) {
  size_t i = 0;
  while (i < bytes.size()) {
    unsigned char c = bytes[i];
    int more = c < 0x80         ? 0
               : (c >> 5) == 6  ? 1
               : (c >> 4) == 14 ? 2
               : (c >> 3) == 30 ? 3
                                : -1;
    if (more < 0 || (more > 0 && i + more >= bytes.size())) return false;
    for (int k = 1; k <= more; ++k) {
      if ((static_cast<unsigned char>(bytes[i + k]) >> 6) != 2) return false;
    }
    i += more + 1;
  }
  return true;
}

// A file name safe in a Content-Disposition header: its last path part,
// ASCII letters, digits and . - _ only.
std::string SafeFileName(const std::string& path) {
  std::string name = path.substr(path.find_last_of("/\\") + 1);
  std::string out;
  for (char c : name) {
    bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
    out += safe ? c : '_';
  }
  return out.empty() || out.front() == '.' ? "source" + out : out;
}

// A page of the app, under its own Content-Security-Policy: style inline.
constexpr const char kPageStyle[] =
    "body{font:16px/1.55 system-ui,sans-serif;max-width:46rem;margin:1.5rem auto;"
    "padding:0 1rem;color:#222}h1{font-size:1.2rem}.where{color:#555;font-size:.9rem}"
    "p.label{margin-bottom:0}mark{background:#fff0a0;border-bottom:2px solid #b08800}"
    "mark#passage{scroll-margin-top:40vh}.gap{color:#777;text-align:center}";

}  // namespace

std::string SourceStore::NewId() {
  unsigned char random[16];
  if (RAND_bytes(random, sizeof random) != 1) throw std::runtime_error("no randomness");
  std::string id;
  for (unsigned char c : random) id += fmt::format("{:02x}", c);
  return id;
}

void SourceStore::Put(std::string id, Sources sources) {
  auto kept = std::make_shared<const Sources>(std::move(sources));
  uint64_t size = Size(*kept);
  std::lock_guard<std::mutex> lock(mutex_);
  checks_.emplace_back(std::move(id), std::move(kept));
  bytes_ += size;
  while (checks_.size() > 1 && bytes_ > max_bytes_) {
    bytes_ -= Size(*checks_.front().second);
    checks_.pop_front();
  }
}

std::shared_ptr<const SourceStore::Sources> SourceStore::Find(std::string_view id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  for (const auto& [key, sources] : checks_) {
    if (key == id) return sources;
  }
  return nullptr;
}

ServedSource ServeAs(const StoredSource& source) {
  // Whatever the page holds, it runs no script, is an origin of its own
  // (no cookie, no storage, no request as the app) and loads nothing.
  const std::string sandboxed =
      "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:";
  std::string name = SafeFileName(source.document.path());
  std::string inline_name = "inline; filename=\"" + name + "\"";
  switch (source.document.format()) {
    case DocumentFormat::kPdf:
      // Chromium's viewer does not open a PDF in a sandboxed document; a
      // PDF's own scripts run in the viewer, never in the app's origin.
      return {"application/pdf", inline_name, ""};
    case DocumentFormat::kHtml:
      return {"text/html", inline_name, sandboxed};
    case DocumentFormat::kDocx:
      return {"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
              "attachment; filename=\"" + name + "\"", sandboxed};
    case DocumentFormat::kRtf:
      return {"application/rtf", "attachment; filename=\"" + name + "\"", sandboxed};
    default:
      return {IsUtf8(source.bytes) ? "text/plain; charset=utf-8" : "text/plain",
              inline_name, sandboxed};
  }
}

std::string PassagePage(const Document& doc, Range span, std::string_view original) {
  const std::vector<Block>& blocks = doc.blocks();
  span.begin = std::min(span.begin, doc.text().size());
  span.end = std::clamp(span.end, span.begin, doc.text().size());
  int first = 0, last = static_cast<int>(blocks.size()) - 1;
  int at = blocks.empty() ? 0 : std::max(doc.BlockAt(span.begin), 0);
  int page = doc.format() == DocumentFormat::kPdf ? doc.Locate(span.begin).page : 0;
  if (page > 0) {
    // The page's text: the blocks on the passage's page.
    while (first <= last && blocks[first].page < page) ++first;
    while (last >= first && blocks[last].page > page) --last;
  } else {
    first = std::max(at - kContextBlocks, 0);
    last = std::min(at + kContextBlocks, last);
  }
  std::string title = doc.path() + (page > 0 ? fmt::format(", page {}", page) : "");
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" +
      HtmlEscape(title) + "</title><style>" + kPageStyle + "</style></head><body>\n<h1>" +
      HtmlEscape(title) + "</h1>\n<p class=\"where\">" +
      (page > 0 ? "The page's text as read from the PDF" : "The text as read") +
      ", the passage marked." +
      (original.empty()
           ? std::string()
           : " <a href=\"" + HtmlEscape(original) + "\">Open the original</a>.") +
      "</p>\n";
  if (first > 0 && page == 0) out += "<p class=\"gap\">…</p>\n";
  bool marked = false;
  for (int i = first; i <= last && !blocks.empty(); ++i) {
    const Block& block = blocks[i];
    const char* tag = block.kind == BlockKind::kHeading ? "h2" : "p";
    out += fmt::format("<{}>", tag);
    if (!block.label.empty()) out += HtmlEscape(doc.Slice(block.label)) + ". ";
    size_t begin = std::clamp(span.begin, block.range.begin, block.range.end);
    size_t end = std::clamp(span.end, begin, block.range.end);
    if (begin < end) {
      out += HtmlEscape(doc.Slice({block.range.begin, begin}));
      out += marked ? "<mark>" : "<mark id=\"passage\">";
      out += HtmlEscape(doc.Slice({begin, end})) + "</mark>";
      out += HtmlEscape(doc.Slice({end, block.range.end}));
      marked = true;
    } else {
      out += HtmlEscape(doc.Slice(block.range));
    }
    out += fmt::format("</{}>\n", tag);
  }
  if (last + 1 < static_cast<int>(blocks.size()) && page == 0) {
    out += "<p class=\"gap\">…</p>\n";
  }
  return out + "</body></html>\n";
}

}  // namespace claimtrace
