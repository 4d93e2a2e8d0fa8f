"""A span whose process fails is never counted as verified."""

from __future__ import annotations

from pathlib import Path

import pytest

from kernel.settings import Settings
from keten.parallel_verify import verify_all


def test_a_span_whose_process_ends_without_an_answer_fails_the_verification(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)  # no event store here: each span's process fails

    with pytest.raises(RuntimeError, match="ended without an answer"):
        verify_all(settings, total=10, workers=2)
