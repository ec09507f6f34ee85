"""The content file: validated at load, written for listening, faithful to its rules."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest
import textstat

from bone_mets.content import validation as content_validation
from bone_mets.content import ContentError, compile_content, load_content
from conftest import CONTENT_FILE

SUMMARY_WORDS = 50
MORE_WORDS = 80
MAX_GRADE = 8.0
STAND_IN = "bone"  # one syllable, so medical terms don't decide the score


def words(text: str) -> int:
    return len(text.replace("{emergency_number}", "911").split())


def plain(text: str) -> str:
    """Text as a card shows it: numbers as digits."""
    return text.replace("{emergency_number}", "911").replace("{crisis_number}", "988")


def all_texts(content):
    """(label, text) for everything the skill can say, in every locale."""
    for locale, local in content.locales.items():
        for topic in local.topics.values():
            for stage in topic.stages:
                yield f"{locale} {topic.id}.{stage}", getattr(topic, stage)
        for key in local.prompts:
            # heard="that": what a person said is their words, not ours to score
            yield f"{locale} prompts.{key}", local.prompt(key, topic="bone pain", heard="that")
        for key, variants in local.closes.items():
            for index, text in enumerate(variants):
                yield f"{locale} closes.{key}[{index}]", text
        for key, text in local.safety.items():
            yield f"{locale} safety.{key}", text


def test_the_real_content_file_loads(content):
    assert content.default_locale == "en-US"
    assert set(content.locales) == {"en-US", "en-GB", "en-CA", "en-AU", "en-IN"}


def test_summaries_and_reports_are_at_most_50_words(content):
    for topic in content.default.topics.values():
        assert words(topic.summary) <= SUMMARY_WORDS, topic.id
        if topic.report:
            assert words(topic.report) <= SUMMARY_WORDS, topic.id


def test_more_detail_is_at_most_80_words(content):
    for topic in content.default.topics.values():
        assert topic.more is None or words(topic.more) <= MORE_WORDS, topic.id


def test_every_text_reads_at_eighth_grade_or_below(content):
    # GIVEN the medical terms listed in the content file, replaced by a one-syllable word
    terms = sorted(content.medical_terms, key=len, reverse=True)
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, terms)) + r")\b", re.I)
    for label, text in all_texts(content):
        plain = pattern.sub(STAND_IN, globals()["plain"](text))
        # THEN each text scores at most grade 8 on Flesch-Kincaid
        grade = textstat.flesch_kincaid_grade(plain)
        assert grade <= MAX_GRADE, f"{label}: grade {grade}: {plain}"


def test_stand_in_scoring_is_not_a_blank_check():
    # A long, wordy sentence still fails, stand-ins or not.
    text = ("Notwithstanding considerable uncertainty regarding underlying mechanisms, "
            "investigators hypothesize that circulating malignant populations preferentially colonize skeletal tissue.")
    assert textstat.flesch_kincaid_grade(text) > MAX_GRADE


def test_sentences_are_short(content):
    for label, text in all_texts(content):
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            assert len(sentence.split()) <= 25, f"{label}: {sentence}"


def test_every_topic_the_issue_names_is_answerable(content):
    topics = content.default.topics
    expected = {
        "bone_metastases", "frequency", "locations", "cancers", "types", "osteolytic", "osteoblastic",
        "mixed", "symptoms", "pain", "fractures", "spinal_cord_compression", "hypercalcemia", "causes",
        "diagnosis", "treatment", "medications", "bisphosphonates", "osteonecrosis_of_the_jaw",
        "radiation_therapy", "ablation", "surgery", "early_diagnosis", "source", "medical_advice",
        "breast", "kidney", "lung", "melanoma", "ovarian", "prostate", "thyroid", "colon", "bladder", "stomach",
    }
    assert expected <= set(topics)
    assert {t.id for t in topics.values() if t.urgent} == {
        "symptoms", "pain", "fractures", "spinal_cord_compression", "hypercalcemia"}
    assert topics["spinal_cord_compression"].urgent == "emergency"


# --- validation: each broken rule is an error naming file, entry and field ----------

def broken(tmp_path: Path, old: str, new: str) -> Path:
    text = CONTENT_FILE.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in the content file"
    path = tmp_path / "content.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("old, new, entry, field", [
    ('title = "Bisphosphonates"\n', "", "topics.bisphosphonates", "title"),
    ('default = "causes"', 'default = "caws"', "aspects.causes", "default"),
    ('side_effects = "osteonecrosis_of_the_jaw", medications = "medications" }',
     'side_effects = "osteonecrosis_of_the_jawz", medications = "medications" }', "topics.treatment",
     "aspects.side_effects"),
    ('"metastatic bone pain", "aching bones"', '"metastatic bone pain", "osteolytic"', "topics.pain", "synonyms"),
    ('summary = "Ablation destroys', 'summary = "<speak>Ablation destroys', "topics.ablation", "summary"),
    ('summary = "Ablation destroys', 'summary = "{tumour} Ablation destroys', "topics.ablation", "summary"),
    ('more = "Where it can be done, the surgeon', 'more = "Where it can be done, { the surgeon',
     "topics.surgery", "more"),
    ('"If you have symptoms like these, call your doctor right away, and ask me anything else you need."',
     '"If you have symptoms like these. Call your doctor right away, and ask me anything else you need."',
     "closes", "doctor[0]"),
    ('close = "Call {emergency_number} now, and say repeat if you need to hear this again."',
     'close = "Call {emergency_number} now. Say repeat if you need to hear this again."', "safety.emergency", "close"),
    ('crisis_number = "988"\ncrisis_source', 'crisis_numbr = "988"\ncrisis_source', "locales.en-US", "crisis_number"),
    ('basis = "conversation"\noutlook', 'basis = ""\noutlook', "safety.distress", "basis"),
    ('"chest pain", "chest pains"', '"chest pain", "Chest pains"', "safety.emergency", "phrases"),
    ('"someone", "somebody",', '"someone", "(somebody",', "reading", "others"),
    ('cues = ["early",', 'cues = [3, "early",', "aspects.early", "cues"),
    ('urgent = "emergency"', 'urgent = "very"', "topics.spinal_cord_compression", "urgent"),
    ('SourceIntent = "source"', 'SourceIntent = "sauce"', "fixed_intents", "SourceIntent"),
    ('symptom = "symptoms"', 'symptom = "causes"', "slot_defaults", "symptom"),
    ('goodbye = "Take care. Goodbye."', 'goodbye = ""', "prompts", "goodbye"),
    ('goodbye = "Take care. Goodbye."', 'goodby = "Take care."', "prompts", "goodbye"),
    ('emergency_number = "999"', 'emergency_numbr = "999"', 'locales.en-GB', "emergency_number"),
    ('name = "ablation"\n', 'name = "ablation"\nsynonym = ["x"]\n', "topics.ablation", "synonym"),
    ('"can\'t feel my legs", ', '"can\'t feel my legs", "burnt 2 toes", ', "topics.spinal_cord_compression",
     "report_phrases"),
])
def test_broken_content_names_file_entry_and_field(tmp_path, old, new, entry, field):
    # GIVEN a content file with one mistake
    path = broken(tmp_path, old, new)
    # WHEN it is loaded
    with pytest.raises(ContentError) as caught:
        load_content(path)
    # THEN the error names the file, the entry and the field
    error = caught.value
    assert error.path == str(path)
    assert (error.entry, error.field) == (entry, field), str(error)
    assert str(path) in str(error) and entry in str(error) and field in str(error)


def test_duplicate_synonym_across_topics_is_refused(tmp_path):
    path = broken(tmp_path, '"radiotherapy",', '"radiotherapy", "Bone Mets",')
    with pytest.raises(ContentError, match=r"duplicate synonym 'Bone Mets' \(also in bone_metastases\)"):
        load_content(path)


def test_unknown_topic_id_in_a_report_is_refused(tmp_path):
    path = broken(tmp_path, 'aspects = { symptoms = "hypercalcemia", causes', 'aspects = { symptoms = "hyper", causes')
    with pytest.raises(ContentError, match="topics.hypercalcemia.*aspects.symptoms.*unknown topic id 'hyper'"):
        load_content(path)


@pytest.mark.parametrize("text, problem", [("[skill\n", "not valid TOML"), (None, "not found")])
def test_unreadable_files_are_named(tmp_path, text, problem):
    path = tmp_path / "content.toml"
    if text is not None:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError, match=problem) as caught:
        load_content(path)
    assert str(path) in str(caught.value)


# --- the compiled JSON the Lambda build ships ---------------------------------------

def compiled(tmp_path: Path) -> Path:
    target = tmp_path / "content.json"
    compile_content(CONTENT_FILE, target)
    return target


def test_the_compiled_json_holds_the_same_content_as_the_toml(tmp_path, content):
    # GIVEN the content file compiled as the Lambda build does
    path = compiled(tmp_path)
    # WHEN it is loaded
    shipped = load_content(path)
    # THEN every locale says exactly what the TOML says, and the vocabulary is the same
    for attribute in ("default_locale", "skill_name", "medical_terms", "aspects", "fixed_intents",
                      "slot_defaults", "safety_signs", "reading", "grounds", "source"):
        assert getattr(shipped, attribute) == getattr(content, attribute), attribute
    assert set(shipped.locales) == set(content.locales)
    for locale, local in content.locales.items():
        other = shipped.locales[locale]
        for attribute in ("topics", "prompts", "closes", "safety", "pronunciations", "number_sources",
                          "emergency_number", "crisis_number", "source_line"):
            assert getattr(other, attribute) == getattr(local, attribute), (locale, attribute)


def test_a_compiled_file_as_built_is_not_checked_again(tmp_path, monkeypatch):
    # GIVEN the compiled file, untouched since the build validated its TOML
    path = compiled(tmp_path)

    def checked(*_, **__):
        raise AssertionError("the per-field checks ran on a file the build validated")

    monkeypatch.setattr(content_validation._Validator, "one_sentence", checked)
    # WHEN it is loaded THEN its stamp matches and the checks are skipped
    assert load_content(path).default.topics["ablation"].summary


@pytest.mark.parametrize("edit", [
    lambda text: text.replace('"summary":"Ablation destroys', '"summary":"<speak>Ablation destroys', 1),
    lambda text: text.replace('"summary":"Ablation destroys', '"summary":"<speak>Ablation destroys', 1).replace(
        ',"content":', ', "content": ', 1),  # reformatted as well
    lambda text: json.dumps(json.loads(text)["content"]).replace('"Ablation destroys', '"<speak>Ablation destroys'),
], ids=["edited after the build", "edited and reformatted", "plain JSON, no stamp"])
def test_a_json_file_the_build_did_not_write_is_validated_like_the_toml(tmp_path, edit):
    # GIVEN a compiled file edited after the build, or a JSON content file written by hand
    path = compiled(tmp_path)
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    # WHEN it is loaded
    with pytest.raises(ContentError) as caught:
        load_content(path)
    # THEN it is checked field by field, and the error names the file, entry and field
    assert (caught.value.path, caught.value.entry, caught.value.field) == (str(path), "topics.ablation", "summary")


def test_a_json_file_that_is_not_json_is_named(tmp_path):
    path = tmp_path / "content.json"
    path.write_text('{"skill": ', encoding="utf-8")
    with pytest.raises(ContentError, match="not valid JSON") as caught:
        load_content(path)
    assert str(path) in str(caught.value)


def test_compiling_a_broken_toml_writes_nothing(tmp_path):
    path = broken(tmp_path, 'goodbye = "Take care. Goodbye."', 'goodbye = ""')
    with pytest.raises(ContentError, match="goodbye"):
        compile_content(path, tmp_path / "content.json")
    assert not (tmp_path / "content.json").exists()


def test_a_topic_nobody_can_reach_is_refused(tmp_path):
    text = CONTENT_FILE.read_text(encoding="utf-8")
    path = tmp_path / "content.toml"
    orphan = '\n[topics.orphan]\nbasis = "conversation"\ntitle = "T"\nname = "n"\nsummary = "S."\nmore = "M."\n'
    path.write_text(text + orphan, encoding="utf-8")
    with pytest.raises(ContentError, match=r"\[topics.orphan\] synonyms"):
        load_content(path)


def test_build_skill_raises_content_errors_at_load(tmp_path):
    # The Lambda import fails loudly on a bad file, rather than each request failing.
    from bone_mets.config import Config
    from bone_mets.skill import build_skill
    with pytest.raises(ContentError):
        build_skill(Config(content_path=tmp_path / "missing.toml"))


def test_facts_carry_over_but_sentences_do_not(article):
    # No sentence of ours is a copy of one of the article's (eight words in a row, say).
    source_words = re.findall(r"[a-z0-9']+", article.read_text(encoding="utf-8").lower())
    shingles = {" ".join(source_words[i:i + 8]) for i in range(len(source_words) - 7)}
    raw = tomllib.loads(CONTENT_FILE.read_text(encoding="utf-8"))
    for table in ("topics", "cancers"):
        for topic_id, spec in raw[table].items():
            for key in ("summary", "more", "report"):
                ours = re.findall(r"[a-z0-9']+", spec.get(key, "").lower())
                for i in range(len(ours) - 7):
                    assert " ".join(ours[i:i + 8]) not in shingles, f"{topic_id}.{key} copies the article"


# --- every answer traceable to its source -------------------------------------------

def test_every_source_quote_is_in_the_article(article):
    content = load_content(CONTENT_FILE, article=article)
    # every topic, cancer, close, prompt and safety text names what it rests on
    assert all(g.source or g.basis for g in content.grounds.values())
    assert {f"topics.{t.id}" for t in content.default.topics.values() if t.kind == "topics"} <= set(content.grounds)
    assert len([g for g in content.grounds.values() if g.source]) >= 40


def test_a_quote_not_in_the_article_names_file_entry_and_field(tmp_path, article):
    path = broken(tmp_path, '"With radiation therapy, doctors use high energy rays',
                  '"With radiation therapy, doctors always cure')
    with pytest.raises(ContentError) as error:
        load_content(path, article=article)
    assert (error.value.path, error.value.entry, error.value.field) == (str(path), "topics.radiation_therapy", "source")
    assert "is not in the article" in str(error.value)


def test_an_entry_that_names_no_grounds_is_refused(tmp_path):
    text = CONTENT_FILE.read_text(encoding="utf-8")
    start = text.index("[topics.mixed]\nsource = [")
    end = text.index("\n]\n", start) + 3
    path = tmp_path / "content.toml"
    path.write_text(text[:start] + "[topics.mixed]\n" + text[end:], encoding="utf-8")
    with pytest.raises(ContentError, match=r"\[topics.mixed\] source: missing"):
        load_content(path)
