"""Random but valid test data: BSNs that pass the elfproef, municipality codes, names."""

from __future__ import annotations

import random
import uuid

_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2)


def random_bsn(rng: random.Random | None = None) -> str:
    """A 9-digit number that passes the elfproef (the last digit is the check)."""
    rng = rng or random.Random()
    while True:
        head = [rng.randrange(10) for _ in range(8)]
        check = sum(d * w for d, w in zip(head, _WEIGHTS, strict=True)) % 11
        if check < 10 and any(head):
            return "".join(map(str, head)) + str(check)


def random_name(prefix: str = "prof") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def random_email() -> str:
    return f"{uuid.uuid4().hex[:10]}@example.org"
