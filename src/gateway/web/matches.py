""" "Mijn matches": the counterparts of each match, kept up to date while the page is open.

The page runs `myMatches` (its access lines are the query's). Live update without a reload:
`/matches/live` is a server-sent event stream that says only *that* the caller's matches
changed (a digest of ids, nothing personal), then ends; the page's script fetches the page
again — so the new rows come through `myMatches` and its access log — and listens anew.
Without JavaScript the page is complete; a reload shows the same.

The page's own digest is of the rows it shows, not of a second read: a match that lands
between the two would otherwise be in the digest and not on the page, and the stream would
never say that it changed.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import AsyncIterator, Iterable
from typing import Any

from starlette.responses import Response, StreamingResponse

from gateway.context import Services
from gateway.listeners import TooManyListeners
from gateway.web.page import SESSION_COOKIE, Visit, signed_in

MY_MATCHES = """
query MyMatches {
  myMatches {
    id since
    counterparts { professionalId since organisation { name sector } professional { name email phone } }
  }
}"""
LIVE_SECONDS = 10.0  # a stream ends after this; the browser opens the next (no held shutdown)
RETRY_MILLISECONDS = 1000


@signed_in
async def my_matches(visit: Visit) -> Response:
    outcome = await visit.run(MY_MATCHES)
    matches = (outcome.data or {}).get("myMatches") or []
    if outcome.refusals or outcome.data is None:  # nothing (whole) shown: what the view holds
        known = digest(visit.services, str(visit.principal.professional if visit.principal else ""))
    else:
        known = shown_digest(matches)
    return visit.page("mijn_matches.html", matches=matches, known=known, refusals=outcome.general())


async def _live(visit: Visit) -> Response:
    """`event: changed` once the caller's matches differ from `known`; `event: ended` when the
    session has; otherwise comments to keep the line open, until LIVE_SECONDS pass."""
    services, token = visit.services, visit.request.cookies.get(SESSION_COOKIE, "")
    professional = str(visit.principal.professional if visit.principal else "")
    if not services.listeners.has_room(professional):
        # A browser does not reconnect after a refusal: this tab stays as it is (a reload
        # shows what is new), and the professional's other tabs and systems go on listening.
        return Response("too many live listeners", status_code=429, media_type="text/plain")
    known = visit.request.query_params.get("known", "")
    stream = _changes(services, token, professional, known)
    return StreamingResponse(stream, media_type="text/event-stream", headers={"X-Accel-Buffering": "no"})


async def _changes(services: Services, token: str, professional: str, known: str) -> AsyncIterator[str]:
    yield f"retry: {RETRY_MILLISECONDS}\n\n"
    try:
        with services.listeners.listening(professional):
            async for line in _watch(services, token, professional, known):
                yield line
    except TooManyListeners:  # taken meanwhile by another listener: ends, the browser asks again
        return


async def _watch(services: Services, token: str, professional: str, known: str) -> AsyncIterator[str]:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + LIVE_SECONDS
    while loop.time() < deadline:
        if not services.web.sessions.alive(token, services.clock()):
            yield "event: ended\ndata: -\n\n"
            return
        if await asyncio.to_thread(digest, services, professional) != known:
            yield "event: changed\ndata: -\n\n"
            return
        yield ": still here\n\n"
        await asyncio.sleep(services.notification_poll_seconds)


live = signed_in(_live, touch=False)


def digest(services: Services, professional_id: str) -> str:
    """What the caller's matches are, as a hash of match and counterpart ids: it tells the page
    whether to ask again, and says nothing itself."""
    rows = services.matches.for_professional(professional_id)
    return _fingerprint((r.id, (c.professional_id for c in r.counterparts)) for r in rows)


def shown_digest(matches: list[dict[str, Any]]) -> str:
    """`digest` of the matches a page shows, as `myMatches` answered them."""
    return _fingerprint((m["id"], (c["professionalId"] for c in m["counterparts"])) for m in matches)


def _fingerprint(matches: Iterable[tuple[str, Iterable[str]]]) -> str:
    parts = sorted(f"{match}:{','.join(sorted(counterparts))}" for match, counterparts in matches)
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]
