"""to_pandas(): one row per claim, the claim's fields as columns."""
import json

import pytest

import claimtrace
from conftest import RELEASES, REPORT

pandas = pytest.importorskip("pandas")


def test_one_row_per_claim_with_its_fields():
    for release in RELEASES:
        result = claimtrace.check(release, REPORT)
        df = result.to_pandas()
        assert len(df) == len(result.claims)
        for row, c in zip(df.itertuples(index=False), result.claims):
            assert (row.release, row.kind, row.text, row.line, row.column, row.start,
                    row.end, row.verdict, row.fingerprint, row.fails) == (
                release, c.kind, c.text, c.line, c.column, c.span[0], c.span[1],
                c.verdict, c.fingerprint, c.fails)
            if c.kind == "number":
                assert row.value == c.value.value and row.counted == c.value.counted
            else:
                assert pandas.isna(row.value) and row.speaker == c.speaker
            if c.evidence:
                assert (row.source, row.source_line, row.passage) == (
                    REPORT, c.evidence.line, c.evidence.passage)
            else:
                assert row.source is None


def test_a_csv_round_trip_keeps_the_claims(tmp_path):
    frames = [claimtrace.check(r, REPORT).to_pandas() for r in RELEASES]
    df = pandas.concat(frames, ignore_index=True)
    df.to_csv(tmp_path / "claims.csv", index=False)
    back = pandas.read_csv(tmp_path / "claims.csv", keep_default_na=False,
                           na_values={"value": [""]})
    assert list(back.columns) == list(df.columns)
    for column in ("release", "kind", "text", "verdict", "fingerprint"):
        assert back[column].tolist() == df[column].tolist()
    assert back["fails"].tolist() == df["fails"].tolist()
    want = [c["verdict"] for r in RELEASES
            for c in json.loads(claimtrace.check(r, REPORT).to_json())["claims"]]
    assert back["verdict"].tolist() == want
    # Failing claims per release, as a data desk would count them.
    failing = back[back["fails"]].groupby("release").size().to_dict()
    assert failing == {r: sum(c.fails for c in claimtrace.check(r, REPORT).claims)
                       for r in RELEASES if claimtrace.check(r, REPORT).fails}


def test_no_claims_gives_the_columns_and_no_rows():
    df = claimtrace.check(claimtrace.Text("Nothing to check here.\n"), REPORT).to_pandas()
    assert len(df) == 0 and "verdict" in df.columns and "fails" in df.columns
