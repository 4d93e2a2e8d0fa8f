"""Outside the signal store a young person is known only by a keyed hash of the BSN."""

from __future__ import annotations

import hashlib
import hmac
from uuid import UUID, uuid5

_NAMESPACE = UUID("6f1c2a4e-8d3b-5b7e-9a41-2c0d7e5f3b19")


class Pseudonymiser:
    def __init__(self, pepper: bytes) -> None:
        if len(pepper) < 16:
            raise ValueError("the pepper must hold at least 16 random bytes")
        self._pepper = pepper

    def subject(self, bsn: str) -> str:
        return self._mac("bsn:" + bsn)

    def municipality(self, code: str) -> str:
        # Municipality codes are few and guessable; keyed, they reveal nothing on Kafka.
        return self._mac("gm:" + code)

    def _mac(self, value: str) -> str:
        return hmac.new(self._pepper, value.encode(), hashlib.sha256).hexdigest()


def record_id(subject: str) -> UUID:
    """The aggregate id of one young person's record, derived from the pseudonym."""
    return uuid5(_NAMESPACE, subject)
