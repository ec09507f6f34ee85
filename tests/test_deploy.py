"""Deployment: the SAM template, the built artifact, and the skill manifest."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from cfnlint.decode import decode

import voice_model
from utterance_matcher import UtteranceMatcher
from conftest import LOCALES

ROOT = Path(__file__).resolve().parent.parent
NUMBERS = {"en-US": "911", "en-CA": "911", "en-GB": "999", "en-AU": "000", "en-IN": "112"}
LAUNCH_WORDS = ("open", "ask", "launch", "start", "tell", "talk to", "load", "begin")


@pytest.fixture(scope="module")
def template():
    parsed, problems = decode(str(ROOT / "template.yaml"))
    assert not problems
    return parsed


@pytest.fixture(scope="module")
def manifest():
    return json.loads((ROOT / "skill.json").read_text())["manifest"]


def test_function_runtime_handler_timeout_and_skill_id(template):
    function = template["Resources"]["SkillFunction"]
    globals_ = template["Globals"]["Function"]
    props = {**globals_, **function["Properties"]}
    assert props["Runtime"] == "python3.13"
    assert props["Handler"] == "lambda_function.lambda_handler"
    assert props["Timeout"] <= 5  # well under Alexa's 8 seconds
    assert function["Metadata"]["BuildMethod"] == "makefile"
    event = props["Events"]["AlexaSkill"]
    assert event["Type"] == "AlexaSkill" and event["Properties"]["SkillId"] == {"Ref": "SkillId"}
    assert props["Environment"]["Variables"]["SKILL_ID"] == {"Ref": "SkillId"}
    assert props["Environment"]["Variables"]["VISITS_TABLE"] == {"Ref": "VisitsTable"}


def test_snapstart_on_published_versions_behind_an_alias_on_arm64(template):
    # GIVEN the function as deployed THEN it runs on Graviton, SnapStart snapshots each
    # published version, and the alias Alexa calls is the output the console needs
    function = template["Resources"]["SkillFunction"]["Properties"]
    assert template["Globals"]["Function"]["Architectures"] == ["arm64"]
    assert function["SnapStart"] == {"ApplyOn": "PublishedVersions"}
    assert function["AutoPublishAlias"] == "live"
    assert template["Outputs"]["SkillFunctionAliasArn"]["Value"] == {"Ref": "SkillFunction.Alias"}
    # and the Makefile builds the bundle for that architecture
    assert "--platform manylinux2014_aarch64" in (ROOT / "Makefile").read_text()


def test_the_before_snapshot_hook_warms_the_skill(monkeypatch):
    # GIVEN the runtime's snapshot_restore_py module, as the python3.13 runtime provides it
    import types
    registered = []
    fake = types.ModuleType("snapshot_restore_py")
    fake.register_before_snapshot = registered.append
    monkeypatch.setitem(sys.modules, "snapshot_restore_py", fake)
    monkeypatch.delitem(sys.modules, "lambda_function", raising=False)
    # WHEN the entry point is imported
    import lambda_function
    # THEN it registered the skill's warm-up, which builds the reader's tables before the snapshot
    assert registered == [lambda_function.SKILL.warm]
    assert "topics" not in vars(lambda_function.SKILL.reader)
    registered[0]()
    assert "topics" in vars(lambda_function.SKILL.reader) and "lists" in vars(lambda_function.SKILL.reader)


def test_table_is_on_demand_and_the_policy_reaches_only_it(template):
    table = template["Resources"]["VisitsTable"]
    assert table["Type"] == "AWS::DynamoDB::Table"
    assert table["Properties"]["BillingMode"] == "PAY_PER_REQUEST"
    statements = [s for p in template["Resources"]["SkillFunction"]["Properties"]["Policies"]
                  for s in p["Statement"]]
    for statement in statements:
        assert statement["Resource"] == {"Fn::GetAtt": ["VisitsTable", "Arn"]}
        assert set(statement["Action"]) <= {"dynamodb:GetItem", "dynamodb:PutItem"}


def test_log_group_has_retention_and_the_arn_is_output(template):
    group = template["Resources"]["SkillLogGroup"]
    assert group["Properties"]["RetentionInDays"] == {"Ref": "LogRetentionInDays"}
    assert template["Resources"]["SkillFunction"]["Properties"]["LoggingConfig"]["LogGroup"] == {"Ref": "SkillLogGroup"}
    assert template["Outputs"]["SkillFunctionArn"]["Value"] == {"Fn::GetAtt": ["SkillFunction", "Arn"]}
    assert "SkillFunctionAliasArn" in template["Outputs"]


def test_manifest_covers_every_locale_with_disclaimer_and_privacy(manifest):
    info = manifest["publishingInformation"]
    assert set(info["locales"]) == set(LOCALES)
    assert sorted(info["distributionCountries"]) == ["AU", "CA", "GB", "IN", "US"]
    assert info["category"] == "HEALTH_AND_FITNESS"
    for locale, entry in info["locales"].items():
        assert entry["name"] and entry["summary"] and len(entry["summary"]) <= 160
        assert "not a substitute for professional medical advice" in entry["description"]
        assert NUMBERS[locale] in entry["description"]
        assert 1 <= len(entry["examplePhrases"]) <= 3
    privacy = manifest["privacyAndCompliance"]
    assert privacy["containsAds"] is False and privacy["allowsPurchases"] is False
    assert privacy["isChildDirected"] is False and privacy["usesPersonalInfo"] is False


@pytest.mark.parametrize("locale", LOCALES)
def test_example_phrases_are_accepted_by_the_model(manifest, locale):
    model = voice_model.load_model(voice_model.model_path(locale))
    invocation = model["interactionModel"]["languageModel"]["invocationName"]
    matcher = UtteranceMatcher(model)
    for phrase in manifest["publishingInformation"]["locales"][locale]["examplePhrases"]:
        # "Alexa, <launch word> <invocation name> [utterance]"
        found = re.fullmatch(rf"Alexa, ({'|'.join(LAUNCH_WORDS)}) {re.escape(invocation)}(?: (.+))?", phrase)
        assert found, f"{phrase!r} does not invoke {invocation!r}"
        utterance = found.group(2)
        if utterance:
            match = matcher.match(utterance)
            assert match.intent != "AMAZON.FallbackIntent", phrase
            assert all(s.value_id for s in match.slots), phrase


def _make_artifact(target: Path) -> None:
    subprocess.run(["make", "-s", "build-SkillFunction", f"ARTIFACTS_DIR={target}"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)


def _read_only(path: Path) -> None:
    for child in [path, *path.rglob("*")]:
        mode = child.stat().st_mode
        child.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def _writable(path: Path) -> None:
    for child in [path, *path.rglob("*")]:
        child.chmod(child.stat().st_mode | stat.S_IWUSR)


@pytest.mark.slow
def test_built_artifact_answers_from_a_read_only_folder_without_compiling(tmp_path):
    # GIVEN the artifact as `sam build` makes it (the Makefile target it calls), made read-only
    artifact = tmp_path / "SkillFunction"
    artifact.mkdir()
    _make_artifact(artifact)
    assert (artifact / "content" / "bone_metastases.toml").exists()
    assert not (artifact / "boto3").exists() and not (artifact / "botocore").exists()  # not used at all
    # only what ships: the entry point and the skill package, none of the tools or the web service
    ours = {path.name for path in artifact.iterdir() if path.name in {"lambda_function.py", "bone_mets", "content"}}
    assert ours == {"lambda_function.py", "bone_mets", "content"}
    for other in ("web_service.py", "request_verification.py", "webservice_compat.py", "gunicorn_conf.py",
                  "simulator.py", "utterance_matcher.py", "voice_model.py", "nlu_profile.py", "review.py"):
        assert not list(artifact.rglob(other)), other
    # every bundled package is pure Python or built for arm64 (template.yaml's architecture)
    wheels = {path.parent.name: path.read_text() for path in artifact.glob("*.dist-info/WHEEL")}
    assert len(wheels) >= 8
    for name, text in wheels.items():
        tags = re.findall(r"^Tag: (\S+)$", text, re.M)
        assert tags and all(tag.endswith("-none-any") or "aarch64" in tag for tag in tags), (name, tags)
    for library in artifact.rglob("*.so"):
        assert library.read_bytes()[18:20] == b"\xb7\x00", library  # ELF e_machine: AArch64
    _read_only(artifact)
    try:
        # WHEN a fresh interpreter, writing no bytecode as on Lambda, imports it and answers a launch
        script = (
            "import importlib.util, json, sys\n"
            "import lambda_function\n"
            "event = json.load(open(sys.argv[1]))\n"
            "said = lambda_function.lambda_handler(event, None)['response']['outputSpeech']['ssml']\n"
            "here = sys.argv[2]\n"
            "ours = [m for m in sys.modules.values() if getattr(m, '__file__', None) and m.__file__.startswith(here)]\n"
            "missing = [m.__name__ for m in ours if m.__file__.endswith('.py') and not __import__('os').path.exists(\n"
            "    importlib.util.cache_from_source(m.__file__))]\n"
            "print(json.dumps({'said': said, 'modules': len(ours), 'missing': missing}))\n")
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
        result = subprocess.run([sys.executable, "-B", "-c", script, str(ROOT / "tests" / "fixtures" / "launch.json"),
                                 str(artifact)], cwd=artifact, env={**env, "PYTHONPATH": str(artifact)},
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        report = json.loads(result.stdout)
        # THEN it answers, and every module it imported from the artifact had bytecode ready
        assert "Welcome to Bone Metastases Guide" in report["said"]
        assert report["modules"] > 50 and report["missing"] == []
        assert not list(artifact.rglob("*.pyc.*"))
    finally:
        _writable(artifact)
        shutil.rmtree(artifact)
