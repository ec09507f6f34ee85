"""`make bst-export`: the conversation sets as Bespoken `bst test` YAML, in unit-test mode.

    build/bst/testing.json               unit mode: the skill's URL, the application id, no coverage
    build/bst/.env                       keeps bst's results and statistics on this machine (below)
    build/bst/<set>.<locale>.test.yml    one file per case file and locale, one test per conversation

Bespoken's unit mode (https://read.bespoken.io/unit-testing/guide/) runs on virtual-alexa, whose
matching is strict: a custom slot must hold one of its type's values or synonyms, where Alexa
(and `make conversations`) fills it with other words too. So every turn's intent and slots are
pinned here from the project's offline matcher (utterance_matcher.py, which follows the same
open-slot rule) and sent with `intent:`, not matched again by bst; the utterance is the turn's
name. The skill is Python, and unit mode runs a Node handler or POSTs to `skillURL`, so the
tests POST to a URL: `make serve ARGS=--no-verify` (http://127.0.0.1:5000/, the default here),
or lambda_handler on loopback (`python tools/conversations/shim.py`). Then `cd build/bst &&
bst test`; or `make bst-test`, which does all of it with bespoken-tools from npm.

By default `bst test` uploads every result (utterances and responses) to Bespoken's API and
sends usage statistics. The .env written here, which bst reads from the folder it runs in,
sends the upload to the skill's own server instead (which answers it with a 404) and turns the
statistics off; delete those lines to use Bespoken's dashboard.

What each check of the case file (conversations/cases.py) becomes. bst reads `prompt` as the
speech's SSML; the regular expressions read it as the harness reads text: tags skipped, never
matched inside a tag, "&" written "&amp;", case ignored.
    all       a `prompt` regex per group: one of its phrases
    none      a `prompt` regex per phrase, a negative lookahead
    urgent    a `prompt` regex: the last sentence holds the call-your-doctor prompt (the harness's
              DOCTOR); and `cardContent` holds it. These two regexes are long: the YAML names them
              (DOCTOR_IN_LAST_SENTENCE, DOCTOR_IN_CARD) and testing.json's findReplace spells them out
    end       `response.shouldEndSession` true or false; an open session also a `reprompt`
    nonempty  a `prompt` regex: some text outside the tags
    unmatched_ok  nothing to check: the matcher's AMAZON.FallbackIntent is what is sent
    locale    the file's configuration
What bst cannot express, and how the export differs from `make conversations` (a comment in the
YAML marks each check left out and each turn no intent matches):
    repeats   bst compares a response with fixed values, never with an earlier response: left out.
    urgent    the harness checks the card only if there is one; bst cannot make an assertion
              conditional, so the export asks for the card (the skill sends one with every answer).
    none      with no speech at all the harness passes `none` (nothing was said); bst fails it,
              as a regex cannot match a missing prompt.
    matching  the harness lets virtual-alexa match the words, and opens slots only when nothing
              matches; the export sends what the offline matcher heard. A turn the matcher sends
              to AMAZON.FallbackIntent without unmatched_ok fails in `make conversations`; it is
              exported as sent, with a comment. Where two samples tie on carrier text, the
              matcher and the harness may split the words between slots differently (they count
              the spaces between a sample's literal pieces differently); the intent is the same.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import voice_model
from conversations import cases, npm
from conversations.shim import APPLICATION_ID, LoopbackSkill
from utterance_matcher import Match, UtteranceMatcher

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "build" / "bst"
SETS = [ROOT / "tests" / name for name in ("conversations.json", "conversations_natural.json",
                                           "conversations_safety.json")]
SERVE_URL = "http://127.0.0.1:5000/"  # make serve's default port
BESPOKEN_TOOLS = ("bespoken-tools", "2.6.7")

# SSML read as text: what separates words (white space or tags), and "not inside a tag" (the
# next angle bracket is not a closing one). Lookaheads only, so Python's re reads them as
# JavaScript does, and the tests can check them here.
_TAG = r"<[^>]*>"
_GAP = rf"(?:\s|{_TAG})+"
_OUTSIDE = r"(?![^<>]*>)"
# Where the harness splits sentences: after . ! or ?, white space (a tag reads as a space),
# then more text.
_BOUNDARY = rf"{_OUTSIDE}[.!?]{_GAP}(?=[^\s<])"
_IN_SENTENCE = rf"(?:(?!{_BOUNDARY})[\s\S])"
# The harness's DOCTOR (harness.js), as words: a verb, then, later in the sentence, whom to call.
DOCTOR_VERBS = ("call", "contact", "phone", "ring", "see", "visit", "reach", "tell", "let", "talk to", "talk with",
                "speak to", "speak with", "get in touch with")
DOCTOR_WHOM = ("doctor", "healthcare professional", "healthcare provider", "healthcare team",
               "health care professional", "health care provider", "health care team", "care team", "physician",
               "GP", "medical team", "emergency services", "nine one one", "911", "999", "000", "112")


def _escape(text: str) -> str:
    """A regex for `text` itself, the same in JavaScript and Python (and safe between slashes)."""
    return re.sub(r"[.*+?^${}()|[\]\\/]", r"\\\g<0>", text)


def phrase_pattern(phrase: str) -> str:
    """A regex finding `phrase` in SSML where the harness would find it in the spoken text."""
    words = [_escape(word).replace("&", "&amp;") for word in phrase.split()]
    lead = _GAP if phrase[:1].isspace() else ""
    tail = _GAP if phrase[-1:].isspace() else ""
    return _OUTSIDE + lead + _GAP.join(words) + tail


def _any_of(phrases: Iterable[str]) -> str:
    return "(?:" + "|".join(phrases) + ")"


def _words(phrases: Iterable[str], gap: str) -> str:
    return r"\b" + _any_of(gap.join(map(_escape, p.split())) for p in phrases) + r"\b"


def doctor_text() -> str:
    """The harness's DOCTOR, for plain text (a card)."""
    return _words(DOCTOR_VERBS, " ") + ".*" + _words(DOCTOR_WHOM, " ")


def doctor_last_sentence() -> str:
    """SSML whose last sentence holds the DOCTOR prompt."""
    return (f"(?:^|{_BOUNDARY}){_IN_SENTENCE}*?{_OUTSIDE}{_words(DOCTOR_VERBS, _GAP)}"
            f"{_IN_SENTENCE}*?{_OUTSIDE}{_words(DOCTOR_WHOM, _GAP)}{_IN_SENTENCE}*$")


NONEMPTY = r"(?:^|>)[^<>]*[^\s<>]"
# The two long regexes are written once, in testing.json's findReplace (which bst applies to
# each YAML file's text before reading it), and named in the tests.
FIND_REPLACE = {"DOCTOR_IN_LAST_SENTENCE": f"/{doctor_last_sentence()}/i", "DOCTOR_IN_CARD": f"/{doctor_text()}/i"}


def assertions(expect: dict[str, Any]) -> tuple[list[tuple[str, Any]], list[str]]:
    """The bst assertions (path, value) for one response's checks, and comments on what is left out."""
    found: list[tuple[str, Any]] = []
    notes: list[str] = []
    for group in expect.get("all", []):
        found.append(("prompt", f"/{_any_of(map(phrase_pattern, group))}/i"))
    for phrase in expect.get("none", []):
        found.append(("prompt", rf"/^(?![\s\S]*{phrase_pattern(phrase)})/i"))
    if expect.get("urgent"):
        found.append(("prompt", "DOCTOR_IN_LAST_SENTENCE"))
        found.append(("cardContent", "DOCTOR_IN_CARD"))
    if "end" in expect:
        found.append(("response.shouldEndSession", expect["end"]))
        if expect["end"] is False:
            found.append(("reprompt", "/./"))
    if expect.get("nonempty"):
        found.append(("prompt", f"/{NONEMPTY}/"))
    if "repeats" in expect:
        notes.append(f"not checked: repeats turn {expect['repeats']} (bst cannot compare with an earlier response)")
    return found, notes


def _quote(value: Any) -> str:
    """A YAML scalar: JSON's double-quoted strings and literals are YAML too."""
    return json.dumps(value, ensure_ascii=False)


def _interaction(label: str, pinned: list[str], expect: dict[str, Any] | None, notes: list[str]) -> list[str]:
    found, more = assertions(expect or {})
    lines = [f"# {note}" for note in notes + more]
    if not pinned and not found:
        return [*lines, f"- {_quote(label)}"]
    lines.append(f"- {_quote(label)}:")
    lines.extend(pinned)
    lines.extend(f"  - {path}: {_quote(value)}" for path, value in found)
    return lines


def pin(match: Match) -> list[str]:
    """The `intent:` element of an interaction: the intent and the words each slot heard."""
    lines = [f"  - intent: {match.intent}"]
    lines.extend(f"    {slot.name}: {_quote(slot.value)}" for slot in match.slots)
    return lines


def conversation_yaml(case: dict[str, Any], matcher: UtteranceMatcher) -> list[str]:
    """One conversation as a bst test: the launch, then each turn with its intent pinned."""
    lines = ["---", f"- test: {_quote(case['id'])}"]
    lines += _interaction("LaunchRequest", [], case.get("launch"), [])
    for number, turn in enumerate(case.get("turns", []), 1):
        match = matcher.match(turn["say"])
        notes = []
        if match.intent == "AMAZON.FallbackIntent" and not turn.get("unmatched_ok"):
            notes.append(f"turn {number}: no intent matches and unmatched_ok is not set: "
                         "this conversation fails in make conversations")
        lines += _interaction(turn["say"], pin(match), turn.get("expect"), notes)
    return lines


def sample(found: list[dict[str, Any]], count: int) -> list[dict[str, Any]]:
    """`count` cases spread evenly over the file (all of them if it has no more)."""
    if count >= len(found):
        return found
    return [found[index * len(found) // count] for index in range(count)]


def export(files: list[Path], out: Path = OUT, per_file: int | None = None, skill_url: str = SERVE_URL) -> list[Path]:
    """Write testing.json and the test files; the test files written. Raises CaseFileError."""
    loaded = {path: cases.load(path) for path in files}
    stems = [path.stem for path in loaded]
    if len(set(stems)) < len(stems):
        raise cases.CaseFileError(f"two case files share a name, and so would their test files: {stems}")
    for path, found in loaded.items():
        for case in found:
            model = voice_model.model_path(cases.locale_of(case))
            if not model.exists():
                raise cases.CaseFileError(f"{path}: case {case['id']!r}: no interaction model for "
                                          f"{cases.locale_of(case)} ({model})")
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob("*.test.yml"):  # only what an earlier export wrote
        stale.unlink()
    (out / "testing.json").write_text(json.dumps({
        "type": "unit",
        "platform": "alexa",
        "skillURL": skill_url,
        "applicationId": APPLICATION_ID,
        "html": False,
        "jest": {"collectCoverage": False},
        # the text that replaces each name in the YAML source: inside double quotes, so escaped as there
        "findReplace": {name: _quote(regex)[1:-1] for name, regex in FIND_REPLACE.items()},
    }, indent=2) + "\n", encoding="utf-8")
    (out / ".env").write_text(private_env(skill_url), encoding="utf-8")
    matchers: dict[str, UtteranceMatcher] = {}
    written = []
    for path, found in loaded.items():
        chosen = sample(found, per_file) if per_file else found
        by_locale: dict[str, list[dict[str, Any]]] = {}
        for case in chosen:
            by_locale.setdefault(cases.locale_of(case), []).append(case)
        for locale, group in sorted(by_locale.items()):
            model = voice_model.model_path(locale)
            if locale not in matchers:
                matchers[locale] = UtteranceMatcher(voice_model.load_model(model))
            lines = [f"# Generated by tools/bst_export.py from {_relative(path)}: do not edit; "
                     "see the generator for what each assertion means.",
                     "---", "configuration:", f"  locale: {locale}",
                     f"  interactionModel: {_quote(_model_reference(model, out))}"]
            for case in group:
                lines += conversation_yaml(case, matchers[locale])
            target = out / f"{path.stem}.{locale}.test.yml"
            target.write_text("\n".join(lines) + "\n", encoding="utf-8")
            written.append(target)
    return written


def private_env(skill_url: str) -> str:
    """The .env that keeps a bst run's results and statistics on this machine."""
    return ("# Written by tools/bst_export.py. bst test would upload every result to Bespoken's API and send\n"
            "# usage statistics: the upload goes to the skill's own server instead, statistics are off.\n"
            f"BESPOKEN_API_BASE_URL={_origin(skill_url)}\nSKIP_STATISTICS=true\n")


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _model_reference(model: Path, out: Path) -> str:
    """The model's path as testing.json's folder sees it: relative inside the repository, so it moves with it."""
    try:
        out.resolve().relative_to(ROOT)
    except ValueError:
        return str(model.resolve())
    return os.path.relpath(model.resolve(), out.resolve())


def _relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def bst_test(out: Path = OUT, env: dict[str, str] | None = None, capture: bool = False,
             timeout: float = 900) -> subprocess.CompletedProcess:
    """Run `bst test` (bespoken-tools from npm, cached) on an export, against lambda_handler on loopback.

    Raises NpmUnavailable when bespoken-tools cannot be installed.
    """
    bst = npm.node_modules(*BESPOKEN_TOOLS) / ".bin" / "bst"
    with LoopbackSkill() as skill:
        private = {"BESPOKEN_API_BASE_URL": _origin(skill.url), "SKIP_STATISTICS": "true"}
        return subprocess.run([str(bst), "test", "--skillURL", skill.url], cwd=out, timeout=timeout,
                              capture_output=capture, text=True,
                              env={**os.environ, **(env or {}), **private,
                                   "AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE": "1"})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the conversation sets as Bespoken bst test YAML (unit mode).")
    parser.add_argument("cases", nargs="*", type=Path, help="case files (default: the project's three sets)")
    parser.add_argument("--out", type=Path, default=OUT, help=f"output folder (default {_relative(OUT)})")
    parser.add_argument("--sample", type=int, metavar="N", help="only N conversations of each file, spread evenly")
    parser.add_argument("--skill-url", default=SERVE_URL, help=f"the skill's URL in testing.json (default {SERVE_URL})")
    parser.add_argument("--run", action="store_true",
                        help="then run bst test on it against lambda_handler on loopback (installs bespoken-tools)")
    args = parser.parse_args(argv)
    if args.sample is not None and args.sample < 1:
        parser.error("--sample must be at least 1")
    if urlsplit(args.skill_url).scheme not in ("http", "https") or not urlsplit(args.skill_url).netloc:
        parser.error(f"--skill-url must be an http(s) URL, not {args.skill_url!r}")
    try:
        written = export(args.cases or SETS, args.out, args.sample, args.skill_url)
    except cases.CaseFileError as error:
        print(f"bst-export: {error}", file=sys.stderr)
        return 2
    print(f"bst-export: {len(written)} test files in {_relative(args.out)}", file=sys.stderr)
    if not args.run:
        return 0
    os.environ.setdefault("LOG_LEVEL", "WARNING")  # the skill's INFO lines would drown bst's report
    try:
        return bst_test(args.out).returncode
    except npm.NpmUnavailable as error:
        print(f"bst-test: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
