"""Check the corpus's phrasings against real Alexa: `make nlu-check SKILL_ID=... [LOCALE=en-US]`.

For a deployed skill (development stage by default), each phrasing goes through Amazon's
utterance profiler with the ASK CLI (`ask smapi profile-nlu`), which reports the intent and
slots Alexa's own NLU picks. That intent and those slots are then sent to `lambda_handler`,
exactly as the offline phrasing test does with the simulator's matcher, and every phrasing
whose answer differs from what the file expects is reported. `--recorded FILE` reads the
profiler's answers from a JSON file ({utterance: response}) instead of calling the CLI, so
the check itself is tested offline. Not part of the Lambda artifact.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any
from collections.abc import Callable, Iterable

import corpus
from simulator import SKILL_ID, Session

ROOT = Path(__file__).resolve().parent.parent
PHRASINGS_ROUND = "r00-phrasings"  # the team's phrasings on every topic (corpus/r00-phrasings.txt)
Profiler = Callable[[str], dict[str, Any]]


class ProfiledMatch:
    """The profiler's selected intent, in the shape `Session.intent` sends."""

    def __init__(self, selected: dict[str, Any]) -> None:
        self.selected = selected

    def intent_request(self, skill_id: str) -> dict[str, Any]:
        return {"name": self.selected.get("name"), "confirmationStatus": "NONE",
                "slots": self.selected.get("slots") or {}}

    def describe(self) -> str:
        slots = " ".join(f"{name}={(slot or {}).get('value')!r}" for name, slot in
                         (self.selected.get("slots") or {}).items() if (slot or {}).get("value"))
        return f"{self.selected.get('name')} {slots}".strip()


def read_phrasings(path: Path | None = None) -> list[tuple[str, str]]:
    """(utterance, expected answer) pairs: a file of "utterance|expected" lines, or by default the
    corpus's phrasings round in those terms (corpus.expectations)."""
    if path is None:
        return corpus.expectations(corpus.read_file(corpus.CORPUS_DIR / f"{PHRASINGS_ROUND}.txt"))
    lines = path.read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("|")) for line in lines if line and not line.startswith("#")]  # type: ignore[misc]


def ask_cli_profiler(skill_id: str, locale: str, stage: str) -> Profiler:
    """Profile one utterance with `ask smapi profile-nlu` (needs `ask configure` done once)."""
    def profile(utterance: str) -> dict[str, Any]:
        result = subprocess.run(
            ["ask", "smapi", "profile-nlu", "--skill-id", skill_id, "--locale", locale, "--stage", stage,
             "--utterance", utterance], capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise RuntimeError(f"ask smapi profile-nlu failed for {utterance!r}: {result.stderr.strip()[:300]}")
        return json.loads(result.stdout)
    return profile


def recorded_profiler(path: Path) -> Profiler:
    try:
        recorded = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SystemExit(f"{path}: cannot be read as JSON ({exc})") from None
    if not isinstance(recorded, dict):
        raise SystemExit(f"{path}: must map each utterance to the profiler's response")

    def profile(utterance: str) -> dict[str, Any]:
        if utterance not in recorded:
            raise KeyError(f"{path}: no recorded response for {utterance!r}")
        return recorded[utterance]
    return profile


def answered(response: dict[str, Any], advice: str) -> str:
    """What an answer was about, in the phrasing file's terms (see test_phrasings.py)."""
    attributes = response.get("sessionAttributes") or {}
    if attributes.get("safety"):
        return attributes["safety"]
    if attributes.get("topic"):
        return attributes["topic"]
    speech = ((response.get("response") or {}).get("outputSpeech") or {}).get("ssml") or ""
    if advice in speech:
        return "advice"
    return "-"


def check(phrasings: Iterable[tuple[str, str]], profile: Profiler, skill, locale: str) -> list[str]:
    """Every phrasing whose answer, with Alexa's own intent and slots, differs from the file."""
    advice = skill.content.for_locale(locale).safety["advice.answer"].split(",")[0]
    problems = []
    for utterance, expected in phrasings:
        match = ProfiledMatch((profile(utterance) or {}).get("selectedIntent") or {})
        got = answered(Session(skill.handle_event, locale).intent(match), advice)
        if got != expected:
            problems.append(f"{utterance!r}: Alexa heard {match.describe() or 'nothing'}, answered {got}, "
                            f"expected {expected}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skill-id", default=None, help="the deployed skill's id (default: SKILL_ID)")
    parser.add_argument("--locale", default="en-US")
    parser.add_argument("--stage", default="development")
    parser.add_argument("--recorded", type=Path, help="read profiler responses from this JSON file")
    parser.add_argument("--phrasings", type=Path, default=None,
                        help="a file of utterance|expected lines (default: corpus/r00-phrasings.txt)")
    args = parser.parse_args(argv)
    if args.recorded:
        profile = recorded_profiler(args.recorded)
    else:
        skill_id = args.skill_id or (SKILL_ID if not SKILL_ID.startswith("amzn1.ask.skill.00000000") else None)
        if not skill_id:
            print("nlu-check: give the deployed skill id: make nlu-check SKILL_ID=amzn1.ask.skill...",
                  file=sys.stderr)
            return 2
        profile = ask_cli_profiler(skill_id, args.locale, args.stage)
    import lambda_function  # the skill as Lambda builds it

    phrasings = read_phrasings(args.phrasings)
    problems = check(phrasings, profile, lambda_function.SKILL, args.locale)
    for problem in problems:
        print(problem)
    print(f"{len(phrasings) - len(problems)} of {len(phrasings)} phrasings reach their answer on Alexa ({args.locale})")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
