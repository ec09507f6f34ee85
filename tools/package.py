"""`make package SKILL_ID=... FUNCTION_ARN=... [PROFILE=...]`: the ASK CLI v2 skill package.

    skill-package/skill.json                           from skill.json (the one manifest source)
    skill-package/interactionModels/custom/<locale>.json   the generated models, as committed
    skill-package/assets/images/icon-108.png, icon-512.png  from tools/icons.py
    ask-resources.json                                 the profile's skillMetadata.src (ask_cli.py)
    .ask/ask-states.json                               the profile's skillId: the console's skill

With FUNCTION_ARN (the stack's SkillFunctionAliasArn output) the manifest's endpoint is
filled in; with SKILL_ID (the console's skill, the stack's SkillId) `ask deploy --target
skill-metadata` updates that skill instead of creating another. A malformed ARN or id, or an
id other than the one already recorded for the profile, is refused before anything is
written. All three are generated and git-ignored, never edited by hand (ask-cli's own fields
in the two JSON files are kept). Not part of the Lambda artifact.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

import ask_cli
import certification
import voice_model

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "skill-package"
ICONS = ROOT / "assets" / "images"


def build_package(function_arn: str | None, skill_id: str | None = None, profile: str = ask_cli.DEFAULT_PROFILE,
                  package: Path | None = None, resources: Path | None = None,
                  states: Path | None = None) -> str | None:
    """Write the package and the ASK CLI files; returns the skill id `ask deploy` will update.

    None means ask-cli would create a new skill. Raises ValueError, before writing anything,
    for an ARN that is not a Lambda function or alias, a malformed skill id or profile, and a
    skill id other than the one recorded for the profile.
    """
    package = package or PACKAGE
    manifest = json.loads((ROOT / "skill.json").read_text(encoding="utf-8"))
    if function_arn is not None:
        if not certification.ARN.fullmatch(function_arn):  # fullmatch: "$" would let a trailing newline through
            raise ValueError(f"FUNCTION_ARN {function_arn!r} is not a Lambda function or alias ARN "
                             "(arn:aws:lambda:REGION:ACCOUNT:function:NAME[:ALIAS]); use the stack's "
                             "SkillFunctionAliasArn output")
        manifest["manifest"]["apis"]["custom"]["endpoint"] = {"uri": function_arn}
    # The ASK CLI files are checked (ask_cli.plan_*) before the package folder is replaced.
    ask_cli.plan_states(skill_id, profile, states)
    ask_cli.plan_resources(profile, False, resources)
    if package.exists():
        shutil.rmtree(package)
    models = package / "interactionModels" / "custom"
    models.mkdir(parents=True)
    for locale in manifest["manifest"]["publishingInformation"]["locales"]:
        shutil.copy(voice_model.model_path(locale), models / f"{locale}.json")
    images = package / "assets" / "images"
    images.mkdir(parents=True)
    for icon in ICONS.glob("*.png"):
        shutil.copy(icon, images / icon.name)
    (package / "skill.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return ask_cli.write_project_files(skill_id, profile, states=states, resources=resources)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--function-arn", default=None, help="the SkillFunctionAliasArn output of the SAM stack")
    parser.add_argument("--skill-id", default=None,
                        help="the skill made in the developer console (the stack's SkillId)")
    parser.add_argument("--profile", default=ask_cli.DEFAULT_PROFILE, help="the ask-cli profile (default: default)")
    args = parser.parse_args(argv)
    profile = args.profile or ask_cli.DEFAULT_PROFILE
    try:
        skill_id = build_package(args.function_arn or None, args.skill_id or None, profile)
    except ValueError as exc:
        print(f"package: {exc}", file=sys.stderr)
        return 2
    endpoint = "filled in" if args.function_arn else "left as the placeholder (give FUNCTION_ARN=...)"
    print(f"wrote {PACKAGE.name}/ and {ask_cli.RESOURCES.name}; endpoint {endpoint}")
    if skill_id is None:
        print(f"package: no skill id for profile {profile!r}: `ask deploy` would create a NEW skill, which the "
              "SAM stack's Lambda permission does not let call the function. Give the console's skill: "
              "make package SKILL_ID=amzn1.ask.skill... FUNCTION_ARN=...", file=sys.stderr)
        return 0
    option = "" if profile == ask_cli.DEFAULT_PROFILE else f" --profile {profile}"
    print(f"`ask deploy --target skill-metadata{option}` will update skill {skill_id} (.ask/{ask_cli.STATES.name})")
    if not args.function_arn:
        print(f"package: without FUNCTION_ARN, `ask deploy` would give skill {skill_id} the placeholder endpoint; "
              "give the stack's SkillFunctionAliasArn output: make package FUNCTION_ARN=...", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
