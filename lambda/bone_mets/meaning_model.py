"""The reader's learned model: what free words mean, scored in plain Python.

`tools/reader_train.py` trains it with scikit-learn (TF-IDF over word 1-2-grams and
character 2-5-grams inside word boundaries, then a multinomial logistic regression) on the
labelled corpus (corpus/*.txt) and writes the weights here as one compact file,
`meaning_model.bin`. Scoring needs no numpy or scikit-learn: the features are made by
`word_features` and `char_features` below, the very functions the trainer hands
scikit-learn as its analyzers, and the arithmetic is a few lines; a test holds the
probabilities equal to scikit-learn's to 1e-6 on the whole corpus.

File layout: a magic line, one line of JSON (labels, blocks, thresholds, provenance), each
block's feature strings (newline-separated UTF-8), then float32 arrays: the idf of every
feature, the weights feature by feature (one per label), and the intercepts (float64).
"""

from __future__ import annotations

import json
import math
import os
import re
from array import array
from collections.abc import Callable
from typing import Any

MAGIC = b"BONE-METS-READER 1\n"
MODEL_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "meaning_model.bin")
_NOT_SPOKEN = re.compile(r"[^a-z0-9' ]+")


class ModelFileError(ValueError):
    """The model file is missing or malformed; the message names the file and what is wrong."""


def spoken_words(text: str) -> list[str]:
    """Words as the model reads them: lower case, letters, digits and apostrophes."""
    return _NOT_SPOKEN.sub(" ", text.lower().replace("\u2019", "'")).split()


def model_input(words: str, intent: str | None = None) -> str:
    """What the model reads: the words heard, after the intent they came in as "@intent"."""
    return f"@{intent.lower()} {words}" if intent else words


def _split_intent(text: str) -> tuple[str | None, str]:
    if text.startswith("@"):
        tag, _, words = text.partition(" ")
        return tag, words
    return None, text


def word_features(text: str) -> list[str]:
    """Word unigrams and bigrams of `text`, and its "@intent" tag (the trainer's first analyzer)."""
    tag, text = _split_intent(text)
    words = spoken_words(text)
    return ([tag] if tag else []) + words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]


def char_features(text: str) -> list[str]:
    """Character 2- to 5-grams inside each word, padded with a space at its edges, as
    scikit-learn's "char_wb" analyzer makes them (the trainer's second analyzer)."""
    grams: list[str] = []
    for word in spoken_words(_split_intent(text)[1]):
        padded = f" {word} "
        length = len(padded)
        for n in range(2, 6):
            if n >= length:
                grams.append(padded)  # a word no longer than n counts once, whole
                break
            grams.extend(padded[i:i + n] for i in range(length - n + 1))
    return grams


ANALYZERS: dict[str, Callable[[str], list[str]]] = {"words": word_features, "chars": char_features}


class _Block:
    """One TF-IDF block: its features' positions and idf values, sublinear or raw counts."""

    def __init__(self, analyzer: str, terms: list[str], offset: int, idf: array, sublinear: bool) -> None:
        self.analyze = ANALYZERS[analyzer]
        self.index = {term: offset + i for i, term in enumerate(terms)}
        self.idf = idf
        self.sublinear = sublinear

    def vector(self, text: str) -> list[tuple[int, float]]:
        """(feature, weight) pairs of `text`: term counts times idf, scaled to unit length."""
        counts: dict[int, int] = {}
        index = self.index
        for gram in self.analyze(text):
            position = index.get(gram)
            if position is not None:
                counts[position] = counts.get(position, 0) + 1
        if self.sublinear:
            weighted = [(f, (1.0 + math.log(c)) * self.idf[f]) for f, c in counts.items()]
        else:
            weighted = [(f, c * self.idf[f]) for f, c in counts.items()]
        norm = math.sqrt(sum(w * w for _, w in weighted))
        return [(f, w / norm) for f, w in weighted] if norm else []


class MeaningModel:
    """Probabilities of each meaning for words heard (see the corpus's labels)."""

    def __init__(self, path: str = MODEL_FILE) -> None:
        try:
            with open(path, "rb") as file:
                data = file.read()
        except OSError as exc:
            raise ModelFileError(f"{path}: cannot be read ({exc.strerror})") from None
        try:
            self._parse(data)
        except (ValueError, KeyError, TypeError, IndexError) as exc:
            raise ModelFileError(f"{path}: not a reader model written by tools/reader_train.py ({exc})") from None
        self.path = path

    def _parse(self, data: bytes) -> None:
        if not data.startswith(MAGIC):
            raise ValueError("wrong magic line")
        end = data.index(b"\n", len(MAGIC))
        header: dict[str, Any] = json.loads(data[len(MAGIC):end])
        position = end + 1
        self.header = header
        self.labels: list[str] = list(header["labels"])
        self.thresholds: dict[str, float] = dict(header["thresholds"])
        blocks = header["blocks"]
        terms_per_block = []
        for block in blocks:
            raw = data[position:position + block["bytes"]]
            position += block["bytes"]
            terms = raw.decode("utf-8").split("\n")
            if len(terms) != block["size"]:
                raise ValueError(f"block {block['analyzer']!r} holds {len(terms)} features, not {block['size']}")
            terms_per_block.append(terms)
        total = sum(block["size"] for block in blocks)
        classes = len(self.labels)
        if len(data) != position + 4 * total * (1 + classes) + 8 * classes:
            raise ValueError("the arrays do not match the header's sizes")
        idf = array("f")
        idf.frombytes(data[position:position + 4 * total])
        position += 4 * total
        weights = array("f")
        weights.frombytes(data[position:position + 4 * total * classes])
        position += 4 * total * classes
        intercepts = array("d")
        intercepts.frombytes(data[position:position + 8 * classes])
        position += 8 * classes
        if len(idf) != total or len(weights) != total * classes or len(intercepts) != classes or position != len(data):
            raise ValueError("the arrays do not match the header's sizes")
        self._idf = idf.tolist()
        self._weights = weights
        self._intercepts = intercepts.tolist()
        self._classes = classes
        self._blocks = []
        offset = 0
        for block, terms in zip(blocks, terms_per_block, strict=True):
            self._blocks.append(_Block(block["analyzer"], terms, offset, self._idf, bool(block["sublinear_tf"])))
            offset += block["size"]

    def scores(self, text: str) -> list[float]:
        """The linear model's score of each label (before the softmax)."""
        scores = list(self._intercepts)
        weights, classes = self._weights, self._classes
        for block in self._blocks:
            for feature, value in block.vector(text):
                start = feature * classes
                row = weights[start:start + classes]
                for c in range(classes):
                    scores[c] += value * row[c]
        return scores

    def probabilities(self, text: str) -> dict[str, float]:
        """Each label's probability for the words `text` (a softmax of the scores)."""
        scores = self.scores(text)
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {label: e / total for label, e in zip(self.labels, exps, strict=True)}


# Labels a safety threshold is chosen for: their sum against the "emergency" threshold, as both
# direct the person to the emergency number (the article's own emergency is a report of it).
EMERGENCY_LABELS = ("emergency", "report:spinal_cord_compression")


def danger(probabilities: dict[str, float]) -> float:
    """How likely the words tell of an emergency (the article's own emergency included)."""
    return sum(probabilities.get(label, 0.0) for label in EMERGENCY_LABELS)


STOP_CRISIS = 0.1  # a crisis this likely is never read as "stop" (see decide)


def decide(probabilities: dict[str, float], thresholds: dict[str, float]) -> str:
    """The meaning the skill acts on: safety first, at thresholds chosen for recall (a crisis
    or an emergency is read even when another meaning is more likely), else the likeliest."""
    if probabilities.get("crisis", 0.0) >= thresholds["crisis"]:
        return "crisis"
    danger = {label: probabilities.get(label, 0.0) for label in EMERGENCY_LABELS}
    if sum(danger.values()) >= thresholds["emergency"]:
        return max(danger, key=danger.get)
    # Below the thresholds, no safety reading: the likeliest of the rest (a crisis or an
    # emergency read only at the thresholds keeps the false alarms to what was measured).
    label = likeliest_calm(probabilities) or max(probabilities, key=probabilities.__getitem__)
    # Ending the conversation cannot be taken back, and "end it" may be either: a stop is read
    # only where a crisis is unlikely (genuine stops in the corpus score under 0.03).
    if label == "stop" and probabilities.get("crisis", 0.0) >= STOP_CRISIS:
        return "crisis"
    return label


def likeliest_calm(probabilities: dict[str, float]) -> str | None:
    """The likeliest meaning that is neither a crisis nor an emergency; None where the
    probabilities give no such meaning (a real model gives every meaning; a test's may not)."""
    rest = {label: p for label, p in probabilities.items() if label != "crisis" and label not in EMERGENCY_LABELS}
    return max(rest, key=rest.__getitem__) if rest else None


def perhaps_crisis(probabilities: dict[str, float], thresholds: dict[str, float]) -> bool:
    """True if a crisis is likely enough that the crisis line follows the answer: at the "line"
    threshold, chosen for recall under looser false-alarm bounds than the crisis reading's (a
    person who may be in crisis hears the line, and still hears the answer they asked for)."""
    return probabilities.get("crisis", 0.0) >= thresholds.get("line", thresholds["crisis"])


__all__ = ["MeaningModel", "ModelFileError", "char_features", "danger", "decide", "likeliest_calm", "model_input",
           "perhaps_crisis", "spoken_words", "word_features"]
