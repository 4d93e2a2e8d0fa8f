"""The AsyncAPI document of keten's topics, generated from the contracts it is made of.

Channels are the `keten.*.v1` topics (kernel.contracts), messages the event schemas in
`schemas/events` (referenced, not copied), senders the relays and receivers the consumer roles.
`make schema` writes it to schemas/asyncapi.json; a unit test fails when it is stale.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from kernel.contracts import DEADLETTER_TOPIC, KEPT_FOREVER, RECORDS_PER_EVENT, TOPIC_KEYS, TOPICS
from keten.relays import SOURCE_TOPICS
from keten.schema_registry import EventSchema, load_event_schemas
from matching.consumer import MatcherHandler
from projections.access_log import AccessLogView
from projections.cases_melder import MyMeldingenView
from projections.cases_receiver import ReceiverCasesView
from projections.cases_vt import VeiligThuisCasesView
from projections.handover_mail import HandoverMailView
from projections.match_mail import MatchMailView
from projections.match_regie import MatchRegieView
from projections.matches import MatchesView
from projections.signal_logbook import SignalLogbookView
from projections.signals import MySignalsView

Json = dict[str, Any]
DESCRIPTION = "CloudEvents (binary mode) on Kafka. The event store is the truth; the relays publish it."
READERS: tuple[Any, ...] = (
    MatcherHandler,
    MySignalsView,
    MatchesView,
    MatchRegieView,
    VeiligThuisCasesView,
    MyMeldingenView,
    ReceiverCasesView,
    AccessLogView,
    SignalLogbookView,
    MatchMailView,
    HandoverMailView,
)
CE_HEADERS = {
    "ce_specversion": "CloudEvents spec version: 1.0",
    "ce_id": "<aggregate id>:<version>, unique per record: a stored event that publishes several "
    "records (a batch of access lines) adds :<line>",
    "ce_source": "/keten/<application>",
    "ce_type": "keten.<context>.<EventName>",
    "ce_time": "when the event happened (ISO 8601)",
    "ce_subject": "whom it is about: a pseudonym or a case id",
    "ce_sequence": "the event store's notification id, or for the records of a batch of access lines "
    f"notification id × {RECORDS_PER_EVENT} + line: consumers dedupe by (source, key, sequence)",
    "content-type": "application/json",
}


def asyncapi(events_dir: Path) -> Json:
    events = load_event_schemas(events_dir)
    by_topic: dict[str, list[EventSchema]] = defaultdict(list)
    for event in events:
        by_topic[event.topic].append(event)
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "keten",
            "version": "1",
            "description": DESCRIPTION,
        },
        "defaultContentType": "application/json",
        "channels": {topic: _channel(topic, by_topic[topic]) for topic in (*TOPICS, DEADLETTER_TOPIC)},
        "operations": _operations(),
        "components": {
            "schemas": {"CloudEventsHeaders": _headers()},
            "messages": {_name(e): _message(e, events_dir) for e in events},
        },
    }


def _channel(topic: str, events: list[EventSchema]) -> Json:
    if topic not in TOPICS:  # dead letters: each consumer keeps its own in its store too
        retention, configuration = "the broker's default", {}
    else:  # the relays set it on every topic they publish to (relay.topics.ensure_topics)
        retention, configuration = "forever", {name: int(value) for name, value in KEPT_FOREVER.items()}
    return {
        "address": topic,
        "description": f"Keyed by {TOPIC_KEYS[topic]}. Retention: {retention}.",
        "messages": {_name(e): {"$ref": f"#/components/messages/{_name(e)}"} for e in events},
        "bindings": {"kafka": {"topicConfiguration": {**configuration, "cleanup.policy": ["delete"]}}},
    }


def _operations() -> Json:
    operations: Json = {}
    for app, topic in SOURCE_TOPICS.items():
        operations[f"relay.{app}"] = _operation("send", topic, f"the {app} relay")
    for reader in READERS:
        for topic in reader.topics:
            operations[f"{reader.name}.{topic}"] = _operation("receive", topic, reader.name)
    who = "every consumer, for a record it could not apply (ce_source /keten/consumers/<consumer>)"
    operations["consumers.deadletter"] = _operation("send", DEADLETTER_TOPIC, who)
    return operations


def _operation(action: str, topic: str, who: str) -> Json:
    # Without `messages`, an operation covers every message of its channel (AsyncAPI 3.0).
    return {"action": action, "summary": who, "channel": {"$ref": f"#/channels/{topic}"}}


def _message(event: EventSchema, events_dir: Path) -> Json:
    return {
        "name": event.ce_type,
        "title": _name(event),
        "contentType": "application/json",
        "headers": {"$ref": "#/components/schemas/CloudEventsHeaders"},
        "payload": {"$ref": f"{events_dir.name}/{event.path.name}"},
        "bindings": {"kafka": {"key": {"type": "string", "description": TOPIC_KEYS[event.topic]}}},
    }


def _headers() -> Json:
    return {
        "type": "object",
        "properties": {name: {"type": "string", "description": text} for name, text in CE_HEADERS.items()},
        "required": sorted(CE_HEADERS),
    }


def _name(event: EventSchema) -> str:
    return event.path.stem


def render(document: Json) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
