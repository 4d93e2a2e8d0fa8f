"""`keten rebuild`: every view dropped and read again from Kafka equals the view built live,
also after the broker lost its topics (the relays re-publish from the event store first)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from tests.integration.platform_kit import (
    Store,
    new_bsns,
    read_topic,
    received,
    register_organisation,
    register_professional,
    signal,
)
from tests.integration.test_audit_erasure import closed_case

from kernel.contracts import CASES_TOPIC, SIGNALS_TOPIC, TOPICS
from keten.bootstrap import Platform
from keten.broker import EmbeddedBroker
from keten.rebuild import rebuild, rebuild_views, republish, views_of
from projections.signals import SEALED_MARK, MySignalsView
from projections.view import View


def history(platform: Platform) -> None:
    """Signals of two organisations on the same young people (so matches exist) and two closed cases."""
    school = register_organisation(platform, "De Regenboog")
    teacher = register_professional(platform, school, "Juf Ans", "ans@regenboog.example")
    youth_care = register_organisation(platform, "Jeugdhulp Oost")
    worker = register_professional(platform, youth_care, "Karim", "karim@jeugdhulp.example")
    for bsn in new_bsns(3):
        signal(platform, bsn, school, teacher)
        signal(platform, bsn, youth_care, worker)
    closed_case(platform)
    closed_case(platform)


def run_matcher(platform: Platform, servers: str) -> None:
    """The matcher turns the published signals into matches, which the relay publishes next."""
    matcher = platform.matcher
    for record in read_topic(servers, SIGNALS_TOPIC):
        matcher.handle(received(record))


def feed_live(platform: Platform, servers: str) -> None:
    """What the consumers do while keten runs: every record of every topic, in order."""
    views = views_of(platform).values()
    for topic in TOPICS:
        for record in read_topic(servers, topic):
            for view in views:
                if topic in view.topics:
                    view.handle(received(record))


def rows(view: View) -> dict[str, list[tuple[Any, ...]]]:
    with view.db.transaction() as cursor:
        found = {}
        for table in view.tables:
            cursor.execute(f"SELECT * FROM {table}")
            found[table] = sorted((readable(view, row) for row in cursor.fetchall()), key=repr)
        return found


def readable(view: View, row: tuple[Any, ...]) -> tuple[Any, ...]:
    """A youth's sealed date is compared opened: re-publishing seals it again, with a new nonce."""
    if not isinstance(view, MySignalsView):
        return row
    return tuple(view.opened(v) if isinstance(v, str) and SEALED_MARK in v else v for v in row)


def everything(platform: Platform) -> dict[str, dict[str, list[tuple[Any, ...]]]]:
    return {name: rows(view) for name, view in views_of(platform).items()}


def test_rebuilt_views_equal_the_live_ones_even_after_the_broker_lost_its_topics(
    store: Store, fresh_broker: EmbeddedBroker
) -> None:
    platform, servers = store.bootstrap(), fresh_broker.bootstrap_servers
    history(platform)
    published = republish(platform, servers)
    run_matcher(platform, servers)
    published += republish(platform, servers)
    feed_live(platform, servers)
    live = everything(platform)
    assert live["vt_cases"]["vt_cases"] and live["my_signals"]["my_signals"]
    assert live["matches"]["matches"] and live["signal_logbook"]["signal_logbook"]

    read = rebuild_views(list(views_of(platform).values()), servers, platform.sources())
    assert everything(platform) == live
    assert read == published  # one pass over the topics feeds every view

    fresh_broker.restart()  # the embedded broker keeps topics in memory: all gone
    assert republish(platform, servers) == published
    for view in views_of(platform).values():
        rebuild(view, servers, platform.sources())
    assert everything(platform) == live


def fed_live(store: Store, broker: EmbeddedBroker) -> tuple[Platform, str, dict[str, Any]]:
    """The history published and fed to every view as the consumers would; and those rows."""
    platform, servers = store.bootstrap(), broker.bootstrap_servers
    history(platform)
    republish(platform, servers)
    feed_live(platform, servers)
    return platform, servers, everything(platform)


def test_a_resumed_rebuild_continues_where_the_view_stands(
    sqlite_store: Store, fresh_broker: EmbeddedBroker
) -> None:
    platform, servers, live = fed_live(sqlite_store, fresh_broker)

    assert [
        rebuild(view, servers, platform.sources(), resume=True) for view in views_of(platform).values()
    ] == [0] * len(live)
    assert rebuild_views(list(views_of(platform).values()), servers, platform.sources(), resume=True) == 0
    assert everything(platform) == live


def test_a_resumed_rebuild_of_all_views_reads_from_the_view_that_stands_furthest_back(
    sqlite_store: Store, fresh_broker: EmbeddedBroker
) -> None:
    platform, servers, live = fed_live(sqlite_store, fresh_broker)
    views = views_of(platform)
    views["my_meldingen"].reset()  # as if Ctrl-C struck before it was fed anything

    read = rebuild_views(list(views.values()), servers, platform.sources(), resume=True)

    assert everything(platform) == live
    assert read == len(read_topic(servers, "keten.cases.v1"))  # only the topic it reads, from 0


def test_a_fetch_that_fails_half_way_leaves_no_rows_no_tracking_and_no_position(
    store: Store, fresh_broker: EmbeddedBroker
) -> None:
    platform, servers = store.bootstrap(), fresh_broker.bootstrap_servers
    history(platform)
    republish(platform, servers)
    view = views_of(platform)["vt_cases"]
    fetch = [received(record) for record in read_topic(servers, CASES_TOPIC)]
    broken = replace(fetch[-1], data={**fetch[-1].data, "payload": "not sealed"})

    with pytest.raises(ValueError):  # the payload does not open: the whole fetch rolls back
        view.handle_batch([*fetch[:-1], broken])

    assert all(not table for table in rows(view).values())
    assert view.offsets() == {}
    with view.db.transaction() as cursor:
        cursor.execute("SELECT COUNT(*) FROM view_tracking WHERE view = ?", (view.name,))
        assert cursor.fetchone()[0] == 0
    assert view.handle_batch(fetch) == len(fetch)  # nothing of the failed fetch was kept
