"""The manifest against Amazon's published submission rules, offline: a test per rule,
passing on the real manifest and failing on a manifest broken in that one way."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

import certification
import icons
import voice_model
from conftest import LOCALES
from utterance_matcher import UtteranceMatcher

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def manifest():
    return json.loads((ROOT / "skill.json").read_text())["manifest"]


@pytest.fixture(scope="module")
def context(content):
    models = {locale: voice_model.load_model(voice_model.model_path(locale)) for locale in LOCALES}
    welcome = " ".join(content.default.prompt(k) for k in ("welcome", "disclaimer"))
    return certification.Context(models, welcome, matchers={code: UtteranceMatcher(m) for code, m in models.items()})


def test_the_real_manifest_meets_every_rule(manifest, context):
    assert certification.check(manifest, context) == []


def each_locale(field, value):
    def change(m):
        for entry in m["publishingInformation"]["locales"].values():
            entry[field] = value
    return change


BROKEN = {
    "example_phrases": [each_locale("examplePhrases", []),
                        each_locale("examplePhrases", ["Alexa, ask bone metastases guide what are the symptoms"]),
                        each_locale("examplePhrases", ["Alexa, open bone metastases guide",
                                                       "Alexa, ask bone metastases guide purple monkey dishwasher"]),
                        each_locale("examplePhrases", ["open bone metastases guide"])],
    "lengths": [each_locale("name", "B" * 51), each_locale("summary", "s" * 161), each_locale("keywords", [])],
    "category": [lambda m: m["publishingInformation"].update(category="GAMES")],
    "icons": [each_locale("smallIconUri", "https://example.com/icon.png"),
              each_locale("largeIconUri", "file://assets/images/icon-108.png")],
    "privacy": [lambda m: m["privacyAndCompliance"].update(usesHealthInfo=True),
                lambda m: m["privacyAndCompliance"].update(containsAds=True),
                lambda m: m["privacyAndCompliance"]["locales"]["en-GB"].pop("privacyPolicyUrl")],
    "testing_instructions": [lambda m: m["publishingInformation"].update(testingInstructions="Try it.")],
    "health": [each_locale("description", "Answers about bone metastases."),
               each_locale("name", "Bone Metastases Life-Saving Guide"),
               each_locale("summary", "This skill diagnoses bone metastases."),
               each_locale("description", "Not a substitute for professional medical advice. It calls 911 for you.")],
    "endpoint": [lambda m: m["apis"]["custom"]["endpoint"].update(uri="https://example.com/skill")],
    "screens": [lambda m: m["apis"]["custom"].update(interfaces=[])],
}


@pytest.mark.parametrize("rule, change", [(rule, change) for rule, changes in BROKEN.items() for change in changes])
def test_each_rule_fails_on_a_manifest_broken_its_way(manifest, context, rule, change):
    broken = copy.deepcopy(manifest)
    change(broken)
    assert certification.RULES[rule](broken, context), rule


def test_every_rule_has_a_broken_case():
    assert set(BROKEN) == set(certification.RULES)


def test_the_health_rule_hears_the_spoken_disclaimer(manifest, context):
    silent = certification.Context(context.models, "Welcome to Bone Metastases Guide.", matchers=context.matchers)
    assert any("not medical advice" in p for p in certification.health(manifest, silent))


def test_the_committed_icons_are_the_ones_the_script_draws():
    for name, size in icons.SIZES.items():
        assert (ROOT / "assets" / "images" / name).read_bytes() == icons.png(size), f"run make icons ({name})"


def test_name_free_interaction_is_declared_where_amazon_offers_it_and_answered(manifest, handler):
    from events import intent_event

    # GIVEN the manifest declares CanFulfillIntentRequest, which Amazon offers to en-US skills
    assert {"type": "CAN_FULFILL_INTENT_REQUEST"} in manifest["apis"]["custom"]["interfaces"]
    assert "en-US" in manifest["publishingInformation"]["locales"]
    # WHEN Alexa asks whether the skill can answer a question of its own
    event = intent_event("TopicIntent", {"topic": ("osteoblastic", "osteoblastic")})
    event["request"]["type"] = "CanFulfillIntentRequest"
    response = handler(event, None)["response"]
    # THEN it answers with a canFulfillIntent, and says nothing (docs/requests.md)
    assert response["canFulfillIntent"]["canFulfill"] == "YES"
    assert "outputSpeech" not in response and "card" not in response
