"""Look-alike codes, malformed names and oversized texts are refused over HTTP and leave no trace."""

from __future__ import annotations

from typing import Any

import pytest
from tests.e2e.agencies import REGISTER_ORGANISATION, REGISTER_PROFESSIONAL, Agencies, today
from tests.e2e.cases_session import Member, organisation
from tests.e2e.harness import Keten, error_code
from tests.e2e.traces import (
    RECEIVE_MELDING,
    assert_melding_refused_without_trace,
    assert_refused_without_trace,
    count_rows,
    melding,
)

pytestmark = pytest.mark.e2e

LOOK_ALIKES = {
    "arabic-indic digits": "GM٠٣٦٣",
    "fullwidth digits": "GM０３６３",
    "a trailing newline": "GM0363\n",
}


@pytest.mark.parametrize("code", LOOK_ALIKES.values(), ids=LOOK_ALIKES.keys())
def test_a_signal_with_a_look_alike_municipality_code_is_refused_without_trace(
    keten: Keten, agencies: Agencies, code: str
) -> None:
    input_ = {**agencies.youth().as_input(), "municipalityCode": code}
    assert_refused_without_trace(
        keten, agencies.mentor, input_, "INVALID_MUNICIPALITY", witness=agencies.youth_worker
    )


@pytest.mark.parametrize("code", LOOK_ALIKES.values(), ids=LOOK_ALIKES.keys())
def test_an_organisation_with_a_look_alike_municipality_code_is_refused_and_not_stored(
    keten: Keten, code: str
) -> None:
    stored = count_rows(keten, "identity.db", "stored_events")
    input_ = {"name": "OBS De Regenboog", "sector": "ONDERWIJS", "municipalityCode": code}
    assert (
        error_code(keten.gql(keten.admin_token, REGISTER_ORGANISATION, input=input_))
        == "INVALID_MUNICIPALITY"
    )
    assert count_rows(keten, "identity.db", "stored_events") == stored


def test_an_email_address_with_a_trailing_newline_is_refused_and_not_stored(
    keten: Keten, agencies: Agencies
) -> None:
    stored = count_rows(keten, "identity.db", "stored_events")
    input_ = {
        "organisationId": agencies.mentor.organisation.id,
        "name": "Jan Jansen",
        "email": "jan@regenboog.example\n",
        "roles": ["SIGNALLER"],
    }
    assert error_code(keten.gql(keten.admin_token, REGISTER_PROFESSIONAL, input=input_)) == "INVALID_EMAIL"
    assert count_rows(keten, "identity.db", "stored_events") == stored


@pytest.fixture(scope="module")
def intake(keten: Keten) -> tuple[Member, Member]:
    """A Veilig Thuis worker and a school mentor who makes meldingen to that Veilig Thuis."""
    [vt] = organisation(keten, "VEILIG_THUIS", "VEILIG_THUIS", "VT_MEDEWERKER")
    [mentor] = organisation(keten, "ONDERWIJS", "SCHOOL", "SIGNALLER")
    return vt, mentor


def _person(**changes: str) -> dict[str, str]:
    return {"role": "PARENT", "name": "Mark Bakker", "birthDate": "1985-11-23"} | changes


BAD_MELDINGEN: dict[str, tuple[dict[str, Any], str]] = {
    "a betrokkene born in 2030": ({"betrokkenen": [_person(birthDate="2030-01-01")]}, "INVALID_BIRTH_DATE"),
    "an unborn child due in 2030": (
        {"betrokkenen": [_person(role="CHILD", birthDate="2030-01-01")]},
        "INVALID_BIRTH_DATE",
    ),
    "a betrokkene born in 1899": ({"betrokkenen": [_person(birthDate="1899-12-31")]}, "INVALID_BIRTH_DATE"),
    "a betrokkene without a name": ({"betrokkenen": [_person(name="")]}, "TEXT_REQUIRED"),
    "a name with a NUL": ({"betrokkenen": [_person(name="Mark\u0000Bakker")]}, "INVALID_TEXT"),
    "empty concerns": ({"concerns": " "}, "TEXT_REQUIRED"),
    "concerns with a NUL": ({"concerns": "slaat\u0000"}, "INVALID_TEXT"),
    "concerns of 10,001 characters": ({"concerns": "x" * 10_001}, "TOO_LONG"),
    "no betrokkenen": ({"betrokkenen": []}, "BETROKKENE_REQUIRED"),
    "500 betrokkenen": ({"betrokkenen": [_person()] * 500}, "TOO_MANY"),
    "a look-alike municipality": ({"municipalityCode": "GM٠٣٦٣"}, "INVALID_MUNICIPALITY"),
}


@pytest.mark.parametrize(("changes", "code"), BAD_MELDINGEN.values(), ids=BAD_MELDINGEN.keys())
def test_a_malformed_melding_is_refused_with_its_code_and_leaves_no_trace(
    keten: Keten, intake: tuple[Member, Member], changes: dict[str, Any], code: str
) -> None:
    vt, mentor = intake
    input_ = melding(vt.organisation_id, **changes)
    assert_melding_refused_without_trace(keten, mentor, input_, code, witness=vt)


def test_a_melding_at_its_limits_is_accepted(keten: Keten, intake: tuple[Member, Member]) -> None:
    vt, mentor = intake
    unborn = _person(role="CHILD", birthDate=today().isoformat())
    input_ = melding(vt.organisation_id, concerns="😀" * 10_000, betrokkenen=[_person()] * 24 + [unborn])
    assert keten.data(mentor.token, RECEIVE_MELDING, input=input_)["receiveMelding"]["caseId"]
