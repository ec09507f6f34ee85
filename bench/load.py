"""`make load`: a bounded load test of the web service under gunicorn, on 127.0.0.1 only.

1. Throughput: verification off, as many requests as the machine holds (closed loop,
   2 processes x 4 keep-alive connections) for --seconds (at least 60): no 5xx, no errors.
2. Verification on, trusting only a certificate authority made for this run: half the
   requests correctly signed (each must be answered, 200), half unsigned or forged
   (each must be refused, 400).
Prints a summary, writes bench/results/load.json, exits 1 if any request got the wrong answer.

`make load ARGS=--hardening` measures instead how the service stands up to the cheap
attacks of issue 21, each beside a floor from the same run, and writes
bench/results/hardening.json: CPU per forged request against an ordinary refused one,
certificate downloads caused by a flood of aliases of the certificate URL, the time to
answer /health while slow bodies hold every connection gunicorn_conf.py allows (once, and
with every cut connection reopened at once), and the status of chunked bodies over the
limit; then the flood and the bodies again through nginx (webservice/nginx.conf), if
nginx is installed.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import runpy
import socket
import statistics
import subprocess
import threading
import time
import sys
import tempfile
import urllib.request
from collections import Counter
from pathlib import Path

from cryptography.hazmat.primitives import serialization

import http_load
from servers import gunicorn

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from signing_authority import CERT_URL, Authority  # noqa: E402  (the tests' own authority)

RESULTS = Path(__file__).resolve().parent / "results"


def write_authority(directory: Path) -> None:
    authority = Authority()
    (directory / "root.pem").write_bytes(authority.root.public_bytes(serialization.Encoding.PEM))
    (directory / "chain.pem").write_bytes(authority.chain_pem())
    (directory / "leaf.key").write_bytes(authority.leaf_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))


def report(name: str, result: dict) -> str:
    return (f"{name}: {result['requests']} requests in {result['seconds']:.0f} s = {result['rps']:.0f}/s, "
            f"p50 {result['p50_ms']:.1f} ms, p99 {result['p99_ms']:.1f} ms, statuses {result['statuses']}, "
            f"wrong answers {sum(result['unexpected'].values())}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="throughput phase (at least 60 for the record)")
    parser.add_argument("--verified-seconds", type=float, default=30.0)
    parser.add_argument("--hardening", action="store_true", help="the denial-of-service figures instead")
    args = parser.parse_args()
    if args.hardening:
        return hardening()
    results = {}
    with gunicorn("ours") as url:
        results["throughput"] = http_load.run(url, args.seconds, "load_requests", "plain")
    print(report("throughput, verification off", results["throughput"]), flush=True)
    with tempfile.TemporaryDirectory() as ca:
        write_authority(Path(ca))
        with gunicorn("verified", env={"BENCH_CA_DIR": ca}) as url:
            import os
            os.environ["BENCH_CA_DIR"] = ca  # for the load workers' signer
            results["verified_mix"] = http_load.run(url, args.verified_seconds, "load_requests", "signed_mix")
    print(report("verification on, signed and forged mix", results["verified_mix"]), flush=True)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "load.json").write_text(json.dumps(results, indent=2) + "\n")
    failures = []
    five_hundreds = sum(v for k, v in results["throughput"]["statuses"].items() if k >= 500 or k == 0)
    if five_hundreds or results["throughput"]["unexpected"]:
        failures.append(f"throughput: {five_hundreds} errors or 5xx, {results['throughput']['unexpected']}")
    if results["verified_mix"]["unexpected"]:
        failures.append(f"verification: {results['verified_mix']['unexpected']}")
    for failure in failures:
        print(f"FAIL {failure}")
    print("load: " + ("FAILED" if failures else "ok: no 5xx, every signed request answered, every forged one refused"))
    return 1 if failures else 0


# ---- make load ARGS=--hardening -------------------------------------------------------------

HEALTH_CAP_S = 30.0  # how long /health is waited for under the flood before it counts as unanswered


def machine() -> dict:
    """What this ran on (the figures are ratios because the machine is shared)."""
    model = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
    name = next((line.split(":", 1)[1].strip() for line in model.splitlines() if line.startswith("Model name")), "?")
    with open("/proc/meminfo") as meminfo:
        kib = int(meminfo.readline().split()[1])
    return {"cpu": name, "cores": os.cpu_count(), "memory_gib": round(kib / 2**20, 1),
            "python": platform.python_version(), "system": f"{platform.system()} {platform.machine()}"}


def signed_body(authority: Authority, *, pad: int = 0, timestamp: str | None = None) -> bytes:
    """A fresh launch envelope, padded with a session attribute to `pad` bytes if asked."""
    from datetime import UTC, datetime
    event = json.loads((ROOT / "tests" / "fixtures" / "launch.json").read_text())
    event["request"]["timestamp"] = timestamp or datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if pad:
        event["session"]["attributes"] = {"pad": ""}
        event["session"]["attributes"]["pad"] = "x" * (pad - len(json.dumps(event)))
    return json.dumps(event).encode()


def in_process_app(authority: Authority, fetch):
    """The web service in this process, trusting `authority`, its refusals logged to nowhere."""
    from bone_mets.config import Config
    from bone_mets.skill import build_skill
    from request_verification import AlexaRequestVerifier
    from web_service import create_app

    logging.basicConfig(stream=open(os.devnull, "w"), force=True)  # noqa: SIM115 (for the whole run)
    return create_app(skill=build_skill(Config()),
                      verifier=AlexaRequestVerifier(roots=[authority.root], fetch=fetch)).test_client()


def cpu_per_request(client, body: bytes, headers: dict, *, budget_s: float = 3.0, most: int = 300) -> dict:
    """Median CPU of this process per request, over as many requests as `budget_s` of CPU allows."""
    samples, statuses = [], Counter()
    while len(samples) < 3 or (sum(samples) < budget_s and len(samples) < most):
        start = time.process_time()
        statuses[client.post("/", data=body, headers=headers).status_code] += 1
        samples.append(time.process_time() - start)
    return {"median_ms": 1000 * statistics.median(samples), "n": len(samples), "statuses": dict(statuses)}


def forged_cpu(authority: Authority, stranger: Authority) -> dict:
    """CPU per forged request (signed by a stranger) with a 250 KB timestamp of "1.1.", against
    an ordinary forged launch request and against a forged one as large but of ordinary shape."""
    client = in_process_app(authority, lambda url: authority.chain_pem())
    kinds = {"ordinary": signed_body(authority),
             "250 KB ordinary": signed_body(authority, pad=250_000),
             "250 KB timestamp": signed_body(authority, timestamp="1.1." * 62_500)}
    result = {name: cpu_per_request(client, body, {**authority.headers(body), "Signature-256": stranger.sign(body)})
              for name, body in kinds.items()}
    for name in kinds:
        result[name]["x_ordinary"] = result[name]["median_ms"] / result["ordinary"]["median_ms"]
    return result


def aliases(count: int) -> list[str]:
    """`count` spellings of the certificate URL's file name with unreserved letters percent-encoded."""
    directory, name = CERT_URL.rsplit("/", 1)
    spelled = []
    for mask in range(1, count + 1):
        letters = [f"%{ord(c):02x}" if i < 12 and mask >> i & 1 else c for i, c in enumerate(name)]
        spelled.append(f"{directory}/{''.join(letters)}")
    return spelled


def alias_flood(authority: Authority, stranger: Authority, count: int = 64) -> dict:
    """Certificate downloads caused by `count` forged requests naming aliases of the real
    certificate URL; then, with downloads failing, whether a signed request is still answered."""
    calls: list[str] = []
    failing = threading.Event()

    def fetch(url: str) -> bytes:
        calls.append(url)
        if failing.is_set():
            raise TimeoutError("the download failed")
        return authority.chain_pem()

    client = in_process_app(authority, fetch)
    body = signed_body(authority)
    first = client.post("/", data=body, headers=authority.headers(body)).status_code
    statuses = Counter()
    for url in aliases(count):
        forged = signed_body(authority)
        statuses[client.post("/", data=forged, headers={**authority.headers(forged, url=url),
                                                         "Signature-256": stranger.sign(forged)}).status_code] += 1
    downloads = len(calls) - 1
    failing.set()
    body = signed_body(authority)
    after = client.post("/", data=body, headers=authority.headers(body))
    return {"aliases": count, "downloads": downloads, "statuses": dict(statuses), "signed_before": first,
            "signed_after_with_downloads_failing": after.status_code}


def chunked_over_limit(authority: Authority, stranger: Authority, port: int) -> dict:
    """Statuses of chunked bodies on a server: a signed 256 KB document alone, the same
    followed by 32 KB of spaces, and a forged 296 KB document."""
    from served import alexa_head, chunked, exchange
    limit = 256 * 1024
    document = signed_body(authority, pad=limit)
    forged = signed_body(authority, pad=296 * 1024)
    cases = {"signed 256 KB": (document, authority.sign(document)),
             "signed 256 KB + 32 KB": (document + b" " * 32 * 1024, authority.sign(document)),
             "forged 296 KB": (forged, stranger.sign(forged))}
    result = {}
    for name, (body, signature) in cases.items():
        status, answer = exchange(port, alexa_head(None, signature=signature) + chunked(body))
        result[name] = {"status": status, "answer": answer[:80].decode(errors="replace")}
    return result


def health_latency(port: int, timeout: float) -> float | None:
    """Seconds to answer GET /health on a new connection, or None if not answered in `timeout`."""
    start = time.monotonic()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=timeout) as response:
            response.read()
    except OSError:
        return None
    return time.monotonic() - start


def slow_body_flood(port: int, connections: int, drip_every_s: float = 2.0) -> dict:
    """/health while `connections` connections each send Alexa's headers, a Content-Length and
    then a byte every `drip_every_s`; the floor is /health just before, on the same server."""
    from served import alexa_head
    floor = statistics.median(health_latency(port, 5) or 5 for _ in range(5))
    flood: list[socket.socket] = []
    stop = threading.Event()
    started = time.monotonic()
    for _ in range(connections):
        conn = socket.create_connection(("127.0.0.1", port), timeout=5)
        conn.sendall(alexa_head(4000) + b'{"ver')
        flood.append(conn)
    opened_s = time.monotonic() - started

    def drip() -> None:
        while not stop.wait(drip_every_s):
            for conn in flood:
                try:
                    conn.send(b" ")
                except OSError:
                    pass  # refused and closed by the server

    dripper = threading.Thread(target=drip, daemon=True)
    dripper.start()
    time.sleep(1)  # every flood connection accepted or queued before /health asks
    latency = health_latency(port, HEALTH_CAP_S)
    since_flood = time.monotonic() - started
    stop.set()
    dripper.join()
    return {"connections": connections, "opened_in_s": opened_s, "floor_s": floor,
            "health_s": latency, "health_x_floor": latency / floor if latency else None,
            "health_answered_after_flood_began_s": since_flood if latency else None,
            "flood_answers": flood_answers(flood)}


def sustained_slow_body_flood(port: int, connections: int, seconds: float = 15.0,
                              drip_every_s: float = 2.0) -> dict:
    """/health every half second for `seconds` while `connections` slow bodies are held and
    each one the server cuts is reopened at once (an attacker keeping the limit full)."""
    import selectors
    from served import alexa_head
    selector = selectors.DefaultSelector()

    def open_one() -> None:
        conn = socket.create_connection(("127.0.0.1", port), timeout=5)
        conn.sendall(alexa_head(4000) + b'{"ver')
        conn.setblocking(False)
        selector.register(conn, selectors.EVENT_READ)

    for _ in range(connections):
        open_one()
    stop = threading.Event()
    reopened = 0

    def keep_full() -> None:
        nonlocal reopened
        dripped = time.monotonic()
        while not stop.is_set():
            for key, _ in selector.select(timeout=0.2):  # answered or closed by the server: reopen
                selector.unregister(key.fileobj)
                key.fileobj.close()
                open_one()
                reopened += 1
            if time.monotonic() - dripped > drip_every_s:
                dripped = time.monotonic()
                for key in list(selector.get_map().values()):
                    try:
                        key.fileobj.send(b" ")
                    except OSError:
                        pass

    keeper = threading.Thread(target=keep_full, daemon=True)
    keeper.start()
    latencies = []
    stop_at = time.monotonic() + seconds
    while time.monotonic() < stop_at:
        latencies.append(health_latency(port, HEALTH_CAP_S))
        time.sleep(0.5)
    stop.set()
    keeper.join()
    for key in list(selector.get_map().values()):
        key.fileobj.close()
    answered = [latency for latency in latencies if latency is not None]
    return {"connections": connections, "seconds": seconds, "health_probes": len(latencies),
            "unanswered": len(latencies) - len(answered), "reopened": reopened,
            "health_median_s": statistics.median(answered) if answered else None,
            "health_max_s": max(answered) if answered else None}


def flood_answers(flood: list[socket.socket], wait_s: float = 3.0) -> dict[str, int]:
    """What each flood connection got back (a status, a close, a reset, or nothing yet); closes them."""
    import selectors
    pending = set(flood)
    with selectors.DefaultSelector() as selector:
        for conn in flood:
            selector.register(conn, selectors.EVENT_READ)
        stop_at = time.monotonic() + wait_s
        while pending and time.monotonic() < stop_at:
            for key, _ in selector.select(timeout=max(0.0, stop_at - time.monotonic())):
                pending.discard(key.fileobj)
                selector.unregister(key.fileobj)
    answers: Counter[str] = Counter()
    for conn in flood:
        if conn in pending:
            answers["nothing yet"] += 1
        else:
            try:
                head = conn.recv(64)
                answers[head.split(b" ", 2)[1].decode() if head.startswith(b"HTTP/") else "closed"] += 1
            except OSError:
                answers["reset"] += 1
        conn.close()
    return dict(answers)


def connection_limit() -> tuple[int, int]:
    """(workers, worker_connections) from the production settings."""
    settings = runpy.run_path(str(ROOT / "webservice" / "gunicorn_conf.py"))
    return settings["workers"], settings["worker_connections"]


def hardening() -> int:
    from served import gunicorn as production_gunicorn
    from served import nginx, nginx_binary
    authority, stranger = Authority(), Authority()
    figures: dict = {"machine": machine()}
    print(f"machine: {figures['machine']}", flush=True)
    figures["forged_cpu"] = forged_cpu(authority, stranger)
    print(f"forged request CPU: {json.dumps(figures['forged_cpu'])}", flush=True)
    figures["alias_flood"] = alias_flood(authority, stranger)
    print(f"alias flood: {json.dumps(figures['alias_flood'])}", flush=True)
    workers, per_worker = connection_limit()
    with production_gunicorn(authority) as port:
        figures["chunked_over_limit"] = chunked_over_limit(authority, stranger, port)
        print(f"chunked over the limit: {json.dumps(figures['chunked_over_limit'])}", flush=True)
        figures["slow_body_flood"] = slow_body_flood(port, workers * per_worker)
        print(f"slow-body flood at {workers} x {per_worker} connections: "
              f"{json.dumps(figures['slow_body_flood'])}", flush=True)
        figures["sustained_slow_body_flood"] = sustained_slow_body_flood(port, workers * per_worker)
        print(f"the same, each cut connection reopened at once: "
              f"{json.dumps(figures['sustained_slow_body_flood'])}", flush=True)
        if nginx_binary() is None:
            print("nginx is not installed: no figures through it", flush=True)
        else:
            with nginx(port) as proxy:
                figures["nginx"] = {"chunked_over_limit": chunked_over_limit(authority, stranger, proxy),
                                    "slow_body_flood": slow_body_flood(proxy, workers * per_worker)}
            print(f"through nginx (webservice/nginx.conf): {json.dumps(figures['nginx'])}", flush=True)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "hardening.json").write_text(json.dumps(figures, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
