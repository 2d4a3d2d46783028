// The Word loader: libzip opens the .docx, libxml2 reads word/document.xml.
// Each w:p is a block (a heading when its style is HeadingN, a list item when
// it is numbered), each table row a row with tab-separated cells, and each
// table a table (w:gridSpan spans columns, w:vMerge rows, w:tblHeader marks
// header rows). Tracked
// changes are read as if all were accepted: insertions kept, deletions and
// moved-from text dropped, and the document says so in a note. A comment
// reading `claimtrace: accept "reason"` becomes a `<!-- ... -->` block before
// its paragraph, the Markdown form of an inline acceptance.
// Positions refer to the extracted text (offsets_are_file_bytes() is false).
#include <fmt/format.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>
#include <zip.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <string>

#include "load/document_builder.h"
#include "load/loaders.h"
#include "load/utf8.h"

namespace claimtrace {
namespace {

bool Is(const xmlNode* n, const char* local) {
  return n && n->type == XML_ELEMENT_NODE && n->name &&
         std::strcmp(reinterpret_cast<const char*>(n->name), local) == 0;
}

// Returns the value of the attribute with local name `name` ("w:val").
std::string Attr(const xmlNode* n, const char* name) {
  for (xmlAttr* a = n->properties; a; a = a->next) {
    if (std::strcmp(reinterpret_cast<const char*>(a->name), name) == 0 && a->children) {
      return reinterpret_cast<const char*>(a->children->content);
    }
  }
  return "";
}

struct Reader {
  std::string text;
  std::vector<RawTable> tables;
  bool tracked = false;
  size_t controls = 0;  // control characters shown as visible symbols
  // Word comments that read "claimtrace: ...", by comment id: the paragraph
  // they are on gets them as an inline acceptance (see lib/inline_accept.h).
  std::map<std::string, std::string> claimtrace_comments;
  std::string pending_comment;  // a comment range opened between paragraphs

  // Returns the claimtrace comment anchored in or just before `p`, or "".
  std::string CommentOn(const xmlNode* p) {
    std::string found;
    std::swap(found, pending_comment);
    return found.empty() ? CommentIn(p->children) : found;
  }

  std::string CommentIn(const xmlNode* n) {
    for (; n; n = n->next) {
      if (Is(n, "commentRangeStart") || Is(n, "commentReference")) {
        auto it = claimtrace_comments.find(Attr(n, "id"));
        if (it != claimtrace_comments.end()) return it->second;
      } else if (n->type == XML_ELEMENT_NODE) {
        if (std::string inner = CommentIn(n->children); !inner.empty()) return inner;
      }
    }
    return "";
  }

  // Appends the visible text under `n`.
  void Runs(const xmlNode* n, std::string* out) {
    for (; n; n = n->next) {
      if (n->type != XML_ELEMENT_NODE) continue;
      if (Is(n, "del") || Is(n, "moveFrom") || Is(n, "delText")) {
        tracked = true;
        continue;
      }
      if (Is(n, "ins") || Is(n, "moveTo")) tracked = true;
      if (Is(n, "t")) {
        xmlChar* content = xmlNodeGetContent(n);
        if (content) {
          *out += reinterpret_cast<const char*>(content);
          xmlFree(content);
        }
        continue;
      }
      if (Is(n, "footnoteReference")) *out += "[" + Attr(n, "id") + "]";
      if (Is(n, "tab")) *out += ' ';
      if (Is(n, "br") || Is(n, "cr")) *out += ' ';
      if (Is(n, "pPr") || Is(n, "rPr")) continue;
      Runs(n->children, out);
    }
  }

  // Returns a paragraph's text, with a Markdown mark for its style unless it
  // sits in a table cell.
  std::string Paragraph(const xmlNode* p, bool in_cell = false) {
    std::string prefix;
    for (const xmlNode* c = p->children; c; c = c->next) {
      if (!Is(c, "pPr")) continue;
      for (const xmlNode* q = c->children; q; q = q->next) {
        if (Is(q, "pStyle")) {
          std::string style = Attr(q, "val");
          if (style.rfind("Heading", 0) == 0 && style.size() == 8 && style[7] >= '1' &&
              style[7] <= '6') {
            prefix = std::string(static_cast<size_t>(style[7] - '0'), '#') + " ";
          } else if (style == "Title") {
            prefix = "# ";
          }
        }
        if (Is(q, "numPr") && prefix.empty()) prefix = "- ";
      }
    }
    std::string out;
    Runs(p->children, &out);
    for (char& ch : out) {
      if (ch == '\n' || ch == '\t' || ch == '\r') ch = ' ';
    }
    // XML allows C1 controls (U+0080-U+009F) and most C0 ones escaped: shown
    // as visible symbols, as in every format, so none reaches a terminal.
    CleanText clean = CleanUtf8(out, "");
    if (clean.controls > 0 || clean.invalid > 0) {
      controls += clean.controls;
      out = std::move(clean.text);
    }
    return out.empty() || in_cell ? out : prefix + out;
  }

  // Appends a block; returns where it starts in `text`.
  size_t Block(const std::string& b) {
    if (b.find_first_not_of(" \t") == std::string::npos) return text.size();
    if (!text.empty()) text += "\n\n";
    size_t at = text.size();
    text += b;
    return at;
  }

  // A table: one line per row, cells separated by tabs, and the table's
  // cells for the document model. Word writes a cell merged down as an
  // empty w:tc with w:vMerge (no val) in each row below the one with
  // w:vMerge="restart"; those become the first cell's row span.
  void Table(const xmlNode* tbl) {
    struct Cell {
      RawCell raw;
      int column = 0;
      bool merged_down = false;  // a vMerge continuation: not a cell of its own
    };
    std::vector<std::vector<Cell>> rows;
    for (const xmlNode* tr = tbl->children; tr; tr = tr->next) {
      if (!Is(tr, "tr")) continue;
      bool header_row = false;
      std::vector<std::pair<std::string, Cell>> cells;
      int column = 0;
      for (const xmlNode* tc = tr->children; tc; tc = tc->next) {
        if (Is(tc, "trPr")) {
          for (const xmlNode* q = tc->children; q; q = q->next)
            header_row |=
                Is(q, "tblHeader") && Attr(q, "val") != "0" && Attr(q, "val") != "false";
        }
        if (!Is(tc, "tc")) continue;
        Cell cell;
        cell.column = column;
        std::string content;
        for (const xmlNode* c = tc->children; c; c = c->next) {
          if (Is(c, "tcPr")) {
            for (const xmlNode* q = c->children; q; q = q->next) {
              if (Is(q, "gridSpan"))
                cell.raw.column_span =
                    std::clamp(std::atoi(Attr(q, "val").c_str()), 1, kMaxSpan);
              if (Is(q, "vMerge")) cell.merged_down = Attr(q, "val") != "restart";
            }
          }
          if (Is(c, "p")) {
            std::string para = Paragraph(c, true);
            if (!para.empty()) content += (content.empty() ? "" : " ") + para;
          }
        }
        column += cell.raw.column_span;
        cells.emplace_back(std::move(content), cell);
      }
      if (cells.empty()) continue;
      // Lay the row out as tab-separated text; a lone cell gets a trailing
      // tab so the line still reads as a table row.
      std::string line;
      std::vector<Cell> row;
      for (auto& [content, cell] : cells) {
        if (!row.empty()) line += '\t';
        size_t begin = line.size() + content.find_first_not_of(' ');
        line += content;
        size_t end = line.size();
        while (end > begin && line[end - 1] == ' ') --end;
        if (content.find_first_not_of(' ') == std::string::npos)
          begin = end = line.size();
        cell.raw.range = {begin, end};
        cell.raw.header = header_row;
        row.push_back(cell);
      }
      if (row.size() == 1) line += '\t';
      bool blank = line.find_first_not_of(" \t") == std::string::npos;
      size_t at = Block(line);
      for (Cell& cell : row) {
        cell.raw.range = blank
                             ? Range{at, at}
                             : Range{at + cell.raw.range.begin, at + cell.raw.range.end};
      }
      rows.push_back(std::move(row));
    }
    RawTable table;
    for (size_t r = 0; r < rows.size(); ++r) {
      std::vector<RawCell> out;
      for (const Cell& cell : rows[r]) {
        if (cell.merged_down && r > 0) continue;
        RawCell raw = cell.raw;
        for (size_t below = r + 1; below < rows.size(); ++below) {
          bool continues = false;
          for (const Cell& c : rows[below])
            continues |= c.column == cell.column && c.merged_down;
          if (!continues) break;
          ++raw.row_span;
        }
        out.push_back(raw);
      }
      table.rows.push_back(std::move(out));
    }
    if (!table.rows.empty()) tables.push_back(std::move(table));
  }
};

// Word nests a few dozen elements deep at most (tables in tables); the
// reader recurses into a paragraph or a table, so deeper parts are refused
// rather than read.
constexpr int kMaxDepth = 1000;

// Returns how far below `top` its deepest node lies, without recursion.
int SubtreeDepth(const xmlNode* top) {
  int depth = 0, deepest = 0;
  const xmlNode* n = top;
  while (true) {
    if (n->children && n->type == XML_ELEMENT_NODE) {
      n = n->children;
      deepest = std::max(deepest, ++depth);
      continue;
    }
    while (n != top && !n->next) {
      n = n->parent;
      --depth;
    }
    if (n == top) return deepest;
    n = n->next;
  }
}

// The first fatal error libxml2 raises while one part is parsed (namespace
// slips are errors it recovers from, and so do we).
struct ParseError {
  std::string message;
  int line = 0;
  int code = 0;
  int open = 0;

  static void Handle(void* self, xmlErrorPtr error) {
    auto* e = static_cast<ParseError*>(self);
    if (!error || !e->message.empty() || error->level < XML_ERR_FATAL) return;
    e->message = error->message ? error->message : "unknown error";
    while (!e->message.empty() && e->message.back() == '\n') e->message.pop_back();
    e->line = error->line;
    e->code = error->code;
    // Elements still open when the part ended (the parser's context).
    if (error->domain == XML_FROM_PARSER && error->code == XML_ERR_DOCUMENT_END &&
        error->ctxt) {
      e->open = static_cast<xmlParserCtxtPtr>(error->ctxt)->nameNr;
    }
  }
};

// The inflated bytes of one entry, as libxml2's reader pulls them: never
// more than the size checked before inflating.
struct Inflater {
  zip_file_t* file = nullptr;
  uint64_t size = 0;  // as the archive states it
  uint64_t read = 0;
  bool damaged = false;

  static int Read(void* self, char* buffer, int length) {
    auto* in = static_cast<Inflater*>(self);
    uint64_t want =
        std::min<uint64_t>(static_cast<uint64_t>(length), in->size - in->read);
    if (want == 0) return 0;
    zip_int64_t got = zip_fread(in->file, buffer, want);
    if (got <= 0) {
      in->damaged = true;
      return -1;
    }
    in->read += static_cast<uint64_t>(got);
    return static_cast<int>(got);
  }
};

// What Stream() does with an element it reaches.
enum class Visit {
  kDescend,  // read on into its children, one node at a time
  kSubtree,  // hand it to `take` whole, then go on past it
};

// Streams one XML entry of the archive through libxml2's xmlTextReader, fed
// by zip_fread, so that neither the inflated part nor its tree is ever
// whole in memory: `decide(node, depth)` chooses for each element (its
// attributes read, not its children; the root is at depth 0) whether to go
// into it or take it whole (a paragraph, a table), and `take(node, depth)`
// gets such an element with its subtree, which is freed once passed.
//
// The uncompressed size is checked against the limit before anything is
// inflated (zip bombs), and a DTD is refused: Word never writes one, and
// its entities are how an XML bomb multiplies a few bytes into gigabytes.
// Entities are not substituted (no XML_PARSE_NOENT) and nothing is fetched
// (XML_PARSE_NONET); XML_PARSE_HUGE lifts libxml2's depth and text-node
// limits, which is safe here because the part's size is already bounded.
// A part nested deeper than kMaxDepth is read to its end (its depth is in
// the message) but nothing of it is taken.
template <typename Decide, typename Take>
Status Stream(zip_t* zip, const char* entry, const std::string& path,
              const LoadLimits& limits, Decide decide, Take take) {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(zip, entry, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE)) {
    return Status::InvalidInput(
        fmt::format("{}: cannot read {} (damaged zip)", path, entry));
  }
  uint64_t max_part = std::min<uint64_t>(limits.max_input_bytes, INT32_MAX);
  if (st.size > max_part) {
    return Status::InvalidInput(
        OverLimit(path, fmt::format("{} ({} uncompressed)", entry, FormatSize(st.size)),
                  max_part, limits.input_option));
  }
  std::unique_ptr<zip_file_t, decltype(&zip_fclose)> file(zip_fopen(zip, entry, 0),
                                                          zip_fclose);
  if (!file) {
    return Status::InvalidInput(
        fmt::format("{}: cannot read {} (damaged zip)", path, entry));
  }
  Inflater in{file.get(), st.size};
  std::unique_ptr<xmlTextReader, decltype(&xmlFreeTextReader)> reader(
      xmlReaderForIO(Inflater::Read, nullptr, &in, entry, nullptr,
                     XML_PARSE_NONET | XML_PARSE_HUGE),
      xmlFreeTextReader);
  if (!reader) {
    return Status::InvalidInput(fmt::format("{}: cannot read {}", path, entry));
  }
  ParseError error;
  xmlTextReaderSetStructuredErrorHandler(reader.get(), ParseError::Handle, &error);
  int deepest = 0;
  bool past = false;  // the reader is on an element taken whole: skip it
  int ret;
  while ((ret = past ? xmlTextReaderNext(reader.get())
                     : xmlTextReaderRead(reader.get())) == 1) {
    past = false;
    int type = xmlTextReaderNodeType(reader.get());
    int depth = xmlTextReaderDepth(reader.get());
    if (type == XML_READER_TYPE_DOCUMENT_TYPE) {
      return Status::InvalidInput(
          fmt::format("{}: {} declares a DTD, which Word never writes (an XML entity "
                      "bomb?); refused",
                      path, entry));
    }
    deepest = std::max(deepest, depth);
    if (type != XML_READER_TYPE_ELEMENT || deepest > kMaxDepth) continue;
    const xmlNode* node = xmlTextReaderCurrentNode(reader.get());
    if (decide(node, depth) == Visit::kDescend) continue;
    const xmlNode* tree = xmlTextReaderExpand(reader.get());
    if (!tree) break;
    deepest = std::max(deepest, depth + SubtreeDepth(tree));
    if (deepest <= kMaxDepth) take(tree, depth);
    past = true;
  }
  if (in.damaged || (ret == 0 && in.read != st.size && error.message.empty())) {
    return Status::InvalidInput(
        fmt::format("{}: cannot read {} (damaged zip)", path, entry));
  }
  // Read as a stream, a part cut short ends "with extra content": say what
  // happened instead, as the whole part read at once would.
  if (error.code == XML_ERR_DOCUMENT_END && error.open > 0) {
    error.message = "premature end of data: the part ends inside an element (cut short?)";
  }
  if (ret != 0 || !error.message.empty()) {
    return Status::InvalidInput(
        fmt::format("{}: broken XML in {} (line {}: {})", path, entry, error.line,
                    error.message.empty() ? "unreadable" : error.message));
  }
  if (deepest > kMaxDepth) {
    return Status::InvalidInput(
        fmt::format("{}: {} nests elements {} deep, over the limit of {} (Word documents "
                    "stay far below it); refused",
                    path, entry, deepest, kMaxDepth));
  }
  return Status();
}

}  // namespace

Result<Document> LoadDocx(std::string path, std::string bytes, const LoadLimits& limits) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* archive = source ? zip_open_from_source(source, ZIP_RDONLY, &error) : nullptr;
  if (!archive) {
    if (source) zip_source_free(source);
    zip_error_fini(&error);
    return Status::InvalidInput(
        fmt::format("{}: not a Word document (not a zip file)", path));
  }
  std::unique_ptr<zip_t, decltype(&zip_discard)> zip(archive, zip_discard);
  if (zip_name_locate(zip.get(), "word/document.xml", 0) < 0) {
    return Status::InvalidInput(
        fmt::format("{}: not a Word document (no word/document.xml inside)", path));
  }
  Reader reader;
  // Comments reading "claimtrace: accept ..." become inline acceptances; they
  // are read first, so that the body's paragraphs find them.
  if (zip_name_locate(zip.get(), "word/comments.xml", 0) >= 0) {
    Status read = Stream(
        zip.get(), "word/comments.xml", path, limits,
        [](const xmlNode*, int depth) {
          return depth == 0 ? Visit::kDescend : Visit::kSubtree;
        },
        [&](const xmlNode* n, int) {
          if (!Is(n, "comment")) return;
          std::string text;
          reader.Runs(n->children, &text);
          size_t at = text.find("claimtrace:");
          if (at == std::string::npos) return;
          std::string said = text.substr(at);
          // The comment ends the HTML-style comment the extractor skips.
          for (size_t dash; (dash = said.find("--")) != std::string::npos;) {
            said.replace(dash, 2, "- ");
          }
          reader.claimtrace_comments[Attr(n, "id")] = said;
        });
    if (!read.ok()) return read;
  }
  // The body: w:document > w:body > paragraphs and tables, which may sit in
  // w:sdt, w:customXml or w:ins (gone into); each paragraph and table is
  // read whole, one at a time.
  Status read = Stream(
      zip.get(), "word/document.xml", path, limits,
      [&](const xmlNode* n, int depth) {
        if (depth == 0) return Visit::kDescend;
        if (depth == 1) return Is(n, "body") ? Visit::kDescend : Visit::kSubtree;
        if (Is(n, "commentRangeStart") &&
            reader.claimtrace_comments.count(Attr(n, "id"))) {
          reader.pending_comment = reader.claimtrace_comments[Attr(n, "id")];
          return Visit::kSubtree;
        }
        if (Is(n, "p") || Is(n, "tbl")) return Visit::kSubtree;
        if (Is(n, "del") || Is(n, "moveFrom")) {
          reader.tracked = true;
          return Visit::kSubtree;
        }
        if (Is(n, "ins")) reader.tracked = true;
        return Visit::kDescend;
      },
      [&](const xmlNode* n, int depth) {
        if (depth < 2) return;
        if (Is(n, "p")) {
          std::string comment = reader.CommentOn(n);
          if (!comment.empty()) reader.Block("<!-- " + comment + " -->");
          reader.Block(reader.Paragraph(n));
        } else if (Is(n, "tbl")) {
          reader.Table(n);
        }
      });
  if (!read.ok()) return read;
  // Footnotes become a list under a heading, "[1] text", which the extractor
  // reads as the reference list the body's "[1]" markers point at.
  if (zip_name_locate(zip.get(), "word/footnotes.xml", 0) >= 0) {
    bool heading = false;
    Status notes = Stream(
        zip.get(), "word/footnotes.xml", path, limits,
        [](const xmlNode*, int depth) {
          return depth == 0 ? Visit::kDescend : Visit::kSubtree;
        },
        [&](const xmlNode* n, int) {
          if (!Is(n, "footnote") || std::atoi(Attr(n, "id").c_str()) < 1) return;
          std::string text;
          reader.Runs(n->children, &text);
          if (text.find_first_not_of(' ') == std::string::npos) return;
          if (!heading) reader.Block("# Footnotes"), heading = true;
          reader.Block("[" + Attr(n, "id") + "] " +
                       text.substr(text.find_first_not_of(' ')));
        });
    if (!notes.ok()) return notes;
  }
  if (reader.text.empty()) {
    return Status::InvalidInput(fmt::format("{}: the Word document has no text", path));
  }
  DocumentBuilder builder(std::move(path), DocumentFormat::kDocx);
  builder.HashFileBytes(bytes);
  builder.SetOffsetsAreFileBytes(false);
  if (reader.tracked) builder.AddNote("tracked changes: checked as if all were accepted");
  if (reader.controls > 0) builder.AddNote(ControlsNote(reader.controls));
  reader.text.shrink_to_fit();  // it grew by doubling
  builder.SetText(std::move(reader.text));
  for (const RawTable& table : reader.tables) builder.AddTable(table);
  builder.ParseLines();
  return builder.Finish();
}

}  // namespace claimtrace
