"""Every file keten creates under its data dir is 0600 and every directory 0700: event stores,
views, keys, secrets, the embedded broker's work dir — and what an older version left open."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from tests.e2e.agencies import Agencies, signal
from tests.e2e.cases_session import organisation
from tests.e2e.harness import Keten, KetenServer
from tests.e2e.traces import RECEIVE_MELDING, melding

pytestmark = pytest.mark.e2e


def open_to_others(data_dir: Path) -> list[str]:
    """Every path under the data dir that is not 0600 (a file) or 0700 (a directory)."""
    wrong = [] if stat.S_IMODE(data_dir.stat().st_mode) == 0o700 else ["."]
    for path in data_dir.rglob("*"):
        expected = 0o700 if path.is_dir() else 0o600
        if not path.is_symlink() and stat.S_IMODE(path.stat().st_mode) != expected:
            wrong.append(f"{path.relative_to(data_dir)} {oct(stat.S_IMODE(path.stat().st_mode))}")
    return wrong


def test_after_signals_and_a_melding_every_file_in_the_data_dir_is_private(
    keten: Keten, agencies: Agencies
) -> None:
    signal(keten, agencies.mentor, agencies.youth())
    [vt] = organisation(keten, "VEILIG_THUIS", "VEILIG_THUIS", "VT_MEDEWERKER")
    keten.data(vt.token, RECEIVE_MELDING, input=melding(vt.organisation_id))
    keten.server.cli("token", "--professional", agencies.mentor.id)

    assert any(keten.data_dir.iterdir())
    assert open_to_others(keten.data_dir) == []


def test_keten_serve_with_its_own_broker_keeps_every_file_private_and_tightens_old_ones(
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir(mode=0o755)
    (data_dir / "notes.txt").write_text("left by an older version")
    (data_dir / "notes.txt").chmod(0o644)
    server = KetenServer(data_dir, tmp_path, bootstrap_servers=None)
    server.start()
    try:
        token = server.admin_token()
        assert token
        assert (data_dir / "broker").is_dir() and any((data_dir / "broker").iterdir())
        assert open_to_others(data_dir) == []
    finally:
        server.stop()
    assert open_to_others(data_dir) == []
