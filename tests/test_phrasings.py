"""How people really ask: each phrasing reaches the right answer, in every locale's model.

tests/phrasings.txt lists utterances and the content id the answer must be about ("-" for
questions the article does not answer: those must get no topic, and keep listening; "advice",
"advice:<id>", "emergency" and "crisis" for the care-team and safety answers). Each is
matched against the interaction model the way Alexa matches exact phrasings (the
simulator's matcher), sent through `lambda_handler`, and the topic answered is checked.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import voice_model
from simulator import Session
from utterance_matcher import UtteranceMatcher
from conftest import LOCALES
from events import spoken

PHRASINGS = [tuple(line.split("|")) for line in
             (Path(__file__).parent / "phrasings.txt").read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]


@pytest.fixture(scope="module", params=LOCALES)
def locale_matcher(request):
    return request.param, UtteranceMatcher(voice_model.load_model(voice_model.model_path(request.param)))


def test_the_list_is_broad():
    topics = {topic for _, topic in PHRASINGS}
    assert len(PHRASINGS) >= 250 and len(topics) >= 30


def test_each_phrasing_reaches_its_answer(handler, content, locale_matcher):
    locale, matcher = locale_matcher
    wrong = []
    for utterance, expected in PHRASINGS:
        match = matcher.match(utterance)
        response = Session(handler, locale).intent(match)
        attributes = response.get("sessionAttributes") or {}
        answered = attributes.get("topic")
        kind, _, offered = expected.partition(":")
        if kind == "advice":
            advice = content.for_locale(locale).safety["advice.answer"]
            answered = expected if spoken(response).startswith(advice) and attributes.get("offer") == (
                offered or None) else f"{answered} (offer {attributes.get('offer')})"
        elif kind in ("emergency", "crisis"):
            answered = expected if attributes.get("safety") == kind else answered
        if expected == "-":
            expected = None
            assert response["response"]["shouldEndSession"] is False and response["response"]["reprompt"]
        if answered != expected:
            wrong.append(f"{utterance!r} -> {match.describe()} answered {answered}, expected {expected}")
    assert not wrong, "\n".join(wrong)
