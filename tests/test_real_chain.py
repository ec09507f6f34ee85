"""Amazon's real certificate chain passes our path validation (cryptography + certifi's roots).

Self-made test authorities (test_web_service.py) can't catch a mismatch between our
validation and what Amazon really serves: an extension cryptography's policy rejects, a
cross-signed root it can't path-build through. This chain is the one Amazon served.
"""

from __future__ import annotations

from datetime import datetime, UTC

import pytest

from events import FIXTURES
from request_verification import AlexaRequestVerifier, SIGNING_NAME
from webservice_compat import VerificationException

CHAIN = (FIXTURES / "amazon_chain" / "echo-api-cert-12.pem").read_bytes()
URL = "https://s3.amazonaws.com/echo.api/echo-api-cert-12.pem"
INSIDE = datetime(2023, 6, 1, 12, 0, tzinfo=UTC)


def verifier() -> AlexaRequestVerifier:
    return AlexaRequestVerifier(fetch=lambda url: CHAIN)  # certifi's public roots, as deployed


def test_amazons_real_chain_validates_to_a_public_root():
    # GIVEN the chain Amazon served, and the clock inside its validity
    # WHEN our verifier checks it against certifi's roots
    leaf = verifier().signing_certificate(URL, INSIDE)
    # THEN the signing certificate is accepted, and it names echo-api.amazon.com
    assert SIGNING_NAME in leaf.subject.rfc4514_string()


def test_the_same_chain_is_refused_once_expired():
    with pytest.raises(VerificationException, match="not in date"):
        verifier().signing_certificate(URL, datetime(2024, 1, 1, tzinfo=UTC))


def test_the_leaf_alone_does_not_reach_a_root():
    leaf_only = CHAIN.split(b"-----END CERTIFICATE-----")[0] + b"-----END CERTIFICATE-----\n"
    with pytest.raises(VerificationException, match="trusted root"):
        AlexaRequestVerifier(fetch=lambda url: leaf_only).signing_certificate(URL, INSIDE)


def test_every_public_root_loads_or_is_skipped_without_a_warning(recwarn):
    from request_verification import load_trusted_roots
    roots = load_trusted_roots()
    assert len(roots) > 100 and not [w for w in recwarn if "serial" in str(w.message)]
