#!/usr/bin/env python3
"""Scores claimtrace's JSON against a gold file of annotated claims.

Written for this repository (Apache-2.0) to read the evaluation's gold
format (`claimtrace-gold/1`, see ../shared/eval/README.md when present) and
print the same summary lines as the evaluation's scorer, so the test suite
scores its own gold sets without ../shared.

Usage:
  score.py GOLD.json [--min-NAME X ...] [-v] -- CMD...

CMD is run once per case with {release}, {sources} (one argument per source)
and {source} (the first) substituted; it must print one JSON object holding
"claims" (kind, span {start, end}, verdict, speaker, match {source, start,
end}) and optionally "warnings" (objects with "code", or strings).

Scoring: a predicted claim pairs with a gold claim of the same kind whose
span in the release overlaps it, largest overlap first, each at most once.
Unpaired gold claims are missed, unpaired predictions extra; gold claims
marked "optional" neither count nor leave their prediction extra. Verdicts
are compared on pairs (a gold list accepts any of its verdicts); "where"
is right when the match overlaps an occurrence of that text in the source
file; "speaker" when its last word is in the predicted speaker.
NAME is one of f1, verdict, flag-f1, location, speaker, warnings. Exits 1
below a minimum or when a case fails to run.
"""
import json
import os
import subprocess
import sys

FLAGGED = {"altered", "untraced", "mismatch"}
POSITIVE = {"verbatim", "traced"}


def find_all(data, needle):
    b = needle.encode("utf-8")
    out, at = [], data.find(b)
    while at >= 0:
        out.append((at, at + len(b)))
        at = data.find(b, at + 1)
    return out


def overlap(a, b):
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def verdicts(g):
    v = g["verdict"]
    return set(v) if isinstance(v, list) else {v}


def run(case, base, template):
    release = os.path.join(base, case["release"])
    sources = [os.path.join(base, s) for s in case["sources"]]
    cmd = []
    for tok in template:
        if tok == "{sources}":
            cmd += sources
        else:
            cmd.append(tok.replace("{release}", release).replace("{source}", sources[0]))
    try:
        proc = subprocess.run(cmd, capture_output=True, timeout=300)
        return json.loads(proc.stdout.decode("utf-8")), None
    except (OSError, subprocess.TimeoutExpired, UnicodeDecodeError, json.JSONDecodeError) as e:
        return None, "%s: %s" % (" ".join(cmd), e)


def score_case(case, base, doc, c, kinds, out):
    rel = open(os.path.join(base, case["release"]), "rb").read()
    srcs = [open(os.path.join(base, s), "rb").read() for s in case["sources"]]
    golds = []
    for g in case["claims"]:
        spans = find_all(rel, g["text"])
        n = g.get("occurrence", 1)
        if len(spans) < n:
            raise SystemExit("gold claim not found in %s: %r" % (case["release"], g["text"][:60]))
        golds.append((g, spans[n - 1]))
    preds = [p for p in doc.get("claims", []) if isinstance(p, dict)]
    pairs = []
    for pi, p in enumerate(preds):
        try:
            ps = (int(p["span"]["start"]), int(p["span"]["end"]))
        except (KeyError, TypeError, ValueError):
            continue
        for gi, (g, gs) in enumerate(golds):
            if g["kind"] == p.get("kind") and overlap(ps, gs) > 0:
                pairs.append((overlap(ps, gs), pi, gi))
    paired, used = {}, set()
    for _, pi, gi in sorted(pairs, reverse=True):
        if pi not in used and gi not in paired:
            paired[gi] = pi
            used.add(pi)
    tag = "[%s]" % case["id"]
    for gi, (g, _) in enumerate(golds):
        ok = verdicts(g)
        if g.get("optional"):
            continue
        k = kinds[g["kind"]]
        if gi not in paired:
            c["fn"] += 1
            k["fn"] += 1
            c["flag_fn"] += ok <= FLAGGED
            out.append("%s MISSED %s %r (gold %s)" % (tag, g["kind"], g["text"][:70], g["verdict"]))
            continue
        p = preds[paired[gi]]
        c["tp"] += 1
        k["tp"] += 1
        v = p.get("verdict")
        c["verdict_n"] += 1
        if v in ok:
            c["verdict_ok"] += 1
        else:
            out.append("%s VERDICT %s %r: got %s, gold %s" % (tag, g["kind"], g["text"][:60], v, g["verdict"]))
        if ok <= FLAGGED:
            c["flag_tp" if v in FLAGGED else "flag_fn"] += 1
        elif v in FLAGGED and not ok & FLAGGED:
            c["flag_fp"] += 1
        if g.get("where") and ok & (POSITIVE | {"altered", "mismatch"}):
            c["loc_n"] += 1
            m = p.get("match") or {}
            si = m.get("source", 0)
            if isinstance(si, str):
                si = next((i for i, s in enumerate(case["sources"])
                           if si.endswith(os.path.basename(s))), 0)
            try:
                ms = (int(m["start"]), int(m["end"]))
                hit = any(overlap(ms, w) for w in find_all(srcs[si], g["where"]))
            except (KeyError, TypeError, ValueError, IndexError):
                hit = False
            c["loc_ok"] += hit
            if not hit:
                out.append("%s LOCATION %r: match does not cover %r" % (tag, g["text"][:60], g["where"][:50]))
        if g.get("speaker"):
            c["spk_n"] += 1
            got = (p.get("speaker") or "").lower()
            if g["speaker"].split()[-1].lower() in got:
                c["spk_ok"] += 1
            else:
                out.append("%s SPEAKER %r: got %r, gold %r" % (tag, g["text"][:50], got, g["speaker"]))
    for pi, p in enumerate(preds):
        if pi in used:
            continue
        c["fp"] += 1
        if p.get("kind") in kinds:
            kinds[p["kind"]]["fp"] += 1
        c["flag_fp"] += p.get("verdict") in FLAGGED
        try:
            text = rel[int(p["span"]["start"]):int(p["span"]["end"])].decode("utf-8", "replace")
        except (KeyError, TypeError, ValueError):
            text = "<no span>"
        out.append("%s EXTRA %s %r (%s)" % (tag, p.get("kind"), text[:70], p.get("verdict")))
    got = {(w.get("code") if isinstance(w, dict) else w) for w in doc.get("warnings", [])}
    for w in case.get("expect_warnings", []):
        c["warn_n"] += 1
        c["warn_ok"] += w in got
        if w not in got:
            out.append("%s WARNING missing %r" % (tag, w))


def ratio(a, b):
    return a / b if b else 1.0


def f1(tp, fp, fn):
    p, r = ratio(tp, tp + fp), ratio(tp, tp + fn)
    return (2 * p * r / (p + r) if p + r else 0.0), p, r


def main(argv):
    if "--" not in argv:
        print(__doc__)
        return 2
    opts, template = argv[1:argv.index("--")], argv[argv.index("--") + 1:]
    gold_path = opts[0]
    mins = {opts[i][6:]: float(opts[i + 1]) for i in range(len(opts)) if opts[i].startswith("--min-")}
    gold = json.load(open(gold_path, encoding="utf-8"))
    base = os.path.normpath(os.path.join(os.path.dirname(gold_path), gold.get("seeds_dir", ".")))
    c = dict.fromkeys(["tp", "fp", "fn", "verdict_ok", "verdict_n", "flag_tp", "flag_fp",
                       "flag_fn", "loc_ok", "loc_n", "spk_ok", "spk_n", "warn_ok", "warn_n",
                       "errors"], 0)
    kinds = {k: dict(tp=0, fp=0, fn=0) for k in ("quote", "number")}
    out = []
    for case in gold["cases"]:
        doc, err = run(case, base, template)
        if err:
            c["errors"] += 1
            out.append("[%s] ERROR %s" % (case["id"], err))
        else:
            score_case(case, base, doc, c, kinds, out)
    for line in out:
        print(line)
    res = {
        "f1": f1(c["tp"], c["fp"], c["fn"])[0],
        "verdict": ratio(c["verdict_ok"], c["verdict_n"]),
        "flag-f1": f1(c["flag_tp"], c["flag_fp"], c["flag_fn"])[0],
        "location": ratio(c["loc_ok"], c["loc_n"]),
        "speaker": ratio(c["spk_ok"], c["spk_n"]),
        "warnings": ratio(c["warn_ok"], c["warn_n"]),
    }
    for k, n in kinds.items():
        kf, kp, kr = f1(n["tp"], n["fp"], n["fn"])
        print("%-7s extraction: P=%.3f R=%.3f F1=%.3f (tp=%d fp=%d fn=%d)"
              % (k, kp, kr, kf, n["tp"], n["fp"], n["fn"]))
    ff, fp, fr = f1(c["flag_tp"], c["flag_fp"], c["flag_fn"])
    print("flags (altered/untraced/mismatch): P=%.3f R=%.3f F1=%.3f" % (fp, fr, ff))
    print("verdicts right: %d/%d  locations right: %d/%d  speakers right: %d/%d  "
          "warnings: %d/%d  case errors: %d"
          % (c["verdict_ok"], c["verdict_n"], c["loc_ok"], c["loc_n"], c["spk_ok"],
             c["spk_n"], c["warn_ok"], c["warn_n"], c["errors"]))
    failed = [k for k, v in mins.items() if res.get(k, 0.0) < v] + (["errors"] if c["errors"] else [])
    print("score: " + " ".join("%s=%.3f" % kv for kv in res.items())
          + ("  BELOW: " + ",".join(failed) if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
