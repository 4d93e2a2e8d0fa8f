"""The signaller's pages: the same resolvers as GraphQL, refusals next to their field, no BSN in a URL."""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
import re

import pytest
from jsonschema import Draft202012Validator
from tests.unit.regie_pump import pump
from tests.unit.web_fixtures import WebGateway, build_web_gateway

from domain.errors import DomainError
from gateway.consistency import ViewBehind
from gateway.web.messages import FIELDS, GENERAL, MESSAGES
from gateway.web.signals import MY_SIGNALS
from kernel.cloudevents import ce_value
from keten.bootstrap import SCHEMAS_DIR

SCHEMAS = SCHEMAS_DIR / "events"

BSN = "111222333"
FORM = {"bsn": BSN, "birthDate": "2015-01-01", "municipalityCode": "GM0363"}
# The domain packages whose commands have pages; the case pages add domain.cases here.
PAGES_COVER = ("domain.errors", "domain.validation", "domain.identity", "domain.multisignaal", "domain.cases")
REGISTER = """mutation($input: RegisterSignalInput!) { registerSignal(input: $input) { signal { id } } }"""


@pytest.fixture
def web() -> WebGateway:
    return build_web_gateway()


async def test_a_bad_bsn_is_shown_next_to_its_field_with_the_input_kept_and_nothing_stored(
    web: WebGateway,
) -> None:
    mentor = web.professional("De Regenboog")
    browser = web.browser()
    await browser.sign_in_as(mentor)
    await browser.get("/signalen/nieuw")
    page = await browser.post("/signalen/nieuw", {**FORM, "bsn": "123456789", "ownReference": "K-1"})
    assert page.status_code == 400
    assert 'id="bsn-error"' in page.text and MESSAGES["INVALID_BSN"] in page.text
    assert 'aria-describedby="bsn-error bsn-hint"' in page.text and 'aria-invalid="true"' in page.text
    assert 'value="123456789"' in page.text and 'value="K-1"' in page.text
    assert web.count("signal_references") == 0
    too_old = await browser.post("/signalen/nieuw", {**FORM, "birthDate": "1990-01-01"})
    assert 'id="birthDate-error"' in too_old.text and MESSAGES["TOO_OLD"] in too_old.text
    assert web.services.multisignaal.signal_ids_about(BSN, mentor) == frozenset()


async def test_a_signal_registered_on_the_page_leaves_the_access_lines_graphql_leaves(
    web: WebGateway,
) -> None:
    by_page, by_graphql = web.professional("De Regenboog"), web.professional("Jeugdhulp Noord")
    browser = web.browser()
    await browser.sign_in_as(by_page)
    await browser.get("/signalen/nieuw")
    answer = await browser.post("/signalen/nieuw", FORM)
    assert answer.status_code == 200 and "Uw signaal is geregistreerd" in answer.text
    page_lines = list(web.lines)
    web.lines.clear()
    token = web.gateway.token_for(by_graphql)
    result = await web.gateway.run(token, REGISTER, input=FORM)
    assert result.errors is None
    assert [(a.kind, a.client_id, a.rule) for a in page_lines] == [
        (a.kind, a.client_id, a.rule) for a in web.lines
    ]
    assert page_lines[0].user_id == str(by_page) and re.fullmatch("[0-9a-f]{32}", page_lines[0].token_id)
    validator = Draft202012Validator(json.loads((SCHEMAS / "AccessRecorded.json").read_text()))
    for event in web.gateway.access.published:  # as the relay will publish them, the broker checks
        assert not list(validator.iter_errors(json.loads(ce_value(event))))


async def test_own_signals_are_found_by_bsn_in_a_post_body_and_carry_the_own_reference(
    web: WebGateway,
) -> None:
    mentor = web.professional("De Regenboog")
    browser = web.browser()
    await browser.sign_in_as(mentor)
    await browser.get("/signalen/nieuw")
    await browser.post("/signalen/nieuw", {**FORM, "ownReference": "client 4711"})
    await browser.post("/signalen/nieuw", {**FORM, "bsn": "123456782", "ownReference": "client 9"})
    pump(web.gateway)  # the view is built from the events, as the projector would
    listed = await browser.get("/signalen")
    assert "client 4711" in listed.text and "client 9" in listed.text
    found = await browser.post("/signalen/zoeken", {"bsn": BSN})
    assert "client 4711" in found.text and "client 9" not in found.text
    (signal_id,) = web.services.multisignaal.signal_ids_about(BSN, mentor)
    token = web.gateway.token_for(mentor)
    by_bsn = await web.gateway.run(token, MY_SIGNALS, bsn=BSN)
    assert by_bsn.data["mySignals"] == [
        {**by_bsn.data["mySignals"][0], "id": str(signal_id), "ownReference": "client 4711"}
    ]
    identity, references = web.services.identity, web.services.signal_references
    own, other = (identity.professional(p).organisation_id for p in (mentor, web.professional("Noord")))
    assert references.of(str(signal_id), own) == "client 4711"
    assert references.of(str(signal_id), other) is None  # sealed per organisation
    with web.db.read() as cursor:
        cursor.execute("SELECT sealed FROM signal_references")
        assert all("client" not in sealed for (sealed,) in cursor.fetchall())


async def test_no_page_puts_a_bsn_in_a_url(web: WebGateway) -> None:
    browser = web.browser()
    await browser.sign_in_as(web.professional("De Regenboog"))
    for path in ("/signalen", "/signalen/nieuw"):
        page = await browser.get(path)
        assert 'method="get"' not in page.text.lower()
    await browser.get("/signalen")
    found = await browser.post("/signalen/zoeken", {"bsn": BSN})
    assert found.status_code == 200 and BSN not in str(found.url)


async def test_the_message_table_speaks_dutch_for_every_code_the_domain_declares() -> None:
    codes = {
        member.code
        for package in PAGES_COVER
        for module in _modules(importlib.import_module(package))
        for _, member in inspect.getmembers(module, inspect.isclass)
        if issubclass(member, DomainError) and member.__module__ == module.__name__
    }
    web_codes = {"SIGN_IN_FAILED", "WRONG_CODE", "EMAIL_IN_USE", "LINK_UNKNOWN", "LINK_EXPIRED"}
    web_codes.add(ViewBehind.code)  # a page reads mySignals, which waits for the caller's writes
    missing = sorted(c for c in codes | web_codes if c not in MESSAGES)
    assert not missing, f"no Dutch message for {missing}; pages would show {GENERAL!r}"


def test_a_refusal_is_placed_next_to_a_form_field_never_under_a_sentence() -> None:
    # A refusal keyed by anything but a field's name shows nowhere: not next to a field, not above.
    not_fields = sorted(code for code, name in FIELDS.items() if not re.fullmatch(r"[A-Za-z_]+", name))
    assert not not_fields, f"FIELDS names no form field for {not_fields}"


def _modules(package: object) -> list[object]:
    path = getattr(package, "__path__", None)
    if path is None:
        return [package]
    names = [info.name for info in pkgutil.walk_packages(path, f"{package.__name__}.")]  # type: ignore[attr-defined]
    return [importlib.import_module(name) for name in names]


async def test_an_archived_earlier_signal_of_another_organisation_is_shown_once(web: WebGateway) -> None:
    earlier, later = web.professional("De Regenboog"), web.professional("Jeugdhulp Noord")
    first = web.browser()
    await first.sign_in_as(earlier)
    await first.get("/signalen/nieuw")
    await first.post("/signalen/nieuw", FORM)
    (signal_id,) = web.services.multisignaal.signal_ids_about(BSN, earlier)
    await first.get("/signalen")
    assert (await first.post(f"/signalen/{signal_id}/intrekken", {"reason": "RISK_GONE"})).status_code == 303
    second = web.browser()
    await second.sign_in_as(later)
    await second.get("/signalen/nieuw")
    shown = await second.post("/signalen/nieuw", FORM)
    assert "Eerder signaal van een andere organisatie" in shown.text and "De Regenboog" in shown.text
    assert "de.regenboog@example.org" in shown.text
    third = web.browser()
    await third.sign_in_as(web.professional("Politie Noord"))
    await third.get("/signalen/nieuw")
    after = await third.post("/signalen/nieuw", FORM)
    assert "Uw signaal is geregistreerd" in after.text and "Eerder signaal" not in after.text  # shown once
