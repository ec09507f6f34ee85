# The two commands a newcomer needs:  make chat  (talk to the skill)  and  make test.
# Every target sets up what it needs itself, starting with .venv.

PYTHON ?= python3.13
VENV := .venv
PY := $(VENV)/bin/python
SAM_VENV := .venv-sam
SAM := $(SAM_VENV)/bin/sam
STAMP := $(VENV)/.installed
CHAT_STAMP := $(VENV)/.chat-installed

export SAM_CLI_TELEMETRY := 0
export PYTHONWARNINGS := ignore::SyntaxWarning:ask_sdk_model

.PHONY: help chat serve test lint models reader reader-eval build bench fuzz load clean nlu-check review package \
	debug icons conversations rounds bst-export bst-test

help:
	@echo "make chat    talk to the skill in this terminal (offline)"
	@echo "make test    run every check: tests, code and template lint, model drift"
	@echo "make serve   run the skill as a web service on 127.0.0.1:5000"
	@echo "make models  regenerate interaction_model/*.json from their sources"
	@echo "make reader  train the reader's model on corpus/ (lambda/bone_mets/meaning_model.bin)"
	@echo "make reader-eval  grouped cross-validation of the reader, by writing round"
	@echo "make build   sam build: the Lambda artifact in .aws-sam/build"
	@echo "make bench   latency, cold start and memory benchmark (build/bench/; RECORD=1: bench/results/)"
	@echo "make fuzz    the long fuzz run (10,000+ generated requests)"
	@echo "make load    load test of the web service on loopback"
	@echo "make review  the content review page for the clinician (review/content-review.html)"
	@echo "make package SKILL_ID=... FUNCTION_ARN=... [PROFILE=...]  the ASK CLI skill package and project files"
	@echo "make debug SKILL_ID=... [PROFILE=...]  optional: answer the Alexa simulator from here (ask run, VS Code)"
	@echo "make icons   redraw the store icons (assets/images/)"
	@echo "make nlu-check SKILL_ID=...  tests/phrasings.txt through real Alexa's NLU (ASK CLI)"
	@echo "make conversations [CASES=file.json]  the conversation sets through virtual-alexa (npm)"
	@echo "make rounds  re-score the held-out rounds (tests/rounds/; their first-seen scores are in the README)"
	@echo "make bst-export [CASES=...]  the conversation sets as Bespoken bst test YAML (build/bst/)"
	@echo "make bst-test [CASES=...] [ARGS=--sample N]  export, then bst test against lambda_handler"

define NO_PYTHON
make: $(PYTHON) was not found. This project runs on Python 3.13 (the skill's Lambda runtime).
Get it, then run make again:
  with pyenv (.python-version here selects it):  pyenv install 3.13
  on Debian 13, Ubuntu 25.04 and later:          sudo apt-get install python3.13 python3.13-venv
  or name one you already have:                  make $(or $(MAKECMDGOALS),chat) PYTHON=/path/to/python3.13
endef
export NO_PYTHON

# make chat's first run installs only what the simulator imports (requirements-chat.txt),
# showing pip's progress, so a fresh clone talks within seconds; the rest of the development
# stack comes with the first target that needs it ($(STAMP)).
$(CHAT_STAMP): requirements-chat.txt lambda/requirements.txt
	@test -x $(PY) || $(PYTHON) -c '' 2>/dev/null || { echo "$$NO_PYTHON" >&2; exit 1; }
	@echo "Setting up $(VENV) for make chat (the first time, and when requirements change): the skill's own requirements..." >&2
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install --disable-pip-version-check -r requirements-chat.txt >&2
	@# The one way lambda/ (what ships), webservice/ and tools/ reach every script, test and server
	@# run with .venv: a .pth file naming them, instead of a sys.path line in each file.
	@$(PY) -c 'import os, sysconfig; open(os.path.join(sysconfig.get_path("purelib"), "bone_mets_project.pth"), "w").write("".join(os.path.abspath(d) + "\n" for d in ("lambda", "webservice", "tools")))'
	@touch $@

$(STAMP): $(CHAT_STAMP) requirements-dev.txt lambda/requirements.txt
	@echo "Installing the development stack into $(VENV) (the first time, and when requirements change: a minute or two)..." >&2
	@$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip >&2
	@$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt >&2
	@touch $@

# A separate environment: aws-sam-cli pins Flask and requests versions of its own.
$(SAM_VENV)/.installed: requirements-sam.txt
	@test -x $(SAM_VENV)/bin/python || { $(PYTHON) -c '' 2>/dev/null || { echo "$$NO_PYTHON" >&2; exit 1; }; $(PYTHON) -m venv $(SAM_VENV); }
	@$(SAM_VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-sam.txt >&2
	@touch $@

chat: $(CHAT_STAMP)
	@$(PY) tools/simulator.py $(ARGS)

serve: $(STAMP)
	@$(PY) webservice/web_service.py $(ARGS)

# The reader's model: trained on corpus/*.txt with scikit-learn (a development dependency only).
reader: $(STAMP)
	$(PY) tools/reader_train.py

reader-eval: $(STAMP)
	$(PY) tools/reader_train.py --eval $(ARGS)

models: $(STAMP)
	$(PY) tools/voice_model.py

lint: $(STAMP) $(SAM_VENV)/.installed
	$(VENV)/bin/ruff check lambda tools webservice tests bench
	$(PY) tools/voice_model.py --check
	$(PY) tools/reader_train.py --check
	$(VENV)/bin/cfn-lint template.yaml
	$(SAM) validate --lint --template-file template.yaml

test: $(STAMP) lint
	$(PY) -m pytest

build: $(SAM_VENV)/.installed
	$(SAM) build --build-in-source --template-file template.yaml

# Called by `sam build` (BuildMethod: makefile) with ARTIFACTS_DIR set: the code, the
# content file, the pinned runtime requirements for arm64 (template.yaml's architecture),
# and bytecode compiled for python3.13 with unchecked hashes, so a cold start on Lambda's
# read-only disk compiles nothing.
build-SkillFunction:
	cp -r lambda/lambda_function.py lambda/bone_mets "$(ARTIFACTS_DIR)/"
	mkdir -p "$(ARTIFACTS_DIR)/content"
	cp content/bone_metastases.toml "$(ARTIFACTS_DIR)/content/"
	PYTHONPATH=lambda $(PYTHON) -c 'import sys; from bone_mets.content import compile_content; compile_content(*sys.argv[1:])' \
		content/bone_metastases.toml "$(ARTIFACTS_DIR)/content/bone_metastases.json"
	$(PYTHON) -m pip install --quiet --disable-pip-version-check --no-deps --no-compile \
		--platform manylinux2014_aarch64 --implementation cp --python-version 3.13 --only-binary=:all: \
		--target "$(ARTIFACTS_DIR)" -r lambda/requirements.txt
	rm -rf "$(ARTIFACTS_DIR)"/bin
	find "$(ARTIFACTS_DIR)" -name __pycache__ -prune -exec rm -rf {} +
	$(PYTHON) -W ignore::SyntaxWarning -m compileall -q -j 0 --invalidation-mode unchecked-hash "$(ARTIFACTS_DIR)"

# Results go to build/bench/ (ignored by git); RECORD=1 writes the committed bench/results/latest.json.
bench: $(STAMP) build
	$(PY) bench/benchmark.py $(if $(filter-out 0,$(RECORD)),--record) $(ARGS)

fuzz: $(STAMP)
	FUZZ_EXAMPLES=10000 $(PY) -m pytest -m fuzz --hypothesis-show-statistics tests/test_fuzz.py

load: $(STAMP)
	$(PY) bench/load.py $(ARGS)

review: $(STAMP)
	$(PY) tools/review.py

package: $(STAMP)
	$(PY) tools/package.py --function-arn "$(FUNCTION_ARN)" --skill-id "$(SKILL_ID)" --profile "$(or $(PROFILE),default)"

# Optional local debugging: ask-sdk-local-debug goes into .venv only here, never into what ships.
debug: $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check ask-sdk-local-debug==1.1.0
	$(PY) tools/ask_cli.py --skill-id "$(SKILL_ID)" --profile "$(or $(PROFILE),default)"

icons: $(STAMP)
	$(PY) tools/icons.py

# For a deployed skill: needs the ASK CLI (npm install -g ask-cli) and `ask configure`.
nlu-check: $(STAMP)
	$(PY) tools/nlu_profile.py --skill-id "$(SKILL_ID)" --locale "$(or $(LOCALE),en-US)" $(ARGS)

# The project's conversation sets (tools/conversations/; docs/checks.md). CASES: other case files.
CONVERSATIONS := tests/conversations.json tests/conversations_natural.json tests/conversations_safety.json \
	tests/conversations_issues.json

# The held-out rounds (tests/rounds/): each was scored once, as unseen, before it joined the
# corpus (README); since then it is trained on, so this re-scores it, for the record only.
rounds: $(STAMP)
	-@$(PY) tools/conversations/run.py --model interaction_model/en-US.json tests/rounds/*.json $(ARGS)

conversations: $(STAMP)
	@$(PY) tools/conversations/run.py $(or $(CASES),$(CONVERSATIONS)) $(ARGS)

bst-export: $(STAMP)
	@$(PY) tools/bst_export.py $(CASES) $(ARGS)

bst-test: $(STAMP)
	@$(PY) tools/bst_export.py --run $(CASES) $(ARGS)

clean:
	rm -rf $(VENV) $(SAM_VENV) .aws-sam .pytest_cache .hypothesis build skill-package ask-resources.json review
	find . -name __pycache__ -prune -exec rm -rf {} +
