"""Which failures belong to one record (park it) and which to the surroundings (wait and retry).

A broker that is down, a lost connection or a locked database says nothing about the record
being published: the relay waits and tries again, as it always did. A record the broker refuses
(too large, failing its topic's schema), or a stored event that cannot be read or mapped, fails
the same way however often it is tried: after a few attempts it is parked, and the relay goes on.

The reason kept for a parked record is fixed text per cause, never an exception's message:
a message may echo a value (a mapper's KeyError names the missing field, a decoder's error
may quote the bytes), and the reason ends up in a log line, a table and a status report.
"""

from __future__ import annotations

from dataclasses import dataclass

from kafka.errors import (
    CorruptRecordError,
    InvalidRecordError,
    InvalidTimestampError,
    KafkaError,
    MessageSizeTooLargeError,
    RecordListTooLargeError,
)

from kernel import failures

# The broker's answers about one record: retrying them cannot help.
REFUSALS: dict[type[KafkaError], str] = {
    MessageSizeTooLargeError: "the record is larger than the broker accepts",
    RecordListTooLargeError: "the record is larger than the broker accepts",
    InvalidRecordError: "the broker refused the record (it breaks its topic's schema)",
    CorruptRecordError: "the broker found the record corrupt",
    InvalidTimestampError: "the broker refused the record's timestamp",
}
# Not about any one record: the broker or a database is away for a while.
ENVIRONMENT = failures.ENVIRONMENT

UNREADABLE = "the stored event could not be read (decrypted, decompressed or decoded)"
UNMAPPABLE = "the stored event could not be mapped to its public record"


@dataclass(frozen=True)
class Fault:
    """Why one record could not be published: the exception's type and a fixed reason."""

    error_type: str
    reason: str


def refusal(error: BaseException) -> Fault | None:
    """The fault when the broker refused this one record; None for anything else."""
    for kind, reason in REFUSALS.items():
        if isinstance(error, kind):
            return Fault(type(error).__name__, reason)
    return None


def of_record(error: Exception, reason: str) -> Fault | None:
    """The fault of a record that failed to be read or mapped; None when the failure is the
    surroundings' (a broker or database away), which must not park anything."""
    if isinstance(error, ENVIRONMENT):
        return None
    return Fault(type(error).__name__, reason)


class RecordFailed(Exception):
    """One record failed and will be tried again after a pause (not yet parked)."""

    def __init__(self, notification_id: int, fault: Fault, attempt: int) -> None:
        super().__init__(f"notification {notification_id}: {fault.error_type}")
        self.notification_id, self.fault, self.attempt = notification_id, fault, attempt


class BatchRefused(Exception):
    """The broker refused a record of a pipelined batch; which one is found by publishing the
    records one at a time (a refused batch fails as a whole, innocent records included)."""
