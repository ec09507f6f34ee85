"""Servers that tests (and `make load ARGS=--hardening`) start on 127.0.0.1 and always stop.

gunicorn runs with the production settings (webservice/gunicorn_conf.py) in front of the
web service trusting only a certificate authority made for the run (SERVED_CA_DIR), so
signed requests can be answered; nginx runs webservice/nginx.conf as it is, unprivileged,
with its own prefix, in front of it; raw-socket helpers send what http.client will not
(chunked bodies, bodies that stall or drip).
"""

from __future__ import annotations

import contextlib
import http.client
import os
import pwd
import shutil
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
NGINX_CONF = ROOT / "webservice" / "nginx.conf"
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


def nginx_binary() -> str | None:
    """Debian's nginx (in /usr/sbin, which a user's PATH may lack), or None."""
    return shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")


# The parts of a real nginx.conf that are the host's, around webservice/nginx.conf.
NGINX_MAIN = """daemon off;
worker_processes 1;
worker_rlimit_nofile 16384;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 8192; }}
http {{
    access_log off;
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    upstream alexa_skill {{ server 127.0.0.1:{upstream}; keepalive 16; }}
    server {{
        listen 127.0.0.1:{port};
        include {prefix}/alexa.conf;
    }}
}}
"""


@contextlib.contextmanager
def nginx(upstream: int) -> Iterator[int]:
    """nginx with webservice/nginx.conf in front of 127.0.0.1:`upstream`, on a free loopback
    port, unprivileged (as nobody when the tests run as root). Yields the port."""
    binary = nginx_binary()
    if binary is None:
        raise RuntimeError("nginx is not installed")
    port = free_loopback_port()
    prefix = Path(tempfile.mkdtemp(prefix="nginx-"))
    try:
        shutil.copyfile(NGINX_CONF, prefix / "alexa.conf")  # as it is, where an unprivileged nginx can read it
        (prefix / "nginx.conf").write_text(NGINX_MAIN.format(prefix=prefix, upstream=upstream, port=port))
        user = {}
        if os.geteuid() == 0:
            nobody = pwd.getpwnam("nobody")
            for path in (prefix, *prefix.iterdir()):
                os.chown(path, nobody.pw_uid, nobody.pw_gid)
            user = {"user": nobody.pw_uid, "group": nobody.pw_gid, "extra_groups": []}
        server = subprocess.Popen([binary, "-p", str(prefix), "-c", str(prefix / "nginx.conf"),
                                   "-e", str(prefix / "error.log")],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **user)
        try:
            for _ in range(100):
                if server.poll() is not None:
                    raise RuntimeError(f"nginx exited: {(prefix / 'error.log').read_text()[-2000:]}")
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.05)
            yield port
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    finally:
        shutil.rmtree(prefix, ignore_errors=True)


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
