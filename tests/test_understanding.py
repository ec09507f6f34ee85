"""The reading module: unresolved words -> emergency, crisis, symptom, topic, or nothing."""

from __future__ import annotations

import pytest

from bone_mets.patterns import Sign, normalise, padded
from bone_mets.understanding import Reader
from events import Dialog, spoken


@pytest.fixture(scope="module")
def reader(content):
    return Reader(content)


@pytest.mark.parametrize("words, kind, topic", [
    # safety first, whatever else the words hold
    ("want to kill myself", "crisis", None),
    ("husband says he wants to end it all", "crisis", None),
    ("chest pain and my bones hurt", "emergency", None),
    ("husband collapsed", "emergency", None),
    ("cannot breathe", "emergency", None),
    ("lost control of my bowels", "emergency", None),
    # urgent symptoms in everyday words (statements)
    ("hip hurts all the time", "report", "pain"),
    ("legs feel weak and numb", "report", "spinal_cord_compression"),
    ("back hurts and my legs are weak", "report", "spinal_cord_compression"),
    ("husband is really confused", "report", "hypercalcemia"),
    ("mother broke her arm just lifting a bag", "report", "fractures"),
    ("dad has not had a bowel movement in days", "report", "hypercalcemia"),
    ("he cannot really feel his feet anymore", "report", "spinal_cord_compression"),  # a hedge inside
    ("there is so much blood", "emergency", None),
    ("wife just had a fit", "emergency", None),
    ("he just keeled over", "emergency", None),
    ("i think i took too much morphine", "emergency", None),
    ("i have had enough of living", "crisis", None),
    ("life is not worth it anymore", "crisis", None),
    ("my dad back is really bad today", "report", "pain"),
    ("husband has no feeling in his legs", "report", "spinal_cord_compression"),
    ("i am having trouble standing up", "report", "spinal_cord_compression"),
    ("he has lost the use of his legs", "report", "spinal_cord_compression"),
    ("she cannot move one side of her body", "emergency", None),
    ("giving up", "crisis", None),  # the DANGER slot of "I feel like {giving up}"
    ("grandad legs just gave out", "report", "spinal_cord_compression"),
    # statements that are not symptoms
    ("have cancer", "diagnosed", None),
    ("have a headache", "unwell", None),
])
def test_statements(reader, words, kind, topic):
    meaning = reader.read(words, statement=True)
    assert (meaning.kind, meaning.topic) == (kind, topic)


@pytest.mark.parametrize("words, topic, aspect", [
    ("the kind that destroys bone", "osteolytic", None),
    ("squash the spinal cord", "spinal_cord_compression", None),
    ("spine compression", "spinal_cord_compression", None),
    ("the mixed one", "mixed", None),
    ("exactly are bone metastases", "bone_metastases", None),
    ("the treatment", None, "treatment"),
    ("are the risk factors", None, "causes"),
    ("symptoms would i notice", None, "symptoms"),
    ("type of bone metastases does breast cancer cause", "breast", "types"),
    ("side effects of chemo", "chemotherapy", "side_effects"),
    ("bones are the most common places for it", None, "locations"),
    ("hyper calcemia", "hypercalcemia", None),  # misheard, found by rapidfuzz
    ("bisfosfonates", "bisphosphonates", None),
    ("type where the bone gets eaten away", "osteolytic", None),  # "where" here is no location
    ("one where both things happen", "mixed", None),
    ("the crumbly bone kind", "osteolytic", None),
    ("bone thickening from cancer", "osteoblastic", None),
    ("a hot or cold probe treatment", "ablation", "treatment"),  # its treatment: ablation itself
    ("kind comes from breast cancer", "breast", "types"),
    ("they know it spread to my bones", "bone_metastases", "diagnosis"),
    ("anything that makes the bones stronger", "surgery", None),
    ("type that lays down bone", "osteoblastic", None),
    ("that jaw thing", "osteonecrosis_of_the_jaw", "side_effects"),
    ("s the deal with bone metastasis", "bone_metastases", None),  # "what's the deal": no treatment
    ("the type where bone breaks down", "osteolytic", None),  # breaks down, not a break
    ("too much calcium in the blood", "hypercalcemia", None),  # blood, but no bleeding
])
def test_questions(reader, words, topic, aspect):
    meaning = reader.read(words, statement=False)
    assert meaning.kind == "question" and (meaning.topic, meaning.aspect) == (topic, aspect)


def test_a_question_can_lean_on_what_was_said_before_it(reader):
    # GIVEN context before the question ("my sister has breast cancer, will it go to her bones")
    meaning = reader.read("go to her bones", context="my sister has breast cancer", statement=False)
    # THEN the cancer named in the context is the subject
    assert (meaning.kind, meaning.topic) == ("question", "breast")
    # and a symptom told before a question is still a symptom report
    assert reader.read("should i do", context="my back hurts", statement=False).kind == "report"


@pytest.mark.parametrize("context, words, kind, topic", [
    ("i", "barely walk anymore", "report", "spinal_cord_compression"),
    ("my dad", "not stop sleeping", "unwell", None),
])
def test_a_subject_alone_before_the_words_is_a_statement(reader, context, words, kind, topic):
    # GIVEN "I can barely walk anymore", split by the carrier "can" into {I} and {barely walk anymore}
    meaning = reader.read(words, context=context, statement=False)
    # THEN it is read as what it is, a statement about someone (a symptom, or unwell: the doctor)
    assert (meaning.kind, meaning.topic) == (kind, topic)


@pytest.mark.parametrize("context, words, topic, aspect", [
    # a cancer named before a question the article answers for bone metastases, not for it
    ("my dad's scans showed lung cancer in his bones", "what treatments are there", None, "treatment"),
    # ... but still the subject of a question about spreading, or about its type
    ("my aunt has kidney cancer", "is it likely to move to her bones", "kidney", "frequency"),
    ("my mom has breast cancer", "what type will it be", "breast", "types"),
    # "it's in her bones" is bone metastases
    ("the oncologist told us in her bones now", "does that mean", "bone_metastases", None),
    # "context" that opens with a question word is the question's own start
    ("what kind of tests", "do to look for it", None, "diagnosis"),
    # a carrier that split the question late leaves it all in the context
    ("my aunt's kidney cancer spread what type", "be", "kidney", "types"),
])
def test_what_was_said_before_a_question(reader, context, words, topic, aspect):
    # GIVEN words said before the question WHEN they are read with it
    meaning = reader.read(words, context=context, statement=False)
    # THEN the subject and the side asked about are the ones meant
    assert (meaning.kind, meaning.topic, meaning.aspect) == ("question", topic, aspect)


@pytest.mark.parametrize("words", ["it", "that", "those", "the one"])
def test_pronouns_follow_up(reader, words):
    assert reader.read(words, statement=False).follows_up


@pytest.mark.parametrize("words, term", [
    ("leukemia", "leukemia"), ("what exactly is leukemia", "leukemia"),
    ("my neighbour said something about the weather today", None), ("kind of doctor treats it", None),
])
def test_unknown_words_say_back_a_short_term_or_nothing(reader, words, term):
    meaning = reader.read(words, statement=False)
    assert meaning.kind == "unknown" and meaning.term == term


def test_carrier_words_are_never_said_back(handler):
    # GIVEN words around an unknown term, in a slot that did not resolve
    dialog = Dialog(handler)
    response = dialog.intent("TopicIntent", topic=("exactly is this leukemia thing people talk about", None))
    # THEN the answer does not repeat the carrier words
    assert "exactly is" not in spoken(response) and "don't know about that" in spoken(response)


def test_a_follow_up_leans_on_the_last_answer(dialog):
    # GIVEN an answer about bisphosphonates WHEN asked "are there any risks" with the topic slot "it"
    dialog.intent("TopicIntent", topic=("bisphosphonates", "bisphosphonates"))
    response = dialog.intent("SideEffectsIntent", topic=("it", None))
    # THEN the side effect of that topic
    assert "jaw" in spoken(response)


def test_a_second_question_about_the_topic_just_summarised_gets_more(dialog, content):
    # GIVEN the summary of surgery
    dialog.intent("TopicIntent", topic=("surgery", "surgery"))
    # WHEN the next question is about surgery again, in words that did not resolve
    response = dialog.intent("QuestionIntent", query=("do they use to hold the bone in surgery", None))
    # THEN the more detailed stage answers it, not the summary again
    surgery = content.default.topics["surgery"]
    assert surgery.more in spoken(response) and surgery.summary not in spoken(response)
    # and a third question gets the summary, from the top
    assert surgery.summary in spoken(dialog.intent("TopicIntent", topic=("surgery", "surgery")))


def test_unresolved_words_in_a_symptom_report_close_with_the_doctor(dialog, content):
    response = dialog.intent("SymptomReportIntent", symptom=("hip hurts all the time", None))
    assert spoken(response).endswith(tuple(content.default.closes["doctor"]))


@pytest.mark.parametrize("slot, words", [("danger", "is pointless now"), ("danger", "why bother anymore"),
                                         ("symptom", "what a week this has been")])
def test_words_told_in_a_statement_that_nothing_places_still_close_with_the_doctor(dialog, content, slot, words):
    # GIVEN a statement whose words match no sign ("{life} is pointless now"), even one that
    # opens like a question ("{honestly} why bother anymore")
    response = dialog.intent("SymptomReportIntent", **{slot: (words, None)})
    # THEN not "I don't know", but the doctor, last
    assert "don't know" not in spoken(response)
    assert spoken(response).endswith(tuple(content.default.closes["doctor"]))


def test_normalise_spells_out_contractions():
    assert normalise("I can't breathe, he's NOT ok; she isn't — won't") == (
        "i cannot breathe he is not ok she is not will not")


def test_a_sign_needs_every_part():
    sign = Sign("chest + (pain|tight)")
    assert sign.found_in(padded("my chest is tight")) and not sign.found_in(padded("my chest"))
    assert not sign.found_in(padded("chesty pain"))  # whole words only
