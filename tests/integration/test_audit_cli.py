"""The operator's commands on a data dir: rebuild through the CLI, master key rotation, and the
offline replay and subject access export, each leaving an access line (NEN 7513)."""

from __future__ import annotations

import base64
import json
import os
from uuid import UUID, uuid4

import pytest
from tests.integration.platform_kit import Store, access_lines, register_organisation, register_with_role
from tests.integration.test_audit_erasure import CHILD_NAME, PARENT_NAME, auditor, closed_case
from tests.integration.test_rebuild import everything, feed_live

from domain.access.model import AccessKind, Outcome
from domain.identity.model import Role
from keten.bootstrap import Platform
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
    by = str(auditor(platform))
    assert (
        main(["audit", "replay", str(case_id), "--as-of", "2100-01-01", "--by", by, "--data-dir", data_dir])
        == 0
    )
    state = json.loads(capsys.readouterr().out)["state"]
    assert CHILD_NAME in {person["name"] for person in state["betrokkenen"]}


def test_rotation_refuses_a_missing_or_malformed_key(
    sqlite_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = str(sqlite_store.bootstrap().settings.data_dir)
    monkeypatch.setenv("KETEN_NEW_MASTER_KEY", "not base64!")

    with pytest.raises(SystemExit):
        main(["keys", "rotate-master", "--data-dir", data_dir])


def vt_worker(platform: Platform) -> tuple[str, str]:
    """A VT_MEDEWERKER and the id of a closed case of their own Veilig Thuis."""
    veilig_thuis = register_organisation(platform, "Veilig Thuis Oost")
    worker = register_with_role(platform, veilig_thuis, Role.VT_MEDEWERKER)
    return str(worker), str(closed_case(platform, veilig_thuis.id))


def test_a_subject_access_export_prints_one_persons_data_without_the_others_and_is_logged(
    sqlite_store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    platform = sqlite_store.bootstrap()
    worker, case_id = vt_worker(platform)
    case = platform.cases.repository.get(UUID(case_id))
    child_id = next(person for person, b in case.betrokkenen.items() if b.is_child)
    data_dir = str(platform.settings.data_dir)

    assert main(["audit", "export", case_id, str(child_id), "--by", worker, "--data-dir", data_dir]) == 0
    out = capsys.readouterr().out
    assert json.loads(out)["person"]["name"] == CHILD_NAME
    assert PARENT_NAME not in out
    [line] = access_lines(platform)
    assert (line.kind, line.outcome, line.client_id, line.user_id) == (
        AccessKind.EXPORT,
        Outcome.ALLOWED,
        case_id,
        worker,
    )
    assert line.rule == "vt_medewerker.subject_access_export" and line.client_address.startswith("cli:")


def test_an_export_for_another_veilig_thuis_prints_nothing_and_logs_the_refusal(
    sqlite_store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    platform = sqlite_store.bootstrap()
    _, case_id = vt_worker(platform)
    other, _ = vt_worker(platform)
    case = platform.cases.repository.get(UUID(case_id))
    child_id = str(next(iter(case.betrokkenen)))
    data_dir = str(platform.settings.data_dir)

    with pytest.raises(SystemExit, match="no case"):
        main(["audit", "export", case_id, child_id, "--by", other, "--data-dir", data_dir])

    assert capsys.readouterr().out == ""
    [line] = access_lines(platform)
    assert (line.kind, line.outcome, line.user_id) == (AccessKind.DENIED, Outcome.DENIED, other)


def test_an_offline_replay_is_in_the_access_log_with_the_auditor_who_ran_it(
    sqlite_store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    platform = sqlite_store.bootstrap()
    case_id, by = str(closed_case(platform)), auditor(platform)
    data_dir = str(platform.settings.data_dir)

    assert (
        main(["audit", "replay", case_id, "--as-of", "2100-01-01", "--by", str(by), "--data-dir", data_dir])
        == 0
    )

    [line] = access_lines(platform)
    organisation = platform.identity.professional(by).organisation_id
    assert (line.kind, line.outcome, line.client_id, line.user_id, line.responsible_id) == (
        AccessKind.READ,
        Outcome.ALLOWED,
        case_id,
        str(by),
        str(organisation),
    )
    assert line.rule == "auditor.case_history" and line.token_id == "-"


@pytest.mark.parametrize("who", ["vt_medewerker", "unknown"])
def test_a_replay_by_someone_who_is_not_an_auditor_prints_nothing_and_logs_the_refusal(
    sqlite_store: Store, capsys: pytest.CaptureFixture[str], who: str
) -> None:
    platform = sqlite_store.bootstrap()
    worker, case_id = vt_worker(platform)
    by = worker if who == "vt_medewerker" else str(uuid4())
    data_dir = str(platform.settings.data_dir)

    with pytest.raises(SystemExit, match="AUDITOR" if who == "vt_medewerker" else "no such professional"):
        main(["audit", "replay", case_id, "--as-of", "2100-01-01", "--by", by, "--data-dir", data_dir])

    assert capsys.readouterr().out == ""
    [line] = access_lines(platform)
    assert (line.kind, line.outcome, line.client_id) == (AccessKind.DENIED, Outcome.DENIED, case_id)
    assert line.user_id == (worker if who == "vt_medewerker" else "-")
