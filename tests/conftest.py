"""Shared fixtures: the skill built from the real content file, with no persistence."""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "lambda"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bone_mets.config import Config  # noqa: E402
from bone_mets.skill import BoneMetsSkill, build_skill  # noqa: E402

CONTENT_FILE = ROOT / "content" / "bone_metastases.toml"


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
