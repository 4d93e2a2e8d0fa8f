"""The published language in one place: every topic name and CloudEvents type keten uses.

Topics are versioned; a `ce_type` is `keten.<context>.<EventName>`. The JSON Schemas in
`schemas/events/` say what each record's value holds.
"""

from __future__ import annotations

SIGNALS_TOPIC = "keten.signals.v1"  # keyed by the young person's pseudonym
MATCHES_TOPIC = "keten.matches.v1"  # keyed by the young person's pseudonym
CASES_TOPIC = "keten.cases.v1"  # keyed by the case id (an advies: its own id)
ACCESS_TOPIC = "keten.access.v1"  # keyed by the client's pseudonymous id
TOPICS = (SIGNALS_TOPIC, MATCHES_TOPIC, CASES_TOPIC, ACCESS_TOPIC)
# Every record of the relayed topics is kept: a rebuild, a new view and a consumer that finds its
# offsets untrusted read them from offset 0 (a real Kafka's default deletes after a week).
KEPT_FOREVER = {"retention.ms": "-1"}
# What a consumer could not apply, for operators; keten reads it from no consumer.
DEADLETTER_TOPIC = "keten.deadletter.v1"
# What orders each topic: records of one key stay on one partition, in the order written.
TOPIC_KEYS = {
    SIGNALS_TOPIC: "the young person's pseudonym (HMAC-SHA256 of the BSN)",
    MATCHES_TOPIC: "the young person's pseudonym (HMAC-SHA256 of the BSN)",
    CASES_TOPIC: "the case id (an advies: its own id)",
    ACCESS_TOPIC: "the client's pseudonymous id",
    DEADLETTER_TOPIC: "the consumer's name (a view's, or matcher)",
}

SIGNALS_PREFIX = "keten.multisignaal."
SIGNAL_REGISTERED = SIGNALS_PREFIX + "SignalRegistered"
SIGNAL_WITHDRAWN = SIGNALS_PREFIX + "SignalWithdrawn"
SIGNAL_EXPIRED = SIGNALS_PREFIX + "SignalExpired"
SIGNAL_ENDED = (SIGNAL_WITHDRAWN, SIGNAL_EXPIRED)
INFORMING_DUE = SIGNALS_PREFIX + "InformingDue"
INFORMING_RECORDED = SIGNALS_PREFIX + "InformingRecorded"
INFORMING_POSTPONED = SIGNALS_PREFIX + "InformingPostponed"

MATCHES_PREFIX = "keten.matching."
PARTICIPANTS_ADDED = ("MatchFound", "MatchJoined")  # the match events that bring professionals in
CASES_PREFIX = "keten.cases."
ACCESS_RECORDED = "keten.access.AccessRecorded"
# A stored event that publishes several records (a batch of access lines) numbers them: record i
# of notification n has ce_sequence n × RECORDS_PER_EVENT + i and ce_id "<id>:<version>:<i>".
# Sequences stay unique and rising per key, so consumers dedupe every record as before.
RECORDS_PER_EVENT = 1024
RECORD_DEAD_LETTERED = "keten.consumers.RecordDeadLettered"


def source_of(application: str) -> str:
    """The `ce_source` of an application's records."""
    return f"/keten/{application}"


def consumer_source(consumer: str) -> str:
    """The `ce_source` of a consumer's dead letters."""
    return f"/keten/consumers/{consumer}"


def stream_of(source: str, key: str) -> str:
    """What a consumer orders and dedupes by: one application's records of one key."""
    return f"{source}|{key}"
