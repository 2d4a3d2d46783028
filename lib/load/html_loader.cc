// The HTML loader (libxml2's HTML parser): keeps the page's main content
// (`main` or `article`, else the densest block of `body`), drops navigation,
// scripts, styles, forms, headers, footers, asides and cookie banners, and
// turns block elements into blocks (headings, list items, table rows,
// paragraphs). A `<table>` also becomes a table of the document model: its
// caption, and each cell with `<th>`, `scope`, `rowspan` and `colspan` as
// written.
//
// Hidden text is read. Text marked `hidden`, `aria-hidden`, `display:none`,
// inside a closed `<details>`, a `<noscript>` or a `<template>` is checked
// like any other: each of these can be shown to a reader (by a click, a
// script, or with scripts off), and a claim a reader may see must not escape
// the check. Only the furniture listed in IsFurniture() is dropped.
//
// Encoding, as a browser decides it: a byte-order mark (UTF-8, UTF-16,
// UTF-32), else the charset a `<meta>` or an XML declaration in the first
// 4 KB names (ISO-8859-1 and ASCII read as windows-1252, as browsers do),
// else UTF-8 (also when the label is unknown, as browsers do). ICU decodes
// anything but UTF-8; ill-formed UTF-8 becomes
// U+FFFD and control characters visible symbols (CleanUtf8), with a note.
//
// Positions map back to the HTML file when it is UTF-8: every word appended
// to the text is looked up in the page's bytes, moving forward from the
// previous word, and anchored there; a word whose bytes differ in the file
// (an entity) is left unanchored and maps by its distance from the last
// anchor. A page in another encoding is decoded first, and its positions
// refer to the extracted text (offsets_are_file_bytes() is false, and a note
// says so).
//
// The tree is walked without recursion and the parser's depth and text-node
// limits are lifted (XML_PARSE_HUGE), so a deeply nested page or a huge text
// node is read whole; any error libxml2 reports as fatal refuses the page.
#include <fmt/format.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

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

// Elements that are never main content. Hidden ones are not among them: see
// the rule at the top of the file.
bool IsFurniture(const xmlNode* n) {
  if (NameIn(n, {"nav", "header", "footer", "aside", "script", "style", "form", "svg",
                 "iframe", "button", "select"})) {
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

// Visits the nodes under `top` in document order without recursion (a page
// may nest elements 100,000 deep). `enter(n)` returns whether to descend
// into n's children; `leave(n)` is called after them, for each node entered
// with a true result.
template <typename Enter, typename Leave>
void Traverse(const xmlNode* top, Enter enter, Leave leave) {
  const xmlNode* n = top ? top->children : nullptr;
  while (n) {
    if (enter(n)) {
      if (n->children && n->type == XML_ELEMENT_NODE) {
        n = n->children;
        continue;
      }
      leave(n);
    }
    while (!n->next) {
      n = n->parent;
      if (!n || n == top) return;
      leave(n);
    }
    n = n->next;
  }
}

// Maps an offset in the cleaned page back to the file (see CleanText).
size_t MapOffset(const std::vector<std::pair<size_t, size_t>>& anchors, size_t at) {
  auto it = std::upper_bound(
      anchors.begin(), anchors.end(), at,
      [](size_t t, const std::pair<size_t, size_t>& a) { return t < a.first; });
  if (it == anchors.begin()) return at;
  --it;
  return it->second + (at - it->first);
}

class Walker {
 public:
  // `page` is the UTF-8 page the tree was parsed from; `to_file` maps its
  // offsets to file offsets, or is null when positions are not file bytes.
  Walker(std::string_view page, const std::vector<std::pair<size_t, size_t>>* to_file,
         DocumentBuilder* builder)
      : page_(page), to_file_(to_file), builder_(builder) {}

  void SetCursor(size_t at) { cursor_ = at; }

  void Walk(const xmlNode* content) {
    WalkUnder(content);
    Flush();
  }

 private:
  // Walks the nodes under `top` (iteratively: no depth limit).
  void WalkUnder(const xmlNode* top) {
    Traverse(
        top, [this](const xmlNode* n) { return Enter(n); },
        [this](const xmlNode* n) { Leave(n); });
  }

  bool Enter(const xmlNode* n) {
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      AddText(reinterpret_cast<const char*>(n->content));
      return false;
    }
    if (n->type != XML_ELEMENT_NODE || IsFurniture(n)) return false;
    if (NameIs(n, "br")) {
      pending_space_ = true;
      return false;
    }
    if (NameIs(n, "table") && !in_cell_) {
      Table(n);
      return false;
    }
    if (in_cell_ && (IsBlock(n) || NameIn(n, {"td", "th"}))) {
      // Inside a cell (or a table nested in one) blocks are words apart.
      pending_space_ = true;
      return true;
    }
    if (NameIn(n, {"td", "th"})) {  // a cell outside any <table>
      if (!block_.empty()) block_ += '\t';
      pending_space_ = false;
      return true;
    }
    if (!IsBlock(n)) return true;
    Flush();
    if (n->name[0] == 'h' && n->name[1] >= '1' && n->name[1] <= '6' && !n->name[2]) {
      prefix_ = std::string(static_cast<size_t>(n->name[1] - '0'), '#') + " ";
    } else if (NameIs(n, "li")) {
      prefix_ = "- ";
    }
    return true;
  }

  void Leave(const xmlNode* n) {
    if (in_cell_) {
      if (n->type == XML_ELEMENT_NODE && (IsBlock(n) || NameIn(n, {"td", "th"})))
        pending_space_ = true;
      return;
    }
    if (IsBlock(n)) Flush();
  }

  // Returns the rows of a table in document order (through thead, tbody,
  // tfoot), not those of tables nested in its cells.
  static std::vector<const xmlNode*> Rows(const xmlNode* table) {
    std::vector<const xmlNode*> rows;
    const xmlNode* loose_parent = nullptr;  // cells without a <tr> make one row
    Traverse(
        table,
        [&](const xmlNode* n) {
          if (NameIs(n, "tr")) {
            rows.push_back(n);
          } else if (NameIn(n, {"thead", "tbody", "tfoot"})) {
            return true;
          } else if (NameIn(n, {"td", "th"}) && n->parent && loose_parent != n->parent) {
            rows.push_back(n->parent);
            loose_parent = n->parent;
          }
          return false;
        },
        [](const xmlNode*) {});
    return rows;
  }

  static int Span(const xmlNode* cell, const char* name) {
    std::string v = Attribute(cell, name);
    if (v.empty()) return 1;
    int n = 0;
    for (char c : v) {
      if (c < '0' || c > '9') break;
      n = std::min(n * 10 + (c - '0'), kMaxSpan);
    }
    // rowspan="0" spans to the end of the table; ResolveTable bounds it.
    return n == 0 && std::string_view(name) == "rowspan" ? kMaxSpan : std::max(n, 1);
  }

  // A table: its caption as a block, each row as a block of tab-separated
  // cells, and the cells (with <th>, scope, rowspan, colspan) as a table.
  void Table(const xmlNode* table) {
    Flush();
    RawTable raw;
    for (const xmlNode* c = table->children; c; c = c->next) {
      if (!NameIs(c, "caption")) continue;
      in_cell_ = true;
      WalkUnder(c);
      in_cell_ = false;
      size_t size = block_.size();
      size_t at = Flush();
      if (at != std::string::npos) raw.caption = {at, at + size};
    }
    for (const xmlNode* tr : Rows(table)) {
      std::vector<RawCell> cells;
      for (const xmlNode* td = tr->children; td; td = td->next) {
        if (!NameIn(td, {"td", "th"})) continue;
        if (!cells.empty()) block_ += '\t';
        RawCell cell;
        cell.header = NameIs(td, "th");
        std::string scope = Attribute(td, "scope");
        if (scope == "row" || scope == "rowgroup") cell.scope = RawCell::Scope::kRow;
        if (scope == "col" || scope == "colgroup") cell.scope = RawCell::Scope::kColumn;
        cell.row_span = Span(td, "rowspan");
        cell.column_span = Span(td, "colspan");
        size_t begin = block_.size();
        pending_space_ = false;
        in_cell_ = true;
        WalkUnder(td);
        in_cell_ = false;
        cell.range = {begin, block_.size()};
        cells.push_back(cell);
      }
      if (cells.empty()) continue;
      // A lone cell gets a trailing tab so its line still reads as a row.
      if (cells.size() == 1) block_ += '\t';
      bool blank = block_.find_first_not_of('\t') == std::string::npos;
      size_t at = Flush();
      for (RawCell& cell : cells) {
        cell.range = blank || at == std::string::npos
                         ? Range{builder_->text().size(), builder_->text().size()}
                         : Range{at + cell.range.begin, at + cell.range.end};
      }
      raw.rows.push_back(std::move(cells));
    }
    if (!raw.rows.empty()) builder_->AddTable(raw);
  }

  // Ends the current block; returns where its text starts in the builder's
  // text (after the prefix), or npos when it was empty.
  size_t Flush() {
    size_t at = std::string::npos;
    if (!block_.empty()) {
      if (!builder_->text().empty()) builder_->AppendText("\n\n");
      at = builder_->AppendText(prefix_);
      at += prefix_.size();
      if (to_file_) {
        for (const auto& [offset, page] : anchors_)
          Anchor(at + offset, MapOffset(*to_file_, page));
      }
      builder_->AppendText(block_);
    }
    block_.clear();
    anchors_.clear();
    prefix_.clear();
    pending_space_ = false;
    return at;
  }

  // Declares that text offset `text_at` came from file byte `file_at`, unless
  // the previous anchor already maps it there: a word one space after the
  // last follows the file linearly. A page's map then costs its tags, not
  // sixteen bytes a word while it is read (Finish() would drop them too).
  void Anchor(size_t text_at, size_t file_at) {
    if (text_at >= last_anchor_.first &&
        file_at == last_anchor_.second + (text_at - last_anchor_.first)) {
      return;
    }
    builder_->AddFileAnchor(text_at, file_at);
    last_anchor_ = {text_at, file_at};
  }

  // Appends a text node's words, collapsing white space, and anchors each
  // word at its bytes in the page.
  void AddText(const char* text) {
    if (!text) return;
    // A character reference can still make a control character (&#27;).
    CleanText clean = CleanUtf8(text);
    std::string_view s(clean.text);
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
      size_t found = FindNear(word);
      if (found != std::string_view::npos) {
        anchors_.emplace_back(block_.size(), found);
        cursor_ = found + word.size();
      } else {
        // A word written with character references ("&lsquo;Outstanding&rsquo;")
        // is not in the page as decoded: anchor each run of letters and digits
        // of it where the page has that run, so a quotation inside the marks
        // still maps to its bytes.
        for (size_t r = 0; r < word.size();) {
          if (!std::isalnum(static_cast<unsigned char>(word[r]))) {
            ++r;
            continue;
          }
          size_t e = r;
          while (e < word.size() && std::isalnum(static_cast<unsigned char>(word[e])))
            ++e;
          size_t at = FindNear(word.substr(r, e - r));
          if (at != std::string_view::npos) {
            anchors_.emplace_back(block_.size() + r, at);
            cursor_ = at + (e - r);
          }
          r = e;
        }
      }
      block_ += word;
      i = j;
    }
  }

  // How far ahead of the previous word a word is looked for in the page.
  static constexpr size_t kSearchWindow = 1 << 16;

  // Returns where `word` starts in the page less than kSearchWindow bytes
  // past the cursor, or npos. Only the window is searched: a word the page
  // does not hold as decoded (written with a character reference) would
  // otherwise cost a search to the end of the page, quadratic over a page
  // of them.
  size_t FindNear(std::string_view word) const {
    if (cursor_ > page_.size()) return std::string_view::npos;
    size_t at = page_.substr(cursor_, kSearchWindow - 1 + word.size()).find(word);
    return at == std::string_view::npos ? at : cursor_ + at;
  }

  std::string_view page_;
  const std::vector<std::pair<size_t, size_t>>* to_file_;
  DocumentBuilder* builder_;
  size_t cursor_ = 0;
  std::string block_, prefix_;
  std::vector<std::pair<size_t, size_t>> anchors_;  // (offset in block_, page offset)
  std::pair<size_t, size_t> last_anchor_{0, 0};     // (text, file) last added
  bool pending_space_ = false;
  bool in_cell_ = false;  // in a table cell or caption: blocks are inline
};

// Returns the first element named `name` at or under `root`, in document
// order, or null.
const xmlNode* FindElement(const xmlNode* root, const char* name) {
  if (!root) return nullptr;
  if (NameIs(root, name)) return root;
  const xmlNode* found = nullptr;
  Traverse(
      root,
      [&](const xmlNode* n) {
        if (found || n->type != XML_ELEMENT_NODE) return false;
        if (NameIs(n, name)) found = n;
        return !found;
      },
      [](const xmlNode*) {});
  return found;
}

// The page's main text when it does not mark it: from `body` down, the
// element holding most of the running text (paragraphs, list items,
// headings, furniture excluded), as deep as one holds nearly all of it
// (wrappers are passed through, sidebars left behind). Weights are summed
// once, bottom-up, so the search is linear in the page.
const xmlNode* DensestBlock(const xmlNode* body) {
  std::unordered_map<const xmlNode*, size_t> text, weight;
  auto leave = [&](const xmlNode* n) {
    if (n->type != XML_ELEMENT_NODE) return;
    size_t t = 0, w = 0;
    for (const xmlNode* c = n->children; c; c = c->next) {
      if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
        t += c->content ? std::strlen(reinterpret_cast<const char*>(c->content)) : 0;
      } else if (c->type == XML_ELEMENT_NODE) {
        t += text[c];
        if (IsFurniture(c)) continue;
        w += NameIn(c, {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"})
                 ? text[c]
                 : weight[c];
      }
    }
    text[n] = t;
    weight[n] = w;
  };
  Traverse(
      body, [](const xmlNode* n) { return n->type == XML_ELEMENT_NODE; }, leave);
  leave(body);

  constexpr double kShare = 0.8;
  const xmlNode* best = body;
  for (bool deeper = true; deeper;) {
    deeper = false;
    size_t total = weight[best];
    for (const xmlNode* c = best->children; c; c = c->next) {
      if (c->type != XML_ELEMENT_NODE || IsFurniture(c)) continue;
      if (total > 0 && weight[c] >= kShare * total && !NameIn(c, {"p", "li"})) {
        best = c;
        deeper = true;
        break;
      }
    }
  }
  return best;
}

// The page as UTF-8, and how it was read.
struct Page {
  // The page decoded or repaired, when it had to be; else the file's own
  // bytes (after any byte-order mark) are read in place, not copied.
  std::string repaired;
  bool is_repaired = false;
  size_t skip = 0;  // the byte-order mark's length
  // Offsets of `utf8` to the file's, when the file is UTF-8.
  std::vector<std::pair<size_t, size_t>> to_file;
  bool file_bytes = true;
  std::string note;

  std::string_view Utf8(std::string_view bytes) const {
    return is_repaired ? std::string_view(repaired) : bytes.substr(skip);
  }
};

// Returns whether CleanUtf8 would change `s`: an ill-formed sequence, or a
// control character but tab, line feed, CR and form feed (C1 controls are
// U+0080-U+009F, written C2 80 to C2 9F).
bool NeedsRepair(std::string_view s) {
  if (FindInvalidUtf8(s) != std::string_view::npos) return true;
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 &&
        std::string_view("\t\n\r\f").find(static_cast<char>(c)) == std::string_view::npos)
      return true;
    if (c == 0x7F) return true;
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) <= 0x9F)
      return true;
  }
  return false;
}

// The charset named by a `<meta>` or an XML declaration near the start of
// the page, lower-cased, or "".
std::string DeclaredCharset(std::string_view bytes) {
  static const RE2* meta =
      new RE2(R"((?is)<meta\b[^>]*?charset\s*=\s*["']?\s*([a-z0-9._:-]+))");
  static const RE2* xml =
      new RE2(R"((?is)^\s*<\?xml\b[^>]*?encoding\s*=\s*["']([a-z0-9._:-]+)["'])");
  re2::StringPiece head(bytes.data(), std::min<size_t>(bytes.size(), 4096));
  std::string name;
  if (!RE2::PartialMatch(head, *xml, &name)) RE2::PartialMatch(head, *meta, &name);
  for (char& c : name) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return name;
}

Page Decode(std::string_view bytes) {
  Page page;
  std::string encoding = "utf-8", why;
  size_t skip = 0;
  if (auto bom = ByteOrderMark(bytes)) {
    encoding = bom->first;
    skip = bom->second;
    why = "byte-order mark";
  } else if (std::string declared = DeclaredCharset(bytes); !declared.empty()) {
    why = "declared in the page";
    encoding = declared;
    // As browsers do: Latin-1 and ASCII labels mean windows-1252 (so 0x93 is
    // a quotation mark), and a UTF-16 label without a byte-order mark is
    // wrong, since the label itself was read as ASCII.
    for (const char* latin : {"iso-8859-1", "iso8859-1", "latin1", "l1", "us-ascii",
                              "ascii", "iso_8859-1", "cp1252", "x-cp1252"}) {
      if (encoding == latin) encoding = "windows-1252";
    }
    if (encoding.starts_with("utf-16") || encoding == "utf8" || encoding == "unicode")
      encoding = "utf-8";
  }
  page.skip = skip;
  CleanText clean;
  std::optional<std::string> decoded;
  if (encoding != "utf-8" && encoding != "UTF-8") {
    decoded = DecodeToUtf8(bytes.substr(skip), encoding);
    if (!decoded) {
      // Browsers ignore a label they do not know; so do we, and say so.
      page.note = fmt::format("unknown charset '{}' declared; read as UTF-8", encoding);
      encoding = "utf-8";
    }
  }
  if (decoded) {
    clean = CleanUtf8(*decoded);
    page.file_bytes = false;
    page.note = fmt::format("read as {} ({}); positions refer to the extracted text",
                            encoding, why);
  } else if (!NeedsRepair(bytes.substr(skip))) {
    if (skip > 0) page.to_file.emplace_back(0, skip);
    return page;
  } else {
    clean = CleanUtf8(bytes.substr(skip));
    if (skip > 0 || !clean.anchors.empty()) {
      page.to_file.emplace_back(0, skip);
      for (const auto& [at, file] : clean.anchors)
        page.to_file.emplace_back(at, file + skip);
    }
  }
  if (std::string note = CleanNote(clean); !note.empty()) {
    page.note += (page.note.empty() ? "" : "; ") + note;
  }
  page.repaired = std::move(clean.text);
  page.is_repaired = true;
  return page;
}

// Collects the errors libxml2 reports as fatal while one page is parsed.
struct ParseErrors {
  std::string first;
  int line = 0;

  static void Handle(void* self, xmlErrorPtr error) {
    auto* errors = static_cast<ParseErrors*>(self);
    if (!error || !errors->first.empty()) return;
    if (error->level == XML_ERR_FATAL || error->code == XML_ERR_NO_MEMORY) {
      errors->first = error->message ? error->message : "unknown error";
      while (!errors->first.empty() && errors->first.back() == '\n')
        errors->first.pop_back();
      errors->line = error->line;
    }
  }
};

}  // namespace

Result<Document> LoadHtml(std::string path, std::string bytes) {
  Page page = Decode(bytes);
  std::string_view utf8 = page.Utf8(bytes);
  if (utf8.size() > static_cast<size_t>(INT32_MAX)) {
    return Status::InvalidInput(fmt::format("{}: the page is over 2 GB", path));
  }

  // Tag soup is recovered from as a browser would; only fatal errors (out
  // of memory, a limit) refuse the page.
  ParseErrors errors;
  xmlSetStructuredErrorFunc(&errors, ParseErrors::Handle);
  std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> html(
      htmlReadMemory(utf8.data(), static_cast<int>(utf8.size()), path.c_str(), "UTF-8",
                     HTML_PARSE_RECOVER | HTML_PARSE_NONET | XML_PARSE_HUGE),
      xmlFreeDoc);
  xmlSetStructuredErrorFunc(nullptr, nullptr);
  if (!errors.first.empty()) {
    return Status::InvalidInput(fmt::format("{}: cannot read the HTML page: {} (line {})",
                                            path, errors.first, errors.line));
  }
  if (!html)
    return Status::InvalidInput(fmt::format("{}: not a readable HTML page", path));
  const xmlNode* root = xmlDocGetRootElement(html.get());
  if (!root)
    return Status::InvalidInput(fmt::format("{}: no text in the HTML page", path));
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
  builder.SetOffsetsAreFileBytes(page.file_bytes);
  if (!page.note.empty()) builder.AddNote(page.note);
  Walker walker(utf8, page.file_bytes ? &page.to_file : nullptr, &builder);
  // Start looking for words where the content element opens in the page.
  std::string open = "<" + std::string(reinterpret_cast<const char*>(content->name));
  size_t at = utf8.find(open);
  walker.SetCursor(at == std::string::npos ? 0 : at);
  walker.Walk(content);
  // The tree and the decoded page can be several times the text: gone
  // before the document's indexes are built.
  html.reset();
  std::string().swap(page.repaired);
  // Lines and columns then count the page as its author sees it (the
  // document keeps where its lines start, not its bytes).
  if (page.file_bytes) builder.SetFileBytes(std::move(bytes));
  std::string().swap(bytes);
  if (builder.text().empty()) {
    return Status::InvalidInput(fmt::format("{}: no text in the HTML page", path));
  }
  // The text grew by doubling: kept at its size, as a text file's is.
  builder.SetText(std::string(builder.text()));
  builder.ParseLines();
  return builder.Finish();
}

}  // namespace claimtrace
