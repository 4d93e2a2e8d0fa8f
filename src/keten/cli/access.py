"""The offline audit commands leave an access line, as the gateway does (NEN 7513).

`keten audit replay` and `keten audit export` open personal data outside the gateway, with the
operator's rights on the data dir. Whoever runs them names themself with `--by`: a registered
professional holding the role the matching GraphQL query asks (AUDITOR for a replay; for an
export a VT_MEDEWERKER of the case's own Veilig Thuis). The line is written to the access
log's event store before anything is printed — no line, no answer — and reaches
keten.access.v1 when a relay next runs. A refusal is written too, then the command stops.
"""

from __future__ import annotations

import socket
from typing import NoReturn
from uuid import UUID

from domain.access.model import Access, AccessKind, Outcome
from domain.errors import NotFound
from domain.identity.application import ProfessionalView
from domain.identity.model import Role
from keten.bootstrap import Platform

NOBODY = "-"  # the access line's user and organisation when `--by` names no professional
NO_TOKEN = "-"  # offline: no bearer token was shown


def access_point() -> str:
    """Where the access happened: this host's command line (the schema allows 64 characters)."""
    return f"cli:{socket.gethostname()}"[:64]


def require(platform: Platform, by: UUID, role: Role, client_id: str, rule: str) -> ProfessionalView:
    """The professional running the command, holding `role`; else a DENIED line and an exit."""
    try:
        professional = platform.identity.professional(by)
    except NotFound:
        refuse(platform, None, client_id, rule, f"--by {by}: no such professional")
    if role not in professional.roles:
        refuse(platform, professional, client_id, rule, f"--by {by}: needs the role {role.value}")
    return professional


def refuse(
    platform: Platform, professional: ProfessionalView | None, client_id: str, rule: str, why: str
) -> NoReturn:
    write(platform, professional, AccessKind.DENIED, client_id, rule, Outcome.DENIED)
    raise SystemExit(f"keten audit: {why} (the refusal is in the access log)")


def write(
    platform: Platform,
    professional: ProfessionalView | None,
    kind: AccessKind,
    client_id: str,
    rule: str,
    outcome: Outcome = Outcome.ALLOWED,
) -> None:
    user = str(professional.id) if professional else NOBODY
    responsible = str(professional.organisation_id) if professional else NOBODY
    line = Access(
        kind, platform.clock(), client_id, user, responsible, access_point(), NO_TOKEN, rule, outcome
    )
    platform.access.record([line])
