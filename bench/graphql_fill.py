"""What (d) queries: a professional with N matches, a Veilig Thuis with N open cases; each with
its bearer token and a check that its view holds it all."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date
from uuid import UUID

from bench.refs import unique_bsns, youth_birth_date
from bench.stack import MUNICIPALITY, register_organisation
from domain.cases.application import MeldingForm, PersonDetails
from domain.cases.intake import BetrokkeneRole, ConcernKind
from domain.identity.model import Role, Sector
from keten.bootstrap import Platform
from keten.progress import Progress


def matches_of(platform: Platform, count: int, seed: int = 11) -> tuple[str, Callable[[], bool]]:
    """One mentor and one youth worker both signal `count` young people: the mentor has `count`
    matches, each with a counterpart whose contact details the answer carries."""
    rng, today = random.Random(seed), platform.clock().date()
    school = register_organisation(platform, "School", Sector.ONDERWIJS, 1)
    care = register_organisation(platform, "Jeugdhulp", Sector.JEUGDHULP, 1)
    mentor = school.professionals[0]
    progress = Progress("young people signalled twice", count)
    for bsn in unique_bsns(rng, count):
        born = youth_birth_date(rng, today)
        for organisation in (school, care):
            platform.multisignaal.register_signal(
                bsn, born, MUNICIPALITY, organisation.id, organisation.professionals[0]
            )
        progress.advance()
    progress.close()
    token = _token(platform, mentor, school.id, Role.SIGNALLER)
    return token, lambda: len(platform.matches.for_professional(str(mentor))) >= count


def deadlines_of(platform: Platform, count: int) -> tuple[str, Callable[[], bool]]:
    """`count` meldingen received by one Veilig Thuis: each an open case with its triage deadline."""
    identity = platform.identity
    veilig_thuis = identity.register_organisation("Veilig Thuis", Sector.VEILIG_THUIS, MUNICIPALITY)
    worker = identity.register_professional(
        veilig_thuis, "VT medewerker", "vt@bench.example", "+31 20 000 0000", (Role.VT_MEDEWERKER,)
    )
    progress = Progress("open cases", count)
    for _ in range(count):
        platform.cases.receive_melding(_melding(veilig_thuis))
        progress.advance()
    progress.close()
    token = _token(platform, worker, veilig_thuis, Role.VT_MEDEWERKER)
    return token, lambda: len(platform.case_views[0].deadlines(str(veilig_thuis))) >= count


def _melding(veilig_thuis: UUID) -> MeldingForm:
    child = PersonDetails(BetrokkeneRole.CHILD, "Bench Kind", date(2015, 5, 1), None)
    return MeldingForm(
        veilig_thuis_id=veilig_thuis,
        betrokkenen=[child],
        concerns="zorgen over de thuissituatie",
        concern_kinds=[ConcernKind.NEGLECT],
        family_informed=True,
        melder_professional_id=None,
        melder_organisation_id=None,
        melder_name="Buurvrouw",
        melder_contact="06 12345678",
    )


def _token(platform: Platform, professional: UUID, organisation: UUID, role: Role) -> str:
    return platform.services.issuer.issue(professional, organisation, (role,), platform.clock())
