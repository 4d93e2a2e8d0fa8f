"""`keten retention run`: destroys the keys of closed cases whose retention has ended.

The rule lives in `domain.cases.retention`; here it meets the key store, which opens the
children's birth dates and destroys the keys. A key destroyed before (an erasure, an earlier
run) is left as it is, so its destruction date stays the first one.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from domain.cases.application import CasesApplication
from domain.cases.case import Case
from domain.cases.retention import closed_cases, keys_of, retained_until
from keten.keystore import ERASED, KeyStore


def run_retention(cases: CasesApplication, keys: KeyStore, today: date) -> list[UUID]:
    """The cases whose keys this run destroyed (not those destroyed before)."""
    shredded = []
    for case_id, closed_on in closed_cases(cases):
        if keys.is_destroyed(str(case_id)):
            continue
        case: Case = cases.repository.get(case_id)  # closed_cases yields case ids only
        if today >= retained_until(closed_on, child_birth_dates(case, keys)):
            for key_id in keys_of(case):
                if not keys.is_destroyed(str(key_id)):
                    keys.destroy(str(key_id), today.isoformat())
            shredded.append(case_id)
    return shredded


def child_birth_dates(case: Case, keys: KeyStore) -> list[date]:
    """The children's birth dates that can still be read; an erased child no longer counts."""
    opened = [
        keys.open_or_erased(str(b.person_id), b.birth_date) for b in case.betrokkenen.values() if b.is_child
    ]
    return [date.fromisoformat(text) for text in opened if text != ERASED]
