"""Where a consumer resumes a partition: the handler's own stored offset, when it still
belongs to this incarnation of the topic; otherwise the start of the partition.

A stored offset is only trusted while the record just before it is the very record the
handler saw there (its `ce_source|ce_sequence`). A broker that lost its topics, a cluster
restored from a backup or a topic created again renumbers records: there the stored offset
may be beyond the partition's end, or point at other records. Reading from 0 is always safe —
handlers drop what they have applied — and never skips a record.
"""

from __future__ import annotations

from collections.abc import Collection

from kafka import KafkaConsumer
from kafka import TopicPartition as KafkaTopicPartition

from kernel import kafka_clients

PEEK_TIMEOUT_MS = 2000
Partition = tuple[str, int]


def trusted_offsets(
    bootstrap_servers: str, stored: dict[Partition, tuple[int, str]], wanted: Collection[Partition]
) -> dict[Partition, int]:
    """Per wanted partition, where to resume reading: the stored offset, or 0."""
    candidates = {tp: stored[tp] for tp in wanted if tp in stored and stored[tp][0] > 0}
    if not candidates:
        return dict.fromkeys(wanted, 0)
    peek = kafka_clients.consumer(bootstrap_servers, enable_auto_commit=False)
    try:
        ends = peek.end_offsets([KafkaTopicPartition(*tp) for tp in candidates])
        kept = {
            tp: offset
            for tp, (offset, last) in candidates.items()
            if offset <= ends.get(KafkaTopicPartition(*tp), 0) and event_before(peek, tp, offset) == last
        }
    finally:
        peek.close()
    return {tp: kept.get(tp, 0) for tp in wanted}


def event_before(peek: KafkaConsumer, topic_partition: Partition, offset: int) -> str | None:
    """`ce_source|ce_sequence` of the record at offset - 1, or None where there is none."""
    if offset <= 0:
        return None
    partition = KafkaTopicPartition(*topic_partition)
    peek.assign([partition])
    peek.seek(partition, offset - 1)
    for record in peek.poll(timeout_ms=PEEK_TIMEOUT_MS, max_records=1).get(partition, []):
        if record.offset == offset - 1:
            headers = {name: bytes(value).decode() for name, value in record.headers or ()}
            return f"{headers.get('ce_source')}|{headers.get('ce_sequence')}"
    return None
