// Tests for number matching: same value about the same thing traces, another
// value about the same thing is a mismatch, the same value about something
// else does not trace; and the wrong-source date warning.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "claimtrace/document.h"
#include "claimtrace/extract.h"
#include "claimtrace/match.h"

namespace claimtrace {
namespace {

constexpr const char kSource[] =
    "# Inspection of a local authority\n\n"
    "**Inspection dates:** 11 to 15 November 2024\n\n"
    "1. Referrals are completed with parents' agreement and followed up after six weeks "
    "to "
    "ensure the help is in place.\n"
    "2. The local offer for care-experienced young people is available in 15 different "
    "languages.\n"
    "3. Many young people are supported with help and advice up to the age of 25.\n"
    "4. The council awarded 2,400 grants to students in college and university.\n"
    "5. Staff turnover fell to 9% in a year, and 20 per cent of staff are new.\n"
    "6. The council spent £12.4 million on housing repairs in 2022/23, up from the year "
    "before.\n"
    "7. Complaints rose from 420 to 610 over two years.\n";

std::string VerdictOf(const std::string& release_text,
                      std::string* source_value = nullptr) {
  Result<Document> source = ParseText("report.md", kSource);
  Result<Document> release = ParseText("release.txt", release_text);
  REQUIRE(source.ok());
  REQUIRE(release.ok());
  std::vector<Document> sources;
  sources.push_back(std::move(source).value());
  Extractor extractor;
  Extraction e = extractor.Extract(*release);
  const Claim* number = nullptr;
  for (const Claim& c : e.claims) {
    if (c.kind == ClaimKind::kNumber && !number) number = &c;
  }
  REQUIRE(number != nullptr);
  Matcher matcher(sources);
  Finding f = matcher.Match(*number, *release);
  if (source_value) *source_value = f.evidence.source_value;
  return std::string(VerdictName(f.verdict));
}

struct NumberCase {
  const char* name;
  const char* release;
  const char* verdict;
};

TEST_CASE("verdicts for numbers") {
  const NumberCase cases[] = {
      {"a number word traces the digits it stands for",
       "The offer is available in fifteen languages for young people.", "traced"},
      {"a qualifier is respected: more than 2,350 is supported by 2,400",
       "The council awarded more than 2,350 grants to students.", "traced"},
      {"per cent and % are the same unit", "Now 20% of staff are new.", "traced"},
      {"another value for the same thing is a mismatch",
       "Referrals are followed up after four weeks to ensure help is in place.",
       "mismatch"},
      {"the same number about another thing does not trace",
       "The service was criticised for 25 cases of failing to investigate.", "untraced"},
      {"money with a scale word traces the same sum spelled out, by its nearby words",
       "The regulator praised the programme and the board's plans, and said the council "
       "spent "
       "£12.4m on repairs.",
       "traced"},
      {"a financial year traces the same year",
       "The council carried out housing repairs spending in 2022/23.", "traced"},
      {"a change reported the wrong way round is a mismatch",
       "Complaints fell from 610 to 420 over two years.", "mismatch"},
      {"a number the source never states is untraced",
       "It has launched 7 new youth clubs.", "untraced"},
  };
  for (const NumberCase& c : cases) {
    CAPTURE(std::string(c.name));
    CHECK(VerdictOf(c.release) == std::string(c.verdict));
  }
}

TEST_CASE("a mismatch shows the source's value") {
  std::string source_value;
  VerdictOf("Referrals are followed up after four weeks to ensure help is in place.",
            &source_value);
  CHECK(source_value == "six weeks");
}

TEST_CASE("a footnote citing another document is untraced in this source") {
  CHECK(VerdictOf("Now 20% of staff are new.¹\nReferences\n1 National workforce "
                  "statistics 2024") == "untraced");
}

std::vector<Warning> Warnings(const std::string& release_text) {
  Result<Document> source = ParseText("report.md", kSource);
  Result<Document> release = ParseText("release.txt", release_text);
  REQUIRE(source.ok());
  REQUIRE(release.ok());
  std::vector<Document> sources;
  sources.push_back(std::move(source).value());
  Extractor extractor;
  Matcher matcher(sources);
  return matcher.CheckDates(extractor.Extract(*release).info);
}

TEST_CASE("a source dated after the release is flagged as the wrong source") {
  std::vector<Warning> w =
      Warnings("The council did well.\nPosted on Thursday 11th April 2019");
  REQUIRE(w.size() == 1);
  CHECK(w[0].code == "source-postdates-release");
  CHECK(Warnings("The council did well.\nPosted on Monday 13th January 2025").empty());
  CHECK(Warnings("A release with no date line at all.").empty());
}

}  // namespace
}  // namespace claimtrace

namespace claimtrace {
namespace {

// A source with figures from several fields, each in its own paragraph.
constexpr const char kFields[] =
    "# Annual statistics\n\n"
    "Of 1,204 adults surveyed, 50.4% reported symptoms of anxiety, and 43.2% of "
    "them had seen a doctor.\n\n"
    "Inflation averaged 3.4% over the year while household incomes rose by 1.2%.\n\n"
    "Recorded burglaries fell from 28% of all offences in 2019 to 19% in 2023.\n\n"
    "The company's revenue reached $4.87 billion, and it employed 3,330 people at "
    "year end.\n\n"
    "Pupils in 412 schools were followed for 37 days after the tests.\n\n"
    "The trial enrolled 61 persons aged 19 to 88.\n\n"
    "Of the staff admitted to hospital, 36.3% were nurses.\n\n"
    "The national lockdown began on 23 March 2020.\n";

// The verdicts of a release's number claims against one source, in order,
// joined by spaces.
std::string Verdicts(const char* source_text, const std::string& release_text,
                     DocumentFormat format = DocumentFormat::kMarkdown) {
  Result<Document> source = ParseText("source", source_text, format);
  Result<Document> release = ParseText("release.txt", release_text);
  REQUIRE(source.ok());
  REQUIRE(release.ok());
  std::vector<Document> sources;
  sources.push_back(std::move(source).value());
  Extraction e = Extractor().Extract(*release);
  Matcher matcher(sources);
  std::string out;
  for (const Claim& c : e.claims) {
    if (c.kind != ClaimKind::kNumber) continue;
    if (!out.empty()) out += " ";
    out += std::string(VerdictName(matcher.Match(c, *release).verdict));
  }
  return out;
}

TEST_CASE("a figure traces the value it rounds or approximates, in any form") {
  const NumberCase cases[] = {
      {"a fraction word covers the percentage it rounds (health)",
       "Half of the adults surveyed reported symptoms of anxiety.", "traced"},
      {"rounding to the precision the release uses (health)",
       "43 percent of them had seen a doctor.", "traced"},
      {"about, for a value within a tenth (company results)",
       "The company employed about 3,300 people at year end.", "traced"},
      {"people for persons (health)", "The trial enrolled 61 people.", "traced"},
      {"a range as the source states it (health)",
       "The trial enrolled adults aged 19 to 88.", "traced"},
      {"a change stated as two values of one sentence (crime statistics)",
       "Burglaries dropped from 28% to 19% of offences.", "traced"},
      {"a duration in other units (education)",
       "Pupils were followed for over a month after the tests.", "traced"},
      {"a bounded fraction word covers values just past it (health)",
       "More than a third of the staff admitted were nurses.", "traced"},
      {"a date without its year (public policy)", "The lockdown began on March 23.",
       "traced"},
      {"a scale word and a decimal (company results)",
       "Revenue reached $4.87bn this year.", "traced"},
  };
  for (const NumberCase& c : cases) {
    CAPTURE(std::string(c.name));
    CHECK(Verdicts(kFields, c.release) == std::string(c.verdict));
  }
}

TEST_CASE("another value for the same thing is a mismatch, never across kinds") {
  const NumberCase cases[] = {
      {"another percentage next to the same words (economics)",
       "Inflation averaged 5.4% over the year.", "mismatch"},
      {"another count of the same noun (education)",
       "Pupils in 512 schools were followed after the tests.", "mismatch"},
      {"a value rounded the wrong way (health)", "44 percent of them had seen a doctor.",
       "mismatch"},
      {"an age is not a count (health)", "The trial enrolled 88 volunteers.", "untraced"},
      {"a bounded fraction word far below the figure is another value (health)",
       "More than a tenth of the staff admitted were nurses.", "mismatch"},
      {"a value the source never gives (economics)",
       "Unemployment stood at 4.1% in the autumn.", "untraced"},
      {"the same figure in another currency (company results)",
       "The company's revenue reached £4.87 billion.", "mismatch"},
      {"another figure in another currency is not compared (company results)",
       "The company's revenue reached £3.9 billion.", "untraced"},
  };
  for (const NumberCase& c : cases) {
    CAPTURE(std::string(c.name));
    CHECK(Verdicts(kFields, c.release) == std::string(c.verdict));
  }
}

constexpr const char kMeasures[] =
    "# Field report\n\n"
    "Droplets from a cough reached 4 m from the patient.\n\n"
    "The new railway line is 25 km long.\n\n"
    "Each bale of hay weighs 20 kg when dry.\n\n"
    "Visitors must keep 2 metres apart in the ward.\n\n"
    "The farm covers 120 hectares of grazing land.\n\n"
    "The wind farm will produce 500 MW at full load.\n";

TEST_CASE("a number in words is as precise as in digits") {
  const char* source =
      "# Follow-up\n\n"
      "Patients were followed for 26 weeks after discharge.\n\n"
      "The council inspected 3.4 thousand homes, of which 2,000 were let privately.\n";
  const NumberCase cases[] = {
      {"a month in words covers its weeks, as in digits (health)",
       "Patients were followed for six months after discharge.", "traced"},
      {"the same in digits (health)",
       "Patients were followed for 6 months after discharge.", "traced"},
      {"a round number in words is rounded like its digits (housing)",
       "Two thousand of the homes inspected were let privately.", "traced"},
      {"a number in words still differs from another value (health)",
       "Patients were followed for nine months after discharge.", "mismatch"},
  };
  for (const NumberCase& c : cases) {
    CAPTURE(std::string(c.name));
    CHECK(Verdicts(source, c.release) == std::string(c.verdict));
  }
}

TEST_CASE("a measure is compared in any unit of its dimension, never across them") {
  const NumberCase cases[] = {
      {"feet for metres, rounded (epidemiology)",
       "Droplets from a cough reached 13 feet from the patient.", "traced"},
      {"miles for kilometres (transport)", "The new railway line is 15.5 miles long.",
       "traced"},
      {"the same unit (transport)", "The new railway line is 25 km long.", "traced"},
      {"pounds weight for kilograms (agriculture)",
       "Each bale of hay weighs 44 lb when dry.", "traced"},
      {"a loose conversion within both figures' rounding (public health)",
       "Visitors must keep 6 feet apart in the ward.", "traced"},
      {"acres for hectares (agriculture)", "The farm covers 297 acres of grazing land.",
       "traced"},
      {"gigawatts for megawatts, the symbols in capitals (energy)",
       "The wind farm will produce 0.5 GW at full load.", "traced"},
      {"another length for the same thing (transport)",
       "The new railway line is 40 miles long.", "mismatch"},
      {"the same number in another unit is another value (epidemiology)",
       "Droplets from a cough reached 4 feet from the patient.", "mismatch"},
      {"a mass is not a length (agriculture)",
       "Each bale of hay is 20 feet long when dry.", "untraced"},
  };
  for (const NumberCase& c : cases) {
    CAPTURE(std::string(c.name));
    CHECK(Verdicts(kMeasures, c.release) == std::string(c.verdict));
  }
}

}  // namespace
}  // namespace claimtrace

namespace claimtrace {
namespace {

TEST_CASE("a change figure is checked against the latest two figures of its table row") {
  const char* source =
      "# Annual figures\n\n"
      "| Measure | 2022 | 2023 | 2024 |\n|---|---:|---:|---:|\n"
      "| Spend on agency staff (£m) | 5.6 | 4.9 | 4.2 |\n"
      "| Hospital admissions | 1,200 | 1,000 | 1,250 |\n";
  const NumberCase cases[] = {
      {"a reduction the figures give (public spending)",
       "Spending on agency staff saw a 14% reduction on the previous year.", "traced"},
      {"a reduction the figures do not give (public spending)",
       "Spending on agency staff saw a 25% reduction on the previous year.", "mismatch"},
      {"a rise the figures give (health)",
       "Hospital admissions saw a 25% increase on the year before.", "traced"},
  };
  for (const NumberCase& c : cases) {
    CAPTURE(std::string(c.name));
    Result<Document> src = ParseText("figures.md", source, DocumentFormat::kMarkdown);
    Result<Document> release = ParseText("release.txt", c.release);
    REQUIRE(src.ok());
    REQUIRE(release.ok());
    std::vector<Document> sources;
    sources.push_back(std::move(src).value());
    Extraction e = Extractor().Extract(*release);
    REQUIRE(e.claims.size() == 1);
    Matcher matcher(sources);
    CHECK(std::string(VerdictName(matcher.Match(e.claims[0], *release).verdict)) ==
          std::string(c.verdict));
  }
}

}  // namespace
}  // namespace claimtrace

namespace claimtrace {
namespace {

// A bulletin with a time series, a breakdown that is not one, and a table
// whose columns are dates, with a little prose between them.
constexpr const char kTables[] =
    "# Quarterly bulletin\n\n"
    "Figures are for the financial year unless stated.\n\n"
    "Table 1: Labour market, 2021 to 2023\n\n"
    "| Measure | 2021 | 2022 | 2023 |\n|---|---:|---:|---:|\n"
    "| Unemployment rate | 4.5% | 3.9% | 4.2% |\n"
    "| Employment rate | 75.1% | 75.6% | 75.9% |\n"
    "| Economic inactivity rate | 21.3% | 21.5% | 20.8% |\n\n"
    "Table 2: Results by segment\n\n"
    "| Segment | Revenue ($m) | Operating margin |\n|---|---:|---:|\n"
    "| Retail | 1,240 | 8.1% |\n"
    "| Wholesale | 860 | 5.4% |\n\n"
    "Table 3: Referral to treatment waiting times\n\n"
    "| Measure | March 2023 | March 2024 |\n|---|---:|---:|\n"
    "| Waiting under 18 weeks | 58% | 61% |\n"
    "| Median wait (weeks) | 14.8 | 13.1 |\n\n"
    "Table 4: Group results\n\n"
    "| £m unless stated | 2024 | 2023 | Change |\n|---|---:|---:|---:|\n"
    "| Revenue | 4,187 | 3,862 | 8.4% |\n"
    "| Adjusted operating margin | 12.2% | 11.6% | 60bps |\n"
    "| Earnings per share (pence) | 41.7 | 36.2 | 15.2% |\n"
    "| Net debt | 1,094 | 1,212 | (9.7)% |\n\n"
    "Table 5: Survey responses by age group (% of respondents)\n\n"
    "| Age group | Struggling financially | Reduced working hours |\n|---|---:|---:|\n"
    "| 18 to 64 | 48 | 37 |\n"
    "| 65 and over | 29 | 12 |\n\n"
    "Table 6: Sewage discharges by river\n\n"
    "| River | Spills | Hours discharged |\n|---|---:|---:|\n"
    "| Test | 6,912 | 21,377 |\n"
    "| Itchen | 5,480 | 38,950 |\n\n"
    "Table 7: Carers' experiences by age group (% of carers)\n\n"
    "| | 18-34 | 35-54 | 65 and over |\n|---|---:|---:|---:|\n"
    "| Mental health worse because of caring | 74 | 71 | 61 |\n"
    "| Struggling to make ends meet | 48 | 46 | 30 |\n\n"
    "Table 8: Ambulance services\n\n"
    "| Measure | October 2024 | November 2024 |\n|---|---:|---:|\n"
    "| Response time for strokes (minutes) | 42.1 | 47.3 |\n";

TEST_CASE("a table figure is about its row and its column") {
  const NumberCase cases[] = {
      {"the row and year the claim names (economics)",
       "The unemployment rate rose to 4.2% in 2023.", "traced traced"},
      {"the latest figure of a row, for a claim naming no year (economics)",
       "Unemployment now stands at 4.2%.", "traced"},
      {"another year's figure of the row named (economics)",
       "The unemployment rate stood at 3.9% in 2023.", "mismatch traced"},
      {"another row's figure (economics)",
       "The economic inactivity rate is now 4.2%, the lowest on record.", "mismatch"},
      {"another row's figure in a breakdown (company results)",
       "Retail's operating margin was 5.4%.", "mismatch"},
      {"a cell whose unit is in its header (company results)",
       "Wholesale revenue was $860 million.", "traced"},
      {"the same digits in another unit (company results)",
       "Wholesale revenue was $860 billion.", "mismatch"},
      {"a date column is the period of its figures (health)",
       "61% of patients waited under 18 weeks in March 2024.", "traced traced traced"},
      {"the other date column's figure (health)",
       "58% of patients waited under 18 weeks in March 2024.", "mismatch traced traced"},
      {"a scale the table states once, in its corner (company results)",
       "Revenue reached £4.2bn.", "traced"},
      {"a unit the caption states (social survey)",
       "Nearly half of working-age respondents were struggling financially.", "traced"},
      {"a unit a column header starts with (environment)",
       "Sewage was discharged into the Itchen for 38,950 hours.", "traced"},
      {"the noun a column header names (environment)",
       "The Itchen recorded 5,840 spills.", "mismatch"},
      {"a series' latest figure, for a claim naming no period (company results)",
       "Net debt fell to £1.2bn.", "mismatch"},
      {"an earlier figure of a series, for a claim naming its period (company results)",
       "Net debt was £1.2bn in 2023.", "traced traced"},
      {"the column a claim names by its label (social survey)",
       "71% of carers aged 35-54 said their mental health was worse.", "traced traced"},
      {"another column's figure (social survey)",
       "74% of carers aged 35-54 said their mental health was worse.", "mismatch traced"},
      {"a column named by its label and a row by one of its words (social survey)",
       "Nearly half (48%) of carers aged 18-34 were struggling financially.",
       "traced traced traced"},
      {"of two rows named in a clause, the one named nearer (economics)",
       "Employment stood at 75.6% and unemployment at 4.2%.", "mismatch traced"},
      {"the latest month of a series, for a claim naming none (health)",
       "Ambulances took 42.1 minutes to reach strokes.", "mismatch"},
      {"the month a claim names (health)",
       "Ambulances took 42.1 minutes to reach strokes in October 2024.", "traced traced"},
      {"columns running newest first (company results)",
       "The operating margin widened from 11.6% to 12.2%.", "traced"},
  };
  for (const NumberCase& c : cases) {
    CAPTURE(std::string(c.name));
    CHECK(Verdicts(kTables, c.release) == std::string(c.verdict));
  }
}

}  // namespace
}  // namespace claimtrace

namespace claimtrace {
namespace {

TEST_CASE("the words around a figure, not other figures, say what it is about") {
  const char* source =
      "# Waiting times\n\n"
      "The waiting list at the end of November was 7.48 million.\n\n"
      "Of those, 58.9% were waiting less than 18 weeks, against the standard of 92%.\n\n"
      "Of the patients waiting for one of the key tests at the end of the month, 21.7% "
      "had been waiting six weeks or more.\n\n"
      "There were 2,239,416 attendances, 3.6% more than in December 2023.\n";
  const NumberCase cases[] = {
      {"a bound stated alike next to the same word (health)",
       "Fewer than six in ten patients had been waiting less than 18 weeks at the end of "
       "November.",
       "traced traced"},
      {"another bound for the same thing (health)",
       "Fewer than six in ten patients had been waiting less than 16 weeks at the end of "
       "November.",
       "traced mismatch"},
      {"a bare figure whose clause names what it counts (health)",
       "Attendances rose by 3.6% to more than 2.2 million.", "traced traced"},
      {"a bound is said of values just past it, not of any (health)",
       "Most patients had been waiting less than 30 weeks at the end of November.",
       "mismatch"},
  };
  for (const NumberCase& c : cases) {
    CAPTURE(std::string(c.name));
    CHECK(Verdicts(source, c.release) == std::string(c.verdict));
  }
}

}  // namespace
}  // namespace claimtrace

namespace claimtrace {
namespace {

TEST_CASE("a group header over a head of several rows heads its columns") {
  const char* page =
      "<html><body><table><caption>Table 1: Punctuality by operator</caption>"
      "<thead><tr><th rowspan=2>Operator</th><th colspan=2>On time (%)</th></tr>"
      "<tr><th>2023-24</th><th>2024-25</th></tr></thead><tbody>"
      "<tr><td>Northern</td><td>69.8</td><td>66.4</td></tr>"
      "<tr><td>Merseyrail</td><td>88.9</td><td>86.1</td></tr>"
      "</tbody></table></body></html>";
  const NumberCase cases[] = {
      {"the unit and period of a grouped column (transport)",
       "Merseyrail ran 88.9% of its trains on time in 2023-24.", "traced traced"},
      {"another period's figure of the row (transport)",
       "Northern's on-time score slipped to 69.8% in 2024-25.", "mismatch traced"},
  };
  for (const NumberCase& c : cases) {
    CAPTURE(std::string(c.name));
    CHECK(Verdicts(page, c.release, DocumentFormat::kHtml) == std::string(c.verdict));
  }
}

}  // namespace
}  // namespace claimtrace
