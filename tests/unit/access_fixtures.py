"""The access log on in-memory parts: the application on POPO, the relay's mapper, the view —
each request's lines reach the view at once, as the relay and the consumer would carry them."""

from __future__ import annotations

import os
from collections.abc import Sequence

from tests.unit.feeds import received

from domain.access.application import AccessLogApplication
from domain.access.model import Access
from gateway.access.readmodels import AccessLog
from kernel.cloudevents import PublicEvent, ReceivedEvent
from kernel.sqlstore import SQLiteDatabase
from keten.keystore import KeyStore
from projections.access_log import AccessLogView
from relay.access import AccessMapper
from relay.records import ready

POPO = {"PERSISTENCE_MODULE": "eventsourcing.popo"}


class AccessPipeline:
    def __init__(self) -> None:
        self.app = AccessLogApplication(env=POPO)
        self.view = AccessLogView(SQLiteDatabase(":memory:"))
        self.sealer = AccessMapper(KeyStore(SQLiteDatabase(":memory:"), os.urandom(32)).seal)
        self.published: list[PublicEvent] = []
        self.saves = 0
        self._position = 0

    def record(self, accesses: Sequence[Access]) -> None:
        self.saves += 1
        self.app.record(accesses)
        notifications = self.app.recorder.select_notifications(self._position + 1, 10_000)
        for item in ready(self.app, self.sealer, None, notifications):  # as the relay maps them
            self._position = item.notification.id
            assert item.public is not None
            self.published.append(item.public)
            self.view.handle(_received(item.public, item.sequence))

    def port(self) -> AccessLog:
        return AccessLog(record=self.record, view=self.view)


def _received(event: PublicEvent, sequence: int) -> ReceivedEvent:
    return received(event, sequence, source="/keten/access")
