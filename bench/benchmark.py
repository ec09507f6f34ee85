"""`make bench`: cold start, warm latency, memory and web throughput, each beside a floor.

The floor is the smallest ask-sdk-core skill (one handler, bench/floor_skill), built and
run the same way in the same run, so the ratios hold on a noisy shared machine where the
absolute numbers do not. Prints a table and writes the results as JSON: to
build/bench/latest.json, which git ignores, so a run leaves the working tree clean; with
--record (`make bench RECORD=1`) to bench/results/latest.json, the committed figures that
docs/performance.md quotes.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import stat
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, UTC
from pathlib import Path

import http_load
from servers import gunicorn

ROOT = Path(__file__).resolve().parent.parent
ARTIFACT = ROOT / ".aws-sam" / "build" / "SkillFunction"
FIXTURES = ROOT / "tests" / "fixtures"
PROBE = Path(__file__).resolve().parent / "probe.py"
RESULTS = Path(__file__).resolve().parent / "results"  # the recorded figures (committed)
SCRATCH = ROOT / "build" / "bench"  # every other run's (ignored by git)
# The runtime's interpreter, outside any virtual environment, like Lambda's.
PYTHON = getattr(sys, "_base_executable", sys.executable)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def summary(values: list[float], scale: float = 1000.0) -> dict[str, float]:
    return {"median": statistics.median(values) * scale, "p99": percentile(values, 0.99) * scale, "n": len(values)}


def read_only(path: Path) -> None:
    for child in [path, *path.rglob("*")]:
        child.chmod(child.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def writable(path: Path) -> None:
    for child in [path, *path.rglob("*")]:
        child.chmod(child.stat().st_mode | stat.S_IWUSR)


def prepare(work: Path, artifact: Path = ARTIFACT) -> dict[str, Path]:
    """Three functions: ours with bytecode, ours without, and the floor with bytecode."""
    if not artifact.exists():
        sys.exit("bench: no .aws-sam/build/SkillFunction; run `make build` first")
    ours = work / "ours"
    shutil.copytree(artifact, ours)
    plain = work / "ours-no-bytecode"
    shutil.copytree(artifact, plain, ignore=shutil.ignore_patterns("__pycache__"))
    floor = work / "floor"
    shutil.copytree(artifact, floor, ignore=shutil.ignore_patterns("bone_mets", "content", "lambda_function.py",
                                                                   "__pycache__"))
    shutil.copy(Path(__file__).resolve().parent / "floor_skill" / "lambda_function.py", floor)
    subprocess.run([PYTHON, "-W", "ignore::SyntaxWarning", "-m", "compileall", "-q", "-j", "0",
                    "--invalidation-mode", "unchecked-hash", str(floor)], check=True)
    functions = {"ours": ours, "ours-no-bytecode": plain, "floor": floor}
    for path in functions.values():
        read_only(path)
    return functions


def probe(function: Path, mode: str, *extra: str, env: dict[str, str] | None = None) -> tuple[float, dict]:
    start = time.perf_counter()
    result = subprocess.run([PYTHON, "-I", "-B", str(PROBE), mode, str(function), str(FIXTURES), *extra],
                            capture_output=True, text=True, check=True, cwd=function,
                            env={**os.environ, **(env or {})})
    return time.perf_counter() - start, json.loads(result.stdout)


VISITS_TABLE = "bench-visits"
RETURNING_USER = "amzn1.ask.account.BENCH-RETURNING"


def deployed(functions: dict[str, Path], runs: int) -> dict[str, dict]:
    """The cold start as template.yaml deploys it: visit counts on, against moto's DynamoDB
    server on 127.0.0.1 (started and stopped here), first and returning launches, beside the
    floor answering a LaunchRequest. Nothing of boto3 is in the artifact or imported by it."""
    import boto3
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        endpoint = f"http://{host}:{port}"
        credentials = {"AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench", "AWS_REGION": "us-east-1"}
        table = boto3.resource("dynamodb", endpoint_url=endpoint, region_name="us-east-1",
                               aws_access_key_id="bench", aws_secret_access_key="bench").create_table(
            TableName=VISITS_TABLE, KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}], BillingMode="PAY_PER_REQUEST")
        env = {**credentials, "VISITS_TABLE": VISITS_TABLE, "DYNAMODB_ENDPOINT": endpoint, "DYNAMODB_BUDGET": "0.5"}
        probe(functions["ours"], "launch", RETURNING_USER, env=env)  # the returning user's first visit
        samples: dict[str, list[float]] = {"first launch": [], "returning launch": [], "floor launch": []}
        welcomed_back = []
        order = list(samples)
        for run in range(runs):
            random.shuffle(order)
            for name in order:
                if name == "floor launch":
                    _, report = probe(functions["floor"], "launch", "amzn1.ask.account.FLOOR")
                else:
                    user = RETURNING_USER if name == "returning launch" else f"amzn1.ask.account.BENCH-{run}"
                    _, report = probe(functions["ours"], "launch", user, env=env)
                    if name == "returning launch":
                        welcomed_back.append(report["welcome_back"])
                samples[name].append(report["cold_s"])
        items = table.scan()["Items"]
    finally:
        server.stop()
    out = {name: summary(values) for name, values in samples.items()}
    out["visits_recorded"] = len(items)
    out["returning_heard_welcome_back"] = all(welcomed_back)
    out["stored_fields"] = sorted({field for item in items for field in item.get("attributes", {})})
    return out


def cold_starts(functions: dict[str, Path], runs: int) -> dict[str, dict]:
    samples = {name: {"process": [], "import_and_two_requests": [], "rss_kb": []} for name in functions}
    order = list(functions)
    for _ in range(runs):
        random.shuffle(order)  # interleaved, so drift on the machine hits all alike
        for name in order:
            wall, report = probe(functions[name], "cold")
            samples[name]["process"].append(wall)
            samples[name]["import_and_two_requests"].append(report["cold_s"])
            samples[name]["rss_kb"].append(report["max_rss_kb"])
    return {name: {"process_ms": summary(s["process"]),
                   "import_and_two_requests_ms": summary(s["import_and_two_requests"]),
                   "peak_rss_mb": max(s["rss_kb"]) / 1024} for name, s in samples.items()}


def first_readings(functions: dict[str, Path], runs: int) -> dict[str, dict]:
    """The first free words after a cold start: the reader's model loads (on Lambda, before the
    SnapStart snapshot, so a restored function never pays it)."""
    return {name: summary([probe(functions[name], "reading")[1]["first_reading_s"] for _ in range(runs)])
            for name in ("ours", "floor")}


def warm(functions: dict[str, Path], n: int) -> dict[str, dict]:
    out = {}
    for name in ("ours", "floor"):
        _, report = probe(functions[name], "warm", str(n))
        out[name] = {kind: summary(values, 1e6) for kind, values in report["warm_s"].items()}
        out[name]["peak_rss_mb"] = report["max_rss_kb"] / 1024
    return out


def web(seconds: float) -> dict[str, dict]:
    out = {}
    for name in ("ours", "floor"):
        with gunicorn(name) as url:
            http_load.run(url, 1.0, "load_requests", "plain")  # warm-up
            out[name] = http_load.run(url, seconds, "load_requests", "plain")
    return out


def machine() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpu": cpu, "cores": str(os.cpu_count()), "python": platform.python_version(),
            "platform": platform.platform()}


def table(results: dict) -> str:
    rows = []
    cold = results["cold_start"]
    floor_cold = cold["floor"]["import_and_two_requests_ms"]["median"]
    rows.append(("cold start: import + launch + intent", "median ms", "p99 ms", "× floor"))
    for name in ("ours", "ours-no-bytecode", "floor"):
        c = cold[name]["import_and_two_requests_ms"]
        rows.append((f"  {name}", f"{c['median']:.1f}", f"{c['p99']:.1f}", f"{c['median'] / floor_cold:.2f}"))
    floor_proc = cold["floor"]["process_ms"]["median"]
    for name in ("ours", "ours-no-bytecode", "floor"):
        c = cold[name]["process_ms"]
        rows.append((f"  whole process, {name}", f"{c['median']:.1f}", f"{c['p99']:.1f}",
                     f"{c['median'] / floor_proc:.2f}"))
    if results.get("first_reading"):
        r = results["first_reading"]
        rows.append(("first free words after a cold start (the model loads)", "median ms", "p99 ms", "× floor"))
        rows.append(("  ours", f"{r['ours']['median']:.1f}", f"{r['ours']['p99']:.1f}",
                     f"{r['ours']['median'] / r['floor']['median']:.2f}"))
    rows.append(("warm lambda_handler", "median µs", "p99 µs", "× floor"))
    for kind in ("launch", "topic", "urgent", "fallback", "reading", "long_speech"):
        ours, floor = results["warm"]["ours"][kind], results["warm"]["floor"][kind]
        rows.append((f"  {kind}", f"{ours['median']:.0f}", f"{ours['p99']:.0f}",
                     f"{ours['median'] / floor['median']:.2f}"))
    rows.append(("peak memory (RSS)", "MB", "", "× floor"))
    ours_rss, floor_rss = results["warm"]["ours"]["peak_rss_mb"], results["warm"]["floor"]["peak_rss_mb"]
    rows.append(("  after the warm run", f"{ours_rss:.1f}", "", f"{ours_rss / floor_rss:.2f}"))
    if results.get("deployed"):
        d = results["deployed"]
        floor_launch = d["floor launch"]["median"]
        rows.append(("deployed: import + LaunchRequest, visits on", "median ms", "p99 ms", "× floor"))
        for name in ("first launch", "returning launch", "floor launch"):
            rows.append((f"  {name}", f"{d[name]['median']:.1f}", f"{d[name]['p99']:.1f}",
                         f"{d[name]['median'] / floor_launch:.2f}"))
    if results.get("web"):
        rows.append(("web service (gunicorn, loopback)", "req/s", "p99 ms", "× floor"))
        w = results["web"]
        for name in ("ours", "floor"):
            rows.append((f"  {name}", f"{w[name]['rps']:.0f}", f"{w[name]['p99_ms']:.1f}",
                         f"{w[name]['rps'] / w['floor']['rps']:.2f}"))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    return "\n".join("  ".join(cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i])
                               for i, cell in enumerate(row)) for row in rows)


def output_path(record: bool) -> Path:
    """Where a run's results go: the committed record only when asked for."""
    return (RESULTS if record else SCRATCH) / "latest.json"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cold-runs", type=int, default=30)
    parser.add_argument("--warm-requests", type=int, default=3000)
    parser.add_argument("--web-seconds", type=float, default=10.0)
    parser.add_argument("--no-web", action="store_true")
    parser.add_argument("--deployed-runs", type=int, default=30)
    parser.add_argument("--record", action="store_true",
                        help="write bench/results/latest.json (committed, quoted by docs/performance.md) "
                             "instead of build/bench/latest.json")
    args = parser.parse_args(argv)
    output = output_path(args.record)
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    try:
        functions = prepare(work)
        results = {"when": datetime.now(UTC).isoformat(timespec="seconds"), "machine": machine(),
                   "settings": {k: v for k, v in vars(args).items() if k != "record"},
                   "cold_start": cold_starts(functions, args.cold_runs),
                   "first_reading": first_readings(functions, max(3, args.cold_runs // 3)),
                   "warm": warm(functions, args.warm_requests),
                   "deployed": deployed(functions, args.deployed_runs)}
        if not args.no_web:
            results["web"] = web(args.web_seconds)
    finally:
        writable(work)
        shutil.rmtree(work)
    print(table(results))
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nwritten: {output.relative_to(ROOT)}" + ("" if args.record else " (make bench RECORD=1 records it)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
