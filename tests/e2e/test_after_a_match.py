"""After a match, over HTTP: the covenant proposes a coordinator, the regievoerder reassigns it, two of
three confirm contact, and the third shows up as overdue once ten working days have passed.

`keten serve` runs here with KETEN_TEST_CLOCK_FILE (a test-only setting): writing a number of
seconds to that file sets keten's clock ahead, as if the days had passed.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from tests.e2e.agencies import Agencies, Professional, register_organisation, register_professional, signal
from tests.e2e.conftest import serve_keten
from tests.e2e.harness import Keten, error_code, wait_until
from tests.e2e.kafka_log import Record
from tests.integration.platform_kit import Store

pytestmark = pytest.mark.e2e

REGIE = """{ regieMatches { id coordination { professionalId status organisation { sector } }
  contacts { professionalId contactDue confirmedAt overdue } } }"""
OVERDUE = "{ matchesWithoutContact { id contacts { professionalId overdue } } }"
MY_MATCHES = "{ myMatches { id coordination { professionalId status } } }"
ASSIGN = """mutation($m: ID!, $p: ID!) {
  assignCoordinator(matchId: $m, professionalId: $p) { professionalId status } }"""
CONFIRM = "mutation($m: ID!) { confirmContact(matchId: $m) { matchId confirmedAt } }"
CLOCK_FILE = "clock-offset-seconds"


@pytest.fixture(scope="module")
def keten(e2e_store: Store) -> Iterator[Keten]:
    """keten serve on a clock this module can set ahead; tokens outlive the days it skips."""
    clock = e2e_store.data_dir.parent / CLOCK_FILE
    env = {"KETEN_TEST_CLOCK_FILE": str(clock), "KETEN_TOKEN_TTL_HOURS": str(24 * 60)}
    yield from serve_keten(e2e_store, env)


def clock_file(keten: Keten) -> Path:
    return Path(keten.server._env["KETEN_TEST_CLOCK_FILE"])


def regie(keten: Keten, regievoerder: Professional) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = keten.data(regievoerder.token, REGIE)["regieMatches"]
    return rows


def test_veilig_thuis_is_proposed_the_regievoerder_reassigns_and_the_silent_one_becomes_overdue(
    keten: Keten, agencies: Agencies
) -> None:
    school, care, regievoerder = agencies.mentor, agencies.youth_worker, agencies.regievoerder
    veilig_thuis = register_professional(
        keten, register_organisation(keten, "VEILIG_THUIS", agencies.municipality_code), "VT_MEDEWERKER"
    )
    youth = agencies.youth()
    for professional in (school, care, veilig_thuis):
        signal(keten, professional, youth)

    # The default covenant: Veilig Thuis before jeugdhulp before onderwijs. (Jeugdhulp is proposed
    # first, when it matches the school; Veilig Thuis when it joins: the view may show either.)
    def proposed_to_veilig_thuis() -> list[dict[str, Any]]:
        return [
            m
            for m in regie(keten, regievoerder)
            if len(m["contacts"]) == 3 and (m["coordination"] or {}).get("professionalId") == veilig_thuis.id
        ]

    [match] = wait_until(proposed_to_veilig_thuis, what="the match of three, Veilig Thuis proposed")
    assert match["coordination"]["status"] == "PROPOSED"
    assert match["coordination"]["organisation"]["sector"] == "VEILIG_THUIS"

    # The regievoerder gives it to youth care; every participant sees that.
    assigned = keten.data(regievoerder.token, ASSIGN, m=match["id"], p=care.id)["assignCoordinator"]
    assert assigned == {"professionalId": care.id, "status": "ASSIGNED"}
    # The school's matches view is a consumer of its own: it may not show the match yet at all.
    wait_until(
        lambda: (
            [m["coordination"]["status"] for m in keten.data(school.token, MY_MATCHES)["myMatches"]]
            == ["ASSIGNED"]
        ),
        what="the school sees the assignment",
    )

    # Two of three confirm contact; nothing is overdue yet.
    for professional in (school, care):
        keten.data(professional.token, CONFIRM, m=match["id"])

    def confirmed() -> set[str]:
        return {c["professionalId"] for c in regie(keten, regievoerder)[0]["contacts"] if c["confirmedAt"]}

    assert wait_until(lambda: len(confirmed()) == 2, what="two confirmations in the regie view")
    assert confirmed() == {school.id, care.id}
    assert keten.data(regievoerder.token, OVERDUE)["matchesWithoutContact"] == []

    # The day after the due day, the match is on the overdue list, Veilig Thuis the one missing.
    due = date.fromisoformat(match["contacts"][0]["contactDue"])
    skip_to(keten, due + timedelta(days=1))
    [late] = wait_until(lambda: keten.data(regievoerder.token, OVERDUE)["matchesWithoutContact"])
    assert late["id"] == match["id"]
    assert [c["professionalId"] for c in late["contacts"] if c["overdue"]] == [veilig_thuis.id]


def skip_to(keten: Keten, day: date) -> None:
    """Sets keten's clock ahead to 10:00 UTC on `day` (Dutch midday, whatever the season)."""
    now = datetime.now(UTC)
    target = datetime(day.year, day.month, day.day, 10, tzinfo=UTC)
    clock_file(keten).write_text(str((target - now).total_seconds()))


def test_a_participant_of_another_match_and_the_regievoerder_elsewhere_are_refused(
    keten: Keten, agencies: Agencies
) -> None:
    elsewhere = Agencies.register(keten)
    youth = agencies.youth()
    signal(keten, agencies.mentor, youth)
    signal(keten, agencies.youth_worker, youth)
    [match] = wait_until(lambda: keten.data(agencies.mentor.token, MY_MATCHES)["myMatches"])

    assert error_code(keten.gql(elsewhere.mentor.token, CONFIRM, m=match["id"])) == "NOT_FOUND"
    refused = keten.gql(elsewhere.regievoerder.token, ASSIGN, m=match["id"], p=agencies.mentor.id)
    assert error_code(refused) == "NOT_FOUND"
    assert error_code(keten.gql(agencies.regievoerder.token, CONFIRM, m=match["id"])) == "FORBIDDEN"


def test_no_coordination_or_contact_record_on_kafka_names_the_young_person(
    keten: Keten, agencies: Agencies
) -> None:
    youth = agencies.youth()
    for professional in (agencies.mentor, agencies.youth_worker):
        signal(keten, professional, youth)
    [match] = wait_until(lambda: keten.data(agencies.mentor.token, MY_MATCHES)["myMatches"])
    keten.data(agencies.mentor.token, CONFIRM, m=match["id"])
    kinds = ("CoordinatorProposed", "ContactConfirmed")

    def both_on_kafka() -> list[Record] | None:
        found = [r for r in keten.kafka.records_of_type(*kinds) if r.data["matchId"] == match["id"]]
        return found if {r.type for r in found} == set(kinds) else None

    records = wait_until(both_on_kafka, what="the proposal and the confirmation on keten.matches.v1")
    secrets = [youth.bsn, youth.birth_date.isoformat(), youth.municipality_code]
    for record in records:
        assert record.topic == "keten.matches.v1"
        assert not any(secret.encode() in record.raw() for secret in secrets), record.type


REGISTER_WITH_INFORMING = """mutation ($input: RegisterSignalInput!) {
  registerSignal(input: $input) { signal { id informing { status inform } } } }"""
POSTPONE = """mutation ($s: ID!, $reason: String!, $on: Date!) {
  postponeInforming(signalId: $s, reason: $reason, revisitOn: $on) { status revisitOn owed } }"""
RECORD = "mutation ($s: ID!) { recordInforming(signalId: $s, informed: [PARENT, YOUTH]) { status owed } }"
OWED = "{ mySignals(informingOwed: true) { id informing { status owed } } }"


def test_informing_is_recorded_or_put_off_and_nothing_of_it_is_on_kafka_in_clear(
    keten: Keten, agencies: Agencies
) -> None:
    mentor, reason = agencies.mentor, "de vader dreigt de moeder iets aan te doen"
    first, second = agencies.youth(), agencies.youth()
    signals = []
    for youth in (first, second):
        body = keten.data(mentor.token, REGISTER_WITH_INFORMING, input=youth.as_input())
        signals.append(body["registerSignal"]["signal"])
    assert all(s["informing"]["status"] == "OWED" and s["informing"]["inform"] for s in signals)

    keten.data(mentor.token, RECORD, s=signals[0]["id"])  # a 6-15-year-old: the band asks at most both
    # The module's clock may already run ahead (the regie story): revisit well after either today.
    later = date.today() + timedelta(days=90)
    put_off = keten.data(mentor.token, POSTPONE, s=signals[1]["id"], reason=reason, on=later.isoformat())
    assert put_off["postponeInforming"] == {
        "status": "POSTPONED",
        "revisitOn": later.isoformat(),
        "owed": False,
    }
    wait_until(lambda: keten.data(mentor.token, OWED)["mySignals"] == [], what="nothing owed any more")

    kinds, ids = ("InformingDue", "InformingRecorded", "InformingPostponed"), {s["id"] for s in signals}

    def all_on_kafka() -> bool:
        return {r.type for r in keten.kafka.records_of_type(*kinds) if r.data["signalId"] in ids} == set(
            kinds
        )

    assert wait_until(all_on_kafka, what="the informing records on keten.signals.v1")
    secrets = [reason, "vader", "UNDER_12", "FROM_12_TO_15", "FROM_16", "PARENT", later.isoformat()]
    secrets += [youth.birth_date.isoformat() for youth in (first, second)]
    for record in keten.kafka.records():
        assert not any(secret.encode() in record.raw() for secret in secrets), record.type
