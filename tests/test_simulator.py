"""The offline simulator: utterance matching, envelopes, and whole conversations."""

from __future__ import annotations

import io
import json
import os
import pty
import re
import select
import subprocess
import sys
import time
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
    assert "(heard: SideEffectsIntent)" in out and "(reprompt: " in out
    # "help" after the session ended reaches Alexa, not the skill: said so, nothing sent
    assert out.rstrip().endswith('to talk to the skill)')


def test_one_utterance_as_arguments():
    code, out = run_chat(["what", "is", "osteoblastic"])
    assert code == 0 and "lay down new bone" in out


def test_locale_option_uses_that_locales_model_and_answers():
    code, out = run_chat(["--locale", "en-AU", "--json"], "what is spinal cord compression\n")
    assert "Alexa: " in out and "triple zero" in out and '"locale": "en-AU"' in out
    assert '<sub alias=\\"triple zero\\">000</sub>' in out  # written 000, said "triple zero"


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


# --- ask dialog's language: invocation phrases, one-shots, replay files, .record, .quit ---

NAME = "bone metastases guide"
WELCOME = "Welcome to Bone Metastases Guide."


class Recorder:
    """The skill's handler, keeping every envelope it is sent."""

    def __init__(self):
        from lambda_function import lambda_handler
        self.handler = lambda_handler
        self.sent = []

    def __call__(self, envelope, context):
        self.sent.append(envelope)
        return self.handler(envelope, context)

    def types(self):
        return [e["request"]["type"] for e in self.sent]


def chat_with(matcher, lines, skill_id=SKILL_ID):
    """A Chat over `lines` (piped: echoed); returns what it printed and what the skill was sent."""
    out, recorder = io.StringIO(), Recorder()
    chat = simulator.Chat(recorder, matcher, "en-US", simulator.Printer(out, speak=False), skill_id)
    try:
        chat.run(lines, echo=True)
    except simulator.Quit:
        pass
    chat.close()
    return out.getvalue(), recorder, chat


@pytest.mark.parametrize("phrase", [
    f"open {NAME}", f"Alexa, open {NAME}.", f"alexa open the {NAME}", "Open The Bone Metastases Guide",
    f"launch {NAME}", f"start {NAME}", f"begin {NAME}", f"load {NAME}", f"run {NAME}", f"use {NAME}",
    f"talk to {NAME}", f"ask {NAME}", f"tell {NAME}", f"resume {NAME}", f"can you open {NAME}",
    f"i want to talk to {NAME}", NAME,
])
def test_invocation_phrases_launch_the_skill(matcher, phrase):
    # WHEN a phrase Amazon documents for opening a skill, with its invocation name, is said
    out, sent, _ = chat_with(matcher, [phrase])
    # THEN the skill gets a LaunchRequest in a new session and answers with the welcome
    assert sent.types() == ["LaunchRequest", "SessionEndedRequest"]
    assert sent.sent[0]["session"]["new"] is True
    assert f"Alexa: {WELCOME}" in out and "heard:" not in out


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


def test_a_model_without_an_invocation_name_is_named(tmp_path, capsys):
    model = _model_with_type(["one"])
    del model["interactionModel"]["languageModel"]["invocationName"]
    path = tmp_path / "model.json"
    path.write_text(json.dumps(model))
    code, _ = run_chat(["--model", str(path), "help"])
    assert code == 2 and f"{path}: interactionModel.languageModel.invocationName is missing" in capsys.readouterr().err


def test_a_one_shot_is_a_new_session_whose_first_request_is_the_question(matcher):
    # WHEN the skill is asked a question as it is invoked
    out, sent, _ = chat_with(matcher, [f"ask {NAME} what is osteoblastic", "what are the symptoms"])
    # THEN its first request is that question's IntentRequest in a new session: no launch, no welcome
    first = sent.sent[0]
    assert first["request"]["type"] == "IntentRequest" and first["session"]["new"] is True
    assert first["request"]["intent"]["slots"]["topic"]["value"] == "osteoblastic"
    assert "LaunchRequest" not in sent.types() and WELCOME not in out
    assert "Alexa: Osteoblastic bone metastases lay down new bone." in out
    # AND the session goes on: the next turn is in the same session, no longer new
    assert sent.sent[1]["session"]["sessionId"] == first["session"]["sessionId"]
    assert sent.sent[1]["session"]["new"] is False


def test_an_invocation_in_a_session_starts_a_new_one(matcher):
    out, sent, _ = chat_with(matcher, [f"open {NAME}", "what is ablation", f"open {NAME}"])
    # THEN the first session is ended as Alexa ends it, and a new one begins with the launch
    assert sent.types() == ["LaunchRequest", "IntentRequest", "SessionEndedRequest", "LaunchRequest",
                            "SessionEndedRequest"]
    assert sent.sent[2]["request"]["reason"] == "USER_INITIATED"
    assert sent.sent[3]["session"]["new"] is True
    assert sent.sent[3]["session"]["sessionId"] != sent.sent[0]["session"]["sessionId"]
    assert out.count(f"Alexa: {WELCOME}") == 2


def test_first_words_that_invoke_nothing_open_the_skill_first(matcher):
    out, sent, chat = chat_with(matcher, ["what is ablation"])
    assert sent.types()[:2] == ["LaunchRequest", "IntentRequest"]
    assert f'(opening the skill first, as "open {NAME}" would)' in out
    # AND a recording of it says so, so that it also opens the deployed skill under ask dialog
    assert chat.said == [f"open {NAME}", "what is ablation"]


def test_after_the_session_ends_only_an_invocation_reaches_the_skill(matcher):
    out, sent, _ = chat_with(matcher, [f"open {NAME}", "stop", "what is ablation", f"ask {NAME} what is ablation"])
    assert sent.types() == ["LaunchRequest", "IntentRequest", "IntentRequest", "SessionEndedRequest"]
    assert sent.sent[2]["session"]["new"] is True
    assert "no session is open, so Alexa herself would answer that" in out


def test_exit_ends_the_session_as_alexa_does(matcher):
    out, sent, _ = chat_with(matcher, [f"open {NAME}", "exit"])
    assert sent.types() == ["LaunchRequest", "SessionEndedRequest"]
    assert out.rstrip().endswith("(the session has ended)")


# ask-cli 2.30.7's `.record` output for this session, byte for byte (DialogController.createReplayFile,
# fs-extra's outputJSONSync: compact JSON and one newline).
ASK_CLI_RECORDING = ('{"skillId":"amzn1.ask.skill.00000000-0000-4000-8000-000000000000","locale":"en-US",'
                     '"type":"text","userInput":["ask bone metastases guide about bisphosphonates",".quit"]}\n')


def test_record_writes_the_session_as_ask_cli_does(tmp_path, matcher):
    # GIVEN a session, then .record with --append-quit
    target = tmp_path / "sub" / "session.json"
    out, _, _ = chat_with(matcher, [f"open {NAME}", "stop", f"ask {NAME} about bisphosphonates",
                                    f".record {target} --append-quit"])
    # THEN the file holds the current session's utterances, exactly as ask-cli writes them
    assert target.read_text(encoding="utf-8") == ASK_CLI_RECORDING.replace(
        "amzn1.ask.skill.00000000-0000-4000-8000-000000000000", SKILL_ID)
    assert f"recorded 2 lines to {target}" in out
    assert ".record" not in out.replace(f"recorded 2 lines to {target}", "")  # a command is not echoed as said


def test_record_after_the_session_ended_writes_that_session(tmp_path, matcher):
    # GIVEN a session that ended, then words that reach no skill
    target = tmp_path / "ended.json"
    chat_with(matcher, [f"open {NAME}", "stop", "what is ablation", f".record {target}"])
    # THEN the recording is the session that ended, which replays the same against the real skill
    assert simulator.Replay.read(target).user_input == (f"open {NAME}", "stop")

def test_a_recording_replays_to_the_same_conversation(tmp_path, matcher):
    # GIVEN a conversation recorded with .record
    target = tmp_path / "session.json"
    lines = [f"open {NAME}", "what is ablation", "what are the risks"]
    said, _, _ = chat_with(matcher, lines + [f".record {target}"])
    # WHEN the recording is replayed
    code, replayed = run_chat(["--replay", str(target)])
    # THEN the conversation is the same, and the file is what ask dialog --replay reads
    assert code == 0
    assert replayed == said.split("  (recorded")[0]
    assert simulator.Replay.read(target).user_input == tuple(lines)


@pytest.mark.parametrize("command, note", [
    (".record", 'use ".record FILE" or ".record FILE --append-quit"'),
    (".record a.json --append", 'use ".record FILE" or ".record FILE --append-quit"'),
    (".record a.json b.json c.json", 'use ".record FILE" or ".record FILE --append-quit"'),
    (".hello", ".hello is not a command here"),
])
def test_bad_commands_are_answered_and_write_nothing(tmp_path, monkeypatch, matcher, command, note):
    monkeypatch.chdir(tmp_path)
    out, _, _ = chat_with(matcher, [f"open {NAME}", command])
    assert note in out and not list(tmp_path.iterdir())


def test_record_before_anything_is_said_writes_nothing(tmp_path, matcher):
    out, _, _ = chat_with(matcher, [f".record {tmp_path / 'x.json'}"])
    assert "nothing has been said yet" in out and not (tmp_path / "x.json").exists()


def test_record_to_a_place_that_cannot_be_written_says_so(tmp_path, matcher):
    blocker = tmp_path / "file"
    blocker.write_text("")
    out, _, _ = chat_with(matcher, [f"open {NAME}", f".record {blocker / 'x.json'}"])
    assert f"cannot write {blocker / 'x.json'}" in out


def test_quit_leaves_and_ends_the_session(matcher):
    out, sent, _ = chat_with(matcher, [f"open {NAME}", ".quit", "what is ablation"])
    assert sent.types() == ["LaunchRequest", "SessionEndedRequest"]
    assert "ablation" not in out


def write_replay(tmp_path, content, name="replay.json"):
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return path


def test_a_replay_file_sets_locale_and_skill_id(tmp_path):
    # GIVEN a replay file for the en-AU skill with its own skill id
    skill_id = "amzn1.ask.skill.11111111-2222-4333-8444-555555555555"
    path = write_replay(tmp_path, {"skillId": skill_id, "locale": "en-AU", "type": "text",
                                   "userInput": [f"open {NAME}", "  what is spinal cord compression  "]})
    # WHEN it is replayed, with --json
    code, out = run_chat(["--replay", str(path), "--json"])
    # THEN the envelopes carry its locale and skill id, and the en-AU answer is given
    assert code == 0 and "triple zero" in out
    assert f'"applicationId": "{skill_id}"' in out and '"locale": "en-AU"' in out
    assert "You:   what is spinal cord compression\n" in out  # trimmed, as ask-cli trims


@pytest.mark.parametrize("content, message", [
    ("{oops", "not valid JSON"),
    ([], "a JSON object with skillId, locale, type and userInput"),
    ({"locale": "en-US", "userInput": ["hi"]}, "skillId is missing or empty"),
    ({"skillId": "x", "locale": " ", "userInput": ["hi"]}, "locale is missing or empty"),
    ({"skillId": "x", "locale": "en-US", "type": "voice", "userInput": ["hi"]}, "type is 'voice'"),
    ({"skillId": "x", "locale": "en-US", "userInput": []}, "userInput must be a list"),
    ({"skillId": "x", "locale": "en-US", "userInput": "hi"}, "userInput must be a list"),
    ({"skillId": "x", "locale": "en-US", "userInput": ["hi", "  "]}, "userInput[1] must be non-empty text"),
    ({"skillId": "x", "locale": "xx-XX", "userInput": ["hi"]}, "no interaction model here"),
])
def test_a_bad_replay_file_is_named_with_its_field(tmp_path, capsys, content, message):
    path = write_replay(tmp_path, content)
    code, out = run_chat(["--replay", str(path)])
    err = capsys.readouterr().err
    assert code == 2 and message in err and out == ""
    assert str(path) in err or "xx-XX" in err


def test_a_missing_replay_file_is_named(tmp_path, capsys):
    code, _ = run_chat(["--replay", str(tmp_path / "none.json")])
    assert code == 2 and f"{tmp_path / 'none.json'}: no replay file here" in capsys.readouterr().err


def test_after_a_replay_without_quit_the_chat_goes_on(tmp_path):
    path = write_replay(tmp_path, {"skillId": SKILL_ID, "locale": "en-US", "userInput": [f"open {NAME}"]})
    code, out = run_chat(["--replay", str(path)], "what is ablation\n")
    assert code == 0 and "You:   what is ablation" in out and "(heard: TopicIntent topic='ablation'" in out


def json_blocks(out):
    """The envelopes --json printed: (label, object) in order."""
    decoder, blocks, position = json.JSONDecoder(), [], 0
    while (start := out.find("-- ", position)) != -1:
        label, _, _ = out[start:].partition("\n")
        body, end = decoder.raw_decode(out, start + len(label) + 1)
        blocks.append((label, body))
        position = end
    return blocks


def test_json_prints_each_request_and_response_envelope():
    code, out = run_chat(["--json", "what", "is", "ablation"])
    blocks = json_blocks(out)
    labels = [label for label, _ in blocks]
    # THEN each request sent (launch, the question, the session's end) and its response are shown
    assert labels == ["-- request envelope (LaunchRequest)", "-- response envelope",
                      "-- request envelope (IntentRequest)", "-- response envelope",
                      "-- request envelope (SessionEndedRequest)", "-- response envelope"]
    question, answer = blocks[2][1], blocks[3][1]
    assert question["request"]["intent"]["name"] == "TopicIntent" and question["version"] == "1.0"
    assert "Ablation" in answer["response"]["outputSpeech"]["ssml"]
    # AND the conversation is still printed
    assert "Alexa: " in out and "You:   what is ablation" in out


def test_without_json_no_envelope_is_printed():
    code, out = run_chat(["what", "is", "ablation"])
    assert "-- request envelope" not in out and '"version"' not in out


def test_piped_lines_are_echoed_as_you_said_them():
    code, out = run_chat([], "what is ablation\n\nwhat are the risks\n")
    you = [line for line in out.splitlines() if line.startswith("You:")]
    assert you == ["You:   what is ablation", "You:   what are the risks"]
    assert out.index("You:   what is ablation") < out.index("heard: TopicIntent topic='ablation'")


@pytest.mark.parametrize("card, shown", [
    ("Welcome to Bone Metastases Guide. Call 911.", False),  # the speech's written form, a part of it
    ("welcome to bone metastases guide", False),             # case and punctuation aside
    ("Welcome to Bone Metastases Guide. Call nine one one.", True),  # not what the speech writes
    ("Something the speech never says.", True),
    ("", True),  # an empty card is not the speech either
])
def test_the_card_is_shown_only_where_it_differs_from_the_speech(card, shown):
    out = io.StringIO()
    response = {"response": {
        "outputSpeech": {"type": "SSML", "ssml": '<speak>Welcome to Bone Metastases Guide. Call '
                                                 '<sub alias="nine one one">911</sub>. What next?</speak>'},
        "card": {"type": "Simple", "title": "Title", "content": card}, "shouldEndSession": False}}
    simulator.Printer(out, speak=False).response(response)
    assert ("Card:  Title: " in out.getvalue()) is shown
    assert "Alexa: Welcome to Bone Metastases Guide. Call nine one one. What next?" in out.getvalue()


def test_the_skills_cards_repeat_its_answers_so_none_is_shown():
    code, out = run_chat([], "what is osteoblastic\nI can't feel my legs\n")
    assert "Card:" not in out and out.count("Alexa: ") == 3


def readme_transcript():
    """The README's sample transcript and the replay file it names."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r'<!-- make chat ARGS="--replay (\S+)" -->\n```\n(.*?)```', readme, re.DOTALL)
    assert found, "README.md: the transcript block after <!-- make chat ARGS=\"--replay FILE\" --> is missing"
    return found[1], found[2]


def test_the_readme_transcript_is_what_make_chat_prints():
    # GIVEN the replay file the README names
    replay, shown = readme_transcript()
    # WHEN the simulator plays it, as `make chat ARGS="--replay ..."` does, in a clean environment
    env = {k: v for k, v in os.environ.items() if k not in ("SKILL_ID", "VISITS_TABLE", "LOG_LEVEL", "NO_COLOR")}
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "simulator.py"), "--replay", replay],
                            capture_output=True, text=True, timeout=60, cwd=ROOT, env=env)
    # THEN the README shows exactly what it prints
    assert result.returncode == 0, result.stderr
    assert result.stdout == shown


def read_pty(fd, until, timeout=30.0):
    """What the terminal shows until `until` appears (or the time is up)."""
    seen, deadline = b"", time.monotonic() + timeout
    while until.encode() not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            seen += chunk
    return seen.decode(errors="replace")


def test_a_terminal_gets_a_prompt_line_editing_and_history():
    # GIVEN make chat on a terminal
    main_fd, child_fd = pty.openpty()
    env = {**os.environ, "TERM": "xterm", "NO_COLOR": "1"}
    env.pop("VISITS_TABLE", None)
    started = time.monotonic()
    chat = subprocess.Popen([sys.executable, str(ROOT / "tools" / "simulator.py")], cwd=ROOT, env=env,
                            stdin=child_fd, stdout=child_fd, stderr=child_fd, close_fds=True)
    os.close(child_fd)
    try:
        # THEN it says how to begin, at once, and prompts, with no welcome before anything is said
        first = read_pty(main_fd, "You:   ")
        assert f'say "open {NAME}"' in first and first.rstrip().endswith("You:")
        assert WELCOME not in first and time.monotonic() - started < 10
        # WHEN a line is typed, edited with readline (Ctrl-A: to the start) and sent
        os.write(main_fd, b"ablation\x01what is \r")
        answer = read_pty(main_fd, "You:   ")
        assert "heard: TopicIntent topic='ablation'" in answer and WELCOME in answer
        assert "You:   what is ablation" not in answer  # the terminal shows it; no second echo
        # AND the up arrow recalls it from the history
        os.write(main_fd, b"\x1b[A\r")
        again = read_pty(main_fd, "You:   ")
        assert "heard: TopicIntent topic='ablation'" in again
        # AND Ctrl-D leaves
        os.write(main_fd, b"\x04")
        assert chat.wait(timeout=30) == 0
    finally:
        if chat.poll() is None:
            chat.kill()
            chat.wait()
        os.close(main_fd)


# --- the Makefile's part: what a first `make chat` installs, and a missing Python ---

def requirements(path):
    """Pinned requirements of a requirements file, following -r includes: {name: line}."""
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line.startswith("-r "):
            found.update(requirements(path.parent / line[3:].strip()))
        elif line:
            name = re.split(r"[=<>!~\[; ]", line)[0]
            found[re.sub(r"[-_.]+", "-", name).lower()] = line
    return found


def test_the_chat_requirements_are_a_pinned_subset_of_the_development_stack():
    chat, dev = requirements(ROOT / "requirements-chat.txt"), requirements(ROOT / "requirements-dev.txt")
    assert "ask-sdk-core" in chat
    assert all("==" in line for line in chat.values())
    assert {name: dev.get(name) for name in chat} == chat


# Runs the simulator with every installed distribution outside requirements-chat.txt made
# unimportable, as in a .venv that holds only those.
ONLY_CHAT_REQUIREMENTS = """
import importlib.metadata, re, runpy, sys
allowed = set(sys.argv[1].split(","))
owners = importlib.metadata.packages_distributions()

class OnlyChatRequirements:
    def find_spec(self, name, path=None, target=None):
        top = name.partition(".")[0]
        dists = owners.get(top)
        if dists and not any(re.sub(r"[-_.]+", "-", d).lower() in allowed for d in dists):
            raise ImportError(f"{top} comes from {dists}, not in requirements-chat.txt")
        return None

sys.meta_path.insert(0, OnlyChatRequirements())
sys.argv = sys.argv[2:]
if sys.argv[0] == "-c":
    exec(sys.argv[1])
else:
    runpy.run_path(sys.argv[0], run_name="__main__")
"""


def run_with_only_chat_requirements(*args):
    allowed = ",".join(requirements(ROOT / "requirements-chat.txt"))
    env = {k: v for k, v in os.environ.items() if k not in ("SKILL_ID", "VISITS_TABLE")}
    return subprocess.run([sys.executable, "-c", ONLY_CHAT_REQUIREMENTS, allowed, *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)


def test_the_simulator_runs_on_the_chat_requirements_alone():
    # WHEN the simulator runs where only requirements-chat.txt is installed
    result = run_with_only_chat_requirements("tools/simulator.py", f"open {NAME}")
    # THEN it answers with the welcome
    assert result.returncode == 0, result.stderr
    assert f"Alexa: {WELCOME}" in result.stdout
    # AND the check is real: a development package is unimportable there
    refused = run_with_only_chat_requirements("-c", "import jinja2")
    assert refused.returncode != 0 and "not in requirements-chat.txt" in refused.stderr


def make(*args):
    """make in the repository, free of the flags of a make this test may run under (make test)."""
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    return subprocess.run(["make", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)


def test_make_chat_installs_only_the_chat_requirements(tmp_path):
    # `make -n`: the commands a first `make chat` would run, without running them
    plan = make("-n", "chat", f"VENV={tmp_path / 'venv'}")
    assert plan.returncode == 0, plan.stderr
    assert "-r requirements-chat.txt" in plan.stdout and "requirements-dev.txt" not in plan.stdout
    assert plan.stdout.index("Setting up") < plan.stdout.index("pip install")  # says what is happening first


@pytest.mark.parametrize("target", ["chat", "test"])
def test_a_missing_python_says_how_to_get_it(tmp_path, target):
    # GIVEN no .venv yet and a Python that is not there
    result = make("-s", target, "PYTHON=python3.99", f"VENV={tmp_path / 'venv'}")
    # THEN make says which Python is missing and how to get 3.13, and creates nothing
    assert result.returncode != 0
    assert "python3.99 was not found" in result.stderr and "Python 3.13" in result.stderr
    assert "pyenv install 3.13" in result.stderr and "apt-get install python3.13 python3.13-venv" in result.stderr
    assert f"make {target} PYTHON=/path/to/python3.13" in result.stderr
    assert "command not found" not in result.stderr and not (tmp_path / "venv").exists()

