"""Every read model on both stores: the records of one flow give the same rows on either.

Two dialect slips (a bool written to an INTEGER column, a literal % in a LIKE) once made the
Veilig Thuis view fail on PostgreSQL on every record while every SQLite test passed. Here the
platform runs on the store under test; a flow that reaches every event kind a view handles is
published by the real relays to a broker of the test's own and read back; every view of the
platform is fed every record of its topics, and so is a twin of it on in-memory SQLite. Each
view must apply everything without an error, and its tables must hold the same rows as its twin.
"""

from __future__ import annotations

import copy
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID, uuid4

from tests.integration.platform_kit import (
    Clock,
    Store,
    headers_of,
    new_bsns,
    read_topic,
    received,
    register_organisation,
    register_professional,
    relay_of,
    signal,
)
from tests.unit.cases.casework import Steps, child, parent

from domain.access.model import Access, AccessKind, Outcome
from domain.cases.handover import ReceiverKind
from domain.cases.monitoring import MonitoringCheck
from domain.cases.onderzoek import Outcome as OnderzoekOutcome
from domain.cases.phase import FollowUp
from domain.cases.plan import PlanEscalation
from domain.cases.terugkoppeling import Moment
from domain.identity.model import Sector
from domain.multisignaal.signal import WithdrawalReason
from kernel.contracts import CASES_PREFIX, TOPICS
from kernel.sqlstore import Database, SQLiteDatabase
from keten.bootstrap import Platform
from keten.broker import EmbeddedBroker
from projections import cases_receiver, cases_vt_steps
from projections.view import View

VIEWED_KINDS = {*cases_vt_steps.APPLY, *cases_receiver.APPLY, "JointMeetingHeld", "BetrokkeneAdded"}
LOKAAL_TEAM = UUID(int=77)


def test_every_view_applies_the_flow_and_holds_the_rows_it_holds_on_sqlite(
    store: Store, fresh_broker: EmbeddedBroker
) -> None:
    platform = store.bootstrap(Clock(datetime.now(UTC)))
    run_the_flow(platform)
    records = published(platform, fresh_broker.bootstrap_servers)
    kinds = {headers_of(record)["ce_type"].removeprefix(CASES_PREFIX) for record in records}
    assert kinds >= VIEWED_KINDS, f"the flow misses {VIEWED_KINDS - kinds}"

    for view in views_of(platform):
        twin = twin_on_sqlite(view)
        for record in records:
            if record.topic in view.topics:
                view.handle(received(record))
                twin.handle(received(record))

        rows = dump(view.db, view)
        assert any(rows.values()), f"{view.name} holds nothing"
        assert rows == dump(twin.db, twin), f"{view.name} on {store.kind} differs from SQLite"


def run_the_flow(platform: Platform) -> None:
    """Signals and a match, case work through every step a view follows, an access line."""
    signals_and_a_match(platform)
    steps = Steps(platform.cases, platform.clock)  # type: ignore[arg-type]
    case_work(platform, steps)
    platform.access.record([an_access(platform.clock())])


def signals_and_a_match(platform: Platform) -> None:
    school = register_organisation(platform, "Het Baken", Sector.ONDERWIJS)
    care = register_organisation(platform, "Jeugdhulp West", Sector.JEUGDHULP)
    for n, organisation in enumerate((school, care)):
        register_professional(
            platform, organisation, f"Professional {n}", f"p{n}@keten.example", "0101234567"
        )
    (bsn,) = new_bsns(1)
    first = signal(platform, bsn, school, school.professionals[0])
    signal(platform, bsn, care, care.professionals[0])
    platform.multisignaal.withdraw_signal(first, school.professionals[0], WithdrawalReason.RISK_GONE)


def case_work(platform: Platform, steps: Steps) -> None:
    app = platform.cases
    onderzoek = steps.in_onderzoek(betrokkenen=[child(), parent()])
    app.add_betrokkene(onderzoek, child("Daan Jansen", None))
    app.send_terugkoppeling(onderzoek, Moment.AFTER_TRIAGE, True, None, "blijf signaleren")
    app.conclude_onderzoek(onderzoek, OnderzoekOutcome.VIOLENCE_ESTABLISHED, FollowUp.VOORWAARDEN_EN_VERVOLG)
    voorwaarde = app.set_voorwaarde(onderzoek, "geen alcohol in huis")
    app.record_compliance_check(onderzoek, voorwaarde, True, "geen alcohol gezien")
    app.end_voorwaarden_en_vervolg(onderzoek, FollowUp.MONITORING)
    app.record_monitoring_check(onderzoek, MonitoringCheck.AFTER_3_MONTHS, "loopt")
    app.record_monitoring_check(onderzoek, MonitoringCheck.AFTER_12_MONTHS, "veilig")
    declined = steps.in_handover()
    app.propose_handover(declined, LOKAAL_TEAM, ReceiverKind.LOKAAL_TEAM)
    app.decline_handover(declined, "geen capaciteit")
    app.send_terugkoppeling(declined, Moment.AFTER_TRIAGE, False)
    app.close_case(declined, "elders belegd")
    plans(platform, steps)


def plans(platform: Platform, steps: Steps) -> None:
    app = platform.cases
    for ending in ("close", "escalate"):
        case_id = steps.handed_over(LOKAAL_TEAM, uuid4())
        plan_id = app.start_plan(case_id)
        app.set_goal(plan_id, "veilig thuis")
        app.make_agreement(plan_id, "vader belt bij spanning")
        action = app.plan_action(plan_id, "opvoedondersteuning", LOKAAL_TEAM, date(2026, 3, 20))
        app.complete_action(plan_id, action)
        app.evaluate_plan(plan_id, "gaat goed", self_reliant=ending == "close")
        app.change_regisseur(plan_id, uuid4())
        if ending == "close":
            app.close_plan(plan_id)
        else:
            app.escalate_plan(plan_id, PlanEscalation.VEILIG_THUIS, "verslechtert")


def an_access(at: datetime) -> Access:
    who, where = str(uuid4()), str(uuid4())
    return Access(
        AccessKind.BREAK_THE_GLASS, at, str(uuid4()), who, where, "127.0.0.1", uuid4().hex,
        "cases.break_the_glass", Outcome.ALLOWED, "acute zorg",
    )  # fmt: skip


def published(platform: Platform, servers: str) -> list[Any]:
    """Every record the relays publish for the flow, the matcher's included, topic by topic."""
    for name in ("multisignaal", "cases", "access"):
        publish(platform, servers, name)
    matcher = platform.matcher
    for record in read_topic(servers, TOPICS[0]):
        matcher.handle(received(record))
    publish(platform, servers, "matching")
    return [record for topic in TOPICS for record in read_topic(servers, topic)]


def publish(platform: Platform, servers: str, app_name: str) -> None:
    relay = relay_of(platform, servers, app_name)
    try:
        relay.ensure_topics()
        relay.publish_pending()
    finally:
        relay.close()


def views_of(platform: Platform) -> list[View]:
    return [handler for handler in platform.handlers() if isinstance(handler, View)]


def twin_on_sqlite(view: View) -> View:
    """The same view (same opener, same policy) on an in-memory SQLite database."""
    twin = copy.copy(view)
    View.__init__(twin, SQLiteDatabase(":memory:"))
    return twin


def dump(db: Database, view: View) -> dict[str, list[tuple[Any, ...]]]:
    with db.transaction() as cursor:
        tables = {}
        for table in view.tables:
            cursor.execute(f"SELECT * FROM {table}")
            tables[table] = sorted(map(tuple, cursor.fetchall()), key=repr)
        cursor.execute("SELECT stream, sequence FROM view_tracking WHERE view = ?", (view.name,))
        tables["view_tracking"] = sorted(map(tuple, cursor.fetchall()), key=repr)
    return tables
