"""Fakes and steps for the cases tests: a readable sealer, a hand-set clock, a meldformulier,
and the steps that bring a case to a phase through the application."""

from __future__ import annotations

import base64
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

from domain.cases.application import CasesApplication, MeldingForm, PersonDetails
from domain.cases.case import Case
from domain.cases.handover import ReceiverKind
from domain.cases.intake import BetrokkeneRole, ConcernKind
from domain.cases.phase import FollowUp
from domain.cases.triage import TriageDecision

MONDAY_MORNING = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # 10:00 in the Netherlands
VEILIG_THUIS = uuid4()


class FakeSealer:
    """Reversible base64 with the key id inside: tests can read what was sealed under which
    key, and opening with another key fails, as it would once that key is destroyed."""

    PREFIX = "sealed:"

    def seal(self, key_id: str, plaintext: str) -> str:
        return self.PREFIX + base64.b64encode(f"{key_id}\n{plaintext}".encode()).decode()

    def open(self, key_id: str, sealed: str) -> str:
        key, _, plaintext = base64.b64decode(sealed.removeprefix(self.PREFIX)).decode().partition("\n")
        if key != key_id:
            raise LookupError(f"sealed under another key than {key_id}")
        return plaintext


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def stored_states(app: CasesApplication) -> list[bytes]:
    return [n.state for n in app.recorder.select_notifications(start=1, limit=10_000)]


def child(name: str = "Sanne Jansen", bsn: str | None = "111222333") -> PersonDetails:
    return PersonDetails(BetrokkeneRole.CHILD, name, date(2015, 5, 1), bsn)


def parent(name: str = "Mark Jansen") -> PersonDetails:
    return PersonDetails(BetrokkeneRole.PARENT, name, date(1985, 11, 23))


def melding_form(**overrides: Any) -> MeldingForm:
    fields: dict[str, Any] = {
        "veilig_thuis_id": VEILIG_THUIS,
        "betrokkenen": [child(), parent()],
        "concerns": "blauwe plekken op de armen, zegt thuis geslagen te worden",
        "concern_kinds": [ConcernKind.NEGLECT],
        "family_informed": True,
        "melder_professional_id": uuid4(),
        "melder_organisation_id": uuid4(),
    }
    return MeldingForm(**(fields | overrides))


class Steps:
    """Brings a case to a phase through the application, the way Veilig Thuis would."""

    def __init__(self, app: CasesApplication, clock: Clock) -> None:
        self.app, self.clock = app, clock

    def case(self, case_id: UUID) -> Case:
        case = self.app.repository.get(case_id)
        assert isinstance(case, Case)
        return case

    def melding(self, **overrides: Any) -> UUID:
        return self.app.receive_melding(melding_form(**overrides))

    def triaged(self, decision: TriageDecision, structural: bool = True, **form: Any) -> UUID:
        case_id = self.melding(**form)
        receiver_kind = (
            ReceiverKind.LOKAAL_TEAM if decision is TriageDecision.HANDOVER_TO_LOKAAL_VELD else None
        )
        self.app.triage(case_id, False, structural, decision, receiver_kind)
        return case_id

    def in_voorwaarden_en_vervolg(self) -> UUID:
        return self.triaged(TriageDecision.VOORWAARDEN_EN_VERVOLG)

    def in_onderzoek(self, **form: Any) -> UUID:
        return self.triaged(TriageDecision.ONDERZOEK, **form)

    def in_handover(self) -> UUID:
        return self.triaged(TriageDecision.HANDOVER_TO_LOKAAL_VELD)

    def accepted(self, receiver_id: UUID) -> UUID:
        case_id = self.in_handover()
        self.app.propose_handover(case_id, receiver_id, ReceiverKind.LOKAAL_TEAM)
        self.app.accept_handover(case_id)
        return case_id

    def handed_over(self, receiver_id: UUID, regisseur_id: UUID) -> UUID:
        case_id = self.accepted(receiver_id)
        self.app.plan_joint_meeting(case_id, self.clock() + timedelta(days=3))
        self.app.hold_joint_meeting(case_id)
        self.app.name_regisseur(case_id, regisseur_id)
        self.app.complete_handover(case_id)
        return case_id

    def in_monitoring(self) -> UUID:
        case_id = self.in_voorwaarden_en_vervolg()
        self.app.set_voorwaarde(case_id, "vader volgt een agressieregulatietraining")
        self.app.end_voorwaarden_en_vervolg(case_id, FollowUp.MONITORING)
        return case_id


Refused = Callable[[str, Callable[[], object]], None]
