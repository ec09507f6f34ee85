"""Slow clients cannot hold the documented production setup (gunicorn, gevent workers), nor
can bodies over the limit, whatever their framing."""

from __future__ import annotations

import os
import select
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import free_loopback_port
from served import alexa_head, chunked, exchange, gunicorn
from signing_authority import Authority

ROOT = Path(__file__).resolve().parent.parent
SLOW_CONNECTIONS = 48  # three times the 16 that stalled the threaded setup for over a minute


@pytest.mark.slow
def test_slow_connections_do_not_stall_a_normal_request():
    # GIVEN the service started with the documented gunicorn settings, on loopback
    port = free_loopback_port()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    env = {**os.environ, "HOST": "127.0.0.1", "PORT": str(port), "LOG_LEVEL": "WARNING"}
    server = subprocess.Popen([str(gunicorn), "-c", str(ROOT / "webservice" / "gunicorn_conf.py")], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    slow: list[socket.socket] = []
    try:
        health = f"http://127.0.0.1:{port}/health"
        for _ in range(100):
            try:
                urllib.request.urlopen(health, timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        # WHEN many connections send their headers and a few bytes of body, then stall
        for _ in range(SLOW_CONNECTIONS):
            conn = socket.create_connection(("127.0.0.1", port), timeout=5)
            conn.sendall(b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                         b"Signature-256: AAAA\r\nSignatureCertChainUrl: https://s3.amazonaws.com/echo.api/c.pem\r\n"
                         b"Content-Length: 4000\r\n\r\n{\"ver")
            slow.append(conn)
        # THEN a normal request is still answered promptly
        start = time.monotonic()
        with urllib.request.urlopen(health, timeout=10) as response:
            assert response.status == 200
        assert time.monotonic() - start < 5
    finally:
        for conn in slow:
            conn.close()
        server.terminate()
        server.wait(timeout=15)


def padded(size: int, authority: Authority) -> bytes:
    """A fresh signed-looking launch envelope of exactly `size` bytes."""
    import json
    from datetime import UTC, datetime

    from events import load_event
    event = load_event("launch")
    event["request"]["timestamp"] = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    event["session"]["attributes"] = {"pad": ""}
    event["session"]["attributes"]["pad"] = "x" * (size - len(json.dumps(event)))
    return json.dumps(event).encode()


def answer_to(conn: socket.socket) -> bytes:
    """What the server sent until it closed; a reset after its answer ends it too (bytes the
    client dripped after the server stopped reading may make the close a reset)."""
    answer = b""
    try:
        while chunk := conn.recv(4096):
            answer += chunk
    except ConnectionResetError:
        pass
    return answer


@pytest.fixture(scope="module")
def authority() -> Authority:
    return Authority()


@pytest.mark.slow
def test_slow_bodies_at_the_connection_limit_are_cut_at_the_deadline(authority):
    # GIVEN the production settings with one worker of 16 connections and a 1 s body deadline
    with gunicorn(authority, args=("--workers", "1", "--worker-connections", "16"),
                  env={"WEB_BODY_DEADLINE": "1"}) as port:
        # WHEN 16 connections send Alexa's headers and part of a body, half of them then
        # stalling and half dripping a byte every 0.2 s (no single read ever waits long)
        flood = []
        for _ in range(16):
            conn = socket.create_connection(("127.0.0.1", port), timeout=20)
            conn.sendall(alexa_head(4000) + b'{"ver')
            flood.append(conn)
        stop = threading.Event()

        def drip() -> None:
            while not stop.wait(0.2):
                for conn in flood[::2]:
                    try:
                        conn.send(b" ")
                    except OSError:
                        pass

        dripper = threading.Thread(target=drip, daemon=True)
        dripper.start()
        try:
            # THEN /health is answered (every connection was held before the deadline existed)
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=20) as response:
                assert response.status == 200
            # AND each slow connection got a 408 and was closed
            for conn in flood:
                assert answer_to(conn).startswith(b"HTTP/1.1 408")
        finally:
            stop.set()
            dripper.join()
            for conn in flood:
                conn.close()


@pytest.mark.slow
def test_a_chunked_body_over_the_limit_is_a_413_on_gunicorn(authority):
    document = padded(256 * 1024, authority)
    with gunicorn(authority) as port:
        # a signed document of exactly the limit, chunked: answered
        assert exchange(port, alexa_head(None, signature=authority.sign(document)) + chunked(document))[0] == 200
        # the same followed by 32 KB more: refused whole, not answered on its first 256 KB
        longer = document + b" " * 32 * 1024
        status, answer = exchange(port, alexa_head(None, signature=authority.sign(document)) + chunked(longer))
        assert status == 413 and b"larger than an Alexa request" in answer
        # a 296 KB document: 413, not 400 for the first 256 KB not being JSON
        assert exchange(port, alexa_head(None) + chunked(padded(296 * 1024, authority)))[0] == 413


@pytest.mark.slow
@pytest.mark.parametrize("worker_class", ["sync", "gthread", "gevent"])
def test_the_body_deadline_holds_in_every_worker_class(authority, worker_class):
    # GIVEN the production settings with another worker class and a 1 s body deadline
    with gunicorn(authority, args=("--workers", "1", "--worker-class", worker_class),
                  env={"WEB_BODY_DEADLINE": "1"}) as port:
        # WHEN a body drips a byte every 0.2 s, so that no single read waits long
        with socket.create_connection(("127.0.0.1", port), timeout=15) as conn:
            conn.sendall(alexa_head(4000) + b'{"ver')
            give_up = time.monotonic() + 15
            readable: list = []
            while not readable and time.monotonic() < give_up:
                readable = select.select([conn], [], [], 0.2)[0]
                if not readable:
                    conn.send(b" ")
            # THEN it is answered with a 408 (before the deadline, nothing bounded it)
            assert readable and answer_to(conn).startswith(b"HTTP/1.1 408")
