"""Talk to the skill in a terminal, offline: `make chat` (a third adapter over the skill).

Each line typed is matched against interaction_model/<locale>.json (utterance_matcher.py),
turned into a real request envelope and passed to `lambda_function.lambda_handler`, as
Alexa would. What Alexa would say is printed as text, with the card, and, dimmed, the
reprompt and the matched intent.

    make chat                                   # a conversation
    echo "what is osteoblastic" | make chat     # lines from standard input
    make chat ARGS='"what is osteoblastic"'     # one utterance
    make chat ARGS="--locale en-GB --speak"     # another locale; spoken aloud by espeak-ng
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import uuid
from datetime import datetime, UTC
from pathlib import Path
from typing import Any, TextIO
from collections.abc import Callable, Iterable

from utterance_matcher import Match, UtteranceMatcher
from voice_model import MODEL_DIR, ModelError, load_model, model_path

SKILL_ID = os.environ.get("SKILL_ID") or "amzn1.ask.skill.00000000-0000-4000-8000-000000000000"
EXIT_WORDS = {"exit"}  # on a device, Alexa itself ends the session on "exit"
Handler = Callable[[dict[str, Any], Any], dict[str, Any]]


class Session:
    """One simulated Alexa session: builds envelopes, carries session attributes."""

    def __init__(self, handler: Handler, locale: str, screen: bool = False) -> None:
        self.handler = handler
        self.locale = locale
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
        return {
            "version": "1.0",
            "session": {"new": self.new, "sessionId": self.session_id, "application": {"applicationId": SKILL_ID},
                        "attributes": self.attributes, "user": user},
            "context": {"System": {"application": {"applicationId": SKILL_ID}, "user": user,
                                   "device": {"deviceId": "amzn1.ask.device.simulator",
                                              "supportedInterfaces": self.interfaces},
                                   "apiEndpoint": "https://api.amazonalexa.com"}},
            "request": request,
        }

    def send(self, request: dict[str, Any]) -> dict[str, Any]:
        response = self.handler(self.envelope(request), None)
        self.new = False
        self.attributes = response.get("sessionAttributes") or {}
        if (response.get("response") or {}).get("shouldEndSession") is not False:
            self.ended = True
        return response

    def launch(self) -> dict[str, Any]:
        return self.send({"type": "LaunchRequest"})

    def intent(self, match: Match) -> dict[str, Any]:
        return self.send({"type": "IntentRequest", "dialogState": "COMPLETED",
                          "intent": match.intent_request(SKILL_ID)})

    def end(self, reason: str = "USER_INITIATED") -> None:
        if not self.ended:
            self.send({"type": "SessionEndedRequest", "reason": reason})
            self.ended = True


def plain(ssml: str | None) -> str:
    """What the SSML sounds like, as text (a <sub> is heard as its alias)."""
    if not ssml:
        return ""
    text = re.sub(r'<sub alias="([^"]*)">[^<]*</sub>', r"\1", ssml)
    text = re.sub(r"<[^>]+>", " ", text)
    for entity, char in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&apos;", "'"), ("&amp;", "&")):
        text = text.replace(entity, char)
    return " ".join(text.split())


class Printer:
    """Writes responses for a person: speech, card, then the dimmed details."""

    def __init__(self, out: TextIO, speak: bool) -> None:
        self.out = out
        self.color = out.isatty() and not os.environ.get("NO_COLOR")
        self.speaker = shutil.which("espeak-ng") if speak else None
        if speak and not self.speaker:
            self.note("--speak: espeak-ng is not installed, so answers are printed only "
                      "(install it with: apt-get install espeak-ng)")

    def dim(self, text: str) -> str:
        return f"\033[2m{text}\033[0m" if self.color else text

    def note(self, text: str) -> None:
        print(self.dim(f"  ({text})"), file=self.out, flush=True)

    def response(self, response: dict[str, Any], match: Match | None = None) -> None:
        body = response.get("response") or {}
        speech = plain((body.get("outputSpeech") or {}).get("ssml") or (body.get("outputSpeech") or {}).get("text"))
        if match is not None:
            self.note(f"heard: {match.describe()}")
        if speech:
            print(f"Alexa: {speech}", file=self.out, flush=True)
        card = body.get("card")
        if card:
            print(f"Card:  {card.get('title', '')}: {card.get('content', '')}", file=self.out, flush=True)
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


def converse(handler: Handler, matcher: UtteranceMatcher, locale: str, lines: Iterable[str],
             printer: Printer, prompt: Callable[[], None] = lambda: None, screen: bool = False) -> int:
    """Run one session over `lines`; returns the number of turns after the launch."""
    session = Session(handler, locale, screen)
    printer.response(session.launch())
    turns = 0
    for raw in _prompted(lines, prompt, session):
        line = raw.strip()
        if not line:
            continue
        if line.lower() in EXIT_WORDS:
            break
        match = matcher.match(line)
        printer.response(session.intent(match), match)
        turns += 1
        if session.ended:
            break
    session.end()
    return turns


def _prompted(lines: Iterable[str], prompt: Callable[[], None], session: Session) -> Iterable[str]:
    """The lines, showing the prompt before each read, until the session ends."""
    iterator = iter(lines)
    while not session.ended:
        prompt()
        try:
            yield next(iterator)
        except StopIteration:
            return


def main(argv: list[str] | None = None, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout) -> int:
    parser = argparse.ArgumentParser(description="Talk to the Bone Metastases Guide skill, offline.")
    parser.add_argument("utterance", nargs="*", help="say this one thing (otherwise: a conversation)")
    parser.add_argument("--locale", default="en-US", help="request locale and model (default en-US)")
    parser.add_argument("--model", type=Path, help="interaction model file (default interaction_model/<locale>.json)")
    parser.add_argument("--speak", action="store_true", help="also speak each answer with espeak-ng")
    parser.add_argument("--screen", action="store_true", help="a device with a screen (APL): show what it is sent")
    args = parser.parse_args(argv)

    path = args.model or model_path(args.locale, MODEL_DIR)
    try:
        matcher = UtteranceMatcher(load_model(path))
    except ModelError as exc:
        print(f"chat: {exc}", file=sys.stderr)
        return 2
    # The skill's own INFO lines would interleave with the conversation.
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    from lambda_function import lambda_handler

    printer = Printer(stdout, args.speak)
    if args.utterance:
        converse(lambda_handler, matcher, args.locale, [" ".join(args.utterance)], printer, screen=args.screen)
        return 0
    interactive = stdin.isatty()
    if interactive:
        printer.note("type what you would say to Alexa; 'exit' or Ctrl-D ends the session")

    def show_prompt() -> None:
        if interactive:
            print("You:   ", end="", file=stdout, flush=True)

    try:
        converse(lambda_handler, matcher, args.locale, stdin, printer, show_prompt, screen=args.screen)
    except KeyboardInterrupt:
        print(file=stdout)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:
        # The reader of our output left (`make chat | head -3`, `| grep -q`): stop quietly,
        # and point stdout at /dev/null so the interpreter's last flush cannot fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
