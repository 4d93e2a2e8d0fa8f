"""keten's logging: kafka-python's known closed-socket race is dropped, nothing else is."""

from __future__ import annotations

import logging

import pytest

from keten import logs


def log_error_with(error: Exception, caplog: pytest.LogCaptureFixture) -> list[str]:
    logs.configure()
    logger = logging.getLogger(logs.RACE_LOGGER)
    with caplog.at_level(logging.WARNING, logger=logs.RACE_LOGGER):
        try:
            raise error
        except Exception:
            logger.exception("<KafkaTCPTransport>: Error receiving network data closing socket")
    return [record.getMessage() for record in caplog.records]


def test_the_closed_socket_race_of_kafka_python_is_dropped(caplog: pytest.LogCaptureFixture) -> None:
    race = AttributeError("'NoneType' object has no attribute 'recv'")
    assert log_error_with(race, caplog) == []


def test_every_other_error_of_the_same_logger_is_kept(caplog: pytest.LogCaptureFixture) -> None:
    other = ConnectionResetError("connection reset by peer")
    assert log_error_with(other, caplog) == [
        "<KafkaTCPTransport>: Error receiving network data closing socket"
    ]


def test_configuring_twice_adds_one_filter() -> None:
    logs.configure()
    logs.configure()
    race = logging.getLogger(logs.RACE_LOGGER)
    assert sum(isinstance(f, logs.ClosedSocketRace) for f in race.filters) == 1
