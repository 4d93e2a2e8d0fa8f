"""The relays of every application: which mapper publishes its events, to which topic.

Each relay is built only when asked for, so `keten relay --app matching` opens the matching
store and no other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any
from uuid import UUID

from domain.multisignaal.record import YouthRecord
from kernel.contracts import ACCESS_TOPIC, CASES_TOPIC, MATCHES_TOPIC, SIGNALS_TOPIC
from keten.youth_keys import YouthSealer
from relay.access import AccessMapper
from relay.cases import CasesMapper
from relay.chain import CaseChain
from relay.matches import MatchesMapper
from relay.parking import ParkedRecords
from relay.positions import RelayPositions
from relay.records import Mapper
from relay.relay import Relay
from relay.signals import SignalsMapper

if TYPE_CHECKING:
    from keten.bootstrap import Platform

Source = tuple[Any, Mapper]  # the application, and the mapper to its published language


def _multisignaal(platform: Platform) -> Source:
    sealer = YouthSealer(platform.keystore)
    return platform.multisignaal, SignalsMapper(sealer, _subject_of_record(platform))


def _matching(platform: Platform) -> Source:
    return platform.matching, MatchesMapper(platform.matching.subject_of)


def _cases(platform: Platform) -> Source:
    return platform.cases, CasesMapper(platform.seal_unless_erased, platform.case_of_plan)


def _access(platform: Platform) -> Source:
    return platform.access, AccessMapper(platform.seal_unless_erased)


SOURCES: dict[str, Callable[[Platform], Source]] = {
    "multisignaal": _multisignaal,
    "matching": _matching,
    "cases": _cases,
    "access": _access,
}


# What each relay publishes where (also the AsyncAPI document's senders).
SOURCE_TOPICS = {
    "multisignaal": SIGNALS_TOPIC,
    "matching": MATCHES_TOPIC,
    "cases": CASES_TOPIC,
    "access": ACCESS_TOPIC,
}


def build_relays(platform: Platform, bootstrap_servers: str, apps: Iterable[str]) -> list[Relay]:
    relay_db, settings = platform.database("relay"), platform.settings
    positions, parking = RelayPositions(relay_db), ParkedRecords(relay_db)
    relays = []
    for name in apps:
        app, mapper = SOURCES[name](platform)
        # The case streams carry a hash chain, recorded beside the relay's positions.
        chain = CaseChain(relay_db) if name == "cases" else None
        relay = Relay(
            app,
            mapper,
            (SOURCE_TOPICS[name],),
            positions,
            bootstrap_servers,
            settings.topic_partitions,
            parking,
            chain=chain,
            attempts=settings.relay_attempts,
            backoff_seconds=settings.relay_backoff_seconds,
        )
        relays.append(relay)
    return relays


def _subject_of_record(platform: Platform) -> Callable[[UUID], str]:
    def subject_of(record_id: UUID) -> str:
        first: YouthRecord = platform.multisignaal.repository.get(record_id, version=1)
        return first.subject

    return subject_of
