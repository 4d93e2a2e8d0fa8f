"""What leaves the stores: the relay's public events match their contracts and carry no identity."""

from __future__ import annotations

import base64
import json
import os
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from tests.random_refs import random_bsn
from tests.unit.regie_fixtures import regie

from domain.multisignaal.application import MultisignaalApplication
from domain.multisignaal.informing import Informee
from domain.multisignaal.pseudonym import Pseudonymiser
from domain.multisignaal.record import YouthRecord
from domain.multisignaal.signal import WithdrawalReason
from kernel.cloudevents import PublicEvent
from matching.application import MatchingApplication
from relay.matches import MatchesMapper
from relay.signals import SignalsMapper

POPO = {"PERSISTENCE_MODULE": "eventsourcing.popo"}
SCHEMAS = Path(__file__).parents[2] / "schemas" / "events"
MUNICIPALITY = "GM0363"
CHILD = date(2012, 5, 1)  # 13 at the start
NEARLY_23 = date(2004, 6, 1)  # turns 23 on 2027-06-01, before the two years are over

FORMATS = FormatChecker()


@FORMATS.checks("date-time", raises=ValueError)
def is_date_time(value: object) -> bool:
    # jsonschema checks date-time only with an optional package; RFC 3339 needs an offset.
    return not isinstance(value, str) or datetime.fromisoformat(value).tzinfo is not None


def contracts() -> dict[str, Draft202012Validator]:
    found = {}
    for path in SCHEMAS.glob("*.json"):
        schema = json.loads(path.read_text())
        if schema["x-topic"] not in ("keten.signals.v1", "keten.matches.v1"):
            continue  # this story is the verwijsindex; case events have their own tests
        Draft202012Validator.check_schema(schema)
        found[schema["x-ce-type"]] = Draft202012Validator(schema, format_checker=FORMATS)
    return found


class FakeSealer:
    """Seals to opaque base64 and remembers what it sealed, under which key."""

    def __init__(self) -> None:
        self.sealed: dict[str, tuple[str, str]] = {}

    def seal(self, key_id: str, plaintext: str) -> str:
        token = base64.b64encode(os.urandom(24)).decode()
        self.sealed[token] = (key_id, plaintext)
        return token


class Clock:
    def __init__(self) -> None:
        self.on(date(2026, 1, 12))

    def on(self, day: date) -> None:
        self.now = datetime.combine(day, time(9, 30), tzinfo=UTC)

    def later(self) -> None:
        self.now += timedelta(minutes=1)

    def __call__(self) -> datetime:
        return self.now


class Pipeline:
    """The multisignaal store → SignalsMapper → matcher → MatchesMapper, without Kafka."""

    def __init__(self) -> None:
        self.clock, self.sealer = Clock(), FakeSealer()
        self.signals = MultisignaalApplication(Pseudonymiser(os.urandom(32)), self.clock, None, env=POPO)
        self.matcher = MatchingApplication(regie(clock=self.clock), env=POPO)

    def register(self, bsn: str, birth_date: date, organisation_id: UUID) -> tuple[UUID, UUID]:
        professional_id = uuid4()
        signal = self.signals.register_signal(bsn, birth_date, MUNICIPALITY, organisation_id, professional_id)
        return signal.signal.id, professional_id

    def withdraw(self, signal: tuple[UUID, UUID], reason: WithdrawalReason) -> None:
        self.signals.withdraw_signal(signal[0], signal[1], reason)

    def published(self) -> list[PublicEvent]:
        signal_events = self.feed_matcher()
        match_events = self._map(self.matcher, MatchesMapper(self.matcher.subject_of))
        return [event for _, event in signal_events + match_events]

    def feed_matcher(self) -> list[tuple[int, PublicEvent]]:
        """Every signal event so far, handed to the matcher (which drops what it saw before)."""
        signal_events = self._map(self.signals, SignalsMapper(self.sealer, self._subject_of_record))
        for sequence, event in signal_events:
            self.matcher.process("/keten/multisignaal", sequence, event.type, event.data, event.time)
        return signal_events

    def coordinate(self, school: UUID, care: UUID, police: UUID) -> None:
        """Every step of coordination and contact on the match of the three (see the story)."""
        self.feed_matcher()
        [match_id] = {
            UUID(e.data["matchId"])
            for _, e in self._map(self.matcher, MatchesMapper(self.matcher.subject_of))
        }
        self.matcher.accept_coordination(match_id, school)
        self.matcher.hand_over_coordination(match_id, school, police)
        ref = self.signals.pseudonymiser.municipality(MUNICIPALITY)
        self.matcher.assign_coordinator(match_id, care, uuid4(), ref)
        self.matcher.confirm_contact(match_id, care)

    def _subject_of_record(self, record_id: UUID) -> str:
        first: YouthRecord = self.signals.repository.get(record_id, version=1)
        return first.subject

    @staticmethod
    def _map(app: Any, mapper: Any) -> list[tuple[int, PublicEvent]]:
        mapped = []
        for notification in app.recorder.select_notifications(1, 10_000):
            public = mapper(app.mapper.to_domain_event(notification))
            if public is not None:
                mapped.append((notification.id, public))
        return mapped


Story = tuple[Pipeline, list[PublicEvent], dict[str, str]]


@pytest.fixture(scope="module")
def story() -> Story:
    pipeline, school, care, police = Pipeline(), uuid4(), uuid4(), uuid4()
    child, nearly_23 = random_bsn(), random_bsn()

    # Three organisations worry about the child; the covenant proposes the first to signal
    # (none of them has a sector the default order names); the coordination moves; two step back.
    by_school = pipeline.register(child, CHILD, school)
    pipeline.clock.later()
    by_care = pipeline.register(child, CHILD, care)
    pipeline.clock.later()
    by_police = pipeline.register(child, CHILD, police)
    pipeline.coordinate(by_school[1], by_care[1], by_police[1])
    # The school informed the child and the parents; youth care puts it off for a while.
    pipeline.signals.record_informing(*by_school, [Informee.YOUTH, Informee.PARENT])
    pipeline.signals.postpone_informing(*by_care, "vader dreigt met geweld", date(2026, 2, 12))
    pipeline.withdraw(by_care, WithdrawalReason.RISK_GONE)  # the coordinator leaves: a new proposal
    pipeline.withdraw(by_police, WithdrawalReason.UNJUSTIFIED)

    # Two organisations worry about a young adult; the signals end on the 23rd birthday.
    pipeline.register(nearly_23, NEARLY_23, school)
    pipeline.register(nearly_23, NEARLY_23, care)
    pipeline.clock.on(date(2027, 6, 1))
    pipeline.signals.sweep()

    # The school's signal on the child runs out after two years.
    pipeline.clock.on(date(2028, 1, 12))
    pipeline.signals.sweep()

    secrets = {"bsn": child, "other bsn": nearly_23}
    return pipeline, pipeline.published(), secrets


def test_every_public_event_kind_is_produced_and_matches_its_contract(
    story: Story,
) -> None:
    _, published, _ = story
    validators = contracts()

    for event in published:
        validators[event.type].validate(event.data)

    assert {event.type for event in published} == set(validators)
    assert [e.type.removeprefix("keten.matching.") for e in published if "matching" in e.type] == [
        "MatchFound",
        "CoordinatorProposed",
        "MatchJoined",
        "CoordinationAccepted",
        "CoordinationHandedOver",
        "CoordinatorAssigned",
        "ContactConfirmed",
        "MatchLeft",
        "CoordinatorProposed",
        "MatchEnded",
        "MatchFound",
        "CoordinatorProposed",
        "MatchEnded",
    ]


def sealed_in(pipeline: Pipeline, events: list[PublicEvent], field: str) -> list[str]:
    """What the events sealed in `field`, checking each was sealed under its young person's key."""
    opened = [pipeline.sealer.sealed[event.data[field]] for event in events]
    assert [key_id for key_id, _ in opened] == [f"youth:{event.data['subject']}" for event in events]
    return [plaintext for _, plaintext in opened]


def test_the_planned_removal_date_travels_sealed_under_the_young_persons_key(
    story: Story,
) -> None:
    pipeline, published, _ = story
    registered = [e for e in published if e.type == "keten.multisignaal.SignalRegistered"]

    assert set(sealed_in(pipeline, registered, "expiresOnSealed")) == {"2028-01-12", "2027-06-01"}


def test_an_expiry_travels_without_its_cause_and_with_its_time_sealed(
    story: Story,
) -> None:
    pipeline, published, _ = story
    expired = [e for e in published if e.type == "keten.multisignaal.SignalExpired"]

    assert [sorted(e.data) for e in expired] == [["endedAtSealed", "signalId", "subject"]] * 3
    assert sealed_in(pipeline, expired, "endedAtSealed") == [
        "2027-06-01T09:30:00+00:00",
        "2027-06-01T09:30:00+00:00",
        "2028-01-12T09:30:00+00:00",
    ]


def in_clear(event: PublicEvent) -> str:
    return json.dumps([event.topic, event.type, event.key, event.subject, event.data])


@pytest.mark.parametrize(
    "secret",
    [
        "bsn",
        "other bsn",
        CHILD.isoformat(),
        NEARLY_23.isoformat(),
        CHILD.strftime("%Y%m%d"),
        CHILD.strftime("%d-%m-%Y"),
        MUNICIPALITY,
    ],
)
def test_no_public_event_holds_a_bsn_a_birth_date_or_a_municipality_code_in_clear(
    story: Story, secret: str
) -> None:
    _, published, secrets = story
    needle = secrets.get(secret, secret)

    for event in published:
        assert needle not in in_clear(event), f"{secret} in {event.type}"


def test_no_public_event_reveals_a_23rd_birthday_which_gives_away_the_birth_date(
    story: Story,
) -> None:
    # The relay seals the planned removal date because it can be the 23rd birthday. An
    # expiry at 23 announced in clear, with its day, gives the same birthday away.
    _, published, _ = story
    birthday = "2027-06-01"

    leaks = [(event.type, event.data) for event in published if birthday in in_clear(event)]

    assert leaks == []


def test_informing_travels_sealed_and_a_postponements_reason_not_at_all(story: Story) -> None:
    pipeline, published, _ = story

    def of(kind: str) -> list[PublicEvent]:
        return [e for e in published if e.type == f"keten.multisignaal.{kind}"]

    assert set(sealed_in(pipeline, of("InformingDue"), "bandSealed")) == {"FROM_12_TO_15", "FROM_16"}
    assert sealed_in(pipeline, of("InformingRecorded"), "informedSealed") == ["PARENT,YOUTH"]
    assert sealed_in(pipeline, of("InformingPostponed"), "revisitOnSealed") == ["2026-02-12"]
    for event in published:
        for clear in ("vader dreigt", "FROM_12_TO_15", "FROM_16", "PARENT"):
            assert clear not in in_clear(event), f"{clear} in {event.type}"
