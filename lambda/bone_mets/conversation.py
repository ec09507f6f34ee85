"""What the skill remembers within one session, kept in session attributes.

Only ids of content entries, the safety state and the last response are kept, and only for
the session: nothing here is persisted.

The safety state lasts: once an emergency or crisis direction has been given, the session
remembers which, and every later answer carries the direction again (handlers.SafetyStateHandler
and speech.render read it), until the session ends. So does the crisis line named for words read
only perhaps as a crisis: later answers remind of it, and "ok" or "what's the number" hear it again.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from ask_sdk_core.handler_input import HandlerInput

from .content import LocaleContent, Topic

TOPIC = "topic"   # id of the topic last answered
STAGE = "stage"   # which of that topic's stages was last spoken
OFFER = "offer"   # id of a topic offered with "would you like to hear about ...?"
TOUCHES = "touches"  # id of another topic the current thread of questions is about
LAST = "last_response"  # what AMAZON.RepeatIntent replays: plain texts (see speech.replay)
SAFETY = "safety"  # "emergency" or "crisis": the last direction this session gave; it lasts the session
DIRECTED = "directed"  # "yes" when the last answer was that direction itself
ABOUT = "about"  # "other" when the crisis told was someone else's
CLOSES = "closes"  # how many urgent closes this session has heard (their variants go in turn)
DANGER = "danger"  # id of the article's emergency or urgent symptom an emergency direction is about (it lasts)
LINE = "line"  # "yes" when an emergency direction named the crisis line too (it lasts with it)
UNSURE = "unsure"  # "yes" when an emergency direction named the doctor too (it lasts until one is sure)
LINE_GIVEN = "line_given"  # "yes" when an answer named the crisis line for words read perhaps as a crisis
LISTED = "listed"  # "topic stage": the answer whose list the last answer was picked from ("the second one")
THREAD_KEYS = (TOPIC, STAGE, OFFER, TOUCHES, LISTED)  # the thread of questions; a new start forgets it
KEPT_KEYS = (*THREAD_KEYS, SAFETY, DIRECTED, ABOUT, DANGER, LINE, UNSURE, LINE_GIVEN)
SAFETY_KINDS = ("emergency", "crisis")
MAX_TEXT = 4000  # longer than any text we save; anything bigger is not ours
MAX_PIECES = 12


def clean_attributes(attributes: Any) -> dict[str, Any]:
    """Only the state this skill writes, with the types it writes.

    Session attributes come back from the device with every request, and a malformed or
    hostile request may carry anything there; what is not ours is dropped, so it is never
    acted on nor echoed back in the response.
    """
    if not isinstance(attributes, dict):
        return {}
    kept: dict[str, Any] = {}
    for key in KEPT_KEYS:
        value = attributes.get(key)
        if isinstance(value, str) and len(value) <= 64:
            kept[key] = value
    if kept.get(SAFETY) not in SAFETY_KINDS:
        for key in (SAFETY, DIRECTED, ABOUT, DANGER, LINE, UNSURE):
            kept.pop(key, None)
    if kept.get(LINE_GIVEN) != "yes":
        kept.pop(LINE_GIVEN, None)
    closes = attributes.get(CLOSES)
    if isinstance(closes, int) and not isinstance(closes, bool) and 0 <= closes < 1000:
        kept[CLOSES] = closes
    saved = attributes.get(LAST)
    if isinstance(saved, dict) and _texts(saved.get("speech")) and _texts(saved.get("card_body")) \
            and all(isinstance(saved.get(k), str) and len(saved[k]) <= MAX_TEXT for k in ("card_title", "reprompt")):
        kept[LAST] = {k: saved[k] for k in ("speech", "card_body", "card_title", "reprompt")}
        if isinstance(saved.get("credit"), str) and len(saved["credit"]) <= MAX_TEXT:
            kept[LAST]["credit"] = saved["credit"]
    return kept


def _texts(value: Any) -> bool:
    return (isinstance(value, list) and 0 < len(value) <= MAX_PIECES
            and all(isinstance(v, str) and len(v) <= MAX_TEXT for v in value))


class Conversation:
    """Read and update the session's conversation state, tolerating any stored junk."""

    def __init__(self, handler_input: HandlerInput) -> None:
        attributes = handler_input.attributes_manager.session_attributes
        if not isinstance(attributes, dict):  # a malformed request may carry anything here
            attributes = {}
            handler_input.attributes_manager.session_attributes = attributes
        self._attributes: MutableMapping[str, Any] = attributes

    def topic(self, content: LocaleContent) -> Topic | None:
        """The topic last answered, if it still exists in the content."""
        return _lookup(content, self._attributes.get(TOPIC))

    def stage(self) -> str | None:
        stage = self._attributes.get(STAGE)
        return stage if isinstance(stage, str) else None

    def offer(self, content: LocaleContent) -> Topic | None:
        """The topic offered in the last response, if any."""
        return _lookup(content, self._attributes.get(OFFER))

    def touched(self, content: LocaleContent) -> Topic | None:
        """The other topic this thread of questions is about ("how is bone pain treated?")."""
        return _lookup(content, self._attributes.get(TOUCHES))

    def safety(self) -> str | None:
        """"emergency" or "crisis" if this session has given that direction (it lasts)."""
        kind = self._attributes.get(SAFETY)
        return kind if kind in SAFETY_KINDS else None

    def just_directed(self) -> bool:
        """True if the last answer was the emergency or crisis direction itself."""
        return self.safety() is not None and self._attributes.get(DIRECTED) == "yes"

    def about_other(self) -> bool:
        """True if the crisis told this session was someone else's."""
        return self.safety() == "crisis" and self._attributes.get(ABOUT) == "other"

    def with_line(self) -> bool:
        """True if the emergency direction this session gave named the crisis line too."""
        return self.safety() == "emergency" and self._attributes.get(LINE) == "yes"

    def unsure(self) -> bool:
        """True if the emergency direction this session gave was one the skill was unsure of
        (it named the doctor too): the direction said again stays so, as the first one said."""
        return self.safety() == "emergency" and self._attributes.get(UNSURE) == "yes"

    def named_line(self) -> bool:
        """True if the direction this session gave named the crisis line: a crisis, or an
        emergency told with it; or, with no direction, an answer named it (line_given)."""
        return self.safety() == "crisis" or self.with_line() or self.line_given()

    def line_given(self) -> bool:
        """True if an answer this session named the crisis line for words read only perhaps as
        a crisis ("can't go on anymore"): the line lasts the session, as a direction does."""
        return self._attributes.get(LINE_GIVEN) == "yes"

    def give_line(self) -> None:
        """Remember that the crisis line was named (see line_given)."""
        self._attributes[LINE_GIVEN] = "yes"

    def lasting(self) -> str | None:
        """The direction every later answer ends with: the one given, or "crisis" (its line)
        where only the crisis line was named."""
        return self.safety() or ("crisis" if self.line_given() else None)

    def danger(self, content: LocaleContent) -> Topic | None:
        """The article's own emergency (or the urgent symptom) the emergency direction is about,
        if one was told."""
        return _lookup(content, self._attributes.get(DANGER)) if self.safety() == "emergency" else None

    def directed(self, kind: str, about_other: bool = False, danger: Topic | None = None, line: bool = False,
                 unsure: bool = False) -> None:
        """Remember an emergency or crisis direction was the answer; no topic thread goes on.
        danger: the article's emergency (or urgent symptom) it is about, kept until another is told; line: an
        emergency direction named the crisis line too, so every later one does; unsure: an
        emergency direction named the doctor too ("if this is new, call 999"), so the direction
        said again does, until words read a sure emergency."""
        self.reset()
        self._attributes[SAFETY] = kind
        if danger is not None:
            self._attributes[DANGER] = danger.id
        if line and kind == "emergency":
            self._attributes[LINE] = "yes"
        else:
            self._attributes.pop(LINE, None)
        if unsure and kind == "emergency":
            self._attributes[UNSURE] = "yes"
        else:
            self._attributes.pop(UNSURE, None)
        self._attributes[DIRECTED] = "yes"
        if about_other:
            self._attributes[ABOUT] = "other"
        else:
            self._attributes.pop(ABOUT, None)

    def not_directed(self) -> None:
        """The last answer was something other than the direction (the state still lasts)."""
        self._attributes.pop(DIRECTED, None)

    def next_close(self) -> int:
        """Which urgent close variant to say next (0, 1, 2, ... in turn within the session)."""
        said = self._attributes.get(CLOSES)
        said = said if isinstance(said, int) and not isinstance(said, bool) and said >= 0 else 0
        self._attributes[CLOSES] = said + 1
        return said

    def answered(self, topic: Topic, stage: str, touches: Topic | None = None) -> None:
        """Remember that `topic` was just answered up to `stage`, and what else it touched."""
        self._attributes.pop(DIRECTED, None)
        self._attributes[TOPIC] = topic.id
        self._attributes[STAGE] = stage
        if touches is not None and touches.id != topic.id:
            self._attributes[TOUCHES] = touches.id
        else:
            self._attributes.pop(TOUCHES, None)
        self._attributes.pop(OFFER, None)
        self._attributes.pop(LISTED, None)

    def touching(self, topic: Topic) -> None:
        """Remember that the thread of questions touches `topic`, where no answer was given
        (a question beyond the source, its words naming an urgent symptom)."""
        self._attributes[TOUCHES] = topic.id

    def picked_from(self, topic: Topic, stage: str) -> None:
        """Remember that the answer just given was one item of the list `topic` named at
        `stage`, so "and the third one" next picks from that list, not from the item's answer."""
        self._attributes[LISTED] = f"{topic.id} {stage}"

    def list_source(self, content: LocaleContent) -> tuple[Topic, str] | None:
        """The topic and stage whose list the last answer was picked from, if it was."""
        value = self._attributes.get(LISTED)
        topic_id, _, stage = value.partition(" ") if isinstance(value, str) else ("", "", "")
        topic = _lookup(content, topic_id)
        return (topic, stage) if topic is not None and stage in topic.stages else None

    def offered(self, topic: Topic | None) -> None:
        """Remember a topic offered to the person, or clear the offer."""
        if topic is None:
            self._attributes.pop(OFFER, None)
        else:
            self._attributes[OFFER] = topic.id

    def reset(self) -> None:
        """Forget the topic, the stage and any offer (a new start); the safety state stays."""
        for key in THREAD_KEYS:
            self._attributes.pop(key, None)
        self._attributes.pop(DIRECTED, None)

    def last_response(self) -> dict[str, Any] | None:
        """The saved response, if the session holds a well-formed one (see clean_attributes)."""
        return clean_attributes({LAST: self._attributes.get(LAST)}).get(LAST)

    def forget_response(self) -> None:
        self._attributes.pop(LAST, None)

    def save_response(self, saved: dict[str, Any] | None) -> None:
        if saved is not None:
            self._attributes[LAST] = saved


def _lookup(content: LocaleContent, topic_id: Any) -> Topic | None:
    return content.topics.get(topic_id) if isinstance(topic_id, str) else None
