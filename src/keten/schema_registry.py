"""Build the embedded broker's schema registry from the event contracts in `schemas/events`.

Each `schemas/events/*.json` is a JSON Schema (draft 2020-12) of ONE event's CloudEvents
`data`, i.e. the Kafka record value, and names where it goes with two extra keys:
`"x-topic"` (for example `keten.signals.v1`) and `"x-ce-type"` (for example
`keten.multisignaal.SignalRegistered`). Tansu wants one file per topic, `<topic>.json`, whose
`properties.value` is the schema of the record value; we write

    {"type": "object", "properties": {"value": {"anyOf": [<each event schema of the topic>]}}}

with the `x-*`, `$schema` and `$id` keys removed and every `$ref` inlined (see below).

What Tansu 0.6.0's validator does, verified against the running broker:

- enforced: `type` (including `["string", "null"]`), `required`, `properties`,
  `additionalProperties: false`, nested objects, `pattern`, `enum`, `const`,
  `minLength`/`maxLength`, `items`/`minItems`, `anyOf`, `oneOf`, `if`/`then`.
- NOT enforced: `format` is an annotation only ("not a time" passes `date-time`, so do
  `date` and `uuid`). A contract that must hold at the broker uses `pattern` as well; the
  producer side can still check `format` with jsonschema's FormatChecker.
- `$ref`: Tansu compiles `properties.value` as a schema of its own, so `#` means the value
  schema, not the file: `$defs` at the value's root resolve, `$defs` at the file's root do
  not, and an unresolvable `$ref` is silently IGNORED (any value passes). Since each event
  schema becomes one branch of an `anyOf`, its `#/$defs/...` would dangle; we therefore
  inline every local `$ref` while building, and refuse remote or recursive references.
- the record key is validated only when the topic schema has `properties.key` (then the key
  must be JSON and a missing key is refused). We write no key schema: keys are raw bytes
  (a pseudonym, a case id).
- a null value and a non-JSON value are refused on a topic that has a schema; a topic
  without a schema file accepts anything. A malformed schema file makes every produce to its
  topic fail with `UnknownError`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError

__all__ = ["EventSchema", "RegistryBuildError", "build_registry", "load_event_schemas"]

TOPIC_KEY = "x-topic"
CE_TYPE_KEY = "x-ce-type"
# Kafka's legal topic characters; the topic also becomes a file name, so nothing else.
_TOPIC_PATTERN = re.compile(r"^[A-Za-z0-9._-]{1,249}$")
_DROPPED_ROOT_KEYS = frozenset({"$schema", "$id", "$defs", "definitions"})
# Keywords whose values are data, not schemas: a "$ref" inside them is not a reference.
_DATA_KEYWORDS = frozenset({"const", "enum", "default", "examples"})
# Keywords whose keys are names (of properties, definitions) and whose values are all schemas.
_NAME_MAP_KEYWORDS = frozenset(
    {"properties", "patternProperties", "dependentSchemas", "$defs", "definitions"}
)

JsonObject = dict[str, Any]


class RegistryBuildError(ValueError):
    """An event schema cannot be turned into a Tansu registry entry."""


class EventSchema:
    """One event contract: where it is published and the schema of its record value."""

    def __init__(self, path: Path, topic: str, ce_type: str, value_schema: JsonObject) -> None:
        self.path = path
        self.topic = topic
        self.ce_type = ce_type
        self.value_schema = value_schema


def build_registry(events_dir: Path, out_dir: Path) -> dict[str, Path]:
    """Write one Tansu schema file per topic into out_dir; return {topic: file}.

    out_dir belongs to the registry: a `*.json` of a topic that no longer has events is
    removed, so the broker never enforces a contract that is gone.
    """
    by_topic = _group_by_topic(load_event_schemas(events_dir))
    out_dir.mkdir(parents=True, exist_ok=True)
    written = {topic: _write_topic(out_dir, topic, events) for topic, events in by_topic.items()}
    for stale in out_dir.glob("*.json"):
        if stale not in written.values():
            stale.unlink()
    return written


def load_event_schemas(events_dir: Path) -> list[EventSchema]:
    """Read and check every event schema in events_dir, sorted by file name."""
    if not events_dir.is_dir():
        raise RegistryBuildError(f"event schema directory not found: {events_dir}")
    return [_load_event_schema(path) for path in sorted(events_dir.glob("*.json"))]


def topic_schema(events: Iterable[EventSchema]) -> JsonObject:
    """The Tansu schema of a topic: its record value is any one of its events."""
    branches = [event.value_schema for event in sorted(events, key=lambda e: e.ce_type)]
    return {"type": "object", "properties": {"value": {"anyOf": branches}}}


def _write_topic(out_dir: Path, topic: str, events: list[EventSchema]) -> Path:
    path = out_dir / f"{topic}.json"
    path.write_text(json.dumps(topic_schema(events), indent=2, sort_keys=True) + "\n")
    return path


def _group_by_topic(events: list[EventSchema]) -> dict[str, list[EventSchema]]:
    by_topic: dict[str, list[EventSchema]] = {}
    seen_types: dict[str, Path] = {}
    for event in events:
        if event.ce_type in seen_types:
            raise RegistryBuildError(
                f"{event.path.name}: {CE_TYPE_KEY} {event.ce_type!r} is already declared by "
                f"{seen_types[event.ce_type].name}"
            )
        seen_types[event.ce_type] = event.path
        by_topic.setdefault(event.topic, []).append(event)
    return dict(sorted(by_topic.items()))


def _load_event_schema(path: Path) -> EventSchema:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise RegistryBuildError(f"{path.name}: not valid JSON: {error}") from error
    if not isinstance(document, dict):
        raise RegistryBuildError(f"{path.name}: a schema must be a JSON object")
    _check_schema(path, document)
    return EventSchema(
        path=path,
        topic=_topic(path, document),
        ce_type=_required_string(path, document, CE_TYPE_KEY),
        value_schema=value_schema(document, source=path.name),
    )


def value_schema(document: Mapping[str, Any], source: str = "schema") -> JsonObject:
    """The event schema as Tansu should see it: no `x-*`/`$schema`/`$id`, `$ref`s inlined."""
    inlined = _inline(dict(document), root=document, source=source, trail=())
    return {
        key: item
        for key, item in inlined.items()
        if not key.startswith("x-") and key not in _DROPPED_ROOT_KEYS
    }


def _check_schema(path: Path, document: JsonObject) -> None:
    try:
        Draft202012Validator.check_schema(document)
    except SchemaError as error:
        message = f"{path.name}: not a valid JSON Schema: {error.message}"
        raise RegistryBuildError(message) from error


def _topic(path: Path, document: JsonObject) -> str:
    topic = _required_string(path, document, TOPIC_KEY)
    if not _TOPIC_PATTERN.fullmatch(topic) or topic in {".", ".."}:
        raise RegistryBuildError(f"{path.name}: {TOPIC_KEY} {topic!r} is not a Kafka topic name")
    return topic


def _required_string(path: Path, document: JsonObject, key: str) -> str:
    value = document.get(key)
    if not isinstance(value, str) or not value:
        raise RegistryBuildError(f"{path.name}: needs a non-empty string {key!r}")
    return value


def _inline(node: Any, root: Mapping[str, Any], source: str, trail: tuple[str, ...]) -> Any:
    """Copy node with every local `$ref` replaced by the schema it points to."""
    if isinstance(node, list):
        return [_inline(item, root, source, trail) for item in node]
    if not isinstance(node, dict):
        return node
    copied = {
        key: _inline_keyword(key, item, root, source, trail)
        for key, item in node.items()
        if not (key == "$ref" and isinstance(item, str))
    }
    reference = node.get("$ref")
    if not isinstance(reference, str):
        return copied
    target = _inline(_resolve(reference, root, source, trail), root, source, (*trail, reference))
    # In 2020-12 `$ref` applies beside its sibling keywords, exactly as an allOf branch does
    # (additionalProperties sees neither's properties), so this keeps the meaning.
    return {"allOf": [target, copied]} if copied else target


def _inline_keyword(key: str, item: Any, root: Mapping[str, Any], source: str, trail: tuple[str, ...]) -> Any:
    if key in _DATA_KEYWORDS:
        return item
    if key in _NAME_MAP_KEYWORDS and isinstance(item, dict):
        # A property may be called "enum" or "$ref": its value is a schema all the same.
        return {name: _inline(schema, root, source, trail) for name, schema in item.items()}
    return _inline(item, root, source, trail)


def _resolve(reference: str, root: Mapping[str, Any], source: str, trail: tuple[str, ...]) -> Any:
    if reference in trail:
        raise RegistryBuildError(f"{source}: recursive $ref {reference!r} cannot be inlined")
    if not reference.startswith("#/"):
        raise RegistryBuildError(
            f"{source}: only local JSON-pointer references (#/...) are supported, got $ref {reference!r}"
        )
    node: Any = root
    for token in reference[2:].split("/"):
        segment = token.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and segment in node:
            node = node[segment]
        elif isinstance(node, list) and segment.isdigit() and int(segment) < len(node):
            node = node[int(segment)]
        else:
            raise RegistryBuildError(f"{source}: $ref {reference!r} points to nothing")
    return node
