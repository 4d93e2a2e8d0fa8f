"""The bytes of a GraphQL answer: compact UTF-8 JSON (orjson), read back as sent."""

from __future__ import annotations

import json
from typing import Any, cast

from gateway.app import KetenGraphQL


def test_an_answer_is_compact_utf8_json() -> None:
    answer = {"data": {"myMatches": [{"name": "Zoë de Vries", "since": None, "count": 2}]}}

    encoded = KetenGraphQL(cast(Any, None)).encode_json(answer)

    assert encoded == '{"data":{"myMatches":[{"name":"Zoë de Vries","since":null,"count":2}]}}'.encode()
    assert json.loads(encoded) == answer
