"""Checking releases the GIL, so a thread pool may check many releases at
once; the results are those of checking them one by one."""
import concurrent.futures

import claimtrace
from conftest import RELEASES, REPORT, TEST_DATA


def test_a_pool_of_8_gives_the_results_of_one_by_one():
    # Each seed release against the text and the PDF report, twice over:
    # 16 checks, so the 8 threads overlap on every kind of input.
    jobs = [(r, s) for r in RELEASES for s in (REPORT, str(TEST_DATA / "report.pdf"))] * 2
    one_by_one = [claimtrace.check(r, [s]).to_json() for r, s in jobs]
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        pooled = list(pool.map(lambda job: claimtrace.check(job[0], [job[1]]).to_json(),
                               jobs))
    assert pooled == one_by_one
    assert len(set(one_by_one)) == len(jobs) // 2


def test_errors_in_a_pool_stay_in_their_thread():
    jobs = [RELEASES[0], "/nonexistent/a.txt", RELEASES[1], b""] * 4
    def run(release):
        try:
            return len(claimtrace.check(release, REPORT).claims)
        except claimtrace.InputError as e:
            return str(e)
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        pooled = list(pool.map(run, jobs))
    assert pooled == [run(j) for j in jobs]
    assert "/nonexistent/a.txt: no such file" in pooled
