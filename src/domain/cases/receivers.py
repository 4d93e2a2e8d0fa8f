"""Which organisations of the sociale kaart can receive a warm handover of which kind.

A lokaal team or an MDT must be registered as one; existing help can be any organisation
except Veilig Thuis itself. An organisation registered without a kind is taken at its word:
the kinds came after the directory, and refusing every older entry would block handovers.
"""

from __future__ import annotations

from domain.cases.handover import ReceiverKind
from domain.errors import DomainError
from domain.identity.model import OrganisationKind

_FITS = {
    ReceiverKind.LOKAAL_TEAM: frozenset({OrganisationKind.LOKAAL_TEAM}),
    ReceiverKind.MDT: frozenset({OrganisationKind.MDT}),
    ReceiverKind.EXISTING_HELP: frozenset(OrganisationKind) - {OrganisationKind.VEILIG_THUIS},
}


def check_receiver(kind: ReceiverKind, organisation_kind: OrganisationKind | None) -> None:
    if organisation_kind is not None and organisation_kind not in _FITS[kind]:
        raise ReceiverNotSuitable(
            f"a {organisation_kind.value} organisation cannot take a {kind.value} handover"
        )


class ReceiverNotSuitable(DomainError):
    code = "RECEIVER_NOT_SUITABLE"
