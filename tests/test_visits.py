"""Returning users, against a real DynamoDB API (moto's server on loopback), including failure."""

from __future__ import annotations

import logging

import boto3
import pytest

from bone_mets.config import Config
from bone_mets.skill import build_skill
from bad_endpoints import bad_endpoint
from conftest import CONTENT_FILE, free_loopback_port
from events import load_event, sentences, spoken

TABLE = "bone-mets-visits"


@pytest.fixture(scope="module")
def aws_env():
    """Credentials and region for boto3 that can only ever reach loopback servers."""
    patch = pytest.MonkeyPatch()
    for key, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                       "AWS_SESSION_TOKEN": "testing", "AWS_DEFAULT_REGION": "us-east-1",
                       "AWS_EC2_METADATA_DISABLED": "true"}.items():
        patch.setenv(key, value)
    yield
    patch.undo()


@pytest.fixture(scope="module")
def dynamodb(aws_env):
    """moto's DynamoDB server on 127.0.0.1, started and stopped here."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def table(dynamodb):
    resource = boto3.resource("dynamodb", endpoint_url=dynamodb)
    created = resource.create_table(
        TableName=TABLE, KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}], BillingMode="PAY_PER_REQUEST")
    created.wait_until_exists()
    yield created
    created.delete()


def skill_with(endpoint: str, table_name: str = TABLE, budget: float = 1.0):
    return build_skill(Config(content_path=CONTENT_FILE, visits_table=table_name,
                              dynamodb_endpoint=endpoint, dynamodb_budget=budget))


def test_first_visit_is_counted_with_the_full_welcome(dynamodb, table):
    # GIVEN a user who has never opened the skill
    skill = skill_with(dynamodb)
    # WHEN they open it
    said = spoken(skill.handle_event(load_event("launch"), None))
    # THEN they hear the full welcome, and one visit is stored, with its date and nothing else
    assert said.startswith("Welcome to Bone Metastases Guide.") and "911" in said
    items = table.scan()["Items"]
    assert len(items) == 1
    assert set(items[0]) == {"id", "attributes"}
    assert set(items[0]["attributes"]) == {"visits", "last_visit"}
    assert items[0]["attributes"]["visits"] == 1


def test_returning_user_hears_a_shorter_welcome_with_the_disclaimer(dynamodb, table):
    # GIVEN a user who opened the skill before
    skill = skill_with(dynamodb)
    first = spoken(skill.handle_event(load_event("launch"), None))
    # WHEN they open it again
    again = spoken(skill.handle_event(load_event("launch"), None))
    # THEN the welcome is shorter but keeps the disclaimer
    assert again.startswith("Welcome back")
    assert "not medical advice" in again
    assert len(again) < len(first)
    assert table.scan()["Items"][0]["attributes"]["visits"] == 2


def test_nothing_about_health_is_stored(dynamodb, table):
    # GIVEN a session in which the person reports a symptom and asks about topics
    skill = skill_with(dynamodb)
    skill.handle_event(load_event("launch"), None)
    for name in ("report_pain", "topic_osteoblastic", "cancer_lung", "more", "stop"):
        skill.handle_event(load_event(name), None)
    # THEN the table holds only the visit count and date
    item = table.scan()["Items"][0]
    assert set(item["attributes"]) == {"visits", "last_visit"}
    assert "pain" not in str(item) and "osteoblastic" not in str(item)


def test_missing_table_still_answers_and_logs(dynamodb, caplog):
    skill = skill_with(dynamodb, table_name="no-such-table")
    with caplog.at_level(logging.WARNING):
        said = spoken(skill.handle_event(load_event("launch"), None))
    assert said.startswith("Welcome to Bone Metastases Guide.")
    assert "visit count unavailable" in caplog.text



def test_endpoint_down_still_answers_and_logs(aws_env, caplog):
    skill = skill_with(f"http://127.0.0.1:{free_loopback_port()}")
    with caplog.at_level(logging.WARNING):
        said = spoken(skill.handle_event(load_event("launch"), None))
    assert said.startswith("Welcome to Bone Metastases Guide.")
    assert "visit count unavailable" in caplog.text


def test_slow_endpoint_times_out_and_still_answers(aws_env, caplog):
    # GIVEN a loopback server that accepts connections and never replies
    with bad_endpoint("stall") as (url, accepted):
        skill = skill_with(url, budget=0.3)
        with caplog.at_level(logging.WARNING):
            said = spoken(skill.handle_event(load_event("launch"), None))
    # THEN the read times out and the welcome is still given
    assert said.startswith("Welcome to Bone Metastases Guide.")
    assert "visit count unavailable" in caplog.text
    assert accepted  # the request really reached the slow server


def test_without_a_table_the_welcome_is_the_full_one():
    skill = build_skill(Config(content_path=CONTENT_FILE))
    said = spoken(skill.handle_event(load_event("launch"), None))
    assert sentences(said)[0] == "Welcome to Bone Metastases Guide."
