"""The content's value types: what every answer, close and locale is, once validated.

They are NamedTuples and plain classes, not dataclasses: building a dataclass's methods costs
Python about 0.5 to 1.5 ms per class at import, which was most of what this package added to a
cold start over a bare ask-sdk-core skill (bench/benchmark.py).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from .localisation import Spelling

# The safety texts that end an answer (one sentence each, with the number last).
SAFETY_CLOSES = ("crisis.close", "crisis.other_close", "crisis.goodbye", "crisis.reminder", "emergency.close",
                 "emergency.goodbye", "emergency.reminder", "emergency.unsure_close")


class ContentError(ValueError):
    """The content file is malformed; the message names file, entry and field."""

    def __init__(self, path: str | os.PathLike[str], entry: str, field_name: str, problem: str) -> None:
        self.path, self.entry, self.field, self.problem = str(path), entry, field_name, problem
        super().__init__(f"{path}: [{entry}] {field_name}: {problem}")



class Grounds(NamedTuple):
    """What a text rests on: article quotes, and/or a basis named in words."""

    source: tuple[str, ...] = ()
    basis: str | None = None


class Topic(NamedTuple):
    """One answerable subject: a TOPIC value, a CANCER value, or an aspect's answer."""

    id: str
    kind: str  # "topics" or "cancers": which table, hence which slot type
    title: str
    name: str
    summary: str
    more: str | None  # something the summary did not say; None if there is nothing more
    synonyms: tuple[str, ...] = ()
    urgent: str | None = None  # which close ends every answer: "doctor" or "emergency"
    report: str | None = None  # answer to "I have ..." statements
    report_phrases: tuple[str, ...] = ()
    aspects: Mapping[str, str] = MappingProxyType({})
    signs: tuple[str, ...] = ()  # everyday words for it, read by the understanding module
    grounds: Grounds = Grounds()  # the article passages it rests on
    direction: str | None = None  # what the article tells people to do about it (asked for advice)

    @property
    def stages(self) -> tuple[str, ...]:
        """The text fields "tell me more" walks through, in order."""
        stages = ("summary", "more") if self.more else ("summary",)
        return ("report", *stages) if self.report else stages


class Aspect(NamedTuple):
    """A side of a topic that has its own intent ("what are its side effects?")."""

    id: str
    intent: str
    name: str
    default: str
    any_topic: bool = False  # the default answers for any named topic without an entry
    cues: tuple[str, ...] = ()  # words that ask about this side ("risks" -> side effects)
    offer_default: bool = True  # where a topic lacks this side, offer the default (not if it is another topic's)
    per_cancer: bool = False  # the answer differs by cancer (types): a cancer without its own says the source lacks it


class LocaleContent:
    """Everything one locale says, with that locale's spelling already applied.

    closes: each urgent close's variants, said in turn. safety: SAFETY_TEXTS, with this
    locale's crisis service filled in. pronunciations: word -> IPA, checked ones only.
    number_sources: "emergency"/"crisis" -> the number's public source. source_line: shown
    under answers on screens.
    """

    def __init__(self, *, locale: str, emergency_number: str, emergency_spoken: str, crisis_number: str,
                 crisis_spoken: str, skill_name: str, spelling: Spelling, prompts: Mapping[str, str],
                 closes: Mapping[str, tuple[str, ...]], topics: Mapping[str, Topic], safety: Mapping[str, str],
                 pronunciations: Mapping[str, str], number_sources: Mapping[str, str], source_line: str) -> None:
        self.locale = locale
        self.emergency_number = emergency_number
        self.emergency_spoken = emergency_spoken
        self.crisis_number = crisis_number
        self.crisis_spoken = crisis_spoken
        self.skill_name = skill_name
        self.spelling = spelling
        self.prompts = prompts
        self.closes = closes
        self.topics = topics
        self.safety = safety
        self.pronunciations = pronunciations
        self.number_sources = number_sources
        self.source_line = source_line

    def prompt(self, key: str, **values: str) -> str:
        """A prompt with its placeholders (other than the emergency number) filled in."""
        values.setdefault("skill_name", self.skill_name)
        values.setdefault("emergency_number", "{emergency_number}")
        return self.prompts[key].format(**values)

    def can_say(self, text: str) -> bool:
        """True if `text` is something this skill says in this locale: a topic's text, a
        close, a safety text, or a prompt (filled with a topic's name, or a short heard term)."""
        said, templates = self._sayable
        if text in said:
            return True
        for pattern in templates:
            found = pattern.fullmatch(text)
            topic = found.groupdict().get("topic") if found else None
            if found and (topic is None or topic in self._names):  # a {topic} holds a topic's name
                return True
        return False

    def closes_needed(self, text: str) -> frozenset[str]:
        """The last sentences an answer holding `text` may end with (empty if any).

        An urgent topic's text needs its close (an emergency one outranks); a safety answer
        needs its own direction. Repeat uses this so a replayed answer keeps its close.
        """
        return self._needs.get(text, frozenset())

    @cached_property
    def _needs(self) -> dict[str, frozenset[str]]:
        needs: dict[str, frozenset[str]] = {}
        for topic in self.topics.values():
            if topic.urgent:
                allowed = frozenset(self.closes["emergency"] if topic.urgent == "emergency"
                                    else (*self.closes["doctor"], *self.closes["emergency"]))
                for stage in topic.stages:
                    needs[getattr(topic, stage)] = allowed
        for kind, whose in (("crisis", ""), ("crisis", "other_"), ("emergency", ""), ("emergency", "unsure_")):
            needs[self.safety[f"{kind}.{whose}answer"]] = frozenset([self.safety[f"{kind}.{whose}close"]])
        return needs

    def is_close(self, text: str) -> bool:
        """True if `text` is an urgent close or a safety direction (the last line of an urgent answer)."""
        return text in self._closes

    @cached_property
    def _closes(self) -> frozenset[str]:
        return frozenset([c for variants in self.closes.values() for c in variants]
                         + [self.safety[key] for key in SAFETY_CLOSES])

    def number_credit(self, kind: str) -> str:
        """The screen's credit under an emergency or crisis direction: the number's public source."""
        return f"Numbers from {self.number_sources[kind]}"

    def can_credit(self, credit: str) -> bool:
        """True if `credit` is one this skill shows: the article, or a number's source."""
        return credit == self.source_line or credit in {self.number_credit(k) for k in self.number_sources}

    def can_title(self, title: str) -> bool:
        """True if `title` is a card title this skill shows."""
        return title in self._titles

    @cached_property
    def _names(self) -> frozenset[str]:
        return frozenset(t.name for t in self.topics.values())

    @cached_property
    def _titles(self) -> frozenset[str]:
        return frozenset([self.skill_name, self.prompt("emergency_title"), self.prompt("crisis_title"),
                          *(t.title for t in self.topics.values())])

    @cached_property
    def _sayable(self) -> tuple[frozenset[str], tuple[re.Pattern[str], ...]]:
        said = {getattr(t, stage) for t in self.topics.values() for stage in t.stages}
        said |= {t.direction for t in self.topics.values() if t.direction}
        said |= {close for variants in self.closes.values() for close in variants}
        said |= set(self.safety.values())
        templates = []
        for key, template in self.prompts.items():
            if "{topic}" in template or "{heard}" in template:
                pattern = re.escape(self.prompt(key, topic="\x01", heard="\x02"))
                pattern = pattern.replace("\x01", "(?P<topic>[^.?!]{1,80})").replace("\x02", "[a-z0-9' ]{1,40}")
                templates.append(re.compile(pattern))
            else:
                said.add(self.prompt(key))
        return frozenset(said), tuple(templates)


class Content:
    """The whole content file, validated; `for_locale` gives a locale's view.

    safety_signs: the SAFETY_SIGNS lists; reading: the READING_LISTS; grounds: what every
    text rests on, by entry ("topics.pain", "prompts.help", "closes", "safety.crisis").
    """

    def __init__(self, *, path: str, default_locale: str, skill_name: str, source: Mapping[str, str],
                 medical_terms: tuple[str, ...], aspects: Mapping[str, Aspect], fixed_intents: Mapping[str, str],
                 slot_defaults: Mapping[str, str], locales: Mapping[str, LocaleContent],
                 safety_signs: Mapping[str, tuple[str, ...]], reading: Mapping[str, tuple[str, ...]],
                 grounds: Mapping[str, Grounds]) -> None:
        self.path = path
        self.default_locale = default_locale
        self.skill_name = skill_name
        self.source = source
        self.medical_terms = medical_terms
        self.aspects = aspects
        self.fixed_intents = fixed_intents
        self.slot_defaults = slot_defaults
        self.locales = locales
        self.safety_signs = safety_signs
        self.reading = reading
        self.grounds = grounds

    def for_locale(self, locale: str | None) -> LocaleContent:
        """The view for `locale`; unsupported or missing locales fall back to the default."""
        return self.locales[locale] if locale in self.locales else self.locales[self.default_locale]

    @property
    def default(self) -> LocaleContent:
        return self.locales[self.default_locale]

    @cached_property
    def aspect_by_intent(self) -> Mapping[str, Aspect]:
        return MappingProxyType({a.intent: a for a in self.aspects.values()})

    def slot_values(self, kind: str) -> list[tuple[str, list[str]]]:
        """(id, synonyms) pairs for one slot type, in file order, default-locale spelling.

        kind is "topics" (TOPIC), "cancers" (CANCER), "reports" (SYMPTOM), "danger"
        (DANGER: the emergency and crisis phrases, expanded) or "bones" (BONE: the bones the
        reader knows, listed or not; their words are read, never resolved to a topic).
        """
        topics = self.default.topics.values()
        if kind == "bones":
            bones = dict.fromkeys((*self.reading["bones_listed"], *self.reading["bones_unlisted"]))
            return [(f"bone_{n}", [bone]) for n, bone in enumerate(bones, 1)]
        if kind == "danger":
            from ..patterns import expand
            return [(kind, list(dict.fromkeys(p for pattern in self.safety_signs[f"{kind}.phrases"]
                                                for p in expand(pattern))))
                    for kind in ("crisis", "emergency")]
        if kind == "reports":
            return [(t.id, list(t.report_phrases)) for t in topics if t.report_phrases]
        return [(t.id, list(t.synonyms)) for t in topics if t.kind == kind and t.synonyms]
