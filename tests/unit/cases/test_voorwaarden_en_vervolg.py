"""Voorwaarden & Vervolg: safety conditions, help, compliance, and an end in handover or monitoring."""

from __future__ import annotations

from uuid import uuid4

from tests.unit.cases.casework import Refused, Steps

from domain.cases.application import CasesApplication
from domain.cases.phase import FollowUp, Phase


def test_conditions_help_and_compliance_checks_end_in_a_handover(app: CasesApplication, steps: Steps) -> None:
    case_id = steps.in_voorwaarden_en_vervolg()
    thuisbegeleiding = uuid4()

    # Evolve application state.
    no_alcohol = app.set_voorwaarde(case_id, "geen alcohol in huis")
    app.deploy_help(case_id, thuisbegeleiding, "thuisbegeleiding twee keer per week")
    app.record_compliance_check(case_id, no_alcohol, complied=True, note="flessen weg, bevestigd door zoon")
    app.end_voorwaarden_en_vervolg(case_id, FollowUp.HANDOVER)

    # Query application state.
    case = steps.case(case_id)
    service = case.voorwaarden_en_vervolg
    assert service is not None
    assert list(service.voorwaarden) == [no_alcohol]
    assert [h.organisation_id for h in service.help] == [thuisbegeleiding]
    assert [(c.voorwaarde_id, c.complied) for c in service.checks] == [(no_alcohol, True)]
    assert service.follow_up is FollowUp.HANDOVER
    assert case.phase is Phase.HANDOVER


def test_voorwaarden_en_vervolg_may_end_in_monitoring(app: CasesApplication, steps: Steps) -> None:
    case_id = steps.in_monitoring()

    assert steps.case(case_id).phase is Phase.MONITORING


def test_compliance_is_checked_against_a_condition_that_was_set(
    app: CasesApplication, steps: Steps, refused: Refused
) -> None:
    case_id = steps.in_voorwaarden_en_vervolg()

    refused("VOORWAARDE_NOT_FOUND", lambda: app.record_compliance_check(case_id, uuid4(), complied=False))


def test_voorwaarden_en_vervolg_ends_only_after_conditions_were_set(
    app: CasesApplication, steps: Steps, refused: Refused
) -> None:
    case_id = steps.in_voorwaarden_en_vervolg()

    refused("VOORWAARDEN_REQUIRED", lambda: app.end_voorwaarden_en_vervolg(case_id, FollowUp.MONITORING))


def test_voorwaarden_en_vervolg_ends_in_handover_or_monitoring_only(
    app: CasesApplication, steps: Steps, refused: Refused
) -> None:
    case_id = steps.in_voorwaarden_en_vervolg()
    app.set_voorwaarde(case_id, "moeder zoekt steun bij het sociaal wijkteam")

    refused(
        "FOLLOW_UP_NOT_ALLOWED",
        lambda: app.end_voorwaarden_en_vervolg(case_id, FollowUp.VOORWAARDEN_EN_VERVOLG),
    )


def test_conditions_belong_to_a_running_voorwaarden_en_vervolg(
    app: CasesApplication, steps: Steps, refused: Refused
) -> None:
    in_onderzoek = steps.in_onderzoek()
    ended = steps.in_monitoring()

    refused("WRONG_PHASE", lambda: app.set_voorwaarde(in_onderzoek, "geen alcohol"))
    refused("WRONG_PHASE", lambda: app.deploy_help(ended, uuid4(), "gezinscoach"))
