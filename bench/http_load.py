"""A closed-loop HTTP load generator for loopback: processes x threads, keep-alive connections.

Bounded in time; sends only to the 127.0.0.1 URL it is given.
"""

from __future__ import annotations

import http.client
import json
import multiprocessing
import threading
import time
from collections import Counter
from typing import Any
from collections.abc import Callable
from urllib.parse import urlsplit

# (body, headers, expected status) for each request; called per request, in the worker.
MakeRequest = Callable[[int], tuple[bytes, dict[str, str], int]]


def _worker(args: tuple[str, float, int, str, str]) -> dict[str, Any]:
    url, duration, threads, module, factory = args
    parts = urlsplit(url)
    assert parts.hostname == "127.0.0.1", "load goes to loopback only"
    make: MakeRequest = getattr(__import__(module), factory)()
    stop_at = time.monotonic() + duration
    lock = threading.Lock()
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    wrong: Counter[str] = Counter()

    def loop(seed: int) -> None:
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        mine, counts, misses, n = [], Counter(), Counter(), seed * 1_000_000
        while time.monotonic() < stop_at:
            body, headers, expected = make(n)
            n += 1
            start = time.perf_counter()
            try:
                connection.request("POST", parts.path or "/", body=body, headers=headers)
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException) as exc:
                misses[f"connection error: {type(exc).__name__}"] += 1
                connection.close()
                connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
                status = 0
            mine.append(time.perf_counter() - start)
            counts[status] += 1
            if status != expected:
                misses[f"expected {expected}, got {status}"] += 1
        connection.close()
        with lock:
            latencies.extend(mine)
            statuses.update(counts)
            wrong.update(misses)

    workers = [threading.Thread(target=loop, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return {"latencies": latencies, "statuses": dict(statuses), "wrong": dict(wrong)}


def run(url: str, duration: float, module: str, factory: str, processes: int = 2, threads: int = 4) -> dict[str, Any]:
    """Load `url` for `duration` seconds; the request maker is `module.factory()` (importable)."""
    with multiprocessing.get_context("spawn").Pool(processes) as pool:
        parts = pool.map(_worker, [(url, duration, threads, module, factory)] * processes)
    latencies = sorted(latency for part in parts for latency in part["latencies"])
    statuses: Counter[int] = Counter()
    wrong: Counter[str] = Counter()
    for part in parts:
        statuses.update({int(k): v for k, v in part["statuses"].items()})
        wrong.update(part["wrong"])
    count = len(latencies)
    return {
        "requests": count,
        "seconds": duration,
        "rps": count / duration,
        "p50_ms": 1000 * latencies[count // 2] if count else None,
        "p99_ms": 1000 * latencies[min(count - 1, int(count * 0.99))] if count else None,
        "statuses": dict(sorted(statuses.items())),
        "unexpected": dict(wrong),
    }


if __name__ == "__main__":
    print(json.dumps(run("http://127.0.0.1:5000/", 2, "http_load", "__name__")))
