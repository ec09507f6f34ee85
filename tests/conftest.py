"""Shared fixtures: the skill built from the real content file, with no persistence."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from bone_mets.config import Config
from bone_mets.skill import BoneMetsSkill, build_skill
from bone_mets.understanding import Reader

ROOT = Path(__file__).resolve().parent.parent
CONTENT_FILE = ROOT / "content" / "bone_metastases.toml"
LOCALES = ["en-US", "en-GB", "en-CA", "en-AU", "en-IN"]  # the skill's markets, in every test


def free_loopback_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (for servers the tests start, or refuse)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def read_as(monkeypatch: pytest.MonkeyPatch, probabilities: dict[str, float]) -> None:
    """Make the reader's model read any words with these probabilities (the model's reading fixed,
    so a test checks what the skill does with it)."""
    monkeypatch.setattr(Reader, "probabilities", lambda self, words, intent=None: probabilities)


@pytest.fixture(scope="session")
def skill() -> BoneMetsSkill:
    """The skill as Lambda builds it, without SKILL_ID or a visits table."""
    return build_skill(Config(content_path=CONTENT_FILE))


@pytest.fixture(scope="session")
def handler(skill: BoneMetsSkill):
    return skill.handle_event


@pytest.fixture
def dialog(handler):
    from events import Dialog
    return Dialog(handler)


@pytest.fixture(scope="session")
def content(skill: BoneMetsSkill):
    return skill.content

# The article the content comes from, beside the repository as in CI (ARTICLE_FILE overrides).
# Its text stays out of this repository (docs/content.md).
ARTICLE_FILE = Path(os.environ.get("ARTICLE_FILE")
                    or ROOT.parent / "shared" / "source" / "bone-metastases-explained.txt")
ARTICLE_MISSING = (
    "the source article is missing: expected {path} ({where}), the plain text of \"Bone Metastases "
    "Explained\", which the content's source quotes, the review page and the no-copying check are checked "
    "against; its text stays out of this repository. Put it there, or set ARTICLE_FILE to where it is")
ARTICLE_WHERE = ("named by ARTICLE_FILE" if os.environ.get("ARTICLE_FILE")
                 else "beside this repository, ../shared/source/bone-metastases-explained.txt")


@pytest.fixture(scope="session")
def article() -> Path:
    """The source article, for every test that reads it: skipped where it is missing (failed in CI),
    saying which file is expected where, and why."""
    if not ARTICLE_FILE.exists():
        if os.environ.get("CI"):
            pytest.fail(ARTICLE_MISSING.format(path=ARTICLE_FILE, where=ARTICLE_WHERE))
        pytest.skip(ARTICLE_MISSING.format(path=ARTICLE_FILE, where=ARTICLE_WHERE))
    return ARTICLE_FILE
