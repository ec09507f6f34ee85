"""`make nlu-check`: phrasings through real Alexa's NLU, checked offline with a recorded response."""

from __future__ import annotations

from pathlib import Path

import nlu_profile
from events import FIXTURES

RECORDED = FIXTURES / "nlu_profile" / "recorded.json"


def test_a_recorded_profile_reports_only_the_phrasing_alexa_misroutes(tmp_path: Path, capsys):
    # GIVEN four phrasings, and Alexa's recorded answers: three reach the right answer
    # through the skill, and "what is osteoblastic" went to the fallback
    phrasings = tmp_path / "phrasings.txt"
    phrasings.write_text("# header\nwhat is ablation|ablation\ni have chest pain|emergency\n"
                         "should i go to the hospital|advice\nwhat is osteoblastic|osteoblastic\n", encoding="utf-8")
    # WHEN the check runs
    code = nlu_profile.main(["--recorded", str(RECORDED), "--phrasings", str(phrasings)])
    out = capsys.readouterr().out
    # THEN only the misrouted phrasing is reported, with what Alexa heard, and the run fails
    assert code == 1
    assert "'what is osteoblastic': Alexa heard AMAZON.FallbackIntent, answered -, expected osteoblastic" in out
    assert "ablation'" not in out and "chest pain'" not in out and "hospital'" not in out
    assert "3 of 4 phrasings reach their answer on Alexa (en-US)" in out


def test_without_a_skill_id_it_says_what_to_give(capsys):
    assert nlu_profile.main(["--skill-id", ""]) == 2
    assert "SKILL_ID" in capsys.readouterr().err


def test_a_missing_recording_names_the_utterance(tmp_path: Path):
    phrasings = tmp_path / "phrasings.txt"
    phrasings.write_text("what is surgery|surgery\n", encoding="utf-8")
    try:
        nlu_profile.main(["--recorded", str(RECORDED), "--phrasings", str(phrasings)])
    except KeyError as exc:
        assert "what is surgery" in str(exc)
    else:
        raise AssertionError("a phrasing without a recording must not pass silently")
