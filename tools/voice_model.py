"""Generate, check and load the Alexa interaction models (interaction_model/<locale>.json).

One source makes every locale's model, so they cannot drift apart:
interaction_model/phrases.toml (intents and sample patterns, local extra samples) plus
the content file (slot values and synonyms, locale spelling). Run as a script:

    python tools/voice_model.py          # write interaction_model/<locale>.json
    python tools/voice_model.py --check  # exit 1 if a committed model is out of date

Not part of the Lambda artifact.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tomllib
from pathlib import Path
from typing import Any
from collections.abc import Iterable

from bone_mets.content import Content, Spelling, load_content
from bone_mets.patterns import expand  # one pattern syntax for content and models

ROOT = Path(__file__).resolve().parent.parent
PHRASES = ROOT / "interaction_model" / "phrases.toml"
MODEL_DIR = ROOT / "interaction_model"
CONTENT = ROOT / "content" / "bone_metastases.toml"

SLOT_REF = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
# Amazon's sample utterance rules: letters (any script), spaces, apostrophes, periods
# in abbreviations, and {slot} references; no digits or other symbols.
UTTERANCE_CHARS = re.compile(r"^[^\W\d_]+(?:[ '.\-]*[^\W\d_]+)*\.?$")
INVOCATION_FORBIDDEN = (
    "alexa", "amazon", "echo", "computer", "skill", "app", "ask", "tell", "open", "launch",
    "begin", "start", "load", "run", "play", "resume", "enable", "use",
)
BUILT_IN_PREFIX = "AMAZON."
MAX_MODEL_CHARS = 1_000_000  # our own limit per locale, well inside Amazon's
MAX_MODEL_BYTES = 1_500_000  # Amazon's limit on an interaction model's JSON
MAX_INTENTS = 250  # Amazon's limit on intents in a model
MAX_SLOT_VALUE_CHARS = 140  # the longest slot value or synonym the console accepts
FALLBACK_SENSITIVITIES = ("LOW", "MEDIUM", "HIGH")
SUBJECT_REF = re.compile(r"<([a-z_]+)>")


class ModelError(ValueError):
    """A model file is missing or malformed; the message names the file and what is wrong."""


def load_phrases(path: Path = PHRASES) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ModelError(f"{path}: cannot be read as TOML ({exc})") from None


def with_subjects(pattern: str, phrases: dict[str, Any]) -> str:
    """`<relation>` and other [subjects] names replaced by their alternatives."""
    subjects = phrases.get("subjects", {})

    def fill(match: re.Match[str]) -> str:
        if match.group(1) not in subjects:
            raise ModelError(f"{PHRASES}: {pattern!r} uses <{match.group(1)}>, which [subjects] lacks")
        return subjects[match.group(1)]
    return SUBJECT_REF.sub(fill, pattern)


def lead_in_patterns(phrases: dict[str, Any], spec: dict[str, Any]) -> list[str]:
    """An intent's `indirect` patterns after each polite lead-in ("can you tell me how
    {topic} is treated"), and its `fillable` patterns after each filler ("so what is {topic}")."""
    lead_ins = phrases.get("lead_ins", {})
    return ([f"{lead} {pattern}" for lead in lead_ins.get("polite", []) for pattern in spec.get("indirect", [])]
            + [f"{filler} {pattern}" for filler in lead_ins.get("fillers", []) for pattern in spec.get("fillable", [])])


def spellings(text: str, local: Spelling, others: list[Spelling]) -> list[str]:
    """The local spelling first, then the content's and the other locales': any of them may be
    transcribed or typed."""
    return list(dict.fromkeys([local(text), text, *(spell(text) for spell in others)]))


def build_models(content: Content, phrases: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every locale's interaction model, in the ASK format, keyed by locale."""
    models = {}
    for locale in phrases["locales"]:
        if locale not in content.locales:
            raise ModelError(f"{PHRASES}: locale {locale} has no [locales] entry in {content.path}")
        local = content.locales[locale].spelling
        others = [content.locales[other].spelling for other in phrases["locales"] if other != locale]
        extra = phrases.get("locale_samples", {}).get(locale, {})
        intents = []
        for name, spec in phrases["intents"].items():
            samples: dict[str, None] = {}
            for pattern in [*spec.get("samples", []), *extra.get(name, []), *lead_in_patterns(phrases, spec)]:
                for sample in expand(with_subjects(pattern, phrases)):
                    for variant in spellings(sample, local, others):
                        samples.setdefault(variant, None)
            intent: dict[str, Any] = {"name": name}
            if spec.get("slots"):
                intent["slots"] = [{"name": slot, "type": slot_type, "samples": []}
                                   for slot, slot_type in spec["slots"].items()]
            intent["samples"] = list(samples)
            intents.append(intent)
        types = []
        for type_name, kind in phrases["slot_types"].items():
            values = []
            if isinstance(kind, list):  # example values only: the words are read, not resolved
                types.append({"name": type_name, "values": [
                    {"id": f"{type_name.lower()}_{n}", "name": {"value": v}} for n, v in enumerate(kind, 1)]})
                continue
            for value_id, synonyms in content.slot_values(kind):
                # Every synonym's local spelling first, then the others, as synonyms.
                spelled = list(dict.fromkeys(
                    [local(s) for s in synonyms] + [v for s in synonyms for v in spellings(s, local, others)]))
                values.append({"id": value_id, "name": {"value": spelled[0], "synonyms": spelled[1:]}})
            types.append({"name": type_name, "values": values})
        sensitivity = phrases.get("fallback_sensitivity", "MEDIUM")
        if sensitivity not in FALLBACK_SENSITIVITIES:
            raise ModelError(f"{PHRASES}: fallback_sensitivity must be one of {', '.join(FALLBACK_SENSITIVITIES)}")
        models[locale] = {
            "interactionModel": {
                "languageModel": {
                    "invocationName": phrases["invocation_name"],
                    "modelConfiguration": {"fallbackIntentSensitivity": {"level": sensitivity}},
                    "intents": intents,
                    "types": types,
                }
            },
            "version": "1",
        }
    return models


def check_model(model: dict[str, Any]) -> list[str]:
    """Problems Amazon's model build would report that can be checked offline."""
    problems = []
    language = model.get("interactionModel", {}).get("languageModel", {})
    invocation = language.get("invocationName", "")
    words = invocation.split()
    if len(words) < 2:
        problems.append(f"invocation name {invocation!r} must have two or more words")
    if not re.fullmatch(r"[a-z][a-z'. ]*", invocation):
        problems.append(f"invocation name {invocation!r} must be lower-case letters, spaces, apostrophes, periods")
    for word in words:
        if word in INVOCATION_FORBIDDEN:
            problems.append(f"invocation name {invocation!r} contains the reserved word {word!r}")
    size = len(json.dumps(model, ensure_ascii=False))
    if size > MAX_MODEL_CHARS:
        problems.append(f"the model is {size} characters, over our own limit of {MAX_MODEL_CHARS}")
    size = len(render(model).encode("utf-8"))
    if size > MAX_MODEL_BYTES:
        problems.append(f"the model's JSON is {size} bytes, over Amazon's {MAX_MODEL_BYTES}")
    if len(language.get("intents", [])) > MAX_INTENTS:
        problems.append(f"the model has {len(language['intents'])} intents, over Amazon's {MAX_INTENTS}")
    types = {t["name"]: t for t in language.get("types", [])}
    for type_name, slot_type in types.items():
        if not slot_type.get("values"):
            problems.append(f"slot type {type_name} has no values")
        for value in slot_type.get("values", []):
            for phrase in [value["name"]["value"], *value["name"].get("synonyms", [])]:
                if len(phrase) > MAX_SLOT_VALUE_CHARS:
                    problems.append(
                        f"slot type {type_name}: {phrase[:40]!r}... is over {MAX_SLOT_VALUE_CHARS} characters")
        ids = [v.get("id") for v in slot_type.get("values", [])]
        if len(ids) != len(set(ids)):
            problems.append(f"slot type {type_name} repeats a value id")
    owner: dict[str, str] = {}
    for intent in language.get("intents", []):
        name = intent.get("name", "")
        slots = {s["name"]: s["type"] for s in intent.get("slots", [])}
        samples = intent.get("samples", [])
        if not name.startswith(BUILT_IN_PREFIX) and not samples:
            problems.append(f"custom intent {name} has no sample utterances")
        for slot_name, slot_type in slots.items():
            if not slot_type.startswith(BUILT_IN_PREFIX) and slot_type not in types:
                problems.append(f"intent {name}: slot {slot_name} has undeclared type {slot_type}")
        for sample in samples:
            referenced = SLOT_REF.findall(sample)
            for slot_name in referenced:
                if slot_name not in slots:
                    problems.append(f"intent {name}: {sample!r} uses undeclared slot {{{slot_name}}}")
            if len(referenced) != len(set(referenced)):
                problems.append(f"intent {name}: {sample!r} uses a slot twice")
            words_only = SLOT_REF.sub("", sample).strip()
            if words_only and not all(UTTERANCE_CHARS.match(w) for w in words_only.split()):
                problems.append(f"intent {name}: {sample!r} has characters Alexa does not accept")
            key = " ".join(sample.lower().split())
            if key in owner and owner[key] != name:
                problems.append(f"{sample!r} is a sample of both {owner[key]} and {name}")
            owner.setdefault(key, name)
    return problems


def load_model(path: Path) -> dict[str, Any]:
    """Read an interaction model file, with errors that name the file and the field.

    Raises:
        ModelError: missing file, bad JSON, or a model without intents.
    """
    try:
        model = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(f"{path}: no interaction model here") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ModelError(f"{path}: cannot be read ({exc})") from None
    except json.JSONDecodeError as exc:
        raise ModelError(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    language = model.get("interactionModel", {}).get("languageModel") if isinstance(model, dict) else None
    if not isinstance(language, dict):
        raise ModelError(f"{path}: interactionModel.languageModel is missing")
    intents = language.get("intents")
    if not isinstance(intents, list) or not intents:
        raise ModelError(f"{path}: interactionModel.languageModel.intents is missing or empty")
    for index, intent in enumerate(intents):
        if not isinstance(intent, dict) or not isinstance(intent.get("name"), str):
            raise ModelError(f"{path}: interactionModel.languageModel.intents[{index}].name is missing")
        if not isinstance(intent.get("samples", []), list):
            raise ModelError(f"{path}: intents[{index}] ({intent['name']}).samples must be a list")
    if not isinstance(language.get("types", []), list):
        raise ModelError(f"{path}: interactionModel.languageModel.types must be a list")
    return model


def model_path(locale: str, directory: Path = MODEL_DIR) -> Path:
    return directory / f"{locale}.json"


def render(model: dict[str, Any]) -> str:
    return json.dumps(model, indent=2, ensure_ascii=False) + "\n"


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a committed model is out of date")
    args = parser.parse_args(list(argv) if argv is not None else None)
    models = build_models(load_content(CONTENT), load_phrases())
    failed = False
    for locale, model in models.items():
        problems = check_model(model)
        for problem in problems:
            print(f"{locale}: {problem}", file=sys.stderr)
        failed |= bool(problems)
        path = model_path(locale)
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != render(model):
                print(f"{path} is out of date: run `make models`", file=sys.stderr)
                failed = True
        elif not problems:
            path.write_text(render(model), encoding="utf-8")
            count = sum(len(i["samples"]) for i in model["interactionModel"]["languageModel"]["intents"])
            print(f"wrote {path.relative_to(ROOT)} ({count} samples)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
