"""The interaction models: generated from one source, in sync with the content, buildable."""

from __future__ import annotations

import copy
import json

import pytest

import voice_model
from voice_model import ModelError, build_models, check_model, expand, load_model, load_phrases, render
from conftest import LOCALES
from bone_mets.understanding import OPENING_WORDS, QUESTION_CARRIERS



@pytest.fixture(scope="module")
def generated(content):
    return build_models(content, load_phrases())


@pytest.mark.parametrize("locale", LOCALES)
def test_committed_model_matches_its_source(generated, locale):
    # GIVEN the model generated from phrases.toml and the content file
    # THEN the committed file is exactly that (run `make models` after editing either)
    committed = voice_model.model_path(locale).read_text(encoding="utf-8")
    assert committed == render(generated[locale]), f"{locale}.json is stale: run `make models`"


@pytest.mark.parametrize("locale", LOCALES)
def test_model_meets_amazons_offline_build_rules(locale):
    model = load_model(voice_model.model_path(locale))
    assert check_model(model) == []


@pytest.mark.parametrize("locale", LOCALES)
def test_slot_values_and_content_agree_both_ways(content, locale):
    # GIVEN the committed model's slot types, and the content entries they come from
    model = load_model(voice_model.model_path(locale))
    types = {t["name"]: t for t in model["interactionModel"]["languageModel"]["types"]}
    respell = content.locales[locale].spelling
    others = [content.locales[other].spelling for other in LOCALES if other != locale]
    for type_name, kind in load_phrases()["slot_types"].items():
        if isinstance(kind, list):  # example values of a free slot, not from the content
            assert [v["name"]["value"] for v in types[type_name]["values"]] == kind
            continue
        in_model = {v["id"]: [v["name"]["value"], *v["name"].get("synonyms", [])] for v in types[type_name]["values"]}
        in_content = dict(content.slot_values(kind))
        # THEN the same ids, and the same phrases (after local spelling), in both
        assert set(in_model) == set(in_content), type_name
        for value_id, synonyms in in_content.items():
            respelled = list(dict.fromkeys([*(respell(s) for s in synonyms), *synonyms,
                                            *(spell(s) for spell in others for s in synonyms)]))
            assert in_model[value_id] == respelled, (type_name, value_id)


def test_every_topic_id_in_the_model_resolves_in_the_content(content):
    model = load_model(voice_model.model_path("en-US"))
    kinds = load_phrases()["slot_types"]
    for slot_type in model["interactionModel"]["languageModel"]["types"]:
        kind = kinds[slot_type["name"]]
        for value in slot_type["values"]:
            if kind in ("topics", "cancers", "reports"):
                assert value["id"] in content.default.topics
            elif kind == "danger":  # read by the understanding module as a meaning of its own
                assert value["id"] in ("crisis", "emergency")


def test_every_handled_intent_is_in_the_model(content):
    intents = {i["name"] for i in load_model(voice_model.model_path("en-US"))
               ["interactionModel"]["languageModel"]["intents"]}
    handled = {"TopicIntent", "CancerSpreadIntent", "SymptomReportIntent", "MoreDetailIntent",
               *QUESTION_CARRIERS, "FreeSpeechIntent", "NotSpeechIntent", *OPENING_WORDS, "NoAndIntent", "YesAndIntent",
               "ByeSpeechIntent", "AdviceRequestIntent",
               *content.fixed_intents, *content.aspect_by_intent}
    built_ins = {f"AMAZON.{n}Intent" for n in
                 ("Help", "Stop", "Cancel", "NavigateHome", "Fallback", "Repeat", "Yes", "No", "StartOver")}
    assert handled | built_ins == intents


def test_local_spelling_and_words_reach_the_models():
    gb = json.dumps(load_model(voice_model.model_path("en-GB")))
    us = json.dumps(load_model(voice_model.model_path("en-US")))
    # local spelling first, the others kept so any locale's spelling is understood
    samples = {locale: next(i["samples"] for i in load_model(voice_model.model_path(locale))
                            ["interactionModel"]["languageModel"]["intents"] if i["name"] == "TopicIntent")
               for locale in ("en-GB", "en-US")}
    british, american = "can {topic} remove the tumour", "can {topic} remove the tumor"
    assert samples["en-GB"].index(british) < samples["en-GB"].index(american)
    assert samples["en-US"].index(american) < samples["en-US"].index(british)
    assert '"value": "hypercalcaemia"' in gb and '"value": "hypercalcemia"' in us
    assert '"hypercalcemia"' in gb and '"hypercalcaemia"' in us  # either spelling resolves anywhere
    assert "my GP" in gb and "my GP" not in us


def test_many_carrier_phrases_per_question_type():
    intents = load_model(voice_model.model_path("en-US"))["interactionModel"]["languageModel"]["intents"]
    for intent in intents:
        if not intent["name"].startswith("AMAZON."):
            assert len(intent["samples"]) >= 30, intent["name"]


# --- the generator and the checker themselves ---------------------------------------

def test_expand_alternatives_options_and_nesting():
    assert expand("(what is|what's) [a] {topic}") == [
        "what is a {topic}", "what is {topic}", "what's a {topic}", "what's {topic}"]
    assert expand("tell me [more [about {topic}]]") == [
        "tell me more about {topic}", "tell me more", "tell me"]


def minimal_model():
    return {"interactionModel": {"languageModel": {
        "invocationName": "bone metastases guide",
        "intents": [
            {"name": "TopicIntent", "slots": [{"name": "topic", "type": "TOPIC"}], "samples": ["what is {topic}"]},
            {"name": "AMAZON.HelpIntent", "samples": []},
        ],
        "types": [{"name": "TOPIC", "values": [{"id": "pain", "name": {"value": "pain", "synonyms": []}}]}],
    }}}


@pytest.mark.parametrize("change, problem", [
    (lambda m: m.update(invocationName="bones"), "two or more words"),
    (lambda m: m.update(invocationName="Bone Guide"), "lower-case"),
    (lambda m: m.update(invocationName="open bone guide"), "reserved word 'open'"),
    (lambda m: m.update(invocationName="alexa bone guide"), "reserved word 'alexa'"),
    (lambda m: m["intents"][0]["samples"].append("what is {thing}"), "undeclared slot {thing}"),
    (lambda m: m["intents"][0]["samples"].append("what is 2 {topic}"), "characters Alexa does not accept"),
    (lambda m: m["intents"][0]["samples"].append("what is {topic}?"), "characters Alexa does not accept"),
    (lambda m: m["intents"][0]["samples"].append("{topic} or {topic}"), "uses a slot twice"),
    (lambda m: m["intents"][1]["samples"].append("What is  {topic}"),
     "sample of both TopicIntent and AMAZON.HelpIntent"),
    (lambda m: m["intents"].append({"name": "EmptyIntent", "samples": []}), "EmptyIntent has no sample"),
    (lambda m: m["intents"][0]["slots"].append({"name": "x", "type": "NOPE"}), "undeclared type NOPE"),
    (lambda m: m["types"][0].update(values=[]), "TOPIC has no values"),
    (lambda m: m["types"][0]["values"][0]["name"].update(value="x" * 141), "over 140 characters"),
    (lambda m: m["intents"][0]["samples"].extend(
        "what is {topic} " + " ".join(["and"] * n) for n in range(1, 1000)), "over our own limit of 1000000"),
])
def test_checker_catches_each_rule(change, problem):
    model = copy.deepcopy(minimal_model())
    assert check_model(model) == []
    change(model["interactionModel"]["languageModel"])
    assert any(problem in p for p in check_model(model)), check_model(model)


@pytest.mark.parametrize("text, message", [
    (None, "no interaction model here"),
    ("{not json", "not valid JSON (line 1"),
    ('{"interactionModel": {}}', "interactionModel.languageModel is missing"),
    ('{"interactionModel": {"languageModel": {"intents": []}}}', "intents is missing or empty"),
    ('{"interactionModel": {"languageModel": {"intents": [{"samples": []}]}}}', "intents[0].name is missing"),
])
def test_load_model_errors_name_the_file_and_field(tmp_path, text, message):
    path = tmp_path / "en-US.json"
    if text is not None:
        path.write_text(text)
    with pytest.raises(ModelError) as caught:
        load_model(path)
    assert str(path) in str(caught.value) and message in str(caught.value)


def test_check_mode_reports_drift(tmp_path, monkeypatch, capsys):
    # GIVEN a model directory with a stale file
    for locale in LOCALES:
        (tmp_path / f"{locale}.json").write_text(voice_model.model_path(locale).read_text())
    (tmp_path / "en-GB.json").write_text("{}\n")
    monkeypatch.setattr(voice_model, "MODEL_DIR", tmp_path)
    monkeypatch.setattr(voice_model, "model_path", lambda locale, directory=tmp_path: directory / f"{locale}.json")
    # WHEN checked THEN it fails naming the stale file
    assert voice_model.main(["--check"]) == 1
    assert "en-GB.json is out of date" in capsys.readouterr().err
