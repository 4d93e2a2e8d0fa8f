"""Veilig Thuis's verwijsindex signals for a melding's children (rule: `domain.cases.signalling`).

The gateway holds the plaintext of the meldformulier for the length of one request, so it
registers the signals right after the case is saved, and records their ids on the case.
"""

from __future__ import annotations

from uuid import UUID

from domain.cases.application import MeldingForm
from domain.cases.signalling import signal_candidates
from domain.multisignaal.record import AlreadyWithdrawn
from gateway.context import Services


def register_signals(
    services: Services, case_id: UUID, form: MeldingForm, municipality_code: str, professional_id: UUID
) -> list[UUID]:
    """Signals every child of the melding on behalf of the recording Veilig Thuis professional."""
    children = [person for person in signal_candidates(form, services.today()) if person.bsn]
    signal_ids = [
        services.multisignaal.register_signal(
            str(child.bsn), child.birth_date, municipality_code, form.veilig_thuis_id, professional_id
        ).signal.id
        for child in children
    ]
    if signal_ids:
        services.cases.cases.register_signals(case_id, signal_ids, professional_id)
    return signal_ids


def withdraw_signals(services: Services, case_id: UUID) -> None:
    """Withdraws the closed case's signals; one that already ended (expired) is left as it is."""
    signals, reason = services.cases.cases.signals_to_withdraw(case_id)
    for signal_id, professional_id in signals.items():
        try:
            services.multisignaal.withdraw_signal(signal_id, professional_id, reason)
        except AlreadyWithdrawn:
            continue
