// RenderReport(): dispatch to the format renderers, and the helpers they
// share.
#include <fmt/format.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "load/utf8.h"
#include "report/report_internal.h"

namespace claimtrace {

std::string ShowFormatCharacters(std::string_view text) {
  std::string shown;
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t n = static_cast<int32_t>(text.size());
  int32_t i = 0;
  size_t copied = 0;  // bytes of `text` already in `shown`
  while (i < n) {
    int32_t at = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    // The joiners shape Persian and Indic words and emoji sequences, and a
    // soft hyphen only marks where a word may break: none reorders or hides.
    if (c < 0x80 || u_charType(c) != U_FORMAT_CHAR || c == 0x200C || c == 0x200D ||
        c == 0xAD) {
      continue;
    }
    if (shown.empty()) shown.reserve(text.size() + 16);
    shown.append(text.substr(copied, static_cast<size_t>(at) - copied));
    shown += fmt::format("⟨U+{:04X}⟩", static_cast<uint32_t>(c));
    copied = static_cast<size_t>(i);
  }
  if (copied == 0) return std::string(text);
  shown.append(text.substr(copied));
  return shown;
}

std::string SafeOutput(std::string_view out, bool color) {
  std::string safe;
  safe.reserve(out.size());
  size_t i = 0;
  while (i < out.size()) {
    // Our own colour codes (ESC [ digits ; m) pass when colour is on.
    size_t j = i;
    if (color && out[i] == '\x1B' && i + 1 < out.size() && out[i + 1] == '[') {
      j = i + 2;
      while (j < out.size() && ((out[j] >= '0' && out[j] <= '9') || out[j] == ';')) ++j;
      if (j < out.size() && out[j] == 'm') {
        safe.append(out.substr(i, j + 1 - i));
        i = j + 1;
        continue;
      }
    }
    size_t next = out.find('\x1B', i + 1);
    if (!color) next = std::string_view::npos;
    std::string_view piece =
        out.substr(i, next == std::string_view::npos ? next : next - i);
    safe += ShowFormatCharacters(CleanUtf8(piece, "\t\n").text);
    i += piece.size();
  }
  return safe;
}

std::string TerminalSafe(std::string_view text) { return SafeOutput(text, false); }

std::string_view Version() { return CLAIMTRACE_VERSION; }

std::string_view ReportFormatName(ReportFormat format) {
  switch (format) {
    case ReportFormat::kText:
      return "text";
    case ReportFormat::kJson:
      return "json";
    case ReportFormat::kHtml:
      return "html";
    case ReportFormat::kMarkdown:
      return "markdown";
    case ReportFormat::kSarif:
      return "sarif";
    case ReportFormat::kGithub:
      return "github";
    case ReportFormat::kJsonl:
      return "jsonl";
  }
  return "text";
}

bool ParseReportFormatName(std::string_view name, ReportFormat* format) {
  for (ReportFormat f : {ReportFormat::kText, ReportFormat::kJson, ReportFormat::kHtml,
                         ReportFormat::kMarkdown, ReportFormat::kSarif,
                         ReportFormat::kGithub, ReportFormat::kJsonl}) {
    if (ReportFormatName(f) == name) {
      *format = f;
      return true;
    }
  }
  if (name == "md") {
    *format = ReportFormat::kMarkdown;
    return true;
  }
  return false;
}

namespace {

// Words of a web-page passage put in a link's text fragment.
constexpr int kFragmentWords = 8;

std::string Render(const CheckResult& result, ReportFormat format,
                   const ReportOptions& options) {
  switch (format) {
    case ReportFormat::kJson:
      return RenderJson(result, options);
    case ReportFormat::kHtml:
      return RenderHtml(result, options);
    case ReportFormat::kMarkdown:
      return RenderMarkdown(result, options);
    case ReportFormat::kSarif:
      return RenderSarif({&result}, options);
    case ReportFormat::kGithub:
      return RenderGithub(result, options);
    case ReportFormat::kJsonl:
      return RenderJsonl(result, options);
    case ReportFormat::kText:
      break;
  }
  return RenderText(result, options);
}

}  // namespace

std::string RenderReport(const CheckResult& result, ReportFormat format,
                         const ReportOptions& options) {
  std::string out = Render(result, format, options);
  switch (format) {
    case ReportFormat::kJson:
      // nlohmann escapes controls and replaces ill-formed UTF-8; the claims
      // keep their exact characters, as data.
      return out;
    case ReportFormat::kSarif:
      return ShowFormatCharacters(out);  // its messages are shown to readers
    case ReportFormat::kText:
      return SafeOutput(out, options.color);
    default:
      return SafeOutput(out, false);
  }
}

std::string RenderClaims(const Document& release, const Extraction& extraction,
                         ReportFormat format) {
  if (format == ReportFormat::kJson) {
    nlohmann::ordered_json out;
    out["schema"] = "claimtrace-claims/1";
    out["release"] = {
        {"path", release.path()},
        {"date", extraction.info.date ? DateString(*extraction.info.date) : ""},
        {"notes", release.notes()}};
    out["claims"] = std::string(kJsonArrayMark);
    // One claim at a time into the text, never the whole list as a tree.
    auto claim = [&](size_t i) {
      const Claim& c = extraction.claims[i];
      LineColumn lc = release.Locate(c.span.begin);
      nlohmann::ordered_json j;
      j["kind"] = ClaimKindName(c.kind);
      j["span"] = {{"start", release.FileOffset(c.span.begin)},
                   {"end", release.FileOffset(c.span.end)}};
      j["line"] = lc.line;
      j["column"] = lc.column;
      j["text"] = c.text;
      if (c.kind == ClaimKind::kQuote) {
        j["role"] = QuoteRoleName(c.role);
        j["speaker"] = c.speaker;
      } else {
        j["value_kind"] = QuantityKindName(c.quantity.kind);
      }
      return j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    };
    std::string text = SpliceJsonArray(
        out.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace),
        "claims", extraction.claims.size(), claim);
    text += '\n';  // in place, not a copy of the whole
    return text;
  }
  std::string out;
  for (const Claim& c : extraction.claims) {
    LineColumn lc = release.Locate(c.span.begin);
    std::string what =
        c.kind == ClaimKind::kQuote
            ? std::string(QuoteRoleName(c.role)) +
                  (c.speaker.empty() ? "" : " (" + c.speaker + ")")
            : std::string(QuantityKindName(c.quantity.kind)) +
                  (c.quantity.counted.empty() ? "" : " of " + c.quantity.counted);
    out += fmt::format("{}:{}:{}  {:<6}  {}  “{}”\n", release.path(), lc.line, lc.column,
                       ClaimKindName(c.kind), what, c.text);
  }
  for (const std::string& note : release.notes())
    out += fmt::format("{}: note: {}\n", release.path(), note);
  out += fmt::format("{} claims\n", extraction.claims.size());
  return SafeOutput(out, false);
}

CheckResult::Place WarningPlace(const CheckResult& result, size_t i) {
  if (i < result.warning_places.size()) return result.warning_places[i];
  return {result.release.path(), 0};
}

std::vector<const CheckedClaim*> FlaggedFirst(const CheckResult& result) {
  std::vector<const CheckedClaim*> out;
  for (int group = 0; group < 3; ++group) {
    for (const CheckedClaim& c : result.claims) {
      int g = c.fails ? 0 : IsFlagged(c.finding.verdict) ? 1 : 2;
      if (g == group) out.push_back(&c);
    }
  }
  return out;
}

std::array<int, 6> CountVerdicts(const CheckResult& result) {
  std::array<int, 6> counts{};
  for (const CheckedClaim& c : result.claims) {
    for (size_t i = 0; i < kVerdicts.size(); ++i)
      counts[i] += c.finding.verdict == kVerdicts[i];
  }
  return counts;
}

EvidencePlace PlaceOf(const CheckResult& result, const Evidence& e) {
  EvidencePlace place;
  place.page = e.page;
  place.line = e.line;
  place.section = e.section;
  if (e.source < 0 || e.source >= static_cast<int>(result.sources.size())) return place;
  const Document& src = result.sources[e.source];
  if (e.span.begin < src.text().size()) {
    // A PDF paragraph may run onto the next page: the match's own page.
    LineColumn lc = src.Locate(e.span.begin);
    if (lc.page > 0) place.page = lc.page, place.line = lc.line;
  }
  if (const TableCell* cell = src.CellAt(e.span.begin)) {
    place.cell = src.CellLocation(*cell);
    place.table = src.tables()[cell->table].label;
    place.row_header = src.Slice(cell->row_header);
    place.column_header = src.Slice(cell->column_header);
    std::string_view caption = src.TableCaption(*cell);
    if (!caption.empty()) place.section = caption;
  }
  return place;
}

std::string LocationLabel(const CheckResult& result, const Evidence& e) {
  if (e.source < 0 || e.source >= static_cast<int>(result.sources.size())) return "";
  EvidencePlace place = PlaceOf(result, e);
  std::string out = result.sources[e.source].path();
  if (!place.cell.empty()) {
    out += " " + place.cell;
  } else if (!e.label.empty()) {
    out += " ¶" + e.label;
  }
  if (place.page > 0) out += fmt::format(" p.{}", place.page);
  if (!place.section.empty()) out += " “" + place.section + "”";
  out += fmt::format(" line {}", place.line);
  return out;
}

std::string AlsoIn(const CheckResult& result, const Finding& f) {
  std::string out;
  for (int s : f.also) {
    if (s < 0 || s >= static_cast<int>(result.sources.size())) continue;
    out += (out.empty() ? "also in: " : ", ") + result.sources[s].path();
  }
  return out;
}

std::string PageLink(const CheckResult& result, const Evidence& e,
                     const ReportOptions& options) {
  if (e.source < 0 || e.source >= static_cast<int>(result.sources.size())) return "";
  const Document& src = result.sources[e.source];
  bool pdf = src.format() == DocumentFormat::kPdf;
  bool web = src.format() == DocumentFormat::kHtml;
  if (!pdf && !web) return "";
  int page = pdf ? PlaceOf(result, e).page : 0;
  if (pdf && page <= 0) return "";
  // URL-escape all but unreserved characters (and '/' in a path).
  auto escape = [](std::string_view text, bool path) {
    std::string url;
    for (unsigned char c : text) {
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
          c == '_' || c == '.' || c == '~' || (path && (c == '/' || c == '-'))) {
        url += static_cast<char>(c);
      } else {
        url += fmt::format("%{:02X}", c);
      }
    }
    return url;
  };
  std::string url;
  // The matched words' first few, for a text fragment or a PDF search.
  std::string_view words = src.Slice(e.span);
  size_t cut = 0;
  for (int n = 0; n < kFragmentWords && cut != std::string_view::npos;) {
    cut = words.find(' ', cut + 1);
    ++n;
  }
  if (cut != std::string_view::npos) words = words.substr(0, cut);
  if (static_cast<size_t>(e.source) < options.source_links.size() &&
      !options.source_links[e.source].bytes_url.empty()) {
    url = options.source_links[e.source].bytes_url;
  } else if (src.path().starts_with("http://") || src.path().starts_with("https://")) {
    url = src.path();
  } else {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::path from = options.output_path.empty() || options.output_path == "-"
                        ? fs::current_path(ec)
                        : fs::absolute(options.output_path, ec).parent_path();
    fs::path target = fs::absolute(src.path(), ec);
    std::string relative =
        ec ? src.path() : target.lexically_relative(from).generic_string();
    if (relative.empty()) relative = src.path();
    url = escape(relative, true);
  }
  // A PDF: its page, and the words quoted for viewers that search them and
  // highlight the first (Adobe Reader; PDF.js drops the quotes; Chromium's
  // viewer opens the page and ignores the search).
  if (pdf) {
    std::string search;
    for (char c : words) search += c == '"' || c == '\n' ? ' ' : c;
    return fmt::format("{}#page={}&search=%22{}%22", url, page, escape(search, false));
  }
  // A web page: a text fragment (#:~:text=) that browsers scroll to and
  // highlight.
  return url + "#:~:text=" + escape(words, false);
}

std::string PassageLink(const CheckResult& result, const Evidence& e,
                        const ReportOptions& options) {
  if (e.source < 0 || static_cast<size_t>(e.source) >= options.source_links.size() ||
      static_cast<size_t>(e.source) >= result.sources.size() ||
      options.source_links[e.source].text_url.empty()) {
    return "";
  }
  return fmt::format("{}?from={}&to={}#passage", options.source_links[e.source].text_url,
                     e.span.begin, e.span.end);
}

std::string DateString(const CivilDate& d) {
  if (!d.year) return "";
  if (d.day) return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day);
  if (d.month) return fmt::format("{:04}-{:02}", d.year, d.month);
  return fmt::format("{:04}", d.year);
}

std::vector<std::string> RankingLines(const CheckResult& result) {
  std::vector<std::string> out;
  if (!result.ranking) return out;
  if (result.ranking->empty())
    out.push_back("no report in the archive explains any of its claims");
  for (size_t i = 0; i < result.ranking->size(); ++i) {
    const SourceShare& s = (*result.ranking)[i];
    out.push_back(fmt::format("{}. {:.0f}% ({}/{} claims) {}", i + 1, 100 * s.share(),
                              s.traced, s.claims, s.path));
  }
  return out;
}

std::string SummaryLine(const CheckResult& result) {
  std::array<int, 6> counts = CountVerdicts(result);
  std::string parts;
  for (size_t i = 0; i < kVerdicts.size(); ++i) {
    if (counts[i] == 0) continue;
    if (!parts.empty()) parts += ", ";
    parts += fmt::format("{} {}", counts[i], VerdictName(kVerdicts[i]));
  }
  int failing = 0, accepted = 0;
  for (const CheckedClaim& c : result.claims) failing += c.fails, accepted += c.accepted;
  return fmt::format("{} claims: {}; {} fail the policy{}", result.claims.size(),
                     parts.empty() ? "none" : parts, failing,
                     accepted ? fmt::format(" ({} accepted)", accepted) : "");
}

std::string ParagraphPlace(const Document& release, const Claim& claim) {
  if (release.offsets_are_file_bytes() || claim.block < 0) return "";
  return fmt::format("paragraph {}", claim.block + 1);
}

std::string_view DiffOpName(DiffOp::Kind kind) {
  switch (kind) {
    case DiffOp::Kind::kSame:
      return "same";
    case DiffOp::Kind::kDropped:
      return "dropped";
    case DiffOp::Kind::kAdded:
      return "added";
    case DiffOp::Kind::kChanged:
      return "changed";
    case DiffOp::Kind::kElided:
      return "elided";
  }
  return "same";
}

}  // namespace claimtrace
