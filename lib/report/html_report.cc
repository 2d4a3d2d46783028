// The HTML audit report: one self-contained file (inline style and script,
// no external resource), printable. The release is shown with every claim
// highlighted by verdict; each claim has a card with its evidence and the
// changed words; each PDF page cited is shown once with its passages marked;
// a record block lists the tool version, the inputs and their SHA-256. Every piece of
// input text goes through Escape().
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <utility>
#include <vector>

#include "report/report_internal.h"

namespace claimtrace {
namespace {

std::string Escape(std::string_view s) { return HtmlEscape(s); }

constexpr const char kStyle[] = R"css(
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fafafa}
header,main,footer{max-width:1100px;margin:auto;padding:0 1rem}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .6rem;text-align:left}
.release p{background:#fff;padding:.4rem .6rem;margin:.3rem 0;border-left:3px solid #ddd}
mark{padding:0 .1rem;border-radius:2px}mark a{color:inherit;text-decoration:none}
.v-verbatim,.v-traced{background:#d7f5d7}.v-altered,.v-mismatch{background:#ffd0d0}
.v-untraced{background:#ffeeb0}.v-attributed{background:#e2e2f8}
.card{background:#fff;border:1px solid #ddd;border-radius:4px;padding:.5rem .8rem;margin:.6rem 0;break-inside:avoid}
.card h3{font-size:1rem;margin:.1rem 0}.card blockquote{margin:.4rem 0 .4rem 1rem;color:#333}
.where{color:#555;font-size:.9rem}.fails{color:#a00;font-weight:bold}.note{color:#555;font-style:italic}
mark.hit{background:#fff0a0;border-bottom:2px solid #b08800}
.pages h3{font-size:1rem}.page-text{margin:.3rem 0;font-size:.9rem}
del{background:#ffd0d0}ins{background:#c8f0c8;text-decoration:none}
.filters label{margin-right:1rem}.record{font-size:.85rem;color:#444}
body.hide-verbatim .c-verbatim,body.hide-traced .c-traced,body.hide-altered .c-altered,
body.hide-untraced .c-untraced,body.hide-attributed .c-attributed,body.hide-mismatch .c-mismatch{display:none}
.v-altered{text-decoration:underline wavy #a00}.v-mismatch{text-decoration:underline double #a00}
.v-untraced{text-decoration:underline dashed #850}
.card h3 mark.v-verbatim::before,.card h3 mark.v-traced::before{content:"\2713  "}
.card h3 mark.v-altered::before{content:"\2260  "}.card h3 mark.v-mismatch::before{content:"\2717  "}
.card h3 mark.v-untraced::before{content:"?  "}.card h3 mark.v-attributed::before{content:"\201C  "}
h2,h3{break-after:avoid}
@media print{.filters{display:none}body{background:#fff}.card,.release p{break-inside:avoid}a{color:inherit;text-decoration:none}}
)css";

// Escapes text for a CSS string ("..."): quotes, backslashes and line ends.
std::string CssString(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n' || c == '\r' || c == '<' || c == '>') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// Printed pages: a running header with the release and its SHA-256, and
// page numbers.
std::string PrintStyle(const Document& release) {
  return "@page{margin:18mm 14mm;@top-center{content:" +
         CssString("claimtrace audit: " + release.path() + " (sha256 " +
                   release.sha256().substr(0, 16) + ")") +
         ";font:9px sans-serif;color:#555}@bottom-center{content:\"Page \" counter(page) "
         "\" of \" counter(pages);font:9px sans-serif;color:#555}}";
}

constexpr const char kScript[] = R"js(
document.querySelectorAll('.filters input').forEach(function(box){
  box.addEventListener('change',function(){
    document.body.classList.toggle('hide-'+box.value,!box.checked);});});
)js";

std::string DiffHtml(const std::vector<DiffOp>& diff) {
  std::string out;
  for (const DiffOp& op : diff) {
    if (!out.empty()) out += ' ';
    switch (op.kind) {
      case DiffOp::Kind::kSame:
        out += Escape(op.quote_words);
        break;
      case DiffOp::Kind::kDropped:
        out += "<del>" + Escape(op.source_words) + "</del>";
        break;
      case DiffOp::Kind::kAdded:
        out += "<ins>" + Escape(op.quote_words) + "</ins>";
        break;
      case DiffOp::Kind::kChanged:
        out += "<del>" + Escape(op.source_words) + "</del> <ins>" +
               Escape(op.quote_words) + "</ins>";
        break;
      case DiffOp::Kind::kElided:
        out += "…";
        break;
    }
  }
  return out;
}

// The passage with the matched words marked (a quotation's words may be
// a small part of a long paragraph).
std::string PassageHtml(const Document& source, const Evidence& e) {
  Range passage = e.passage;
  size_t begin = std::clamp(e.span.begin, passage.begin, passage.end);
  size_t end = std::clamp(e.span.end, begin, passage.end);
  if (begin == end) return Escape(source.Slice(passage));
  return Escape(source.Slice({passage.begin, begin})) + "<mark class=\"hit\">" +
         Escape(source.Slice({begin, end})) + "</mark>" +
         Escape(source.Slice({end, passage.end}));
}

// The PDF pages evidence was found on, (source, page), with the matched
// words on each.
using CitedPages = std::map<std::pair<int, int>, std::vector<Range>>;

// Each cited page's text, once, with every passage cited on it marked: what
// the reader would look for in the PDF, readable without it and in print.
std::string CitedPagesHtml(const CheckResult& result, CitedPages& pages) {
  if (pages.empty()) return "";
  std::string out = "<section class=\"pages\"><h2>Pages cited</h2>\n";
  for (auto& [where, spans] : pages) {
    const auto [index, page] = where;
    const Document& doc = result.sources[index];
    std::sort(spans.begin(), spans.end(),
              [](const Range& a, const Range& b) { return a.begin < b.begin; });
    out += fmt::format("<h3 id=\"s{}p{}\">{}, page {}</h3>\n", index, page,
                       Escape(doc.path()), page);
    for (const Block& block : doc.blocks()) {
      if (block.page != page) continue;
      out += "<p class=\"page-text\">";
      size_t pos = block.range.begin;
      for (const Range& span : spans) {
        size_t begin = std::clamp(span.begin, pos, block.range.end);
        size_t end = std::clamp(span.end, begin, block.range.end);
        if (begin == end) continue;  // elsewhere, or within a span marked
        out += Escape(doc.Slice({pos, begin})) + "<mark class=\"hit\">" +
               Escape(doc.Slice({begin, end})) + "</mark>";
        pos = end;
      }
      out += Escape(doc.Slice({pos, block.range.end})) + "</p>\n";
    }
  }
  return out + "</section>\n";
}

}  // namespace

std::string RenderHtml(const CheckResult& result, const ReportOptions& options) {
  const Document& release = result.release;
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>claimtrace: " +
      Escape(release.path()) + "</title><style>" + kStyle + PrintStyle(release) +
      "</style></head><body>\n<header><h1>claimtrace audit report</h1>\n";
  out += "<p>Release <b>" + Escape(release.path()) + "</b> checked against ";
  for (size_t i = 0; i < result.sources.size(); ++i) {
    out +=
        (i ? ", " : "") + std::string("<b>") + Escape(result.sources[i].path()) + "</b>";
  }
  out += ".</p>\n";
  if (std::vector<std::string> ranking = RankingLines(result); !ranking.empty()) {
    out += "<p>The reports it draws on, from the archive:</p>\n<ul class=\"ranking\">";
    for (const std::string& line : ranking) out += "<li>" + Escape(line) + "</li>";
    out += "</ul>\n";
  }
  out += "<p>" + Escape(SummaryLine(result)) + "</p>\n";
  out += "<table><tr><th>verdict</th><th>claims</th></tr>";
  std::array<int, 6> counts = CountVerdicts(result);
  for (size_t i = 0; i < kVerdicts.size(); ++i) {
    out += fmt::format("<tr><td><mark class=\"v-{0}\">{0}</mark></td><td>{1}</td></tr>",
                       VerdictName(kVerdicts[i]), counts[i]);
  }
  out += "</table>\n";
  for (const Warning& w : result.warnings) {
    out += "<p class=\"fails\">Warning (" + Escape(w.code) + "): " + Escape(w.message) +
           "</p>\n";
  }
  out += "<p class=\"filters\">Show: ";
  for (Verdict v : kVerdicts) {
    out +=
        fmt::format("<label><input type=\"checkbox\" value=\"{0}\" checked> {0}</label>",
                    VerdictName(v));
  }
  out += "</p></header>\n<main>\n<h2>The release</h2>\n<div class=\"release\">\n";

  // The release, block by block, with claims highlighted.
  std::vector<const CheckedClaim*> order;
  for (const CheckedClaim& c : result.claims) order.push_back(&c);
  size_t next = 0;
  for (const Block& block : release.blocks()) {
    out += "<p>";
    size_t pos = block.range.begin;
    while (next < order.size() &&
           order[next]->finding.claim.span.begin < block.range.end) {
      const Claim& claim = order[next]->finding.claim;
      size_t index = next++;
      if (claim.span.begin < pos) continue;  // nested in a claim already shown
      out += Escape(release.Slice({pos, claim.span.begin}));
      out += fmt::format("<mark class=\"v-{} c-{}\" id=\"t{}\"><a href=\"#c{}\">",
                         VerdictName(order[index]->finding.verdict),
                         VerdictName(order[index]->finding.verdict), index, index);
      size_t end = std::min(claim.span.end, block.range.end);
      out += Escape(release.Slice({claim.span.begin, end})) + "</a></mark>";
      pos = end;
    }
    out += Escape(release.Slice({pos, block.range.end})) + "</p>\n";
  }
  out += "</div>\n<h2>Claims and evidence</h2>\n";
  CitedPages cited_pages;
  for (size_t i = 0; i < order.size(); ++i) {
    const CheckedClaim& c = *order[i];
    const Finding& f = c.finding;
    LineColumn lc = release.Locate(f.claim.span.begin);
    std::string verdict(VerdictName(f.verdict));
    out += fmt::format(
        "<section class=\"card c-{0}\" id=\"c{1}\"><h3><mark class=\"v-{0}\">{0}</mark> "
        "{2} <a href=\"#t{1}\">line {3}, column {4}</a>{5}</h3>\n",
        verdict, i, ClaimKindName(f.claim.kind), lc.line, lc.column,
        c.fails ? " <span class=\"fails\">fails the policy</span>" : "");
    out += "<blockquote>" + Escape(f.claim.text) + "</blockquote>\n";
    if (!f.claim.speaker.empty())
      out += "<p>Speaker: " + Escape(f.claim.speaker) + "</p>\n";
    if (f.evidence.source >= 0) {
      std::string where = Escape(LocationLabel(result, f.evidence));
      std::string link = PageLink(result, f.evidence, options);
      std::string passage_link = PassageLink(result, f.evidence, options);
      if (link.empty()) link.swap(passage_link);
      if (!link.empty()) where = "<a href=\"" + Escape(link) + "\">" + where + "</a>";
      const Document& source = result.sources[f.evidence.source];
      // A PDF's page is shown once, at the end, with every passage cited on
      // it marked (the app has its own page of the text instead).
      int page = source.format() == DocumentFormat::kPdf && options.source_links.empty()
                     ? PlaceOf(result, f.evidence).page
                     : 0;
      if (page > 0) {
        auto& spans = cited_pages[{f.evidence.source, page}];
        spans.push_back(f.evidence.span);
        passage_link = fmt::format("#s{}p{}", f.evidence.source, page);
      }
      if (!passage_link.empty()) {
        where +=
            " · <a href=\"" + Escape(passage_link) + "\">" +
            Escape(source.format() == DocumentFormat::kPdf ? "the page's text"
                                                           : "the passage in its text") +
            "</a>";
      }
      out += "<p class=\"where\">" + where + "</p>\n";
      out += "<blockquote>" + PassageHtml(source, f.evidence) + "</blockquote>\n";
      if (std::string also = AlsoIn(result, f); !also.empty())
        out += "<p class=\"where\">" + Escape(also) + "</p>\n";
      if (!f.evidence.diff.empty() && f.verdict != Verdict::kVerbatim) {
        out += "<p>Changes: " + DiffHtml(f.evidence.diff) + "</p>\n";
      }
    }
    for (const std::string& note : f.notes)
      out += "<p class=\"note\">" + Escape(note) + "</p>\n";
    if (!f.claim.cites.empty()) {
      out += "<p class=\"note\">Cites [" + Escape(f.claim.cites) + "] " +
             Escape(f.claim.reference) + "</p>\n";
    }
    if (c.accepted)
      out += "<p class=\"note\">Accepted: " + Escape(c.accepted_reason) + "</p>\n";
    out += "<p class=\"where\">fingerprint " + Escape(c.fingerprint) + "</p></section>\n";
  }
  out += CitedPagesHtml(result, cited_pages);
  out += "</main>\n<footer class=\"record\"><h2>Record</h2><ul>";
  out += "<li>claimtrace " +
         Escape(options.tool_version.empty() ? std::string(Version())
                                             : options.tool_version) +
         "</li>";
  out += "<li>release " + Escape(release.path()) + " sha256 " + Escape(release.sha256()) +
         "</li>";
  for (const Document& s : result.sources) {
    out += "<li>source " + Escape(s.path()) + " sha256 " + Escape(s.sha256()) + "</li>";
  }
  if (!options.timestamp.empty())
    out += "<li>checked at " + Escape(options.timestamp) + "</li>";
  // How it was run: the command line when there is one (the Python module
  // records one only when given, so its report can equal the command line's).
  if (!options.invocation.command_line.empty()) {
    out += "<li>command line <code>" + Escape(options.invocation.command_line) +
           "</code></li>";
  }
  // The policy the verdicts were judged by.
  std::string fail_on;
  for (Verdict v : result.policy.fail_on)
    fail_on += (fail_on.empty() ? "" : ", ") + std::string(VerdictName(v));
  out += "<li>policy: fail on " + Escape(fail_on.empty() ? "nothing" : fail_on) + "; " +
         (result.policy.path.empty() ? std::string("built-in")
                                     : "file " + Escape(result.policy.path)) +
         fmt::format(", {} acceptance{}", result.policy.accepted.size(),
                     result.policy.accepted.size() == 1 ? "" : "s") +
         "</li>";
  out +=
      "</ul></footer>\n<script>" + std::string(kScript) + "</script>\n</body></html>\n";
  return out;
}

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace claimtrace
