"""Personal fields reach the case aggregates only sealed: ciphertext under a key per case or person.

The aggregates never see plaintext names, BSNs, birth dates, addresses or free text; they
hold `Sealed` strings, which the application makes with a `Sealer` before it commands them.
The key id chooses what one erasure destroys ("crypto-shredding"; the events stay as they
are, their sealed fields become unreadable):

- a person's own data (name, BSN, birth date, own statement, what they said when heard):
  the person's id, so one person's erasure leaves the rest of the file readable;
- a citizen melder's name and contact details: the melder's own person id;
- the case's free text (concerns, meldcode answers, reasons, findings, answers from
  professionals): the case id;
- an advies: the advies id; a lokaal team plan: the plan id.
"""

from __future__ import annotations

from typing import NewType, Protocol
from uuid import UUID

Sealed = NewType("Sealed", str)


class Sealer(Protocol):
    def seal(self, key_id: str, plaintext: str) -> str:
        """Encrypts plaintext under the key named key_id (creating the key if needed)."""
        ...

    def open(self, key_id: str, sealed: str) -> str:
        """Decrypts; fails once the key was destroyed."""
        ...


def seal(sealer: Sealer, key_id: UUID, plaintext: str) -> Sealed:
    return Sealed(sealer.seal(str(key_id), plaintext))


def seal_optional(sealer: Sealer, key_id: UUID, plaintext: str | None) -> Sealed | None:
    """Blank text counts as none: once sealed, even an empty string would look like an answer."""
    return seal(sealer, key_id, plaintext) if plaintext and plaintext.strip() else None
