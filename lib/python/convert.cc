// Inputs to Documents, and CheckResult claims to plain values for Python.
#include "python/convert.h"

#include "inline_accept.h"
#include "report/report_internal.h"

namespace claimtrace::python {
namespace {

PyValue ValueOf(const Quantity& q) {
  PyValue v;
  v.kind = QuantityKindName(q.kind);
  v.value = q.value;
  v.to = q.to;
  v.is_change = q.is_change;
  v.unit = q.unit;
  v.per = q.per;
  v.qualifier = q.qualifier;
  v.counted = q.counted;
  if (std::string date = DateString(q.date); !date.empty()) v.date = date;
  return v;
}

// The parts of a claim that need no check: where it is, what it says.
PyClaim ClaimOf(const Document& release, const Claim& c) {
  PyClaim out;
  out.kind = ClaimKindName(c.kind);
  out.text = c.text;
  out.start = release.FileOffset(c.span.begin);
  out.end = release.FileOffset(c.span.end);
  LineColumn lc = release.Locate(c.span.begin);
  out.line = lc.line;
  out.column = lc.column;
  if (c.kind == ClaimKind::kQuote) {
    out.role = std::string(QuoteRoleName(c.role));
    out.speaker = c.speaker;
  } else {
    out.value = ValueOf(c.quantity);
  }
  out.cites = c.cites;
  out.reference = c.reference;
  return out;
}

PyEvidence EvidenceOf(const CheckResult& result, const Finding& f) {
  const Evidence& e = f.evidence;
  const Document& src = result.sources[e.source];
  PyEvidence out;
  out.source = e.source;
  out.source_name = src.path();
  out.start = src.FileOffset(e.span.begin);
  out.end = src.FileOffset(e.span.end);
  out.line = e.line;
  if (e.page > 0) out.page = e.page;
  out.label = e.label;
  out.section = e.section;
  out.passage = std::string(src.Slice(e.passage));
  out.coverage = e.coverage;
  if (!e.source_value.empty()) out.source_value = e.source_value;
  out.also = f.also;
  return out;
}

}  // namespace

Result<Document> Load(const Input& input, DocumentFormat format) {
  DocumentFormat f = input.format.value_or(format);
  if (input.is_path) return LoadDocument(input.name, f);
  return ParseText(input.name, input.bytes, f);
}

Result<CheckResult> CheckInputs(const Input& release, const std::vector<Input>& sources,
                                const CheckOptions& options) {
  // In the command line's order: the sources, then the release, which is
  // refused if its inline acceptance is malformed (see CheckRelease()).
  if (sources.empty()) {
    return Status::InvalidArgument("no source given: name the report the release cites");
  }
  std::vector<Document> source_docs;
  for (const Input& source : sources) {
    Result<Document> doc = Load(source, options.source_format);
    if (!doc.ok()) return doc.status();
    source_docs.push_back(std::move(doc).value());
  }
  Result<Document> release_doc = Load(release, options.release_format);
  if (!release_doc.ok()) return release_doc.status();
  if (auto accepts = FindInlineAcceptances(*release_doc); !accepts.ok()) {
    return accepts.status();
  }
  return Check(std::move(release_doc).value(), std::move(source_docs), options);
}

std::vector<PyClaim> CheckedClaims(const CheckResult& result) {
  std::vector<PyClaim> out;
  for (const CheckedClaim& checked : result.claims) {
    const Finding& f = checked.finding;
    PyClaim c = ClaimOf(result.release, f.claim);
    c.verdict = std::string(VerdictName(f.verdict));
    const Evidence& e = f.evidence;
    if (e.source >= 0 && e.source < static_cast<int>(result.sources.size())) {
      c.evidence = EvidenceOf(result, f);
    }
    for (const DiffOp& op : e.diff) {
      c.diff.push_back(
          {std::string(DiffOpName(op.kind)), op.quote_words, op.source_words});
    }
    c.notes = f.notes;
    c.fingerprint = checked.fingerprint;
    c.accepted = checked.accepted;
    c.accepted_reason = checked.accepted_reason;
    c.fails = checked.fails;
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<PyClaim> ExtractedClaims(const Document& release,
                                     const Extraction& extraction) {
  std::vector<PyClaim> out;
  std::vector<std::string> fingerprints = Fingerprints(extraction.claims, release);
  for (size_t i = 0; i < extraction.claims.size(); ++i) {
    PyClaim c = ClaimOf(release, extraction.claims[i]);
    c.fingerprint = fingerprints[i];
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace claimtrace::python
