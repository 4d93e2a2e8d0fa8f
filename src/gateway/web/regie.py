"""The regievoerder's pages: the matches of the own municipality and the verwijsindex logboek.

Both run the regievoerder's GraphQL queries; a professional without the role is refused by
the query itself (FORBIDDEN), and the page says so plainly (403).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from starlette.responses import Response

from domain.errors import NotFound
from gateway.web.page import Visit, signed_in

MUNICIPALITY_MATCHES = """
query MunicipalityMatches {
  municipalityMatches {
    id since
    counterparts { since organisation { name sector } professional { name email phone } }
    coordination { status professional { name } organisation { name } }
  }
}"""
LOGBOOK = """
query Logbook { signalLogbook { action at signalId matchId professionalId organisationId } }"""
ACTIONS = {
    "REGISTERED": "Signaal afgegeven",
    "WITHDRAWN": "Signaal ingetrokken",
    "EXPIRED": "Signaal verlopen",
    "NOTIFIED": "Gemeld (match)",
}


@signed_in
async def municipality_matches(visit: Visit) -> Response:
    outcome = await visit.run(MUNICIPALITY_MATCHES)
    if outcome.refusals:
        return visit.page("fout.html", 403, refusal=outcome.refusals[0])
    assert outcome.data is not None
    return visit.page("gemeente_matches.html", matches=outcome.data["municipalityMatches"])


@signed_in
async def logbook(visit: Visit) -> Response:
    outcome = await visit.run(LOGBOOK)
    if outcome.refusals:
        return visit.page("fout.html", 403, refusal=outcome.refusals[0])
    assert outcome.data is not None
    entries = [_named(visit, entry) for entry in outcome.data["signalLogbook"]]
    return visit.page("logboek.html", entries=entries, actions=ACTIONS)


def _named(visit: Visit, entry: dict[str, Any]) -> dict[str, Any]:
    """The directory's names for the ids a logbook line holds (professionals, not young people)."""
    identity = visit.services.identity
    try:
        organisation = identity.organisation(UUID(entry["organisationId"])).name
        professional = identity.professional(UUID(entry["professionalId"])).name
    except NotFound:
        organisation = professional = "onbekend"
    return {**entry, "organisation": organisation, "professional": professional}
