"""What the soak demands at the end: every answered write visible, no match found twice, and
every pipeline moving (a fresh match and a fresh melding come through)."""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any

import httpx
from tests.soak.load import Ledger
from tests.soak.population import Member, Population, youth
from tests.soak.topics import end_offsets, match_events, topic_records

MY_SIGNALS = "{ mySignals { id status } }"
MY_MELDINGEN = "{ myMeldingen { caseId } }"
MY_MATCHES = "{ myMatches { id } }"
REGISTER = "mutation ($input: RegisterSignalInput!) { registerSignal(input: $input) { signal { id } } }"


def eventually(check: Callable[[], list[str]], deadline: float) -> list[str]:
    """The problems `check` still finds at the deadline (none: it passed)."""
    while (problems := check()) and time.monotonic() < deadline:
        time.sleep(0.5)
    return problems


def caught_up(check: Callable[[], list[str]], stall: float, limit: float) -> tuple[list[str], float]:
    """Polls `check` until it finds nothing; returns what is left and the seconds it took. A
    backlog may drain slowly, but one that stops shrinking for `stall` seconds is a stall."""
    started = improved = time.monotonic()
    fewest = None
    while problems := check():
        now = time.monotonic()
        if fewest is None or len(problems) < fewest:
            fewest, improved = len(problems), now
        if now - improved > stall or now - started > limit:
            return [
                f"{len(problems)} answered writes still not visible, {now - improved:.0f} s without progress",
                *problems,
            ], now - started
        time.sleep(1.0)
    return [], time.monotonic() - started


def unseen_writes(http: httpx.Client, population: Population, ledger: Ledger) -> list[str]:
    missing: list[str] = []
    for member in population.clients:
        shown = {row["id"]: row["status"] for row in _data(http, member, MY_SIGNALS)["mySignals"]}
        mine = {s: statuses for s, (owner, statuses) in ledger.signals.items() if owner == member.id}
        missing += [f"signal {s} ({'/'.join(st)})" for s, st in mine.items() if shown.get(s) not in st]
        cases = {row["caseId"] for row in _data(http, member, MY_MELDINGEN)["myMeldingen"]}
        missing += [f"melding {c}" for c in ledger.meldingen.get(member.id, set()) - cases]
    return missing


def doubled_matches(bootstrap_servers: str) -> tuple[int, list[str]]:
    """MatchFound records (re-publications of one event counted once), and any young person
    for whom a match was found while one was open, or a match id found twice."""
    events = match_events(bootstrap_servers)
    found, open_by_key, problems = 0, defaultdict(bool), []
    seen_ids: set[str] = set()
    for key, kind, match_id in events:
        if kind == "MatchFound":
            found += 1
            if open_by_key[key] or match_id in seen_ids:
                problems.append(f"match {match_id} found twice")
            open_by_key[key], _ = True, seen_ids.add(match_id)
        elif kind == "MatchEnded":
            open_by_key[key] = False
    return found, problems


def fresh_flow(
    http: httpx.Client, population: Population, bootstrap_servers: str, deadline: float
) -> list[str]:
    """Two organisations signal a new young person: the match must come through (signals relay,
    matcher, matches relay, view) and so must the access lines of the registrations."""
    first, second = population.clients[:2]
    before = {row["id"] for row in _data(http, first, MY_MATCHES)["myMatches"]}
    access_offsets = end_offsets(bootstrap_servers, "keten.access.v1")
    newcomer = youth()
    for member in (first, second):
        _data(http, member, REGISTER, input=newcomer)

    def stalled() -> list[str]:
        lines = topic_records(bootstrap_servers, "keten.access.v1", access_offsets)
        users = {json.loads(record.value)["userId"] for record in lines}
        problems = [] if second.id in users else ["no fresh access line came through the access relay"]
        return problems + _no_new_match(http, first, before)

    return eventually(stalled, deadline)


def _no_new_match(http: httpx.Client, member: Member, before: set[str]) -> list[str]:
    now = {row["id"] for row in _data(http, member, MY_MATCHES)["myMatches"]}
    return [] if now - before else ["no fresh match came through the signals, matcher and matches pipelines"]


def _data(http: httpx.Client, member: Member, query: str, **variables: Any) -> dict[str, Any]:
    response = http.post(
        "/graphql",
        json={"query": query, "variables": variables},
        headers={"Authorization": f"Bearer {member.token}"},
    )
    body = response.json()
    assert not body.get("errors"), body["errors"]
    data: dict[str, Any] = body["data"]
    return data


def relays_behind(status: str) -> list[str]:
    """From `keten relay status`: every application whose relay has a lag, or parked or held records."""
    problems = []
    for line in status.splitlines()[1:]:
        fields = line.split()
        if len(fields) == 6 and fields[1].isdigit() and fields[3:] != ["0", "0", "0"]:
            problems.append(f"relay {fields[0]}: lag {fields[3]}, parked {fields[4]}, held {fields[5]}")
    return problems
