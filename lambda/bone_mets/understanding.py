"""What a person meant: the one place that reads words Alexa did not resolve to a slot value.

Alexa fills a custom slot with words that are not among its values too (entity resolution
then says ER_SUCCESS_NO_MATCH), and the model may route a frightened sentence to the wrong
intent. Every handler that reads a slot comes here (`understand`): a resolved value is
taken as it is; unresolved words are read with the content file's own vocabulary, in this
order:

1. safety: a crisis ("i want to die"), then a possible emergency ("my husband collapsed");
2. a statement of an urgent symptom in everyday words ("my hip hurts all the time");
3. a request for advice only a care team can give ("should i stop my chemo");
4. hard questions and feelings ("am i dying", "i'm scared");
5. the topic and the side of it asked about ("the kind that destroys bone", "what about
   the treatment", "is it dangerous" after an answer);
6. only then "I don't know", saying back a short unknown term at most, never the carrier
   words around it.
"""

from __future__ import annotations

from functools import cached_property
from typing import NamedTuple

from ask_sdk_core import utils as ask_utils
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import IntentRequest
from ask_sdk_model.slu.entityresolution import StatusCode

from .content import Content, Topic
from .patterns import Sign, normalise

MAX_HEARD_WORDS = 3  # an unknown term longer than this is not said back
FUZZY_CUTOFF = 88  # rapidfuzz ratio for a misheard medical word ("hyper calcemia")
FUZZY_CUTOFF_LONG = 78  # the same for words of ten letters or more ("bisfosfonates")
# Slots whose words are read (every custom slot of the model); DANGER holds emergency
# and crisis phrases, so a resolved DANGER value is itself a reading.
SLOTS = ("danger", "symptom", "detail", "topic", "other", "cancer", "query", "context")
FREE_SLOTS = ("query", "context")  # always read: their values are examples, never a meaning
STATEMENT_INTENTS = frozenset({"SymptomReportIntent"})
# The reader's lists of signs: name -> (content table, the lists in it that make it up).
SIGN_LISTS = {
    "crisis": ("safety", "crisis.phrases", "crisis.signs"),
    "emergency": ("safety", "emergency.phrases", "emergency.signs"),
    "advice": ("safety", "advice.signs"),
    "outlook": ("safety", "distress.outlook_signs"),
    "feelings": ("safety", "distress.feelings_signs"),
    "diagnosed": ("safety", "statements.diagnosed_signs"),
    "pronouns": ("reading", "pronouns"),
    "spread": ("reading", "spread"),
    "beyond": ("reading", "beyond"),
    "question_cues": ("reading", "question_cues"),
}


class Meaning(NamedTuple):  # not a dataclass: see content.Grounds
    """What the words meant.

    kind: "crisis", "emergency", "report" (an urgent symptom stated: `topic` is it),
        "advice", "outlook" (a question only the care team can answer), "feelings",
        "diagnosed" (a statement about having cancer), "unwell" (a statement we can't
        place), "question" (about `topic` and/or `aspect`), or "unknown".
    topic: a topic or cancer id; aspect: an aspect id.
    follows_up: the words point back at the last answer ("it", "the mixed one").
    term: a short unknown term that may be said back ("leukemia"), else None.
    """

    kind: str
    topic: str | None = None
    aspect: str | None = None
    follows_up: bool = False
    term: str | None = None

    @property
    def safety(self) -> bool:
        return self.kind in ("crisis", "emergency")

    @property
    def places_nothing(self) -> bool:
        """True if the words named nothing to answer: unknown, or a question with no topic or side."""
        return self.kind == "unknown" or (self.kind == "question" and not self.topic and not self.aspect)


class Reader:
    """Reads free words with the content file's vocabulary (built once, at skill assembly)."""

    def __init__(self, content: Content) -> None:
        self.content = content
        reading = content.reading
        self.question_starts = frozenset(reading["question_starts"])
        self.auxiliaries = frozenset(reading["auxiliaries"])
        self.statement_starts = frozenset(reading["statement_starts"])
        self.fillers = frozenset(reading["fillers"])
        self.hedges = frozenset(reading["hedges"])
        self.filler_words = frozenset(reading["filler_words"]) | self.question_starts | self.fillers
        self.subject = content.slot_defaults["topic"]

    # The sign tables are built on first use (about 40 ms): a cold start that never meets an
    # unresolved word, like the welcome, never pays for them.
    @cached_property
    def lists(self) -> dict[str, list[Sign]]:
        """Each reading list of SIGN_LISTS, compiled: "crisis", "emergency", "advice", ..."""
        tables = {"safety": self.content.safety_signs, "reading": self.content.reading}
        return {name: _signs(tuple(pattern for key in keys for pattern in tables[table][key]))
                for name, (table, *keys) in SIGN_LISTS.items()}

    @cached_property
    def symptoms(self) -> list[tuple[str, list[Sign]]]:
        """Urgent topics with a report, by their everyday signs and symptom phrases."""
        return [(t.id, _signs(t.signs + tuple(_quote(p) for p in t.report_phrases)))
                for t in self.content.default.topics.values() if t.report]

    @cached_property
    def topics(self) -> list[tuple[str, list[Sign]]]:
        return [(t.id, _signs(t.signs + tuple(_quote(s) for s in self._readable_synonyms(t))))
                for t in self.content.default.topics.values()]

    @cached_property
    def aspects(self) -> list[tuple[str, list[Sign]]]:
        return [(a.id, _signs(a.cues)) for a in self.content.aspects.values()]

    @staticmethod
    def _readable_synonyms(topic: Topic) -> tuple[str, ...]:
        # A one-word cancer synonym that names a body part ("breast", "lung") names the cancer
        # only beside the word cancer or tumor ("my lungs" is not lung cancer); "melanoma" is one.
        if topic.kind == "cancers":
            single = [s for s in topic.synonyms if " " not in s and not s.endswith(("oma", "omas"))]
            paired = tuple(f"{s} + (cancer|tumor|tumour)" for s in single)
            return tuple(s for s in topic.synonyms if s not in single) + paired
        return topic.synonyms

    @cached_property
    def _fuzzy_choices(self) -> dict[str, str]:
        """Normalised multi-letter synonyms of every topic, for misheard words."""
        choices: dict[str, str] = {}
        for topic in self.content.default.topics.values():
            for synonym in topic.synonyms:
                phrase = normalise(synonym)
                if len(phrase) >= 6:
                    choices.setdefault(phrase, topic.id)
        return choices

    def read(self, text: str, *, context: str = "", statement: bool | None = None) -> Meaning:
        """What `text` (and any `context` said before the question) meant.

        statement: True if the intent says this is a statement about someone ("I have
        ..."), False if a question; None to judge from the words.
        """
        if context:
            text, context, statement = self._regroup(text, context, statement)
        words = _strip(self._words(f"{context} {text}"), self.fillers)
        full = f" {' '.join(words)} "
        if _best(self.lists["crisis"], full):
            return Meaning("crisis")
        if _best(self.lists["emergency"], full):
            return Meaning("emergency")
        question_part = f" {' '.join(_strip(self._words(text), self.fillers))} "
        said_before = f" {' '.join(self._words(context))} " if context else ""
        starts_as_statement = bool(words) and words[0] in self.statement_starts
        asks = bool(_best(self.lists["question_cues"], full))
        if statement is None:
            statement = starts_as_statement and not asks and not context
        # A person telling a symptom is answered about the symptom, even if a question follows
        # ("my back hurts, what should I do?").
        told = said_before or full
        if statement or _starts(told, self.statement_starts):
            symptom = self._symptom(told) or (self._symptom(full) if context else None)
            if symptom:
                return Meaning("report", topic=symptom)
        # A statement that also asks ("my dad has prostate cancer, could it spread?") is a question.
        statement = statement and not asks
        if _best(self.lists["advice"], full):
            return Meaning("advice", topic=self._topic(full))
        if _best(self.lists["outlook"], full):
            return Meaning("outlook", topic=self._topic(full))
        if _best(self.lists["feelings"], full) and (statement or not self._topic(question_part)):
            return Meaning("feelings")
        if _best(self.lists["beyond"], full):
            return Meaning("unknown")
        topic = self._topic(question_part)
        asked = _best(self.aspects, question_part)
        if context and topic in (None, self.subject):  # "my mom has breast cancer, will it spread to bone?"
            background = self._topic(said_before)
            # A cancer named before a question about a side the article gives it no answer for
            # ("my dad has lung cancer in his bones, what treatments are there") is background:
            # the question is about bone metastases.
            if not (background and asked and self._is_cancer(background)
                    and asked not in self.content.default.topics[background].aspects
                    and not _best(self.lists["spread"], question_part)):
                topic = background or topic
        if topic and not asked and self._is_cancer(topic) and _best(self.lists["spread"], full):
            return Meaning("question", topic=topic)  # "I have breast cancer, can it spread?"
        aspect = asked or (_best(self.aspects, full) if context else None)
        follows_up = bool(_best(self.lists["pronouns"], question_part))
        if statement and not context:
            if _best(self.lists["diagnosed"], full) or topic:
                return Meaning("diagnosed", topic=topic)
            return Meaning("unwell")
        if topic is None and aspect is None:
            topic = self._fuzzy(words)
        if topic and aspect is None and self._is_cancer(topic) and _best(self.lists["spread"], full):
            return Meaning("question", topic=topic)
        if topic or aspect:
            return Meaning("question", topic=topic, aspect=aspect, follows_up=follows_up and not topic)
        if follows_up:
            return Meaning("question", follows_up=True)
        return Meaning("unknown", term=self._term(words))


    def _regroup(self, text: str, context: str, statement: bool | None) -> tuple[str, str, bool | None]:
        """Words a carrier split into {context} and {text} that are really one piece: then the
        context joins the text (and the statement flag may be judged from the words)."""
        subject = self._words(context)
        asked = self._words(text)
        if self.opens_a_question(context):  # "{what kind of tests} do {they do to look for it}"
            return f"{context} {text}", "", statement
        if asked and all(word in self.filler_words for word in asked):
            # The question is in the context ("{my aunt's kidney cancer spread, what type} will
            # it {be}"): a carrier split it late, leaving no words of its own after it.
            return f"{context} {text}", "", statement
        if 0 < len(subject) <= 2 and subject[0] in self.statement_starts:
            # "{I} can {barely walk}", "{my dad} will {not eat}": a modal verb split the words,
            # which are a statement about someone, not context before a question.
            return f"{context} {text}", "", None
        return text, context, statement

    def _words(self, text: str) -> list[str]:
        """The words read: normalised, without hedges ("really"), which would split a phrase."""
        return [word for word in normalise(text).split() if word not in self.hedges]

    def opens_a_question(self, text: str, *, after_subject: bool = False) -> bool:
        """True if the words open with a question word or a request ("list", "tell").

        after_subject: the words follow a subject in a statement's carrier ("I {have cancer}"),
        where a verb like "have" or "is" opens no question.
        """
        words = _strip(normalise(text).split(), self.fillers)
        starts = self.question_starts - self.auxiliaries if after_subject else self.question_starts
        return bool(words) and words[0] in starts

    def most_urgent(self, topic_ids: list[str]) -> str:
        """Of several symptoms named, the one whose close outranks ("emergency" first)."""
        return min(topic_ids, key=lambda t: self._urgency(t) != "emergency")

    def _symptom(self, text: str) -> str | None:
        """The urgent symptom the words describe; an emergency outranks the rest."""
        emergencies = [(k, s) for k, s in self.symptoms if self._urgency(k) == "emergency"]
        return _best(emergencies, text) or _best(self.symptoms, text)

    def _urgency(self, topic_id: str) -> str | None:
        return self.content.default.topics[topic_id].urgent

    def _topic(self, text: str) -> str | None:
        """The topic named; the subject itself ("bone metastases") only if nothing more specific is.
        Of several named, the first mentioned ("can radiation help with bone pain": radiation)."""
        if not text.strip():
            return None
        found = []
        for topic_id, signs in self.topics:
            scores = [(sign.found_in(text), sign) for sign in signs]
            score = sum(points for points, _ in scores)
            if score:
                first = min(sign.position(text) for points, sign in scores if points)
                found.append((topic_id != self.subject, -first, score, topic_id))
        return max(found)[3] if found else None

    def _is_cancer(self, topic_id: str) -> bool:
        return self.content.default.topics[topic_id].kind == "cancers"

    def _fuzzy(self, words: list[str]) -> str | None:
        """A misheard or misspelled medical word ("bisfosfonates", "osteo blastic")."""
        content_words = [w for w in words if w not in self.filler_words]
        if not content_words:
            return None
        # Imported here: only unresolved, unrecognised words pay for it, never a cold start.
        from rapidfuzz import fuzz, process

        candidates = {" ".join(content_words[i:i + n]) for n in (1, 2, 3) for i in range(len(content_words))}
        best = None
        for candidate in candidates:
            if len(candidate.replace(" ", "")) < 6:
                continue
            cutoff = FUZZY_CUTOFF_LONG if len(candidate) >= 10 else FUZZY_CUTOFF
            found = process.extractOne(candidate, self._fuzzy_choices.keys(), scorer=fuzz.ratio, score_cutoff=cutoff)
            if found and (best is None or found[1] > best[1]):
                best = found
        return self._fuzzy_choices[best[0]] if best else None

    def _term(self, words: list[str]) -> str | None:
        remaining = [w for w in words if w not in self.filler_words]
        return " ".join(remaining) if 0 < len(remaining) <= MAX_HEARD_WORDS else None


def understand(handler_input: HandlerInput, reader: Reader) -> Meaning | None:
    """The meaning of the request's slots, or None if no slot carries words.

    A resolved value is the person's meaning as it is: a topic, cancer or symptom id, or
    a DANGER value ("crisis", "emergency"). Unresolved words go to `Reader.read`. Cached
    for the request, so the handler that answers reads the same meaning as the one that
    chose to.
    """
    cache = handler_input.attributes_manager.request_attributes
    if "meaning" in cache:
        return cache["meaning"]
    cache["meaning"] = meaning = _understand(handler_input, reader)
    return meaning


def _understand(handler_input: HandlerInput, reader: Reader) -> Meaning | None:
    request = handler_input.request_envelope.request
    if not isinstance(request, IntentRequest) or request.intent is None:
        return None
    name = request.intent.name
    resolved: dict[str, str] = {}
    heard: dict[str, str] = {}
    for slot_name in SLOTS:
        value_id, words = slot_value(handler_input, slot_name)
        if value_id and slot_name not in FREE_SLOTS:
            resolved[slot_name] = value_id
        elif words:
            heard[slot_name] = words
    if resolved.get("danger") in ("crisis", "emergency"):
        return Meaning(resolved["danger"])
    for first in ("symptom", "danger"):  # "{symptom} and {detail}": the carrier's "and" is theirs
        if first in heard and "detail" in heard:
            heard[first] = f"{heard[first]} and {heard.pop('detail')}"
    unresolved = " ".join(heard.get(s, "") for s in SLOTS if s != "context")
    symptoms = [resolved[s] for s in ("symptom", "detail") if s in resolved]
    if not heard:
        if symptoms:  # the most urgent of the symptoms named
            return Meaning("report", topic=reader.most_urgent(symptoms))
        topic = resolved.get("topic") or resolved.get("cancer")
        return Meaning("question", topic=topic) if topic else None
    # The words of a symptom report are a statement unless they open like a question or a
    # request ("{danger} please" also hears "list the types please"); of any other intent, a
    # question (the question word is the carrier). Words said before the question are read
    # as they come.
    statement = name in STATEMENT_INTENTS and not reader.opens_a_question(unresolved, after_subject=True)
    meaning = reader.read(unresolved.strip(), context=heard.get("context", ""), statement=statement)
    if meaning.safety:
        return meaning
    if name in STATEMENT_INTENTS and symptoms:  # "my back hurts and {my legs feel funny}": the symptom named
        found = symptoms + ([meaning.topic] if meaning.kind == "report" else [])
        return Meaning("report", topic=reader.most_urgent(found))
    if meaning.kind not in ("question", "unknown"):
        return meaning
    # Words that did resolve still name the topic ("what is the difference between {topic} and {other}").
    topic = resolved.get("topic") or resolved.get("cancer") or resolved.get("symptom")
    if topic and meaning.topic is None:
        return Meaning("question", topic=topic, aspect=meaning.aspect)
    return meaning


def slot_value(handler_input: HandlerInput, slot_name: str) -> tuple[str | None, str | None]:
    """(resolved value id, words heard) for a slot; either may be None.

    Only an ER_SUCCESS_MATCH counts as resolved: the id is the content entry's id.
    """
    request = handler_input.request_envelope.request
    if not isinstance(request, IntentRequest) or request.intent is None:
        return None, None
    slot = ask_utils.get_slot(handler_input, slot_name)
    if slot is None:
        return None, None
    heard = " ".join(slot.value.split()) if isinstance(slot.value, str) else ""
    heard = heard[:200] or None  # longer than any spoken phrase: read the start only
    authorities = getattr(getattr(slot, "resolutions", None), "resolutions_per_authority", None) or []
    for authority in authorities:
        status = getattr(getattr(authority, "status", None), "code", None)
        if status == StatusCode.ER_SUCCESS_MATCH and authority.values:
            value = authority.values[0].value
            if value is not None and isinstance(value.id, str):
                return value.id, heard
    return None, heard


def _signs(patterns: tuple[str, ...] | list[str]) -> list[Sign]:
    return [Sign(p) for p in patterns]


def _quote(phrase: str) -> str:
    """A plain phrase as a sign pattern (no alternatives)."""
    return normalise(phrase)


def _best(groups, text: str):
    """The key of the group whose signs account for most of `text`, or None.

    `groups` is a list of signs (returns True/None) or of (key, signs) pairs.
    """
    if groups and isinstance(groups[0], Sign):
        return True if any(sign.found_in(text) for sign in groups) else None
    best, weight = None, 0
    for key, signs in groups:
        score = sum(sign.found_in(text) for sign in signs)
        if score > weight:
            best, weight = key, score
    return best


def _strip(words: list[str], fillers: frozenset[str]) -> list[str]:
    while words and words[0] in fillers:
        words = words[1:]
    return words


def _starts(text: str, starts: frozenset[str]) -> bool:
    first = text.split()[:1]
    return bool(first) and first[0] in starts


__all__ = ["Meaning", "Reader", "slot_value", "understand"]
