"""When an Onderzoek needs the vertrouwensarts (the Veilig Thuis physician) before it concludes.

Always for physical or sexual abuse and for suspected psychiatric or addiction problems of a
betrokkene; when a child is involved, also in an acute situation (an acute melding, or acute
unsafety at triage) and in a life-threatening one.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from domain.cases.intake import ConcernKind
from domain.errors import DomainError

if TYPE_CHECKING:
    from domain.cases.case import Case

ALWAYS = frozenset(
    {
        ConcernKind.PHYSICAL_ABUSE,
        ConcernKind.SEXUAL_ABUSE,
        ConcernKind.PSYCHIATRIC_PROBLEMS,
        ConcernKind.ADDICTION,
    }
)


def vertrouwensarts_required(concerns: Iterable[ConcernKind], acute: bool, child_involved: bool) -> bool:
    kinds = set(concerns)
    life_threatening = acute or ConcernKind.LIFE_THREATENING in kinds
    return bool(kinds & ALWAYS) or (child_involved and life_threatening)


def check_vertrouwensarts_not_required(case: Case) -> None:
    acute = case.intake.acute or bool(case.triage_outcome and case.triage_outcome.acute_unsafety)
    if vertrouwensarts_required(case.concern_kinds, acute, case.child_involved):
        raise VertrouwensartsRequired("this Onderzoek concludes only with the vertrouwensarts involved")


class VertrouwensartsRequired(DomainError):
    code = "VERTROUWENSARTS_REQUIRED"
