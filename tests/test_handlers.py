"""Every handler, driven through the Lambda-style entry with request fixtures."""

from __future__ import annotations

import logging

import pytest

from bone_mets.config import Config
from bone_mets.skill import build_skill
from bone_mets.understanding import Reader
from conftest import CONTENT_FILE, read_as
from events import (DOCTOR, Dialog, card_text, ends_session, intent_event, load_event, reprompt,
                    sentences, spoken)


def test_launch_welcomes_with_disclaimer_example_and_question(handler):
    # GIVEN a new session
    event = load_event("launch")
    # WHEN the skill is opened
    response = handler(event, None)
    # THEN it welcomes, disclaims in one sentence, gives an example and asks
    said = spoken(response)
    parts = sentences(said)
    assert parts[0] == "Welcome to Bone Metastases Guide."
    disclaimer = [s for s in parts if "not medical advice" in s]
    assert len(disclaimer) == 1 and "911" in disclaimer[0]
    assert "what are the symptoms?" in said and "osteoblastic" not in said
    assert said.endswith("What would you like to know?")
    assert reprompt(response)
    assert "not medical advice" in card_text(response)
    assert ends_session(response) is False


def test_topic_answer_has_card_reprompt_and_offer(handler):
    # GIVEN "what is osteoblastic" resolved to its content id
    event = load_event("topic_osteoblastic")
    # WHEN it is asked
    response = handler(event, None)
    # THEN the summary is spoken, with an offer of more, and the card carries the text
    said = spoken(response)
    assert "new bone" in said
    assert said.endswith("Would you like to hear more?")
    assert "more about osteoblastic bone metastases" in reprompt(response)
    assert response["response"]["card"]["title"] == "Osteoblastic bone metastases"
    assert "new bone" in card_text(response) and "hear more" not in card_text(response)
    assert ends_session(response) is False


@pytest.mark.parametrize("fixture", ["topic_unmatched", "topic_empty_slot"])
def test_unknown_topic_says_so_suggests_and_keeps_listening(handler, fixture):
    # GIVEN a topic the content lacks (unresolved slot) or no topic at all
    response = handler(load_event(fixture), None)
    # THEN it apologises, suggests what it can answer and keeps the session open
    said = spoken(response)
    assert "don't know about" in said or "doesn't cover that" in said
    assert "symptoms" in said and "treatments" in said
    assert ends_session(response) is False and reprompt(response)


@pytest.mark.parametrize("topic_id", ["pain", "fractures", "spinal_cord_compression", "hypercalcemia", "symptoms"])
def test_asking_about_an_urgent_topic_gets_its_summary_not_the_report(handler, content, topic_id):
    # GIVEN a question about a symptom ("what is spinal cord compression?"), not a statement
    topic = content.default.topics[topic_id]
    event = intent_event("TopicIntent", {"topic": (topic_id, topic_id)})
    # WHEN it is asked
    said = spoken(handler(event, None))
    # THEN the summary is spoken (the "I'm sorry" report is for "I have ..."), then the close
    assert said.startswith(topic.summary)
    assert "sorry" not in said


def test_unknown_topic_names_what_was_heard(handler):
    response = handler(load_event("topic_unmatched"), None)
    assert "about leukemia" in spoken(response)


def test_side_effects_of_named_topic(handler):
    # GIVEN "what are the side effects of bisphosphonates"
    response = handler(load_event("aspect_side_effects"), None)
    # THEN the answer is osteonecrosis of the jaw
    assert "jaw" in spoken(response)


def test_follow_up_side_effects_use_last_topic(dialog):
    # GIVEN bisphosphonates were just explained
    dialog.intent("TopicIntent", topic=("bisphosphonates", "bisphosphonates"))
    # WHEN the person asks "what are the side effects"
    response = dialog.fixture("aspect_side_effects_no_topic")
    # THEN the side effects of bisphosphonates are given
    assert "osteonecrosis of the jaw" in spoken(response)


def test_follow_up_what_about_another_type(dialog):
    # GIVEN osteoblastic was explained
    dialog.fixture("topic_osteoblastic")
    # WHEN "what about osteolytic"
    response = dialog.intent("TopicIntent", topic=("osteolytic", "osteolytic"))
    # THEN osteolytic is explained
    assert "destroy healthy bone" in spoken(response)


def test_a_cancer_named_after_the_types_gets_its_type(dialog):
    # GIVEN the three types were just explained
    dialog.intent("TypesIntent")
    # WHEN "and which one is it for prostate" (the words name only the cancer)
    response = dialog.intent("TopicIntent", topic=("which one is it for prostate", None))
    # THEN the type the article gives prostate cancer, not whether it spreads to bone
    assert "Osteoblastic" in spoken(response)


def test_a_cancer_named_after_one_type_gets_its_own_type(dialog):
    dialog.fixture("topic_osteoblastic")
    assert "Mixed" in spoken(dialog.intent("TopicIntent", topic=("what about breast cancer", None)))


@pytest.mark.parametrize("words", ["and is breast cancer one of the ones that goes to bone most often",
                                   "does breast cancer spread to the bones a lot"])
def test_a_cancer_asked_of_its_spread_after_a_type_gets_its_spread(dialog, words):
    # GIVEN osteoblastic was just explained (r52: a mother's breast cancer, then mixed)
    dialog.fixture("topic_osteoblastic")
    # WHEN the words ask whether a cancer goes to bone, not which type it causes
    said = spoken(dialog.intent("FreeSpeechIntent", query=(words, None)))
    # THEN the cancer's own answer (how often it spreads to bone), not its type
    assert "Breast cancer is one of the cancers that most often spreads to bone" in said, said


def test_a_cancer_told_spread_then_asked_its_kind_after_a_type_gets_its_type(dialog):
    # R46: "... she has breast cancer that went to her bones, is hers the same kind" after osteolytic
    dialog.fixture("topic_osteoblastic")
    said = spoken(dialog.intent("QuestionIntent", context=("and um", None), query=(
        "about my sister she has breast cancer that went to her bones is hers the same kind", None)))
    assert "Mixed" in said, said


def test_a_cancer_named_after_another_side_gets_its_spread(dialog):
    # GIVEN the symptoms were explained (a side the article does not give per cancer)
    dialog.intent("SymptomsIntent")
    said = spoken(dialog.intent("TopicIntent", topic=("what about prostate cancer", None)))
    # THEN prostate cancer's own answer, not a type
    assert "Prostate cancer" in said and "steoblastic" not in said


@pytest.mark.parametrize("words", ["what does that mean exactly", "sorry i don't get it", "in plain english please"])
def test_what_does_that_mean_says_the_last_answer_plainly_again(dialog, words):
    # GIVEN the summary of bisphosphonates was just heard
    first = spoken(dialog.intent("TopicIntent", topic=("bisphosphonates", "bisphosphonates")))
    # WHEN the person asks what that means
    said = spoken(dialog.intent("FreeSpeechIntent", query=(words, None)))
    # THEN the summary again, plainly introduced, not its next part
    assert said.startswith("In short:") and first.split(". ")[0] in said


def test_the_name_asked_again_after_its_summary_is_said_plainly_again(dialog, content):
    # R8: "which type it causes" answered osteolytic's summary, then "what is {osteolytic}"
    dialog.intent("TopicIntent", topic=("osteolytic", "osteolytic"))
    said = spoken(dialog.intent("TopicIntent", topic=("osteolytic", "osteolytic")))
    # THEN what it is again, not its next part ("the other two types are ...")
    assert said.startswith("In short:") and content.default.topics["osteolytic"].summary in said


@pytest.mark.parametrize("context, query", [("so what", "do about it"), ("so what", "actually do for it")])
def test_fillers_that_ask_a_side_are_no_pointer_alone(dialog, content, context, query):
    # R19, R8: "so what {do about it}" after why it spreads: every word a filler, but together
    # they ask the treatment, not the last answer again
    dialog.intent("TopicIntent", topic=("causes", "causes"))
    said = spoken(dialog.intent("QuestionIntent", context=(context, None), query=(query, None)))
    assert said.startswith(content.default.topics["treatment"].summary), said


@pytest.mark.parametrize("intent, slots, part", [
    # R9: the summary says it eases pain
    ("FreeSpeechIntent", {"query": ("and after surgery pain will reduce or not", None)}, "summary"),
    # the next part says the tumour is removed
    ("FreeSpeechIntent", {"query": ("do they take the tumour out as well", None)}, "more"),
    # R143: read as asking surgery's treatment, which is surgery itself: the part asked, not the summary again
    ("QuestionIntent", {"context": ("they", None), "query": ("take out the tumour also or only fix the bone", None)},
     "more"),
])
def test_a_second_question_about_a_topic_hears_the_part_it_asks(dialog, content, intent, slots, part):
    dialog.intent("TopicIntent", topic=("surgery", "surgery"))
    said = spoken(dialog.intent(intent, **slots))
    assert said.startswith(getattr(content.default.topics["surgery"], part)), said


def test_words_of_an_answer_of_one_part_hear_it_again(dialog, content, monkeypatch):
    # R143: "can they use heat as well" after ablation, which destroys a tumour with heat, cold
    # or a chemical: that answer, not "my source doesn't cover that" (read as a question, which
    # places nothing, as the model of its first score read it)
    dialog.intent("TopicIntent", topic=("ablation", "ablation"))
    read_as(monkeypatch, {"question": 1.0})
    said = spoken(dialog.intent("QuestionIntent", context=("oh wow and", None), query=("use heat as well", None)))
    assert said.startswith(content.default.topics["ablation"].summary), said


@pytest.mark.parametrize("topic, intent, slots", [
    # R45, R46, R52: a question about the type just heard; its next part only names the others
    ("mixed", "QuestionIntent", {"context": ("why", None), "query": ("she have that kind", None)}),
    ("osteoblastic", "FreeSpeechIntent", {"query": ("is new bone not a good thing then", None)}),
    ("osteolytic", "QuestionIntent", {"context": ("and what sort of cancer", None),
                                      "query": ("that one usually come from", None)}),
    ("osteoblastic", "QuestionIntent", {"query": ("other cancers do that", None)}),
])
def test_a_question_about_the_type_just_heard_hears_it_again(dialog, content, topic, intent, slots):
    dialog.intent("TopicIntent", topic=(topic, topic))
    said = spoken(dialog.intent(intent, **slots))
    assert said.startswith("In short:") and content.default.topics[topic].summary in said, said


@pytest.mark.parametrize("context, query", [("why", "they bother doing that"), ("and why", "they do that")])
def test_why_after_a_summary_hears_the_reasons_it_gave(dialog, content, context, query):
    # R13, R54: "why would they bother doing that" after surgery's summary, which gives the reasons
    dialog.intent("TopicIntent", topic=("surgery", "surgery"))
    said = spoken(dialog.intent("QuestionIntent", context=(context, None), query=(query, None)))
    assert said.startswith("In short:") and content.default.topics["surgery"].summary in said, said


@pytest.mark.parametrize("words", ["tell me more", "what else", "and the other ones"])
def test_more_of_a_type_still_names_the_others(dialog, content, words):
    dialog.intent("TopicIntent", topic=("osteolytic", "osteolytic"))
    said = spoken(dialog.intent("FreeSpeechIntent", query=(words, None)))
    assert said.startswith(content.default.topics["osteolytic"].more), said


def test_how_serious_after_a_symptom_told_beside_a_question_is_the_symptom(dialog, monkeypatch):
    # GIVEN high calcium's signs told before a question about the treatments (R89)
    dialog.intent("QuestionIntent", context=("my husband's got prostate cancer that's gone into his spine and he's"
                                             " been really bunged up this week and sort of muddled not himself at"
                                             " all but anyway what treatments", None), query=("for it", None))
    # WHEN asked "is that serious then", read as leaning on the last answer
    monkeypatch.setattr(Reader, "probabilities", lambda self, words, intent=None: {"followup": 1.0})
    said = spoken(dialog.intent("QuestionIntent", query=("serious then", None)))
    # THEN what the symptom is, closed with the call to the doctor, not the treatments' next part
    assert "calcium" in said and "doctor" in sentences(said)[-1] and "drip" not in said, said


@pytest.mark.parametrize("first, intent, slots", [
    # R55, R49: the others asked for, after one treatment, are the treatments
    ("radiation_therapy", "QuestionIntent", {"context": ("and what other treatments", None),
                                             "query": ("besides that", None)}),
    ("radiation_therapy", "QuestionIntent", {"context": ("and what else", None),
                                             "query": ("like besides the radiation", None)}),
    ("surgery", "FreeSpeechIntent", {"query": ("what other treatments are there", None)}),
    # R103: "and is there anything besides surgery", no "other" or "else" said
    ("surgery", "QuestionIntent", {"context": ("and", None), "query": ("anything besides surgery", None)}),
    # R104: the drip set aside in the carrier's words, after how medicines are given
    ("giving_medicines", "QuestionIntent", {"context": ("and other than drip", None),
                                            "query": ("other treatments are there", None)}),
])
def test_other_treatments_asked_after_one_are_all_of_them(dialog, content, first, intent, slots):
    dialog.intent("TopicIntent", topic=(first, first))
    said = spoken(dialog.intent(intent, **slots))
    assert said.startswith(content.default.topics["treatment"].summary), said


def test_tell_me_more_still_goes_on(dialog):
    first = spoken(dialog.intent("TopicIntent", topic=("bisphosphonates", "bisphosphonates")))
    said = spoken(dialog.intent("FreeSpeechIntent", query=("tell me more about that", None)))
    assert "In short" not in said and first.split(". ")[0] not in said


def test_aspect_the_source_lacks_is_said_before_the_general_answer(dialog, content):
    # GIVEN "what are the treatments for bone pain" (the article names none for pain itself)
    response = dialog.intent("TreatmentIntent", topic=("bone pain", "pain"))
    said = spoken(response)
    # THEN it says so first, so the treatments that follow are heard as the general ones
    assert said.startswith("My source doesn't cover that for bone pain. Here is what it says in general:")
    assert content.default.topics["treatment"].summary in said
    assert DOCTOR.search(sentences(said)[-1])  # pain is urgent: the close still ends it
    # WHEN the person says yes THEN the general answer goes on
    assert content.default.topics["treatment"].more in spoken(dialog.fixture("yes"))


@pytest.mark.parametrize("topic, other", [(("surgery", "surgery"), None),
                                          (("ablation", "ablation"), ("radiation", "radiation_therapy"))])
def test_types_of_a_treatment_get_the_treatment_itself(dialog, content, topic, other):
    # GIVEN "what types of surgery are there", "how is ablation different from radiation"
    # (TypesIntent): the three types are bone metastases' own, so no gap and no types
    slots = {"topic": topic, **({"other": other} if other else {})}
    said = spoken(dialog.intent("TypesIntent", **slots))
    # THEN what the article says of the treatment is the answer
    assert said.startswith(content.default.topics[topic[1]].summary)
    assert "doesn't cover" not in said and "three types" not in said


def test_what_the_source_lacks_about_what_was_just_answered_names_the_care_team(dialog, monkeypatch):
    # GIVEN ablation was just explained
    dialog.intent("TopicIntent", topic=("ablation", "ablation"))
    # WHEN words that point back ask what the article does not say (R74: "would he have to stay
    # in hospital for that"), read as beyond the source
    read_as(monkeypatch, {"out_of_scope": 0.9, "followup": 0.1})
    said = spoken(dialog.intent("QuestionIntent", query=("he have to stay in hospital for that", None)))
    # THEN the source doesn't cover it, the care team can tell, and what it has on ablation is offered
    assert said.startswith("My source doesn't cover that") and "care team" in said and "ablation" in said, said


def test_why_after_which_cancers_spread_is_why_they_spread(dialog, content, monkeypatch):
    # GIVEN which cancers spread to bone was just answered
    dialog.intent("CancerSpreadIntent")
    # WHEN "why though" (R74, R76), read as leaning on that answer
    read_as(monkeypatch, {"followup": 1.0})
    said = spoken(dialog.intent("WhyQuestionIntent", query=("though", None)))
    # THEN why they spread, which the causes answer tells, not the list again
    assert said.startswith(content.default.topics["causes"].summary), said


@pytest.mark.parametrize("context, query", [("what else", "can they do"), ("is", "that the only thing they can do")])
def test_others_asked_after_a_treatment_said_in_full_are_the_other_treatments(dialog, content, monkeypatch,
                                                                                 context, query):
    # GIVEN radiation therapy, whose answer has one part, was just explained
    dialog.intent("TopicIntent", topic=("radiation", "radiation_therapy"))
    # WHEN its others are asked (R77: "is that the only thing they can do"), read as leaning on it
    read_as(monkeypatch, {"followup": 1.0})
    said = spoken(dialog.intent("QuestionIntent", context=(context, None), query=(query, None)))
    # THEN the treatments, whose answer names them all, not radiation's summary again "in short"
    assert said.startswith(content.default.topics["treatment"].summary) and "In short" not in said, said


def test_a_break_spoken_of_as_not_happened_asks_about_what_else_is_named(dialog, content, monkeypatch):
    # GIVEN "my dad's surgeon wants to operate on his thigh bone but it's not even broken why
    # would they do that" (R77, R78), read as a question
    read_as(monkeypatch, {"question": 1.0})
    said = spoken(dialog.intent("QuestionIntent", context=(
        "my dad's surgeon wants to operate on his thigh bone but it's not even broken why", None),
        query=("they do that", None)))
    # THEN surgery, which can stop a bone from breaking; no break told, so no call-your-doctor close
    assert said.startswith(content.default.topics["surgery"].summary), said
    assert not DOCTOR.search(sentences(said)[-1]), said


def test_asking_what_caused_an_urgent_symptom_just_told_keeps_its_close(dialog, content, monkeypatch):
    # GIVEN a broken bone told, whose answer closes with the doctor
    read_as(monkeypatch, {"report:fractures": 1.0})
    said = spoken(dialog.intent("FreeSpeechIntent",
                                query=("she heard a crack in her arm and now she can't lift it", None)))
    assert DOCTOR.search(sentences(said)[-1]), said
    # WHEN "is it because of that only" with her cancer named (R78; the carrier took "because")
    read_as(monkeypatch, {"followup": 1.0})
    said = spoken(dialog.intent("FreeSpeechIntent",
                                context=("she is having breast cancer gone to the bone is it", None),
                                query=("of that only", None)))
    # THEN the cancer's answer, and the call-your-doctor prompt still ends it
    assert content.default.topics["breast"].summary in said and DOCTOR.search(sentences(said)[-1]), said
    # BUT a question after it that asks no cause is answered with no close
    read_as(monkeypatch, {"question": 1.0})
    said = spoken(dialog.intent("TreatmentIntent"))
    assert not DOCTOR.search(sentences(said)[-1]), said


def test_finding_it_early_with_what_is_found_named_between_is_early_diagnosis(dialog, content, monkeypatch):
    # GIVEN "does it make any difference finding bone mets early" (R78), read as a question
    read_as(monkeypatch, {"question": 1.0})
    said = spoken(dialog.intent("QuestionIntent", context=("does it make any difference", None),
                                query=("finding bone mets early or is it all the same", None)))
    # THEN why early diagnosis matters, not how a diagnosis is made
    assert said.startswith(content.default.topics["early_diagnosis"].summary), said


@pytest.mark.parametrize("thanks", ["nice one ta", "thank you ji", "lovely ta very much", "good as gold ta"])
def test_thanks_in_ones_own_words_then_bye_ends_the_session(dialog, monkeypatch, thanks):
    # GIVEN an answer WHEN thanks in one's own words then "bye" (R77, R81: no intent matched),
    # whatever the model leans to among calm readings
    dialog.intent("TopicIntent", topic=("radiation", "radiation_therapy"))
    read_as(monkeypatch, {"yes": 0.6, "followup": 0.4})
    response = dialog.intent("ByeSpeechIntent", query=(thanks, None))
    # THEN goodbye, and the session ends
    assert ends_session(response) is True and "Goodbye" in spoken(response), spoken(response)


def test_a_crisis_said_before_bye_gets_the_line_not_a_goodbye(dialog, monkeypatch):
    # GIVEN words read as a crisis WHEN "bye" follows them
    read_as(monkeypatch, {"crisis": 0.95, "stop": 0.05})
    response = dialog.intent("ByeSpeechIntent", query=("i've got the pills ready so", None))
    # THEN the crisis direction, with the line and the emergency number, not a plain goodbye
    said = spoken(response)
    assert "988" in said and "911" in said, said


def test_a_gap_never_offers_another_topics_side_effect(dialog):
    # GIVEN radiation therapy was just explained
    dialog.intent("TopicIntent", topic=("radiation", "radiation_therapy"))
    # WHEN "what are the side effects" (of radiation: the article names none)
    said = spoken(dialog.fixture("aspect_side_effects_no_topic"))
    # THEN it says so, and does not offer the jaw, which is bisphosphonates' side effect
    assert said.startswith("My source doesn't cover that for radiation therapy.")
    assert "jaw" not in said and "What else would you like to know?" in said


def test_cancer_named(handler):
    response = handler(load_event("cancer_lung"), None)
    assert spoken(response).startswith("Yes. Lung cancer is one of the cancers")


def test_cancer_unmatched_says_so_and_lists(handler):
    said = spoken(handler(load_event("cancer_unmatched"), None))
    assert "doesn't say whether pancreatic cancer spreads" in said
    assert "breast" in said and "melanoma" in said


def test_a_word_of_the_last_answer_heard_as_a_cancer_asks_of_that_answer(dialog, content, monkeypatch):
    # GIVEN ablation just answered (heat, cold or a chemical)
    dialog.intent("TopicIntent", topic=("ablation", "ablation"))
    # WHEN "heat as well" (R88), the cancer slot holding "heat", read as leaning on the answer
    read_as(monkeypatch, {"followup": 1.0})
    said = spoken(dialog.intent("CancerSpreadIntent", cancer=("heat", None)))
    # THEN ablation again, not the cancers that spread to bone
    assert said.startswith(content.default.topics["ablation"].summary), said
    # AND a word no answer holds still hears the list
    said = spoken(dialog.intent("CancerSpreadIntent", cancer=("pancreas", None)))
    assert "melanoma" in said, said


@pytest.mark.parametrize("words, topic", [
    ("having bone cancer now", "bone_cancer"),  # R89, after what bone metastases are
    ("my dad has osteolytic bone mets", "osteolytic"),
])
def test_an_illness_or_kind_the_article_names_told_is_what_it_is(dialog, content, monkeypatch, words, topic):
    read_as(monkeypatch, {"diagnosed": 1.0})
    said = spoken(dialog.intent("FreeSpeechIntent", query=(words, None)))
    assert said.startswith(content.default.topics[topic].summary), said


def test_bone_metastases_or_a_cancer_told_hears_the_direction_for_people_with_cancer(dialog, content,
                                                                                      monkeypatch):
    read_as(monkeypatch, {"diagnosed": 1.0})
    for words in ("my husband has bone metastases", "my wife has breast cancer"):
        said = spoken(dialog.intent("FreeSpeechIntent", query=(words, None)))
        assert said.startswith(content.default.safety["statements.diagnosed"]), said


def test_what_the_source_lacks_of_an_urgent_symptom_still_closes_with_the_doctor(dialog, content, monkeypatch):
    # "which is worse a fracture or spinal cord compression" (R2): a judgement the article never
    # makes, of an urgent symptom
    read_as(monkeypatch, {"question": 1.0})
    said = spoken(dialog.intent("WhichQuestionIntent", query=("is worse a fracture or spinal cord compression", None)))
    assert said.startswith(content.default.prompts["beyond_source"]), said
    assert DOCTOR.search(sentences(said)[-1]), said
    # BUT of a treatment, no close
    said = spoken(dialog.intent("QuestionIntent", context=("how long", None), query=("does radiation take", None)))
    assert said.startswith(content.default.prompts["beyond_source"]) and not DOCTOR.search(said), said


def test_which_cancers_without_a_slot_lists_them(handler):
    said = spoken(handler(load_event("which_cancers"), None))
    for cancer in ("breast", "kidney", "lung", "ovarian", "prostate", "thyroid", "melanoma"):
        assert cancer in said


@pytest.mark.parametrize("fixture, expected, close", [
    ("report_pain", "sorry to hear about the pain", "doctor"),
    # a symptom the article does not name ("a headache"): the article's symptoms, and the doctor
    ("report_unmatched", "main symptoms of bone metastases", "doctor"),
])
def test_symptom_reports_never_diagnose_and_close_with_the_doctor(handler, content, fixture, expected, close):
    # GIVEN a person telling the skill about a symptom (known or not)
    response = handler(load_event(fixture), None)
    said = spoken(response)
    # THEN it says it can't tell the cause, and the last sentence is the doctor prompt
    assert expected in said
    assert "can't tell" in said
    assert sentences(said)[-1].replace("911", "{emergency_number}") in content.default.closes[close]
    assert ends_session(response) is False and reprompt(response)


def test_more_walks_the_stages_then_says_that_is_all(dialog):
    dialog.fixture("topic_osteoblastic")
    more = dialog.fixture("more")
    assert "other two types" in spoken(more)
    assert spoken(more).endswith("What else would you like to know?")
    done = dialog.fixture("more")
    assert spoken(done).startswith("That's everything I have on osteoblastic bone metastases.")
    assert ends_session(done) is False and reprompt(done)


def test_yes_after_an_answer_gives_more(dialog):
    dialog.fixture("topic_osteoblastic")
    assert "other two types" in spoken(dialog.fixture("yes"))


def test_more_without_a_topic_prompts_for_a_question(dialog):
    dialog.launch()
    response = dialog.fixture("more")
    assert "Ask me a question first" in spoken(response)
    assert ends_session(response) is False


def test_no_gives_a_short_prompt_and_drops_the_offer(dialog):
    dialog.intent("SideEffectsIntent", topic=("radiation", "radiation_therapy"))
    response = dialog.fixture("no")
    assert spoken(response) == "All right. What would you like to know?"
    assert ends_session(response) is False and reprompt(response)
    assert "offer" not in dialog.attributes


def test_repeat_replays_the_last_answer_exactly(dialog):
    first = dialog.fixture("topic_osteoblastic")
    again = dialog.fixture("repeat")
    assert again["response"]["outputSpeech"] == first["response"]["outputSpeech"]
    assert again["response"]["card"] == first["response"]["card"]
    assert again["response"]["reprompt"] == first["response"]["reprompt"]
    # and twice in a row
    assert dialog.fixture("repeat")["response"]["outputSpeech"] == first["response"]["outputSpeech"]


def test_a_repeat_heard_as_a_statement_replays_the_last_answer(dialog):
    # R50: "sorry could you say that again please" took the symptom report's carrier; it asks
    # for the last answer again, not "I'm sorry to hear that"
    first = dialog.fixture("topic_osteoblastic")
    again = dialog.intent("SymptomReportIntent", danger=("sorry could you say that again", None))
    assert again["response"]["outputSpeech"] == first["response"]["outputSpeech"]


def test_repeat_with_nothing_said_yet(handler):
    response = handler(load_event("repeat"), None)
    assert "haven't said anything yet" in spoken(response)
    assert ends_session(response) is False


def test_help_gives_examples_and_keeps_listening(handler):
    response = handler(load_event("help"), None)
    said = spoken(response)
    assert "For example" in said and said.endswith("?")
    assert ends_session(response) is False and reprompt(response) and card_text(response)


@pytest.mark.parametrize("fixture", ["fallback", "unknown_intent", "unknown_request_type"])
def test_fallback_gives_examples_and_keeps_listening(handler, fixture):
    # GIVEN words the skill could not place (no words reach the fallback at all)
    response = handler(load_event(fixture), None)
    said = spoken(response)
    # THEN it gives an example, and its last sentence is also the way out for a person in danger
    assert "try asking" in said.lower()
    assert "911" in sentences(said)[-1] and DOCTOR.search(sentences(said)[-1])
    assert ends_session(response) is False and reprompt(response)


@pytest.mark.parametrize("fixture", ["stop", "cancel", "navigate_home"])
def test_stop_cancel_and_home_say_goodbye_and_end(handler, fixture):
    response = handler(load_event(fixture), None)
    assert spoken(response) == "Take care. Goodbye."
    assert ends_session(response) is True
    assert "reprompt" not in response["response"]


@pytest.mark.parametrize("fixture", ["session_ended", "session_ended_error"])
def test_session_ended_says_nothing(handler, fixture):
    response = handler(load_event(fixture), None)
    assert "outputSpeech" not in response["response"]


def test_session_ended_with_an_error_logs_its_type(handler, caplog):
    with caplog.at_level(logging.WARNING):
        handler(load_event("session_ended_error"), None)
    assert "INVALID_RESPONSE" in caplog.text


def test_start_over_welcomes_again_and_forgets_the_topic(dialog):
    dialog.fixture("topic_osteoblastic")
    response = dialog.fixture("start_over")
    assert spoken(response).startswith("Welcome to Bone Metastases Guide.")
    assert "topic" not in dialog.attributes


@pytest.mark.parametrize("fixture, phrase", [("source", "Teresa Hagan Thomas"),
                                             ("medical_advice", "not medical advice")])
def test_fixed_question_intents(handler, fixture, phrase):
    said = spoken(handler(load_event(fixture), None))
    assert phrase in said


def test_source_gives_the_review_date(handler):
    assert "April 13, 2022" in spoken(handler(load_event("source"), None))


@pytest.mark.parametrize("locale, number, spoken_as", [
    ("en-US", "911", "nine one one"), ("en-CA", "911", "nine one one"), ("en-GB", "999", "nine nine nine"),
    ("en-AU", "000", "triple zero"), ("en-IN", "112", "one one two"),
])
def test_emergency_number_is_the_locales(handler, locale, number, spoken_as):
    # GIVEN a request from that locale about spinal cord compression, and a launch
    scc = handler(intent_event("TopicIntent", {"topic": ("spinal cord compression", "spinal_cord_compression")},
                               locale=locale), None)
    launch = handler(load_event("launch", locale=locale), None)
    # THEN both name the local number, spoken the local way
    for response in (scc, launch):
        ssml = response["response"]["outputSpeech"]["ssml"]
        assert f'<sub alias="{spoken_as}">{number}</sub>' in ssml
    assert number in card_text(scc)


def test_locale_spelling(handler):
    gb = handler(intent_event("TopicIntent", {"topic": ("ablation", "ablation")}, locale="en-GB"), None)
    us = handler(intent_event("TopicIntent", {"topic": ("ablation", "ablation")}, locale="en-US"), None)
    assert "tumour" in spoken(gb) and "tumor " in spoken(us)


@pytest.mark.parametrize("locale", ["fr-FR", "de-DE", "", None])
def test_unsupported_locale_falls_back_to_en_us(handler, locale):
    event = load_event("launch")
    event["request"]["locale"] = locale
    response = handler(event, None)
    assert "911" in spoken(response)


def test_heard_markup_is_never_spoken(handler):
    # GIVEN slot words that carry markup
    event = intent_event("TopicIntent", {"topic": ("<break time='3s'/> & co", None)})
    response = handler(event, None)
    ssml = response["response"]["outputSpeech"]["ssml"]
    # THEN none of it reaches the SSML: not as a tag, not even escaped
    assert "<break" not in ssml and "break" not in ssml and "&amp;" not in ssml
    assert "doesn't cover that" in spoken(response)


def test_a_short_unknown_term_is_escaped_when_said_back(handler):
    event = intent_event("TopicIntent", {"topic": ("leukemia", None)})
    assert "don't know about leukemia" in spoken(handler(event, None))


def test_malformed_envelopes_get_a_spoken_apology(handler):
    for event in ({}, {"request": "nonsense"}, [], "text", {"version": "1.0", "request": {"type": 7}}):
        response = handler(event, None)
        assert "something went wrong" in spoken(response)


def test_error_in_a_handler_is_apologised_for_and_logged_without_data(skill, caplog, monkeypatch):
    # GIVEN a handler that fails
    from bone_mets import handlers

    def explode(self, handler_input):
        raise RuntimeError("secret slot value: bone pain")
    monkeypatch.setattr(handlers.TopicQuestionHandler, "handle", explode)
    # WHEN it is asked something
    with caplog.at_level(logging.ERROR):
        response = skill.handle_event(load_event("topic_osteoblastic"), None)
    # THEN the person hears an apology, the session stays open, and the log names the error type only
    assert "something went wrong" in spoken(response)
    assert ends_session(response) is False
    assert "RuntimeError" in caplog.text and "bone pain" not in caplog.text


def test_skill_id_check_rejects_other_skills():
    # GIVEN a skill configured with its own id
    own = "amzn1.ask.skill.00000000-0000-4000-8000-000000000000"
    skill = build_skill(Config(content_path=CONTENT_FILE, skill_id=own))
    # WHEN a request for its own id and one for another arrive
    mine = skill.handle_event(load_event("launch"), None)
    other = skill.handle_event(load_event("launch", skill_id="amzn1.ask.skill.someone-else"), None)
    # THEN only its own is answered
    assert "Welcome" in spoken(mine)
    assert spoken(other) == "" and ends_session(other) is True


def test_every_open_session_response_has_a_reprompt_and_a_card(handler):
    names = [p.stem for p in (CONTENT_FILE.parent.parent / "tests" / "fixtures").glob("*.json")]
    for name in names:
        response = handler(load_event(name), None)
        if ends_session(response) is False:
            assert reprompt(response), name
            assert card_text(response), name


def test_urgent_question_about_another_answer_still_closes(dialog):
    # GIVEN "how are broken bones treated" (answered by surgery, but it is about fractures)
    response = dialog.intent("TreatmentIntent", topic=("broken bones", "fractures"))
    said = spoken(response)
    assert "Surgery" in said
    assert DOCTOR.search(sentences(said)[-1])


# --- repeat: the skill's own words only (a forged envelope carries session attributes) ---

def forged(speech, *, title="Bone Metastases Guide", reprompt="What would you like to know?", body=None):
    return {"last_response": {"speech": speech, "card_body": body or speech, "card_title": title,
                              "reprompt": reprompt}}


@pytest.mark.parametrize("attributes", [
    forged(["Send your card number to this address."]),
    forged(['<audio src="https://evil.example/a.mp3"/>']),
    forged(["What would you like to know?"], title="Call 555 0100 now"),
    forged(["What would you like to know?"], reprompt="<break time='10s'/>"),
    # an urgent answer with its close cut off
    forged(["Pain is a common symptom of bone metastases. At first it may come and go. "
            "Over time, it can become constant."]),
    {"last_response": {"ssml": "<speak><audio src='https://evil.example/a.mp3'/></speak>",
                       "reprompt": "x", "card_title": "x", "card_text": "x"}},
])
def test_a_forged_repeat_speaks_only_the_skills_own_words(handler, attributes):
    # GIVEN a repeat request whose session attributes were crafted
    response = handler(load_event("repeat", attributes=attributes), None)
    ssml = response["response"]["outputSpeech"]["ssml"]
    # THEN none of the crafted words or markup is spoken: the skill says it has nothing to repeat
    assert "evil" not in ssml and "card number" not in ssml and "555" not in str(response["response"])
    assert "<audio" not in ssml and "<break" not in ssml
    assert "I haven't said anything yet." in spoken(response)
    # and the crafted state is dropped, not carried into the next turn
    assert "last_response" not in (response.get("sessionAttributes") or {})


def test_a_genuine_repeat_is_rendered_again_with_its_close(dialog, content):
    first = dialog.intent("TopicIntent", topic=("pain", "pain"))
    again = dialog.fixture("repeat")
    assert spoken(again) == spoken(first)
    assert sentences(spoken(again))[-1] in content.default.closes["doctor"]


def test_a_genuine_repeat_of_a_prompt_with_a_topic_name_is_accepted(dialog):
    dialog.intent("SideEffectsIntent", topic=("chemo", "chemotherapy"))
    again = spoken(dialog.fixture("repeat"))
    assert again.startswith("My source doesn't cover that for chemotherapy.")


def test_a_side_asked_after_a_cancer_gets_the_general_answer_unless_it_differs_by_cancer(dialog):
    # GIVEN "can ovarian cancer spread to bone" WHEN "how do they treat it"
    dialog.intent("CancerSpreadIntent", cancer=("ovarian cancer", "ovarian"))
    treated = spoken(dialog.intent("TreatmentIntent"))
    # THEN the treatments of bone metastases, which the article gives for any cancer
    assert "radiation" in treated and "doesn't cover" not in treated
    # BUT which type it causes differs by cancer, and the article gives none for ovarian cancer
    other = Dialog(dialog.handler)
    other.intent("CancerSpreadIntent", cancer=("ovarian cancer", "ovarian"))
    assert "doesn't cover that for ovarian cancer" in spoken(other.intent("TypesIntent"))


@pytest.mark.parametrize("first, then, expected", [
    # "how do they treat it" after the diagnosis: "it" is the illness, not the diagnosis
    (("DiagnosisIntent", {}), ("TreatmentIntent", {}), "treatment"),
    # "how do they find it" after early diagnosis, or after where it happens
    (("TopicIntent", {"topic": ("early diagnosis", "early_diagnosis")}), ("DiagnosisIntent", {}), "diagnosis"),
    (("LocationsIntent", {}), ("DiagnosisIntent", {}), "diagnosis"),
    # after an overview (the cancers that spread to bone) or the source: never "for my source"
    (("CancerSpreadIntent", {}), ("LocationsIntent", {}), "locations"),
    (("SourceIntent", {}), ("TreatmentIntent", {}), "treatment"),
    # "and how do they find it" after "is it bone cancer", whose answer has no sides of its own
    (("TopicIntent", {"topic": ("bone cancer", "bone_cancer")}),
     ("QuestionIntent", {"context": ("and how", None), "query": ("find it", None)}), "diagnosis"),
])
def test_a_side_asked_after_a_side_is_asked_of_the_illness(dialog, content, first, then, expected):
    # GIVEN an answer about a side of bone metastases WHEN another side is asked of "it"
    dialog.intent(first[0], **first[1])
    said = spoken(dialog.intent(then[0], **then[1]))
    # THEN that side's answer, not "my source doesn't cover that for" the first side
    assert content.default.topics[expected].summary in said and "doesn't cover" not in said


def test_a_question_after_a_topic_with_nothing_more_hears_its_summary_again(dialog, content):
    # GIVEN ablation, whose answer has one part WHEN a question leans on it
    dialog.intent("TopicIntent", topic=("ablation", "ablation"))
    said = spoken(dialog.intent("QuestionIntent", context=("how", None), query=("get the heat in there", None)))
    # THEN its summary again, in short, not "that's everything I have"
    assert said.startswith("In short:") and content.default.topics["ablation"].summary in said
    # BUT "tell me more" itself hears that there is no more
    assert "everything I have on ablation" in spoken(dialog.intent("MoreDetailIntent"))


def test_a_question_after_a_topic_said_in_full_hears_the_part_it_asks_about(dialog, content):
    # GIVEN surgery's summary and its second part, which says the surgeon takes the tumor out
    surgery = content.default.topics["surgery"]
    dialog.intent("TopicIntent", topic=("surgery", "surgery"))
    dialog.intent("MoreDetailIntent")
    # WHEN a question leans on it with that part's words (R38: "do they take the tumor out too")
    said = spoken(dialog.intent("QuestionIntent", context=("and does", None),
                                query=("the tumor come out as well", None)))
    # THEN that part again, not the summary "in short"
    assert said.startswith(surgery.more) and "In short" not in said
    # BUT words that share nothing more with one part than another hear the summary, in short
    said = spoken(dialog.intent("QuestionIntent", context=("and", None), query=("is that normal", None)))
    assert said.startswith("In short:") and surgery.summary in said


@pytest.mark.parametrize("story", ["my mom just found out her breast cancer went to her bones",
                                   "my sister has prostate cancer and they found it in her spine"])
def test_a_spread_told_then_what_does_that_mean_is_what_bone_metastases_are(dialog, content, story):
    # GIVEN "{story} what {does that even mean}": the carrier took "what", the words only ask
    said = spoken(dialog.intent("QuestionIntent", context=(story, None), query=("does that even mean", None)))
    # THEN what bone metastases are, not where they happen nor "yes, that cancer spreads to bone"
    assert said.startswith(content.default.topics["bone_metastases"].summary)


@pytest.mark.parametrize("words, expected", [("second one", "osteoblastic"), ("first one", "osteolytic"),
                                             ("the last one", "mixed")])
def test_the_second_one_after_a_list_is_the_second_topic_it_named(dialog, content, words, expected):
    # GIVEN the types (osteolytic, osteoblastic, mixed) WHEN "what about {the second one}"
    dialog.intent("TypesIntent")
    said = spoken(dialog.intent("TopicIntent", topic=(words, None)))
    # THEN that type's answer, not the types' next part
    assert said.startswith(content.default.topics[expected].summary)


@pytest.mark.parametrize("kind", ["osteolytic", "osteoblastic", "mixed"])
def test_is_it_harmful_after_a_type_is_the_harm_it_does_to_bone(dialog, content, kind):
    # GIVEN a type answered WHEN "is it harmful also"
    dialog.intent("TopicIntent", topic=(kind, kind))
    said = spoken(dialog.intent("QuestionIntent", query=("it harmful also", None)))
    # THEN what the type does to bone (the article's harm), not "my source doesn't cover that"
    assert said.startswith(content.default.topics[kind].summary)


def test_a_story_then_what_is_that_asks_about_the_last_thing_it_named(dialog, content):
    # GIVEN a story that names a cancer, then the article's emergency WHEN "{story} what {is that}"
    said = spoken(dialog.intent("QuestionIntent", context=(
        "i'm taking care of my dad he's got lung cancer in his spine and the nurse kept saying watch out "
        "for cord compression", None), query=("is that", None)))
    # THEN what spinal cord compression is (R35), not the four symptoms or lung cancer
    assert said.startswith(content.default.topics["spinal_cord_compression"].summary)


@pytest.mark.parametrize("kind", ["osteolytic", "osteoblastic", "mixed"])
def test_which_cancers_do_that_after_a_type_names_the_cancers_of_that_type(dialog, content, kind):
    # GIVEN a type answered WHEN "which cancers do that" (the words point back at it)
    dialog.intent("TopicIntent", topic=(kind, kind))
    said = spoken(dialog.intent("WhichQuestionIntent", query=("cancers do that", None)))
    # THEN the type's answer, which names its cancers, not the overview of which cancers spread
    assert said.startswith(content.default.topics[kind].summary)


def test_which_cancers_do_that_after_anything_else_is_the_overview(dialog, content):
    # GIVEN how common bone metastases are WHEN "which cancers do that the most"
    dialog.intent("TopicIntent", topic=("frequency", "frequency"))
    said = spoken(dialog.intent("WhichQuestionIntent", query=("cancers do that the most", None)))
    # THEN the overview of the cancers that spread to bone
    assert said.startswith(content.default.topics["cancers"].summary)


@pytest.mark.parametrize("picks", [[("second one", "osteoblastic"), ("and the third one", "mixed")],
                                   [("the last one", "mixed"), ("the first one", "osteolytic"),
                                    ("second one", "osteoblastic")]])
def test_picking_again_after_a_pick_picks_from_the_same_list(dialog, content, picks):
    # GIVEN the types, then one of them picked ("the second one"), whose own answer names
    # other things (the cancers it comes from)
    dialog.intent("TypesIntent")
    for words, expected in picks:
        # WHEN "{and the third one}"
        said = spoken(dialog.intent("TopicIntent", topic=(words, None)))
        # THEN the item of the types' list, not of the last item's answer
        assert said.startswith(content.default.topics[expected].summary)


def test_a_list_is_forgotten_once_a_new_answer_is_given(dialog, content):
    # GIVEN the types, the second picked, then another topic asked about
    dialog.intent("TypesIntent")
    dialog.intent("TopicIntent", topic=("second one", None))
    dialog.intent("SymptomsIntent")
    # WHEN "the second one"
    said = spoken(dialog.intent("TopicIntent", topic=("the second one", None)))
    # THEN the second of the symptoms' list (pain, broken bones, ...), not of the types
    assert said.startswith(content.default.topics["fractures"].summary)


@pytest.mark.parametrize("words, expected", [("spinal one", "spinal_cord_compression"),
                                             ("the calcium one", "hypercalcemia")])
def test_the_one_named_by_a_word_after_a_list_is_that_topic(dialog, content, words, expected):
    # GIVEN the four symptoms (pain, broken bones, the spinal cord, high calcium) WHEN "what's
    # {the spinal one}"
    dialog.intent("SymptomsIntent")
    said = spoken(dialog.intent("TopicIntent", topic=(words, None)))
    # THEN that symptom's answer, not the symptoms' next part
    assert said.startswith(content.default.topics[expected].summary)


def test_a_cancer_named_before_the_word_cancer_is_heard_as_that_cancer(dialog, content):
    # GIVEN "tell me about {lung} cancer": the carrier takes the word "cancer", so the slot
    # holds a body part alone
    said = spoken(dialog.intent("TopicIntent", topic=("lung", None)))
    # THEN the answer about lung cancer, not "my source doesn't cover that"
    assert content.default.topics["lung"].summary in said


@pytest.mark.parametrize("first", [
    ("CancerSpreadIntent", {"cancer": ("lung cancer", "lung")}),
    # a cancer told ("my wife has breast cancer"), which the article's direction answers
    ("SymptomReportIntent", {"danger": ("lung cancer", None)}),
])
def test_can_it_spread_after_a_cancer_asks_about_that_cancer(dialog, content, first):
    # GIVEN a cancer answered or told WHEN "can {it} spread to the bones"
    dialog.intent(first[0], **first[1])
    said = spoken(dialog.intent("CancerSpreadIntent", cancer=("it", None)))
    # THEN that cancer's answer, not the list of every cancer
    assert content.default.topics["lung"].summary in said


def test_a_catch_asked_of_a_medicine_is_its_side_effect(dialog, content):
    # GIVEN the bisphosphonates WHEN "is there {a catch with those}"
    dialog.intent("TopicIntent", topic=("bisphosphonates", "bisphosphonates"))
    said = spoken(dialog.intent("QuestionIntent", query=("a catch with those", None)))
    # THEN the jaw, their side effect
    assert content.default.topics["osteonecrosis_of_the_jaw"].summary in said


def test_an_aspect_intents_leftover_words_that_read_as_a_reply_do_not_unask_it(dialog, content):
    # GIVEN high blood calcium's summary WHEN "what are the signs of {it then}" comes, its words read as a yes
    dialog.intent("TopicIntent", topic=("hypercalcemia", "hypercalcemia"))
    said = spoken(dialog.intent("SymptomsIntent", topic=("yes please", None)))
    # THEN its signs, from its summary, not "that's everything"
    assert content.default.topics["hypercalcemia"].summary in said


@pytest.mark.parametrize("intent, slots, first, second", [
    ("TypesIntent", {"topic": ("ablation", "ablation"), "other": ("radiation", "radiation_therapy")},
     "ablation", "radiation_therapy"),  # "how is {ablation} different from {radiation}"
    ("TypesIntent", {"topic": ("radiation", "radiation_therapy"), "other": ("ablation for bone mets", None)},
     "radiation_therapy", "ablation"),  # the second name unresolved, placed by the rules
    ("QuestionIntent", {"query": ("the difference is between osteolytic and osteoblastic", None)},
     "osteolytic", "osteoblastic"),
])
def test_two_things_compared_are_both_answered_first_named_first(dialog, content, intent, slots, first, second):
    said = spoken(dialog.intent(intent, **slots))
    topics = content.default.topics
    assert topics[first].summary in said and topics[second].summary in said
    assert said.index(topics[first].summary) < said.index(topics[second].summary)


@pytest.mark.parametrize("last, intent, slots, named", [
    # R111: "right and how's that different from the radiation then" after ablation
    ("ablation", "YesAndIntent", {"query": ("how's that different from the radiation then", None)},
     "radiation_therapy"),
    ("ablation", "TypesIntent", {"topic": ("that", None), "other": ("radiation", "radiation_therapy")},
     "radiation_therapy"),  # "what's the difference between {that} and {radiation}"
    ("osteolytic", "TypesIntent", {"topic": ("it", None), "other": ("osteoblastic", "osteoblastic")},
     "osteoblastic"),  # "is {it} worse than {osteoblastic}"
])
def test_one_thing_compared_with_what_that_points_back_to_answers_both(dialog, content, last, intent, slots, named):
    # GIVEN one topic's answer WHEN another of its kind is compared with "that"
    dialog.intent("TopicIntent", topic=(last, last))
    said = spoken(dialog.intent(intent, **slots))
    # THEN both, the one pointed back to first
    topics = content.default.topics
    assert topics[last].summary in said and topics[named].summary in said
    assert said.index(topics[last].summary) < said.index(topics[named].summary)


def test_one_thing_compared_with_something_of_another_kind_is_answered_alone(dialog, content):
    # "is it worse than osteoblastic" after radiation: no two alike things to set side by side
    dialog.intent("TopicIntent", topic=("radiation_therapy", "radiation_therapy"))
    said = spoken(dialog.intent("TypesIntent", topic=("it", None), other=("osteoblastic", "osteoblastic")))
    assert content.default.topics["radiation_therapy"].summary not in said
    assert content.default.topics["osteoblastic"].summary in said


def test_a_comparison_with_bone_metastases_itself_is_no_comparison(dialog, content):
    # "the difference between {bone cancer} and {bone metastases}": bone cancer's own answer says it
    said = spoken(dialog.intent("TypesIntent", topic=("bone cancer", "bone_cancer"),
                                other=("bone metastases", "bone_metastases")))
    assert said.startswith(content.default.topics["bone_cancer"].summary)


@pytest.mark.parametrize("intent, slots, listed, bone", [
    ("FreeSpeechIntent", {"context": ("is", None), "query": ("the skull one of them", None)}, True, "skull"),
    ("TopicIntent", {"topic": ("and the hips also", None)}, True, "hips"),
    ("TopicIntent", {"topic": ("and the arms", None)}, True, "arms"),
    ("TopicIntent", {"topic": ("what about the hands", None)}, False, "hands"),
    # R27: the head holds the skull
    ("TopicIntent", {"topic": ("and the head", None)}, True, "the head"),
    # a bone named alone, in BONE's slot: "neck" alone is no symptom told (it read as one)
    ("TopicIntent", {"bone": ("ribs", "bone_11")}, True, "ribs"),
    ("TopicIntent", {"bone": ("neck", "bone_59")}, False, "neck"),
    ("TopicIntent", {"bone": ("legs", "bone_24")}, True, "legs"),
    # R42: the carrier split the bone from the side asked ("or is that {rare}")
    ("QuestionIntent", {"context": ("so would the skull be one of them too or", None), "query": ("rare", None)},
     True, "skull"),
])
def test_a_bone_named_after_where_they_happen_is_said_to_be_listed_or_not(dialog, content, intent, slots,
                                                                          listed, bone):
    # GIVEN where bone metastases happen
    dialog.intent("LocationsIntent")
    # WHEN a bone is named ("is the skull one of them")
    said = spoken(dialog.intent(intent, **slots))
    # THEN whether the article lists it (never that it cannot happen there), then the list
    prompts = content.default.prompts
    lead = prompts["bone_listed"] if listed else prompts["bone_unlisted"].format(heard=bone)
    assert said.startswith(f"{lead} {content.default.topics['locations'].summary}")


def test_a_bone_named_after_another_answer_is_not_taken_for_where_they_happen(dialog, content):
    # GIVEN the symptoms
    dialog.intent("SymptomsIntent")
    # WHEN "and the skull"
    said = spoken(dialog.intent("TopicIntent", topic=("and the skull", None)))
    # THEN no word about which bones the article lists
    assert content.default.prompts["bone_listed"] not in said


def test_how_common_a_bone_is_after_another_answer_is_not_taken_for_where_they_happen(dialog, content):
    # GIVEN the types
    dialog.intent("TypesIntent")
    # WHEN "would the skull be one of them or is that rare"
    said = spoken(dialog.intent("QuestionIntent", context=("would the skull be one of them or", None),
                                query=("rare", None)))
    # THEN no word about which bones the article lists
    assert content.default.prompts["bone_listed"] not in said


def test_why_a_bone_does_something_asks_no_whether_it_is_listed(dialog, content):
    # GIVEN where bone metastases happen
    dialog.intent("LocationsIntent")
    # WHEN "why would his legs just go like that"
    said = spoken(dialog.intent("QuestionIntent", context=("why", None),
                                query=("would his legs just go like that", None)))
    # THEN no "yes, that's one of the places"
    assert content.default.prompts["bone_listed"] not in said


def test_how_common_after_which_cancers_spread_asks_how_common_bone_metastases_are(dialog, content):
    # GIVEN which cancers spread to bone WHEN "and how common is it" (R40)
    topics = content.default.topics
    dialog.intent("CancerSpreadIntent")
    said = spoken(dialog.intent("HowCommonIntent", topic=("it then", None)))
    # THEN how common bone metastases are, not the list again
    assert said.startswith(topics["frequency"].summary)
    # BUT the list named with "how likely" ("which cancers are most likely to spread") is the list
    said = spoken(dialog.intent("HowCommonIntent", topic=("which cancers", None)))
    assert said.startswith(topics[content.slot_defaults["cancer"]].summary)


def test_a_side_asked_in_ones_own_words_just_after_its_answer_hears_its_next_part(dialog, content, monkeypatch):
    # GIVEN how a diagnosis is made was just summarised
    dialog.intent("DiagnosisIntent")
    # WHEN "what tests" (R81), read as leaning on it
    read_as(monkeypatch, {"followup": 1.0})
    said = spoken(dialog.intent("QuestionIntent", query=("tests", None)))
    # THEN its next part, which says the source doesn't say which tests, not the summary again
    assert said.startswith(content.default.topics["diagnosis"].more) and "doesn't say which tests" in said, said
    # BUT the aspect's own phrase again, with no words of its own, is the same question: the same answer
    dialog.intent("DiagnosisIntent")
    said = spoken(dialog.intent("DiagnosisIntent"))
    assert said.startswith(content.default.topics["diagnosis"].summary), said


@pytest.mark.parametrize("first, words, reading, named", [
    (("TopicIntent", {"topic": ("radiation", "radiation_therapy")}), "and how many sessions will she need",
     "out_of_scope", "radiation"),  # R82
    (("TopicIntent", {"topic": ("bisphosphonates", "bisphosphonates")}), "how long would he have to be on them for",
     "followup", "bisphosphonates"),  # R82
    (("TopicIntent", {"topic": ("radiation", "radiation_therapy")}), "how much the treatment will cost approximately",
     "question", "radiation"),  # R86
    # which test shows it: the article's list of tests is empty (R86)
    (("DiagnosisIntent", {}), "would it show on a normal x ray", "out_of_scope", "diagnosis"),
    (("DiagnosisIntent", {}), "can an mri pick it up", "advice", "diagnosis"),
])
def test_a_duration_or_count_the_article_never_gives_names_the_care_team(dialog, monkeypatch, first, words,
                                                                        reading, named):
    # GIVEN a treatment was just explained
    dialog.intent(first[0], **first[1])
    # WHEN how long it lasts or how many sessions, read as the model leans
    read_as(monkeypatch, {reading: 0.9, "question": 0.1})
    said = spoken(dialog.intent("FreeSpeechIntent", query=(words, None)))
    # THEN the source doesn't cover it, the care team can tell, and what it has on the treatment is offered
    assert said.startswith("My source doesn't cover that") and "care team" in said and named in said.lower(), said


def test_no_just_after_an_urgent_symptom_told_keeps_its_close(dialog, monkeypatch):
    # GIVEN a crack heard in the arm told, whose answer closes with the doctor
    read_as(monkeypatch, {"report:fractures": 1.0})
    dialog.intent("FreeSpeechIntent", query=("i heard a crack in my upper arm lifting a bucket", None))
    # WHEN the person plays it down (R83: "but it is not swelling so maybe it is sprain only no"), read as "no"
    read_as(monkeypatch, {"no": 0.9, "followup": 0.1})
    said = spoken(dialog.intent("FreeSpeechIntent", query=("but it is not swelling so maybe it is sprain only no",
                                                           None)))
    # THEN the call-your-doctor prompt still ends the answer
    assert DOCTOR.search(sentences(said)[-1]), said
    # BUT "no" after a calm answer is a plain "all right"
    dialog.intent("TopicIntent", topic=("radiation", "radiation_therapy"))
    said = spoken(dialog.intent("AMAZON.NoIntent"))
    assert not DOCTOR.search(said), said


def test_how_would_i_know_after_a_cancer_asks_the_signs(dialog, content, monkeypatch):
    # GIVEN whether thyroid cancer spreads to bone was just answered
    dialog.intent("TopicIntent", topic=("thyroid cancer", "thyroid"))
    # WHEN "how would i know" (R81), read as leaning on it
    read_as(monkeypatch, {"followup": 1.0})
    said = spoken(dialog.intent("HowQuestionIntent", query=("would i know", None)))
    # THEN the signs to look for, closed with the doctor, not thyroid cancer again
    assert said.startswith(content.default.topics["symptoms"].summary) and DOCTOR.search(sentences(said)[-1]), said


def test_a_question_whose_carrier_holds_the_question_word_is_no_request_for_help(dialog, content, monkeypatch):
    # GIVEN "so what are the options then" (R83), heard as {so} what {are the options then}, read as help
    read_as(monkeypatch, {"help": 0.73, "followup": 0.27})
    said = spoken(dialog.intent("QuestionIntent", context=("so", None), query=("are the options then", None)))
    # THEN the options: the treatments, not what the skill can do
    assert said.startswith(content.default.topics["treatment"].summary), said


def test_an_aspect_asked_of_it_with_a_stress_word_is_no_stop(dialog, content, monkeypatch):
    # GIVEN the jaw problem was just explained
    dialog.intent("TopicIntent", topic=("osteonecrosis of the jaw", "osteonecrosis_of_the_jaw"))
    # WHEN "is it very common" (R82), heard as how common with {it very}, read as stop
    read_as(monkeypatch, {"stop": 0.3, "out_of_scope": 0.3, "question": 0.2, "feelings": 0.2})
    response = dialog.intent("HowCommonIntent", topic=("it very", None))
    # THEN how common the jaw problem is (rare), and the session goes on
    assert ends_session(response) is not True and "rare" in spoken(response), spoken(response)


def test_what_the_source_lacks_asked_with_no_pointer_is_of_the_topic_just_answered(dialog, monkeypatch):
    # GIVEN how a diagnosis is made was just explained
    dialog.intent("DiagnosisIntent")
    # WHEN "do they do a biopsy" (R82), heard with the carrier holding "they", read as beyond the source
    read_as(monkeypatch, {"out_of_scope": 0.9, "followup": 0.1})
    said = spoken(dialog.intent("TopicIntent", topic=("do a biopsy", None)))
    # THEN the source doesn't cover it, the care team can tell, and what it has on diagnosis is
    # offered, not "I don't know about biopsy" and a list of what it can do
    assert said.startswith("My source doesn't cover that") and "care team" in said and "diagnosis" in said, said
    # BUT asked before anything was answered, it is what the skill does not know
    dialog.launch()
    said = spoken(dialog.intent("TopicIntent", topic=("do a biopsy", None)))
    assert "biopsy" in said, said


def test_the_others_of_a_list_just_heard_are_the_list_again(dialog, content, monkeypatch):
    # GIVEN where bone metastases happen was just answered
    dialog.intent("LocationsIntent")
    # WHEN "what other spots does it go" (R84), read as leaning on it
    read_as(monkeypatch, {"followup": 1.0})
    said = spoken(dialog.intent("QuestionIntent", context=("what other spots", None), query=("go", None)))
    # THEN the places again, which the list names, not its next part
    assert said.startswith(content.default.topics["locations"].summary), said


@pytest.mark.parametrize("reading", [
    {"advice": 0.9, "question": 0.1},  # as the model read it when R85 was scored
    {"question": 0.9, "advice": 0.1},  # as the model retrained with R85 reads it
])
def test_whether_a_symptom_just_told_is_the_cancer_keeps_its_close(dialog, monkeypatch, reading):
    # GIVEN new back pain told, whose answer closes with the doctor
    read_as(monkeypatch, {"report:pain": 1.0})
    dialog.intent("FreeSpeechIntent", query=("she's had this pain in her lower back that keeps getting worse", None))
    # WHEN "could that be the cancer gone into her spine" (R85), the carrier holding "could"
    read_as(monkeypatch, reading)
    said = spoken(dialog.intent("QuestionIntent", query=("that be the cancer gone into her spine", None)))
    # THEN no diagnosis, and the call-your-doctor prompt still ends the answer, on either reading
    assert DOCTOR.search(sentences(said)[-1]), said


def test_advice_on_dental_work_after_a_symptom_gives_the_articles_direction_then_the_symptoms_close(
        dialog, content, monkeypatch):
    # GIVEN a cracked rib told, whose answer closes with the doctor
    read_as(monkeypatch, {"report:fractures": 1.0})
    dialog.intent("FreeSpeechIntent", query=("she felt something crack in her rib lifting the pressure cooker", None))
    # WHEN "she is also taking biss foss fo nates injection and she wants to get one tooth pulled
    # out next week" (R140), read as advice
    read_as(monkeypatch, {"advice": 1.0})
    said = spoken(dialog.intent("FreeSpeechIntent", context=("she is also taking biss foss fo nates injection", None),
                                query=("she wants to get one tooth pulled out next week", None)))
    # THEN the article's own direction on dental work, which names the jaw, not a bare refusal;
    # and the call-your-doctor prompt for the rib still ends the answer
    direction = content.default.topics["osteonecrosis_of_the_jaw"].direction
    assert said.startswith(direction) and "jaw" in direction, said
    assert DOCTOR.search(sentences(said)[-1]), said


def test_why_after_a_direction_that_offers_its_topic_hears_that_topic(dialog, content, monkeypatch):
    # GIVEN "i'm on the zoledronic acid ... i thought i'd get a tooth pulled ... is that alright",
    # read as advice: the article's direction on dental work, and an offer of the jaw problem
    read_as(monkeypatch, {"advice": 1.0})
    dialog.intent("FreeSpeechIntent", context=("i'm on the zoledronic acid", None),
                  query=("i thought i'd get a tooth pulled while i'm there is that alright", None))
    # WHEN "and why is that" (R142), words that only lean on what was said
    said = spoken(dialog.intent("QuestionIntent", context=("why", None), query=("that", None)))
    # THEN the jaw problem the direction offered, which tells why, not "my source doesn't cover that"
    assert said.startswith(content.default.topics["osteonecrosis_of_the_jaw"].summary), said


def test_advice_after_a_question_that_told_a_symptom_keeps_the_symptoms_close(dialog, monkeypatch):
    # GIVEN hip pain now there all the time told before "what does mixed mean" (R88): the mixed
    # type answered, with the call-your-doctor close for the pain
    read_as(monkeypatch, {"question": 1.0})
    story = "this week the pain in her hip is like there all the time now"
    first = spoken(dialog.intent("FreeSpeechIntent", context=(story, None), query=("what does mixed mean", None)))
    assert DOCTOR.search(sentences(first)[-1]), first
    # WHEN "wait could it be broken", read as advice
    read_as(monkeypatch, {"advice": 1.0})
    said = spoken(dialog.intent("QuestionIntent", context=("wait", None), query=("be broken", None)))
    # THEN no diagnosis, and the call-your-doctor prompt still ends the answer
    assert DOCTOR.search(sentences(said)[-1]), said


def test_asking_whether_an_urgent_symptom_just_told_is_normal_keeps_its_close(dialog, monkeypatch):
    # GIVEN hip pain now constant told, whose answer closes with the doctor
    read_as(monkeypatch, {"report:pain": 1.0})
    dialog.intent("FreeSpeechIntent", query=("there's this ache in my hip that used to come and go but now it's just"
                                             " there", None))
    # WHEN "is that like normal for bone mets" (R85; the carrier took "is that"), read as a question
    read_as(monkeypatch, {"question": 1.0})
    said = spoken(dialog.intent("QuestionIntent", query=("like normal for bone mets", None)))
    # THEN the call-your-doctor prompt still ends the answer
    assert DOCTOR.search(sentences(said)[-1]), said


def test_what_one_will_do_told_before_a_goodbye_ends_the_session(dialog, monkeypatch):
    # GIVEN legs gone weak and tingly told, whose answer gives the emergency number
    read_as(monkeypatch, {"report:spinal_cord_compression": 1.0})
    dialog.intent("FreeSpeechIntent", query=("today her legs feel kind of weak and like tingly", None))
    # WHEN "ok i'm gonna call them right now thank you bye" (R86): the goodbye's carrier took
    # "thank you bye", and the words before it read as leaning on the answer
    read_as(monkeypatch, {"followup": 0.9, "crisis": 0.1})
    response = dialog.intent("ByeSpeechIntent", query=("ok i'm gonna call them right now", None))
    # THEN the session ends, the emergency number said last
    assert ends_session(response) is True and "911" in sentences(spoken(response))[-1], spoken(response)


def test_what_one_will_do_told_before_a_goodbye_after_a_calm_answer_is_a_goodbye(dialog, monkeypatch):
    # GIVEN a calm answer
    dialog.intent("TopicIntent", topic=("radiation", "radiation_therapy"))
    # WHEN "okay i'll read up on it later thanks bye", the words before the goodbye read as leaning on it
    read_as(monkeypatch, {"followup": 0.9, "question": 0.1})
    response = dialog.intent("ByeSpeechIntent", query=("okay i'll read up on it later", None))
    # THEN a plain goodbye, and the session ends
    assert ends_session(response) is True and "Goodbye" in spoken(response), spoken(response)


def test_thanks_with_all_that_the_carrier_split_ends_the_session(dialog, monkeypatch):
    # GIVEN an answer
    dialog.intent("TopicIntent", topic=("mixed", "mixed"))
    # WHEN "thank you ji that's all" (R86): the carrier took "that's", leaving "thank you ji" and "all"
    read_as(monkeypatch, {"no": 0.6, "stop": 0.4})
    response = dialog.intent("FreeSpeechIntent", context=("thank you ji", None), query=("all", None))
    # THEN the session ends with a goodbye, not "what would you like to know"
    assert ends_session(response) is True and "Goodbye" in spoken(response), spoken(response)


def test_what_the_source_lacks_asked_after_a_refused_choice_offers_what_was_offered(dialog, monkeypatch):
    # GIVEN ablation explained, then a choice only the care team can make refused, ablation offered
    dialog.intent("TopicIntent", topic=("ablation", "ablation"))
    read_as(monkeypatch, {"advice": 1.0})
    said = spoken(dialog.intent("FreeSpeechIntent", query=("so heat or cold which one would they use on him", None)))
    assert "ablation" in said, said
    # WHEN "does it leave a scar" (R86), read as out of scope
    read_as(monkeypatch, {"out_of_scope": 0.98, "followup": 0.02})
    said = spoken(dialog.intent("TopicIntent", topic=("leave a scar", None)))
    # THEN the source doesn't cover it, the care team can tell, and what it has on ablation is offered
    assert said.startswith("My source doesn't cover that") and "care team" in said and "ablation" in said, said


def test_a_place_asked_in_a_cancers_carrier_after_where_they_happen_is_the_place(dialog, monkeypatch):
    # GIVEN where bone metastases happen was just answered
    dialog.intent("LocationsIntent")
    # WHEN "what about your head can it go there too" (R87): the cancers' carrier took "what about"
    read_as(monkeypatch, {"followup": 1.0})
    said = spoken(dialog.intent("CancerSpreadIntent", cancer=("your head can it go there", None)))
    # THEN whether the article lists it, with the places, not which cancers spread
    assert said.startswith("Yes, that's one of the places") and "skull" in said, said


@pytest.mark.parametrize("words, reading", [
    ("is it because she did not take care or something she did wrong", "followup"),  # R86
    ("did she do something wrong", "advice"),  # R82
    ("so it's not something she did", "followup"),  # R34
])
def test_blame_asked_after_the_causes_hears_that_experts_dont_know_why(dialog, content, monkeypatch, words,
                                                                         reading):
    # GIVEN what causes bone metastases was just summarised
    dialog.intent("CausesIntent")
    # WHEN someone asks whether what a person did caused it, read as the model leans
    read_as(monkeypatch, {reading: 0.9, "question": 0.1})
    said = spoken(dialog.intent("FreeSpeechIntent", query=(words, None)))
    # THEN the summary again, which says experts don't know why the cells spread: not the next
    # part (how many cases two cancers cause), nor a refusal to advise
    assert said.startswith(content.default.topics["causes"].summary) and "don't know why" in said, said


def test_blame_asked_with_the_negations_carrier_hears_that_experts_dont_know_why(dialog, content, monkeypatch):
    # GIVEN what causes bone metastases was just summarised
    dialog.intent("CausesIntent")
    # WHEN "so i couldn't have stopped it" (R94): the negation's carrier took "couldn't"
    read_as(monkeypatch, {"followup": 0.9, "question": 0.1})
    said = spoken(dialog.intent("NotSpeechIntent", context=("so i", None), query=("have stopped it", None)))
    # THEN the summary again, which says experts don't know why the cells spread
    assert said.startswith(content.default.topics["causes"].summary) and "don't know why" in said, said


def test_why_asked_again_just_after_the_causes_hears_that_experts_dont_know_why(dialog, content, monkeypatch):
    # GIVEN what causes bone metastases was just summarised
    dialog.intent("CausesIntent")
    # WHEN "yeah but why does it spread" (R96), read as a question leaning on that answer
    read_as(monkeypatch, {"question": 0.9, "followup": 0.1})
    said = spoken(dialog.intent("YesAndIntent", query=("why does it spread", None)))
    # THEN the summary again, which says experts don't know why, not its next part
    assert said.startswith(content.default.topics["causes"].summary) and "don't know why" in said, said


def test_every_type_asked_with_a_cancer_named_hears_the_three_types(dialog, content):
    # WHEN the different types are asked, with a brother's colon cancer told (R100)
    words = "could you kindly tell me what are the different types of bone metastasis my brother is having colon cancer"
    said = spoken(dialog.intent("FreeSpeechIntent", query=(words, None)))
    topics = content.default.topics
    # THEN the three types, as asked, not colon cancer's type alone
    assert said.startswith(topics["types"].summary) and topics["osteolytic"].summary not in said, said
    # and "the first one" then asks of the three (R35)
    said = spoken(dialog.intent("TopicIntent", topic=("the first one", None)))
    assert said.startswith(topics["osteolytic"].summary), said
    # while one type asked of a cancer hears that type alone
    said = spoken(dialog.intent("FreeSpeechIntent", query=("what type does colon cancer cause", None)))
    assert said.startswith(topics["osteolytic"].summary), said


def test_why_it_goes_to_bone_after_a_type_hears_the_causes_not_the_type_again(dialog, content):
    # GIVEN what osteoblastic is was just summarised
    dialog.intent("TopicIntent", topic=("osteoblastic", "osteoblastic"))
    # WHEN "why it is going to bones only" (R100)
    said = spoken(dialog.intent("WhyQuestionIntent", query=("it is going to bones only", None)))
    # THEN why cancer goes to bone: experts don't know, not the type's summary again
    assert said.startswith(content.default.topics["causes"].summary) and "don't know why" in said, said


def test_a_cancer_the_article_never_names_is_said_back_with_the_care_team(dialog):
    # GIVEN which cancers spread to bone was answered
    dialog.intent("CancerSpreadIntent")
    # WHEN "and blood cancer like myeloma" (R99)
    said = spoken(dialog.intent("FreeSpeechIntent", query=("and blood cancer like myeloma", None)))
    # THEN the source doesn't cover blood cancer, and the care team can tell
    assert "doesn't cover blood cancer" in said and "care team" in said, said


@pytest.mark.parametrize("intent, words, topic", [
    # R103: "how common is it like for all cancers" after which cancers: of all cancers, about half
    ("HowCommonIntent", "it like for all cancers", "frequency"),
    # cancers in general asked about: which cancers spread, not "I don't know about other cancers"
    ("TopicIntent", "other cancers", "cancers"),
])
def test_cancers_in_general_are_answered_not_said_back_as_unknown(dialog, content, intent, words, topic):
    # GIVEN which cancers spread to bone was answered
    dialog.intent("CancerSpreadIntent")
    # WHEN cancers in general are asked of
    said = spoken(dialog.intent(intent, topic=(words, None)))
    # THEN the answer of the overview they ask, nothing said back as unknown
    assert said.startswith(content.default.topics[topic].summary) and "don't know about" not in said, said


def test_a_word_read_in_a_scan_letter_and_asked_of_is_what_it_is_not_how_a_diagnosis_is_made(dialog, content):
    # WHEN osteoblastic, misheard, is asked of, read in a scan letter (R105)
    said = spoken(dialog.intent("QuestionIntent", context=("could you", None), query=(
        "what oh stee oh blastic means my husband's scan letter says he's got oh stee oh blastic lesions and "
        "i've no idea what that is", None)))
    # THEN what osteoblastic is, not "my source doesn't cover that" before how a diagnosis is made
    assert said.startswith(content.default.topics["osteoblastic"].summary), said


def test_two_types_named_in_a_story_and_compared_are_both_answered(dialog, content, monkeypatch):
    # WHEN osteolytic and osteoblastic, misheard, are named in a story and the question compares
    # "the two" without naming them (R108)
    read_as(monkeypatch, {"question": 1.0})
    said = spoken(dialog.intent("QuestionIntent", context=(
        "right so my wife's scan letter says something about oh stee oh lytic lesions and the consultant also said "
        "oh stee oh blastic at one point and i've no idea", None), query=(
        "the difference is between the two could you explain", None)))
    # THEN both are answered, not the first alone
    topics = content.default.topics
    assert topics["osteolytic"].summary in said and topics["osteoblastic"].summary in said, said


def test_a_misheard_name_asked_of_past_a_cancer_named_as_who_has_it_is_answered(dialog, content, monkeypatch):
    # WHEN a friend's breast cancer is named, then hypercalcaemia, misheard, and what that is (R108)
    read_as(monkeypatch, {"question": 1.0})
    said = spoken(dialog.intent("QuestionIntent", context=(
        "hiya i'm just doing a bit of reading for my mate who's got breast cancer and the nurse mentioned hyper cal "
        "see mia as something that can happen with bone secondaries", None), query=("actually is that", None)))
    # THEN what high calcium is, not whether breast cancer spreads to bone
    assert said.startswith(content.default.topics["hypercalcemia"].summary), said
    # BUT a cancer named with nothing misheard beside it is still what is asked of
    said = spoken(dialog.intent("QuestionIntent", context=("my wife has breast cancer", None),
                                query=("is that", None)))
    assert said.startswith("Yes. Breast cancer"), said


def test_a_type_asked_after_pain_told_is_answered_with_the_pain(dialog, content):
    # WHEN pain told in passing, then what the mixed type means (R82), the question's own words
    # read alone as a follow-up ("does mixed mean")
    said = spoken(dialog.intent("QuestionIntent", context=(
        "my husband's hip has been hurting a lot more this week like he can barely sleep but anyway the doctor "
        "said his bone mets are the mixed type", None), query=("does mixed mean", None)))
    # THEN the mixed type is answered, and the pain's direction closes it
    assert content.default.topics["mixed"].summary in said, said
    assert DOCTOR.search(sentences(said)[-1]), said


def test_a_treatment_had_now_with_the_bones_named_is_no_prediction_asked(dialog, content):
    # WHEN the bone drip had now, and whether it can mess with the jaw (R106: "i {get this} drip
    # ... for my bones" read as a prediction for one person, beyond the source)
    said = spoken(dialog.intent("QuestionIntent", context=(
        "so i get this drip every few weeks for my bones i think it's called biz phos fo nates and my friend said it",
        None), query=("mess with your jaw is that true", None)))
    # THEN the jaw side effect: rare but serious
    assert "rare" in said and "jaw" in said and "doesn't cover" not in said, said
    # while a prediction, its "will" taken by the carrier, is still one
    said = spoken(dialog.intent("TopicIntent", topic=("i get it in my bones too", None)))
    assert "care team" in said, said


def test_a_cancer_asked_about_with_a_story_after_it_is_asked_about(dialog, content, monkeypatch):
    # GIVEN which cancers spread to bone was answered
    dialog.intent("CancerSpreadIntent")
    # WHEN "what about melanoma my brother had a melanoma cut off last year" (R106), read by the
    # model as a symptom told as likely as a question
    read_as(monkeypatch, {"report:symptoms": 0.34, "question": 0.33, "diagnosed": 0.33})
    said = spoken(dialog.intent("QuestionIntent", query=("about melanoma my brother had a melanoma cut off last year",
                                                         None)))
    # THEN melanoma's answer, not the symptoms
    assert said.startswith("Yes. Melanoma"), said
    # BUT an urgent symptom asked about so stays told
    said = spoken(dialog.intent("QuestionIntent", query=("about the pain in my hip it's been getting worse", None)))
    assert DOCTOR.search(sentences(said)[-1]), said


@pytest.mark.parametrize("words", ["my arm broke when i lifted the kettle and there's bone sticking out",
                                   "he's got a compound fracture the bone's out of his leg"])
def test_a_bone_through_the_skin_is_an_emergency(dialog, monkeypatch, words):
    # c96: read as a break told, whose answer is the doctor's
    read_as(monkeypatch, {"report:fractures": 0.9, "question": 0.1})
    said = sentences(spoken(dialog.intent("FreeSpeechIntent", query=(words, None))))
    # THEN the emergency number first and last
    assert "911" in said[0] and "911" in said[-1], said


def test_a_question_about_an_open_break_is_answered(dialog, monkeypatch):
    read_as(monkeypatch, {"question": 0.78, "report:fractures": 0.22})
    said = spoken(dialog.intent("TopicIntent", topic=("compound fracture", None)))
    assert "911" not in said, said


def test_why_new_bone_is_bad_just_after_osteoblastic_hears_its_summary_again(dialog, content):
    # GIVEN what osteoblastic is was just summarised
    dialog.intent("TopicIntent", topic=("osteoblastic", "osteoblastic"))
    # WHEN "but if it's making new bone why is that bad wouldn't more bone be good" (R104)
    said = spoken(dialog.intent("NotSpeechIntent", context=("but if it's making new bone why is that bad", None),
                                query=("more bone be good", None)))
    # THEN the summary again, which says the new bone can weaken or deform, not pain nor the next part
    assert content.default.topics["osteoblastic"].summary in said and "weaken" in said, said


def test_a_bare_why_just_after_the_causes_hears_that_experts_dont_know_why(dialog, content):
    # GIVEN what causes bone metastases was just summarised
    dialog.intent("CausesIntent")
    # WHEN "why" alone (R99), its own intent with no words after it
    said = spoken(dialog.intent("WhyQuestionIntent"))
    # THEN the summary again, which says experts don't know why, not its next part
    assert content.default.topics["causes"].summary in said and "don't know why" in said, said


def test_a_bare_why_after_another_answer_goes_on_as_more_would(dialog, content):
    # GIVEN what osteolytic is was just summarised (its next part names the other types)
    dialog.intent("TopicIntent", topic=("osteolytic", "osteolytic"))
    # WHEN "why" alone
    said = spoken(dialog.intent("WhyQuestionIntent"))
    # THEN its next part, as "more" gives, not the summary again
    assert said.startswith(content.default.topics["osteolytic"].more), said


def test_a_type_just_summarised_checked_in_a_statement_with_not_hears_its_summary(dialog, content, monkeypatch):
    # GIVEN what osteoblastic is was just summarised
    dialog.intent("TopicIntent", topic=("osteoblastic", "osteoblastic"))
    # WHEN "new bone is not a good thing" (R84): the negation's carrier took "not"
    read_as(monkeypatch, {"question": 0.9, "followup": 0.1})
    said = spoken(dialog.intent("NotSpeechIntent", context=("new bone is", None), query=("a good thing", None)))
    # THEN its summary again (new bone can weaken or deform bones), not the other two types
    assert content.default.topics["osteoblastic"].summary in said, said


def test_an_urgent_symptom_told_before_a_question_is_named_first(dialog, content):
    # GIVEN nothing yet
    # WHEN a carer tells the signs of high calcium, then asks about hormone therapy (R88)
    story = ("my husband's got prostate cancer in his pelvis and he's on the hormone injections and um he's "
             "been ever so muddled the last couple of days and badly bunged up and drinking loads of water")
    question = "anyway what i wanted to ask is what do the hormone drugs actually do for the bones"
    said = spoken(dialog.intent("FreeSpeechIntent", context=(story, None), query=(question, None)))
    # THEN what the source says of what they told first, then the answer, then the close last
    topics = content.default.topics
    assert said.startswith(topics["hypercalcemia"].report), said
    assert topics["hormone_therapy"].summary in said
    assert DOCTOR.search(sentences(said)[-1]), said


def test_only_a_doctor_symptom_told_about_something_else_is_said_first(content):
    from bone_mets.handlers import told_first
    topics = content.default.topics
    assert told_first(topics["hypercalcemia"], topics["surgery"]) == (topics["hypercalcemia"].report,)
    assert told_first(topics["pain"], topics["pain"]) == ()  # its own answer says it
    assert told_first(topics["spinal_cord_compression"], topics["surgery"]) == ()  # its direction is its own path
    assert told_first(None, topics["surgery"]) == ()


def test_whether_a_pain_told_is_a_break_hears_of_broken_bones(dialog, content, monkeypatch):
    # GIVEN hip pain told, now there all the time (R38)
    dialog.intent("SymptomReportIntent", symptom=("ache in my hip", "pain"))
    # WHEN "could it be broken even though i didn't fall or anything", read as leaning on it
    read_as(monkeypatch, {"followup": 1.0})
    said = spoken(dialog.intent("TopicIntent", topic=("be broken even though i didn't fall or anything", None)))
    # THEN what the article says of broken bones (everyday activities), then the close
    assert said.startswith(content.default.topics["fractures"].summary), said
    assert DOCTOR.search(sentences(said)[-1]), said


def test_a_farewell_said_briefly_hears_the_crisis_line_and_stays_open(dialog):
    # c84: "this is goodbye alexa" (the carrier took "this") read as a goodbye and ended the
    # session with "Take care. Goodbye."
    response = dialog.intent("QuestionIntent", query=("is goodbye alexa", None))
    said = spoken(response)
    assert "988" in said and "911" in said, said
    assert not ends_session(response)


@pytest.mark.parametrize("told, asked, topic", [
    # R91: a pop felt in the arm reaching for a mug, then "will they have to operate on it"
    ("a pop in my upper arm", "have to operate on it", "surgery"),
    # R94: a crack heard in the upper arm lifting the kettle, then "can the radiation fix the arm too"
    ("heard a crack in my upper arm", "the radiation fix the arm too", "radiation_therapy"),
])
def test_a_question_pointing_back_at_an_urgent_symptom_just_told_keeps_its_close(dialog, content, monkeypatch,
                                                                                  told, asked, topic):
    # GIVEN a possible broken bone told
    dialog.intent("SymptomReportIntent", symptom=(told, "fractures"))
    # WHEN a question points back at it, or at the part it was told of, read as a question
    read_as(monkeypatch, {"question": 1.0})
    said = spoken(dialog.intent("TopicIntent", topic=(asked, None)))
    # THEN the answer asked for, and the call-your-doctor prompt still ends it
    assert said.startswith(content.default.topics[topic].summary), said
    assert DOCTOR.search(sentences(said)[-1]), said
    # BUT a new question that points at nothing told is a calm answer
    said = spoken(dialog.intent("TopicIntent", topic=("osteolytic", "osteolytic")))
    assert not DOCTOR.search(sentences(said)[-1]), said


def test_whether_a_symptom_just_told_is_to_be_expected_heard_as_a_statement_hears_its_summary(dialog, content,
                                                                                              monkeypatch):
    # GIVEN hip pain told, once on and off, now all the time
    dialog.intent("SymptomReportIntent", symptom=("pain in my hip", "pain"))
    # WHEN "is that just how it goes though like is that normal" (R98): a symptom's carrier took
    # "is that normal", and the model reads the rest as a follow-up
    read_as(monkeypatch, {"followup": 1.0})
    said = spoken(dialog.intent("SymptomReportIntent", symptom=("is that just how it goes though like", None)))
    # THEN the pain's summary (at first it may come and go, then constant), the doctor last
    assert said.startswith(content.default.topics["pain"].summary), said
    assert DOCTOR.search(sentences(said)[-1]), said


def test_what_the_doctors_would_do_asked_after_an_urgent_symptom_is_answered_with_its_close(dialog, content,
                                                                                            monkeypatch):
    # GIVEN a crack heard in the upper arm, answered as a possible broken bone
    dialog.intent("SymptomReportIntent", symptom=("a crack in her upper arm", "fractures"))
    # WHEN "would they have to operate on it or what" (R98), read as advice (0.78): the carrier took "would"
    read_as(monkeypatch, {"advice": 0.78, "question": 0.2, "followup": 0.02})
    said = spoken(dialog.intent("QuestionIntent", query=("they have to operate on it or what", None)))
    # THEN what the article says of surgery, not a refusal, and the call-your-doctor prompt last
    assert said.startswith(content.default.topics["surgery"].summary), said
    assert DOCTOR.search(sentences(said)[-1]), said
    # BUT a decision asked of the person stays one the care team makes
    said = spoken(dialog.intent("QuestionIntent", query=("i let them operate on her", None)))
    assert said.startswith(content.default.safety["advice.answer"]), said


@pytest.mark.parametrize("intent, words", [
    ("NoAndIntent", "probably just a sprain she'll be right"),  # R92, a crack felt in the arm
    ("FreeSpeechIntent", "probably nothing"),
    ("FreeSpeechIntent", "slept funny on it that's all"),
    # R94: the urgency doubted, a visit already booked
    ("QuestionIntent", "really that quick we were going to mention it at the appointment next month"),
    ("FreeSpeechIntent", "can it not wait till her next check up"),
    # R95: how long one may wait, the carrier's "before" taken
    ("FreeSpeechIntent", "how much time we have it becomes serious"),
    ("FreeSpeechIntent", "how long before it gets worse"),
])
def test_an_urgent_symptom_played_down_hears_its_direction_again(dialog, content, monkeypatch, intent, words):
    # GIVEN a crack felt in the arm, answered as a possible broken bone
    dialog.intent("SymptomReportIntent", symptom=("a crack in my upper arm", "fractures"))
    # WHEN it is played down, in words the model reads perhaps as a crisis (R92: "she'll be right")
    from bone_mets.meaning_model import MeaningModel
    thresholds = MeaningModel().thresholds
    crisis = (thresholds["line"] + thresholds["crisis"]) / 2
    read_as(monkeypatch, {"crisis": crisis, "followup": 1 - crisis})
    said = spoken(dialog.intent(intent, query=(words, None)))
    # THEN the article's direction (contact the doctor right away), its close last, no crisis line
    assert said.startswith(content.default.safety["advice.urgent"]), said
    assert DOCTOR.search(sentences(said)[-1]) and "988" not in said, said


def test_a_question_about_an_urgent_symptom_told_then_played_down_hears_its_direction(dialog, content, monkeypatch):
    # GIVEN a crack felt in the ribs told before a question about breaks, answered with the
    # article's broken bones and the doctor (R134)
    said = spoken(dialog.intent("QuestionIntent", context=("i felt like a crack in my ribs rolling over in bed", None),
                                query=("bones really break from just rolling over", None)))
    assert DOCTOR.search(sentences(said)[-1]), said
    # WHEN "honestly it's not that bad i can still get around the house eh", read perhaps as a crisis
    from bone_mets.meaning_model import MeaningModel
    thresholds = MeaningModel().thresholds
    crisis = (thresholds["line"] + thresholds["crisis"]) / 2
    read_as(monkeypatch, {"crisis": crisis, "feelings": 1 - crisis})
    words = "honestly it's not that bad i can still get around the house eh"
    said = spoken(dialog.intent("FreeSpeechIntent", query=(words, None)))
    # THEN the article's direction again, the doctor last, no crisis line
    assert said.startswith(content.default.safety["advice.urgent"]), said
    assert DOCTOR.search(sentences(said)[-1]) and "988" not in said, said


@pytest.mark.parametrize("intent, slots", [
    # R136: read as a crisis by the model alone
    ("FreeSpeechIntent", {"query": "she really doesn't want to go anywhere tonight she says it can wait till morning"}),
    ("FreeSpeechIntent", {"query": "his oncologist isn't in till monday so he'll just tough it out"}),
    # R136: "doesn't" reached the skill as the carrier's "not", which says the opposite without it
    ("NotSpeechIntent", {"context": "yeah he says he", "query": "want to bother them until his appointment on monday"}),
])
def test_care_put_off_after_an_urgent_symptom_hears_its_direction_even_read_as_a_crisis(dialog, content, monkeypatch,
                                                                                       intent, slots):
    # GIVEN a crack felt in the arm, answered as a possible broken bone
    dialog.intent("SymptomReportIntent", symptom=("a crack in my upper arm", "fractures"))
    # WHEN care is put off, in words the model reads as a crisis
    from bone_mets.meaning_model import MeaningModel
    crisis = (MeaningModel().thresholds["crisis"] + 1) / 2
    read_as(monkeypatch, {"crisis": crisis, "feelings": 1 - crisis})
    said = spoken(dialog.intent(intent, **{name: (words, None) for name, words in slots.items()}))
    # THEN the article's direction (contact the doctor right away), its close last, no crisis line
    assert said.startswith(content.default.safety["advice.urgent"]), said
    assert DOCTOR.search(sentences(said)[-1]) and "988" not in said, said


def test_care_put_off_with_a_crisis_said_in_so_many_words_stays_a_crisis(dialog, content, monkeypatch):
    # GIVEN a crack felt in the arm, answered as a possible broken bone
    dialog.intent("SymptomReportIntent", symptom=("a crack in my upper arm", "fractures"))
    # WHEN care is put off beside a crisis said in so many words
    from bone_mets.meaning_model import MeaningModel
    crisis = (MeaningModel().thresholds["crisis"] + 1) / 2
    read_as(monkeypatch, {"crisis": crisis, "feelings": 1 - crisis})
    words = "it can wait till monday i want to kill myself anyway"
    said = spoken(dialog.intent("FreeSpeechIntent", query=(words, None)))
    # THEN the crisis direction with its line, not the symptom's
    assert "988" in said and not said.startswith(content.default.safety["advice.urgent"]), said


def test_an_urgent_symptom_played_down_in_words_read_as_an_emergency_in_doubt_hears_its_direction(
        dialog, content, monkeypatch):
    # GIVEN a crack felt in the arm, answered as a possible broken bone
    dialog.intent("SymptomReportIntent", symptom=("a crack in my upper arm", "fractures"))
    # WHEN "it's probably nothing right he's just stubborn" (R100), read as an emergency in doubt
    from bone_mets.meaning_model import MeaningModel
    emergency = MeaningModel().thresholds["emergency"] * 1.5
    read_as(monkeypatch, {"emergency": emergency, "followup": 1 - emergency})
    said = spoken(dialog.intent("FreeSpeechIntent", query=("probably nothing right he's just stubborn", None)))
    # THEN the article's direction (contact the doctor right away), its close last, no crisis line
    assert said.startswith(content.default.safety["advice.urgent"]), said
    assert DOCTOR.search(sentences(said)[-1]) and "988" not in said, said
    # BUT a crisis said in so many words while playing it down gets the line
    dialog.intent("SymptomReportIntent", symptom=("a crack in my upper arm", "fractures"))
    said = spoken(dialog.intent("FreeSpeechIntent", query=("probably nothing i want to kill myself anyway", None)))
    assert "988" in said, said
    # AND the article's own emergency (numb legs) played down in doubt keeps the number
    dialog.intent("SymptomReportIntent", symptom=("my legs are numb and wobbly", "spinal_cord_compression"))
    said = sentences(spoken(dialog.intent("FreeSpeechIntent", query=("probably nothing right he's just stubborn",
                                                                      None))))
    assert "911" in said[0] and "911" in said[-1], said


def test_words_that_play_down_with_no_urgent_symptom_told_are_not_its_direction(dialog, content, monkeypatch):
    # GIVEN a calm answer (osteolytic), no symptom told
    dialog.intent("TopicIntent", topic=("osteolytic", "osteolytic"))
    # WHEN "it's probably nothing"
    read_as(monkeypatch, {"followup": 1.0})
    said = spoken(dialog.intent("FreeSpeechIntent", query=("probably nothing", None)))
    # THEN no direction about symptoms, and no call-your-doctor close
    assert content.default.safety["advice.urgent"] not in said and not DOCTOR.search(sentences(said)[-1]), said


def test_a_new_question_after_an_urgent_symptom_is_not_taken_for_playing_it_down(dialog, content, monkeypatch):
    # GIVEN a crack felt in the arm WHEN a question names a topic, with words that could play down
    dialog.intent("SymptomReportIntent", symptom=("a crack in my upper arm", "fractures"))
    read_as(monkeypatch, {"question": 1.0})
    said = spoken(dialog.intent("TopicIntent", topic=("ablation probably just a quick one", None)))
    # THEN the answer asked for
    assert said.startswith(content.default.topics["ablation"].summary), said


def test_the_articles_own_emergency_played_down_keeps_the_doctor_with_the_number(dialog, content, monkeypatch):
    # GIVEN back pain with numb, wobbly legs: the article's own emergency, its direction naming
    # the doctor too
    dialog.intent("SymptomReportIntent", symptom=("my legs are numb and wobbly", "spinal_cord_compression"))
    # WHEN "it's probably just from sleeping funny right", which the model read as an emergency (R92)
    read_as(monkeypatch, {"emergency": 0.99, "followup": 0.01})
    said = sentences(spoken(dialog.intent("FreeSpeechIntent", query=("probably just from sleeping funny right",
                                                                      None))))
    # THEN the number first and last, what spinal cord compression is between, the doctor last too
    assert "911" in said[0] and "911" in said[-1] and "doctor" in said[-1], said
    assert any("spinal cord" in sentence for sentence in said), said


@pytest.mark.parametrize("intent, words", [("QuestionIntent", "bad"), ("QuestionIntent", "that serious then"),
                                           ("FreeSpeechIntent", "oh is that bad")])
def test_how_serious_asked_of_a_calm_answer_is_the_care_teams_to_say(dialog, content, monkeypatch, intent, words):
    # GIVEN the mixed type answered (R94: "my mom's bone spots are mixed type, what's that mean")
    dialog.intent("TopicIntent", topic=("mixed", "mixed"))
    # WHEN "is that bad" (the carrier may take "is that"), read as leaning on the answer
    read_as(monkeypatch, {"followup": 1.0})
    said = spoken(dialog.intent(intent, query=(words, None)))
    # THEN how serious it is for one person is the care team's to say, and the article's facts
    # after (the next part, as "more" would give)
    mixed = content.default.topics["mixed"]
    assert said.startswith(content.default.prompts["how_serious"]), said
    assert mixed.more and mixed.more in said, said


def test_how_serious_asked_of_an_urgent_symptom_keeps_its_close(dialog, content, monkeypatch):
    # GIVEN a crack felt in the arm WHEN "is that bad"
    dialog.intent("SymptomReportIntent", symptom=("a crack in my upper arm", "fractures"))
    read_as(monkeypatch, {"followup": 1.0})
    said = spoken(dialog.intent("QuestionIntent", query=("bad", None)))
    # THEN no calm referral: the symptom's own way, its call-your-doctor close last
    assert content.default.prompts["how_serious"] not in said and DOCTOR.search(sentences(said)[-1]), said


def test_an_urgent_symptom_named_in_a_question_beyond_the_source_is_the_one_just_told(dialog, content, monkeypatch):
    # GIVEN a question the source does not answer, told beside back pain much worse and numb legs
    # (R94: "... his legs keep going numb and tingly ... the rods what are they for"), answered as
    # beyond the source with spinal cord compression offered, and its close
    from bone_mets.understanding import Meaning, Reader
    with monkeypatch.context() as patched:
        patched.setattr(Reader, "read", lambda self, *a, **k: Meaning("beyond", topic="spinal_cord_compression"))
        said = spoken(dialog.intent("FreeSpeechIntent",
                                    query=("his legs keep going numb the rods what are they for", None)))
    assert content.default.prompts["beyond_source"] in said, said
    # WHEN the urgency is doubted, a visit already booked
    read_as(monkeypatch, {"followup": 1.0})
    said = spoken(dialog.intent("QuestionIntent", query=(
        "really that quick we were going to mention it at the appointment next month", None)))
    # THEN the article's direction for it again, its close last
    assert said.startswith(content.default.safety["advice.urgent"]), said
    assert DOCTOR.search(sentences(said)[-1]), said
