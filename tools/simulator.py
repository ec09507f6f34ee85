"""Talk to the skill in a terminal, offline: `make chat` (a third adapter over the skill).

Each line typed is matched against interaction_model/<locale>.json (utterance_matcher.py),
turned into a real request envelope and passed to `lambda_function.lambda_handler`, as
Alexa would. What Alexa would say is printed as text, with, dimmed, the matched intent and
the reprompt; the card only where its text is not what was said.

It speaks `ask dialog`'s language (ASK CLI v2), so one script runs here and against the
deployed skill alike:
- the invocation phrases Alexa knows, with the invocation name read from the model:
  "open bone metastases guide" starts a session with a LaunchRequest, "ask bone metastases
  guide what is osteoblastic" is a one-shot (a new session whose first request is the
  question's IntentRequest); a first line that invokes nothing opens the skill first;
- `--replay FILE` plays a replay file (`skillId`, `locale`, `type`: "text", `userInput`);
- `.record FILE [--append-quit]` writes the session so far as a replay file, `.quit` leaves.

    make chat                                   # a conversation (line editing and history)
    echo "what is osteoblastic" | make chat     # lines from standard input, echoed as You:
    make chat ARGS='"what is osteoblastic"'     # one utterance
    make chat ARGS="--replay my-session.json"   # ask dialog's replay format
    make chat ARGS="--json"                     # also each request and response envelope
    make chat ARGS="--locale en-GB --speak"     # another locale; spoken aloud by espeak-ng
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import uuid
from dataclasses import dataclass
from datetime import datetime, UTC
from pathlib import Path
from typing import Any, TextIO
from collections.abc import Callable, Iterable, Iterator

from utterance_matcher import Invocation, Match, UtteranceMatcher
from voice_model import MODEL_DIR, ModelError, load_model, model_path

SKILL_ID = os.environ.get("SKILL_ID") or "amzn1.ask.skill.00000000-0000-4000-8000-000000000000"
EXIT_WORDS = {"exit"}  # on a device, Alexa itself ends the session on "exit"
PROMPT = "You:   "
COMMANDS = ".record FILE [--append-quit] writes this session as a replay file; .quit leaves"
Handler = Callable[[dict[str, Any], Any], dict[str, Any]]
Trace = Callable[[dict[str, Any], dict[str, Any]], None]


class Session:
    """One simulated Alexa session: builds envelopes, carries session attributes."""

    def __init__(self, handler: Handler, locale: str, screen: bool = False, skill_id: str = SKILL_ID,
                 trace: Trace | None = None) -> None:
        self.handler = handler
        self.locale = locale
        self.skill_id = skill_id
        self.trace = trace
        # an Echo Show and the like: the device says it supports APL
        self.interfaces = {"Alexa.Presentation.APL": {"runtime": {"maxVersion": "2023.3"}}} if screen else {}
        self.session_id = f"amzn1.echo-api.session.simulator-{uuid.uuid4()}"
        self.attributes: dict[str, Any] = {}
        self.new = True
        self.ended = False

    def envelope(self, request: dict[str, Any]) -> dict[str, Any]:
        request = {"requestId": f"amzn1.echo-api.request.simulator-{uuid.uuid4()}",
                   "timestamp": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                   "locale": self.locale, **request}
        user = {"userId": "amzn1.ask.account.simulator"}
        application = {"applicationId": self.skill_id}
        return {
            "version": "1.0",
            "session": {"new": self.new, "sessionId": self.session_id, "application": application,
                        "attributes": self.attributes, "user": user},
            "context": {"System": {"application": application, "user": user,
                                   "device": {"deviceId": "amzn1.ask.device.simulator",
                                              "supportedInterfaces": self.interfaces},
                                   "apiEndpoint": "https://api.amazonalexa.com"}},
            "request": request,
        }

    def send(self, request: dict[str, Any]) -> dict[str, Any]:
        envelope = self.envelope(request)
        response = self.handler(envelope, None)
        if self.trace:
            self.trace(envelope, response)
        self.new = False
        self.attributes = response.get("sessionAttributes") or {}
        if (response.get("response") or {}).get("shouldEndSession") is not False:
            self.ended = True
        return response

    def launch(self) -> dict[str, Any]:
        return self.send({"type": "LaunchRequest"})

    def intent(self, match: Match) -> dict[str, Any]:
        return self.send({"type": "IntentRequest", "dialogState": "COMPLETED",
                          "intent": match.intent_request(self.skill_id)})

    def end(self, reason: str = "USER_INITIATED") -> None:
        if not self.ended:
            self.send({"type": "SessionEndedRequest", "reason": reason})
            self.ended = True


def plain(ssml: str | None, spoken: bool = True) -> str:
    """The SSML as text: as heard (a <sub> is its alias), or as written (the <sub>'s own text)."""
    if not ssml:
        return ""
    text = re.sub(r'<sub alias="([^"]*)">([^<]*)</sub>', r"\1" if spoken else r"\2", ssml)
    text = re.sub(r"<[^>]+>", " ", text)
    for entity, char in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&apos;", "'"), ("&amp;", "&")):
        text = text.replace(entity, char)
    return " ".join(text.split())


def _words(text: str) -> list[str]:
    return re.findall(r"[\w']+", text.lower())


def says_the_same(card_text: str, speech_ssml: str) -> bool:
    """True when the card's words are said, in order, in the speech (its written form: 911, not
    "nine one one"), so printing the card would only repeat the answer."""
    card, speech = _words(card_text), _words(plain(speech_ssml, spoken=False))
    return bool(card) and any(speech[i:i + len(card)] == card for i in range(len(speech) - len(card) + 1))


class Printer:
    """Writes the conversation for a person: what was said, speech, card, the dimmed details."""

    def __init__(self, out: TextIO, speak: bool, show_json: bool = False) -> None:
        self.out = out
        self.color = out.isatty() and not os.environ.get("NO_COLOR")
        self.show_json = show_json
        self.speaker = shutil.which("espeak-ng") if speak else None
        if speak and not self.speaker:
            self.note("--speak: espeak-ng is not installed, so answers are printed only "
                      "(install it with: apt-get install espeak-ng)")

    def dim(self, text: str) -> str:
        return f"\033[2m{text}\033[0m" if self.color else text

    def line(self, text: str) -> None:
        print(text, file=self.out, flush=True)

    def note(self, text: str) -> None:
        self.line(self.dim(f"  ({text})"))

    def you(self, text: str) -> None:
        self.line(f"{PROMPT}{text}")

    def exchange(self, envelope: dict[str, Any], response: dict[str, Any]) -> None:
        """--json: the request envelope as sent and the response as the skill returned it."""
        if self.show_json:
            kind = envelope["request"]["type"]
            self.line(self.dim(f"-- request envelope ({kind})"))
            self.line(json.dumps(envelope, indent=2, ensure_ascii=False))
            self.line(self.dim("-- response envelope"))
            self.line(json.dumps(response, indent=2, ensure_ascii=False))

    def response(self, response: dict[str, Any], match: Match | None = None) -> None:
        body = response.get("response") or {}
        output = body.get("outputSpeech") or {}
        ssml = output.get("ssml") or output.get("text") or ""
        speech = plain(ssml)
        if match is not None:
            self.note(f"heard: {match.describe()}")
        if speech:
            self.line(f"Alexa: {speech}")
        card = body.get("card") or {}
        card_text = card.get("content") or card.get("text") or ""
        if card and not says_the_same(card_text, ssml):
            self.line(f"Card:  {card.get('title', '')}: {card_text}")
        for directive in body.get("directives") or []:
            if directive.get("type") == "Alexa.Presentation.APL.RenderDocument":
                answer = ((directive.get("datasources") or {}).get("payload") or {}).get("answer") or {}
                self.note(f"screen: APL RenderDocument, title {answer.get('title')!r}")
        reprompt = plain(((body.get("reprompt") or {}).get("outputSpeech") or {}).get("ssml"))
        if reprompt:
            self.note(f"reprompt: {reprompt}")
        if body.get("shouldEndSession") is not False:
            self.note("the session has ended")
        if self.speaker and speech:
            subprocess.run([self.speaker, speech], check=False,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


class ReplayError(Exception):
    """A replay file that cannot be played; the message names the file and the field."""


@dataclass(frozen=True)
class Replay:
    """An `ask dialog` replay file: the skill, the locale and what the user says, in order."""

    skill_id: str
    locale: str
    user_input: tuple[str, ...]

    @classmethod
    def read(cls, path: Path) -> Replay:
        """Read and check a replay file the way ask-cli does (each input trimmed, none empty)."""
        try:
            content = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ReplayError(f"{path}: no replay file here") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ReplayError(f"{path}: cannot be read ({exc})") from None
        except json.JSONDecodeError as exc:
            raise ReplayError(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
        if not isinstance(content, dict):
            raise ReplayError(f"{path}: a replay file is a JSON object with skillId, locale, type and userInput")
        for field in ("skillId", "locale"):
            if not isinstance(content.get(field), str) or not content[field].strip():
                raise ReplayError(f"{path}: {field} is missing or empty (ask dialog needs it too)")
        if content.get("type", "text") != "text":
            raise ReplayError(f"{path}: type is {content['type']!r}; ask dialog replays only \"text\"")
        inputs = content.get("userInput")
        if not isinstance(inputs, list) or not inputs:
            raise ReplayError(f"{path}: userInput must be a list of what the user says, not empty")
        for index, text in enumerate(inputs):
            if not isinstance(text, str) or not text.strip():
                raise ReplayError(f"{path}: userInput[{index}] must be non-empty text")
        return cls(content["skillId"].strip(), content["locale"].strip(), tuple(t.strip() for t in inputs))


def replay_json(skill_id: str, locale: str, user_input: Iterable[str]) -> str:
    """A replay file's text, byte for byte as ask-cli's `.record` writes it (fs-extra's
    outputJSONSync: compact JSON, keys in this order, one newline at the end)."""
    content = {"skillId": skill_id, "locale": locale, "type": "text", "userInput": list(user_input)}
    return json.dumps(content, ensure_ascii=False, separators=(",", ":")) + "\n"


class Quit(Exception):
    """`.quit`: leave the chat."""


class Chat:
    """A conversation of one or more sessions, as `ask dialog` holds it."""

    def __init__(self, handler: Handler, matcher: UtteranceMatcher, locale: str, printer: Printer,
                 skill_id: str = SKILL_ID, screen: bool = False) -> None:
        self.handler = handler
        self.matcher = matcher
        self.locale = locale
        self.printer = printer
        self.skill_id = skill_id
        self.screen = screen
        self.name = matcher.invocation_name or "the skill"
        self.session: Session | None = None
        self.started = False  # has anything been said yet?
        # What `.record` writes: the utterances of the current session, or of the last one until
        # another begins (ask dialog keeps the same list, but empties it as soon as a session ends).
        self.said: list[str] = []

    @property
    def open(self) -> bool:
        return self.session is not None and not self.session.ended

    def new_session(self) -> Session:
        self.close()
        self.session = Session(self.handler, self.locale, self.screen, self.skill_id, self.printer.exchange)
        return self.session

    def close(self, reason: str = "USER_INITIATED") -> None:
        """End the open session, as Alexa does when the user leaves it (SessionEndedRequest)."""
        if self.session is not None:
            self.session.end(reason)

    def run(self, lines: Iterable[str], echo: bool) -> None:
        """Take each line in turn; raises Quit on `.quit`."""
        for raw in lines:
            line = raw.strip()
            if not line:
                continue
            if line.startswith("."):
                self.command(line)
                continue
            if echo:
                self.printer.you(line)
            self.say(line)

    def say(self, text: str) -> None:
        """One thing the user says: an invocation, a turn of the open session, or neither."""
        first, self.started = not self.started, True
        invocation = self.matcher.invocation(text)
        if invocation is not None:
            self.said = [text]
            self.invoke(self.new_session(), invocation)
        elif self.open:
            self.said.append(text)
            self.turn(text)
        elif first and text.lower() not in EXIT_WORDS:
            # A chat's first words, naming no skill: open the skill for them, and record that.
            self.printer.note(f'opening the skill first, as "open {self.name}" would')
            self.said = [f"open {self.name}", text]
            session = self.new_session()
            self.printer.response(session.launch())
            if not session.ended:
                self.turn(text)
        else:  # reaches no skill, so it is not recorded: .record still writes the last session
            self.printer.note(f'no session is open, so Alexa herself would answer that; say "open {self.name}" '
                              f'or "ask {self.name} ..." to talk to the skill')

    def invoke(self, session: Session, invocation: Invocation) -> None:
        if invocation.launch:
            self.printer.response(session.launch())
        else:
            match = self.matcher.match_request(invocation)
            self.printer.response(session.intent(match), match)

    def turn(self, text: str) -> None:
        assert self.session is not None
        if text.lower() in EXIT_WORDS:
            self.close()
            self.printer.note("the session has ended")
            return
        match = self.matcher.match(text)
        self.printer.response(self.session.intent(match), match)

    def command(self, line: str) -> None:
        """`ask dialog`'s special commands: .record FILE [--append-quit], .quit (and .help)."""
        name, _, rest = line.partition(" ")
        if name == ".quit":
            raise Quit
        if name == ".record":
            self.record(rest.split())
        elif name == ".help":
            self.printer.note(COMMANDS)
        else:
            self.printer.note(f"{name} is not a command here: {COMMANDS}")

    def record(self, args: list[str]) -> None:
        if not 1 <= len(args) <= 2 or args[1:] not in ([], ["--append-quit"]):
            self.printer.note('use ".record FILE" or ".record FILE --append-quit"')
            return
        if not self.said:
            self.printer.note("nothing has been said yet, so there is nothing to record")
            return
        path = Path(args[0])
        said = self.said + [".quit"] * (len(args) == 2)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(replay_json(self.skill_id, self.locale, said), encoding="utf-8")
        except OSError as exc:
            self.printer.note(f"cannot write {path}: {exc.strerror or exc}")
            return
        self.printer.note(f"recorded {len(said)} lines to {path}: make chat ARGS=\"--replay {path}\" "
                          f"or ask dialog --replay {path}")


def _typed(printer: Printer) -> Iterator[str]:
    """Lines typed at a terminal, with readline's line editing and history."""
    try:
        import readline  # noqa: F401 -- importing it is what gives input() editing and history
    except ImportError:  # a Python built without it: plain input() still works
        pass
    while True:
        try:
            yield input(PROMPT)
        except EOFError:
            printer.line("")
            return


def main(argv: list[str] | None = None, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout) -> int:
    parser = argparse.ArgumentParser(description="Talk to the Bone Metastases Guide skill, offline.")
    parser.add_argument("utterance", nargs="*", help="say this one thing (otherwise: a conversation)")
    parser.add_argument("--locale", help="request locale and model (default en-US, or the replay file's)")
    parser.add_argument("--model", type=Path, help="interaction model file (default interaction_model/<locale>.json)")
    parser.add_argument("--replay", type=Path, metavar="FILE",
                        help="play an `ask dialog` replay file first (skillId, locale, type, userInput)")
    parser.add_argument("--json", action="store_true", help="also print each request and response envelope")
    parser.add_argument("--speak", action="store_true", help="also speak each answer with espeak-ng")
    parser.add_argument("--screen", action="store_true", help="a device with a screen (APL): show what it is sent")
    args = parser.parse_args(argv)

    replay = None
    if args.replay:
        try:
            replay = Replay.read(args.replay)
        except ReplayError as exc:
            print(f"chat: {exc}", file=sys.stderr)
            return 2
    locale = args.locale or (replay.locale if replay else "en-US")
    path = args.model or model_path(locale, MODEL_DIR)
    try:
        matcher = UtteranceMatcher(load_model(path))
    except ModelError as exc:
        print(f"chat: {exc}", file=sys.stderr)
        return 2
    if not matcher.invocation_name:
        print(f"chat: {path}: interactionModel.languageModel.invocationName is missing", file=sys.stderr)
        return 2

    printer = Printer(stdout, args.speak, args.json)
    interactive = not args.utterance and stdin.isatty()
    if interactive and not replay:
        printer.note(f'offline, {locale}: say "open {matcher.invocation_name}", or just ask. {COMMANDS} '
                     "(Ctrl-D too)")
    # The skill's own INFO lines would interleave with the conversation.
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    from lambda_function import lambda_handler

    chat = Chat(lambda_handler, matcher, locale, printer, replay.skill_id if replay else SKILL_ID, args.screen)
    try:
        if args.utterance:
            chat.run([" ".join(args.utterance)], echo=True)
        else:
            if replay:
                chat.run(replay.user_input, echo=True)
                if interactive:  # as ask dialog does when a replay has no .quit: go on typing
                    printer.note(f"replay done; go on talking. {COMMANDS}")
            chat.run(_typed(printer) if interactive else stdin, echo=not interactive)
    except Quit:
        pass
    except KeyboardInterrupt:
        printer.line("")
    chat.close()
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:
        # The reader of our output left (`make chat | head -3`, `| grep -q`): stop quietly,
        # and point stdout at /dev/null so the interpreter's last flush cannot fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
