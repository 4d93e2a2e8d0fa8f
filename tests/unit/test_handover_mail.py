"""E-mail on a proposed handover: one message to the receiving organisation's professionals,
once however often the record comes, naming nothing of the family or the case."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID

from tests.unit.cases.casework import Steps
from tests.unit.cases_fixtures import CasesPipeline, received
from tests.unit.test_match_mail import Outbox

from domain.cases.handover import ReceiverKind
from domain.identity.application import IdentityApplication
from domain.identity.model import OrganisationKind, Role, Sector
from kernel.sqlstore import SQLiteDatabase
from keten.roles.handover_mailing import send_due_handovers
from projections.handover_mail import HandoverMailView

BASE = "https://keten.example"
FAMILY = ("Sanne", "Jansen", "111222333", "2015", "blauwe plekken")


def team_of(identity: IdentityApplication, people: int) -> tuple[UUID, list[str]]:
    team = identity.register_organisation("Wijkteam", Sector.GEMEENTE, "GM0855", OrganisationKind.LOKAAL_TEAM)
    emails = [f"mw{n}@wijkteam.example" for n in range(people)]
    for email in emails:
        identity.register_professional(team, "Mw. Wijk", email, None, (Role.SIGNALLER,))
    return team, emails


def proposed(pipeline: CasesPipeline, receiver: UUID) -> list[object]:
    steps = Steps(pipeline.app, pipeline.clock)
    case_id = steps.in_handover()
    pipeline.app.propose_handover(case_id, receiver, ReceiverKind.LOKAAL_TEAM)
    return [received(event, number) for number, event in enumerate(pipeline.publish(), start=1)]


def test_a_proposal_mails_every_professional_of_the_receiver_once_with_nothing_of_the_case() -> None:
    identity = IdentityApplication(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    team, emails = team_of(identity, 2)
    pipeline = CasesPipeline(now=datetime.now(UTC))
    view, outbox = HandoverMailView(SQLiteDatabase(":memory:"), pipeline.keystore), Outbox()
    records = proposed(pipeline, team)
    for record in [*records, *records]:  # the relay publishes again after a restart
        view.handle(record)  # type: ignore[arg-type]

    sent = send_due_handovers(view, identity, outbox, BASE, "keten@example.org", lambda: datetime.now(UTC))

    assert sent == 1 and len(outbox) == 1
    [mail] = outbox
    assert sorted(mail["Bcc"].split(", ")) == sorted(emails)
    text = f"{mail['Subject']}\n{mail.get_content()}"
    assert f"{BASE}/overdrachten" in text
    assert not [word for word in FAMILY if word in text]
    assert send_due_handovers(view, identity, outbox, BASE, "k@example.org", lambda: datetime.now(UTC)) == 0


def test_a_mail_server_away_keeps_the_mail_due_for_later() -> None:
    identity = IdentityApplication(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    team, _ = team_of(identity, 1)
    pipeline = CasesPipeline(now=datetime.now(UTC))
    view, outbox = HandoverMailView(SQLiteDatabase(":memory:"), pipeline.keystore), Outbox()
    for record in proposed(pipeline, team):
        view.handle(record)  # type: ignore[arg-type]
    outbox.fail = True

    assert send_due_handovers(view, identity, outbox, BASE, "k@example.org", lambda: datetime.now(UTC)) == 0
    assert len(view.due(datetime.now(UTC).replace(year=2100))) == 1
