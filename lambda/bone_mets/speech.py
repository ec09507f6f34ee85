"""Everything the skill says is assembled here: SSML, escaping, cards, reprompts, the urgent close.

Handlers describe a reply as a `Reply` (plain-text pieces from the content file) and never
touch SSML. `render` turns a Reply into the response, and it alone places the urgent close:
any reply about an urgent topic ends with that topic's close as its last spoken sentence,
whichever handler built it, and its card carries the close too. An emergency or crisis
reply ends with its own direction instead. Numbers (the emergency number, the crisis line)
are spoken the local way and written as digits on the card.
"""

from __future__ import annotations

import json
import os
import re
from functools import lru_cache
from collections.abc import Mapping
from typing import Any, NamedTuple

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response
from ask_sdk_model.ui import SimpleCard

from .content import LocaleContent, Topic
from .conversation import Conversation

EMERGENCY = "{emergency_number}"
SAID = "said"  # request attribute: what the response said, for the repeat cache
# Escaping for SSML text and attributes, by hand: html.escape imports html.entities (2 ms of a
# cold start) and xml.sax.saxutils urllib.request (40 ms), for five replacements.
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def escape(text: str, quote: bool = True) -> str:
    """`text` safe inside SSML (and, with quote, inside an attribute value)."""
    return text.translate(_ESCAPES if quote else _TEXT_ESCAPES)

CRISIS = "{crisis_number}"


class Reply(NamedTuple):  # not a dataclass: see content.Grounds
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
    credit: str | None = None  # the screen's footer: the article, or a direction's public source

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
        pattern, ipa = _sounds(content)
        spoken = pattern.sub(
            lambda m: f'<phoneme alphabet="ipa" ph="{escape(ipa[m.group(0).lower()])}">{m.group(0)}</phoneme>',
            spoken)
    return f"<speak>{spoken}</speak>"


@lru_cache(maxsize=8)  # one per locale: built on a locale's first answer, not for every response
def _sounds(content: LocaleContent) -> tuple[re.Pattern[str], dict[str, str]]:
    """The locale's words with a checked pronunciation, as one pattern, and each word's IPA."""
    words = "|".join(map(re.escape, sorted(content.pronunciations, key=len, reverse=True)))
    return re.compile(rf"\b({words})\b", re.I), {word.lower(): ipa for word, ipa in content.pronunciations.items()}


def to_text(pieces: tuple[str, ...] | list[str], content: LocaleContent) -> str:
    """Plain text with the numbers written as digits."""
    return " ".join(pieces).replace(EMERGENCY, content.emergency_number).replace(CRISIS, content.crisis_number)


# What only makes sense spoken ("say repeat to hear this again"): left off cards and screens.
_SPOKEN_ONLY = re.compile(r",? (and |or )?say repeat\b[^.!?]*")


def card_text(pieces: tuple[str, ...] | list[str], content: LocaleContent) -> str:
    """Text for a card or a screen: the numbers as digits, without spoken-only instructions."""
    return _SPOKEN_ONLY.sub("", to_text(pieces, content))


def render(handler_input: HandlerInput, reply: Reply, content: LocaleContent) -> Response:
    """Build the response for `reply`, ending urgent replies with their close.

    A session hears the close's variants in turn, so three urgent answers don't end alike.
    After an emergency or crisis direction, every later answer ends with it again: an urgent
    one with the emergency close (the doctor and the number), any other with a reminder. Where
    the direction named the crisis line (a crisis, or an emergency told with it), the line is
    said again too: an urgent answer names it before its close, any other in its reminder.
    """
    conversation = Conversation(handler_input)
    state = conversation.lasting()
    if reply.closing is None:
        conversation.not_directed()
        if state is not None:
            line = conversation.named_line()
            if reply.close_kind():
                still = (content.safety["crisis.still"],) if line else ()
                card = None if reply.card_body is None else (*reply.card_body, *still)
                reply = reply._replace(speech=(*reply.speech, *still), card_body=card,
                                       closing=content.closes["emergency"][0])
            else:
                reply = reply._replace(closing=content.safety["crisis.reminder" if line else f"{state}.reminder"])
    turn = conversation.next_close() if reply.close_kind() and not reply.closing else 0
    close = reply.close(content, turn)
    spoken = list(reply.speech) + ([close] if close else [])
    body = list(reply.card_body if reply.card_body is not None else reply.speech)
    if close:
        body.append(close)
    title = reply.card_title or content.skill_name
    ends = reply.end_session or not reply.reprompt
    # What was said, as the plain texts it came from: "repeat" renders it again from these
    # (see `replay`), never from SSML carried in the session, which a request could forge.
    credit = reply.credit or ""
    handler_input.attributes_manager.request_attributes[SAID] = None if ends else {
        "speech": spoken, "card_title": title, "card_body": body, "reprompt": reply.reprompt, "credit": credit}
    return _respond(handler_input, content, spoken, title, body, None if ends else reply.reprompt, credit)


def _respond(handler_input: HandlerInput, content: LocaleContent, spoken: list[str], title: str,
             body: list[str], reprompt: str | None, credit: str) -> Response:
    builder = handler_input.response_builder
    builder.speak(to_ssml(spoken, content))
    builder.set_card(SimpleCard(title=title, content=card_text(body, content)))
    if _has_screen(handler_input):
        builder.add_directive(screen(title, body, content, credit))
    if reprompt:
        builder.ask(to_ssml([reprompt], content))
    builder.set_should_end_session(not reprompt)
    return builder.response


APL_TOKEN = "answer"
_APL_DOCUMENT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "apl_answer.json")


def screen(title: str, body: list[str], content: LocaleContent, credit: str = "") -> Any:
    """An APL RenderDocumentDirective showing what the card says: the title, the answer in large
    type, and the urgent direction on its own line, with its credit below: the article under
    the article's text only, a direction's public source under a direction, else nothing."""
    from ask_sdk_model.interfaces.alexa.presentation.apl import RenderDocumentDirective

    directive = body[-1] if content.is_close(body[-1]) else None
    text = body[:-1] if directive else body
    return RenderDocumentDirective(token=APL_TOKEN, document=_apl_document(), datasources={"payload": {"answer": {
        "title": title, "text": card_text(text, content),
        "directive": card_text([directive], content) if directive else "", "source": credit}}})


@lru_cache(maxsize=1)
def _apl_document() -> dict[str, Any]:
    """The APL document (bone_mets/apl_answer.json), read on the first screen, never for voice only."""
    with open(_APL_DOCUMENT, encoding="utf-8") as file:
        return json.load(file)


def _has_screen(handler_input: HandlerInput) -> bool:
    """True if the device supports APL. Not ask_utils.get_supported_interfaces: it raises on an
    envelope without a device (simulators, malformed requests), and this must never raise."""
    system = getattr(getattr(handler_input.request_envelope, "context", None), "system", None)
    interfaces = getattr(getattr(system, "device", None), "supported_interfaces", None)
    return getattr(interfaces, "alexa_presentation_apl", None) is not None


def said(handler_input: HandlerInput) -> dict[str, Any] | None:
    """What this request's response said (for the repeat cache), or None if the session ends."""
    return handler_input.attributes_manager.request_attributes.get(SAID)


def replay(handler_input: HandlerInput, saved: Mapping[str, Any], content: LocaleContent) -> Response | None:
    """Say a saved response again: speech, card and reprompt, rendered anew.

    Session attributes come back with each request, so a forged envelope could carry any
    text; only texts this skill can say in `content` are replayed (escaped as ever), and
    anything else is None: nothing is repeated.
    """
    speech, body = saved.get("speech"), saved.get("card_body")
    title, reprompt = saved.get("card_title"), saved.get("reprompt")
    credit = saved.get("credit") or ""
    if not isinstance(credit, str) or (credit and not content.can_credit(credit)):
        return None
    texts = [*(speech or []), *(body or []), reprompt]
    if not speech or not body or not all(isinstance(text, str) and content.can_say(text) for text in texts):
        return None
    if not isinstance(title, str) or not content.can_title(title):
        return None
    for text in speech:  # an urgent answer still ends with its close, however the list was edited
        needed = content.closes_needed(text)
        if needed and speech[-1] not in needed:
            return None
    return _respond(handler_input, content, list(speech), title, list(body), reprompt, credit)


def silent_end(handler_input: HandlerInput) -> Response:
    """An empty response that ends the session (SessionEndedRequest takes no speech)."""
    return handler_input.response_builder.set_should_end_session(True).response
