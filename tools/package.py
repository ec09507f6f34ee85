"""`make package [FUNCTION_ARN=...]`: the ASK CLI v2 skill package, generated from its sources.

    skill-package/skill.json                           from skill.json (the one manifest source)
    skill-package/interactionModels/custom/<locale>.json   the generated models, as committed
    skill-package/assets/images/icon-108.png, icon-512.png  from tools/icons.py
    ask-resources.json                                 skill metadata only: the endpoint is the SAM stack's

With FUNCTION_ARN (the stack's SkillFunctionAliasArn output) the manifest's endpoint is
filled in; an ARN that does not look like a Lambda function or alias is refused. Then
`ask deploy --target skill-metadata`. The folder is generated and git-ignored, never edited
by hand. Not part of the Lambda artifact.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

import certification
import voice_model

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "skill-package"
RESOURCES = ROOT / "ask-resources.json"
ICONS = ROOT / "assets" / "images"


def build_package(function_arn: str | None, package: Path = PACKAGE, resources: Path = RESOURCES) -> Path:
    """Write the package; raises ValueError for an ARN that is not a Lambda function or alias."""
    manifest = json.loads((ROOT / "skill.json").read_text(encoding="utf-8"))
    if function_arn is not None:
        if not certification.ARN.match(function_arn):
            raise ValueError(f"FUNCTION_ARN {function_arn!r} is not a Lambda function or alias ARN "
                             "(arn:aws:lambda:REGION:ACCOUNT:function:NAME[:ALIAS]); use the stack's "
                             "SkillFunctionAliasArn output")
        manifest["manifest"]["apis"]["custom"]["endpoint"] = {"uri": function_arn}
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
    resources.write_text(json.dumps({
        "askcliResourcesVersion": "2020-03-31",
        "profiles": {"default": {"skillMetadata": {"src": f"./{package.name}"}}},
    }, indent=2) + "\n", encoding="utf-8")
    return package


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--function-arn", default=None, help="the SkillFunctionAliasArn output of the SAM stack")
    args = parser.parse_args(argv)
    try:
        package = build_package(args.function_arn or None)
    except ValueError as exc:
        print(f"package: {exc}", file=sys.stderr)
        return 2
    endpoint = "filled in" if args.function_arn else "left as the placeholder (give FUNCTION_ARN=...)"
    print(f"wrote {package.relative_to(ROOT)}/ and {RESOURCES.name}; endpoint {endpoint}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
