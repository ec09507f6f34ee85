"""`make review`: one self-contained HTML page for the clinician who signs off the content.

The default locale (en-US) in full: every answer as it will be spoken, beside the article
passages it rests on; urgent answers with their closes; word counts and reading grades. Then
each other locale, showing only the texts whose spoken words differ from en-US (spelling,
numbers, crisis lines), with the differing words marked, so no answer is read five times.
Every text that is ours rather than the article's (an entry with a `basis` instead of, or
beside, `source` quotes: directions, conversation text, prompts) is labelled as ours, to be
signed too. The emergency and crisis numbers per locale with their public sources; the date
and the content file's revision. No network and no JavaScript: one file to open, print or
archive with the sign-off.

    make review                       # writes review/content-review.html
    python tools/review.py OUT.html   # elsewhere
"""

from __future__ import annotations

import argparse
import html
import os
import re
import subprocess
import sys
from datetime import datetime, UTC
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import jinja2
import textstat
from markupsafe import Markup, escape

from bone_mets.content import Content, Grounds, LocaleContent, Topic, load_content
from bone_mets.speech import to_ssml, to_text

ROOT = Path(__file__).resolve().parent.parent

CONTENT = ROOT / "content" / "bone_metastases.toml"
ARTICLE = Path(os.environ.get("ARTICLE_FILE")
               or ROOT.parent / "shared" / "source" / "bone-metastases-explained.txt")
OUTPUT = ROOT / "review" / "content-review.html"
TEMPLATES = Path(__file__).resolve().parent / "templates"
STAGE_NAMES = {"summary": "answer", "more": "tell me more", "report": "when someone says they have it"}


def spoken(text: str, local: LocaleContent) -> str:
    """What the voice says: the SSML the skill sends, read as words (numbers the local way)."""
    ssml = to_ssml([text], local)
    ssml = re.sub(r'<sub alias="([^"]*)">[^<]*</sub>', r"\1", ssml)
    return html.unescape(re.sub(r"<[^>]+>", "", ssml))


def measures(text: str, content: Content) -> dict[str, Any]:
    """Word count and Flesch-Kincaid grade, raw and with the medical terms as stand-ins."""
    plain = text.replace("{emergency_number}", "911").replace("{crisis_number}", "988")
    terms = sorted(content.medical_terms, key=len, reverse=True)
    standing = re.sub(r"\b(" + "|".join(map(re.escape, terms)) + r")\b", "bone", plain, flags=re.I)
    return {"words": len(plain.split()), "grade": round(textstat.flesch_kincaid_grade(plain), 1),
            "grade_terms": round(textstat.flesch_kincaid_grade(standing), 1)}


def ours(grounds: Grounds) -> str | None:
    """How a text is ours rather than the article's, for its label; None if it is all the article's.

    An entry with a `basis` is our wording (directions, conversation text, prompts): with no
    quote it is wholly ours; with quotes it puts the article's words in ours.
    """
    if not grounds.basis:
        return None
    return "ours, around the article's words" if grounds.source else "ours, not the article's"


def answer(topic: Topic, stage: str, local: LocaleContent, content: Content) -> dict[str, Any]:
    text = getattr(topic, stage)
    closes = [spoken(c, local) for c in local.closes[topic.urgent]] if topic.urgent else []
    return {"stage": STAGE_NAMES[stage], "spoken": spoken(text, local), "card": to_text([text], local),
            "closes": closes, **measures(text, content)}


def entries(local: LocaleContent, content: Content) -> dict[str, dict[str, Any]]:
    """Every text a locale speaks, keyed alike in every locale: where it is used, the words
    as spoken, and what it rests on."""
    found: dict[str, dict[str, Any]] = {}

    def add(key: str, where: str, text: str, grounds: Grounds) -> None:
        found[key] = {"key": key, "where": where, "spoken": spoken(text, local), "grounds": grounds,
                      "ours": ours(grounds)}

    for kind, variants in local.closes.items():
        for number, text in enumerate(variants, 1):
            add(f"closes.{kind}.{number}", f"urgent close ({kind}), variant {number}", text, content.grounds["closes"])
    for topic in local.topics.values():
        for stage in topic.stages:
            add(f"{topic.kind}.{topic.id}.{stage}", f"{topic.title}: {STAGE_NAMES[stage]}", getattr(topic, stage),
                content.grounds[f"{topic.kind}.{topic.id}"])
    for key, text in local.safety.items():
        add(f"safety.{key}", f"safety direction: {key}", text, content.grounds[f"safety.{key.split('.')[0]}"])
    for key in local.prompts:
        add(f"prompts.{key}", f"conversation: {key}", prompt_example(local, key), content.grounds[f"prompts.{key}"])
    return found


def prompt_example(local: LocaleContent, key: str) -> str:
    """A prompt with its placeholders filled with examples (the same in every locale)."""
    return local.prompt(key, topic="bone pain", heard="leukemia")


def marked(text: str, base: str) -> Markup:
    """`text` as HTML with each run of words that differs from `base` marked, and base's words
    carried in a data-was attribute that the page's style shows beside the mark: the page's
    text stays exactly `text`, and the reader sees what en-US says instead."""
    now, was = text.split(), base.split()
    pieces: list[Markup] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(a=was, b=now, autojunk=False).get_opcodes():
        new, old = " ".join(now[j1:j2]), " ".join(was[i1:i2])
        if op == "equal":
            pieces.append(escape(new))
        elif not new:  # words en-US has and this locale does not
            pieces.append(Markup('<span class="gone" data-was="{}"></span>').format(old))
        elif not old:  # words only this locale has
            pieces.append(Markup('<mark class="added">{}</mark>').format(new))
        else:
            pieces.append(Markup('<mark data-was="{}">{}</mark>').format(old, new))
    return Markup(" ").join(pieces)


def differences(local: LocaleContent, base: dict[str, dict[str, Any]], content: Content) -> dict[str, Any]:
    """The texts of `local` whose spoken words differ from the base locale's, each marked."""
    rows, same = [], 0
    for key, entry in entries(local, content).items():
        reference = base.get(key)
        if reference is not None and reference["spoken"] == entry["spoken"]:
            same += 1
            continue
        rows.append({**entry, "html": marked(entry["spoken"], reference["spoken"] if reference else ""),
                     "new": reference is None})
    return {"code": local.locale, "local": local, "rows": rows, "same": same}


def revision() -> str:
    """The content file's last commit, and whether it has changes since."""
    def git(*args: str) -> str:
        result = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
        return result.stdout.strip()
    commit = git("log", "-1", "--format=%h %ad", "--date=short", "--", str(CONTENT)) or "not committed"
    dirty = git("status", "--porcelain", "--", str(CONTENT))
    return commit + (" (with uncommitted edits)" if dirty else "")


def build_page(content_path: Path = CONTENT, article: Path = ARTICLE) -> str:
    """The review page as one HTML string."""
    content = load_content(content_path, article=article)  # refuses a quote not in the article
    local = content.default
    topics = [{"id": topic.id, "title": topic.title, "urgent": topic.urgent,
               "grounds": (grounds := content.grounds[f"{topic.kind}.{topic.id}"]), "ours": ours(grounds),
               "answers": [answer(topic, stage, local, content) for stage in topic.stages]}
              for topic in local.topics.values()]
    prompts = [{"key": key, "spoken": spoken(prompt_example(local, key), local),
                "grounds": (grounds := content.grounds[f"prompts.{key}"]), "ours": ours(grounds)}
               for key in local.prompts]
    safety = [{"key": key, "spoken": spoken(text, local),
               "grounds": (grounds := content.grounds[f"safety.{key.split('.')[0]}"]), "ours": ours(grounds)}
              for key, text in local.safety.items()]
    closes = {kind: [spoken(c, local) for c in variants] for kind, variants in local.closes.items()}
    base = entries(local, content)
    others = [differences(other, base, content) for code, other in content.locales.items() if other is not local]
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                                     undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return environment.get_template("review.html").render(
        content=content, base={"code": local.locale, "local": local, "topics": topics, "prompts": prompts,
                               "safety": safety, "closes": closes, "closes_ours": ours(content.grounds["closes"])},
        others=others, locales=list(content.locales.values()),
        ours_count=sum(1 for entry in base.values() if entry["ours"]),
        made=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"), revision=revision(),
        closes_grounds=content.grounds["closes"],
        urgent_count=sum(1 for t in local.topics.values() if t.urgent))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", nargs="?", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    if not ARTICLE.exists():
        print(f"review: the source article is missing: expected {ARTICLE} (the plain text of \"Bone Metastases "
              "Explained\", beside this repository in ../shared/source/; it stays out of the repository). "
              "The page shows each answer beside the article's passages. Put it there, or set ARTICLE_FILE.",
              file=sys.stderr)
        return 2
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(build_page(), encoding="utf-8")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
