"""Echo Show and other screens: an APL document beside the speech, from the same reply."""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from events import Dialog, card_text, load_event, spoken

ROOT = Path(__file__).resolve().parent.parent
DOCUMENT = ROOT / "lambda" / "bone_mets" / "apl_answer.json"
APL = {"Alexa.Presentation.APL": {"runtime": {"maxVersion": "2023.3"}}}
SUGGESTER = Path(os.environ.get("APL_SUGGESTER_CACHE", Path.home() / ".cache" / "apl-suggester"))


class ScreenDialog(Dialog):
    """A session on a device that says it supports APL."""

    def send(self, event):
        event["context"]["System"]["device"]["supportedInterfaces"] = copy.deepcopy(APL)
        return super().send(event)


def directives(response):
    return [d for d in response["response"].get("directives", []) if d["type"].startswith("Alexa.Presentation.APL")]


def shown(response):
    return directives(response)[0]["datasources"]["payload"]["answer"]


def test_a_screen_gets_the_document_and_a_voice_only_device_gets_exactly_what_it_did(handler):
    # GIVEN the same question from a speaker and from an Echo Show
    voice = Dialog(handler).intent("TopicIntent", topic=("ablation", "ablation"))
    screen = ScreenDialog(handler).intent("TopicIntent", topic=("ablation", "ablation"))
    # THEN only the screen device is sent the document, and nothing else differs
    assert directives(voice) == [] and "directives" not in voice["response"]
    assert len(directives(screen)) == 1
    without = {k: v for k, v in screen["response"].items() if k != "directives"}
    assert without == voice["response"]


@pytest.mark.parametrize("intent, slots, credit", [
    ("TopicIntent", {"topic": ("ablation", "ablation")}, "From Bone Metastases Explained"),
    ("SymptomReportIntent", {"symptom": ("bone pain", "pain")}, "From Bone Metastases Explained"),
    # an emergency direction is not the article's: its credit is the number's public source
    ("SymptomReportIntent", {"symptom": ("chest pain", None)}, "Numbers from 911.gov"),
])
def test_the_screen_shows_what_the_card_says_with_the_direction_apart(handler, intent, slots, credit):
    response = ScreenDialog(handler).intent(intent, **slots)
    answer = shown(response)
    # THEN the title is the card's, the text and the direction together are the card's text
    assert answer["title"] == response["response"]["card"]["title"]
    assert " ".join(p for p in (answer["text"], answer["directive"]) if p) == card_text(response)
    assert answer["source"].startswith(credit)
    if intent == "SymptomReportIntent":  # urgent: the direction is shown on its own line
        assert "call" in answer["directive"].lower()


@pytest.mark.parametrize("intent, slots", [("AdviceRequestIntent", {"topic": ("chemo", "chemotherapy")}),
                                           ("AMAZON.FallbackIntent", {}), ("AMAZON.HelpIntent", {})])
def test_text_that_is_not_the_articles_carries_no_article_credit(handler, intent, slots):
    # GIVEN an answer in the skill's own words (advice, the fallback, help)
    answer = shown(ScreenDialog(handler).intent(intent, **slots))
    # THEN the screen does not credit the article with it
    assert "Bone Metastases Explained" not in answer["source"]


def test_repeat_replays_the_screen_too(handler):
    dialog = ScreenDialog(handler)
    first = dialog.intent("SymptomReportIntent", symptom=("bone pain", "pain"))
    again = dialog.fixture("repeat")
    assert shown(again) == shown(first) and spoken(again) == spoken(first)


def test_responses_with_the_document_stay_under_alexas_size_limit(handler):
    for fixture in ("launch", "topic_osteoblastic", "report_pain", "cancer_lung", "help"):
        event = load_event(fixture)
        event["context"]["System"]["device"]["supportedInterfaces"] = copy.deepcopy(APL)
        response = handler(event, None)
        assert len(json.dumps(response).encode()) < 24 * 1024


def test_the_manifest_declares_apl():
    manifest = json.loads((ROOT / "skill.json").read_text())["manifest"]
    assert {"type": "ALEXA_PRESENTATION_APL"} in manifest["apis"]["custom"]["interfaces"]


@pytest.fixture(scope="module")
def apl_suggester():
    """Amazon's apl-suggester from npm, installed once into a cache (as the acceptance run does)."""
    if not (SUGGESTER / "node_modules" / "apl-suggester").exists():
        if not shutil.which("npm"):
            pytest.skip("npm is not installed: apl-suggester cannot be fetched")
        SUGGESTER.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund", "--no-save", "apl-suggester@2024.2.0"],
                       cwd=SUGGESTER, check=True, capture_output=True, timeout=600)
    return SUGGESTER / "node_modules"


def validate(node_modules: Path, *files: Path) -> dict:
    result = subprocess.run(["node", str(ROOT / "tests" / "apl_validate.js"), *map(str, files)],
                            env={**os.environ, "NODE_PATH": str(node_modules)}, capture_output=True, text=True,
                            timeout=120, check=True)
    return json.loads(result.stdout)


@pytest.mark.slow
def test_the_document_passes_amazons_static_validator(apl_suggester, tmp_path):
    # GIVEN our document, and a copy broken in two ways the validator knows
    broken = json.loads(DOCUMENT.read_text())
    del broken["version"]
    broken["mainTemplate"]["items"][0]["width"] = {"not": "a dimension"}
    broken_file = tmp_path / "broken.json"
    broken_file.write_text(json.dumps(broken))
    # WHEN both are validated
    findings = validate(apl_suggester, DOCUMENT, broken_file)
    # THEN ours has no findings, and the broken one does (the validator is really checking)
    assert findings[str(DOCUMENT)] == []
    assert len(findings[str(broken_file)]) >= 2
