"""Reads and validates the content file: every rule, with an error naming file, entry and field.

The file is TOML (human-editable, parsed by the standard library, so it costs the Lambda bundle
nothing). It is read once, validated completely, and turned into immutable per-locale views
(localisation.py). Any problem raises `ContentError` naming the file, the entry and the field,
at load time, so a broken edit fails the tests, never a request.
"""

from __future__ import annotations

import json
import os
import re
import string
from collections.abc import Mapping
from functools import partial
from types import MappingProxyType
from typing import Any

from .compilation import _unwrap_compiled
from .localisation import LazyLocales, Spelling, _localise
from .values import SAFETY_CLOSES, Aspect, Content, ContentError, Grounds, Topic

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
                "crisis.reminder", "crisis.still", "emergency.answer", "emergency.close", "emergency.goodbye",
                "emergency.reminder",
                "emergency.unsure_answer", "emergency.unsure_close", "emergency.when_to_call",
                "advice.answer", "advice.urgent", "distress.outlook", "distress.feelings", "statements.diagnosed",
                "statements.unwell", "unplaced.answer", "unplaced.close")
# The DANGER slot's values: emergency and crisis phrases a device resolves exactly.
SAFETY_SIGNS = ("crisis.phrases", "emergency.phrases")
READING_LISTS = ("pronouns", "spread", "spread_told", "question_starts", "fillers", "filler_words", "hedges", "others",
                 "self",
                 "seek_care", "medicine_decisions", "cancer_kinds", "than_other_cancers", "clarify", "goodbye",
                 "watch_for", "compare", "compare_with_pointer", "besides", "part_set_aside", "only_medicines",
                 "which_of_them", "untreated", "permission", "what_it_is", "bones_listed",
                 "bones_unlisted",
                 "when_to_call", "help_services", "other_cancers", "leave_taking",
                 "subject_said_as", "dental_work", "unbroken", "broken", "eases_it", "organ_harmed",
                 "crisis_told", "crisis_denied", "crisis_settled", "harm_done", "done_that",
                 "diagnosis_told", "only_one", "cause_asked", "because_said", "played_down", "waits_for_care",
                 "what_to_do", "spread_odds", "what_to_do_after_carrier", "part_pointed_at", "seriousness_asked",
                 "seriousness_after_carrier",
                 "names_only", "judged", "predicted", "timed", "priced", "test_asked", "blame", "counted", "puzzled",
                 "names_nothing", "treatable", "alike", "done_by_them",
                 "every_type", "why_to_bone", "crisis_settled_next", "unnamed_cancers", "bone_exposed", "pain_denied",
                 "emergency_had", "leave_only", "aside_opened", "aside_ended")
REQUIRED_PROMPTS = (
    "welcome", "welcome_back", "disclaimer", "disclaimer_short", "example", "question", "next_question",
    "help", "help_reprompt", "fallback", "unknown_topic", "unknown_topic_heard",
    "unknown_suggestion", "unknown_cancer", "more_offer", "more_offer_topic", "no_more", "plainly",
    "nothing_yet", "nothing_to_repeat", "no_thanks", "aspect_gap", "eases_untold", "in_general", "beyond_source",
    "beyond_source_heard",
    "goodbye", "error", "facts_offer", "emergency_title", "crisis_title", "bone_listed", "bone_unlisted", "how_serious",
)



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
            for flag, standard in (("any_topic", False), ("offer_default", True), ("per_cancer", False)):
                flags[flag] = spec.get(flag, standard)
                if not isinstance(flags[flag], bool):
                    raise self.fail(entry, flag, "must be true or false")
            aspects[aspect_id] = Aspect(aspect_id, intent, self.text(spec, "name", entry), default, flags["any_topic"],
                                        cues=self.phrase_list(spec, "cues", entry),
                                        offer_default=flags["offer_default"], per_cancer=flags["per_cancer"])
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
