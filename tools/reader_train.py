"""Train the reader's model on the corpus, export it for the skill, and evaluate it honestly.

    python tools/reader_train.py            # `make reader`: train on corpus/*.txt, write the model
    python tools/reader_train.py --check    # exit 1 if the committed model is not what the corpus makes
    python tools/reader_train.py --eval     # `make reader-eval`: grouped cross-validation by round

Training data is what the skill would hear, not only the sentence written: on a device the
skill receives an intent and slot words, so each corpus sentence is passed through the offline
matcher (the one `make chat` and the acceptance runner use) and its slot words, read together in
their spoken order, are one training text; the sentence whole and the sentence cut at other
points (a device may split it differently) are others. scikit-learn is a development
dependency only: the skill scores the exported weights in plain Python
(lambda/bone_mets/meaning_model.py), with the same feature functions.

Not part of the Lambda artifact.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import zlib
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import corpus
import voice_model
from bone_mets.content import load_content
from bone_mets.meaning_model import (EMERGENCY_LABELS, MAGIC, MODEL_FILE, MeaningModel, char_features, decide,
                                     model_input, perhaps_crisis, word_features)
from bone_mets.understanding import FREE_SLOTS, Reader, model_text
from utterance_matcher import UtteranceMatcher

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content" / "bone_metastases.toml"
TRAINER = Path(__file__).resolve()
MODEL_CODE = (ROOT / "lambda" / "bone_mets" / "meaning_model.py", ROOT / "tools" / "utterance_matcher.py")

# The model's settings: changing one retrains (the drift check covers them).
SETTINGS: dict[str, Any] = {
    "C": 20.0,  # inverse regularisation of the logistic regression
    "class_weight": "balanced",  # rare meanings (a crisis) weigh as much as common ones
    "sublinear_tf": True,
    # The features kept after pruning, by their largest weight. Grouped cross-validation on the
    # corpus of 2026-12-03 (20,588 sentences): 24,000 against 12,000, crisis recall 94.6% against
    # 94.1%, emergency 97.3% against 96.8%, false crisis alarms 0.48% against 0.46%, false
    # emergency alarms 0.46% against 0.51%, calm read as danger 7.3% against 8.0%; the model
    # file about twice as large (about 2 MB).
    "keep_features": 24000,
    "max_iter": 3000,
    "tol": 1e-4,  # the solver's stopping tolerance (1e-3 stopped short of fitting the training sentences)
    "intent_feature": True,  # the intent the words came in is a feature ("@symptomreportintent")
    # A frightened sentence may reach any intent: each crisis, emergency or symptom told is also
    # learned after this many other intents, so the intent never outweighs the words' danger.
    "safety_intents": 3,
    # Each sentence weighs the same in training, however many views it has: its views share
    # this weight (a long sentence has up to eight views, a short one two, and without the
    # sharing long stories outweighed short statements). Grouped cross-validation on the corpus
    # of 2026-12-01: crisis recall 88.7% against 87.3% with a weight per view, false alarms as
    # before.
    "sentence_weight": 4.0,
    # A frightened sentence, a symptom, a feeling or a request told of oneself is also learned
    # told of someone else ("i've saved up my pills": "my dad has saved up his pills"), so the
    # person spoken of never decides the meaning. Grouped cross-validation on the corpus of
    # 2026-12-02: crisis recall 93.6% against 93.1% without, false alarms as before.
    "told_of_others": True,
}
# The intents a sentence may be heard in, for the safety views above.
ANY_INTENT = ("QuestionIntent", "TopicIntent", "AdviceRequestIntent", "SymptomReportIntent", "CancerSpreadIntent",
              "TreatmentIntent", "SideEffectsIntent", "FreeSpeechIntent")
SAFETY_MEANINGS = ("crisis", "emergency", "report")
# Meanings a false alarm is counted on: everyday questions and conversation. Sentences marked
# [calm] (frightening words said calmly) are counted apart, with a bound of their own.
EVERYDAY = ("question", "followup", "out_of_scope", "help", "repeat", "yes", "no", "stop", "diagnosed")
# Bounds the thresholds are chosen under (grouped cross-validation): the lowest thresholds, so
# recall comes first, whose false alarms stay within these shares.
# "told": symptoms, advice, feelings and hard questions told, which a safety reading would
# answer with the wrong thing ("my jaw hurts" is not an emergency; "I'm scared" not a crisis).
# "line": where a crisis is perhaps meant, the answer asked for is followed by the crisis line
# (meaning_model.perhaps_crisis): more recall, at the cost of the line said more often to calm
# people, who still hear their answer.
# False alarms are counted as the skill reads: a crisis where decide() reads one, which includes
# a stop read as a crisis where one is even somewhat likely (meaning_model.STOP_CRISIS), not only
# the sentences at or above the threshold. Counting only those, a bound of 0.45% on the corpus of
# 2026-12-04 (23,625 sentences) chose 0.44, at which 0.53% of everyday sentences read as a crisis;
# counted as read, the 0.5% chooses 0.48: 0.48% read so, crisis recall 95.7%.
MAX_FALSE = {"crisis": {"everyday": 0.005, "calm": 0.06, "told": 0.03},
             "emergency": {"everyday": 0.01, "calm": 0.05, "told": 0.03},
             "line": {"everyday": 0.01, "calm": 0.08, "told": 0.03}}
TOLD = ("report", "advice", "feelings", "outlook")


class View(NamedTuple):
    text: str
    label: str
    group: str  # the writing round: cross-validation never splits one
    weight: float = 1.0  # the sentence's share: its views' weights add up to SETTINGS["sentence_weight"]


_MATCHES: dict[tuple[int, str], Any] = {}


def matched(matcher: UtteranceMatcher, sentence: str):
    """The matcher's answer for `sentence`, worked out once per run (matching is the slow part)."""
    key = (id(matcher), sentence)
    if key not in _MATCHES:
        _MATCHES[key] = matcher.match(sentence)
    return _MATCHES[key]


def heard(matcher: UtteranceMatcher, sentence: str, settings: dict[str, Any] = SETTINGS) -> str:
    """What the skill's model reads for `sentence`: the slot words the offline matcher gives,
    in spoken order, after the intent they came in ("" if no slot took words)."""
    match = matched(matcher, sentence)
    return model_text(match.intent if settings["intent_feature"] else None,
                      {slot.name: slot.value for slot in match.slots})


# What the skill answers without its model: a sentence whose slots all resolved, or that came in
# an intent with no slot words, is read by rules (understanding._understand) and the intent.
FALLBACK = "AMAZON.FallbackIntent"
INTENT_MEANINGS = {"AMAZON.YesIntent": "yes", "AMAZON.NoIntent": "no", "AMAZON.StopIntent": "stop",
                   "AMAZON.CancelIntent": "stop", "AMAZON.NavigateHomeIntent": "stop", "AMAZON.RepeatIntent": "repeat",
                   "AMAZON.HelpIntent": "help", "AMAZON.StartOverIntent": "help", "MoreDetailIntent": "followup",
                   FALLBACK: "out_of_scope", "AdviceRequestIntent": "advice"}


def rule_reading(matcher: UtteranceMatcher, sentence: str, report_topics: Iterable[str]) -> str | None:
    """The label the skill reaches for `sentence` without the model, or None if the model reads it."""
    match = matched(matcher, sentence)
    if any(slot.value_id is None or slot.name in FREE_SLOTS for slot in match.slots):
        return None
    resolved = {slot.name: slot.value_id for slot in match.slots}
    if resolved.get("danger") in ("crisis", "emergency"):
        return resolved["danger"]
    if match.intent in INTENT_MEANINGS:
        return INTENT_MEANINGS[match.intent]
    for name in ("symptom", "detail"):
        if name in resolved:
            return f"report:{resolved[name]}" if resolved[name] in report_topics else "report:symptoms"
    return "question"  # a topic, a cancer, a fixed intent, an aspect of the last topic


def views(example: corpus.Example, matcher: UtteranceMatcher, settings: dict[str, Any] = SETTINGS) -> list[View]:
    """The texts the skill may read for one sentence: the slot words the offline matcher
    gives, the sentence whole, without its first one or two words (a carrier took them), and
    without one word inside (a carrier between two slots), so a sign split across two slots
    is still learned."""
    words = example.text.split()
    texts = [heard(matcher, example.text, settings), example.text]
    if len(words) > 2:
        texts += [" ".join(words[1:]), " ".join(words[2:])]
    crc = zlib.crc32(example.text.encode())  # stable choices, not random ones
    if len(words) > 3:
        cut = 1 + crc % (len(words) - 2)
        texts.append(" ".join(words[:cut] + words[cut + 1:]))
    if example.meaning in SAFETY_MEANINGS and settings["intent_feature"]:
        for n in range(settings["safety_intents"]):
            texts.append(model_input(example.text, ANY_INTENT[(crc + 3 * n) % len(ANY_INTENT)]))
    told = told_of_someone_else(example.text) if settings.get("told_of_others") \
        and example.meaning in (*SAFETY_MEANINGS, *TOLD) else None
    if told:
        tag = texts[0].partition(" ")[0] if texts[0].startswith("@") else None
        texts += [told, f"{tag} {told}" if tag else ""]
    seen: set[str] = set()
    distinct = [t for t in texts if t and not (t in seen or seen.add(t))]
    weight = settings["sentence_weight"] / max(1, len(distinct))
    return [View(t, example.label, example.round, weight) for t in distinct]


# Who a first-person sentence is told of instead, chosen by the sentence (stable, not random):
# (who, he or she, his or her, him or her, himself or herself, his or hers).
OTHERS = (("my mum", "she", "her", "her", "herself", "hers"), ("my dad", "he", "his", "him", "himself", "his"),
          ("my husband", "he", "his", "him", "himself", "his"), ("my wife", "she", "her", "her", "herself", "hers"),
          ("my friend", "he", "his", "him", "himself", "his"), ("my daughter", "she", "her", "her", "herself", "hers"),
          ("my brother", "he", "his", "him", "himself", "his"), ("my sister", "she", "her", "her", "herself", "hers"))
FIRST_PERSON = frozenset({"i", "i'm", "im", "i've", "ive", "i'd", "i'll", "me", "my", "myself", "mine"})


def told_of_someone_else(text: str) -> str | None:
    """`text` told of someone else ("i've saved up my pills": "my sister has saved up her
    pills"), or None if it tells of no one in the first person. Rough grammar ("she hope") is
    fine: the model reads words and letters, and the person is what changes."""
    words = text.split()
    if not FIRST_PERSON & set(words):
        return None
    who, subject, possessive, obj, reflexive, owned = OTHERS[zlib.crc32(text.encode()) % len(OTHERS)]
    # The first mention names the person; later ones say he or she.
    forms = {"i": (who, subject), "i'm": (f"{who} is", f"{subject}'s"), "im": (f"{who} is", f"{subject}'s"),
             "i've": (f"{who} has", f"{subject}'s"), "ive": (f"{who} has", f"{subject}'s"),
             "i'd": (f"{who} would", f"{subject}'d"), "i'll": (f"{who} will", f"{subject}'ll"),
             "my": (f"{who}'s", possessive)}
    fixed = {"me": obj, "myself": reflexive, "mine": owned, "am": "is"}
    told, named = [], False
    for i, word in enumerate(words):
        if word in forms:
            told.append(forms[word][named])
            named = True
        elif word == "have" and i and words[i - 1] == "i":
            told.append("has")
        else:
            told.append(fixed.get(word, word))
    return " ".join(told) if named else f"{who} says " + " ".join(told)


def build_views(examples: Sequence[corpus.Example], matcher: UtteranceMatcher,
                settings: dict[str, Any] = SETTINGS) -> list[View]:
    return [view for example in examples for view in views(example, matcher, settings)]


def pipeline(settings: dict[str, Any], vocabularies: tuple[list[str], list[str]] | None = None):
    """The scikit-learn pipeline: two TF-IDF blocks (the skill's own feature functions) and a
    multinomial logistic regression."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline

    words_vocab, chars_vocab = vocabularies or (None, None)
    features = FeatureUnion([
        ("words", TfidfVectorizer(analyzer=word_features, sublinear_tf=settings["sublinear_tf"],
                                  vocabulary=words_vocab, dtype=np.float64)),
        ("chars", TfidfVectorizer(analyzer=char_features, sublinear_tf=settings["sublinear_tf"],
                                  vocabulary=chars_vocab, dtype=np.float64)),
    ])
    model = LogisticRegression(C=settings["C"], class_weight=settings["class_weight"],
                               max_iter=settings["max_iter"], tol=settings["tol"])
    return Pipeline([("features", features), ("model", model)])


def fit(train: Sequence[View], settings: dict[str, Any]):
    """Fit, keep the `keep_features` features with the largest weights, and fit again on
    those alone, so the model shipped is exactly a scikit-learn model (no pruning after it)."""
    import numpy as np

    texts, labels = [v.text for v in train], [v.label for v in train]
    weights = np.array([v.weight for v in train])
    full = pipeline(settings).fit(texts, labels, model__sample_weight=weights)
    union = full.named_steps["features"]
    coef = full.named_steps["model"].coef_
    strength = np.abs(coef).max(axis=0)
    keep = set(np.argsort(-strength)[:settings["keep_features"]].tolist())
    vocabularies = []
    offset = 0
    for _, vectorizer in union.transformer_list:
        names = vectorizer.get_feature_names_out()
        vocabularies.append([str(n) for i, n in enumerate(names) if offset + i in keep])
        offset += len(names)
    pruned = pipeline(settings, (vocabularies[0], vocabularies[1])).fit(texts, labels, model__sample_weight=weights)
    _round_to_float32(pruned)
    return pruned


def _round_to_float32(fitted) -> None:
    """Round idf and weights to float32, as the exported file stores them, so the model the
    trainer evaluates and the one the skill scores are the same model."""
    import numpy as np

    for _, vectorizer in fitted.named_steps["features"].transformer_list:
        vectorizer.idf_ = vectorizer.idf_.astype(np.float32).astype(np.float64)
    model = fitted.named_steps["model"]
    model.coef_ = model.coef_.astype(np.float32).astype(np.float64)


def probabilities(fitted, texts: Sequence[str]) -> list[dict[str, float]]:
    classes = list(fitted.named_steps["model"].classes_)
    return [dict(zip(classes, row, strict=True)) for row in fitted.predict_proba(list(texts)).tolist()]


def export(fitted, thresholds: dict[str, float], provenance: dict[str, Any], path: Path) -> bytes:
    """The model as the skill reads it (see meaning_model.py for the layout)."""
    import numpy as np

    union = fitted.named_steps["features"]
    model = fitted.named_steps["model"]
    blocks, terms_bytes, idfs = [], [], []
    for name, vectorizer in union.transformer_list:
        terms = [str(t) for t in vectorizer.get_feature_names_out()]
        raw = "\n".join(terms).encode("utf-8")
        blocks.append({"analyzer": name, "size": len(terms), "bytes": len(raw),
                       "sublinear_tf": bool(vectorizer.sublinear_tf)})
        terms_bytes.append(raw)
        idfs.append(vectorizer.idf_)
    header = {"labels": [str(c) for c in model.classes_], "blocks": blocks, "thresholds": thresholds,
              **provenance}
    weights = np.ascontiguousarray(model.coef_.T, dtype=np.float32)  # feature by feature
    data = b"".join([
        MAGIC, json.dumps(header, sort_keys=True).encode("utf-8"), b"\n", *terms_bytes,
        np.concatenate(idfs).astype(np.float32).tobytes(), weights.tobytes(),
        np.asarray(model.intercept_, dtype=np.float64).tobytes(),
    ])
    # The file is read with array's native byte order: it is built and read on little-endian machines.
    assert sys.byteorder == "little" and array("f").itemsize == 4
    path.write_bytes(data)
    return data


def corpus_digest(examples: Iterable[corpus.Example]) -> str:
    """What the model is made from: the corpus, the trainer's settings and the interaction model."""
    digest = hashlib.sha256()
    for example in examples:
        digest.update(f"{example.round}\t{example.label}\t{example.text}\n".encode())
    digest.update(json.dumps([SETTINGS, MAX_FALSE], sort_keys=True).encode())
    digest.update(voice_model.model_path("en-US").read_bytes())
    for code in MODEL_CODE:  # the feature functions and the matcher shape what the model learned
        digest.update(code.read_bytes())
    return digest.hexdigest()


def load_corpus() -> list[corpus.Example]:
    content = load_content(CONTENT)
    return corpus.load(topics=content.default.topics)


def matcher_en_us() -> UtteranceMatcher:
    return UtteranceMatcher(voice_model.load_model(voice_model.model_path("en-US")))


# --- evaluation -------------------------------------------------------------------------------

def everyday(example: corpus.Example) -> bool:
    return example.meaning in EVERYDAY and not example.calm


def cross_validate(examples: Sequence[corpus.Example], matcher: UtteranceMatcher, settings: dict[str, Any],
                   folds: int = 5) -> list[dict[str, float]]:
    """Each sentence's probabilities from a model that never saw its round (grouped k-fold)."""
    from sklearn.model_selection import GroupKFold

    rounds = [e.round for e in examples]
    predicted: list[dict[str, float]] = [{} for _ in examples]
    per_example = [views(example, matcher, settings) for example in examples]  # the matcher is slow: once
    # Scored as the skill reads them: by rules where every slot resolved or none took words
    # (no model is asked), else by the model, on the slot words after the intent.
    by_rule = [rule_reading(matcher, example.text, corpus.REPORT_TOPICS) for example in examples]
    for train_index, test_index in GroupKFold(n_splits=folds).split(examples, groups=rounds):
        train = [view for i in train_index for view in per_example[i]]
        fitted = fit(train, settings)
        # Score what the skill would hear: the matcher's slot words, or the sentence if none.
        read = [i for i in test_index if by_rule[i] is None]
        texts = [per_example[i][0].text for i in read]
        for i, probs in zip(read, probabilities(fitted, texts), strict=True):
            predicted[i] = probs
    for i, label in enumerate(by_rule):
        if label is not None:
            predicted[i] = {label: 1.0}
    return predicted


def choose_thresholds(examples: Sequence[corpus.Example], predicted: Sequence[dict[str, float]]) -> dict[str, float]:
    """The lowest crisis and emergency thresholds whose false alarms on everyday sentences, and on
    [calm] ones, stay within MAX_FALSE: recall first, then calm."""
    groups = {"everyday": [p for e, p in zip(examples, predicted, strict=True) if everyday(e)],
              "calm": [p for e, p in zip(examples, predicted, strict=True) if e.calm],
              "told": [p for e, p in zip(examples, predicted, strict=True)
                       if e.meaning in TOLD and not e.calm and e.label != "report:spinal_cord_compression"]}
    grid = [i / 100 for i in range(5, 100)]

    def within(key: str, t: float) -> bool:
        return all(sum(1 for p in group if _alarmed(p, key, t)) <= MAX_FALSE[key][name] * len(group)
                   for name, group in groups.items())
    return {key: next((t for t in grid if within(key, t)), 0.99) for key in MAX_FALSE}


def _alarmed(probs: dict[str, float], key: str, threshold: float) -> bool:
    """True if the skill would give the `key` answer at this threshold: a crisis as decide()
    reads one (a stop where a crisis is somewhat likely, too), the line at or above its threshold,
    an emergency where the emergency and the article's own emergency together reach it."""
    if key == "crisis":
        return decide(probs, {"crisis": threshold, "emergency": 2.0}) == "crisis"  # 2.0: no emergency read
    if key == "line":
        return probs.get("crisis", 0.0) >= threshold
    return probs.get("emergency", 0.0) + probs.get("report:spinal_cord_compression", 0.0) >= threshold


def read_as(predicted: Sequence[dict[str, float]], thresholds: dict[str, float],
            said_crisis: Sequence[bool] | None = None) -> list[str]:
    """The meaning the skill reaches for each sentence: the model's, or a crisis said in so many
    words where the model reads no danger (Reader._meaning)."""
    decided = [decide(p, thresholds) for p in predicted]
    for i, said in enumerate(said_crisis or ()):
        if said and decided[i] not in ("crisis", *EMERGENCY_LABELS):
            decided[i] = "crisis"
    return decided


def report(examples: Sequence[corpus.Example], predicted: Sequence[dict[str, float]],
           thresholds: dict[str, float], unheard: Sequence[bool] | None = None,
           said_crisis: Sequence[bool] | None = None) -> dict[str, Any]:
    """Recall and precision per label, the safety confusion, and false alarms. unheard: the
    sentences no intent took, whose fallback answer carries the crisis line too. said_crisis:
    the sentences that say a crisis in so many words, which the reader takes as one where the
    model reads no danger (`crisis_said`)."""
    decided = read_as(predicted, thresholds, said_crisis)
    unheard = unheard or [False] * len(examples)
    truth = [e.label for e in examples]
    labels = sorted(set(truth))
    per_label = {}
    for label in labels:
        tp = sum(1 for t, d in zip(truth, decided, strict=True) if t == label and d == label)
        support = truth.count(label)
        said = decided.count(label)
        per_label[label] = {"support": support, "recall": tp / support if support else 0.0,
                            "precision": tp / said if said else 0.0}

    def grade(label: str) -> str:
        if label == "crisis":
            return "crisis"
        if label in ("emergency", "report:spinal_cord_compression"):
            return "emergency"
        return "other"
    confusion: dict[str, Counter] = defaultdict(Counter)
    for t, d in zip(truth, decided, strict=True):
        confusion[grade(t)][grade(d)] += 1
    lined = [d == "crisis" or perhaps_crisis(p, thresholds) or fallback
             for p, d, fallback in zip(predicted, decided, unheard, strict=True)]
    calm = [(e, d) for e, d in zip(examples, decided, strict=True) if everyday(e)]
    calm_only = [(e, d) for e, d in zip(examples, decided, strict=True) if e.calm]
    return {
        "sentences": len(examples), "rounds": len({e.round for e in examples}),
        "per_label": per_label, "safety_confusion": {k: dict(v) for k, v in confusion.items()},
        "crisis_recall": per_label.get("crisis", {}).get("recall", 0.0),
        "emergency_recall": _recall_grade(truth, decided, "emergency", grade),
        "crisis_line_recall": _share_of(lined, [e.label == "crisis" for e in examples]),
        "line_on_everyday": _share_of(lined, [everyday(e) for e in examples]),
        "line_on_calm": _share_of(lined, [e.calm for e in examples]),
        "false_crisis_on_everyday": sum(1 for _, d in calm if d == "crisis") / max(1, len(calm)),
        "false_emergency_on_everyday": sum(1 for _, d in calm if grade(d) == "emergency") / max(1, len(calm)),
        "calm_read_as_danger": sum(1 for _, d in calm_only if grade(d) != "other") / max(1, len(calm_only)),
        "told_read_as_danger": _share([(e, d) for e, d in zip(examples, decided, strict=True)
                                       if e.meaning in TOLD and not e.calm
                                       and e.label != "report:spinal_cord_compression"], grade),
        "calm_sentences": len(calm_only), "everyday_sentences": len(calm),
        "accuracy": sum(1 for t, d in zip(truth, decided, strict=True) if t == d) / len(truth),
    }


def _share_of(flags: Sequence[bool], among: Sequence[bool]) -> float:
    """The share of the sentences picked by `among` whose flag is set."""
    picked = [flag for flag, keep in zip(flags, among, strict=True) if keep]
    return sum(picked) / max(1, len(picked))


def _share(pairs, grade) -> float:
    return sum(1 for _, d in pairs if grade(d) != "other") / max(1, len(pairs))


def _recall_grade(truth, decided, level, grade) -> float:
    pairs = [(t, d) for t, d in zip(truth, decided, strict=True) if grade(t) == level]
    return sum(1 for _, d in pairs if grade(d) == level) / max(1, len(pairs))


def print_report(result: dict[str, Any], out=sys.stdout) -> None:
    print(f"grouped cross-validation: {result['sentences']} sentences in {result['rounds']} rounds "
          "(no round scored by a model trained on it)", file=out)
    print(f"{'meaning':32} {'n':>5} {'recall':>7} {'precision':>9}", file=out)
    for label, row in sorted(result["per_label"].items()):
        print(f"{label:32} {row['support']:5d} {row['recall']:7.1%} {row['precision']:9.1%}", file=out)
    print("safety confusion (rows: meaning, columns: read as):", file=out)
    for row in ("crisis", "emergency", "other"):
        cells = result["safety_confusion"].get(row, {})
        print(f"  {row:10} " + "  ".join(f"{col}={cells.get(col, 0)}" for col in ("crisis", "emergency", "other")),
              file=out)
    print(f"crisis recall {result['crisis_recall']:.1%}; emergency recall {result['emergency_recall']:.1%}; "
          f"false crisis alarms on everyday sentences {result['false_crisis_on_everyday']:.2%}; "
          f"false emergency alarms {result['false_emergency_on_everyday']:.2%}; "
          f"calm sentences read as danger {result['calm_read_as_danger']:.1%} of {result['calm_sentences']}; "
          f"symptoms, advice and feelings told read as danger {result['told_read_as_danger']:.1%}; "
          f"accuracy {result['accuracy']:.1%}", file=out)
    print("the crisis line (a crisis read, perhaps one, or words no intent took): "
          f"said to {result['crisis_line_recall']:.1%} of crisis "
          f"sentences, {result['line_on_everyday']:.2%} of everyday ones, {result['line_on_calm']:.1%} of calm ones",
          file=out)


# --- commands ---------------------------------------------------------------------------------

CV_CACHE = ROOT / "build" / "reader"  # git-ignored: cross-validation is the slow part


def unheard(examples: Sequence[corpus.Example], matcher: UtteranceMatcher) -> list[bool]:
    """Which sentences no intent takes: the skill hears AMAZON.FallbackIntent, no words, and its
    answer ("Sorry, I didn't catch that") closes with the crisis line and the emergency number."""
    return [matched(matcher, example.text).intent == FALLBACK for example in examples]


def crisis_said(examples: Sequence[corpus.Example], matcher: UtteranceMatcher) -> list[bool]:
    """Which sentences the reader takes as a crisis said in so many words (Reader.crisis_told) in
    the slot words the model would read: none that rules read without the model."""
    reader = Reader(load_content(CONTENT))
    return [rule_reading(matcher, e.text, corpus.REPORT_TOPICS) is None
            and reader.crisis_told(heard(matcher, e.text)) for e in examples]


def cached_cross_validation(examples: Sequence[corpus.Example], matcher: UtteranceMatcher,
                            settings: dict[str, Any]) -> list[dict[str, float]]:
    """Grouped cross-validation, reused while the corpus, settings and en-US model are the same
    (changing only the false-alarm bounds then re-chooses the thresholds in seconds)."""
    digest = hashlib.sha256()
    for example in examples:
        digest.update(f"{example.round}\t{example.label}\t{example.text}\n".encode())
    digest.update(json.dumps(settings, sort_keys=True).encode())
    digest.update(voice_model.model_path("en-US").read_bytes())
    digest.update(TRAINER.read_bytes())  # how views and readings are made
    for code in MODEL_CODE:  # ... and the features read from them
        digest.update(code.read_bytes())
    cache = CV_CACHE / f"cv-{digest.hexdigest()[:16]}.json"
    if cache.exists():
        return json.loads(cache.read_text())
    predicted = cross_validate(examples, matcher, settings)
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps(predicted))
    return predicted


def train(path: Path = Path(MODEL_FILE), settings: dict[str, Any] = SETTINGS) -> bytes:
    """Train on the whole corpus with thresholds from grouped cross-validation; write the model."""
    import sklearn

    examples = load_corpus()
    matcher = matcher_en_us()
    predicted = cached_cross_validation(examples, matcher, settings)
    thresholds = choose_thresholds(examples, predicted)
    print_report(report(examples, predicted, thresholds, unheard(examples, matcher),
                        crisis_said(examples, matcher)))  # as `make reader-eval`
    fitted = fit(build_views(examples, matcher, settings), settings)
    provenance = {"corpus_sha256": corpus_digest(examples), "sentences": len(examples),
                  "trained_with": f"scikit-learn {sklearn.__version__}", "settings": settings}
    return export(fitted, thresholds, provenance, path)


def check(path: Path = Path(MODEL_FILE)) -> list[str]:
    """Problems with the committed model: made from another corpus, settings or model."""
    examples = load_corpus()
    try:
        model = MeaningModel(str(path))
    except ValueError as exc:
        return [str(exc)]
    if model.header.get("corpus_sha256") != corpus_digest(examples):
        return [f"{path}: made from another corpus, trainer settings or en-US model; run `make reader`"]
    return []


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if the committed model is stale")
    parser.add_argument("--eval", action="store_true", help="grouped cross-validation report")
    parser.add_argument("--json", type=Path, help="with --eval: also write the figures here")
    parser.add_argument("--errors", type=Path, help="with --eval: write each misread sentence here")
    args = parser.parse_args(list(argv) if argv is not None else None)
    try:
        if args.check:
            problems = check()
            for problem in problems:
                print(problem, file=sys.stderr)
            return 1 if problems else 0
        if args.eval:
            examples = load_corpus()
            matcher = matcher_en_us()
            predicted = cached_cross_validation(examples, matcher, SETTINGS)
            thresholds = choose_thresholds(examples, predicted)
            said = crisis_said(examples, matcher)
            result = report(examples, predicted, thresholds, unheard(examples, matcher), said)
            result["thresholds"] = thresholds
            print_report(result)
            print(f"thresholds: {thresholds}")
            if args.json:
                args.json.write_text(json.dumps(result, indent=1, sort_keys=True) + "\n")
            if args.errors:
                args.errors.write_text("".join(
                    f"{e.round}\t{e.label}\t{d}\t{p.get(e.label, 0):.2f}\t{e.text}\n"
                    for e, p, d in zip(examples, predicted, read_as(predicted, thresholds, said), strict=True)
                    if d != e.label))
            return 0
        data = train()
        print(f"wrote {MODEL_FILE} ({len(data) / 1024:.0f} KB)")
        return 0
    except (corpus.CorpusError, voice_model.ModelError) as exc:
        print(exc, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
