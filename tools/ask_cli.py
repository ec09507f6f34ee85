"""The ASK CLI v2 project files, so `ask deploy` and `ask run` act on the skill made in the console.

    .ask/ask-states.json   which skill each ask-cli profile deploys to (`profiles.<profile>.skillId`)
    ask-resources.json     where the skill package is (`profiles.<profile>.skillMetadata.src`) and,
                           for local debugging, the code and its handler

Without a skill id in ask-states.json, `ask deploy` creates a new skill instead of updating the
one the SAM stack's Lambda permission names. Both files are merged, never overwritten: fields
ask-cli keeps there (deploy hashes, other profiles) survive a second `make package`, and a
different skill id already recorded for the profile is refused, not replaced.

`make debug SKILL_ID=... [PROFILE=...]` (this module's command line) adds the code folder and
handler that `ask run` and the ASK Toolkit for VS Code need, and prints how to start a session.

The shapes and rules here were read in ask-cli 2.30.7's source (npm package `ask-cli`,
dist/lib/...), named at each constant. Not part of the Lambda artifact.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# model/resources-config/index.js: ask-states.json lives in .ask/ beside ask-resources.json, and
# both are read from the folder `ask` runs in (process.cwd()).
STATES = ROOT / ".ask" / "ask-states.json"
RESOURCES = ROOT / "ask-resources.json"
# model/resources-config/ask-states.js and ask-resources.js: the BASE of a new file.
STATES_VERSION = {"askcliStatesVersion": "2020-03-31"}
RESOURCES_VERSION = {"askcliResourcesVersion": "2020-03-31"}
# utils/profile-helper.js runtimeProfile(): --profile, else the environment profile, else
# ASK_DEFAULT_PROFILE, else "default"; utils/constants.js REGEX_VALIDATIONS.PROFILE_NAME is
# what `ask configure` accepts as a name.
DEFAULT_PROFILE = "default"
PROFILE_NAME = re.compile(r"^[A-Za-z0-9_-]+$")
# The id the developer console shows ("Copy Skill ID"); template.yaml's SkillId parameter
# accepts these (its pattern is looser: it does not insist on the UUID's shape).
SKILL_ID = re.compile(r"^amzn1\.ask\.skill\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)
# skillMetadata.src: commands/deploy/index.js checks fs.existsSync(src) from the project folder.
PACKAGE_SRC = "./skill-package"
# Local debugging, from commands/run/index.js and commands/run/helper.js: the code folder is
# code.<region>.src, falling back to code.default.src; skillInfrastructure.userConfig gives
# `runtime` (any string containing "python" selects the Python run flow: getNormalisedRuntime)
# and `handler` ("<file>.<function>": the file is <src>/<file>.py). The same values as
# template.yaml's Runtime and Handler, so the debugger runs what Lambda runs.
CODE_SRC = "./lambda"
RUNTIME = "python3.13"
HANDLER = "lambda_function.lambda_handler"
# commands/run/run-flow/python-run.js looks for this file in `python3`'s site-packages.
LOCAL_DEBUGGER = Path("ask_sdk_local_debug") / "local_debugger_invoker.py"


def check_skill_id(skill_id: str) -> str:
    """`skill_id` if it is an Alexa skill id; ValueError saying what one looks like otherwise."""
    if not SKILL_ID.fullmatch(skill_id):
        raise ValueError(f"SKILL_ID {skill_id!r} is not an Alexa skill id (amzn1.ask.skill. and a UUID, such as "
                         "amzn1.ask.skill.12345678-90ab-cdef-1234-567890abcdef); copy it from the developer "
                         "console's skill list (Copy Skill ID)")
    return skill_id


def check_profile(profile: str) -> str:
    """`profile` if ask-cli accepts it as a profile name; ValueError otherwise."""
    if not PROFILE_NAME.fullmatch(profile):
        raise ValueError(f"PROFILE {profile!r} is not an ask-cli profile name (letters, digits, - and _; "
                         "`ask configure --profile NAME` makes one)")
    return profile


def _load(path: Path, base: dict[str, Any]) -> dict[str, Any]:
    """The JSON object in `path` (a copy of `base` if there is none), with an object at `profiles`."""
    if not path.exists():
        return {**base, "profiles": {}}
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{_shown(path)} is not valid JSON ({exc}); fix it, or delete it to start afresh") from None
    if not isinstance(content, dict) or not isinstance(content.setdefault("profiles", {}), dict):
        raise ValueError(f"{_shown(path)}: expected a JSON object with an object at \"profiles\"")
    return content


def _profile(content: dict[str, Any], path: Path, profile: str) -> dict[str, Any]:
    """The profile's object in `content`, made if absent."""
    entry = content["profiles"].setdefault(profile, {})
    if not isinstance(entry, dict):
        raise ValueError(f"{_shown(path)}: profiles.{profile} is not a JSON object")
    return entry


def _section(parent: dict[str, Any], key: str, path: Path, where: str) -> dict[str, Any]:
    """parent[key] as an object, made if absent; ValueError naming the field if it is something else."""
    value = parent.setdefault(key, {})
    if not isinstance(value, dict):
        raise ValueError(f"{_shown(path)}: {where}.{key} is not a JSON object")
    return value


def _shown(path: Path) -> str:
    """`path` relative to the repository when it is inside it (messages stay short)."""
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def _write(path: Path, content: dict[str, Any]) -> None:
    """Write as ask-cli does (view/json-view.js: JSON.stringify with an indent of 2), atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(content, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(temporary, path)


def plan_states(skill_id: str | None, profile: str,
                path: Path | None = None) -> tuple[dict[str, Any] | None, str | None]:
    """What ask-states.json (default STATES) should hold: (the content to write, or None if
    unchanged; the profile's skill id).

    Raises ValueError, before anything is written, for a malformed id or file, or for an id that
    differs from the one already recorded for the profile (ask deploy would update that skill).
    """
    path = path or STATES
    check_profile(profile)
    if skill_id is not None:
        check_skill_id(skill_id)
    content = _load(path, STATES_VERSION)
    entry = _profile(content, path, profile)
    recorded = entry.get("skillId")
    if recorded is not None and not isinstance(recorded, str):
        raise ValueError(f"{_shown(path)}: profiles.{profile}.skillId is not a string")
    if skill_id is None or recorded == skill_id:
        return None, recorded or None
    if recorded:
        raise ValueError(
            f"{_shown(path)} already records skill {recorded} for profile {profile!r}, not {skill_id}: "
            f"ask deploy would update {recorded}. If {skill_id} is the skill to deploy to from now on, "
            f"delete the {profile!r} entry under \"profiles\" in {_shown(path)} (its deploy hash belongs to "
            f"the old skill too), or the whole file if no other profile is in it, and run again; to keep both, "
            f"give another PROFILE=...")
    entry["skillId"] = skill_id
    return content, skill_id


def plan_resources(profile: str, local_debug: bool, path: Path | None = None) -> dict[str, Any]:
    """ask-resources.json (default RESOURCES) with the profile's skill package (and, for local
    debugging, code and handler).

    Everything else in an existing file is kept. No skillInfrastructure.type is set: the SAM
    stack deploys the function, so ask-cli must not deploy infrastructure of its own.
    """
    path = path or RESOURCES
    check_profile(profile)
    content = _load(path, RESOURCES_VERSION)
    entry = _profile(content, path, profile)
    where = f"profiles.{profile}"
    _section(entry, "skillMetadata", path, where)["src"] = PACKAGE_SRC
    if local_debug:
        code = _section(entry, "code", path, where)
        _section(code, "default", path, f"{where}.code")["src"] = CODE_SRC
        infrastructure = _section(entry, "skillInfrastructure", path, where)
        user_config = _section(infrastructure, "userConfig", path, f"{where}.skillInfrastructure")
        user_config.update(runtime=RUNTIME, handler=HANDLER)
    return content


def write_project_files(skill_id: str | None, profile: str, local_debug: bool = False,
                        states: Path | None = None, resources: Path | None = None) -> str | None:
    """Merge the profile into both files; returns the skill id ask-cli will use (None: it would create one).

    Both files are checked before either is written, so a refusal leaves them as they were.
    Local debugging needs the id (`ask run` refuses without one), so it is refused without it.
    """
    states, resources = states or STATES, resources or RESOURCES
    states_content, recorded = plan_states(skill_id, profile, states)
    if local_debug and recorded is None:
        raise ValueError("ask run needs the skill's id: give SKILL_ID=amzn1.ask.skill... (the one the SAM stack "
                         f"was deployed with); {_shown(states)} has none for profile {profile!r}")
    resources_content = plan_resources(profile, local_debug, resources)
    _write(resources, resources_content)
    if states_content is not None:
        _write(states, states_content)
    return recorded


def local_debugger_installed() -> bool:
    """Whether ask-sdk-local-debug is importable by this interpreter (.venv's, under make)."""
    return importlib.util.find_spec("ask_sdk_local_debug") is not None


def debug_instructions(skill_id: str, profile: str) -> str:
    """How to start a local debugging session, for `make debug` to print."""
    profile_option = "" if profile == DEFAULT_PROFILE else f" --profile {profile}"
    return "\n".join([
        f"Local debugging of skill {skill_id} (ask-cli profile {profile!r}):",
        f"  ask-resources.json names {CODE_SRC} and {HANDLER} ({RUNTIME});",
        f"  .ask/ask-states.json names the skill for {profile!r}.",
        "From a terminal (ask-cli finds ask-sdk-local-debug through `python3`, so .venv/bin goes first):",
        f"  PATH=\"$PWD/.venv/bin:$PATH\" ask run{profile_option}   (add --region EU or FE outside North America)",
        "  then talk to the skill in the developer console's Test tab, or `ask dialog --locale en-US`.",
        "In VS Code, with the Alexa Skills Toolkit signed in as that profile: Run and Debug,",
        "  \"Debug Alexa Skill (Python)\" (.vscode/launch.json).",
        "While the session runs, the skill's development-stage requests come to this machine.",
    ])


def main(argv: list[str] | None = None) -> int:
    """`make debug`: write the local-debugging fields, then say how to start a session."""
    parser = argparse.ArgumentParser(description="Prepare ask run / VS Code local debugging (make debug).")
    parser.add_argument("--skill-id", default=None, help="the skill's id (default: the one in .ask/ask-states.json)")
    parser.add_argument("--profile", default=DEFAULT_PROFILE, help="the ask-cli profile (default: default)")
    args = parser.parse_args(argv)
    try:
        skill_id = write_project_files(args.skill_id or None, args.profile or DEFAULT_PROFILE, local_debug=True)
    except ValueError as exc:
        print(f"debug: {exc}", file=sys.stderr)
        return 2
    assert skill_id is not None  # write_project_files refuses local debugging without one
    if not local_debugger_installed():
        print("debug: ask-sdk-local-debug is not installed in this Python; `make debug` installs it", file=sys.stderr)
        return 2
    print(debug_instructions(skill_id, args.profile or DEFAULT_PROFILE))
    return 0


if __name__ == "__main__":
    sys.exit(main())
