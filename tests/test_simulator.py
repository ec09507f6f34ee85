"""The offline simulator: utterance matching, envelopes, and whole conversations."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

import simulator
import voice_model
from utterance_matcher import UtteranceMatcher

ROOT = Path(__file__).resolve().parent.parent
SKILL_ID = simulator.SKILL_ID


@pytest.fixture(scope="module")
def matcher():
    return UtteranceMatcher(voice_model.load_model(voice_model.model_path("en-US")))


@pytest.mark.parametrize("utterance, intent, slot, value_id", [
    ("what is osteoblastic", "TopicIntent", "topic", "osteoblastic"),
    ("What's OSTEOBLASTIC?", "TopicIntent", "topic", "osteoblastic"),
    ("tell me about bone mets", "TopicIntent", "topic", "bone_metastases"),
    ("what does lytic mean", "TopicIntent", "topic", "osteolytic"),
    ("I have bone pain", "SymptomReportIntent", "symptom", "pain"),
    ("I think I broke my arm", "SymptomReportIntent", "symptom", "fractures"),
    ("I can't feel my legs", "SymptomReportIntent", "symptom", "spinal_cord_compression"),
    ("I'm confused and constipated", "SymptomReportIntent", "symptom", "hypercalcemia"),
    ("can melanoma spread to the bones", "CancerSpreadIntent", "cancer", "melanoma"),
    ("what are the side effects of bisphosphonates", "SideEffectsIntent", "topic", "bisphosphonates"),
    ("is high calcium a symptom", "TopicIntent", "topic", "hypercalcemia"),
])
def test_matches_exact_phrasings_with_resolved_slots(matcher, utterance, intent, slot, value_id):
    # WHEN an utterance is matched
    match = matcher.match(utterance)
    request = match.intent_request(SKILL_ID)
    # THEN the intent and the entity-resolution block are those Alexa would send
    assert match.intent == intent
    authority = request["slots"][slot]["resolutions"]["resolutionsPerAuthority"][0]
    assert authority["status"]["code"] == "ER_SUCCESS_MATCH"
    assert authority["values"][0]["value"]["id"] == value_id


def test_unknown_slot_value_with_a_carrier_phrase_is_no_match(matcher):
    match = matcher.match("what is leukemia")
    slot = match.intent_request(SKILL_ID)["slots"]["topic"]
    assert match.intent == "TopicIntent" and slot["value"] == "leukemia"
    assert slot["resolutions"]["resolutionsPerAuthority"][0]["status"]["code"] == "ER_SUCCESS_NO_MATCH"


def _model_with_type(values: list[str]) -> dict:
    return {"interactionModel": {"languageModel": {
        "invocationName": "test", "types": [{"name": "WORDS", "values": [{"name": {"value": v}} for v in values]}],
        "intents": [{"name": "AskIntent", "slots": [{"name": "words", "type": "WORDS"}],
                     "samples": ["tell me {words}"]}]}}}


@pytest.mark.parametrize("values, takes, refuses", [
    (["one"], 8, 9),  # at least eight words, whatever the type lists
    (["a value of twelve words " + "x " * 6 + "end"], 14, 15),  # the longest value plus two
])
def test_an_unlisted_value_takes_as_many_words_as_its_type_teaches(values, takes, refuses):
    # GIVEN a slot type whose longest listed value has some number of words
    matcher = UtteranceMatcher(_model_with_type(values))
    # THEN unlisted words fill it up to that length plus two (at least eight), as on Alexa
    assert matcher.match("tell me " + " ".join(["word"] * takes)).intent == "AskIntent"
    assert matcher.match("tell me " + " ".join(["word"] * refuses)).intent == "AMAZON.FallbackIntent"


@pytest.mark.parametrize("utterance", ["purple monkey dishwasher", "leukemia", ""])
def test_anything_else_is_fallback(matcher, utterance):
    assert matcher.match(utterance).intent == "AMAZON.FallbackIntent"


@pytest.mark.parametrize("utterance, intent", [
    ("help", "AMAZON.HelpIntent"), ("stop", "AMAZON.StopIntent"), ("cancel", "AMAZON.CancelIntent"),
    ("never mind", "AMAZON.CancelIntent"), ("repeat", "AMAZON.RepeatIntent"),
    ("say that again", "AMAZON.RepeatIntent"), ("yes", "AMAZON.YesIntent"), ("no", "AMAZON.NoIntent"),
    ("start over", "AMAZON.StartOverIntent"), ("go home", "AMAZON.NavigateHomeIntent"),
    ("tell me more", "MoreDetailIntent"),
])
def test_built_in_everyday_phrases(matcher, utterance, intent):
    assert matcher.match(utterance).intent == intent


def test_declared_but_unfilled_slots_are_present_without_value(matcher):
    request = matcher.match("what are the side effects").intent_request(SKILL_ID)
    assert request["slots"] == {"topic": {"name": "topic", "confirmationStatus": "NONE"}}


def run_chat(argv, text=""):
    out = io.StringIO()
    code = simulator.main(argv, stdin=io.StringIO(text), stdout=out)
    return code, out.getvalue()


def test_scripted_conversation_end_to_end():
    # GIVEN a scripted conversation on standard input
    script = "what are bisphosphonates\nwhat are the side effects\nrepeat that\nI have bone pain\nstop\nhelp\n"
    # WHEN it runs
    code, out = run_chat([], script)
    lines = [line for line in out.splitlines() if line.startswith("Alexa: ")]
    # THEN the launch, each answer in order, and the goodbye are printed; after stop, nothing more
    assert code == 0
    assert "not medical advice" in lines[0]
    assert "Bisphosphonates are the medicines" in lines[1]
    assert "osteonecrosis of the jaw" in lines[2]
    assert lines[3] == lines[2]  # repeat
    assert "call your doctor right away" in lines[4]
    assert lines[5] == "Alexa: Take care. Goodbye."
    assert len(lines) == 6
    assert "(heard: SideEffectsIntent)" in out
    assert "(reprompt: " in out and "Card:  " in out


def test_one_utterance_as_arguments():
    code, out = run_chat(["what", "is", "osteoblastic"])
    assert code == 0 and "lay down new bone" in out


def test_locale_option_uses_that_locales_model_and_answers():
    code, out = run_chat(["--locale", "en-AU"], "what is spinal cord compression\n")
    assert "triple zero" in out and "000" in out


def test_speak_without_espeak_says_so(monkeypatch):
    monkeypatch.setattr(simulator.shutil, "which", lambda name: None)
    code, out = run_chat(["--speak", "help"])
    assert "espeak-ng is not installed" in out and code == 0


def test_speak_with_espeak_runs_it(monkeypatch):
    spoken = []
    monkeypatch.setattr(simulator.shutil, "which", lambda name: "/usr/bin/espeak-ng")
    monkeypatch.setattr(simulator.subprocess, "run", lambda args, **kw: spoken.append(args))
    run_chat(["--speak", "help"])
    assert spoken and spoken[0][0] == "/usr/bin/espeak-ng" and "For example" in spoken[-1][1]


@pytest.mark.parametrize("content, message", [
    (None, "no interaction model here"),
    ('{"interactionModel": {"languageModel": {"intents": "x"}}}', "intents is missing or empty"),
    ("{oops", "not valid JSON"),
])
def test_bad_model_file_is_named(tmp_path, capsys, content, message):
    path = tmp_path / "model.json"
    if content is not None:
        path.write_text(content)
    code, _ = run_chat(["--model", str(path), "help"])
    err = capsys.readouterr().err
    assert code == 2 and str(path) in err and message in err


def test_command_line_pipe_prints_the_answer():
    # The README's form: echo "what is osteoblastic" | make chat (here without make)
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "simulator.py")],
                            input="what is osteoblastic\n", capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "Osteoblastic bone metastases lay down new bone." in result.stdout
    assert "Traceback" not in result.stderr


def test_a_reader_that_leaves_early_ends_the_chat_quietly():
    # GIVEN the simulator piped into a reader that stops after one line (`| grep -q`, `| head -1`)
    chat = subprocess.Popen([sys.executable, str(ROOT / "tools" / "simulator.py")], cwd=ROOT, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    chat.stdin.write("what is osteoblastic\n")
    chat.stdin.flush()
    assert chat.stdout.readline()
    chat.stdout.close()
    # WHEN it goes on answering
    chat.stdin.write("what are the symptoms\nwhat is osteolytic\n")
    chat.stdin.close()
    # THEN it stops without a traceback, and without failing the pipeline
    assert chat.wait(timeout=60) == 0
    assert "Traceback" not in chat.stderr.read()
    chat.stderr.close()


def test_a_screen_device_shows_that_a_document_was_sent():
    # GIVEN make chat with --screen (an APL-capable device)
    code, out = run_chat(["--screen", "what", "is", "ablation"])
    # THEN the printout says a document was sent, with its title
    assert code == 0 and "(screen: APL RenderDocument, title 'Ablation')" in out
    code, out = run_chat(["what", "is", "ablation"])
    assert "screen:" not in out


NAME = "bone metastases guide"


@pytest.mark.parametrize("phrase, request_text", [
    (f"ask {NAME} what is osteoblastic", "what is osteoblastic"),
    (f"Alexa, ask {NAME} about bisphosphonates", "bisphosphonates"),
    (f"ask {NAME} for help", "help"),
    (f"ask the {NAME} to tell me about ablation", "tell me about ablation"),
    (f"ask {NAME} if melanoma can spread to the bones", "melanoma can spread to the bones"),
    (f"ask {NAME} whether melanoma can spread to the bones", "melanoma can spread to the bones"),
    (f"tell {NAME} that i have bone pain", "i have bone pain"),
    (f"tell {NAME} i have bone pain", "i have bone pain"),
    (f"use {NAME} to tell me about ablation", "tell me about ablation"),
    (f"open {NAME} and tell me about ablation", "tell me about ablation"),
    (f"search {NAME} for ablation", "ablation"),
    (f"what is ablation from {NAME}", "what is ablation"),
    (f"what is ablation using {NAME}", "what is ablation"),
])
def test_one_shot_phrases_give_the_request(matcher, phrase, request_text):
    # Amazon's documented one-shot forms: the connecting word is Alexa's, not the sample's
    invocation = matcher.invocation(phrase)
    assert invocation is not None and not invocation.launch
    assert invocation.requests[0] == request_text


@pytest.mark.parametrize("phrase", [
    "what is osteoblastic", f"use {NAME} what is ablation", "open the pod bay doors", f"open {NAME} guide",
    "ask bone metastases what is ablation",
])
def test_phrases_that_name_no_skill_are_not_invocations(matcher, phrase):
    assert matcher.invocation(phrase) is None


def test_the_invocation_name_comes_from_the_model():
    # GIVEN a model whose invocation name is another
    model = _model_with_type(["one"])
    model["interactionModel"]["languageModel"]["invocationName"] = "test skill"
    matcher = UtteranceMatcher(model)
    # THEN its name invokes it and this skill's name does not
    assert matcher.invocation("open test skill").launch
    assert matcher.invocation("ask test skill to tell me one").requests[0] == "tell me one"
    assert matcher.invocation(f"open {NAME}") is None
