"""How long Veilig Thuis keeps a closed case, and which keys its end destroys.

The rule (domain.md §2, fact 9; Wmo 2015 art. 5.3.4, and the 20 years that Rijksoverheid and
Veilig Thuis Gooi en Vecht state today [RO][GV]): a file is kept 20 years after the case was
closed, or until the youngest child of the case turns 18 when that is later. The law's 2015
text said 15 years; keten follows the current 20. Children are the betrokkenen with role
CHILD; their birth dates are sealed, so the caller opens them (an erased child no longer
counts). At the end every key of the case's data is destroyed: the case's own, and every
person's — betrokkenen, a citizen melder — and a converted advies's.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any
from uuid import UUID

from domain.base import KetenApplication
from domain.calendar import add_months, dutch_date
from domain.cases.case import Case

RETENTION_YEARS = 20
ADULT_AGE = 18
_CLOSED = f"{Case.__module__}:Case.Closed"


def retained_until(closed_on: date, child_birth_dates: list[date]) -> date:
    """The first day the case may be destroyed."""
    until = add_months(closed_on, 12 * RETENTION_YEARS)
    adult_days = [add_months(born, 12 * ADULT_AGE) for born in child_birth_dates]
    return max([until, *adult_days])


def closed_cases(app: KetenApplication) -> Iterator[tuple[UUID, date]]:
    """Every closed case and its closing day (Dutch calendar), from the notification log."""
    for notification in app.notifications_after(0, _CLOSED):
        closed: Any = app.mapper.to_domain_event(notification)
        yield UUID(str(notification.originator_id)), dutch_date(closed.at)


def keys_of(case: Case) -> list[UUID]:
    """Every data key that holds the case's data."""
    melder, advies = case.intake.melder.person_id, case.intake.advies_id
    extra = [key for key in (melder, advies) if key is not None]
    return [case.id, *case.betrokkenen, *extra]
