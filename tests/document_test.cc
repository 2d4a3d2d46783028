// Tests for the document model: the paragraph rule, labels, sections, markup,
// offsets, and the refusal of bad input.
#include "claimtrace/document.h"

#include <doctest/doctest.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace claimtrace {
namespace {

using namespace std::string_literals;

Document Parse(const std::string& text, DocumentFormat format = DocumentFormat::kText) {
  Result<Document> doc = ParseText("test.txt", text, format);
  REQUIRE_MESSAGE(doc.ok(), (doc.ok() ? "" : doc.status().message()));
  return std::move(doc).value();
}

// Joins strings with " | " so a failing CHECK prints both sides.
std::string Join(const std::vector<std::string>& parts) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? " | " : "") + parts[i];
  return out;
}

std::string BlockTexts(const Document& doc) {
  std::vector<std::string> out;
  for (const Block& b : doc.blocks()) out.emplace_back(doc.Slice(b.range));
  return Join(out);
}

struct ParagraphCase {
  const char* name;
  const char* text;
  std::vector<std::string> blocks;
};

TEST_CASE("paragraph rule") {
  const ParagraphCase cases[] = {
      {"without blank lines each line is a paragraph",
       "First line.\nSecond line.\nThird line.",
       {"First line.", "Second line.", "Third line."}},
      {"with blank lines a single newline is a soft wrap",
       "A hard-wrapped\nparagraph here.\n\nAnother\none.\n",
       {"A hard-wrapped\nparagraph here.", "Another\none."}},
      {"CRLF line ends are line ends", "One.\r\nTwo.\r\n", {"One.", "Two."}},
      {"list items start blocks even without a blank line",
       "Intro paragraph\nthat wraps.\n- first item\n- second item\n\nEnd.",
       {"Intro paragraph\nthat wraps.", "first item", "second item", "End."}},
      {"labelled paragraphs start blocks",
       "Para text\n\n7. Seven is here.\n\n8. Eight.\n9. Nine.",
       {"Para text", "Seven is here.", "Eight.", "Nine."}},
      {"a lower-case paragraph after a page break continues the previous one",
       "14. Some records. Others\n\nare too focused on it.\n\n15. Next.",
       {"Some records. Others\n\nare too focused on it.", "Next."}},
      {"a lower-case paragraph after a finished sentence stands alone",
       "Done here.\n\nand a new thought.",
       {"Done here.", "and a new thought."}},
      {"bullet characters and wide gaps are list marks",
       "Intro:\n\n\xE2\x80\xA2           \xE2\x80\x9CHuge\xE2\x80\x9D gain\n\nEnd.",
       {"Intro:", "\xE2\x80\x9CHuge\xE2\x80\x9D gain", "End."}},
      {"no-break spaces are trimmed like spaces",
       "Line one.\xC2\xA0\nLine two.",
       {"Line one.", "Line two."}},
      {"tab-separated lines are table rows",
       "Title\n\nJudgement\tGrade\nLeaders\tOutstanding\n\nText.",
       {"Title", "Judgement\tGrade", "Leaders\tOutstanding", "Text."}},
      {"a Markdown table's rule line is not a block",
       "| a | b |\n|---|---|\n| 1 | 2 |",
       {"| a | b |", "| 1 | 2 |"}},
  };
  for (const ParagraphCase& c : cases) {
    CAPTURE(std::string(c.name));
    CHECK(BlockTexts(Parse(c.text)) == Join(c.blocks));
  }
}

struct LongBlockCase {
  const char* name;
  DocumentFormat format;
  std::string before, unit, after;  // the text: before, unit repeated, after
  size_t repeat;
  const char* joiner;     // what the blocks' texts are joined with to give it back
  bool at_sentence_ends;  // every block but the last ends a sentence
};

// A paragraph of megabytes (a page of one line, a scraped text node) would
// make every later step hold its tokens at once: it is cut into blocks of
// at most kMaxBlockBytes, at a sentence end where the last half of the
// piece has one, else at a space, else between two characters.
TEST_CASE("a paragraph over 64 KB is cut into blocks at sentence ends") {
  const LongBlockCase cases[] = {
      {"a text line of sentences", DocumentFormat::kText, "",
       "Turnover fell from 33% to 9% in two years. ", "", 4000, " ", true},
      {"a Markdown paragraph of questions", DocumentFormat::kMarkdown, "",
       "Did the trial cut deaths by a fifth? ", "", 5000, " ", true},
      {"an HTML paragraph", DocumentFormat::kHtml, "<html><body><p>",
       "The survey reached 2,350 households in 2024! ", "</p></body></html>", 4000, " ",
       true},
      {"words with no sentence end", DocumentFormat::kText, "", "grant ", "", 40000, " ",
       false},
      {"a run with no space at all", DocumentFormat::kText, "", "\u00e9\u00e8", "", 60000,
       "", false},
  };
  for (const LongBlockCase& c : cases) {
    CAPTURE(std::string(c.name));
    std::string body;
    for (size_t i = 0; i < c.repeat; ++i) body += c.unit;
    Document doc = Parse(c.before + body + c.after, c.format);
    REQUIRE(doc.blocks().size() > 1);
    std::string joined;
    for (size_t i = 0; i < doc.blocks().size(); ++i) {
      std::string_view text = doc.Slice(doc.blocks()[i].range);
      CHECK(text.size() <= 64 * 1024);
      CHECK((static_cast<unsigned char>(text[0]) & 0xC0) != 0x80);  // a whole character
      if (c.at_sentence_ends && i + 1 < doc.blocks().size())
        CHECK(std::strchr(".?!", text.back()) != nullptr);
      joined += (i ? c.joiner : "") + std::string(text);
    }
    while (!body.empty() && body.back() == ' ') body.pop_back();
    CHECK(joined == body);
  }
}

TEST_CASE("paragraph labels are kept apart from the text") {
  Document doc = Parse("29. Social workers are aspirational.\n30. Children.");
  REQUIRE(doc.blocks().size() == 2);
  CHECK(doc.Slice(doc.blocks()[0].label) == "29");
  CHECK(doc.Slice(doc.blocks()[0].range) == "Social workers are aspirational.");
  CHECK(doc.Slice(doc.blocks()[1].label) == "30");
}

TEST_CASE("a dotted date is not a paragraph label") {
  Document doc = Parse("23.07.19\nSome text.");
  CHECK(doc.blocks()[0].label.empty());
  CHECK(doc.Slice(doc.blocks()[0].range) == "23.07.19");
}

TEST_CASE("blocks know the section heading they sit under") {
  Document doc = Parse(
      "# Report\n\nIntro.\n\n## What needs to improve?\n\n- Focus.\n\n"
      "## **Care leavers: outstanding**\n\n35. Young people thrive.\n");
  std::vector<std::string> sections;
  for (size_t i = 0; i < doc.blocks().size(); ++i) {
    sections.emplace_back(doc.SectionTitle(static_cast<int>(i)));
  }
  CHECK(Join(sections) ==
        " | Report | Report | What needs to improve? | What needs to improve? | "
        "**Care leavers: outstanding**");
  CHECK(doc.blocks()[0].kind == BlockKind::kHeading);
  CHECK(doc.blocks()[0].level == 1);
  CHECK(doc.blocks()[2].level == 2);
}

TEST_CASE("plain-text title lines are headings") {
  Document doc = Parse(
      "Good rating\nThe council has set the ambitious target of a rating.\n"
      "Lutfur Rahman, Executive Mayor, said:\n\xE2\x80\x9CWe are thrilled.");
  CHECK(doc.blocks()[0].kind == BlockKind::kHeading);
  CHECK(doc.blocks()[1].section == 0);
  CHECK(doc.blocks()[2].kind == BlockKind::kParagraph);  // ends with a colon
}

TEST_CASE("inline markup is recorded so matching can skip it") {
  Document doc = Parse(
      "**Inspection dates:** 11 to 15 November 2024\n\n"
      "<b>Judgement</b>\tGrade\n\nSee [the report](https://example.org/r).");
  std::vector<std::string> marks;
  for (const Range& r : doc.markup()) marks.emplace_back(doc.Slice(r));
  CHECK(Join(marks) == "** | ** | <b> | </b> | [ | ](https://example.org/r)");
}

TEST_CASE("offsets are file bytes and lines and columns count code points") {
  std::string text = "First.\n\xE2\x80\x9CQuoted\xE2\x80\x9D words.";
  Document doc = Parse(text);
  CHECK(doc.offsets_are_file_bytes());
  size_t at = text.find("words");
  CHECK(doc.FileOffset(at) == at);
  LineColumn lc = doc.Locate(at);
  CHECK(lc.line == 2);
  CHECK(lc.column == 10);  // “Quoted” is 8 code points, then a space
  CHECK(doc.BlockAt(at) == 1);
  CHECK(doc.blocks()[1].line == 2);
}

TEST_CASE("form feeds count pages") {
  Document doc = Parse("Page one text.\n\fPage two text.");
  REQUIRE(doc.blocks().size() == 2);
  CHECK(doc.blocks()[0].page == 1);
  CHECK(doc.blocks()[1].page == 2);
}

TEST_CASE("the SHA-256 of the file bytes is recorded") {
  CHECK(Parse("abc").sha256() ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

struct BadInputCase {
  const char* name;
  std::string bytes;
  const char* message;  // a part the message must contain
};

TEST_CASE("bad input is refused with a message naming the problem") {
  const BadInputCase cases[] = {
      {"empty file", "", "empty file"},
      {"only white space", " \n\t\n", "no text"},
      {"binary file", std::string("PK\0\0binary", 10), "binary file"},
      {"UTF-16 without a byte-order mark gets a hint",
       std::string("H\0e\0l\0l\0o\0 \0t\0h\0e\0r\0e\0.\0", 24),
       "looks like UTF-16 without a byte-order mark"},
  };
  for (const BadInputCase& c : cases) {
    CAPTURE(std::string(c.name));
    Result<Document> doc = ParseText("bad.txt", c.bytes);
    REQUIRE_FALSE(doc.ok());
    CHECK(doc.status().message().find("bad.txt") == 0);
    CHECK(doc.status().message().find(c.message) != std::string::npos);
  }
}

struct RepairCase {
  const char* name;
  std::string bytes;
  const char* text;        // the document's text
  const char* note;        // a part of the loader's note
  const char* after;       // a word after the repair...
  size_t after_file_byte;  // ...and its offset in the file
};

TEST_CASE("ill-formed UTF-8 and control characters are replaced visibly and noted") {
  const RepairCase cases[] = {
      {"Latin-1 byte in a name", "caf\xE9 au lait", "caf\uFFFD au lait",
       "invalid UTF-8 at byte offset 3", "lait", 8},
      {"overlong UTF-8", "ab\xC0\xAF cd", "ab\uFFFD\uFFFD cd",
       "invalid UTF-8 at byte offset 2", "cd", 5},
      {"UTF-16 surrogate in UTF-8", "x\xED\xA0\x80 y", "x\uFFFD\uFFFD\uFFFD y",
       "invalid UTF-8 at byte offset 1", "y", 5},
      {"truncated sequence at the end", "price \xE2\x82", "price \uFFFD",
       "invalid UTF-8 at byte offset 6", "price", 0},
      {"terminal title escape", "said \x1B]0;owned\x07 it",
       "said \u241B]0;owned\u2407 it", "control character at byte offset 5", "it", 16},
      {"screen clear and bell", "\x1B[2J\aHello", "\u241B[2J\u2407Hello",
       "control character at byte offset 0", "Hello", 5},
      {"C1 control (CSI)",
       "a \xC2\x9B"
       "31m b",
       "a \uFFFD"
       "31m b",
       "control character", "b", 8},
  };
  for (const RepairCase& c : cases) {
    CAPTURE(std::string(c.name));
    Result<Document> doc = ParseText("odd.txt", c.bytes);
    REQUIRE(doc.ok());
    CHECK(doc->text() == c.text);
    REQUIRE(doc->notes().size() == 1);
    CHECK(doc->notes()[0].find(c.note) != std::string::npos);
    CHECK(doc->offsets_are_file_bytes());
    size_t at = doc->text().rfind(c.after);
    REQUIRE(at != std::string::npos);
    CHECK(doc->FileOffset(at) == c.after_file_byte);
    CHECK(doc->FileOffset(at + std::strlen(c.after)) ==
          c.after_file_byte + std::strlen(c.after));
  }
}

struct LineEndCase {
  const char* name;
  const char* bytes;
  int blocks;
  int last_line;  // line of the last block
};

TEST_CASE("CR, LF and CRLF line endings all end lines") {
  const LineEndCase cases[] = {
      {"LF", "Title line\n\nFirst paragraph.\n\nSecond one.\n", 3, 5},
      {"CRLF", "Title line\r\n\r\nFirst paragraph.\r\n\r\nSecond one.\r\n", 3, 5},
      {"CR only (classic Mac)", "Title line\r\rFirst paragraph.\r\rSecond one.\r", 3, 5},
      {"mixed", "Title line\r\n\rFirst paragraph.\n\r\nSecond one.", 3, 5},
      {"CR-only list", "- one item\r- two items\r- three", 3, 3},
  };
  for (const LineEndCase& c : cases) {
    CAPTURE(std::string(c.name));
    Document doc = Parse(c.bytes);
    REQUIRE(static_cast<int>(doc.blocks().size()) == c.blocks);
    CHECK(doc.blocks().back().line == c.last_line);
    for (const Block& b : doc.blocks()) {
      CHECK(doc.Slice(b.range).find('\r') == std::string_view::npos);
    }
  }
}

struct EncodingCase {
  const char* name;
  std::string bytes;
  const char* note;
};

std::string Utf16(std::string_view ascii, bool big_endian) {
  std::string out = big_endian ? "\xFE\xFF" : "\xFF\xFE";
  for (char c : ascii) {
    out += big_endian ? std::string(1, '\0') + c : std::string(1, c) + '\0';
  }
  return out;
}

TEST_CASE("text with a UTF-16 or UTF-32 byte-order mark is decoded") {
  const char* text = "The council said \"good\" 40 times.";
  std::string utf32le = "\xFF\xFE\0\0"s;
  for (char c : std::string_view(text)) utf32le += std::string(1, c) + "\0\0\0"s;
  const EncodingCase cases[] = {
      {"UTF-16LE", Utf16(text, false), "read as UTF-16LE"},
      {"UTF-16BE", Utf16(text, true), "read as UTF-16BE"},
      {"UTF-32LE", utf32le, "read as UTF-32LE"},
  };
  for (const EncodingCase& c : cases) {
    CAPTURE(std::string(c.name));
    Result<Document> doc = ParseText("wide.txt", c.bytes);
    REQUIRE_MESSAGE(doc.ok(), (doc.ok() ? "" : doc.status().message()));
    CHECK(doc->text() == text);
    CHECK_FALSE(doc->offsets_are_file_bytes());
    REQUIRE(doc->notes().size() == 1);
    CHECK(doc->notes()[0].find(c.note) != std::string::npos);
  }
}

TEST_CASE("missing files and directories are refused by LoadDocument") {
  namespace fs = std::filesystem;
  Result<Document> missing = LoadDocument("/nonexistent/claimtrace/x.txt");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().code() == Status::Code::kIoError);
  CHECK(missing.status().message().find("no such file") != std::string::npos);

  Result<Document> dir = LoadDocument(fs::temp_directory_path().string());
  REQUIRE_FALSE(dir.ok());
  CHECK(dir.status().message().find("is a directory") != std::string::npos);
}

TEST_CASE("LoadDocument reads the shipped report") {
  Result<Document> doc =
      LoadDocument(CLAIMTRACE_DATA_DIR "/reports/ofsted-tower-hamlets-ilacs-2024.txt");
  REQUIRE(doc.ok());
  int labelled = 0;
  for (const Block& b : doc->blocks()) labelled += !b.label.empty();
  CHECK(labelled == 61);  // the report numbers its paragraphs 1 to 61
}

}  // namespace
}  // namespace claimtrace
