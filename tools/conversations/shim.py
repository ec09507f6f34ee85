"""lambda/lambda_function.py's lambda_handler served over HTTP on loopback, for virtual-alexa.

virtual-alexa (and Bespoken's `bst test`, which runs on it) can call a Node handler or POST
to a URL; the skill's handler is Python, so the tools POST here. Every POST body is an event
for lambda_handler, and its result is the response. A handler that raises (it should never)
answers 500 with the traceback, which the runner reports as that conversation's failure.
Only / is the skill; any other path gets a 404 (bst_export.py sends bst's results upload here).
Loopback only, no verification: never a way in for anyone else. Logs nothing.

    python tools/conversations/shim.py [--port 5000]   # serve until interrupted
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import traceback
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Handler = Callable[[Any, Any], dict[str, Any]]
# The application id the tools put in every request: the skill checks it only when SKILL_ID is
# set, and then it must be that one.
APPLICATION_ID = os.environ.get("SKILL_ID") or "amzn1.ask.skill.00000000-0000-4000-8000-000000000000"


class FakeContext:
    """The parts of a Lambda context object anything might read."""

    function_name = "conversations"
    memory_limit_in_mb = 512
    aws_request_id = "conversations-request"

    @staticmethod
    def get_remaining_time_in_millis() -> int:
        return 7000


def lambda_handler() -> Handler:
    """The project's own Lambda entry point (lambda/ is on the path through .venv's .pth)."""
    import lambda_function

    return lambda_function.lambda_handler


def _request_handler(handler: Handler) -> type[BaseHTTPRequestHandler]:
    class RequestHandler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's name)
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if self.path.split("?")[0] != "/":  # e.g. bst's results upload, pointed here: not an event
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            try:
                payload, status = json.dumps(handler(json.loads(body), FakeContext())).encode(), 200
            except Exception:  # reported to the runner as a failure, never hidden
                payload, status = traceback.format_exc().encode(), 500
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (http.server's name)
            pass  # nothing about requests is logged

    return RequestHandler


class LoopbackSkill:
    """The handler on http://127.0.0.1:PORT/ in a background thread, for a `with` block."""

    def __init__(self, handler: Handler | None = None, port: int = 0) -> None:
        self.server = ThreadingHTTPServer(("127.0.0.1", port), _request_handler(handler or lambda_handler()))
        self.server.daemon_threads = True
        self._thread = threading.Thread(target=self.server.serve_forever, name="loopback-skill", daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/"

    def __enter__(self) -> LoopbackSkill:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self._thread.join()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serve lambda_handler on loopback for virtual-alexa or bst.")
    parser.add_argument("--port", type=int, default=5000, help="port on 127.0.0.1 (default 5000)")
    args = parser.parse_args(argv)
    try:
        skill = LoopbackSkill(port=args.port)
    except OSError as error:
        print(f"shim: cannot listen on 127.0.0.1:{args.port} ({error.strerror})", file=sys.stderr)
        return 2
    with skill:
        print(f"Serving lambda_handler on {skill.url} (Ctrl-C stops)", file=sys.stderr, flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
