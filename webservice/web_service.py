"""The skill as a web service: the same skill as Lambda, behind Amazon's request verification.

    make serve                          # 127.0.0.1:5000, request verification on
    make serve ARGS=--no-verify         # for local tools only (prints a warning)
    HOST=0.0.0.0 PORT=8080 make serve
    .venv/bin/gunicorn -c webservice/gunicorn_conf.py   # production, behind nginx

Every request passes, in this order and before any work it would cost: the body, read
whole within a deadline and a size limit whatever its framing (request_body: 408, 413),
the signature headers and the certificate URL (400), one json.loads of the body with
strict checks of the fields the checks read (400), the timestamp and skill id, then the
certificate chain and the signature (request_verification); only then is the SDK's model
of the request built, and the answer comes from the skill's guarded `handle_envelope`, as
on Lambda. A refused request is one WARNING line with its reason;
nothing answers with an HTML traceback. Not part of the Lambda artifact.

Why not flask-ask-sdk's SkillAdapter.dispatch_request (the adapter this service started
on): it parses the body before any check (twice, with the pre-check it needed), has no
body limit, answers a malformed body with 500, logs a 21-line traceback for every refused
request, and its own skill-id check raises past the guard (500 when context.System is
partial). Its verifier interface (AbstractVerifier, VerificationException, from
ask-sdk-webservice-support) is kept, so a verifier written for the SDK still plugs in.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import os
import sys
from typing import Any

from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException

from bone_mets.config import Config
from bone_mets.safe_logging import describe_error
from bone_mets.skill import BoneMetsSkill, build_skill
from request_body import BodyRefused, read_body
from request_verification import AlexaRequestVerifier, NotAnEnvelope, SkillIdVerifier, read_envelope
from webservice_compat import AbstractVerifier, VerificationException

log = logging.getLogger("bone_mets.web_service")
MAX_BODY = 256 * 1024  # Alexa requests are a few KB
BODY_DEADLINE_S = 5.0  # for the whole body; Alexa sends its few KB at once
NO_VERIFY_WARNING = ("WARNING: request verification is OFF. Anyone who can reach this port can "
                     "call the skill. Use --no-verify only with local tools, never on a public address.")


def create_app(*, verify: bool = True, skill: BoneMetsSkill | None = None,
               verifier: AbstractVerifier | None = None, body_deadline: float | None = None) -> Flask:
    """A Flask app answering Alexa requests with POST / (and GET /health).

    verify: check each request's signature, certificate and timestamp (Amazon's rules).
    skill: the skill to serve (default: built from the environment, as Lambda does).
    verifier: a verifier to use instead of the default (tests pass their own roots).
    body_deadline: seconds for a whole request body to arrive (default: WEB_BODY_DEADLINE,
        which gunicorn_conf.py sets, else BODY_DEADLINE_S).
    """
    if body_deadline is None:
        body_deadline = float(os.environ.get("WEB_BODY_DEADLINE") or BODY_DEADLINE_S)
    if not (0 < body_deadline <= 30 and math.isfinite(body_deadline)):
        raise ValueError(f"the body deadline must be more than 0 and at most 30 seconds, not {body_deadline}")
    skill = skill or build_skill()
    app = Flask(__name__)
    # No MAX_CONTENT_LENGTH: Werkzeug would cut a chunked body at it and pass the first part
    # on; read_body refuses a longer body whole instead.
    if verify:
        checker = verifier or AlexaRequestVerifier(skill_id=skill.config.skill_id)
    else:
        print(NO_VERIFY_WARNING, file=sys.stderr, flush=True)
        log.warning("request verification is off")
        checker = SkillIdVerifier(skill.config.skill_id)

    @app.post("/")
    def invoke() -> Any:
        try:
            # Read whole (or cut) before any answer, so no server is left to drain it.
            body = read_body(request.environ, request.stream, limit=MAX_BODY, deadline_s=body_deadline)
        except BodyRefused as refused:
            return refuse(refused.status, refused.reason)
        if isinstance(checker, AlexaRequestVerifier):
            checker.check_headers(request.headers)  # before parsing the body
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return refuse(400, "the body is not UTF-8")
        try:
            facts = read_envelope(text)  # one json.loads: the few fields the checks read
        except NotAnEnvelope as error:
            return refuse(400, f"the body is not an Alexa request envelope: {error}")
        checker.verify(request.headers, text, facts)
        # Only now, with the request verified, the SDK's model of it (its deserializer hands
        # request.timestamp to dateutil, whose time grows with the square of its input).
        envelope = skill.parse(text)
        if envelope is None:
            return refuse(400, "the body is not an Alexa request envelope")
        return Response(json.dumps(skill.handle_envelope(envelope)), mimetype="application/json")

    @app.get("/health")
    def health() -> Any:
        return {"status": "ok"}

    @app.errorhandler(VerificationException)
    def unverified(error: VerificationException) -> Response:
        return refuse(400, f"verification failed: {error}")

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Response:
        return refuse(error.code or 400, error.name.lower())

    @app.errorhandler(Exception)
    def last_resort(error: Exception) -> Response:
        log.error("web request failed: %s", describe_error(error))
        return Response(json.dumps({"error": "internal error"}), status=500, mimetype="application/json")

    return app


def refuse(status: int, reason: str) -> Response:
    """A short JSON refusal, logged as one line (the reason names no user data)."""
    log.warning("refused a web request (%d): %s", status, reason)
    return Response(json.dumps({"error": reason}), status=status, mimetype="application/json")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serve the skill over HTTP (flask-ask-sdk).")
    parser.add_argument("--no-verify", action="store_true",
                        help="accept unsigned requests (for local tools such as virtual-alexa only)")
    args = parser.parse_args(argv)
    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("PORT", "5000"))
    app = create_app(verify=not args.no_verify, skill=build_skill(Config.from_environment()))
    print(f"Serving the skill on http://{host}:{port}/ (POST Alexa requests there)", file=sys.stderr, flush=True)
    app.run(host=host, port=port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
