"""Subject access: Veilig Thuis answers a person's request for everything keten holds on them.

The export is built from the case's own events (not from a view), holds only the person's
own part of the file, and is logged as an EXPORT of the case.
"""

from __future__ import annotations

import json
from uuid import UUID

import strawberry

from domain.access.model import AccessKind
from domain.cases.sealing import Sealed
from domain.cases.subject_access import subject_access
from domain.errors import NotFound
from domain.identity.model import Role
from gateway.context import Context
from gateway.identity.types import parse_id
from gateway.policy import audience

Info = strawberry.Info[Context, None]
RULE_EXPORT = audience("vt_medewerker").rule("subjectAccessExport")


@strawberry.type
class SubjectAccessQuery:
    @strawberry.field(
        description="VT_MEDEWERKER of the case's Veilig Thuis: everything the case holds on one person "
        "(own details, statements, hearings, the steps that concern them), without third parties' "
        'data, as JSON text; shredded fields read "[erased]". Logged as an EXPORT.'
    )
    def subject_access_export(self, info: Info, case_id: strawberry.ID, person_id: strawberry.ID) -> str:
        casework, trail = info.context.services.cases, info.context.trail
        with trail.guard(str(case_id), RULE_EXPORT):
            info.context.principal.require(Role.VT_MEDEWERKER)
            uuid = parse_id(case_id, "case")
            if casework.cases.parties(uuid).veilig_thuis_id != info.context.principal.organisation_id:
                raise NotFound(f"no case {uuid}")
            person = parse_id(person_id, "person")

        def open_(key_id: UUID, sealed: Sealed) -> str:
            return casework.opener.open_or_erased(str(key_id), sealed)

        export = subject_access(casework.cases.events.get(uuid), person, open_)
        trail.note(AccessKind.EXPORT, str(uuid), RULE_EXPORT)
        return json.dumps(export, indent=2)
