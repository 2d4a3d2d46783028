// Tests for tables in the document model: every cell addressable with its
// row and column header, in each format the loaders read, and the location
// a reader is shown for a cell.
#include <doctest/doctest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "claimtrace/document.h"
#include "load/table_grid.h"

namespace claimtrace {
namespace {

Document Parse(const std::string& text,
               DocumentFormat format = DocumentFormat::kMarkdown) {
  Result<Document> doc = ParseText("test.md", text, format);
  REQUIRE_MESSAGE(doc.ok(), (doc.ok() ? "" : doc.status().message()));
  return std::move(doc).value();
}

// "row header / column header = text" for every non-header cell, in order.
std::vector<std::string> BodyCells(const Document& doc) {
  std::vector<std::string> out;
  for (const TableCell& c : doc.cells()) {
    if (c.header) continue;
    out.push_back(std::string(doc.Slice(c.row_header)) + " / " +
                  std::string(doc.Slice(c.column_header)) + " = " +
                  std::string(doc.Slice(c.range)));
  }
  return out;
}

std::string Join(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) out += p + "\n";
  return out;
}

struct CellCase {
  const char* name;
  const char* text;
  DocumentFormat format;
  std::vector<std::string> cells;
};

TEST_CASE("text tables: every cell has its row and column header") {
  const CellCase cases[] = {
      {"a Markdown pipe table: the head row names the columns",
       "Intro.\n\n| Measure | 2022/23 | 2023/24 |\n|---|---:|---:|\n"
       "| Vacancy rate | 8% | 7% |\n| Turnover rate | 15% | 9% |\n",
       DocumentFormat::kMarkdown,
       {"Vacancy rate / 2022/23 = 8%", "Vacancy rate / 2023/24 = 7%",
        "Turnover rate / 2022/23 = 15%", "Turnover rate / 2023/24 = 9%"}},
      {"a pipe table without outer pipes",
       "Offence | 2023 | 2024\n--- | --- | ---\nBurglary | 1,204 | 1,010\n",
       DocumentFormat::kMarkdown,
       {"Burglary / 2023 = 1,204", "Burglary / 2024 = 1,010"}},
      {"an escaped pipe stays inside its cell",
       "| Ward | Note |\n|---|---|\n| A \\| B | 12 beds |\n",
       DocumentFormat::kMarkdown,
       {"A \\| B / Note = 12 beds"}},
      {"a grid table, head under +===+, cells with pound signs",
       "+--------------+---------+\n| Spend (£m)   | 2023/24 |\n"
       "+==============+=========+\n| Agency staff | £4.2    |\n"
       "+--------------+---------+\n",
       DocumentFormat::kMarkdown,
       {"Agency staff / 2023/24 = £4.2"}},
      {"a grid cell over two lines keeps its first line; a spanning cell spans",
       "+-------+-----+-----+\n| Trust | Q1  | Q2  |\n+=======+=====+=====+\n"
       "| North | 18  | 17  |\n| East  |     |     |\n+-------+-----+-----+\n"
       "| Total       | 35  |\n+-------+-----+-----+\n",
       DocumentFormat::kMarkdown,
       {"North / Q1 = 18", "North / Q2 = 17", "Total / Q2 = 35"}},
      {"tab-separated lines in text: first row and column are headers",
       "Waiting times\n\nWeeks\t2023\t2024\nUnder 18\t58%\t59%\n",
       DocumentFormat::kText,
       {"Under 18 / 2023 = 58%", "Under 18 / 2024 = 59%"}},
  };
  for (const CellCase& c : cases) {
    INFO(c.name);
    Document doc = Parse(c.text, c.format);
    CHECK(Join(BodyCells(doc)) == Join(c.cells));
  }
}

TEST_CASE("space-aligned lines in text are a table: columns where the lines agree") {
  const CellCase cases[] = {
      {"a policing figure: a head line, row labels, two period columns",
       "Figure 1: Call handling\n\n"
       "Measure                                   2021-22   2023-24\n"
       "999 calls answered within 10 seconds (%)   84.0      71.4\n"
       "101 calls abandoned (%)                    15.1      27.3\n",
       DocumentFormat::kText,
       {"999 calls answered within 10 seconds (%) / 2021-22 = 84.0",
        "999 calls answered within 10 seconds (%) / 2023-24 = 71.4",
        "101 calls abandoned (%) / 2021-22 = 15.1",
        "101 calls abandoned (%) / 2023-24 = 27.3"}},
      {"a paper's table: right-aligned counts, a blank cell, a label that "
       "runs into the next column by one space",
       "Subgroup        Events   HR     p for interaction\n"
       "Men             1,503    1.31\n"
       "Aged 65 and over 1,912   1.14   0.03\n"
       "All             2,874    1.27\n",
       DocumentFormat::kText,
       {"Men / Events = 1,503", "Men / HR = 1.31",
        "Men / p for interaction = ", "Aged 65 and over / Events = 1,912",
        "Aged 65 and over / HR = 1.14", "Aged 65 and over / p for interaction = 0.03",
        "All / Events = 2,874", "All / HR = 1.27", "All / p for interaction = "}},
      {"company results with dash rules under the head, in Markdown",
       "Division          2024     2023\n"
       "----------------  -------  -------\n"
       "Revenue (£m)      512.3    472.6\n"
       "Operating margin  12.2%    11.6%\n",
       DocumentFormat::kMarkdown,
       {"Revenue (£m) / 2024 = 512.3", "Revenue (£m) / 2023 = 472.6",
        "Operating margin / 2024 = 12.2%", "Operating margin / 2023 = 11.6%"}},
      {"a head over two lines, the group above its periods",
       "                    Spills\n"
       "River            2023    2024\n"
       "Hampshire Avon   6,912   5,480\n"
       "Dorset Stour     4,100   3,950\n",
       DocumentFormat::kText,
       {"Hampshire Avon / 2023 = 6,912", "Hampshire Avon / 2024 = 5,480",
        "Dorset Stour / 2023 = 4,100", "Dorset Stour / 2024 = 3,950"}},
  };
  for (const CellCase& c : cases) {
    INFO(c.name);
    Document doc = Parse(c.text, c.format);
    CHECK(doc.tables().size() == 1);
    CHECK(Join(BodyCells(doc)) == Join(c.cells));
    for (const TableCell& cell : doc.cells()) {
      int block = doc.BlockAt(cell.range.begin);
      if (cell.range.empty()) continue;
      REQUIRE(block >= 0);
      CHECK(doc.blocks()[block].kind == BlockKind::kTableRow);
    }
  }
}

TEST_CASE("space-aligned text that is not a table stays prose") {
  const char* cases[] = {
      // Two spaces after a full stop, in wrapped prose.
      "The rate fell to 12% in 2023.  It rose again in the\n"
      "following year to 14%.  Officials said the rise was expected.\n",
      // A contact block: labels and values, no figures to tabulate.
      "Telephone:   020 7946 0999\nEmail:       press@example.org\n"
      "Ref:         24\n",
      // A single line with a wide gap.
      "Total households    117,450\n\nThe total rose.\n",
  };
  for (const char* text : cases) {
    INFO(text);
    Document doc = Parse(text, DocumentFormat::kText);
    CHECK(doc.tables().empty());
    for (const Block& b : doc.blocks()) CHECK(b.kind != BlockKind::kTableRow);
  }
}

TEST_CASE("a line with one tab is not a table") {
  Document doc = Parse("Name:\tJo Bloggs\n\nA paragraph.\n", DocumentFormat::kText);
  CHECK(doc.tables().empty());
  CHECK(doc.cells().empty());
}

TEST_CASE("cells lie inside their row's block, sorted, and CellAt finds them") {
  Document doc = Parse(
      "# Workforce\n\n| Measure | 2023/24 |\n|---|---|\n| Vacancy rate | 7% |\n\n"
      "The vacancy rate is 7%.\n");
  REQUIRE(doc.cells().size() == 4);
  size_t previous = 0;
  for (const TableCell& cell : doc.cells()) {
    CHECK(cell.range.begin >= previous);
    previous = cell.range.end;
    int block = doc.BlockAt(cell.range.begin);
    REQUIRE(block >= 0);
    CHECK(doc.blocks()[block].kind == BlockKind::kTableRow);
    CHECK(cell.range.end <= doc.blocks()[block].range.end);
  }
  size_t in_table = doc.text().find("7%");
  size_t in_prose = doc.text().rfind("7%");
  REQUIRE(doc.CellAt(in_table + 1) != nullptr);
  CHECK(doc.Slice(doc.CellAt(in_table)->row_header) == "Vacancy rate");
  CHECK(doc.CellAt(in_prose) == nullptr);
}

struct LocationCase {
  const char* name;
  const char* text;
  const char* value;  // a cell's text, found in the document
  const char* location;
  const char* caption;
};

TEST_CASE("a cell's location names its table, row and column") {
  const LocationCase cases[] = {
      {"numbered in reading order, captioned by the heading",
       "# Children's social care workforce\n\n| Measure | 2023/24 |\n|---|---|\n"
       "| Vacancy rate | 7% |\n",
       "7%", "Table 1, \"Vacancy rate\", 2023/24", "Children's social care workforce"},
      {"a \"Table N\" line above is the caption and gives the number",
       "# Crime\n\nTable 3.2: Police recorded crime, England and Wales\n\n"
       "| Offence | 2024 |\n|---|---|\n| Burglary | 1,010 |\n",
       "1,010", "Table 3.2, \"Burglary\", 2024",
       "Table 3.2: Police recorded crime, England and Wales"},
      {"a row header cell is named by itself",
       "| Measure | 2023/24 |\n|---|---|\n| Vacancy rate | 7% |\n", "Vacancy rate",
       "Table 1, \"Vacancy rate\"", ""},
      {"the second table is Table 2",
       "| A | 2023 |\n|---|---|\n| x | 1 |\n\nText.\n\n| Trust | Q1 |\n|---|---|\n"
       "| North | 18 weeks |\n",
       "18 weeks", "Table 2, \"North\", Q1", ""},
  };
  for (const LocationCase& c : cases) {
    INFO(c.name);
    Document doc = Parse(c.text);
    const TableCell* cell = doc.CellAt(doc.text().find(c.value));
    REQUIRE(cell != nullptr);
    CHECK(doc.CellLocation(*cell) == c.location);
    CHECK(doc.TableCaption(*cell) == c.caption);
  }
}

// Grid placement straight from a RawTable: offsets are positions in a
// made-up text where each cell is one letter.
TEST_CASE("spans and header marks resolve headers like a browser would") {
  // Text: "ABCDEFGHIJ"; cell k is [k, k+1).
  auto cell = [](size_t k, bool header = false, int rs = 1, int cs = 1,
                 RawCell::Scope scope = RawCell::Scope::kAuto) {
    RawCell c;
    c.range = {k, k + 1};
    c.header = header;
    c.row_span = rs;
    c.column_span = cs;
    c.scope = scope;
    return c;
  };
  const std::string text = "ABCDEFGHIJKLMNOP";
  auto describe = [&](const std::vector<TableCell>& cells) {
    std::vector<std::string> out;
    for (const TableCell& c : cells) {
      auto s = [&](Range r) {
        return r.empty() ? std::string("-") : text.substr(r.begin, 1);
      };
      out.push_back(s(c.range) + "@" + std::to_string(c.row) + "," +
                    std::to_string(c.column) + ":" + s(c.row_header) +
                    s(c.column_header));
    }
    return out;
  };
  SUBCASE("a row header spanning two rows names both") {
    // A(th rowspan=2) B C / D E ; head row: F G H above.
    RawTable t;
    t.rows = {{cell(5, true), cell(6, true), cell(7, true)},
              {cell(0, true, 2, 1, RawCell::Scope::kRow), cell(1), cell(2)},
              {cell(3), cell(4)}};
    std::vector<TableCell> out;
    int rows = 0, columns = 0;
    ResolveTable(t, 0, &out, &rows, &columns);
    CHECK(rows == 3);
    CHECK(columns == 3);
    CHECK(describe(out) == std::vector<std::string>{"F@0,0:--", "G@0,1:--", "H@0,2:--",
                                                    "A@1,0:-F", "B@1,1:AG", "C@1,2:AH",
                                                    "D@2,1:AG", "E@2,2:AH"});
  }
  SUBCASE("a column header spanning two columns heads both; the lower row wins") {
    // Head: A(colspan 2) over B C; body: D E.
    RawTable t;
    t.rows = {{cell(0, true, 1, 2)}, {cell(1, true), cell(2, true)}, {cell(3), cell(4)}};
    std::vector<TableCell> out;
    int rows = 0, columns = 0;
    ResolveTable(t, 0, &out, &rows, &columns);
    CHECK(describe(out) == std::vector<std::string>{"A@0,0:--", "B@1,0:-A", "C@1,1:-A",
                                                    "D@2,0:-B", "E@2,1:DC"});
  }
  SUBCASE("a hostile span does not grow the grid past its budget") {
    RawTable t;
    for (int r = 0; r < 2000; ++r) t.rows.push_back({cell(0, false, 1000000, 1000000)});
    std::vector<TableCell> out;
    int rows = 0, columns = 0;
    ResolveTable(t, 0, &out, &rows, &columns);
    CHECK(out.size() == 2000);
    CHECK(columns <= 4 * kMaxSpan);  // not 2000 x 1000000
  }
}

}  // namespace
}  // namespace claimtrace

namespace claimtrace {
namespace {

const std::string kTables = std::string(CLAIMTRACE_TEST_DATA_DIR) + "/tables/";

Document Load(const std::string& path) {
  Result<Document> doc = LoadDocument(path);
  REQUIRE_MESSAGE(doc.ok(), (doc.ok() ? "" : doc.status().message()));
  return std::move(doc).value();
}

// "Table 1, "Vacancy rate", 2023/24 = 7%" for every body cell.
std::string Located(const Document& doc) {
  std::string out;
  for (const TableCell& c : doc.cells()) {
    if (c.header) continue;
    out += doc.CellLocation(c) + " = " + std::string(doc.Slice(c.range)) + "\n";
  }
  return out;
}

TEST_CASE("every format of the bulletin gives the same cells with the same headers") {
  const std::string expected = Located(Load(kTables + "bulletin.md"));
  CHECK(expected.find("Table 1, \"Vacancy rate\", 2023/24 = 7%\n") != std::string::npos);
  CHECK(expected.find("Table 2, \"Burglary\", Percentage change = -15%\n") !=
        std::string::npos);
  CHECK(expected.find("Table 3, \"Median wait (weeks)\", March 2024 = 13.1\n") !=
        std::string::npos);
  for (const char* name :
       {"bulletin.html", "bulletin.docx", "bulletin.rtf", "bulletin.pdf"}) {
    INFO(name);
    Document doc = Load(kTables + name);
    CHECK(doc.tables().size() == 3);
    CHECK(Located(doc) == expected);
  }
}

TEST_CASE("spans and header marks give the same headers in HTML and Word") {
  const std::string expected =
      "Table 1, \"North\", 2023 = 1,204\n"
      "Table 1, \"North\", 2024 = 1,010\n"
      "Table 1, \"North\", 2023 = 980\n"
      "Table 1, \"North\", 2024 = 1,122\n"
      "Table 1, \"South\", 2023 = 2,310\n"
      "Table 1, \"South\", 2024 = 2,205\n";
  for (const char* name : {"spans.html", "spans.docx"}) {
    INFO(name);
    Document doc = Load(kTables + name);
    CHECK(Located(doc) == expected);
    // The second head row sits under the spanning "Recorded offences".
    const TableCell* year = doc.CellAt(doc.text().find("2024"));
    REQUIRE(year != nullptr);
    CHECK(year->header);
    CHECK(doc.Slice(year->column_header) == "Recorded offences");
  }
}

struct StackCase {
  const char* name;
  const char* html;
  const char* value;   // a body cell's text
  const char* column;  // its column header: the lowest head row's cell
  const char* group;   // that head cell's own column header
};

TEST_CASE("a head of two rows: every head row is a head, a cell under a group has both") {
  const StackCase cases[] = {
      {"rail: rowspan heads beside a colspan group over two periods",
       "<table><tr><th rowspan=2>Operator</th><th colspan=2>On Time (%)</th>"
       "<th rowspan=2>Cancellations score (%) 2024-25</th></tr>"
       "<tr><th>2023-24</th><th>2024-25</th></tr>"
       "<tr><th "
       "scope=row>Merseyrail</th><td>87.4</td><td>88.9</td><td>1.2</td></tr></table>",
       "88.9", "2024-25", "On Time (%)"},
      {"courts: a group over two quarters, a lone head beside it",
       "<table><thead><tr><th></th><th colspan=2>Outstanding "
       "cases</th><th>Change</th></tr>"
       "<tr><th>Region</th><th>Q3 2023</th><th>Q3 2024</th><th>(%)</th></tr></thead>"
       "<tbody><tr><td>London</td><td>14,786</td><td>17,977</td><td>21.6</td></tr></"
       "tbody>"
       "</table>",
       "17,977", "Q3 2024", "Outstanding cases"},
  };
  for (const StackCase& c : cases) {
    INFO(c.name);
    Result<Document> doc = ParseText(
        "t.html", std::string("<html><body><main>") + c.html + "</main></body></html>",
        DocumentFormat::kHtml);
    REQUIRE(doc.ok());
    for (const TableCell& cell : doc->cells())
      if (cell.row < 2) CHECK(cell.header);  // no head row is read as data
    const TableCell* cell = doc->CellAt(doc->text().find(c.value));
    REQUIRE(cell != nullptr);
    CHECK_FALSE(cell->header);
    CHECK(doc->Slice(cell->column_header) == c.column);
    const TableCell* head = doc->CellAt(cell->column_header.begin);
    REQUIRE(head != nullptr);
    CHECK(doc->Slice(head->column_header) == c.group);
  }
}

TEST_CASE("an HTML table's caption names it; cells point into the HTML file") {
  Document doc = Load(kTables + "bulletin.html");
  REQUIRE(doc.tables().size() == 3);
  CHECK(doc.Slice(doc.tables()[1].caption) ==
        "Table 2: Police recorded crime by offence, Northshire");
  const TableCell* cell = doc.CellAt(doc.text().find("4,103"));
  REQUIRE(cell != nullptr);
  CHECK(doc.TableCaption(*cell) ==
        "Table 2: Police recorded crime by offence, Northshire");
  std::string html;
  FILE* f = std::fopen((kTables + "bulletin.html").c_str(), "rb");
  REQUIRE(f != nullptr);
  char buffer[8192];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) html.append(buffer, n);
  std::fclose(f);
  CHECK(html.substr(doc.FileOffset(cell->range.begin), 5) == "4,103");
}

TEST_CASE("a PDF table is rows of cells, not a paragraph of run-together numbers") {
  Document doc = Load(kTables + "bulletin.pdf");
  CHECK(doc.text().find("28%25%") == std::string::npos);
  const TableCell* cell = doc.CellAt(doc.text().find("4,103"));
  REQUIRE(cell != nullptr);
  CHECK(doc.CellLocation(*cell) == "Table 2, \"Burglary\", Year ending March 2024");
  CHECK(doc.TableCaption(*cell) ==
        "Table 2: Police recorded crime by offence, Northshire");
  int block = doc.BlockAt(cell->range.begin);
  REQUIRE(block >= 0);
  CHECK(doc.blocks()[block].kind == BlockKind::kTableRow);
}

TEST_CASE("a PDF table's head over two lines: the lower line names the columns") {
  Document doc = Load(kTables + "heads.pdf");
  REQUIRE(doc.tables().size() == 1);
  CHECK(doc.tables()[0].label == "2");
  const TableCell* cell = doc.CellAt(doc.text().find("4,103"));
  REQUIRE(cell != nullptr);
  CHECK(doc.CellLocation(*cell) == "Table 2, \"Burglary\", March 2024");
  // Poppler gives the wrapped row head "Theft from the / person" as a block
  // apart from its figures; they are one row, named whole, and the rows
  // below stay in the table.
  const TableCell* theft = doc.CellAt(doc.text().find("1,377"));
  REQUIRE(theft != nullptr);
  CHECK(doc.CellLocation(*theft) == "Table 2, \"Theft from the person\", March 2024");
  const TableCell* last = doc.CellAt(doc.text().find("4,870"));
  REQUIRE(last != nullptr);
  CHECK(doc.CellLocation(*last) == "Table 2, \"Shoplifting\", March 2024");
  // The head cell itself sits under the line above it.
  const TableCell* head = doc.CellAt(cell->column_header.begin);
  REQUIRE(head != nullptr);
  CHECK(head->header);
  CHECK(doc.Slice(head->column_header) == "Year ending");
}

struct PdfCellCase {
  const char* file;   // under tests/data
  const char* value;  // a cell's text, its last place in the document
  const char* location;
  const char* group;  // the column head's own column header ("" for none)
};

TEST_CASE(
    "a PDF table keeps its head when a head cell wraps or the table runs over a page") {
  const std::string data = std::string(CLAIMTRACE_TEST_DATA_DIR) + "/";
  const PdfCellCase cases[] = {
      // Housing: "Change" over "(%)", the years set between them, figures
      // a line height apart; the table goes on over the page, head repeated.
      {"wider/homeless-stats.pdf", "101,510", "Table 1, \"All households\", 2023", ""},
      {"wider/homeless-stats.pdf", "67,340",
       "Table 1, \"Households with children\", 2023", ""},
      {"wider/homeless-stats.pdf", "15.7", "Table 1, \"All households\", (%)", "Change"},
      {"wider/homeless-stats.pdf", "4,950",
       "Table 1, \"Households in bed and breakfast\", 2023", ""},
      {"wider/homeless-stats.pdf", "35.2",
       "Table 1, \"Households in bed and breakfast\", (%)", "Change"},
      // Health: month heads wider than a figure column.
      {"wider/nhs-bulletin.pdf", "7.54",
       "Table 1, \"Waiting list (millions)\", October 2024", ""},
      {"wider/nhs-bulletin.pdf", "13.9",
       "Table 1, \"Median waiting time (weeks)\", November 2024", ""},
      // Health: a head whose words stand on staggered baselines ("Standard"
      // set between "Target" and its "(%)").
      {"wider/nhs-bulletin.pdf", "74.8",
       "Table 2, \"28-day Faster Diagnosis Standard\", (%)", "October 2024"},
      // Social care: a table going on over the page without its head.
      {"tables/split.pdf", "44%", "Table 1, \"Agency worker rate\", 2018/19", ""},
      {"tables/split.pdf", "4.2", "Table 1, \"Spend on agency staff (£m)\", 2023/24", ""},
      // Crime: the stacked head still reads as before.
      {"tables/heads.pdf", "4,103", "Table 2, \"Burglary\", March 2024", "Year ending"},
  };
  for (const PdfCellCase& c : cases) {
    INFO(c.file, " ", c.value);
    Document doc = Load(data + c.file);
    const TableCell* cell = doc.CellAt(doc.text().rfind(c.value));
    REQUIRE(cell != nullptr);
    CHECK(doc.CellLocation(*cell) == c.location);
    const TableCell* head = doc.CellAt(cell->column_header.begin);
    REQUIRE(head != nullptr);
    CHECK(doc.Slice(head->column_header) == c.group);
  }
  CHECK(Load(data + "wider/homeless-stats.pdf").tables().size() == 1);
  CHECK(Load(data + "tables/split.pdf").tables().size() == 1);
}

struct PageLineCase {
  const char* text;  // found in the PDF's text
  int page;
  int line;  // on the page, counting the running header as line 1
};

TEST_CASE("PDF positions give the page and the line on it as a viewer shows it") {
  Document doc = Load(kTables + "bulletin.pdf");
  const PageLineCase cases[] = {
      {"Northshire County Council: statistics", 1, 2},  // under the running header
      {"Published: 9 January", 1, 3},
      {"This bulletin brings", 1, 6},
      {"Northshire. Workforce figures", 1, 7},  // the paragraph's second line
      {"Sickness absence", 1, 9},
      {"Vacancy rate", 1, 14},
      {"Hospital waiting times", 2, 2},
      {"13.1", 2, 8},
  };
  for (const PageLineCase& c : cases) {
    INFO(c.text);
    size_t at = doc.text().find(c.text);
    REQUIRE(at != std::string::npos);
    LineColumn lc = doc.Locate(at);
    CHECK(lc.page == c.page);
    CHECK(lc.line == c.line);
  }
  // A block's line and page are those of its first line.
  int block = doc.BlockAt(doc.text().find("Hospital waiting times"));
  REQUIRE(block >= 0);
  CHECK(doc.blocks()[block].page == 2);
  CHECK(doc.blocks()[block].line == 2);
}

TEST_CASE("lines set tight under a PDF's title stay apart: a short line ends its block") {
  Document doc = Load(kTables + "bulletin.pdf");
  for (const char* line :
       {"Published: 9 January 2025", "Statistics contact: Northshire Insight Team",
        "Next update: January 2026"}) {
    INFO(line);
    int block = doc.BlockAt(doc.text().find(line));
    REQUIRE(block >= 0);
    CHECK(doc.Slice(doc.blocks()[block].range) == line);
  }
}

TEST_CASE("a PDF's page-1 header block and judgement lines are separate passages") {
  Document doc = Load(std::string(CLAIMTRACE_TEST_DATA_DIR) + "/report.pdf");
  for (const char* start :
       {"Inspection dates: 11 to 15 November 2024", "Lead inspector: Amanda Maxwell",
        "Overall effectiveness Outstanding"}) {
    INFO(start);
    size_t at = doc.text().find(start);
    REQUIRE(at != std::string::npos);
    int block = doc.BlockAt(at);
    REQUIRE(block >= 0);
    CHECK(doc.blocks()[block].range.begin == at);
    CHECK(doc.blocks()[block].range.size() < 90);
    CHECK(doc.blocks()[block].page == 1);
  }
}

TEST_CASE("hostile tables load without growing without bound") {
  std::string page = "<html><body><main><table>";
  for (int r = 0; r < 300; ++r) {
    page += "<tr>";
    for (int c = 0; c < 30; ++c) page += "<td rowspan=\"0\" colspan=\"99999\">1</td>";
    page += "</tr>";
  }
  page +=
      "</table><table><tr><td><table><tr><td>nested</td></tr></table></td></tr></table>";
  page += "</main></body></html>";
  // Former bug: a page without elements crashed the search for its content.
  for (const char* empty : {"<!DOCTYPE html>", "<!-- only a comment -->"}) {
    INFO(std::string(empty));
    Result<Document> none = ParseText("empty.html", empty, DocumentFormat::kHtml);
    CHECK_FALSE(none.ok());
  }
  CHECK_FALSE(ParseText("doctype.html", "<!DOCTYPE html>", DocumentFormat::kAuto).ok());
  // Cells written without a <tr> keep their text, as one row.
  Result<Document> loose =
      ParseText("loose.html",
                "<html><body><main><table><td>Vacancy rate</td><td>7%</td></table>"
                "<p>After.</p></main></body></html>",
                DocumentFormat::kHtml);
  REQUIRE(loose.ok());
  CHECK(loose->text().find("Vacancy rate\t7%") != std::string::npos);
  Result<Document> doc = ParseText("hostile.html", page, DocumentFormat::kHtml);
  REQUIRE(doc.ok());
  CHECK(doc->cells().size() == 300 * 30 + 1);
  CHECK(doc->tables().size() == 2);
}

}  // namespace
}  // namespace claimtrace
