// The Word loader: libzip opens the .docx, libxml2 reads word/document.xml.
// Each w:p is a block (a heading when its style is HeadingN, a list item when
// it is numbered), each table row a row with tab-separated cells. Tracked
// changes are read as if all were accepted: insertions kept, deletions and
// moved-from text dropped, and the document says so in a note. A comment
// reading `claimtrace: accept "reason"` becomes a `<!-- ... -->` block before
// its paragraph, the Markdown form of an inline acceptance.
// Positions refer to the extracted text (offsets_are_file_bytes() is false).
#include <fmt/format.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <zip.h>

#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <string>

#include "load/document_builder.h"
#include "load/loaders.h"

namespace claimtrace {
namespace {

// The largest document.xml read, uncompressed: a guard against zip bombs.
constexpr zip_uint64_t kMaxEntryBytes = 200u << 20;

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

  std::string Paragraph(const xmlNode* p) {
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
    return out.empty() ? out : prefix + out;
  }

  void Block(const std::string& b) {
    if (b.find_first_not_of(' ') == std::string::npos) return;
    if (!text.empty()) text += "\n\n";
    text += b;
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
        for (const xmlNode* tr = n->children; tr; tr = tr->next) {
          if (!Is(tr, "tr")) continue;
          std::string row;
          for (const xmlNode* tc = tr->children; tc; tc = tc->next) {
            if (!Is(tc, "tc")) continue;
            std::string cell;
            for (const xmlNode* p = tc->children; p; p = p->next) {
              if (Is(p, "p")) cell += (cell.empty() ? "" : " ") + Paragraph(p);
            }
            row += (row.empty() ? "" : "\t") + cell;
          }
          Block(row);
        }
      } else if (n->type == XML_ELEMENT_NODE && !Is(n, "del") && !Is(n, "moveFrom")) {
        if (Is(n, "ins")) tracked = true;
        Body(n->children);  // w:sdt, w:customXml, w:ins around whole paragraphs
      } else if (Is(n, "del") || Is(n, "moveFrom")) {
        tracked = true;
      }
    }
  }
};

void NoErrors(void*, const char*, ...) {}

using XmlPtr = std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)>;

// Reads and parses one XML entry of the archive, refusing oversized ones.
Result<XmlPtr> ReadXml(zip_t* zip, const char* entry, const std::string& path) {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(zip, entry, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE)) {
    return Status::InvalidInput(
        fmt::format("{}: cannot read {} (damaged zip)", path, entry));
  }
  if (st.size > kMaxEntryBytes) {
    return Status::InvalidInput(
        fmt::format("{}: {} is larger than {} MB uncompressed; refused", path, entry,
                    kMaxEntryBytes >> 20));
  }
  std::string xml(static_cast<size_t>(st.size), '\0');
  std::unique_ptr<zip_file_t, decltype(&zip_fclose)> file(zip_fopen(zip, entry, 0),
                                                          zip_fclose);
  if (!file ||
      zip_fread(file.get(), xml.data(), st.size) != static_cast<zip_int64_t>(st.size)) {
    return Status::InvalidInput(
        fmt::format("{}: cannot read {} (damaged zip)", path, entry));
  }
  xmlSetGenericErrorFunc(nullptr, NoErrors);
  xmlResetLastError();
  XmlPtr doc(xmlReadMemory(xml.data(), static_cast<int>(xml.size()), entry, nullptr,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING),
             xmlFreeDoc);
  if (!doc) {
    const xmlError* e = xmlGetLastError();
    return Status::InvalidInput(
        fmt::format("{}: broken XML in {} (line {})", path, entry, e ? e->line : 0));
  }
  return doc;
}

}  // namespace

Result<Document> LoadDocx(std::string path, std::string bytes) {
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
  Result<XmlPtr> doc = ReadXml(zip.get(), "word/document.xml", path);
  if (!doc.ok()) return doc.status();
  const xmlNode* root = xmlDocGetRootElement(doc->get());
  const xmlNode* body = nullptr;
  for (const xmlNode* n = root ? root->children : nullptr; n; n = n->next) {
    if (Is(n, "body")) body = n;
  }
  Reader reader;
  // Comments reading "claimtrace: accept ..." become inline acceptances.
  if (zip_name_locate(zip.get(), "word/comments.xml", 0) >= 0) {
    Result<XmlPtr> comments = ReadXml(zip.get(), "word/comments.xml", path);
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
  // Footnotes become a list under a heading, "[1] text", which the extractor
  // reads as the reference list the body's "[1]" markers point at.
  if (zip_name_locate(zip.get(), "word/footnotes.xml", 0) >= 0) {
    Result<XmlPtr> notes = ReadXml(zip.get(), "word/footnotes.xml", path);
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
  builder.ParseLines();
  return builder.Finish();
}

}  // namespace claimtrace
