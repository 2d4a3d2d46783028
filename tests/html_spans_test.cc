// Tests that every claim of a web page points at the page's own bytes: the
// span (through FileOffset) holds the claim's words once character
// references are decoded and tags dropped, and the line and column are the
// file's, so SARIF and GitHub annotations land where the author looks.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "claimtrace/document.h"
#include "claimtrace/extract.h"

namespace claimtrace {
namespace {

// Decodes the references these pages use and drops tags.
std::string Visible(std::string_view html) {
  static const std::pair<const char*, const char*> kRefs[] = {
      {"&lsquo;", "\u2018"}, {"&rsquo;", "\u2019"}, {"&ldquo;", "\u201C"},
      {"&rdquo;", "\u201D"}, {"&#8217;", "\u2019"}, {"&#x2019;", "\u2019"},
      {"&amp;", "&"},        {"&pound;", "\u00A3"}, {"&nbsp;", " "}};
  std::string out;
  for (size_t i = 0; i < html.size();) {
    if (html[i] == '<') {
      i = html.find('>', i);
      i = i == std::string_view::npos ? html.size() : i + 1;
      continue;
    }
    bool ref = false;
    for (const auto& [name, text] : kRefs) {
      if (html.substr(i).starts_with(name)) {
        out += text, i += std::string_view(name).size(), ref = true;
        break;
      }
    }
    if (!ref) out += html[i++];
  }
  return out;
}

TEST_CASE("claims of a web page point at the page's bytes, lines and columns") {
  const char* pages[] = {
      // A council news page: references inside and around quotations.
      "<!DOCTYPE html>\n<html><head><title>News</title></head><body>\n"
      "<nav><a href=\"/\">Home</a></nav>\n<main><h1>Children&rsquo;s services rated "
      "&lsquo;Outstanding&rsquo;</h1><p>The council&#8217;s services were rated "
      "&lsquo;Outstanding&rsquo;, inspectors noting that children &ldquo;receive timely "
      "and effective help&rdquo; and that 2,350 grants were made to care leavers &amp; "
      "families.</p>\n<p>Councillor Jane Doe said: &ldquo;We are delighted for our "
      "children.&rdquo;</p></main></body></html>\n",
      // A company results page: money with an entity, a long single line.
      "<html><body><article><p>Revenue rose 8% to &pound;1.27bn, and the group now "
      "employs more than 9,000 people &ndash; its chief executive said &ldquo;it was a "
      "year of disciplined growth&rdquo;.</p></article></body></html>",
      // A health page with line breaks inside a paragraph.
      "<html><body><main>\n<p>\nUptake in care homes rose\nfrom 79% to 88%, and the "
      "trust&#x2019;s\nreport said &ldquo;clear, early invitations made the biggest "
      "difference&rdquo;.\n</p>\n</main></body></html>\n",
  };
  for (const char* page : pages) {
    CAPTURE(std::string(page).substr(0, 60));
    Result<Document> doc = ParseText("page.html", page, DocumentFormat::kHtml);
    REQUIRE(doc.ok());
    REQUIRE(doc->offsets_are_file_bytes());
    Extraction e = Extractor().Extract(*doc);
    REQUIRE(!e.claims.empty());
    std::string_view bytes(page);
    for (const Claim& c : e.claims) {
      CAPTURE(c.text);
      size_t begin = doc->FileOffset(c.span.begin), end = doc->FileOffset(c.span.end);
      REQUIRE(begin <= end);
      REQUIRE(end <= bytes.size());
      std::string visible = Visible(bytes.substr(begin, end - begin));
      std::string collapsed, want;
      for (char ch : visible) collapsed += ch == '\n' ? ' ' : ch;
      for (char ch : c.text) want += ch == '\n' ? ' ' : ch;
      CHECK(collapsed == want);
      // The line and column of the file, not of the extracted text.
      LineColumn lc = doc->Locate(c.span.begin);
      std::string_view head = bytes.substr(0, begin);
      int line = 1 + static_cast<int>(std::count(head.begin(), head.end(), '\n'));
      CHECK(lc.line == line);
    }
  }
}

// Checks that every word of `page`'s text maps to its own bytes, and to the
// line and column (in code points) a reader counts; returns how many words.
int CheckEveryWord(const std::string& page) {
  Result<Document> doc = ParseText("page.html", page, DocumentFormat::kHtml);
  REQUIRE(doc.ok());
  REQUIRE(doc->offsets_are_file_bytes());
  const std::string& text = doc->text();
  int words = 0;
  for (size_t i = 0; i < text.size();) {
    if (std::string_view(" \t\n").find(text[i]) != std::string_view::npos) {
      ++i;
      continue;
    }
    size_t end = text.find_first_of(" \t\n", i);
    if (end == std::string::npos) end = text.size();
    std::string word = text.substr(i, end - i);
    CAPTURE(word);
    size_t at = doc->FileOffset(i);
    CHECK(page.compare(at, word.size(), word) == 0);
    size_t line_start = page.rfind('\n', at == 0 ? 0 : at - 1);
    line_start = line_start == std::string::npos || at == 0 ? 0 : line_start + 1;
    int line = 1 + static_cast<int>(std::count(page.begin(), page.begin() + at, '\n'));
    int column = 1;
    for (size_t k = line_start; k < at; ++k) column += (page[k] & 0xC0) != 0x80;
    LineColumn lc = doc->Locate(i);
    CHECK(lc.line == line);
    CHECK(lc.column == column);
    ++words;
    i = end;
  }
  return words;
}

TEST_CASE("every word of a page maps to its own bytes, line and column") {
  // Accented words past 64 bytes of a line (columns count code points), a
  // table whose caption is written after its rows (the caption comes first
  // in the text, the cells still map to their bytes), and cells written
  // straight under the table.
  const std::string page =
      "<html><body><main>\n<p>Prices \u2014 \u201ccaf\u00e9\u201d, na\u00efve "
      "r\u00e9sum\u00e9s \u2014 rose by 12% in the year to March 2024; \u00e0\u00e9"
      "\u00ee\u00f5\u00fc \u00e0\u00e9\u00ee\u00f5\u00fc end.</p>\n<table><tr><th>Region"
      "</th><th>2024</th></tr>\n<tr><td>North</td><td>1,234</td></tr><td>South</td>"
      "<caption>Table 2: R\u00e9gions</caption></table>\n<p>After \u00e9t\u00e9.</p>\n"
      "</main></body></html>\n";
  Result<Document> doc = ParseText("page.html", page, DocumentFormat::kHtml);
  REQUIRE(doc.ok());
  CHECK(doc->text().find("Table 2: R\u00e9gions") < doc->text().find("Region"));
  CHECK(CheckEveryWord(page) > 25);
}

TEST_CASE("columns on a line of many kilobytes count code points past every checkpoint") {
  // A minified page: one line, accented words now and then (some 64-byte
  // stretches hold none, some several), past several 1,024-byte checkpoints.
  std::string page = "<html><body><main><p>";
  const char* words[] = {"caf\u00e9",
                         "plain",
                         "r\u00e9sum\u00e9",
                         "text",
                         "\u201cquoted\u201d",
                         "and",
                         "more",
                         "na\u00efve",
                         "words",
                         "\u00e0\u00e9\u00ee\u00f5\u00fc"};
  for (int i = 0; i < 1500; ++i) page += std::string(words[(i * 7) % 10]) + " ";
  page += "end.</p></main></body></html>";
  CHECK(CheckEveryWord(page) > 1500);
}

}  // namespace
}  // namespace claimtrace
