"""The AsyncAPI document in schemas/ is generated from the contracts and must not go stale."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kernel.settings import Settings
from keten.asyncapi import READERS, asyncapi, render
from keten.bootstrap import bootstrap

SCHEMAS = Path(__file__).resolve().parents[2] / "schemas"
DOCUMENT = SCHEMAS / "asyncapi.json"


def test_the_committed_asyncapi_document_is_what_the_contracts_say() -> None:
    generated = render(asyncapi(SCHEMAS / "events"))
    assert DOCUMENT.read_text() == generated, "stale AsyncAPI document: run `make schema` and commit it"


def test_every_reference_in_the_document_resolves() -> None:
    document = json.loads(DOCUMENT.read_text())
    for ref in references(document):
        if ref.startswith("#/"):
            found: Any = document
            for part in ref[2:].split("/"):
                found = found[part]
        else:
            assert (SCHEMAS / ref).is_file(), ref


def test_every_event_schema_is_a_message_of_its_topic_and_every_consumer_is_a_receiver(
    tmp_path: Path,
) -> None:
    document = json.loads(DOCUMENT.read_text())
    on_channels = {name for channel in document["channels"].values() for name in channel["messages"]}
    assert on_channels == {path.stem for path in (SCHEMAS / "events").glob("*.json")}
    platform = bootstrap(Settings(data_dir=tmp_path))
    try:
        assert sorted(reader.name for reader in READERS) == sorted(h.name for h in platform.handlers())
    finally:
        platform.close()


def references(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from references(value)
    elif isinstance(node, list):
        for item in node:
            yield from references(item)
