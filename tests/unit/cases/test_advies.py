"""Advies: no personal data of the family, the caller registered unless they object."""

from __future__ import annotations

from uuid import UUID, uuid4

import pytest
from tests.unit.cases.casework import FakeSealer, Refused, melding_form, stored_states

from domain.cases.advies import Advies
from domain.cases.application import CasesApplication
from domain.cases.case import Case

ANYONE = lambda given_by: True  # noqa: E731 — the advies's worker is always a colleague here


def give(
    app: CasesApplication,
    professional: UUID | None = None,
    organisation: UUID | None = None,
    objects: bool = False,
) -> Advies:
    advies_id = app.give_advies(
        "Leerling vertelt dat papa boos wordt als hij drinkt. Wat nu?",
        "Bespreek de signalen met de aandachtsfunctionaris en ga in gesprek met moeder.",
        "De school belt over twee weken terug.",
        uuid4(),
        professional,
        organisation,
        objects,
    )
    advies = app.repository.get(advies_id)
    assert isinstance(advies, Advies)
    return advies


def test_an_advies_is_registered_on_the_callers_name(app: CasesApplication, sealer: FakeSealer) -> None:
    professional, school = uuid4(), uuid4()

    advies = give(app, professional, school)

    assert (advies.caller_professional_id, advies.caller_organisation_id) == (professional, school)
    assert sealer.open(str(advies.id), advies.follow_up) == "De school belt over twee weken terug."


def test_a_caller_who_objects_to_registration_leaves_no_trace(app: CasesApplication) -> None:
    professional, school = uuid4(), uuid4()

    advies = give(app, professional, school, objects=True)

    assert (advies.caller_professional_id, advies.caller_organisation_id) == (None, None)
    assert not any(
        professional.hex in state.decode() or school.hex in state.decode() for state in stored_states(app)
    )


def test_an_advies_has_no_place_for_the_familys_personal_data(app: CasesApplication) -> None:
    advies = give(app)

    assert set(vars(advies)) - {"_id", "_version", "_created_on", "_modified_on", "_pending_events"} == {
        "question",
        "advice",
        "follow_up",
        "caller_professional_id",
        "caller_organisation_id",
        "given_by",
        "given_at",
        "melding_id",
    }


def test_veilig_thuis_turns_a_serious_advies_into_a_melding_of_its_own(app: CasesApplication) -> None:
    advies = give(app)
    vt_medewerker, veilig_thuis = uuid4(), uuid4()
    form = melding_form(melder_professional_id=vt_medewerker, melder_organisation_id=veilig_thuis)

    case_id = app.convert_advies_to_melding(advies.id, form, colleague=ANYONE)

    converted, case = app.repository.get(advies.id), app.repository.get(case_id)
    assert isinstance(converted, Advies) and isinstance(case, Case)
    assert converted.melding_id == case_id
    assert case.intake.advies_id == advies.id
    assert case.intake.melder.professional_id == vt_medewerker


def test_an_advies_becomes_a_melding_once(app: CasesApplication, refused: Refused) -> None:
    advies = give(app)
    app.convert_advies_to_melding(advies.id, melding_form(), colleague=ANYONE)

    refused(
        "ADVIES_ALREADY_CONVERTED",
        lambda: app.convert_advies_to_melding(advies.id, melding_form(), colleague=ANYONE),
    )
    refused("NOT_FOUND", lambda: app.convert_advies_to_melding(uuid4(), melding_form(), colleague=ANYONE))


def test_another_veilig_thuis_cannot_convert_an_advies_it_did_not_give(
    app: CasesApplication, refused: Refused
) -> None:
    advies = give(app)
    asked: list[UUID] = []

    def elsewhere(given_by: UUID) -> bool:
        asked.append(given_by)
        return False

    refused(
        "NOT_FOUND", lambda: app.convert_advies_to_melding(advies.id, melding_form(), colleague=elsewhere)
    )

    unchanged = app.repository.get(advies.id)
    assert isinstance(unchanged, Advies) and unchanged.melding_id is None
    assert asked == [unchanged.given_by]


def advies_by(app: CasesApplication, worker: UUID) -> UUID:
    return app.give_advies("Wat nu?", "Bel terug.", "Over een week.", worker)


def test_a_workers_adviezen_are_found_without_reading_anyone_elses(
    app: CasesApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    worker, colleague = uuid4(), uuid4()
    mine = [advies_by(app, worker) for _ in range(2)]
    for _ in range(30):
        advies_by(app, colleague)
    assert {view.id for view in app.adviezen_given_by(worker)} == set(mine)
    read: list[UUID] = []
    real = app._get
    monkeypatch.setattr(app, "_get", lambda kind, aid: read.append(aid) or real(kind, aid))

    latest = advies_by(app, worker)  # recorded after the worker's last look: found at once

    assert {view.id for view in app.adviezen_given_by(worker)} == {latest, *mine}
    assert sorted(read) == sorted([latest, *mine])  # not the colleague's thirty
