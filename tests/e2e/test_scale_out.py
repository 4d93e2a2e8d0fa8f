"""keten scaled out on PostgreSQL: two matchers and two projectors split the partitions between
them, and when one of each is killed -9 the other takes its partitions over within seconds;
no match is lost and none is doubled."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pytest
from tests.e2e.agencies import Agencies, my_matches, signal
from tests.e2e.harness import wait_until
from tests.e2e.roles import Cluster, GatewayProcess, RoleProcess, running_cluster, store_at

pytestmark = [pytest.mark.e2e, pytest.mark.postgres]

PARTITIONS = {0, 1, 2, 3}
YOUNG_PEOPLE = 16  # per step: enough that every partition holds some (4 partitions, random keys)
TAKEOVER = 30.0  # seconds: session timeout + rebalance + catching up, on a machine shared by four
READS = re.compile(r"consumer (\w+) reads (.*)$")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    root = tmp_path_factory.mktemp("scale-out")
    with running_cluster(root, store_at(root, "postgres", "scale"), _roles) as cluster:
        yield cluster


def _roles(cluster: Cluster) -> None:
    cluster.role("relay", "relay")
    for name in ("matcher-1", "matcher-2"):
        cluster.role(name, "matcher")
    for name in ("projector-1", "projector-2"):
        cluster.role(name, "projector", "--view", "matches", "--view", "my_signals")
    cluster.gateway("gateway")


def gateway(cluster: Cluster) -> GatewayProcess:
    (found,) = cluster.gateways()
    return found


def partitions_read(process: RoleProcess, handler: str) -> set[int]:
    """The partitions the process was last given for the handler, from its log."""
    given: set[int] = set()
    for line in process.stderr.read_text(errors="replace").splitlines():
        found = READS.search(line)
        if found and found.group(1) == handler:
            given = {int(p) for p in re.findall(r"\[(\d+)\]", found.group(2))}
    return given


def split(cluster: Cluster, handler: str, *names: str) -> list[set[int]] | None:
    """Each process's partitions, once they are disjoint and cover the topic."""
    given = [partitions_read(cluster.named(name), handler) for name in names]
    disjoint = sum(len(g) for g in given) == len(set().union(*given))
    return given if disjoint and set().union(*given) == PARTITIONS and all(given) else None


def matched(cluster: Cluster, agencies: Agencies, count: int) -> int:
    """How many matches the mentor sees, once the youth worker sees as many."""
    seen = [len(my_matches(gateway(cluster), p)) for p in (agencies.mentor, agencies.youth_worker)]  # type: ignore[arg-type]
    return seen[0] if seen[0] == seen[1] == count else 0


def both_signal(cluster: Cluster, agencies: Agencies, young_people: int) -> None:
    for _ in range(young_people):
        youth = agencies.youth()
        for professional in (agencies.mentor, agencies.youth_worker):
            signal(gateway(cluster), professional, youth)  # type: ignore[arg-type]


def test_two_matchers_and_two_projectors_split_the_partitions_between_them(cluster: Cluster) -> None:
    matchers = wait_until(lambda: split(cluster, "matcher", "matcher-1", "matcher-2"), 30.0, "matchers split")
    views = wait_until(
        lambda: split(cluster, "matches", "projector-1", "projector-2"), 30.0, "projectors split"
    )

    assert [len(given) for given in (*matchers, *views)] == [2, 2, 2, 2]


def test_a_killed_matcher_and_projector_are_taken_over_within_seconds_without_loss_or_doubles(
    cluster: Cluster,
) -> None:
    agencies = Agencies.register(gateway(cluster))  # type: ignore[arg-type]
    wait_until(lambda: split(cluster, "matcher", "matcher-1", "matcher-2"), 30.0, "matchers split")

    cluster.named("matcher-1").kill()
    cluster.named("projector-1").kill()
    killed = time.monotonic()
    both_signal(cluster, agencies, YOUNG_PEOPLE)

    wait_until(lambda: matched(cluster, agencies, YOUNG_PEOPLE), TAKEOVER, "every match, after the kills")
    print(f"takeover: every match visible {time.monotonic() - killed:.1f} s after kill -9")
    assert partitions_read(cluster.named("matcher-2"), "matcher") == PARTITIONS

    # The killed ones come back: the partitions are split again, and nothing is applied twice.
    cluster.named("matcher-1").start()
    cluster.named("projector-1").start()
    both_signal(cluster, agencies, YOUNG_PEOPLE)
    wait_until(lambda: matched(cluster, agencies, 2 * YOUNG_PEOPLE), TAKEOVER, "every match, after restarts")
    wait_until(lambda: split(cluster, "matcher", "matcher-1", "matcher-2"), TAKEOVER, "matchers split again")
