"""How people really ask: the team's phrasings (corpus/r00-phrasings.txt) reach the right answer
through every locale's model.

The reader is a learned model: on sentences it was trained on it is right almost always, not
always, so the test holds a share (MIN_SHARE) and lists every miss.

Each sentence of the round is matched against the interaction model the way Alexa matches
phrasings (the simulator's matcher), sent through `lambda_handler`, and what the answer is about
is checked against the corpus label (corpus.expectations): a topic, the advice answer (the care
team, or the article's own direction), the emergency or crisis direction, or, for what the
article does not cover, no topic and a session that keeps listening.
"""

from __future__ import annotations

import pytest

import corpus
import voice_model
from bone_mets.understanding import OPENING_WORDS, model_text
from conftest import LOCALES
from events import spoken
from simulator import Session
from utterance_matcher import UtteranceMatcher

PHRASINGS = corpus.expectations(corpus.read_file(corpus.CORPUS_DIR / "r00-phrasings.txt"))
MIN_SHARE = 0.98  # of the phrasings that must reach their answer, in every locale


@pytest.fixture(scope="module", params=LOCALES)
def locale_matcher(request):
    return request.param, UtteranceMatcher(voice_model.load_model(voice_model.model_path(request.param)))


def test_the_list_is_broad():
    topics = {expected for _, expected in PHRASINGS}
    assert len(PHRASINGS) >= 250 and len(topics) >= 30


def answered(response: dict, local) -> str | None:
    attributes = response.get("sessionAttributes") or {}
    said = spoken(response)
    if attributes.get("safety") and attributes.get("directed") == "yes":
        return attributes["safety"]
    if said.startswith(local.safety["advice.answer"].split(",")[0]) or local.safety["advice.urgent"] in said \
            or any(t.direction and t.direction in said for t in local.topics.values()):
        return "advice"
    return attributes.get("topic")


def test_each_phrasing_reaches_its_answer(handler, content, locale_matcher):
    locale, matcher = locale_matcher
    local = content.for_locale(locale)
    wrong = []
    for utterance, expected in PHRASINGS:
        match = matcher.match(utterance)
        response = Session(handler, locale).intent(match)
        got = answered(response, local)
        if expected == "-":
            expected = None
            if not (response["response"]["shouldEndSession"] is False and response["response"]["reprompt"]):
                wrong.append(f"{utterance!r}: the session should keep listening")
        if got != expected:
            wrong.append(f"{utterance!r} -> {match.describe()} answered {got}, expected {expected}")
    assert len(wrong) <= (1 - MIN_SHARE) * len(PHRASINGS), "\n".join(wrong)


LONG_STORY = ("i'm sixty five i've got stage four kidney cancer and for the past week i've been really constipated "
              "and kind of foggy and my daughter says i keep repeating myself is that from the bones")


def test_a_story_of_nearly_forty_words_still_reaches_the_skill(locale_matcher):
    # Alexa's open slot takes up to its type's longest value plus two words: the free types list
    # values of about thirty words (within 140 characters), so a long story is not dropped.
    _, matcher = locale_matcher
    match = matcher.match(LONG_STORY)
    assert match.intent != "AMAZON.FallbackIntent"
    assert " ".join(slot.value for slot in match.slots).split()[-3:] == ["from", "the", "bones"]


@pytest.mark.parametrize("utterance, intent", [("cheers that's all", "AMAZON.StopIntent"),
                                               ("whatever", "AMAZON.NoIntent"),
                                               ("when should i worry", "SymptomsIntent"),
                                               # R86: how the doctors would find it is the diagnosis;
                                               # how one would know, the signs
                                               ("how would they know if it's gone to the bone", "DiagnosisIntent"),
                                               ("how would i know if it's gone to the bone", "SymptomsIntent"),
                                               # the article's review date, asked as people ask it
                                               ("when was it last checked", "SourceIntent"),
                                               ("when was it last looked over", "SourceIntent"),
                                               # R38, R39: a leave-taking word before "stop", a
                                               # filler before "repeat that"
                                               ("cool thanks alexa stop", "AMAZON.StopIntent"),
                                               ("okay thank you stop", "AMAZON.StopIntent"),
                                               ("thanks mate stop", "AMAZON.StopIntent"),  # R48
                                               ("alright repeat that please", "AMAZON.RepeatIntent"),
                                               # thanks, then "goodbye": the words fixed, so no crisis's
                                               # "so this is goodbye" is taken for a leave-taking
                                               ("thank you that helps goodbye", "AMAZON.StopIntent"),
                                               # R94: "goodbye" after a word, which a carrier took
                                               # alone (read as a crisis's goodbye); thanks after
                                               # a word of approval, which nothing matched
                                               ("alright goodbye", "AMAZON.StopIntent"),
                                               ("lovely ta very much", "AMAZON.NoIntent"),
                                               # R95: "{danger} now" took "stop" for a danger told
                                               ("stop now", "AMAZON.StopIntent"),
                                               # R99: "k" before thanks, and thanks for the help
                                               # with a parting wish, which a "yes"'s carrier took
                                               ("k thanks goodbye", "AMAZON.StopIntent"),
                                               ("alright thanks for your help have a good one",
                                                "AMAZON.StopIntent"),
                                               # R99: a bare "why" keeps its word (not "more")
                                               ("why", "WhyQuestionIntent"), ("how come", "WhyQuestionIntent"),
                                               # a bone named alone: its type lists the bones, as a
                                               # slot alone matches only listed words on a device (no
                                               # carrier beside it: "{heat} as well" would take any word)
                                               ("ribs", "TopicIntent"), ("skull", "TopicIntent")])
def test_short_replies_reach_an_intent(locale_matcher, utterance, intent):
    assert locale_matcher[1].match(utterance).intent == intent


@pytest.mark.parametrize("utterance", ["my brother keeps saying he wants to end it",
                                       "she keeps saying she wants to die", "my son told me he wants to kill himself"])
def test_a_crisis_told_about_someone_else_keeps_the_person_in_the_words(handler, locale_matcher, utterance):
    # The carrier never reaches the skill, so "he" or "she" must stay in the slot: the answer then
    # speaks to the worried person (how to help them reach the line), not to the person at risk.
    locale, matcher = locale_matcher
    said = spoken(Session(handler, locale).intent(matcher.match(utterance)))
    assert "help them" in said


@pytest.mark.parametrize("utterance, kept", [("legs numb cant walk", "legs numb"),
                                             ("dont wanna be here", "wanna be here"),
                                             ("lowkey wanna unalive myself", "want to unalive myself")])
def test_fragments_as_a_recogniser_writes_them_reach_the_reader(locale_matcher, utterance, kept):
    # No subject, no apostrophe: without carriers for these openings the sentence matched
    # nothing, and a device sends that to the fallback without its words.
    match = locale_matcher[1].match(utterance)
    assert match.intent != "AMAZON.FallbackIntent"
    assert kept in model_text(match.intent, {slot.name: slot.value for slot in match.slots})


@pytest.mark.parametrize("utterance, kept", [("rather be dead", "be dead"), ("started cutting again", "cutting again"),
                                             ("nani fell cannot get up", "get up")])
def test_statements_without_a_subject_reach_the_reader(locale_matcher, utterance, kept):
    # An opening verb ("rather", "started") or "cannot" inside: before their carriers these
    # matched no intent.
    match = locale_matcher[1].match(utterance)
    assert match.intent != "AMAZON.FallbackIntent"
    assert kept in " ".join(slot.value for slot in match.slots)


@pytest.mark.parametrize("utterance, kept", [("hearing all that makes me want to kill myself", "kill myself"),
                                             ("my partner told me he's going to kill himself", "kill himself"),
                                             ("did she bring it on herself", "herself")])
def test_a_reflexive_word_at_the_end_reaches_the_reader(locale_matcher, utterance, kept):
    # c95: "myself" was a carrier word after a statement, so "want to kill myself" reached the skill
    # as "want to kill", no crisis said in so many words, and the model read a feeling
    match = locale_matcher[1].match(utterance)
    assert kept in model_text(match.intent, {slot.name: slot.value for slot in match.slots}), match


@pytest.mark.parametrize("utterance, intent, query", [
    ("how many cancers end up spreading to bone", "HowQuestionIntent", "many cancers end up spreading to bone"),
    ("which ones mostly", "WhichQuestionIntent", "ones mostly"),
    ("who says that", "WhoQuestionIntent", "says that"),
])
def test_a_question_word_reaches_the_skill_as_its_intent(locale_matcher, utterance, intent, query):
    # A carrier's words never reach the skill: the question word's own intent keeps it.
    match = locale_matcher[1].match(utterance)
    assert match.intent == intent and query in " ".join(slot.value for slot in match.slots)


@pytest.mark.parametrize("utterance", ["you said something about hyper calcemia what's that",
                                       "you mentioned osteo blastic"])
def test_a_term_from_the_last_answer_asked_about_reaches_the_topic(locale_matcher, utterance):
    # R69: "you said something about {hyper calcemia} what's that" matched no sample, and a
    # device sends that to the fallback without its words.
    match = locale_matcher[1].match(utterance)
    assert match.intent == "TopicIntent"
    assert {slot.name: slot.value for slot in match.slots}["topic"] in ("hyper calcemia", "osteo blastic")


@pytest.mark.parametrize("utterance, topic", [("what is meaning of this bone metastasis", "bone metastasis"),
                                              ("what's the meaning of that osteolytic", "osteolytic")])
def test_the_meaning_of_this_thing_asked_takes_the_thing_as_the_topic(locale_matcher, utterance, topic):
    # R89: the slot took "meaning of this" and the topic's name fell to another sample's
    # carrier ("what is {topic} bone metastasis")
    match = locale_matcher[1].match(utterance)
    assert (match.intent, {slot.name: slot.value for slot in match.slots}) == ("TopicIntent", {"topic": topic})


@pytest.mark.parametrize("utterance", ["um", "hmm"])
def test_a_hesitation_alone_asks_for_the_last_answer_again(locale_matcher, utterance):
    assert locale_matcher[1].match(utterance).intent == "AMAZON.RepeatIntent"


@pytest.mark.parametrize("utterance", ["worried he'll hang himself", "she keeps talking about killing herself"])
def test_a_worried_person_reaches_the_crisis_line_for_someone_else(handler, locale_matcher, utterance):
    locale, matcher = locale_matcher
    said = spoken(Session(handler, locale).intent(matcher.match(utterance)))
    assert "help them" in said


@pytest.mark.parametrize("utterance, read", [("my legs won't work", "my legs not work"),
                                             ("i don't want to go on", "not want to go on"),
                                             ("screaming in pain can't move", "screaming in pain not move"),
                                             ("im not ok", "not ok")])
def test_a_negative_word_reaches_the_reader(locale_matcher, utterance, read):
    # A carrier's word never reaches the skill, and without its "not" a sentence says the
    # opposite ("my legs work"): negative carriers have their own intent, whose word is put back.
    match = locale_matcher[1].match(utterance)
    assert match.intent == "NotSpeechIntent"
    assert model_text(match.intent, {slot.name: slot.value for slot in match.slots}) == read


@pytest.mark.parametrize("utterance, read", [("ending it", "ending it"),
                                             ("ready to go now", "ready to go now"),
                                             ("rather be dead", "want to be dead"),
                                             ("done with life", "tired of life"),
                                             ("um thinking about the bridge", "thinking about the bridge"),
                                             ("saved up my oxy", "saving up my oxy")])
def test_an_opening_that_means_something_reaches_the_reader(locale_matcher, utterance, read):
    # Said without a subject, an opening's word is the statement: "ready to go now" without
    # "ready to" is a goodbye, and "ending it" without "ending" is only "it". Each such opening
    # has its own intent, whose word the reader puts back.
    match = locale_matcher[1].match(utterance)
    assert match.intent in OPENING_WORDS
    assert model_text(match.intent, {slot.name: slot.value for slot in match.slots}) == read


@pytest.mark.parametrize(("said", "intent", "ends"), [
    # R140: thanks with "mate" goes on ("cheers mate" and "ta mate" take their leave), and
    # "night" takes its leave, alone or after thanks; "goodnight" after something told on the way out
    ("thanks mate", "AMAZON.NoIntent", False),
    ("cheers thanks", "AMAZON.NoIntent", False),  # R141
    ("cheers night", "AMAZON.StopIntent", True),
    ("ok fine ill call them in the morning goodnight", "ByeSpeechIntent", True),
    ("hooroo", "AMAZON.StopIntent", True),  # R142: an Australian goodbye, alone or after thanks
    ("no worries thanks mate hooroo", "ByeSpeechIntent", True),
])
def test_leave_taking_words_reach_the_skill(handler, locale_matcher, said, intent, ends):
    locale, matcher = locale_matcher
    match = matcher.match(said)
    response = Session(handler, locale).intent(match)
    assert match.intent == intent and response["response"]["shouldEndSession"] is ends, match.describe()


@pytest.mark.parametrize("said", ["my hip aches every night", "i haven't had a good night", "she was fine last night"])
def test_night_at_the_end_of_a_statement_takes_no_leave(locale_matcher, said):
    # "night" and "good night" end many a statement: only "goodnight" and "night night" take
    # their leave after one (a goodbye's carrier would read the words as said on the way out)
    assert locale_matcher[1].match(said).intent != "ByeSpeechIntent"
