"""Wiring the matcher's coordination: the covenant file, the directory's sectors, the calendar."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from uuid import UUID

from domain.calendar import WorkingCalendar
from domain.errors import NotFound
from domain.identity.application import IdentityApplication
from domain.identity.model import Sector
from domain.multisignaal.covenant import load_covenants
from domain.multisignaal.pseudonym import Pseudonymiser
from keten.clock import Clock
from matching.regie import Regie

COVENANTS_FILE = Path(__file__).resolve().parents[2] / "data" / "covenants" / "coordination.toml"
ORGANISATIONS_CACHED = 4096  # a directory's organisations: each sector read once per process


def regie_for(
    identity: IdentityApplication, pseudonymiser: Pseudonymiser, calendar: WorkingCalendar, clock: Clock
) -> Regie:
    """The matcher's coordination: covenants keyed as the signals name municipalities."""

    # An organisation's sector is given when it is registered and never changes: remembered, it
    # spares every match two directory reads. NotFound is not remembered (an exception is never
    # cached): an organisation registered later is found then.
    @lru_cache(maxsize=ORGANISATIONS_CACHED)
    def registered_sector(organisation_id: UUID) -> Sector:
        return identity.organisation(organisation_id).sector

    def sector_of(organisation_id: UUID) -> Sector:
        try:
            return registered_sector(organisation_id)
        except NotFound:
            return Sector.OVERIG  # not in this directory: ranked like any sector the covenant leaves out

    rules = load_covenants(COVENANTS_FILE).rekeyed(pseudonymiser.municipality)
    return Regie(rules, sector_of, calendar, clock)
