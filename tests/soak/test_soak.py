"""The short soak of `make test`: 32 clients for 20 s, keten serve killed twice (`make soak`: minutes)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.soak.runner import run_soak

pytestmark = pytest.mark.e2e

SECONDS = 20.0


def test_under_load_with_two_kills_every_answered_write_shows_and_no_match_is_doubled(tmp_path: Path) -> None:
    report = run_soak(tmp_path, SECONDS, clients=32, kills=2)
    print("\n".join(report.lines()))
    assert report.problems == []
    assert len(report.downtimes) == 2
    assert report.tally.codes["OK"] > 0 and report.tally.codes["PAYLOAD_TOO_LARGE"] > 0
