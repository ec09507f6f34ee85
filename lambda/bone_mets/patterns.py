"""The phrase pattern syntax shared by the content file and the interaction model.

`(a|b)` picks one, `[x]` is optional, nesting is allowed: "(what is|what's) [a] {topic}"
stands for "what is {topic}", "what is a {topic}", "what's {topic}" and so on. A *sign*
(content file, read by the understanding module) is one or more patterns joined by " + ":
it is present in a text when every part is, in any order ("chest + (pain|tight)").
"""

from __future__ import annotations

import re
from functools import lru_cache

# Contractions are spelled out, so "can't", "cant" and "can not" are one word to match.
# (pattern, replacement) pairs, compiled on first use: eleven compiles cost about half a
# millisecond of a cold start that may never read a word (the welcome).
_CONTRACTIONS = (
    (r"\bcan'?t\b|\bcan not\b", "cannot"),
    (r"\bwon'?t\b", "will not"),
    (r"\b(is|does|do|has|have|was|did|are|would|could|should|were)n'?t\b", r"\1 not"),
    (r"\bi'?m\b", "i am"),
    (r"\b(he|she|it|that|what|there)'s\b", r"\1 is"),
    (r"'s been\b", " has been"),  # "my back's been aching"
    (r"'s\b", ""),  # a possessive: "my husband's hip" reads as "my husband hip"
    (r"\b(i|you|we|they)'ve\b", r"\1 have"),
    (r"\b(i|you|we|they|he|she)'ll\b", r"\1 will"),
    (r"\b(i|you|we|they|he|she)'d\b", r"\1 would"),
    (r"\b(you|we|they)'re\b", r"\1 are"),
)


@lru_cache(maxsize=1)
def _contractions() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(pattern), replacement) for pattern, replacement in _CONTRACTIONS)


_NOISE = re.compile(r"[^a-z0-9' ]+")
# Sounds of hesitation a recogniser writes down: they say nothing and break a phrase, and the
# word before one is often said again after it ("the one with the um the needles"). Not "er":
# the ER.
HESITATIONS = frozenset({"um", "umm", "uh", "uhh", "uhm", "erm", "ehm", "hmm", "mmm"})


def normalise(text: str) -> str:
    """Lower case, letters and digits only, contractions spelled out, hesitations dropped (with
    a word said again just after one), single spaces."""
    text = _NOISE.sub(" ", text.lower().replace("\u2019", "'").replace("-", " "))
    for pattern, replacement in _contractions():
        text = pattern.sub(replacement, text)
    said = text.replace("'", "").split()
    if HESITATIONS.isdisjoint(said):  # most words read: no hesitation, nothing to drop
        return " ".join(said)
    words: list[str] = []
    hesitated = False
    for word in said:
        if word in HESITATIONS:
            hesitated = True
            continue
        # "ta ta" and "bye bye" stay: only a word picked up again after a hesitation goes
        if not (hesitated and words and word == words[-1]):
            words.append(word)
        hesitated = False
    return " ".join(words)


def expand(pattern: str) -> list[str]:
    """All phrasings of a pattern: (a|b) picks one, [x] is optional, nesting allowed."""
    text = pattern.replace("[", "(").replace("]", "|)")  # [x] is (x|)

    def alternatives(position: int) -> tuple[list[str], int]:
        choices, current = [], [""]
        while position < len(text):
            char = text[position]
            if char == "(":
                inner, position = alternatives(position + 1)
                current = [head + tail for head in current for tail in inner]
                continue
            if char == "|":
                choices += current
                current = [""]
            elif char == ")":
                return choices + current, position + 1
            else:
                current = [head + char for head in current]
            position += 1
        return choices + current, position

    phrasings, _ = alternatives(0)
    seen: dict[str, None] = {}
    for phrasing in phrasings:
        seen.setdefault(" ".join(phrasing.split()), None)
    return [p for p in seen if p]


class Sign:
    """One sign: every part must appear in a normalised text, as whole words."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.parts: tuple[frozenset[str], ...] = tuple(
            frozenset(normalise(p) for p in expand(part.strip())) for part in source.split(" + "))
        # Each alternative padded once, with its length: the reader looks for every sign in
        # every text it reads, and padding the phrases on each look was most of long speech's time
        self._padded: tuple[tuple[tuple[str, int], ...], ...] = tuple(
            tuple((f" {phrase} ", len(phrase)) for phrase in part) for part in self.parts)

    def found_in(self, text: str) -> int:
        """How many letters of `text` (normalised, padded with spaces) the sign accounts for:
        the longest alternative found of each part, summed; 0 unless every part is found."""
        total = 0
        for part in self._padded:
            found = max((length for phrase, length in part if phrase in text), default=0)
            if not found:
                return 0
            total += found
        return total

    def covers(self, words: str) -> bool:
        """True if the sign accounts for all of `words` (normalised, unpadded): they say nothing else."""
        return bool(words) and self.found_in(f" {words} ") == len(words)

    def position(self, text: str) -> int:
        """Where in `text` the sign's first part is first found (-1 if the sign is not found)."""
        if not self.found_in(text):
            return -1
        return min(text.find(f" {phrase} ") for phrase in self.parts[0] if f" {phrase} " in text)


@lru_cache(maxsize=1024)
def padded(text: str) -> str:
    """`text` normalised and padded with spaces, ready for `Sign.found_in`."""
    return f" {normalise(text)} "


__all__ = ["Sign", "expand", "normalise", "padded"]
