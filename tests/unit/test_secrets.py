"""Platform secrets are created once, private to their owner, or taken from the environment."""

from __future__ import annotations

import multiprocessing
import stat
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from kernel.settings import Settings
from keten.secrets import load_secrets


def test_secrets_are_created_once_with_mode_0600_and_reused(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    first = load_secrets(settings)
    for name in ("token-signing.pem", "cipher.key", "pepper", "master.key"):
        mode = stat.S_IMODE((tmp_path / "secrets" / name).stat().st_mode)
        assert mode == 0o600, name
    assert stat.S_IMODE((tmp_path / "secrets").stat().st_mode) == 0o700
    again = load_secrets(settings)
    assert again.pepper == first.pepper and again.cipher_key == first.cipher_key


def test_a_secret_from_the_environment_wins_and_is_not_written(tmp_path: Path) -> None:
    pepper = "cGVwcGVyLWZyb20tdGhlLWVudmlyb25tZW50LTMyYg=="
    secrets = load_secrets(Settings(data_dir=tmp_path, pepper=pepper))
    assert secrets.pepper == b"pepper-from-the-environment-32b"
    assert not (tmp_path / "secrets" / "pepper").exists()


def _pepper_of(data_dir: Path) -> bytes:
    return load_secrets(Settings(data_dir=data_dir)).pepper


def test_processes_starting_at_once_agree_on_every_secret(tmp_path: Path) -> None:
    # A Procfile starts every role at the same moment on one fresh data dir.
    with ProcessPoolExecutor(max_workers=6, mp_context=multiprocessing.get_context("fork")) as pool:
        peppers = set(pool.map(_pepper_of, [tmp_path] * 12))
    assert len(peppers) == 1
    assert sorted(path.name for path in (tmp_path / "secrets").iterdir()) == [
        "cipher.key",
        "master.key",
        "pepper",
        "token-signing.pem",
    ]
