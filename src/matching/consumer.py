"""Feeds keten.signals.v1 to the matcher."""

from __future__ import annotations

from kernel.cloudevents import ReceivedEvent
from kernel.contracts import SIGNALS_TOPIC
from matching.application import MatchingApplication


class MatcherHandler:
    name = "matcher"
    topics = (SIGNALS_TOPIC,)

    def __init__(self, app: MatchingApplication) -> None:
        self.app = app

    def handle(self, event: ReceivedEvent) -> bool:
        return self.app.process(event.source, event.sequence, event.type, event.data, event.time)

    def offsets(self) -> dict[tuple[str, int], tuple[int, str]]:
        # The matcher keeps only its tracking; it re-reads the topic from the start and skips
        # what its tracking already holds (one indexed lookup per record).
        return {}
