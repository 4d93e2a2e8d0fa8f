"""Two registrations for one young person at the same moment: the save that loses the race
conflicts (IntegrityError, nothing stored) and is tried again on the record as it is now."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from typing import Any
from uuid import uuid4

import pytest
from eventsourcing.persistence import IntegrityError

from domain.multisignaal.application import SAVE_ATTEMPTS, MultisignaalApplication
from domain.multisignaal.pseudonym import Pseudonymiser, record_id

BSN, BORN, MUNICIPALITY = "111222333", date(2015, 5, 1), "GM0855"
POPO = {"PERSISTENCE_MODULE": "eventsourcing.popo"}


def an_app() -> MultisignaalApplication:
    return MultisignaalApplication(
        Pseudonymiser(os.urandom(32)), lambda: datetime(2026, 11, 30, 9, tzinfo=UTC), None, env=POPO
    )


def test_a_registration_that_loses_a_race_is_tried_again_beside_the_winner(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = an_app()
    save, winner = app.save, []

    def another_gateway_first(*objects: Any, **kwargs: Any) -> Any:
        if not winner:  # the other professional's registration is stored in between
            monkeypatch.setattr(app, "save", save)
            winner.append(app.register_signal(BSN, BORN, MUNICIPALITY, uuid4(), uuid4()))
            monkeypatch.setattr(app, "save", another_gateway_first)
            raise IntegrityError("another save came first")
        return save(*objects, **kwargs)

    monkeypatch.setattr(app, "save", another_gateway_first)
    registration = app.register_signal(BSN, BORN, MUNICIPALITY, uuid4(), uuid4())

    record: Any = app.get_aggregate(record_id(app.pseudonymiser.subject(BSN)))
    assert len(winner) == 1 and registration.signal.id != winner[0].signal.id
    assert set(record.signals) == {registration.signal.id, winner[0].signal.id}


def test_a_record_that_keeps_changing_raises_after_the_attempts(monkeypatch: pytest.MonkeyPatch) -> None:
    app, tries = an_app(), []

    def always_conflicts(*objects: Any, **kwargs: Any) -> Any:
        tries.append(1)
        raise IntegrityError("another save came first")

    monkeypatch.setattr(app, "save", always_conflicts)
    with pytest.raises(IntegrityError):
        app.register_signal(BSN, BORN, MUNICIPALITY, uuid4(), uuid4())
    assert len(tries) == SAVE_ATTEMPTS
