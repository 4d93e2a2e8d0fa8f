"""E-mail on a match: once per participant, however often the record comes, and nothing of the
young person in it."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from typing import Any
from uuid import uuid4

import pytest

from domain.identity.application import IdentityApplication
from domain.identity.model import Role, Sector
from kernel.cloudevents import ReceivedEvent
from kernel.sqlstore import SQLiteDatabase
from keten.roles.mailing import send_due
from projections.match_mail import MatchMailView

NOW = datetime.now(UTC).replace(microsecond=0)
BASE = "https://keten.example"
KEY = "ab" * 32  # the young person's pseudonym: the record's key


class Outbox(list[EmailMessage]):
    log_level = logging.INFO
    fail = False

    def send(self, message: EmailMessage) -> str:
        if self.fail:
            raise ConnectionRefusedError("the mail server is away")
        self.append(message)
        return "a list"


@pytest.fixture
def identity() -> IdentityApplication:
    return IdentityApplication(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})


def professional(identity: IdentityApplication, organisation: str) -> dict[str, str]:
    organisation_id = identity.register_organisation(organisation, Sector.JEUGDHULP, "GM0363")
    email = f"mw@{organisation.lower().replace(' ', '')}.example"
    professional_id = identity.register_professional(
        organisation_id, f"{organisation} mw", email, None, (Role.SIGNALLER,)
    )
    return {
        "organisationId": str(organisation_id),
        "professionalId": str(professional_id),
        "municipalityRef": "c" * 64,
        "since": NOW.isoformat(),
    }


def match_found(*participants: dict[str, str], match_id: str | None = None) -> ReceivedEvent:
    data = {"matchId": match_id or str(uuid4()), "since": NOW.isoformat(), "contactDue": "2030-01-01"}
    return record("MatchFound", 1, {**data, "participants": list(participants)})


def record(kind: str, sequence: int, data: dict[str, Any], offset: int | None = None) -> ReceivedEvent:
    return ReceivedEvent(
        source="/keten/matching", sequence=sequence, type=f"keten.matching.{kind}", key=KEY, data=data,
        topic="keten.matches.v1", partition=0, offset=sequence if offset is None else offset, time=NOW,
    )  # fmt: skip


def sender(view: MatchMailView, identity: IdentityApplication, outbox: Outbox, now: datetime = NOW) -> int:
    return send_due(view, identity, outbox, BASE, "keten <noreply@keten.example>", lambda: now)


def test_each_participant_is_mailed_once_even_when_the_records_come_again(
    identity: IdentityApplication,
) -> None:
    view, outbox, match_id = MatchMailView(SQLiteDatabase(":memory:")), Outbox(), str(uuid4())
    school, youth_care, police = (professional(identity, n) for n in ("De Regenboog", "Jeugdhulp", "Politie"))
    found = match_found(school, youth_care, match_id=match_id)
    view.handle(found)
    assert sender(view, identity, outbox) == 2
    view.handle(replace(found, offset=40))  # the relay re-published its tail
    view.handle(
        record("MatchJoined", 2, {"matchId": match_id, "participant": police, "contactDue": "2030-01-01"})
    )
    view.handle(record("MatchEnded", 3, {"matchId": match_id}))
    assert sender(view, identity, outbox) == 1
    assert sender(view, identity, outbox) == 0
    assert sorted(m["To"] for m in outbox) == [
        "mw@deregenboog.example",
        "mw@jeugdhulp.example",
        "mw@politie.example",
    ]


def test_the_mail_says_where_to_sign_in_and_nothing_of_the_young_person_or_the_others(
    identity: IdentityApplication,
) -> None:
    view, outbox = MatchMailView(SQLiteDatabase(":memory:")), Outbox()
    school, youth_care = professional(identity, "De Regenboog"), professional(identity, "Jeugdhulp")
    view.handle(match_found(school, youth_care))
    sender(view, identity, outbox)
    to_school = next(m for m in outbox if m["To"] == "mw@deregenboog.example")
    text = to_school.as_string()
    assert f"{BASE}/matches" in text and "De Regenboog mw" in text
    for secret in ("Jeugdhulp", "GM0363", KEY, "c" * 64, youth_care["professionalId"]):
        assert secret not in text


def test_a_mail_that_cannot_go_stays_due_and_goes_later(identity: IdentityApplication) -> None:
    view, outbox = MatchMailView(SQLiteDatabase(":memory:")), Outbox()
    view.handle(match_found(professional(identity, "A"), professional(identity, "B")))
    outbox.fail = True
    assert sender(view, identity, outbox) == 0
    outbox.fail = False
    assert sender(view, identity, outbox, NOW + timedelta(seconds=10)) == 0  # not yet: it waits
    assert sender(view, identity, outbox, NOW + timedelta(minutes=2)) == 2


def test_two_senders_on_one_outbox_send_each_mail_once(identity: IdentityApplication) -> None:
    db = SQLiteDatabase(":memory:")
    one, other = MatchMailView(db), MatchMailView(db)
    one.handle(match_found(professional(identity, "A"), professional(identity, "B")))
    due = one.due(NOW)
    assert [one.claim(mail, NOW) for mail in due] == [True, True]
    assert [other.claim(mail, NOW) for mail in due] == [False, False]


def test_a_match_older_than_a_day_when_first_read_is_not_mailed(identity: IdentityApplication) -> None:
    view, outbox = MatchMailView(SQLiteDatabase(":memory:")), Outbox()
    old = match_found(professional(identity, "A"), professional(identity, "B"))
    view.handle(replace(old, time=NOW - timedelta(days=2)))
    assert sender(view, identity, outbox) == 0


def test_the_mailer_is_never_rebuilt() -> None:
    with pytest.raises(RuntimeError, match="mailed again"):
        MatchMailView(SQLiteDatabase(":memory:")).reset()
