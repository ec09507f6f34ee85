"""Servers that tests (and `make load ARGS=--hardening`) start on 127.0.0.1 and always stop.

gunicorn runs with the production settings (webservice/gunicorn_conf.py) in front of the
web service trusting only a certificate authority made for the run (SERVED_CA_DIR), so
signed requests can be answered; raw-socket helpers send what http.client will not
(chunked bodies, bodies that stall or drip).
"""

from __future__ import annotations

import contextlib
import http.client
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from cryptography.hazmat.primitives import serialization

from conftest import free_loopback_port
from signing_authority import CERT_URL, Authority

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
GUNICORN = Path(sys.executable).with_name("gunicorn")
GUNICORN_CONF = ROOT / "webservice" / "gunicorn_conf.py"
CA_DIR_VARIABLE = "SERVED_CA_DIR"


def verified_app():
    """gunicorn's app factory (`served:verified_app()`): the web service, verification on,
    trusting only the authority in SERVED_CA_DIR; the certificate 'download' reads its chain."""
    from cryptography import x509

    from request_verification import AlexaRequestVerifier
    from web_service import create_app

    ca = Path(os.environ[CA_DIR_VARIABLE])
    root = x509.load_pem_x509_certificate((ca / "root.pem").read_bytes())
    chain = (ca / "chain.pem").read_bytes()
    return create_app(verifier=AlexaRequestVerifier(roots=[root], fetch=lambda url: chain))


def write_authority(authority: Authority, directory: Path) -> None:
    """The root and chain a served app trusts (the leaf key stays with the test that signs)."""
    (directory / "root.pem").write_bytes(authority.root.public_bytes(serialization.Encoding.PEM))
    (directory / "chain.pem").write_bytes(authority.chain_pem())


def wait_for_health(port: int, server: subprocess.Popen, log) -> None:
    for _ in range(300):
        if server.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"the server exited: {log.read()[-2000:]}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("the server did not answer /health")


@contextlib.contextmanager
def gunicorn(authority: Authority, *, args: tuple[str, ...] = (), env: dict[str, str] | None = None) -> Iterator[int]:
    """gunicorn -c webservice/gunicorn_conf.py on a free loopback port, serving a web service
    that trusts `authority`; `args` override settings (`--workers 1`...). Yields the port."""
    port = free_loopback_port()
    with tempfile.TemporaryDirectory() as ca, tempfile.TemporaryFile(mode="w+") as log:
        write_authority(authority, Path(ca))
        command = [str(GUNICORN), "-c", str(GUNICORN_CONF), *args, "--pythonpath", str(TESTS),
                   "served:verified_app()"]
        # The log goes to a file: a pipe nobody reads would fill with refusal lines and stall the server.
        server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log, env={
            **os.environ, "HOST": "127.0.0.1", "PORT": str(port), "LOG_LEVEL": "WARNING",
            CA_DIR_VARIABLE: ca, **(env or {})})
        try:
            wait_for_health(port, server, log)
            yield port
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def alexa_head(length: int | None, *, signature: str = "AAAA", url: str = CERT_URL) -> bytes:
    """A POST's request line and headers as Alexa sends them; chunked when `length` is None."""
    framing = "Transfer-Encoding: chunked" if length is None else f"Content-Length: {length}"
    return (f"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"Signature-256: {signature}\r\nSignatureCertChainUrl: {url}\r\n{framing}\r\n\r\n").encode()


def chunked(body: bytes, size: int = 16 * 1024) -> bytes:
    """`body` in HTTP/1.1 chunked framing, ending with the last chunk."""
    pieces = [b"%x\r\n%s\r\n" % (len(body[i:i + size]), body[i:i + size]) for i in range(0, len(body), size)]
    return b"".join(pieces) + b"0\r\n\r\n"


def exchange(port: int, data: bytes, *, timeout: float = 10.0) -> tuple[int, bytes]:
    """Send raw bytes, read one response: (status, body). Raises on a timeout or a reset."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as conn:
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # a refusal may come first
            conn.sendall(data)
        response = http.client.HTTPResponse(conn)
        response.begin()
        return response.status, response.read()
