"""Requests that are not questions: what the skill answers to each kind (docs/requests.md).

Envelopes are built here from launch.json's envelope and the request objects of
fixtures/request_kinds/other_requests.json (written for this project from Amazon's request
references); `.ci/run` also runs the real envelopes of ../shared/real_envelopes/ through
their own checker.
"""

from __future__ import annotations

import copy
import json
import logging
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from ask_sdk_core.attributes_manager import AttributesManager
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import RequestEnvelope
from ask_sdk_model.interfaces.audioplayer import PlaybackStartedRequest

from bone_mets import handlers
from conftest import LOCALES
from events import intent_event, load_event, reprompt, spoken

KINDS = Path(__file__).parent / "fixtures" / "request_kinds" / "other_requests.json"
APL_DEVICE = {"Alexa.Presentation.APL": {"runtime": {"maxVersion": "1.9"}}}
# Kinds Alexa sends without a session, and whose answer must carry no speech, card or reprompt.
OUT_OF_SESSION = ["AudioPlayer.PlaybackStarted", "AudioPlayer.PlaybackFailed", "PlaybackController.NextCommandIssued",
                  "AlexaSkillEvent.SkillDisabled", "Messaging.MessageReceived", "System.ExceptionEncountered"]
# Kinds that come within a session and that the skill leaves unanswered, keeping the conversation.
SILENT_IN_SESSION = ["Alexa.Presentation.APL.UserEvent", "Display.ElementSelected",
                     "Alexa.Presentation.APL.RuntimeError", "Dialog.API.Invoked"]


@cache
def _kinds() -> dict[str, Any]:
    return json.loads(KINDS.read_text(encoding="utf-8"))


def request_of(kind: str, *, session: bool = True, screen: bool = False, locale: str = "en-US",
               attributes: dict[str, Any] | None = None, **changes: Any) -> dict[str, Any]:
    """An envelope carrying the fixture request `kind`: in launch.json's session (or none), on a
    device with or without a screen."""
    event = load_event("launch", locale=locale)
    event["request"] = {"requestId": "amzn1.echo-api.request.TEST-0002", "timestamp": "2026-11-24T10:00:00Z",
                        "locale": locale, **copy.deepcopy(_kinds()[kind]), **changes}
    if screen:
        event["context"]["System"]["device"]["supportedInterfaces"] = copy.deepcopy(APL_DEVICE)
    if session:
        event["session"]["new"] = False
        event["session"]["attributes"] = copy.deepcopy(attributes or {})
    else:
        del event["session"]
    return event


def can_fulfill(intent: str, slots: dict[str, tuple[str, str | None]] | None = None,
                locale: str = "en-US") -> dict[str, Any]:
    """A CanFulfillIntentRequest for `intent`: the IntentRequest fixture with its type changed,
    as Alexa sends it (a new session, the intent and slots with their resolutions)."""
    event = intent_event(intent, slots, locale=locale)
    event["request"]["type"] = "CanFulfillIntentRequest"
    event["request"].pop("dialogState", None)
    event["session"]["new"] = True
    return event


def assert_silent(response: dict[str, Any]) -> None:
    """No speech, reprompt, card or directive, and the session not left open waiting for a word."""
    body = response["response"]
    assert response["version"] == "1.0"
    for field in ("outputSpeech", "reprompt", "card", "directives", "apiResponse"):
        assert field not in body, field
    assert body.get("shouldEndSession") is not False


# --- Out of a session: events that take no speech -------------------------------------------

@pytest.mark.parametrize("kind", OUT_OF_SESSION)
def test_events_out_of_a_session_get_an_empty_answer(handler, kind, caplog):
    # GIVEN an event Alexa sends without a session (the skill plays no audio, subscribes to no events)
    event = request_of(kind, session=False)
    # WHEN it is handled
    with caplog.at_level(logging.DEBUG):
        response = handler(event, None)
    # THEN the answer is empty: no apology, no speech Alexa would reject, no session to keep
    assert response["response"] == {}
    assert "sessionAttributes" not in response
    # and nothing failed on the way (the session interceptor tolerates the missing session)
    assert not [r for r in caplog.records if "error while handling" in r.getMessage() or "failed" in r.getMessage()]


def test_alexa_rejecting_a_response_is_logged_by_its_type_only(handler, caplog):
    # GIVEN System.ExceptionEncountered (Alexa could not use the last response)
    with caplog.at_level(logging.INFO):
        response = handler(request_of("System.ExceptionEncountered", session=False), None)
    # THEN nothing is said, and the error's type is logged as an error, never its message
    assert_silent(response)
    lines = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert lines == ["Alexa rejected a response: INVALID_RESPONSE"]
    assert "SECRET" not in caplog.text


def test_the_session_interceptor_tolerates_a_request_without_a_session():
    # GIVEN an AudioPlayer event as the SDK reads it: no session at all
    envelope = RequestEnvelope(version="1.0", request=PlaybackStartedRequest(request_id="r", token="t"))
    handler_input = HandlerInput(request_envelope=envelope, attributes_manager=AttributesManager(envelope))
    # WHEN the interceptors run THEN neither raises (session attributes do not exist here)
    handlers.SessionStateInterceptor().process(handler_input)
    handlers.RepeatCacheInterceptor().process(handler_input, None)


def test_an_unreadable_envelope_of_a_kind_that_takes_no_speech_gets_no_speech(handler):
    # GIVEN a SessionEndedRequest and an AudioPlayer event the SDK model cannot read (a number
    # where a time should be)
    for event in (load_event("session_ended"), request_of("AudioPlayer.PlaybackStarted", session=False)):
        event["request"]["timestamp"] = 1764000000
        # THEN the answer is empty, not the spoken apology Alexa would reject
        assert handler(event, None)["response"] == {}
    # while an unreadable launch still gets the apology
    launch = load_event("launch")
    launch["request"]["timestamp"] = 1764000000
    assert "something went wrong" in spoken(handler(launch, None))


# --- Within a session: screen events, APL errors, Alexa Conversations -------------------------

@pytest.mark.parametrize("kind", SILENT_IN_SESSION)
def test_requests_the_skill_leaves_unanswered_keep_the_conversation(dialog, kind):
    # GIVEN a conversation in which an answer was just given, on a device with a screen
    first = dialog.intent("TopicIntent", topic=("osteoblastic", "osteoblastic"))
    attributes = copy.deepcopy(dialog.attributes)
    # WHEN a touch, an APL runtime error or a Dialog.API.Invoked arrives (none sent by this skill)
    response = dialog.handler(request_of(kind, screen=True, attributes=attributes), None)
    # THEN nothing is said or shown, and the conversation stays where it was
    assert_silent(response)
    assert response["sessionAttributes"] == attributes
    # so "repeat" still repeats the answer
    dialog.attributes = response["sessionAttributes"]
    assert spoken(dialog.intent("AMAZON.RepeatIntent")) == spoken(first)


def test_an_apl_runtime_error_in_our_document_is_logged_as_an_error(handler, caplog):
    # GIVEN the device could not show the skill's own document (its token), then another's
    with caplog.at_level(logging.INFO):
        handler(request_of("Alexa.Presentation.APL.RuntimeError", screen=True), None)
        handler(request_of("Alexa.Presentation.APL.RuntimeError", screen=True, token="not-ours"), None)
    records = [r for r in caplog.records if "APL runtime error" in r.getMessage()]
    # THEN each error's type and reason are logged, as an error for ours, never the message
    assert [(r.levelno, r.getMessage()) for r in records] == [
        (logging.ERROR, "APL runtime error in our document: LIST_ERROR/MISSING_LIST_ITEMS"),
        (logging.INFO, "APL runtime error in another document: LIST_ERROR/MISSING_LIST_ITEMS")]
    assert "SECRET" not in caplog.text


def test_an_apl_runtime_error_of_a_type_the_sdk_does_not_know_is_still_left_unanswered(handler, caplog):
    # GIVEN an APL runtime error the SDK model cannot read (it knows only LIST_ERROR)
    event = request_of("Alexa.Presentation.APL.RuntimeError", screen=True, attributes={"topic": "osteoblastic"},
                       errors=[{"type": "RENDER_ERROR", "reason": "SOMETHING_NEW", "message": "SECRET"}])
    with caplog.at_level(logging.INFO):
        response = handler(event, None)
    # THEN it is read without its errors: the same silent answer, the conversation kept
    assert_silent(response)
    assert response["sessionAttributes"] == {"topic": "osteoblastic"}
    assert "none the SDK model reads" in caplog.text


def test_dialog_api_invoked_gets_no_api_response(handler):
    # The skill defines no Alexa Conversations APIs: no result is made up for one.
    response = handler(request_of("Dialog.API.Invoked"), None)
    assert_silent(response)


# --- A session that comes back: Connections.Response, SessionResumedRequest -------------------

@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("kind, changes", [
    ("Connections.Response", {}),
    ("SessionResumedRequest", {}),
    # a cause the SDK model does not know (it knows only ConnectionCompleted): read without it
    ("SessionResumedRequest", {"cause": {"type": "SomeNewCause", "token": "task-1",
                                         "status": {"code": "500", "message": "SECRET"}}}),
])
def test_a_resumed_session_asks_what_the_person_would_like_to_know(handler, kind, changes, locale):
    # GIVEN the session comes back from a task the skill never started, whatever its outcome
    response = handler(request_of(kind, locale=locale, **changes), None)
    # THEN the skill asks what the person would like to know, and keeps listening
    assert spoken(response) == "What would you like to know?"
    assert reprompt(response) and response["response"]["shouldEndSession"] is False


# --- CanFulfillIntentRequest: name-free interaction -------------------------------------------

CAN_FULFILL = [
    # (intent, slots, canFulfill, {slot: canUnderstand})
    ("TopicIntent", {"topic": ("osteoblastic", "osteoblastic")}, "YES", {"topic": "YES"}),
    ("TopicIntent", {"topic": ("bone pain", None)}, "YES", {"topic": "MAYBE"}),  # words placed, not resolved
    ("QuestionIntent", {"query": ("what is hypercalcemia", None)}, "YES", {"query": "MAYBE"}),
    ("SideEffectsIntent", {"topic": ("bisphosphonates", "bisphosphonates")}, "YES", {"topic": "YES"}),
    ("CancerSpreadIntent", {"cancer": ("lung cancer", "lung")}, "YES", {"cancer": "YES"}),
    ("CancerSpreadIntent", {}, "YES", {}),  # "which cancers spread to bone?"
    # the article names no side effects of radiation: the skill would say its source doesn't cover it
    ("SideEffectsIntent", {"topic": ("radiation therapy", "radiation_therapy")}, "NO", {"topic": "YES"}),
    ("CancerSpreadIntent", {"cancer": ("leukemia", None)}, "NO", {"cancer": "NO"}),
    ("TopicIntent", {"topic": ("the weather", None)}, "NO", {"topic": "NO"}),
    ("SymptomsIntent", {}, "NO", {}),  # symptoms of what? not ours to answer for someone who did not ask us
    ("TopicIntent", {"topic": ("it", None)}, "NO", {"topic": "NO"}),  # needs a conversation
    # understood, but never chosen for by someone who did not ask for this skill
    ("SymptomReportIntent", {"symptom": ("bone pain", "pain")}, "NO", {"symptom": "YES"}),
    ("QuestionIntent", {"query": ("my husband collapsed", None)}, "NO", {"query": "MAYBE"}),
    ("SymptomReportIntent", {"danger": ("i want to die", None)}, "NO", {"danger": "MAYBE"}),
    ("AdviceRequestIntent", {"topic": ("bisphosphonates", "bisphosphonates")}, "NO", {"topic": "YES"}),
    ("SourceIntent", {}, "NO", {}),
    ("MoreDetailIntent", {}, "NO", {}),
    ("AMAZON.HelpIntent", {}, "NO", {}),
    ("PlaySoundIntent", {"sound": ("crickets", None)}, "NO", {"sound": "NO"}),  # another skill's intent
]


@pytest.mark.parametrize("intent, slots, verdict, understood", CAN_FULFILL)
def test_can_fulfill_answers_honestly(handler, intent, slots, verdict, understood):
    # GIVEN Alexa asks whether the skill could answer an intent, before choosing a skill
    response = handler(can_fulfill(intent, slots), None)
    # THEN the answer says so, slot by slot
    answer = response["response"]["canFulfillIntent"]
    assert answer["canFulfill"] == verdict
    assert {name: slot["canUnderstand"] for name, slot in (answer.get("slots") or {}).items()} == understood
    slots_fulfilled = {slot["canFulfill"] for slot in (answer.get("slots") or {}).values()}
    assert slots_fulfilled <= {"YES" if verdict == "YES" else "NO"}
    # and nothing is said, shown or remembered (Amazon: no observable interaction, no state change)
    assert_silent(response)
    assert not response.get("sessionAttributes")


def test_can_fulfill_without_an_intent_says_no(handler):
    event = can_fulfill("TopicIntent")
    del event["request"]["intent"]
    assert handler(event, None)["response"] == {"canFulfillIntent": {"canFulfill": "NO"}}


def test_can_fulfill_records_no_visit(tmp_path, monkeypatch):
    # GIVEN the skill with a visit log that counts every call
    from bone_mets import skill as skill_module
    from bone_mets.config import Config
    from conftest import CONTENT_FILE
    calls: list[Any] = []
    monkeypatch.setattr(skill_module.VisitLog, "record_visit", lambda self, hi: calls.append(hi) or 0)
    built = skill_module.build_skill(Config(content_path=CONTENT_FILE))
    # WHEN it answers a CanFulfillIntentRequest THEN no visit is recorded
    built.handle_event(can_fulfill("TopicIntent", {"topic": ("osteoblastic", "osteoblastic")}), None)
    assert calls == []
    # (while a launch is)
    built.handle_event(load_event("launch"), None)
    assert len(calls) == 1


def test_no_request_kind_logs_what_a_person_said_or_an_id(handler, caplog):
    # GIVEN every kind of request in the fixture, in and out of a session, and a CanFulfillIntentRequest
    events = [request_of(kind, session=session, screen=True) for kind in _kinds() if not kind.startswith("_")
              for session in (True, False)]
    events.append(can_fulfill("QuestionIntent", {"query": ("SECRET words said", None)}))
    with caplog.at_level(logging.DEBUG):
        for event in events:
            handler(event, None)
    # THEN no log line carries a secret of the fixtures (ids, messages, arguments, words)
    assert caplog.records
    for record in caplog.records:
        assert "SECRET" not in record.getMessage() and "TEST-0002" not in record.getMessage()


@pytest.mark.parametrize("slots", [
    {"symptom": ("", "0")},  # an id no slot type of ours has, with no words
    {"topic": ("osteoblastic", "another-skills-id")},
    {"danger": ("", "not-a-danger")},
])
def test_a_resolved_id_we_do_not_have_is_read_as_words_not_a_crash(dialog, slots):
    said = spoken(dialog.intent("AdviceRequestIntent", **slots))
    assert said and "went wrong" not in said
