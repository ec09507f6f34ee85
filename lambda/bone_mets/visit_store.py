"""Visit counts in DynamoDB, through the standard library: cheap on a cold start, bounded in time.

Why not boto3 (or ask-sdk-dynamodb-persistence-adapter over it): measured here, importing
boto3 and building a DynamoDB client costs about 210 ms of every cold start, and botocore's
signer alone about 110 ms, while the welcome needs two small calls (GetItem, PutItem).
This adapter signs them with AWS Signature Version 4 using hmac and hashlib (botocore's
signer is the oracle in tests/test_visit_store.py) and sends them over a plain socket.

Why a budget: botocore's timeouts are per connect and per read, and retried, so a stalled
or dripping endpoint could hold the welcome for seconds. Here one wall-clock budget covers
the whole visit (the read and the write of one request): every socket operation gets only
what is left of it, and past it the call fails at once. The caller (visits.VisitLog)
answers without the count, and the write is skipped.

Credentials come from the environment the standard way (AWS_ACCESS_KEY_ID,
AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN; Lambda sets them), read at each call, so a
SnapStart restore or a rotation is picked up. Only two fields are ever written.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import socket
import threading
import time
from datetime import datetime, UTC
from typing import Any
from collections.abc import Callable, Mapping
from urllib.parse import urlsplit

from ask_sdk_core.attributes_manager import AbstractPersistenceAdapter
from ask_sdk_model import RequestEnvelope

SERVICE = "dynamodb"
TARGET = "DynamoDB_20120810"
CONTENT_TYPE = "application/x-amz-json-1.0"
PARTITION_KEY = "id"  # the table's key: the Alexa user id (as ask-sdk's DynamoDbAdapter stored it)
ATTRIBUTES = "attributes"
ALLOWED = {"visits": int, "last_visit": str}  # all that is ever stored: nothing about health


class StoreError(Exception):
    """DynamoDB refused, failed, or the budget ran out; the message never holds user data."""


class Budget:
    """A wall-clock deadline shared by every call made for one request."""

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.deadline = clock() + seconds

    def left(self) -> float:
        """Seconds left; StoreError once there are none."""
        left = self.deadline - self.clock()
        if left <= 0:
            raise StoreError("the visit count's time budget ran out")
        return left


MAX_REPLY = 64 * 1024  # a GetItem of two small fields is a few hundred bytes


def post(endpoint: str, headers: Mapping[str, str], body: bytes, budget: Budget) -> tuple[int, bytes]:
    """POST `body` to `endpoint` over HTTP/1.1 and return (status, body), all within `budget`.

    A few lines over a socket instead of http.client: importing http.client costs about 18 ms
    of a cold start here, socket and ssl about 10, and every socket operation below is given
    only what is left of the budget, so an endpoint that stalls or drips cannot hold the answer.
    """
    parts = urlsplit(endpoint)
    host = parts.hostname or ""
    tls = parts.scheme == "https"
    port = parts.port or (443 if tls else 80)
    sock = socket.create_connection((host, port), timeout=budget.left())
    try:
        if tls:
            import ssl

            sock = ssl.create_default_context().wrap_socket(sock, server_hostname=host)
        head = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
        request = (f"POST {parts.path or '/'} HTTP/1.1\r\nHost: {parts.netloc}\r\nContent-Length: {len(body)}\r\n"
                   f"Connection: close\r\n{head}\r\n").encode() + body
        sock.settimeout(budget.left())
        sock.sendall(request)
        received = b""
        while True:
            sock.settimeout(budget.left())
            chunk = sock.recv(16384)
            received += chunk
            if len(received) > MAX_REPLY:
                raise StoreError("the reply is too large")
            header_end = received.find(b"\r\n\r\n")
            if header_end >= 0:
                length = _content_length(received[:header_end])
                if length is not None and len(received) - header_end - 4 >= length:
                    break
            if not chunk:  # the server closed: what arrived is the whole reply
                break
    finally:
        sock.close()
    header_end = received.find(b"\r\n\r\n")
    status_line = received.split(b"\r\n", 1)[0].split()
    if header_end < 0 or len(status_line) < 2 or not status_line[1].isdigit():
        raise StoreError("the reply is not HTTP")
    length = _content_length(received[:header_end])
    reply = received[header_end + 4:]
    return int(status_line[1]), reply[:length] if length is not None else reply


def _content_length(head: bytes) -> int | None:
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length" and value.strip().isdigit():
            return int(value.strip())
    return None


def sign(method: str, url: str, headers: Mapping[str, str], body: bytes, *, access_key: str, secret_key: str,
         token: str | None, region: str, service: str, now: datetime) -> dict[str, str]:
    """The request's headers with AWS Signature Version 4 added (X-Amz-Date, the token, Authorization).

    Signs every header given, plus host: the same canonical request botocore builds.
    """
    parts = urlsplit(url)
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    day = stamp[:8]
    signed = {name.lower(): " ".join(str(value).split()) for name, value in headers.items()}
    signed.setdefault("host", parts.netloc)
    signed["x-amz-date"] = stamp
    if token:
        signed["x-amz-security-token"] = token
    names = sorted(signed)
    canonical = "\n".join([
        method, parts.path or "/", parts.query,
        "".join(f"{name}:{signed[name]}\n" for name in names), ";".join(names),
        hashlib.sha256(body).hexdigest(),
    ])
    scope = f"{day}/{region}/{service}/aws4_request"
    to_sign = "\n".join(["AWS4-HMAC-SHA256", stamp, scope, hashlib.sha256(canonical.encode()).hexdigest()])
    key = f"AWS4{secret_key}".encode()
    for part in (day, region, service, "aws4_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    signature = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
    out = {**headers, "X-Amz-Date": stamp}
    if token:
        out["X-Amz-Security-Token"] = token
    out["Authorization"] = (f"AWS4-HMAC-SHA256 Credential={access_key}/{scope}, "
                            f"SignedHeaders={';'.join(names)}, Signature={signature}")
    return out


class VisitStore(AbstractPersistenceAdapter):
    """An ask-sdk persistence adapter for the visit count: GetItem and PutItem, one budget."""

    def __init__(self, table: str, *, endpoint: str | None = None, region: str | None = None,
                 budget_s: float = 0.5, environ: Mapping[str, str] | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.table = table
        self.environ = os.environ if environ is None else environ
        self.region = (region or self.environ.get("AWS_REGION") or self.environ.get("AWS_DEFAULT_REGION")
                       or "us-east-1")
        self.endpoint = endpoint or f"https://dynamodb.{self.region}.amazonaws.com"
        self.budget_s = budget_s
        self.clock = clock
        self._current = threading.local()  # (request envelope, its budget), one per thread

    def get_attributes(self, request_envelope: RequestEnvelope) -> dict[str, Any]:
        """The stored count and date for this user ({} for a first visit)."""
        reply = self._call("GetItem", {"TableName": self.table, "Key": self._key(request_envelope),
                                       "ConsistentRead": True}, request_envelope)
        stored = (reply.get("Item") or {}).get(ATTRIBUTES, {}).get("M", {})
        return {name: _from_dynamo(value) for name, value in stored.items() if name in ALLOWED}

    def save_attributes(self, request_envelope: RequestEnvelope, attributes: dict[str, Any]) -> None:
        """Store the count and date; refuse anything else (nothing about health is ever written)."""
        unknown = set(attributes) - set(ALLOWED)
        if unknown or not all(isinstance(attributes[k], ALLOWED[k]) for k in attributes):
            raise StoreError("only the visit count and its date may be stored")
        stored = {"M": {name: _to_dynamo(value) for name, value in attributes.items()}}
        item = {**self._key(request_envelope), ATTRIBUTES: stored}
        self._call("PutItem", {"TableName": self.table, "Item": item}, request_envelope)

    def delete_attributes(self, request_envelope: RequestEnvelope) -> None:
        self._call("DeleteItem", {"TableName": self.table, "Key": self._key(request_envelope)}, request_envelope)

    def budget_for(self, request_envelope: RequestEnvelope) -> Budget:
        """The request's budget: started by its first call, shared by the rest.

        ask-sdk passes the same envelope object to every call for one request, so the
        budget follows that object (per thread, for the threaded web service).
        """
        current = getattr(self._current, "slot", None)
        if current is None or current[0] is not request_envelope:
            current = (request_envelope, Budget(self.budget_s, self.clock))
            self._current.slot = current
        return current[1]

    def _key(self, request_envelope: RequestEnvelope) -> dict[str, Any]:
        user = getattr(getattr(getattr(request_envelope, "context", None), "system", None), "user", None)
        user_id = getattr(user, "user_id", None)
        if not isinstance(user_id, str) or not user_id:
            raise StoreError("the request names no user")
        return {PARTITION_KEY: {"S": user_id}}

    def _call(self, operation: str, payload: dict[str, Any], envelope: RequestEnvelope) -> dict[str, Any]:
        budget = self.budget_for(envelope)
        budget.left()  # spent already: no network at all
        access_key = self.environ.get("AWS_ACCESS_KEY_ID")
        secret_key = self.environ.get("AWS_SECRET_ACCESS_KEY")
        if not access_key or not secret_key:
            raise StoreError("no AWS credentials in the environment")
        body = json.dumps(payload, separators=(",", ":")).encode()
        headers = sign("POST", self.endpoint + "/",
                       {"Content-Type": CONTENT_TYPE, "X-Amz-Target": f"{TARGET}.{operation}"},
                       body, access_key=access_key, secret_key=secret_key,
                       token=self.environ.get("AWS_SESSION_TOKEN"), region=self.region, service=SERVICE,
                       now=datetime.now(UTC))
        try:
            status, data = post(self.endpoint, headers, body, budget)
        except OSError as exc:
            raise StoreError(f"{operation} failed ({type(exc).__name__})") from None
        if status != 200:
            raise StoreError(f"{operation} answered {status} {_error_type(data)}")
        try:
            return json.loads(data or b"{}")
        except ValueError:
            raise StoreError(f"{operation} answered something that is not JSON") from None


def _error_type(data: bytes) -> str:
    try:
        return str(json.loads(data).get("__type", "")).rsplit("#", 1)[-1][:80]
    except (ValueError, AttributeError):
        return ""


def _to_dynamo(value: Any) -> dict[str, str]:
    return {"N": str(value)} if isinstance(value, int) else {"S": str(value)}


def _from_dynamo(value: Any) -> Any:
    if isinstance(value, dict) and "N" in value:
        try:
            return int(value["N"])
        except (TypeError, ValueError):
            return None
    if isinstance(value, dict) and "S" in value:
        return value["S"]
    return None


__all__ = ["Budget", "StoreError", "VisitStore", "sign"]
