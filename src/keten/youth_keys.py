"""The end of a young person's data in the verwijsindex, by crypto-shredding.

The sweep (`MultisignaalApplication.sweep`) names the young people whose record has nothing
left to keep: they turned 23, or every signal ended and no archive is left. Here their key
`youth:<pseudonym>` is destroyed, so the sealed removal dates and end times on Kafka and in
the views can no longer be read (`mySignals` then shows no removal date). A key destroyed
before keeps its date.

A record can open again (a new worry about a young person under 23 whose signals all ended):
its new records then travel with `SHREDDED` in their sealed fields, which reads as erased;
the removal date is shown to the professional once, in the registration's answer.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from domain.multisignaal.application import MultisignaalApplication, SweepResult
from keten.keystore import KeyDestroyed, KeyStore
from relay.signals import subject_key

SHREDDED = "AAAA"  # valid base64 that no key opens: the young person's key is gone


class YouthSealer:
    """Seals under the young person's key; once that key is shredded, seals nothing."""

    def __init__(self, keys: KeyStore) -> None:
        self.keys = keys

    def ensure(self, key_ids: Iterable[str]) -> None:
        """Makes a relay batch's keys in one transaction; a shredded key stays shredded."""
        self.keys.ensure(key_ids)

    def seal(self, key_id: str, plaintext: str) -> str:
        try:
            return self.keys.seal(key_id, plaintext)
        except KeyDestroyed:
            return SHREDDED


def shred_finished(keys: KeyStore, subjects: Iterable[str], today: date) -> list[str]:
    """Destroys the keys of these young people; returns those destroyed now (not before)."""
    shredded = []
    for subject in subjects:
        if not keys.is_destroyed(subject_key(subject)):
            keys.destroy(subject_key(subject), today.isoformat())
            shredded.append(subject)
    return shredded


def sweep_verwijsindex(app: MultisignaalApplication, keys: KeyStore) -> tuple[SweepResult, list[str]]:
    """One sweep: expiries, archive purges, then the keys of records with nothing left."""
    result = app.sweep()
    return result, shred_finished(keys, result.finished, app.clock().date())
