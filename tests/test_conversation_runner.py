"""`make conversations`: the project's runner (tools/conversations/) reads the case file format,
speaks through virtual-alexa, and counts passes and failures as the reference harness does."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conversations import cases, npm
from conversations import run as runner

ROOT = Path(__file__).resolve().parent.parent
RUN = ROOT / "tools" / "conversations" / "run.py"
SETS = [ROOT / "tests" / name for name in ("conversations.json", "conversations_natural.json",
                                           "conversations_safety.json")]
MISSING = npm.missing_tools()
needs_node = pytest.mark.skipif(bool(MISSING), reason=f"{' and '.join(MISSING)} not on PATH: the runner "
                                "speaks through virtual-alexa, a Node package from npm")


def write(tmp_path: Path, name: str, data: Any) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def speak(*files: Path, args: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(RUN), *args, *map(str, files)], cwd=ROOT, capture_output=True,
                          text=True, timeout=900)


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.name)
def test_the_project_sets_follow_the_format(path):
    assert cases.load(path)


def turn(expect: dict[str, Any]) -> dict[str, Any]:
    return {"cases": [{"id": "x", "turns": [{"say": "what is osteoblastic", "expect": expect}]}]}


@pytest.mark.parametrize(("data", "message"), [
    (turn({"urgnet": True}), "cases[0] ('x').turns[0].expect.urgnet: unknown check (known: all, none,"),
    (turn({"repeats": 1}), ".turns[0].expect.repeats: expected the number of an earlier turn (0 is the launch"),
    (turn({"all": ["new bone"]}), ".turns[0].expect.all: expected a list of non-empty lists of phrases"),
    (turn({"all": [[]]}), ".expect.all: expected a list of non-empty lists of phrases"),
    (turn({"none": "giraffe"}), ".expect.none: expected a list of phrases"),
    (turn({"end": "no"}), ".expect.end: expected true or false"),
    ({"cases": [{"id": "x", "launch": {"repeats": 0}}]}, "cases[0] ('x').launch.repeats: the launch has no earlier"),
    ({"cases": [{"id": "x", "turns": [{"expect": {}}]}]}, "cases[0] ('x').turns[0].say: expected a non-empty string"),
    ({"cases": [{"id": "x", "turns": [{"say": "hi", "unmatched": True}]}]}, ".turns[0].unmatched: unknown field"),
    ({"cases": [{"id": "x", "locale": "english", "turns": []}]}, "cases[0] ('x').locale: expected a locale like"),
    ({"cases": [{"turns": []}]}, "cases[0].id: expected a non-empty string"),
    ({"case": []}, 'expected an object with a list of "cases"'),
])
def test_a_broken_case_file_is_refused_with_the_place_named(tmp_path, data, message):
    path = write(tmp_path, "broken.json", data)
    with pytest.raises(cases.CaseFileError) as refused:
        cases.load(path)
    assert str(refused.value).startswith(f"{path}: ")
    assert message in str(refused.value)


def test_a_file_that_is_not_json_is_refused(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"cases": [', encoding="utf-8")
    with pytest.raises(cases.CaseFileError, match=r"broken\.json: not JSON"):
        cases.load(path)


def test_the_runner_refuses_a_broken_file_before_it_speaks(tmp_path, capsys):
    # GIVEN a good file and one with a misspelt check
    good = write(tmp_path, "good.json", turn({"end": False}))
    bad = write(tmp_path, "bad.json", turn({"ned": False}))
    # WHEN they are run: THEN nothing is spoken, and the message names the file and the place
    assert runner.main([str(good), str(bad)]) == 2
    assert f"conversations: {bad}: cases[0] ('x').turns[0].expect.ned: unknown check" in capsys.readouterr().err


def test_a_locale_without_an_interaction_model_is_refused(tmp_path, capsys):
    path = write(tmp_path, "nz.json", {"cases": [{"id": "kiwi", "locale": "en-NZ", "turns": []}]})
    assert runner.main([str(path)]) == 2
    assert "case 'kiwi': no interaction model for en-NZ" in capsys.readouterr().err


@pytest.mark.slow
@needs_node
def test_one_pass_and_one_deliberate_failure_are_counted(tmp_path):
    # GIVEN a conversation that passes and one that cannot (no answer speaks of giraffes)
    path = write(tmp_path, "two.json", {"cases": [
        {"id": "passes", "turns": [{"say": "what is osteoblastic",
                                    "expect": {"all": [["new bone"]], "urgent": False, "end": False}}]},
        {"id": "fails on purpose", "turns": [{"say": "what is osteoblastic", "expect": {"all": [["giraffe"]]}}]},
    ]})
    # WHEN the runner speaks them
    result = speak(path)
    # THEN the failure is named, the counts come last, and the exit status says a conversation failed
    lines = result.stdout.splitlines()
    assert lines[-1] == "1 passed, 1 failed", result.stdout + result.stderr
    assert len(lines) == 2
    assert lines[0].startswith('FAIL fails on purpose: turn 1 "what is osteoblastic": expected one of [giraffe] '
                               '(said: "Osteoblastic')
    assert result.returncode == 1


@pytest.mark.slow
@needs_node
def test_each_file_is_counted_then_all_with_the_locale_model_and_open_slots(tmp_path):
    # GIVEN an unlisted word in a custom slot (Alexa hears it; virtual-alexa alone would not),
    # and an emergency in en-GB, answered with the UK's emergency number
    open_slot = write(tmp_path, "open.json", {"cases": [
        {"id": "open slot", "turns": [{"say": "what is a giraffe", "expect": {"nonempty": True, "end": False}}]}]})
    british = write(tmp_path, "gb.json", {"cases": [
        {"id": "gb emergency", "locale": "en-GB",
         "turns": [{"say": "my husband is not breathing", "expect": {"all": [["999"]], "none": ["911"],
                                                                     "urgent": True}}]}]})
    # WHEN both files are run, verbosely
    result = speak(open_slot, british, args=("--verbose",))
    lines = result.stdout.splitlines()
    # THEN the open slot carried the words, each file has its line, and the total comes last
    assert any(line.startswith('     open slots: "what is a giraffe" -> ') and "giraffe" in line for line in lines), \
        result.stdout
    assert f"{open_slot}: 1 passed, 0 failed" in lines
    assert f"{british}: 1 passed, 0 failed" in lines
    assert lines[-1] == "2 passed, 0 failed"
    assert result.returncode == 0
