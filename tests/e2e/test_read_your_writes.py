"""Read your own writes across gateway processes: a signal registered through one gateway is in
the same professional's `mySignals` on another at once, although a relay and a projector — two
more processes — carry it from the event store to the view in between."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from tests.e2e.agencies import Agencies, my_signals, signal
from tests.e2e.roles import Cluster, GatewayProcess, running_cluster, store_at

pytestmark = pytest.mark.e2e

ROUNDS = 20  # registrations, each read back at once through the other gateway


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def cluster(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    root = tmp_path_factory.mktemp(f"ryw-{request.param}")
    with running_cluster(root, store_at(root, request.param, "ryw"), _roles) as cluster:
        yield cluster


def _roles(cluster: Cluster) -> None:
    cluster.role("relay", "relay")
    cluster.role("projector", "projector", "--view", "my_signals")
    cluster.gateway("gateway-1")
    cluster.gateway("gateway-2")


def test_a_signal_registered_through_one_gateway_is_in_my_signals_on_the_other_every_time(
    cluster: Cluster,
) -> None:
    first, second = (role for role in cluster.roles if isinstance(role, GatewayProcess))
    agencies = Agencies.register(first)  # type: ignore[arg-type]
    for round_ in range(ROUNDS):
        writer, reader = (first, second) if round_ % 2 == 0 else (second, first)
        signal_id = signal(writer, agencies.mentor, agencies.youth())  # type: ignore[arg-type]

        assert signal_id in my_signals(reader, agencies.mentor), f"round {round_}: not read back"
