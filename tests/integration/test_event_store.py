"""The event store, the same tests on SQLite and on PostgreSQL (selected by PERSISTENCE_MODULE).

- what the applications store survives closing and reopening the platform;
- stored events are encrypted: no BSN, name or e-mail in the raw bytes;
- on PostgreSQL everything lands in the schema named by POSTGRES_SCHEMA and nowhere else;
- the matcher's tracking refuses a position it has recorded, accepts the next one, and is
  written in one transaction with the match events.
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from eventsourcing.cryptography import AESCipher
from eventsourcing.utils import Environment
from tests.integration.platform_kit import (
    APPS,
    Clock,
    Store,
    as_bytes,
    event_names,
    new_bsns,
    notifications,
    register_organisation,
    register_professional,
    signal,
)

from domain.identity.model import Role, Sector
from domain.multisignaal.signal import SignalStatus, WithdrawalReason
from kernel.contracts import SIGNAL_REGISTERED

NAME = "Henriëtte Zwanenburg-Oudshoorn"
EMAIL = "h.zwanenburg.oudshoorn@jeugdzorg-testregio.example"
PHONE = "+31 6 1234 5678"
SOURCE = "/keten/multisignaal"


def test_state_survives_reopening_the_platform(store: Store) -> None:
    clock = Clock()
    first = store.bootstrap(clock)
    school = register_organisation(first, "De Regenboogschool", Sector.ONDERWIJS)
    care = register_organisation(first, "Jeugdhulp Noord", Sector.JEUGDHULP)
    mentor = register_professional(first, school, NAME, EMAIL, PHONE)
    worker = register_professional(first, care, "Bram de Wit", "bram@jeugdhulp-noord.example")
    shared, alone = new_bsns(2)
    mentor_signal = signal(first, shared, school, mentor)
    worker_signal = signal(first, shared, care, worker)
    withdrawn = signal(first, alone, care, worker)
    first.multisignaal.withdraw_signal(withdrawn, worker, WithdrawalReason.RISK_GONE)
    logs = {app: len(notifications(first, app)) for app in APPS}
    store.close(first)

    again = store.bootstrap(clock)

    organisation = again.identity.organisation(school.id)
    assert (organisation.name, organisation.sector, organisation.municipality_code) == (
        "De Regenboogschool",
        Sector.ONDERWIJS,
        "GM0363",
    )
    professional = again.identity.professional(mentor)
    assert (professional.name, professional.email, professional.phone, professional.roles) == (
        NAME,
        EMAIL,
        PHONE,
        (Role.SIGNALLER,),
    )
    assert professional.organisation_id == school.id
    assert again.multisignaal.signal(mentor_signal, mentor).status is SignalStatus.ACTIVE
    assert again.multisignaal.signal(worker_signal, worker).status is SignalStatus.ACTIVE
    ended = again.multisignaal.signal(withdrawn, worker)
    assert (ended.status, ended.ended_at) == (SignalStatus.WITHDRAWN, clock())
    # The young person's record was read back whole: the same professional gets the same signal.
    assert signal(again, shared, school, mentor) == mentor_signal
    assert {app: len(notifications(again, app)) for app in APPS} == logs
    # The secrets were kept too: the same BSN gives the same pseudonym after the reopen.
    assert again.services.pseudonymiser.subject(shared) == first.services.pseudonymiser.subject(shared)


def test_stored_events_are_encrypted(store: Store) -> None:
    platform = store.bootstrap()
    organisation = register_organisation(platform, "Wijkteam Oost")
    professional = register_professional(platform, organisation, NAME, EMAIL, PHONE)
    (bsn,) = new_bsns(1)
    signal(platform, bsn, organisation, professional)
    assert platform.identity.professional(professional).email == EMAIL  # it is in there, readable
    subject = platform.services.pseudonymiser.subject(bsn)
    # The matcher keeps the pseudonym in its match books: two organisations make a match.
    platform.matching.process(SOURCE, 1, SIGNAL_REGISTERED, _registered(subject, 1))
    platform.matching.process(SOURCE, 2, SIGNAL_REGISTERED, _registered(subject, 2))
    assert "MatchFound" in event_names(platform, "matching")
    store.close(platform)

    needles = {
        "BSN": bsn.encode(),
        "name": NAME.encode(),
        "surname": b"Zwanenburg",
        "e-mail": EMAIL.encode(),
        "phone": PHONE.encode(),
        "pseudonym": subject.encode(),
    }
    for app in APPS:
        raw = b"".join(_row_bytes(row) for row in store.rows(app))
        assert raw, f"no stored events read from {store.event_tables()[app]}"
        found = sorted(label for label, needle in needles.items() if needle in raw)
        assert found == [], f"{store.event_tables()[app]} holds in clear: {found}"
    # The scan reads the right bytes: the event topics are kept in clear beside the cipher text.
    assert b"Professional.Registered" in b"".join(_row_bytes(r) for r in store.rows("identity"))
    # Encrypted, not merely compressed: only the platform's cipher key opens the state.
    cipher_key = platform.secrets.cipher_key
    registered = [state for topic, state in store.states("identity") if "Professional.Registered" in topic]
    assert len(registered) == 1
    with pytest.raises(zlib.error):
        zlib.decompress(registered[0])
    plain = zlib.decompress(_cipher(cipher_key).decrypt(registered[0]))
    assert EMAIL.encode() in plain and b"Zwanenburg" in plain
    with pytest.raises(ValueError):
        _cipher(AESCipher.create_key(32)).decrypt(registered[0])
    # Nor does any other table keten keeps (views, keys, relay positions) hold them.
    everything = store.everything()
    assert [label for label in ("BSN", "name", "e-mail", "phone") if needles[label] in everything] == []


@pytest.mark.postgres
def test_postgres_keeps_every_table_in_the_configured_schema(
    postgres_schema: tuple[str, str], tmp_path: Path
) -> None:
    schema, dsn = postgres_schema
    store = Store("postgres", tmp_path / "data", schema=schema, dsn=dsn)
    in_public_before = public_tables(store)
    platform = store.bootstrap()
    platform.relays("127.0.0.1:9")  # every application and the positions table; contacts no broker
    platform.views()  # parts are built on first use: build every view, and the directory
    assert platform.identity.name == "identity"

    try:
        tables = store.tables()
    finally:
        store.close_all()

    for app in APPS:
        assert f"{app}_events" in tables  # eventsourcing honours POSTGRES_SCHEMA
    assert "matching_tracking" in tables
    # keten's own tables (PostgresDatabase(dsn, schema)) sit beside them.
    assert {
        "data_keys",
        "view_tracking",
        "view_resume",
        "my_signals",
        "matches",
        "relay_positions",
    } <= tables
    assert public_tables(store) == in_public_before, "tables created outside the configured schema"


def public_tables(store: Store) -> set[str]:
    rows = store._pg_rows("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
    return {name for (name,) in rows}


def test_matcher_tracking_refuses_a_duplicate_and_accepts_the_next(store: Store) -> None:
    platform = store.bootstrap()
    subject = "ab" * 32

    assert platform.matching.process(SOURCE, 7, SIGNAL_REGISTERED, _registered(subject, 1))
    assert not platform.matching.process(SOURCE, 7, SIGNAL_REGISTERED, _registered(subject, 1))
    assert not platform.matching.process(SOURCE, 5, SIGNAL_REGISTERED, _registered(subject, 2))
    assert event_names(platform, "matching") == ["Opened", "ParticipantAdded"]

    assert platform.matching.process(SOURCE, 8, SIGNAL_REGISTERED, _registered(subject, 2))
    assert event_names(platform, "matching") == [
        "Opened",
        "ParticipantAdded",
        "ParticipantAdded",
        "MatchFound",
        "CoordinatorProposed",
        "Created",  # the MatchRef, which finds this book from the match id
    ]
    # Tracking is per young person: another subject's sequences are its own.
    assert platform.matching.process(SOURCE, 3, SIGNAL_REGISTERED, _registered("cd" * 32, 3))
    store.close(platform)

    # The tracking was stored: a reopened matcher still refuses what it processed.
    again = store.bootstrap()
    assert not again.matching.process(SOURCE, 8, SIGNAL_REGISTERED, _registered(subject, 2))
    assert again.matching.process(SOURCE, 9, SIGNAL_REGISTERED, _registered(subject, 4))
    assert event_names(again, "matching")[-2:] == ["ParticipantAdded", "MatchJoined"]


def test_matcher_events_are_not_stored_when_the_tracking_is_refused(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another matcher process recorded position 8 between our check and our write."""
    platform = store.bootstrap()
    subject = "ef" * 32
    assert platform.matching.process(SOURCE, 8, SIGNAL_REGISTERED, _registered(subject, 1))
    before = event_names(platform, "matching")
    real_check, skipped = platform.matching.recorder.has_tracking_id, set[int]()

    def late(application_name: str, notification_id: int) -> bool:
        # The first check of each position comes too early (the other process had not yet written),
        # so the refusal comes from the tracking insert in the transaction; the check after it sees.
        if notification_id not in skipped:
            skipped.add(notification_id)
            return False
        return bool(real_check(application_name, notification_id))

    with monkeypatch.context() as patch:
        patch.setattr(platform.matching.recorder, "has_tracking_id", late)

        # Position 6 would have made a match (a second organisation) — had it been new.
        assert not platform.matching.process(SOURCE, 6, SIGNAL_REGISTERED, _registered(subject, 2))
        assert not platform.matching.process(SOURCE, 8, SIGNAL_REGISTERED, _registered(subject, 3))

    assert event_names(platform, "matching") == before  # no ParticipantAdded, no MatchFound
    assert platform.matching.process(SOURCE, 9, SIGNAL_REGISTERED, _registered(subject, 2))
    assert "MatchFound" in event_names(platform, "matching")


def _registered(subject: str, n: int) -> dict[str, Any]:
    """A SignalRegistered as the matcher reads it from keten.signals.v1 (organisation n)."""
    return {
        "signalId": str(UUID(int=n)),
        "subject": subject,
        "organisationId": str(UUID(int=1000 + n)),
        "professionalId": str(UUID(int=2000 + n)),
        "municipalityRef": "0" * 64,
        "registeredAt": f"2025-03-0{n % 9 + 1}T09:00:00+00:00",
        "expiresOnSealed": "c2VhbGVk",
    }


def _cipher(key: str) -> AESCipher:
    return AESCipher(Environment(env={"CIPHER_KEY": key}))


def _row_bytes(row: tuple[Any, ...]) -> bytes:
    return as_bytes(row)
