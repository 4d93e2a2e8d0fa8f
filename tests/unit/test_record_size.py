"""The input limits keep every event publishable: the largest melding fits Kafka's 1 MB many times.

A record on keten.cases.v1 seals each personal field (base64 of nonce + UTF-8 + tag) inside a
payload that is sealed once more, so a character can cost 4 × 4/3 × 4/3 ≈ 7.1 bytes. The
melding and the advies below are the largest the limits allow, every character four bytes of
UTF-8; README "Input limits" derives the same figure by hand.
"""

from __future__ import annotations

from uuid import uuid4

from kafka.record.default_records import DefaultRecordBatchBuilder
from tests.unit.cases.casework import child, melding_form
from tests.unit.cases_fixtures import CasesPipeline

from domain.cases.application import MeldingForm, PersonDetails
from domain.validation import limits
from kernel.cloudevents import PublicEvent, ce_headers, ce_value

KAFKA_DEFAULT = 1_048_576  # max.request.size of a producer, message.max.bytes of a broker
WORST_CASE_BOUND = 256 * 1024  # README: the largest record stays under a quarter of it
WIDE = "😀"  # one character, four bytes of UTF-8 — the most a character can weigh


def wide(count: int) -> str:
    return WIDE * count


def largest_melding() -> MeldingForm:
    person = PersonDetails(child().role, wide(limits.NAME), child().birth_date, "111222333")
    step = wide(limits.ITEM)
    return melding_form(
        betrokkenen=[person] * limits.MAX_BETROKKENEN,
        concerns=wide(limits.ACCOUNT),
        family_informed=False,
        family_not_informed_reason=wide(limits.ITEM),
        anonymous=True,
        anonymity_reason=wide(limits.ITEM),
        meldcode_steps=[step] * 5,
        afwegingen=[True] * 5,
        melder_name=wide(limits.NAME),
        melder_contact=wide(limits.MELDER_CONTACT.max_length),
    )


def record_size(event: PublicEvent) -> int:
    """What kafka-python weighs against max.request.size: key, value, headers and batch overhead."""
    headers = ce_headers(event, uuid4().hex, "/keten/cases", 2**40)
    return int(DefaultRecordBatchBuilder.estimate_size_in_bytes(event.key.encode(), ce_value(event), headers))


def test_the_largest_melding_maps_to_a_record_well_below_kafkas_limit() -> None:
    pipeline = CasesPipeline()
    pipeline.app.receive_melding(largest_melding())

    [received] = pipeline.publish()

    assert received.type.endswith("Received")
    assert 200_000 < record_size(received) < WORST_CASE_BOUND < KAFKA_DEFAULT


def test_the_largest_advies_maps_to_a_record_well_below_kafkas_limit() -> None:
    pipeline = CasesPipeline()
    long, item = wide(limits.ACCOUNT), wide(limits.ITEM)
    pipeline.app.give_advies(long, long, item, uuid4())

    [given] = pipeline.publish()

    assert record_size(given) < WORST_CASE_BOUND
