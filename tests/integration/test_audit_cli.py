"""The operator's commands on a data dir: rebuild through the CLI, and master key rotation."""

from __future__ import annotations

import base64
import json
import os

import pytest
from tests.integration.platform_kit import Store
from tests.integration.test_audit_erasure import CHILD_NAME, PARENT_NAME, closed_case
from tests.integration.test_rebuild import everything, feed_live

from keten.broker import EmbeddedBroker
from keten.cli import main
from keten.rebuild import republish


def test_rebuild_all_through_the_cli_gives_the_live_rows(
    sqlite_store: Store,
    fresh_broker: EmbeddedBroker,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    platform, servers = sqlite_store.bootstrap(), fresh_broker.bootstrap_servers
    closed_case(platform)
    republish(platform, servers)
    feed_live(platform, servers)
    live = everything(platform)
    monkeypatch.setenv("KAFKA_BOOTSTRAP_SERVERS", servers)
    data_dir = str(platform.settings.data_dir)

    assert main(["rebuild", "--all", "--data-dir", data_dir]) == 0
    assert everything(platform) == live
    assert main(["rebuild", "vt_cases", "--resume", "--data-dir", data_dir]) == 0
    assert "0 records read into vt_cases\n" in capsys.readouterr().out
    assert main(["rebuild", "no_such_view", "--data-dir", data_dir]) == 2


def test_a_rotated_master_key_still_opens_every_sealed_field(
    sqlite_store: Store, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    platform = sqlite_store.bootstrap()
    case_id = closed_case(platform)
    data_dir = str(platform.settings.data_dir)
    old_key = (platform.settings.data_dir / "secrets" / "master.key").read_text()
    new_key = base64.b64encode(os.urandom(32)).decode()
    monkeypatch.setenv("KETEN_NEW_MASTER_KEY", new_key)

    assert main(["keys", "rotate-master", "--data-dir", data_dir]) == 0
    out = capsys.readouterr().out
    assert "data keys re-wrapped" in out and int(out.split()[0]) >= 3  # the case and its two people
    assert (platform.settings.data_dir / "secrets" / "master.key").read_text() == new_key != old_key
    assert main(["audit", "replay", str(case_id), "--as-of", "2100-01-01", "--data-dir", data_dir]) == 0
    state = json.loads(capsys.readouterr().out)["state"]
    assert CHILD_NAME in {person["name"] for person in state["betrokkenen"]}


def test_rotation_refuses_a_missing_or_malformed_key(
    sqlite_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = str(sqlite_store.bootstrap().settings.data_dir)
    monkeypatch.setenv("KETEN_NEW_MASTER_KEY", "not base64!")

    with pytest.raises(SystemExit):
        main(["keys", "rotate-master", "--data-dir", data_dir])


def test_a_subject_access_export_prints_one_persons_data_without_the_others(
    sqlite_store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    platform = sqlite_store.bootstrap()
    case_id = closed_case(platform)
    case = platform.cases.repository.get(case_id)
    child_id = next(person for person, b in case.betrokkenen.items() if b.is_child)
    data_dir = str(platform.settings.data_dir)

    assert main(["audit", "export", str(case_id), str(child_id), "--data-dir", data_dir]) == 0
    out = capsys.readouterr().out
    assert json.loads(out)["person"]["name"] == CHILD_NAME
    assert PARENT_NAME not in out
