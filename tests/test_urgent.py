"""Safety: every path that can speak an urgent answer ends with the call-your-doctor close.

The paths are enumerated from the content file, so a new urgent topic, aspect or symptom
phrase is covered without touching this test.
"""

from __future__ import annotations

from typing import Any
from collections.abc import Callable, Iterator

import pytest

from events import DOCTOR, Dialog, card_form, card_text, ends_session, reprompt, sentences, spoken
from conftest import LOCALES

Step = Callable[[Dialog], dict[str, Any]]


def urgent_paths(content) -> Iterator[tuple[str, str, list[Step]]]:
    """(topic id, path name, steps) for every way to reach an urgent answer."""
    topics = content.default.topics
    urgent = [t for t in topics.values() if t.urgent]
    for topic in urgent:
        if topic.synonyms:
            def ask(d, t=topic):
                return d.intent("TopicIntent", topic=(t.synonyms[0], t.id))
            yield topic.id, "asked", [ask]
            yield topic.id, "asked, more", [ask, lambda d: d.fixture("more")]
            yield topic.id, "asked, yes", [ask, lambda d: d.fixture("yes")]
            yield topic.id, "asked, more, more (nothing left)", [ask] + [lambda d: d.fixture("more")] * 2
            yield topic.id, "asked, repeat", [ask, lambda d: d.fixture("repeat")]
            yield topic.id, "asked, more, repeat", [ask, lambda d: d.fixture("more"), lambda d: d.fixture("repeat")]
            for aspect in content.aspects.values():
                # "what are the side effects of spinal cord compression?": answered or not, it is urgent
                def named(d, t=topic, a=aspect):
                    return d.intent(a.intent, topic=(t.synonyms[0], t.id))
                yield topic.id, f"{aspect.intent} naming it", [named]
                yield topic.id, f"{aspect.intent} naming it, yes", [named, lambda d: d.fixture("yes")]
                yield topic.id, f"asked, then {aspect.intent}", [ask, lambda d, a=aspect: d.intent(a.intent)]
        if topic.report:
            def report(d, t=topic):
                return d.intent("SymptomReportIntent", symptom=(t.report_phrases[0], t.id))
            yield topic.id, "reported", [report]
            for n in (1, 2, 3):
                yield topic.id, f"reported, more x{n}", [report] + [lambda d: d.fixture("more")] * n
            yield topic.id, "reported, yes", [report, lambda d: d.fixture("yes")]

            def in_own_words(d, t=topic):  # unresolved: the understanding module reads it
                return d.intent("SymptomReportIntent", symptom=(f"{t.report_phrases[0]} for weeks now", None))
            yield topic.id, "reported in other words", [in_own_words]
            yield topic.id, "reported in other words, repeat", [in_own_words, lambda d: d.fixture("repeat")]
            yield topic.id, "reported, repeat", [report, lambda d: d.fixture("repeat")]
    default = content.slot_defaults["symptom"]
    yield default, "unmatched report", [lambda d: d.fixture("report_unmatched")]
    # Aspects whose answer is itself urgent, asked with no topic at all
    for aspect in content.aspects.values():
        if topics[aspect.default].urgent:
            yield aspect.default, f"{aspect.intent} alone", [lambda d, a=aspect: d.intent(a.intent)]


def _cases(content) -> list[tuple[str, str, list[Step]]]:
    return list(urgent_paths(content))


def pytest_generate_tests(metafunc):
    if "urgent_path" in metafunc.fixturenames:
        import conftest
        from bone_mets.content import load_content
        content = load_content(conftest.CONTENT_FILE)
        cases = _cases(content)
        metafunc.parametrize("urgent_path", cases, ids=[f"{t}: {p}" for t, p, _ in cases])


def test_the_enumeration_covers_every_urgent_topic(content):
    # GIVEN the urgent topics in the content file
    urgent = {t.id for t in content.default.topics.values() if t.urgent}
    # THEN each is reached by at least one enumerated path, and the list is not trivially short
    reached = {topic_id for topic_id, _, _ in urgent_paths(content)}
    assert urgent and urgent <= reached
    assert len(list(urgent_paths(content))) > 50


@pytest.mark.parametrize("locale", LOCALES)
def test_every_urgent_path_closes_with_the_doctor_prompt(handler, content, urgent_path, locale):
    topic_id, _, steps = urgent_path
    local = content.for_locale(locale)
    # GIVEN a session in this locale WHEN the path is walked
    dialog = Dialog(handler, locale=locale)
    for step in steps:
        response = step(dialog)
    said = spoken(response)
    last = sentences(said)[-1]
    # THEN the last spoken sentence is a close (the emergency one wins when any topic
    # involved is an emergency), it reads as a call-your-doctor prompt, the card ends
    # with it, and the session stays open with an invitation in the reprompt
    closes = {close.replace("{emergency_number}", local.emergency_number)
              for kind in ("doctor", "emergency") for close in local.closes[kind]}
    assert last in closes, said
    assert DOCTOR.search(last)
    assert card_text(response).endswith(card_form(last)) and "say repeat" not in card_text(response)
    assert ends_session(response) is False and reprompt(response)
    if local.topics[topic_id].urgent == "emergency":
        assert local.emergency_number in last
