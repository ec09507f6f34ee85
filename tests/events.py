"""Request fixtures (tests/fixtures/*.json) and a small conversation driver for the tests."""

from __future__ import annotations

import copy
import json
import re
from functools import cache
from pathlib import Path
from typing import Any
from collections.abc import Callable

FIXTURES = Path(__file__).parent / "fixtures"
# The acceptance harness's test for a call-your-doctor sentence, kept identical on purpose.
DOCTOR = re.compile(
    r"\b(call|contact|phone|ring|see|visit|reach|tell|let|talk (to|with)|speak (to|with)|get in touch with)\b"
    r".*\b(doctor|healthcare (professional|provider|team)|health care (professional|provider|team)|care team"
    r"|physician|GP|medical team|emergency services|nine one one|911|999|000|112)\b", re.I)

Handler = Callable[[dict[str, Any], Any], dict[str, Any]]


@cache
def _read(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


def load_event(name: str, *, locale: str | None = None, attributes: dict[str, Any] | None = None,
               skill_id: str | None = None) -> dict[str, Any]:
    """A fresh copy of fixture `name`, optionally with another locale, session attributes or skill id."""
    event = copy.deepcopy(_read(name))
    if locale is not None:
        event["request"]["locale"] = locale
    if attributes is not None:
        event["session"]["attributes"] = copy.deepcopy(attributes)
    if skill_id is not None:
        event["session"]["application"]["applicationId"] = skill_id
        event["context"]["System"]["application"]["applicationId"] = skill_id
    return event


def intent_event(intent: str, slots: dict[str, tuple[str, str | None]] | None = None,
                 **options: Any) -> dict[str, Any]:
    """An IntentRequest built on the template fixture; slots map name -> (spoken value, resolved id or None)."""
    event = load_event("intent_template", **options)
    event["request"]["intent"]["name"] = intent
    for name, (value, value_id) in (slots or {}).items():
        status = "ER_SUCCESS_MATCH" if value_id else "ER_SUCCESS_NO_MATCH"
        authority = {"authority": f"amzn1.er-authority.echo-sdk.skill.{name}", "status": {"code": status}}
        if value_id:
            authority["values"] = [{"value": {"name": value, "id": value_id}}]
        event["request"]["intent"]["slots"][name] = {
            "name": name, "value": value, "confirmationStatus": "NONE",
            "resolutions": {"resolutionsPerAuthority": [authority]}}
    return event


def spoken(response: dict[str, Any]) -> str:
    """What Alexa would say: the SSML with tags stripped, as the acceptance harness reads it."""
    speech = (response.get("response") or {}).get("outputSpeech") or {}
    raw = speech.get("ssml") or speech.get("text") or ""
    return " ".join(re.sub(r"<[^>]*>", " ", raw).replace("&amp;", "&").split())


def reprompt(response: dict[str, Any]) -> str:
    speech = ((response.get("response") or {}).get("reprompt") or {}).get("outputSpeech") or {}
    return " ".join(re.sub(r"<[^>]*>", " ", speech.get("ssml") or "").split())


def card_form(sentence: str) -> str:
    """A spoken sentence as a card shows it: without what only makes sense spoken ("say repeat")."""
    return re.sub(r",? (and |or )?say repeat\b[^.!?]*", "", sentence)


def card_text(response: dict[str, Any]) -> str | None:
    card = (response.get("response") or {}).get("card")
    return card.get("content") if card else None


def sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]


def ends_session(response: dict[str, Any]) -> bool | None:
    return (response.get("response") or {}).get("shouldEndSession")


class Dialog:
    """Turns of one session: each response's session attributes go into the next request."""

    def __init__(self, handler: Handler, locale: str = "en-US") -> None:
        self.handler = handler
        self.locale = locale
        self.attributes: dict[str, Any] = {}

    def send(self, event: dict[str, Any]) -> dict[str, Any]:
        event["request"]["locale"] = self.locale
        event["session"]["attributes"] = copy.deepcopy(self.attributes)
        response = self.handler(event, None)
        self.attributes = response.get("sessionAttributes") or {}
        return response

    def launch(self) -> dict[str, Any]:
        return self.send(load_event("launch"))

    def fixture(self, name: str) -> dict[str, Any]:
        return self.send(load_event(name))

    def intent(self, intent: str, **slots: tuple[str, str | None]) -> dict[str, Any]:
        return self.send(intent_event(intent, slots))
