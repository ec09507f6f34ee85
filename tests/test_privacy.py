"""Logs never carry user, device or token identifiers, or what a person said."""

from __future__ import annotations

import logging

from events import intent_event, load_event

SECRETS = ("SECRET", "TESTSESSION", "bone pain", "pancreatic", "a headache")


def test_no_identifiers_or_speech_in_logs_on_any_path(handler, caplog):
    # GIVEN every fixture, some with slot values, plus malformed and failing requests
    events = [load_event(p.stem) for p in (load_event.__globals__["FIXTURES"]).glob("*.json")]
    events.append(intent_event("MadeUpIntent", {"topic": ("bone pain", None)}))
    broken = load_event("report_pain")
    broken["request"]["timestamp"] = "not a time SECRET"
    events.append(broken)
    # WHEN they are all handled with logging at its most verbose
    with caplog.at_level(logging.DEBUG):
        for event in events:
            handler(event, None)
    # THEN something was logged, and none of it is an identifier or a person's words
    assert caplog.records
    for record in caplog.records:
        line = record.getMessage()
        for secret in SECRETS:
            assert secret not in line, line


def test_session_attributes_hold_no_speech(dialog):
    # What a person said never goes into the session: only content ids and our own words.
    dialog.intent("SymptomReportIntent", symptom=("my legs feel numb", "spinal_cord_compression"))
    assert "my legs feel numb" not in str(dialog.attributes)
