"""Match typed utterances against an interaction model the way Alexa matches exact phrasings.

Used by the offline simulator (simulator.py). Like Alexa for exact phrasings, and like the
public virtual-alexa simulator, a sample utterance matches when its words match with case
and punctuation folded, and each custom slot holds one of its type's values or synonyms
(resolved to ER_SUCCESS_MATCH with the value's id). When nothing matches that way, a
sample with a carrier phrase may still match with a slot value the type lacks, as a real
device would hear "what is leukemia": the slot then resolves to ER_SUCCESS_NO_MATCH.
Anything else is AMAZON.FallbackIntent. Also reads the phrases that invoke a skill by its
invocation name ("open ...", "ask ... about ..."; `parse_invocation`). Not part of the Lambda
artifact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from voice_model import SLOT_REF

# Punctuation Alexa and virtual-alexa drop before matching; apostrophes stay.
_PUNCTUATION = re.compile(r"[!\"¿?|#$%/()=+\-_<>*{}·¡\[\].,;:]")

# Like Alexa (and the acceptance harness), an unlisted value fills a custom slot only inside a
# sample with some carrier words, and only up to as many words as Alexa learns the slot takes
# from its type's values: the longest listed value or synonym plus SLOT_SLACK words, and at
# least MIN_LOOSE_WORDS (a type of one-word values still hears "what is {acute leukemia}").
MIN_LOOSE_WORDS = 8
SLOT_SLACK = 2

# Everyday phrases of the built-in intents, as Alexa understands them with no samples.
BUILT_IN_PHRASES = {
    "AMAZON.HelpIntent": ("help", "help me", "can you help me", "what can i say", "what can i do"),
    "AMAZON.StopIntent": ("stop", "off", "shut up", "be quiet", "stop it", "enough"),
    "AMAZON.CancelIntent": ("cancel", "never mind", "nevermind", "forget it", "cancel that"),
    "AMAZON.RepeatIntent": ("repeat", "say that again", "repeat that", "again", "say again"),
    "AMAZON.YesIntent": ("yes", "yes please", "yeah", "yep", "sure"),
    "AMAZON.NoIntent": ("no", "nope", "no thanks", "no thank you"),
    "AMAZON.StartOverIntent": ("start over", "restart", "start again", "begin again"),
    "AMAZON.NavigateHomeIntent": ("go home", "home", "go to home"),
}

# How people invoke a custom skill, from Amazon's "Understand How Users Invoke Custom Skills"
# (English): the wake word, then a phrase Alexa defines around the invocation name ("the" may come
# before the name), and for a one-shot the request, a sample utterance, after a connecting word.
WAKE_WORD = "alexa"
# Words the page allows before the whole phrase ("Alexa, can you ask ...", "let's play ...").
LEADING_PHRASES = ("can you", "let's", "i want to", "i wanna")
# No specific request: the skill gets a LaunchRequest.
LAUNCH_PHRASES = ("ask", "begin", "do", "launch", "load", "open", "play", "play the game", "resume", "run",
                  "start", "start playing", "start playing the game", "talk to", "tell", "use")
# <phrase> <invocation name> <connecting word> <request>: the skill gets the request's
# IntentRequest in a new session. "" is the phrase without a connecting word.
ONE_SHOT_CONNECTORS = {
    "ask": ("to", "about", "for", "if", "whether", ""),
    "tell": ("to", "that", ""),
    "use": ("and", "to"),
    "search": ("for",),
    "open": ("and", "for"),
    "talk to": ("and",),
    "launch": ("and",), "start": ("and",), "resume": ("and",), "run": ("and",), "load": ("and",),
    "begin": ("and",),
}
# <request> <connecting word> <invocation name>: "what is ablation from bone metastases guide".
TRAILING_CONNECTORS = ("by", "from", "in", "using", "with")


def fold(text: str) -> str:
    """Lower case, punctuation dropped, white space collapsed."""
    return " ".join(_PUNCTUATION.sub(" ", text.lower()).split())


@dataclass(frozen=True)
class Invocation:
    """A phrase that invokes the skill by name: a launch, or a one-shot request.

    requests: for a one-shot, what to match, best first: the request without its connecting
    word (Alexa's word, not the sample's), then with it, for a sample that starts with it.
    """

    requests: tuple[str, ...] = ()

    @property
    def launch(self) -> bool:
        return not self.requests


def parse_invocation(utterance: str, invocation_name: str | None) -> Invocation | None:
    """The invocation in `utterance`, or None when it does not name the skill as Alexa expects."""
    if not invocation_name:
        return None
    words = fold(utterance).split()
    if words[:1] == [WAKE_WORD]:
        words = words[1:]
    text = " ".join(words)
    for leading in LEADING_PHRASES:
        if text.startswith(leading + " "):
            text = text[len(leading) + 1:]
            break
    name = r"(?:the )?" + re.escape(fold(invocation_name))
    if re.fullmatch(rf"(?:(?:{_alternatives(LAUNCH_PHRASES)}) )?{name}", text):
        return Invocation()
    for phrase, connectors in ONE_SHOT_CONNECTORS.items():
        found = re.fullmatch(rf"{re.escape(phrase)} {name} (?:(?P<word>{_alternatives(connectors)}) )?(?P<request>.+)",
                             text)
        if found and (found["word"] or "" in connectors):
            request = found["request"]
            if found["word"]:
                return Invocation((request, f"{found['word']} {request}"))
            return Invocation((request,))
    found = re.fullmatch(rf"(?P<request>.+) (?:{_alternatives(TRAILING_CONNECTORS)}) {name}", text)
    if found:
        return Invocation((found["request"],))
    return None


def _alternatives(words: tuple[str, ...]) -> str:
    """A regex alternation of the non-empty words, longest first (so "start playing" beats "start")."""
    return "|".join(re.escape(w) for w in sorted((w for w in words if w), key=len, reverse=True))


@dataclass(frozen=True)
class SlotMatch:
    name: str
    value: str
    slot_type: str
    value_id: str | None  # None: heard, but not one of the type's values
    canonical: str | None = None

    def as_request_slot(self, skill_id: str) -> dict[str, Any]:
        slot: dict[str, Any] = {"name": self.name, "value": self.value, "confirmationStatus": "NONE",
                                "source": "USER"}
        if not self.slot_type.startswith("AMAZON."):
            authority = {"authority": f"amzn1.er-authority.echo-sdk.{skill_id}.{self.slot_type}",
                         "status": {"code": "ER_SUCCESS_MATCH" if self.value_id else "ER_SUCCESS_NO_MATCH"}}
            if self.value_id:
                authority["values"] = [{"value": {"name": self.canonical, "id": self.value_id}}]
            slot["resolutions"] = {"resolutionsPerAuthority": [authority]}
        return slot


@dataclass(frozen=True)
class Match:
    intent: str
    slots: tuple[SlotMatch, ...] = ()
    declared_slots: tuple[str, ...] = ()

    def intent_request(self, skill_id: str) -> dict[str, Any]:
        """The `intent` object of an IntentRequest, with every declared slot present."""
        filled = {s.name: s.as_request_slot(skill_id) for s in self.slots}
        slots = {name: filled.get(name, {"name": name, "confirmationStatus": "NONE"})
                 for name in self.declared_slots}
        return {"name": self.intent, "confirmationStatus": "NONE", "slots": slots}

    def describe(self) -> str:
        parts = [self.intent]
        for slot in self.slots:
            resolved = f"{slot.value_id}" if slot.value_id else "no match"
            parts.append(f"{slot.name}={slot.value!r} ({resolved})")
        return " ".join(parts)


@dataclass
class _Sample:
    intent: str
    regex: re.Pattern[str]
    slot_types: dict[str, str]
    literal_length: int
    order: int


@dataclass
class UtteranceMatcher:
    """Compiled form of one interaction model."""

    model: dict[str, Any]
    _samples: list[_Sample] = field(default_factory=list, init=False)
    _values: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict, init=False)
    _declared: dict[str, tuple[str, ...]] = field(default_factory=dict, init=False)
    _caps: dict[str, int] = field(default_factory=dict, init=False)
    invocation_name: str | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        language = self.model["interactionModel"]["languageModel"]
        self.invocation_name = language.get("invocationName") or None
        for slot_type in language.get("types", []):
            table = self._values.setdefault(slot_type["name"], {})
            for value in slot_type.get("values", []):
                name = value["name"]
                for phrase in [name["value"], *name.get("synonyms", [])]:
                    table.setdefault(fold(phrase), (value.get("id") or name["value"], name["value"]))
            longest = max((len(phrase.split()) for phrase in table), default=0)
            self._caps[slot_type["name"]] = max(MIN_LOOSE_WORDS, longest + SLOT_SLACK)
        for intent in language["intents"]:
            name = intent["name"]
            slot_types = {s["name"]: s["type"] for s in intent.get("slots", [])}
            self._declared[name] = tuple(slot_types)
            phrases = list(intent.get("samples", [])) + list(BUILT_IN_PHRASES.get(name, ()))
            for sample in phrases:
                self._samples.append(self._compile(name, sample, slot_types, len(self._samples)))

    def _compile(self, intent: str, sample: str, slot_types: dict[str, str], order: int) -> _Sample:
        pieces = SLOT_REF.split(sample)  # literal, slot name, literal, slot name, ..., literal
        pattern, literals = [], []
        for index, piece in enumerate(pieces):
            if index % 2:
                pattern.append(f"(?P<{piece}>.+?)")
                continue
            words = fold(piece)
            if words:
                literals.append(words)
            if words:
                # a space stands between a literal and a neighbouring slot
                before = " " if index > 0 else ""
                after = " " if index < len(pieces) - 1 else ""
                pattern.append(re.escape(before + words + after))
        # How much carrier text a sample has, measured as Alexa's open-slot rule in the acceptance
        # harness measures it: the literal pieces joined by a space (so ties break alike).
        literal = len(" ".join(literals))
        return _Sample(intent, re.compile("^" + "".join(pattern) + "$"), slot_types, literal, order)

    def match(self, utterance: str) -> Match:
        """The intent and slots for `utterance`; AMAZON.FallbackIntent if nothing fits."""
        text = fold(utterance)
        exact: list[tuple[_Sample, tuple[SlotMatch, ...]]] = []
        loose: list[tuple[_Sample, tuple[SlotMatch, ...]]] = []
        for sample in self._samples:
            found = sample.regex.match(text)
            if not found:
                continue
            slots = tuple(self._slot(name, value, sample.slot_types.get(name, ""))
                          for name, value in found.groupdict().items())
            if all(s.value_id or s.slot_type.startswith("AMAZON.") for s in slots):
                exact.append((sample, slots))
            elif sample.literal_length > 0 and all(len(s.value.split()) <= self.loose_words(s.slot_type)
                                                   for s in slots):
                loose.append((sample, slots))
        for candidates in (exact, loose):
            if candidates:
                # The most specific sample wins (most literal words), then model order.
                sample, slots = max(candidates, key=lambda c: (c[0].literal_length, -c[0].order))
                return Match(sample.intent, slots, self._declared[sample.intent])
        return Match("AMAZON.FallbackIntent")

    def invocation(self, utterance: str) -> Invocation | None:
        """The launch or one-shot in `utterance` if it invokes this model's skill by name."""
        return parse_invocation(utterance, self.invocation_name)

    def match_request(self, invocation: Invocation) -> Match:
        """A one-shot's request matched: the first of its readings that is not the fallback."""
        matches = [self.match(request) for request in invocation.requests]
        return next((m for m in matches if m.intent != "AMAZON.FallbackIntent"), matches[0])

    def loose_words(self, slot_type: str) -> int:
        """How many unlisted words a slot of this type takes (none for a built-in type)."""
        return self._caps.get(slot_type, 0)

    def _slot(self, name: str, value: str, slot_type: str) -> SlotMatch:
        resolved = self._values.get(slot_type, {}).get(fold(value))
        if resolved:
            return SlotMatch(name, value, slot_type, resolved[0], resolved[1])
        return SlotMatch(name, value, slot_type, None)
