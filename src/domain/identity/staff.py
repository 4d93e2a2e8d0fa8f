"""Who works where, and under which e-mail address: an index of the professionals' Registered
events, read once per process and afterwards only what is new in the log.

A professional's organisation and address never change after registration (the aggregate has
no other event), so the index is exact. A form that offers colleagues, a handover mail to an
organisation and an invitation by address find their professionals without reading the whole
directory of the country each time (which they did: one aggregate per professional, per call).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import NamedTuple
from uuid import UUID


class Registered(NamedTuple):
    notification_id: int
    professional_id: UUID
    organisation_id: UUID
    email: str


# The Registered events after a notification id, in log order.
RegisteredAfter = Callable[[int], Iterable[Registered]]


class StaffIndex:
    def __init__(self) -> None:
        self._lock = threading.Lock()  # the gateway's requests read it from several threads
        self._read_up_to = 0
        self._by_organisation: dict[UUID, list[UUID]] = {}
        self._by_email: dict[str, list[UUID]] = {}

    def of(self, organisation_id: UUID, registered_after: RegisteredAfter) -> list[UUID]:
        """The professionals of one organisation, in the order they were registered."""
        with self._lock:
            self._catch_up(registered_after)
            return list(self._by_organisation.get(organisation_id, ()))

    def with_email(self, email: str, registered_after: RegisteredAfter) -> list[UUID]:
        """The professionals registered with this address (case aside), in that order."""
        with self._lock:
            self._catch_up(registered_after)
            return list(self._by_email.get(email.strip().lower(), ()))

    def _catch_up(self, registered_after: RegisteredAfter) -> None:
        for registered in registered_after(self._read_up_to):
            self._by_organisation.setdefault(registered.organisation_id, []).append(
                registered.professional_id
            )
            self._by_email.setdefault(registered.email.lower(), []).append(registered.professional_id)
            self._read_up_to = registered.notification_id
