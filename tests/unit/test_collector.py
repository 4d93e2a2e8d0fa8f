"""Every keten process looks for cyclic garbage less often than CPython's default (why:
keten.collector)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from keten import parallel_verify
from keten.cli import main
from keten.collector import YOUNG_THRESHOLD, collect_less_often
from relay.verify import Verification


@pytest.fixture
def cpython_default() -> Iterator[None]:
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*before)


@pytest.mark.usefixtures("cpython_default")
def test_only_the_young_generation_waits_longer() -> None:
    collect_less_often()
    assert gc.get_threshold() == (YOUNG_THRESHOLD, 10, 10)


@pytest.mark.usefixtures("cpython_default")
def test_the_command_line_sets_it_for_every_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KETEN_DATA_DIR", str(tmp_path / "var"))
    assert main(["export-asyncapi", "--output", str(tmp_path / "asyncapi.json")]) == 0
    assert gc.get_threshold()[0] == YOUNG_THRESHOLD


@pytest.mark.usefixtures("cpython_default")
def test_a_verify_span_process_sets_it_too(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`keten audit verify --all` starts its spans as `python -m keten.parallel_verify`, not
    through the command line."""

    class Spans:
        def span(self, first: int, last: int | None, progress: object) -> Verification:
            return Verification(checked=last or 0)

    monkeypatch.setattr(parallel_verify, "_verifier", lambda *_: Spans())
    assert parallel_verify.main(["var", "eventsourcing.sqlite", "1", "7", "100"]) == 0
    assert gc.get_threshold()[0] == YOUNG_THRESHOLD
    assert capsys.readouterr().out.startswith('done {"checked": 7')
