"""Safety beyond the article: emergencies, crises, advice and hard questions, in every locale.

Each statement reaches `lambda_handler` through the intent the model would pick and through
the unresolved slots of other intents (the model may route a frightened sentence anywhere),
and on every path (first answer, repeat, "tell me more", "yes") the direction is kept.
"""

from __future__ import annotations

import pytest

from conftest import LOCALES
from events import DOCTOR, Dialog, card_form, card_text, ends_session, intent_event, reprompt, sentences, spoken

EMERGENCIES = [
    "i have chest pain", "my husband collapsed", "i can't breathe", "she is not breathing", "he's unconscious",
    "i think i'm having a stroke", "my face is drooping", "he is bleeding heavily", "my dad hit his head",
    "she's having a seizure", "my throat is swelling", "i'm having an allergic reaction", "he took too many pills",
    "i think she's been poisoned", "i fell and can't get up",
]
# The article's own emergency (spinal cord compression): its report, or the emergency answer;
# either way the local number last.
ARTICLES_EMERGENCY = ["i lost control of my bladder", "my legs suddenly went numb and i can't walk"]
CRISES = [
    "i want to kill myself", "i want to die", "my husband says he wants to end it all", "i'm thinking about suicide",
    "my daughter is hurting herself", "i don't want to live anymore", "there's no reason to live",
]
ADVICE = [
    "should i stop taking my bisphosphonates", "how much zoledronic acid should i take", "should i go to hospital",
    "can you diagnose me", "do i have bone metastases", "should i stop my chemo",
]
HARD = ["am i dying", "how long do i have to live", "i'm scared", "can bone metastases kill you"]
# Where a statement may arrive: the slot of each intent that reads words.
SLOTS = [("SymptomReportIntent", "symptom"), ("SymptomReportIntent", "danger"), ("TopicIntent", "topic"),
         ("QuestionIntent", "query"), ("CancerSpreadIntent", "cancer"), ("SideEffectsIntent", "topic"),
         ("AdviceRequestIntent", "topic")]


def said_with(dialog: Dialog, intent: str, slot: str, words: str) -> dict:
    return dialog.intent(intent, **{slot: (words, None)})


def numbers(content, locale):
    local = content.for_locale(locale)
    return local, local.emergency_number, local.emergency_spoken, local.crisis_number


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("words", EMERGENCIES)
@pytest.mark.parametrize("intent, slot", SLOTS)
def test_an_emergency_in_any_slot_gets_the_local_number_last(handler, content, locale, words, intent, slot):
    # GIVEN an emergency, heard in any intent's slot, in any locale
    local, number, spoken_number, _ = numbers(content, locale)
    response = said_with(Dialog(handler, locale), intent, slot, words)
    said = spoken(response)
    # THEN the last spoken sentence directs the person to call the local number, which the
    # SSML speaks the local way and the card shows as digits; no cause is guessed
    last = sentences(said)[-1]
    assert number in last and DOCTOR.search(last), said
    assert f'<sub alias="{spoken_number}">{number}</sub>' in response["response"]["outputSpeech"]["ssml"]
    assert card_text(response).endswith(card_form(last)) and "say repeat" not in card_text(response)
    assert "bone metastases" not in said and "didn't" not in said and "don't know" not in said
    assert ends_session(response) is False and number in reprompt(response)


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("words", ARTICLES_EMERGENCY)
@pytest.mark.parametrize("intent, slot", SLOTS)
def test_the_articles_own_emergency_in_any_slot_gets_the_local_number_last(handler, content, locale, words,
                                                                          intent, slot):
    _, number, _, _ = numbers(content, locale)
    said = spoken(said_with(Dialog(handler, locale), intent, slot, words))
    last = sentences(said)[-1]
    assert number in last and DOCTOR.search(last), said


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("words", CRISES)
@pytest.mark.parametrize("intent, slot", SLOTS)
def test_a_crisis_gets_the_local_line_and_the_emergency_number(handler, content, locale, words, intent, slot):
    # GIVEN a statement of suicidal thoughts or self-harm, in any slot and locale
    local, number, _, line = numbers(content, locale)
    response = said_with(Dialog(handler, locale), intent, slot, words)
    said = spoken(response)
    # THEN one compassionate sentence, the local crisis line, the emergency number last,
    # both in the card, and the session stays open without pushing a topic
    assert said.startswith("I'm so sorry")
    assert line in said and line in card_text(response)
    last = sentences(said)[-1]
    assert number in last and DOCTOR.search(last)
    assert ends_session(response) is False
    assert "topic" not in (response.get("sessionAttributes") or {})
    assert "Would you like" not in said


@pytest.mark.parametrize("locale", LOCALES)
def test_crisis_lines_are_the_published_ones(content, locale):
    # GIVEN the content file's numbers THEN each locale has the line its public source names
    expected = {"en-US": ("911", "988"), "en-CA": ("911", "988"), "en-GB": ("999", "116 123"),
                "en-AU": ("000", "13 11 14"), "en-IN": ("112", "14416")}[locale]
    local = content.for_locale(locale)
    assert (local.emergency_number, local.crisis_number) == expected


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("kind, words", [("emergency", EMERGENCIES[0]), ("crisis", CRISES[0])])
@pytest.mark.parametrize("then", ["repeat", "more", "yes"])
def test_the_direction_survives_repeat_more_and_yes(handler, content, locale, kind, words, then):
    # GIVEN an emergency or crisis answer
    _, number, _, _ = numbers(content, locale)
    dialog = Dialog(handler, locale)
    first = said_with(dialog, "SymptomReportIntent", "symptom", words)
    # WHEN the person says repeat, tell me more, or yes
    response = dialog.fixture(then)
    # THEN the direction is said again, last, with the local number
    last = sentences(spoken(response))[-1]
    assert number in last and DOCTOR.search(last)
    assert sentences(spoken(first))[-1] == last
    assert ends_session(response) is False


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("words", ADVICE)
def test_requests_for_advice_get_no_advice_and_name_the_care_team(handler, content, locale, words):
    # GIVEN a request for a decision about the person's own care
    response = said_with(Dialog(handler, locale), "QuestionIntent", "query", words)
    said = spoken(response)
    # THEN no yes or no: the skill can't advise, their doctor, nurse or pharmacist can
    assert said.startswith(content.for_locale(locale).safety["advice.answer"].split(",")[0])
    assert "pharmacist" in said and not said.lower().startswith(("yes", "no"))
    assert ends_session(response) is False and reprompt(response)


def test_advice_about_a_topic_offers_its_facts(dialog):
    # GIVEN "should I stop my bisphosphonates"
    response = dialog.intent("AdviceRequestIntent", topic=("bisphosphonates", "bisphosphonates"))
    # THEN the care team decides, and the skill offers what its source says; "yes" brings it
    assert "Would you like to hear what my source says about bisphosphonates?" in spoken(response)
    assert "most often" in spoken(dialog.fixture("yes"))


@pytest.mark.parametrize("words", HARD)
def test_hard_questions_get_a_gentle_answer_without_echo(handler, words):
    # GIVEN a question no article can answer for a person
    response = said_with(Dialog(handler), "QuestionIntent", "query", words)
    said = spoken(response)
    # THEN gentle words and who can help; nothing said back, no jargon example
    assert "care team" in said
    assert words not in said.lower() and "ablation" not in said and "don't know about" not in said
    assert ends_session(response) is False and reprompt(response)


@pytest.mark.parametrize("fixture_words", ["my back hurts and my legs are weak", "my legs gave way",
                                           "i suddenly can't walk"])
def test_the_articles_own_emergency_keeps_its_report(handler, fixture_words):
    # GIVEN the spinal cord compression picture in everyday words
    response = said_with(Dialog(handler), "SymptomReportIntent", "symptom", fixture_words)
    said = spoken(response)
    # THEN the report links it to pressure on the spinal cord, then the emergency close
    assert "spinal cord" in said
    assert "911" in sentences(said)[-1]


@pytest.mark.parametrize("fixture", ["launch_returning", "help", "fallback"])
def test_the_articles_emergency_sentence_reaches_every_way_in(handler, content, fixture, monkeypatch):
    # GIVEN the welcome back, help and the fallback (people who never heard the first welcome)
    if fixture == "launch_returning":
        local = content.default
        text = " ".join(local.prompt(k) for k in ("welcome_back", "disclaimer_short"))
    else:
        from events import load_event
        text = spoken(handler(load_event(fixture), None))
    # THEN each names the emergency number
    assert "911" in text.replace("{emergency_number}", "911")


@pytest.mark.parametrize("locale", LOCALES)
def test_fallback_never_strands_a_person_in_danger(handler, content, locale):
    # GIVEN words Alexa could not place at all ("kms", a sob, a name the device mishears),
    # which may be a person in danger whom no intent understood
    local, number, _, line = numbers(content, locale)
    response = Dialog(handler, locale).intent("AMAZON.FallbackIntent")
    said = spoken(response)
    # THEN after the apology, the local crisis line, and the emergency number last, in the
    # card too; the conversation goes on as before (no direction is remembered)
    assert said.startswith("Sorry, I didn't catch that.")
    assert line in said and line in card_text(response)
    last = sentences(said)[-1]
    assert number in last and DOCTOR.search(last)
    assert ends_session(response) is False and reprompt(response)
    assert "safety" not in (response.get("sessionAttributes") or {})


def test_an_intent_with_no_words_for_safety_is_not_misread(handler):
    # GIVEN a plain question WHEN answered THEN nothing of the safety answers appears
    said = spoken(handler(intent_event("TopicIntent", {"topic": ("ablation", "ablation")}), None))
    assert "988" not in said and "emergency" not in said


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("intent, slots", [
    ("WhenQuestionIntent", {"context": ("so", None), "query": ("exactly should i call my doctor or 911", None)}),
    ("SymptomsIntent", {"topic": ("an emergency", None)}),  # "how do I know if it's {an emergency}"
    ("QuestionIntent", {"query": ("what signs should i call an ambulance for", None)}),
])
def test_a_calm_question_of_when_to_call_for_help_names_the_number_then_the_doctor(handler, content, locale,
                                                                                    intent, slots):
    # GIVEN a calm question of when to call for help (R37: "when should I call my doctor versus 911")
    local, number, spoken_number, _ = numbers(content, locale)
    dialog = Dialog(handler, locale)
    said = spoken(dialog.intent(intent, **slots))
    # THEN the local number first, then the symptoms the article says to call the doctor for, last
    assert said.startswith(local.safety["emergency.when_to_call"].split("{")[0])
    assert number in sentences(said)[0]
    assert local.topics["symptoms"].summary in said and DOCTOR.search(sentences(said)[-1])
    # and no emergency direction is kept: the next answer carries no number
    assert number not in spoken(dialog.intent("TopicIntent", topic=("osteolytic", None)))


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("told", [
    ("NotSpeechIntent", "context", "his back's killing him and both his legs have gone weak and numb and he can't feel "
                                   "when he needs the loo"),  # R37: read as an emergency, its signs named
    ("SymptomReportIntent", "symptom", "my legs suddenly went numb and i can't walk"),  # its report, or the direction
])
@pytest.mark.parametrize("then", ["can't i just wait till my appointment on monday",
                                  "what do i tell them when they get here"])
def test_after_the_articles_own_emergency_a_later_turn_hears_what_it_is_between_the_numbers(
        handler, content, locale, told, then):
    # GIVEN the article's own emergency told, and the direction given
    local, number, _, _ = numbers(content, locale)
    dialog = Dialog(handler, locale)
    intent, slot, words = told
    first = said_with(dialog, intent, slot, words)
    assert number in sentences(spoken(first))[-1]
    # WHEN a later turn asks something the direction does not answer ("can't I wait")
    response = said_with(dialog, "QuestionIntent", "query", then)
    said = sentences(spoken(response))
    # THEN the number first and last, and between them what the article says of spinal cord
    # compression (why not to wait), not the direction alone
    assert number in said[0] and number in said[-1] and DOCTOR.search(said[-1])
    assert local.topics["spinal_cord_compression"].summary in spoken(response)
    # AND it lasts: the turn after carries it too
    assert local.topics["spinal_cord_compression"].summary in spoken(said_with(dialog, "QuestionIntent", "query",
                                                                              "what do i do"))


# The article's own emergency told by its signs, which the model reads as an emergency (R42)
OWN_EMERGENCY_TOLD = ("my husband's got prostate cancer that's gone into his spine and um since this morning his "
                      "legs have gone all weak and tingly and numb and he just wet himself he didn't even feel it")


@pytest.mark.parametrize("locale", LOCALES)
def test_the_articles_own_emergency_read_so_says_what_it_is_between_the_numbers_at_once(handler, content, locale):
    # GIVEN the article's own emergency told by its signs, read as an emergency (R42)
    local, number, _, _ = numbers(content, locale)
    response = said_with(Dialog(handler, locale), "NotSpeechIntent", "context", OWN_EMERGENCY_TOLD)
    said = sentences(spoken(response))
    # THEN the number first and last, and between them what the article says of it
    assert number in said[0] and number in said[-1]
    assert local.topics["spinal_cord_compression"].summary in spoken(response)


@pytest.mark.parametrize("locale", LOCALES)
def test_the_articles_own_emergency_read_so_names_the_doctor_too_now_and_later(handler, content, locale):
    # GIVEN the article's own emergency told by its signs, read as an emergency (R42, R76)
    local, number, _, _ = numbers(content, locale)
    dialog = Dialog(handler, locale)
    first = said_with(dialog, "NotSpeechIntent", "context", OWN_EMERGENCY_TOLD)
    # WHEN the next words say nothing new
    later = said_with(dialog, "QuestionIntent", "query", "is it serious")
    # THEN the article's own direction on both turns: the number first and last, the doctor too
    for response in (first, later):
        said = sentences(spoken(response))
        assert number in said[0] and number in said[-1] and "doctor" in said[-1], said


def test_another_emergency_read_at_once_is_not_explained_as_the_articles_own(handler, content):
    # GIVEN a stroke whose words the rules read as the article's signs ("can't move his ... leg")
    local, number, _, _ = numbers(content, "en-US")
    response = said_with(Dialog(handler, "en-US"), "FreeSpeechIntent", "query",
                         "he suddenly can't move his left arm and leg and his speech is slurred")
    # THEN the direction alone: no guess at a cause
    said = sentences(spoken(response))
    assert number in said[0] and number in said[-1]
    assert local.topics["spinal_cord_compression"].summary not in spoken(response)


@pytest.mark.parametrize("before", [None, "what is spinal cord compression"])
def test_another_emergency_is_not_explained_as_the_articles_own(handler, content, before):
    # GIVEN an emergency that is not the article's own ("he collapsed"), even after a calm
    # question about spinal cord compression
    local, number, _, _ = numbers(content, "en-US")
    dialog = Dialog(handler, "en-US")
    if before:
        said_with(dialog, "QuestionIntent", "query", before)
    said_with(dialog, "SymptomReportIntent", "symptom", "he collapsed and isn't breathing")
    # WHEN a later turn hears the direction again
    response = said_with(dialog, "QuestionIntent", "query", "what do i do now")
    # THEN the direction alone, the number first and last: no guess at a cause
    said = sentences(spoken(response))
    assert number in said[0] and number in said[-1]
    assert local.topics["spinal_cord_compression"].summary not in spoken(response)


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("leave", ["right i'm ringing them now stop", "ok we're phoning the ambulance now stop",
                                   "thanks alexa stop",
                                   # R143: a goodbye, not a stop, read as an emergency in doubt
                                   "okay im ringing him back right now bye"])
def test_after_a_direction_words_that_end_by_taking_leave_end_the_session_with_the_number_last(
        handler, content, locale, leave):
    # GIVEN the article's own emergency told, and the direction given (R39)
    _, number, _, _ = numbers(content, locale)
    dialog = Dialog(handler, locale)
    said_with(dialog, "SymptomReportIntent", "danger", "his legs have gone numb and he's wet himself")
    # WHEN the carrier's words end by taking leave, whatever the model makes of those before
    response = said_with(dialog, "YesAndIntent", "query", leave)
    # THEN the session ends as asked, and the emergency number is still the last thing said
    assert ends_session(response) and number in sentences(spoken(response))[-1]


def test_a_stop_whose_words_read_perhaps_as_a_crisis_says_the_line_as_its_goodbye(handler, content):
    # GIVEN no direction yet WHEN a stop is heard in words read perhaps as a crisis
    local, number, _, crisis = numbers(content, "en-GB")
    from bone_mets.understanding import Meaning
    from unittest import mock
    with mock.patch("bone_mets.handlers.understand", return_value=Meaning("stop", perhaps_crisis=True)):
        response = Dialog(handler, "en-GB").intent("YesAndIntent", query=("i'm off now stop", None))
    # THEN the session ends with the crisis line, then the emergency number last
    said = sentences(spoken(response))
    assert ends_session(response) and crisis in spoken(response) and number in said[-1]


@pytest.mark.parametrize("words", ["the pills i'm on", "my tablets", "the tablets they've put me on"])
def test_side_effects_of_the_pills_one_takes_are_answered_with_the_line_after(handler, content, words):
    # GIVEN "what are the side effects of {my tablets}": alone, the words read as the pills a
    # crisis speaks of; asked as they were, they ask the side effects
    local, _, _, crisis_number = numbers(content, "en-GB")
    said = spoken(said_with(Dialog(handler, "en-GB"), "SideEffectsIntent", "topic", words))
    # THEN the side effects are answered, and the crisis line still follows them
    assert local.topics["osteonecrosis_of_the_jaw"].summary in said, said
    assert said.index(crisis_number) > said.index(local.topics["osteonecrosis_of_the_jaw"].summary)

