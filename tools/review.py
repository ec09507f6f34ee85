"""`make review`: one self-contained HTML page for the clinician who signs off the content.

Every answer in every locale as it will be spoken, beside the article passages it rests on;
urgent answers with their closes; the emergency and crisis numbers per locale with their
public sources; word counts and reading grades; the date and the content file's revision.
No network and no JavaScript: one file to open, print or archive with the sign-off.

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
from pathlib import Path
from typing import Any

import jinja2
import textstat

from bone_mets.content import Content, LocaleContent, Topic, load_content
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


def answer(topic: Topic, stage: str, local: LocaleContent, content: Content) -> dict[str, Any]:
    text = getattr(topic, stage)
    closes = [spoken(c, local) for c in local.closes[topic.urgent]] if topic.urgent else []
    return {"stage": STAGE_NAMES[stage], "spoken": spoken(text, local), "card": to_text([text], local),
            "closes": closes, **measures(text, content)}


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
    locales = []
    for code, local in content.locales.items():
        topics = [{"id": topic.id, "title": topic.title, "urgent": topic.urgent,
                   "grounds": content.grounds[f"{topic.kind}.{topic.id}"],
                   "answers": [answer(topic, stage, local, content) for stage in topic.stages]}
                  for topic in local.topics.values()]
        prompts = [{"key": key, "spoken": spoken(local.prompt(key, topic="bone pain", heard="leukemia"), local),
                    "grounds": content.grounds[f"prompts.{key}"]} for key in local.prompts]
        safety = [{"key": key, "spoken": spoken(text, local),
                    "grounds": content.grounds[f"safety.{key.split('.')[0]}"]} for key, text in local.safety.items()]
        closes = {kind: [spoken(c, local) for c in variants] for kind, variants in local.closes.items()}
        locales.append({"code": code, "local": local, "topics": topics, "prompts": prompts, "safety": safety,
                        "closes": closes})
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                                     undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return environment.get_template("review.html").render(
        content=content, locales=locales, made=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        revision=revision(), closes_grounds=content.grounds["closes"],
        urgent_count=sum(1 for t in content.default.topics.values() if t.urgent))


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
