"""The access log application: records a request's access lines in one transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields
from typing import Any
from uuid import UUID, uuid4

from eventsourcing.persistence import JSONTranscoder, Transcoding

from domain.access.model import Access, AccessKind, AccessRecord, Outcome, check_break_the_glass_reason
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
        """One save for the whole request: the lines are written together or not at all."""
        for access in accesses:
            if access.reason is not None:
                check_break_the_glass_reason(access.reason)
        records = [AccessRecord(id=uuid4(), access=access) for access in accesses]
        if records:
            self.save(*records)
        return [record.id for record in records]

    def get(self, record_id: UUID) -> Access:
        record: AccessRecord = self.repository.get(record_id)
        return record.access
