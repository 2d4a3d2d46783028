// The JSON report: the contract the scorer reads (kind, span, verdict,
// speaker, match) plus what a program needs (values, locations, diffs,
// policy). Schema: docs/schema.json. Keys keep a fixed order so output is
// byte-identical between runs.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "report/report_internal.h"

namespace claimtrace {
namespace {

using Json = nlohmann::ordered_json;

Json DocumentJson(const Document& doc) {
  Json j;
  j["path"] = doc.path();
  j["sha256"] = doc.sha256();
  j["format"] = FormatName(doc.format());
  j["offsets"] = doc.offsets_are_file_bytes() ? "file" : "extracted-text";
  return j;
}

Json ValueJson(const Quantity& q) {
  Json j;
  j["kind"] = QuantityKindName(q.kind);
  j["value"] = q.value;
  if (q.to) j["to"] = *q.to;
  if (q.is_change) j["is_change"] = true;
  if (!q.unit.empty()) j["unit"] = q.unit;
  if (!q.per.empty()) j["per"] = q.per;
  if (!q.qualifier.empty()) j["qualifier"] = q.qualifier;
  if (!q.relation.empty()) j["relation"] = q.relation;
  if (q.precision > 0) j["precision"] = q.precision;
  if (!q.counted.empty()) j["counted"] = q.counted;
  std::string date = DateString(q.date);
  if (!date.empty()) j["date"] = date;
  return j;
}

Json ClaimJson(const CheckResult& result, const CheckedClaim& checked) {
  const Finding& f = checked.finding;
  const Claim& c = f.claim;
  const Document& release = result.release;
  LineColumn lc = release.Locate(c.span.begin);
  Json j;
  j["kind"] = ClaimKindName(c.kind);
  j["span"] = {{"start", release.FileOffset(c.span.begin)},
               {"end", release.FileOffset(c.span.end)}};
  j["line"] = lc.line;
  j["column"] = lc.column;
  j["text"] = c.text;
  j["verdict"] = VerdictName(f.verdict);
  if (c.kind == ClaimKind::kQuote) {
    j["role"] = QuoteRoleName(c.role);
    j["speaker"] = c.speaker;
  } else {
    j["value"] = ValueJson(c.quantity);
  }
  if (!c.cites.empty()) {
    j["cites"] = c.cites;
    j["reference"] = c.reference;
  }
  const Evidence& e = f.evidence;
  if (e.source >= 0 && e.source < static_cast<int>(result.sources.size())) {
    const Document& src = result.sources[e.source];
    Json m;
    m["source"] = e.source;
    m["start"] = src.FileOffset(e.span.begin);
    m["end"] = src.FileOffset(e.span.end);
    EvidencePlace place = PlaceOf(result, e);
    m["line"] = place.line;
    if (place.page > 0) m["page"] = place.page;
    m["label"] = e.label;
    m["section"] = place.section;
    if (!place.cell.empty()) {
      m["table"] = place.table;
      m["row_header"] = place.row_header;
      m["column_header"] = place.column_header;
    }
    m["passage"] = std::string(src.Slice(e.passage));
    m["coverage"] = e.coverage;
    if (!e.source_value.empty()) m["source_value"] = e.source_value;
    if (!f.also.empty()) m["also"] = f.also;
    j["match"] = std::move(m);
  }
  if (!e.diff.empty()) {
    Json diff = Json::array();
    for (const DiffOp& op : e.diff) {
      diff.push_back({{"op", DiffOpName(op.kind)},
                      {"quote", op.quote_words},
                      {"source", op.source_words}});
    }
    j["diff"] = std::move(diff);
  }
  j["notes"] = f.notes;
  j["fingerprint"] = checked.fingerprint;
  j["accepted"] = checked.accepted;
  if (checked.accepted) j["accepted_reason"] = checked.accepted_reason;
  j["fails"] = checked.fails;
  return j;
}

// The ranking of an archive check, as `ranking` (json), `source` lines
// (jsonl) and `sources` (RenderRankingsJson).
Json RankingJson(const std::vector<SourceShare>& ranking) {
  Json out = Json::array();
  for (const SourceShare& s : ranking) {
    out.push_back({{"path", s.path},
                   {"traced", s.traced},
                   {"claims", s.claims},
                   {"share", s.share()},
                   {"score", s.score}});
  }
  return out;
}

}  // namespace

std::string RenderRankingsJson(const std::vector<ReleaseRanking>& rankings) {
  Json all = Json::array();
  for (const ReleaseRanking& r : rankings)
    all.push_back({{"release", r.release}, {"sources", RankingJson(r.sources)}});
  return all.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string SpliceJsonArray(const std::string& dumped, std::string_view key, size_t count,
                            const std::function<std::string(size_t)>& element) {
  // A string value cannot hold a raw newline, so a top-level key is found
  // by its line alone, whatever the other values hold.
  const std::string prefix = fmt::format("\n  \"{}\": ", key);
  const std::string placeholder = prefix + Json(std::string(kJsonArrayMark)).dump();
  const size_t at = dumped.find(placeholder);
  if (at == std::string::npos) return dumped;  // REQUIRES broken: nothing to replace
  std::string out = dumped.substr(0, at + prefix.size());
  if (count == 0) {
    out += "[]";
  } else {
    out += "[\n";
    for (size_t i = 0; i < count; ++i) {
      if (i > 0) out += ",\n";
      // The array's items sit four spaces in, each of their lines too.
      std::string one = element(i);
      out += "    ";
      for (char c : one) {
        out += c;
        if (c == '\n') out += "    ";
      }
    }
    out += "\n  ]";
  }
  out.append(dumped, at + placeholder.size());
  return out;
}

std::string RenderJsonl(const CheckResult& result, const ReportOptions& options) {
  // One self-contained object a line: the claim as in the json format, with
  // the release it belongs to, so lines from several releases can be mixed.
  std::string out;
  if (result.ranking) {
    for (Json& source : RankingJson(*result.ranking)) {
      Json line = {{"type", "source"}, {"release", result.release.path()}};
      line.update(source);
      out += line.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
    }
  }
  for (const CheckedClaim& c : result.claims) {
    if (!Shown(c, options)) continue;
    Json line = {{"type", "claim"}, {"release", result.release.path()}};
    line.update(ClaimJson(result, c));
    out += line.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
  }
  for (size_t i = 0; i < result.warnings.size(); ++i) {
    CheckResult::Place place = WarningPlace(result, i);
    Json line = {{"type", "warning"},
                 {"release", result.release.path()},
                 {"code", result.warnings[i].code},
                 {"message", result.warnings[i].message},
                 {"path", place.path},
                 {"line", place.line}};
    out += line.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
  }
  return out;
}

std::string RenderJson(const CheckResult& result, const ReportOptions& options) {
  Json out;
  out["schema"] = "claimtrace/1";
  out["tool"] = {{"name", "claimtrace"},
                 {"version", options.tool_version.empty() ? std::string(Version())
                                                          : options.tool_version}};
  Json release = DocumentJson(result.release);
  release["date"] = result.release_info.date ? DateString(*result.release_info.date) : "";
  out["release"] = std::move(release);
  out["sources"] = Json::array();
  for (size_t i = 0; i < result.sources.size(); ++i) {
    Json s = DocumentJson(result.sources[i]);
    s["index"] = i;
    out["sources"].push_back(std::move(s));
  }
  if (result.ranking) out["ranking"] = RankingJson(*result.ranking);
  out["claims"] = std::string(kJsonArrayMark);
  out["warnings"] = Json::array();
  for (size_t i = 0; i < result.warnings.size(); ++i) {
    CheckResult::Place place = WarningPlace(result, i);
    out["warnings"].push_back({{"code", result.warnings[i].code},
                               {"message", result.warnings[i].message},
                               {"path", place.path},
                               {"line", place.line}});
  }
  std::array<int, 6> counts = CountVerdicts(result);
  Json by_verdict;
  for (size_t i = 0; i < kVerdicts.size(); ++i)
    by_verdict[std::string(VerdictName(kVerdicts[i]))] = counts[i];
  int failing = 0, accepted = 0;
  for (const CheckedClaim& c : result.claims) failing += c.fails, accepted += c.accepted;
  out["summary"] = {{"claims", result.claims.size()},
                    {"by_verdict", std::move(by_verdict)},
                    {"failing", failing},
                    {"accepted", accepted},
                    {"fails", result.Fails()}};
  // Claims are dumped one at a time into the text, never held as a tree.
  std::vector<const CheckedClaim*> shown;
  for (const CheckedClaim& c : result.claims) {
    if (Shown(c, options)) shown.push_back(&c);
  }
  std::string text =
      SpliceJsonArray(out.dump(2, ' ', false, Json::error_handler_t::replace), "claims",
                      shown.size(), [&](size_t i) {
                        return ClaimJson(result, *shown[i])
                            .dump(2, ' ', false, Json::error_handler_t::replace);
                      });
  text += '\n';  // in place: the text is the largest thing a check holds
  return text;
}

}  // namespace claimtrace
