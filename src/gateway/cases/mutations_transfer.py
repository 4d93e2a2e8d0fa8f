"""Transferring a case to the Veilig Thuis of another region, when the family moved.

The sending Veilig Thuis proposes (naming the receiving Veilig Thuis, or the family's new
gemeente, whose region decides); the receiving Veilig Thuis sees the proposal as ids only and
accepts or declines; either holds the transfer meeting; the sender completes it, and only then
does the case — dossier, deadlines, people — open for the receiver and close for the sender.
Every step is a HANDOVER line on the access log under the case id.
"""

from __future__ import annotations

from datetime import datetime

import strawberry

from domain.identity.model import Role
from gateway.cases.access import Info, transfer_party_case, veilig_thuis_case
from gateway.cases.readmodels import TransferRow
from gateway.cases.routing import receiving_veilig_thuis


@strawberry.type(description="A transfer proposed to the caller's Veilig Thuis: ids and times only.")
class TransferProposal:
    case_id: strawberry.ID
    from_veilig_thuis_id: strawberry.ID
    status: str
    proposed_at: datetime
    meeting_held_at: datetime | None

    @classmethod
    def of(cls, row: TransferRow) -> TransferProposal:
        return cls(
            case_id=strawberry.ID(row.case_id),
            from_veilig_thuis_id=strawberry.ID(row.from_id),
            status=row.status,
            proposed_at=row.proposed_at,
            meeting_held_at=row.meeting_held_at,
        )


@strawberry.type
class TransferMutation:
    @strawberry.mutation(
        description="VT_MEDEWERKER of the case's Veilig Thuis: propose the case to another Veilig Thuis, "
        "named, or found by the family's new gemeente (its region)."
    )
    def propose_transfer(
        self,
        info: Info,
        case_id: strawberry.ID,
        veilig_thuis_id: strawberry.ID | None = None,
        municipality_code: str | None = None,
    ) -> strawberry.ID:
        uuid = veilig_thuis_case(info, case_id)
        services = info.context.services
        to = receiving_veilig_thuis(services, veilig_thuis_id, municipality_code)
        services.cases.cases.propose_transfer(uuid, to)
        return strawberry.ID(str(to))

    @strawberry.mutation(description="VT_MEDEWERKER of the receiving Veilig Thuis: accept the transfer.")
    def accept_transfer(self, info: Info, case_id: strawberry.ID) -> strawberry.ID:
        info.context.services.cases.cases.accept_transfer(
            transfer_party_case(info, case_id, receiver_only=True)
        )
        return case_id

    @strawberry.mutation(description="VT_MEDEWERKER of the receiving Veilig Thuis: decline, with a reason.")
    def decline_transfer(self, info: Info, case_id: strawberry.ID, reason: str) -> strawberry.ID:
        uuid = transfer_party_case(info, case_id, receiver_only=True)
        info.context.services.cases.cases.decline_transfer(uuid, reason)
        return case_id

    @strawberry.mutation(description="VT_MEDEWERKER of either Veilig Thuis: the transfer meeting was held.")
    def hold_transfer_meeting(self, info: Info, case_id: strawberry.ID) -> strawberry.ID:
        info.context.services.cases.cases.hold_transfer_meeting(transfer_party_case(info, case_id))
        return case_id

    @strawberry.mutation(
        description="VT_MEDEWERKER of the sending Veilig Thuis: complete the transfer after its meeting."
    )
    def complete_transfer(self, info: Info, case_id: strawberry.ID) -> strawberry.ID:
        info.context.services.cases.cases.complete_transfer(veilig_thuis_case(info, case_id))
        return case_id


@strawberry.type
class TransferQuery:
    @strawberry.field(description="VT_MEDEWERKER: open transfers proposed to the caller's Veilig Thuis.")
    def transfer_proposals(self, info: Info) -> list[TransferProposal]:
        principal = info.context.principal
        principal.require(Role.VT_MEDEWERKER)
        rows = info.context.services.cases.vt_cases.transfers_to(str(principal.organisation_id))
        return [TransferProposal.of(row) for row in rows]
