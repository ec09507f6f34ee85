"""Fuzzing: generated request envelopes, valid and not, through `lambda_handler`'s path.

Short in `make test` (FUZZ_EXAMPLES, default 300); `make fuzz` runs 10,000.
"""

from __future__ import annotations

import json
import os
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events import DOCTOR, sentences, spoken
import voice_model

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "300"))
SPEECH_LIMIT = 8000
RESPONSE_LIMIT = 24 * 1024
MODEL = voice_model.load_model(voice_model.model_path("en-US"))
INTENTS = [i["name"] for i in MODEL["interactionModel"]["languageModel"]["intents"]]
IDS = sorted({v["id"] for t in MODEL["interactionModel"]["languageModel"]["types"] for v in t["values"]})
REQUEST_TYPES = ["LaunchRequest", "IntentRequest", "SessionEndedRequest", "CanFulfillIntentRequest",
                 "Display.ElementSelected", "AlexaSkillEvent.SkillEnabled", "Connections.Response",
                 "AudioPlayer.PlaybackStarted", "System.ExceptionEncountered"]
# Request types whose answer must carry no speech (Alexa rejects it), and those the skill answers
# silently by choice (docs/requests.md): a touch its screen cannot send, any request out of a session.
NO_SPEECH = ("SessionEndedRequest", "System.ExceptionEncountered", "CanFulfillIntentRequest", "AudioPlayer.",
             "PlaybackController.", "AlexaSkillEvent.", "Messaging.")
SILENT_BY_CHOICE = ("Display.ElementSelected",)

text = st.one_of(st.text(max_size=40), st.text(min_size=5000, max_size=20000, alphabet="ab ċ😀<&>"),
                 st.sampled_from(["bone pain", "osteoblastic", "<speak>", "&amp;", "ünïcödé", "骨转移"]))
json_junk = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | text,
                         lambda inner: (st.lists(inner, max_size=3)
                                        | st.dictionaries(st.text(max_size=8), inner, max_size=3)),
                         max_leaves=8)


@st.composite
def slot(draw, name: str):
    shape = draw(st.sampled_from(["resolved", "unresolved", "no resolutions", "empty", "junk"]))
    if shape == "junk":
        return draw(json_junk)
    value = {"name": name}
    if shape != "empty":
        value["value"] = draw(st.one_of(text, json_junk))
    if shape == "resolved":
        value["resolutions"] = {"resolutionsPerAuthority": [{
            "authority": "x", "status": {"code": "ER_SUCCESS_MATCH"},
            "values": [{"value": {"name": "v", "id": draw(st.one_of(st.sampled_from(IDS), text))}}]}]}
    elif shape == "unresolved":
        value["resolutions"] = {"resolutionsPerAuthority": [
            {"authority": "x", "status": {"code": "ER_SUCCESS_NO_MATCH"}}]}
    return value


@st.composite
def envelopes(draw):
    request_type = draw(st.one_of(st.sampled_from(REQUEST_TYPES), text))
    request = {"type": request_type, "requestId": "r", "timestamp": "2026-11-24T10:00:00Z",
               "locale": draw(st.one_of(st.sampled_from(["en-US", "en-GB", "en-AU", "en-IN", "en-CA", "fr-FR"]),
                                        text, st.none(), st.integers()))}
    if request_type == "IntentRequest" or draw(st.booleans()):
        names = draw(st.lists(st.sampled_from(["topic", "cancer", "symptom", "other"]), max_size=3, unique=True))
        slots = {n: draw(slot(n)) for n in names}
        request["intent"] = draw(st.one_of(
            st.fixed_dictionaries({"name": st.one_of(st.sampled_from(INTENTS), text), "slots": st.just(slots)}),
            json_junk))
    if request_type == "SessionEndedRequest":
        request["reason"] = draw(st.sampled_from(["USER_INITIATED", "ERROR", "EXCEEDED_MAX_REPROMPTS", "junk"]))
    attributes = draw(st.one_of(
        st.none(), json_junk,
        st.fixed_dictionaries({}, optional={
            "topic": st.one_of(st.sampled_from(IDS), json_junk),
            "stage": st.one_of(st.sampled_from(["report", "summary", "more"]), json_junk),
            "offer": st.one_of(st.sampled_from(IDS), json_junk), "touches": st.one_of(st.sampled_from(IDS), json_junk),
            "listed": st.one_of(st.builds(lambda t, s: f"{t} {s}", st.sampled_from(IDS),
                                          st.sampled_from(["summary", "more", "report", "junk"])), json_junk),
            "last_response": json_junk, "junk": json_junk})))
    envelope = {"version": "1.0", "request": request}
    if draw(st.booleans()):
        envelope["session"] = {"new": draw(st.booleans()), "sessionId": "s", "attributes": attributes,
                               "application": {"applicationId": "a"}, "user": {"userId": "u"}}
    if draw(st.booleans()):
        envelope["context"] = {"System": {"application": {"applicationId": "a"}, "user": {"userId": "u"}}}
    return draw(st.one_of(st.just(envelope), json_junk)) if draw(st.integers(0, 20)) == 0 else envelope


def urgent_texts(content) -> list[str]:
    """Every sentence-level text of an urgent topic, in every locale."""
    found = []
    for local in content.locales.values():
        for topic in local.topics.values():
            if topic.urgent:
                found += [getattr(topic, stage) for stage in topic.stages]
    return found


@pytest.mark.fuzz
@settings(max_examples=EXAMPLES, deadline=None, derandomize=os.environ.get("CI") == "true",
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example])
@given(event=envelopes())
def test_any_envelope_gets_a_valid_safe_response(handler, content, event):
    # WHEN any envelope at all is handled, THEN nothing escapes
    response = handler(event, None)
    # and the answer is a valid Alexa response within Alexa's limits
    assert isinstance(response, dict) and response.get("version") == "1.0"
    body = response["response"]
    assert len(json.dumps(response).encode()) < RESPONSE_LIMIT
    request = event.get("request") if isinstance(event, dict) else None
    request_type = request.get("type") if isinstance(request, dict) else None
    said = spoken(response)
    kind = request_type if isinstance(request_type, str) else ""
    if kind.startswith(NO_SPEECH):
        assert not said and not body.get("reprompt"), f"speech in the answer to {kind}"
    elif not (kind in SILENT_BY_CHOICE or (isinstance(event, dict) and "session" not in event
                                            and kind not in ("LaunchRequest", "IntentRequest"))):
        assert said, "no speech"
    speech = body.get("outputSpeech") or {}
    assert len(speech.get("ssml") or speech.get("text") or "") < SPEECH_LIMIT
    card = body.get("card") or {}
    assert len(card.get("content") or "") < SPEECH_LIMIT
    if body.get("shouldEndSession") is False:
        assert body.get("reprompt")
    # and any answer that speaks an urgent topic's text ends with the call-your-doctor close
    if any(t.split(".")[0] in said for t in _URGENT):
        assert DOCTOR.search(sentences(said)[-1]), said


_URGENT: list[str] = []


@pytest.fixture(autouse=True, scope="module")
def _load_urgent(content):
    _URGENT[:] = [re.sub(r"\{emergency_number\}", "", t) for t in urgent_texts(content)]
