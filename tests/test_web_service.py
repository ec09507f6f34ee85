"""The web service: flask-ask-sdk over the skill, with Amazon's request verification."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import datetime, timedelta, UTC
from pathlib import Path
from urllib.error import URLError

import pytest

from bone_mets.config import Config
from bone_mets.skill import build_skill
from conftest import CONTENT_FILE, free_loopback_port
from events import load_event, spoken
from signing_authority import CERT_URL, Authority
from request_verification import AlexaRequestVerifier, CertificateCache, validate_cert_url
from webservice_compat import VerificationException

ROOT = Path(__file__).resolve().parent.parent
OWN_SKILL = "amzn1.ask.skill.00000000-0000-4000-8000-000000000000"


@pytest.fixture(scope="module")
def authority():
    return Authority()


class Fetcher:
    """Stands in for the certificate download: counts calls, can fail."""

    def __init__(self, pem: bytes) -> None:
        self.pem, self.calls, self.error = pem, [], None

    def __call__(self, url: str) -> bytes:
        self.calls.append(url)
        if self.error:
            raise self.error
        return self.pem


@pytest.fixture
def fetcher(authority):
    return Fetcher(authority.chain_pem())


@pytest.fixture
def app(authority, fetcher):
    from web_service import create_app
    skill = build_skill(Config(content_path=CONTENT_FILE, skill_id=OWN_SKILL))
    verifier = AlexaRequestVerifier(skill_id=OWN_SKILL, roots=[authority.root], fetch=fetcher)
    return create_app(skill=skill, verifier=verifier)


@pytest.fixture
def client(app):
    return app.test_client()


def fresh_body(name: str = "launch", *, age: timedelta = timedelta(0), skill_id: str | None = None) -> bytes:
    event = load_event(name, skill_id=skill_id)
    stamp = datetime.now(UTC) - age
    event["request"]["timestamp"] = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    return json.dumps(event).encode()


def post(client, body: bytes, headers: dict[str, str]):
    return client.post("/", data=body, headers=headers)


def test_correctly_signed_request_is_answered(client, authority):
    # GIVEN a launch request signed as Alexa signs it
    body = fresh_body()
    # WHEN it is posted
    response = post(client, body, authority.headers(body))
    # THEN the skill answers
    assert response.status_code == 200
    assert "Welcome" in spoken(response.get_json())


def test_unsigned_request_is_refused(client):
    body = fresh_body()
    response = client.post("/", data=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.get_json() == {"error": "the request failed verification"}


@pytest.mark.parametrize("missing", ["Signature-256", "SignatureCertChainUrl"])
def test_missing_header_is_refused(client, authority, missing):
    body = fresh_body()
    headers = authority.headers(body)
    del headers[missing]
    assert post(client, body, headers).status_code == 400


@pytest.mark.parametrize("url", [
    "http://s3.amazonaws.com/echo.api/echo-api-cert.pem",
    "https://notamazon.com/echo.api/echo-api-cert.pem",
    "https://s3.amazonaws.com/EcHo.aPi/echo-api-cert.pem",
    "https://s3.amazonaws.com/invalid.path/echo-api-cert.pem",
    "https://s3.amazonaws.com:563/echo.api/echo-api-cert.pem",
    "https://s3.amazonaws.com/echo.api/../evil/echo-api-cert.pem",
    "https://s3.amazonaws.com/echo.api/%2e%2e/evil/cert.pem",
    "https://s3.amazonaws.com.evil.com/echo.api/cert.pem",
    "https://s3.amazonaws.com/echo.api",
    "https://s3.amazonaws.com:bad/echo.api/cert.pem",
])
def test_certificate_url_rules_refuse(client, authority, fetcher, url):
    body = fresh_body()
    response = post(client, body, authority.headers(body, url=url))
    assert response.status_code == 400
    assert fetcher.calls == []  # never fetched from a bad URL


@pytest.mark.parametrize("url", [
    "https://s3.amazonaws.com/echo.api/echo-api-cert.pem",
    "https://s3.amazonaws.com:443/echo.api/echo-api-cert.pem",
    "https://s3.amazonaws.com/echo.api/../echo.api/echo-api-cert.pem",
    "HTTPS://S3.AMAZONAWS.COM/echo.api/echo-api-cert.pem",
])
def test_certificate_url_rules_accept(url):
    assert validate_cert_url(url) == url


def test_tampered_body_is_refused(client, authority):
    body = fresh_body()
    headers = authority.headers(body)
    tampered = body.replace(b"LaunchRequest", b"LaunchRequest ")
    assert post(client, tampered, headers).status_code == 400


def test_signature_by_another_key_is_refused(client, authority):
    body = fresh_body()
    headers = authority.headers(body)
    headers["Signature-256"] = authority.sign(body, key=authority.intermediate_key)
    assert post(client, body, headers).status_code == 400


def test_signature_not_base64_is_refused(client, authority):
    body = fresh_body()
    headers = authority.headers(body)
    headers["Signature-256"] = "not*base64!"
    assert post(client, body, headers).status_code == 400


def test_chain_to_an_untrusted_root_is_refused(client, authority, fetcher):
    # GIVEN a chain made by another authority the service does not trust
    stranger = Authority()
    fetcher.pem = stranger.chain_pem()
    body = fresh_body()
    headers = {**authority.headers(body), "Signature-256": stranger.sign(body)}
    assert post(client, body, headers).status_code == 400


@pytest.mark.parametrize("kind", ["expired", "wrong name", "not pem"])
def test_bad_signing_certificate_is_refused(client, fetcher, kind):
    now = datetime.now(UTC)
    if kind == "expired":
        other = Authority(now=now - timedelta(days=400))
    elif kind == "wrong name":
        other = Authority(dns=("www.example.com",))
    else:
        other = Authority()
    from web_service import create_app
    app = create_app(skill=build_skill(Config(content_path=CONTENT_FILE)),
                     verifier=AlexaRequestVerifier(roots=[other.root], fetch=lambda url: (
                         b"garbage" if kind == "not pem" else other.chain_pem())))
    body = fresh_body()
    assert post(app.test_client(), body, other.headers(body)).status_code == 400


@pytest.mark.parametrize("age", [timedelta(seconds=151), timedelta(seconds=-151), timedelta(hours=2)])
def test_stale_or_future_timestamp_is_refused(client, authority, age):
    body = fresh_body(age=age)
    assert post(client, body, authority.headers(body)).status_code == 400


def test_timestamp_within_tolerance_is_accepted(client, authority):
    body = fresh_body(age=timedelta(seconds=140))
    assert post(client, body, authority.headers(body)).status_code == 200


@pytest.mark.parametrize("error", [URLError("no route"), TimeoutError("slow"), OSError("reset")])
def test_failed_certificate_download_is_a_400_not_a_500(client, authority, fetcher, error):
    fetcher.error = error
    body = fresh_body()
    assert post(client, body, authority.headers(body)).status_code == 400


@pytest.mark.parametrize("body", [b"not json", b"\xff\xfe\x00", b"[]", b'{"request": 5}', b""])
def test_malformed_body_is_a_400(client, authority, body):
    assert post(client, body, authority.headers(body)).status_code == 400


def test_request_for_another_skill_is_refused(client, authority):
    body = fresh_body(skill_id="amzn1.ask.skill.someone-else")
    assert post(client, body, authority.headers(body)).status_code == 400


def test_certificate_is_cached_until_it_expires(authority, fetcher):
    verifier = AlexaRequestVerifier(roots=[authority.root], fetch=fetcher, cache=CertificateCache())
    now = datetime.now(UTC)
    verifier.signing_certificate(CERT_URL, now)
    verifier.signing_certificate(CERT_URL, now + timedelta(minutes=5))
    assert len(fetcher.calls) == 1
    # once the certificate has expired, it is fetched again (and then refused as out of date)
    with pytest.raises(VerificationException, match="not in date"):
        verifier.signing_certificate(CERT_URL, authority.leaf.not_valid_after_utc + timedelta(seconds=1))
    assert len(fetcher.calls) == 2


def test_cache_is_bounded():
    cache = CertificateCache(size=2)
    cert = Authority().leaf
    for url in ("a", "b", "c"):
        cache.put(url, cert)
    now = datetime.now(UTC)
    assert cache.get("a", now) is None and cache.get("c", now) is cert


def test_no_verify_accepts_unsigned_but_warns(capsys):
    from web_service import create_app
    app = create_app(verify=False, skill=build_skill(Config(content_path=CONTENT_FILE)))
    assert "request verification is OFF" in capsys.readouterr().err
    response = app.test_client().post("/", data=fresh_body(), headers={"Content-Type": "application/json"})
    assert response.status_code == 200


def test_no_verify_still_checks_the_skill_id():
    from web_service import create_app
    app = create_app(verify=False, skill=build_skill(Config(content_path=CONTENT_FILE, skill_id=OWN_SKILL)))
    body = fresh_body(skill_id="amzn1.ask.skill.someone-else")
    assert app.test_client().post("/", data=body).status_code == 400


def test_health_and_methods(client):
    assert client.get("/health").get_json() == {"status": "ok"}
    assert client.get("/").status_code == 405


def test_the_stock_verifier_is_never_used(app):
    import certvalidator
    if getattr(certvalidator, "__stand_in__", False):
        with pytest.raises(RuntimeError, match="unavailable"):
            certvalidator.CertificateValidator(None)



@pytest.mark.slow
def test_make_serve_starts_and_refuses_an_unsigned_post():
    # GIVEN the service started as `make serve` starts it, on a free loopback port
    port = free_loopback_port()
    env = {**os.environ, "PORT": str(port), "HOST": "127.0.0.1"}
    server = subprocess.Popen([sys.executable, str(ROOT / "lambda" / "web_service.py")], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        url = f"http://127.0.0.1:{port}/"
        for _ in range(100):
            try:
                with urllib.request.urlopen(url + "health", timeout=1):
                    break
            except OSError:
                time.sleep(0.1)
        # WHEN an unsigned request is posted
        request = urllib.request.Request(url, data=fresh_body(), headers={"Content-Type": "application/json"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=5)
        # THEN it is refused with 400
        refused.value.close()
        assert refused.value.code == 400
    finally:
        server.terminate()
        server.communicate(timeout=10)
