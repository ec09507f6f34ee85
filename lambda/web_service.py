"""The skill as a web service: flask-ask-sdk's SkillAdapter over the same skill as Lambda.

    make serve                          # 127.0.0.1:5000, request verification on
    make serve ARGS=--no-verify         # for local tools only (prints a warning)
    HOST=0.0.0.0 PORT=8080 make serve
    gunicorn --chdir lambda -b 127.0.0.1:5000 'web_service:create_app()'

Requests are checked by request_verification.AlexaRequestVerifier (signature, certificate
chain, timestamp, skill id); anything malformed or unverifiable is answered with HTTP 400.
Not part of the Lambda artifact.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ask_sdk_model import RequestEnvelope  # noqa: E402
from flask import Flask, Response, request  # noqa: E402

from bone_mets.config import Config  # noqa: E402
from bone_mets.skill import BoneMetsSkill, build_skill  # noqa: E402
from request_verification import AlexaRequestVerifier, SkillIdVerifier  # noqa: E402
from webservice_compat import AbstractVerifier, SkillAdapter  # noqa: E402

log = logging.getLogger("bone_mets.web_service")
NO_VERIFY_WARNING = ("WARNING: request verification is OFF. Anyone who can reach this port can "
                     "call the skill. Use --no-verify only with local tools, never on a public address.")


def create_app(*, verify: bool = True, skill: BoneMetsSkill | None = None,
               verifier: AbstractVerifier | None = None) -> Flask:
    """A Flask app answering Alexa requests with POST / (and GET /health).

    verify: check each request's signature, certificate and timestamp (Amazon's rules).
    skill: the skill to serve (default: built from the environment, as Lambda does).
    verifier: a verifier to use instead of the default (tests pass their own roots).
    """
    skill = skill or build_skill()
    app = Flask(__name__)
    # The stock verifiers cannot run on this stack (see webservice_compat); ours replace them.
    app.config["ASK_SDK_VERIFY_SIGNATURE"] = False
    app.config["ASK_SDK_VERIFY_TIMESTAMP"] = False
    if verify:
        verifiers = [verifier or AlexaRequestVerifier(skill_id=skill.config.skill_id)]
    else:
        print(NO_VERIFY_WARNING, file=sys.stderr, flush=True)
        log.warning("request verification is off")
        verifiers = [SkillIdVerifier(skill.config.skill_id)]
    adapter = SkillAdapter(skill=skill.custom_skill, skill_id=skill.config.skill_id or "bone-mets",
                           verifiers=verifiers, app=app)

    @app.post("/")
    def invoke() -> Any:
        # flask-ask-sdk parses the body before it verifies, and answers a body it cannot
        # parse with 500: check it here first, so a malformed request is a 400.
        body = request.get_data(cache=True)
        try:
            skill.custom_skill.serializer.deserialize(body.decode("utf-8"), RequestEnvelope)
        except Exception:
            return bad_request("the body is not an Alexa request envelope")
        return adapter.dispatch_request()

    @app.get("/health")
    def health() -> Any:
        return {"status": "ok"}

    @app.errorhandler(400)
    def refused(error: Exception) -> Response:
        return bad_request("the request failed verification")

    return app


def bad_request(reason: str) -> Response:
    return Response(json.dumps({"error": reason}), status=400, mimetype="application/json")


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
