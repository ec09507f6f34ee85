"""With SKILL_ID set, Lambda refuses requests not addressed to the skill: quietly, the same way each time."""

from __future__ import annotations

import logging

import pytest

from bone_mets.config import Config
from bone_mets.skill import build_skill
from conftest import CONTENT_FILE
from events import load_event, spoken

OWN = "amzn1.ask.skill.00000000-0000-4000-8000-000000000000"
OTHER = "amzn1.ask.skill.someone-else"
REFUSED = {"version": "1.0", "response": {"shouldEndSession": True}}


@pytest.fixture(scope="module")
def handler():
    return build_skill(Config(content_path=CONTENT_FILE, skill_id=OWN)).handle_event


def addressed(context: str | None, session: str | None, *, drop: str = "") -> dict:
    """A launch request whose context and session name these applications (None: no application)."""
    event = load_event("launch", skill_id=OWN)
    for where, value in (("context", context), ("session", session)):
        holder = event["context"]["System"] if where == "context" else event["session"]
        if value is None:
            del holder["application"]
        else:
            holder["application"]["applicationId"] = value
    if drop:
        del event[drop]
    return event


@pytest.mark.parametrize("event", [
    pytest.param(addressed(None, OWN), id="no application in the context"),
    pytest.param(addressed(OWN, OWN, drop="context"), id="no context"),
    pytest.param(addressed(OWN, OTHER), id="the session names another skill"),
    pytest.param(addressed(OTHER, OWN), id="the context names another skill"),
    pytest.param(addressed(OTHER, None), id="another skill, no session application"),
    pytest.param(addressed(None, None), id="no application anywhere"),
])
def test_a_request_not_clearly_for_this_skill_is_refused_without_an_error(handler, caplog, event):
    # WHEN a request that does not name this skill in its context, or names two skills, arrives
    with caplog.at_level(logging.DEBUG):
        response = handler(event, None)
    # THEN it is refused like any request for another skill: no answer, no error logged
    assert response == REFUSED
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING] == [
        "rejected a request for another skill"]


@pytest.mark.parametrize("event", [
    pytest.param(addressed(OWN, OWN), id="context and session agree"),
    pytest.param(addressed(OWN, None), id="no session application"),
])
def test_a_request_for_this_skill_is_answered(handler, event):
    assert "Welcome" in spoken(handler(event, None))


@pytest.mark.parametrize("event", [
    addressed(None, OWN), addressed(OWN, OWN, drop="context"), addressed(OWN, OTHER), addressed(OTHER, OWN),
    addressed(OTHER, None), addressed(None, None), addressed(OWN, OWN), addressed(OWN, None),
])
def test_the_web_service_reads_the_same_skill_id_before_the_sdk_parses(skill, event):
    # The web service checks the skill id on its one json.loads, before the SDK's model exists;
    # the rule must be the one Lambda applies to the model.
    import json

    from bone_mets.skill import skill_id_of
    from request_verification import read_envelope
    text = json.dumps(event)
    assert read_envelope(text).skill_id == skill_id_of(skill.parse(text))
