"""The conversation case file format, read and checked before anything is spoken.

    {"cases": [{"id": "...", "locale": "en-GB",            # locale: optional, en-US by default
                "launch": {CHECKS},                           # optional: checks on the welcome
                "turns": [{"say": "...", "expect": {CHECKS}, "unmatched_ok": true}]}]}

CHECKS (all optional) are what harness.js checks on a response:
    all       list of groups of phrases: the speech contains one phrase of every group
    none      list of phrases: the speech contains none of them
    urgent    true: the last spoken sentence (and the card, if any) tells the person to call
              their doctor or the emergency number; false checks nothing
    end       true or false: shouldEndSession, exactly; an open session must carry a reprompt
    repeats   N: the speech repeats the first sentence of turn N (0 is the launch)
    nonempty  true: something was said
A typo in a check's name would make a check that cannot fail, so unknown names are refused,
with the file and the place named.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

CHECKS = ("all", "none", "urgent", "end", "repeats", "nonempty")
CASE_KEYS = ("id", "locale", "launch", "turns")
# "meaning" and "topic": the writer's label of a turn, for the reader's corpus (tools/corpus.py
# add-round); no check reads them.
TURN_KEYS = ("say", "expect", "unmatched_ok", "meaning", "topic")
DEFAULT_LOCALE = "en-US"
_LOCALE = re.compile(r"^[a-z]{2}-[A-Z]{2}$")


class CaseFileError(ValueError):
    """A case file that cannot be read, or that breaks the format; the message names the place."""


def load(path: Path) -> list[dict[str, Any]]:
    """The cases of one file, checked against the format."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise CaseFileError(f"{path}: cannot be read ({error.strerror})") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CaseFileError(f"{path}: not JSON ({error})") from None
    if not isinstance(data, dict) or not isinstance(data.get("cases"), list):
        raise CaseFileError(f"{path}: expected an object with a list of \"cases\"")
    for index, case in enumerate(data["cases"]):
        _check_case(path, index, case)
    return data["cases"]


def locale_of(case: dict[str, Any]) -> str:
    """The request locale of a case."""
    return case.get("locale") or DEFAULT_LOCALE


def _check_case(path: Path, index: int, case: Any) -> None:
    where = f"{path}: cases[{index}]"
    if not isinstance(case, dict):
        raise CaseFileError(f"{where}: expected an object")
    if not isinstance(case.get("id"), str) or not case["id"].strip():
        raise CaseFileError(f"{where}.id: expected a non-empty string")
    where = f"{path}: cases[{index}] ({case['id']!r})"
    _only(where, case, CASE_KEYS)
    if "locale" in case and not (isinstance(case["locale"], str) and _LOCALE.match(case["locale"])):
        raise CaseFileError(f"{where}.locale: expected a locale like en-GB, not {case['locale']!r}")
    if "launch" in case:
        _check_expect(f"{where}.launch", case["launch"], turn=0)
    turns = case.get("turns", [])
    if not isinstance(turns, list):
        raise CaseFileError(f"{where}.turns: expected a list")
    for number, turn in enumerate(turns, 1):
        place = f"{where}.turns[{number - 1}]"
        if not isinstance(turn, dict):
            raise CaseFileError(f"{place}: expected an object")
        _only(place, turn, TURN_KEYS)
        if not isinstance(turn.get("say"), str) or not turn["say"].strip():
            raise CaseFileError(f"{place}.say: expected a non-empty string")
        if "unmatched_ok" in turn and not isinstance(turn["unmatched_ok"], bool):
            raise CaseFileError(f"{place}.unmatched_ok: expected true or false")
        if "expect" in turn:
            _check_expect(f"{place}.expect", turn["expect"], turn=number)


def _check_expect(where: str, expect: Any, turn: int) -> None:
    if not isinstance(expect, dict):
        raise CaseFileError(f"{where}: expected an object of checks")
    _only(where, expect, CHECKS, what="check")
    groups = expect.get("all", [])
    if not isinstance(groups, list) or not all(_phrases(group) and len(group) > 0 for group in groups):
        raise CaseFileError(f"{where}.all: expected a list of non-empty lists of phrases")
    if not _phrases(expect.get("none", [])):
        raise CaseFileError(f"{where}.none: expected a list of phrases")
    for name in ("urgent", "end", "nonempty"):
        if name in expect and not isinstance(expect[name], bool):
            raise CaseFileError(f"{where}.{name}: expected true or false")
    if "repeats" in expect:
        repeats = expect["repeats"]
        # Only an earlier turn: turn N's own speech would always "repeat" itself.
        if turn == 0:
            raise CaseFileError(f"{where}.repeats: the launch has no earlier turn to repeat")
        if isinstance(repeats, bool) or not isinstance(repeats, int) or not 0 <= repeats < turn:
            raise CaseFileError(f"{where}.repeats: expected the number of an earlier turn "
                                f"(0 is the launch, up to {turn - 1}), not {repeats!r}")


def _phrases(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(p, str) and p.strip() for p in value)


def _only(where: str, obj: dict[str, Any], known: tuple[str, ...], what: str = "field") -> None:
    for key in obj:
        if key not in known:
            raise CaseFileError(f"{where}.{key}: unknown {what} (known: {', '.join(known)})")
