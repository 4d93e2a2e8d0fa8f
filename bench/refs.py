"""Random but valid inputs: BSNs that pass the elfproef and birth dates of young people."""

from __future__ import annotations

import random
from datetime import date, timedelta

_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2)


def random_bsn(rng: random.Random) -> str:
    """A 9-digit number that passes the elfproef (the last digit is the check)."""
    while True:
        head = [rng.randrange(10) for _ in range(8)]
        check = sum(d * w for d, w in zip(head, _WEIGHTS, strict=True)) % 11
        if check < 10 and any(head):
            return "".join(map(str, head)) + str(check)


def unique_bsns(rng: random.Random, count: int) -> list[str]:
    """count different valid BSNs: each stands for another young person."""
    seen: dict[str, None] = {}
    while len(seen) < count:
        seen[random_bsn(rng)] = None
    return list(seen)


def youth_birth_date(rng: random.Random, today: date) -> date:
    """Someone between 1 and 20 years old today: well inside the verwijsindex's 0-23."""
    return today - timedelta(days=rng.randrange(365, 20 * 365))
