"""Offline checks of the skill manifest against Amazon's published submission rules.

What Amazon's certification team checks that can be checked without an account (Alexa
Skills Kit docs: "Certification Requirements for Custom Skills", "Policy Requirements"
including the health skill rules, "Skill Manifest Schema", "Test and Submit Your Skill for
Certification"). Each rule is a function returning the problems it finds; `check` runs them
all. Not part of the Lambda artifact.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LAUNCH_WORDS = ("open", "ask", "launch", "start", "tell", "talk to", "load", "begin")
CATEGORIES = {"HEALTH_AND_FITNESS", "EDUCATION_AND_REFERENCE", "MEDICAL"}  # the ones that could fit this skill
DISCLAIMER = "not a substitute for professional medical advice"
CLAIMS = re.compile(r"\b(diagnoses|treats|cures|heals)\b|\b(can|will) (diagnose|treat|cure|heal)\b", re.I)
LIFESAVING = re.compile(r"life[- ]?saving|save (your |a )?li(fe|ves)|emergency (assistance|service|response|help)"
                        r"|\bcalls? (911|999|000|112|for help|an ambulance|emergency)"
                        r"|contacts? (emergency|911|an ambulance)", re.I)
ARN = re.compile(r"^arn:aws:lambda:[a-z]{2}(-[a-z]+)+-\d:\d{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9_$-]{1,128})?$")
Rule = Callable[[dict[str, Any], "Context"], list[str]]


class Context:
    """What the rules need beyond the manifest: the models, the welcome, the repository."""

    def __init__(self, models: dict[str, dict[str, Any]], welcome: str, root: Path = ROOT,
                 matchers: dict[str, Any] | None = None) -> None:
        self.models, self.welcome, self.root, self.matchers = models, welcome, root, matchers or {}


def _locales(manifest: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return manifest.get("publishingInformation", {}).get("locales", {})


def example_phrases(manifest: dict[str, Any], context: Context) -> list[str]:
    """One to three per locale; the first opens the skill by its invocation name; all are understood."""
    problems = []
    for locale, entry in _locales(manifest).items():
        phrases = entry.get("examplePhrases") or []
        invocation = context.models[locale]["interactionModel"]["languageModel"]["invocationName"]
        if not 1 <= len(phrases) <= 3:
            problems.append(f"{locale}: {len(phrases)} example phrases (1 to 3)")
        pattern = re.compile(rf"Alexa, ({'|'.join(LAUNCH_WORDS)}) {re.escape(invocation)}(?: (.+))?")
        for index, phrase in enumerate(phrases):
            found = pattern.fullmatch(phrase)
            if not found:
                problems.append(f"{locale}: example {phrase!r} does not open {invocation!r} with the wake word")
                continue
            if index == 0 and found.group(2):
                problems.append(f"{locale}: the first example must only open the skill")
            if found.group(2) and locale in context.matchers:
                match = context.matchers[locale].match(found.group(2))
                if match.intent == "AMAZON.FallbackIntent" or not all(s.value_id for s in match.slots):
                    problems.append(f"{locale}: example {phrase!r} is not a sample of the model")
    return problems


def lengths(manifest: dict[str, Any], context: Context) -> list[str]:
    """Name up to 50 characters, summary 160, description 4000; keywords up to 30."""
    problems = []
    for locale, entry in _locales(manifest).items():
        for field, limit in (("name", 50), ("summary", 160), ("description", 4000)):
            value = entry.get(field) or ""
            if not value or len(value) > limit:
                problems.append(f"{locale}: {field} is {len(value)} characters (1 to {limit})")
        keywords = entry.get("keywords") or []
        if not keywords or len(keywords) > 30 or not all(isinstance(k, str) and k.strip() for k in keywords):
            problems.append(f"{locale}: keywords must be 1 to 30 words or phrases")
    return problems


def category(manifest: dict[str, Any], context: Context) -> list[str]:
    value = manifest.get("publishingInformation", {}).get("category")
    return [] if value in CATEGORIES else [f"category {value!r} is not one for a health information skill"]


def icons(manifest: dict[str, Any], context: Context) -> list[str]:
    """A 108x108 and a 512x512 PNG, present in the repository (file:// URIs for the ASK CLI)."""
    problems = []
    for locale, entry in _locales(manifest).items():
        for field, size in (("smallIconUri", 108), ("largeIconUri", 512)):
            uri = entry.get(field) or ""
            if not uri.startswith("file://"):
                problems.append(f"{locale}: {field} is not a file:// URI of the package")
                continue
            path = context.root / uri.removeprefix("file://")
            if not path.exists():
                problems.append(f"{locale}: {field} {path.name} is missing")
                continue
            data = path.read_bytes()
            if data[:8] != b"\x89PNG\r\n\x1a\n" or struct.unpack(">II", data[16:24]) != (size, size):
                problems.append(f"{locale}: {field} must be a {size}x{size} PNG")
    return problems


def privacy(manifest: dict[str, Any], context: Context) -> list[str]:
    """Flags consistent with what the skill stores (a per-account visit count, nothing about health),
    and, because it stores something per account, a privacy policy and terms for every locale."""
    problems = []
    flags = manifest.get("privacyAndCompliance", {})
    expected = {"allowsPurchases": False, "usesPersonalInfo": False, "isChildDirected": False,
                "isExportCompliant": True, "containsAds": False, "usesHealthInfo": False}
    for flag, value in expected.items():
        if flags.get(flag) is not value:
            problems.append(f"privacyAndCompliance.{flag} must be {value}")
    for locale in _locales(manifest):
        urls = flags.get("locales", {}).get(locale, {})
        for field in ("privacyPolicyUrl", "termsOfUseUrl"):
            if not str(urls.get(field, "")).startswith("https://"):
                problems.append(f"{locale}: privacyAndCompliance {field} must be an https URL")
    for name in ("privacy-policy.md", "terms-of-use.md"):
        if not (context.root / "docs" / name).exists():
            problems.append(f"docs/{name} is missing (the text hosted at the manifest's URL)")
    return problems


def testing_instructions(manifest: dict[str, Any], context: Context) -> list[str]:
    text = manifest.get("publishingInformation", {}).get("testingInstructions") or ""
    missing = [w for w in ("account linking", "stores", "open bone metastases guide") if w not in text.lower()]
    return [f"testingInstructions must say {w!r}" for w in missing]


def health(manifest: dict[str, Any], context: Context) -> list[str]:
    """Health skills: the disclaimer in the description and spoken at launch; no claim to
    diagnose or treat; no claim of life-saving or emergency help in name, invocation or description."""
    problems = []
    if "not medical advice" not in context.welcome:
        problems.append("the welcome does not say aloud that this is not medical advice")
    for locale, entry in _locales(manifest).items():
        description = entry.get("description") or ""
        if DISCLAIMER not in description:
            problems.append(f"{locale}: the description lacks {DISCLAIMER!r}")
        invocation = context.models[locale]["interactionModel"]["languageModel"]["invocationName"]
        for field, text in (("name", entry.get("name") or ""), ("summary", entry.get("summary") or ""),
                            ("description", description), ("invocation name", invocation)):
            if CLAIMS.search(text):
                problems.append(f"{locale}: the {field} claims to diagnose or treat")
            if LIFESAVING.search(text):
                problems.append(f"{locale}: the {field} claims emergency or life-saving help")
    return problems


def endpoint(manifest: dict[str, Any], context: Context) -> list[str]:
    """A Lambda ARN, or the source manifest's placeholder that `make package` fills in."""
    uri = manifest.get("apis", {}).get("custom", {}).get("endpoint", {}).get("uri", "")
    if uri.startswith("REPLACE_WITH") or ARN.match(uri):
        return []
    return [f"apis.custom.endpoint.uri {uri!r} is not a Lambda function or alias ARN"]


def screens(manifest: dict[str, Any], context: Context) -> list[str]:
    interfaces = manifest.get("apis", {}).get("custom", {}).get("interfaces") or []
    if {"type": "ALEXA_PRESENTATION_APL"} not in interfaces:
        return ["apis.custom.interfaces does not declare ALEXA_PRESENTATION_APL"]
    return []


RULES: dict[str, Rule] = {rule.__name__: rule for rule in (
    example_phrases, lengths, category, icons, privacy, testing_instructions, health, endpoint, screens)}


def check(manifest: dict[str, Any], context: Context, rules: Iterable[str] | None = None) -> list[str]:
    """Every problem found by the named rules (all by default)."""
    return [problem for name in (rules or RULES) for problem in RULES[name](manifest, context)]
