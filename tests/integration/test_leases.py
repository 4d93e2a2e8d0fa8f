"""A lease has one holder at a time, and goes to a standby when its holder dies — even on kill -9."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from tests.integration.platform_kit import Store

from kernel.lease import PostgresLease
from kernel.settings import Settings
from keten.broker import free_loopback_port
from keten.stores import open_lease

TAKEOVER_WITHIN = 5.0
HOLD = """
import sys, time
from kernel.settings import Settings
from keten.stores import open_lease
lease = open_lease(Settings(data_dir=sys.argv[1]), "relay-multisignaal")
assert lease.acquire()
print("held", flush=True)
time.sleep(600)
"""


def test_one_holder_at_a_time_and_the_lease_is_free_again_once_released(store: Store) -> None:
    settings = Settings(data_dir=store.data_dir)
    active, standby = open_lease(settings, "relay-cases"), open_lease(settings, "relay-cases")
    other = open_lease(settings, "relay-access")
    try:
        assert active.acquire() and active.held()
        assert not standby.acquire() and not standby.held()
        assert other.acquire()  # one lease per application: the others are not held back

        active.release()

        assert standby.acquire() and not active.held()
    finally:
        for lease in (active, standby, other):
            lease.release()


def test_a_standby_takes_the_lease_of_a_holder_killed_with_sigkill(store: Store) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(store.data_dir)], stdout=subprocess.PIPE, env=dict(os.environ)
    )
    standby = open_lease(Settings(data_dir=store.data_dir), "relay-multisignaal")
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == b"held"
        assert not standby.acquire()

        holder.send_signal(signal.SIGKILL)
        holder.wait()
        killed = time.monotonic()
        while not standby.acquire():
            assert time.monotonic() - killed < TAKEOVER_WITHIN, "the lease stayed with a dead holder"
            time.sleep(0.05)
    finally:
        holder.kill()
        holder.wait()
        standby.release()


def test_a_standby_that_cannot_reach_the_server_stays_standby_instead_of_failing() -> None:

    nobody = f"host=127.0.0.1 port={free_loopback_port()} dbname=test user=postgres connect_timeout=2"
    lease = PostgresLease(nobody, None, "relay-multisignaal")

    assert lease.acquire() is False  # asked again at its next poll; the relay thread lives on
    assert lease.held() is False
