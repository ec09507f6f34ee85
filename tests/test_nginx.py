"""The production setup as it runs: webservice/nginx.conf in front of gunicorn (gunicorn_conf.py).

nginx (Debian's package; .ci/run installs it) runs unprivileged on a loopback port with its
own prefix and configuration; gunicorn serves the web service trusting a test authority.
"""

from __future__ import annotations

import json
import select
import socket
import threading
import time
import urllib.request
from datetime import UTC, datetime

import pytest

from events import load_event
from served import alexa_head, chunked, exchange, gunicorn, nginx, nginx_binary
from signing_authority import Authority

pytestmark = [pytest.mark.slow, pytest.mark.skipif(
    nginx_binary() is None, reason="nginx is not installed (Debian's package: apt-get install nginx; .ci/run does)")]

GUNICORN_CONNECTIONS = 8  # gunicorn's whole connection limit here: one worker of 8


def body(pad: int = 0) -> bytes:
    """A fresh launch envelope, padded to `pad` bytes if asked."""
    event = load_event("launch")
    event["request"]["timestamp"] = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if pad:
        event["session"]["attributes"] = {"pad": ""}
        event["session"]["attributes"]["pad"] = "x" * (pad - len(json.dumps(event)))
    return json.dumps(event).encode()


@pytest.fixture(scope="module")
def authority() -> Authority:
    return Authority()


@pytest.fixture(scope="module")
def proxy(authority):
    """nginx's port, in front of gunicorn limited to GUNICORN_CONNECTIONS connections. The
    service's own body deadline is set to 30 s here, so that only nginx can be what keeps
    slow bodies from holding gunicorn's connections for the length of these tests."""
    with gunicorn(authority, args=("--workers", "1", "--worker-connections", str(GUNICORN_CONNECTIONS)),
                  env={"WEB_BODY_DEADLINE": "30"}) as upstream:
        with nginx(upstream) as port:
            yield port


def signed(authority: Authority, port: int) -> tuple[int, bytes]:
    document = body()
    return exchange(port, alexa_head(len(document), signature=authority.sign(document)) + document)


def test_a_signed_request_is_answered_through_nginx(authority, proxy):
    status, answer = signed(authority, proxy)
    assert status == 200 and b"Welcome" in answer


def test_a_forged_request_is_refused_by_the_service_not_the_proxy(authority, proxy):
    document = body()
    status, answer = exchange(proxy, alexa_head(len(document), signature=Authority().sign(document)) + document)
    assert status == 400 and json.loads(answer) == {"error": "verification failed: signature does not match the body"}


@pytest.mark.parametrize("framing", ["content-length", "chunked"])
def test_a_body_over_the_limit_is_refused_by_nginx(authority, proxy, framing):
    # GIVEN a signed document of 296 KB, sent with a length or chunked
    document = body(pad=296 * 1024)
    head = alexa_head(len(document) if framing == "content-length" else None, signature=authority.sign(document))
    # WHEN it is posted to nginx THEN nginx refuses it in the service's words
    status, answer = exchange(proxy, head + (document if framing == "content-length" else chunked(document)))
    assert status == 413 and json.loads(answer) == {"error": "the body is larger than an Alexa request"}


def test_a_chunked_body_within_the_limit_is_answered_through_nginx(authority, proxy):
    document = body(pad=256 * 1024)
    assert exchange(proxy, alexa_head(None, signature=authority.sign(document)) + chunked(document))[0] == 200


def test_slow_bodies_past_gunicorns_connection_limit_are_held_by_nginx_not_the_service(authority, proxy):
    # GIVEN three times gunicorn's whole connection limit of bodies dripping a byte a second
    # into nginx (under nginx's 5 s between two reads), and one body that stalls
    flood = [socket.create_connection(("127.0.0.1", proxy), timeout=20) for _ in range(3 * GUNICORN_CONNECTIONS)]
    stalled = socket.create_connection(("127.0.0.1", proxy), timeout=20)
    for conn in [*flood, stalled]:
        conn.sendall(alexa_head(4000) + b'{"ver')
    stop = threading.Event()

    def drip() -> None:
        while not stop.wait(1.0):
            for conn in flood:
                try:
                    conn.send(b" ")
                except OSError:
                    pass  # closed: the assertions below say by whom

    dripper = threading.Thread(target=drip, daemon=True)
    dripper.start()
    try:
        time.sleep(0.5)
        # WHEN /health and a signed request come while they are all held
        with urllib.request.urlopen(f"http://127.0.0.1:{proxy}/health", timeout=10) as response:
            health = response.status
        status, _ = signed(authority, proxy)
        # THEN both are answered: nginx passes nothing on before its body is whole
        assert (health, status) == (200, 200)
        # AND nginx cuts the stalled body after 5 s without a byte (its client_body_timeout)
        assert select.select([stalled], [], [], 15)[0], "the stalled body was still held after 15 s"
        try:
            cut = stalled.recv(4096)
        except ConnectionResetError:
            cut = b""
        assert cut == b""  # nginx closes a timed-out body's connection without an answer
        # AND the dripping ones are still held by nginx, not answered by the service
        assert not select.select(flood, [], [], 0)[0]
    finally:
        stop.set()
        dripper.join()
        for conn in [*flood, stalled]:
            conn.close()
