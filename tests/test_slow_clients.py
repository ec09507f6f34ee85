"""Slow clients cannot hold the documented production setup (gunicorn, gevent workers)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import free_loopback_port

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
