"""What a person meant: the one place that reads what Alexa heard.

A resolved slot value is the person's meaning as it is (a topic, a cancer, a symptom, or a
DANGER value: "crisis", "emergency"). Words that did not resolve are read by a learned model
(meaning_model.py, trained on the labelled corpus in corpus/): all the request's slot words
together, in spoken order, after the intent they came in. The model decides what the words
mean, safety first, at thresholds chosen for recall (a crisis, an emergency, an urgent
symptom told, advice, a hard question, feelings, a diagnosis told, a question, a follow-up,
something the article does not cover, or yes, no, stop, repeat, help); rules keep what
they do well: the precise topic and the side of it asked about (the content file's topic
synonyms and signs, aspect cues, misheard words by rapidfuzz), and whom a crisis is about.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cached_property
from itertools import groupby
from typing import NamedTuple

from ask_sdk_core import utils as ask_utils
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import IntentRequest
from ask_sdk_model.slu.entityresolution import StatusCode

from .content import Content, Topic
from .meaning_model import EMERGENCY_LABELS, MeaningModel, danger, decide, likeliest_calm, model_input, perhaps_crisis
from .patterns import Sign, expand, normalise, padded

MAX_HEARD_WORDS = 2  # an unknown term longer than this is not said back ("pancreatic cancer")
NAME_SLOTS = frozenset({"topic", "cancer"})  # slots whose words may be a topic's name alone
# Words of a person, not of a thing: words holding one are never said back as a term ("{hurt
# like it did for him}" is no "hurt him"). "her" is left out: it also owns a thing ("her leukemia").
SUBJECT_WORDS = frozenset({"i", "we", "you", "he", "she", "they", "me", "my", "am", "him", "them", "us"})
MAX_WORDS_READ = 60  # longer than anyone speaks in one turn: the rest is not read
# "-tion" as a recogniser spells it when it splits the word ("a blay shun", "radi ay shen")
SOUNDED_ENDING = re.compile(r"(?<=[a-z])(ay)?\s?(?:shun|shen)\b")
FUZZY_CUTOFF = 88  # rapidfuzz ratio for a misheard medical word ("hyper calcemia")
FUZZY_CUTOFF_LONG = 78  # the same for words of ten letters or more ("bisfosfonates")
# The words a heard phrase does not share with a name must sound alike too: "skin cancer" scores
# 83 against "kidney cancer" and "brain cancer" 80 against "breast cancer" on their shared
# "cancer" alone, while "long cancer" (75 for "long"/"lung") is misheard lung cancer.
FUZZY_CUTOFF_UNSHARED = 70
# Every custom slot of the model, in the order their words are spoken in its samples
# ("{context} what {query}", "{symptom} and {detail}", "{topic} and {other}"). DANGER holds
# emergency and crisis phrases, so a resolved DANGER value is itself a meaning.
SPOKEN_ORDER = ("context", "danger", "symptom", "topic", "bone", "cancer", "detail", "other", "query")
FREE_SLOTS = ("query", "context")  # always read: their values are examples, never a meaning
STATEMENT_INTENTS = frozenset({"SymptomReportIntent"})
TOPIC_INTENT = "TopicIntent"  # "tell me about {topic}", "{topic}": names what it asks about
# A carrier's own word that makes the meaning, put back before the question's words, since a
# carrier never reaches the skill: "why {did my cancer spread}" asks about causes, "how {many
# cancers spread}" how common it is. Each such question word has its own intent.
QUESTION_WORDS = {"WhyQuestionIntent": "why", "HowQuestionIntent": "how", "WhereQuestionIntent": "where",
                  "WhichQuestionIntent": "which", "WhoQuestionIntent": "who", "WhenQuestionIntent": "when"}
# A negative word is put back the same way ("i {don't} want to go on" is not "want to go on").
# So is an opening whose word means something, said without a subject ("{ending} it", "{tired
# of} living", "{ready to} go now"): its spellings share an intent, and one word stands for them.
OPENING_WORDS = {"EndingSpeechIntent": "ending", "PlanningSpeechIntent": "planning", "SavingSpeechIntent": "saving",
                 "ThinkingSpeechIntent": "thinking", "WantSpeechIntent": "want to", "ReadySpeechIntent": "ready to",
                 "TiredSpeechIntent": "tired of", "HateSpeechIntent": "hate", "StartedSpeechIntent": "started",
                 "TookSpeechIntent": "took", "GaveSpeechIntent": "gave", "WroteSpeechIntent": "wrote"}
BYE_CARRIER = "ByeSpeechIntent"  # "{query} thanks bye": the words before a goodbye
NEGATION_CARRIER = "NotSpeechIntent"  # "{context} not {query}"
CARRIER_WORDS = {**QUESTION_WORDS, "NoAndIntent": "no", "YesAndIntent": "yes", NEGATION_CARRIER: "not",
                 BYE_CARRIER: "bye", **OPENING_WORDS}
QUESTION_CARRIERS = frozenset({"QuestionIntent", *QUESTION_WORDS})  # may ask about the words before them
# The question a side's carrier asks of its words, read with them where the words alone name a
# medicine a crisis speaks of ("what are the side effects of {the pills i'm on}")
ASKED_OF_WORDS = {"SideEffectsIntent": "what are the side effects of"}
# Words that name a medicine one takes (beside the article's own names of medicines)
MEDICINE_WORDS = frozenset(("pill", "pills", "tablet", "tablets", "meds", "medicine", "medicines", "medication",
                            "medications", "drugs", "painkillers", "morphine"))
UNTAGGED_INTENTS = frozenset({"FreeSpeechIntent", NEGATION_CARRIER, "NoAndIntent", "YesAndIntent", BYE_CARRIER,
                              *OPENING_WORDS})
SUBJECT_STARTS = frozenset({"i", "my", "he", "she", "we", "they", "our", "his", "her", "their", "mum", "mom", "dad"})
THANKS_WORDS = frozenset({"thanks", "thank", "cheers", "ta"})  # the first word of thanks
TRAILING_WORDS = frozenset({"exactly", "actually", "then", "now", "though", "again"})
LEADING_FILLERS = frozenset({"alexa", "so", "okay", "ok", "um", "uh", "oh", "well", "and", "but", "hey", "hi"})
# Words said around a pointer that add nothing to a question ("how common is {it anyway}")
POINTING_FILLERS = TRAILING_WORDS | LEADING_FILLERS | {"anyway", "anyways", "even", "instead"}
# Slots whose unplaced words may be said back as a term ("what is {leukemia}"): their carriers
# frame a thing; the free slots' words are a question's ("can {i exercise}"), never said back.
TERM_SLOTS = ("topic", "cancer", "other")
# Meanings the model gives that the conversation answers like the built-in intent.
CONVERSATION = ("yes", "no", "stop", "repeat", "help")
DANGER_IDS = ("crisis", "emergency")  # the DANGER slot type's values, and the meanings a direction answers
# A crisis read with an emergency at least this share as likely is answered as both, the
# emergency first: by the grouped cross-validation of 2026-12-04 (24,911 sentences), 10 emergencies
# read as a crisis then hear the emergency number first (6 at a share of 0.6), and 13 crises hear
# the line between the emergency numbers rather than the crisis answer (7 at 0.6). Lowered from
# 0.5 when the model trained on 27,793 sentences read "i think she's been poisoned", heard in the
# side effects' carrier, as a crisis with an emergency 0.49 as likely: of every corpus sentence
# read in two carriers, one more crisis ("i feel like giving up") hears both, the emergency first.
EMERGENCY_BESIDE_CRISIS = 0.45
SURE_EMERGENCY = 0.5  # below this (yet at the threshold), an emergency is said with the doctor too
SIDE_BY_SIDE_WORDS = 2  # "lytic and osteo blastic": "and" and a split word's first half between two names
OUT_OF_SCOPE_SURE = 0.4  # below this, a question about a topic is answered rather than refused
CRISIS_WINDOW = 3  # words just before or after a crisis said that may deny it or set it in the past
SUBJECT_SAID_AS = "subject_said_as"  # phrases, not signs: they are read as the subject's name
EASES_IT = "eases_it"  # phrases, not signs: where they end, the symptom eased is named
CANCER_KINDS = "cancer_kinds"  # phrases, not signs: they are cut out of the words
THAN_OTHER_CANCERS = "than_other_cancers"  # phrases, too
# Words that count or pick, never the name of a thing to say back ("sorry, I don't know about most").
QUANTIFIERS = frozenset({"most", "some", "all", "many", "much", "more", "few", "lot", "lots", "any", "every", "each",
                         "both", "other", "others", "one", "ones"})
NOT_WHERE_WORDS = frozenset({"why", "how", "when", "who"})  # question words that ask no "is it one of the places"
WH_WORDS = frozenset({"what", "whats", "which", "how", "why", "where", "whereabouts", "when", "who"})
# Words that ask a decision of whoever answers ("what {should} he do", "is it {safe}")
ADVICE_WORDS = frozenset({"should", "shall", "must", "safe", "okay", "ok", "allowed"})
# Words that open many names and tell none apart ("cancer of the ovary", "the spine")
GENERIC_NAME_WORDS = frozenset({"cancer", "cancers", "the", "a", "an", "of", "malignant", "bone", "bones"})
# Words after "i'm confused" that make it puzzlement over a question, not a symptom told
PUZZLED_BEFORE = WH_WORDS | {"about", "by", "as", "because", "with", "on", "if", "whether"}
# Verbs that ask for an answer ("explain what it is"): the question word after one starts the question.
REQUEST_VERBS = frozenset({"explain", "describe", "define", "tell", "show"})
# Words after which an auxiliary tells rather than asks: a subject, or a word opening a clause.
TELLING_SUBJECTS = frozenset(("i", "he", "she", "we", "they", "you", "it", "that", "which", "who"))
# Words that ask for the others of a side ("what {other} treatments are there")
OTHERS_WORDS = frozenset(("other", "others", "another", "alternative", "alternatives", "else"))
# The new bone osteoblastic lays down, no "more" of an answer asked for (asks_why)
MORE_BONE = re.compile(r" more (?:new )?bones? ")
# Words after which "cause" is the verb, not "because" ("can {cause}", "to {cause}", "what {causes}")
CAUSE_VERB_BEFORE = frozenset(("can", "could", "does", "do", "did", "will", "would", "might", "may", "to", "what",
                               "which", "that", "it", "cancer", "they", "also", "not", "ever", "really", "actually"))
# Words that suppose and tell nothing ("{say} it has", "{suppose} it is")
SUPPOSING_WORDS = frozenset(("say", "suppose", "supposing", "imagine", "assume", "assuming", "lets", "let"))
# Places a "where" may tell of ("on my hip {where} the cancer is") and words a subject opens with
PLACE_NOUNS = frozenset(("hip", "hips", "spine", "back", "bone", "bones", "rib", "ribs", "leg", "legs", "arm", "arms",
                         "pelvis", "skull", "thigh", "shoulder", "neck", "knee", "area", "spot", "place", "part"))
SUBJECT_OPENERS = frozenset(("the", "my", "his", "her", "their", "our", "your", "it", "its", "they", "he", "she", "i",
                             "we", "you", "cancer", "this", "that"))
STOP_WORDS = frozenset(("stop", "stopped", "stopping", "cancel", "quit", "exit"))
# What one came for, said after "all" as a goodbye ("thanks that's all {i wanted to know}")
ALL_I_WANTED = re.compile(r" all( i (?:wanted|needed)(?: to (?:know|ask|hear))?)$")
# "(and) what about ..." opening a question, the carrier perhaps having taken "what"; the name
# asked about within the few words after it ("about {the} {kidney} one")
ASKS_ABOUT = re.compile(r"^ (?:(?:and|so|okay|ok|um|uh|right) )*(?:(?:what|how) )?about (.*)")
ABOUT_NAME_WORDS = 3
# With a treatment set aside ("besides surgery"), words that ask what there is: its others
ASKS_WHAT_IS_THERE = frozenset(("anything", "something", "there"))
# Words that ask for more of an answer or its others ("what else", "and the other ones"), not
# something of the answer itself
MORE_OF_IT_WORDS = OTHERS_WORDS | {"more", "rest", "next"}
# Words that, just before an auxiliary, make it a statement's verb, not a question's start ("it {is}").
STATEMENT_SUBJECTS = frozenset(("i", "you", "he", "she", "it", "we", "they", "that", "this", "there", "which", "who"))
# Words that open a yes-or-no question ("{is} new bone not a good thing then")
ASKING_AUXILIARIES = frozenset(("is", "are", "does", "do", "did", "can", "could", "will", "would", "should", "was"))
# Words before a possessive that make it no subject: "a spot {in} my ribs {is} bone pain ..." asks
PLACE_PREPOSITIONS = frozenset(("in", "on", "into", "with", "from", "for", "to", "at", "near", "around"))
POSSESSIVES = frozenset(("my", "his", "her", "our", "their", "your"))  # "my mum {has}": told
# "The second one" after a list: which of the topics the last answer named, in the order said.
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "last": -1}
# Words before "one" that point without telling which ("that one", "the other one").
POINTING_WORDS = frozenset({"the", "that", "this", "which", "what", "other", "same", "each", "every", "any", "no",
                            "some", "another", "big", "main", "worst", "bad", "good", "right", "wrong"})
ORDINAL_WORDS = 8  # longer words than this that hold an ordinal ask something else ("the first sign")
# Spans of time: "{last one} month" (Indian English, "for the last month") points at no list
TIME_SPANS = frozenset({"day", "days", "week", "weeks", "month", "months", "year", "years", "night", "nights"})
ORDINAL_NOUNS = frozenset({"one", "ones", "type", "kind", "sort", "option", "thing", "way", "treatment", "symptom",
                           "medicine", "drug", "cancer", "bit", "part"})
TREATMENT = "treatment"  # the aspect a question about going without treatment names
SYMPTOMS = "symptoms"  # the aspect a calm question of when to call for help is answered with
SYMPTOMS_CARRIER = "SymptomsIntent"  # "how do I know if it's {an emergency}": its words alone name the service
TYPES = "types"  # the aspect "what kind of X" names without asking it of X
# "what sort of scans": the kinds of another side, asked in the types' words
GENERIC_KINDS = frozenset({"thing", "things", "stuff", "bits", "parts", "metal", "hardware", "gear", "equipment"})
SORT_OF = re.compile(r"\b(?:sort|sorts|kind|kinds|type|types) of ((?:\S+ ?){1,3})")
CAUSES = "causes"  # the aspect "which cancers cause X" asks of X
FRACTURES = "fractures"  # the broken bone told, unless spoken of as not yet happened ("before it breaks")
# Words that point at what was just said: a question with one asks to hear it again.
SAID_AGAIN_WORDS = frozenset({"again", "was", "were", "said", "say", "saying"})
# At most this many words before and after the easing of a question that only asks whether
# something eases pain ("will it help {my back pain at all}"): more may tell something else.
ONLY_EASED_WORDS = 8
# ... whose other words are small words (filler_words), one-word bone names (the content file's
# bones_listed and bones_unlisted), or these.
EASED_WORDS = frozenset({"pain", "pains", "ache", "aches", "aching", "sore", "soreness", "hurt", "hurting", "hurts",
                         "discomfort", "agony", "bone", "bones", "back", "joint", "joints", "as",
                         "well", "too", "also", "at", "all", "bit", "much", "even", "though", "then", "really",
                         "think", "wonder", "whether", "going", "gonna", "supposed", "meant", "help", "helps", "ease",
                         "eases"})
PAIN = "pain"  # the one symptom a tooth's own clause may tell ("one tooth is paining badly"): no bone pain
DIAGNOSIS = "diagnosis"  # the aspect a scan, a test or a letter names on the way to a word asked of
FREQUENCY = "frequency"  # the aspect "how many cancers spread" asks of bone metastases, not of the list
ILLNESS_WORDS = frozenset({"cancer", "cancers", "tumor", "tumors", "tumour", "tumours", "lymphoma", "leukemia",
                           "leukaemia", "myeloma", "sarcoma", "carcinoma", "disease"})
# Words that tell of a person: a diagnosis told without any ("for lung cancer", "lung cancer")
# is a question about it, not news to be sorry about.
# (normalise has already spelled out "i'm", "he's": only their unspelled forms are listed)
PERSON_WORDS = frozenset({"i", "ive", "me", "my", "we", "us", "our", "he", "hes", "she", "shes", "his", "her", "him",
                          "they", "their", "them", "has", "have", "had", "got"})
SIDE_EFFECTS = "side_effects"  # the aspect whose answer is narrower than the topic it belongs to
MEDICINES = "medications"  # the side asking about medicines
REPORTS = ("report:pain", "report:fractures", "report:spinal_cord_compression", "report:hypercalcemia",
           "report:symptoms")
# Where a request for advice starts, so a symptom told beside it can be read on its own.
ADVICE_OPENERS = frozenset({"should", "can", "could", "do", "does", "is", "will", "would", "shall", "or", "must"})
# Words after "dying" that still end a statement of it ("he's dying right now please")
DYING_AFTER = frozenset({"now", "right", "here", "please", "help", "me", "alexa", "i", "think"})
SPINAL_CORD_COMPRESSION_REPORT = EMERGENCY_LABELS[1]  # the article's own emergency, told
MIN_CLAUSE_WORDS = 3
STORY_SYMPTOM = 0.1  # a symptom the rules name in a story before a question, read at least this likely, is told
STORY_READ = 0.3  # a symptom the model reads this likely, and in the story alone, is told
MEANING_NOUNS = frozenset({"meaning", "mean", "means", "definition"})  # "what is {the meaning of ...}"
MEANING_WORDS = 5  # "what {does that even mean}": no longer than this, the words only ask what it means
WH_REACH = 3  # a question word this near the end of a carrier's context opens the question after it
KIND_WORDS = frozenset({"kind", "kinds", "type", "types", "sort", "sorts"})  # a kind asked, not a spread
SPREAD_TOLD = "spread_told"  # phrases of spread told as done: signs of spread, cut out where it must be asked
# A question this short leans on what was said before it: after an earlier question it only
# starts that one again ("... how do the doctors diagnose it so {how do they}"), and after a type
# described it asks of that type ("the kind that eats away the bone ... and {which cancers}").
FRAGMENT_WORDS = 3
STORY_END_WORDS = 8  # the words at a story's end that a question about "it" points to
MISHEARD_WORDS = 4  # the most words a misheard name is heard as ("hyper cal see mia")
LONG_SPEECH_WORDS = 14  # from this many words on, the last question in the speech is the one asked
DIAGNOSED_BESIDE_SYMPTOM = 0.75  # a cancer named, a diagnosis this near a symptom read is told, not the symptom
ADVICE_SYMPTOM = 0.1  # a symptom this likely, read beside advice, is the symptom the advice is about
OWN_EMERGENCY = 0.05  # an emergency read with the article's own this likely (its signs named too) is that one


class Meaning(NamedTuple):  # not a dataclass: see content.Grounds
    """What the words meant.

    kind: "crisis", "emergency", "report" (an urgent symptom told: `topic` is it), "advice",
        "outlook" (a question only the care team can answer), "feelings", "diagnosed" (a
        statement about having cancer), "unwell" (a statement we can't place), "question"
        (about `topic` and/or `aspect`), "beyond" (something the article does not say,
        about `topic` if one is named), "more" (go on with the last answer), "unknown", or
        one of CONVERSATION ("yes", "no", "stop", "repeat", "help").
    topic: a topic or cancer id; aspect: an aspect id.
    follows_up: the words point back at the last answer ("it", "the mixed one").
    term: a short unknown term that may be said back ("leukemia"), else None.
    about_other: a crisis about someone else ("my son says he wants to die").
    unsure: an emergency read at its recall-first threshold but no likelier than not ("my jaw
        hurts"): the direction names the doctor as well as the emergency number.
    seeks_care: advice asked is whether to go or call for care ("should I go to the hospital",
        "should I ring the GP"), which the article answers for its symptoms.
    about_medicine: advice asked is about a medicine or its dose ("should I take more").
    told: an urgent symptom told before a question ("dad broke his thigh bone just walking, what
        does the surgery do"): the answer closes as that symptom's would.
    plainly: words that point back and ask for the last answer in plainer words ("what does
        that mean exactly", "I don't get it"), not for its next part.
    nth: "the second one": which of the topics the last answer named (1 the first, -1 the last).
    perhaps_crisis: a crisis read at the line's lower threshold, not the crisis one ("i gave my
        guitar away, it's not like i'll play it again"): the answer is what the words asked, and
        the crisis line and the emergency number follow it.
    also: a second topic the words compare the first with ("how is ablation different from
        radiation"): both are answered.
    which: with "more", the word that may tell which of the topics the last answer named the
        words point at ("the spinal one").
    bone: a bone the words name, where no topic is named ("is the skull one of them", "and
        the hands"): after where they happen, whether the article lists it.
    bone_listed: the article lists `bone` (or a part of one) among where they most often happen.
    when_to_call: a calm question of when to call for help ("when should I call my doctor
        versus 911"): the emergency number, then the symptoms to call the doctor for.
    eases: the symptom the words ask whether a treatment eases, the one just named ("does it
        help with the pain as well" after surgery: with "more") or the topic ("can radiation ease
        the pain"): the part of its answer that tells so, or that the source does not say.
    against_last: the topic is compared with the one the last answer was about ("how's that
        different from the radiation" after ablation): both are answered, the last one first.
    """

    kind: str
    topic: str | None = None
    aspect: str | None = None
    follows_up: bool = False
    term: str | None = None
    about_other: bool = False
    unsure: bool = False
    seeks_care: bool = False
    about_medicine: bool = False
    told: str | None = None
    plainly: bool = False
    nth: int | None = None
    perhaps_crisis: bool = False
    also: str | None = None
    bone: str | None = None
    bone_listed: bool = False
    which: str | None = None
    when_to_call: bool = False
    eases: str | None = None
    against_last: bool = False

    @property
    def safety(self) -> bool:
        return self.kind in DANGER_IDS

    @property
    def places_nothing(self) -> bool:
        """True if the words named nothing to answer: unknown, or a question with no topic or side."""
        return self.kind in ("unknown", "more") or (
            self.kind in ("question", "beyond") and not self.topic and not self.aspect)


class Reader:
    """Reads what was heard: the learned model for what the words mean, the content file's
    vocabulary for the topic and aspect (built once, at skill assembly; tables on first use)."""

    def __init__(self, content: Content, model_path: str | None = None) -> None:
        self.content = content
        self.model_path = model_path
        reading = content.reading
        self.question_starts = frozenset(reading["question_starts"])
        self.fillers = frozenset(reading["fillers"])
        self.hedges = frozenset(reading["hedges"])
        self.filler_words = frozenset(reading["filler_words"]) | self.question_starts | self.fillers
        # Words with no meaning of their own ("it", "any", "the"): not "okay", "right", "please"
        self.empty_words = frozenset(reading["filler_words"])
        # One-word names of bones ("hip", "knees"): a follow-up that only asks whether something
        # eases pain may name where it hurts
        bone_names = map(normalise, (*reading["bones_listed"], *reading["bones_unlisted"]))
        self.bone_words = frozenset(name for name in bone_names if " " not in name)
        self.subject = content.slot_defaults["topic"]
        self.cancers = content.slot_defaults["cancer"]  # the overview of which cancers spread
        self._phrase_patterns: dict[str, re.Pattern[str] | None] = {}  # [reading] lists compiled (_reading_pattern)

    # The model and the sign tables are loaded on first use (before a SnapStart snapshot, by
    # the skill's warm-up): a cold start that never meets an unresolved word never pays for them.
    @cached_property
    def model(self) -> MeaningModel:
        return MeaningModel(self.model_path) if self.model_path else MeaningModel()

    @cached_property
    def lists(self) -> SignLists:
        """The [reading] lists the rules use, each compiled when a rule first reads it."""
        return SignLists(self.content.reading)

    @cached_property
    def topics(self) -> list[tuple[str, list[Sign]]]:
        return [(t.id, _signs(t.signs + tuple(_quote(s) for s in self._readable_synonyms(t))))
                for t in self.content.default.topics.values()]

    @cached_property
    def aspects(self) -> list[tuple[str, list[Sign]]]:
        return [(a.id, _signs(a.cues)) for a in self.content.aspects.values()]

    @cached_property
    def cancer_sites(self) -> dict[str, str]:
        """The one-word names of a cancer that name a body part too ("lung", "breast"): its id."""
        return {normalise(s): t.id for t in self.content.default.topics.values() for s in _site_names(t)}

    def named_exactly(self, words: str) -> str | None:
        """The one topic a single sign or name of which is all the words say ("zometa"), or None."""
        text = " ".join(_strip(self._words(words), self.fillers))
        named = {topic_id for topic_id, signs in self.topics if any(sign.covers(text) for sign in signs)}
        return named.pop() if len(named) == 1 else None

    def opens_with_name(self, words: str, topic_id: str) -> bool:
        """True if `words` open with the first word of a name of `topic_id` and go on to say more
        ("{ovarian} my mum's got ovarian cancer", "{bowel} my dad has bowel cancer")."""
        said = _strip(self._words(words), self.fillers)
        topic = self.content.default.topics[topic_id]
        firsts = {normalise(name).split()[0] for name in (topic.name, *self._readable_synonyms(topic))
                  if normalise(name)}
        return len(said) > 1 and said[0] in firsts - GENERIC_NAME_WORDS

    def bone_named(self, words: str) -> Meaning | None:
        """A follow-up asking of the bone the words are, and nothing else ("ribs", "the skull"),
        or None."""
        said = " ".join(w for w in normalise(words).split() if w != "the")
        meaning = self._with_bone(Meaning("more"), said)
        return meaning if meaning.bone is not None and normalise(meaning.bone).removeprefix("the ") == said else None

    def cancer_site(self, words: str) -> str | None:
        """The cancer whose one-word name the words are, with nothing else said ("lung")."""
        return self.cancer_sites.get(normalise(words))

    @staticmethod
    def _readable_synonyms(topic: Topic) -> tuple[str, ...]:
        # A one-word cancer synonym that names a body part ("breast", "lung") names the cancer
        # only beside the word cancer or tumor ("my lungs" is not lung cancer); "melanoma" is one.
        if topic.kind == "cancers":
            single = _site_names(topic)
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

    @cached_property
    def _pointer_words(self) -> frozenset[str]:
        """The content's one-word pronouns ("it", "one"): never the start of a misheard name
        ("{one messes} up your jaw" is no "bone metastases", R90)."""
        return self._one_words("pronouns")

    @cached_property
    def _fuzzy_names(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The misheard-word choices, as said and without spaces (made once, not on each look)."""
        names = tuple(self._fuzzy_choices)
        return names, tuple(_unspaced(name) for name in names)

    def warm(self) -> None:
        """Load the model and build the tables now (a SnapStart snapshot then holds them)."""
        for table in ("model", "lists", "topics", "aspects", "_fuzzy_choices", "_fuzzy_names", "_pointer_words",
                      "_question_words", "_name_patterns"):
            getattr(self, table)  # a cached property: built on this first access
        for name in self.content.reading:
            self.lists[name]  # compiled on first reading
        self.read("what does my back pain mean", context="warming up", intent="QuestionIntent")

    def probabilities(self, words: str, intent: str | None = None) -> dict[str, float]:
        return self.model.probabilities(model_input(_first_words(words), intent))

    def read(self, text: str, *, context: str = "", intent: str | None = None, asked: bool = False,
             heard: str | None = None) -> Meaning:
        """What `text` (and any `context` said before the question) meant, heard in `intent`.

        asked: the carrier itself was a question about what was said ("{my sister has breast
        cancer, they found it in her spine} what does that mean"): words that read as a story
        told are then its subject, not a statement.
        heard: all the words heard, where the question asked about the story was set aside: the
        model reads them whole, as it learned them. A story read without its question reads
        as something told, and a told story leans to danger ("the consultant said my dad's is
        the osteo lithic sort" alone: crisis 0.6; with "what does osteo lithic mean": 0.002).
        """
        said = f"{context} {text}".strip()
        told = self.crisis_told(said)  # once: both the reading and the line below ask it
        if not told and self.only_takes_leave(said):
            # Thanks and a goodbye, nothing else: a stop, whatever the model leans to ("okay fair
            # enough goodbye": a crisis 0.67, from the farewell). A crisis told earlier in the
            # session is still answered on the way out (the conversation's safety state).
            return Meaning("stop")
        read_after = model_intent(intent, context)
        probabilities = self.probabilities(heard or said, read_after)
        meaning = self._meaning(text, context, said, read_after, asked, probabilities, told=told)
        if intent == BYE_CARRIER and meaning.kind == "more" and not WH_WORDS & set(normalise(said).split()):
            # "ok i'm gonna call them right now thank you bye": what one will do, told on the
            # way out, asks nothing more of the last answer (R86)
            meaning = Meaning("stop")
        if meaning.kind in ("question", "more", "unknown") and meaning.topic is None \
                and not NOT_WHERE_WORDS & set(normalise(said).split()):
            # "why would his legs just go like that" asks no whether the legs are listed; a bone
            # asked of as rare or common ("{would the skull be one of them too or is that} rare")
            # is looked for in all the words, which the carrier split before the side's word
            meaning = self._with_bone(meaning, said if meaning.aspect == FREQUENCY else text)
        if meaning.kind != "crisis" and (told or perhaps_crisis(probabilities, self.model.thresholds)):
            # Perhaps a crisis, or one said in so many words beside an emergency ("my legs are
            # numb ... i just want to die"): the answer as read, and the crisis line named with it
            return meaning._replace(perhaps_crisis=True)
        return meaning

    def _meaning(self, text: str, context: str, said: str, read_after: str | None, asked: bool,
                 probabilities: dict[str, float], told: bool | None = None) -> Meaning:
        """What the words meant; told: whether they say a crisis in so many words, if known."""
        told = self.crisis_told(said) if told is None else told
        label = decide(probabilities, self.model.thresholds)
        if label in (*REPORTS, "diagnosed", "feelings") and label not in EMERGENCY_LABELS \
                and self.asks_about_named(said):
            # "{what} about melanoma my brother had a melanoma cut off last year" after which
            # cancers spread (R106): the thing named asked about, the story after it only why
            # (read as a symptom told, 0.33 against a question's 0.33)
            label = "question"
        if label in ("report:fractures", "report:pain", "question") \
                and _best(self.lists["bone_exposed"], padded(said)) \
                and (label != "question" or _best(self.lists["broken"], padded(said))):
            # A bone through the skin (c96: "he's got a compound fracture the bone's out of his
            # leg", read as a break told; "it snapped and there's bone through the skin please
            # tell what to do", as a question, a break told in it): an open break, the
            # emergency's direction; not a question with no break told ("what is {a compound
            # fracture}")
            return Meaning("emergency")
        if label in ("emergency", "advice") and self.only_asks_eased(said):
            # "will it help her pain" after radiation: whether it eases pain, and nothing told
            # with it ("help" and "pain" lean to an emergency in the model, or to advice asked)
            label = "followup"
        other = self.other_cancer_only(said)
        if other is not None:
            # "and blood cancer like myeloma" after which cancers spread (R99): a cancer the
            # article never names, and nothing told; beyond the source, whatever the model read
            # ("and blood cancer": an emergency 0.67, its "blood" taken for bleeding)
            return Meaning("beyond", term=other)
        if label in (*DANGER_IDS, *REPORTS) and (self.tells_nothing(said) or (
                read_after is not None and self.only_points(said))):
            # "and my brother's", "my father's is kidney" after an answer: people and a cancer
            # named, nothing told. The model leans on the person, named in many a danger told
            # of someone else ("and my husband's is prostate" after the types: an emergency, R78).
            # So too a question's intent whose words only point back ("how common is {it
            # anyway}" after why it spreads, R94: the spinal cord's emergency at 0.08, over its
            # recall-first threshold, from "it anyway" alone).
            label = "followup"
        if label == SPINAL_CORD_COMPRESSION_REPORT and self.emergency_named(said) is None:
            # The article's emergency read at its recall-first threshold, none of its signs named
            crisis, calm = probabilities.get("crisis", 0.0), likeliest_calm(probabilities)
            if self.model.thresholds["line"] <= crisis and crisis > danger(probabilities) and calm is not None:
                # ... a crisis likelier yet ("i feel like {giving up}", read as legs giving way
                # after the retraining of 2026-12-06): what the words lean to besides, the line
                # named with it
                label = calm
            elif danger(probabilities) < SURE_EMERGENCY \
                    and max(probabilities, key=probabilities.__getitem__) == "feelings":
                # ... a feeling told the likeliest reading ("some days i feel like {giving up}":
                # feelings 0.52, legs giving way 0.32, a crisis 0.10): the feeling's answer, with
                # the crisis line, as giving up may be hopelessness
                return Meaning("feelings", perhaps_crisis=True)
            elif danger(probabilities) < SURE_EMERGENCY \
                    and max(probabilities, key=probabilities.__getitem__) == "question" \
                    and self.place(said)[0] not in (None, SPINAL_CORD_COMPRESSION_REPORT.partition(":")[2]):
                # ... a question the likeliest reading, about another thing named ("are {weak
                # bones} a sign": a question 0.80, the spinal cord 0.08 from "weak", broken bones
                # named; after the retraining of 2026-12-07): the question
                label = "question"
        spinal = probabilities.get(SPINAL_CORD_COMPRESSION_REPORT, 0.0)
        if told and (label not in (*DANGER_IDS, *EMERGENCY_LABELS) or (
                label in (SPINAL_CORD_COMPRESSION_REPORT, "crisis") and probabilities.get("crisis", 0.0) > spinal
                and (label != "crisis" or probabilities.get("emergency", 0.0) < spinal))):
            # A crisis said in so many words, which the words around it outweighed in the model;
            # or likelier than the article's emergency the model read beside it, the legs named
            # as a time to come ("my dad says he is going to shoot himself when he can't walk
            # anymore": crisis 0.56, the spinal cord 0.43), whether the crisis was read at its
            # threshold (0.55 since the retraining with R128 to R133) or under it; an emergency
            # now beside it still comes first, below. The crisis answer names the emergency
            # number too; where the signs are the likelier reading ("my legs are numb and i can't
            # walk i just want to die") the spinal cord's answer stays, with the line.
            return Meaning("crisis", about_other=self.about_other(said))
        if label not in EMERGENCY_LABELS and not told and self.harm_done(said):
            # A poisoning told as done to someone ("i think she's been poisoned"), which the model
            # read as a crisis plan or a symptom: the emergency first, and the crisis line with it
            # where the model leaned to a crisis
            return Meaning("emergency", perhaps_crisis=label == "crisis")
        if label not in (*DANGER_IDS, *EMERGENCY_LABELS) and not told and self.emergency_had(said):
            # "i think my mum has had a stroke", which the model read as a diagnosis told: the
            # emergency, the doctor too, as it may not be one now
            return Meaning("emergency", unsure=True)
        if label not in (*DANGER_IDS, *EMERGENCY_LABELS) and not told and self.dying_told(said):
            # "my husband is dying", which the model read as a feeling (0.75 after the retraining
            # of 2026-12-06): the emergency, the doctor too, as it may not be one
            return Meaning("emergency", unsure=True)
        if label == "emergency" and not told and danger(probabilities) < SURE_EMERGENCY and self.asks_blame(said) \
                and self.danger_named(said) is None:
            # "so i couldn't have stopped it" after the causes (R94): blame asked, no danger's sign
            # named, which the model read as an emergency only at its recall-first threshold
            # (0.17): the causes' answer (asks_blame, below), as a question leaning on the last
            label = "followup"
        if label == "crisis" and probabilities.get("crisis", 0.0) < self.model.thresholds["crisis"] \
                and self.takes_leave(said):
            # A stop read as a crisis because one is somewhat likely ("end it"), whose words end
            # by taking leave ("right i'm ringing them now stop"): the person asked to stop, and
            # the session ends as asked, with the crisis line and the emergency number.
            return Meaning("stop", perhaps_crisis=True)
        told = None  # a symptom told before the question asked
        if (label in REPORTS and label not in EMERGENCY_LABELS) or label in ("advice", "question"):
            # "my wife cracked a rib reaching into the cupboard, how do they treat bone
            # metastases": the question is answered, and closes as the symptom's answer would;
            # so too where the question outweighed the story in the model (_story_symptom)
            before = self._told_then_asked(text, context, said, read_after)
            symptom = label.partition(":")[2] if label in REPORTS else None if not before else \
                self._symptom_in(before.split()) if label == "advice" else self._story_symptom(before, probabilities)
            if before and symptom:
                told, label = symptom, "question"
        if told is None and label == "question":
            told = self._told_aside(said)
        if (asked and label in ("feelings", "diagnosed")) or (label == "diagnosed" and read_after in QUESTION_CARRIERS):
            label = "question"  # a question's carrier asked it: a story told before it is its subject
        elif label == "diagnosed" and WH_WORDS & set(normalise(text).split()):
            label = "question"  # "i just got diagnosed with bone mets, what happens now": asked, not only told
        elif self._told_of_no_one(label, read_after, said):
            label = "question"
        elif label == "advice" and WH_WORDS & set(normalise(said).split()) \
                and _best(self.lists["watch_for"], padded(said)):
            label = "question"  # "what should we watch out for": the signs the article names, no decision asked
        elif label == "advice" and _best(self.lists["done_by_them"], padded(said)):
            # "would they have to operate on it or what" (R98): what doctors do, which the article
            # tells, not a decision asked
            label = "question"
        elif label == "advice" and self._opens_asking_meaning(said, read_after in QUESTION_CARRIERS):
            # "what is the meaning of osteonecrosis of jaw, doctor told my mother to take care
            # before dental work": what a named thing means is asked first, whatever follows
            label = "question"
        elif label == "out_of_scope" and (self._opens_with_advice(said) or self._asks_leave_with_medicine(said)):
            # A decision only the care team can make, asked before words the article does not
            # cover ("{do i have bone mets, my blood test came back with} a high alkaline
            # phosphatase", "can i drink alcohol with my medication"): the care team, never "my
            # source doesn't cover that".
            label = "advice"
        elif label in ("advice", "out_of_scope") and read_after in QUESTION_CARRIERS and context \
                and len(text.split()) >= MIN_CLAUSE_WORDS and not self.only_points(text) \
                and decide(self.probabilities(text, read_after), self.model.thresholds) in ("question", "followup"):
            # The question is what follows the carrier's question word, and read alone it asks
            # no advice ("{my oncologist wants to start me on bisphosphonates} what {are the risks}")
            # and is no stray ("{my cat nearly gave me a heart attack} how {do doctors find it}").
            # A word or two left after a late split ("{should he skip his next infusion until the
            # tooth thing is} {done}", R87) is no question of its own, nor words that only point
            # back ("{so should my uncle stop chemo then and} do {this one instead}", R114).
            label = "question"
        elif label == "advice" and not (context and read_after in QUESTION_CARRIERS) \
                and (asked_last := self._question_after_story(said)) is not None \
                and not _best(self.lists["medicine_decisions"], padded(asked_last)) \
                and not _best(self.lists["what_to_do"], padded(asked_last)) \
                and not ADVICE_WORDS & set(asked_last.split()) \
                and decide(self.probabilities(asked_last), self.model.thresholds) in ("question", "followup"):
            # The same where no carrier split the story from its question ("my father is taking
            # the bis phos fo nate injection every month ... {what is the side effect of this
            # injection please tell}", R115): the story leans to advice, the question asks none.
            label = "question"
        if label == "report:symptoms" and _best(self.lists["dental_work"], padded(said)):
            # a tooth told with the dental work it needs ("she's got a wobbly tooth the dentist
            # wants out is that a problem at all" on the bone drip, R101): a question about the
            # dental work, whose answer is the jaw's side effect; no other symptom is told
            label = "question"
        if label in ("followup", "question", "out_of_scope") and _best(self.lists["dental_work"], padded(said)) \
                and (_best(self.lists["what_to_do"], padded(said)) or (
                    context and read_after in QUESTION_CARRIERS
                    and self.lists.covering("what_to_do_after_carrier", normalise(text)))):
            label = "advice"  # dental work told, then what to do about it (R92, R82): the article's direction
        if not label.startswith("report:") and self._asks_when_to_call(said, read_after) and (
                label not in DANGER_IDS or self._alarmed_by_the_service(said, read_after, label, probabilities)):
            # Read by the model as a question, a stray or advice, never as a danger or a symptom told
            return Meaning("question", aspect=SYMPTOMS, when_to_call=True)
        if label == "crisis" and danger(probabilities) >= EMERGENCY_BESIDE_CRISIS * probabilities.get("crisis", 0.0):
            # An emergency nearly as likely as the crisis read ("i think she's been poisoned"):
            # the emergency number first and last, the crisis line between them.
            return Meaning("emergency", unsure=danger(probabilities) < SURE_EMERGENCY, perhaps_crisis=True)
        if label == "crisis":
            return Meaning("crisis", about_other=self.about_other(said))
        if label == "emergency":
            return Meaning("emergency", topic=self._own_emergency(said, probabilities),
                           unsure=danger(probabilities) < SURE_EMERGENCY)
        if label.startswith("report:") and self._unbroken(label.partition(":")[2], said):
            # "the surgeon wants to operate before it even breaks": no break told; another
            # symptom read beside it still is ("it hurts so much worse, it's at risk of breaking")
            other = max((r for r in REPORTS if r != label), key=lambda r: probabilities.get(r, 0.0))
            if probabilities.get(other, 0.0) >= ADVICE_SYMPTOM:
                label = other
            else:  # ... or in the words without the break not yet happened, read on their own
                rest = _cut(said, self._reading_pattern("unbroken")).split()
                beside = self._symptom_in(rest)
                label = f"report:{beside}" if beside and beside != FRACTURES else "question"
        if label.startswith("report:"):
            return Meaning("report", topic=label.partition(":")[2])
        nth = self.ordinal(text)
        if nth is not None:
            return Meaning("question", follows_up=True, nth=nth)
        spoken = normalise(said).split()
        if label == "followup" and len(spoken) in (2, 3) and spoken[1] in WH_WORDS \
                and (len(spoken) == 2 or self.lists.covering("pronouns", spoken[2])):
            # "yes what", "no which one" after an offer: the reply, as a reply word alone reads; a
            # question word with nothing but a pointer after it asks nothing past it
            reply = decide(self.probabilities(spoken[0], read_after), self.model.thresholds)
            label = reply if reply in ("yes", "no") else label
        if label in CONVERSATION:
            if label in ("no", "repeat") and self.asks_plainly(said):
                return Meaning("more", plainly=True)  # "sorry I don't get it" is neither a no nor a repeat
            if label in ("yes", "no") and self.says_goodbye(said) and not WH_WORDS & set(normalise(said).split()):
                return Meaning("stop")  # "okay thanks mate that's all": a reply that takes leave
            if not self._asks_past_reply(label, text, context, asked, read_after in QUESTION_CARRIERS):
                return Meaning(label)
            label = "question"
        topic, aspect, follows_up = self.place(text, context, asked, carried=read_after in QUESTION_CARRIERS)
        # a story before a question word's carrier is not what is asked ("this insurance paperwork
        # is killing me but anyway {where} do bone mets usually show up")
        asked_words = f"{QUESTION_WORDS[read_after]} {text}" if context and read_after in QUESTION_WORDS else said
        if self._asks_beyond_source(label, said, asked_words):
            # said so of the topic, with the care team named (R75, R79, R81, R82, R84), and a
            # symptom told before it (R133)
            return Meaning("beyond", topic=topic, follows_up=topic is None, told=told)
        if label == "advice" and topic and self.is_treatment(topic) and self.eased(padded(said), topic) \
                and not _best(self.lists["medicine_decisions"], padded(said)) \
                and not _best(self.lists["seek_care"], padded(said)):
            # "do bisphosphonates help with his pain at all": whether a treatment eases pain, no
            # decision asked ("help" beside a medicine leans to advice in the model)
            label = "question"
        if topic == FRACTURES and self._unbroken(FRACTURES, said):
            # "the surgeon wants to operate on his thigh bone but it's not even broken, why":
            # a break spoken of as not happened is no question about broken bones; what else the
            # words name is asked (surgery), the most specific first (R77, R78)
            # (_unbroken found no break named in the rest)
            named = self._named(_cut(padded(said), self._reading_pattern("unbroken")))
            if named:
                topic = max(named)[3]
        if label == "feelings":
            # A feeling told, then a question about a topic ("I'm scared to death of needles, so
            # how does the ablation work"): the question is answered.
            # So is a side asked ("all this waiting is killing me, which bones does it spread to").
            if not ((aspect or (topic and topic != self.subject)) and WH_WORDS & set(normalise(said).split())):
                return Meaning("feelings")
            label = "question"
        if topic is None and aspect is None and label in ("question", "followup", "advice") and self.asks_blame(said):
            # "is it because she did not take care or something she did wrong": whether what
            # someone did caused it, which the causes' answer tells (experts don't know why the
            # cells spread), not advice or the last answer's next part (R82, R86)
            return Meaning("question", aspect=CAUSES, told=told or self._told_before(context))
        words = _strip(self._words(said), self.fillers)
        if label == "advice":
            # Advice asked about a symptom told ("my back hurts, should I go in?"): the symptom,
            # from the rules or, where they name none, from the model's next reading. Dental
            # work asked about, no care sought, keeps the article's own direction ("{tooth pain},
            # the dentist wants it out, should she cancel": the doctor or dentist first).
            text = padded(said)
            seeks_care = bool(_best(self.lists["seek_care"], text))
            directed = [found[3] for found in self._named(text) if self.content.default.topics[found[3]].direction]
            if directed and not seeks_care and _best(self.lists["dental_work"], text) \
                    and not (topic and self._urgency(topic) and topic != PAIN):
                # whatever else is named first ("should he stop the {biss foss fo nates}"), unless
                # a symptom is told: apart from the dental work ("{her hip pain is much worse}"),
                # or beside it, named by the rules ("her legs have gone weak since the dentist")
                topic = self._symptom_apart_from(said, self.lists["dental_work"]) or directed[0]
            elif topic is None or not self._urgency(topic):
                symptom = max(REPORTS, key=lambda r: probabilities.get(r, 0.0))
                if probabilities.get(symptom, 0.0) >= ADVICE_SYMPTOM:
                    topic = symptom.partition(":")[2]
                else:
                    topic = self._symptom_told(said) or topic
            return Meaning("advice", topic=topic, seeks_care=seeks_care,
                           about_medicine=bool(_best(self.lists["medicine_decisions"], text)))
        if label == "outlook" and aspect == TREATMENT and _best(self.lists["treatable"], padded(said)):
            # "is it possible to treat this": whether it can be treated, which the treatments the
            # article names answer, not a question about survival (R84)
            label = "question"
        if label == "outlook" and aspect == FREQUENCY and _best(self.lists["spread_odds"], padded(said)):
            # "what are the {chances of cancer spreading to bone}": how often it spreads, which the
            # article tells (about half), not a prognosis (read as one after the retraining of
            # 2026-12-06)
            label = "question"
        if label in ("outlook", "diagnosed"):
            return Meaning(label, topic=topic)
        # Out of scope: nothing placed, or a topic the article has but not this about it ("how
        # long does radiation take"); a side the article answers in general ("what tests do they
        # do") is answered.
        if label == "out_of_scope" and (not (topic or aspect) or (topic and probabilities[label] >= OUT_OF_SCOPE_SURE)):
            # follows_up: the words point back ("how would I know if {my father is having it}")
            return Meaning("beyond", topic=topic, term=self._term(words), follows_up=follows_up and not topic,
                           told=told)
        if aspect == TREATMENT and _best(self.lists["untreated"], padded(said)):
            if topic is None:
                return Meaning("more", plainly=True)  # "what happens if {it} isn't treated": what was said of it
            if self.content.default.topics[topic].urgent and " if " in padded(said):
                # "the worst that can happen if spinal cord compression is not treated quickly" (R7):
                # what it is, which says what comes of it untreated, not how it is treated ("can
                # this hip bone pain be treated or not" asks how, R62)
                return Meaning("question", topic=topic)
        if topic and aspect and self._set_aside(said, topic):
            general = self.content.aspects[aspect].default
            # "what else is there besides pills": the medicines themselves set aside, the others
            # are the other treatments, whose general answer names them (R84)
            medicines_aside = topic == general == self.content.aspects[MEDICINES].default
            topic, aspect = self.content.aspects[TREATMENT].default if medicines_aside else general, None
        elif topic and aspect is None and (one_of := self._one_of(topic)) and self._set_aside(said, topic) \
                and (self._asks_others(said) or ASKS_WHAT_IS_THERE & set(normalise(said).split())):
            # "what else is there besides the radiation", "is there anything besides surgery"
            # (R103): the others of what it is one of (the treatments), whose general answer
            # names them
            topic = one_of
        elif topic is None and aspect in (TREATMENT, MEDICINES) and self._asks_others(said):
            # "what other treatments are there (besides that)" after surgery: the side's general
            # answer, which names them all, not the last topic's own
            topic, aspect, follows_up = self.content.aspects[aspect].default, None, False
        elif topic and aspect == FREQUENCY and self._is_cancer(topic) \
                and _best(self.lists["which_of_them"], padded(said)):
            # "okay and which one of those is more common with breast cancer" after the types
            # (R133): which of the last answer's kinds goes with the cancer, not how common bone
            # metastases are
            aspect = None
        elif aspect == TREATMENT and _best(self.lists["only_medicines"], padded(said)):
            # "what do they usually do for it like is it just pills or what" (R132): whether
            # medicines are all there is, which the treatments' general answer tells, naming the
            # others; not how medicines are given
            topic, aspect = self.content.aspects[TREATMENT].default, None
        elif topic == self.content.aspects[MEDICINES].default and aspect in (None, MEDICINES) \
                and not self._asks_others(said) and (one := self._medicine_named(said)) is not None \
                and not self._set_aside(said, one):
            # "... name is like bis phos phonate {what is that} medicine for" (R138): the medicine
            # the story named, which "that medicine" points to; not the medicines in general
            topic, aspect = one, None
        elif aspect == MEDICINES and topic not in (None, self.content.aspects[MEDICINES].default) \
                and _best(self.lists["only_medicines"], padded(said)):
            # "is operation also done for this or only medicines" (R135): whether the treatment
            # named is used, set beside medicines alone; its own answer, not its medicines
            aspect = None
        if topic and topic != self.cancers and aspect is None and self.content.default.topics[topic].kind == "cancers" \
                and _best(self.lists["other_cancers"], _cut(said, self._reading_pattern(THAN_OTHER_CANCERS))):
            # "in prostate only or other cancers also": which cancers spread to bone; not the
            # rest as what the cancer named is set beside ("is it more common than other cancers")
            topic = self.cancers
        elif topic is None and aspect is None and (general := self.cancers_in_general(said)):
            # "what about other cancers": cancers in general, the overview's, not a thing the
            # article lacks said back; "how common is it like {for all cancers}" after which
            # cancers (R103): of all cancers, about half spread to bone
            topic = self.content.aspects[FREQUENCY].default if general.split()[0] == "all" else self.cancers
        also = self._compared_with(text, topic, said)
        if also:
            return Meaning("question", topic=topic, also=also, told=told or self._told_before(context))
        if topic and aspect is None and self.compares_with_last(text):
            # "how's that different from the radiation then" after ablation (R111): one thing named,
            # compared with what "that" points back to
            return Meaning("question", topic=topic, against_last=True, told=told or self._told_before(context))
        if topic is None and aspect in (None, TYPES) and context and self.compares_with_last(text) \
                and (named := self._topic(padded(context))) not in (None, self.subject):
            # "{and the radiation they told earlier} is different from this how" after ablation
            # (R134): the thing the story named, compared with what "this" points back to; not
            # the types, which "different" asks alone
            return Meaning("question", topic=named, against_last=True, told=told or self._told_before(context))
        if topic and aspect in (None, TREATMENT) and self.is_treatment(topic) \
                and (eases := self.eased(padded(said), topic)):
            # "can radiation ease the pain": whether it does, which its own answer may tell
            return Meaning("question", topic=topic, eases=eases, told=told or self._told_before(context))
        if topic or aspect:
            # The overview of which cancers spread, asked with words that point back ("which
            # cancers do that" after a type), keeps them: the type's answer names its cancers.
            return Meaning("question", topic=topic, aspect=aspect,
                           follows_up=follows_up and (not topic or (topic == self.cancers and not aspect)),
                           told=told or self._told_before(context))
        # what did what the last answer told is no thing asked about ("why would the bone cancer do that")
        term = None if follows_up and self._does_what_was_told(said) else self._term(words)
        if (follows_up or label == "followup") and not (term and term.split()[-1] in ILLNESS_WORDS):
            return Meaning("more", plainly=self.asks_plainly(said), which=self.which_one(text),
                           eases=self.eased(padded(text)))
        # "what about skin cancer": an illness the article does not name is said back, not gone on from
        return Meaning("unknown", term=term)

    def _asks_when_to_call(self, said: str, read_after: str | None) -> bool:
        """True if `said` asks when to call or go for help and names a help service ("at what
        point do we call an ambulance", "what signs should I call 911 for"), or is a help
        service alone asked after the symptoms' carrier ("how do I know if it's {an emergency}")."""
        text = padded(said)
        if read_after == SYMPTOMS_CARRIER:
            named = " ".join(w for w in normalise(said).split() if w not in ("a", "an", "the"))
            if self.lists.covering("help_services", named):
                return True
        return bool(_best(self.lists["when_to_call"], text) and _best(self.lists["help_services"], text))

    def _alarmed_by_the_service(self, said: str, read_after: str | None, label: str,
                                probabilities: dict[str, float]) -> bool:
        """True if an emergency read only unsure comes of the help service named: the words
        without it read no danger ("at what point do we call {an ambulance}"), where "he can't
        breathe, when should I call 911" still does. Its answer names the number first too."""
        if label != "emergency" or danger(probabilities) >= SURE_EMERGENCY:
            return False
        without = _cut(said, self._help_services).strip()
        return decide(self.probabilities(without, read_after), self.model.thresholds) not in DANGER_IDS

    def _with_bone(self, meaning: Meaning, text: str) -> Meaning:
        """`meaning` with the bone `text` names, if any: a listed one first ("the hips and the
        hands" are answered yes, with the list)."""
        padded_text = padded(text)
        for name, listed in (("bones_listed", True), ("bones_unlisted", False)):
            # plain names, longest first, so "hip bones" is said back whole, not "hip"
            for bone in sorted(self.content.reading[name], key=len, reverse=True):
                if f" {normalise(bone)} " in padded_text:
                    return meaning._replace(bone=bone, bone_listed=listed)
        return meaning

    def _asks_leave_with_medicine(self, said: str) -> bool:
        """True if the words ask whether one may do something and name a medicine ("can i drink
        alcohol with my medication")."""
        text = padded(said)
        return bool(_best(self.lists["permission"], text) and _best(self.lists["medicine_decisions"], text))

    def _opens_with_advice(self, said: str) -> bool:
        """True if the first clause, up to the next person told of, asks for advice ("{do i
        have bone mets} my blood test came back ...")."""
        first = self._first_clause(said)
        return first is not None and decide(self.probabilities(first), self.model.thresholds) == "advice"

    def _opens_asking_meaning(self, said: str, carried: bool) -> bool:
        """True if the first clause asks what a thing it names means ("{what is the meaning of
        osteonecrosis of jaw} doctor told my mother ..."); carried: a question carrier took its
        question word ("what is {the meaning of ...}")."""
        first = self._first_clause(said)
        if first is None or self._topic(padded(first)) in (None, self.subject):
            return False
        asks = self.asks_plainly(first) if self.opens_a_question(first) else \
            carried and bool(MEANING_NOUNS & set(first.split()))
        return bool(asks)

    def _first_clause(self, said: str) -> str | None:
        """The words up to the next person told of, at least MIN_CLAUSE_WORDS in; None if none is."""
        words = normalise(said).split()
        cut = next((i for i, word in enumerate(words) if i >= MIN_CLAUSE_WORDS and word in SUBJECT_STARTS), None)
        return " ".join(words[:cut]) if cut is not None else None

    def _told_then_asked(self, text: str, context: str, said: str, read_after: str | None) -> str | None:
        """The words told before a question that follows them ("{my wife cracked a rib} how {do
        they treat bone metastases}"), or None: the question is the words after a question
        carrier, or after the last question word, read alone as a question naming the side or
        the topic it asks about."""
        splits: list[tuple[str, str, str | None]] = []
        if read_after in QUESTION_CARRIERS and context and text:
            splits.append((context, text, read_after))
        words = normalise(said).split()
        starts = [i for i, word in enumerate(words) if word in WH_WORDS and i >= MIN_CLAUSE_WORDS] or [
            # no question word: a yes-or-no question at the story's end ("... keeps me up all
            # night {does} radiotherapy help with bone pain", R97), read as one below; not a
            # statement's verb after its subject ("it's {is} just there all the time", R93)
            i for i, word in enumerate(words) if word in ASKING_AUXILIARIES and i >= MIN_CLAUSE_WORDS
            and words[i - 1] not in STATEMENT_SUBJECTS]
        if starts and len(words) - starts[-1] >= MIN_CLAUSE_WORDS:
            # ... also where a carrier split the story early ("{sir my father is having lung
            # cancer} which {is spread to the spine ... not able to pass urine ...} what is the
            # medicine", R117): the story is then in the carrier's question, which reads as told
            splits.append((" ".join(words[:starts[-1]]), " ".join(words[starts[-1]:]), None))
        for before, question, intent in splits:
            # A question that leans on what was told ("could {that} be the cancer getting into her
            # bones") asks about it: the symptom's answer.
            # (read alone, a short question may lean beyond the source in the model, "what does the
            # radiotherapy do", R92: the topic it names says what it asks)
            asked = decide(self.probabilities(question, intent), self.model.thresholds)
            if asked not in ("question", "out_of_scope", "followup"):
                continue
            topic, aspect, _ = self.place(question)
            # A question read alone as leaning on an answer is asked only where it names what it
            # asks of ("... the doctor said his bone mets are the mixed type what {does mixed
            # mean}", R82); a side alone is the last answer's
            names_topic = topic not in (None, self.subject)
            if names_topic or (aspect and asked != "followup"):
                return before
        return None

    def _unbroken(self, symptom: str, words: str) -> bool:
        """True if a broken bone read is spoken of only as not (yet) happened ("before it
        breaks"): with those words cut out, no break is told ("it's meant to prevent fractures
        but she just fractured her hip", "not broken, just cracked" tell one)."""
        if symptom != FRACTURES:
            return False
        text = padded(words)
        rest = _cut(text, self._reading_pattern("unbroken"))
        return rest != text and not _best(self.lists["broken"], rest) \
            and FRACTURES not in {found[3] for found in self._named(rest)}

    def crisis_told(self, words: str) -> bool:
        """True if a crisis is said in so many words ("she said she's gonna kill herself"), not
        denied or told of the past just before it ("i'm not suicidal") and not long past, a
        service or a wished place just after it ("suicidal years ago", "suicide helpline")."""
        said, denied, settled, next_settled = (self._reading_pattern(name) for name in (
            "crisis_told", "crisis_denied", "crisis_settled", "crisis_settled_next"))
        text = padded(words)
        for found in said.finditer(text) if said else ():
            before = f" {' '.join(text[:found.start()].split()[-CRISIS_WINDOW:])} "
            after = f" {' '.join(text[found.end():].split()[:CRISIS_WINDOW])} "
            # (a word that settles it only right after: "top myself {up}", not "{fed up}" two on)
            following = f" {' '.join(text[found.end():].split()[:1])} "
            if not (denied and denied.search(before)) and not (settled and settled.search(after)) \
                    and not (next_settled and next_settled.search(following)):
                return True
        return False

    def harm_done(self, words: str) -> bool:
        """True if the words tell a poisoning done to someone, by accident or by another ("she's
        been poisoned", "food poisoning"), not a plan."""
        done = self._reading_pattern("harm_done")
        return bool(done and done.search(padded(words)))

    def dying_told(self, words: str) -> bool:
        """True if the words end by telling that someone is dying now ("alexa my husband is
        dying"): the content's emergency phrase, as a statement, not asked ("does that mean he's
        dying") nor told of an illness ("dying of lung cancer") or in jest ("dying to know")."""
        spoken = _strip_end(normalise(words).split(), DYING_AFTER)
        return len(spoken) >= 2 and spoken[-1] == "dying" and spoken[-2] in ("is", "am", "are") \
            and spoken[0] not in self._question_words and "mean" not in spoken

    def emergency_had(self, words: str) -> bool:
        """True if the words end by telling an emergency just happened or happening ("i think my
        mum has had a stroke"), as a statement, not asked ("what happens if he has a stroke")."""
        spoken = _strip_end(normalise(words).split(), DYING_AFTER)
        pattern = self._reading_pattern("emergency_had")
        said = f" {' '.join(spoken)} "
        return bool(spoken) and spoken[0] not in self._question_words and "if" not in spoken \
            and pattern is not None and any(found.end() == len(said) - 1 for found in pattern.finditer(said))

    @cached_property
    def _question_words(self) -> frozenset[str]:
        """How a question starts (the content's `question_starts`, one word each)."""
        return self._one_words("question_starts")

    def _one_words(self, name: str) -> frozenset[str]:
        """The one-word entries of the content's reading list `name`."""
        return frozenset(word for word in self.content.reading[name] if " " not in word)

    def _side(self, text: str) -> str | None:
        """The side of a topic asked about in `text` (padded), a diagnosis told aside ("my
        husband was just diagnosed, so what are bone metastases" asks nothing of diagnosis)."""
        return _best(self.aspects, _because_cut(_cut(text, self._reading_pattern("diagnosis_told")),
                                                self._reading_pattern("because_said")))

    def _does_what_was_told(self, words: str) -> bool:
        """True if the words end asking why something did what the last answer told ("why would
        the bone cancer do that", "how come the cancer made that happen"); not an auxiliary's
        "does that" ("what does that mean")."""
        done_that = self._reading_pattern("done_that")
        said = f" {_without_trailing(normalise(words))} "
        return any(found.end() == len(said) - 1 for found in done_that.finditer(said)) if done_that else False

    def _question_after_story(self, said: str) -> str | None:
        """The words from the last question word on, where a story of its own comes before it
        and the question holds enough words to read alone; else None."""
        words = normalise(said).split()
        at = _last_question_word(words)
        if at < MIN_CLAUSE_WORDS or len(words) - at < MIN_CLAUSE_WORDS:
            return None
        return " ".join(words[at:])

    def _told_aside(self, said: str) -> str | None:
        """The urgent symptom told in an aside after a question ("what's the difference between
        the osteoblastic kind and the mixed kind {oh and also} since yesterday i can't really
        control when i pee ... {but anyway} the types", R124), read clause by clause as beside a
        request for advice; None where the aside asks ("and also can it cause back pain") or
        names no one to tell of."""
        text = padded(said)
        opening = self._reading_pattern("aside_opened")
        found = opening.search(text) if opening else None
        if found is None or not WH_WORDS & set(text[:found.start()].split()):
            return None
        aside = text[found.end():]
        ended = self._reading_pattern("aside_ended")
        back = ended.search(aside) if ended else None
        words = _strip((aside[:back.start()] if back else aside).split(), self.fillers)
        if not words or words[0] in WH_WORDS or words[0] in ASKING_AUXILIARIES or not SUBJECT_STARTS & set(words):
            return None
        return self._symptom_told(" ".join(words))

    def _told_before(self, context: str) -> str | None:
        """The urgent symptom the words before a question tell of, if they read as one; a
        person's own puzzlement is none ("the whole family is kind of confused because nobody
        explained it", R114), nor pain said to be absent ("he is not having any pain", R36)."""
        # (not the turn to the question after it: "... this weekend {anyway} what are the three
        # types" tells nothing, and alone swung the story's reading, "i basically overdosed on tv
        # this weekend anyway": the spinal cord 0.12 with it, nothing urgent without it)
        told = _cut(self._unpuzzled(context), self._reading_pattern("pain_denied")).split()
        return self._symptom_in(_strip_end(told, POINTING_FILLERS))

    def _symptom_in(self, words: list[str]) -> str | None:
        """The symptom these words tell of, read on their own by the model (None if they are too
        few to tell anything, or tell no symptom). Words that only name people tell none, whatever
        the model leans to ("{my wife she} is having breast cancer ...": the spinal cord, R122)."""
        text = " ".join(words)
        if len(words) < MIN_CLAUSE_WORDS or self.tells_nothing(text) \
                or all(word in self.filler_words or word in SUPPOSING_WORDS for word in words):
            # (nor words that only suppose: "{and say it has} what can they actually do about it",
            # R134: the spinal cord at 0.11 after the retraining of 2026-12-07, from those alone)
            return None
        if any(self._set_aside(text, found[3]) for found in self._named(padded(text))) \
                and not self._symptom_named(text):
            # a thing set aside, nothing told ("{and other than drip} other treatments are there",
            # R104: read alone, a symptom at the emergency's threshold after the retraining of
            # 2026-12-07)
            return None
        probabilities = self.probabilities(text)
        label = decide(probabilities, self.model.thresholds)
        if label in REPORTS and probabilities.get("diagnosed", 0.0) >= DIAGNOSED_BESIDE_SYMPTOM * probabilities[label] \
                and any(self._is_cancer(found[3]) for found in self._named(padded(text))):
            # A cancer named, read nearly as likely as a diagnosis told ("{my father is having
            # kidney cancer only so} which type ..."): no symptom unless the rules name one.
            label = likeliest = "diagnosed"
        else:
            likeliest = max(probabilities, key=probabilities.__getitem__)
        if label not in REPORTS and (label == "emergency" or likeliest in REPORTS):
            # A danger reading, chosen for recall, comes first; but the words still tell their
            # likeliest symptom ("she hasn't gone in five days": high calcium).
            symptom = max(REPORTS, key=lambda report: probabilities.get(report, 0.0))
            label = symptom if probabilities.get(symptom, 0.0) >= ADVICE_SYMPTOM else label
        if label in REPORTS:
            symptom = label.partition(":")[2]
            return None if self._unbroken(symptom, " ".join(words)) else symptom
        # The model may hear a request in a symptom told beside one ("my knee is paining since
        # one month"); a symptom the rules name in the clause is still told.
        return self._symptom_named(" ".join(words))

    def _story_symptom(self, story: str, probabilities: dict[str, float]) -> str | None:
        """The urgent symptom a story told before a question names, where the question outweighed
        it in the model but the model still reads that symptom told at least STORY_SYMPTOM likely
        ("... she's been ever so muddled ... and really bunged up ... what does the radiotherapy
        do", R92: high calcium 0.12); None for a symptom only named beside the question."""
        symptom = self._symptom_named(story)
        if symptom and probabilities.get(f"report:{symptom}", 0.0) >= STORY_SYMPTOM:
            return symptom
        # A symptom the rules do not name, told in everyday words, which the model reads nearly as
        # likely as the question in all the words and again in the story alone ("... he is not able
        # to pass urine properly and back pain is also more what is the medicine", R117: the spinal
        # cord 0.48 against the question's 0.49; the rules name only the pain)
        likeliest = max(REPORTS, key=lambda report: probabilities.get(report, 0.0))
        symptom = likeliest.partition(":")[2]
        if probabilities.get(likeliest, 0.0) >= STORY_READ and self._symptom_in(story.split()) == symptom:
            return symptom
        return None

    def _symptom_named(self, words: str, besides: Iterable[str] = ()) -> str | None:
        """The symptom the rules name in `words` (the one they account for most), other than
        those `besides`, and no break spoken of as not yet happened; None if they name none."""
        told = [found for found in self._named(padded(words)) if f"report:{found[3]}" in REPORTS
                and found[3] not in besides and not self._unbroken(found[3], words)]
        return max(told)[3] if told else None

    @staticmethod
    def _clauses(said: str) -> list[list[str]]:
        """The words of `said` cut into clauses: a clause opens at an advice word or at a person
        ("should I take her to the ER {she hasn't gone in five days}", "{ring the GP} {my shin
        cracked}"); too few words to tell anything alone run on into the next ("my knee {is
        paining}")."""
        words = normalise(said).split()
        cuts = [i for i, word in enumerate(words) if word in ADVICE_OPENERS or (i and word in SUBJECT_STARTS)] \
            + [len(words)]
        clauses, start = [], 0
        for cut in cuts:
            if cut - start >= MIN_CLAUSE_WORDS or cut == len(words):
                clauses.append(words[start:cut])
                start = cut
        return clauses

    def _symptom_told(self, said: str) -> str | None:
        """The symptom told beside a request for advice, read clause by clause: the request
        outweighs it when the sentence is read whole ("{my ribs are killing me} can I double up
        on the co-codamol", "should I call tonight {or wait, he's been so mixed up}"). A cracked
        tooth tells no broken bone (_plain)."""
        return next(filter(None, map(self._symptom_in, self._clauses(self._plain(said)))), None)

    def _symptom_apart_from(self, said: str, besides: list[Sign]) -> str | None:
        """The symptom told beside clauses that tell none of their own (`besides`: "{one tooth
        is paining, the dentist wants it out}"): in those, one the rules name other than pain
        ("her legs have gone weak since the dentist"); the other clauses are read together."""
        kept: list[str] = []
        for clause in self._clauses(self._plain(said)):
            if not _best(besides, padded(" ".join(clause))):
                kept += clause
            elif symptom := self._symptom_named(" ".join(clause), besides=(PAIN,)):
                return symptom
        return self._symptom_in(kept)

    def _asks_past_reply(self, label: str, text: str, context: str, asked: bool, carried: bool = False) -> bool:
        """A yes or no followed by a question that names what it asks ("right and uh which
        bones", "no, what about the treatment"): the question is what the person wants, and
        going on or stopping would leave it unanswered; so with a question opened by its verb
        ("right and is ovarian one of them then"). So, too, with a question read as a request for
        help that names a side ("how would something like that start" after the jaw problem; "so
        what {are the options then}", the carrier holding the question word: R83), or
        read as asking to hear the answer again ("how much percentage of cases" after which
        cancers spread: the model's repeat, a question about how common). carried: a question
        carrier took the question word ("how {much percentage of cases}")."""
        if label not in ("yes", "no", "help", "repeat"):
            return False
        after_reply = " ".join(normalise(text).split()[1:])  # past the carrier's "yes" or "no"
        said = set(normalise(f"{context} {text}").split())
        if label == "repeat":
            # a question word, kept or taken by the carrier ("say that again" asks nothing new),
            # and no word pointing at what was said ("what was the percentage again": a repeat)
            if not (carried or WH_WORDS & said):
                return False
            if said & SAID_AGAIN_WORDS and (
                    "again" in said or self.place(text, context, asked)[0] in (None, self.subject)):
                # ... though a thing named in what was said is asked about ("hang on what was the
                # jaw thing you said" after bisphosphonates, R139: not their answer again)
                return False
        elif not (carried or WH_WORDS & said) and not (
                label != "help" and (self.opens_a_question(text) or self.opens_a_question(after_reply))):
            return False
        if label == "help":  # the carrier's question word belongs to the question asked
            text, context = f"{context} {text}".strip(), ""
        topic, aspect, _ = self.place(text, context, asked)
        return bool(topic or aspect)

    def place(self, text: str, context: str = "", asked: bool = False,
              carried: bool = False) -> tuple[str | None, str | None, bool]:
        """What the rules place in the words: (topic, aspect, follows_up). The topic is the one
        named (or a misheard name); the aspect the side asked about; follows_up, that the words
        point back at the last answer ("it", "the mixed one"). See _subject for `asked`.
        carried: a question carrier's own word stood between the context and the text ("{context}
        what {text}"), so the text opens a question."""
        text, context = self._plain(text), self._plain(context)
        # How many words the carrier's question held, counted before _regroup, which may fold a
        # text of fillers ("{what} that means") into its context; opened_at below counts after it.
        asked_words = len(self._words(text))
        if context:
            text, context = self._regroup(text, context)
        words = _strip(self._words(f"{context} {text}"), self.fillers)
        question_part = f" {' '.join(_strip(self._words(text), self.fillers))} "
        said_before = f" {' '.join(self._words(context))} " if context else ""
        opened_at = len(words) - len(self._words(text)) if carried and context else None
        last = self._last_question(words, asked, opened_at)
        if last is not None:
            question_part, said_before = last
        topic, aspect = self._subject(question_part, said_before, f" {' '.join(words)} ", asked)
        # (where a question carrier took the question word, the question opens where its text did)
        wh_at = _last_question_word(words) if aspect else 0
        start = wh_at or (max(len(words) - asked_words, 0) if carried and aspect else 0)
        tail = ("" if wh_at else "what ") + " ".join(words[start:]) if start else ""
        # "the nurse said to watch out for spinal cord compression, what does that mean": what
        # it is, not the side named on the way to it
        # ... or what the thing it names is ("my scan report is saying osteo blastic lesions, what
        # is this osteo blastic", R84): not the scan's side either
        asks_what_it_is = bool(tail) and not self._side(padded(tail)) and (
            self.only_asks_meaning(_without_trailing(tail)) or self._asks_what_named_is(tail))
        if topic and asks_what_it_is:
            aspect = None
        elif asked and topic not in (None, self.subject) and aspect == DIAGNOSIS:
            # A story asked what it means, which names where the word was read ("my husband's
            # scan letter says he's got oh stee oh blastic lesions and i've no idea what that
            # is", R105): what the thing named is, not how a diagnosis is made
            aspect = None
        if topic is None and aspect is None:
            topic = self._fuzzy(words)
        elif topic == self.subject and aspect is None:
            # A misheard name is more specific than bone metastases named beside it ("{hyper cal
            # see mia} with bone secondaries, what is that")
            topic = self._misheard_beside(" ".join(words), topic) or topic
        elif topic is None:
            # A misheard name with a side asked ("the signs of hyper calcemia"), if the side is
            # the name's to answer; a name heard plainly was already weighed (as background).
            # ... or with no side, where the question asks only what it is ("the scan shows osteo
            # lytic lesions, what that actually means": not the scan's side)
            misheard = self._fuzzy(words, strict=True)
            if misheard and (asks_what_it_is or aspect in self.content.default.topics[misheard].aspects) \
                    and misheard not in {found[3] for found in self._named(f" {' '.join(words)} ")}:
                topic, aspect = misheard, None if asks_what_it_is else aspect
        elif aspect is None and topic != self.subject:
            # A misheard name the question asks of, past a topic named only before the question
            # ("we are very confused so kindly tell what is the meaning of {osteo lithic}"):
            # the name asked of, not high calcium's confusion told on the way
            topic = self._misheard_asked(words, question_part if last is not None else None) \
                or self._misheard_past_cancer(words, topic, question_part) or topic
        elif topic == self.content.aspects[aspect].default \
                and (misheard := self._misheard_beside(" ".join(words), topic)) is not None:
            # "what is this {biz phos fo nates} medicine": the word that seemed to ask the side
            # named its general topic, and only says what the misheard name beside it is: the
            # name is asked of (R81)
            topic, aspect = misheard, None
        points_back = bool(_best(self.lists["pronouns"], question_part))
        if topic == PAIN and aspect in (None, TREATMENT) and self.eased(question_part):
            # "does it help with the pain as well" after surgery: whether what was just named
            # eases pain, which its own answer tells, not what bone pain is or how it is treated
            return None, None, True
        if topic and aspect == FREQUENCY and self._is_cancer(topic) and not WH_WORDS & set(words) \
                and FREQUENCY not in self.content.default.topics[topic].aspects:
            # "is kidney cancer one of the common ones": whether it is one that often spreads to
            # bone, which its own answer says, not how many cancers spread (a question word asks
            # that: "how often does cancer end up in the bones" after ovarian cancer told)
            aspect = None
        if topic == self.subject and aspect is None and self._does_what_was_told(question_part):
            # The subject is what did what the last answer told ("why would the bone cancer do
            # that" after high calcium): the question asks about that answer
            return None, None, True
        if topic and aspect is None and self._is_cancer(topic) and _best(self.lists["organ_harmed"], question_part):
            # "what does it do to your kidneys" after high calcium (the carrier may have taken
            # "does it": "{damage his kidneys}"): what the thing just named does to the organ,
            # which its answer tells, not the cancer that starts there
            return None, None, True
        if topic == self.cancers and aspect == TYPES and points_back:
            # "what kinda cancers does {that one} come from" after osteolytic: the cancers of the
            # one pointed at, which the handler finds in the last answer, not the three types
            return topic, None, True
        if topic == self.cancers and aspect == CAUSES and points_back:
            # "which cancers cause that kind": the cancers of the one pointed at, whose answer
            # (a type's, or the causes of bone metastases) names them
            return None, aspect, True
        return topic, aspect, points_back

    def _asks_beyond_source(self, label: str, said: str, asked: str) -> bool:
        """True if the words ask what the article never gives: a judgement ("which one's worse
        then" after the types, "which one's better for my dad" after two treatments); a
        prediction for one person ("so she will also get it in bones definitely"); a duration
        ("how long would he be on them"); a cost ("how much will the treatment cost"), in the words
        `asked` (those a question carrier's word opened, not a story before it); whether a test
        shows it ("would it show on a normal x ray"); a count of sessions, read as advice or
        not ("and how many infusions would i need"), unless a symptom is told with it."""
        text, question = padded(said), padded(asked)
        if label in ("question", "followup") and (self._judged(said) or _best(self.lists["predicted"], text)):
            return True
        if label in ("question", "followup", "out_of_scope") and (_best(self.lists["timed"], question)
                                                                  or _best(self.lists["priced"], question)):
            return True
        if label in ("question", "followup", "out_of_scope", "advice") and _best(self.lists["test_asked"], text):
            return True
        return label == "advice" and bool(_best(self.lists["counted"], text)) and not self._symptom_told(said)

    def _judged(self, said: str) -> bool:
        """True if `said` asks which is worse or better; not where a story with no question in it
        tells something worse or best before the question ("his back pain is worse {what is the
        treatment for bone mets}", R117; "my best friend ... {what are the symptoms}", R118: the
        judgement's parts are read in any order)."""
        if not _best(self.lists["judged"], padded(said)):
            return False
        question = self._question_after_story(said)
        if question is None:
            return True
        story = normalise(said).split()[:-len(question.split())]
        return bool(WH_WORDS & set(story)) or bool(_best(self.lists["judged"], padded(question)))

    def _plain(self, words: str) -> str:
        """The words without what sounds like a topic but names none: a person's own puzzlement
        (_unpuzzled), a GP's practice called "the surgery" or a cracked tooth ([reading]
        names_nothing)."""
        pattern = self._reading_pattern("names_nothing")
        if pattern is not None and pattern.search(padded(words)):
            words = _cut(words, pattern).strip()
        return self._unpuzzled(words)

    def _unpuzzled(self, words: str) -> str:
        """The words without a person's own puzzlement said before a question ("{i'm a wee bit
        confused} how can it be cancer in the bones"), which tells no confusion as a symptom; the
        question word stays. Puzzlement with no question after it ("i'm so confused and tired")
        is kept: it may be one."""
        pattern = self._reading_pattern("puzzled")
        said = padded(words)
        if pattern is None or not pattern.search(said):
            return words

        def unless_told(found: re.Match[str]) -> str:
            following = said[found.end():].split()
            return " " if following and following[0] in PUZZLED_BEFORE else found.group(0)

        kept = pattern.sub(unless_told, said)
        return words if kept == said else kept.strip()

    def eased(self, words: str, treatment: str | None = None) -> str | None:
        """The symptom `words` ask whether what was just named (or `treatment`, named in them)
        eases ("does it help with the pain as well", "can radiation ease the pain"): pain, the
        one the article tells a treatment eases; else None. The carrier may have taken the
        pronoun ("does it {help with the pain}"), so the words are read as if "it" opened them."""
        names = self._name_patterns.get(treatment) if treatment else None
        if names is not None:
            words = names.sub("it", padded(words))  # "can {radiation} ease the pain": can it
        found = self._easing(words)
        return PAIN if found is not None else None

    def _easing(self, words: str) -> re.Match[str] | None:
        """Where `words` (padded) ask whether "it" eases pain, read as if "it" opened them; None
        if they ask no such thing. The pain must be named after the easing ("does it help {with
        the pain}"), not told anywhere ("chemo's killing me, how does it help the bones")."""
        eases = self._reading_pattern(EASES_IT)
        # an opening filler before the carrier's lost "will it" ("{and} will it {help with his
        # pain at all}", heard "and help with ...", R110) does not hide the easing asked
        opened = padded(" ".join(_strip(words.split(), LEADING_FILLERS)))
        found = eases.search(f" it{opened}") if eases else None
        if found is None or PAIN not in {named[3] for named in self._named(padded(found.string[found.end():]))}:
            return None
        return found

    def only_asks_eased(self, said: str) -> bool:
        """True if `said` is no more than whether what was just named eases pain ("will it help
        her pain", "does that help with the pain at all"): a few words before the easing, and
        after it only the pain it eases."""
        found = self._easing(padded(said))
        if found is None:
            return False
        before, after = found.string[:found.start()].split(), found.string[found.end():].split()
        if len(before) > ONLY_EASED_WORDS or len(after) > ONLY_EASED_WORDS:
            return False
        # every other word a small word, a word for pain or a bone: "she's fainted, will it help
        # my pain" and "will it help my pain, he collapsed" tell more
        return all(word in EASED_WORDS or word in self.filler_words or word in self.bone_words
                   for word in before + after)

    def _last_question(self, words: list[str], asked: bool, opened_at: int | None = None) -> tuple[str, str] | None:
        """In a long stretch of speech, the last question in it that names a topic or a side
        ("... she is taking chemo now and we're all worried so please tell whether ovarian cancer
        goes to the bones"), as (question, what was said before it); None if there is none, or
        the speech is short enough for the carrier's split to be trusted. opened_at: where a
        carrier's question word stood (the carrier took it: "{my missus has breast cancer} what
        {sort of bone spread does breast usually cause}")."""
        if len(words) < LONG_SPEECH_WORDS or asked:
            return None
        # A question word ("what", "why") opens a question before an auxiliary does ("what type
        # {does} breast cancer cause"); a question starts at the first of its question words.
        for openers in (WH_WORDS, self.question_starts):
            for start in range(len(words) - 1, 0, -1):
                opens = words[start] in openers or (openers is WH_WORDS and start == opened_at)
                if not opens or (_sets_condition(words, start) and start != opened_at) or _tells_where(words, start):
                    continue
                question, before = f" {' '.join(words[start:])} ", f" {' '.join(words[:start])} "
                if words[start - 1] in self.question_starts and start != opened_at:
                    if words[start - 1] in REQUEST_VERBS and openers is WH_WORDS \
                            and start == _last_question_word(words) and _best(self.lists["pronouns"], question) \
                            and self._topic(question) is None and not self._side(question):
                        # "... told us to watch for hypercalcemia, can you please explain {what it
                        # is}": the request points back at the story, as "what is it" would
                        return question, before
                    continue
                if openers is not WH_WORDS and self._tells(words, start):
                    continue  # "cancer that {is} spread into his ribs", "my mum {has} lung cancer": told, not asked
                named = self._topic(question)
                if words[start - 1] == "or" and named in (None, self.subject):
                    # "is that the same as the radiation ... {or is that something different}"
                    # (R130): the other answer offered closes the question before it, asks none
                    continue
                if named not in (None, self.subject) or self._side(question):
                    return question, before
                if self._asked_misheard(question, question) is not None:
                    # a misheard name asked of ("... the doctor has written osteo lithic lesions,
                    # what is the meaning of {osteo lithic}"): the question is about it; a name
                    # heard plainly was weighed above, and a cancer's plain word ("for prostate")
                    # names no term misheard
                    return question, before
                if openers is WH_WORDS and start == _last_question_word(words) \
                        and _best(self.lists["pronouns"], question):
                    if len(question.split()) <= FRAGMENT_WORDS and WH_WORDS & set(words[:start]):
                        # ... unless it only starts the question asked before it again ("... how
                        # do the doctors actually diagnose it so um {how do they}"): that one
                        continue
                    # the last question points back at the story ("... radiation on his ribs next
                    # week, how does that actually work"): the story is what it asks about
                    return question, before
        return None

    def stage_asked(self, words: str, stages: Mapping[str, str]) -> str | None:
        """Of a topic's parts (stage: its words), the one these words ask about by the words
        they share ("and do they take the tumor out too" after surgery: the part that says the
        surgeon takes it out); None if no part shares more than every other."""
        said = [w for w in self._words(words) if w not in self.filler_words]
        asked = _stems(said) | self._alike_stems(said)
        shared = {stage: len(asked & _stems(self._words(text))) for stage, text in stages.items()}
        most = max(shared.values(), default=0)
        best = [stage for stage, count in shared.items() if count == most]
        return best[0] if most and len(best) == 1 else None

    @cached_property
    def _alike(self) -> tuple[tuple[tuple[frozenset[str], ...], set[str]], ...]:
        """The [reading] alike groups: each member's words, and the stems of its one-word members."""
        groups = []
        for group in self.content.reading["alike"]:
            members = [member.split() for member in group.strip("()").split("|")]
            groups.append((tuple(map(frozenset, members)), _stems(words[0] for words in members if len(words) == 1)))
        return tuple(groups)

    def _alike_stems(self, said: list[str]) -> set[str]:
        """The stems of the one-word members of every alike group a member of which is said
        ("take ... out": remove, "cancer": tumor); a member of several words is said when all
        its words are."""
        heard = set(said)
        return {stem for members, stems in self._alike if any(member <= heard for member in members)
                for stem in stems}

    @staticmethod
    def _tells(words: list[str], at: int) -> bool:
        """True if the auxiliary at `at` follows its subject, so tells rather than asks ("he {is}
        getting radiation", "my mum {has} lung cancer", "cancer that {is} spread", "the scan {is}
        booked"); a possessive
        after a preposition is no subject ("a spot in my ribs {is} bone pain usually there")."""
        before = words[at - 1] if at else ""
        if at > 1 and words[at - 2] == "the" and before not in WH_WORDS \
                and (at + 1 == len(words) or words[at + 1] not in TELLING_SUBJECTS):
            # "what the radiotherapy {does} for her bone pain" (R128): the thing named is its
            # subject, as no subject follows it ("the radiation {does} it hurt" asks)
            return at < 3 or words[at - 3] not in PLACE_PREPOSITIONS
        return before in TELLING_SUBJECTS or (at > 1 and words[at - 2] in POSSESSIVES and before not in WH_WORDS
                                              and (at < 3 or words[at - 3] not in PLACE_PREPOSITIONS))

    def asks_spread(self, words: str) -> bool:
        """True if the words ask whether a cancer spreads to bone ("goes to bone most often"):
        a spread word, not one telling it happened ("hers went to her bones, is it the same
        kind"), and no kind asked."""
        said = normalise(words).split()
        if KIND_WORDS & set(said):
            return False
        return bool(_best(self.lists["spread"], _cut(" ".join(said), self._reading_pattern(SPREAD_TOLD))))

    def asks_of_it(self, words: str, intent: str | None) -> bool:
        """True if the words ask something of what was just said ("why would she have that kind",
        "is new bone not a good thing then"), not for more of it or its others ("tell me more",
        "what else", "and the other ones")."""
        said = normalise(words).split()
        if not said or (MORE_OF_IT_WORDS & set(said) and not {"cancer", "cancers"} & set(said)):
            return False  # ... though "what other cancers do that" asks which cancers it comes from
        # (a statement with "not" checks what was said: "new bone is {not} a good thing", R84)
        opening = _strip(said, self.fillers)
        return intent in (*QUESTION_CARRIERS, NEGATION_CARRIER) or bool(WH_WORDS & set(said)) \
            or bool(opening and opening[0] in ASKING_AUXILIARIES)

    @staticmethod
    def asks_why(words: str, intent: str | None) -> bool:
        """True if the words ask why ("why would they bother doing that"), not for more ("why
        else", "what other reasons")."""
        # "more bone" is the new bone osteoblastic lays down ("why is that bad wouldn't more bone
        # be good", R104), not more of the answer asked for
        said = MORE_BONE.sub(" ", padded(words)).split()
        if MORE_OF_IT_WORDS & set(said):
            return False
        return intent == "WhyQuestionIntent" or "why" in said or "how come" in " ".join(said)

    def asks_every_type(self, words: str) -> bool:
        """True if the words ask for every type ("what are the different types"), not one."""
        return bool(_best(self.lists["every_type"], padded(words)))

    def asks_blame(self, words: str) -> bool:
        """True if the words ask whether someone's doing caused it ("was it my fault")."""
        return bool(_best(self.lists["blame"], padded(words)))

    def asks_plainly(self, words: str) -> bool:
        """True if the words ask for the last answer in plainer words ("what does that mean")."""
        return bool(_best(self.lists["clarify"], padded(words)))

    def which_one(self, words: str) -> str | None:
        """The word that tells which one of a list the words point at ("what's {the spinal
        one}", "and the calcium one"), or None: a word before "one" at their end, not a
        pointer ("that one") or a place in a list ("the second one", read by `ordinal`)."""
        said = _strip(self._words(words), self.fillers)
        if len(said) < 2 or len(said) > ORDINAL_WORDS or said[-1] not in ("one", "ones"):
            return None
        word = said[-2]
        if word in ORDINALS or word in self.filler_words or word in POINTING_WORDS:
            return None
        return word

    def named_by(self, word: str, topic_ids: Iterable[str]) -> str | None:
        """The first of `topic_ids` one of whose names has `word` in it ("spinal": spinal
        cord compression), or None."""
        def names(topic_id: str) -> tuple[str, ...]:
            return (self.content.default.topics[topic_id].name, *self.content.default.topics[topic_id].synonyms)
        return next((topic_id for topic_id in topic_ids
                     if any(word in normalise(name).split() for name in names(topic_id))), None)

    def ordinal(self, words: str) -> int | None:
        """Which one of a list the words point at ("the second one", "what about the last
        type"): 1, 2, ..., or -1 for the last; None if they name no place in a list."""
        said = self._words(words)
        if len(said) > ORDINAL_WORDS:
            return None
        for i, word in enumerate(said):
            # "the" may have gone with the carrier ("what about the {second one}")
            if word in ORDINALS and (i == 0 or said[i - 1] in ("the", "that")) \
                    and (i + 1 == len(said) or said[i + 1] in ORDINAL_NOUNS) \
                    and not TIME_SPANS & set(said[i + 1:i + 3]):
                return ORDINALS[word]
        return None

    @cached_property
    def _names(self) -> list[tuple[str, list[Sign]]]:
        """Each topic's own names (not its looser signs), to find the topics an answer lists."""
        return [(t.id, _signs(tuple(_quote(s) for s in self._readable_synonyms(t))))
                for t in self.content.default.topics.values()]

    def listed(self, text: str, leaving: Iterable[str] = ()) -> list[str]:
        """The topics `text` names, in the order it names them, of the kind it names first
        ("medicines, radiation, and surgery"), without `leaving` or the subject."""
        named = sorted((-first, topic_id) for _, first, _, topic_id in self._named(padded(text), self._names)
                       if topic_id not in leaving and topic_id != self.subject)
        topics = self.content.default.topics
        return [topic_id for _, topic_id in named if topics[topic_id].kind == topics[named[0][1]].kind]

    def _asks_what_named_is(self, words: str) -> bool:
        """True if the words ask only what a thing they name is ("what is this osteo blastic"):
        a question of meaning, then the name, heard plainly or misheard."""
        said = _strip(self._words(_without_trailing(words)), self.fillers)
        for cut in range(2, len(said)):
            rest = said[cut:]
            if self.only_asks_meaning(" ".join(said[:cut])) and (
                    self._topic(padded(" ".join(rest))) is not None or self._fuzzy(rest, strict=True) is not None):
                return True
        return False

    def only_asks_meaning(self, words: str) -> bool:
        """True if the words ask only what something means ("does that even mean", "is that",
        "what is it")."""
        said = self._words(words)
        rest = " ".join(_strip(said, self.fillers))  # nothing but fillers asks nothing new, as no words
        if rest and self._topic(f" {rest} ") is not None:
            return False  # "what does {ablation} mean": what the thing named means
        return len(said) <= MEANING_WORDS and (self.asks_plainly(words) or not rest
                                               or self.lists.covering("what_it_is", rest))

    def story_asked_about(self, words: str) -> str | None:
        """In long speech that ends by asking only what it means ("... and now it's in her bones
        and I'm trying to get my head around it, what does that actually mean"), the story told
        before that question; None otherwise. The story is the question's subject, as when a
        carrier split it off ("{context} what does that mean")."""
        said = normalise(words).split()
        if len(said) < LONG_SPEECH_WORDS:
            return None
        start = _last_question_word(said)
        question = " ".join(said[start:])
        if start == 0 or not self.only_asks_meaning(question) or self._topic(padded(question)):
            return None  # "... what does mixed actually mean" asks about mixed
        return " ".join(said[:start])

    def takes_leave(self, words: str) -> bool:
        """True if the words end by taking leave ("... thanks stop", "... now stop"), not with a
        wish that something stop ("i want it all to stop")."""
        said = normalise(words).split()
        return any(self.lists.covering("leave_taking", " ".join(said[-n:])) for n in (2, 3, 4) if len(said) >= n)

    def only_takes_leave(self, words: str) -> bool:
        """True if the words say goodbye with nothing but thanks and fillers beside it ("okay fair
        enough goodbye"), nothing told; not "this is goodbye" or "goodbye everyone"."""
        if not self.says_goodbye(words):
            return False
        rest = padded(words)
        for name in ("goodbye", "leave_only", "fillers"):
            rest = _cut(rest, self._reading_pattern(name))
        return not rest.split()

    def bids_farewell(self, words: str) -> bool:
        """True if the words only take leave and name no stopping ("cheers for that catch ya
        later"; not "stop", which a statement may tell: the fit stopped)."""
        return self.only_takes_leave(words) and STOP_WORDS.isdisjoint(normalise(words).split())

    def says_goodbye(self, words: str) -> bool:
        """True if the words take leave ("stop please", "ok bye"), not only read as a stop; or
        open with thanks and end on "all", the carrier having taken the "that's" before it
        ("thanks love i'll talk to her {that's} all", R124; not "... end it all")."""
        if _best(self.lists["goodbye"], padded(words)):
            return True
        said = _strip(normalise(words).split(), self.fillers)
        asked_all = ALL_I_WANTED.search(" ".join(said))
        if asked_all is not None:
            # "thank you dear {that's} all i wanted to know" (R136): the thanks and "all" stand
            said = said[:len(said) - len(asked_all.group(1).split())]
        return len(said) > 2 and said[0] in THANKS_WORDS and said[-1] == "all" and said[-2] != "it"

    def says_nothing(self, words: str) -> bool:
        """True if the words hold nothing to read ("it", "that one", "any"): only pronouns and
        fillers, which the model, trained on sentences, would read into whatever it likes. Fillers
        that together ask a side ("what {do about} it": its treatment) say something."""
        said = self._words(words)
        return bool(said) and all(word in self.empty_words for word in said) and self._side(padded(words)) is None

    def _compared_with(self, text: str, topic: str | None, said: str = "") -> str | None:
        """The second topic that the words compare `topic` with, or ask about beside it ("what is
        osteo lytic and osteo blastic"), if they do; `said`: all the words, for a comparison
        asked of two things named before the question."""
        question = padded(text)
        compared = bool(_best(self.lists["compare"], question))
        if not (compared or {"and", "or"} & set(question.split())):
            return None  # the cheap look first: most questions name one thing, and _named reads every topic
        other = self._comparable_named(question, topic)
        if other is None and compared and said:
            # "... says oh stee oh lytic lesions and the consultant also said oh stee oh blastic
            # ... what the difference is between the two" (R108): both named in the story
            other = self._comparable_named(padded(said), topic)
        if other is None or compared:
            return other
        return other if self._side_by_side(question, topic, other) else None

    def _comparable_named(self, words: str, topic: str | None) -> str | None:
        """The topic named in `words` (padded) that can be answered beside `topic`, if one is."""
        return next((found[3] for found in sorted(self._named(words), reverse=True)
                     if self.comparable(topic, found[3])), None)

    def _side_by_side(self, question: str, topic: str, other: str) -> bool:
        """True if the two topics' names are joined by "and" or "or", with at most one other
        word between them ("lytic {and osteo} blastic"): asked about together (R77, R79)."""
        spans = {}
        for topic_id in (topic, other):
            pattern = self._name_patterns.get(topic_id)
            found = pattern.search(question) if pattern else None
            if found is None:
                return False
            spans[topic_id] = found.span()
        (_, first_end), (second_start, _) = sorted(spans.values())
        between = question[first_end:second_start].split()
        return len(between) <= SIDE_BY_SIDE_WORDS and bool({"and", "or"} & set(between))

    def _set_aside(self, text: str, topic: str) -> bool:
        """True if `topic` is named only after words that set it aside ("what other treatments
        are there apart from the chemo"): the question asks about the others."""
        question = padded(text)
        cuts = [sign.position(question) for sign in self.lists["besides"] if sign.found_in(question)]
        if not cuts:
            return False
        cut = min(cuts)
        return self._topic(question[:cut + 1]) != topic and self._topic(question[cut:]) == topic

    def is_treatment(self, topic: str) -> bool:
        """True if `topic` is one of the treatments or medicines."""
        return self._one_of(topic) is not None

    def _one_of(self, topic: str) -> str | None:
        """The general answer of the treatments or medicines, if `topic` is one of them (its
        answer to that side is its own: radiation), else None."""
        sides = [aspect for aspect, answer in self.content.default.topics[topic].aspects.items()
                 if answer == topic and aspect in (TREATMENT, MEDICINES)]
        return self.content.aspects[sides[0]].default if sides else None

    def others_of(self, topic: str, words: str) -> str | None:
        """The general answer of what `topic` is one of (the treatments, the medicines), if the
        words ask for its others ("what else can they do", "is that the only thing they can do"
        after radiation); else None."""
        group = self._one_of(topic)
        asks = self._asks_others(words) or bool(_best(self.lists["only_one"], padded(words)))
        return group if asks and group != topic else None

    def tells_nothing(self, words: str) -> bool:
        """True if the words name only people and cancers, with the words that join them ("and
        my brother's", "my father's is kidney"): nothing told or asked."""
        rest = _cut(padded(words), self._reading_pattern("names_only")).split()
        return bool(normalise(words)) and all(word in self._naming_words for word in rest)

    def alike(self, topic: str, other: str) -> bool:
        """True if the two are things of one kind, which a comparison of one with what "that"
        points back to sets side by side: two treatments, two types, two cancers ("is it worse
        than osteoblastic" after radiation compares no two alike things)."""
        if not self.comparable(topic, other):
            return False
        types = set(self._cancer_types.values())
        return self.content.default.topics[topic].kind == "cancers" or {topic, other} <= types \
            or None not in (self._one_of(topic), self._one_of(other))

    def compares_with_last(self, words: str) -> bool:
        """True if the words ask a comparison of something with what they point back to ("how's
        {that} different from the radiation", "is {it} worse than osteoblastic")."""
        question = padded(words)
        return bool(_best(self.lists["compare_with_pointer"], question) and _best(self.lists["pronouns"], question))

    def only_points(self, words: str) -> bool:
        """True if the words only point back ("it anyway", "that one then"): pronouns, with the
        words said around a question that add nothing to it. Not the fillers: "quick please" or
        "oh god" may be a cry for help."""
        said = normalise(words).split()
        return bool(said) and all(word in POINTING_FILLERS or self.lists.covering("pronouns", word) for word in said)

    def asks_about_named(self, words: str) -> bool:
        """True if the words open by asking about a thing the content names, not an urgent
        symptom ("what about melanoma ...", "and how about the radiation"), whatever is told
        after it; an urgent symptom named so ("what about the pain in my hip ...") stays told."""
        opening = ASKS_ABOUT.match(padded(words))
        if opening is None:
            return False
        following = opening.group(1).split()[:ABOUT_NAME_WORDS]
        named = {self._topic(padded(" ".join(following[:n]))) for n in range(1, len(following) + 1)} - {None}
        topics = self.content.default.topics
        return bool(named) and all(topic != self.subject and not topics[topic].urgent for topic in named)

    def cancers_in_general(self, words: str) -> str | None:
        """The words naming cancers in general ("all cancers", "other cancers"), if the rest name
        only people, cancers and the words that join them ("it like for all cancers"); else None."""
        return self._named_alone(words, "other_cancers", besides="pronouns")  # "is {it} like that for..."

    def other_cancer_only(self, words: str) -> str | None:
        """The cancer the article never names, if the words name one and otherwise only people
        and cancers ("and blood cancer like myeloma": "blood cancer"); else None."""
        return self._named_alone(words, "unnamed_cancers")

    def _named_alone(self, words: str, name: str, besides: str | None = None) -> str | None:
        """The first phrase of the reading list `name` in the words, if the words left once its
        phrases (and those of the list `besides`) are cut tell nothing (tells_nothing); else None."""
        phrases = self._reading_pattern(name)
        said = padded(words)
        found = phrases.search(said) if phrases else None
        if found is None:
            return None
        rest = phrases.sub(" ", said)
        if besides is not None:
            rest = _cut(rest, self._reading_pattern(besides))
        return found.group(0).strip() if not normalise(rest) or self.tells_nothing(rest) else None

    @cached_property
    def _naming_words(self) -> frozenset[str]:
        """The words of cancers' names ("lung", "renal", "cancer"): with `names_only`, the words
        that tell nothing. Not the fillers: "quick please" or "oh god" may be a cry for help."""
        return frozenset(word for topic in self.content.default.topics.values() if topic.kind == "cancers"
                         for name in (topic.name, *topic.synonyms) for word in normalise(name).split())

    def asks_cause_of_told(self, words: str) -> bool:
        """True if the words ask whether something was caused by another ("is it because of that
        only", "could that be from the cancer") or is to be expected ("is that normal")."""
        return bool(_best(self.lists["cause_asked"], padded(words)))

    def plays_down(self, words: str) -> bool:
        """True if the words play a symptom down ("it's probably just a sprain", "she'll be
        right", "slept funny"): asked of an urgent symptom just told, its direction again."""
        return bool(_best(self.lists["played_down"], padded(words))) or self.waits_for_care(words)

    def waits_for_care(self, words: str) -> bool:
        """True if the words put off care already booked or not call it at all ("it can wait
        till the morning", "he'll just tough it out"): playing a symptom down, never a crisis's
        words in the corpus, so they stand even against a crisis read by the model."""
        return bool(_best(self.lists["waits_for_care"], padded(words)))

    def points_back(self, words: str) -> bool:
        """True if the words point back at what was said ("will they have to operate on {it}")."""
        return bool(_best(self.lists["pronouns"], padded(words)))

    def asks_how_serious(self, words: str, intent: str | None = None) -> bool:
        """True if the words ask how serious what was said is ("is that bad", "is that serious
        then"), or are all a question carrier ("is that {bad}") left of such a question."""
        if _best(self.lists["seriousness_asked"], padded(words)):
            return True
        said = " ".join(_strip(self._words(words), self.fillers))
        return intent in QUESTION_CARRIERS and self.lists.covering("seriousness_after_carrier", said)

    def points_at_a_part(self, words: str) -> bool:
        """True if the words point at a part of the body ("can the radiation fix {the arm} too")."""
        return bool(_best(self.lists["part_pointed_at"], padded(words)))

    @staticmethod
    def asks_other_ones(words: str) -> bool:
        """True if the words ask for the other ones ("which other ones", "any others"), not for
        anything else about the one just said ("what else")."""
        return bool(set(normalise(words).split()) & {"other", "others"})

    def _asks_others(self, said: str) -> bool:
        """True if the words ask for others ("what {other} treatments are there", "what {else}
        is there besides the radiation"), not more of the one just said, nor its other parts
        ("what else do they put in besides a rod" after surgery, R131: its own answer names them)."""
        return bool(set(normalise(said).split()) & OTHERS_WORDS) \
            and not _best(self.lists["part_set_aside"], padded(said))

    def comparable(self, topic: str | None, other: str | None) -> bool:
        """True if `other` can be answered beside `topic` (two treatments, two types, two cancers)."""
        topics = self.content.default.topics
        return bool(topic and other) and topic != other and topic in topics and other in topics \
            and {topic, other}.isdisjoint({self.subject, self.cancers}) and topics[topic].kind == topics[other].kind

    def _own_emergency(self, said: str, probabilities: dict[str, float]) -> str | None:
        """The article's own emergency an emergency read is, if both the rules name its signs and
        the model reads its report at least OWN_EMERGENCY likely ("his legs have gone weak and
        numb and he wet himself": spinal cord compression); None for other emergencies, whose
        signs may overlap ("he suddenly can't move his left arm and leg and his speech is
        slurred": a stroke, which the model reads apart)."""
        named = self.emergency_named(said)
        return named if named and probabilities.get(f"report:{named}", 0.0) >= OWN_EMERGENCY else None

    def emergency_named(self, words: str) -> str | None:
        """The article's own emergency these words tell the signs of ("his legs have gone weak
        and numb": spinal cord compression), if any."""
        found = [entry[3] for entry in self._named(padded(words)) if self._urgency(entry[3]) == "emergency"]
        return found[0] if found else None

    def danger_named(self, words: str) -> str | None:
        """The article's own emergency these words tell the signs of, or else the urgent symptom
        the rules name in them ("blocked up and thirsty ... now he's that confused": high
        calcium), if any: what an emergency direction told in these words is about."""
        named = self.emergency_named(words)
        if named is not None:
            return named
        # (pain and a break are not: an emergency's pain or fall is not the bones' to explain
        # ("crushing chest pain", "she fell and her hip is broken"), and no cause is guessed)
        symptom = self._symptom_named(words, besides=(PAIN, FRACTURES))
        return symptom if symptom is not None and self._urgency(symptom) else None

    def topic_named(self, words: str) -> str | None:
        """The topic these words name, if any."""
        return self._topic(padded(words))

    def _told_of_no_one(self, label: str, read_after: str | None, said: str) -> bool:
        """A diagnosis or a symptom read where no one is said to have it ("and for lung cancer",
        "tell me about bone pain", "which cancers cause {most of the}"): it is asked about. A
        statement's carrier ("I have {...}") told whose it is; the article's own emergency is
        never talked down."""
        asks = read_after == TOPIC_INTENT or read_after in self.content.aspect_by_intent  # "which cancers cause {...}"
        told = (label == "diagnosed" and read_after not in STATEMENT_INTENTS) or \
            (label in REPORTS and label not in EMERGENCY_LABELS and asks)
        return told and not self.tells_of_someone(said)

    def tells_of_someone(self, words: str) -> bool:
        """True if the words tell of a person ("my wife", "he has", "diagnosed")."""
        spoken = normalise(words).split()
        return bool(PERSON_WORDS & set(spoken)) or any(word.startswith("diagnos") for word in spoken) \
            or bool(_best(self.lists["others"], padded(words)))

    def about_other(self, words: str) -> bool:
        """True if a crisis told is someone else's ("my brother keeps saying he wants to die"):
        words about another person, and none about the speaker beyond how they came to know."""
        text = padded(words)
        return bool(_best(self.lists["others"], text)) and not _best(self.lists["self"], text)

    def _subject(self, question_part: str, said_before: str, full: str,
                 asked: bool = False) -> tuple[str | None, str | None]:
        """The topic and the aspect asked about, from the question and what was said before it
        (asked: the question was the carrier's own, "what does that mean": the story before it
        names the subject, never a side of it)."""
        # A treatment and its own side effect named anywhere ("{the jaw problem} from {the bone
        # medicine}"): the side effect is the subject.
        # ... or with medicines named as such ("{jaw problems} from {bone meds}").
        named_here = {found[3] for found in self._named(full)}
        side_anywhere = self._side(full)
        if side_anywhere == MEDICINES:
            named_here.add(self.content.aspects[MEDICINES].default)
        side_effect = self._side_effect_over(named_here)
        chosen = self._type_chosen(named_here, full)
        if chosen:
            return chosen, TYPES
        topic = named = side_effect or self._topic(question_part)
        asked_side = self._side(self._without_cancer_kinds(question_part))
        if asked_side == CAUSES and topic is None and (
                _best(self.lists["why_to_bone"], question_part)
                or ("why" in question_part.split() and _best(self.lists["why_to_bone"], full))):
            # "why it is going to bones only" after osteoblastic (R100): why cancer goes to bone at
            # all, bone metastases' own cause, not what gives the type just told; so too where the
            # bones were named in an earlier why ("but why does it go to the bones in the first
            # place {why does it spread}" after a type, R120)
            topic = named = self.subject
        if topic in (None, self.subject) and asked_side is None:
            # A misheard name in the question is named there ("{my scan shows osteo lithic
            # lesions} what is an osteo lithic bone metastasis"), as one heard plainly would be
            topic = named = self._misheard_beside(question_part, topic) or topic
        # A topic's own kinds are the topic (below); bone metastases named asks their sides'
        # kinds too ("what kind of {symptoms} would she have if it is in the bones", R109)
        if asked_side == TYPES and topic in (None, self.subject):
            asked_side = self._side_sorted(question_part) or asked_side
            sorted_of = SORT_OF.search(question_part)
            if sorted_of and sorted_of.group(1).split()[0] in GENERIC_KINDS:
                # "what kind of {things} do they put in" after surgery told: the kinds of what the
                # story named, not the three types
                asked_side = None
        if side_effect and asked_side and asked_side not in self.content.default.topics[side_effect].aspects:
            asked_side = None  # "can the bone {medicine} mess up your jaw": the medicine's side effect
        elif topic and asked_side and asked_side not in self.content.default.topics[topic].aspects:
            # A side named only inside the topic's own name ("why is early {diagnosis} helping")
            # is no side asked of it.
            asked_side = self._side(self._without_name(question_part, topic))
            if asked_side == TYPES and topic != self.subject and not self._is_cancer(topic) \
                    and TYPES not in self.content.default.topics[topic].aspects:
                # "what kind of {drugs} are used", "which types of surgery": the topic itself, as
                # the article tells it; the three types are bone metastases' own
                asked_side = None
        if said_before and topic in (None, self.subject):  # "my mom has breast cancer, will it spread to bone?"
            # A story asked about ("what does that mean") asks about the last thing it named.
            # A question that points back and asks no spread ("... they mentioned radiation for
            # it, how does that work") asks about the last thing named, as a story asked about does.
            # ... as does one that names bone metastases only as what it is asked with ("... she's
            # on these biss foss fo nates, what are those for with bone metastases").
            points_back = topic in (None, self.subject) and _best(self.lists["pronouns"], question_part) \
                and not _best(self.lists["spread"], question_part)
            background = self._topic(said_before, last=asked or bool(points_back))
            if (asked or points_back) and background and self._is_cancer(background):
                # A cancer in the story is the person's illness, the backdrop: the question that
                # points back asks about the other thing it named ("my consultant mentioned
                # {spinal cord compression} with my prostate cancer, what actually is it")
                background = self._latest_beside_cancers(said_before) or background
            if (asked or points_back) and asked_side is None:
                # ... or a misheard name at the story's end ("... wants to start him on something
                # called {biss foss fo nates}, what are they")
                # counted in words that say something ("ab lation for {the the} tumour in my rib")
                spoken = [w for w in said_before.split() if w not in self.filler_words]
                said = [w for i, w in enumerate(spoken) if not i or w != spoken[i - 1]]
                end = " ".join(said[-STORY_END_WORDS:])
                # ... or one the story introduced as a new word, wherever it stands ("something
                # called {biss foss fo nates} through an iv every few weeks ..., what are those for")
                called = max((i for i, w in enumerate(said) if w == "called"), default=None)
                introduced = " ".join(said[called + 1:called + 1 + MISHEARD_WORDS]) if called is not None else ""
                background = self._misheard_beside(end, self.subject) \
                    or (self._misheard_beside(introduced, self.subject) if introduced else None) or background
                if introduced and self._topic(padded(introduced)) == self.subject:
                    # ... or the subject's own name, introduced as the new word ("... the chemo
                    # ... now they called it bone metastases, what does that actually mean", R86)
                    background = self.subject
                told_last = padded(" ".join(said_before.split()[-STORY_END_WORDS:]))
                if asked and background != self.subject and _best(self.lists["spread"], told_last) \
                        and all(found[3] == self.subject for found in self._named(told_last)):
                    # ... but a story that ends telling the spread, naming nothing else there ("...
                    # she did the chemo ... and the doctor said it went to her bones, what does that
                    # mean") asks what that spread is, not about a treatment named on the way (R84)
                    background = self.subject
            topics = self.content.default.topics
            if background and asked_side and asked_side not in topics[background].aspects \
                    and (topic is None or _best(self.lists["pronouns"], question_part)):
                # ... or the last thing named that has the side asked ("one of my residents has
                # kidney cancer, the family asks about ablation, what does that treatment involve"),
                # where the question names nothing or points back; one that names the subject
                # asks about it ("{... we're all confused} why cancer spreads to the bones")
                background = next((found[3] for found in sorted(self._named(said_before))
                                   if asked_side in topics[found[3]].aspects and found[3] != self.subject),
                                  background)
            # A cancer or symptom named before a question about a side the article gives it no
            # answer for ("my dad has lung cancer in his bones, what treatments are there", "he
            # broke his hip, that's how they found it, how do they diagnose it") is background:
            # the question is about bone metastases.
            # So is a cancer named before a question that names the subject and asks why
            # ("{my grandma has thyroid cancer} why does cancer spread to the bones"), though it
            # asks about the spread: the article tells the causes of bone metastases alone.
            # ... but not one pointed back at and asked whether it is common ("my brother's lung
            # cancer went to his bones, is that a common one"): whether it often spreads to bone.
            common_asked = asked_side == FREQUENCY and points_back and not WH_WORDS & set(question_part.split())
            if not (background and asked_side and not (common_asked and self._is_cancer(background))
                    and asked_side not in self.content.default.topics[background].aspects
                    and (not _best(self.lists["spread"], question_part)
                         or (named == self.subject and asked_side == CAUSES))):
                topic = background or topic
        # A question word asks the side itself: "which bones does it go to" (wherever the cancer
        # is named), "how often does cancer end up in the bones" (with no cancer in the question).
        asks_side = bool(WH_WORDS & set(question_part.split())) and (
            asked_side == "locations" or (asked_side == "frequency" and named in (None, self.subject)))
        if topic and self._is_cancer(topic) and asked_side in (None, "frequency", "locations") \
                and not asks_side and _best(self.lists["spread"], full):
            # "I have breast cancer, can it spread?", "is it likely to move to her bones?"; but a
            # spread told, then "what does that mean", asks what bone metastases are.
            return (self.subject if asked else topic), None
        # A side named only in the story is the one asked about when the question names nothing
        # ("my mum's on chemo, is that normal"), not when it names its own subject ("the scan
        # report says osteolytic, what does that mean" asks what osteolytic is, not about scans).
        from_story = said_before and not asked and named in (None, self.subject)
        if from_story and topic not in (None, self.subject) \
                and side_anywhere not in self.content.default.topics[topic].aspects:
            # ... and a side of the story the topic has no answer for is the story's, not the
            # question's ("his kidney cancer's spread into his ribs and they mentioned radiation,
            # how does that work": radiation, not where the spread goes)
            from_story = False
        topics = self.content.default.topics
        if topic and topic != self.cancers and asked_side == TYPES and self.cancers in named_here \
                and topics[topic].aspects.get(CAUSES) == topic:
            # "the type that destroys bone, which cancers does that one come from": the cancers
            # the type comes from, which its own answer names, not the three types
            return topic, None
        if topic == self.cancers:
            if asked_side == CAUSES:
                # "which cancers cause the mixed type": the type, whose own answer names them
                for *_, other in sorted(self._named(question_part), reverse=True):
                    if other != self.cancers and topics[other].aspects.get(CAUSES) == other:
                        return other, None
            elif asked_side == FREQUENCY and ("how" in question_part.split()
                                              or any(f" how many {word} " in full for word in ("cancer", "cancers"))):
                # "how many cancers end up in the bones": how common, not which cancers; so too where
                # a carrier split the question from it ("{... so how many cancers actually go into
                # the bones is it} very common", R120)
                return self.subject, asked_side
            if asked_side in (CAUSES, TYPES, None) and said_before \
                    and (_best(self.lists["pronouns"], question_part) or len(question_part.split()) <= FRAGMENT_WORDS):
                # "the one where it makes new bone, what cancers does {that one} come from": the
                # type named last before the question, pointed back at, whose own answer names them
                # (or asked of in few words: "the kind that eats away the bone ... and {which cancers}")
                pointed = [(-start, other) for _, start, _, other in self._named(said_before)
                           if topics[other].aspects.get(CAUSES) == other]
                if pointed:
                    return max(pointed)[1], None
        if topic is None and asked_side is None and said_before:
            # a sign whose parts the carrier split between the story and the question ("{there's
            # some needle one} where they freeze it or heat it up" after radiation, R131): named
            # by the words whole
            topic = self._topic(full)
        return topic, asked_side or (side_anywhere if from_story else None)

    def _latest_beside_cancers(self, text: str) -> str | None:
        """The last topic named in `text` that is neither a cancer nor the subject, if any."""
        found = [entry for entry in self._named(text) if entry[0] and not self._is_cancer(entry[3])]
        return max(found, key=lambda entry: (-entry[1], entry[2]))[3] if found else None

    def _subject_as_named(self, text: str) -> str:
        """`text` with bone cancer named as the illness someone has ("why would {the bone cancer}
        do that to her") read as bone metastases, not as cancer that starts in bone, unless it
        is set beside something ("is it the same as ...")."""
        # (the pattern first: _named runs this on every text it reads, and few name bone cancer)
        said_as = self._reading_pattern(SUBJECT_SAID_AS)
        if said_as is None or not said_as.search(text) or _best(self.lists["compare"], text):
            return text
        return said_as.sub(f" {normalise(self.content.default.topics[self.subject].name)} ", text)

    def _misheard_beside(self, text: str, subject: str | None) -> str | None:
        """A misheard name in `text` beside the subject named (or nothing named), looked for in
        the words that did not name the subject; None if there is none, or it was heard plainly
        (then it was already weighed). A cancer found by its plain word ("prostate") gives way
        to a misheard name beside it that is no cancer: the plain word is nearer itself than
        the misheard name is to its own ("... with prostate it's usually the {osteo blastic}
        sort, what's that mean")."""
        text = self._subject_as_named(padded(text))
        rest = _strip(self._words(self._without_name(text, subject)) if subject else self._words(text), self.fillers)
        misheard = self._fuzzy(rest, besides=subject)
        if misheard and self._is_cancer(misheard):
            # looked for between the plain words, never across one: "that's the {breast} cancer"
            # without it would join "the cancer", near "bone cancer"
            runs = [(plain, list(words)) for plain, words in
                    groupby(rest, key=lambda word: self._fuzzy_choices.get(word) == misheard)]
            if any(plain for plain, _ in runs):
                found = (self._fuzzy(words, besides=subject) for plain, words in runs if not plain)
                misheard = next((name for name in found if name and not self._is_cancer(name)), misheard)
        if misheard and misheard not in {found[3] for found in self._named(padded(text))}:
            return misheard
        return None

    @cached_property
    def _cancer_types(self) -> dict[str, str]:
        """Each cancer the article gives a type: that type's topic id."""
        return {t.id: t.aspects[TYPES] for t in self.content.default.topics.values()
                if t.kind == "cancers" and TYPES in t.aspects}

    def _type_chosen(self, named: set[str], words: str) -> str | None:
        """The cancer named with two of the types to choose between ("stomach cancer makes the
        osteoblastic type or the lytic type"): its type is the answer. Types named together, with
        no choice asked ("the scan says mixed, lytic and blastic both, what does mixed mean"),
        are what is asked about. One type against "the other one" or "not" is a choice too ("with
        breast cancer is it the sort that eats the bone or the other one", R99)."""
        cancers = [t for t in named if t in self._cancer_types]
        kinds = named & set(self._cancer_types.values())
        said = padded(words)
        against_other = len(kinds) == 1 and any(f" or {other} " in said for other in ("the other", "not"))
        chosen = len(cancers) == 1 and (len(kinds) >= 2 and " or " in said or against_other)
        return cancers[0] if chosen else None

    def _side_sorted(self, words: str) -> str | None:
        """The side whose kinds are asked ("what sort of {scans}", "what kind of {treatment}"):
        a side other than the types named in the few words after "sort of", else None."""
        found = SORT_OF.search(words)
        if found is None:
            return None
        return _best([(key, signs) for key, signs in self.aspects if key != TYPES], padded(found.group(1)))

    def _reading_pattern(self, name: str) -> re.Pattern[str] | None:
        """Every phrasing of the [reading] list `name`, as one pattern of whole phrases (None for
        an empty list), compiled on first use."""
        if name not in self._phrase_patterns:
            self._phrase_patterns[name] = _phrases_pattern(
                p for source in self.content.reading[name] for p in expand(source))
        return self._phrase_patterns[name]

    @cached_property
    def _help_services(self) -> re.Pattern[str] | None:
        return _phrases_pattern(self.content.reading["help_services"])

    def _without_name(self, text: str, topic_id: str) -> str:
        """The words without the topic's own names."""
        return _cut(text, self._name_patterns.get(topic_id))

    @cached_property
    def _name_patterns(self) -> dict[str, re.Pattern[str]]:
        """Each topic's own names, as one pattern of whole phrases (none for a topic without)."""
        topics = self.content.default.topics
        patterns = {topic_id: _phrases_pattern(topic.synonyms) for topic_id, topic in topics.items()}
        return {topic_id: pattern for topic_id, pattern in patterns.items() if pattern is not None}

    def _without_cancer_kinds(self, text: str) -> str:
        """The words without those that name kinds of cancer ("which kinds of cancer go to
        bone"): their "kinds" asks which cancers, not about the types of bone metastases."""
        return _cut(text, self._reading_pattern(CANCER_KINDS))

    def _regroup(self, text: str, context: str) -> tuple[str, str]:
        """Words a carrier split into {context} and {text} that are really one question: then
        the context joins the text."""
        asked = self._words(text)
        if self.opens_a_question(context):  # "{what kind of tests} do {they do to look for it}"
            return f"{context} {text}", ""
        said = normalise(context).split()
        near_end = range(len(said) - 1, max(len(said) - WH_REACH, 0) - 1, -1)
        opener = next((i for i in near_end if said[i] in WH_WORDS), None)
        if opener is not None:
            # The question word stayed in the context ("... I keep asking myself why {does cancer
            # spread}", "... goes to the bone which type {is that usually}"): from it on, the
            # words belong to the question.
            return f"{' '.join(said[opener:])} {text}", " ".join(said[:opener])
        if asked and all(word in self.filler_words for word in asked):
            # The question is in the context ("{my aunt's kidney cancer spread, what type} will
            # it {be}"): a carrier split it late, leaving no words of its own after it.
            # ... unless joining makes a side the carrier's word stood between ("... the cancer
            # in her {bones} what {are} they actually for": no "bones are", R85, R86)
            joined = f"{context} {text}"
            if self._side(padded(joined)) and not self._side(padded(context)) and not self._side(padded(text)):
                return text, context
            if not WH_WORDS & set(said) and not self._side(padded(context)) \
                    and _best(self.lists["pronouns"], padded(text)) \
                    and (first := self._topic(padded(joined))) is not None and self._is_cancer(first):
                # ... but a story that asks nothing, then "what {it is that}" (R135: "i have the
                # cancer of the breast ... she propose the bis phos phonate"): the words point back
                # at the story, whose cancer is the backdrop, not the thing asked about
                return text, context
            return joined, ""
        return text, context

    def _words(self, text: str) -> list[str]:
        """The words read: normalised, without hedges ("really"), which would split a phrase."""
        return [word for word in normalise(text).split() if word not in self.hedges]

    def opens_a_question(self, text: str) -> bool:
        """True if the words open with a question word or a request ("list", "tell")."""
        words = _strip(normalise(text).split(), self.fillers)
        return bool(words) and words[0] in self.question_starts

    def most_urgent(self, topic_ids: list[str]) -> str:
        """Of several symptoms named, the one whose close outranks ("emergency" first)."""
        return min(topic_ids, key=lambda t: self._urgency(t) != "emergency")

    def _misheard_asked(self, words: list[str], question: str | None) -> str | None:
        """The misheard name (not a cancer's, not one heard plainly) that the last question in
        `words` asks of, where that question names no topic plainly; `question`: the last
        question already found in long speech, else the words from the last question word."""
        if question is None:
            start = _last_question_word(words)
            if not start:
                return None
            question = f" {' '.join(words[start:])} "
        if self._topic(question) is not None:
            return None
        return self._asked_misheard(question, f" {' '.join(words)} ")

    def _misheard_past_cancer(self, words: list[str], topic: str, question: str) -> str | None:
        """The misheard name (no cancer's) told beside a cancer named as who has it, where the
        question only asks what a thing is ("my mate who's got breast cancer and the nurse
        mentioned {hyper cal see mia} as something that can happen with bone secondaries, what
        actually is that", R108): the name asked of, not the cancer. The subject's own name
        ("bone secondaries") is set aside first, as it is nearer itself than any misheard name."""
        if not (self._is_cancer(topic) and self.only_asks_meaning(question)):
            return None
        misheard = self._misheard_beside(self._without_name(padded(" ".join(words)), self.subject), topic)
        return misheard if misheard and not self._is_cancer(misheard) else None

    def _asked_misheard(self, question: str, heard: str) -> str | None:
        """The misheard name `question` (padded) asks of, as near as any misheard name (no side
        is asked); none that is the subject, a cancer's (a cancer's plain word, "for prostate",
        names no term misheard) or a name heard plainly in `heard` (padded: already weighed)."""
        misheard = self._fuzzy(question.split())
        if misheard is None or misheard == self.subject or self._is_cancer(misheard) \
                or misheard in {found[3] for found in self._named(heard)}:
            return None
        return misheard

    def _urgency(self, topic_id: str) -> str | None:
        return self.content.default.topics[topic_id].urgent

    def _topic(self, text: str, last: bool = False) -> str | None:
        """The topic named; the subject itself ("bone metastases") only if nothing more specific is.
        Of several named, the first mentioned ("can radiation help with bone pain": radiation),
        or the last if `last` ("... something called osteolytic, what does that mean")."""
        found = self._named(text)
        if not found:
            return None
        # A treatment named with its own side effect asks about the side effect ("can the bone
        # medicine mess up your jaw"), wherever each is said.
        latest = (lambda entry: (entry[0], -entry[1], entry[2])) if last else None
        named = {entry[3] for entry in found}
        return self._side_effect_over(named) or self._medicines_own_over(named) or max(found, key=latest)[3]

    def _medicine_named(self, said: str) -> str | None:
        """The one medicine named in the words, heard plainly or misheard ("bis phos phonate"),
        that is one of the medicines in general (chemo, hormone therapy, bisphosphonates); None
        if none is or several are."""
        general = self.content.aspects[MEDICINES].default
        topics = self.content.default.topics
        named = {found[3] for found in self._named(padded(said))} | {self._fuzzy(normalise(said).split(), strict=True)}
        own = [t for t in named if t in topics and t != general and topics[t].aspects.get(MEDICINES) == general
               and topics[t].aspects.get(TREATMENT) == t]
        return own[0] if len(own) == 1 else None

    def _medicines_own_over(self, named: set[str]) -> str | None:
        """A topic that answers the medicines' side itself (how they are given), named beside the
        medicines in general ("this {medicine} is given as tablet or {how they give it}", R133)."""
        general = self.content.aspects[MEDICINES].default
        if general not in named:
            return None
        topics = self.content.default.topics
        own = [t for t in named if t != general and t in topics and topics[t].aspects.get(MEDICINES) == t]
        return own[0] if len(own) == 1 else None

    def _named(self, text: str, table: list[tuple[str, list[Sign]]] | None = None) -> list[tuple[bool, int, int, str]]:
        """Every topic named in `text` (padded), by its signs (or `table`'s): (more specific than
        the subject, minus where it is first named, how much of the text its signs account
        for, its id)."""
        found = []
        if not text.strip():
            return found
        if table is None:
            text = self._subject_as_named(text)
        for topic_id, signs in self.topics if table is None else table:
            scores = [(sign.found_in(text), sign) for sign in signs]
            score = sum(points for points, _ in scores)
            if score:
                first = min(sign.position(text) for points, sign in scores if points)
                found.append((topic_id != self.subject, -first, score, topic_id))
        return found

    def _side_effect_over(self, named: set[str]) -> str | None:
        """The side effect named together with the treatment it belongs to, if one is."""
        topics = self.content.default.topics
        for topic_id in named:
            side_effect = topics[topic_id].aspects.get(SIDE_EFFECTS) if topic_id in topics else None
            if side_effect in named and side_effect != topic_id:
                return side_effect
        return None

    def _is_cancer(self, topic_id: str) -> bool:
        return self.content.default.topics[topic_id].kind == "cancers"

    def _fuzzy(self, words: list[str], strict: bool = False, besides: str | None = None) -> str | None:
        """A misheard or misspelled medical word ("bisfosfonates", "osteo blastic"); strict: as
        near for long words as for short ones (beside a side asked, whose own words, "main
        treatments", are near other names); besides: a topic already named, not looked for."""
        content_words = [w for w in words if w not in self.filler_words]
        if not content_words:
            return None
        # Imported here: only unresolved, unrecognised words pay for it, never a cold start.
        from rapidfuzz import fuzz, process

        spans = {(i, n): " ".join(content_words[i:i + n])
                 for n in range(1, MISHEARD_WORDS + 1) for i in range(len(content_words))}
        heard_as: list[tuple[range, tuple]] = []  # (the words' places, the closest name found)
        names, unspaced = self._fuzzy_names
        for (i, n), candidate in spans.items():
            if len(candidate.replace(" ", "")) < 6 or content_words[i] in self._pointer_words:
                continue
            cutoff = FUZZY_CUTOFF_LONG if len(candidate) >= 10 and not strict else FUZZY_CUTOFF
            # the best of the closest names whose other words sound alike too, compared as heard
            # and without spaces (a recogniser splits a long word anywhere: "hyper cal see mia")
            # (and as spelled, where the recogniser spelled an ending as it sounds: "a blay shun")
            queries = [(candidate, candidate, names), (_unspaced(candidate), candidate, unspaced)]
            spelled = _as_spelled(candidate)
            if spelled != candidate:
                queries.append((_unspaced(spelled), spelled, unspaced))
            for query, heard, choices in queries:
                found = next(((names[at], score, at) for _, score, at in process.extract(
                    query, choices, scorer=fuzz.ratio, score_cutoff=cutoff, limit=3)
                              if _unshared_alike(heard, names[at])), None)
                if found:
                    heard_as.append((range(i, i + n), found))
        # Words that name the topic already named, misheard ("bone meta stasis"), name nothing
        # else, in part either ("meta stasis" is no "mixed metastases")
        taken = {place for places, found in heard_as if self._fuzzy_choices[found[0]] == besides for place in places}
        best = max((found for places, found in heard_as if not taken & set(places)),
                   key=lambda found: found[1], default=None)
        return self._fuzzy_choices[best[0]] if best else None

    def _term(self, words: list[str]) -> str | None:
        """A short term to say back ("leukemia"); none from words that tell of a person doing
        something ("{i exercise}", "{i eat}"): they are no name of a thing."""
        if any(word in SUBJECT_WORDS for word in words):
            return None
        remaining = [w for w in words if w not in self.filler_words]
        if all(word in QUANTIFIERS or len(word) < 2 for word in remaining):
            return None  # "which cancers cause {most of the}", "{a and e}" cut short: no name of anything
        return " ".join(remaining) if 0 < len(remaining) <= MAX_HEARD_WORDS else None


def _without_trailing(words: str) -> str:
    """`words` without the words a question may trail off with ("what is that {exactly}")."""
    return " ".join(_strip_end(words.split(), TRAILING_WORDS))


def _unspaced(text: str) -> str:
    return text.replace(" ", "")


def _as_spelled(text: str) -> str:
    """`text` with an ending heard as said written as spelled ("a bl{ay shun}": "a blation"),
    so a recogniser's sound-spelling comes near the name ("ablation"), as letters alone do not."""
    return SOUNDED_ENDING.sub(lambda found: "ation" if found.group(1) else "tion", text)


def _stems(words: Iterable[str]) -> set[str]:
    """The words' first four letters, for words of four letters or more: "takes" and "take",
    "tumor" and "tumour" alike."""
    return {word[:4] for word in words if len(word) >= 4}


def _unshared_alike(heard: str, name: str) -> bool:
    """True if the words `heard` does not share with `name` sound like name's other words
    (or there are none): a shared "cancer" does not make "skin cancer" kidney cancer."""
    from rapidfuzz import fuzz

    def unshared(words: list[str], other: list[str]) -> str:
        # "cancer" and "cancers" are shared: a word near enough to one of the other's
        return " ".join(w for w in words if not any(fuzz.ratio(w, o) >= FUZZY_CUTOFF for o in other))

    heard_words, name_words = heard.split(), name.split()
    own, others = unshared(heard_words, name_words), unshared(name_words, heard_words)
    return not own or not others or fuzz.ratio(own, others) >= FUZZY_CUTOFF_UNSHARED


def model_intent(intent: str | None, context: str = "") -> str | None:
    """The intent the model reads the words after, or None where the intent says nothing of
    their meaning: the carriers of FreeSpeechIntent are the smallest words, and a question
    carrier after a subject alone ("{my husband} is {dying}") is a statement's verb."""
    if intent in UNTAGGED_INTENTS:
        return None
    if intent in QUESTION_CARRIERS and context:
        said = normalise(context).split()
        while said and said[0] in LEADING_FILLERS:
            said = said[1:]
        if 0 < len(said) <= 3 and said[0] in SUBJECT_STARTS:
            return None
    return intent


def model_text(intent: str | None, slots: Mapping[str, str]) -> str:
    """What the model reads for an intent's slot words: the words in spoken order, the
    carrier's own word put back, after the intent where it tells something ("" if no words)."""
    words = with_carrier_word(intent, slots)
    context = words.pop("context", "")
    said = f"{context} {heard_words(words)}".strip()
    return model_input(said, model_intent(intent, context)) if said else ""


def request_words(handler_input: HandlerInput, carrier: str | None = None) -> str:
    """Every slot's words as heard in the request, in spoken order ("" if none); with the word of
    `carrier` (the request's intent) put back, as the person said it ("{ok i'm calling them now}
    thank you bye": "bye ok i'm calling them now")."""
    words = {name: slot_value(handler_input, name)[1] or "" for name in SPOKEN_ORDER}
    return heard_words(with_carrier_word(carrier, words))


def _site_names(topic: Topic) -> list[str]:
    """A cancer's one-word names that name a body part too ("lung", "breast"; not "melanoma")."""
    if topic.kind != "cancers":
        return []
    return [s for s in topic.synonyms if " " not in s and not s.endswith(("oma", "omas"))]


def heard_words(slots: Mapping[str, str]) -> str:
    """All the words heard in slots, read together in their spoken order."""
    return " ".join(slots[name] for name in SPOKEN_ORDER if slots.get(name))


def with_carrier_word(intent: str | None, slots: Mapping[str, str]) -> dict[str, str]:
    """The slots' words with the carrier's own word put back before the question's
    (CARRIER_WORDS): what the reader and the trainer both read."""
    words = dict(slots)
    lead = CARRIER_WORDS.get(intent or "")
    if lead:
        words["query"] = f"{lead} {words.get('query', '')}".strip()
    return words


def understand(handler_input: HandlerInput, reader: Reader) -> Meaning | None:
    """The meaning of the request's slots, or None if no slot carries words.

    Cached for the request, so the handler that answers reads the same meaning as the one
    that chose to.
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
    words: dict[str, str] = {}
    unresolved = False
    known = reader.content.default.topics
    for slot_name in SPOKEN_ORDER:
        value_id, heard = slot_value(handler_input, slot_name)
        if value_id not in known and not (slot_name == "danger" and value_id in DANGER_IDS):
            value_id = None  # an id none of our slot types has (a forged or another skill's request): words only
        if value_id and slot_name not in FREE_SLOTS:
            resolved[slot_name] = value_id
        elif heard:
            unresolved = True
        if heard:
            words[slot_name] = heard
    if resolved.get("danger") in DANGER_IDS:
        kind = resolved["danger"]
        return Meaning(kind, about_other=kind == "crisis" and reader.about_other(words.get("danger", "")))
    symptoms = [resolved[s] for s in ("symptom", "detail") if s in resolved]
    if not words and name in QUESTION_WORDS:
        # A question word alone ("why", "how come"), which leans on the last answer: read as said
        # (a follow-up), so that what it asks ("why" after the causes: why again, R99) reaches
        # the handler, as it would not from a bare "more"
        return reader.read(QUESTION_WORDS[name], intent=name)
    if not unresolved:
        if symptoms:  # the most urgent of the symptoms named
            return Meaning("report", topic=reader.most_urgent(symptoms))
        topic = resolved.get("topic") or resolved.get("cancer")
        return Meaning("question", topic=topic, also=_compared(reader, topic, resolved, words)) if topic else None
    if "other" in resolved and "topic" not in resolved and reader.only_points(words.get("topic", "")):
        # "what's the difference between {that} and {radiation}" after ablation: the thing named,
        # compared with the one the pointer means
        return Meaning("question", topic=resolved["other"], against_last=True)
    if name not in OPENING_WORDS and reader.says_nothing(" ".join(with_carrier_word(name, words).values())):
        # "what are the side effects of {it}", "{any} side effects": words with nothing in them
        # but a pointer back mean the last topic; the rules know that, the model has nothing to read.
        # ("{ending} it" says something: its opening's word; "how {would i know}" asks the signs,
        # with the carrier's question word: R81.)
        topic = resolved.get("topic") or resolved.get("cancer")
        return Meaning("question", topic=topic, follows_up=topic is None,
                       plainly=topic is None and reader.asks_plainly(" ".join(words.values())))
    if set(words) <= NAME_SLOTS and len(words) == 1:
        # A topic's own name that entity resolution did not resolve ("side effects of {zometa}"):
        # the name, not a sentence for the model to read.
        # Never an urgent symptom's: words that tell one ("{can't feel my legs}") stay the model's
        # to read, for an emergency.
        named = reader.named_exactly(next(iter(words.values())))
        if named is not None and not reader.content.default.topics[named].urgent:
            return Meaning("question", topic=named)
    if set(words) == {"bone"}:
        # "ribs", "neck" (BONE's own words, its sample a slot alone): a bone named alone asks of
        # it, never tells a symptom ("neck" alone read a spinal report); other words a device may
        # have put in the slot are read as any others
        named = reader.bone_named(words["bone"])
        if named is not None:
            return named
    words = with_carrier_word(name, words)
    site = reader.cancer_site(words["topic"]) if set(words) == {"topic"} else None
    if site is not None:
        # "tell me about {lung} cancer": the carrier took the word "cancer" ("what is {topic}
        # cancer"), and a body part alone names no cancer ("my lungs"): a question about it.
        return Meaning("question", topic=site)
    context = words.pop("context", "")
    # "{context} what does that mean": a question carrier with no words of its own, or words that
    # only ask what it means ("{context} what {does that even mean}"), asks about the context
    asked = bool(context) and name in QUESTION_CARRIERS and (not words or reader.only_asks_meaning(heard_words(words)))
    whole = f"{context} {heard_words(words)}".strip()
    story = None if asked else reader.story_asked_about(whole)
    if story is not None:  # the same, where the carrier split the words elsewhere
        context, words, asked = story, {}, True
    meaning = reader.read("" if asked else heard_words(words), context=context, intent=name, asked=asked,
                          heard=whole if asked else None)
    if meaning.safety and name in ASKED_OF_WORDS and not context and MEDICINE_WORDS & set(whole.split()):
        # "what are the side effects of {the pills i'm on}": the words alone read as the pills a
        # crisis speaks of (crisis 0.99); read with the question they were asked in, as the model
        # also learned whole sentences, they ask the side effects (0.03). Where they do, that is
        # answered, with the crisis line after it, as a danger was read (a crisis, or an emergency
        # the pills were read as: "{my tablets}" alone reads crisis 0.62, just under the crisis
        # threshold); where they still read as a danger ("{he took too many pills}": emergency
        # 0.44), the danger's answer.
        as_asked = reader.read(whole, intent=name, heard=f"{ASKED_OF_WORDS[name]} {whole}")
        if not as_asked.safety:
            meaning = as_asked._replace(perhaps_crisis=True)
    if meaning.term and not any(slot in words for slot in TERM_SLOTS) \
            and reader.other_cancer_only(meaning.term) is None:
        # (a cancer the article never names is the reader's own find, a name, safe to say back)
        meaning = meaning._replace(term=None)
    if meaning.safety:
        return meaning
    if name in STATEMENT_INTENTS and symptoms:  # "my back hurts and {my legs feel funny}": the symptom named
        found = symptoms + ([meaning.topic] if meaning.kind == "report" else [])
        return Meaning("report", topic=reader.most_urgent(found), perhaps_crisis=meaning.perhaps_crisis)
    if meaning.kind not in ("question", "unknown", "more"):
        return meaning
    # Words that did resolve still name the topic ("what is the difference between {topic} and {other}").
    topic = resolved.get("topic") or resolved.get("cancer") or resolved.get("symptom")
    if topic and meaning.topic is None:
        meaning = meaning._replace(kind="question", topic=topic)
    also = _compared(reader, meaning.topic, resolved, words) if meaning.kind == "question" else None
    return meaning._replace(also=also, aspect=None) if also else meaning


def _compared(reader: Reader, topic: str | None, resolved: dict[str, str], words: dict[str, str]) -> str | None:
    """The topic the OTHER slot names beside `topic` ("the difference between {radiation} and
    {ablation}"), if the two can be answered side by side."""
    other = resolved.get("other") or (reader.topic_named(words["other"]) if words.get("other") else None)
    return other if reader.comparable(topic, other) else None


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
    heard = heard[:400] or None  # longer than any spoken phrase: read the start only
    authorities = getattr(getattr(slot, "resolutions", None), "resolutions_per_authority", None) or []
    for authority in authorities:
        status = getattr(getattr(authority, "status", None), "code", None)
        if status == StatusCode.ER_SUCCESS_MATCH and authority.values:
            value = authority.values[0].value
            if value is not None and isinstance(value.id, str):
                return value.id, heard
    return None, heard


def _last_question_word(words: list[str]) -> int:
    """Where the last question word is ("... spinal cord compression {what} does that mean"), or
    0 if none is after the first word."""
    return max((i for i, word in enumerate(words) if word in WH_WORDS and not _sets_condition(words, i)), default=0)


def _because_cut(text: str, pattern: re.Pattern[str] | None) -> str:
    """`text` (padded) with "cause" said for "because" cut out ("... breast cancer {cause my} aunty
    had that", R139), not the verb after a word that asks or does it ("what can {cause my} bones to
    break", "does it {cause} ...")."""
    if pattern is None:
        return text
    def cut(found: re.Match[str]) -> str:
        before = text[:found.start()].split()
        return found.group(0) if before and before[-1] in CAUSE_VERB_BEFORE else " "
    return pattern.sub(cut, text)


def _tells_where(words: list[str], at: int) -> bool:
    """True if the "where" at `at` tells which place a thing named is, rather than asking ("send
    me for radiotherapy on my hip {where the prostate cancer's} gone", R137): a place before it,
    a subject after it, where a question's verb would follow ("the hip where does it go")."""
    return words[at] == "where" and 0 < at < len(words) - 1 and words[at - 1] in PLACE_NOUNS \
        and words[at + 1] in SUBJECT_OPENERS


def _sets_condition(words: list[str], at: int) -> bool:
    """True if the "when" at `at` sets a condition of the question before it, rather than asking
    ("what are the symptoms {when it is} going in the bones", R89; "what's that {when it's} at
    home"): a subject follows it, where a question's verb would ("when is it ...")."""
    return words[at] == "when" and 0 < at < len(words) - 1 and words[at + 1] in TELLING_SUBJECTS


def _first_words(text: str) -> str:
    return " ".join(text.split()[:MAX_WORDS_READ])


def _phrases_pattern(phrases: Iterable[str]) -> re.Pattern[str] | None:
    """A pattern for whole phrases, the longest first (None for no phrases)."""
    normalised = sorted({normalise(p) for p in phrases} - {""}, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(map(re.escape, normalised)) + r")\b") if normalised else None


def _cut(text: str, pattern: re.Pattern[str] | None) -> str:
    """`text` normalised and padded, with the pattern's phrases cut out."""
    whole = padded(text)
    return pattern.sub(" ", whole) if pattern else whole


class SignLists(dict[str, list[Sign]]):
    """The content file's [reading] lists as signs, each compiled the first time a rule reads it.

    Which lists exist is the content file's business (`content.validation.READING_LISTS`), so a new
    list is named there alone; compiling on demand keeps the cold start to the lists a request uses.
    A spread told as done ("it has spread") is a sign of spread too."""

    def __init__(self, reading: Mapping[str, tuple[str, ...]]) -> None:
        super().__init__()
        self.reading = reading

    def __missing__(self, name: str) -> list[Sign]:
        signs = _signs(self.reading[name])
        if name == "spread":
            signs += _signs(self.reading[SPREAD_TOLD])
        self[name] = signs
        return signs

    def covering(self, name: str, words: str) -> bool:
        """True if a sign of list `name` accounts for all of `words` (normalised): they say nothing else."""
        return any(sign.covers(words) for sign in self[name])


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


def _strip_end(words: list[str], trailing: frozenset[str]) -> list[str]:
    """`words` without the `trailing` words they end with."""
    while words and words[-1] in trailing:
        words = words[:-1]
    return words


__all__ = ["OPENING_WORDS", "QUESTION_CARRIERS", "Meaning", "Reader", "heard_words", "model_text", "slot_value",
           "understand", "request_words", "with_carrier_word"]
