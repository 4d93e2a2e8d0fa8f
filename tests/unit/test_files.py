"""The data dir is keten's alone: what exists is tightened, what comes later is created private."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from keten.files import keep_private


@pytest.fixture(autouse=True)
def umask_restored() -> Iterator[None]:
    original = os.umask(0o022)
    yield
    os.umask(original)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def test_what_the_data_dir_holds_is_tightened_and_what_comes_later_is_private(tmp_path: Path) -> None:
    data_dir, outside = tmp_path / "var", tmp_path / "elsewhere.txt"
    (data_dir / "broker" / "registry").mkdir(parents=True)
    (data_dir / "views.db").write_text("rows")
    (data_dir / "broker" / "tansu.log").write_text("log")
    outside.write_text("not keten's")
    (data_dir / "link").symlink_to(outside)

    keep_private(data_dir)
    (data_dir / "keys.db").write_text("later")
    (data_dir / "later").mkdir()

    assert {mode(data_dir), mode(data_dir / "broker"), mode(data_dir / "broker" / "registry")} == {0o700}
    assert {mode(data_dir / "views.db"), mode(data_dir / "broker" / "tansu.log")} == {0o600}
    assert (mode(data_dir / "keys.db"), mode(data_dir / "later")) == (0o600, 0o700)
    assert mode(outside) == 0o644  # a symlink's target is not keten's to change


def test_a_data_dir_that_does_not_exist_yet_is_left_to_be_created_private(tmp_path: Path) -> None:
    keep_private(tmp_path / "var")
    (tmp_path / "var").mkdir()
    assert mode(tmp_path / "var") == 0o700
