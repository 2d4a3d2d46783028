// Tests for quotation extraction: pairing of marks, apostrophes, unclosed
// quotations, roles and speakers. Cases are named for the rule they protect.
#include <doctest/doctest.h>

#include <iterator>
#include <string>
#include <vector>

#include "claimtrace/document.h"
#include "claimtrace/extract.h"

namespace claimtrace {
namespace {

// Renders quotations as "text|role|speaker" joined by " // ".
std::string Quotes(const std::string& text) {
  Result<Document> doc = ParseText("t.txt", text);
  REQUIRE(doc.ok());
  Extractor extractor;
  std::string out;
  for (const Claim& c : extractor.Extract(*doc).claims) {
    if (c.kind != ClaimKind::kQuote) continue;
    if (!out.empty()) out += " // ";
    out += c.text + "|" + std::string(QuoteRoleName(c.role));
    if (!c.speaker.empty()) out += "|" + c.speaker;
  }
  return out;
}

struct QuoteCase {
  const char* name;
  const char* text;
  const char* quotes;
};

TEST_CASE("quotation marks pair by family and by their neighbours") {
  const QuoteCase cases[] = {
      {"curly double quotes", "They found “timely and effective help” here.",
       "timely and effective help|source"},
      {"straight double quotes", "They found \"timely and effective help\" here.",
       "timely and effective help|source"},
      {"curly single quotes", "Rated ‘Outstanding’ today.", "Outstanding|term"},
      {"straight single quotes", "Rated 'Inadequate' in 2017.", "Inadequate|term"},
      {"guillemets", "They said «a fine result for all» then.",
       "a fine result for all|source"},
      {"a straight opening mark closed by a curly one",
       "\"We set a high bar and met it.” Then more.",
       "We set a high bar and met it.|source"},
      {"possessive apostrophes are not quotation marks",
       "Tower Hamlets’ Children’s Services as ‘Outstanding’ - the highest.",
       "Outstanding|term"},
      {"a straight possessive apostrophe is not a quotation mark",
       "Tower Hamlets' innovative academy and the borough's 'Outstanding' team.",
       "Outstanding|term"},
      {"an unclosed quotation ends at the end of its paragraph",
       "Efforts provide \"constructive challenge and purposeful learning.\nNext line.",
       "constructive challenge and purposeful learning.|source"},
      {"an unclosed quotation ends where the next opening mark starts",
       "Leaders have a “thorough and accurate understanding of their strengths, and "
       "“have been creative and persistent.”",
       "thorough and accurate understanding of their strengths,|source // "
       "have been creative and persistent.|source"},
      {"one claim per paragraph of a quotation running over paragraphs",
       "He wrote:\n“First paragraph of the quote.\n“Second paragraph, now closed.”",
       "First paragraph of the quote.|source // Second paragraph, now closed.|source"},
      {"quotations span soft line breaks in hard-wrapped text",
       "Inspectors found that “children receive\ngood support at home.”\n\nNext.",
       "children receive\ngood support at home.|source"},
      {"a quotation of three words or fewer is a term",
       "Strategy meetings are \"rigorous\" now.", "rigorous|term"},
      {"a single quotation opening with an editorial bracket (housing)",
       "The report says that '[councils] continue to rely heavily on nightly paid "
       "accommodation' for families.",
       "[councils] continue to rely heavily on nightly paid accommodation|source"},
      {"a curly single quotation opening with a bracket (health)",
       "Inspectors wrote that ‘[the trust] has made real progress since 2022’.",
       "[the trust] has made real progress since 2022|source"},
      {"a single quotation opening with an ellipsis (finance)",
       "The minutes record that '…the board agreed to cut the dividend' in May.",
       "…the board agreed to cut the dividend|source"},
  };
  for (const QuoteCase& c : cases) {
    CAPTURE(std::string(c.name));
    CHECK(Quotes(c.text) == std::string(c.quotes));
  }
}

TEST_CASE("speakers are named people, with titles and appositives stripped") {
  const QuoteCase cases[] = {
      {"a line naming a person and ending with a colon introduces quotation paragraphs",
       "Jane Doe, Executive Mayor of Somewhere, said:\n“We are thrilled with it.\n"
       "“This achievement is a testament to staff.\nThe full report is online.",
       "We are thrilled with it.|speaker|Jane Doe // "
       "This achievement is a testament to staff.|speaker|Jane Doe"},
      {"a title before the name is not part of it",
       "Mayor John Smith said: “I take encouragement from the findings today.",
       "I take encouragement from the findings today.|speaker|John Smith"},
      {"a councillor's title and appositive with commas",
       "Cllr Ann Lee, Cabinet Member for Children, Schools and Young People, added: "
       "“Our journey has taken us a long way.”",
       "Our journey has taken us a long way.|speaker|Ann Lee"},
      {"said X after the quotation", "“It was a good day for the borough,” said Ann Lee.",
       "It was a good day for the borough,|speaker|Ann Lee"},
      {"a one-word quotation of a speaker stays the speaker's",
       "John Smith, mayor of the town, said he was “delighted” with the report, and that "
       "“we have focused the council on it.”",
       "delighted|speaker|John Smith // we have focused the council on it.|speaker|John "
       "Smith"},
      {"a bare quotation paragraph continues the speaker of the one before",
       "Ann Lee commented: “Two years ago we were rated inadequate.”\n"
       "“We took a root and branch approach.”\nThe council said more.",
       "Two years ago we were rated inadequate.|speaker|Ann Lee // "
       "We took a root and branch approach.|speaker|Ann Lee"},
      {"an institution is not a speaker",
       "Ofsted said senior leaders have “focused relentlessly on improving practice.”",
       "focused relentlessly on improving practice.|source"},
      {"a council is not a speaker",
       "The Borough Council said it was “proud of the work of all its staff.”",
       "proud of the work of all its staff.|source"},
      {"the report's words presented by inspectors are the source's",
       "Inspectors praised the “knowledgeable and committed” leadership team.",
       "knowledgeable and committed|term"},
      {"according to X after the quotation",
       "“The service has turned a corner for families,” according to Dr Ann Lee.",
       "The service has turned a corner for families,|speaker|Ann Lee"},
      {"a pronoun speaking stands for the last named speaker",
       "Ann Lee, the director, said: “We are proud of our staff today.”\n"
       "The council made changes.\nShe added: “There is more to do for families.”",
       "We are proud of our staff today.|speaker|Ann Lee // "
       "There is more to do for families.|speaker|Ann Lee"},
      {"a speaker quoting the source gives the inner quotation too",
       "Sam Patel said: “The auditors told us our work was ‘good progress’, and we "
       "agree.”",
       "The auditors told us our work was ‘good progress’, and we agree.|speaker|Sam "
       "Patel // "
       "good progress|term"},
      {"a quotation inside the source's words is part of them",
       "The report found that “the ‘family firm’ offers young people good placements”.",
       "the ‘family firm’ offers young people good placements|source"},
      {"a sentence adverb or conjunction is not part of the name (science news)",
       "But Dr Maria Breyer said: “The data do not support a second dose.”",
       "The data do not support a second dose.|speaker|Maria Breyer"},
      {"a journal is not a speaker (science news)",
       "As the New England Journal of Medicine reported: “The trial met its primary "
       "end point.”",
       "The trial met its primary end point.|source"},
      {"an acronym of an organisation is not a person (public health)",
       "CDC Director said: “Cases are rising in every region this week.”",
       "Cases are rising in every region this week.|source"},
      {"a pronoun after the quotation stands for the last named speaker (economics)",
       "Chancellor Rachel Reeves said: “Growth is our first mission.”\n"
       "“Inflation has fallen for three months running,” she said.",
       "Growth is our first mission.|speaker|Rachel Reeves // "
       "Inflation has fallen for three months running,|speaker|Rachel Reeves"},
      {"a straight apostrophe inside a quotation opens nothing (education)",
       "Head teacher Sarah Jones said: “The children's results and the pupils' "
       "progress are the best we have had.”",
       "The children's results and the pupils' progress are the best we have "
       "had.|speaker|Sarah Jones"},
      {"a caption line ends a chain of quotation paragraphs",
       "Ann Lee said:\n“We are proud.”\nAnn Lee, Somewhere\n“Unattributed words here, "
       "again.”",
       "We are proud.|speaker|Ann Lee // Unattributed words here, again.|source"},
  };
  for (const QuoteCase& c : cases) {
    CAPTURE(std::string(c.name));
    CHECK(Quotes(c.text) == std::string(c.quotes));
  }
}

void CheckQuotes(const QuoteCase* begin, const QuoteCase* end) {
  for (const QuoteCase* c = begin; c != end; ++c) {
    CAPTURE(std::string(c->name));
    CHECK(Quotes(c->text) == std::string(c->quotes));
  }
}

TEST_CASE("a title line and a blank line above a release change no claim") {
  const char* body =
      "Jo Smith, the chief executive, said: “We are delighted with the outcome.”\n"
      "The trust treated 4,200 patients last year.\n"
      "Dr Amy Chen added: “Our staff have worked incredibly hard for this.”\n"
      "“It shows what a team can do,” she said.\n";
  auto describe = [](const std::string& text) {
    Result<Document> doc = ParseText("t.txt", text);
    REQUIRE(doc.ok());
    std::string out;
    for (const Claim& c : Extractor().Extract(*doc).claims)
      out += c.text + "|" + c.speaker + "\n";
    return out;
  };
  std::string plain = describe(body);
  CHECK(plain.find("Our staff have worked incredibly hard for this.|Amy Chen") !=
        std::string::npos);
  CHECK(describe(std::string("Trust rated outstanding\n\n") + body) == plain);
  CHECK(describe(std::string("\n\nTrust rated outstanding\n") + body) == plain);
}

TEST_CASE("ellipses and brackets are kept as structure") {
  Result<Document> doc =
      ParseText("t.txt", "They said “children … receive [excellent] support.”");
  REQUIRE(doc.ok());
  Extractor extractor;
  std::vector<Claim> claims = extractor.Extract(*doc).claims;
  REQUIRE(claims.size() == 1);
  std::string kinds;
  for (const QuotePart& p : claims[0].parts) {
    kinds += p.kind == QuotePart::Kind::kWords      ? "W"
             : p.kind == QuotePart::Kind::kEllipsis ? "E"
                                                    : "B";
  }
  CHECK(kinds == "WEWBW");
}

}  // namespace
}  // namespace claimtrace
