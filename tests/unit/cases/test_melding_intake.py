"""Receiving a melding: an identified melder, the betrokkenen, the concerns, the meldcode."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

from tests.unit.cases.casework import (
    MONDAY_MORNING,
    VEILIG_THUIS,
    Clock,
    Refused,
    Steps,
    child,
    melding_form,
    parent,
)

from domain.cases.application import CasesApplication, PersonDetails
from domain.cases.intake import BetrokkeneRole, ConcernKind
from domain.cases.phase import Phase


def test_a_professionals_melding_is_due_for_triage_five_working_days_after_receipt(steps: Steps) -> None:
    case = steps.case(steps.melding())

    assert case.received_at == MONDAY_MORNING
    assert case.triage_due == date(2026, 3, 9)
    assert case.phase is Phase.TRIAGE
    assert case.responsible_organisation == VEILIG_THUIS


def test_an_acute_melding_is_due_for_triage_the_same_day(steps: Steps, clock: Clock) -> None:
    clock.advance(days=5)  # Saturday 7 March: Veilig Thuis works around the clock

    case = steps.case(steps.melding(acute=True))

    assert case.triage_due == date(2026, 3, 7)


def test_a_citizen_with_name_and_contact_details_is_an_identified_melder(steps: Steps) -> None:
    case_id = steps.melding(
        melder_professional_id=None,
        melder_organisation_id=None,
        melder_name="Buurvrouw Els",
        melder_contact="06-12345678",
    )

    melder = steps.case(case_id).intake.melder
    assert melder.is_identified
    assert melder.professional_id is None
    assert melder.person_id is not None


def test_a_melding_without_an_identified_melder_is_refused(app: CasesApplication, refused: Refused) -> None:
    nobody = {"melder_professional_id": None, "melder_organisation_id": None}
    refused("MELDER_REQUIRED", lambda: app.receive_melding(melding_form(**nobody)))
    refused(
        "MELDER_REQUIRED",
        lambda: app.receive_melding(melding_form(melder_organisation_id=None)),
    )
    refused(
        "MELDER_REQUIRED",
        lambda: app.receive_melding(melding_form(**nobody, melder_name="Els", melder_contact="  ")),
    )


def test_a_melding_about_nobody_is_refused(app: CasesApplication, refused: Refused) -> None:
    refused("BETROKKENE_REQUIRED", lambda: app.receive_melding(melding_form(betrokkenen=[])))


def test_anonymity_toward_the_family_needs_the_danger_it_prevents(
    app: CasesApplication, steps: Steps, refused: Refused
) -> None:
    refused("ANONYMITY_REASON_REQUIRED", lambda: app.receive_melding(melding_form(anonymous=True)))
    refused(
        "ANONYMITY_REASON_REQUIRED",
        lambda: app.receive_melding(melding_form(anonymous=True, anonymity_reason=" ")),
    )

    case_id = steps.melding(anonymous=True, anonymity_reason="vader dreigde de juf iets aan te doen")

    assert steps.case(case_id).intake.anonymous


def test_a_melder_who_did_not_inform_the_family_says_why(
    app: CasesApplication, steps: Steps, refused: Refused
) -> None:
    refused(
        "FAMILY_NOT_INFORMED_REASON_REQUIRED",
        lambda: app.receive_melding(melding_form(family_informed=False)),
    )

    case_id = steps.melding(family_informed=False, family_not_informed_reason="moeder is bang voor escalatie")

    assert steps.case(case_id).intake.family_not_informed_reason is not None


def test_the_meldcode_record_answers_five_steps_and_five_afwegingen(
    app: CasesApplication, steps: Steps, refused: Refused
) -> None:
    four_steps = melding_form(meldcode_steps=["signalen", None, "gesprek", None], afwegingen=[True] * 5)
    refused("MELDCODE_RECORD_INCOMPLETE", lambda: app.receive_melding(four_steps))

    steps_taken = ["signalen", "collega", "gesprek met moeder", None, "melden"]
    case_id = steps.melding(
        meldcode_steps=steps_taken, afwegingen=[True, True, False, False, False], kindcheck_done=True
    )

    meldcode = steps.case(case_id).intake.meldcode
    assert meldcode is not None
    assert meldcode.kindcheck_done
    assert meldcode.afwegingen == [True, True, False, False, False]
    assert meldcode.steps[3] is None


def test_a_betrokkene_with_an_invalid_bsn_is_refused(app: CasesApplication, refused: Refused) -> None:
    refused("INVALID_BSN", lambda: app.receive_melding(melding_form(betrokkenen=[child(bsn="123456789")])))


def test_a_betrokkene_found_later_joins_the_case(app: CasesApplication, steps: Steps) -> None:
    case_id = steps.melding(betrokkenen=[parent()])

    # The kindcheck finds a baby in the household.
    baby_id = app.add_betrokkene(case_id, PersonDetails(BetrokkeneRole.CHILD, "Noor", date(2025, 12, 1)))

    case = steps.case(case_id)
    assert case.betrokkenen[baby_id].role is BetrokkeneRole.CHILD
    assert case.child_involved


def test_a_concern_noted_later_joins_the_concerns(app: CasesApplication, steps: Steps) -> None:
    case_id = steps.melding()

    app.note_concern(case_id, ConcernKind.ADDICTION)

    assert steps.case(case_id).concern_kinds == {ConcernKind.NEGLECT, ConcernKind.ADDICTION}


def test_a_betrokkenes_own_statement_is_added_and_never_replaces_an_earlier_one(
    app: CasesApplication, steps: Steps, refused: Refused
) -> None:
    case_id = steps.melding()
    father_id = next(p for p, b in steps.case(case_id).betrokkenen.items() if b.role is BetrokkeneRole.PARENT)

    app.add_statement(case_id, father_id, "Ik ben het niet eens met deze melding.")
    app.add_statement(case_id, father_id, "Aanvulling: de plekken komen van voetbal.")

    statements = steps.case(case_id).statements
    assert [s.person_id for s in statements] == [father_id, father_id]
    assert statements[0].text != statements[1].text
    refused("BETROKKENE_NOT_FOUND", lambda: app.add_statement(case_id, uuid4(), "wie ben ik?"))


def test_a_command_for_an_unknown_case_is_not_found(app: CasesApplication, refused: Refused) -> None:
    refused("NOT_FOUND", lambda: app.note_concern(uuid4(), ConcernKind.NEGLECT))
