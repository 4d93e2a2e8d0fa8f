"""The composition root: the only module that knows every piece.

`bootstrap` reads the settings and the secrets; every part — an application, a view, the
gateway's services, the relays, the consumers — is built on first use. A process that runs
one role (`keten gateway`, `keten matcher`, …) so opens only the stores that role needs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar
from uuid import UUID

from domain.access.application import AccessLogApplication
from domain.calendar import WorkingCalendar, load_calendar
from domain.cases.application import CasesApplication
from domain.cases.plan import Plan
from domain.identity.application import IdentityApplication
from domain.multisignaal.application import MultisignaalApplication
from domain.multisignaal.pseudonym import Pseudonymiser
from gateway.context import Services
from gateway.policy import enforce, policy
from gateway.schema import schema
from kernel.checkpoints import WalCheckpointer
from kernel.contracts import source_of
from kernel.settings import Settings
from kernel.sqlstore import Database
from keten.clock import Clock, clock_for
from keten.delivery import Handler
from keten.keystore import KeyDestroyed, KeyStore
from keten.mail import postbox_for
from keten.regie import regie_for
from keten.relays import SOURCES as RELAYED
from keten.relays import build_relays
from keten.roles import UnknownPart
from keten.roles.digest import DigestLedger, DigestSender
from keten.roles.handover_mailing import send_due_handovers
from keten.roles.mailing import send_due
from keten.schema_registry import load_event_schemas
from keten.secrets import Secrets, load_secrets
from keten.services import build_services
from keten.stores import app_env, one_at_a_time, open_database, prepare_stores
from matching.application import MatchingApplication
from matching.consumer import MatcherHandler
from projections.access_log import AccessLogView
from projections.caller_writes import CallerWrites
from projections.cases_melder import MyMeldingenView
from projections.cases_receiver import ReceiverCasesView
from projections.cases_vt import VeiligThuisCasesView
from projections.handover_mail import HandoverMailView
from projections.match_mail import MatchMailView
from projections.match_regie import MatchRegieView
from projections.matches import MatchesView
from projections.signal_logbook import SignalLogbookView
from projections.signals import MySignalsView
from projections.view import View
from relay.relay import Relay

__all__ = [
    "HOLIDAYS_DIR",
    "SCHEMAS_DIR",
    "Platform",
    "bootstrap",
    "check_need_to_know",
    "open_database",
]

REPO = Path(__file__).resolve().parents[2]
SCHEMAS_DIR = REPO / "schemas"
HOLIDAYS_DIR = REPO / "data" / "holidays"

T = TypeVar("T")
APPLICATIONS = (IdentityApplication, MultisignaalApplication, MatchingApplication, CasesApplication,
                AccessLogApplication)  # fmt: skip


class Platform:
    """Every part of keten, each built when a role first asks for it."""

    def __init__(self, settings: Settings, secrets: Secrets, clock: Clock) -> None:
        self.settings, self.secrets, self.clock = settings, secrets, clock
        self._opened: list[Database] = []

    @cached_property
    def checkpoints(self) -> WalCheckpointer:
        """SQLite's log checkpoints, in a thread off the commit path (`kernel.checkpoints`): a
        long-running role starts it, closing the platform stops it."""
        return WalCheckpointer(self.settings.data_dir)

    @cached_property
    def keystore(self) -> KeyStore:
        return KeyStore(self.database("keys"), self.secrets.master_key)

    @cached_property
    def pseudonymiser(self) -> Pseudonymiser:
        return Pseudonymiser(self.secrets.pepper)

    @cached_property
    def identity(self) -> IdentityApplication:
        return IdentityApplication(env=self._env("identity"))

    @cached_property
    def multisignaal(self) -> MultisignaalApplication:
        days = self.settings.signal_active_days
        return MultisignaalApplication(self.pseudonymiser, self.clock, days, env=self._env("multisignaal"))

    @cached_property
    def matching(self) -> MatchingApplication:
        regie = regie_for(self.identity, self.pseudonymiser, self.calendar, self.clock)
        return MatchingApplication(regie, env=self._env("matching"))

    @cached_property
    def calendar(self) -> WorkingCalendar:
        return load_calendar(HOLIDAYS_DIR)

    @cached_property
    def cases(self) -> CasesApplication:
        env = self._env("cases")
        return CasesApplication(env=env, sealer=self.keystore, calendar=self.calendar, clock=self.clock)

    @cached_property
    def access(self) -> AccessLogApplication:
        return AccessLogApplication(env=self._env("access"))

    @cached_property
    def views_db(self) -> Database:
        return self.database("views")

    @cached_property
    def caller_writes(self) -> CallerWrites:
        return CallerWrites(self.views_db)

    @cached_property
    def my_signals(self) -> MySignalsView:
        return MySignalsView(self.views_db, self.keystore)

    @cached_property
    def matches(self) -> MatchesView:
        return MatchesView(self.views_db)

    @cached_property
    def case_views(self) -> tuple[VeiligThuisCasesView, MyMeldingenView, ReceiverCasesView]:
        db, keys = self.views_db, self.keystore
        return VeiligThuisCasesView(db, keys), MyMeldingenView(db, keys), ReceiverCasesView(db, keys)

    @cached_property
    def match_regie(self) -> MatchRegieView:
        return MatchRegieView(self.views_db)

    @cached_property
    def access_log(self) -> AccessLogView:
        return AccessLogView(self.views_db)

    @cached_property
    def signal_logbook(self) -> SignalLogbookView:
        return SignalLogbookView(self.views_db)

    @cached_property
    def services(self) -> Services:
        """What the gateway's resolvers (and web pages) use."""
        return build_services(self)

    def views(self, names: Iterable[str] | None = None) -> list[View]:
        """The read models, all or those named (`keten projector --view NAME`)."""
        every: list[View] = [self.my_signals, self.matches, self.match_regie, *self.case_views]
        every += [self.access_log, self.signal_logbook]
        return _named(every, names, "view")

    def consumers(self, role: str, names: Iterable[str] | None = None) -> list[Handler]:
        """The Kafka handlers of one consumer role: the matcher, or the projector's views."""
        if role == "matcher":
            return [self.matcher]
        if role == "mailer":
            return [self.match_mail, self.handover_mail]
        if role == "projector":
            return list(self.views(names))
        raise ValueError(f"no consumer role {role!r}")

    @cached_property
    def match_mail(self) -> MatchMailView:
        # A store of its own, never rebuilt: its rows say who was mailed already.
        return MatchMailView(self.database("mail"))

    @cached_property
    def handover_mail(self) -> HandoverMailView:
        return HandoverMailView(self.database("mail"), self.keystore)

    def send_match_mail(self) -> int:
        """Sends the match and handover mails that are due (the mailer role's sender); returns
        how many went."""
        settings = self.settings
        postbox, sender = postbox_for(settings), (settings.base_url, settings.mail_from, self.clock)
        matches = send_due(self.match_mail, self.identity, postbox, *sender)
        handovers = send_due_handovers(self.handover_mail, self.identity, postbox, *sender)
        return matches + handovers + self.digests.send_due(self.clock())

    @cached_property
    def digests(self) -> DigestSender:
        """Veilig Thuis's daily digest of deadlines due within 2 working days (the mailer's)."""
        settings, ledger = self.settings, DigestLedger(self.database("mail"))
        deadlines = self.case_views[0].deadlines
        return DigestSender(self.identity, deadlines, ledger, self.calendar, postbox_for(settings),
                            settings.base_url, settings.mail_from)  # fmt: skip

    @cached_property
    def matcher(self) -> MatcherHandler:
        # Its dead letters live in its own store, next to its tracking.
        return MatcherHandler(self.matching, self.database("matching"))

    def sources(self) -> frozenset[str]:
        """The `ce_source` of every keten application: the only records consumers apply."""
        return frozenset(source_of(app.name) for app in APPLICATIONS)

    def handlers(self) -> list[Handler]:
        """Every consumer of every role, as `keten serve` runs them in one process."""
        return [*self.consumers("matcher"), *self.consumers("projector"), *self.consumers("mailer")]

    def relays(self, bootstrap_servers: str, apps: Iterable[str] | None = None) -> list[Relay]:
        """One relay per application, all or those named (`keten relay --app NAME`)."""
        chosen = _named(list(RELAYED), apps, "application", str)
        return build_relays(self, bootstrap_servers, chosen)

    def built(self, build: Callable[[], T]) -> T:
        """Builds parts while holding the setup lease: processes started together create
        their tables one after the other (`keten.stores.one_at_a_time`)."""
        with one_at_a_time(self.settings):
            return build()

    def database(self, name: str) -> Database:
        """A connection to one of keten's own stores, closed with the platform."""
        db = open_database(self.settings, name)
        self._opened.append(db)
        return db

    def seal_unless_erased(self, key_id: str, plaintext: str) -> str | None:
        try:
            return self.keystore.seal(key_id, plaintext)
        except KeyDestroyed:
            return None  # the case was erased: its records travel without a payload

    def case_of_plan(self, plan_id: UUID) -> UUID:
        first: Plan = self.cases.repository.get(plan_id, version=1)
        return first.case_id

    def close(self) -> None:
        """Closes what was built: the checkpoints' thread, the applications, then keten's own
        stores."""
        if "checkpoints" in self.__dict__:
            self.checkpoints.stop()
        for name in ("identity", "multisignaal", "matching", "cases", "access"):
            if name in self.__dict__:
                self.__dict__[name].close()
        for db in self._opened:
            db.close()

    def _env(self, name: str) -> dict[str, str]:
        return app_env(self.settings, self.secrets, name)


def _named(parts: list[Any], names: Iterable[str] | None, kind: str, name_of: Any = None) -> list[Any]:
    if names is None:
        return parts
    name_of = name_of or (lambda part: part.name)
    wanted, known = list(names), {name_of(part): part for part in parts}
    unknown = [name for name in wanted if name not in known]
    if unknown:
        raise UnknownPart(f"no {kind} {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    return [known[name] for name in wanted]


def check_need_to_know() -> None:
    """The policy must name only what keten knows, and the gateway serve no more than it says."""
    events = frozenset(event.ce_type for event in load_event_schemas(SCHEMAS_DIR / "events"))
    enforce(policy(), schema, events)


def bootstrap(settings: Settings, clock: Clock | None = None) -> Platform:
    check_need_to_know()
    with one_at_a_time(settings):
        prepare_stores(settings)
    return Platform(settings, load_secrets(settings), clock or clock_for(settings))


@contextmanager
def running_platform(settings: Settings) -> Iterator[Platform]:
    """The platform of a role's process (`keten gateway`, `keten relay`, …): its SQLite
    checkpoints in a thread of their own while it runs, everything closed when it ends."""
    platform = bootstrap(settings)
    try:
        platform.checkpoints.start()
        yield platform
    finally:
        platform.close()
