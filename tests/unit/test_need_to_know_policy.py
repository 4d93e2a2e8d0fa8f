"""The need-to-know policy file: it loads, it names only what keten knows, the gateway serves
no field it does not list, and bad input stops start-up with a message naming the culprit."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

import keten.bootstrap as bootstrap_module
from domain.policy.need_to_know import POLICY_FILE, PolicyError, load_policy
from domain.policy.table import markdown
from gateway.policy import enforce, policy
from gateway.schema import schema
from keten.bootstrap import SCHEMAS_DIR, check_need_to_know
from keten.cli import main
from keten.schema_registry import load_event_schemas

NINE = {
    "melder",
    "vt_medewerker",
    "vertrouwensarts",
    "receiver_before_acceptance",
    "receiver_after_acceptance",
    "regisseur",
    "regievoerder",
    "signaller",
    "auditor",
}


def test_the_shipped_policy_covers_every_audience_and_matches_the_schema() -> None:
    assert set(policy().audiences) >= NINE
    check_need_to_know()


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "need_to_know.toml"
    path.write_text(text)
    return path


def test_an_unknown_audience_fails_with_its_name(tmp_path: Path) -> None:
    text = POLICY_FILE.read_text().replace("[audience.melder]", "[audience.buurvrouw]")
    text = text.replace("[audience.melder.fields]", "[audience.buurvrouw.fields]")
    with pytest.raises(PolicyError, match="audience 'buurvrouw': unknown audience"):
        load_policy(write(tmp_path, text))


def test_an_unknown_field_fails_with_its_name(tmp_path: Path) -> None:
    text = POLICY_FILE.read_text().replace(
        'Betrokkene = ["id", "role", "name", "birthDate", "bsn"]',
        'Betrokkene = ["id", "role", "name", "birthDate", "bsn", "adres"]',
    )
    with pytest.raises(PolicyError, match="unknown field of Betrokkene 'adres'"):
        enforce(load_policy(write(tmp_path, text)), schema)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('queries = ["myMeldingen"', 'queries = ["allCases", "myMeldingen"', "unknown query 'allCases'"),
        ('states = ["RECEIVED"', 'states = ["ARCHIVED", "RECEIVED"', "unknown state 'ARCHIVED'"),
        ("MyMelding = [", "MyMeldingen = [", "unknown type 'MyMeldingen'"),
    ],
)
def test_other_unknown_names_fail_with_their_name(tmp_path: Path, old: str, new: str, message: str) -> None:
    text = POLICY_FILE.read_text().replace(old, new, 1)
    with pytest.raises(PolicyError, match=message):
        enforce(load_policy(write(tmp_path, text)), schema)


def test_an_unknown_event_type_fails(tmp_path: Path) -> None:
    text = POLICY_FILE.read_text().replace(
        '"keten.cases.Received", "keten.cases.Triaged"', '"keten.cases.Gossip"', 1
    )
    with pytest.raises(PolicyError, match=r"unknown event 'keten\.cases\.Gossip'"):
        events = frozenset(event.ce_type for event in load_event_schemas(SCHEMAS_DIR / "events"))
        enforce(load_policy(write(tmp_path, text)), schema, events)


@pytest.mark.parametrize("text", ["[audience.melder]\nwho = 'x'\n", "not toml at all [", "[other]\n"])
def test_a_malformed_policy_fails(tmp_path: Path, text: str) -> None:
    with pytest.raises(PolicyError, match="need-to-know policy"):
        load_policy(write(tmp_path, text))


def test_a_field_the_schema_serves_but_the_policy_omits_stops_start_up() -> None:
    shipped = policy()
    melder = shipped["melder"]
    fields = {**melder.fields, "Terugkoppeling": melder.fields["Terugkoppeling"] - {"melderRole"}}
    narrowed = replace(shipped, audiences={**shipped.audiences, "melder": replace(melder, fields=fields)})
    with pytest.raises(PolicyError, match=r"'myMeldingen' serves Terugkoppeling\.melderRole"):
        enforce(narrowed, schema)


def test_a_query_no_audience_claims_stops_start_up() -> None:
    shipped = policy()
    melder = shipped["melder"]
    narrowed_melder = replace(melder, queries=melder.queries - {"whoViewedMyMeldingen"})
    narrowed = replace(shipped, audiences={**shipped.audiences, "melder": narrowed_melder})
    with pytest.raises(PolicyError, match="'whoViewedMyMeldingen' returns data but no audience lists it"):
        enforce(narrowed, schema)


def test_keten_refuses_to_start_on_a_bad_policy_with_a_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = POLICY_FILE.read_text().replace("[audience.auditor]", "[audience.auditors]")
    path = write(tmp_path, bad.replace("[audience.auditor.fields]", "[audience.auditors.fields]"))
    monkeypatch.setattr(bootstrap_module, "policy", lambda: load_policy(path))

    with pytest.raises(SystemExit) as stopped:
        main(["token", "--admin", "--data-dir", str(tmp_path / "data")])

    assert "audience 'auditors': unknown audience" in str(stopped.value.code)


def test_the_readme_shows_the_policy_table_as_generated_from_the_file() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text()
    start = readme.index("<!-- need-to-know table: generated -->\n") + len(
        "<!-- need-to-know table: generated -->\n"
    )
    end = readme.index("<!-- need-to-know table: end -->")
    assert readme[start:end] == markdown(policy()), "stale README: regenerate the need-to-know table"
