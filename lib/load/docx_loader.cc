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

  void Body(const xmlNode* n) {
    for (; n; n = n->next) {
      if (Is(n, "commentRangeStart") && claimtrace_comments.count(Attr(n, "id"))) {
        pending_comment = claimtrace_comments[Attr(n, "id")];
      } else if (Is(n, "p")) {
        std::string comment = CommentOn(n);
        if (!comment.empty()) Block("<!-- " + comment + " -->");
        Block(Paragraph(n));
      } else if (Is(n, "tbl")) {
        Table(n);
      } else if (n->type == XML_ELEMENT_NODE && !Is(n, "del") && !Is(n, "moveFrom")) {
        if (Is(n, "ins")) tracked = true;
        Body(n->children);  // w:sdt, w:customXml, w:ins around whole paragraphs
      } else if (Is(n, "del") || Is(n, "moveFrom")) {
        tracked = true;
      }
    }
  }
};

using XmlPtr = std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)>;

// Word nests a few dozen elements deep at most (tables in tables); the
// reader recurses, so deeper trees are refused rather than read.
constexpr int kMaxDepth = 1000;

// Returns the depth of the deepest element under `root`, without recursion.
int Depth(const xmlNode* root) {
  int depth = 0, deepest = 0;
  const xmlNode* n = root;
  while (n) {
    if (n->children && n->type == XML_ELEMENT_NODE) {
      n = n->children;
      deepest = std::max(deepest, ++depth);
      continue;
    }
    while (n && !n->next) {
      n = n->parent;
      --depth;
      if (n == root || depth < 0) return deepest;
    }
    n = n ? n->next : nullptr;
  }
  return deepest;
}

// The first fatal error libxml2 raises while one part is parsed (namespace
// slips are errors it recovers from, and so do we).
struct ParseError {
  std::string message;
  int line = 0;

  static void Handle(void* self, xmlErrorPtr error) {
    auto* e = static_cast<ParseError*>(self);
    if (!error || !e->message.empty() || error->level < XML_ERR_FATAL) return;
    e->message = error->message ? error->message : "unknown error";
    while (!e->message.empty() && e->message.back() == '\n') e->message.pop_back();
    e->line = error->line;
  }
};

// Reads and parses one XML entry of the archive. The uncompressed size is
// checked against the limit before anything is inflated (zip bombs), and a
// DTD is refused: Word never writes one, and its entities are how an XML
// bomb multiplies a few bytes into gigabytes. Entities are not substituted
// (no XML_PARSE_NOENT) and nothing is fetched (XML_PARSE_NONET);
// XML_PARSE_HUGE lifts libxml2's depth and text-node limits, which is safe
// here because the part's size is already bounded.
Result<XmlPtr> ReadXml(zip_t* zip, const char* entry, const std::string& path,
                       const LoadLimits& limits) {
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
  std::string xml(static_cast<size_t>(st.size), '\0');
  std::unique_ptr<zip_file_t, decltype(&zip_fclose)> file(zip_fopen(zip, entry, 0),
                                                          zip_fclose);
  if (!file ||
      zip_fread(file.get(), xml.data(), st.size) != static_cast<zip_int64_t>(st.size)) {
    return Status::InvalidInput(
        fmt::format("{}: cannot read {} (damaged zip)", path, entry));
  }
  ParseError error;
  xmlSetStructuredErrorFunc(&error, ParseError::Handle);
  XmlPtr doc(xmlReadMemory(xml.data(), static_cast<int>(xml.size()), entry, nullptr,
                           XML_PARSE_NONET | XML_PARSE_HUGE),
             xmlFreeDoc);
  xmlSetStructuredErrorFunc(nullptr, nullptr);
  if (!doc || !error.message.empty()) {  // a fatal error may leave a partial tree
    return Status::InvalidInput(
        fmt::format("{}: broken XML in {} (line {}: {})", path, entry, error.line,
                    error.message.empty() ? "unreadable" : error.message));
  }
  if (int depth = Depth(xmlDocGetRootElement(doc.get())); depth > kMaxDepth) {
    return Status::InvalidInput(
        fmt::format("{}: {} nests elements {} deep, over the limit of {} (Word documents "
                    "stay far below it); refused",
                    path, entry, depth, kMaxDepth));
  }
  if (doc->intSubset || doc->extSubset) {
    return Status::InvalidInput(
        fmt::format("{}: {} declares a DTD, which Word never writes (an XML entity "
                    "bomb?); refused",
                    path, entry));
  }
  return doc;
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
  Result<XmlPtr> doc = ReadXml(zip.get(), "word/document.xml", path, limits);
  if (!doc.ok()) return doc.status();
  const xmlNode* root = xmlDocGetRootElement(doc->get());
  const xmlNode* body = nullptr;
  for (const xmlNode* n = root ? root->children : nullptr; n; n = n->next) {
    if (Is(n, "body")) body = n;
  }
  Reader reader;
  // Comments reading "claimtrace: accept ..." become inline acceptances.
  if (zip_name_locate(zip.get(), "word/comments.xml", 0) >= 0) {
    Result<XmlPtr> comments = ReadXml(zip.get(), "word/comments.xml", path, limits);
    if (!comments.ok()) return comments.status();
    const xmlNode* comments_root = xmlDocGetRootElement(comments->get());
    for (const xmlNode* n = comments_root ? comments_root->children : nullptr; n;
         n = n->next) {
      if (!Is(n, "comment")) continue;
      std::string text;
      reader.Runs(n->children, &text);
      size_t at = text.find("claimtrace:");
      if (at == std::string::npos) continue;
      std::string said = text.substr(at);
      // The comment ends the HTML-style comment the extractor skips.
      for (size_t dash; (dash = said.find("--")) != std::string::npos;) {
        said.replace(dash, 2, "- ");
      }
      reader.claimtrace_comments[Attr(n, "id")] = said;
    }
  }
  if (body) reader.Body(body->children);
  doc->reset();  // the tree is several times the text: gone once it is read
  // Footnotes become a list under a heading, "[1] text", which the extractor
  // reads as the reference list the body's "[1]" markers point at.
  if (zip_name_locate(zip.get(), "word/footnotes.xml", 0) >= 0) {
    Result<XmlPtr> notes = ReadXml(zip.get(), "word/footnotes.xml", path, limits);
    if (!notes.ok()) return notes.status();
    bool heading = false;
    const xmlNode* notes_root = xmlDocGetRootElement(notes->get());
    for (const xmlNode* n = notes_root ? notes_root->children : nullptr; n; n = n->next) {
      if (!Is(n, "footnote") || std::atoi(Attr(n, "id").c_str()) < 1) continue;
      std::string text;
      reader.Runs(n->children, &text);
      if (text.find_first_not_of(' ') == std::string::npos) continue;
      if (!heading) reader.Block("# Footnotes"), heading = true;
      reader.Block("[" + Attr(n, "id") + "] " + text.substr(text.find_first_not_of(' ')));
    }
  }
  if (reader.text.empty()) {
    return Status::InvalidInput(fmt::format("{}: the Word document has no text", path));
  }
  DocumentBuilder builder(std::move(path), DocumentFormat::kDocx);
  builder.HashFileBytes(bytes);
  builder.SetOffsetsAreFileBytes(false);
  if (reader.tracked) builder.AddNote("tracked changes: checked as if all were accepted");
  builder.SetText(std::move(reader.text));
  for (const RawTable& table : reader.tables) builder.AddTable(table);
  builder.ParseLines();
  return builder.Finish();
}

}  // namespace claimtrace
