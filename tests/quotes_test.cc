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

TEST_CASE("the second part of an interrupted quotation is the first part's speaker's") {
  const QuoteCase cases[] = {
      {"a pronoun between the parts (housing)",
       "Nadia Brennan said: 'We cannot keep doing this.'\n"
       "'Behind every statistic,' she said, 'is a family in crisis.'",
       "We cannot keep doing this.|speaker|Nadia Brennan // "
       "Behind every statistic,|speaker|Nadia Brennan // "
       "is a family in crisis.|speaker|Nadia Brennan"},
      {"a name between the parts (sport)",
       "“We played well for an hour,” said Ann Lee, the coach, “but a match lasts "
       "ninety minutes.”",
       "We played well for an hour,|speaker|Ann Lee // "
       "but a match lasts ninety minutes.|speaker|Ann Lee"},
      {"a name and an adverb between the parts (economics)",
       "“Inflation is falling,” Jo Park told MPs on Tuesday, “but prices remain "
       "high for families.”",
       "Inflation is falling,|speaker|Jo Park // "
       "but prices remain high for families.|speaker|Jo Park"},
      {"a sentence between two quotations is no interruption (education)",
       "“Results rose across every school in the county,” said Ann Lee. The council "
       "published the tables on Monday, “which show the gap closing.”",
       "Results rose across every school in the county,|speaker|Ann Lee // "
       "which show the gap closing.|source"},
  };
  CheckQuotes(std::begin(cases), std::end(cases));
}

TEST_CASE("an organisation's acronym before a speaker's title is not part of the name") {
  const QuoteCase cases[] = {
      {"a state agency (transport)",
       "\"Every one of these numbers is a family,\" CDOT Executive Director Miriam "
       "Castillo said at a news conference.",
       "Every one of these numbers is a family,|speaker|Miriam Castillo"},
      {"a health service, name after the verb (health)",
       "“Waiting lists are finally falling,” said NHS Chief Executive Amanda Pritchard.",
       "Waiting lists are finally falling,|speaker|Amanda Pritchard"},
      {"a United Nations agency (humanitarian)",
       "“Children are paying the highest price,” UNICEF Director Catherine Russell "
       "said.",
       "Children are paying the highest price,|speaker|Catherine Russell"},
  };
  CheckQuotes(std::begin(cases), std::end(cases));
}

TEST_CASE("post-nominal letters after a speaker's name do not hide the speaker") {
  const QuoteCase cases[] = {
      {"an MP with an appositive (politics)",
       "Sir Michael Adebayo MP, Member of Parliament for Northshire South, said: "
       "\"These figures are a national scandal.\"",
       "These figures are a national scandal.|speaker|Michael Adebayo"},
      {"an honour (science)",
       "Professor Jane Smith OBE said: “The trial changes how we treat strokes.”",
       "The trial changes how we treat strokes.|speaker|Jane Smith"},
      {"a barrister's rank (law)",
       "Ann Lee KC, for the claimants, said: “The ruling vindicates every family.”",
       "The ruling vindicates every family.|speaker|Ann Lee"},
  };
  CheckQuotes(std::begin(cases), std::end(cases));
}

TEST_CASE("a pronoun stands for the last person named as speaking, quoted or not") {
  const QuoteCase cases[] = {
      {"reported speech after another speaker's quotation (policing)",
       "Mr Gareth Lowe said: “This report makes for difficult reading.”\n"
       "Chief Constable Sarah Quinn said the force had recruited 46 call handlers.\n"
       "She added: “We accept every one of the findings.”",
       "This report makes for difficult reading.|speaker|Gareth Lowe // "
       "We accept every one of the findings.|speaker|Sarah Quinn"},
      {"reported speech with no quotation before it (science)",
       "Dr Ann Lee told the committee the trial had ended early.\n"
       "She added: “The results were clear for every group.”",
       "The results were clear for every group.|speaker|Ann Lee"},
      {"a quotation's own speaker, with no reported speech, still counts (economics)",
       "Jo Park said: “Growth is back.”\nThe bank cut rates in May.\n"
       "He added: “We expect inflation to fall further.”",
       "Growth is back.|speaker|Jo Park // "
       "We expect inflation to fall further.|speaker|Jo Park"},
      {"a pronoun after the quotation (finance)",
       "Jo Park said the savings scheme had worked.\nThe bank agreed. “It is good for "
       "savers,” she said.",
       "It is good for savers,|speaker|Jo Park"},
      {"a person named inside a quotation is not speaking (housing)",
       "Ann Lee said: “As Tom Ford said last year, homes come first.”\n"
       "She added: “We will build more of them.”",
       "As Tom Ford said last year, homes come first.|speaker|Ann Lee // "
       "We will build more of them.|speaker|Ann Lee"},
  };
  CheckQuotes(std::begin(cases), std::end(cases));
}

TEST_CASE("a single given name with an age is a person") {
  const QuoteCase cases[] = {
      {"an age, a place and a relative clause (social care)",
       "Janet, 58, from Leeds, who cares for her husband after his stroke, said: “I "
       "haven't slept properly in three years.”",
       "I haven't slept properly in three years.|speaker|Janet"},
      {"a pupil (education)", "Tom, 12, said: “The new library is the best thing here.”",
       "The new library is the best thing here.|speaker|Tom"},
      {"a single word without an age is still no person (health)",
       "Ofsted, the regulator, said: “The service has improved this year.”",
       "The service has improved this year.|source"},
  };
  CheckQuotes(std::begin(cases), std::end(cases));
}

TEST_CASE("a surname alone names the person named in full before it") {
  const QuoteCase cases[] = {
      {"words a person called something (transport)",
       "“We are not there yet,” said Miriam Castillo.\n"
       "Cameras are part of what Castillo called “a turning point” for safety.",
       "We are not there yet,|speaker|Miriam Castillo // "
       "a turning point|speaker|Miriam Castillo"},
      {"a surname as the subject of said (politics)",
       "Rachel Dunmore, the minister, said the plan was working.\n"
       "Dunmore said: “We are going further and faster.”",
       "We are going further and faster.|speaker|Rachel Dunmore"},
      {"a title and a surname (policing)",
       "Gareth Lowe has responded to the report.\nMr Lowe said: “This makes for "
       "difficult reading.”",
       "This makes for difficult reading.|speaker|Gareth Lowe"},
      {"a surname nobody was named by is no person (business)",
       "Harbourline said: “Revenue grew in every division this year.”",
       "Revenue grew in every division this year.|source"},
  };
  CheckQuotes(std::begin(cases), std::end(cases));
}

TEST_CASE("a person named in apposition to an office or a body is the speaker") {
  const QuoteCase cases[] = {
      {"an office, then the person (policing)",
       "The county's Police and Crime Commissioner, Gareth Lowe, has responded to the "
       "report.\nMr Lowe said: “This makes for difficult reading.”",
       "This makes for difficult reading.|speaker|Gareth Lowe"},
      {"an office of a place (health)",
       "The Secretary of State for Health, Wes Streeting, said: “The NHS is broken.”",
       "The NHS is broken.|speaker|Wes Streeting"},
      {"a body, then its spokesperson (local government)",
       "The Local Government Association, Cllr Pete Marland, said: “Councils cannot "
       "keep absorbing these costs.”",
       "Councils cannot keep absorbing these costs.|speaker|Pete Marland"},
      {"a surname that is also a title is still a name (politics)",
       "Julie Bishop said: “The region needs a lasting peace settlement.”",
       "The region needs a lasting peace settlement.|speaker|Julie Bishop"},
      {"an appositive that is not a name gives no one (education)",
       "Ofsted, the schools regulator, said: “Standards have risen this year.”",
       "Standards have risen this year.|source"},
  };
  CheckQuotes(std::begin(cases), std::end(cases));
}

TEST_CASE("a name after an organisation noun is the organisation's, not a person's") {
  const QuoteCase cases[] = {
      {"an advocacy group (transport)",
       "Advocates with the group Bike Denver said the plan has \"failed the people "
       "walking on our streets.\"",
       "failed the people walking on our streets.|source"},
      {"a charity (social care)",
       "The charity Carers Voice said carers were “at breaking point across the "
       "country.”",
       "at breaking point across the country.|source"},
      {"a person's office before the name stays a person (business)",
       "The company's finance director Sarah Lindqvist said: “These are clean "
       "numbers.”",
       "These are clean numbers.|speaker|Sarah Lindqvist"},
  };
  CheckQuotes(std::begin(cases), std::end(cases));
}

TEST_CASE("a speaker's name drops the offices and titles before it") {
  const QuoteCase cases[] = {
      {"a secretary of state (health)",
       "Health and Social Care Secretary Wes Turner said: “The list is coming down.”",
       "The list is coming down.|speaker|Wes Turner"},
      {"a minister (energy)",
       "Energy Minister Rachel Dunmore said: “Today's figures show it is working.”",
       "Today's figures show it is working.|speaker|Rachel Dunmore"},
      {"an office with 'of' (policing)",
       "HM Inspector of Constabulary Roy Ashdown said: “I have concerns about the "
       "force.”",
       "I have concerns about the force.|speaker|Roy Ashdown"},
      {"several titles in a row (medicine)",
       "NHS National Medical Director Professor Sir Alan Craig said: “Staff have "
       "worked incredibly hard.”",
       "Staff have worked incredibly hard.|speaker|Alan Craig"},
      {"a rank of two words (policing)",
       "Chief Constable Amanda Reid said: “Every call matters to us.”",
       "Every call matters to us.|speaker|Amanda Reid"},
      {"an office after the verb (courts)",
       "“The backlog is falling,” said Courts Minister Sarah Sackville.",
       "The backlog is falling,|speaker|Sarah Sackville"},
  };
  CheckQuotes(std::begin(cases), std::end(cases));
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
