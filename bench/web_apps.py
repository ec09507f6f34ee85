"""gunicorn app factories for the benchmark and the load test (loopback only).

    ours()      the skill's web service, verification off (the load's throughput run)
    floor()     flask-ask-sdk over the one-handler floor skill, verification off
    verified()  the skill's web service with verification ON, trusting only the test
                authority whose files BENCH_CA_DIR names (made by load.py for that run)
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# lambda/ and webservice/ are on the path through .venv (see the Makefile's project-paths.pth)


def ours():
    from web_service import create_app
    return create_app(verify=False)


def floor():
    import importlib.util

    from flask import Flask
    from webservice_compat import SkillAdapter

    spec = importlib.util.spec_from_file_location("floor_skill", ROOT / "bench" / "floor_skill" / "lambda_function.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    app = Flask(__name__)
    app.config["ASK_SDK_VERIFY_SIGNATURE"] = False
    app.config["ASK_SDK_VERIFY_TIMESTAMP"] = False
    SkillAdapter(skill=module.skill, skill_id="floor", app=app).register(app=app, route="/")
    return app


def verified():
    from cryptography import x509

    from request_verification import AlexaRequestVerifier
    from web_service import create_app

    ca = Path(os.environ["BENCH_CA_DIR"])
    root = x509.load_pem_x509_certificate((ca / "root.pem").read_bytes())
    chain = (ca / "chain.pem").read_bytes()
    return create_app(verifier=AlexaRequestVerifier(roots=[root], fetch=lambda url: chain))
