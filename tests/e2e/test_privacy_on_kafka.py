"""What leaves the signal store is pseudonyms, ids and times: never who a young person is, nor who helps.

One story runs the whole life cycle of a match (found, joined, left, ended) so that every kind of
record is on Kafka; then every byte on every keten.* topic, in the server's output, in the
broker's log and in the store (SQLite files or PostgreSQL tables) is searched for the personal
data that went in.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import pytest
from tests.e2e.agencies import (
    REGISTER_PROFESSIONAL,
    REGISTER_SIGNAL,
    Agencies,
    Professional,
    Youth,
    register_organisation,
    register_professional,
    signal,
    withdraw,
)
from tests.e2e.harness import Keten, error_code, wait_until
from tests.e2e.kafka_log import Record
from tests.random_refs import random_bsn, random_name

pytestmark = pytest.mark.e2e

LIFE_CYCLE = {"SignalRegistered", "SignalWithdrawn", "MatchFound", "MatchJoined", "MatchLeft", "MatchEnded"}
BASE64ISH = re.compile(rb"[A-Za-z0-9+/_-]{16,}={0,2}")
HEX64 = re.compile(r"^[0-9a-f]{64}$")
EVENT_STORES_AND_VIEWS = {
    "sqlite": {"multisignaal.db", "matching.db", "views.db"},
    "postgres": {"multisignaal_events", "matching_events", "my_signals", "matches"},
}


@dataclass(frozen=True)
class Story:
    youths: tuple[Youth, ...]
    professionals: tuple[Professional, ...]
    first_signals: dict[str, str]  # youth's BSN -> the mentor's signal on them
    records: list[Record]


@pytest.fixture(scope="module")
def story(keten: Keten) -> Story:
    agencies = Agencies.register(keten)
    mentor, youth_worker = agencies.mentor, agencies.youth_worker
    nurse = register_professional(
        keten, register_organisation(keten, "JGZ", agencies.municipality_code), "SIGNALLER"
    )
    matched, alone = agencies.youth(), agencies.youth()

    # A school and youth care find each other; the JGZ nurse joins; the mentor and then the
    # nurse withdraw, which leaves youth care alone: the match ends.
    mentors_signal = signal(keten, mentor, matched)
    signal(keten, youth_worker, matched)
    wait_until(lambda: "MatchFound" in _types(keten), 10.0, "the match")
    nurses_signal = signal(keten, nurse, matched)
    wait_until(lambda: "MatchJoined" in _types(keten), 10.0, "the nurse joining")
    withdraw(keten, mentor, mentors_signal, "RISK_GONE")
    withdraw(keten, nurse, nurses_signal, "UNJUSTIFIED")
    # Meanwhile the mentor worries about another pupil, whom nobody else has signalled.
    lone_signal = signal(keten, mentor, alone)

    wait_until(lambda: _types(keten) >= LIFE_CYCLE, 10.0, f"all of {sorted(LIFE_CYCLE)} on Kafka")
    professionals = (mentor, youth_worker, nurse, agencies.regievoerder)
    first = {matched.bsn: mentors_signal, alone.bsn: lone_signal}
    return Story((matched, alone), professionals, first, keten.kafka.records())


def _types(keten: Keten) -> set[str]:
    return {record.type for record in keten.kafka.records()}


def test_no_kafka_record_carries_a_bsn_birth_date_municipality_or_contact_detail(story: Story) -> None:
    needles = [
        *_about_youths(story.youths, with_municipality=True),
        *_about_professionals(story.professionals),
    ]
    leaks = [
        (record.topic, record.offset, record.type, label)
        for record in story.records
        for label, needle in needles
        if any(needle in text for text in _readable_forms(record.raw()))
    ]
    assert leaks == []


def test_a_young_person_is_known_on_kafka_by_a_keyed_pseudonym_only(story: Story) -> None:
    registered = [record for record in story.records if record.type == "SignalRegistered"]
    subject_of = {record.data["signalId"]: record.data["subject"] for record in registered}
    subjects = [subject_of[story.first_signals[youth.bsn]] for youth in story.youths]

    assert all(HEX64.match(subject) for subject in subjects), subjects
    assert len(set(subjects)) == len(story.youths)
    # The same young person, the same pseudonym: that is what lets the matcher match.
    matched = subjects[0]
    assert sum(record.data["subject"] == matched for record in registered) == 3
    # A BSN has at most a billion values: an unkeyed hash of one is as good as the BSN itself.
    unkeyed = [
        (label, digest.encode()) for youth in story.youths for label, digest in _unkeyed_hashes(youth.bsn)
    ]
    assert [
        label for record in story.records for label, digest in unkeyed if digest in record.raw().lower()
    ] == []


def test_the_server_output_and_the_broker_log_carry_no_personal_data(keten: Keten, story: Story) -> None:
    needles = [*_about_youths(story.youths), *_about_professionals(story.professionals)]
    logs = [keten.server.stdout, keten.server.stderr, keten.broker.log_path]
    assert [
        (path.name, label) for path in logs for label, needle in needles if needle in path.read_bytes()
    ] == []


def test_the_event_stores_and_views_hold_no_bsn_or_birth_date_in_clear(keten: Keten, story: Story) -> None:
    places = keten.store.places()
    assert set(places) >= EVENT_STORES_AND_VIEWS[keten.store.kind]
    needles = list(_about_youths(story.youths))
    found = [(place, label) for place, held in places.items() for label, needle in needles if needle in held]
    assert found == []


def _bsn_without_leading_zero() -> str:
    return next(bsn for bsn in iter(random_bsn, None) if not bsn.startswith("0"))


REFUSALS = {
    "a young person of 30": ("signal", {"birthDate": "1995-04-17"}, "TOO_OLD"),
    "a birth date in Dutch notation": ("signal", {"birthDate": "17-04-2012"}, "BAD_USER_INPUT"),
    "a BSN sent as a number": ("signal", {"bsn": int(_bsn_without_leading_zero())}, "BAD_USER_INPUT"),
    "an e-mail address without @": ("professional", {"email": "jan.jansen.school.nl"}, "INVALID_EMAIL"),
}


@pytest.mark.parametrize(("mutation", "fields", "code"), REFUSALS.values(), ids=REFUSALS.keys())
def test_a_refused_call_keeps_the_personal_data_it_carried_out_of_the_log(
    keten: Keten, story: Story, mutation: str, fields: dict[str, object], code: str
) -> None:
    logs = (keten.server.stdout, keten.server.stderr)
    marks = [path.stat().st_size for path in logs]

    refused_with, personal_data = _refused(keten, story, mutation, fields)

    assert refused_with == code
    logged = b"".join(path.read_bytes()[mark:] for path, mark in zip(logs, marks, strict=True))
    assert [value for value in personal_data if value.encode() in logged] == []


def _refused(
    keten: Keten, story: Story, mutation: str, fields: dict[str, object]
) -> tuple[str | None, list[str]]:
    """Makes the call; returns its error code and the personal data it carried."""
    if mutation == "signal":
        youth = Youth.random(story.youths[0].municipality_code)
        input_ = {**youth.as_input(), "bsn": _bsn_without_leading_zero(), **fields}
        body = keten.gql(story.professionals[0].token, REGISTER_SIGNAL, input=input_)
        return error_code(body), [str(input_["bsn"]), str(input_["birthDate"])]
    organisation_id = story.professionals[0].organisation.id
    input_ = {
        "organisationId": organisation_id,
        "name": random_name("prof"),
        "roles": ["SIGNALLER"],
        **fields,
    }
    body = keten.gql(keten.admin_token, REGISTER_PROFESSIONAL, input=input_)
    return error_code(body), [str(input_["name"]), str(input_["email"])]


def _about_youths(youths: Iterable[Youth], with_municipality: bool = False) -> Iterable[tuple[str, bytes]]:
    for youth in youths:
        yield "BSN", youth.bsn.encode()
        yield from ((f"birth date {form}", form.encode()) for form in _date_forms(youth.birth_date))
        if with_municipality:
            yield "municipality code", youth.municipality_code.encode()


def _about_professionals(professionals: Iterable[Professional]) -> Iterable[tuple[str, bytes]]:
    for professional in professionals:
        for field, value in professional.contact.items():
            yield f"{field} of a professional", value.encode()


def _date_forms(day: date) -> list[str]:
    return [day.isoformat(), day.strftime("%d-%m-%Y"), day.strftime("%Y%m%d"), day.strftime("%d%m%Y")]


def _unkeyed_hashes(bsn: str) -> list[tuple[str, str]]:
    return [
        (name, hashlib.new(name, bsn.encode()).hexdigest()) for name in ("md5", "sha1", "sha256", "sha512")
    ]


def _readable_forms(raw: bytes) -> list[bytes]:
    """The bytes as they are, and every base64-looking run decoded: base64 is an envelope, not a lock."""
    forms = [raw]
    for run in BASE64ISH.findall(raw):
        for decode in (base64.b64decode, base64.urlsafe_b64decode):
            try:
                forms.append(decode(run + b"=" * (-len(run) % 4)))
            except (binascii.Error, ValueError):
                continue
    return forms
