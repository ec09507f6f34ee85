"""Read a request body whole: at most a size limit, within a deadline, whatever the server.

Why here and not in the server: gunicorn's gevent worker bounds the wait for request
headers but not for the body, so connections that send a byte every few seconds held every
connection slot; and a body without Content-Length (chunked) was cut at the limit by
Werkzeug's capped stream and acted on, never refused. So:
  - a Content-Length over the limit is a 413 before anything is read; any other body is
    read to the limit plus one byte, and that byte makes it a 413 whatever its framing;
  - the whole body has one deadline, not one per read: a client dripping a byte just
    inside any per-read timeout still hits it. A read cannot be interrupted portably, so
    when the deadline passes the connection's read side is shut down and the blocked read
    returns at once, in every gunicorn worker class (sync, gthread, gevent) and in
    Werkzeug's development server; the answer is a 408;
  - after a 408 or 413 the read side stays shut, so the server closes the connection
    instead of waiting for, or draining, the rest of a body the service refused
    (Werkzeug's development server otherwise read on until the client gave up).
"""

from __future__ import annotations

import _socket  # the C socket type: gevent patches the `socket` module, not this one
import heapq
import itertools
import threading
import time
from collections.abc import Mapping
from typing import IO, Any

READ_SIZE = 64 * 1024


class BodyRefused(Exception):
    """The body was not read: `status` (400, 408, 413) and a reason for the client."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def read_body(environ: Mapping[str, Any], stream: IO[bytes], *, limit: int, deadline_s: float) -> bytes:
    """The request body from `stream` (the server's, bounded by its framing), or BodyRefused."""
    length = environ.get("CONTENT_LENGTH") or ""
    if length.isdigit() and int(length) > limit:
        stop_reading(environ)
        raise BodyRefused(413, "the body is larger than an Alexa request")
    deadline = _Deadline(deadline_s, environ)
    _WATCHDOG.watch(deadline)
    chunks: list[bytes] = []
    size = 0
    broken = False
    try:
        while size <= limit and time.monotonic() < deadline.at:
            chunk = stream.read(min(READ_SIZE, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except Exception:  # a reset, a malformed chunk, or the read side shut at the deadline
        broken = True
    finally:
        expired = deadline.finish() or time.monotonic() >= deadline.at
    if expired:
        stop_reading(environ)
        raise BodyRefused(408, f"the body did not arrive within {deadline_s:g} seconds")
    if size > limit:
        stop_reading(environ)
        raise BodyRefused(413, "the body is larger than an Alexa request")
    if broken:
        raise BodyRefused(400, "the body could not be read")
    return b"".join(chunks)


def stop_reading(environ: Mapping[str, Any]) -> None:
    """Shut the read side of the request's connection, if the server shows it (gunicorn and
    Werkzeug do): a blocked read returns at once, and the server closes the connection."""
    connection = environ.get("gunicorn.socket") or environ.get("werkzeug.socket")
    try:
        fileno = connection.fileno() if connection is not None else -1
    except OSError:
        return
    if fileno < 0:
        return
    # Through the file descriptor: gevent's and ssl's socket objects would tear down their
    # own state in shutdown() (an SSLSocket drops its TLS session), and the answer still
    # has to be written. detach() leaves the descriptor open for the server.
    raw = _socket.socket(fileno=fileno)
    try:
        raw.shutdown(_socket.SHUT_RD)
    except OSError:
        pass  # already closed by the client
    finally:
        raw.detach()


class _Deadline:
    """One body's deadline: `finish()` when the reading ends, or the watchdog `expire()`s it."""

    def __init__(self, seconds: float, environ: Mapping[str, Any]) -> None:
        self.at = time.monotonic() + seconds
        self.environ: Mapping[str, Any] = environ
        self.done = False
        self.expired = False
        self._lock = threading.Lock()

    def expire(self) -> None:
        with self._lock:
            if self.done:
                return
            self.done = self.expired = True
            environ = self.environ
        stop_reading(environ)

    def finish(self) -> bool:
        """End the watch; True if the deadline passed first."""
        with self._lock:
            self.done = True
            self.environ = {}  # the heap keeps this object until its time: not the request
            return self.expired


class _Watchdog:
    """One thread (a greenlet under gevent) expires every body deadline that is reached.

    One for all requests: a timer thread per request cost about 0.2 ms of wall time and
    0.08 ms of CPU to start and cancel here, a third of answering a request."""

    def __init__(self) -> None:
        self._wakeup = threading.Condition()
        self._heap: list[tuple[float, int, _Deadline]] = []
        self._order = itertools.count()
        self._thread: threading.Thread | None = None

    def watch(self, deadline: _Deadline) -> None:
        with self._wakeup:
            heapq.heappush(self._heap, (deadline.at, next(self._order), deadline))
            if self._thread is None or not self._thread.is_alive():  # first use, or after a fork
                self._thread = threading.Thread(target=self._run, name="body-deadlines", daemon=True)
                self._thread.start()
            elif self._heap[0][2] is deadline:
                self._wakeup.notify()

    def _run(self) -> None:
        due: list[_Deadline] = []
        while True:
            for deadline in due:
                deadline.expire()
            with self._wakeup:
                due = []
                while not due:
                    now = time.monotonic()
                    while self._heap and (self._heap[0][2].done or self._heap[0][0] <= now):
                        deadline = heapq.heappop(self._heap)[2]
                        if not deadline.done:
                            due.append(deadline)
                    if not due:
                        self._wakeup.wait(self._heap[0][0] - now if self._heap else None)


_WATCHDOG = _Watchdog()
