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
    assert response.get_json() == {"error": "verification failed: Signature-256 header is missing"}


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
    # an encoded separator: checked as /echo.api/c.pem, fetched from another bucket
    "https://s3.amazonaws.com/attacker-bucket/..%2Fecho.api/c.pem",
    "https://s3.amazonaws.com/attacker-bucket/..%2fecho.api/c.pem",
    "https://s3.amazonaws.com/echo.api/..%5Cattacker/c.pem",
    "https://s3.amazonaws.com/attacker/%2E%2E/echo.api/c.pem",
    "https://s3.amazonaws.com/attacker\\..\\echo.api/c.pem",
    "https://user:pass@s3.amazonaws.com/echo.api/c.pem",
    "https://s3.amazonaws.com@evil.com/echo.api/c.pem",
    "https://s3.amazonaws.com/echo.api/c\t.pem",
    "https://s3.amazonaws.com/echo.api/c .pem",
    # percent-encoded unreserved characters: the same S3 object under another name (RFC 3986 6.2.2.2)
    "https://s3.amazonaws.com/echo.api/%65cho-api-cert-12.pem",
    "https://s3.amazonaws.com/%65cho.api/echo-api-cert-12.pem",
    "https://s3.amazonaws.com/echo.api/echo-api-cert-12%2Epem",
    "https://s3.amazonaws.com/echo.api/%7Ecert.pem",
    "https://s3.amazonaws.com/echo.api/\uff45cho-api-cert-12.pem",  # a fullwidth e
    # empty segments: one rule, whatever their number or place
    "https://s3.amazonaws.com//echo.api/echo-api-cert-12.pem",
    "https://s3.amazonaws.com///echo.api/echo-api-cert-12.pem",
    "https://s3.amazonaws.com/echo.api//echo-api-cert-12.pem",
    "https://s3.amazonaws.com/x//../echo.api/echo-api-cert-12.pem",
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
    "https://s3.amazonaws.com/echo.api/echo-api-cert.pem?cache=bust#x",
])
def test_certificate_url_rules_accept_and_rebuild_the_url(url):
    # THEN what is fetched, and what the cache is keyed on, is rebuilt from the checked parts
    assert validate_cert_url(url) == "https://s3.amazonaws.com/echo.api/echo-api-cert.pem"


def test_control_characters_are_refused():
    with pytest.raises(VerificationException, match="control characters"):
        validate_cert_url("https://s3.amazonaws.com/echo.api/c.pem\r\nHost: evil")


def test_a_query_string_neither_refetches_nor_evicts_the_real_certificate(client, authority, fetcher):
    # GIVEN a request signed with the real URL, then many with query strings added
    for n in range(20):
        body = fresh_body()
        url = CERT_URL if n == 0 else f"{CERT_URL}?n={n}"
        assert post(client, body, authority.headers(body, url=url)).status_code == 200
    # THEN the certificate was downloaded once, from the URL without the query
    assert fetcher.calls == [CERT_URL]


def alias(name: str, mask: int) -> str:
    """`name` with the letters picked by the bits of `mask` percent-encoded."""
    return "".join(f"%{ord(c):02X}" if mask >> i & 1 else c for i, c in enumerate(name))


def test_an_alias_flood_neither_downloads_nor_evicts_the_real_certificate(client, authority, fetcher):
    # GIVEN the real certificate verified once
    body = fresh_body()
    assert post(client, body, authority.headers(body)).status_code == 200
    # WHEN 64 forged requests name percent-encoded aliases of its URL (each the same S3 object)
    directory, name = CERT_URL.rsplit("/", 1)
    for mask in range(1, 65):
        forged = fresh_body()
        headers = forged_headers(forged, authority)
        headers["SignatureCertChainUrl"] = f"{directory}/{alias(name, mask)}"
        assert post(client, forged, headers).status_code == 400
    # THEN none was downloaded
    assert fetcher.calls == [CERT_URL]
    # AND with every download now failing, a signed request is still answered from the cache
    fetcher.error = TimeoutError("slow")
    body = fresh_body()
    assert post(client, body, authority.headers(body)).status_code == 200
    assert fetcher.calls == [CERT_URL]


def test_a_verified_certificate_stays_usable_while_downloads_of_other_urls_fail(client, authority, fetcher):
    # GIVEN the real certificate verified, then every download failing
    body = fresh_body()
    assert post(client, body, authority.headers(body)).status_code == 200
    fetcher.error = URLError("no route")
    # WHEN forged requests name other files under /echo.api/, each a failed download remembered
    for n in range(40):
        forged = fresh_body()
        headers = {**forged_headers(forged, authority), "SignatureCertChainUrl": f"{CERT_URL}.{n}.pem"}
        assert post(client, forged, headers).status_code == 400
    # THEN signed requests naming the real certificate are still answered
    body = fresh_body()
    assert post(client, body, authority.headers(body)).status_code == 200


def test_the_certificate_download_does_not_follow_redirects():
    # GIVEN a loopback server whose certificate URL redirects to another path
    import http.server
    import threading
    from request_verification import download
    hits: list[str] = []

    class Redirecting(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            if self.path == "/echo.api/cert.pem":
                self.send_response(302)
                self.send_header("Location", "/elsewhere/cert.pem")
                self.send_header("Content-Length", "0")
                self.end_headers()
            else:
                self.send_response(200)
                self.send_header("Content-Length", "4")
                self.end_headers()
                self.wfile.write(b"cert")

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Redirecting)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        # WHEN the certificate is downloaded THEN the redirect is an error, not followed
        with pytest.raises(urllib.error.HTTPError) as refused:
            download(f"http://127.0.0.1:{server.server_port}/echo.api/cert.pem")
        refused.value.close()
        assert refused.value.code == 302 and hits == ["/echo.api/cert.pem"]
    finally:
        server.shutdown()
        server.server_close()


def test_a_malformed_certificate_is_a_400_not_a_500(client, authority, monkeypatch):
    # GIVEN a leaf whose extensions cannot be read: cryptography raises DuplicateExtension
    # for a repeated extension when they are first read (the builder refuses to make one)
    import request_verification
    from cryptography import x509
    from cryptography.x509.oid import ExtensionOID

    class RepeatedExtensionLeaf:
        not_valid_before_utc = authority.leaf.not_valid_before_utc
        not_valid_after_utc = authority.leaf.not_valid_after_utc

        @property
        def extensions(self):
            raise x509.DuplicateExtension("repeated", ExtensionOID.SUBJECT_ALTERNATIVE_NAME)

    monkeypatch.setattr(request_verification.x509, "load_pem_x509_certificates",
                        lambda pem: [RepeatedExtensionLeaf()])
    body = fresh_body()
    # WHEN the request is verified THEN it is refused with 400, not a 500
    response = post(client, body, authority.headers(body))
    assert response.status_code == 400 and "malformed" in response.get_json()["error"]


def test_an_oversized_body_is_refused_before_parsing(client, authority, monkeypatch):
    # GIVEN a 1 MB body WHEN posted THEN 413, and the skill never parsed it
    parsed = []
    from bone_mets.skill import BoneMetsSkill
    monkeypatch.setattr(BoneMetsSkill, "parse", lambda self, text: parsed.append(text))
    body = b"{" + b" " * (1024 * 1024) + b"}"
    response = post(client, body, authority.headers(body))
    assert response.status_code == 413 and response.is_json
    assert parsed == []


def padded_body(size: int) -> bytes:
    """A fresh launch envelope of exactly `size` bytes (a session attribute pads it)."""
    event = json.loads(fresh_body())
    event["session"]["attributes"] = {"pad": ""}
    event["session"]["attributes"]["pad"] = "x" * (size - len(json.dumps(event)))
    body = json.dumps(event).encode()
    assert len(body) == size
    return body


def post_chunked(client, body: bytes, headers: dict[str, str]):
    """Post without a Content-Length, as a server passes a chunked body on (wsgi.input_terminated)."""
    import io
    return client.post("/", input_stream=io.BytesIO(body), headers={**headers, "Transfer-Encoding": "chunked"},
                       environ_overrides={"wsgi.input_terminated": True})


def test_a_chunked_signed_document_followed_by_more_is_a_413_not_answered(client, authority):
    # GIVEN a signed document of exactly the limit, followed by 32 KB more, with no Content-Length
    document = padded_body(256 * 1024)
    # WHEN it is posted
    response = post_chunked(client, document + b" " * 32 * 1024, authority.headers(document))
    # THEN it is refused whole: the service never acts on a body other than the one sent
    assert response.status_code == 413 and response.get_json() == {"error": "the body is larger than an Alexa request"}


def test_a_chunked_body_over_the_limit_is_a_413_not_a_400(client, authority):
    body = padded_body(296 * 1024)
    assert post_chunked(client, body, forged_headers(body, authority)).status_code == 413


def test_a_chunked_body_within_the_limit_is_answered(client, authority):
    document = padded_body(256 * 1024)
    assert post_chunked(client, document, authority.headers(document)).status_code == 200


def test_a_body_that_does_not_arrive_within_the_deadline_is_a_408(authority, fetcher):
    # GIVEN a service whose body deadline is half a second, and a body that arrives a byte every 0.1 s
    from web_service import create_app
    skill = build_skill(Config(content_path=CONTENT_FILE))
    app = create_app(skill=skill, body_deadline=0.5,
                     verifier=AlexaRequestVerifier(roots=[authority.root], fetch=fetcher))
    body = fresh_body()

    import io

    class Dripping(io.BytesIO):
        def read(self, size: int | None = -1) -> bytes:
            time.sleep(0.1)
            return super().read(1)

        def readinto(self, buffer) -> int:
            byte = self.read()
            buffer[:len(byte)] = byte
            return len(byte)

    # WHEN it is posted THEN it is refused once the deadline passes, long before it is all sent
    response = app.test_client().post("/", input_stream=Dripping(body), headers=authority.headers(body),
                                      content_length=len(body))
    assert response.status_code == 408
    assert response.get_json() == {"error": "the body did not arrive within 0.5 seconds"}


@pytest.mark.parametrize("deadline", [0, -1, 31, float("nan")])
def test_the_body_deadline_must_be_a_few_seconds(deadline):
    from web_service import create_app
    with pytest.raises(ValueError, match="body deadline"):
        create_app(skill=build_skill(Config(content_path=CONTENT_FILE)), body_deadline=deadline)


def test_headers_and_url_are_checked_before_the_body_is_parsed(client, monkeypatch):
    parsed = []
    from bone_mets.skill import BoneMetsSkill
    monkeypatch.setattr(BoneMetsSkill, "parse", lambda self, text: parsed.append(text))
    body = fresh_body()
    for headers in ({}, {"Signature-256": "AAAA", "SignatureCertChainUrl": "https://evil.com/echo.api/c.pem"}):
        assert post(client, body, headers).status_code == 400
    assert parsed == []


@pytest.fixture
def sdk_parses(monkeypatch):
    """Records every parse of a body into the SDK's model, and every call to dateutil's parser."""
    from bone_mets.skill import BoneMetsSkill
    import dateutil.parser
    calls: list[str] = []
    parse, dateutil_parse = BoneMetsSkill.parse, dateutil.parser.parse

    def recording_parse(self, text):
        calls.append("model")
        return parse(self, text)

    def recording_dateutil(text, *args, **kwargs):
        calls.append("dateutil")
        if len(text) > 64:  # dateutil's time grows with the square of the input: do not wait for it
            raise ValueError("too long to parse here")
        return dateutil_parse(text, *args, **kwargs)

    monkeypatch.setattr(BoneMetsSkill, "parse", recording_parse)
    monkeypatch.setattr(dateutil.parser, "parse", recording_dateutil)
    return calls


def forged_headers(body: bytes, authority) -> dict[str, str]:
    """Alexa's headers with a well-formed signature by a key nobody trusts."""
    return {**authority.headers(body), "Signature-256": authority.sign(body, key=authority.intermediate_key)}


def test_a_forged_request_is_refused_before_the_sdk_parses_it(client, authority, sdk_parses):
    # GIVEN an ordinary launch request whose signature is well-formed but forged
    body = fresh_body()
    # WHEN it is posted
    response = post(client, body, forged_headers(body, authority))
    # THEN it is refused at the signature, and the SDK's model of the request was never built
    assert response.status_code == 400 and "signature" in response.get_json()["error"]
    assert sdk_parses == []


def test_a_huge_timestamp_costs_no_dateutil_parse(client, authority, fetcher, sdk_parses):
    # GIVEN a forged request whose timestamp is 250 KB of "1.1." (dateutil: seconds of CPU)
    event = json.loads(fresh_body())
    event["request"]["timestamp"] = "1.1." * 62_500
    body = json.dumps(event).encode()
    # WHEN it is posted
    response = post(client, body, forged_headers(body, authority))
    # THEN it is refused for its timestamp, before any parse into the SDK's model or any download
    assert response.status_code == 400 and "timestamp" in response.get_json()["error"]
    assert sdk_parses == [] and fetcher.calls == []


def test_a_signed_request_is_parsed_into_the_sdk_model_once_after_verification(client, authority, sdk_parses):
    body = fresh_body()
    assert post(client, body, authority.headers(body)).status_code == 200
    assert sdk_parses == ["model", "dateutil"]


@pytest.mark.parametrize("stamp", [
    "{now:%Y-%m-%dT%H:%M:%SZ}",            # what Alexa sends
    "{now:%Y-%m-%dT%H:%M:%S}.123Z",        # milliseconds
    "{now:%Y-%m-%dT%H:%M:%S.%f}Z",         # microseconds
    "{now:%Y-%m-%dT%H:%M:%S.%f}123Z",      # nanoseconds (cut to microseconds)
    "{now:%Y-%m-%dT%H:%M:%S}+00:00",
    "{now:%Y-%m-%dT%H:%M:%S}+0000",
    "{now:%Y-%m-%dT%H:%M:%S}",             # no zone: UTC, as before
    "{east:%Y-%m-%dT%H:%M:%S}+05:30",      # the same instant in India
])
def test_every_iso_8601_timestamp_form_is_accepted(client, authority, stamp):
    now = datetime.now(UTC)
    event = json.loads(fresh_body())
    event["request"]["timestamp"] = stamp.format(now=now, east=now + timedelta(hours=5, minutes=30))
    body = json.dumps(event).encode()
    assert post(client, body, authority.headers(body)).status_code == 200


@pytest.mark.parametrize("stamp", [
    "1.1.1.1", "{now:%Y-%m-%d}", "{now:%Y-%m-%dT%H:%M}Z", "{now:%Y-%m-%dT%H:%M:%S}Z" + " " * 40,
    "{now:%Y-%m-%dT%H:%M:%S}.1234567890123Z", "2026-13-01T00:00:00Z", "{now:%d/%m/%Y %H:%M:%S}", 1764590400, None,
])
def test_a_timestamp_that_is_not_iso_8601_is_refused(client, authority, fetcher, stamp):
    event = json.loads(fresh_body())
    event["request"]["timestamp"] = stamp.format(now=datetime.now(UTC)) if isinstance(stamp, str) else stamp
    body = json.dumps(event).encode()
    response = post(client, body, authority.headers(body))
    assert response.status_code == 400 and "timestamp" in response.get_json()["error"]
    assert fetcher.calls == []


@pytest.mark.parametrize("change", [
    lambda e: e.update(request=[]), lambda e: e["request"].update(type=5),
    lambda e: e["request"].update(type="x" * 201), lambda e: e.update(context="System"),
    lambda e: e["context"]["System"].update(application="app"),
    lambda e: e["context"]["System"]["application"].update(applicationId=["a"]),
    lambda e: e["session"].update(application=None),
])
def test_the_fields_the_checks_read_must_have_their_shape(client, authority, fetcher, sdk_parses, change):
    event = json.loads(fresh_body())
    change(event)
    body = json.dumps(event).encode()
    response = post(client, body, authority.headers(body))
    assert response.status_code == 400 and "not an Alexa request envelope" in response.get_json()["error"]
    assert fetcher.calls == [] and sdk_parses == []


def test_a_deeply_nested_body_is_a_400(client, authority):
    body = b"[" * 100_000 + b"]" * 100_000
    assert post(client, body, authority.headers(body)).status_code == 400


def test_timestamp_and_skill_id_are_checked_before_any_download(client, authority, fetcher):
    stale = fresh_body(age=timedelta(minutes=10))
    other = fresh_body(skill_id="amzn1.ask.skill.someone-else")
    for body in (stale, other):
        assert post(client, body, authority.headers(body)).status_code == 400
    assert fetcher.calls == []


def test_a_failed_download_is_remembered_and_not_retried_at_once(client, authority, fetcher):
    fetcher.error = TimeoutError("slow")
    for _ in range(5):
        body = fresh_body()
        assert post(client, body, authority.headers(body)).status_code == 400
    assert len(fetcher.calls) == 1


def test_concurrent_requests_for_one_url_download_it_once(authority):
    import threading
    started = threading.Event()

    def slow_fetch(url: str) -> bytes:
        started.set()
        time.sleep(0.2)
        calls.append(url)
        return authority.chain_pem()

    calls: list[str] = []
    verifier = AlexaRequestVerifier(roots=[authority.root], fetch=slow_fetch)
    now = datetime.now(UTC)
    threads = [threading.Thread(target=verifier.signing_certificate, args=(CERT_URL, now)) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert calls == [CERT_URL]


def test_no_request_ever_gets_an_html_traceback(client, authority, monkeypatch):
    # GIVEN a skill that fails in a way nothing expected
    from bone_mets.skill import BoneMetsSkill
    monkeypatch.setattr(BoneMetsSkill, "handle_envelope", lambda self, envelope: 1 / 0)
    body = fresh_body()
    response = post(client, body, authority.headers(body))
    # THEN a short JSON error, never Flask's HTML page
    assert response.status_code == 500 and response.get_json() == {"error": "internal error"}
    assert client.get("/nothing-here").get_json() == {"error": "not found"}


def test_a_partial_context_with_skill_id_set_is_refused_not_a_500(client, authority):
    # GIVEN SKILL_ID set, and a signed request whose context.System has no application
    event = json.loads(fresh_body())
    del event["context"]["System"]["application"]
    del event["session"]["application"]
    body = json.dumps(event).encode()
    response = post(client, body, authority.headers(body))
    # THEN it is refused like any request for another skill, never a 500
    assert response.status_code in (200, 400) and response.status_code != 500


def test_a_refused_request_is_one_warning_line(client, caplog):
    import logging
    with caplog.at_level(logging.DEBUG):
        client.post("/", data=fresh_body(), headers={"Content-Type": "application/json"})
    refused = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(refused) == 1 and "Signature-256 header is missing" in refused[0].getMessage()
    assert not any(r.exc_info for r in caplog.records)


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
def test_make_serve_closes_the_connection_after_refusing_an_oversized_body():
    # GIVEN the service started as `make serve` starts it
    import socket
    port = free_loopback_port()
    env = {**os.environ, "PORT": str(port), "HOST": "127.0.0.1"}
    server = subprocess.Popen([sys.executable, str(ROOT / "webservice" / "web_service.py")], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        # WHEN a client announces 1 MB, sends 64 KB of it (more than the server buffers with
        # the headers) and reads the answer
        from served import alexa_head
        with socket.create_connection(("127.0.0.1", port), timeout=15) as conn:
            conn.sendall(alexa_head(1024 * 1024) + b" " * 64 * 1024)
            received = b""
            try:
                while chunk := conn.recv(4096):
                    received += chunk
            except ConnectionResetError:
                pass  # closed with unread bytes still queued: a reset, after the answer
            except TimeoutError:
                pytest.fail("the connection was still open 15 s after the refusal")
        # THEN it gets a 413 and the server closes the connection (the client need not give up)
        assert received.startswith(b"HTTP/1.1 413")
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.slow
def test_make_serve_starts_and_refuses_an_unsigned_post():
    # GIVEN the service started as `make serve` starts it, on a free loopback port
    port = free_loopback_port()
    env = {**os.environ, "PORT": str(port), "HOST": "127.0.0.1"}
    server = subprocess.Popen([sys.executable, str(ROOT / "webservice" / "web_service.py")], env=env,
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
