"""The labelled corpus of how people speak (corpus/*.txt): read, checked, and listed by round.

One file a writing round; in it, sentences grouped by meaning under a header line:

    == crisis
    i don't want to wake up tomorrow
    == question: osteoblastic
    what's the bone that builds up
    == report: pain [calm]
    this pain in my hip is killing me

A header names the meaning (MEANINGS), then for `question` and `report` the content id the
answer is about, and `[calm]` for a sentence that uses frightening words calmly (judged for
false alarms). Lines starting with # are comments. Not part of the Lambda artifact.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = ROOT / "corpus"

# What the skill must reach for a sentence, and who says such things (corpus/README.md).
MEANINGS = {
    "crisis": "thoughts of suicide or self-harm, about oneself or someone else",
    "emergency": "someone may be in danger now",
    "report": "an urgent symptom told (the topic: pain, fractures, spinal_cord_compression, hypercalcemia, "
              "or symptoms for one the article does not name)",
    "advice": "a decision only the care team can make",
    "outlook": "prognosis, survival, cure",
    "feelings": "emotions, with no sign of risk",
    "diagnosed": "a statement of having cancer, with no question",
    "question": "a question about the article's facts (the topic answered)",
    "followup": "leans on the answer just given",
    "out_of_scope": "what the article does not cover",
    "yes": "yes", "no": "no", "stop": "stop", "repeat": "say it again", "help": "what can I ask",
}
NEEDS_TOPIC = ("question", "report")
REPORT_TOPICS = ("pain", "fractures", "spinal_cord_compression", "hypercalcemia", "symptoms")
_HEADER = re.compile(r"^==\s*(?P<meaning>[a-z_]+)\s*(?::\s*(?P<topic>[a-z_]+))?\s*(?P<calm>\[calm\])?\s*$")
_SENTENCE = re.compile(r"^[a-z' ]+$")


class CorpusError(ValueError):
    """A corpus file is malformed; the message names the file and line."""


class Example(NamedTuple):
    text: str
    meaning: str
    topic: str | None
    round: str  # the file's name without .txt: grouped cross-validation never splits a round
    calm: bool = False

    @property
    def label(self) -> str:
        """The label the reader's model learns: the meaning, with the symptom for a report."""
        return f"report:{self.topic}" if self.meaning == "report" else self.meaning


def read_file(path: Path, topics: Iterable[str] | None = None) -> list[Example]:
    """The examples of one round file; `topics`, if given, are the content ids a topic may name."""
    known = set(topics) if topics is not None else None
    examples: list[Example] = []
    meaning = topic = None
    calm = False
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        where = f"{path}:{number}"
        if line.startswith("=="):
            header = _HEADER.match(line)
            if not header or header["meaning"] not in MEANINGS:
                raise CorpusError(f"{where}: a header is '== meaning[: topic] [calm]' with a meaning of "
                                  f"{', '.join(MEANINGS)}; got {line!r}")
            meaning, topic, calm = header["meaning"], header["topic"], bool(header["calm"])
            if (meaning in NEEDS_TOPIC) != (topic is not None):
                raise CorpusError(f"{where}: only {' and '.join(NEEDS_TOPIC)} name a topic; got {line!r}")
            if meaning == "report" and topic not in REPORT_TOPICS:
                raise CorpusError(f"{where}: a report is about one of {', '.join(REPORT_TOPICS)}; got {topic!r}")
            if topic and known is not None and topic not in known:
                raise CorpusError(f"{where}: {topic!r} is not a topic or cancer id of the content file")
            continue
        if meaning is None:
            raise CorpusError(f"{where}: a sentence before any '== meaning' header")
        if not _SENTENCE.match(line) or "  " in line:
            raise CorpusError(f"{where}: a sentence is lower-case words and apostrophes, as heard; got {line!r}")
        examples.append(Example(line, meaning, topic, path.stem, calm))
    return examples


def load(directory: Path = CORPUS_DIR, topics: Iterable[str] | None = None) -> list[Example]:
    """Every example of every round file, in file order; a sentence may appear only once."""
    topics = list(topics) if topics is not None else None
    examples: list[Example] = []
    first: dict[str, str] = {}
    for path in sorted(directory.glob("*.txt")):
        for example in read_file(path, topics):
            if example.text in first:
                raise CorpusError(f"{path}: {example.text!r} is already in {first[example.text]}")
            first[example.text] = path.name
            examples.append(example)
    if not examples:
        raise CorpusError(f"{directory}: no corpus files (*.txt)")
    return examples


def normalise_sentence(text: str) -> str:
    """A sentence as the corpus keeps it: lower case, words and apostrophes only."""
    text = text.lower().replace("’", "'")
    return " ".join(re.sub(r"[^a-z' ]+", " ", text).split())


def expectations(examples: Iterable[Example]) -> list[tuple[str, str]]:
    """(sentence, the answer it must reach) in the phrasing checks' terms: a topic id (for a
    report, the symptom's), "advice", "emergency", "crisis", or "-" for what the article does not
    cover; meanings answered without a topic (feelings, yes, ...) are left out."""
    expected = {"crisis": "crisis", "emergency": "emergency", "advice": "advice", "out_of_scope": "-"}
    pairs = []
    for example in examples:
        if example.meaning in NEEDS_TOPIC:
            pairs.append((example.text, example.topic))
        elif example.meaning in expected:
            pairs.append((example.text, expected[example.meaning]))
    return pairs


# Meanings a writer may give a conversation turn (tests' case files carry "meaning" and "topic"):
# a turn after the first is kept only where its meaning stands without the turns before it, or
# where it is a follow-up: leaning on the answer before is what its own words say ("which one is
# breast cancer"). Keeping follow-ups (358 sentences of rounds R1 to R28 on 2026-12-02) raised the
# model's follow-up recall by grouped cross-validation from 55% to 65%, safety as before.
STANDALONE = {"question", "symptom", "emergency", "crisis", "stop", "yes", "no", "repeat", "help", "out_of_scope",
              "advice", "outlook", "feelings", "diagnosed", "followup"}


# A writer's free-text topic for a symptom told ("symptom", "crack in arm") as the report it is:
# the first whose words appear in the topic, else in what was said, else symptoms in general.
# Before, every free-text topic became symptoms in general, and R50's and R51's cracks heard
# while lifting groceries joined so until they were relabelled by hand.
REPORT_WORDS = (
    ("fractures", re.compile(r"\b(fractur|break|broke|crack|snap)")),
    ("hypercalcemia", re.compile(r"\b(calcium|hyper ?cal|thirst|constipat|confus)")),
    ("spinal_cord_compression", re.compile(r"\b(spinal|numb|bladder|bowel|pins and needles)")),
    ("pain", re.compile(r"\b(pain|ache|aching|sore|hurt)")),
)


def report_topic(topic: str | None, said: str) -> str:
    """The report a symptom turn is: its topic if that names one, else read from its words."""
    if topic in REPORT_TOPICS and topic != "symptoms":
        return topic
    for text in (str(topic or "").lower(), said.lower()):
        for report, words in REPORT_WORDS:
            if words.search(text):
                return report
    return "symptoms"


def from_conversations(cases: list[dict], header: str, topics: Iterable[str], skip: Iterable[str] = ()) -> str:
    """A round of conversations (the conversation runner's case format, each turn with the
    writer's `meaning` and `topic`) as a corpus file: every first turn, and later turns whose
    meaning needs no earlier turn or is a follow-up; sentences normalised, each once, none of `skip`."""
    known = set(topics)
    groups: dict[str, list[str]] = {}
    seen: set[str] = set(skip)  # sentences the corpus already holds
    for case in cases:
        for number, turn in enumerate(case.get("turns", [])):
            meaning, topic = turn.get("meaning"), turn.get("topic")
            if meaning is None or (number and meaning not in STANDALONE):
                continue
            if meaning == "symptom":
                meaning, topic = "report", report_topic(topic, turn["say"])
            if meaning == "question" and topic not in known and isinstance(topic, str):
                topic = re.sub(r"[\s-]+", "_", topic.strip().lower())  # "spinal cord compression"
            if meaning == "question" and topic not in known:
                continue  # a topic the content lacks: the writer's guess, not a label
            text = normalise_sentence(turn["say"])
            if not text or text in seen:
                continue
            seen.add(text)
            key = f"== {meaning}" + (f": {topic}" if meaning in NEEDS_TOPIC else "")
            groups.setdefault(key, []).append(text)
    lines = [header.rstrip(), ""]
    for key in sorted(groups):
        lines += [key, *groups[key], ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """`python tools/corpus.py add-round ROUND.json NAME "who wrote it"`: a scored round joins the corpus."""
    import argparse
    import json
    import sys

    parser = argparse.ArgumentParser(description="the reader's corpus")
    parser.add_argument("command", choices=["add-round", "check"])
    parser.add_argument("cases", nargs="?", type=Path)
    parser.add_argument("name", nargs="?")
    parser.add_argument("header", nargs="?", default="")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "lambda"))
    from bone_mets.content import load_content

    topics = load_content(ROOT / "content" / "bone_metastases.toml").default.topics
    try:
        if args.command == "check":
            print(f"{len(load(topics=topics))} sentences")
            return 0
        cases = json.loads(args.cases.read_text(encoding="utf-8"))["cases"]
        target = CORPUS_DIR / f"{args.name}.txt"
        if target.exists():
            raise CorpusError(f"{target}: already in the corpus")
        header = "\n".join(f"# {line}" for line in (args.header or f"Round {args.name}").splitlines())
        existing = {example.text for example in load(topics=topics)}
        target.write_text(from_conversations(cases, header, topics, skip=existing), encoding="utf-8")
    except (OSError, ValueError, KeyError) as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
