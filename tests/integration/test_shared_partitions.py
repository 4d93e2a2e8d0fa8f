"""Correctness never rests on a partition having one consumer: during a rebalance two
processes may read it at once. Here two platforms (two processes' worth of connections) on
one store are fed the same records at the same time, in order, as two consumers of one
partition would be; every effect still happens exactly once.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable

from tests.integration.platform_kit import (
    Clock,
    Store,
    event_names,
    new_bsns,
    register_organisation,
    register_professional,
    relay_of,
    signal,
)
from tests.unit.feeds import received

from domain.identity.model import Sector
from domain.multisignaal.signal import WithdrawalReason
from kernel.cloudevents import ReceivedEvent
from kernel.contracts import source_of
from keten.bootstrap import Platform
from relay.relay import Relay

YOUNG_PEOPLE = 30


def test_two_matchers_and_two_views_reading_one_partition_at_once_apply_each_record_once(
    store: Store,
) -> None:
    first, second = store.bootstrap(Clock()), store.bootstrap(Clock())
    school = register_organisation(first, "Het Baken", Sector.ONDERWIJS)
    care = register_organisation(first, "Jeugdhulp West", Sector.JEUGDHULP)
    mentor = register_professional(first, school, "Mentor Ans", "ans@hetbaken.example")
    worker = register_professional(first, care, "Hulpverlener Bo", "bo@jeugdhulp-west.example")
    withdrawn = []
    for number, bsn in enumerate(new_bsns(YOUNG_PEOPLE)):
        withdrawn.append(signal(first, bsn, school, mentor))
        signal(first, bsn, care, worker)
        if number % 3 == 0:  # some matches end again: order within a young person matters
            first.multisignaal.withdraw_signal(withdrawn[-1], mentor, WithdrawalReason.RISK_GONE)
    records = as_consumed(first, relay_of(first, "127.0.0.1:9", "multisignaal"))

    at_once(*(feed(platform, records) for platform in (first, second)))

    assert Counter(event_names(first, "matching"))["MatchFound"] == YOUNG_PEOPLE
    assert Counter(event_names(first, "matching"))["MatchEnded"] == len(range(0, YOUNG_PEOPLE, 3))
    statuses = Counter(row.status for row in first.my_signals.of(str(mentor)))
    assert statuses == {"ACTIVE": YOUNG_PEOPLE - len(range(0, YOUNG_PEOPLE, 3)), "WITHDRAWN": 10}
    assert len(first.matches.for_professional(str(worker))) == 0  # no match events were fed


def as_consumed(platform: Platform, relay: Relay) -> list[ReceivedEvent]:
    """The multisignaal records as a consumer reads them: mapped as the relay maps them."""
    records, source = [], source_of("multisignaal")
    for notification in platform.multisignaal.recorder.select_notifications(1, 10_000):
        public = relay.mapper(platform.multisignaal.mapper.to_domain_event(notification))
        if public is not None:
            records.append(received(public, notification.id, source))
    return records


def feed(platform: Platform, records: list[ReceivedEvent]) -> Callable[[], None]:
    handlers = [h for h in platform.handlers() if h.name in ("matcher", "my_signals")]

    def run() -> None:
        for record in records:
            for handler in handlers:
                handler.handle(record)

    return run


def at_once(*work: Callable[[], None]) -> None:
    start, failures = threading.Barrier(len(work)), list[BaseException]()

    def run(job: Callable[[], None]) -> None:
        start.wait()
        try:
            job()
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=run, args=(job,)) for job in work]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
