"""The composition root: the only module that knows every piece."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from uuid import UUID

from domain.identity.application import IdentityApplication
from domain.multisignaal.application import MultisignaalApplication
from domain.multisignaal.pseudonym import Pseudonymiser
from domain.multisignaal.record import YouthRecord
from gateway.auth import TokenIssuer, TokenVerifier
from gateway.context import Services
from keten.consumers import Handler
from keten.keystore import KeyStore
from keten.secrets import Secrets, load_secrets
from keten.settings import Settings
from keten.sqlstore import Database, PostgresDatabase, SQLiteDatabase, postgres_dsn_from_env
from matching.application import MatchingApplication
from matching.consumer import MatcherHandler
from projections.matches import MatchesView
from projections.signals import MySignalsView
from relay.matches import MATCHES_TOPIC, MatchesMapper
from relay.positions import RelayPositions
from relay.relay import Relay
from relay.signals import SIGNALS_TOPIC, SignalsMapper

REPO = Path(__file__).resolve().parents[2]
SCHEMAS_DIR = REPO / "schemas"
TOPICS = (SIGNALS_TOPIC, MATCHES_TOPIC)

Clock = Callable[[], datetime]


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass
class Platform:
    settings: Settings
    secrets: Secrets
    keystore: KeyStore
    identity: IdentityApplication
    multisignaal: MultisignaalApplication
    matching: MatchingApplication
    my_signals: MySignalsView
    matches: MatchesView
    services: Services
    clock: Clock

    def relays(self, bootstrap_servers: str) -> list[Relay]:
        positions = RelayPositions(self._db("relay"))
        pairs = (
            (
                self.multisignaal,
                SignalsMapper(self.keystore, self._subject_of_record),
                (SIGNALS_TOPIC,),
            ),
            (self.matching, MatchesMapper(self.matching.subject_of), (MATCHES_TOPIC,)),
        )
        partitions = self.settings.topic_partitions
        return [
            Relay(app, mapper, topics, positions, bootstrap_servers, partitions)
            for app, mapper, topics in pairs
        ]

    def handlers(self) -> list[Handler]:
        return [MatcherHandler(self.matching), self.my_signals, self.matches]

    def close(self) -> None:
        for app in (self.identity, self.multisignaal, self.matching):
            app.close()

    def _subject_of_record(self, record_id: UUID) -> str:
        first: YouthRecord = self.multisignaal.repository.get(record_id, version=1)
        return first.subject

    def _db(self, name: str) -> Database:
        return open_database(self.settings, name)


def open_database(settings: Settings, name: str) -> Database:
    """keten's own tables (views, relay positions, keys) live beside the event store."""
    if settings.persistence_module == "eventsourcing.postgres":
        return PostgresDatabase(postgres_dsn_from_env(dict(os.environ)), os.environ.get("POSTGRES_SCHEMA"))
    return SQLiteDatabase(settings.data_dir / f"{name}.db")


def app_env(settings: Settings, secrets: Secrets, name: str) -> dict[str, str]:
    env = {
        "PERSISTENCE_MODULE": settings.persistence_module,
        "CIPHER_TOPIC": "eventsourcing.cryptography:AESCipher",
        "CIPHER_KEY": secrets.cipher_key,
        "COMPRESSOR_TOPIC": "eventsourcing.compressor:ZlibCompressor",
    }
    if settings.persistence_module == "eventsourcing.sqlite":
        env["SQLITE_DBNAME"] = str(settings.data_dir / f"{name}.db")
    return env


def bootstrap(settings: Settings, clock: Clock = utcnow) -> Platform:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    secrets = load_secrets(settings)
    keystore = KeyStore(open_database(settings, "keys"), secrets.master_key)
    pseudonymiser = Pseudonymiser(secrets.pepper)
    identity = IdentityApplication(env=app_env(settings, secrets, "identity"))
    multisignaal = MultisignaalApplication(
        pseudonymiser,
        clock,
        settings.signal_active_days,
        env=app_env(settings, secrets, "multisignaal"),
    )
    matching = MatchingApplication(env=app_env(settings, secrets, "matching"))
    views_db = open_database(settings, "views")
    my_signals, matches = MySignalsView(views_db, keystore), MatchesView(views_db)
    services = Services(
        identity=identity,
        multisignaal=multisignaal,
        my_signals=my_signals,
        matches=matches,
        issuer=TokenIssuer(secrets.signing_key, timedelta(hours=settings.token_ttl_hours)),
        verifier=TokenVerifier(secrets.signing_key.public_key()),
        pseudonymiser=pseudonymiser,
        clock=clock,
    )
    return Platform(
        settings,
        secrets,
        keystore,
        identity,
        multisignaal,
        matching,
        my_signals,
        matches,
        services,
        clock,
    )
