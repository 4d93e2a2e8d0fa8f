"""NEN 7513 over HTTP: each personal-data query leaves exactly one access line per client, on
keten.access.v1 and in the auditor's accessLog, with every field the norm asks for."""

from __future__ import annotations

from typing import Any

import pytest
from tests.e2e.agencies import (
    Agencies,
    municipality_matches,
    my_matches,
    register_organisation,
    register_professional,
    signal,
)
from tests.e2e.harness import Keten, error_code, wait_until

pytestmark = pytest.mark.e2e

LOG = """query ($user: ID) { accessLog(userId: $user) {
  kind at clientId userId responsibleId clientAddress tokenId rule outcome } }"""
NEN_7513 = (
    "kind",
    "at",
    "clientId",
    "userId",
    "responsibleId",
    "clientAddress",
    "tokenId",
    "rule",
    "outcome",
)


def lines_of(keten: Keten, auditor_token: str, user_id: str, count: int) -> list[dict[str, Any]]:
    def enough() -> list[dict[str, Any]] | None:
        found: list[dict[str, Any]] = keten.data(auditor_token, LOG, user=user_id)["accessLog"]
        return found if len(found) >= count else None

    found = wait_until(enough, 5.0, f"{count} access lines of {user_id}")
    return found


def test_each_personal_data_query_leaves_one_line_per_client_with_every_field(
    keten: Keten, agencies: Agencies
) -> None:
    toezicht = register_organisation(keten, "OVERIG", agencies.municipality_code)
    auditor = register_professional(keten, toezicht, "AUDITOR")
    youth = agencies.youth()
    signal(keten, agencies.mentor, youth)
    signal(keten, agencies.youth_worker, youth)
    [match] = wait_until(lambda: my_matches(keten, agencies.mentor) or None, 5.0, "the match")
    before = lines_of(keten, auditor.token, agencies.mentor.id, 2)  # the registration and a read

    my_matches(keten, agencies.mentor)
    keten.data(agencies.mentor.token, "query { me { name } }")

    new = lines_of(keten, auditor.token, agencies.mentor.id, len(before) + 2)[len(before) :]
    assert sorted((line["rule"], line["clientId"]) for line in new) == sorted(
        [("signaller.my_matches", match["id"]), ("professional.me", agencies.mentor.id)]
    )
    assert "signaller.register_signal" in {line["rule"] for line in before}
    for line in before + new:
        assert all(line[field] for field in NEN_7513), line
        assert line["clientAddress"] == "127.0.0.1" and line["outcome"] == "ALLOWED"

    municipality_matches(keten, agencies.regievoerder)
    [regie] = lines_of(keten, auditor.token, agencies.regievoerder.id, 1)
    assert (regie["clientId"], regie["rule"]) == (match["id"], "regievoerder.municipality_matches")


def test_a_refused_case_read_is_logged_as_denied(keten: Keten, agencies: Agencies) -> None:
    toezicht = register_organisation(keten, "OVERIG", agencies.municipality_code)
    auditor = register_professional(keten, toezicht, "AUDITOR")
    case_id = "7d3c1b8e-0000-4000-8000-00000000c0de"

    body = keten.gql(agencies.mentor.token, "query ($id: ID!) { case(id: $id) { id } }", id=case_id)

    assert error_code(body) == "FORBIDDEN"
    [line] = lines_of(keten, auditor.token, agencies.mentor.id, 1)
    assert (line["kind"], line["clientId"], line["outcome"]) == ("DENIED", case_id, "DENIED")
