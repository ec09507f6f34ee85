"""`make bench`'s deployed mode runs and records visits (not a timed test: figures are the bench's)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))


@pytest.mark.slow
def test_the_deployed_mode_launches_against_moto_and_records_visits(tmp_path):
    import benchmark

    # GIVEN the artifact as `sam build` makes it, and the bench's three functions
    artifact = tmp_path / "SkillFunction"
    artifact.mkdir()
    subprocess.run(["make", "-s", "build-SkillFunction", f"ARTIFACTS_DIR={artifact}"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    work = tmp_path / "work"
    work.mkdir()
    functions = benchmark.prepare(work, artifact)
    try:
        # WHEN the deployed mode runs once (moto's DynamoDB on 127.0.0.1, started and stopped by it)
        result = benchmark.deployed(functions, runs=1)
    finally:
        benchmark.writable(tmp_path)
        shutil.rmtree(work)
    # THEN each kind of launch was timed, visits were stored (the returning user's and one
    # first visit), the returning user heard the shorter welcome, and only count and date are kept
    assert {"first launch", "returning launch", "floor launch"} <= set(result)
    assert all(result[k]["n"] == 1 and result[k]["median"] > 0 for k in ("first launch", "returning launch"))
    assert result["visits_recorded"] == 2
    assert result["returning_heard_welcome_back"] is True
    assert result["stored_fields"] == ["last_visit", "visits"]
    # and the table row shows the ratio to the floor
    one = {"median": 1, "p99": 1}
    kinds = ("launch", "topic", "urgent", "fallback")
    text = benchmark.table({
        "cold_start": {n: {"import_and_two_requests_ms": one, "process_ms": one}
                       for n in ("ours", "ours-no-bytecode", "floor")},
        "warm": {n: {**{k: one for k in kinds}, "peak_rss_mb": 1} for n in ("ours", "floor")},
        "deployed": result})
    assert "deployed: import + LaunchRequest, visits on" in text and "returning launch" in text
