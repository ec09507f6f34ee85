"""`make load`: a bounded load test of the web service under gunicorn, on 127.0.0.1 only.

1. Throughput: verification off, as many requests as the machine holds (closed loop,
   2 processes x 4 keep-alive connections) for --seconds (at least 60): no 5xx, no errors.
2. Verification on, trusting only a certificate authority made for this run: half the
   requests correctly signed (each must be answered, 200), half unsigned or forged
   (each must be refused, 400).
Prints a summary, writes bench/results/load.json, exits 1 if any request got the wrong answer.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from cryptography.hazmat.primitives import serialization

import http_load
from servers import gunicorn

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from signing_authority import Authority  # noqa: E402  (the tests' own authority)

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
    args = parser.parse_args()
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


if __name__ == "__main__":
    sys.exit(main())
