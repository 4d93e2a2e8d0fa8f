"""Crypto-shredding end to end: after an erasure or the end of retention the person's data is
unreadable in the event store, the views and on keten.cases.v1, replay reads "[erased]",
and the hash chain still verifies (the events did not change, only a key is gone)."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any
from uuid import UUID

import pytest
from tests.integration.platform_kit import (
    Store,
    read_topic,
    received,
    register_organisation,
    register_with_role,
    relay_of,
)
from tests.unit.cases.casework import child, melding_form, parent

from domain.cases.erasure import ErasureGround
from domain.cases.terugkoppeling import Moment
from domain.cases.triage import TriageDecision
from domain.identity.model import Role
from kernel.contracts import CASES_TOPIC
from keten.bootstrap import Platform, open_database
from keten.broker import EmbeddedBroker
from keten.cli import main
from keten.keystore import ERASED
from relay.chain import CaseChain
from relay.verify import Verifier

CHILD_NAME = "Noor Verhoeven-Aydin"
PARENT_NAME = "Ilse Verhoeven"
CONCERNS = "de buren horen al weken geschreeuw"
LATER = "2100-01-01T00:00"


def closed_case(platform: Platform, veilig_thuis_id: UUID | None = None) -> UUID:
    app = platform.cases
    form = melding_form(betrokkenen=[child(CHILD_NAME), parent(PARENT_NAME)], concerns=CONCERNS)
    form = replace(form, veilig_thuis_id=veilig_thuis_id or form.veilig_thuis_id)
    case_id = app.receive_melding(form)
    app.triage(case_id, False, False, TriageDecision.CLOSE, None)
    app.send_terugkoppeling(case_id, Moment.AFTER_TRIAGE, False)
    app.close_case(case_id, "geen zorgen")
    return case_id


def publish_and_project(platform: Platform, servers: str) -> list[bytes]:
    """Relays everything, feeds the case views from the topic, returns every record value."""
    relay = relay_of(platform, servers, "cases")
    relay.publish_pending()
    relay.close()
    records = read_topic(servers, CASES_TOPIC)
    for record in records:
        for view in platform.case_views:
            view.handle(received(record))
    return [bytes(record.value) for record in records]


def replayed(platform: Platform, case_id: UUID, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    capsys.readouterr()
    data_dir, by = str(platform.settings.data_dir), str(auditor(platform))
    assert main(["audit", "replay", str(case_id), "--as-of", LATER, "--by", by, "--data-dir", data_dir]) == 0
    state: dict[str, Any] = json.loads(capsys.readouterr().out)["state"]
    return state


def auditor(platform: Platform) -> UUID:
    return register_with_role(platform, register_organisation(platform, "Inspectie"), Role.AUDITOR)


def names(state: dict[str, Any]) -> dict[str, str]:
    return {person["role"]: person["name"] for person in state["betrokkenen"]}


def verifies(platform: Platform) -> bool:
    chain = CaseChain(open_database(platform.settings, "relay"))
    return Verifier(platform.cases.recorder, chain).all().broken is None


def test_an_erased_child_is_unreadable_everywhere_and_the_chain_still_holds(
    sqlite_store: Store, fresh_broker: EmbeddedBroker, capsys: pytest.CaptureFixture[str]
) -> None:
    platform = sqlite_store.bootstrap()
    case_id = closed_case(platform)
    publish_and_project(platform, fresh_broker.bootstrap_servers)
    assert names(replayed(platform, case_id, capsys)) == {"CHILD": CHILD_NAME, "PARENT": PARENT_NAME}
    child_id = next(
        p["person_id"] for p in replayed(platform, case_id, capsys)["betrokkenen"] if p["role"] == "CHILD"
    )

    platform.cases.request_erasure(case_id, UUID(child_id), ErasureGround.REQUEST)
    platform.cases.grant_erasure(case_id, UUID(child_id), platform.keystore)
    values = publish_and_project(platform, fresh_broker.bootstrap_servers)

    state = replayed(platform, case_id, capsys)
    assert names(state) == {"CHILD": ERASED, "PARENT": PARENT_NAME}
    assert state["concerns"] == CONCERNS  # the case's own key lives on
    assert verifies(platform)
    assert CHILD_NAME.encode() not in sqlite_store.everything()
    assert not [value for value in values if CHILD_NAME.encode() in value]


def test_a_retention_run_shreds_the_whole_case_and_leaves_the_chain_intact(
    sqlite_store: Store, fresh_broker: EmbeddedBroker, capsys: pytest.CaptureFixture[str]
) -> None:
    platform = sqlite_store.bootstrap()  # its clock stands on 3 March 2025
    case_id = closed_case(platform)
    values = publish_and_project(platform, fresh_broker.bootstrap_servers)
    data_dir = str(platform.settings.data_dir)

    assert main(["retention", "run", "--today", "2045-03-02", "--data-dir", data_dir]) == 0
    assert replayed(platform, case_id, capsys)["concerns"] == CONCERNS
    assert main(["retention", "run", "--today", "2045-03-03", "--data-dir", data_dir]) == 0

    state = replayed(platform, case_id, capsys)
    assert (state["concerns"], set(names(state).values())) == (ERASED, {ERASED})
    assert verifies(platform)
    everything = sqlite_store.everything()
    for text in (CHILD_NAME, PARENT_NAME, CONCERNS):
        assert text.encode() not in everything
        assert not [value for value in values if text.encode() in value]
