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
// No tree is built: the page is parsed twice through libxml2's SAX
// interface, once to find the content element, once to read it, each
// keeping only the elements open at the parser's position (and a table
// until it ends), so memory beyond the page and its text stays small. The
// parser's depth and text-node limits are lifted (XML_PARSE_HUGE), so a
// deeply nested page or a huge text node is read whole; past 512 open
// elements the passes see the page as Chromium builds it (a deeper element
// is the sibling of the one before it), so their stacks stay bounded. Any
// error libxml2 reports as fatal refuses the page.
#include <fmt/format.h>
#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "load/document_builder.h"
#include "load/loaders.h"
#include "load/utf8.h"

namespace claimtrace {
namespace {

// Returns whether `name` is one of `names` (element names come lower-cased
// from libxml2's HTML parser).
bool NameIn(std::string_view name, std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Returns the value of attribute `name` of an element, lower-cased, or ""
// (`atts` is the parser's null-terminated list of names and values).
std::string Attribute(const xmlChar** atts, const char* name) {
  for (const xmlChar** a = atts; a && a[0]; a += 2) {
    if (xmlStrcasecmp(a[0], reinterpret_cast<const xmlChar*>(name)) != 0) continue;
    std::string out(a[1] ? reinterpret_cast<const char*>(a[1]) : "");
    for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return out;
  }
  return "";
}

// Elements that are never main content. Hidden ones are not among them: see
// the rule at the top of the file.
bool IsFurniture(std::string_view name, const xmlChar** atts) {
  if (NameIn(name, {"nav", "header", "footer", "aside", "script", "style", "form", "svg",
                    "iframe", "button", "select"})) {
    return true;
  }
  for (const char* attr : {"id", "class", "role"}) {
    std::string v = Attribute(atts, attr);
    for (const char* word : {"cookie", "consent", "banner", "navigation", "menu",
                             "breadcrumb", "share", "newsletter"}) {
      if (v.find(word) != std::string::npos) return true;
    }
  }
  return false;
}

bool IsBlock(std::string_view name) {
  return NameIn(name, {"p",          "li",     "h1",      "h2",         "h3",   "h4",
                       "h5",         "h6",     "tr",      "blockquote", "dd",   "dt",
                       "figcaption", "div",    "section", "article",    "main", "ul",
                       "ol",         "table",  "tbody",   "thead",      "body", "pre",
                       "address",    "caption"});
}

bool IsCell(std::string_view name) { return name == "td" || name == "th"; }

// A page's elements and text in document order, as libxml2's HTML parser
// reports them (its SAX interface): no tree is built.
class HtmlEvents {
 public:
  virtual ~HtmlEvents() = default;
  virtual void Open(std::string_view name, const xmlChar** atts) = 0;
  virtual void Close() = 0;
  // A text node's content, as the tree would hold it: adjacent pieces the
  // parser reports apart are joined (a word may come in several).
  virtual void Text(std::string_view text) = 0;
};

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

// Feeds libxml2's SAX callbacks to an HtmlEvents, joining text as the tree
// builder would: a text node ends at an element's start or end, a comment,
// a processing instruction or a CDATA block (script and style contents).
class SaxDriver {
 public:
  explicit SaxDriver(HtmlEvents* events) : events_(events) {}

  // Parses `utf8` (already UTF-8: a `<meta charset>` in it is not obeyed
  // again) with the options the page was always read with: tag soup
  // recovered from as a browser would, nothing fetched, and the parser's
  // depth and text-node limits lifted. Only fatal errors (out of memory, a
  // limit) refuse the page.
  Status Parse(std::string_view utf8, const std::string& path) {
    std::unique_ptr<htmlParserCtxt, decltype(&htmlFreeParserCtxt)> ctxt(
        htmlNewParserCtxt(), htmlFreeParserCtxt);
    // The page is read in as the parser asks for it, and dropped once
    // parsed (libxml2 copies a page given to it whole).
    std::string_view unread = utf8;
    xmlParserInputBufferPtr buffer =
        ctxt ? xmlParserInputBufferCreateIO(&ReadSome, nullptr, &unread,
                                            XML_CHAR_ENCODING_NONE)
             : nullptr;
    xmlParserInputPtr input =
        buffer ? xmlNewIOInputStream(ctxt.get(), buffer, XML_CHAR_ENCODING_NONE)
               : nullptr;
    if (!input) {
      if (buffer) xmlFreeParserInputBuffer(buffer);
      return Status::InvalidInput(fmt::format("{}: not a readable HTML page", path));
    }
    inputPush(ctxt.get(), input);
    htmlSAXHandler sax{};  // zeroed: the initialiser skips a handler marked as done
    xmlSAX2InitHtmlDefaultSAXHandler(&sax);
    sax.startElement = &SaxDriver::OnStart;
    sax.endElement = &SaxDriver::OnEnd;
    sax.characters = &SaxDriver::OnCharacters;
    sax.cdataBlock = &SaxDriver::OnCdata;
    sax.comment = &SaxDriver::OnComment;
    sax.processingInstruction = &SaxDriver::OnInstruction;
    sax.internalSubset = &SaxDriver::OnDoctype;
    *ctxt->sax = sax;
    ctxt->_private = this;
    htmlCtxtUseOptions(ctxt.get(), HTML_PARSE_RECOVER | HTML_PARSE_NONET |
                                       XML_PARSE_HUGE | HTML_PARSE_IGNORE_ENC);
    // UTF-8 as it is: no converter copying it.
    xmlSwitchEncoding(ctxt.get(), XML_CHAR_ENCODING_UTF8);
    ParseErrors errors;
    xmlSetStructuredErrorFunc(&errors, ParseErrors::Handle);
    htmlParseDocument(ctxt.get());
    xmlSetStructuredErrorFunc(nullptr, nullptr);
    EndText();
    if (root_held_) CloseEvent();
    if (ctxt->myDoc) xmlFreeDoc(ctxt->myDoc);  // the empty document SAX2 starts
    ctxt->myDoc = nullptr;
    if (!errors.first.empty()) {
      return Status::InvalidInput(
          fmt::format("{}: cannot read the HTML page: {} (line {})", path, errors.first,
                      errors.line));
    }
    return Status();
  }

 private:
  static int ReadSome(void* context, char* out, int len) {
    auto* unread = static_cast<std::string_view*>(context);
    size_t n = std::min(unread->size(), static_cast<size_t>(std::max(len, 0)));
    std::memcpy(out, unread->data(), n);
    unread->remove_prefix(n);
    return static_cast<int>(n);
  }
  static SaxDriver* Self(void* ctx) {
    return static_cast<SaxDriver*>(static_cast<htmlParserCtxtPtr>(ctx)->_private);
  }
  static void OnStart(void* ctx, const xmlChar* name, const xmlChar** atts) {
    SaxDriver* self = Self(ctx);
    self->EndText();
    if (self->depth_++ == 0 && !self->seen_root_) {
      self->seen_root_ = self->in_first_root_ = true;
      self->root_first_ = !self->node_before_root_;
    }
    // Past kMaxDepth an element takes the place of the one open at that
    // depth, as its sibling.
    if (self->depth_ > kMaxDepth) self->CloseEvent();
    self->events_->Open(name ? reinterpret_cast<const char*>(name) : "", atts);
    ++self->open_;
  }
  // The tree builder puts an element begun after the root has ended inside
  // the root, when the root is the document's first node (no doctype or
  // comment before it); else beside it. So the root's end is held back
  // until the page ends, or until a doctype comes first.
  static void OnEnd(void* ctx, const xmlChar*) {
    SaxDriver* self = Self(ctx);
    self->EndText();
    if (--self->depth_ == 0 && self->in_first_root_) {
      self->in_first_root_ = false;
      if (self->root_first_) {
        self->root_held_ = true;
        return;
      }
    }
    // An element past kMaxDepth stays open until a sibling takes its place
    // or the parser climbs back above that depth.
    if (self->open_ > self->depth_ + (self->root_held_ ? 1 : 0)) self->CloseEvent();
  }
  static void OnDoctype(void* ctx, const xmlChar* name, const xmlChar* external_id,
                        const xmlChar* system_id) {
    xmlSAX2InternalSubset(ctx, name, external_id, system_id);
    SaxDriver* self = Self(ctx);
    self->EndText();
    self->NodeOutside();
    self->root_first_ = false;  // the doctype becomes the document's first node
    if (self->root_held_) {
      self->root_held_ = false;
      self->CloseEvent();
    }
  }
  static void OnCharacters(void* ctx, const xmlChar* ch, int len) {
    SaxDriver* self = Self(ctx);
    // Text outside every element is dropped by the tree builder, and so is
    // a text node's rest after a NUL (a character reference can make one).
    if (self->depth_ == 0 || self->after_nul_) return;
    std::string_view piece(reinterpret_cast<const char*>(ch), static_cast<size_t>(len));
    if (size_t nul = piece.find('\0'); nul != std::string_view::npos) {
      piece = piece.substr(0, nul);
      self->after_nul_ = true;
    }
    self->text_ += piece;
    // A long node is passed on as it comes, up to its last white space.
    if (self->text_.size() > kMaxBlockBytes) {
      size_t end = self->text_.find_last_of(" \t\r\n\f");
      end = end == std::string::npos ? self->text_.size() : end + 1;
      self->events_->Text(std::string_view(self->text_).substr(0, end));
      self->text_.erase(0, end);
    }
  }
  static void OnCdata(void* ctx, const xmlChar* ch, int len) {
    SaxDriver* self = Self(ctx);
    self->EndText();
    OnCharacters(ctx, ch, len);
    self->EndText();
  }
  static void OnComment(void* ctx, const xmlChar*) {
    Self(ctx)->EndText();
    Self(ctx)->NodeOutside();
  }
  static void OnInstruction(void* ctx, const xmlChar*, const xmlChar*) {
    Self(ctx)->EndText();
    Self(ctx)->NodeOutside();
  }

  // A node not in an element: before the root, it comes first.
  void NodeOutside() {
    if (depth_ == 0 && !seen_root_) node_before_root_ = true;
  }

  void EndText() {
    after_nul_ = false;
    if (text_.empty()) return;
    events_->Text(text_);
    text_.clear();
  }

  void CloseEvent() {
    events_->Close();
    --open_;
  }

  // Chromium's HTML parser nests elements 512 deep at most; a deeper one is
  // made the sibling of the one before it. So do the passes: a page nested
  // a million deep is read whole (every element still makes its block),
  // with a bounded stack.
  static constexpr int kMaxDepth = 512;
  HtmlEvents* events_;
  std::string text_;        // the text node being read (its rest, once long)
  bool after_nul_ = false;  // the node has had a NUL
  int depth_ = 0;           // elements open in the parser
  int open_ = 0;            // elements open in the events: depth_ up to kMaxDepth
  bool seen_root_ = false, in_first_root_ = false;
  bool node_before_root_ = false;  // a doctype, comment or PI before the root
  bool root_first_ = false;        // the root is the document's first node
  bool root_held_ = false;         // the root has ended, its end not passed on
};

// The first pass: which element holds the page's main content. The first
// `main`, else the first `article`, of the root element; else, from `body`
// down (or the root without one), the element holding most of the running
// text (paragraphs, list items, headings, furniture excluded), as deep as
// one holds nearly all of it (wrappers are passed through, sidebars left
// behind). Weights are summed bottom-up as elements end, so the search is
// linear in the page and keeps only the open elements.
class ContentFinder : public HtmlEvents {
 public:
  // The element's number in document order (0 for the first), or npos
  // when the page has no element.
  size_t Content() const {
    if (main_ != kNone) return main_;
    if (article_ != kNone) return article_;
    return body_target_ != kNone ? body_target_ : root_target_;
  }

  void Open(std::string_view name, const xmlChar** atts) override {
    size_t ordinal = next_++;
    if (open_.empty()) in_root_ = !seen_root_, seen_root_ = true;
    if (in_root_) {
      if (name == "main" && main_ == kNone) main_ = ordinal;
      if (name == "article" && article_ == kNone) article_ = ordinal;
      if (name == "body" && body_ == kNone) body_ = ordinal;
    }
    Frame f;
    f.ordinal = ordinal;
    f.root = open_.empty() && in_root_;
    f.furniture = IsFurniture(name, atts);
    f.running =
        NameIn(name, {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"});
    f.may_descend = !NameIn(name, {"p", "li"});
    open_.push_back(f);
  }

  void Close() override {
    if (open_.empty()) return;
    Frame f = open_.back();
    open_.pop_back();
    constexpr double kShare = 0.8;
    size_t target = f.ordinal;
    if (f.weight > 0 && f.best != kNone && f.best_weight >= kShare * f.weight)
      target = f.best;
    if (f.ordinal == body_) body_target_ = target;
    if (f.root) root_target_ = target;
    if (open_.empty()) return;
    Frame& parent = open_.back();
    parent.text += f.text;
    if (f.furniture) return;
    parent.weight += f.running ? f.text : f.weight;
    // At most one child can hold kShare of its parent's weight (a child's
    // weight is at most what it adds to its parent's), and it is then the
    // heaviest: the first heaviest is kept.
    if (f.may_descend && (parent.best == kNone || f.weight > parent.best_weight)) {
      parent.best = target;
      parent.best_weight = f.weight;
    }
  }

  void Text(std::string_view text) override {
    if (!open_.empty()) open_.back().text += text.size();
  }

  void Finish() {
    while (!open_.empty()) Close();
  }

 private:
  static constexpr size_t kNone = std::string::npos;
  struct Frame {
    size_t ordinal = 0;
    size_t text = 0, weight = 0;
    size_t best = kNone;  // where the heaviest child that may hold it leads
    size_t best_weight = 0;
    bool root = false, furniture = false, running = false, may_descend = false;
  };
  std::vector<Frame> open_;
  size_t next_ = 0;
  bool seen_root_ = false, in_root_ = false;
  size_t main_ = kNone, article_ = kNone, body_ = kNone;
  size_t body_target_ = kNone, root_target_ = kNone;
};

// Maps an offset in the cleaned page back to the file (see CleanText).
size_t MapOffset(const std::vector<std::pair<size_t, size_t>>& anchors, size_t at) {
  auto it = std::upper_bound(
      anchors.begin(), anchors.end(), at,
      [](size_t t, const std::pair<size_t, size_t>& a) { return t < a.first; });
  if (it == anchors.begin()) return at;
  --it;
  return it->second + (at - it->first);
}

// The second pass: the content element's blocks, appended to the builder
// as they are read. Its tables are held until they end, since a table's
// captions come before its rows whatever their place in the page, and
// cells written outside a row (`<td>` straight under `<tbody>`) make one
// row with the first of them.
class Walker : public HtmlEvents {
 public:
  // `page` is the UTF-8 page parsed; `to_file` maps its offsets to file
  // offsets, or is null when positions are not file bytes. `content` is
  // the content element's number in document order.
  Walker(std::string_view page, const std::vector<std::pair<size_t, size_t>>* to_file,
         size_t content, DocumentBuilder* builder)
      : page_(page), to_file_(to_file), content_(content), builder_(builder) {}

  void Open(std::string_view name, const xmlChar** atts) override {
    size_t ordinal = next_++;
    Mode parent = open_.empty() ? Mode::kOutside : open_.back().mode;
    Frame f;
    switch (parent) {
      case Mode::kOutside:
        f.mode = Mode::kOutside;
        if (ordinal == content_) {
          // Start looking for words where the content element opens.
          size_t at = page_.find("<" + std::string(name));
          cursor_ = at == std::string::npos ? 0 : at;
          f.mode = Mode::kContent;
        }
        break;
      case Mode::kSkip:
        f.mode = Mode::kSkip;
        break;
      case Mode::kContent:
      case Mode::kFlow:
        f = EnterFlow(name, atts);
        break;
      case Mode::kInline:
      case Mode::kCell:
      case Mode::kCaption:
        f = EnterInline(name, atts);
        break;
      case Mode::kTable:
      case Mode::kSection:
      case Mode::kRow:
        f = EnterTablePart(name, atts);
        break;
    }
    f.ordinal = ordinal;
    open_.push_back(f);
  }

  void Close() override {
    if (open_.empty()) return;
    Frame f = open_.back();
    open_.pop_back();
    switch (f.mode) {
      case Mode::kContent:
        Flush();
        break;
      case Mode::kFlow:
        if (f.block) Flush();
        break;
      case Mode::kInline:
        if (f.block) pending_space_ = true;
        break;
      case Mode::kCell:
        table_.groups[f.group].back().text = TakeFragment();
        break;
      case Mode::kCaption:
        table_.captions.push_back(TakeFragment());
        break;
      case Mode::kTable:
        EndTable();
        break;
      default:
        break;
    }
  }

  // Closes what the parser left open, and ends the last block.
  void Finish() {
    while (!open_.empty()) Close();
    Flush();
  }

  void Text(std::string_view text) override {
    if (open_.empty()) return;
    Mode mode = open_.back().mode;
    if (mode == Mode::kContent || mode == Mode::kFlow || mode == Mode::kInline ||
        mode == Mode::kCell || mode == Mode::kCaption) {
      AddText(text);
    }
  }

 private:
  enum class Mode {
    kOutside,  // not in the content element
    kSkip,     // furniture, or what a table's structure leaves out
    kContent,  // the content element: its children are read, not itself
    kFlow,     // blocks of running text
    kInline,   // in a table cell or caption: blocks are words apart
    kTable,    // a table's structure: captions, sections, rows, cells
    kSection,  // thead, tbody, tfoot
    kRow,      // tr
    kCell,     // a cell of a row
    kCaption,  // a caption of a table
  };
  struct Frame {
    Mode mode = Mode::kOutside;
    bool block = false;  // kFlow: ends a block; kInline: words apart after it
    int group = -1;      // kTable, kSection, kRow, kCell: the cells' group
    size_t ordinal = 0;
  };
  // Text with its anchors (AddAnchor), relative to its start.
  struct Fragment {
    std::string text;
    std::vector<std::pair<size_t, size_t>> anchors;
  };
  struct Cell {
    RawCell raw;
    Fragment text;
  };
  // A table being read: its captions, and its rows, each a group of cells
  // (a tr's, or those written straight under a table or section).
  struct PendingTable {
    std::vector<Fragment> captions;
    std::vector<std::vector<Cell>> groups;
    std::vector<int> rows;           // groups in the order rows are met
    size_t loose_parent = SIZE_MAX;  // the element whose loose cells were last met
  };

  Frame EnterFlow(std::string_view name, const xmlChar** atts) {
    Frame f;
    f.mode = Mode::kFlow;
    if (IsFurniture(name, atts)) {
      f.mode = Mode::kSkip;
    } else if (name == "br") {
      pending_space_ = true;
      f.mode = Mode::kSkip;
    } else if (name == "table") {
      Flush();
      table_ = PendingTable();
      f.mode = Mode::kTable;
      f.group = NewGroup();
    } else if (IsCell(name)) {  // a cell outside any <table>
      if (BlockStarted()) block_ += '\t';
      pending_space_ = false;
    } else if (IsBlock(name)) {
      Flush();
      if (name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6') {
        prefix_ = std::string(static_cast<size_t>(name[1] - '0'), '#') + " ";
      } else if (name == "li") {
        prefix_ = "- ";
      }
      f.block = true;
    }
    return f;
  }

  Frame EnterInline(std::string_view name, const xmlChar** atts) {
    Frame f;
    f.mode = Mode::kInline;
    if (IsFurniture(name, atts)) {
      f.mode = Mode::kSkip;
    } else if (name == "br") {
      pending_space_ = true;
      f.mode = Mode::kSkip;
    } else if (IsBlock(name) || IsCell(name)) {
      pending_space_ = true;
      f.block = true;
    }
    return f;
  }

  // An element inside a table's structure (not in a cell): what the table
  // reads of it. Rows are its tr and sections' tr; captions only its own.
  Frame EnterTablePart(std::string_view name, const xmlChar** atts) {
    Frame& parent = open_.back();
    Frame f;
    f.mode = Mode::kSkip;
    if (name == "caption" && parent.mode == Mode::kTable) {
      f.mode = Mode::kCaption;
      pending_space_ = false;
    } else if (name == "tr" && parent.mode != Mode::kRow) {
      f.mode = Mode::kRow;
      f.group = NewGroup();
      table_.rows.push_back(f.group);
    } else if (NameIn(name, {"thead", "tbody", "tfoot"}) && parent.mode != Mode::kRow) {
      f.mode = Mode::kSection;
      f.group = NewGroup();
    } else if (IsCell(name)) {
      if (parent.mode != Mode::kRow && table_.loose_parent != parent.ordinal) {
        table_.rows.push_back(parent.group);
        table_.loose_parent = parent.ordinal;
      }
      f.mode = Mode::kCell;
      f.group = parent.group;
      Cell cell;
      cell.raw.header = name == "th";
      std::string scope = Attribute(atts, "scope");
      if (scope == "row" || scope == "rowgroup") cell.raw.scope = RawCell::Scope::kRow;
      if (scope == "col" || scope == "colgroup") cell.raw.scope = RawCell::Scope::kColumn;
      cell.raw.row_span = Span(atts, "rowspan");
      cell.raw.column_span = Span(atts, "colspan");
      table_.groups[f.group].push_back(std::move(cell));
      pending_space_ = false;
    }
    return f;
  }

  int NewGroup() {
    table_.groups.emplace_back();
    return static_cast<int>(table_.groups.size() - 1);
  }

  static int Span(const xmlChar** atts, const char* name) {
    std::string v = Attribute(atts, name);
    if (v.empty()) return 1;
    int n = 0;
    for (char c : v) {
      if (c < '0' || c > '9') break;
      n = std::min(n * 10 + (c - '0'), kMaxSpan);
    }
    // rowspan="0" spans to the end of the table; ResolveTable bounds it.
    return n == 0 && std::string_view(name) == "rowspan" ? kMaxSpan : std::max(n, 1);
  }

  // Returns the text read since the last block, cell or caption ended.
  Fragment TakeFragment() {
    Fragment out{std::move(block_), std::move(anchors_)};
    block_.clear();
    anchors_.clear();
    pending_space_ = false;
    return out;
  }

  // A table: its captions as blocks, each row as a block of tab-separated
  // cells, and the cells (with <th>, scope, rowspan, colspan) as a table.
  void EndTable() {
    PendingTable table = std::move(table_);
    table_ = PendingTable();
    RawTable raw;
    for (Fragment& caption : table.captions) {
      block_ = std::move(caption.text);
      anchors_ = std::move(caption.anchors);
      size_t size = block_.size();
      size_t at = Flush();
      if (at != std::string::npos) raw.caption = {at, at + size};
    }
    for (int group : table.rows) {
      const std::vector<Cell>& row = table.groups[group];
      if (row.empty()) continue;
      std::vector<RawCell> cells;
      for (const Cell& cell : row) {
        if (!cells.empty()) block_ += '\t';
        size_t begin = block_.size();
        for (const auto& [offset, file] : cell.text.anchors)
          AddAnchor(begin + offset, file);
        block_ += cell.text.text;
        cells.push_back(cell.raw);
        cells.back().range = {begin, block_.size()};
      }
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
    Spill();
    size_t at = block_at_;
    block_at_ = std::string::npos;
    prefix_.clear();
    pending_space_ = false;
    return at;
  }
  // Moves the block's text read so far to the builder's text: at its end, or
  // when it has grown past kMaxBlockBytes (the builder cuts it), so a text
  // node of megabytes is not held twice.
  void Spill() {
    if (block_.empty()) return;
    if (block_at_ == std::string::npos) {
      if (!builder_->text().empty()) builder_->AppendText("\n\n");
      block_at_ = builder_->AppendText(prefix_) + prefix_.size();
    }
    size_t at = builder_->text().size();
    for (const auto& [offset, file] : anchors_)
      builder_->AddFileAnchor(at + offset, file);
    builder_->AppendText(block_);
    block_.clear();
    anchors_.clear();
  }
  // Whether the block has text, held or spilled to the builder.
  bool BlockStarted() const { return !block_.empty() || block_at_ != std::string::npos; }
  // Whether the block so far ends in a word (not empty, not a cell's tab).
  bool EndsInWord() const {
    return BlockStarted() && (block_.empty() || block_.back() != '\t');
  }
  // Whether text read now goes to a table's cell or caption, which are held
  // until the table ends.
  bool InFragment() const {
    for (auto f = open_.rbegin(); f != open_.rend(); ++f) {
      if (f->mode != Mode::kInline)
        return f->mode == Mode::kCell || f->mode == Mode::kCaption;
    }
    return false;
  }
  // The file byte of page offset `page_at`, when positions are file bytes.
  size_t MapOffset(size_t page_at) const {
    return to_file_ ? claimtrace::MapOffset(*to_file_, page_at) : page_at;
  }
  // Notes that block_ offset `at` came from file byte `file_at`.
  void AddAnchor(size_t at, size_t file_at) {
    if (to_file_) AppendAnchor(&anchors_, at, file_at);
  }

  // Appends a text node's words, collapsing white space, and anchors each
  // word at its bytes in the page.
  void AddText(std::string_view text) {
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
      if (pending_space_ && EndsInWord()) block_ += ' ';
      pending_space_ = false;
      size_t found = FindNear(word);
      if (found != std::string_view::npos) {
        AddAnchor(block_.size(), MapOffset(found));
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
            AddAnchor(block_.size() + r, MapOffset(at));
            cursor_ = at + (e - r);
          }
          r = e;
        }
      }
      block_ += word;
      i = j;
      if (block_.size() > kMaxBlockBytes && !InFragment()) Spill();
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
  size_t content_;
  DocumentBuilder* builder_;
  std::vector<Frame> open_;  // the elements open where the parser is
  size_t next_ = 0;          // the next element's number in document order
  PendingTable table_;
  size_t cursor_ = 0;
  std::string block_, prefix_;
  // Where the block's text starts in the builder's text, once spilled.
  size_t block_at_ = std::string::npos;
  // (offset in block_, file offset) where the block stops following the file
  // linearly; empty when positions are not file bytes.
  std::vector<std::pair<size_t, size_t>> anchors_;
  bool pending_space_ = false;
};

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

}  // namespace

Result<Document> LoadHtml(std::string path, std::string bytes) {
  Page page = Decode(bytes);
  std::string_view utf8 = page.Utf8(bytes);
  if (utf8.size() > static_cast<size_t>(INT32_MAX)) {
    return Status::InvalidInput(fmt::format("{}: the page is over 2 GB", path));
  }

  // Two passes over the page, neither building its tree: which element is
  // the content, then its text.
  ContentFinder finder;
  if (Status parsed = SaxDriver(&finder).Parse(utf8, path); !parsed.ok()) return parsed;
  finder.Finish();
  size_t content = finder.Content();
  if (content == std::string::npos)
    return Status::InvalidInput(fmt::format("{}: no text in the HTML page", path));

  DocumentBuilder builder(path, DocumentFormat::kHtml);
  builder.HashFileBytes(bytes);
  builder.SetOffsetsAreFileBytes(page.file_bytes);
  if (!page.note.empty()) builder.AddNote(page.note);
  Walker walker(utf8, page.file_bytes ? &page.to_file : nullptr, content, &builder);
  if (Status parsed = SaxDriver(&walker).Parse(utf8, path); !parsed.ok()) return parsed;
  walker.Finish();
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
