"""The published language of the multisignaal context: keten.signals.v1.

Only ids, the young person's pseudonym, the keyed municipality reference and times leave
the signal store. The planned removal date can reveal a 23rd birthday, so it travels sealed
with the young person's key (crypto-shredded with the record). So does everything about
informing (Jw 7.1.5): the age band, whom the professional informed and a postponement's
revisit date; a postponement's reason does not leave the store at all.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any, Protocol
from uuid import UUID

from domain.multisignaal.record import YouthRecord
from kernel.cloudevents import PublicEvent
from kernel.contracts import SIGNAL_REGISTERED, SIGNALS_PREFIX, SIGNALS_TOPIC


class Sealer(Protocol):
    def seal(self, key_id: str, plaintext: str) -> str: ...


INFORMING = ("InformingDue", "InformingRecorded", "InformingPostponed")


def subject_key(subject: str) -> str:
    return f"youth:{subject}"


class SignalsMapper:
    # The stored events worth reading: the rest (Opened, SignalRef, archive bookkeeping) is
    # never published, so the relay need not decrypt it.
    event_topics = tuple(
        f"{YouthRecord.__module__}:YouthRecord.{name}"
        for name in ("SignalRegistered", "SignalWithdrawn", "SignalExpired", *INFORMING)
    )

    def __init__(self, sealer: Sealer, subject_of: Callable[[UUID], str]) -> None:
        self.sealer = sealer
        # Published events carry the subject. Those stored before they did are looked up: a
        # record's subject never changes, so one read of the record's first event, cached.
        self._lookup = lru_cache(maxsize=65536)(subject_of)

    def prepare(self, events: list[Any]) -> None:
        """Makes the batch's data keys in one go."""
        ensure = getattr(self.sealer, "ensure", None)
        if ensure is not None:
            ensure({subject_key(self._subject(e)) for e in events if _sealed_kind(e)})

    def _subject(self, event: Any) -> str:
        subject: str | None = getattr(event, "subject", None)
        return subject or self._lookup(event.originator_id)

    def __call__(self, event: Any) -> PublicEvent | None:
        kind = type(event).__name__ if isinstance(event, YouthRecord.Event) else None
        if kind == "SignalRegistered":
            return self._registered(event)
        if kind in ("SignalWithdrawn", "SignalExpired"):
            return self._ended(event)
        if kind in INFORMING:
            return self._informing(event)
        return None

    def _registered(self, event: Any) -> PublicEvent:
        subject = self._subject(event)
        data = {
            "signalId": str(event.signal_id),
            "subject": subject,
            "organisationId": str(event.organisation_id),
            "professionalId": str(event.professional_id),
            "municipalityRef": event.municipality_ref,
            "registeredAt": event.registered_at.isoformat(),
            "expiresOnSealed": self.sealer.seal(subject_key(subject), event.expires_on.isoformat()),
        }
        return PublicEvent(
            SIGNALS_TOPIC,
            SIGNAL_REGISTERED,
            subject,
            str(event.originator_id),
            data,
            event.timestamp,
        )

    def _ended(self, event: Any) -> PublicEvent:
        subject = self._subject(event)
        data: dict[str, Any] = {"signalId": str(event.signal_id), "subject": subject}
        if type(event).__name__ == "SignalWithdrawn":
            kind = "SignalWithdrawn"
            data |= {"endedAt": event.at.isoformat(), "reason": event.reason.value}
        else:
            # An expiry may fall on the 23rd birthday: neither its cause nor its day travels in
            # clear. (The record's own time still shows when it was written; only keten's
            # processes may read these topics.)
            kind = "SignalExpired"
            data["endedAtSealed"] = self.sealer.seal(subject_key(subject), event.at.isoformat())
        return PublicEvent(
            SIGNALS_TOPIC, SIGNALS_PREFIX + kind, subject, str(event.originator_id), data, event.timestamp
        )

    def _informing(self, event: Any) -> PublicEvent:
        subject, kind = self._subject(event), type(event).__name__
        field, plaintext = _informing_field(event)
        data = {
            "signalId": str(event.signal_id),
            "subject": subject,
            field: self.sealer.seal(subject_key(subject), plaintext),
        }
        return PublicEvent(
            SIGNALS_TOPIC, SIGNALS_PREFIX + kind, subject, str(event.originator_id), data, event.timestamp
        )


def _informing_field(event: Any) -> tuple[str, str]:
    kind = type(event).__name__
    if kind == "InformingDue":
        return "bandSealed", event.band.value
    if kind == "InformingRecorded":
        return "informedSealed", ",".join(who.value for who in event.informed)
    return "revisitOnSealed", event.revisit_on.isoformat()


def _sealed_kind(event: Any) -> bool:
    return isinstance(event, YouthRecord.Event) and type(event).__name__ in (
        "SignalRegistered",
        "SignalExpired",
        *INFORMING,
    )
