"""Multisignaal as its users live it: two professionals worry about one young person and find each other."""

from __future__ import annotations

import json
from typing import Any

import pytest
from tests.e2e.agencies import (
    MATCH_FIELDS,
    Agencies,
    Professional,
    Youth,
    another_municipality,
    counterparts,
    municipality_matches,
    my_matches,
    my_signals,
    register_organisation,
    register_professional,
    register_signal,
    signal,
    withdraw,
)
from tests.e2e.harness import Keten, wait_until
from tests.e2e.test_access_log_over_http import LOG
from websockets.sync.client import connect
from websockets.typing import Subprotocol

pytestmark = pytest.mark.e2e

WITHIN = 5.0  # seconds: the promise from registration to a visible match


def only_match(keten: Keten, professional: Professional) -> dict[str, Any] | None:
    matches = my_matches(keten, professional)
    return matches[0] if len(matches) == 1 else None


def each_ones_match(keten: Keten, *professionals: Professional) -> list[dict[str, Any]] | None:
    """Each professional's one match, once every one of them has one."""
    matches = [only_match(keten, professional) for professional in professionals]
    return None if None in matches else matches  # type: ignore[return-value]


def test_professionals_of_two_organisations_who_signal_one_young_person_get_each_others_contact_details(
    keten: Keten, agencies: Agencies
) -> None:
    mentor, youth_worker = agencies.mentor, agencies.youth_worker
    youth = agencies.youth()

    # The mentor signals first: nobody else is involved yet.
    registered = register_signal(keten, mentor, youth)["data"]["registerSignal"]
    assert registered["signal"]["status"] == "ACTIVE"
    assert registered["earlierSignals"] == []
    assert my_matches(keten, mentor) == []

    # The youth worker signals the same young person.
    signal(keten, youth_worker, youth)

    # Each sees the other within 5 s: the other organisation and how to reach its professional.
    mentor_match, worker_match = wait_until(
        lambda: each_ones_match(keten, mentor, youth_worker), WITHIN, "a match seen by both"
    )
    assert mentor_match["id"] == worker_match["id"]
    assert counterparts(mentor_match) == [youth_worker.as_counterpart]
    assert counterparts(worker_match) == [mentor.as_counterpart]

    # The municipality's regievoerder sees the match with both professionals.
    seen = wait_until(
        lambda: municipality_matches(keten, agencies.regievoerder), WITHIN, "the regievoerder's match"
    )
    assert [match["id"] for match in seen] == [mentor_match["id"]]
    assert counterparts(seen[0]) == sorted([mentor.as_counterpart, youth_worker.as_counterpart], key=repr)

    # The regievoerder of another municipality does not.
    elsewhere = register_organisation(keten, "GEMEENTE", another_municipality(youth.municipality_code))
    assert municipality_matches(keten, register_professional(keten, elsewhere, "REGIEVOERDER")) == []


def test_withdrawing_a_signal_ends_the_match_for_both_professionals(keten: Keten, agencies: Agencies) -> None:
    mentor, youth_worker = agencies.mentor, agencies.youth_worker
    youth = agencies.youth()
    mentor_signal = signal(keten, mentor, youth)
    signal(keten, youth_worker, youth)
    wait_until(lambda: each_ones_match(keten, mentor, youth_worker), WITHIN, "a match seen by both")
    wait_until(lambda: municipality_matches(keten, agencies.regievoerder), WITHIN, "the regievoerder's match")

    # The mentor's worry is gone.
    withdrawn = withdraw(keten, mentor, mentor_signal, "RISK_GONE")["data"]["withdrawSignal"]
    assert withdrawn == {"id": mentor_signal, "status": "WITHDRAWN"}

    # One organisation is left: the match ends for everyone who saw it.
    wait_until(
        lambda: my_matches(keten, mentor) == [] and my_matches(keten, youth_worker) == [],
        WITHIN,
        "the match to end for both",
    )
    wait_until(
        lambda: municipality_matches(keten, agencies.regievoerder) == [],
        WITHIN,
        "the regievoerder's match to end",
    )

    # The mentor finds the signal among the withdrawn ones, and no longer among the active.
    wait_until(
        lambda: my_signals(keten, mentor, "WITHDRAWN") == {mentor_signal: "WITHDRAWN"}, WITHIN, "WITHDRAWN"
    )
    assert my_signals(keten, mentor, "ACTIVE") == {}


def test_a_professional_sees_only_the_professionals_of_other_organisations(
    keten: Keten, agencies: Agencies
) -> None:
    mentor, youth_worker = agencies.mentor, agencies.youth_worker
    colleague = register_professional(keten, mentor.organisation, "SIGNALLER")
    youth = agencies.youth()

    # Two teachers of one school signal the same pupil; then the youth worker does.
    signal(keten, mentor, youth)
    signal(keten, colleague, youth)
    signal(keten, youth_worker, youth)

    # The youth worker reaches both teachers; each teacher reaches only the youth worker.
    teachers = sorted([mentor.as_counterpart, colleague.as_counterpart], key=repr)
    wait_until(
        lambda: (match := only_match(keten, youth_worker)) and counterparts(match) == teachers,
        WITHIN,
        "the youth worker's match with both teachers",
    )
    for teacher in (mentor, colleague):
        match = wait_until(lambda t=teacher: only_match(keten, t), WITHIN, "a teacher's match")
        assert counterparts(match) == [youth_worker.as_counterpart]

    # The teachers never matched each other: the matcher handles one young person's signals in
    # order, so a school-only match would be on Kafka before any with the youth worker.
    found = [
        {p["professionalId"] for p in r.data["participants"]}
        for r in keten.kafka.records_of_type("MatchFound")
    ]
    with_the_mentor = [ids for ids in found if mentor.id in ids]
    assert with_the_mentor
    assert all(youth_worker.id in ids for ids in with_the_mentor), with_the_mentor


def test_a_signaller_is_notified_over_a_subscription_when_someone_else_signals_the_same_young_person(
    keten: Keten, agencies: Agencies
) -> None:
    mentor, youth_worker = agencies.mentor, agencies.youth_worker
    youth = agencies.youth()
    signal(keten, mentor, youth)

    with Subscription(keten, mentor.token) as notifications:
        # The youth worker signals the young person the mentor signalled earlier.
        signal(keten, youth_worker, youth)
        message = notifications.next()

    assert message["type"] == "next", message
    notified = message["payload"]["data"]["matchNotifications"]
    assert counterparts(notified) == [youth_worker.as_counterpart]
    assert notified["id"] == wait_until(lambda: only_match(keten, mentor), WITHIN, "the match")["id"]
    # The push showed contact details as myMatches does: it left its access line, as myMatches does.
    auditor = register_professional(
        keten, register_organisation(keten, "OVERIG", agencies.municipality_code), "AUDITOR"
    )
    lines = wait_until(
        lambda: pushed_lines(keten, auditor.token, mentor.id), WITHIN, "the push's access line"
    )
    assert lines == [notified["id"]]


def pushed_lines(keten: Keten, auditor_token: str, user_id: str) -> list[str] | None:
    found = keten.data(auditor_token, LOG, user=user_id)["accessLog"]
    return [line["clientId"] for line in found if line["rule"] == "signaller.match_notifications"] or None


def test_a_subscription_without_a_token_is_refused(keten: Keten) -> None:
    with Subscription(keten, None) as notifications:
        message = notifications.next()

    assert message["type"] in ("error", "next"), message
    errors = message["payload"] if message["type"] == "error" else message["payload"]["errors"]
    assert [error.get("extensions", {}).get("code") for error in errors] == ["UNAUTHENTICATED"], errors


class Subscription:
    """A graphql-transport-ws connection subscribed to matchNotifications."""

    def __init__(self, keten: Keten, token: str | None) -> None:
        self.url = keten.url.replace("http://", "ws://") + "/graphql"
        self.payload = {"Authorization": f"Bearer {token}"} if token else {}
        self.early: list[dict[str, Any]] = []

    def __enter__(self) -> Subscription:
        self.ws = connect(self.url, subprotocols=[Subprotocol("graphql-transport-ws")], open_timeout=WITHIN)
        self.send({"type": "connection_init", "payload": self.payload})
        assert self.receive()["type"] == "connection_ack"
        query = f"subscription {{ matchNotifications {{ {MATCH_FIELDS} }} }}"
        self.send({"id": "1", "type": "subscribe", "payload": {"query": query}})
        # The pong to a ping sent after the subscribe means the server has taken the subscription on.
        self.send({"type": "ping"})
        while (message := self.receive())["type"] != "pong":
            self.early.append(message)
        return self

    def next(self) -> dict[str, Any]:
        return self.early.pop(0) if self.early else self.receive()

    def send(self, message: dict[str, Any]) -> None:
        self.ws.send(json.dumps(message))

    def receive(self) -> dict[str, Any]:
        message: dict[str, Any] = json.loads(self.ws.recv(timeout=WITHIN))
        return message

    def __exit__(self, *exc: object) -> None:
        self.ws.close()


def test_a_signal_withdrawn_because_the_risk_is_gone_is_shown_once_to_the_next_professional(
    keten: Keten, agencies: Agencies
) -> None:
    mentor, youth_worker = agencies.mentor, agencies.youth_worker
    jgz = register_organisation(keten, "JGZ", agencies.municipality_code)
    nurse = register_professional(keten, jgz, "SIGNALLER")
    worried_before, wrongly_signalled = agencies.youth(), agencies.youth()

    # The mentor's worries end: one because the risk is gone (archived), one as unjustified (not).
    withdraw(keten, mentor, signal(keten, mentor, worried_before), "RISK_GONE")
    withdraw(keten, mentor, signal(keten, mentor, wrongly_signalled), "UNJUSTIFIED")

    # The next professional to signal learns who was involved before; the one after does not.
    assert earlier_signals(keten, youth_worker, worried_before) == [
        (mentor.organisation.name, mentor.contact)
    ]
    assert earlier_signals(keten, nurse, worried_before) == []
    assert earlier_signals(keten, youth_worker, wrongly_signalled) == []


def earlier_signals(
    keten: Keten, professional: Professional, youth: Youth
) -> list[tuple[str, dict[str, str]]]:
    """Registers a signal; returns the earlier signals shown, as (organisation name, contact)."""
    shown = register_signal(keten, professional, youth)["data"]["registerSignal"]["earlierSignals"]
    return [(earlier["organisation"]["name"], earlier["professional"]) for earlier in shown]
