"""Configuration, read from the environment once, when the skill is assembled."""

from __future__ import annotations

import os
from typing import NamedTuple

# os.path rather than pathlib: pathlib costs about 4 ms of a cold start, and the skill needs
# only to find one file.
_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))
# The built Lambda artifact carries the content beside the code, compiled to JSON (see
# content.compile_content); a checkout has the TOML at the repository's top level.
_CONTENT_CANDIDATES = (
    os.path.join(_PACKAGE_DIR, os.pardir, "content", "bone_metastases.json"),
    os.path.join(_PACKAGE_DIR, os.pardir, os.pardir, "content", "bone_metastases.toml"),
)


class Config(NamedTuple):  # not a dataclass: see content.Grounds
    """Settings for one skill instance.

    skill_id: when set, requests for any other skill are rejected (SKILL_ID).
    content_path: the content file (CONTENT_FILE, else found beside the code).
    visits_table: DynamoDB table for visit counts; None persists nothing (VISITS_TABLE).
    dynamodb_endpoint: a DynamoDB endpoint URL, for local servers in tests (DYNAMODB_ENDPOINT).
    dynamodb_budget: seconds, in all, for a visit's DynamoDB read and write (DYNAMODB_BUDGET).
    log_level: the skill's logging level (LOG_LEVEL).
    """

    skill_id: str | None = None
    content_path: str | os.PathLike[str] = os.path.normpath(_CONTENT_CANDIDATES[-1])
    visits_table: str | None = None
    dynamodb_endpoint: str | None = None
    dynamodb_budget: float = 0.5
    log_level: str = "INFO"

    @classmethod
    def from_environment(cls, environ: dict[str, str] | None = None) -> Config:
        """Build the configuration from environment variables (or the mapping given)."""
        env = os.environ if environ is None else environ
        content = env.get("CONTENT_FILE")
        if content:
            content_path = content
        else:
            content_path = os.path.normpath(next((p for p in _CONTENT_CANDIDATES if os.path.exists(p)),
                                                 _CONTENT_CANDIDATES[-1]))
        try:
            budget = float(env.get("DYNAMODB_BUDGET", "0.5"))
        except ValueError:
            raise ValueError(f"DYNAMODB_BUDGET must be a number of seconds, not {env['DYNAMODB_BUDGET']!r}") from None
        if not 0 < budget <= 3:
            raise ValueError(f"DYNAMODB_BUDGET must be more than 0 and at most 3 seconds, not {budget}")
        return cls(
            skill_id=env.get("SKILL_ID") or None,
            content_path=content_path,
            visits_table=env.get("VISITS_TABLE") or None,
            dynamodb_endpoint=env.get("DYNAMODB_ENDPOINT") or None,
            dynamodb_budget=budget,
            log_level=(env.get("LOG_LEVEL") or "INFO").upper(),
        )
