"""Request makers for http_load: what each loop sends and what it must get back."""

from __future__ import annotations

import base64
import json
import os
from datetime import datetime, UTC
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
KINDS = ("launch", "topic_osteoblastic", "report_pain", "fallback")
CERT_URL = "https://s3.amazonaws.com/echo.api/echo-api-cert.pem"


def _events() -> list[dict]:
    return [json.loads((FIXTURES / f"{kind}.json").read_text()) for kind in KINDS]


def _fresh(event: dict) -> bytes:
    event["request"]["timestamp"] = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return json.dumps(event).encode()


def plain():
    """Unsigned requests of four kinds, for a service with verification off: all 200."""
    bodies = [json.dumps(e).encode() for e in _events()]
    headers = {"Content-Type": "application/json"}
    return lambda n: (bodies[n % len(bodies)], headers, 200)


def signed_mix():
    """Half signed by the run's test authority (200); half unsigned or forged (400)."""
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import padding, rsa

    ca = Path(os.environ["BENCH_CA_DIR"])
    key = serialization.load_pem_private_key((ca / "leaf.key").read_bytes(), password=None)
    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    events = _events()

    def sign(body: bytes, signer) -> str:
        return base64.b64encode(signer.sign(body, padding.PKCS1v15(), hashes.SHA256())).decode()

    def make(n: int):
        body = _fresh(events[n % len(events)])
        headers = {"Content-Type": "application/json", "SignatureCertChainUrl": CERT_URL}
        kind = n % 4
        if kind in (0, 1):
            headers["Signature-256"] = sign(body, key)
            return body, headers, 200
        if kind == 2:
            return body, headers, 400  # unsigned
        if n % 8 == 3:
            headers["Signature-256"] = sign(body, stranger)  # signed by someone else
            return body, headers, 400
        headers["Signature-256"] = sign(body, key)
        return body.replace(b"LaunchRequest", b"LaunchRequest ").replace(b'"en-US"', b'"en-GB"'), headers, 400

    return make
