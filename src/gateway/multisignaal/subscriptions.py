"""Match notifications: pushed when the caller gains a match or a new counterpart.

A push shows the counterparts' contact details as `myMatches` does, so it leaves the same kind
of access line, written before the push is sent (`gateway.access.extension`). A professional
holds at most `gateway.listeners.LIMIT` subscriptions and live streams open at once."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator

import strawberry

from gateway.context import Context
from gateway.multisignaal.types import Match
from gateway.readmodels import MatchRow

Info = strawberry.Info[Context, None]


def _fingerprint(row: MatchRow) -> frozenset[str]:
    return frozenset(c.professional_id for c in row.counterparts)


@strawberry.type
class MultisignaalSubscription:
    @strawberry.subscription(description="A match (new, or with a new counterpart) for the caller.")
    async def match_notifications(self, info: Info) -> AsyncGenerator[Match, None]:
        services = info.context.services
        professional_id = str(info.context.principal.professional)
        with services.listeners.listening(professional_id):
            # The view is the source, so this works whichever process built it.
            seen = {row.id: _fingerprint(row) for row in services.matches.for_professional(professional_id)}
            while True:
                await asyncio.sleep(services.notification_poll_seconds)
                info.context.principal  # noqa: B018 — verified again: a revoked or expired token ends it
                rows = await asyncio.to_thread(services.matches.for_professional, professional_id)
                for row in rows:
                    if not _fingerprint(row) <= seen.get(row.id, frozenset()):
                        info.context.trail.read([row.id], "signaller.match_notifications")
                        yield Match.of(row, services.identity)
                seen = {row.id: _fingerprint(row) for row in rows}
