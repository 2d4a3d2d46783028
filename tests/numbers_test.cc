// Tests for the number side of extraction: the quantity finder's phrases and
// values, number claims outside quotations and metadata, the release date,
// and footnote links.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "claimtrace/document.h"
#include "claimtrace/extract.h"
#include "extract/quantity.h"

namespace claimtrace {
namespace {

struct PhraseCase {
  const char* name;
  const char* text;
  const char* phrase;  // the mention's text
  QuantityKind kind;
  double value;
  const char* extra;  // "unit=..", "counted=..", "qualifier=..", "per=..", "to=.."
};

std::string Describe(const Quantity& q) {
  std::string out;
  if (!q.unit.empty()) out += "unit=" + q.unit + " ";
  if (!q.counted.empty()) out += "counted=" + q.counted + " ";
  if (!q.qualifier.empty()) out += "qualifier=" + q.qualifier + " ";
  if (!q.relation.empty()) out += "relation=" + q.relation + " ";
  if (!q.per.empty()) out += "per=" + q.per + " ";
  if (q.to) out += "to=" + std::to_string(static_cast<int>(*q.to)) + " ";
  if (!out.empty()) out.pop_back();
  return out;
}

TEST_CASE("quantities are found whole and normalised") {
  const PhraseCase cases[] = {
      {"digits with thousands separators and a counted noun",
       "it made more than 2,350 grants to", "more than 2,350 grants",
       QuantityKind::kCount, 2350, "counted=grants qualifier=more than"},
      {"percent sign", "among the top 20% of councils", "top 20%", QuantityKind::kPercent,
       20, "unit=% qualifier=top"},
      {"per cent in words", "the top 20 per cent across", "top 20 per cent",
       QuantityKind::kPercent, 20, "unit=% qualifier=top"},
      {"percentage points", "up 3 percentage points", "3 percentage points",
       QuantityKind::kPoints, 3, "unit=pp"},
      {"money with a rate", "saving £550 per year, per child; and",
       "£550 per year, per child", QuantityKind::kMoney, 550, "unit=GBP per=year, child"},
      {"money with a scale", "a £1.2m fund", "£1.2m fund", QuantityKind::kMoney, 1.2e6,
       "unit=GBP counted=fund"},
      {"dollars in billions", "spent $3 billion on", "$3 billion", QuantityKind::kMoney,
       3e9, "unit=USD"},
      {"a change from one value to another", "turnover dropped from 33% to 9% in",
       "from 33% to 9%", QuantityKind::kPercent, 33, "unit=% to=9"},
      {"a range", "between 5 and 7 visits", "between 5 and 7 visits",
       QuantityKind::kCount, 5, "counted=visits to=7"},
      {"spelled-out numbers with adjectives before the noun",
       "inspects against four key areas:", "four key areas", QuantityKind::kCount, 4,
       "counted=areas"},
      {"hyphenated number words", "for twenty-one days", "twenty-one days",
       QuantityKind::kDuration, 21, "unit=day"},
      {"a duration in the past", "rated Good five years ago, after", "five years ago",
       QuantityKind::kDuration, 5, "unit=year relation=ago"},
      {"a duration with no number word", "fell in less than a year.", "less than a year",
       QuantityKind::kDuration, 1, "unit=year qualifier=less than"},
      {"a fraction word with its noun", "half the workforce came", "half the workforce",
       QuantityKind::kFraction, 0.5, "counted=workforce"},
      {"an article and an ordinal make a fraction", "a third of staff", "a third",
       QuantityKind::kFraction, 1.0 / 3, ""},
      {"one in five", "one in five children", "one in five children",
       QuantityKind::kFraction, 0.2, "counted=children"},
      {"an ordinal with its noun", "It was their sixth and final visit since",
       "sixth and final visit", QuantityKind::kOrdinal, 6, "counted=visit"},
      {"a year alone", "rated Inadequate in 2017.", "2017", QuantityKind::kYear, 2017,
       ""},
      {"a day, month and year", "published on 13 January 2025,", "13 January 2025",
       QuantityKind::kDate, 20250113, ""},
      {"a weekday and a date without year", "published on Monday 13 January, found",
       "Monday 13 January", QuantityKind::kDate, 113, ""},
      {"an ordinal day", "Posted on Thursday 11th April 2019", "Thursday 11th April 2019",
       QuantityKind::kDate, 20190411, ""},
      {"two days of one month", "visit on 19 and 20 March 2019.", "19 and 20 March 2019",
       QuantityKind::kDate, 20190319, "to=20190320"},
      {"a month and year", "in April 2017.", "April 2017", QuantityKind::kDate, 20170400,
       ""},
      {"a season and year", "by Autumn 2019.", "Autumn 2019", QuantityKind::kDate,
       20190000, "unit=autumn"},
      {"a financial year", "spent in 2023/24 on", "2023/24", QuantityKind::kYear, 2023,
       "unit=financial year to=2024"},
      {"a dotted day.month.year dateline", "23.07.19", "23.07.19", QuantityKind::kDate,
       20190723, ""},
      {"an open bound after a duration makes an age (health)",
       "adults aged 50 years and older were", "50 years and older",
       QuantityKind::kDuration, 50, "unit=year qualifier=at least relation=old"},
      {"a duration's open bound is left to its context (health)",
       "had been waiting six weeks or more.", "six weeks", QuantityKind::kDuration, 6,
       "unit=week"},
      {"a plus after a number is an open bound (census)", "residents aged 70+ were",
       "70+", QuantityKind::kCount, 70, "qualifier=at least"},
      {"a plus between numbers is a sum, not a bound", "scored 5+3 points", "5",
       QuantityKind::kCount, 5, ""},
      {"a unit symbol in capitals is its measure (energy)", "the plant makes 500 MW at",
       "500 MW", QuantityKind::kCount, 500, "counted=mw"},
      {"a unit symbol in mixed case (energy)", "used 2.5 GWh last year", "2.5 GWh",
       QuantityKind::kCount, 2.5, "counted=gwh"},
      {"a unit in lower case (transport)", "the route is 25 km long", "25 km",
       QuantityKind::kCount, 25, "counted=km"},
      {"a capital word after a number is not a unit (places)", "in 5 New York boroughs",
       "5", QuantityKind::kCount, 5, ""},
  };
  QuantityFinder finder;
  for (const PhraseCase& c : cases) {
    CAPTURE(std::string(c.name));
    std::string text = c.text;
    std::vector<QuantityMention> found = finder.Find(text);
    REQUIRE(found.size() >= 1);
    const QuantityMention& m = found.front();
    CHECK(text.substr(m.range.begin, m.range.size()) == std::string(c.phrase));
    CHECK(m.quantity.kind == c.kind);
    CHECK(std::fabs(m.quantity.value - c.value) < 1e-6);
    CHECK(Describe(m.quantity) == std::string(c.extra));
  }
}

TEST_CASE("words that look like numbers but count nothing are not quantities") {
  const char* cases[] = {
      "One of the other complaints was this.",      "No one underestimates the work.",
      "It was the first time and the second home.", "Every quarter, inspectors visited.",
      "It launched in December an academy.",
  };
  QuantityFinder finder;
  for (const char* text : cases) {
    CAPTURE(std::string(text));
    CHECK(finder.Find(text).empty());
  }
}

// The phrases a text states as quantities, "phrase" each, joined by " | ".
std::string Phrases(const std::string& text) {
  QuantityFinder finder;
  std::string out;
  for (const QuantityMention& m : finder.Find(text)) {
    if (!out.empty()) out += " | ";
    out += text.substr(m.range.begin, m.range.size());
  }
  return out;
}

TEST_CASE("digits inside names and identifiers are not quantities") {
  const char* cases[][2] = {
      {"Patients with COVID-19 recovered in 9 days.", "9 days"},
      {"SARS-CoV-2 and IL-6 levels rose in 12 patients.", "12 patients"},
      {"The H1N1 strain and the B.1.1.7 variant spread.", ""},
      {"The mRNA-1273 vaccine and BNT162b1 were tested on 45 adults.", "45 adults"},
      {"Certified to ISO 9001 since 2015.", "2015"},
      {"Delays on the M25 cost £3 million.", "£3 million"},
      {"See Section 3.2 and Table 4 for 15 schools.", "15 schools"},
      {"CD4 counts fell in 2019-nCoV cases.", ""},
      {"Phase 2 trials of type 1 diabetes drugs began.", ""},
      {"The office at E14 2BG has 300 staff.", "300 staff"},
      {"Year 6 pupils sat the tests; Key Stage 2 results rose to 61%.", "61%"},
  };
  for (const auto& c : cases) {
    CAPTURE(std::string(c[0]));
    CHECK(Phrases(c[0]) == std::string(c[1]));
  }
}

TEST_CASE("times, phone numbers and page references are not quantities") {
  const char* cases[][2] = {
      {"Not for publication before 09:00 on Monday.", ""},
      {"The meeting starts at 6pm and ends at 10.30am.", ""},
      {"Updated 23:30 GMT with 4 new cases.", "4 new cases"},
      {"Doors open at 6:00 pm for 200 guests.", "200 guests"},
      {"Call 020 7946 0018 or (555) 123-4567 today.", ""},
      {"As set out on page 12 and pp. 3-4 of the report.", ""},
  };
  for (const auto& c : cases) {
    CAPTURE(std::string(c[0]));
    CHECK(Phrases(c[0]) == std::string(c[1]));
  }
}

TEST_CASE("a reference period is neither a duration nor a rate") {
  const char* cases[][2] = {
      {"Gas-fired generation was down from 44.5% a year earlier.", "44.5%"},
      {"Delay minutes rose 6% more than a year earlier.", "6%"},
      {"Sales were 12% higher than a year ago.", "12%"},
      {"Patients waited more than a year for surgery.", "more than a year"},
      {"Families received £550 a year per child.", "£550 a year per child"},
  };
  for (const auto& c : cases) {
    CAPTURE(std::string(c[0]));
    CHECK(Phrases(c[0]) == std::string(c[1]));
  }
}

TEST_CASE("one as a determiner or pronoun counts nothing, but one with a bound does") {
  const char* cases[][2] = {
      {"One study found that masks work.", ""},
      {"One type of test is faster.", ""},
      {"They help one another.", ""},
      {"Each adult has at least one condition.", "at least one condition"},
      {"Only one school was rated Inadequate.", "Only one school"},
  };
  for (const auto& c : cases) {
    CAPTURE(std::string(c[0]));
    CHECK(Phrases(c[0]) == std::string(c[1]));
  }
}

TEST_CASE("number forms from several fields are read with comparable values") {
  const PhraseCase cases[] = {
      {"a middle-dot decimal (The Lancet)", "an attack rate of 12·4% in", "12·4%",
       QuantityKind::kPercent, 12.4, "unit=%"},
      {"thin-space thousands", "a cohort of 122\u202f300 adults", "122\u202f300 adults",
       QuantityKind::kCount, 122300, "counted=adults"},
      {"a spaced percent sign", "inflation of 50 % in the", "50 %",
       QuantityKind::kPercent, 50, "unit=%"},
      {"pc for per cent", "profits up 12pc on", "12pc", QuantityKind::kPercent, 12,
       "unit=%"},
      {"basis points are hundredths of a point (company results)",
       "the margin rose 60 basis points to", "60 basis points", QuantityKind::kPoints,
       0.6, "unit=pp"},
      {"bps for basis points (company results)", "a change of 60bps in", "60bps",
       QuantityKind::kPoints, 0.6, "unit=pp"},
      {"twice", "were twice as likely to", "twice", QuantityKind::kMultiple, 2, ""},
      {"more than double", "can more than double the risk", "more than double",
       QuantityKind::kMultiple, 2, "qualifier=more than"},
      {"a fold change", "a 2.5-fold increase in", "2.5-fold", QuantityKind::kMultiple,
       2.5, ""},
      {"times higher", "odds were 18.7 times higher indoors", "18.7 times higher",
       QuantityKind::kMultiple, 18.7, ""},
      {"three-quarters", "more than three-quarters of cases", "more than three-quarters",
       QuantityKind::kFraction, 0.75, "qualifier=more than"},
      {"nine out of 10", "nine out of 10 infections", "nine out of 10 infections",
       QuantityKind::kFraction, 0.9, "counted=infections"},
      {"a dozen", "a dozen schools closed", "a dozen schools", QuantityKind::kCount, 12,
       "counted=schools"},
      {"thousands of", "thousands of cases were", "thousands of cases",
       QuantityKind::kCount, 1000, "counted=cases qualifier=thousands of"},
      {"an age range without from", "adults aged 19 to 88 took part", "19 to 88",
       QuantityKind::kCount, 19, "to=88"},
      {"a dashed percent range", "may infect 10-20% of members", "10-20%",
       QuantityKind::kPercent, 10, "unit=% to=20"},
      {"a range of durations", "three to five days after symptoms", "three to five days",
       QuantityKind::kDuration, 3, "unit=day to=5"},
      {"an open bound after the number", "outbreaks of three or more cases",
       "three or more cases", QuantityKind::kCount, 3,
       "counted=cases qualifier=at least"},
      {"a month and day", "a lockdown on March 16, well in", "March 16",
       QuantityKind::kDate, 316, ""},
      {"an abbreviated month with a dot", "the week ending Feb. 23, 2020.",
       "Feb. 23, 2020", QuantityKind::kDate, 20200223, ""},
      {"a day/month/year date", "from 16/03/2020 onwards", "16/03/2020",
       QuantityKind::kDate, 20200316, ""},
      {"a change with a time at each end (social care)",
       "rate fell from 50% in 2017/18 to 12% at 31 March 2024, as",
       "from 50% in 2017/18 to 12% at 31 March 2024", QuantityKind::kPercent, 50,
       "unit=% to=12"},
      {"a mixed number with a slash", "a 2 1/2-hour practice", "2 1/2-hour",
       QuantityKind::kDuration, 2.5, "unit=hour"},
      {"a hyphenated bound", "vaccines for the over-65s first", "over-65s",
       QuantityKind::kCount, 65, "qualifier=over"},
      {"a number in the plural is its own noun (health)", "lonely over-50s face a risk",
       "over-50s", QuantityKind::kCount, 50, "qualifier=over"},
      {"a decade is its own noun (history)", "in the 1980s homes were built", "1980s",
       QuantityKind::kYear, 1980, ""},
      {"a vulgar fraction", "rates rose by ¾ in", "¾", QuantityKind::kFraction, 0.75, ""},
      {"a statistic with its interval", "an odds ratio of 2.1 (95% CI 1.2–3.4) for",
       "2.1 (95% CI 1.2–3.4)", QuantityKind::kCount, 2.1, ""},
  };
  QuantityFinder finder;
  for (const PhraseCase& c : cases) {
    CAPTURE(std::string(c.name));
    std::string text = c.text;
    std::vector<QuantityMention> found = finder.Find(text);
    REQUIRE(found.size() == 1);
    const QuantityMention& m = found.front();
    CHECK(text.substr(m.range.begin, m.range.size()) == std::string(c.phrase));
    CHECK(m.quantity.kind == c.kind);
    CHECK(std::fabs(m.quantity.value - c.value) < 1e-6);
    CHECK(Describe(m.quantity) == std::string(c.extra));
  }
}

std::vector<Claim> Numbers(const std::string& text, ReleaseInfo* info = nullptr) {
  Result<Document> doc = ParseText("t.txt", text);
  REQUIRE(doc.ok());
  Extractor extractor;
  Extraction e = extractor.Extract(*doc);
  if (info) *info = e.info;
  std::vector<Claim> out;
  for (Claim& c : e.claims) {
    if (c.kind == ClaimKind::kNumber) out.push_back(c);
  }
  return out;
}

std::string Texts(const std::vector<Claim>& claims) {
  std::string out;
  for (size_t i = 0; i < claims.size(); ++i) out += (i ? " | " : "") + claims[i].text;
  return out;
}

TEST_CASE("numbers inside quotations belong to the quotation") {
  CHECK(Texts(Numbers(
            "Jo Bloggs said: “Two years ago we had 25 cases.” In 2017 it was worse.")) ==
        "2017");
}

TEST_CASE("posting lines and datelines are metadata that date the release") {
  ReleaseInfo info;
  std::vector<Claim> claims = Numbers(
      "23.07.19\nThe council made 40 grants in 2018.\nIt grew.\nPosted on Monday 22nd "
      "July 2019",
      &info);
  CHECK(Texts(claims) == "40 grants | 2018");
  REQUIRE(info.date.has_value());
  CHECK(info.date->year == 2019);
  CHECK(info.date->month == 7);
}

TEST_CASE(
    "a date after 'published on' inside a sentence is a claim, not a posting line") {
  ReleaseInfo info;
  CHECK(Texts(Numbers("Council praised\nInspectors, in their report published on 13 "
                      "January 2025, praised the council's 40 family hubs and its "
                      "work.\nIt grew.",
                      &info)) == "13 January 2025 | 40 family hubs");
}

TEST_CASE("a posting line that looks like a title is still metadata") {
  ReleaseInfo info;
  CHECK(Texts(Numbers("Council welcomes audit of repairs\nPosted on 12 March 2024\n"
                      "The audit praised 3 teams and the repairs programme.",
                      &info)) == "3 teams");
  REQUIRE(info.date.has_value());
  CHECK(info.date->day == 12);
}

TEST_CASE("contact lines, bylines and notes to editors are not claims") {
  std::vector<Claim> claims = Numbers(
      "By Jane Smith, Local Democracy Reporter\nThe council opened 4 hubs.\n"
      "Notes to editors:\n1. The council has 45,000 tenants.\n"
      "Media enquiries: press@council.example or 020 7364 4389");
  CHECK(Texts(claims) == "4 hubs");
}

TEST_CASE("a bracketed footnote marker is not a number and links its claim") {
  std::vector<Claim> claims = Numbers(
      "We rank in the top 20 per cent.[1]\nFootnotes\n[1] National statistics 2024");
  REQUIRE(claims.size() == 1);
  CHECK(claims[0].text == "top 20 per cent");
  CHECK(claims[0].cites == "1");
  CHECK(claims[0].reference == "National statistics 2024");
}

TEST_CASE("link lines and reference lists are not claims") {
  std::vector<Claim> claims = Numbers(
      "It won 3 awards.¹\nREAD MORE: Council wins 5 prizes in 2020\nReferences\n"
      "1 Official statistics as of 31 March 2024\nPosted on 1 May 2024");
  CHECK(Texts(claims) == "3 awards");
  REQUIRE(claims.size() == 1);
  CHECK(claims[0].cites == "1");
  CHECK(claims[0].reference == "Official statistics as of 31 March 2024");
}

}  // namespace
}  // namespace claimtrace
