"""The visit store: SigV4 as botocore signs it, and one time budget against bad endpoints."""

from __future__ import annotations

import json
import socket
import time
from datetime import datetime, UTC

import pytest
from ask_sdk_core.serialize import DefaultSerializer

from bone_mets.visit_store import StoreError, VisitStore, sign
from bad_endpoints import bad_endpoint
from events import load_event

ENV = {"AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
       "AWS_SESSION_TOKEN": "session-token-example", "AWS_REGION": "eu-west-1"}
BUDGET = 0.5
SLACK = 1.0  # generous: the bound is about never waiting for the endpoint, not about speed


def envelope():
    return DefaultSerializer().deserialize(json.dumps(load_event("launch")), "ask_sdk_model.RequestEnvelope")


@pytest.mark.parametrize("token", ["session-token-example", None])
def test_signature_is_the_one_botocore_makes(monkeypatch, token):
    # GIVEN the same request, credentials and clock for botocore's signer and ours
    import botocore.auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    now = datetime(2026, 11, 24, 6, 30, 15, tzinfo=UTC)
    monkeypatch.setattr(botocore.auth, "get_current_datetime", lambda: now.replace(tzinfo=None))
    url = "https://dynamodb.eu-west-1.amazonaws.com/"
    body = b'{"TableName":"t","Key":{"id":{"S":"amzn1.ask.account.X"}}}'
    headers = {"Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "DynamoDB_20120810.GetItem"}
    request = AWSRequest(method="POST", url=url, data=body, headers=dict(headers))
    botocore.auth.SigV4Auth(Credentials(ENV["AWS_ACCESS_KEY_ID"], ENV["AWS_SECRET_ACCESS_KEY"], token),
                            "dynamodb", "eu-west-1").add_auth(request)
    # WHEN we sign
    ours = sign("POST", url, headers, body, access_key=ENV["AWS_ACCESS_KEY_ID"],
                secret_key=ENV["AWS_SECRET_ACCESS_KEY"], token=token, region="eu-west-1", service="dynamodb", now=now)
    # THEN the date, the token and the Authorization header (canonical request and signature) agree
    assert ours["Authorization"] == request.headers["Authorization"]
    assert ours["X-Amz-Date"] == request.headers["X-Amz-Date"]
    assert ours.get("X-Amz-Security-Token") == request.headers.get("X-Amz-Security-Token")


@pytest.mark.parametrize("behaviour", ["stall", "drip"])
def test_a_stalled_or_dripping_endpoint_costs_one_budget_and_no_retry(behaviour):
    with bad_endpoint(behaviour) as (url, connections):
        store = VisitStore("t", endpoint=url, budget_s=BUDGET, environ=ENV)
        request = envelope()
        # WHEN the visit is read, then written, for one request
        start = time.monotonic()
        with pytest.raises(StoreError):
            store.get_attributes(request)
        with pytest.raises(StoreError, match="budget"):
            store.save_attributes(request, {"visits": 1, "last_visit": "2026-11-24T06:30:00+00:00"})
        elapsed = time.monotonic() - start
        # THEN both give up within the one budget, with one attempt, and the write never connects
        assert elapsed < BUDGET + SLACK
        assert len(connections) == 1


def test_a_refusing_endpoint_fails_at_once():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    store = VisitStore("t", endpoint=f"http://127.0.0.1:{port}", budget_s=BUDGET, environ=ENV)
    start = time.monotonic()
    with pytest.raises(StoreError, match="GetItem failed"):
        store.get_attributes(envelope())
    assert time.monotonic() - start < BUDGET + SLACK


def test_each_request_has_its_own_budget():
    with bad_endpoint("stall") as (url, connections):
        store = VisitStore("t", endpoint=url, budget_s=0.2, environ=ENV)
        for _ in range(2):
            with pytest.raises(StoreError):
                store.get_attributes(envelope())
        assert len(connections) == 2  # a new request starts a new budget


def test_only_the_count_and_date_can_be_stored():
    store = VisitStore("t", endpoint="http://127.0.0.1:9", environ=ENV)
    for attributes in ({"visits": 1, "symptom": "pain"}, {"visits": "1"}, {"last_visit": 3}):
        with pytest.raises(StoreError, match="only the visit count"):
            store.save_attributes(envelope(), attributes)


def test_no_credentials_is_a_clear_failure_without_network():
    store = VisitStore("t", endpoint="http://127.0.0.1:9", environ={})
    with pytest.raises(StoreError, match="no AWS credentials"):
        store.get_attributes(envelope())


def test_region_and_endpoint_come_from_the_lambda_environment():
    store = VisitStore("t", environ={"AWS_REGION": "ap-southeast-2"})
    assert store.endpoint == "https://dynamodb.ap-southeast-2.amazonaws.com"


def test_chatty_libraries_stay_at_warning_whatever_the_level(monkeypatch):
    # GIVEN the skill's logging set to DEBUG
    import logging

    from bone_mets.safe_logging import configure
    monkeypatch.setattr(logging.getLogger(), "level", logging.DEBUG)
    configure("DEBUG")
    # THEN the libraries whose debug lines carry keys (user ids) or URLs stay at WARNING
    for name in ("boto3", "botocore", "urllib3"):
        assert logging.getLogger(name).getEffectiveLevel() == logging.WARNING
