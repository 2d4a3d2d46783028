// Tests for the RTF loader: text, paragraphs and headings, character escapes
// and code pages, skipped destinations, tables, and hostile input.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "claimtrace/document.h"

namespace claimtrace {
namespace {

Result<Document> Rtf(const std::string& body) {
  return ParseText("draft.rtf", body, DocumentFormat::kAuto);
}

// The blocks' texts joined with " | ".
std::string Blocks(const Document& doc) {
  std::string out;
  for (const Block& b : doc.blocks()) {
    if (!out.empty()) out += " | ";
    if (b.kind == BlockKind::kHeading) out += "#" + std::to_string(b.level) + " ";
    out += doc.Slice(b.range);
  }
  return out;
}

struct RtfCase {
  const char* name;
  const char* rtf;
  const char* blocks;
};

TEST_CASE("RTF is read as a document: text, paragraphs, characters") {
  const RtfCase cases[] = {
      {"paragraphs end at \\par; the header tables are skipped",
       R"({\rtf1\ansi\deff0{\fonttbl{\f0 Times;}}{\colortbl;\red0\green0\blue0;})"
       R"(\pard First paragraph.\par\pard Second one.\par})",
       "First paragraph. | Second one."},
      {"\\uN with its fallback character skipped",
       R"({\rtf1\ansi The council\u8217?s plan.\par})", "The council’s plan."},
      {"\\uc2 skips two fallback characters, \\'hh counting as one",
       R"({\rtf1\ansi\uc2 caf\u233\'65\'65 open\par})", "café open"},
      {"a surrogate pair written as two negative \\uN",
       R"({\rtf1\ansi Smile \u-10179?\u-8694?\par})", "Smile 😊"},
      {"\\'hh in the declared code page: Windows-1252 quotes",
       R"({\rtf1\ansi\ansicpg1252 \'93Outstanding\'94 \'a34.2m\par})",
       "“Outstanding” £4.2m"},
      {"\\'hh in another code page: Windows-1251",
       R"({\rtf1\ansi\ansicpg1251 \'cf\'f0\'e8\'e2\'e5\'f2\par})", "Привет"},
      {"named symbols and escaped braces",
       R"({\rtf1 A\emdash B \ldblquote q\rdblquote  \{x\} back\\slash\par})",
       "A—B “q” {x} back\\slash"},
      {"ignorable and unknown destinations are skipped, field results kept",
       R"({\rtf1{\*\generator Word;}{\info{\title T}{\author A}})"
       R"(See {\field{\*\fldinst HYPERLINK "http://x"}{\fldrslt the report}}.\par})",
       "See the report."},
      {"headings from the stylesheet's names and from \\outlinelevel",
       R"({\rtf1{\stylesheet{\s0 Normal;}{\s2 heading 2;}})"
       R"(\pard\s2 Findings\par\pard\s0 Text here.\par\pard\outlinelevel0 Top\par})",
       "#2 Findings | Text here. | #1 Top"},
      {"\\binN data is stepped over, braces and all",
       "{\\rtf1 Before {\\*\\blipuid \\bin6 }}{{{x} after.\\par}", "Before  after."},
      {"\\line and \\tab are spaces, a line break in the file is nothing",
       "{\\rtf1 one\\line two\\tab three\nfour\\par}", "one two threefour"},
  };
  for (const RtfCase& c : cases) {
    INFO(std::string(c.name));
    Result<Document> doc = Rtf(c.rtf);
    REQUIRE_MESSAGE(doc.ok(), (doc.ok() ? "" : doc.status().message()));
    CHECK(doc->format() == DocumentFormat::kRtf);
    CHECK(Blocks(*doc) == c.blocks);
  }
}

TEST_CASE("RTF tables: rows of cells, merged cells as spans") {
  const char* rtf =
      R"({\rtf1\ansi Before.\par)"
      R"(\trowd\clvmgf\cellx1000\cellx2000\cellx3000)"
      R"(\pard\intbl Region\cell\pard\intbl 2023\cell\pard\intbl 2024\cell\row)"
      R"(\trowd\cellx1000\cellx2000\cellx3000)"
      R"(\pard\intbl North\cell\pard\intbl 1,204\cell\pard\intbl 1,010\cell\row)"
      R"(\trowd\cellx1000\clmrg\cellx2000\cellx3000)"
      R"(\pard\intbl Total\cell\pard\intbl \cell\pard\intbl 2,214\cell\row)"
      R"(\pard After.\par})";
  Result<Document> doc = Rtf(rtf);
  REQUIRE(doc.ok());
  REQUIRE(doc->tables().size() == 1);
  std::vector<std::string> located;
  for (const TableCell& c : doc->cells()) {
    if (!c.header)
      located.push_back(doc->CellLocation(c) + " = " + std::string(doc->Slice(c.range)));
  }
  CHECK(located == std::vector<std::string>{"Table 1, \"North\", 2023 = 1,204",
                                            "Table 1, \"North\", 2024 = 1,010",
                                            "Table 1, \"Total\", 2024 = 2,214"});
  CHECK(Blocks(*doc).starts_with("Before. | Region\t2023\t2024 | North"));
  CHECK(Blocks(*doc).ends_with(" | After."));
}

TEST_CASE("control characters in RTF text become visible symbols, with a note") {
  const RtfCase cases[] = {
      {"an escape written as \\uN (a window title)",
       R"({\rtf1 Esc \u27?]0;owned\u7? here\par})", "Esc ␛]0;owned␇ here"},
      {"escapes written as \\'hh", R"({\rtf1 Clear \'1b[2J now\par})", "Clear ␛[2J now"},
      {"a C1 control from \\'hh without a code page", R"({\rtf1 CSI \'9b2J now\par})",
       "CSI \uFFFD2J now"},
      {"a raw control byte",
       "{\\rtf1 raw\x01"
       "byte\\par}",
       "raw␁byte"},
      {"a line feed as \\uN does not split the paragraph", R"({\rtf1 one\u10?two\par})",
       "one␊two"},
      {"a file that is no RTF at all", "PK\x03\x04 not rtf\x07", "PK␃␄ not rtf␇"},
  };
  for (const RtfCase& c : cases) {
    INFO(std::string(c.name));
    Result<Document> doc = ParseText("draft.rtf", c.rtf, DocumentFormat::kRtf);
    REQUIRE_MESSAGE(doc.ok(), (doc.ok() ? "" : doc.status().message()));
    CHECK(Blocks(*doc) == c.blocks);
    REQUIRE(doc->notes().size() == 1);
    CHECK(doc->notes()[0].find("shown as visible symbols") != std::string::npos);
  }
}

struct RefusalCase {
  const char* name;
  std::string bytes;
  const char* message;  // part of the message
};

TEST_CASE("hostile or unreadable input is refused or read, never a crash") {
  const RefusalCase refused[] = {
      {"nesting past the bound", "{\\rtf1 " + std::string(100000, '{') + "x",
       "nested deeper"},
      {"no text at all", "{\\rtf1{\\fonttbl{\\f0 Times;}}}", "no text"},
      {"an old binary Word file names a conversion",
       std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(600, '\0'),
       "convert-to docx"},
  };
  for (const RefusalCase& c : refused) {
    INFO(std::string(c.name));
    Result<Document> doc = ParseText("draft.rtf", c.bytes, DocumentFormat::kAuto);
    REQUIRE_FALSE(doc.ok());
    CHECK(doc.status().message().find("draft.rtf") != std::string::npos);
    CHECK(doc.status().message().find(c.message) != std::string::npos);
  }
  const char* tolerated[] = {
      "{\\rtf1 text}}}} more\\par",         // closing braces without openers
      "{\\rtf1 text \\",                    // a backslash at the end
      "{\\rtf1 text \\'",                   // a cut \'hh
      "{\\rtf1 text \\'zz ok",              // not hex
      "{\\rtf1 \\u99999999999999999999 x",  // an overlong parameter
      "{\\rtf1 \\aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa x",  // an overlong word
      "{\\rtf1 \\u-55296? lone surrogate\\par}",
      "{\\rtf1 \\cell\\row\\row\\cell x\\par}",   // table words out of place
      "{\\rtf1\\ansicpg99999 \\'e9t\\'e9\\par}",  // an unknown code page
  };
  for (const char* rtf : tolerated) {
    INFO(std::string(rtf));
    Result<Document> doc = Rtf(rtf);
    if (doc.ok()) CHECK(doc->text().find('\0') == std::string::npos);
  }
}

}  // namespace
}  // namespace claimtrace
