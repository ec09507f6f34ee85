"""The ASK CLI project files `make package` and `make debug` write, read as ask-cli reads them.

The expected shapes were read in the sources named beside each one (ask-cli 2.30.7 from npm,
ask-sdk-local-debug 1.1.0 from PyPI, the Alexa Skills Toolkit for VS Code); no test needs the
network or those packages. Two tests also run the real thing when it is installed: ask-cli's
own readers (under node), and ask-sdk-local-debug's handler loader; they skip, saying why,
when it is not.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from cfnlint.decode import decode

import ask_cli
import package as skill_package
from events import load_event

ROOT = Path(__file__).resolve().parent.parent
ARN = "arn:aws:lambda:us-east-1:123456789012:function:bone-mets-SkillFunction-abc:live"
CONSOLE_SKILL = "amzn1.ask.skill.3f1c2a9e-7b44-4d2a-9c1e-5a6b7c8d9e0f"
OTHER_SKILL = "amzn1.ask.skill.0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"

# ask-cli 2.30.7, dist/lib/model/resources-config/ask-states.js and ask-resources.js: the BASE
# content of a new file (the version keys ask-cli writes).
STATES_VERSION = ("askcliStatesVersion", "2020-03-31")
RESOURCES_VERSION = ("askcliResourcesVersion", "2020-03-31")
# dist/lib/model/resources-config/index.js: ask-states.json is <project>/.ask/ask-states.json,
# the project being the folder ask-resources.json is read from (process.cwd()).
STATES_RELATIVE = Path(".ask") / "ask-states.json"
# ask-states.js getSkillId(profile): the id `ask deploy` updates (controllers/skill-metadata-
# controller/index.js deploySkillPackage: with none, it passes the vendor id and CREATES a skill).
SKILL_ID_PATH = ("profiles", "{profile}", "skillId")
# ask-resources.js getSkillMetaSrc(profile); commands/deploy/index.js _initiateManifestModel
# checks fs.existsSync(src) from the project folder and reads <src>/skill.json
# (utils/constants.js FILE_PATH.SKILL_PACKAGE.MANIFEST).
SKILL_META_SRC_PATH = ("profiles", "{profile}", "skillMetadata", "src")
# ask-resources.js getSkillInfraType(profile): with a type, `ask deploy` deploys infrastructure
# itself (commands/deploy/index.js deployResources); the SAM stack does that here.
INFRA_TYPE_PATH = ("profiles", "{profile}", "skillInfrastructure", "type")
# commands/run/index.js _getSkillRunFlow: userConfig is getSkillInfraUserConfig(profile), its
# `runtime` and `handler` are required (commands/run/helper.js getNonHostedSkillInvocationInfo).
USER_CONFIG_PATH = ("profiles", "{profile}", "skillInfrastructure", "userConfig")
# commands/run/helper.js getSkillCodeFolderName: code.<region>.src, else code.default.src;
# `ask run` defaults --region to NA (utils/constants.js ALEXA.REGION.NA).
CODE_SRC_PATH = ("profiles", "{profile}", "code", "{region}", "src")
# utils/constants.js RUNTIME: getNormalisedRuntime maps any runtime containing one of these.
RUNTIMES = ("node", "python", "java")
# ask-sdk-local-debug 1.1.0, ask_sdk_local_debug/util/parser.py: the invoker's options (dest
# and whether required), and config/region.py: the regions it can connect to.
LOCAL_DEBUG_OPTIONS = {"--accessToken": True, "--skillId": True, "--skillFilePath": True,
                       "--skillHandler": True, "--region": False}
LOCAL_DEBUG_REGIONS = {"NA", "EU", "FE"}
# Alexa Skills Toolkit for VS Code (alexa/ask-toolkit-for-vscode), src/askContainer/commands/
# accessToken.ts and skillIdFromWorkspaceCommand.ts: the commands a launch configuration uses
# for the token and for the skill id (read from .ask/ask-states.json for the signed-in profile).
TOOLKIT_TOKEN = "${command:ask.accessToken}"
TOOLKIT_SKILL_ID = "${command:ask.skillIdFromWorkspace}"


def view(content: dict[str, Any], path: tuple[str, ...], **names: str) -> Any:
    """The value at `path` or None: ramda's view(lensPath(path)), which ask-cli's ConfigFile uses."""
    for key in path:
        if not isinstance(content, dict):
            return None
        content = content.get(key.format(**names))
    return content


def read(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder: the package and both ASK CLI files go there, never into the repository."""
    monkeypatch.setattr(skill_package, "PACKAGE", tmp_path / "skill-package")
    monkeypatch.setattr(ask_cli, "RESOURCES", tmp_path / "ask-resources.json")
    monkeypatch.setattr(ask_cli, "STATES", tmp_path / STATES_RELATIVE)
    return tmp_path


def make_package(skill_id: str | None = CONSOLE_SKILL, profile: str = "default", arn: str | None = ARN) -> str | None:
    return skill_package.build_package(arn, skill_id, profile)


# --- make package: ask deploy updates the console's skill ------------------------------------

# "__ENVIRONMENT_ASK_PROFILE__": the profile ask-cli uses when the ASK_* environment variables are
# set (utils/constants.js PLACEHOLDER.ENVIRONMENT_VAR.PROFILE_NAME).
@pytest.mark.parametrize("profile", ["default", "work-account", "__ENVIRONMENT_ASK_PROFILE__"])
def test_make_package_records_the_console_skill_where_ask_deploy_reads_it(project, profile):
    # WHEN `make package SKILL_ID=... FUNCTION_ARN=... PROFILE=...` runs
    assert make_package(profile=profile) == CONSOLE_SKILL
    # THEN ask-states.json gives ask deploy the console's skill for that profile
    states = read(project / STATES_RELATIVE)
    assert states[STATES_VERSION[0]] == STATES_VERSION[1]
    assert view(states, SKILL_ID_PATH, profile=profile) == CONSOLE_SKILL
    # and ask-resources.json points the same profile at a package ask deploy can read
    resources = read(project / "ask-resources.json")
    assert resources[RESOURCES_VERSION[0]] == RESOURCES_VERSION[1]
    src = view(resources, SKILL_META_SRC_PATH, profile=profile)
    manifest = read(project / src / "skill.json")["manifest"]
    assert manifest["apis"]["custom"]["endpoint"]["uri"] == ARN
    # and leaves the function to the SAM stack: no infrastructure for ask-cli to deploy
    assert view(resources, INFRA_TYPE_PATH, profile=profile) is None


def test_the_command_says_which_skill_ask_deploy_will_update(project, capsys):
    assert skill_package.main(["--function-arn", ARN, "--skill-id", CONSOLE_SKILL, "--profile", "work"]) == 0
    out = capsys.readouterr().out
    assert f"ask deploy --target skill-metadata --profile work` will update skill {CONSOLE_SKILL}" in out


def test_without_a_skill_id_the_command_warns_that_a_new_skill_would_be_created(project, capsys):
    # WHEN the package is made without SKILL_ID, and no skill is recorded for the profile
    assert skill_package.main(["--function-arn", ARN]) == 0
    # THEN the developer is told what ask deploy would do, and how to avoid it
    err = capsys.readouterr().err
    assert "would create a NEW skill" in err and "SKILL_ID=" in err
    assert not (project / STATES_RELATIVE).exists()


def test_without_a_skill_id_the_recorded_skill_is_kept(project, capsys):
    make_package()
    assert skill_package.main(["--function-arn", ARN]) == 0
    assert view(read(project / STATES_RELATIVE), SKILL_ID_PATH, profile="default") == CONSOLE_SKILL
    captured = capsys.readouterr()
    assert f"will update skill {CONSOLE_SKILL}" in captured.out and "placeholder endpoint" not in captured.err


def test_a_package_for_a_recorded_skill_without_the_arn_warns_of_the_placeholder_endpoint(project, capsys):
    assert skill_package.main(["--skill-id", CONSOLE_SKILL]) == 0
    assert f"would give skill {CONSOLE_SKILL} the placeholder endpoint" in capsys.readouterr().err


MALFORMED_SKILL_IDS = [
    "amzn1.ask.skill.", "amzn1.ask.skill.123", "amzn1.ask.skill.someone-else",
    CONSOLE_SKILL.removeprefix("amzn1.ask.skill."),  # the UUID alone
    CONSOLE_SKILL + "\n", " " + CONSOLE_SKILL, CONSOLE_SKILL[:-1], CONSOLE_SKILL + "0",
    CONSOLE_SKILL.replace("-", "", 1), "amzn1.echo-sdk-ams.app." + CONSOLE_SKILL[-36:],
    ARN, "amzn1.ask.skill.3f1c2a9e-7b44-4d2a-9c1e-5a6b7c8d9e0g",
]


@pytest.mark.parametrize("skill_id", MALFORMED_SKILL_IDS)
def test_a_malformed_skill_id_is_refused_before_anything_is_written(project, skill_id):
    (project / "skill-package").mkdir()
    (project / "skill-package" / "earlier").write_text("kept")
    with pytest.raises(ValueError, match=r"is not an Alexa skill id .*Copy Skill ID"):
        make_package(skill_id)
    assert (project / "skill-package" / "earlier").read_text() == "kept"
    assert not (project / "ask-resources.json").exists() and not (project / STATES_RELATIVE).exists()


@pytest.mark.parametrize("arn", ["", ARN + "\n", "arn:aws:s3:::bucket", "arn:aws:lambda:us-east-1:123:function:x",
                                 "https://example.com/skill", "arn:aws:lambda:us-east-1:123456789012:layer:x"])
def test_a_malformed_arn_is_still_refused_with_a_valid_skill_id(project, arn):
    with pytest.raises(ValueError, match="not a Lambda function or alias ARN"):
        make_package(CONSOLE_SKILL, arn=arn)
    assert not (project / STATES_RELATIVE).exists()


@pytest.mark.parametrize("profile", ["", "my profile", "../default", "default\n", "prod/eu"])
def test_a_malformed_profile_is_refused(project, profile):
    with pytest.raises(ValueError, match="is not an ask-cli profile name"):
        make_package(profile=profile)
    assert not (project / STATES_RELATIVE).exists()


def test_the_commands_refuse_with_a_clear_message_and_no_traceback(project, capsys):
    assert skill_package.main(["--function-arn", ARN, "--skill-id", "amzn1.ask.skill.123"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("package: SKILL_ID 'amzn1.ask.skill.123' is not an Alexa skill id") and "Traceback" not in err
    assert ask_cli.main(["--skill-id", "12345"]) == 2
    assert capsys.readouterr().err.startswith("debug: SKILL_ID '12345' is not an Alexa skill id")


# --- a second make package: ask-cli's own fields survive, a different skill is refused --------

# What ask-cli writes into ask-states.json after `ask deploy` (ask-states.js setters: skillId,
# deploymentStatus, skillMetadata.lastDeployHash / lastDeployType, code.<region>.lastDeployHash),
# and a second profile.
DEPLOYED_STATES = {
    "askcliStatesVersion": "2020-03-31",
    "profiles": {
        "default": {
            "skillId": CONSOLE_SKILL,
            "skillMetadata": {"lastDeployHash": "kX3+example+hash=", "lastDeployType": "interaction-model"},
            "code": {"NA": {"lastDeployHash": "code+hash="}},
            "deploymentStatus": "COMPLETE",
        },
        "work": {"skillId": OTHER_SKILL, "skillInfrastructure": {"@ask-cli/cfn-deployer": {"deployState": {}}}},
    },
}


def write_states(project: Path, content: dict[str, Any] | str) -> bytes:
    path = project / STATES_RELATIVE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content if isinstance(content, str) else json.dumps(content, indent=2) + "\n")
    return path.read_bytes()


@pytest.mark.parametrize("skill_id", [CONSOLE_SKILL, None])
def test_a_second_make_package_leaves_ask_cli_s_fields_as_they_were(project, skill_id):
    before = write_states(project, DEPLOYED_STATES)
    assert make_package(skill_id) == CONSOLE_SKILL
    assert (project / STATES_RELATIVE).read_bytes() == before


def test_a_new_profile_is_added_beside_the_others(project):
    write_states(project, DEPLOYED_STATES)
    make_package(OTHER_SKILL, profile="staging")
    states = read(project / STATES_RELATIVE)
    assert states["profiles"]["staging"] == {"skillId": OTHER_SKILL}
    assert {k: v for k, v in states["profiles"].items() if k != "staging"} == DEPLOYED_STATES["profiles"]


def test_an_interrupted_deploy_s_fields_are_kept_when_the_id_is_added(project):
    # commands/deploy/index.js writes deploymentStatus IN_PROGRESS before deploying
    write_states(project, {"askcliStatesVersion": "2020-03-31",
                           "profiles": {"default": {"deploymentStatus": "IN_PROGRESS"}}})
    make_package()
    assert read(project / STATES_RELATIVE)["profiles"]["default"] == {"deploymentStatus": "IN_PROGRESS",
                                                                      "skillId": CONSOLE_SKILL}


def test_a_different_skill_id_is_refused_and_the_message_says_how_to_proceed(project):
    before = write_states(project, DEPLOYED_STATES)
    (project / "skill-package").mkdir()
    (project / "skill-package" / "earlier").write_text("kept")
    with pytest.raises(ValueError) as refused:
        make_package(OTHER_SKILL)
    message = str(refused.value)
    assert f"already records skill {CONSOLE_SKILL} for profile 'default', not {OTHER_SKILL}" in message
    assert "ask-states.json" in message and "delete the 'default' entry" in message and "PROFILE=" in message
    # and nothing changed: not the recorded id, not ask-cli's hashes, not the package
    assert (project / STATES_RELATIVE).read_bytes() == before
    assert (project / "skill-package" / "earlier").read_text() == "kept"


def test_after_following_the_advice_the_new_skill_is_recorded(project):
    states = json.loads(json.dumps(DEPLOYED_STATES))
    del states["profiles"]["default"]  # what the refusal says to do
    write_states(project, states)
    assert make_package(OTHER_SKILL) == OTHER_SKILL
    assert view(read(project / STATES_RELATIVE), SKILL_ID_PATH, profile="default") == OTHER_SKILL


@pytest.mark.parametrize("content, field", [
    ("{ not json", "not valid JSON"),
    ("[]", 'object at "profiles"'),
    ('{"profiles": []}', 'object at "profiles"'),
    ('{"profiles": {"default": "x"}}', "profiles.default is not a JSON object"),
    ('{"profiles": {"default": {"skillId": 7}}}', "profiles.default.skillId is not a string"),
])
def test_a_damaged_ask_states_file_is_named_with_its_field(project, content, field, capsys):
    before = write_states(project, content)
    assert skill_package.main(["--function-arn", ARN, "--skill-id", CONSOLE_SKILL]) == 2
    err = capsys.readouterr().err
    assert str(project / STATES_RELATIVE) in err and field in err and "Traceback" not in err
    assert (project / STATES_RELATIVE).read_bytes() == before


def test_ask_resources_keeps_what_else_is_in_it(project):
    existing = {"askcliResourcesVersion": "2020-03-31", "profiles": {
        "default": {"skillMetadata": {"src": "./old"},
                    "skillInfrastructure": {"userConfig": {"awsRegion": "eu-west-1"}}},
        "work": {"skillMetadata": {"src": "./skill-package"}}}}
    (project / "ask-resources.json").write_text(json.dumps(existing))
    make_package()
    resources = read(project / "ask-resources.json")
    assert resources["profiles"]["work"] == existing["profiles"]["work"]
    assert resources["profiles"]["default"] == {"skillMetadata": {"src": "./skill-package"},
                                                "skillInfrastructure": {"userConfig": {"awsRegion": "eu-west-1"}}}


# --- make debug: ask run and VS Code's local debugger ----------------------------------------

@pytest.fixture(scope="module")
def template() -> dict[str, Any]:
    parsed, problems = decode(str(ROOT / "template.yaml"))
    assert not problems
    return parsed


def test_local_debug_names_the_code_and_handler_as_ask_run_reads_them(project, template):
    # WHEN `make debug SKILL_ID=...` writes the project files
    assert ask_cli.write_project_files(CONSOLE_SKILL, "default", local_debug=True) == CONSOLE_SKILL
    resources = read(project / "ask-resources.json")
    # THEN ask run finds the skill id, and the code folder for its default region (NA), by way
    # of code.default.src (commands/run/helper.js getSkillCodeFolderName)
    assert view(read(project / STATES_RELATIVE), SKILL_ID_PATH, profile="default") == CONSOLE_SKILL
    assert view(resources, CODE_SRC_PATH, profile="default", region="NA") is None
    folder = view(resources, CODE_SRC_PATH, profile="default", region="default")
    assert (ROOT / folder).is_dir()  # ask run resolves it from the project folder, the repository
    # and the runtime is one ask-cli runs with Python, the one Lambda runs
    user_config = view(resources, USER_CONFIG_PATH, profile="default")
    assert [name for name in RUNTIMES if name in user_config["runtime"]] == ["python"]
    function = template["Resources"]["SkillFunction"]["Properties"]
    assert user_config["runtime"] == template["Globals"]["Function"]["Runtime"]
    # and the handler is "<file>.<function>", split as helper.js does, the one Lambda calls
    assert user_config["handler"] == function["Handler"]
    *_, file_name, handler_name = user_config["handler"].split(".")
    assert (ROOT / folder / f"{file_name}.py").is_file() and handler_name == "lambda_handler"
    # and still no infrastructure for ask-cli to deploy, and the package is still named
    assert view(resources, INFRA_TYPE_PATH, profile="default") is None
    assert view(resources, SKILL_META_SRC_PATH, profile="default") == "./skill-package"


def test_a_later_make_package_keeps_the_local_debug_fields(project):
    ask_cli.write_project_files(CONSOLE_SKILL, "default", local_debug=True)
    debug = read(project / "ask-resources.json")
    make_package()
    assert read(project / "ask-resources.json") == debug


def test_local_debug_without_a_skill_id_is_refused_before_writing(project, capsys):
    assert ask_cli.main([]) == 2
    assert "ask run needs the skill's id" in capsys.readouterr().err
    assert not (project / "ask-resources.json").exists()


def test_make_debug_prints_the_ask_run_command_for_the_profile(project, monkeypatch, capsys):
    monkeypatch.setattr(ask_cli, "local_debugger_installed", lambda: True)
    assert ask_cli.main(["--skill-id", CONSOLE_SKILL, "--profile", "work"]) == 0
    out = capsys.readouterr().out
    assert 'PATH="$PWD/.venv/bin:$PATH" ask run --profile work' in out and CONSOLE_SKILL in out
    assert "Debug Alexa Skill (Python)" in out


def test_make_debug_says_when_the_local_debugger_is_missing(project, monkeypatch, capsys):
    monkeypatch.setattr(ask_cli, "local_debugger_installed", lambda: False)
    assert ask_cli.main(["--skill-id", CONSOLE_SKILL]) == 2
    assert "ask-sdk-local-debug is not installed" in capsys.readouterr().err


def test_make_debug_installs_the_local_debugger_version_these_shapes_come_from():
    makefile = (ROOT / "Makefile").read_text()
    recipe = re.search(r"^debug:.*\n((?:\t.*\n)+)", makefile, re.M)
    assert recipe and "pip install" in recipe.group(1) and "ask-sdk-local-debug==1.1.0" in recipe.group(1)
    assert "ask-sdk-local-debug" not in (ROOT / "lambda" / "requirements.txt").read_text()


HANDLER_BY_FILE = """
import importlib.util, json, sys
# ask-sdk-local-debug 1.1.0, config/skill_invoker_config.py: the module is loaded from the
# file under the handler's name, and the handler is called with the envelope and None.
spec = importlib.util.spec_from_file_location(sys.argv[2], sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
print(json.dumps(getattr(module, sys.argv[2])(json.loads(sys.stdin.read()), None)))
"""


def test_the_handler_loads_and_answers_as_the_local_debugger_calls_it():
    # The interpreter `ask run` uses is .venv's python3 (docs/deploying.md), as here: its .pth
    # makes bone_mets importable from lambda/.
    env = {k: v for k, v in os.environ.items() if k not in {"SKILL_ID", "VISITS_TABLE", "CONTENT_FILE"}}
    *_, file_name, handler = ask_cli.HANDLER.split(".")
    result = subprocess.run([sys.executable, "-c", HANDLER_BY_FILE, str(ROOT / ask_cli.CODE_SRC / f"{file_name}.py"),
                             handler], input=json.dumps(load_event("launch")), capture_output=True, text=True,
                            env=env, cwd=ROOT, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    speech = json.loads(result.stdout.splitlines()[-1])["response"]["outputSpeech"]["ssml"]
    assert "Welcome to Bone Metastases Guide" in speech


@pytest.fixture(scope="module")
def launch() -> dict[str, Any]:
    configurations = read(ROOT / ".vscode" / "launch.json")["configurations"]
    (configuration,) = [c for c in configurations if c["name"] == "Debug Alexa Skill (Python)"]
    return configuration


def launch_args(configuration: dict[str, Any]) -> list[str]:
    return [arg.replace("${workspaceFolder}", str(ROOT)) for arg in configuration["args"]]


def local_debug_parser() -> argparse.ArgumentParser:
    """ask_sdk_local_debug/util/parser.py's options (1.1.0), recorded in LOCAL_DEBUG_OPTIONS."""
    parser = argparse.ArgumentParser(exit_on_error=False)
    for option, required in LOCAL_DEBUG_OPTIONS.items():
        parser.add_argument(option, required=required)
    return parser


def test_the_vs_code_launch_configuration_runs_the_local_debugger_on_the_handler(launch):
    # the debugger's own module, in .venv's Python (where make debug installs it, and whose .pth
    # makes bone_mets importable), as python-run.js runs <site-packages>/LOCAL_DEBUGGER
    assert launch["type"] == "debugpy" and launch["request"] == "launch"
    assert launch["module"] == ".".join(ask_cli.LOCAL_DEBUGGER.with_suffix("").parts)
    assert launch["python"] == "${workspaceFolder}/.venv/bin/python"
    # the arguments are the ones the invoker accepts, every required one given
    args = vars(local_debug_parser().parse_args(launch_args(launch)))
    # the skill id and token come from the toolkit (ask-states.json, the signed-in profile)
    assert args["skillId"] == TOOLKIT_SKILL_ID and args["accessToken"] == TOOLKIT_TOKEN
    # the handler is the one ask-resources.json and template.yaml name, in the file they name
    file_name, handler = ask_cli.HANDLER.split(".")
    assert Path(args["skillFilePath"]) == ROOT / ask_cli.CODE_SRC / f"{file_name}.py"
    assert Path(args["skillFilePath"]).is_file() and args["skillHandler"] == handler
    assert args["region"] in LOCAL_DEBUG_REGIONS


def test_the_launch_configuration_is_committed_and_the_generated_files_are_not():
    ignored = (ROOT / ".gitignore").read_text().split()
    assert {".ask/", "ask-resources.json", "skill-package/"} <= set(ignored)
    assert ".vscode/*" in ignored and "!.vscode/launch.json" in ignored


# --- the real packages, when installed --------------------------------------------------------

def test_ask_sdk_local_debug_loads_the_handler_from_the_launch_configuration(launch):
    invoker = pytest.importorskip("ask_sdk_local_debug.config.skill_invoker_config",
                                  reason="ask-sdk-local-debug is not installed (`make debug` puts it in .venv)")
    from ask_sdk_local_debug.util.parser import argument_parser
    args = argument_parser(launch_args(launch))
    config = invoker.SkillInvokerConfiguration(args.skill_file_path, args.skill_handler)
    response = config.skill_builder_func(load_event("launch"), None)
    assert "Welcome to Bone Metastases Guide" in response["response"]["outputSpeech"]["ssml"]


# Reads a project folder (the working directory) with ask-cli's own classes and prints what
# `ask deploy` and `ask run` would use for a profile.
ASK_CLI_PROBE = """
const path = require("path");
const [root, profile] = process.argv.slice(-2);
const lib = (p) => require(path.join(root, "dist", "lib", p));
const CONSTANTS = lib("utils/constants");
const ResourcesConfig = lib("model/resources-config");
const Manifest = lib("model/manifest");
const run = lib("commands/run/helper");
const config = new ResourcesConfig(path.join(process.cwd(), CONSTANTS.FILE_PATH.ASK_RESOURCES_JSON_CONFIG));
const src = config.getSkillMetaSrc(profile);
const manifest = new Manifest(path.join(src, CONSTANTS.FILE_PATH.SKILL_PACKAGE.MANIFEST));
const userConfig = config.getSkillInfraUserConfig(profile);
const runtime = run.getNormalisedRuntime(userConfig.runtime);
const folder = run.getSkillCodeFolderName(profile, CONSTANTS.ALEXA.REGION.NA);
console.log(JSON.stringify({skillId: config.getSkillId(profile), src,
  infraType: config.getSkillInfraType(profile) || null, endpoint: manifest.getApis().custom.endpoint.uri,
  run: {runtime, ...run.getNonHostedSkillInvocationInfo(runtime, userConfig.handler, folder)}}));
"""


def ask_cli_package() -> Path | None:
    """The installed ask-cli package folder: ASK_CLI_DIR, or the one the `ask` command belongs to."""
    candidates = [Path(os.environ["ASK_CLI_DIR"])] if os.environ.get("ASK_CLI_DIR") else []
    if ask := shutil.which("ask"):
        candidates += Path(ask).resolve().parents
    for folder in candidates:
        manifest = folder / "package.json"
        if manifest.is_file() and json.loads(manifest.read_text()).get("name") == "ask-cli":
            return folder
    return None


def test_ask_cli_itself_reads_the_skill_id_package_and_handler(project):
    root = ask_cli_package()
    if root is None or shutil.which("node") is None:
        pytest.skip("ask-cli (npm) is not installed: `npm install -g ask-cli`, "
                    "or set ASK_CLI_DIR to its package folder")
    make_package(profile="work")
    ask_cli.write_project_files(None, "work", local_debug=True)
    (project / "lambda").symlink_to(ROOT / "lambda")  # ask run resolves ./lambda from the project folder
    result = subprocess.run(["node", "-e", ASK_CLI_PROBE, str(root), "work"], cwd=project,
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "skillId": CONSOLE_SKILL, "src": "./skill-package", "infraType": None, "endpoint": ARN,
        "run": {"runtime": "python", "handlerName": "lambda_handler", "skillFileName": "lambda_function",
                "skillCodeFolderName": "./lambda"}}
