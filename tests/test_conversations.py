"""Whole conversations, in the acceptance harness's format (tests/conversations.json).

Each utterance goes through the interaction model (the simulator's matcher) and
`lambda_handler`. The same file runs under virtual-alexa too:
    ../shared/acceptance/run tests/conversations.json
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import voice_model
from events import DOCTOR, sentences, spoken
from simulator import Session
from utterance_matcher import UtteranceMatcher

CASES = json.loads((Path(__file__).parent / "conversations.json").read_text(encoding="utf-8"))["cases"]
MATCHER = UtteranceMatcher(voice_model.load_model(voice_model.model_path("en-US")))


def problems(expect: dict, response: dict, said: str) -> list[str]:
    found = []
    lower = said.lower()
    for group in expect.get("all", []):
        if not any(alternative.lower() in lower for alternative in group):
            found.append(f"expected one of {group}")
    body = response["response"]
    if expect.get("urgent"):
        if not DOCTOR.search(sentences(said)[-1]):
            found.append("urgent answer does not close with the doctor prompt")
        card = body.get("card")
        if card and not DOCTOR.search(card.get("content", "")):
            found.append("urgent card lacks the doctor prompt")
    if "end" in expect and body.get("shouldEndSession") is not expect["end"]:
        found.append(f"shouldEndSession should be {expect['end']}")
    if expect.get("end") is False and not body.get("reprompt"):
        found.append("open session without a reprompt")
    return found


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_conversation(handler, case):
    session = Session(handler, case.get("locale", "en-US"))
    session.launch()
    for number, turn in enumerate(case["turns"], 1):
        match = MATCHER.match(turn["say"])
        if match.intent == "AMAZON.FallbackIntent":
            assert turn.get("unmatched_ok"), f"turn {number} {turn['say']!r}: no intent matches"
        response = session.intent(match)
        said = spoken(response)
        found = problems(turn.get("expect", {}), response, said)
        assert not found, f"turn {number} {turn['say']!r}: {found} (said: {said!r})"
