"""The published language of case work: keten.cases.v1 — ids, types, dates and ciphertext.

Every public Case, Plan and Advies event travels as `{caseId, eventType, version, occurredAt,
payload}`. `payload` is the whole event as plain JSON (enums by value, dates and times in ISO
8601, the domain's value objects as objects of their fields; fields sealed before they reached
the aggregate stay sealed inside) and is then sealed once more with the case's data
key, so destroying that key shreds the record on Kafka as well. A plan's events name their
plan too and are keyed by the case id, so a family's case and plan stay in one order. An
advies has no family: it travels as `{adviesId, …}`, keyed and sealed by its own id. The
family aggregate only guards one-plan-one-regisseur and is not published.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import fields, is_dataclass
from datetime import date, datetime
from enum import Enum
from functools import lru_cache
from typing import Any
from uuid import UUID

from domain.cases.advies import Advies
from domain.cases.case import Case
from domain.cases.plan import Plan
from kernel.cloudevents import PublicEvent
from kernel.contracts import CASES_PREFIX, CASES_TOPIC

_ENVELOPE = frozenset({"originator_id", "originator_version", "originator_topic", "timestamp"})

# Seals plaintext under a key id; None when that key was destroyed (the payload is gone).
Seal = Callable[[str, str], str | None]
_AGGREGATES: tuple[tuple[type[Any], str], ...] = ((Case, ""), (Plan, "Plan"), (Advies, "Advies"))


def public_event_types() -> dict[str, str]:
    """Every published event type, mapped to the aggregate it belongs to."""
    return {
        prefix + name: aggregate.__name__
        for aggregate, prefix in _AGGREGATES
        for name, value in vars(aggregate).items()
        if isinstance(value, type) and issubclass(value, aggregate.Event) and name not in ("Event", "Created")
    }


def event_type(event: Any) -> str | None:
    for aggregate, prefix in _AGGREGATES:
        if isinstance(event, aggregate.Event):
            return prefix + type(event).__name__
    return None


def plain(value: Any) -> Any:
    """The JSON form of an event attribute, with the application's own value encodings."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    if is_dataclass(value) and not isinstance(value, type):
        return {field.name: plain(getattr(value, field.name)) for field in fields(value)}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {str(plain(key)): plain(item) for key, item in value.items()}
    return value


def payload_json(event: Any) -> str:
    attributes = {name: plain(v) for name, v in vars(event).items() if name not in _ENVELOPE}
    return json.dumps(attributes, separators=(",", ":"), sort_keys=True)


class CasesMapper:
    def __init__(self, seal: Seal, case_of_plan: Callable[[UUID], UUID]) -> None:
        self.seal = seal
        # A plan's case never changes: one read of its first event per plan.
        self._case_of_plan = lru_cache(maxsize=65536)(case_of_plan)

    def __call__(self, event: Any) -> PublicEvent | None:
        kind = event_type(event)
        if kind is None:
            return None
        owner, ids = self._owner(event)
        data = {
            **ids,
            "eventType": kind,
            "version": event.originator_version,
            "occurredAt": event.timestamp.isoformat(),
            "payload": self.seal(owner, payload_json(event)),
        }
        return PublicEvent(
            CASES_TOPIC, CASES_PREFIX + kind, owner, str(event.originator_id), data, event.timestamp
        )

    def _owner(self, event: Any) -> tuple[str, dict[str, str]]:
        """The key that orders and seals the event, and the ids it travels with."""
        aggregate_id = str(event.originator_id)
        if isinstance(event, Advies.Event):
            return aggregate_id, {"adviesId": aggregate_id}
        if isinstance(event, Plan.Event):
            case_id = str(getattr(event, "case_id", None) or self._case_of_plan(event.originator_id))
            return case_id, {"caseId": case_id, "planId": aggregate_id}
        return aggregate_id, {"caseId": aggregate_id}
