"""Runs inside a fresh interpreter for the benchmark: imports a built function and times it.

    python -B probe.py cold FUNCTION_DIR FIXTURES_DIR
    python -B probe.py warm FUNCTION_DIR FIXTURES_DIR N
    python -B probe.py launch FUNCTION_DIR FIXTURES_DIR USER_ID   (import + one LaunchRequest)
    python -B probe.py reading FUNCTION_DIR FIXTURES_DIR   (as cold, then the first free words, timed)
Prints one JSON object.
"""

import json
import logging  # noqa: F401  Lambda's runtime client imports and configures logging before any handler
import resource
import sys
import time
import traceback  # noqa: F401  and traceback: neither is the skill's cost on Lambda

start = time.perf_counter()
mode, function_dir, fixtures = sys.argv[1], sys.argv[2], sys.argv[3]
sys.path.insert(0, function_dir)


def load(name):
    with open(f"{fixtures}/{name}.json") as handle:
        return json.load(handle)


REQUESTS = {"launch": "launch", "topic": "topic_osteoblastic", "urgent": "report_pain", "fallback": "fallback",
            "reading": "question_free_words",  # free words: the reader's model scores them
            "long_speech": "question_long_speech"}  # a 52-word story and question: every rule looks further
events = {kind: load(name) for kind, name in REQUESTS.items()}
loaded = time.perf_counter()

if mode == "launch":  # the deployed welcome: as the first thing a person hears
    events["launch"]["session"]["user"]["userId"] = sys.argv[4]
    events["launch"]["context"]["System"]["user"]["userId"] = sys.argv[4]
    loaded = time.perf_counter()

import lambda_function  # noqa: E402

response = lambda_function.lambda_handler(events["launch"], None)
if mode != "launch":
    lambda_function.lambda_handler(events["topic"], None)
cold = time.perf_counter() - loaded
result = {"cold_s": cold}
if mode == "reading":  # then the first free words: the reader's model loads (before a SnapStart snapshot)
    started = time.perf_counter()
    lambda_function.lambda_handler(events["reading"], None)
    result["first_reading_s"] = time.perf_counter() - started
if mode == "launch":
    result["welcome_back"] = "Welcome back" in str(response)
if mode == "warm":
    n = int(sys.argv[4])
    timings = {}
    for kind, event in events.items():
        samples = []
        for _ in range(n):
            t = time.perf_counter()
            lambda_function.lambda_handler(event, None)
            samples.append(time.perf_counter() - t)
        timings[kind] = samples
    result["warm_s"] = timings
result["max_rss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps(result))
