"""Verify that a request to the web service really comes from Alexa, per Amazon's rules.

Replaces ask-sdk-webservice-support's RequestVerifier, which cannot be imported on current
OpenSSL (certvalidator 0.11.1 -> oscrypto 1.3.0 cannot parse "OpenSSL 3.0.19"; wbond/oscrypto
#75 and #78, fixed upstream but never released), turns a failed certificate download into
HTTP 500, fetches with no timeout and caches forever. This one is built on the maintained
`cryptography` package and its X.509 path validation, and every failure is a
VerificationException, which flask-ask-sdk answers with HTTP 400.

The rules (Amazon, "Host a custom skill as a web service"):
  - SignatureCertChainUrl: https, host s3.amazonaws.com (any case), path under /echo.api/
    once normalised, port 443 if one is given. One name per certificate: a path with any
    "%" is refused (nothing is decoded: an encoded "/" would be checked as one path and
    fetched as another, and an encoded letter, "%65cho-api-cert-12.pem", names the same S3
    object under another cache key), and so is a path with an empty segment ("//", which
    posixpath.normpath keeps at the start and collapses elsewhere), a backslash, userinfo,
    a space, a control or a non-ASCII character. The certificate is fetched from the URL rebuilt from the
    checked parts, never from the header as sent, and without following redirects;
  - the chain at that URL leads to a trusted root, the signing certificate is in date and
    names echo-api.amazon.com;
  - Signature-256 is the base64 RSA-SHA256 signature of the raw body by that certificate;
  - the request timestamp is within 150 seconds of now (an hour for skill events).

Checks run in the order of their cost: the headers and the certificate URL; then one
`json.loads` of the body with strict shape and length checks of the few fields the checks
read (read_envelope: the request type, an ISO 8601 timestamp of bounded length parsed
without dateutil, the skill ids); the timestamp's age and the skill id; only then the
certificate and the signature. The SDK's model of the request is built by the caller after
all of them, so a forged request never reaches the SDK's deserializer, which hands
`request.timestamp` to dateutil (whose time grows with the square of its input: a 250 KB
timestamp costs seconds). A failed download is remembered for a short time, and concurrent
requests for one URL download it once.
"""

from __future__ import annotations

import base64
import binascii
import json
import posixpath
import re
import threading
import time
import urllib.request
from collections import OrderedDict
from datetime import datetime, timedelta, UTC
from typing import Any, NamedTuple
from collections.abc import Callable, Mapping
from urllib.parse import urlsplit

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.x509.verification import PolicyBuilder, Store, VerificationError

from webservice_compat import AbstractVerifier, VerificationException

SIGNATURE_HEADER = "Signature-256"
CERT_URL_HEADER = "SignatureCertChainUrl"
CERT_HOST = "s3.amazonaws.com"
CERT_PATH_PREFIX = "/echo.api/"
SIGNING_NAME = "echo-api.amazon.com"
REQUEST_TOLERANCE = timedelta(seconds=150)
SKILL_EVENT_TOLERANCE = timedelta(hours=1)
MAX_CHAIN_BYTES = 64 * 1024
FAILURE_MEMORY_S = 30.0  # a URL whose certificate failed is not fetched again for this long
MAX_TIMESTAMP_CHARS = 40  # "2026-12-01T13:31:00.123456789+05:30" is 35
MAX_FIELD_CHARS = 200  # a request type or an application id is well under this
# ISO 8601 as Alexa writes it: date, "T", time to the second, optional fraction and zone.
ISO_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?", re.ASCII)
Fetch = Callable[[str], bytes]
Clock = Callable[[], datetime]


def validate_cert_url(url: str) -> str:
    """The certificate URL rebuilt from its checked parts, if it meets Amazon's rules for
    SignatureCertChainUrl; else VerificationException. The result is what is fetched and
    what the certificate cache is keyed on (no port, query or fragment)."""
    if any(not 0x21 <= ord(char) <= 0x7E for char in url):
        raise VerificationException("certificate URL has spaces, non-ASCII or control characters")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise VerificationException("certificate URL is malformed") from None
    if parts.scheme.lower() != "https":
        raise VerificationException("certificate URL is not https")
    if "@" in parts.netloc:
        raise VerificationException("certificate URL carries userinfo")
    if (parts.hostname or "").lower() != CERT_HOST:
        raise VerificationException("certificate URL host is not s3.amazonaws.com")
    if port is not None and port != 443:
        raise VerificationException("certificate URL port is not 443")
    if "%" in parts.path:
        raise VerificationException("certificate URL path is percent-encoded")
    if "\\" in parts.path:
        raise VerificationException("certificate URL path has a backslash")
    if "//" in parts.path:
        raise VerificationException("certificate URL path has an empty segment")
    path = posixpath.normpath(parts.path) if parts.path else ""
    if not path.startswith(CERT_PATH_PREFIX):
        raise VerificationException("certificate URL path is not under /echo.api/")
    return f"https://{CERT_HOST}{path}"


class NotAnEnvelope(VerificationException):
    """The body is not an Alexa request envelope (the message names the field, never its value)."""


class EnvelopeFacts(NamedTuple):
    """What the checks read from a request envelope, before the SDK's model of it is built.

    skill_id: context.System.application's id, which the SDK itself checks; None when it is
    missing or when the session names another application (see bone_mets.skill.skill_id_of).
    """

    request_type: str
    timestamp: datetime | None
    skill_id: str | None


def read_envelope(text: str) -> EnvelopeFacts:
    """One json.loads of the body and strict checks of the fields the checks read; else NotAnEnvelope.

    Nothing here costs more than linear time in the body's length (json.loads is linear and
    refuses integers over 4,300 digits; nesting past its recursion limit is refused).
    """
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):
        raise NotAnEnvelope("it is not JSON") from None
    if not isinstance(document, dict):
        raise NotAnEnvelope("it is not a JSON object")
    request = _field(document, "request", required=True)
    request_type = request.get("type")
    if not isinstance(request_type, str) or not 0 < len(request_type) <= MAX_FIELD_CHARS:
        raise NotAnEnvelope("request.type is not a short string")
    timestamp = request.get("timestamp")
    system = _field(_field(document, "context"), "System")
    context_id = _application_id(system, "context.System")
    session_id = _application_id(_field(document, "session"), "session")
    skill_id = context_id if session_id is None or session_id == context_id else None
    return EnvelopeFacts(request_type, None if timestamp is None else parse_timestamp(timestamp), skill_id)


def parse_timestamp(value: object) -> datetime:
    """An ISO 8601 timestamp as Alexa sends it ("2026-12-01T13:31:00Z", a fraction and a zone
    allowed; no zone means UTC), of bounded length and parsed without dateutil; else NotAnEnvelope."""
    if not isinstance(value, str) or len(value) > MAX_TIMESTAMP_CHARS or not ISO_TIMESTAMP.fullmatch(value):
        raise NotAnEnvelope("request.timestamp is not an ISO 8601 time")
    try:
        stamp = datetime.fromisoformat(value)  # a fraction past microseconds is cut
    except ValueError:  # month 13, hour 25...
        raise NotAnEnvelope("request.timestamp is not an ISO 8601 time") from None
    return stamp if stamp.tzinfo is not None else stamp.replace(tzinfo=UTC)


def _field(parent: dict | None, name: str, *, required: bool = False) -> dict | None:
    """`parent[name]`, a JSON object; None when it is absent (NotAnEnvelope if it is required)."""
    if parent is None or name not in parent:
        if required:
            raise NotAnEnvelope(f"{name} is missing")
        return None
    value = parent[name]
    if not isinstance(value, dict):
        raise NotAnEnvelope(f"{name} is not an object")
    return value


def _application_id(holder: dict | None, where: str) -> str | None:
    application = _field(holder, "application")
    value = None if application is None else application.get("applicationId")
    if value is not None and (not isinstance(value, str) or len(value) > MAX_FIELD_CHARS):
        raise NotAnEnvelope(f"{where}.application.applicationId is not a short string")
    return value


class _RefuseRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an HTTPError: the chain comes from the checked URL or not at all."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(_RefuseRedirects)


def download(url: str, timeout: float = 3.0) -> bytes:
    """Fetch a certificate chain, with a timeout and a size limit, following no redirect."""
    with _OPENER.open(url, timeout=timeout) as response:  # URL validated first
        data = response.read(MAX_CHAIN_BYTES + 1)
    if len(data) > MAX_CHAIN_BYTES:
        raise ValueError("certificate chain too large")
    return data


def load_trusted_roots() -> list[x509.Certificate]:
    """The public roots that Amazon's signing chain must lead to (certifi's bundle).

    Loaded one by one: cryptography warns that a few public roots (Starfield Services Root
    G2, on Amazon's path, among them) carry a non-positive serial number, which a future
    release will refuse to load (tests/test_real_chain.py found it). Today they load, with
    the warning silenced here; the day one is refused, it is skipped, not the whole bundle,
    and Amazon's chain still ends at Amazon Root CA 1.
    """
    import warnings

    import certifi
    from cryptography.utils import CryptographyDeprecationWarning

    with open(certifi.where(), "rb") as bundle:
        blocks = bundle.read().split(b"-----END CERTIFICATE-----")
    roots = []
    for block in blocks:
        if b"-----BEGIN CERTIFICATE-----" not in block:
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", CryptographyDeprecationWarning)
            try:
                roots.append(x509.load_pem_x509_certificate(block + b"-----END CERTIFICATE-----\n"))
            except ValueError:
                continue  # a root this cryptography release refuses: the others still anchor chains
    return roots


class CertificateCache:
    """Verified signing certificates by URL, each kept until it expires; at most `size`."""

    def __init__(self, size: int = 16) -> None:
        self.size = size
        self._entries: OrderedDict[str, x509.Certificate] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, url: str, now: datetime) -> x509.Certificate | None:
        with self._lock:
            cert = self._entries.get(url)
            if cert is None:
                return None
            if cert.not_valid_after_utc <= now:
                del self._entries[url]
                return None
            self._entries.move_to_end(url)
            return cert

    def put(self, url: str, cert: x509.Certificate) -> None:
        with self._lock:
            self._entries[url] = cert
            self._entries.move_to_end(url)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)


class AlexaRequestVerifier(AbstractVerifier):
    """Checks signature, certificate chain, timestamp and (optionally) skill id of a request."""

    def __init__(self, *, skill_id: str | None = None, roots: list[x509.Certificate] | None = None,
                 fetch: Fetch = download, clock: Clock | None = None,
                 cache: CertificateCache | None = None) -> None:
        self.skill_id = skill_id
        self.roots = roots if roots is not None else load_trusted_roots()
        self.store = Store(self.roots)
        self.fetch = fetch
        self.clock = clock or (lambda: datetime.now(UTC))
        self.monotonic = time.monotonic
        self.cache = cache or CertificateCache()
        self._failures: dict[str, float] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._locks_lock = threading.Lock()

    def check_headers(self, headers: Mapping[str, str]) -> tuple[bytes, str]:
        """The cheap checks, before the body is read: (signature, certificate URL to fetch)."""
        signature = _header(headers, SIGNATURE_HEADER)
        url = validate_cert_url(_header(headers, CERT_URL_HEADER))
        try:
            return base64.b64decode(signature, validate=True), url
        except (binascii.Error, ValueError):
            raise VerificationException("signature is not base64") from None

    def verify(self, headers: Mapping[str, str], serialized_request_env: str,
               deserialized_request_env: Any) -> None:
        """Raise VerificationException unless the request is authentic and fresh.

        Everything that needs no download comes first: headers, URL, timestamp, skill id.
        The web service passes the EnvelopeFacts it read; given anything else (the SDK's
        model, as the SDK's own adapters do) the facts are read from the raw body.
        """
        now = self.clock()
        raw_signature, url = self.check_headers(headers)
        facts = _facts(serialized_request_env, deserialized_request_env)
        check_timestamp(facts, now)
        check_skill_id(facts, self.skill_id)
        public_key = self.signing_certificate(url, now).public_key()
        if not isinstance(public_key, rsa.RSAPublicKey):
            raise VerificationException("signing certificate does not hold an RSA key")
        try:
            public_key.verify(raw_signature, serialized_request_env.encode("utf-8"),
                              padding.PKCS1v15(), SHA256())
        except InvalidSignature:
            raise VerificationException("signature does not match the body") from None

    def signing_certificate(self, url: str, now: datetime) -> x509.Certificate:
        """The verified leaf certificate at `url` (a validated URL), cached until it expires.

        A URL that failed is refused without a new download for FAILURE_MEMORY_S, and
        concurrent requests for one URL wait for one download.
        """
        cached = self.cache.get(url, now)
        if cached is not None:
            return cached
        with self._url_lock(url):
            cached = self.cache.get(url, now)
            if cached is not None:
                return cached
            failed_at = self._failures.get(url)
            if failed_at is not None and self.monotonic() - failed_at < FAILURE_MEMORY_S:
                raise VerificationException("certificate chain failed recently")
            try:
                leaf = self._download_and_check(url, now)
            except VerificationException:
                if len(self._failures) > 1024:  # many failing URLs: forget the oldest memory
                    self._failures.clear()
                self._failures[url] = self.monotonic()
                raise
            self._failures.pop(url, None)
            self.cache.put(url, leaf)
            return leaf

    def _url_lock(self, url: str) -> threading.Lock:
        with self._locks_lock:
            if len(self._locks) > 64:  # bounded: only validated URLs get here, but stay small
                self._locks.clear()
            return self._locks.setdefault(url, threading.Lock())

    def _download_and_check(self, url: str, now: datetime) -> x509.Certificate:
        try:
            pem = self.fetch(url)
        except Exception as exc:  # timeout, DNS, HTTP error, too large: all are a refusal
            raise VerificationException(f"certificate chain could not be downloaded ({type(exc).__name__})") from None
        try:
            return self._check_chain(pem, now)
        except VerificationException:
            raise
        except Exception as exc:  # any parsing or validation failure (a duplicate extension...) is a refusal
            raise VerificationException(f"certificate chain is malformed ({type(exc).__name__})") from None

    def _check_chain(self, pem: bytes, now: datetime) -> x509.Certificate:
        try:
            chain = x509.load_pem_x509_certificates(pem)
        except ValueError:
            raise VerificationException("certificate chain is not PEM") from None
        leaf, intermediates = chain[0], chain[1:]
        if not (leaf.not_valid_before_utc <= now < leaf.not_valid_after_utc):
            raise VerificationException("signing certificate is not in date")
        try:
            names = leaf.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        except x509.ExtensionNotFound:
            raise VerificationException("signing certificate names no domain") from None
        if SIGNING_NAME not in names.get_values_for_type(x509.DNSName):
            raise VerificationException("signing certificate is not for echo-api.amazon.com")
        verifier = (PolicyBuilder().store(self.store).time(now)
                    .build_server_verifier(x509.DNSName(SIGNING_NAME)))
        try:
            verifier.verify(leaf, intermediates)
        except VerificationError:
            raise VerificationException("certificate chain does not lead to a trusted root") from None
        return leaf


class SkillIdVerifier(AbstractVerifier):
    """Only the skill id check: used when signature checks are off (--no-verify)."""

    def __init__(self, skill_id: str | None) -> None:
        self.skill_id = skill_id

    def verify(self, headers: Mapping[str, str], serialized_request_env: str,
               deserialized_request_env: Any) -> None:
        check_skill_id(_facts(serialized_request_env, deserialized_request_env), self.skill_id)


def _facts(serialized: str, deserialized: Any) -> EnvelopeFacts:
    return deserialized if isinstance(deserialized, EnvelopeFacts) else read_envelope(serialized)


def check_timestamp(facts: EnvelopeFacts, now: datetime) -> None:
    if facts.timestamp is None:
        raise VerificationException("request has no timestamp")
    is_event = facts.request_type.startswith("AlexaSkillEvent.")
    tolerance = SKILL_EVENT_TOLERANCE if is_event else REQUEST_TOLERANCE
    if abs(now - facts.timestamp) > tolerance:
        raise VerificationException("request timestamp is not within the tolerance")


def check_skill_id(facts: EnvelopeFacts, skill_id: str | None) -> None:
    if skill_id and facts.skill_id != skill_id:
        raise VerificationException("request is for another skill")


def _header(headers: Mapping[str, str], name: str) -> str:
    value = headers.get(name)
    if not value:
        raise VerificationException(f"{name} header is missing")
    return value
