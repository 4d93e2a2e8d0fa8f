"""/healthz, /readyz and /metrics of `keten serve`, over HTTP: a parked record makes keten not
ready, by name, until `keten relay retry` publishes it; a dead letter too; the counters move.

The tests share one `keten serve` and run in this order: the dead letter, which stays, last."""

from __future__ import annotations

import re
import signal
import subprocess
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from tests.e2e import test_nothing_stalls as stalls
from tests.e2e.cases_session import organisation, step
from tests.e2e.harness import KETEN, Keten, error_code, wait_until
from tests.e2e.test_only_ketens_records import listed, written_by_someone_else

from keten.broker import free_loopback_port
from keten.schema_registry import build_registry

pytestmark = pytest.mark.e2e
refusing_triage = stalls.refusing_triage


def ready(keten: Keten) -> httpx.Response:
    return httpx.get(f"{keten.url}/readyz", timeout=5.0)


def not_ready_because(keten: Keten, words: str) -> dict[str, Any] | None:
    response = ready(keten)
    body: dict[str, Any] = response.json()
    found = response.status_code == 503 and any(words in problem for problem in body.get("problems", []))
    return body if found else None


def metric(keten: Keten, name: str, **labels: str) -> float:
    """One sample of /metrics; 0 when the series is not there (yet)."""
    text = httpx.get(f"{keten.url}/metrics", timeout=5.0).text
    wanted = ",".join(f'{key}="{value}"' for key, value in labels.items())
    pattern = rf"^{re.escape(name)}{re.escape('{' + wanted + '}') if wanted else ''} (\S+)$"
    found = re.search(pattern, text, re.MULTILINE)
    return float(found.group(1)) if found else 0.0


def test_alive_and_ready_once_everything_has_caught_up(keten: Keten) -> None:
    alive = httpx.get(f"{keten.url}/healthz", timeout=5.0)

    assert (alive.status_code, alive.json()) == (200, {"status": "alive"})
    wait_until(lambda: ready(keten).status_code == 200, 20.0, "keten ready")
    assert ready(keten).json() == {"status": "ready"}
    assert metric(keten, "keten_ready") == 1.0


def test_a_parked_record_makes_keten_not_ready_by_name_until_a_retry_publishes_it(
    keten: Keten, refusing_triage: None
) -> None:
    [vt] = organisation(keten, "VEILIG_THUIS", "VEILIG_THUIS", "VT_MEDEWERKER")
    [mentor] = organisation(keten, "ONDERWIJS", "SCHOOL", "SIGNALLER")
    case = step(keten, mentor, stalls.RECEIVE, input=stalls.melding(vt, "Lotte Visser"))["caseId"]
    step(keten, vt, stalls.TRIAGE, id=case, input=stalls.ONDERZOEK)

    # Parked first, then held: the relay reaches OnderzoekStarted (behind Triaged) a moment later.
    body = wait_until(lambda: not_ready_because(keten, "relay cases: 1 parked"), 30.0, "503 naming it")
    wait_until(lambda: metric(keten, "keten_relay_held_records", application="cases") >= 1.0, 10.0, "held")
    assert body["status"] == "not ready"
    assert metric(keten, "keten_relay_parked_records", application="cases") == 1.0
    assert metric(keten, "keten_ready") == 0.0

    build_registry(stalls.EVENT_SCHEMAS, keten.broker.schema_dir)  # the cause is fixed
    keten.server.cli("relay", "retry", "--app", "cases")

    wait_until(lambda: ready(keten).status_code == 200, 20.0, "ready again after the retry")
    assert metric(keten, "keten_relay_parked_records", application="cases") == 0.0
    assert metric(keten, "keten_relay_lag_records", application="cases") == 0.0


def test_request_latency_per_operation_and_authentication_failures_are_counted(keten: Keten) -> None:
    before = metric(keten, "keten_graphql_request_seconds_count", operation="me")
    failures = metric(keten, "keten_authentication_failures_total", entrance="graphql")

    refused = keten.gql("not-a-token", "query Mine { me { id } }")

    assert error_code(refused) == "UNAUTHENTICATED"
    assert metric(keten, "keten_graphql_request_seconds_count", operation="me") == before + 1
    assert metric(keten, "keten_authentication_failures_total", entrance="graphql") == failures + 1
    keten.gql(None, "query Anything { nothing }")
    assert metric(keten, "keten_graphql_request_seconds_count", operation="invalid") >= 1
    assert 'operation="Anything"' not in httpx.get(f"{keten.url}/metrics", timeout=5.0).text


def test_the_consumers_report_their_lag(keten: Keten) -> None:
    wait_until(lambda: ready(keten).status_code == 200, 20.0, "keten ready")

    assert metric(keten, "keten_consumer_lag_records", consumer="matcher") == 0.0
    assert 'keten_consumer_lag_records{consumer="my_signals"}' in httpx.get(f"{keten.url}/metrics").text


def test_a_dead_letter_makes_keten_not_ready_and_is_counted_per_view(keten: Keten) -> None:
    [mentor] = organisation(keten, "ONDERWIJS", "SCHOOL", "SIGNALLER")
    [vt] = organisation(keten, "VEILIG_THUIS", "VEILIG_THUIS", "VT_MEDEWERKER")
    step(keten, mentor, stalls.RECEIVE, input=stalls.melding(vt, "Sem de Boer"))
    record = wait_until(lambda: keten.kafka.records_of_type("Received"), 10.0, "a melding")[-1]

    written_by_someone_else(keten, record, record.data, ce_sequence=None)  # keten's source, undecodable

    wait_until(lambda: listed(keten), 15.0, "the broken record in `keten deadletter list`")
    body = wait_until(lambda: not_ready_because(keten, "dead letters"), 10.0, "503 naming the view")
    assert any("keten deadletter list" in problem for problem in body["problems"])
    assert metric(keten, "keten_consumer_dead_letters", consumer="vt_cases") >= 1.0
    assert metric(keten, "keten_consumer_dead_lettered_total", consumer="vt_cases") >= 1.0


@pytest.fixture
def projector(keten: Keten) -> Iterator[str]:
    """`keten projector --view matches --metrics-port P` beside keten serve, on its store and broker."""
    port = free_loopback_port()
    command = [str(KETEN), "projector", "--view", "matches", "--metrics-port", str(port)]
    command += ["--data-dir", str(keten.data_dir)]
    log = (keten.data_dir.parent / "projector.stderr").open("wb")
    process = subprocess.Popen(command, env=keten.server._env, stdout=subprocess.DEVNULL, stderr=log)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def answers(url: str) -> httpx.Response | None:
    try:
        return httpx.get(url, timeout=5.0)
    except httpx.TransportError:
        return None


def test_a_projector_of_its_own_answers_for_its_views_on_its_metrics_port(projector: str) -> None:
    alive = wait_until(lambda: answers(f"{projector}/healthz"), 30.0, "the projector's /healthz")

    assert alive.json() == {"status": "alive"}
    wait_until(lambda: answers(f"{projector}/readyz").status_code == 200, 20.0, "the projector ready")
    text = httpx.get(f"{projector}/metrics", timeout=5.0).text
    assert 'keten_consumer_lag_records{consumer="matches"} 0.0' in text
    assert 'consumer="my_signals"' not in text  # only what this process runs
