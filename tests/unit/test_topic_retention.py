"""A broker that will not tell or change a topic's retention does not stop the relay (the
broker itself: tests/integration/test_topics_made_by_the_relays.py)."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from kafka.errors import TopicAuthorizationFailedError

from kernel.contracts import KEPT_FOREVER
from relay import topics


class Admin:
    """An admin client whose describe or alter fails, or whose alter is refused per topic."""

    def __init__(self, describe_fails: bool = False, alter_result: str = "OK") -> None:
        self.describe_fails, self.alter_result, self.altered = describe_fails, alter_result, list[str]()

    def describe_configs(self, resources: list[Any], config_filter: str) -> dict[str, Any]:
        if self.describe_fails:
            raise TopicAuthorizationFailedError("no DESCRIBE_CONFIGS on the topic")
        return {"topic": {r.name: {"retention.ms": {"value": "604800000"}} for r in resources}}

    def alter_configs(
        self, resources: list[Any], incremental: bool, raise_on_unknown: bool
    ) -> dict[str, Any]:
        self.altered += [r.name for r in resources]
        return {"topic": {r.name: self.alter_result for r in resources}}


def test_a_broker_that_will_not_describe_is_logged_and_nothing_is_changed(
    caplog: pytest.LogCaptureFixture,
) -> None:
    admin = Admin(describe_fails=True)
    with caplog.at_level(logging.WARNING, logger="keten.relay"):
        topics.keep_forever(admin, ["keten.signals.v1"])  # type: ignore[arg-type]
    assert admin.altered == []
    assert caplog.messages == [
        f"topics keten.signals.v1: retention not checked ([Error 29] TopicAuthorizationFailedError: "
        f"no DESCRIBE_CONFIGS on the topic); set {KEPT_FOREVER} yourself"
    ]


def test_a_refused_change_is_logged_per_topic(caplog: pytest.LogCaptureFixture) -> None:
    admin = Admin(alter_result="[Error 29] TopicAuthorizationFailedError: no ALTER_CONFIGS")
    with caplog.at_level(logging.WARNING, logger="keten.relay"):
        topics.keep_forever(admin, ["keten.signals.v1", "keten.cases.v1"])  # type: ignore[arg-type]
    assert admin.altered == ["keten.signals.v1", "keten.cases.v1"]
    assert [m.split(":")[0] for m in caplog.messages] == ["topic keten.signals.v1", "topic keten.cases.v1"]
    assert all(
        "retention not set" in m and "set {'retention.ms': '-1'} yourself" in m for m in caplog.messages
    )
