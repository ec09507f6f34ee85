"""Everything the skill says is assembled here: SSML, escaping, cards, reprompts, the urgent close.

Handlers describe a reply as a `Reply` (plain-text pieces from the content file) and never
touch SSML. `render` turns a Reply into the response, and it alone places the urgent close:
any reply about an urgent topic ends with that topic's close as its last spoken sentence,
whichever handler built it, and its card carries the close too. An emergency or crisis
reply ends with its own direction instead. Numbers (the emergency number, the crisis line)
are spoken the local way and written as digits on the card.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from collections.abc import Mapping

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response
from ask_sdk_model.ui import SimpleCard

from .content import LocaleContent, Topic
from .conversation import Conversation

EMERGENCY = "{emergency_number}"
# Escaping for SSML text and attributes, by hand: html.escape imports html.entities (2 ms of a
# cold start) and xml.sax.saxutils urllib.request (40 ms), for five replacements.
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def escape(text: str, quote: bool = True) -> str:
    """`text` safe inside SSML (and, with quote, inside an attribute value)."""
    return text.translate(_ESCAPES if quote else _TEXT_ESCAPES)

CRISIS = "{crisis_number}"


@dataclass(frozen=True)
class Reply:
    """What to say, as plain text from the content file.

    speech: spoken in order; each piece is one or more whole sentences.
    topic: the topic the reply is about; if it is urgent, its close is spoken last.
    touches: another topic the question was about ("how is bone pain treated?" is
        answered by surgery but touches pain); if urgent, its close applies too.
    reprompt: said if the person stays silent; None ends the session.
    card_title / card_body: the card; the body defaults to the speech.
    """

    speech: tuple[str, ...]
    topic: Topic | None = None
    touches: Topic | None = None
    reprompt: str | None = None
    card_title: str | None = None
    card_body: tuple[str, ...] | None = None
    end_session: bool = False
    urgent: str | None = None  # a close this reply needs whatever its topics ("doctor")
    closing: str | None = None  # its own last sentence: an emergency or crisis direction

    def close_kind(self) -> str | None:
        """Which urgent close ends this reply, or None; an emergency outranks the rest."""
        kinds = {t.urgent for t in (self.topic, self.touches) if t is not None and t.urgent}
        if self.urgent:
            kinds.add(self.urgent)
        if not kinds:
            return None
        return "emergency" if "emergency" in kinds else kinds.pop()

    def close(self, content: LocaleContent, turn: int = 0) -> str | None:
        """The last sentence this reply must end with (a variant chosen by `turn`), or None."""
        if self.closing:
            return self.closing
        kind = self.close_kind()
        if kind is None:
            return None
        variants = content.closes[kind]
        return variants[turn % len(variants)]


def to_ssml(pieces: tuple[str, ...] | list[str], content: LocaleContent) -> str:
    """Escaped SSML for plain-text pieces; the numbers are spoken the local way, digit by digit,
    and words with a checked pronunciation through <phoneme>."""
    emergency = f'<sub alias="{escape(content.emergency_spoken)}">{escape(content.emergency_number)}</sub>'
    crisis = f'<sub alias="{escape(content.crisis_spoken)}">{escape(content.crisis_number)}</sub>'
    spoken = " ".join(escape(piece, quote=False).replace(EMERGENCY, emergency).replace(CRISIS, crisis)
                      for piece in pieces)
    if content.pronunciations:
        spoken = _sounds(content).sub(
            lambda m: f'<phoneme alphabet="ipa" ph="{escape(_ipa(content, m.group(0)))}">{m.group(0)}</phoneme>',
            spoken)
    return f"<speak>{spoken}</speak>"


def _sounds(content: LocaleContent) -> re.Pattern[str]:
    words = "|".join(map(re.escape, sorted(content.pronunciations, key=len, reverse=True)))
    return re.compile(rf"\b({words})\b", re.I)


def _ipa(content: LocaleContent, word: str) -> str:
    return next(ipa for known, ipa in content.pronunciations.items() if known.lower() == word.lower())


def to_text(pieces: tuple[str, ...] | list[str], content: LocaleContent) -> str:
    """Plain text for a card, with the numbers written as digits."""
    return " ".join(pieces).replace(EMERGENCY, content.emergency_number).replace(CRISIS, content.crisis_number)


def render(handler_input: HandlerInput, reply: Reply, content: LocaleContent) -> Response:
    """Build the response for `reply`, ending urgent replies with their close.

    A session hears the close's variants in turn, so three urgent answers don't end alike.
    """
    turn = Conversation(handler_input).next_close() if reply.close_kind() and not reply.closing else 0
    close = reply.close(content, turn)
    spoken = list(reply.speech) + ([close] if close else [])
    body = list(reply.card_body if reply.card_body is not None else reply.speech)
    if close:
        body.append(close)
    builder = handler_input.response_builder
    builder.speak(to_ssml(spoken, content))
    builder.set_card(SimpleCard(title=reply.card_title or content.skill_name,
                                content=to_text(body, content)))
    if reply.reprompt and not reply.end_session:
        builder.ask(to_ssml([reply.reprompt], content))
    builder.set_should_end_session(reply.end_session or not reply.reprompt)
    return builder.response


def replay(handler_input: HandlerInput, saved: Mapping[str, str]) -> Response:
    """Say a saved response again exactly (see `snapshot`): speech, card and reprompt."""
    builder = handler_input.response_builder
    builder.speak(saved["ssml"])
    builder.set_card(SimpleCard(title=saved["card_title"], content=saved["card_text"]))
    builder.ask(saved["reprompt"])
    builder.set_should_end_session(False)
    return builder.response


def snapshot(response: Response | None) -> dict[str, str] | None:
    """What `replay` needs from an open-session response, or None if it can't be replayed."""
    if response is None or response.should_end_session is not False:
        return None
    speech, reprompt, card = response.output_speech, response.reprompt, response.card
    if speech is None or reprompt is None or reprompt.output_speech is None or card is None:
        return None
    return {
        "ssml": speech.ssml,
        "reprompt": reprompt.output_speech.ssml,
        "card_title": card.title,
        "card_text": card.content,
    }


def silent_end(handler_input: HandlerInput) -> Response:
    """An empty response that ends the session (SessionEndedRequest takes no speech)."""
    return handler_input.response_builder.set_should_end_session(True).response
