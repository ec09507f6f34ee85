"""The safety state lasts the session: after an emergency or crisis direction, every later turn
carries it, the number last, in every locale; the article's own directions replace "I can't
advise"; emergency words lead with the action; a crisis about someone else speaks to the
worried person. (Issue: conversations a nurse would sign.)
"""

from __future__ import annotations

import pytest

from bone_mets.understanding import Reader
from conftest import LOCALES, read_as
from events import DOCTOR, Dialog, card_text, ends_session, reprompt, sentences, spoken

# An emergency and a crisis said as Alexa resolves them exactly (the DANGER slot), so these
# tests hold the conversation rules whatever the reader's model reads.
EMERGENCY = ("SymptomReportIntent", {"danger": ("collapsed", "emergency")})
CRISIS = ("SymptomReportIntent", {"danger": ("i want to die", "crisis")})
# What people say next: (intent, slots) as the model routes them.
FOLLOW_UPS = {
    "what should i do": ("AdviceRequestIntent", {}),
    "what was that number": ("AMAZON.RepeatIntent", {}),
    "sorry?": ("QuestionIntent", {"query": ("sorry which number", None)}),
    "no": ("AMAZON.NoIntent", {}),
    "yes": ("AMAZON.YesIntent", {}),
    "tell me more": ("MoreDetailIntent", {}),
    "help": ("AMAZON.HelpIntent", {}),
    "mumbled": ("AMAZON.FallbackIntent", {}),
}


def numbers(content, locale):
    local = content.for_locale(locale)
    return local.emergency_number, local.crisis_number


def said_after(handler, locale, first, then):
    dialog = Dialog(handler, locale)
    dialog.intent(first[0], **first[1])
    return dialog.intent(then[0], **then[1])


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("follow_up", FOLLOW_UPS)
@pytest.mark.parametrize("kind, first", [("emergency", EMERGENCY), ("crisis", CRISIS)])
def test_every_follow_up_gets_the_direction_again_number_last(handler, content, locale, follow_up, kind, first):
    # GIVEN an emergency or crisis answer WHEN the person says anything but a new question
    emergency, line = numbers(content, locale)
    response = said_after(handler, locale, first, FOLLOW_UPS[follow_up])
    said = spoken(response)
    # THEN the direction again: the local number in the last sentence (and the crisis line after
    # a crisis), the session open, the reprompt the direction too
    last = sentences(said)[-1]
    assert emergency in last and DOCTOR.search(last), said
    if kind == "crisis":
        assert line in said
    assert ends_session(response) is False and emergency in reprompt(response)


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("then", [("AMAZON.StopIntent", {}), ("AMAZON.CancelIntent", {}),
                                  ("QuestionIntent", {"query": ("stop please", None)})])
def test_stop_after_a_crisis_ends_with_the_line_and_the_number(handler, content, locale, then):
    emergency, line = numbers(content, locale)
    response = said_after(handler, locale, CRISIS, then)
    said = spoken(response)
    # THEN not a bare goodbye: the crisis line, then the emergency number last, and the session ends
    assert "Goodbye" not in said and line in said and emergency in sentences(said)[-1]
    assert ends_session(response) is True


@pytest.mark.parametrize("locale", LOCALES)
def test_thanks_with_what_one_will_do_and_thats_all_after_a_crisis_ends_with_the_line(handler, content, locale):
    # R124: the carrier took "that's" from "thanks love i'll talk to her that's all", which the
    # model read as a no: the direction again, with the chat kept open, where leave was taken
    emergency, line = numbers(content, locale)
    then = ("FreeSpeechIntent", {"context": ("thanks love i'll i'll talk to her", None), "query": ("all", None)})
    response = said_after(handler, locale, CRISIS, then)
    said = spoken(response)
    # THEN the goodbye after a crisis: the line, the emergency number last, and the session ends
    assert line in said and emergency in sentences(said)[-1] and ends_session(response) is True


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("then", [
    # R136: a goodbye in free words, and thanks ending on what one came for (the carrier took "that's")
    ("FreeSpeechIntent", {"context": ("cheers", None), "query": ("that catch ya later", None)}),
    ("FreeSpeechIntent", {"context": ("well thank you dear", None), "query": ("all i wanted to know", None)}),
    # R142: an Australian goodbye after "no worries" (a no's carrier took the "no")
    ("NoAndIntent", {"query": ("worries thanks mate hooroo", None)}),
])
def test_a_goodbye_in_free_words_after_a_crisis_ends_with_the_line(handler, content, locale, then):
    emergency, line = numbers(content, locale)
    response = said_after(handler, locale, CRISIS, then)
    said = spoken(response)
    # THEN the goodbye after a crisis: the line, the emergency number last, and the session ends
    assert line in said and emergency in sentences(said)[-1] and ends_session(response) is True


@pytest.mark.parametrize("locale", LOCALES)
def test_stop_after_an_emergency_ends_with_the_number(handler, content, locale):
    emergency, _ = numbers(content, locale)
    response = said_after(handler, locale, EMERGENCY, ("AMAZON.StopIntent", {}))
    assert emergency in sentences(spoken(response))[-1] and ends_session(response) is True


@pytest.mark.parametrize("locale", LOCALES)
def test_a_new_question_is_answered_and_still_ends_with_the_direction(handler, content, locale):
    # GIVEN an emergency answer WHEN a new clear question follows
    emergency, _ = numbers(content, locale)
    dialog = Dialog(handler, locale)
    dialog.intent(*EMERGENCY[:1], **EMERGENCY[1])
    response = dialog.intent("TopicIntent", topic=("radiation", "radiation_therapy"))
    said = spoken(response)
    # THEN it is answered, and the direction, number last, ends it (no offer after it)
    assert "rays" in said and emergency in sentences(said)[-1]
    # AND an urgent question keeps the doctor and the number in its last sentence
    urgent = spoken(dialog.intent("TopicIntent", topic=("bone pain", "pain")))
    assert emergency in sentences(urgent)[-1] and "doctor" in sentences(urgent)[-1]
    # AND "yes" to what was offered after that goes on with it, still ending with the number
    yes = spoken(dialog.fixture("yes"))
    assert emergency in sentences(yes)[-1]


@pytest.mark.parametrize("locale", LOCALES)
def test_emergency_words_lead_with_the_action_and_end_with_the_number(handler, content, locale):
    emergency, _ = numbers(content, locale)
    said = spoken(Dialog(handler, locale).intent(EMERGENCY[0], **EMERGENCY[1]))
    assert sentences(said)[0] == f"Call {emergency} now." and emergency in sentences(said)[-1]


@pytest.mark.parametrize("locale", LOCALES)
def test_an_emergency_direction_that_named_the_crisis_line_keeps_it_on_every_later_turn(handler, content, locale):
    # GIVEN a crisis, then an emergency told after it (the emergency number first and last, the
    # line between): r12's "can't do this anymore" read as an unsure emergency, then "no", lost
    # the line on the direction given again
    emergency, line = numbers(content, locale)
    dialog = Dialog(handler, locale)
    dialog.intent(*CRISIS[:1], **CRISIS[1])
    assert line in spoken(dialog.intent(EMERGENCY[0], **EMERGENCY[1]))
    # WHEN the person says "no", then "stop"
    again = spoken(dialog.intent("AMAZON.NoIntent"))
    goodbye = spoken(dialog.intent("AMAZON.StopIntent"))
    # THEN the direction again keeps the line, the emergency number first and last; so does the goodbye
    assert line in again and emergency in sentences(again)[0] and emergency in sentences(again)[-1]
    assert line in goodbye and emergency in sentences(goodbye)[-1]


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("before", ["crisis", "emergency with the line", "emergency"])
def test_new_answers_after_a_direction_keep_the_line_it_named(handler, content, locale, before):
    # GIVEN a crisis, an emergency told after a crisis (its direction names the line), or an emergency alone
    emergency, line = numbers(content, locale)
    dialog = Dialog(handler, locale)
    firsts = {"crisis": [CRISIS], "emergency with the line": [CRISIS, EMERGENCY], "emergency": [EMERGENCY]}
    for intent, slots in firsts[before]:
        dialog.intent(intent, **slots)
    # WHEN a calm question, then an urgent one, follow
    calm = spoken(dialog.intent("TopicIntent", topic=("radiation", "radiation_therapy")))
    urgent = spoken(dialog.intent("TopicIntent", topic=("bone pain", "pain")))
    # THEN each is answered and ends with the emergency number (the urgent one with the doctor too);
    # the crisis line is said again wherever the direction named it, and only there
    for said in (calm, urgent):
        assert emergency in sentences(said)[-1], said
        assert (line in said) == (before != "emergency"), said
    assert "rays" in calm and DOCTOR.search(sentences(urgent)[-1])


@pytest.mark.parametrize("locale", LOCALES)
def test_a_crisis_about_someone_else_speaks_to_the_worried_person(handler, content, locale):
    emergency, line = numbers(content, locale)
    dialog = Dialog(handler, locale)
    said = spoken(dialog.intent("SymptomReportIntent", danger=("my son says he wants to kill himself", "crisis")))
    assert "help them" in said and line in said
    assert "If they are in danger" in sentences(said)[-1] and emergency in sentences(said)[-1]
    # and "what should I do" next keeps speaking to them
    assert "help them" in spoken(dialog.intent("AdviceRequestIntent"))


@pytest.mark.parametrize("locale", LOCALES)
def test_what_should_i_do_after_a_symptom_gets_the_articles_direction(handler, content, locale):
    # GIVEN "I have bone pain" WHEN "what should I do"
    dialog = Dialog(handler, locale)
    dialog.intent("SymptomReportIntent", symptom=("bone pain", "pain"))
    said = spoken(dialog.intent("AdviceRequestIntent"))
    # THEN not "I can't advise": the article's direction, and the doctor close last
    local = content.for_locale(locale)
    assert local.safety["advice.urgent"] in said and "can't advise" not in said
    assert sentences(said)[-1] in local.closes["doctor"]


@pytest.mark.parametrize("topic", ["pain", "fractures", "hypercalcemia"])
def test_should_i_go_about_an_urgent_symptom_gets_the_articles_yes(handler, content, topic):
    said = spoken(Dialog(handler).intent("AdviceRequestIntent", topic=(topic, topic)))
    assert content.default.safety["advice.urgent"] in said and DOCTOR.search(sentences(said)[-1])


def test_dental_work_gets_the_articles_direction(handler):
    said = spoken(Dialog(handler).intent("AdviceRequestIntent", topic=("a tooth pulled", "osteonecrosis_of_the_jaw")))
    assert "doctor or dentist" in said and "can't advise" not in said


def test_advice_the_article_does_not_give_is_still_refused(handler, content):
    said = spoken(Dialog(handler).intent("AdviceRequestIntent", topic=("bisphosphonates", "bisphosphonates")))
    assert said.startswith("I can't advise") and "pharmacist" in said


def test_a_diagnosis_told_gets_the_articles_direction_for_people_with_cancer(handler):
    said = spoken(Dialog(handler).intent("SymptomReportIntent", symptom=("cancer", None)))  # "I have {cancer}"
    assert "already have cancer" in said and "healthcare professional" in said


@pytest.mark.parametrize("kind, first", [("emergency", EMERGENCY), ("crisis", CRISIS)])
def test_cards_carry_no_spoken_only_instructions(handler, kind, first):
    response = Dialog(handler).intent(first[0], **first[1])
    assert "say repeat" in spoken(response) and "say repeat" not in card_text(response)


@pytest.mark.parametrize("locale", LOCALES)
def test_an_emergency_read_only_at_the_recall_threshold_names_the_doctor_too(handler, content, locale, monkeypatch):
    # GIVEN words the reader reads as an emergency at its threshold, though no likelier than not
    read_as(monkeypatch, {"emergency": 0.3, "report:pain": 0.45, "question": 0.25})
    emergency, _ = numbers(content, locale)
    said = spoken(Dialog(handler, locale).intent("SymptomReportIntent", symptom=("my jaw hurts", None)))
    # THEN the number first and last, and the doctor for what is not an emergency
    assert emergency in sentences(said)[0] and emergency in sentences(said)[-1] and "doctor" in said


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("follow_up", ["what should i do", "sorry?", "no"])
def test_a_direction_said_unsure_stays_unsure_until_an_emergency_is_sure(handler, content, locale, follow_up):
    # GIVEN the article's own emergency told ("if this is new, call 999 ... or your doctor")
    emergency, _ = numbers(content, locale)
    dialog = Dialog(handler, locale)
    first = spoken(dialog.intent("SymptomReportIntent", symptom=("numb legs", "spinal_cord_compression")))
    # WHEN the next words say nothing new (R74, R75: "why is that so serious", "is it serious")
    intent, slots = FOLLOW_UPS[follow_up]
    again = spoken(dialog.intent(intent, **slots))
    # THEN the direction again as the first one said it: the number first and last, the doctor too
    for said in (first, again):
        assert emergency in sentences(said)[0] and emergency in sentences(said)[-1] and "doctor" in said, said
    # ... until words read a sure emergency: from then on, the number alone
    sure = spoken(dialog.intent(EMERGENCY[0], **EMERGENCY[1]))
    after = spoken(dialog.intent(intent, **slots))
    for said in (sure, after):
        assert emergency in sentences(said)[0] and emergency in sentences(said)[-1] and "doctor" not in said, said


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("words", ["it stopped now", "stop"])
def test_stop_heard_inside_a_statement_is_not_a_goodbye(handler, content, locale, words):
    # GIVEN an emergency answer WHEN the next words come as a statement ("{it stopped now}": the
    # fit stopped), which the reader may read as "stop"
    emergency, _ = numbers(content, locale)
    response = said_after(handler, locale, EMERGENCY, ("SymptomReportIntent", {"danger": (words, None)}))
    # THEN the direction again and the session stays open: a statement is never a goodbye
    assert emergency in sentences(spoken(response))[-1] and ends_session(response) is False


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("words", ["want to talk to anyone", "leave me alone",
                                   "okay thank you so much"])  # thanks alone close only an everyday chat
def test_a_stop_read_in_free_words_after_a_crisis_keeps_the_line_open(handler, content, locale, words):
    # GIVEN a crisis answer WHEN the person says "I don't {want to talk to anyone}": free words
    # the reader may read as "stop", from someone who may still be in crisis
    _, crisis = numbers(content, locale)
    response = said_after(handler, locale, CRISIS, ("FreeSpeechIntent", {"query": (words, None)}))
    # THEN the crisis line again, and the session stays open: only "stop" itself ends it
    assert crisis in spoken(response) and ends_session(response) is False


@pytest.mark.parametrize("locale", LOCALES)
def test_an_unsure_emergency_after_a_crisis_keeps_the_crisis_line(handler, content, locale, monkeypatch):
    unsure = ("FreeSpeechIntent", {"query": ("my jaw hurts", None)})
    # GIVEN words the reader takes only perhaps for an emergency (the model's reading fixed here,
    # at the emergency threshold but no likelier than not: this tests the direction, not the model)
    real = Reader.probabilities

    def probabilities(self, words, intent=None):
        if "jaw hurts" not in words:
            return real(self, words, intent)
        threshold = self.model.thresholds["emergency"]
        return {"emergency": threshold + 0.01, "report:pain": 1 - threshold - 0.01}
    monkeypatch.setattr(Reader, "probabilities", probabilities)
    # ... on their own: the unsure direction
    assert "If not, call your doctor" in spoken(Dialog(handler, locale).intent(unsure[0], **unsure[1]))
    # WHEN they follow a crisis answer THEN the crisis line again, not the unsure emergency answer
    _, crisis = numbers(content, locale)
    said = spoken(said_after(handler, locale, CRISIS, unsure))
    assert crisis in said and "If not, call your doctor" not in said


@pytest.mark.parametrize("locale", LOCALES)
def test_an_emergency_after_a_crisis_keeps_the_crisis_line_too(handler, content, locale):
    # GIVEN a crisis answer WHEN the next words tell an emergency
    emergency, crisis = numbers(content, locale)
    said = sentences(spoken(said_after(handler, locale, CRISIS, EMERGENCY)))
    # THEN the emergency number first and last, and the crisis line still said
    assert emergency in said[0] and emergency in said[-1] and crisis in " ".join(said)


def read_crisis_at(monkeypatch, kind: str, other: str) -> None:
    """Make the reader read any words as `other`, and as a crisis at a probability between the
    line's threshold and the crisis reading's ("perhaps"), or below the line's ("below"); either
    way less likely than `other` (a crisis likelier than the article's emergency, none of its
    signs named, is read as no report of it: test_understanding)."""
    from bone_mets.meaning_model import MeaningModel
    thresholds = MeaningModel().thresholds
    crisis = thresholds["line"] + (thresholds["crisis"] - thresholds["line"]) / 4 if kind == "perhaps" \
        else thresholds["line"] / 2
    read_as(monkeypatch, {"crisis": crisis, other: 1 - crisis})


@pytest.mark.parametrize("locale", LOCALES)
def test_words_read_perhaps_as_a_crisis_get_their_answer_then_the_line(handler, content, locale, monkeypatch):
    # GIVEN a question whose words read perhaps as a crisis, not likely enough for the crisis
    # answer ("what's the point of {treating it} anyway")
    read_crisis_at(monkeypatch, "perhaps", "question")
    emergency, line = numbers(content, locale)
    response = Dialog(handler, locale).intent("QuestionIntent", query=("treating bone metastases", None))
    said = spoken(response)
    # THEN the answer asked for first, then the crisis line, the emergency number last (the
    # card too), and the session stays open without remembering a direction
    assert said.startswith("There are a few ways to treat bone metastases")
    assert line in said and line in card_text(response)
    assert emergency in sentences(said)[-1] and DOCTOR.search(sentences(said)[-1])
    assert ends_session(response) is False and reprompt(response)
    assert "safety" not in (response.get("sessionAttributes") or {})


@pytest.mark.parametrize("locale", LOCALES)
def test_an_urgent_answer_read_perhaps_as_a_crisis_still_ends_with_its_close(handler, content, locale, monkeypatch):
    # GIVEN an urgent symptom told in words that read perhaps as a crisis
    read_crisis_at(monkeypatch, "perhaps", "report:pain")
    emergency, line = numbers(content, locale)
    said = spoken(Dialog(handler, locale).intent("FreeSpeechIntent", query=("my bones hurt all the time", None)))
    # THEN the crisis line and the number, and the call-your-doctor close last
    assert line in said and emergency in said
    assert "doctor" in sentences(said)[-1] and line not in sentences(said)[-1]


@pytest.mark.parametrize("locale", LOCALES)
def test_an_emergency_read_perhaps_as_a_crisis_names_the_line_too(handler, content, locale, monkeypatch):
    # GIVEN words read as an emergency that read perhaps as a crisis too ("I've swallowed all
    # my tablets")
    read_crisis_at(monkeypatch, "perhaps", "emergency")
    emergency, line = numbers(content, locale)
    said = spoken(Dialog(handler, locale).intent("FreeSpeechIntent", query=("swallowed all my tablets", None)))
    # THEN the emergency number first and last, the crisis line between
    assert emergency in sentences(said)[0] and emergency in sentences(said)[-1]
    assert line in said and line not in sentences(said)[-1]


def line_named_for_words_read_perhaps_as_a_crisis(handler, locale: str, monkeypatch) -> Dialog:
    """A conversation whose first words ("can't go on anymore") read only perhaps as a crisis,
    so their answer named the crisis line; the model reads later words as it would."""
    read_crisis_at(monkeypatch, "perhaps", "out_of_scope")
    dialog = Dialog(handler, locale)
    dialog.intent("FreeSpeechIntent", query=("can't go on", None))
    monkeypatch.undo()
    return dialog


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("follow_up", ["what was that number", "no", "yes", "help", "mumbled"])
def test_after_the_line_named_for_words_read_perhaps_as_a_crisis_a_reply_hears_the_line_again(
        handler, content, locale, follow_up, monkeypatch):
    # GIVEN the crisis line named for words read perhaps as a crisis WHEN the next turn is "ok",
    # "what's the number", "no" or mumbled (R18: "ok" heard "Ask me a question first")
    emergency, line = numbers(content, locale)
    dialog = line_named_for_words_read_perhaps_as_a_crisis(handler, locale, monkeypatch)
    response = dialog.intent(*FOLLOW_UPS[follow_up][:1], **FOLLOW_UPS[follow_up][1])
    said = spoken(response)
    # THEN the line again, the emergency number last, and the session open
    assert line in said and emergency in sentences(said)[-1], said
    assert ends_session(response) is False and reprompt(response)


@pytest.mark.parametrize("locale", LOCALES)
def test_after_the_line_named_for_words_read_perhaps_as_a_crisis_it_lasts_the_session(handler, content, locale,
                                                                                       monkeypatch):
    # GIVEN the crisis line named for words read perhaps as a crisis
    emergency, line = numbers(content, locale)
    dialog = line_named_for_words_read_perhaps_as_a_crisis(handler, locale, monkeypatch)
    # WHEN a calm question follows THEN its answer, then the line and the emergency number last
    later = spoken(dialog.intent("TopicIntent", topic=("osteolytic", "osteolytic")))
    assert later.startswith(content.for_locale(locale).topics["osteolytic"].summary[:40])
    assert line in later and emergency in sentences(later)[-1]
    # WHEN the person stops THEN the goodbye names the line, the emergency number last
    response = dialog.intent("AMAZON.StopIntent")
    said = spoken(response)
    assert line in said and emergency in sentences(said)[-1] and ends_session(response) is True


def assert_line_named_now_and_later(handler, content, locale: str, words: str) -> None:
    """The words' answer names the crisis line before its close (the call-your-doctor prompt with
    the number last), and a later question still hears the line (the direction named it)."""
    emergency, line = numbers(content, locale)
    dialog = Dialog(handler, locale)
    said = spoken(dialog.intent("FreeSpeechIntent", query=(words, None)))
    assert line in said and line not in sentences(said)[-1]
    assert emergency in sentences(said)[-1] and DOCTOR.search(sentences(said)[-1])
    later = spoken(dialog.intent("TopicIntent", topic=("osteolytic", "osteolytic")))
    assert line in later and emergency in sentences(later)[-1]


@pytest.mark.parametrize("locale", LOCALES)
def test_the_articles_own_emergency_read_perhaps_as_a_crisis_names_the_line_now_and_later(handler, content,
                                                                                           locale, monkeypatch):
    # GIVEN words read as spinal cord compression told that read perhaps as a crisis too ("i
    # feel like giving up" heard as legs giving way)
    read_crisis_at(monkeypatch, "perhaps", "report:spinal_cord_compression")
    # THEN the crisis line, and the call-your-doctor close with the number last, now and later
    assert_line_named_now_and_later(handler, content, locale, "my legs are giving up")


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("other", ["report:spinal_cord_compression", "emergency"])
def test_an_emergency_told_with_a_crisis_in_so_many_words_names_the_line_now_and_later(handler, content, locale,
                                                                                       other, monkeypatch):
    # GIVEN words the model reads as an emergency, and as a crisis only below the line's
    # threshold, that say a crisis in so many words ("my legs have gone numb and i just want to
    # die": the symptom outweighs the wish in the model)
    read_crisis_at(monkeypatch, "below", other)
    # THEN the emergency's answer names the crisis line, the number last, now and later
    assert_line_named_now_and_later(handler, content, locale, "my legs have gone numb and i just want to die")


@pytest.mark.parametrize("locale", LOCALES)
def test_the_articles_own_emergency_told_after_a_crisis_keeps_the_line_on_later_turns(handler, content, locale):
    # GIVEN a crisis answer WHEN the next words tell the article's own emergency (resolved, so
    # the model has no say) and then a question
    emergency, line = numbers(content, locale)
    dialog = Dialog(handler, locale)
    dialog.intent(CRISIS[0], **CRISIS[1])
    told = spoken(dialog.intent("SymptomReportIntent", symptom=("numb legs", "spinal_cord_compression")))
    later = spoken(dialog.intent("TopicIntent", topic=("osteolytic", "osteolytic")))
    # THEN the crisis line on both turns, the number last
    assert line in told and emergency in sentences(told)[-1]
    assert line in later and emergency in sentences(later)[-1]


def test_words_below_the_line_hear_no_numbers(handler, content, monkeypatch):
    # GIVEN a question whose words read as a crisis only below the line's threshold
    read_crisis_at(monkeypatch, "below", "question")
    emergency, line = numbers(content, "en-US")
    said = spoken(Dialog(handler).intent("QuestionIntent", query=("treating bone metastases", None)))
    # THEN the answer alone
    assert said.startswith("There are a few ways to treat") and line not in said and emergency not in said


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("words", [
    "the doctors can fix the bone but they can't fix that i want to die",
    "um my mom she's got breast cancer in her bones and she said she's gonna kill herself",
    "my father has prostate cancer in his spine and every day he says he will hang himself if the pain goes on",
])
def test_a_crisis_said_in_so_many_words_is_a_crisis_whatever_the_model_reads(handler, content, locale, words,
                                                                            monkeypatch):
    # GIVEN a model that reads a long story as a question, with no crisis in it at all
    read_crisis_at(monkeypatch, "below", "question")
    emergency, line = numbers(content, locale)
    response = Dialog(handler, locale).intent("FreeSpeechIntent", query=(words, None))
    said = spoken(response)
    # THEN the crisis said plainly inside it is answered as a crisis: the line, the number last
    assert said.startswith("I'm so sorry") and line in said, said
    assert emergency in sentences(said)[-1]



def test_an_emergency_told_with_an_urgent_symptoms_signs_says_what_it_is_on_later_turns(handler, content,
                                                                                        monkeypatch):
    # GIVEN an emergency told with the signs of high calcium (blocked up, thirsty, confused: R-round
    # "okay they're coming but what could be doing this to him" heard only the direction)
    read_as(monkeypatch, {"emergency": 0.99, "followup": 0.01})
    dialog = Dialog(handler, "en-AU")
    first = spoken(dialog.intent("FreeSpeechIntent", query=(
        "been real blocked up and thirsty all week and now he's that confused and i can't wake him up properly", None)))
    summary = content.for_locale("en-AU").topics["hypercalcemia"].summary
    assert summary not in first  # the first direction stays as short as it can be
    monkeypatch.undo()
    # WHEN the next turn asks anything but a new question
    later = sentences(spoken(dialog.intent("AdviceRequestIntent")))
    # THEN the number first and last, and what the article says of high calcium between
    assert "000" in later[0] and "000" in later[-1], later
    assert summary.split(". ")[0] in " ".join(later), later


def test_words_read_perhaps_as_an_emergency_that_name_an_urgent_symptom_say_what_it_is(handler, content,
                                                                                       monkeypatch):
    # GIVEN "my mum is very drowsy and not making sense", read only perhaps as an emergency
    read_as(monkeypatch, {"emergency": 0.3, "feelings": 0.7})
    said = sentences(spoken(Dialog(handler).intent("FreeSpeechIntent", query=(
        "my mum is very drowsy and not making sense", None))))
    # THEN the number first and last, the doctor too, and what the article says of high calcium between
    assert "911" in said[0] and "911" in said[-1] and "doctor" in said[-1], said
    summary = content.default.topics["hypercalcemia"].summary
    assert summary.split(". ")[0] in " ".join(said), said
