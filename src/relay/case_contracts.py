"""The JSON Schemas of keten.cases.v1, one per public event type, all of one shape.

`python -m relay.case_contracts schemas/events` (re)writes them; a unit test fails when the
committed files and this shape drift apart.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from kernel.contracts import CASES_PREFIX, CASES_TOPIC
from relay.cases import public_event_types

UUID_PATTERN = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
UUID_PROPERTY = {"type": "string", "format": "uuid", "pattern": UUID_PATTERN}
IDS = {"Case": ("caseId",), "Plan": ("caseId", "planId"), "Advies": ("adviesId",)}
SEALED = (
    "AES-GCM ciphertext (base64) of the whole event under the {owner}'s data key; null once it was destroyed"
)


def file_name(event_type: str, aggregate: str) -> str:
    return f"{event_type if aggregate != 'Case' else 'Case' + event_type}.json"


def event_schema(event_type: str, aggregate: str) -> dict[str, Any]:
    ids = IDS[aggregate]
    owner = "advies" if aggregate == "Advies" else "case"
    properties: dict[str, Any] = {name: UUID_PROPERTY for name in ids} | {
        "eventType": {"const": event_type},
        "version": {"type": "integer", "minimum": 1},
        "occurredAt": {"type": "string", "format": "date-time", "pattern": "^\\d{4}-\\d{2}-\\d{2}T"},
        "chainHead": {
            "type": "string",
            "pattern": "^[0-9a-f]{64}$",
            "description": "SHA-256 (hex) head of the hash chain of this event's stream after this event",
        },
        "payload": {
            "type": ["string", "null"],
            "pattern": "^[A-Za-z0-9+/=]+$",
            "description": SEALED.format(owner=owner),
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://keten.example/schemas/events/{file_name(event_type, aggregate)}",
        "title": f"{aggregate}.{event_type.removeprefix(aggregate) if aggregate != 'Case' else event_type}",
        "description": f"A {aggregate.lower()} event: ids, type, version and time in clear, the rest sealed.",
        "x-topic": CASES_TOPIC,
        "x-ce-type": CASES_PREFIX + event_type,
        "type": "object",
        "properties": properties,
        "required": sorted(properties),
        "additionalProperties": False,
    }


def contracts() -> dict[str, str]:
    """File name → the text of its schema file."""
    return {
        file_name(kind, aggregate): json.dumps(event_schema(kind, aggregate), indent=2) + "\n"
        for kind, aggregate in public_event_types().items()
    }


def write(events_dir: Path) -> None:
    for name, text in contracts().items():
        (events_dir / name).write_text(text)


if __name__ == "__main__":
    write(Path(sys.argv[1]))
