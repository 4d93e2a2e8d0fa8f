"""The composition root: the only module that knows every piece."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from uuid import UUID

from domain.access.application import AccessLogApplication
from domain.calendar import WorkingCalendar, load_calendar
from domain.cases.application import CasesApplication
from domain.cases.plan import Plan
from domain.errors import NotFound
from domain.identity.application import IdentityApplication
from domain.identity.model import Sector
from domain.multisignaal.application import MultisignaalApplication
from domain.multisignaal.covenant import load_covenants
from domain.multisignaal.pseudonym import Pseudonymiser
from domain.multisignaal.record import YouthRecord
from gateway.access.readmodels import AccessLog
from gateway.auth import TokenIssuer, TokenVerifier
from gateway.context import Casework, Services
from gateway.policy import enforce, policy
from gateway.schema import schema
from gateway.throttle import RateLimit, SqlHits, Throttles
from kernel.contracts import ACCESS_TOPIC, CASES_TOPIC, MATCHES_TOPIC, SIGNALS_TOPIC
from kernel.settings import Settings
from kernel.sqlstore import Database, PostgresDatabase, SQLiteDatabase, postgres_dsn_from_env
from keten.clock import Clock, clock_for
from keten.consumers import Handler
from keten.keystore import KeyDestroyed, KeyStore
from keten.schema_registry import load_event_schemas
from keten.secrets import Secrets, load_secrets
from keten.youth_keys import YouthSealer
from matching.application import MatchingApplication
from matching.consumer import MatcherHandler
from matching.regie import Regie
from projections.access_log import AccessLogView
from projections.cases_melder import MyMeldingenView
from projections.cases_receiver import ReceiverCasesView
from projections.cases_vt import VeiligThuisCasesView
from projections.match_regie import MatchRegieView
from projections.matches import MatchesView
from projections.signal_logbook import SignalLogbookView
from projections.signals import MySignalsView
from relay.access import AccessMapper
from relay.cases import CasesMapper
from relay.chain import CaseChain
from relay.matches import MatchesMapper
from relay.parking import ParkedRecords
from relay.positions import RelayPositions
from relay.relay import Relay
from relay.signals import SignalsMapper

REPO = Path(__file__).resolve().parents[2]
SCHEMAS_DIR = REPO / "schemas"
HOLIDAYS_DIR = REPO / "data" / "holidays"
COVENANTS_FILE = REPO / "data" / "covenants" / "coordination.toml"
REGIONS_FILE = REPO / "data" / "regions" / "veilig_thuis.json"


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
    cases: CasesApplication
    case_views: tuple[VeiligThuisCasesView, MyMeldingenView, ReceiverCasesView]
    access: AccessLogApplication
    access_log: AccessLogView
    signal_logbook: SignalLogbookView
    match_regie: MatchRegieView

    def relays(self, bootstrap_servers: str) -> list[Relay]:
        relay_db = self._db("relay")
        positions, parking = RelayPositions(relay_db), ParkedRecords(relay_db)
        pairs = (
            (
                self.multisignaal,
                SignalsMapper(YouthSealer(self.keystore), self._subject_of_record),
                (SIGNALS_TOPIC,),
            ),
            (self.matching, MatchesMapper(self.matching.subject_of), (MATCHES_TOPIC,)),
            (self.cases, CasesMapper(self._seal_unless_erased, self._case_of_plan), (CASES_TOPIC,)),
            (self.access, AccessMapper(self._seal_unless_erased), (ACCESS_TOPIC,)),
        )
        chains = {self.cases.name: CaseChain(relay_db)}  # the case streams carry a hash chain
        partitions, servers, settings = self.settings.topic_partitions, bootstrap_servers, self.settings
        return [
            Relay(
                app, mapper, topics, positions, servers, partitions, parking, chain=chains.get(app.name),
                attempts=settings.relay_attempts, backoff_seconds=settings.relay_backoff_seconds,
            )
            for app, mapper, topics in pairs
        ]  # fmt: skip

    def handlers(self) -> list[Handler]:
        views = [self.my_signals, self.matches, self.match_regie, *self.case_views]
        views += [self.access_log, self.signal_logbook]
        return [MatcherHandler(self.matching), *views]

    def close(self) -> None:
        for app in (self.identity, self.multisignaal, self.matching, self.cases, self.access):
            app.close()

    def _seal_unless_erased(self, key_id: str, plaintext: str) -> str | None:
        try:
            return self.keystore.seal(key_id, plaintext)
        except KeyDestroyed:
            return None  # the case was erased: its records travel without a payload

    def _case_of_plan(self, plan_id: UUID) -> UUID:
        first: Plan = self.cases.repository.get(plan_id, version=1)
        return first.case_id

    def _subject_of_record(self, record_id: UUID) -> str:
        first: YouthRecord = self.multisignaal.repository.get(record_id, version=1)
        return first.subject

    def _db(self, name: str) -> Database:
        return open_database(self.settings, name)


REBUILDABLE = frozenset({"views"})


def open_database(settings: Settings, name: str) -> Database:
    """keten's own tables (views, relay positions, keys) live beside the event store."""
    if settings.persistence_module == "eventsourcing.postgres":
        return PostgresDatabase(postgres_dsn_from_env(dict(os.environ)), os.environ.get("POSTGRES_SCHEMA"))
    # Only read models may trade the last commits on power loss for speed: they are rebuilt.
    return SQLiteDatabase(settings.data_dir / f"{name}.db", durable=name not in REBUILDABLE)


def shared_throttles(settings: Settings) -> Throttles:
    """Counted in a table of the store, so every gateway process on it shares each limit."""
    window = timedelta(seconds=settings.auth_failure_window_seconds)
    authentication = RateLimit(settings.auth_failure_limit, window)
    signals = RateLimit(settings.signals_per_hour, timedelta(hours=1))
    return Throttles.over(SqlHits(open_database(settings, "throttle")), authentication, signals)


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


def check_need_to_know() -> None:
    """The policy must name only what keten knows, and the gateway serve no more than it says."""
    events = frozenset(event.ce_type for event in load_event_schemas(SCHEMAS_DIR / "events"))
    enforce(policy(), schema, events)


def regie_for(
    identity: IdentityApplication, pseudonymiser: Pseudonymiser, calendar: WorkingCalendar, clock: Clock
) -> Regie:
    """The matcher's coordination: covenants keyed as the signals name municipalities."""

    def sector_of(organisation_id: UUID) -> Sector:
        try:
            return identity.organisation(organisation_id).sector
        except NotFound:
            return Sector.OVERIG  # not in this directory: ranked like any sector the covenant leaves out

    rules = load_covenants(COVENANTS_FILE).rekeyed(pseudonymiser.municipality)
    return Regie(rules, sector_of, calendar, clock)


def bootstrap(settings: Settings, clock: Clock | None = None) -> Platform:
    check_need_to_know()
    clock = clock or clock_for(settings)
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
    calendar = load_calendar(HOLIDAYS_DIR)
    matching = MatchingApplication(
        regie_for(identity, pseudonymiser, calendar, clock), env=app_env(settings, secrets, "matching")
    )
    views_db = open_database(settings, "views")
    my_signals, matches = MySignalsView(views_db, keystore), MatchesView(views_db)
    cases = CasesApplication(
        env=app_env(settings, secrets, "cases"),
        sealer=keystore,
        calendar=calendar,
        clock=clock,
    )
    case_views = (
        VeiligThuisCasesView(views_db, keystore),
        MyMeldingenView(views_db, keystore),
        ReceiverCasesView(views_db, keystore),
    )
    access = AccessLogApplication(env=app_env(settings, secrets, "access"))
    access_log = AccessLogView(views_db)
    signal_logbook = SignalLogbookView(views_db)
    match_regie = MatchRegieView(views_db)
    services = Services(
        identity=identity,
        multisignaal=multisignaal,
        my_signals=my_signals,
        matches=matches,
        issuer=TokenIssuer(
            secrets.signing_key, timedelta(hours=settings.token_ttl_hours), identity.record_token
        ),
        verifier=TokenVerifier(secrets.signing_key.public_key(), identity.is_revoked),
        pseudonymiser=pseudonymiser,
        clock=clock,
        casework=Casework(cases, *case_views, opener=keystore),
        access_log=AccessLog(record=access.record, view=access_log),
        signal_logbook=signal_logbook,
        throttles=shared_throttles(settings),
        match_commands=matching,
        match_regie=match_regie,
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
        cases,
        case_views,
        access=access,
        access_log=access_log,
        signal_logbook=signal_logbook,
        match_regie=match_regie,
    )
