"""Health and metrics without a process: the endpoints on a fake check, the check on fake parts,
the operation label of the latency histogram, the authentication counter."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Sequence
from typing import Any

import httpx
import pytest
from graphql import parse
from prometheus_client import REGISTRY

from gateway.health import respond
from gateway.operations import operation_label
from gateway.schema import schema
from kernel.cloudevents import RawRecord
from kernel.deadletters import DeadLetter, letter
from kernel.metrics import authentication_failed
from keten.health import LagBounds, PipelineHealth, Watched
from keten.roles.monitoring import monitoring_app


class Problems:
    def __init__(self, *found: str) -> None:
        self.found = list(found)

    async def problems(self) -> Sequence[str]:
        return self.found


async def get(app: Any, path: str) -> httpx.Response:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://keten") as client:
        return await client.get(path)


async def test_alive_answers_without_checking_anything() -> None:
    answer = await get(monitoring_app(Problems("broker: away")), "/healthz")

    assert (answer.status_code, answer.json()) == (200, {"status": "alive"})


async def test_not_ready_is_503_naming_every_problem() -> None:
    answer = await get(
        monitoring_app(Problems("relay cases: 1 parked", "consumer matches: 2 dead")), "/readyz"
    )

    assert answer.status_code == 503
    assert answer.json() == {
        "status": "not ready",
        "problems": ["relay cases: 1 parked", "consumer matches: 2 dead"],
    }


async def test_ready_is_200() -> None:
    answer = await get(monitoring_app(Problems()), "/readyz")

    assert (answer.status_code, answer.json()) == (200, {"status": "ready"})


async def test_metrics_are_prometheus_text() -> None:
    answer = await get(monitoring_app(Problems()), "/metrics")

    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/plain")
    assert "# TYPE keten_graphql_request_seconds histogram" in answer.text


async def test_another_path_is_a_json_404() -> None:
    answer = await get(monitoring_app(Problems()), "/graphql")

    assert answer.status_code == 404 and "error" in answer.json()


async def test_respond_sends_json_with_its_length() -> None:
    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await respond(send, 200, {"status": "ready"})

    assert dict(sent[0]["headers"])[b"content-length"] == str(len(sent[1]["body"])).encode()


class FakeHandler:
    def __init__(self, name: str, letters: list[DeadLetter]) -> None:
        self.name, self.letters, self.asked = name, letters, 0

    def open_letters(self) -> list[DeadLetter]:
        self.asked += 1
        return self.letters


def dead(consumer: str, error_type: str | None = "KeyError") -> DeadLetter:
    return letter(consumer, "keten.matches.v1", 0, 7, RawRecord(b"k", b"{}", ()), error_type, 1)


def check(*handlers: FakeHandler, every: float = 60.0) -> PipelineHealth:
    return PipelineHealth(Watched(handlers=lambda: handlers), LagBounds(10, 10), every_seconds=every)


def test_a_dead_letter_makes_its_consumer_not_ready_and_held_records_alone_do_not() -> None:
    health = check(
        FakeHandler("matches", [dead("matches"), dead("matches", None)]), FakeHandler("my_signals", [])
    )

    problems = asyncio.run(health.problems())

    assert problems == [
        "consumer matches: 1 dead letters (`keten deadletter list`, `keten deadletter replay`)"
    ]
    assert REGISTRY.get_sample_value("keten_consumer_dead_letters", {"consumer": "matches"}) == 1.0
    assert REGISTRY.get_sample_value("keten_consumer_dead_letters", {"consumer": "my_signals"}) == 0.0
    assert REGISTRY.get_sample_value("keten_ready") == 0.0


def test_a_check_is_reused_within_its_interval() -> None:
    handler = FakeHandler("matches", [])
    health = check(handler)

    async def twice() -> None:
        await health.problems()
        await health.problems()

    asyncio.run(twice())

    assert handler.asked == 1


def test_a_store_that_cannot_be_read_is_named() -> None:
    def unreadable() -> Sequence[Any]:
        raise sqlite3.OperationalError("database is locked")

    health = PipelineHealth(Watched(handlers=unreadable), LagBounds(10, 10))

    assert asyncio.run(health.problems()) == ["store: not readable (OperationalError)"]


@pytest.mark.parametrize(
    ("document", "name", "label"),
    [
        ("{ myMatches { id } }", None, "myMatches"),
        ("mutation M { registerSignal(bsn: 1) { id } }", "M", "registerSignal"),
        ("query A { me { id } } query B { myMatches { id } }", "B", "myMatches"),
        ("query A { me { id } } query B { myMatches { id } }", None, "invalid"),
        ("{ me { id } myMatches { id } }", None, "several"),
        ("{ __schema { types { name } } }", None, "introspection"),
        ("{ __typename }", None, "introspection"),
        ("query ChosenByTheClient { noSuchField }", None, "invalid"),
    ],
)
def test_the_latency_label_is_a_field_of_the_schema_never_a_name_the_client_chose(
    document: str, name: str | None, label: str
) -> None:
    assert operation_label(schema._schema, parse(document), name) == label


def test_an_operation_that_did_not_parse_is_invalid() -> None:
    assert operation_label(schema._schema, None, None) == "invalid"


def test_authentication_failures_are_counted_per_entrance_and_only_keten_s_entrances() -> None:
    before = REGISTRY.get_sample_value("keten_authentication_failures_total", {"entrance": "web"}) or 0.0

    authentication_failed("web")

    assert REGISTRY.get_sample_value("keten_authentication_failures_total", {"entrance": "web"}) == before + 1
    with pytest.raises(ValueError, match="unknown entrance"):
        authentication_failed("somewhere")
