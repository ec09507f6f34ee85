"""Load and validate the content file: the only place any answer text lives.

The file is TOML (human-editable, parsed by the standard library, so it costs the
Lambda bundle nothing). It is read once, validated completely, and turned into
immutable per-locale views. Any problem raises `ContentError` naming the file, the
entry and the field, at load time, so a broken edit fails the tests, never a request.

The Lambda build also ships the same data as JSON (`compile_content`): importing
tomllib alone costs about 15 ms of a cold start, json.loads of this file 0.2 ms. The
build validates the TOML completely and stamps the JSON it writes with the CRC-32 of its
text; a cold start that finds the stamp matching skips the per-field checks (about 3 ms,
a third of what the skill added to a cold start). Any other .json file, or a compiled one
edited after the build (its stamp no longer matches), is validated like the TOML.
"""

from __future__ import annotations

import json
import re
import string
import zlib
from functools import cached_property, partial
import os
from types import MappingProxyType
from typing import Any, NamedTuple
from collections.abc import Callable, Iterator, Mapping

URGENT_CLOSES = ("doctor", "emergency")
TOPIC_TABLES = ("topics", "cancers")
LOCALE_PATTERN = re.compile(r"^[a-z]{2}-[A-Z]{2}$")
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
INTENT_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
# Text is plain prose for the speech module to escape; markup or stray brackets mean
# someone pasted SSML or HTML, which would be read aloud or break the response.
MARKUP = re.compile(r"[<>\[\]\\]|&\w*;")
PROMPT_PLACEHOLDERS = frozenset({"skill_name", "topic", "heard", "emergency_number"})
TEXT_PLACEHOLDERS = frozenset({"emergency_number"})
SAFETY_PLACEHOLDERS = frozenset({"emergency_number", "crisis_number", "crisis_service"})
NUMBERS = ("{emergency_number}", "{crisis_number}")  # filled in by the speech module, per locale
# The safety table's texts ("entry.field").
SAFETY_TEXTS = ("crisis.answer", "crisis.close", "crisis.other_answer", "crisis.other_close", "crisis.goodbye",
                "crisis.reminder", "emergency.answer", "emergency.close", "emergency.goodbye", "emergency.reminder",
                "emergency.unsure_answer", "emergency.unsure_close",
                "advice.answer", "advice.urgent", "distress.outlook", "distress.feelings", "statements.diagnosed",
                "statements.unwell")
# The safety texts that end an answer (one sentence each, with the number last).
SAFETY_CLOSES = ("crisis.close", "crisis.other_close", "crisis.goodbye", "crisis.reminder", "emergency.close",
                 "emergency.goodbye", "emergency.reminder", "emergency.unsure_close")
# The DANGER slot's values: emergency and crisis phrases a device resolves exactly.
SAFETY_SIGNS = ("crisis.phrases", "emergency.phrases")
READING_LISTS = ("pronouns", "spread", "question_starts", "fillers", "filler_words", "hedges", "others", "self")
REQUIRED_PROMPTS = (
    "welcome", "welcome_back", "disclaimer", "disclaimer_short", "example", "question", "next_question",
    "help", "help_reprompt", "fallback", "unknown_topic", "unknown_topic_heard",
    "unknown_suggestion", "unknown_cancer", "more_offer", "more_offer_topic", "no_more",
    "nothing_yet", "nothing_to_repeat", "no_thanks", "aspect_gap", "beyond_source", "goodbye", "error",
    "facts_offer", "emergency_title", "crisis_title",
)


class ContentError(ValueError):
    """The content file is malformed; the message names file, entry and field."""

    def __init__(self, path: str | os.PathLike[str], entry: str, field_name: str, problem: str) -> None:
        self.path, self.entry, self.field, self.problem = str(path), entry, field_name, problem
        super().__init__(f"{path}: [{entry}] {field_name}: {problem}")


# The content's value types are NamedTuples and plain classes, not dataclasses: building a
# dataclass's methods costs Python about 0.5 to 1.5 ms per class at import, which was most of
# what this package added to a cold start over a bare ask-sdk-core skill (bench/benchmark.py).


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

        kind is "topics" (TOPIC), "cancers" (CANCER), "reports" (SYMPTOM) or "danger"
        (DANGER: the emergency and crisis phrases, expanded).
        """
        topics = self.default.topics.values()
        if kind == "danger":
            from .patterns import expand
            return [(kind, list(dict.fromkeys(p for pattern in self.safety_signs[f"{kind}.phrases"]
                                                for p in expand(pattern))))
                    for kind in ("crisis", "emergency")]
        if kind == "reports":
            return [(t.id, list(t.report_phrases)) for t in topics if t.report_phrases]
        return [(t.id, list(t.synonyms)) for t in topics if t.kind == kind and t.synonyms]


def load_content(path: str | os.PathLike[str], article: str | os.PathLike[str] | None = None) -> Content:
    """Read, validate and index the content file at `path`.

    article: the source article; when given, every `source` quote must appear in it
        (whitespace and case folded). The skill itself loads without it.

    Raises:
        ContentError: the file is missing, is not TOML, or breaks a rule; the message
            names the file, the entry and the field.
    """
    path = os.fspath(path)
    try:
        with open(path, encoding="utf-8") as file:
            text = file.read()
    except FileNotFoundError:
        raise ContentError(path, "file", "-", "not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError(path, "file", "-", f"cannot be read ({exc})") from None
    validated = False
    if path.endswith(".json"):
        try:
            raw = json.loads(text)
        except ValueError as exc:
            raise ContentError(path, "file", "-", f"is not valid JSON ({exc})") from None
        raw, validated = _unwrap_compiled(text, raw)
    else:
        import tomllib  # only here: the built Lambda reads the JSON and never pays for it

        try:
            raw = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ContentError(path, "file", "-", f"is not valid TOML ({exc})") from None
    if not isinstance(raw, dict):
        raise ContentError(path, "file", "-", "must hold tables at the top level")
    content = (_ValidatedReader if validated else _Validator)(path, raw).build()
    if article is not None:
        check_sources(content, article)
    return content


def fold(text: str) -> str:
    """Whitespace collapsed, lower case: how quotes are matched against the article."""
    return " ".join(text.lower().split())


def check_sources(content: Content, article: str | os.PathLike[str]) -> None:
    """Every `source` quote appears in the article; ContentError names entry and quote if not."""
    try:
        with open(article, encoding="utf-8") as file:
            text = fold(file.read())
    except OSError as exc:
        raise ContentError(article, "file", "-", f"the article cannot be read ({exc})") from None
    for entry, grounds in content.grounds.items():
        for quote in grounds.source:
            if fold(quote) not in text:
                raise ContentError(content.path, entry, "source", f"{quote[:60]!r}... is not in the article")


# A compiled file is {"validated_crc32":N,"content":{...}}: N is the CRC-32 of the content's
# JSON text exactly as compile_content wrote it, after validating the TOML it came from.
_STAMP, _BODY = '{"validated_crc32":', ',"content":'


def compile_content(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
    """Validate the TOML content file and write the same data as stamped JSON (for the Lambda build)."""
    import tomllib

    load_content(source)  # refuse to build from a broken file
    with open(source, encoding="utf-8") as file:
        raw = tomllib.loads(file.read())
    body = json.dumps(raw, ensure_ascii=False, separators=(",", ":"))
    with open(target, "w", encoding="utf-8") as file:
        file.write(f"{_STAMP}{zlib.crc32(body.encode())}{_BODY}{body}}}")


def _unwrap_compiled(text: str, raw: Any) -> tuple[Any, bool]:
    """The content in a parsed .json file, and whether it is byte for byte what
    compile_content validated and wrote (a plain JSON content file is returned as it is)."""
    if not (isinstance(raw, dict) and raw.keys() == {"validated_crc32", "content"}):
        return raw, False
    head, _, rest = text.partition(_BODY)
    body = rest[:-1] if rest.endswith("}") else ""
    stamp = raw["validated_crc32"]
    matches = head == f"{_STAMP}{stamp}" and zlib.crc32(body.encode()) == stamp
    return raw["content"], matches


class _Validator:
    """Checks one parsed file and builds the `Content` from it."""

    def __init__(self, path: str, raw: dict[str, Any]) -> None:
        self.path = path
        self.raw = raw

    def fail(self, entry: str, field_name: str, problem: str) -> ContentError:
        return ContentError(self.path, entry, field_name, problem)

    def table(self, parent: Mapping[str, Any], key: str, entry: str) -> dict[str, Any]:
        value = parent.get(key)
        if not isinstance(value, dict):
            raise self.fail(entry, key, "missing table" if value is None else "must be a table")
        return value

    def text(self, parent: Any, key: str | int, entry: str, *,
             placeholders: frozenset[str] = TEXT_PLACEHOLDERS, required: bool = True,
             label: str | None = None) -> str | None:
        value = parent[key] if isinstance(parent, list) else parent.get(key)
        key = label or key
        if value is None and not required:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(entry, key, "missing" if value is None else "must be non-empty text")
        if MARKUP.search(value):
            raise self.fail(entry, key, "must be plain text (no markup, brackets or entities)")
        if value != " ".join(value.split()):
            raise self.fail(entry, key, "has stray whitespace or line breaks")
        try:
            used = {name for _, name, _, _ in string.Formatter().parse(value) if name is not None}
        except ValueError as exc:
            raise self.fail(entry, key, f"has an unbalanced brace ({exc})") from None
        unknown = used - placeholders
        if unknown:
            raise self.fail(entry, key, f"unknown placeholder {{{sorted(unknown)[0]}}}")
        return value

    def pronunciations(self, locale: str) -> dict[str, str]:
        """A locale's checked pronunciations: word -> IPA (empty entries are not yet checked)."""
        table = self.raw.get("pronunciations", {}).get(locale, {})
        entry = f"pronunciations.{locale}"
        if not isinstance(table, dict):
            raise self.fail(entry, "-", "must map words to IPA")
        for word, ipa in table.items():
            if not re.fullmatch(r"[A-Za-z]+", word):
                raise self.fail(entry, word, "must be one word")
            if not isinstance(ipa, str) or re.search(r"[<>&\"\\]", ipa):
                raise self.fail(entry, word, "must be IPA text (or empty until a reviewer checks it)")
        return {word: ipa for word, ipa in table.items() if ipa}

    def one_sentence(self, text: str, entry: str, field_name: str) -> None:
        if len(re.findall(r"[.!?](\s|$)", text)) != 1 or text[-1] not in ".!?":
            raise self.fail(entry, field_name, "must be exactly one sentence")

    def phrase_list(self, parent: Mapping[str, Any], key: str, entry: str) -> tuple[str, ...]:
        """A list of patterns (see patterns.py): words, (a|b), [x], and " + " between parts."""
        value = parent.get(key)
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(entry, key, "missing" if value is None else "must be a list of non-empty strings")
        for pattern in value:
            if not re.fullmatch(r"[a-z0-9' ()|\[\]+]+", pattern) or pattern.count("(") != pattern.count(")") \
                    or pattern.count("[") != pattern.count("]"):
                raise self.fail(entry, key, f"{pattern!r}: lower-case words, (a|b), [x] and ' + ' only, balanced")
        return tuple(value)

    def build_safety(self) -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
        """The [safety] table: what is said in an emergency, a crisis, and to hard questions."""
        safety = self.table(self.raw, "safety", "safety")
        texts: dict[str, str] = {}
        signs: dict[str, tuple[str, ...]] = {}
        for name in {key.split(".")[0] for key in SAFETY_TEXTS + SAFETY_SIGNS}:
            entry = self.table(safety, name, "safety")
            self.text(entry, "basis", f"safety.{name}")
        for key in SAFETY_TEXTS:
            name, field_name = key.split(".")
            texts[key] = self.text(safety[name], field_name, f"safety.{name}", placeholders=SAFETY_PLACEHOLDERS)
            if key in SAFETY_CLOSES and field_name != "goodbye":  # a goodbye may take two
                self.one_sentence(texts[key], f"safety.{name}", field_name)
        for key in SAFETY_SIGNS:
            name, field_name = key.split(".")
            signs[key] = self.phrase_list(safety[name], field_name, f"safety.{name}")
        return texts, signs

    def grounds(self, spec: Mapping[str, Any], entry: str) -> Grounds:
        """An entry's `source` quotes and/or `basis`; one of them is required."""
        source = spec.get("source", [])
        if not isinstance(source, list) or not all(isinstance(q, str) and q.strip() for q in source):
            raise self.fail(entry, "source", "must be a list of quotes from the article")
        basis = spec.get("basis")
        if basis is not None and (not isinstance(basis, str) or not basis.strip()):
            raise self.fail(entry, "basis", "must name what the text rests on")
        if not source and not basis:
            raise self.fail(entry, "source", "missing: quote the article passage, or name a basis")
        return Grounds(tuple(source), basis)

    def phrases(self, parent: Mapping[str, Any], key: str, entry: str) -> tuple[str, ...]:
        value = parent.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(entry, key, "must be a list of non-empty strings")
        for phrase in value:
            if not re.fullmatch(r"[A-Za-z][A-Za-z' .]*", phrase):
                raise self.fail(entry, key, f"{phrase!r}: only letters, spaces, apostrophes and periods")
        return tuple(value)

    def build(self) -> Content:
        skill = self.table(self.raw, "skill", "skill")
        skill_name = self.text(skill, "name", "skill")
        default_locale = self.text(skill, "default_locale", "skill")
        source = self.table(self.raw, "source", "source")
        for key in ("title", "reviewer", "review_date"):
            self.text(source, key, "source")
        terms = self.table(self.raw, "medical_terms", "medical_terms").get("words")
        if not isinstance(terms, list) or not all(isinstance(t, str) for t in terms):
            raise self.fail("medical_terms", "words", "must be a list of words")

        closes_raw = self.table(self.raw, "closes", "closes")
        closes: dict[str, tuple[str, ...]] = {}
        for key in closes_raw.keys() - {*URGENT_CLOSES, "source", "basis"}:
            raise self.fail("closes", key, "unknown close")
        for key in URGENT_CLOSES:
            variants = closes_raw.get(key)
            if not isinstance(variants, list) or not variants:
                raise self.fail("closes", key, "must be a list of one or more sentences")
            for index, _ in enumerate(variants):
                text = self.text(variants, index, "closes", label=f"{key}[{index}]")
                self.one_sentence(text, "closes", f"{key}[{index}]")
            closes[key] = tuple(variants)
        safety_texts, safety_signs = self.build_safety()
        grounds = {"closes": self.grounds(closes_raw, "closes")}
        prompt_sources = self.table(self.raw, "prompt_sources", "prompt_sources")
        for key in REQUIRED_PROMPTS:
            spec = prompt_sources.get(key)
            if not isinstance(spec, dict):
                raise self.fail("prompt_sources", key, "missing: name the source or the basis of this prompt")
            grounds[f"prompts.{key}"] = self.grounds(spec, f"prompt_sources.{key}")
        for name in {key.split(".")[0] for key in SAFETY_TEXTS}:
            grounds[f"safety.{name}"] = self.grounds(self.raw["safety"][name], f"safety.{name}")
        reading_raw = self.table(self.raw, "reading", "reading")
        reading = {key: self.phrase_list(reading_raw, key, "reading") for key in READING_LISTS}
        prompts = self.table(self.raw, "prompts", "prompts")
        for key in REQUIRED_PROMPTS:
            self.text(prompts, key, "prompts", placeholders=PROMPT_PLACEHOLDERS)
        for key in prompts.keys() - set(REQUIRED_PROMPTS):
            raise self.fail("prompts", key, "unknown prompt (the skill never says it)")

        topics = self.build_topics()
        aspects = self.build_aspects(topics)
        fixed = self.table(self.raw, "fixed_intents", "fixed_intents")
        for intent, topic_id in fixed.items():
            if not INTENT_PATTERN.match(intent):
                raise self.fail("fixed_intents", intent, "is not a valid intent name")
            self.topic_ref(topics, topic_id, "fixed_intents", intent)
        slot_defaults = self.table(self.raw, "slot_defaults", "slot_defaults")
        for slot in ("topic", "cancer", "symptom"):
            self.topic_ref(topics, slot_defaults.get(slot), "slot_defaults", slot)
        if not topics[slot_defaults["symptom"]].report:
            raise self.fail("slot_defaults", "symptom", "must name a topic with a report")
        self.check_unique_phrases(topics)
        self.check_reachable(topics, aspects, {**fixed, **slot_defaults})

        locales_raw = self.table(self.raw, "locales", "locales")
        if default_locale not in locales_raw:
            raise self.fail("skill", "default_locale", f"{default_locale!r} has no [locales] entry")
        locales = {}
        for locale, spec in locales_raw.items():
            entry = f"locales.{locale}"
            if not LOCALE_PATTERN.match(locale) or not isinstance(spec, dict):
                raise self.fail(entry, "-", "must be a table named like en-US")
            spelling = spec.get("spelling", {})
            if not isinstance(spelling, dict) or not all(
                    isinstance(k, str) and isinstance(v, str) for k, v in spelling.items()):
                raise self.fail(entry, "spelling", "must map words to words")
            service = self.text(spec, "crisis_service", entry, placeholders=frozenset({"crisis_number"}))
            sounds = self.pronunciations(locale)
            locales[locale] = partial(
                _localise, locale, Spelling(spelling), skill_name=skill_name, prompts=prompts, closes=closes,
                topics=topics, emergency_number=self.text(spec, "emergency_number", entry),
                emergency_spoken=self.text(spec, "emergency_spoken", entry),
                crisis_number=self.text(spec, "crisis_number", entry),
                crisis_spoken=self.text(spec, "crisis_spoken", entry),
                safety={key: text.replace("{crisis_service}", service) for key, text in safety_texts.items()},
                pronunciations=MappingProxyType(sounds),
                number_sources=MappingProxyType({kind: self.text(spec, f"{kind}_source", entry)
                                                 for kind in ("emergency", "crisis")}),
                source_line=f"From {source['title']}, medically reviewed {source['review_date'][:4]}",
            )
        return Content(
            path=self.path, default_locale=default_locale, skill_name=skill_name,
            source=MappingProxyType(dict(source)), medical_terms=tuple(terms),
            aspects=MappingProxyType(aspects), fixed_intents=MappingProxyType(dict(fixed)),
            slot_defaults=MappingProxyType(dict(slot_defaults)),
            locales=LazyLocales(locales, first=default_locale),
            safety_signs=MappingProxyType(safety_signs), reading=MappingProxyType(reading),
            grounds=MappingProxyType({**grounds, **{f"{t.kind}.{t.id}": t.grounds for t in topics.values()}}),
        )

    def build_topics(self) -> dict[str, Topic]:
        topics: dict[str, Topic] = {}
        for kind in TOPIC_TABLES:
            for topic_id, spec in self.table(self.raw, kind, kind).items():
                entry = f"{kind}.{topic_id}"
                if not ID_PATTERN.match(topic_id) or not isinstance(spec, dict):
                    raise self.fail(entry, "-", "ids are lower_case_words and entries are tables")
                if topic_id in topics:
                    raise self.fail(entry, "-", f"id already used in [{topics[topic_id].kind}]")
                known = {"title", "name", "summary", "more", "synonyms", "urgent", "report",
                         "report_phrases", "aspects", "signs", "source", "basis", "direction"}
                for key in spec.keys() - known:
                    raise self.fail(entry, key, "unknown field")
                urgent = spec.get("urgent")
                if urgent is not None and urgent not in URGENT_CLOSES:
                    raise self.fail(entry, "urgent", f"must be one of {', '.join(URGENT_CLOSES)}")
                report = self.text(spec, "report", entry, required=False)
                if report and not urgent:
                    raise self.fail(entry, "report", "only urgent topics answer symptom reports")
                aspects = spec.get("aspects", {})
                if not isinstance(aspects, dict):
                    raise self.fail(entry, "aspects", "must map aspect ids to topic ids")
                topics[topic_id] = Topic(
                    id=topic_id, kind=kind,
                    title=self.text(spec, "title", entry), name=self.text(spec, "name", entry),
                    summary=self.text(spec, "summary", entry), more=self.text(spec, "more", entry, required=False),
                    synonyms=self.phrases(spec, "synonyms", entry), urgent=urgent, report=report,
                    report_phrases=self.phrases(spec, "report_phrases", entry),
                    aspects=MappingProxyType(dict(aspects)),
                    signs=self.phrase_list(spec, "signs", entry) if "signs" in spec else (),
                    grounds=self.grounds(spec, entry),
                    direction=self.text(spec, "direction", entry, required=False),
                )
                if report and not topics[topic_id].report_phrases:
                    raise self.fail(entry, "report_phrases", "a topic with a report needs phrases")
        for topic in topics.values():
            for aspect_id, target in topic.aspects.items():
                self.topic_ref(topics, target, f"{topic.kind}.{topic.id}", f"aspects.{aspect_id}")
        return topics

    def build_aspects(self, topics: Mapping[str, Topic]) -> dict[str, Aspect]:
        aspects = {}
        for aspect_id, spec in self.table(self.raw, "aspects", "aspects").items():
            entry = f"aspects.{aspect_id}"
            intent = self.text(spec, "intent", entry)
            if not INTENT_PATTERN.match(intent):
                raise self.fail(entry, "intent", "is not a valid intent name")
            default = self.text(spec, "default", entry)
            self.topic_ref(topics, default, entry, "default")
            flags = {}
            for flag, standard in (("any_topic", False), ("offer_default", True)):
                flags[flag] = spec.get(flag, standard)
                if not isinstance(flags[flag], bool):
                    raise self.fail(entry, flag, "must be true or false")
            aspects[aspect_id] = Aspect(aspect_id, intent, self.text(spec, "name", entry), default, flags["any_topic"],
                                        cues=self.phrase_list(spec, "cues", entry),
                                        offer_default=flags["offer_default"])
        for topic in topics.values():
            for aspect_id in topic.aspects.keys() - aspects.keys():
                raise self.fail(f"{topic.kind}.{topic.id}", f"aspects.{aspect_id}", "unknown aspect")
        return aspects

    def topic_ref(self, topics: Mapping[str, Topic], topic_id: Any, entry: str, field_name: str) -> None:
        if topic_id not in topics:
            raise self.fail(entry, field_name, f"unknown topic id {topic_id!r}")

    def check_unique_phrases(self, topics: Mapping[str, Topic]) -> None:
        """Alexa resolves each phrase to one value per slot type, so a phrase may appear once."""
        seen: dict[tuple[str, str], str] = {}
        for topic in topics.values():
            groups = {topic.kind: topic.synonyms, "reports": topic.report_phrases}
            for slot_kind, phrases in groups.items():
                field_name = "report_phrases" if slot_kind == "reports" else "synonyms"
                for phrase in phrases:
                    key = (slot_kind, " ".join(phrase.lower().split()))
                    if key in seen:
                        raise self.fail(f"{topic.kind}.{topic.id}", field_name,
                                        f"duplicate synonym {phrase!r} (also in {seen[key]})")
                    seen[key] = topic.id

    def check_reachable(self, topics: Mapping[str, Topic], aspects: Mapping[str, Aspect],
                        fixed: Mapping[str, str]) -> None:
        """A topic nobody can ask about is a sign of a typo in an id."""
        reachable = {t.id for t in topics.values() if t.synonyms or t.report_phrases}
        reachable |= {a.default for a in aspects.values()} | set(fixed.values())
        reachable |= {target for t in topics.values() for target in t.aspects.values()}
        for topic in topics.values():
            if topic.id not in reachable:
                raise self.fail(f"{topic.kind}.{topic.id}", "synonyms",
                                "no synonyms, and no aspect or intent leads here")


class _ValidatedReader(_Validator):
    """Builds the `Content` from a file the build already validated (its stamp matches):
    the same tables, without the per-field checks."""

    def text(self, parent: Any, key: str | int, entry: str, **_: Any) -> str | None:
        return parent[key] if isinstance(parent, list) else parent.get(key)

    def phrase_list(self, parent: Mapping[str, Any], key: str, entry: str) -> tuple[str, ...]:
        return tuple(parent[key])

    def phrases(self, parent: Mapping[str, Any], key: str, entry: str) -> tuple[str, ...]:
        return tuple(parent.get(key, ()))

    def pronunciations(self, locale: str) -> dict[str, str]:
        return {word: ipa for word, ipa in self.raw.get("pronunciations", {}).get(locale, {}).items() if ipa}

    def one_sentence(self, text: str, entry: str, field_name: str) -> None:
        pass

    def check_unique_phrases(self, topics: Mapping[str, Topic]) -> None:
        pass

    def check_reachable(self, topics: Mapping[str, Topic], aspects: Mapping[str, Aspect],
                        fixed: Mapping[str, str]) -> None:
        pass


class Spelling:
    """Whole-word replacements for one locale (tumor -> tumour)."""

    def __init__(self, words: Mapping[str, str]) -> None:
        self.words = MappingProxyType(dict(words))
        self._pattern = re.compile(r"\b(" + "|".join(map(re.escape, words)) + r")\b") if words else None

    def __call__(self, text: str) -> str:
        if self._pattern is None:
            return text
        return self._pattern.sub(lambda m: self.words[m.group(1)], text)


def _localise(locale: str, spelling: Spelling, *, skill_name: str,
              prompts: Mapping[str, str], closes: Mapping[str, tuple[str, ...]], topics: Mapping[str, Topic],
              emergency_number: str, emergency_spoken: str, crisis_number: str, crisis_spoken: str,
              safety: Mapping[str, str], pronunciations: Mapping[str, str],
              number_sources: Mapping[str, str], source_line: str) -> LocaleContent:
    """Apply a locale's spelling to every text; slot synonyms stay as written."""
    def spell(text: str | None) -> str | None:
        return None if text is None else spelling(text)

    local_topics = {
        topic_id: topic._replace(**{key: spell(getattr(topic, key))
                                    for key in ("title", "name", "summary", "more", "report", "direction")})
        for topic_id, topic in topics.items()
    }
    return LocaleContent(
        locale=locale, emergency_number=emergency_number, emergency_spoken=emergency_spoken,
        crisis_number=crisis_number, crisis_spoken=crisis_spoken, skill_name=skill_name, spelling=spelling,
        prompts=MappingProxyType({k: spelling(v) for k, v in prompts.items()}),
        closes=MappingProxyType({k: tuple(spelling(v) for v in variants) for k, variants in closes.items()}),
        topics=MappingProxyType(local_topics),
        safety=MappingProxyType({k: spelling(v) for k, v in safety.items()}),
        pronunciations=pronunciations, number_sources=number_sources, source_line=source_line,
    )


class LazyLocales(Mapping[str, "LocaleContent"]):
    """The locales, each localised on first use: validated at load, but a cold start only
    spells out the default locale and the one its first request asks for."""

    def __init__(self, builders: Mapping[str, Callable[[], LocaleContent]], first: str) -> None:
        self._builders = dict(builders)
        self._built: dict[str, LocaleContent] = {}
        self[first]  # the default is needed by the error handler, built at load

    def __getitem__(self, locale: str) -> LocaleContent:
        built = self._built.get(locale)
        if built is None:
            built = self._built[locale] = self._builders[locale]()  # KeyError for a locale we lack
        return built

    def __iter__(self) -> Iterator[str]:
        return iter(self._builders)

    def __len__(self) -> int:
        return len(self._builders)
