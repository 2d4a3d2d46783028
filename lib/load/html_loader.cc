// The HTML loader (libxml2's HTML parser): keeps the page's main content
// (`main` or `article`, else `body`), drops navigation, scripts, styles,
// forms, headers, footers, asides and cookie banners, and turns block
// elements into blocks (headings, list items, table rows, paragraphs).
//
// Positions map back to the HTML file: every word appended to the text is
// looked up in the file's bytes, moving forward from the previous word, and
// anchored there; a word whose bytes differ in the file (an entity) is left
// unanchored and maps by its distance from the last anchor.
#include <fmt/format.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <cstring>
#include <memory>
#include <string>

#include "load/document_builder.h"
#include "load/loaders.h"
#include "load/utf8.h"

namespace claimtrace {
namespace {

bool NameIs(const xmlNode* n, const char* name) {
  return n->type == XML_ELEMENT_NODE && n->name &&
         xmlStrcasecmp(n->name, reinterpret_cast<const xmlChar*>(name)) == 0;
}

bool NameIn(const xmlNode* n, std::initializer_list<const char*> names) {
  for (const char* name : names) {
    if (NameIs(n, name)) return true;
  }
  return false;
}

std::string Attribute(const xmlNode* n, const char* name) {
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  if (!v) return "";
  std::string out(reinterpret_cast<const char*>(v));
  xmlFree(v);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

// Elements that are never main content.
bool IsFurniture(const xmlNode* n) {
  if (NameIn(n, {"nav", "header", "footer", "aside", "script", "style", "noscript",
                 "form", "template", "svg", "iframe", "button", "select"})) {
    return true;
  }
  for (const char* attr : {"id", "class", "role"}) {
    std::string v = Attribute(n, attr);
    for (const char* word : {"cookie", "consent", "banner", "navigation", "menu",
                             "breadcrumb", "share", "newsletter"}) {
      if (v.find(word) != std::string::npos) return true;
    }
  }
  return false;
}

bool IsBlock(const xmlNode* n) {
  return NameIn(
      n, {"p",       "li",      "h1",         "h2",      "h3",     "h4",         "h5",
          "h6",      "tr",      "blockquote", "dd",      "dt",     "figcaption", "div",
          "section", "article", "main",       "ul",      "ol",     "table",      "tbody",
          "thead",   "body",    "pre",        "address", "caption"});
}

class Walker {
 public:
  Walker(std::string_view raw, DocumentBuilder* builder) : raw_(raw), builder_(builder) {}

  void SetCursor(size_t at) { cursor_ = at; }

  void Walk(const xmlNode* node) {
    for (const xmlNode* n = node; n; n = n->next) {
      if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        AddText(reinterpret_cast<const char*>(n->content));
        continue;
      }
      if (n->type != XML_ELEMENT_NODE || IsFurniture(n)) continue;
      if (NameIs(n, "br")) {
        pending_space_ = true;
        continue;
      }
      if (NameIn(n, {"td", "th"})) {
        if (!block_.empty()) block_ += '\t';
        pending_space_ = false;
        Walk(n->children);
        continue;
      }
      if (!IsBlock(n)) {
        Walk(n->children);
        continue;
      }
      Flush();
      if (n->name[0] == 'h' && n->name[1] >= '1' && n->name[1] <= '6' && !n->name[2]) {
        prefix_ = std::string(static_cast<size_t>(n->name[1] - '0'), '#') + " ";
      } else if (NameIs(n, "li")) {
        prefix_ = "- ";
      }
      Walk(n->children);
      Flush();
    }
  }

  void Flush() {
    if (!block_.empty()) {
      if (!builder_->text().empty()) builder_->AppendText("\n\n");
      size_t at = builder_->AppendText(prefix_);
      at += prefix_.size();
      for (const auto& [offset, file] : anchors_)
        builder_->AddFileAnchor(at + offset, file);
      builder_->AppendText(block_);
    }
    block_.clear();
    anchors_.clear();
    prefix_.clear();
    pending_space_ = false;
  }

 private:
  // Appends a text node's words, collapsing white space, and anchors each
  // word at its bytes in the file.
  void AddText(const char* text) {
    if (!text) return;
    std::string_view s(text);
    size_t i = 0;
    while (i < s.size()) {
      if (std::strchr(" \t\r\n\f", s[i])) {
        pending_space_ = true;
        ++i;
        continue;
      }
      size_t j = i;
      while (j < s.size() && !std::strchr(" \t\r\n\f", s[j])) ++j;
      std::string_view word = s.substr(i, j - i);
      if (pending_space_ && !block_.empty() && block_.back() != '\t') block_ += ' ';
      pending_space_ = false;
      size_t found = raw_.find(word, cursor_);
      if (found != std::string_view::npos && found - cursor_ < kSearchWindow) {
        anchors_.emplace_back(block_.size(), found);
        cursor_ = found + word.size();
      }
      block_ += word;
      i = j;
    }
  }

  // How far ahead of the previous word a word is looked for in the file.
  static constexpr size_t kSearchWindow = 1 << 16;

  std::string_view raw_;
  DocumentBuilder* builder_;
  size_t cursor_ = 0;
  std::string block_, prefix_;
  std::vector<std::pair<size_t, size_t>> anchors_;  // (offset in block_, file offset)
  bool pending_space_ = false;
};

const xmlNode* FindElement(const xmlNode* node, const char* name) {
  for (const xmlNode* n = node; n; n = n->next) {
    if (NameIs(n, name)) return n;
    if (n->type == XML_ELEMENT_NODE) {
      if (const xmlNode* found = FindElement(n->children, name)) return found;
    }
  }
  return nullptr;
}

// Bytes of running text (paragraphs, list items, headings) under `n`,
// furniture excluded.
size_t TextWeight(const xmlNode* n) {
  size_t total = 0;
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE || IsFurniture(c)) continue;
    if (NameIn(c, {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"})) {
      xmlChar* text = xmlNodeGetContent(c);
      if (text) {
        total += xmlStrlen(text);
        xmlFree(text);
      }
    } else {
      total += TextWeight(c);
    }
  }
  return total;
}

// The page's main text when it does not mark it: from `body` down, the
// element holding most of the running text, as deep as one holds nearly
// all of it (wrappers are passed through, sidebars left behind).
const xmlNode* DensestBlock(const xmlNode* body) {
  constexpr double kShare = 0.8;
  const xmlNode* best = body;
  size_t weight = TextWeight(body);
  for (bool deeper = true; deeper;) {
    deeper = false;
    for (const xmlNode* c = best->children; c; c = c->next) {
      if (c->type != XML_ELEMENT_NODE || IsFurniture(c)) continue;
      size_t w = TextWeight(c);
      if (weight > 0 && w >= kShare * weight && !NameIn(c, {"p", "li"})) {
        best = c;
        deeper = true;
        break;
      }
    }
  }
  return best;
}

void NoErrors(void*, const char*, ...) {}

}  // namespace

Result<Document> LoadHtml(std::string path, std::string bytes) {
  // The text is copied from the file's bytes (so positions map back to
  // them), so the page must be UTF-8 as the text loader requires.
  if (size_t bad = FindInvalidUtf8(bytes); bad != std::string::npos) {
    return Status::InvalidInput(
        fmt::format("{}: invalid UTF-8 at byte offset {} (byte 0x{:02X}); save the page "
                    "as UTF-8",
                    path, bad, static_cast<unsigned char>(bytes[bad])));
  }
  xmlSetGenericErrorFunc(nullptr, NoErrors);
  std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> html(
      htmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), path.c_str(), "UTF-8",
                     HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                         HTML_PARSE_NONET),
      xmlFreeDoc);
  if (!html)
    return Status::InvalidInput(fmt::format("{}: not a readable HTML page", path));
  const xmlNode* root = xmlDocGetRootElement(html.get());
  const xmlNode* content = nullptr;
  for (const char* name : {"main", "article"}) {
    if ((content = FindElement(root, name))) break;
  }
  if (!content) {
    const xmlNode* body = FindElement(root, "body");
    content = DensestBlock(body ? body : root);
  }

  DocumentBuilder builder(path, DocumentFormat::kHtml);
  builder.HashFileBytes(bytes);
  Walker walker(bytes, &builder);
  // Start looking for words where the content element opens in the file.
  std::string open = "<" + std::string(reinterpret_cast<const char*>(content->name));
  size_t at = bytes.find(open);
  walker.SetCursor(at == std::string::npos ? 0 : at);
  walker.Walk(content->children);
  walker.Flush();
  if (builder.text().empty()) {
    return Status::InvalidInput(fmt::format("{}: no text in the HTML page", path));
  }
  builder.ParseLines();
  return builder.Finish();
}

}  // namespace claimtrace
