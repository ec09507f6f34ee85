"""Start and stop gunicorn on a free 127.0.0.1 port for the benchmark and the load test."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from collections.abc import Iterator

BENCH = Path(__file__).resolve().parent
GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def gunicorn(factory: str, *, workers: int = 2, threads: int = 4, env: dict[str, str] | None = None) -> Iterator[str]:
    """Serve `web_apps:<factory>()` on loopback; yields the URL; always stops the server."""
    port = free_port()
    command = [str(GUNICORN), "--chdir", str(BENCH), "-b", f"127.0.0.1:{port}", "-w", str(workers),
               "-k", "gthread", "--threads", str(threads), "--log-level", "warning", f"web_apps:{factory}()"]
    # The server's log goes to a file: a pipe nobody reads fills up and stalls the server
    # (flask-ask-sdk logs a traceback for every refused request).
    log = tempfile.TemporaryFile(mode="w+")
    server = subprocess.Popen(command, env={**os.environ, "LOG_LEVEL": "WARNING", **(env or {})},
                              stdout=subprocess.DEVNULL, stderr=log, text=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(200):
            if server.poll() is not None:
                log.seek(0)
                raise RuntimeError(f"gunicorn exited: {log.read()}")
            try:
                with urllib.request.urlopen(url + "health", timeout=1):
                    break
            except OSError as exc:
                if getattr(exc, "code", None) == 404:  # the floor app has no /health: it is up
                    break
                time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
