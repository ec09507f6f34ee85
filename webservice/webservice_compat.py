"""Import flask-ask-sdk on current OpenSSL: the one place that works around its breakage.

`flask_ask_sdk.skill_adapter` imports ask_sdk_webservice_support.verifier, which imports
certvalidator 0.11.1, whose oscrypto 1.3.0 fails at import on OpenSSL 3.0.10 and newer
("Error detecting the version of libcrypto": it cannot parse a two-digit patch version;
wbond/oscrypto#75, #78; fixed upstream, never released). Only the stock RequestVerifier
uses certvalidator, and this project never uses it (request_verification.py replaces it),
so when certvalidator cannot be imported a stand-in is registered that refuses to work.
"""

from __future__ import annotations

import sys
import types


class _Unavailable(Exception):
    pass


def _install_certvalidator_stand_in() -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise RuntimeError("certvalidator is unavailable on this OpenSSL; use request_verification")

    package = types.ModuleType("certvalidator")
    package.CertificateValidator = refuse  # type: ignore[attr-defined]
    package.__stand_in__ = True  # type: ignore[attr-defined]
    errors = types.ModuleType("certvalidator.errors")
    errors.ValidationError = type("ValidationError", (_Unavailable,), {})  # type: ignore[attr-defined]
    errors.PathError = type("PathError", (_Unavailable,), {})  # type: ignore[attr-defined]
    package.errors = errors  # type: ignore[attr-defined]
    sys.modules["certvalidator"] = package
    sys.modules["certvalidator.errors"] = errors


try:
    import certvalidator  # noqa: F401
except Exception:  # oscrypto's LibraryNotFoundError, raised while importing
    for name in [m for m in sys.modules if m == "certvalidator" or m.startswith(("certvalidator.", "oscrypto"))]:
        del sys.modules[name]
    _install_certvalidator_stand_in()

from ask_sdk_webservice_support.verifier import AbstractVerifier, VerificationException  # noqa: E402
from flask_ask_sdk.skill_adapter import SkillAdapter  # noqa: E402

__all__ = ["AbstractVerifier", "SkillAdapter", "VerificationException"]
