"""`make bench`'s deployed mode runs and records visits (not a timed test: figures are the bench's)."""

from __future__ import annotations

import json
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
    kinds = ("launch", "topic", "urgent", "fallback", "reading", "long_speech")
    text = benchmark.table({
        "cold_start": {n: {"import_and_two_requests_ms": one, "process_ms": one}
                       for n in ("ours", "ours-no-bytecode", "floor")},
        "warm": {n: {**{k: one for k in kinds}, "peak_rss_mb": 1} for n in ("ours", "floor")},
        "deployed": result})
    assert "deployed: import + LaunchRequest, visits on" in text and "returning launch" in text


def test_a_run_leaves_the_tree_clean_unless_asked_to_record(tmp_path, monkeypatch, capsys):
    import benchmark

    # GIVEN the bench with its measurements stubbed (the figures are not this test's), in a
    # scratch copy of the repository's layout
    one = {"median": 1, "p99": 1}
    kinds = ("launch", "topic", "urgent", "fallback", "reading", "long_speech")
    monkeypatch.setattr(benchmark, "ROOT", tmp_path)
    monkeypatch.setattr(benchmark, "RESULTS", tmp_path / "bench" / "results")
    monkeypatch.setattr(benchmark, "SCRATCH", tmp_path / "build" / "bench")
    monkeypatch.setattr(benchmark, "prepare", lambda work: {})
    monkeypatch.setattr(benchmark, "machine", lambda: "stub")
    monkeypatch.setattr(benchmark, "cold_starts", lambda functions, runs: {
        n: {"import_and_two_requests_ms": one, "process_ms": one} for n in ("ours", "ours-no-bytecode", "floor")})
    monkeypatch.setattr(benchmark, "warm", lambda functions, requests: {
        n: {**{k: one for k in kinds}, "peak_rss_mb": 1} for n in ("ours", "floor")})
    monkeypatch.setattr(benchmark, "deployed", lambda functions, runs: {})
    monkeypatch.setattr(benchmark, "first_readings", lambda functions, runs: {n: one for n in ("ours", "floor")})
    # WHEN it runs as `make bench` does THEN it writes under build/, not the committed record
    assert benchmark.main(["--no-web"]) == 0
    assert (tmp_path / "build" / "bench" / "latest.json").exists()
    assert not (tmp_path / "bench" / "results").exists()
    assert "RECORD=1" in capsys.readouterr().out
    # and only `make bench RECORD=1` (--record) writes bench/results/latest.json
    assert benchmark.main(["--no-web", "--record"]) == 0
    assert "record" not in json.loads((tmp_path / "bench" / "results" / "latest.json").read_text())["settings"]


def test_git_ignores_a_runs_results_and_keeps_the_record():
    import benchmark

    def git(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)

    scratch = benchmark.output_path(record=False).relative_to(ROOT)
    record = benchmark.output_path(record=True).relative_to(ROOT)
    assert git("check-ignore", "-q", str(scratch)).returncode == 0, f"{scratch} is not ignored by git"
    assert git("ls-files", "--error-unmatch", str(record)).returncode == 0, f"{record} is not committed"
    # and `make bench` asks to record only with RECORD=1 (make -n: the commands, none run)
    def bench_line(*args: str) -> str:
        dry = subprocess.run(["make", "-n", "bench", *args], cwd=ROOT, capture_output=True, text=True, check=True)
        return next(line for line in dry.stdout.splitlines() if "bench/benchmark.py" in line)
    assert "--record" in bench_line("RECORD=1")
    assert "--record" not in bench_line() and "--record" not in bench_line("RECORD=0")
