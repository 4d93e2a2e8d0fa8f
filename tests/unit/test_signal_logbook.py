"""The verwijsindex logboek: who registered, withdrew or was notified of a signal and when,
built from the published signal and match events; consulting it is itself logged."""

from __future__ import annotations

import json
from typing import Any
from uuid import UUID

import pytest
from tests.random_refs import random_bsn
from tests.unit.gateway_fixtures import Gateway, build_gateway

from domain.identity.model import Role, Sector
from domain.multisignaal.record import YouthRecord
from kernel.cloudevents import ReceivedEvent, ce_value
from projections.signal_logbook import SignalLogbookView
from relay.signals import SignalsMapper

REGISTER = """mutation ($input: RegisterSignalInput!) { registerSignal(input: $input) { signal { id } } }"""
WITHDRAW = """mutation ($id: ID!) { withdrawSignal(signalId: $id, reason: RISK_GONE) { status } }"""
LOGBOOK = """query ($bsn: String) { signalLogbook(bsn: $bsn) {
  action at signalId matchId professionalId organisationId } }"""


class Sealer:
    def seal(self, key_id: str, plaintext: str) -> str:
        return "c2VhbGVk"


@pytest.fixture
def gateway() -> Gateway:
    return build_gateway()


def publish_signals(gateway: Gateway) -> None:
    """Plays the relay and the consumer for keten.signals.v1 into the logbook view."""
    app = gateway.services.multisignaal

    def subject_of(record_id: UUID) -> str:
        first: YouthRecord = app.repository.get(record_id, version=1)
        return first.subject

    mapper, view = SignalsMapper(Sealer(), subject_of), gateway.services.logbook
    assert isinstance(view, SignalLogbookView)
    for notification in app.recorder.select_notifications(1, 1000):
        public = mapper(app.mapper.to_domain_event(notification))
        if public is not None:
            data = json.loads(ce_value(public))
            event = ReceivedEvent(
                "/keten/multisignaal",
                notification.id,
                public.type,
                public.key,
                data,
                public.topic,
                0,
                notification.id,
                public.time,
                public.subject,
            )
            view.handle(event)


def match_found(gateway: Gateway, subject: str, tokens: list[str]) -> ReceivedEvent:
    participants = []
    for token in tokens:
        principal = gateway.services.verifier.verify(token, gateway.services.clock())
        municipality = gateway.services.pseudonymiser.municipality("GM0363")
        participants.append(
            {
                "organisationId": str(principal.organisation_id),
                "professionalId": str(principal.professional_id),
                "municipalityRef": municipality,
                "since": "2026-11-23T10:00:00+00:00",
            }
        )
    data = {
        "matchId": "7d3c1b8e-0000-4000-8000-000000000001",
        "since": participants[-1]["since"],
        "participants": participants,
    }
    return ReceivedEvent(
        "/keten/matching",
        1,
        "keten.matching.MatchFound",
        data["matchId"],
        data,
        "keten.matches.v1",
        0,
        0,
        None,
        subject,
    )


async def test_the_regievoerder_reads_who_registered_withdrew_and_was_notified(gateway: Gateway) -> None:
    bsn = random_bsn()
    school = gateway.professional("School", (Role.SIGNALLER,))
    jeugdhulp = gateway.professional("Jeugdhulp", (Role.SIGNALLER,))
    regievoerder = gateway.professional("Gemeente", (Role.REGIEVOERDER,), Sector.GEMEENTE)
    signal_input = {"bsn": bsn, "birthDate": "2011-04-30", "municipalityCode": "GM0363"}
    for token in (school, jeugdhulp):
        result = await gateway.run(token, REGISTER, input=signal_input)
        assert result.errors is None
    publish_signals(gateway)
    subject = gateway.services.pseudonymiser.subject(bsn)
    gateway.services.logbook.handle(match_found(gateway, subject, [school, jeugdhulp]))  # type: ignore[attr-defined]

    entries = (await gateway.run(regievoerder, LOGBOOK, bsn=bsn)).data["signalLogbook"]

    assert sorted(e["action"] for e in entries) == ["NOTIFIED", "NOTIFIED", "REGISTERED", "REGISTERED"]
    assert all(e["at"] for e in entries)
    [search] = [r for r in gateway.access.view.search() if r.kind == "SEARCH"]
    assert (search.client_id, search.rule) == (subject, "regievoerder.signal_logbook")


async def test_a_withdrawal_names_the_signaller_and_an_expiry_keeps_no_day(gateway: Gateway) -> None:
    bsn = random_bsn()
    school = gateway.professional("School", (Role.SIGNALLER,))
    auditor = gateway.professional("Toezicht", (Role.AUDITOR,))
    signal_input = {"bsn": bsn, "birthDate": "2011-04-30", "municipalityCode": "GM0363"}
    signal_id = (await gateway.run(school, REGISTER, input=signal_input)).data["registerSignal"]["signal"][
        "id"
    ]
    await gateway.run(school, WITHDRAW, id=signal_id)
    publish_signals(gateway)

    entries: list[dict[str, Any]] = (await gateway.run(auditor, LOGBOOK, bsn=bsn)).data["signalLogbook"]

    assert [e["action"] for e in entries] == ["REGISTERED", "WITHDRAWN"]
    assert entries[0]["professionalId"] == entries[1]["professionalId"]
    assert entries[1]["signalId"] == signal_id


async def test_the_logbook_is_only_for_the_regievoerder_of_the_municipality_and_the_auditor(
    gateway: Gateway,
) -> None:
    bsn = random_bsn()
    school = gateway.professional("School", (Role.SIGNALLER,))
    await gateway.run(
        school, REGISTER, input={"bsn": bsn, "birthDate": "2011-04-30", "municipalityCode": "GM0363"}
    )
    publish_signals(gateway)
    elsewhere_id = gateway.services.identity.register_organisation(
        "Gemeente Elders", Sector.GEMEENTE, "GM0855"
    )
    other = gateway.services.identity.register_professional(
        elsewhere_id, "rv", "rv@example.org", None, (Role.REGIEVOERDER,)
    )

    refused = await gateway.run(school, LOGBOOK, bsn=bsn)
    other_municipality = await gateway.run(gateway.token_for(other), LOGBOOK, bsn=bsn)

    assert refused.errors and refused.errors[0].extensions["code"] == "FORBIDDEN"
    assert other_municipality.data["signalLogbook"] == []
