"""What the case views read from keten.cases.v1: the envelope in clear, the payload opened.

The payload is sealed with the case's (or advies's) data key; a view opens it while it is
built and keeps only what its audience may see. Personal fields inside the payload were
sealed before they reached the aggregate and stay sealed in the views: the gateway opens them
at read time, so destroying a key erases them everywhere without rebuilding a view.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Protocol

from domain.policy.need_to_know import Policy, shipped_policy
from kernel.cloudevents import ReceivedEvent, loads


class Opener(Protocol):
    def open_or_erased(self, key_id: str, sealed: str) -> str: ...
    def holding(self) -> AbstractContextManager[None]: ...


class OpensPayloads:
    """A case view's part: each data key is read from the store once per batch, not per event."""

    opener: Opener

    def holding(self) -> AbstractContextManager[None]:
        return self.opener.holding()


@dataclass(frozen=True)
class CaseEvent:
    kind: str  # the event type without its prefix: Received, Triaged, PlanStarted, …
    case_id: str
    plan_id: str | None
    occurred_at: str
    payload: dict[str, Any]  # empty once the case's key was destroyed


def read(event: ReceivedEvent, opener: Opener, audiences: tuple[str, ...]) -> CaseEvent | None:
    """The case event a record carries; None for an advies, which has no case, and for an
    event type the need-to-know policy does not list for the view's audiences: its payload
    is then never opened, so nothing of it can reach the view's tables."""
    data = event.data
    if "caseId" not in data or event.type not in _listed(audiences):
        return None
    sealed = data.get("payload")
    opened = opener.open_or_erased(data["caseId"], sealed) if sealed else ""
    payload = loads(opened) if opened.startswith("{") else {}
    return CaseEvent(data["eventType"], data["caseId"], data.get("planId"), data["occurredAt"], payload)


# Per audiences: the event types they may see, and the policy that says so. Every event of a case
# view asks; the policy is read once per process, so this is worked out again only for another.
_LISTED: dict[tuple[str, ...], tuple[Policy, frozenset[str]]] = {}


def _listed(audiences: tuple[str, ...]) -> frozenset[str]:
    policy = shipped_policy()
    known = _LISTED.get(audiences)
    if known is None or known[0] is not policy:
        known = _LISTED[audiences] = (policy, frozenset().union(*(policy[a].events for a in audiences)))
    return known[1]


def when(ev: CaseEvent) -> str:
    """When the step was taken, by the application's clock; the record's time otherwise."""
    for name in ("at", "received_at", "sent_at", "started_at"):
        if isinstance(ev.payload.get(name), str):
            return str(ev.payload[name])
    return ev.occurred_at


def dig(payload: dict[str, Any], path: str) -> Any:
    """The value at a dotted path of the payload, or None where any step is missing."""
    value: Any = payload
    for step in path.split("."):
        value = value.get(step) if isinstance(value, dict) else None
    return value
