"""The access log application: records a request's access lines in one transaction, as batches
of at most `LINES_PER_BATCH` lines (one stored event each)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import fields
from typing import Any
from uuid import UUID

from eventsourcing.persistence import JSONTranscoder, Transcoding

from domain.access.model import (
    LINES_PER_BATCH,
    Access,
    AccessBatch,
    AccessKind,
    AccessRecord,
    Outcome,
    check_break_the_glass_reason,
)
from domain.base import KetenApplication

ACCESS_FIELDS = tuple(field.name for field in fields(Access))


class AccessAsDict(Transcoding):
    type = Access
    name = "access"

    def encode(self, obj: Access) -> dict[str, Any]:
        # What dataclasses.asdict gives, without its deep copy: every field is an immutable
        # value (str, enum, datetime), and a request of 20 matches writes 20 lines.
        return {name: getattr(obj, name) for name in ACCESS_FIELDS}

    def decode(self, data: dict[str, Any]) -> Access:
        return Access(**data)


class AccessLogApplication(KetenApplication):
    name = "access"
    enum_types = (AccessKind, Outcome)

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        transcoder.register(AccessAsDict())

    def record(self, accesses: Sequence[Access]) -> list[UUID]:
        """One save for the whole request: the lines are written together or not at all.
        Returns each line's id, in order."""
        for access in accesses:
            if access.reason is not None:
                check_break_the_glass_reason(access.reason)
        batch_count = -(-len(accesses) // LINES_PER_BATCH)
        ids = fresh_ids(len(accesses) + batch_count)
        line_ids, batch_ids = ids[: len(accesses)], ids[len(accesses) :]
        batches = [
            AccessBatch(
                id=batch_ids[start // LINES_PER_BATCH],
                line_ids=line_ids[start : start + LINES_PER_BATCH],
                lines=list(accesses[start : start + LINES_PER_BATCH]),
            )
            for start in range(0, len(accesses), LINES_PER_BATCH)
        ]
        if batches:
            self.save(*batches)
        return line_ids


def fresh_ids(count: int) -> list[UUID]:
    """`count` random (version 4) ids from one read of the system's randomness. uuid4 reads it
    once per id, and for a request of 20 lines those reads cost more than the lines' SQL."""
    random = os.urandom(16 * count)
    return [UUID(bytes=random[at : at + 16], version=4) for at in range(0, 16 * count, 16)]


def lines_of(event: Any) -> list[tuple[UUID, Access]]:
    """The access lines a stored access event holds, each with its id: a batch's, or the one of
    a line stored on its own (before batches)."""
    if isinstance(event, AccessBatch.Event) and type(event).__name__ == "AccessesRecorded":
        return list(zip(event.line_ids, event.lines, strict=True))  # type: ignore[attr-defined]
    if isinstance(event, AccessRecord.Event) and type(event).__name__ == "AccessRecorded":
        return [(event.originator_id, event.access)]  # type: ignore[attr-defined]
    return []
