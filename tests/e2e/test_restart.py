"""keten comes back whole: after a restart of itself, and after the broker has lost every topic."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from tests.e2e.agencies import Agencies, Professional, Youth, counterparts, my_matches
from tests.e2e.agencies import signal as register
from tests.e2e.harness import Keten, KetenServer, wait_until

pytestmark = pytest.mark.e2e

WITHIN = 5.0
CONVERGED_WITHIN = 20.0  # after a broker restart: the relay notices within a second or two, then re-publishes


def matched(keten: Keten, agencies: Agencies, youth: Youth, within: float = WITHIN) -> dict[str, Any]:
    """Both signallers signal the young person; returns the new match once both see it."""
    known = set(match_ids(keten, agencies.mentor))
    register(keten, agencies.mentor, youth)
    register(keten, agencies.youth_worker, youth)

    def new_shared_match() -> dict[str, Any] | None:
        workers = set(match_ids(keten, agencies.youth_worker))
        new = [m for m in my_matches(keten, agencies.mentor) if m["id"] in workers - known]
        return new[0] if new else None

    return wait_until(new_shared_match, within, "a new match, seen by both")


def match_ids(keten: Keten, professional: Professional) -> list[str]:
    return sorted(match["id"] for match in my_matches(keten, professional))


def test_a_match_survives_a_restart_of_keten_serve(keten: Keten, agencies: Agencies) -> None:
    before = matched(keten, agencies, agencies.youth())

    keten.server.restart()

    # Ready means ready: the views are on disk, and the tokens signed before are still good.
    assert match_ids(keten, agencies.mentor) == match_ids(keten, agencies.youth_worker) == [before["id"]]
    after = my_matches(keten, agencies.mentor)[0]
    assert counterparts(after) == counterparts(before) == [agencies.youth_worker.as_counterpart]


def test_views_converge_again_after_the_broker_loses_every_topic(keten: Keten, agencies: Agencies) -> None:
    earlier = matched(keten, agencies, agencies.youth())
    published = keten.kafka.count()

    # Tansu keeps topics in memory: a restart loses every record.
    keten.broker.restart()
    assert keten.kafka.count() < published

    # The event store is the truth: the relay notices and publishes everything again.
    wait_until(
        lambda: keten.kafka.count() >= published, CONVERGED_WITHIN, f"{published} records back on Kafka"
    )

    # A new pair of signals is matched as before, and the views hold each match once.
    later = matched(keten, agencies, agencies.youth(), within=CONVERGED_WITHIN)
    assert later["id"] != earlier["id"]
    assert match_ids(keten, agencies.mentor) == match_ids(keten, agencies.youth_worker)
    assert match_ids(keten, agencies.mentor) == sorted([earlier["id"], later["id"]])
    for match in my_matches(keten, agencies.mentor):
        assert counterparts(match) == [agencies.youth_worker.as_counterpart]


def test_keten_serve_stops_cleanly_on_sigint(keten: Keten, agencies: Agencies) -> None:
    # Some work done first, so that stopping has relays, consumers and producers to close.
    matched(keten, agencies, agencies.youth())
    offset = keten.server.stderr.stat().st_size

    code = keten.server.stop(signal.SIGINT)
    said = keten.server.stderr_text(offset)
    keten.server.start()

    assert code in (0, -signal.SIGINT)
    assert "Traceback" not in said, _traceback(said)


def test_sigterm_stops_keten_serve_and_the_broker_it_started(tmp_path: Path) -> None:
    if not Path("/proc/self/cwd").exists():
        pytest.skip("finding the broker's process needs /proc")
    server = KetenServer(tmp_path / "data", tmp_path, bootstrap_servers=None)
    server.start()
    with processes_working_in(tmp_path / "data" / "broker") as brokers:
        assert brokers, "keten serve runs its own broker, working in the data dir"

        code = server.stop(signal.SIGTERM)

        assert code in (0, -signal.SIGTERM)
        wait_until(lambda: not any(_alive(pid) for pid in brokers), WITHIN, "the broker to stop with keten")
        assert "Traceback" not in server.stderr_text(), _traceback(server.stderr_text())


def _traceback(output: str) -> str:
    lines = output[output.index("Traceback") :].splitlines()
    return "\n".join(line for line in lines if not line.startswith("20"))[:3000]


@contextmanager
def processes_working_in(work_dir: Path) -> Iterator[list[int]]:
    """The pids of the processes whose cwd is work_dir; any still alive at the end are stopped."""
    pids = [pid for pid in _pids() if _cwd(pid) == work_dir.resolve()]
    try:
        yield pids
    finally:
        for pid in pids:
            if _alive(pid):
                os.kill(pid, signal.SIGTERM)


def _pids() -> Iterator[int]:
    return (int(entry.name) for entry in Path("/proc").iterdir() if entry.name.isdigit())


def _cwd(pid: int) -> Path | None:
    try:
        return Path(f"/proc/{pid}/cwd").resolve(strict=True)
    except OSError:
        return None


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
