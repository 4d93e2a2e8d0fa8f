"""The directory's index of who works where and under which address: exact, in registration
order, caught up with what another process registered, and never a read of the whole directory."""

from __future__ import annotations

from uuid import UUID

import pytest

from domain.identity.application import IdentityApplication
from domain.identity.model import Role, Sector

POPO = {"PERSISTENCE_MODULE": "eventsourcing.popo"}


@pytest.fixture
def identity() -> IdentityApplication:
    return IdentityApplication(env=POPO)


def staff(identity: IdentityApplication, organisation: UUID, count: int, domain: str) -> list[UUID]:
    return [
        identity.register_professional(organisation, f"Mw. {n}", f"p{n}@{domain}", None, (Role.SIGNALLER,))
        for n in range(count)
    ]


def test_an_organisations_professionals_in_registration_order_and_no_one_else(
    identity: IdentityApplication,
) -> None:
    school = identity.register_organisation("School", Sector.ONDERWIJS, "GM0855")
    care = identity.register_organisation("Zorg", Sector.JEUGDHULP, "GM0855")
    teachers, carers = staff(identity, school, 3, "school.nl"), staff(identity, care, 2, "zorg.nl")

    assert [p.id for p in identity.professionals_of(school)] == teachers
    assert [p.id for p in identity.professionals_of(care)] == carers
    assert identity.professionals_of(identity.register_organisation("Leeg", Sector.GEMEENTE, "GM0855")) == []


def test_one_registered_after_the_index_was_read_is_found(identity: IdentityApplication) -> None:
    school = identity.register_organisation("School", Sector.ONDERWIJS, "GM0855")
    first = staff(identity, school, 1, "school.nl")
    assert [p.id for p in identity.professionals_of(school)] == first

    later = identity.register_professional(school, "Dhr. Later", "Later@School.nl", None, (Role.SIGNALLER,))

    assert [p.id for p in identity.professionals_of(school)] == [*first, later]
    assert [p.id for p in identity.professionals_with_email(" later@school.NL ")] == [later]


def test_a_lookup_reads_only_the_professionals_it_answers_with(
    identity: IdentityApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    school = identity.register_organisation("School", Sector.ONDERWIJS, "GM0855")
    care = identity.register_organisation("Zorg", Sector.JEUGDHULP, "GM0855")
    staff(identity, care, 40, "zorg.nl")
    teachers = staff(identity, school, 2, "school.nl")
    read: list[UUID] = []
    real = identity.professional
    monkeypatch.setattr(identity, "professional", lambda pid: read.append(pid) or real(pid))

    identity.professionals_of(school)
    identity.professionals_with_email("p0@school.nl")

    assert read == [*teachers, teachers[0]]  # not the 40 of the other organisation
