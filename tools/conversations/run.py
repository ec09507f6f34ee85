"""`make conversations`: the project's conversation sets, spoken to the skill through virtual-alexa.

    python tools/conversations/run.py [--model FILE] [--strict-slots] [--verbose] CASES.json...

Each case file is checked against the format (cases.py) first. Then virtual-alexa 0.7.8
(installed once from npm into a cache, see npm.py) matches every utterance against the
case's locale's interaction model, interaction_model/<locale>.json (or --model for all), and
POSTs the request envelopes to lambda_handler on loopback (shim.py); harness.js checks the
answers. Prints a FAIL line for each failing conversation (--verbose: an ok line for each
passing one, and each open-slot match), and `N passed, M failed` last; with several files, a
line per file before the total. Exit status: 0 all passed, 1 any failed, 2 could not run.
STRICT_SLOTS=1 and VERBOSE=1 in the environment work as the flags do.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path

import voice_model
from conversations import cases, npm
from conversations.shim import APPLICATION_ID, LoopbackSkill

HARNESS = Path(__file__).resolve().parent / "harness.js"
VIRTUAL_ALEXA = ("virtual-alexa", "0.7.8")


def models_for(case_files: dict[Path, list[dict]], model: Path | None) -> dict[str, str]:
    """The interaction model file for each locale the cases use; raises CaseFileError if one is missing."""
    models = {}
    for path, found in case_files.items():
        for case in found:
            locale = cases.locale_of(case)
            if locale in models:
                continue
            file = model or voice_model.model_path(locale)
            if not file.exists():
                raise cases.CaseFileError(f"{path}: case {case['id']!r}: no interaction model for {locale} ({file})")
            models[locale] = str(file.resolve())
    return models


def run(files: list[Path], model: Path | None = None, strict_slots: bool = False, verbose: bool = False) -> int:
    """Speak every conversation of the files; the exit status (0 passed, 1 failed, 2 could not run)."""
    try:
        loaded = {path: cases.load(path) for path in files}
        models = models_for(loaded, model)
        node_modules = npm.node_modules(*VIRTUAL_ALEXA)
    except (cases.CaseFileError, npm.NpmUnavailable) as error:
        print(f"conversations: {error}", file=sys.stderr)
        return 2
    try:
        skill = LoopbackSkill()
    except Exception:  # the skill's own code failed to load: its traceback is what a developer needs
        print("conversations: the skill did not start:", file=sys.stderr)
        traceback.print_exc()
        return 2
    with skill, tempfile.TemporaryDirectory(prefix="conversations-") as scratch:
        job = Path(scratch) / "job.json"
        job.write_text(json.dumps({"port": skill.server.server_address[1], "skillId": APPLICATION_ID,
                                   "strictSlots": strict_slots, "verbose": verbose, "models": models,
                                   "files": [str(path) for path in files]}), encoding="utf-8")
        env = {**os.environ, "NODE_PATH": str(node_modules), "AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE": "1"}
        sys.stdout.flush()
        return subprocess.run(["node", str(HARNESS), str(job)], env=env).returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Speak conversation case files to the skill through virtual-alexa.")
    parser.add_argument("cases", nargs="+", type=Path, help="case files (JSON, see tools/conversations/cases.py)")
    parser.add_argument("--model", type=Path, help="one interaction model for every case "
                        "(default: interaction_model/<the case's locale>.json)")
    parser.add_argument("--strict-slots", action="store_true", default=bool(os.environ.get("STRICT_SLOTS")),
                        help="custom slots take listed values and synonyms only (no open slots)")
    parser.add_argument("--verbose", "-v", action="store_true", default=bool(os.environ.get("VERBOSE")),
                        help="list passing conversations and open-slot matches too")
    args = parser.parse_args(argv)
    # The skill's INFO lines (a session ended...) would bury the FAIL lines; warnings still show.
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    return run(args.cases, args.model, args.strict_slots, args.verbose)


if __name__ == "__main__":
    sys.exit(main())
