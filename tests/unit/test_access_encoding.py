"""An access line is stored as exactly what dataclasses.asdict made of it (stored lines written
before keep decoding), without asdict's deep copy — safe only while every field is immutable."""

from __future__ import annotations

from dataclasses import asdict, fields
from datetime import UTC, datetime
from uuid import uuid4

import pytest

from domain.access.application import AccessAsDict
from domain.access.model import Access, AccessKind, Outcome

IMMUTABLE_FIELD_TYPES = {"AccessKind", "Outcome", "datetime", "str", "str | None"}


def a_line(reason: str | None) -> Access:
    return Access(
        kind=AccessKind.BREAK_THE_GLASS if reason else AccessKind.READ,
        at=datetime(2026, 11, 30, 22, 40, tzinfo=UTC),
        client_id=str(uuid4()),
        user_id=str(uuid4()),
        responsible_id=str(uuid4()),
        client_address="127.0.0.1",
        token_id=uuid4().hex,
        rule="signaller.my_matches",
        outcome=Outcome.ALLOWED,
        reason=reason,
    )


@pytest.mark.parametrize("reason", [None, "acuut gevaar"])
def test_a_line_encodes_as_asdict_did_and_decodes_back(reason: str | None) -> None:
    line, transcoding = a_line(reason), AccessAsDict()

    encoded = transcoding.encode(line)

    assert encoded == asdict(line)
    assert list(encoded) == list(asdict(line))
    assert transcoding.decode(encoded) == line


def test_every_field_of_a_line_is_an_immutable_value() -> None:
    assert {str(field.type) for field in fields(Access)} <= IMMUTABLE_FIELD_TYPES
