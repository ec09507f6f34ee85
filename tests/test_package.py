"""`make package`: the ASK CLI v2 skill package, complete and equal to its sources.

The ASK CLI project files it also writes (ask-states.json, ask-resources.json) are tested in
test_ask_cli.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import package as skill_package
import voice_model
from conftest import LOCALES

ROOT = Path(__file__).resolve().parent.parent
ARN = "arn:aws:lambda:us-east-1:123456789012:function:x:live"


def test_the_package_has_the_layout_the_ask_cli_expects(tmp_path):
    # WHEN the package is made for a function alias
    out = tmp_path / "skill-package"
    skill_package.build_package(ARN, package=out, resources=tmp_path / "ask-resources.json",
                                states=tmp_path / ".ask" / "ask-states.json")
    # THEN the manifest carries the endpoint and the icons as file:// URIs present in the package
    manifest = json.loads((out / "skill.json").read_text())["manifest"]
    assert manifest["apis"]["custom"]["endpoint"]["uri"] == ARN
    for entry in manifest["publishingInformation"]["locales"].values():
        for field in ("smallIconUri", "largeIconUri"):
            assert (out / entry[field].removeprefix("file://")).exists()
    # and every locale's model equals the generated one
    for locale in LOCALES:
        packaged = json.loads((out / "interactionModels" / "custom" / f"{locale}.json").read_text())
        assert packaged == voice_model.load_model(voice_model.model_path(locale))
    # and ask-resources.json points the CLI at the package, leaving infrastructure to SAM
    resources = json.loads((tmp_path / "ask-resources.json").read_text())
    assert resources["profiles"]["default"] == {"skillMetadata": {"src": "./skill-package"}}


@pytest.mark.parametrize("arn", ["", "arn:aws:s3:::bucket", "arn:aws:lambda:us-east-1:123:function:x",
                                 "https://example.com/skill", "arn:aws:lambda:us-east-1:123456789012:layer:x"])
def test_an_arn_that_is_not_a_lambda_function_is_refused(tmp_path, arn, capsys):
    with pytest.raises(ValueError, match="not a Lambda function or alias ARN"):
        skill_package.build_package(arn, package=tmp_path / "p", resources=tmp_path / "r.json",
                                    states=tmp_path / "s.json")


def test_the_command_refuses_with_a_clear_message(capsys):
    assert skill_package.main(["--function-arn", "arn:aws:s3:::bucket"]) == 2
    assert "SkillFunctionAliasArn" in capsys.readouterr().err


def test_the_generated_folders_are_not_committed():
    ignored = (ROOT / ".gitignore").read_text().split()
    assert "skill-package/" in ignored and "ask-resources.json" in ignored


def test_the_placeholder_endpoint_names_the_output_to_use():
    # the alias (SnapStart versions), not SkillFunctionArn (unpublished $LATEST)
    uri = json.loads((ROOT / "skill.json").read_text())["manifest"]["apis"]["custom"]["endpoint"]["uri"]
    assert uri.startswith("REPLACE_WITH") and "SkillFunctionAliasArn" in uri
    assert "SkillFunctionAliasArn:" in (ROOT / "template.yaml").read_text()
