"""Veilig Thuis's daily digest: from 07:00 on a working day, once per organisation and day, the
counts of deadlines due within 2 working days (and overdue) and a link, to its VT_MEDEWERKERs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import UUID

import pytest
from tests.unit.cases.casework import melding_form
from tests.unit.cases_fixtures import CALENDAR, CasesPipeline
from tests.unit.test_match_mail import Outbox

from domain.identity.application import IdentityApplication
from domain.identity.model import Role, Sector
from kernel.sqlstore import SQLiteDatabase
from keten.roles.digest import DigestLedger, DigestSender

MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # 10:00 in the Netherlands
FRIDAY_MORNING = datetime(2026, 3, 6, 6, 30, tzinfo=UTC)  # 07:30 Dutch time
THURSDAY_EARLY = datetime(2026, 3, 5, 5, 30, tzinfo=UTC)  # 06:30 Dutch time


@pytest.fixture
def vt() -> tuple[IdentityApplication, UUID, CasesPipeline]:
    identity = IdentityApplication(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    organisation = identity.register_organisation("Veilig Thuis", Sector.VEILIG_THUIS, "GM0855")
    for email, role in (("a@vt.example", Role.VT_MEDEWERKER), ("b@vt.example", Role.VT_MEDEWERKER),
                        ("c@vt.example", Role.AUDITOR)):  # fmt: skip
        identity.register_professional(organisation, "Mw. VT", email, None, (role,))
    pipeline = CasesPipeline(now=MONDAY)
    for _ in range(3):  # received Monday: triage due the next Monday
        pipeline.app.receive_melding(melding_form(veilig_thuis_id=organisation))
    pipeline.publish()
    return identity, organisation, pipeline


def sender(vt: tuple[IdentityApplication, UUID, CasesPipeline], outbox: Outbox) -> DigestSender:
    identity, _, pipeline = vt
    ledger = DigestLedger(SQLiteDatabase(":memory:"))
    return DigestSender(
        identity, pipeline.vt.deadlines, ledger, CALENDAR, outbox, "https://k", "k@example.org"
    )


def test_friday_morning_counts_the_triages_due_monday_and_mails_the_workers_once(vt: object) -> None:
    outbox = Outbox()
    digests = sender(vt, outbox)  # type: ignore[arg-type]

    assert digests.send_due(FRIDAY_MORNING) == 1
    assert digests.send_due(FRIDAY_MORNING + timedelta(hours=3)) == 0  # once a day
    [mail] = outbox
    assert sorted(mail["Bcc"].split(", ")) == ["a@vt.example", "b@vt.example"]
    text = mail.get_content()
    assert "- triage: 3" in text and "Waarvan al te laat: 0" in text and "https://k/werkvoorraad" in text
    assert "Sanne" not in text and "blauwe" not in text


def test_no_digest_before_seven_nor_when_nothing_is_due_within_two_working_days(vt: object) -> None:
    outbox = Outbox()
    digests = sender(vt, outbox)  # type: ignore[arg-type]

    assert digests.send_due(THURSDAY_EARLY) == 0  # before 07:00
    assert digests.send_due(MONDAY + timedelta(hours=1)) == 0  # due in 5 working days: not yet
    assert outbox == []


def test_a_failed_send_is_tried_again_the_same_day(vt: object) -> None:
    outbox = Outbox()
    digests = sender(vt, outbox)  # type: ignore[arg-type]
    outbox.fail = True
    assert digests.send_due(FRIDAY_MORNING) == 0

    outbox.fail = False

    assert digests.send_due(FRIDAY_MORNING + timedelta(minutes=1)) == 1
