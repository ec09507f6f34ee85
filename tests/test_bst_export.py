"""`make bst-export`: the conversation sets as Bespoken `bst test` YAML, each turn's intent and slots
pinned from the offline matcher, each check translated into assertions that judge as the harness does."""

from __future__ import annotations

import json
import re
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

import bst_export
import voice_model
from conversations import cases, npm
from events import spoken
from simulator import Session
from utterance_matcher import UtteranceMatcher

ROOT = Path(__file__).resolve().parent.parent
MISSING = npm.missing_tools()
needs_node = pytest.mark.skipif(bool(MISSING), reason=f"{' and '.join(MISSING)} not on PATH: the harness's "
                                "checks are JavaScript")

TINY = {"cases": [
    {"id": "welcome, then a topic, then again", "launch": {"all": [["medical advice"]], "end": False},
     "turns": [{"say": "what is osteoblastic", "expect": {"all": [["new bone", "extra bone"]], "none": ["giraffe"],
                                                          "urgent": False, "end": False}},
               {"say": "say that again", "expect": {"repeats": 1, "nonempty": True}},
               {"say": "what is a giraffe"},
               {"say": "blah blah flibbertigibbet", "unmatched_ok": True},
               {"say": "stop", "expect": {"end": True}}]},
    {"id": "emergency in en-GB", "locale": "en-GB",
     "turns": [{"say": "I can't feel my legs", "expect": {"urgent": True}}]},
]}


@cache
def matcher(locale: str) -> UtteranceMatcher:
    return UtteranceMatcher(voice_model.load_model(voice_model.model_path(locale)))


@pytest.fixture
def tiny(tmp_path) -> Path:
    path = tmp_path / "tiny.json"
    path.write_text(json.dumps(TINY), encoding="utf-8")
    return path


def test_the_export_pins_each_turn_and_translates_its_checks(tmp_path, tiny):
    # WHEN a small case file is exported
    out = tmp_path / "bst"
    written = bst_export.export([tiny], out)
    # THEN there is one file per locale, each configured for its locale and model
    assert sorted(p.name for p in written) == ["tiny.en-GB.test.yml", "tiny.en-US.test.yml"]
    for path in written:
        locale = path.name.split(".")[1]
        configuration, *tests = yaml.safe_load_all(path.read_text(encoding="utf-8"))
        assert configuration["configuration"]["locale"] == locale
        assert Path(configuration["configuration"]["interactionModel"]) == voice_model.model_path(locale).resolve()
    us = path_for(written, "en-US")
    configuration, test = yaml.safe_load_all(us.read_text(encoding="utf-8"))
    name, launch, *turns = test
    assert name == {"test": "welcome, then a topic, then again"}
    # the launch carries its checks; an open session must have a reprompt
    assert launch == {"LaunchRequest": [{"prompt": "/(?:(?![^<>]*>)medical(?:\\s|<[^>]*>)+advice)/i"},
                                        {"response.shouldEndSession": False}, {"reprompt": "/./"}]}
    # each turn is named by its words and pinned to what the offline matcher heard
    en_us = matcher("en-US")
    for turn, case_turn in zip(turns, TINY["cases"][0]["turns"], strict=True):
        (said, elements), = turn.items()
        assert said == case_turn["say"]
        heard = en_us.match(said)
        assert elements[0] == {"intent": heard.intent, **{s.name: s.value for s in heard.slots}}
    topic, again, giraffe, unmatched, stop = (list(t.values())[0] for t in turns)
    assert topic[0] == {"intent": "TopicIntent", "topic": "osteoblastic"}
    assert topic[1:] == [{"prompt": "/(?:(?![^<>]*>)new(?:\\s|<[^>]*>)+bone|(?![^<>]*>)extra(?:\\s|<[^>]*>)+bone)/i"},
                         {"prompt": "/^(?![\\s\\S]*(?![^<>]*>)giraffe)/i"},
                         {"response.shouldEndSession": False}, {"reprompt": "/./"}]
    assert giraffe == [{"intent": "TopicIntent", "topic": "giraffe"}]  # an open slot: the words heard
    assert unmatched == [{"intent": "AMAZON.FallbackIntent"}]
    assert stop[1:] == [{"response.shouldEndSession": True}]
    # what bst cannot express is said where it is left out
    text = us.read_text(encoding="utf-8")
    assert "# not checked: repeats turn 1 (bst cannot compare with an earlier response)" in text
    assert again[1:] == [{"prompt": f"/{bst_export.NONEMPTY}/"}]
    # an urgent answer names the two long regexes, which testing.json spells out
    gb = yaml.safe_load_all(path_for(written, "en-GB").read_text(encoding="utf-8"))
    urgent = list(list(gb)[1][2].values())[0]
    assert urgent[1:] == [{"prompt": "DOCTOR_IN_LAST_SENTENCE"}, {"cardContent": "DOCTOR_IN_CARD"}]
    settings = json.loads((out / "testing.json").read_text())
    assert settings["type"] == "unit" and settings["skillURL"] == "http://127.0.0.1:5000/"
    for name, regex in bst_export.FIND_REPLACE.items():
        assert yaml.safe_load(f'- "{settings["findReplace"][name]}"') == [regex]
    # and a run in the folder keeps its results and statistics on this machine
    env = (out / ".env").read_text()
    assert "BESPOKEN_API_BASE_URL=http://127.0.0.1:5000\n" in env and "SKIP_STATISTICS=true\n" in env


def path_for(written: list[Path], locale: str) -> Path:
    return next(p for p in written if f".{locale}." in p.name)


def test_a_turn_no_intent_matches_is_flagged(tmp_path):
    path = tmp_path / "miss.json"
    path.write_text(json.dumps({"cases": [{"id": "m", "turns": [{"say": "blah blah flibbertigibbet"}]}]}))
    text = bst_export.export([path], tmp_path / "bst")[0].read_text()
    assert ("# turn 1: no intent matches and unmatched_ok is not set: this conversation fails in "
            "make conversations") in text


def test_an_export_replaces_only_its_own_files(tmp_path, tiny):
    out = tmp_path / "bst"
    out.mkdir()
    (out / "old.test.yml").write_text("stale")
    (out / "notes.txt").write_text("mine")
    bst_export.export([tiny], out)
    assert not (out / "old.test.yml").exists()
    assert (out / "notes.txt").read_text() == "mine"


def test_a_locale_without_a_model_is_refused_before_anything_is_written(tmp_path, capsys):
    path = tmp_path / "nz.json"
    path.write_text(json.dumps({"cases": [{"id": "kiwi", "locale": "en-NZ", "turns": []}]}))
    assert bst_export.main([str(path), "--out", str(tmp_path / "bst")]) == 2
    assert "case 'kiwi': no interaction model for en-NZ" in capsys.readouterr().err
    assert not (tmp_path / "bst").exists()


def test_a_broken_case_file_is_named(tmp_path, capsys):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"cases": [{"id": "x", "turns": [{"say": "hi", "expect": {"urgnet": True}}]}]}))
    assert bst_export.main([str(path), "--out", str(tmp_path / "bst")]) == 2
    assert f"bst-export: {path}: cases[0] ('x').turns[0].expect.urgnet: unknown check" in capsys.readouterr().err


def responses(handler, case: dict[str, Any]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Each turn's checks and the skill's response, offline (the matcher and lambda_handler's skill)."""
    locale = cases.locale_of(case)
    session = Session(handler, locale)
    found = [(case.get("launch") or {}, session.launch())]
    heard = matcher(locale)
    for turn in case["turns"]:
        found.append((turn.get("expect") or {}, session.intent(heard.match(turn["say"]))))
    return found


def resolved(value: Any) -> Any:
    return bst_export.FIND_REPLACE.get(value, value) if isinstance(value, str) else value


@pytest.mark.slow
@needs_node
def test_the_assertions_judge_as_the_harness_does(handler, tmp_path):
    # GIVEN real responses to a spread of the sets, each with its own checks (which pass) and with
    # the checks of the next turn (which mostly fail), and SSML that tempts a careless regex:
    # phrases inside a tag's attributes, a sentence ended by a tag, "&" escaped
    pairs = []
    for path in bst_export.SETS:
        for case in bst_export.sample(cases.load(path), 25):
            pairs += responses(handler, case)
    pairs += [(expect, response) for (expect, _), (_, response) in zip(pairs[1:] + pairs[:1], pairs, strict=True)]
    ssml = [
        '<speak>Rest now. If it gets worse, call <sub alias="nine one one">911</sub>.</speak>',
        '<speak>Call <sub alias="your doctor">them</sub> today. Goodbye.</speak>',
        "<speak>Call your doctor.<break time='1s'/>Bye.</speak>",
        "<speak>You can call your doctor, <emphasis>today</emphasis>.</speak>",
        "<speak>Bones &amp; joints. Tell your care team.</speak>",
    ]
    checks = [{"urgent": True}, {"none": ["nine one one"]}, {"all": [["nine one one", "your doctor"]]},
              {"all": [["bones & joints"]]}, {"none": ["doctor"]}, {"nonempty": True}]
    for text in ssml:
        card = {"type": "Simple", "title": "Bone Metastases Guide", "content": spoken({"response": {
            "outputSpeech": {"ssml": text}}})}
        response = {"response": {"outputSpeech": {"type": "SSML", "ssml": text}, "card": card,
                                 "shouldEndSession": False}}
        pairs += [(expect, response) for expect in checks]
    items = []
    for expect, response in pairs:
        expect = {k: v for k, v in expect.items() if k != "repeats"}  # not expressible in bst
        found, _ = bst_export.assertions(expect)
        items.append({"expect": expect, "response": response,
                      "assertions": [[path, resolved(value)] for path, value in found]})
    job = tmp_path / "items.json"
    job.write_text(json.dumps(items), encoding="utf-8")
    # WHEN both judge every pair
    result = subprocess.run(["node", str(ROOT / "tests" / "bst_agreement.js"), str(job)], capture_output=True,
                            text=True, timeout=300, check=True)
    verdicts = json.loads(result.stdout)
    # THEN they agree on every one, and both passes and failures were judged
    disagree = [(item["expect"], item["response"]["response"].get("outputSpeech"), verdict)
                for item, verdict in zip(items, verdicts, strict=True) if verdict["harness"] != verdict["bst"]]
    assert not disagree, disagree[:3]
    passed = sum(v["harness"] for v in verdicts)
    assert 0.1 * len(verdicts) < passed < 0.9 * len(verdicts), (passed, len(verdicts))


@pytest.mark.slow
@needs_node
def test_the_matcher_opens_slots_as_the_harness_does(tmp_path):
    # GIVEN every turn of the sets that no sample matches exactly, in each locale's model: the
    # turns whose intent the export pins from an open slot
    loose: dict[str, list[dict[str, Any]]] = {}
    for path in bst_export.SETS:
        for case in cases.load(path):
            locale = cases.locale_of(case)
            for turn in case["turns"]:
                heard = matcher(locale).match(turn["say"])
                if any(s.value_id is None and not s.slot_type.startswith("AMAZON.") for s in heard.slots):
                    loose.setdefault(locale, []).append(
                        {"say": turn["say"], "intent": heard.intent, "slots": {s.name: s.value for s in heard.slots}})
    assert sum(map(len, loose.values())) > 50
    job = tmp_path / "loose.json"
    job.write_text(json.dumps({str(voice_model.model_path(locale)): turns for locale, turns in loose.items()}))
    # WHEN the harness opens slots for the same words
    script = """
const fs = require("fs");
const harness = require(process.argv[1]);
const out = [];
for (const [model, turns] of Object.entries(JSON.parse(fs.readFileSync(process.argv[2], "utf8")))) {
  const samples = harness.openSamples(JSON.parse(fs.readFileSync(model, "utf8")));
  for (const turn of turns) out.push({ ...turn, harness: harness.openMatch(samples, turn.say) });
}
process.stdout.write(JSON.stringify(out));
"""
    result = subprocess.run(["node", "-e", script, str(ROOT / "tools" / "conversations" / "harness.js"), str(job)],
                            capture_output=True, text=True, timeout=300, check=True)
    # THEN both hear the same intent, and nearly always the same words in each slot: when two
    # samples tie on carrier text, the two count it differently (the harness counts the spaces
    # between a sample's literal pieces, the matcher does not), and may split the words otherwise
    heard = json.loads(result.stdout)
    assert [t for t in heard if not t["harness"] or t["harness"]["intent"] != t["intent"]] == []
    split = [t for t in heard if t["harness"]["slots"] != t["slots"]]
    assert len(split) <= len(heard) // 100, split


def test_the_doctor_words_are_the_harness_s():
    # The export spells out the harness's DOCTOR regex; a change to one must reach the other.
    harness = (ROOT / "tools" / "conversations" / "harness.js").read_text(encoding="utf-8")
    original = re.compile(re.search(r"^const DOCTOR = /(.*)/i;$", harness, re.M).group(1), re.I | re.A)
    spelled = re.compile(bst_export.doctor_text(), re.I | re.A)
    verbs = [*bst_export.DOCTOR_VERBS, "phoned", "write to", "ask"]
    whom = [*bst_export.DOCTOR_WHOM, "doctors", "nurse", "911x", "care"]
    for sentence in [f"please {verb} the {who} today" for verb in verbs for who in whom]:
        assert bool(spelled.search(sentence)) == bool(original.search(sentence)), sentence
    assert sum(bool(original.search(f"{v} {w}")) for v in verbs for w in whom) == \
        len(bst_export.DOCTOR_VERBS) * len(bst_export.DOCTOR_WHOM)


@pytest.mark.slow
def test_bst_runs_a_sample_of_the_export_against_the_skill(tmp_path):
    # GIVEN bespoken-tools from npm, a sample of each set, and one conversation that must fail
    try:
        npm.node_modules(*bst_export.BESPOKEN_TOOLS)
    except npm.NpmUnavailable as error:
        pytest.skip(f"bespoken-tools is not available: {error}")
    failing = tmp_path / "failing.json"
    failing.write_text(json.dumps({"cases": [{"id": "fails on purpose: the session stays open", "turns": [
        {"say": "what is osteoblastic", "expect": {"all": [["new bone"]], "end": True}}]}]}))
    out = tmp_path / "bst"
    bst_export.export([*bst_export.SETS, failing], out, per_file=3)
    # WHEN bst test runs it against lambda_handler on loopback (HOME: bst writes its own config there)
    result = bst_export.bst_test(out, env={"HOME": str(tmp_path)}, capture=True, timeout=600)
    # THEN every sampled conversation passes and the deliberate failure fails, for the right reason
    output = result.stdout + result.stderr
    counts = re.search(r"^Tests:\s+(?:(\d+) failed, )?(\d+) passed, (\d+) total$", output, re.M)
    assert counts, output
    assert (counts.group(1), counts.group(2), counts.group(3)) == ("1", "9", "10"), output
    assert "fails on purpose: the session stays open › what is osteoblastic" in output
    assert "Expected value at [response.shouldEndSession] to ==" in output
    assert result.returncode == 1
