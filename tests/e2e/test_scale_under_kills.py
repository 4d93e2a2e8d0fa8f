"""keten at scale on PostgreSQL and the embedded broker, every role a process: two gateways,
two matchers, two projectors, a relay and its standby. A bounded load of registrations runs
through both gateways while one matcher, one projector, the active relay and one gateway are
killed -9 (and started again). Afterwards every answered signal is in its professional's
`mySignals` on both gateways, every young person signalled by two organisations has exactly
one match with the right counterpart, no match was found twice on keten.matches.v1, and the
standby relay took over within seconds.

The size: KETEN_SCALE_YOUNG_PEOPLE young people signalled by two organisations (60 by default)
and a third as many by one; `make test` runs the default, 60 (140 signals).
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Callable, Iterator

import pytest
from tests.e2e.agencies import MY_MATCHES, MY_SIGNALS, counterparts
from tests.e2e.harness import wait_until
from tests.e2e.roles import Cluster, GatewayProcess, RoleProcess, running_cluster, store_at
from tests.e2e.scale_load import Load, people, run
from tests.soak.verify import doubled_matches

pytestmark = [pytest.mark.e2e, pytest.mark.postgres]

PAIRED = int(os.environ.get("KETEN_SCALE_YOUNG_PEOPLE", "60"))
ALONE = PAIRED // 3
TAKEOVER = 10.0  # seconds for the standby relay (it asks for the lease every 0.5 s)
SETTLE = 120.0  # seconds for every view to show everything after the last restart
ACTIVE = re.compile(r"relay multisignaal: active")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    root = tmp_path_factory.mktemp("scale-kills")
    with running_cluster(root, store_at(root, "postgres", "kills"), _roles) as cluster:
        yield cluster


def _roles(cluster: Cluster) -> None:
    # Only the pipelines this test reads: fewer PostgreSQL connections on a server whose 100
    # every suite on the machine shares (each application relayed holds a lease session).
    for name in ("relay-1", "relay-2"):
        cluster.role(name, "relay", "--app", "multisignaal", "--app", "matching")
    for name in ("matcher-1", "matcher-2"):
        cluster.role(name, "matcher")
    for name in ("projector-1", "projector-2"):
        cluster.role(name, "projector", "--view", "my_signals", "--view", "matches")
    for name in ("gateway-1", "gateway-2"):
        cluster.gateway(name)


def activations(process: RoleProcess) -> int:
    return len(ACTIVE.findall(process.stderr.read_text(errors="replace")))


def when(load: Load, share: float, action: Callable[[], None]) -> None:
    wait_until(lambda: load.progress() >= share, 120.0, f"{share:.0%} of the load answered")
    action()


def test_under_load_with_kill_9_of_every_kind_of_role_nothing_is_lost_or_doubled(cluster: Cluster) -> None:
    first, second = cluster.gateways()
    load = people(second, PAIRED, ALONE)
    relays = [cluster.named("relay-1"), cluster.named("relay-2")]
    wait_until(lambda: sum(activations(r) for r in relays) == 1, 30.0, "one relay active")
    active, standby = sorted(relays, key=activations, reverse=True)
    takeover: list[float] = []

    def kill_active_relay() -> None:
        active.kill()
        killed = time.monotonic()
        wait_until(lambda: activations(standby) == 1, TAKEOVER, "the standby relay active")
        takeover.append(time.monotonic() - killed)

    loading = threading.Thread(target=run, args=(load, [first, second]))
    started = time.monotonic()
    loading.start()
    when(load, 0.2, cluster.named("matcher-1").kill)
    when(load, 0.35, cluster.named("projector-1").kill)
    when(load, 0.5, kill_active_relay)
    when(load, 0.65, first.kill)
    loading.join()
    load_seconds = time.monotonic() - started
    for process in (cluster.named("matcher-1"), cluster.named("projector-1"), active, first):
        process.start()

    wait_until(
        lambda: all_signals_visible(load, [first, second]), SETTLE, "every answered signal on both gateways"
    )
    wait_until(lambda: every_match_right(load, second), SETTLE, "one right match per young person")
    found, doubled = doubled_matches(cluster.broker.bootstrap_servers)
    print(
        f"\n{len(load.answered)} signals in {load_seconds:.1f} s ({len(load.answered) / load_seconds:.0f}/s) "
        f"through two gateways under kill -9; standby relay active {takeover[0]:.1f} s after the kill"
    )
    assert len(load.answered) == len(load.registrations)
    assert (found, doubled) == (PAIRED, [])
    assert takeover[0] <= TAKEOVER


def all_signals_visible(load: Load, gateways: list[GatewayProcess]) -> bool:
    for story in load.stories:
        for professional in story.professionals:
            wanted = load.answered[(professional.id, story.youth.bsn)]
            for gateway in gateways:
                body = gateway.gql(professional.token, MY_SIGNALS)
                if body.get("errors") or [row["id"] for row in body["data"]["mySignals"]] != [wanted]:
                    return False
    return True


def every_match_right(load: Load, gateway: GatewayProcess) -> bool:
    for story in load.stories:
        for professional in story.professionals:
            matches = gateway.data(professional.token, MY_MATCHES)["myMatches"]
            others = [p.as_counterpart for p in story.professionals if p is not professional]
            if [counterparts(match) for match in matches] != ([others] if others else []):
                return False
    return True
